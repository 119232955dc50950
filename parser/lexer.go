package parser

// This file ports the token manager that JavaCC generated for Velocity 1.7's
// Parser.jjt (the Debian velocity-1.7.jar the oracle runs). Velocity's lexer
// is modal, keeps a stack of states, counts parentheses, and is steered by
// the parser in two places; every one of those behaviours decides what a
// template renders (whitespace gobbling, escapes, what counts as text), so
// this is a rule-by-rule port rather than a regular-expression lexer.
//
// Lexical states and their transitions ("push" saves the current state and
// its paren counts on the stack, "pop" restores the top):
//
//	                 "$", "\$", "$!"  (MORE, push)
//	   DEFAULT ─────────────────────────────────────────► REFERENCE ──"[" (push)──► REFINDEX
//	     │ ▲                                               │  ▲   │                  │ "]" (pop)
//	     │ │ pop: any other char (REFERENCE_TERMINATOR),    │  │   └─ ".x" DOT ──► REFMODIFIER
//	     │ │      "}" RCURLY                                │  │                     │ "(" LPAREN
//	     │ │                                                │  └─ ")" REFMOD2_RPAREN ◄┤
//	     │ │                                                │                    REFMOD2
//	     │ └── pop: #end, #else, "x" DIRECTIVE_TERMINATOR ──┐
//	     │ "#" (MORE, push)                                 │
//	     └──────────────────────────────► PRE_DIRECTIVE ────┘
//	                                          │ #if, #elseif, or a word followed by "(":
//	                                          ▼ switch (a word without "(" pops)
//	   "#set(" (push) ───────────────────► DIRECTIVE ── ")" when it closes the
//	                                                     first "(": pop (RPARENHandler)
//	   "##" ─► IN_SINGLE_LINE_COMMENT ─"\n"─► pop      "#*"  ─► IN_MULTI_LINE_COMMENT ─"*#"─► pop
//	   "#**" ─► IN_FORMAL_COMMENT ─"*#"─► pop          "#[[" ─► IN_TEXTBLOCK ─"]]#"─► pop
//
// The "$", "#", "#*", "#**", "#[[" rules and "##" apply in every state, so a
// comment or a new reference can start inside a directive or a reference.
// Matching is JavaCC's: in the current state the longest match wins, ties
// go to the rule declared first in the grammar (the kind numbers below are
// 1.7's, in declaration order). MORE rules accumulate into the next token's
// image; SPECIAL tokens (the terminators) are not given to the parser but
// their '#', '$' and `\…$` characters are printed before the next token when
// that token is text (NodeUtils.tokenLiteral).
//
// The parser's two interventions are done here, where they can be:
//   - Directive(): after `#name` the parser switches the lexer to DIRECTIVE
//     and, when no "(" follows (blanks and newlines allowed before it), pops
//     the state again (Parser.isLeftParenthesis).
//   - SetDirective(): after the closing ")" of #set it clears inSet.

import (
	"strings"
)

// kind is a Velocity 1.7 token kind (ParserConstants), in declaration order.
type kind uint8

const (
	kEOF             kind = 0
	kIndexLBracket   kind = 1
	kIndexRBracket   kind = 2
	kLBracket        kind = 3
	kRBracket        kind = 4
	kComma           kind = 5
	kDoubleDot       kind = 6
	kColon           kind = 7
	kLeftCurley      kind = 8
	kRightCurley     kind = 9
	kLParen          kind = 10
	kRParen          kind = 11
	kRefmod2RParen   kind = 12
	kEscapeDirective kind = 13
	kSetDirective    kind = 14
	kDollar          kind = 15
	kDollarBang      kind = 16
	kTextblockStart  kind = 17
	kFormalStart     kind = 18
	kMultiStart      kind = 19
	kHash            kind = 20
	kLineCommentStrt kind = 21
	kDoubleEscape    kind = 22
	kEscape          kind = 23
	kText            kind = 24
	kLineComment     kind = 25
	kFormalComment   kind = 26
	kMultiComment    kind = 27
	kTextblock       kind = 28
	kCommentSkip     kind = 29
	kTextblockMore   kind = 30
	kWhitespace      kind = 31
	kString          kind = 32
	kTrue            kind = 33
	kFalse           kind = 34
	kNewline         kind = 35
	kMinus           kind = 36
	kPlus            kind = 37
	kMultiply        kind = 38
	kDivide          kind = 39
	kModulus         kind = 40
	kAnd             kind = 41
	kOr              kind = 42
	kLt              kind = 43
	kLe              kind = 44
	kGt              kind = 45
	kGe              kind = 46
	kEq              kind = 47
	kNe              kind = 48
	kNot             kind = 49
	kEquals          kind = 50
	kEnd             kind = 51
	kIf              kind = 52
	kElseIf          kind = 53
	kElse            kind = 54
	kInteger         kind = 56
	kFloat           kind = 57
	kWord            kind = 61
	kBracketedWord   kind = 62
	kIdentifier      kind = 66
	kDot             kind = 67
	kLCurly          kind = 68
	kRCurly          kind = 69
	kRefTerminator   kind = 70
	kDirTerminator   kind = 71
	kEmptyIndex      kind = 72
	numKinds              = 73
)

