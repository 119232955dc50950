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
	"sync"
)

type span struct {
	Pos    plexer.Position
	EndPos plexer.Position
}

// tok is one captured token; its index in the token slice is Pos.Offset.
type tok = *plexer.Token

// gRef is Reference().
type gRef struct {
	span
	Formal tok         `parser:"(  @FormalOpen"`
	FRoot  tok         `parser:"   @(SimpleRef | Ident | MethodName)"`
	FIdx   []*gIndex   `parser:"   @@*"`
	FChain []*gRefLink `parser:"   @@* RCurly"`
	Simple tok         `parser:"| @SimpleRef"`
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

// gParam is Parameter(): a method argument, list or map element. (The
// alternatives start with different tokens; Reference() is moved up
// because it is the most frequent.)
type gParam struct {
	span
	Lit   tok         `parser:"Ws? ( @(Str | Int)"`
	Ref   *gRef       `parser:"| @@"`
	RngLA *gRangeHead `parser:"| (?= @@)"`
	Range *gRange     `parser:"  @@"`
	Map   *gMap       `parser:"| @@"`
	List  *gList      `parser:"| @@"`
	Bool  tok         `parser:"| @(True | False)"`
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
	Entries []*gMapEntry `parser:"LBrace ( (?= Ws? (Str | Int | LBrack | LBrace | True | False | SimpleRef | Ident | MethodName | FormalOpen | Float)) @@ ( Comma @@ )* | Ws )?"`
	Close   tok          `parser:"@(RBrace | RCurly)"`
}

type gMapEntry struct {
	Key   *gParam `parser:"@@ Colon"`
	Value *gParam `parser:"@@"`
}

// gIfHead is the head of IfStatement() or ElseIfStatement().
type gIfHead struct {
	span
	Cond *gExpr `parser:"(If | ElseIf) Ws? LParen @@"`
	RP   tok    `parser:"@RParen"`
}

// gDirHead is the head of Directive() when "(" follows the name: the
// arguments (DirectiveArg()s).
type gDirHead struct {
	span
	Name tok        `parser:"@(DirLine | DirBlock) Ws? LParen"`
	Args []*gDirArg `parser:"( (?= Ws? (Comma Ws?)? (SimpleRef | Ident | MethodName | FormalOpen | Word | Str | Int | LBrack | Float | LBrace | True | False)) Ws? (Comma Ws?)? @@ )*"`
	RP   tok        `parser:"Ws? @RParen"`
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

// gSet is SetDirective().
type gSet struct {
	span
	Target *gRef  `parser:"Set Ws? @@ Ws? Assign"`
	Value  *gExpr `parser:"@@"`
	RP     tok    `parser:"@RParen Newline?"`
}

// gExpr is Expression(). The jjt's precedence levels are all
// left-associative loops, so the same token sequences are accepted by one
// flat loop; lower.go rebuilds the precedence (precedence climbing).
type gExpr struct {
	span
	X    *gUnary `parser:"@@"`
	Rest []*gOp  `parser:"@@*"`
}

type gOp struct {
	Op tok     `parser:"@(Or | And | EqEq | Ne | Lt | Gt | Le | Ge | Plus | Minus | Star | Slash | Percent)"`
	Y  *gUnary `parser:"@@"`
}

type gUnary struct {
	span
	Nots    []string  `parser:"( WsNot? @Not )*"`
	Primary *gPrimary `parser:"@@"`
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

// The parsers, built in init after the token tables they read. Each
// parses one construct from a position in the token stream and stops after
// it (AllowTrailing); stmts.go sequences them.
var (
	refParser  *participle.Parser[gRef]
	setParser  *participle.Parser[gSet]
	ifParser   *participle.Parser[gIfHead]
	dirParser  *participle.Parser[gDirHead]
	allowTrail = participle.AllowTrailing(true)
)

// buildParsers builds the participle parsers, on first use: the fast paths
// (fastpath.go) parse most templates without participle, and building the
// grammars by reflection costs ~3 ms, which every one-shot `vtlc render`
// would otherwise pay at start-up. TestGrammarBuilds builds them in tests.
var buildParsers = sync.OnceFunc(func() {
	opts := []participle.Option{participle.Lexer(lexDefinition{}), participle.UseLookahead(0)}
	refParser = participle.MustBuild[gRef](opts...)
	setParser = participle.MustBuild[gSet](opts...)
	ifParser = participle.MustBuild[gIfHead](opts...)
	dirParser = participle.MustBuild[gDirHead](opts...)
})
