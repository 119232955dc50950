package parser

import (
	"io"
	"strings"

	plexer "github.com/alecthomas/participle/v2/lexer"
)

// tokType is the participle token type of a token: its Velocity kind,
// refined where Velocity's parser looks further ahead than one token
// (LOOKAHEAD(2) and (3) in Parser.jjt) or where the parser's own state
// decided what the lexer did, so that the participle grammar can decide
// every choice on one token, as JavaCC's LL(1) parser does.
type tokType = plexer.TokenType

const (
	tEOF tokType = plexer.EOF

	tIdxL tokType = iota + 1 // "[" after a reference: an index
	tIdxR
	tLBrack
	tRBrack
	tComma
	tDotDot
	tColon
	tLBrace // "{" of a map
	tRBrace
	tLParen
	tRParen  // ")" in a directive, with the blanks and newline it eats
	tRParen2 // ")" closing a method call
	tEscDir  // `\#name`
	tSet     // `#set(` with the blanks before it
	tLineCmt // `##`
	tDblEsc  // `\\`
	tEsc     // `\`
	tText
	tLineCmtEnd // the newline ending a `##` comment
	tFormalCmt  // end of `#** … *#`
	tBlockCmt   // end of `#* … *#`
	tTextBlock  // `#[[ … ]]#`
	tWs
	tStr
	tTrue
	tFalse
	tNewline
	tMinus
	tPlus
	tStar
	tSlash
	tPercent
	tAnd
	tOr
	tLt
	tLe
	tGt
	tGe
	tEqEq
	tNe
	tNot
	tAssign
	tEnd
	tIf
	tElseIf
	tElse
	tInt
	tFloat
	tWord  // a word inside a directive's arguments
	tBWord // `{word}` inside a directive's arguments (never valid)
	// `#name` or `#{name}` at a statement: a directive or macro call.
	tDirLine  // followed by "(": a line directive or a macro call
	tDirBlock // followed by "(": a block directive (#foreach, #define, #macro, #literal, #@call)
	tDirBare  // not followed by "(": Velocity ends the directive there
	tIdent
	tMethodName // identifier followed by "(" and an argument: Method() (LOOKAHEAD(3))
	tDot        // "." that does not continue a reference: text
	tRefDot     // "." followed by an identifier (LOOKAHEAD(2) <DOT>)
	tLCurly     // "${" not followed by an identifier: text
	tFormalOpen // "${" or "$!{" followed by an identifier
	tRCurly
	tEmptyIndex
	// tSimpleRef is an identifier starting a whole reference made of
	// properties only (`$a.b.c`); the tokens of its chain are hidden from
	// participle and read back by lower.go (a speed-up: most references
	// are like this).
	tSimpleRef
	// tWsNot is whitespace followed by "!" or "not": UnaryExpression's
	// LOOKAHEAD(2) [WS] <LOGICAL_NOT>.
	tWsNot
	numTokTypes
)

var tokTypeNames = map[string]tokType{
	"EOF": tEOF, "IdxL": tIdxL, "IdxR": tIdxR, "LBrack": tLBrack, "RBrack": tRBrack, "Comma": tComma,
	"DotDot": tDotDot, "Colon": tColon, "LBrace": tLBrace, "RBrace": tRBrace, "LParen": tLParen,
	"RParen": tRParen, "RParen2": tRParen2, "EscDir": tEscDir, "Set": tSet, "LineCmt": tLineCmt,
	"DblEsc": tDblEsc, "Esc": tEsc, "Text": tText, "LineCmtEnd": tLineCmtEnd, "FormalCmt": tFormalCmt,
	"BlockCmt": tBlockCmt, "TextBlock": tTextBlock, "Ws": tWs, "Str": tStr, "True": tTrue,
	"False": tFalse, "Newline": tNewline, "Minus": tMinus, "Plus": tPlus, "Star": tStar,
	"Slash": tSlash, "Percent": tPercent, "And": tAnd, "Or": tOr, "Lt": tLt, "Le": tLe, "Gt": tGt,
	"Ge": tGe, "EqEq": tEqEq, "Ne": tNe, "Not": tNot, "Assign": tAssign, "End": tEnd, "If": tIf,
	"ElseIf": tElseIf, "Else": tElse, "Int": tInt, "Float": tFloat, "Word": tWord, "BWord": tBWord,
	"DirLine": tDirLine, "DirBlock": tDirBlock, "DirBare": tDirBare, "Ident": tIdent,
	"MethodName": tMethodName, "Dot": tDot, "RefDot": tRefDot, "LCurly": tLCurly,
	"FormalOpen": tFormalOpen, "RCurly": tRCurly, "EmptyIndex": tEmptyIndex,
	"SimpleRef": tSimpleRef, "WsNot": tWsNot,
}