var kindNames = [numKinds]string{
	kEOF: "EOF", kIndexLBracket: "INDEX_LBRACKET", kIndexRBracket: "INDEX_RBRACKET",
	kLBracket: "LBRACKET", kRBracket: "RBRACKET", kComma: "COMMA", kDoubleDot: "DOUBLEDOT",
	kColon: "COLON", kLeftCurley: "LEFT_CURLEY", kRightCurley: "RIGHT_CURLEY", kLParen: "LPAREN",
	kRParen: "RPAREN", kRefmod2RParen: "REFMOD2_RPAREN", kEscapeDirective: "ESCAPE_DIRECTIVE",
	kSetDirective: "SET_DIRECTIVE", kLineCommentStrt: "SINGLE_LINE_COMMENT_START",
	kDoubleEscape: "DOUBLE_ESCAPE", kEscape: "ESCAPE", kText: "TEXT", kLineComment: "SINGLE_LINE_COMMENT",
	kFormalComment: "FORMAL_COMMENT", kMultiComment: "MULTI_LINE_COMMENT", kTextblock: "TEXTBLOCK",
	kWhitespace: "WHITESPACE", kString: "STRING_LITERAL", kTrue: "TRUE", kFalse: "FALSE",
	kNewline: "NEWLINE", kMinus: "MINUS", kPlus: "PLUS", kMultiply: "MULTIPLY", kDivide: "DIVIDE",
	kModulus: "MODULUS", kAnd: "LOGICAL_AND", kOr: "LOGICAL_OR", kLt: "LOGICAL_LT", kLe: "LOGICAL_LE",
	kGt: "LOGICAL_GT", kGe: "LOGICAL_GE", kEq: "LOGICAL_EQUALS", kNe: "LOGICAL_NOT_EQUALS",
	kNot: "LOGICAL_NOT", kEquals: "EQUALS", kEnd: "END", kIf: "IF_DIRECTIVE", kElseIf: "ELSEIF_DIRECTIVE",
	kElse: "ELSE_DIRECTIVE", kInteger: "INTEGER_LITERAL", kFloat: "FLOATING_POINT_LITERAL",
	kWord: "WORD", kBracketedWord: "BRACKETED_WORD", kIdentifier: "IDENTIFIER", kDot: "DOT",
	kLCurly: "LCURLY", kRCurly: "RCURLY", kEmptyIndex: "EMPTY_INDEX",
}

func (k kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "?"
}

// lexState is a JavaCC lexical state.
type lexState uint8

const (
	sDefault lexState = iota
	sPreDirective
	sDirective
	sReference
	sRefModifier
	sRefMod2
	sRefIndex
	sSingleLineComment
	sFormalComment
	sMultiLineComment
	sTextblock
)

var stateNames = [...]string{"DEFAULT", "PRE_DIRECTIVE", "DIRECTIVE", "REFERENCE", "REFMODIFIER",
	"REFMOD2", "REFINDEX", "IN_SINGLE_LINE_COMMENT", "IN_FORMAL_COMMENT", "IN_MULTI_LINE_COMMENT", "IN_TEXTBLOCK"}

func (s lexState) String() string { return stateNames[s] }

