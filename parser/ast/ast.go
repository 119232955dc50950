package ast

import "github.com/vtlc/vtlc/parser/source"

// Node is any node of the tree.
type Node interface {
	Pos() source.Pos // first byte of the node's source
	End() source.Pos // one past its last byte
}

// Stmt is a template item: text, a reference printed in text, a directive.
type Stmt interface {
	Node
	stmtNode()
}

// Expr is an expression inside a directive, an argument list or an index.
type Expr interface {
	Node
	exprNode()
}

// Loc is embedded in every node: its source span.
type Loc struct{ Span source.Span }

func (l Loc) Pos() source.Pos { return l.Span.Start }
func (l Loc) End() source.Pos { return l.Span.End }

// Template is a parsed template file.
type Template struct {
	File *source.File
	Body []Stmt
}

// ---------------------------------------------------------------- statements

// Text is literal template text, after escapes and whitespace gobbling:
// exactly the bytes it renders. "Hello " in `Hello $name`.
type Text struct {
	Loc
	Value string
}

// Comment is `## …` or `#* … *#` (or `#** … *#`). It renders nothing; it is
// kept for tooling. Text is the comment's source, markers included.
type Comment struct {
	Loc
	Text string
}

// Output is a reference printed in template text: `$a`, `$!a.b`, `${a}`,
// `\$a`, `#$a` …  (Velocity 1.7 ASTReference.render).
//
//   - Escaped (odd number of backslashes before `$`): renders EscPrefix +
//     Literal when the value is non-null, EscPrefix + `\` + Literal when null.
//   - Otherwise: a non-null value renders EscPrefix + MorePrefix + toString;
//     null renders EscPrefix + EscPrefix + MorePrefix + (Quiet ? "" : Literal).
type Output struct {
	Loc
	Ref        *Ref
	Quiet      bool   // `$!a`, `$!{a}`
	Escaped    bool   // odd number of leading backslashes
	EscPrefix  string // half of the leading backslashes
	MorePrefix string // text before the `$` that belongs to the token, e.g. `#` in `#$a`
	Literal    string // the reference's source text as Velocity prints it when null: `$a.b`, `${a}`, `$!a`
}

// Set is `#set($target = value)`. Target is a reference; with no chain it
// assigns a variable, with a trailing property or index it calls put/set on
// the object the rest of the chain yields.
type Set struct {
	Loc
	Target *Ref
	Value  Expr
}

// If is `#if(c) … #elseif(c) … #else … #end`.
type If struct {
	Loc
	Clauses []*Clause // the #if clause first, then each #elseif
	Else    []Stmt    // nil when there is no #else
	HasElse bool
}

// Clause is one condition and its body.
type Clause struct {
	Loc
	Cond Expr
	Body []Stmt
}

// Foreach is `#foreach($var in iterable) … #end`.
type Foreach struct {
	Loc
	Var     string      // loop variable name, without `$`
	VarSpan source.Span // where the loop variable is written
	Iter    Expr
	Body    []Stmt
	// ArgCount is the number of arguments written (normally 3: `$x in
	// list`). Added by the parser: Velocity 1.7 checks nothing at parse
	// time. With two arguments Iter is nil and the loop renders nothing;
	// with fewer it fails when rendered (ArrayIndexOutOfBoundsException).
	ArgCount int
}

// Break is `#break` (leaves the innermost #foreach; outside any loop it
// ends the template, as Velocity 1.7 does).
type Break struct {
	Loc
	// Args are the arguments of `#break(…)`. Added by the parser: in 1.7 an
	// argument must be a scope object ($foreach…), which API Gateway never
	// provides, so a #break with arguments fails when it is rendered
	// ("… is not a valid org.apache.velocity.runtime.directive.Scope
	// instance"); without arguments it breaks as usual.
	Args []Expr
}

// Stop is `#stop`: the output so far is kept, the rest is skipped.
type Stop struct{ Loc }

// Define is `#define($name) … #end`: $name then renders Body, evaluated at
// each use with the variables current at that time.
type Define struct {
	Loc
	Name string
	Body []Stmt
}

// Macro is a `#macro(name $a $b) … #end` definition. API Gateway does not
// register inline macros, so it renders nothing and defines nothing; it is
// kept so that lint can warn about it.
type Macro struct {
	Loc
	Name   string
	Params []string
	Body   []Stmt
}

// Literal is directive-shaped text that Velocity prints verbatim: a call of
// a macro (macros are not registered on API Gateway), `#evaluate(…)` (not a
// directive on API Gateway), or an unknown `#name`. Name is the directive
// name, for tooling; Value is exactly what renders.
type Literal struct {
	Loc
	Name  string
	Value string
	Args  []Expr // the parsed arguments, for tooling; never evaluated
	Body  []Stmt // a block macro call's body (`#@name() … #end`), for tooling
}

// Include is `#include(…)` or `#parse(…)`. API Gateway has no resource
// loader, so rendering one fails with a render error at its position.
type Include struct {
	Loc
	Directive string // "include" or "parse"
	Args      []Expr
}

// ---------------------------------------------------------------- expressions