var kindToType = [numKinds]tokType{
	kEOF: tEOF, kIndexLBracket: tIdxL, kIndexRBracket: tIdxR, kLBracket: tLBrack, kRBracket: tRBrack,
	kComma: tComma, kDoubleDot: tDotDot, kColon: tColon, kLeftCurley: tLBrace, kRightCurley: tRBrace,
	kLParen: tLParen, kRParen: tRParen, kRefmod2RParen: tRParen2, kEscapeDirective: tEscDir,
	kSetDirective: tSet, kLineCommentStrt: tLineCmt, kDoubleEscape: tDblEsc, kEscape: tEsc,
	kText: tText, kLineComment: tLineCmtEnd, kFormalComment: tFormalCmt, kMultiComment: tBlockCmt,
	kTextblock: tTextBlock, kWhitespace: tWs, kString: tStr, kTrue: tTrue, kFalse: tFalse,
	kNewline: tNewline, kMinus: tMinus, kPlus: tPlus, kMultiply: tStar, kDivide: tSlash,
	kModulus: tPercent, kAnd: tAnd, kOr: tOr, kLt: tLt, kLe: tLe, kGt: tGt, kGe: tGe, kEq: tEqEq,
	kNe: tNe, kNot: tNot, kEquals: tAssign, kEnd: tEnd, kIf: tIf, kElseIf: tElseIf, kElse: tElse,
	kInteger: tInt, kFloat: tFloat, kWord: tWord, kBracketedWord: tBWord, kIdentifier: tIdent,
	kDot: tDot, kLCurly: tLCurly, kRCurly: tRCurly, kEmptyIndex: tEmptyIndex,
}

// Directives registered in the oracle's Velocity 1.7 runtime (the default
// directive.properties minus #evaluate, which API Gateway does not have),
// with whether each takes a body. #if/#else/#elseif/#end/#set are grammar.
var directiveIsBlock = map[string]bool{
	"foreach": true, "include": false, "parse": false, "macro": true,
	"literal": true, "break": false, "define": true, "stop": false,
}

// directiveName is the name in a `#name` or `#{name}` image (which may
// carry a MORE prefix such as "$#name").
func directiveName(t *token) string {
	im := t.image
	if t.kind == kBracketedWord {
		// Velocity: image.substring(2, length-1), prefix and all.
		if len(im) >= 3 {
			return im[2 : len(im)-1]
		}
		return ""
	}
	return im[1:]
}

// methodArgStart is FIRST(Parameter) ∪ {REFMOD2_RPAREN}: the third token
// that Method()'s LOOKAHEAD(3) needs after `name(`.
func methodArgStart(k kind) bool {
	switch k {
	case kWhitespace, kString, kInteger, kLBracket, kLeftCurley, kTrue, kFalse,
		kIdentifier, kLCurly, kFloat, kRefmod2RParen:
		return true
	}
	return false
}