// token is one token as Velocity's parser sees it.
type token struct {
	kind  kind
	typ   tokType  // the kind refined for the grammar (see classify)
	state lexState // the state the token was matched in
	image string   // JavaCC's image: the MORE prefix and the match (DOT is always ".")
	// special is what NodeUtils.getSpecialText keeps of the special tokens
	// (terminators) before this one: the '#', '$' and `\…$` characters.
	special      string
	specPos      int  // offset of the first special token before this one (== start when none)
	start        int  // offset of the first byte of image in the source
	end          int  // offset after the last byte of the match
	line         int  // 1-based line of start
	col          int  // 1-based column of start, in runes
	parenFollows bool // a directive word followed by "("
	argWord      bool // a "#word" read inside arguments: a plain Word
	hidden       bool // inside a tSimpleRef: not given to participle
	// simpleEnd is, for a tSimpleRef, the index after its last token.
	simpleEnd int
}

// lexError is a lexical error at a byte offset.
type lexError struct {
	off int
	msg string
}

func (e *lexError) Error() string { return e.msg }

type savedState struct {
	lparen, rparen int
	state          lexState
}

// lexer is the token manager.
type lexer struct {
	src   string
	pos   int
	state lexState
	stack []savedState

	lparen, rparen int
	inComment      bool
	inSet          bool
	// setDepth is the stack depth just after #set pushed, so that the ")"
	// that pops back below it clears inSet as SetDirective() does.
	setDepth int

	line, col, lcOff int // position cache for computing line/col incrementally

	toks []token // the tokens returned so far
	// methodParens are the indexes of the "(" of method calls not closed
	// yet (LPAREN read in REFMODIFIER, closed by REFMOD2_RPAREN).
	methodParens []int
}

func (l *lexer) push() {
	l.stack = append(l.stack, savedState{l.lparen, l.rparen, l.state})
	l.lparen = 0
}

func (l *lexer) pop() bool {
	if len(l.stack) == 0 {
		l.lparen = 0
		l.state = sDefault
		return false
	}
	s := l.stack[len(l.stack)-1]
	l.stack = l.stack[:len(l.stack)-1]
	l.lparen, l.rparen, l.state = s.lparen, s.rparen, s.state
	return true
}

// rparenHandler drops down to the state below the one that has an open "(".
func (l *lexer) rparenHandler() {
	closed := l.inComment
	for !closed {
		if l.lparen > 0 {
			if l.lparen == l.rparen+1 {
				l.pop()
			} else {
				l.rparen++
			}
			closed = true
		} else if !l.pop() {
			break
		}
	}
}

