package parser

// The participle grammar: a transcription of Velocity 1.7's Parser.jjt
// productions over the classified tokens of tokens.go. Whitespace is a token
// (Velocity's grammar says where it may appear), and the parser runs with
// UseLookahead(0): once an alternative has consumed a token it is committed,
// which is how JavaCC's LL(1) parser behaves. The places where Velocity
// looks further ahead are either resolved by the token classification
// (references, methods, directives) or written as (?= …) groups with the
// same tokens as the jjt's LOOKAHEAD.
//
// Every node records Pos and EndPos; their Offset fields are token indexes
// (see tokenStream), from which lower.go reads the tokens it needs.

import (
	"github.com/alecthomas/participle/v2"
	plexer "github.com/alecthomas/participle/v2/lexer"
)

type span struct {
	Pos    plexer.Position
	EndPos plexer.Position
}

// gTemplate is process(): ( Statement() )* <EOF>.
type gTemplate struct {
	span
	Body []*gStmt `parser:"@@*"`
}

// tok is one captured token; its index in the token slice is Pos.Offset.
type tok = *plexer.Token

// gStmt is Statement(), alternatives in the jjt's order.
type gStmt struct {
	If        *gIf        `parser:"  @@"`
	Ref       *gRef       `parser:"| @@"`
	Comment   *gComment   `parser:"| @@"`
	Textblock tok         `parser:"| @TextBlock"`
	Set       *gSet       `parser:"| @@"`
	EscDir    tok         `parser:"| @EscDir"`
	Escape    *gEscape    `parser:"| @@"`
	Directive *gDirective `parser:"| @@"`
	Text      tok         `parser:"| @(Text | LParen | RParen | Esc | Str | Int | Float | Dot | RefDot | LCurly | RCurly | EmptyIndex)"`
}

// gEscape is Escape(): one or more `\\`.
type gEscape struct {
	span
	Esc []string `parser:"@DblEsc+"`
}

type gComment struct {
	Line  tok `parser:"  @LineCmt LineCmtEnd?"`
	Other tok `parser:"| @(FormalCmt | BlockCmt)"`
}

// gRef is Reference().
type gRef struct {
	span
	Formal tok         `parser:"(  @FormalOpen"`
	FRoot  tok         `parser:"   @(Ident | MethodName)"`
	FIdx   []*gIndex   `parser:"   @@*"`
	FChain []*gRefLink `parser:"   @@* RCurly"`
	Root   tok         `parser:"| @(Ident | MethodName)"`
	Idx    []*gIndex   `parser:"  @@*"`
	Chain  []*gRefLink `parser:"  @@* )"`
}

// gRefLink is `.name` or `.name(args)`, then indexes.
type gRefLink struct {
	span
	Method *gMethod  `parser:"RefDot ( @@"`
	Prop   tok       `parser:"| @Ident )"`
	Idx    []*gIndex `parser:"@@*"`
}

type gMethod struct {
	span
	Name tok       `parser:"@MethodName LParen"`
	Args []*gParam `parser:"( @@ ( Comma @@ )* )? RParen2"`
}

// gIndex is Index() with IndexParameter().
type gIndex struct {
	span
	Lit tok   `parser:"IdxL Ws? ( @(Str | Int | True | False)"`
	Ref *gRef `parser:"| @@ ) Ws? IdxR"`
}

// gParam is Parameter(): a method argument, list or map element.
type gParam struct {
	span
	Lit   tok         `parser:"Ws? ( @(Str | Int)"`
	RngLA *gRangeHead `parser:"| (?= @@)"`
	Range *gRange     `parser:"  @@"`
	Map   *gMap       `parser:"| @@"`
	List  *gList      `parser:"| @@"`
	Bool  tok         `parser:"| @(True | False)"`
	Ref   *gRef       `parser:"| @@"`
	Float tok         `parser:"| @Float ) Ws?"`
}

type gRange struct {
	span
	FromRef *gRef `parser:"LBrack Ws? ( @@"`
	FromInt tok   `parser:"| @Int ) Ws? DotDot Ws?"`
	ToRef   *gRef `parser:"( @@"`
	ToInt   tok   `parser:"| @Int ) Ws? RBrack"`
}

// gRangeHead is the LOOKAHEAD of IntegerRange: "[" a reference or an
// integer, then "..".
type gRangeHead struct {
	Ref *gRef `parser:"LBrack Ws? ( @@"`
	Int tok   `parser:"| @Int ) Ws? DotDot"`
}

type gList struct {
	span
	Elems []*gParam `parser:"LBrack ( @@ ( Comma @@ )* )? RBrack"`
}

type gMap struct {
	span
	Entries []*gMapEntry `parser:"LBrace ( (?= Ws? (Str | Int | LBrack | LBrace | True | False | Ident | MethodName | FormalOpen | Float)) @@ ( Comma @@ )* | Ws )?"`
	Close   tok          `parser:"@(RBrace | RCurly)"`
}

type gMapEntry struct {
	Key   *gParam `parser:"@@ Colon"`
	Value *gParam `parser:"@@"`
}