// classify sets typ on every token.
func classify(toks []token) {
	for i := range toks {
		t := &toks[i]
		t.typ = kindToType[t.kind]
		next := kEOF
		if i+1 < len(toks) {
			next = toks[i+1].kind
		}
		switch t.kind {
		case kWord, kBracketedWord:
			if t.state != sPreDirective || t.argWord {
				break
			}
			if !t.parenFollows {
				t.typ = tDirBare
				break
			}
			name := directiveName(t)
			if block, ok := directiveIsBlock[name]; (ok && block) || (!ok && strings.HasPrefix(name, "@")) {
				t.typ = tDirBlock
			} else {
				t.typ = tDirLine
			}
		case kDot:
			if next == kIdentifier {
				t.typ = tRefDot
			}
		case kLCurly:
			if next == kIdentifier {
				t.typ = tFormalOpen
			}
		case kIdentifier:
			if next == kLParen && i+2 < len(toks) && methodArgStart(toks[i+2].kind) {
				t.typ = tMethodName
			}
		case kWhitespace:
			if next == kNot {
				t.typ = tWsNot
			}
		}
	}
	// Collapse whole references made of properties and of calls whose
	// arguments are single tokens (`$a.b`, `$util.f($x, 'y')`): an
	// identifier that does not follow a ".", then links, with no "[" or
	// "." after. Participle would parse them exactly so (Reference(),
	// Method(), Parameter() without blanks); lower.go reads them back.
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.typ != tIdent || (i > 0 && (toks[i-1].typ == tRefDot || toks[i-1].typ == tLParen || toks[i-1].typ == tComma)) {
			continue
		}
		j := i + 1
		for j+1 < len(toks) && toks[j].typ == tRefDot {
			if toks[j+1].typ == tIdent {
				j += 2
				continue
			}
			if n := simpleCall(toks, j+1); n > 0 {
				j += 1 + n
				continue
			}
			break
		}
		if j < len(toks) && (toks[j].typ == tIdxL || toks[j].typ == tRefDot) {
			i = j - 1
			continue
		}
		t.typ = tSimpleRef
		t.simpleEnd = j
		for k := i + 1; k < j; k++ {
			toks[k].hidden = true
		}
		i = j - 1
	}
}

// simpleCall returns the length of `name(a, b)` at k when every argument
// is one token (an identifier reference, a string, an integer, true,
// false) with no blanks, or 0.
func simpleCall(toks []token, k int) int {
	if toks[k].typ != tMethodName || toks[k+1].kind != kLParen {
		return 0
	}
	j := k + 2
	if toks[j].kind == kRefmod2RParen {
		return j + 1 - k
	}
	for {
		switch a := &toks[j]; {
		case a.kind == kIdentifier && a.typ == tIdent:
		case a.kind == kString, a.kind == kInteger, a.kind == kTrue, a.kind == kFalse:
		default:
			return 0
		}
		j++
		switch toks[j].kind {
		case kComma:
			j++
		case kRefmod2RParen:
			return j + 1 - k
		default:
			return 0
		}
	}
}

// ---------------------------------------------------------------- participle

// lexDefinition makes the token manager a participle lexer.Definition.
type lexDefinition struct{}

var symbols = func() map[string]tokType {
	m := make(map[string]tokType, len(tokTypeNames))
	for k, v := range tokTypeNames {
		m[k] = v
	}
	return m
}()

func (lexDefinition) Symbols() map[string]tokType { return symbols }

func (d lexDefinition) Lex(filename string, r io.Reader) (plexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(b))
}

func (lexDefinition) LexString(filename string, src string) (plexer.Lexer, error) {
	toks, err := lex(src)
	if err != nil {
		le := err.(*lexError)
		return nil, &lexPosError{pos: posOf(filename, src, le.off), msg: le.msg}
	}
	classify(toks)
	return &tokenStream{name: filename, toks: toks}, nil
}

// tokenStream feeds classified tokens to participle. A token's
// Position.Offset is its index in toks (Line and Column are real), so that
// grammar nodes can find their tokens without searching. Tokens inside a
// collapsed reference (hidden) are skipped.
type tokenStream struct {
	name string
	toks []token
	i    int
}

func (s *tokenStream) Next() (plexer.Token, error) {
	if s.i >= len(s.toks) {
		t := s.toks[len(s.toks)-1]
		return plexer.Token{Type: tEOF, Pos: plexer.Position{Filename: s.name, Offset: len(s.toks) - 1, Line: t.line, Column: t.col}}, nil
	}
	for s.toks[s.i].hidden {
		s.i++
	}
	t := &s.toks[s.i]
	tok := plexer.Token{Type: t.typ, Value: t.image, Pos: plexer.Position{Filename: s.name, Offset: s.i, Line: t.line, Column: t.col}}
	s.i++
	return tok, nil
}

// posOf converts an offset for lexer errors reported through participle.
func posOf(name, src string, off int) plexer.Position {
	line, col := 1, 1
	for i := 0; i < off && i < len(src); i++ {
		if src[i] == '\n' {
			line++
			col = 1
		} else if src[i] < 0x80 || src[i] >= 0xC0 {
			col++
		}
	}
	return plexer.Position{Filename: name, Offset: off, Line: line, Column: col}
}

// lexPosError is a lexical error with a participle position.
type lexPosError struct {
	pos plexer.Position
	msg string
}

func (e *lexPosError) Error() string { return e.pos.String() + ": " + e.msg }