// lineCol returns the line and rune column of off; offsets must not decrease
// between calls except to re-scan from the start.
func (l *lexer) lineCol(off int) (int, int) {
	if off < l.lcOff {
		l.line, l.col, l.lcOff = 1, 1, 0
	}
	for i := l.lcOff; i < off; i++ {
		c := l.src[i]
		if c == '\n' {
			l.line++
			l.col = 1
		} else if c < 0x80 || c >= 0xC0 {
			l.col++
		}
	}
	l.lcOff = off
	return l.line, l.col
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isDirChar(c byte) bool {
	return isAlpha(c) || isDigit(c) || c == '_' || c == '@'
}
func isIdentChar(c byte) bool { return isAlpha(c) || isDigit(c) || c == '-' || c == '_' }

// word matching: <WORD> and <BRACKETED_WORD>.
func matchWord(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	c := s[i]
	if !(isAlpha(c) || c == '_' || c == '@') {
		return 0
	}
	j := i + 1
	for j < len(s) && isDirChar(s[j]) {
		j++
	}
	return j - i
}

func matchBracketedWord(s string, i int) int {
	if i+1 >= len(s) || s[i] != '{' || !(isAlpha(s[i+1]) || s[i+1] == '_') {
		return 0
	}
	j := i + 2
	for j < len(s) && isDirChar(s[j]) {
		j++
	}
	if j < len(s) && s[j] == '}' {
		return j + 1 - i
	}
	return 0
}

func matchNewline(s string, i int) int {
	if i < len(s) {
		if s[i] == '\n' {
			return 1
		}
		if s[i] == '\r' {
			if i+1 < len(s) && s[i+1] == '\n' {
				return 2
			}
			return 1
		}
	}
	return 0
}

// matchTrailingNewline matches ( (" "|"\t")* ("\n"|"\r"|"\r\n") )? at i.
func matchTrailingNewline(s string, i int) int {
	j := i
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	if n := matchNewline(s, j); n > 0 {
		return j + n - i
	}
	return 0
}

func matchDollar(s string, i int) (dollar, bang int) {
	j := i
	for j < len(s) && s[j] == '\\' {
		j++
	}
	if j >= len(s) || s[j] != '$' {
		return 0, 0
	}
	j++
	dollar = j - i
	k := j
	for k < len(s) && s[k] == '\\' {
		k++
	}
	if k < len(s) && s[k] == '!' {
		bang = k + 1 - i
	}
	return
}

// matchString matches <STRING_LITERAL> at i (a quote). In 1.7 a quote
// inside the literal is written twice (`""`, `”`); a backslash is an
// ordinary character, so `"a\"` is a complete literal.
func matchString(s string, i int) int {
	q := s[i]
	best := 0
	for j := i + 1; j < len(s); j++ {
		if s[j] != q {
			continue
		}
		best = j + 1 - i
		if j+1 < len(s) && s[j+1] == q {
			j++ // a doubled quote: the literal may go on
			continue
		}
		break
	}
	return best
}

// matchNumber matches INTEGER_LITERAL (kind, len, image len) or
// FLOATING_POINT_LITERAL at i.
func matchNumber(s string, i int) (k kind, n int) {
	j := i
	if j < len(s) && s[j] == '-' {
		j++
	}
	d := j
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	digits := j - d
	intLen := 0
	if digits > 0 {
		intLen = j - i
		if j+1 < len(s) && s[j] == '.' && s[j+1] == '.' {
			intLen += 2
		}
	}
	// floats: -? D+ "." D* EXP? | -? "." D+ EXP? | -? D+ EXP
	floatLen := 0
	if digits > 0 {
		if j < len(s) && s[j] == '.' {
			k := j + 1
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			k += matchExponent(s, k)
			floatLen = k - i
		} else if e := matchExponent(s, j); e > 0 {
			floatLen = j + e - i
		}
	} else if j < len(s) && s[j] == '.' && j+1 < len(s) && isDigit(s[j+1]) {
		k := j + 1
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		k += matchExponent(s, k)
		floatLen = k - i
	}
	if intLen >= floatLen && intLen > 0 {
		return kInteger, intLen
	}
	if floatLen > 0 {
		return kFloat, floatLen
	}
	return 0, 0
}

func matchExponent(s string, i int) int {
	if i >= len(s) || (s[i] != 'e' && s[i] != 'E') {
		return 0
	}
	j := i + 1
	if j < len(s) && (s[j] == '+' || s[j] == '-') {
		j++
	}
	d := j
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j == d {
		return 0
	}
	return j - i
}

// candidate keeps the best (longest, then lowest kind) match.
type candidate struct {
	k kind
	n int
}

func (c *candidate) offer(k kind, n int) {
	if n > c.n || (n == c.n && n > 0 && k < c.k) {
		c.k, c.n = k, n
	}
}

func hasAt(s string, i int, lit string) bool {
	return len(s)-i >= len(lit) && s[i:i+len(lit)] == lit
}

// match finds the rule that JavaCC would pick at i in state st.
func (l *lexer) match(st lexState, i int) candidate {
	s := l.src
	var c candidate
	ch := s[i]
	inRef := st == sReference || st == sRefModifier
	inDir := st == sDirective
	dirOrMod2 := st == sDirective || st == sRefMod2
	wsStates := st == sDirective || st == sRefMod2 || st == sRefIndex

	switch ch {
	case '[':
		if inRef {
			c.offer(kIndexLBracket, 1)
		}
		if dirOrMod2 {
			c.offer(kLBracket, 1)
		}
	case ']':
		if st == sRefIndex {
			c.offer(kIndexRBracket, 1)
		}
		if dirOrMod2 {
			c.offer(kRBracket, 1)
		}
	case ',':
		if dirOrMod2 {
			c.offer(kComma, 1)
		}
	case ':':
		if dirOrMod2 {
			c.offer(kColon, 1)
		}
	case '{':
		if dirOrMod2 {
			c.offer(kLeftCurley, 1)
		}
	case '}':
		if dirOrMod2 {
			c.offer(kRightCurley, 1)
		}
	case '(':
		if inDir || st == sRefModifier {
			c.offer(kLParen, 1)
		}
	case ')':
		if inDir {
			c.offer(kRParen, 1+matchTrailingNewline(s, i+1))
		}
		if st == sRefMod2 {
			c.offer(kRefmod2RParen, 1)
		}
	}
	if ch == '.' && dirOrMod2 && hasAt(s, i, "..") {
		c.offer(kDoubleDot, 2)
	}
	if st == sDefault && ch == '\\' {
		j := i
		for j < len(s) && s[j] == '\\' {
			j++
		}
		if (j-i)%2 == 1 && j < len(s) && s[j] == '#' {
			if n := matchWord(s, j+1); n > 0 {
				c.offer(kEscapeDirective, j+1+n-i)
			} else if n := matchBracketedWord(s, j+1); n > 0 {
				c.offer(kEscapeDirective, j+1+n-i)
			}
		}
	}
	if (st == sDefault || st == sReference || st == sRefModifier || st == sRefMod2) && (ch == ' ' || ch == '\t' || ch == '#') {
		j := i
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		n := 0
		if hasAt(s, j, "#set") {
			n = 4
		} else if hasAt(s, j, "#{set}") {
			n = 6
		}
		if n > 0 {
			j += n
			for j < len(s) && s[j] == ' ' {
				j++
			}
			if j < len(s) && s[j] == '(' {
				c.offer(kSetDirective, j+1-i)
			}
		}
	}
	// <*> MORE rules and "##".
	if ch == '\\' || ch == '$' {
		d, b := matchDollar(s, i)
		c.offer(kDollar, d)
		c.offer(kDollarBang, b)
	}
	if ch == '#' {
		if hasAt(s, i, "#[[") {
			c.offer(kTextblockStart, 3)
		}
		if hasAt(s, i, "#**") && i+3 < len(s) && s[i+3] != '#' {
			c.offer(kFormalStart, 4)
		}
		if hasAt(s, i, "#*") {
			c.offer(kMultiStart, 2)
		}
		c.offer(kHash, 1)
		// "##" is declared <*>, but 1.7's generated token manager only
		// matches it in these four states; elsewhere "#" "#" are MORE
		// (tpl17-comment-eof: "## a ## b"; tpl2-comment: "$map.foo## x").
		if hasAt(s, i, "##") && (st == sDefault || st == sPreDirective || st == sDirective || st == sReference) {
			c.offer(kLineCommentStrt, 2)
		}
	}
	switch st {
	case sDefault:
		if ch == '\\' {
			if hasAt(s, i, `\\`) {
				c.offer(kDoubleEscape, 2)
			}
			c.offer(kEscape, 1)
		} else if ch != '$' && ch != '#' {
			j := i + 1
			for j < len(s) && s[j] != '$' && s[j] != '#' && s[j] != '\\' {
				j++
			}
			c.offer(kText, j-i)
		}
	case sSingleLineComment:
		c.offer(kLineComment, matchNewline(s, i))
		c.offer(kCommentSkip, 1)
	case sFormalComment, sMultiLineComment:
		if hasAt(s, i, "*#") {
			if st == sFormalComment {
				c.offer(kFormalComment, 2)
			} else {
				c.offer(kMultiComment, 2)
			}
		}
		c.offer(kCommentSkip, 1)
	case sTextblock:
		if hasAt(s, i, "]]#") {
			c.offer(kTextblock, 3)
		}
		c.offer(kTextblockMore, 1)
	}
	if wsStates {
		if ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' {
			j := i + 1
			for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r') {
				j++
			}
			c.offer(kWhitespace, j-i)
		}
		if ch == '"' || ch == '\'' {
			c.offer(kString, matchString(s, i))
		}
	}
	if st == sReference || inDir || st == sRefModifier || st == sRefMod2 || st == sRefIndex {
		if hasAt(s, i, "true") {
			c.offer(kTrue, 4)
		}
		if hasAt(s, i, "false") {
			c.offer(kFalse, 5)
		}
	}
	if inDir {
		c.offer(kNewline, matchNewline(s, i))
		switch ch {
		case '-':
			c.offer(kMinus, 1)
		case '+':
			c.offer(kPlus, 1)
		case '*':
			c.offer(kMultiply, 1)
		case '/':
			c.offer(kDivide, 1)
		case '%':
			c.offer(kModulus, 1)
		case '&':
			if hasAt(s, i, "&&") {
				c.offer(kAnd, 2)
			}
		case '|':
			if hasAt(s, i, "||") {
				c.offer(kOr, 2)
			}
		case '<':
			c.offer(kLt, 1)
			if hasAt(s, i, "<=") {
				c.offer(kLe, 2)
			}
		case '>':
			c.offer(kGt, 1)
			if hasAt(s, i, ">=") {
				c.offer(kGe, 2)
			}
		case '=':
			if hasAt(s, i, "==") {
				c.offer(kEq, 2)
			}
			c.offer(kEquals, 1)
		case '!':
			if hasAt(s, i, "!=") {
				c.offer(kNe, 2)
			}
			c.offer(kNot, 1)
		case 'a':
			if hasAt(s, i, "and") {
				c.offer(kAnd, 3)
			}
		case 'o':
			if hasAt(s, i, "or") {
				c.offer(kOr, 2)
			}
		case 'l':
			if hasAt(s, i, "lt") {
				c.offer(kLt, 2)
			}
			if hasAt(s, i, "le") {
				c.offer(kLe, 2)
			}
		case 'g':
			if hasAt(s, i, "gt") {
				c.offer(kGt, 2)
			}
			if hasAt(s, i, "ge") {
				c.offer(kGe, 2)
			}
		case 'e':
			if hasAt(s, i, "eq") {
				c.offer(kEq, 2)
			}
		case 'n':
			if hasAt(s, i, "ne") {
				c.offer(kNe, 2)
			}
			if hasAt(s, i, "not") {
				c.offer(kNot, 3)
			}
		}
	}
	if st == sPreDirective {
		if hasAt(s, i, "end") {
			c.offer(kEnd, 3+matchTrailingNewline(s, i+3))
		} else if hasAt(s, i, "{end}") {
			c.offer(kEnd, 5+matchTrailingNewline(s, i+5))
		}
		if hasAt(s, i, "if") {
			c.offer(kIf, 2)
		} else if hasAt(s, i, "{if}") {
			c.offer(kIf, 4)
		}
		if hasAt(s, i, "elseif") {
			c.offer(kElseIf, 6)
		} else if hasAt(s, i, "{elseif}") {
			c.offer(kElseIf, 8)
		}
		if hasAt(s, i, "else") {
			c.offer(kElse, 4+matchTrailingNewline(s, i+4))
		} else if hasAt(s, i, "{else}") {
			c.offer(kElse, 6+matchTrailingNewline(s, i+6))
		}
	}
	if st == sPreDirective || inDir || st == sRefMod2 || st == sRefIndex {
		if ch == '-' || ch == '.' || isDigit(ch) {
			k, n := matchNumber(s, i)
			c.offer(k, n)
		}
	}
	if st == sPreDirective || inDir {
		c.offer(kWord, matchWord(s, i))
		c.offer(kBracketedWord, matchBracketedWord(s, i))
	}
	if inRef || st == sRefMod2 {
		if isAlpha(ch) || ch == '_' {
			j := i + 1
			for j < len(s) && isIdentChar(s[j]) {
				j++
			}
			c.offer(kIdentifier, j-i)
		}
		if ch == '.' && i+1 < len(s) && isAlpha(s[i+1]) {
			c.offer(kDot, 2)
		}
	}
	if inRef {
		if ch == '{' {
			c.offer(kLCurly, 1)
		}
		if ch == '}' {
			c.offer(kRCurly, 1)
		}
		c.offer(kRefTerminator, 1)
	}
	if st == sPreDirective {
		c.offer(kDirTerminator, 1)
	}
	if (st == sDefault || st == sReference) && ch == '$' && i+1 < len(s) {
		// 1.7: <EMPTY_INDEX: "$[" | "$![" | "$\\![" | "$.">
		switch {
		case s[i+1] == '[' || s[i+1] == '.':
			c.offer(kEmptyIndex, 2)
		case hasAt(s, i+1, "!["):
			c.offer(kEmptyIndex, 3)
		case hasAt(s, i+1, `\![`):
			c.offer(kEmptyIndex, 4)
		}
	}
	return c
}