// gDirective is Directive(): a pluggable directive or a macro call. The
// lexer has already decided whether "(" follows and whether the directive
// takes a body.
type gDirective struct {
	span
	Bare  tok        `parser:"  @DirBare"`
	Line  *gDirLine  `parser:"| @@"`
	Block *gDirBlock `parser:"| @@"`
}

type gDirLine struct {
	span
	Name tok        `parser:"@DirLine Ws? LParen"`
	Args []*gDirArg `parser:"( (?= Ws? (Comma Ws?)? (Ident | MethodName | FormalOpen | Word | Str | Int | LBrack | Float | LBrace | True | False)) Ws? (Comma Ws?)? @@ )*"`
	RP   tok        `parser:"Ws? @RParen"`
}

type gDirBlock struct {
	span
	Name tok        `parser:"@DirBlock Ws? LParen"`
	Args []*gDirArg `parser:"( (?= Ws? (Comma Ws?)? (Ident | MethodName | FormalOpen | Word | Str | Int | LBrack | Float | LBrace | True | False)) Ws? (Comma Ws?)? @@ )*"`
	RP   tok        `parser:"Ws? @RParen"`
	Body []*gStmt   `parser:"@@*"`
	End  tok        `parser:"@End"`
}

// gDirArg is DirectiveArg().
type gDirArg struct {
	span
	Ref   *gRef       `parser:"  @@"`
	Lit   tok         `parser:"| @(Word | Str | Int)"`
	RngLA *gRangeHead `parser:"| (?= @@)"`
	Range *gRange     `parser:"  @@"`
	Float tok         `parser:"| @Float"`
	Map   *gMap       `parser:"| @@"`
	List  *gList      `parser:"| @@"`
	Bool  tok         `parser:"| @(True | False)"`
}

// gIf is IfStatement() with its ElseIfStatement()s and ElseStatement().
type gIf struct {
	span
	Cond    *gExpr    `parser:"If Ws? LParen @@"`
	RP      tok       `parser:"@RParen"`
	Body    []*gStmt  `parser:"@@*"`
	ElseIfs []*gElsIf `parser:"@@*"`
	Else    *gElse    `parser:"@@?"`
	End     tok       `parser:"@End"`
}

type gElsIf struct {
	span
	Cond *gExpr   `parser:"ElseIf Ws? LParen @@"`
	RP   tok      `parser:"@RParen"`
	Body []*gStmt `parser:"@@*"`
}

type gElse struct {
	span
	Tok  tok      `parser:"@Else"`
	Body []*gStmt `parser:"@@*"`
}

// gSet is SetDirective().
type gSet struct {
	span
	Target *gRef  `parser:"Set Ws? @@ Ws? Assign"`
	Value  *gExpr `parser:"@@"`
	RP     tok    `parser:"@RParen Newline?"`
}

// Expressions, one level per precedence as in the jjt.
type gExpr struct {
	span
	X    *gAnd   `parser:"@@"`
	Rest []*gAnd `parser:"( Or @@ )*"`
}

type gAnd struct {
	span
	X    *gEq   `parser:"@@"`
	Rest []*gEq `parser:"( And @@ )*"`
}

type gEq struct {
	X    *gRel    `parser:"@@"`
	Rest []*gOpEq `parser:"@@*"`
}

type gRel struct {
	X    *gAdd     `parser:"@@"`
	Rest []*gOpRel `parser:"@@*"`
}

type gAdd struct {
	X    *gMul     `parser:"@@"`
	Rest []*gOpAdd `parser:"@@*"`
}

type gMul struct {
	X    *gUnary   `parser:"@@"`
	Rest []*gOpMul `parser:"@@*"`
}

type gOpEq struct {
	Op tok   `parser:"@(EqEq | Ne)"`
	Y  *gRel `parser:"@@"`
}
type gOpRel struct {
	Op tok   `parser:"@(Lt | Gt | Le | Ge)"`
	Y  *gAdd `parser:"@@"`
}
type gOpAdd struct {
	Op tok   `parser:"@(Plus | Minus)"`
	Y  *gMul `parser:"@@"`
}
type gOpMul struct {
	Op tok     `parser:"@(Star | Slash | Percent)"`
	Y  *gUnary `parser:"@@"`
}

type gUnary struct {
	span
	Not     tok       `parser:"  (?= Ws? Not) Ws? @Not"`
	X       *gUnary   `parser:"  @@"`
	Primary *gPrimary `parser:"| @@"`
}

type gPrimary struct {
	span
	Lit   tok         `parser:"Ws? ( @(Str | Int)"`
	Ref   *gRef       `parser:"| @@"`
	RngLA *gRangeHead `parser:"| (?= @@)"`
	Range *gRange     `parser:"  @@"`
	Float tok         `parser:"| @Float"`
	Map   *gMap       `parser:"| @@"`
	List  *gList      `parser:"| @@"`
	Bool  tok         `parser:"| @(True | False)"`
	Paren *gExpr      `parser:"| LParen @@ RParen ) Ws?"`
}

// grammar is built in init, after the token tables it reads.
var grammar *participle.Parser[gTemplate]

func init() {
	grammar = participle.MustBuild[gTemplate](
		participle.Lexer(lexDefinition{}),
		participle.UseLookahead(0),
	)
}