// Ref is a reference: a variable and a chain of property, method and index
// accesses: `$a.b.c('x')[0]`. Velocity evaluates the chain left to right;
// API Gateway's overlay turns a null anywhere in it into "" (see runtime).
type Ref struct {
	Loc
	Name    string      // root variable, without `$`
	Formal  bool        // written `${…}`
	Chain   []*Accessor // in source order
	Literal string      // source text of the reference, e.g. `$a.b('x')`
	// Runt is set for an identifier without "$" that Velocity's parser took
	// for a reference (a "RUNT": `x` in `$m.put('k', x)`). Added by the
	// parser: a runt evaluates to a true null (no "" overlay) and, printed
	// as a statement, renders just Name.
	Runt bool
}

// AccessorKind says what an Accessor does.
type AccessorKind uint8

const (
	PropAccess  AccessorKind = iota // `.name`
	CallAccess                      // `.name(args…)`
	IndexAccess                     // `[index]`
)

// Accessor is one step of a reference chain.
type Accessor struct {
	Loc
	Kind  AccessorKind
	Name  string // property or method name (PropAccess, CallAccess)
	Args  []Expr // CallAccess
	Index Expr   // IndexAccess
}

// StringLit is a string literal: `'…'`, or `"…"` with nothing to
// interpolate. Value is after unescaping.
type StringLit struct {
	Loc
	Value string
	Raw   string // source text, quotes included
}

// InterpString is a double-quoted string containing `$` or `#`: a small
// template evaluated each time into a String. Velocity 1.7 parses the
// content with a space appended and removes the last character of the
// rendered result when the content ends that way; the parser encodes this
// with DropLast, so the value is render(Parts) minus DropLast bytes.
type InterpString struct {
	Loc
	Parts    []Stmt
	DropLast int
	Raw      string
}

// IntLit is an integer literal as written (`-12`); the compiler types it as
// Integer, Long or BigInteger by magnitude, as Velocity does.
type IntLit struct {
	Loc
	Raw string
}

// FloatLit is a floating-point literal as written (`1.5`, `-2e3`).
type FloatLit struct {
	Loc
	Raw string
}

// BoolLit is `true` or `false`.
type BoolLit struct {
	Loc
	Value bool
}

// ListLit is `[a, b, c]`: a java.util.ArrayList.
type ListLit struct {
	Loc
	Elems []Expr
}

// MapLit is `{k: v, …}`: a java.util.LinkedHashMap in source order.
type MapLit struct {
	Loc
	Keys   []Expr
	Values []Expr
}

// RangeLit is `[from..to]`: an ArrayList of Integers, inclusive, counting
// down when from > to.
type RangeLit struct {
	Loc
	From, To Expr
}

// Word is a bare word argument (`in` of #foreach, a macro name). It only
// appears in directive argument lists kept for tooling.
type Word struct {
	Loc
	Name string
}

// Op is a unary or binary operator. Word forms (`eq`, `and`, `not`, …) are
// lowered to these.
type Op uint8

const (
	OpOr  Op = iota + 1 // ||, or
	OpAnd               // &&, and
	OpEq                // ==, eq
	OpNe                // !=, ne
	OpLt                // <, lt
	OpLe                // <=, le
	OpGt                // >, gt
	OpGe                // >=, ge
	OpAdd               // +
	OpSub               // -
	OpMul               // *
	OpDiv               // /
	OpMod               // %
	OpNot               // !, not (unary)
)

var opNames = [...]string{OpOr: "||", OpAnd: "&&", OpEq: "==", OpNe: "!=", OpLt: "<", OpLe: "<=",
	OpGt: ">", OpGe: ">=", OpAdd: "+", OpSub: "-", OpMul: "*", OpDiv: "/", OpMod: "%", OpNot: "!"}

func (o Op) String() string {
	if int(o) < len(opNames) && opNames[o] != "" {
		return opNames[o]
	}
	return "?"
}

// Unary is `!x`.
type Unary struct {
	Loc
	Op Op
	X  Expr
}

// Binary is `x op y`, left-associative with Velocity's precedence.
type Binary struct {
	Loc
	Op   Op
	X, Y Expr
}

// Paren is `(x)` inside an expression; kept so positions and printing are
// faithful. It evaluates to X.
type Paren struct {
	Loc
	X Expr
}

func (*Text) stmtNode()    {}
func (*Comment) stmtNode() {}
func (*Output) stmtNode()  {}
func (*Set) stmtNode()     {}
func (*If) stmtNode()      {}
func (*Foreach) stmtNode() {}
func (*Break) stmtNode()   {}
func (*Stop) stmtNode()    {}
func (*Define) stmtNode()  {}
func (*Macro) stmtNode()   {}
func (*Literal) stmtNode() {}
func (*Include) stmtNode() {}

func (*Ref) exprNode()          {}
func (*StringLit) exprNode()    {}
func (*InterpString) exprNode() {}
func (*IntLit) exprNode()       {}
func (*FloatLit) exprNode()     {}
func (*BoolLit) exprNode()      {}
func (*ListLit) exprNode()      {}
func (*MapLit) exprNode()       {}
func (*RangeLit) exprNode()     {}
func (*Word) exprNode()         {}
func (*Unary) exprNode()        {}
func (*Binary) exprNode()       {}
func (*Paren) exprNode()        {}