// specialText is NodeUtils.getSpecialText for one special token image.
func specialText(b *strings.Builder, st string) {
	for i := 0; i < len(st); i++ {
		c := st[i]
		if c == '#' || c == '$' {
			b.WriteByte(c)
		}
		if c == '\\' {
			ok, term := true, false
			j := i
			for ; ok && j < len(st); j++ {
				cc := st[j]
				if cc == '\\' {
					continue
				} else if cc == '$' {
					term = true
					ok = false
				} else {
					ok = false
				}
			}
			if term {
				b.WriteString(st[i:j])
				i = j
			}
		}
	}
}

// next returns the next token, as ParserTokenManager.getNextToken does.
func (l *lexer) next() (token, error) {
	var special strings.Builder
	specPos := -1
	for {
		if l.pos >= len(l.src) {
			t := token{kind: kEOF, state: l.state, start: len(l.src), end: len(l.src), special: special.String()}
			t.specPos = t.start
			if specPos >= 0 {
				t.specPos = specPos
			}
			t.line, t.col = l.lineCol(t.start)
			return t, nil
		}
		start := l.pos
		for {
			c := l.match(l.state, l.pos)
			if c.n == 0 {
				return token{}, l.lexErr()
			}
			end := l.pos + c.n
			switch c.k {
			case kDollar, kDollarBang, kTextblockStart, kFormalStart, kMultiStart, kHash, kTextblockMore:
				l.pos = end
				l.moreAction(c.k)
				if l.pos >= len(l.src) {
					return token{}, l.lexErr()
				}
				continue
			case kCommentSkip:
				l.pos = end
			case kRefTerminator, kDirTerminator:
				if specPos < 0 {
					specPos = start
				}
				specialText(&special, l.src[start:end])
				l.pos = end - 1 // the terminator is read again
				l.pop()
			default:
				t := token{kind: c.k, state: l.state, start: start, end: end}
				l.pos = end
				l.tokenAction(&t)
				t.image = l.src[t.start:t.end]
				if t.kind == kDot {
					t.image = "."
				}
				t.special = special.String()
				t.specPos = start
				if specPos >= 0 {
					t.specPos = specPos
				}
				t.line, t.col = l.lineCol(t.start)
				return t, nil
			}
			break
		}
	}
}

func (l *lexer) lexErr() error {
	if l.pos >= len(l.src) {
		return &lexError{off: len(l.src), msg: "unexpected end of file"}
	}
	return &lexError{off: l.pos, msg: "unexpected character " + quoteRune(l.src[l.pos:])}
}

func quoteRune(s string) string {
	for _, r := range s {
		switch r {
		case '\n':
			return `"\n"`
		case '\r':
			return `"\r"`
		case '\t':
			return `"\t"`
		case '"':
			return `'"'`
		}
		return `"` + string(r) + `"`
	}
	return `""`
}

func (l *lexer) moreAction(k kind) {
	switch k {
	case kDollar, kDollarBang:
		if !l.inComment {
			if l.state == sReference {
				l.pop()
			}
			l.push()
			l.state = sReference
		}
	case kTextblockStart:
		if !l.inComment {
			l.inComment = true
			l.push()
			l.state = sTextblock
		}
	case kFormalStart:
		if !l.inComment {
			l.pos-- // input_stream.backup(1)
			l.inComment = true
			l.push()
			l.state = sFormalComment
		}
	case kMultiStart:
		if !l.inComment {
			l.inComment = true
			l.push()
			l.state = sMultiLineComment
		}
	case kHash:
		if !l.inComment {
			if l.state == sReference || l.state == sRefModifier {
				l.pop()
			}
			l.push()
			l.state = sPreDirective
		}
	}
}

// tokenAction runs the lexical action of a TOKEN; it may shorten t.end.
func (l *lexer) tokenAction(t *token) {
	switch t.kind {
	case kIndexLBracket:
		l.push()
		l.state = sRefIndex
	case kIndexRBracket:
		l.pop()
	case kLParen:
		if !l.inComment {
			l.lparen++
		}
		if l.state == sRefModifier {
			l.state = sRefMod2
		}
	case kRParen:
		l.rparenHandler()
		if l.inSet && len(l.stack) < l.setDepth {
			l.inSet = false
		}
	case kRefmod2RParen:
		l.state = sReference
	case kSetDirective:
		if !l.inComment {
			l.push()
			l.setDepth = len(l.stack)
			l.inSet = true
			l.state = sDirective
			l.lparen++
		}
	case kLineCommentStrt:
		if !l.inComment {
			if l.state == sReference {
				l.pop()
			}
			l.inComment = true
			l.push()
			l.state = sSingleLineComment
		}
	case kLineComment, kFormalComment, kMultiComment, kTextblock:
		l.inComment = false
		l.pop()
	case kString:
		if l.state == sDirective && !l.inSet && l.lparen == 0 {
			l.pop()
		}
	case kNewline:
		l.pop()
		l.inSet = false
	case kEnd, kElse:
		l.pop()
	case kIf, kElseIf:
		l.state = sDirective
	case kInteger:
		if strings.HasSuffix(l.src[t.start:t.end], "..") {
			t.end -= 2
			l.pos -= 2
		}
		if l.lparen == 0 && !l.inSet && l.state != sRefMod2 && l.state != sRefIndex {
			l.pop()
		}
	case kFloat:
		if l.lparen == 0 && !l.inSet && l.state != sRefMod2 {
			l.pop()
		}
	case kWord, kBracketedWord:
		// Only a word that starts a statement goes through Directive(); the
		// "#" of one inside a directive's arguments or a method call was
		// pushed from DIRECTIVE, REFMOD2 or REFINDEX, and there the word is
		// just a Word argument (fuzzing: "#evaluate(#breaktrue)").
		if l.state == sPreDirective && !l.inArgs() {
			// Parser.Directive(): token_source.SwitchTo(DIRECTIVE), then
			// isLeftParenthesis() or stateStackPop().
			l.state = sDirective
			if !l.leftParenthesisFollows() {
				l.pop()
			} else {
				t.parenFollows = true
			}
		} else if l.state == sPreDirective {
			t.argWord = true
		}
	case kDot:
		l.pos = t.end - 1 // backup(1): the letter starts the identifier
		t.end--
		l.state = sRefModifier
	case kRCurly:
		l.pop()
	}
}

// inArgs reports whether the "#" that led to PRE_DIRECTIVE was read inside
// a directive's or a method's arguments.
func (l *lexer) inArgs() bool {
	if len(l.stack) == 0 {
		return false
	}
	switch l.stack[len(l.stack)-1].state {
	case sDirective, sRefIndex:
		return true
	case sRefMod2:
		// Inside `name(`: arguments only if Method()'s LOOKAHEAD(3)
		// accepted the token after "("; when this word is that token, or
		// the lookahead failed, the parser is back at statement level
		// (fuzzing: "$a.b(#break").
		if n := len(l.methodParens); n > 0 {
			i := l.methodParens[n-1]
			return i+1 < len(l.toks) && methodArgStart(l.toks[i+1].kind)
		}
		return false
	}
	return false
}

// leftParenthesisFollows is Parser.isLeftParenthesis: blanks and newlines,
// then "(".
func (l *lexer) leftParenthesisFollows() bool {
	for i := l.pos; i < len(l.src); i++ {
		switch l.src[i] {
		case '(':
			return true
		case ' ', '\n', '\r', '\t':
		default:
			return false
		}
	}
	return false
}

// lex returns all tokens of src, ending with EOF.
func lex(src string) ([]token, error) {
	l := &lexer{src: src, line: 1, col: 1}
	l.toks = make([]token, 0, len(src)/6+4)
	for {
		t, err := l.next()
		if err != nil {
			return l.toks, err
		}
		switch {
		case t.kind == kLParen && t.state == sRefModifier:
			l.methodParens = append(l.methodParens, len(l.toks))
		case t.kind == kRefmod2RParen && len(l.methodParens) > 0:
			l.methodParens = l.methodParens[:len(l.methodParens)-1]
		}
		l.toks = append(l.toks, t)
		if t.kind == kEOF {
			return l.toks, nil
		}
	}
}
