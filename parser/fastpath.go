package parser

// Fast paths for the participle parsers of grammar.go.
//
// Participle builds the concrete tree by reflection, and every call of
// ParseFromLexer and every disjunction branch allocates; for the few dozen
// constructs of a typical template that was most of the parse time. Yet
// almost all of those constructs are the same few shapes: references with
// properties, calls whose arguments are literals or references, and
// indexes; #if/#elseif/#set expressions made of such references and
// literals joined by operators (with "!" and parentheses); directive
// arguments that are references, words and literals.
//
// The functions below recognise exactly those shapes and build the very
// tree (the g* structs, with the same Pos/EndPos, captured tokens and nil
// slices) that participle builds for them. Every choice in the grammar is
// decided by one token (UseLookahead(0), and tokens.go refined the token
// types for that), so following the grammar on a subset of its
// alternatives is deterministic: when the fast path reaches a token it does
// not handle — a range, list or map, a "${" with a method root, anything
// malformed — it gives up without side effects and participle parses the
// construct from the start, which is also what produces every syntax
// error message. The fast paths therefore only ever decide inputs that
// participle accepts.
//
// TestFastPathMatchesParticiple (fastpath_test.go) checks this: over all
// testdata templates, the corpus samples and the fuzz seeds, it re-parses
// every construct the fast path accepted with participle and requires
// reflect.DeepEqual trees, and it compares the whole AST (spans included)
// with the fast paths disabled. FuzzFastPath does the same on fuzzed input.

import (
	plexer "github.com/alecthomas/participle/v2/lexer"
)

// fastPathOff disables the fast paths (tests compare both ways).
var fastPathOff bool

// fastPathCheck, when set (by tests), is called with each tree the fast
// path built and what participle makes of the same tokens.
var fastPathCheck func(fast, slow any, err error)

// ptokChunk is how many captured tokens are allocated at a time.
const ptokChunk = 64

// ppos is participle's Position of token i (see tokenStream.Next).
func (l *lowerer) ppos(i int) plexer.Position {
	t := &l.toks[i]
	return plexer.Position{Filename: l.file.Name, Offset: i, Line: t.line, Column: t.col}
}

// ptok is the token participle captures for token i. They are allocated
// in chunks: appending within capacity never moves them.
func (l *lowerer) ptok(i int) tok {
	if len(l.ptoks) == cap(l.ptoks) {
		l.ptoks = make([]plexer.Token, 0, ptokChunk)
	}
	t := &l.toks[i]
	l.ptoks = append(l.ptoks, plexer.Token{Type: t.typ, Value: t.image, Pos: l.ppos(i)})
	return &l.ptoks[len(l.ptoks)-1]
}

// skipWs skips an optional Ws token (the grammar's `Ws?`).
func (l *lowerer) skipWs(i int) int {
	if l.toks[i].typ == tWs {
		return i + 1
	}
	return i
}

// fastRef is gRef at token i. It returns nil when the reference has a
// shape it does not handle.
func (l *lowerer) fastRef(i int) (*gRef, int) {
	g := &gRef{}
	g.Pos = l.ppos(i)
	switch t := &l.toks[i]; t.typ {
	case tSimpleRef:
		g.Simple = l.ptok(i)
		i = t.simpleEnd
	case tIdent:
		g.Root = l.ptok(i)
		if g.Idx, i = l.fastIndexes(i + 1); i < 0 {
			return nil, -1
		}
		if g.Chain, i = l.fastLinks(i); i < 0 {
			return nil, -1
		}
	case tFormalOpen:
		g.Formal = l.ptok(i)
		i++
		switch r := &l.toks[i]; r.typ {
		case tSimpleRef:
			g.FRoot = l.ptok(i)
			i = r.simpleEnd
		case tIdent:
			g.FRoot = l.ptok(i)
			i++
		default:
			return nil, -1
		}
		if g.FIdx, i = l.fastIndexes(i); i < 0 {
			return nil, -1
		}
		if g.FChain, i = l.fastLinks(i); i < 0 {
			return nil, -1
		}
		if l.toks[i].typ != tRCurly {
			return nil, -1
		}
		i++
	default:
		return nil, -1
	}
	g.EndPos = l.ppos(i)
	return g, i
}

// fastIndexes is gIndex*.
func (l *lowerer) fastIndexes(i int) ([]*gIndex, int) {
	var out []*gIndex
	for l.toks[i].typ == tIdxL {
		g := &gIndex{}
		g.Pos = l.ppos(i)
		i = l.skipWs(i + 1)
		switch l.toks[i].typ {
		case tStr, tInt, tTrue, tFalse:
			g.Lit = l.ptok(i)
			i++
		default:
			if g.Ref, i = l.fastRef(i); i < 0 {
				return nil, -1
			}
		}
		i = l.skipWs(i)
		if l.toks[i].typ != tIdxR {
			return nil, -1
		}
		i++
		g.EndPos = l.ppos(i)
		out = append(out, g)
	}
	return out, i
}

// fastLinks is gRefLink*.
func (l *lowerer) fastLinks(i int) ([]*gRefLink, int) {
	var out []*gRefLink
	for l.toks[i].typ == tRefDot {
		g := &gRefLink{}
		g.Pos = l.ppos(i)
		i++
		switch l.toks[i].typ {
		case tMethodName:
			if g.Method, i = l.fastMethod(i); i < 0 {
				return nil, -1
			}
		case tIdent:
			g.Prop = l.ptok(i)
			i++
		default:
			return nil, -1
		}
		if g.Idx, i = l.fastIndexes(i); i < 0 {
			return nil, -1
		}
		g.EndPos = l.ppos(i)
		out = append(out, g)
	}
	return out, i
}

// fastMethod is gMethod at a MethodName token.
func (l *lowerer) fastMethod(i int) (*gMethod, int) {
	g := &gMethod{}
	g.Pos = l.ppos(i)
	g.Name = l.ptok(i)
	i++
	if l.toks[i].typ != tLParen {
		return nil, -1
	}
	i++
	if l.toks[i].typ != tRParen2 {
		for {
			var p *gParam
			if p, i = l.fastParam(i); i < 0 {
				return nil, -1
			}
			g.Args = append(g.Args, p)
			if l.toks[i].typ != tComma {
				break
			}
			i++
		}
		if l.toks[i].typ != tRParen2 {
			return nil, -1
		}
	}
	i++
	g.EndPos = l.ppos(i)
	return g, i
}

// fastParam is gParam without ranges, maps and lists.
func (l *lowerer) fastParam(i int) (*gParam, int) {
	g := &gParam{}
	g.Pos = l.ppos(i)
	i = l.skipWs(i)
	switch l.toks[i].typ {
	case tStr, tInt:
		g.Lit = l.ptok(i)
		i++
	case tTrue, tFalse:
		g.Bool = l.ptok(i)
		i++
	case tFloat:
		g.Float = l.ptok(i)
		i++
	default:
		if g.Ref, i = l.fastRef(i); i < 0 {
			return nil, -1
		}
	}
	i = l.skipWs(i)
	g.EndPos = l.ppos(i)
	return g, i
}

// isBinaryOp is gOp's first token.
func isBinaryOp(t tokType) bool {
	switch t {
	case tOr, tAnd, tEqEq, tNe, tLt, tGt, tLe, tGe, tPlus, tMinus, tStar, tSlash, tPercent:
		return true
	}
	return false
}

// fastExpr is gExpr.
func (l *lowerer) fastExpr(i int) (*gExpr, int) {
	g := &gExpr{}
	g.Pos = l.ppos(i)
	if g.X, i = l.fastUnary(i); i < 0 {
		return nil, -1
	}
	for isBinaryOp(l.toks[i].typ) {
		op := &gOp{Op: l.ptok(i)}
		if op.Y, i = l.fastUnary(i + 1); i < 0 {
			return nil, -1
		}
		g.Rest = append(g.Rest, op)
	}
	g.EndPos = l.ppos(i)
	return g, i
}

// fastUnary is gUnary.
func (l *lowerer) fastUnary(i int) (*gUnary, int) {
	g := &gUnary{}
	g.Pos = l.ppos(i)
	for {
		if l.toks[i].typ == tWsNot && l.toks[i+1].typ == tNot {
			i++
		} else if l.toks[i].typ != tNot {
			break
		}
		g.Nots = append(g.Nots, l.toks[i].image)
		i++
	}
	if g.Primary, i = l.fastPrimary(i); i < 0 {
		return nil, -1
	}
	g.EndPos = l.ppos(i)
	return g, i
}

// fastPrimary is gPrimary without ranges, maps and lists.
func (l *lowerer) fastPrimary(i int) (*gPrimary, int) {
	g := &gPrimary{}
	g.Pos = l.ppos(i)
	i = l.skipWs(i)
	switch l.toks[i].typ {
	case tStr, tInt:
		g.Lit = l.ptok(i)
		i++
	case tTrue, tFalse:
		g.Bool = l.ptok(i)
		i++
	case tFloat:
		g.Float = l.ptok(i)
		i++
	case tLParen:
		if g.Paren, i = l.fastExpr(i + 1); i < 0 {
			return nil, -1
		}
		if l.toks[i].typ != tRParen {
			return nil, -1
		}
		i++
	default:
		if g.Ref, i = l.fastRef(i); i < 0 {
			return nil, -1
		}
	}
	i = l.skipWs(i)
	g.EndPos = l.ppos(i)
	return g, i
}

// fastIf is gIfHead.
func (l *lowerer) fastIf(i int) (*gIfHead, int) {
	g := &gIfHead{}
	g.Pos = l.ppos(i)
	if t := l.toks[i].typ; t != tIf && t != tElseIf {
		return nil, -1
	}
	i = l.skipWs(i + 1)
	if l.toks[i].typ != tLParen {
		return nil, -1
	}
	if g.Cond, i = l.fastExpr(i + 1); i < 0 {
		return nil, -1
	}
	if l.toks[i].typ != tRParen {
		return nil, -1
	}
	g.RP = l.ptok(i)
	i++
	g.EndPos = l.ppos(i)
	return g, i
}

// fastSet is gSet.
func (l *lowerer) fastSet(i int) (*gSet, int) {
	g := &gSet{}
	g.Pos = l.ppos(i)
	if l.toks[i].typ != tSet {
		return nil, -1
	}
	if g.Target, i = l.fastRef(l.skipWs(i + 1)); i < 0 {
		return nil, -1
	}
	i = l.skipWs(i)
	if l.toks[i].typ != tAssign {
		return nil, -1
	}
	if g.Value, i = l.fastExpr(i + 1); i < 0 {
		return nil, -1
	}
	if l.toks[i].typ != tRParen {
		return nil, -1
	}
	g.RP = l.ptok(i)
	i++
	if l.toks[i].typ == tNewline {
		i++
	}
	g.EndPos = l.ppos(i)
	return g, i
}

// fastDirHead is gDirHead with arguments that are references, words and
// literals.
func (l *lowerer) fastDirHead(i int) (*gDirHead, int) {
	g := &gDirHead{}
	g.Pos = l.ppos(i)
	if t := l.toks[i].typ; t != tDirLine && t != tDirBlock {
		return nil, -1
	}
	g.Name = l.ptok(i)
	i = l.skipWs(i + 1)
	if l.toks[i].typ != tLParen {
		return nil, -1
	}
	i++
	for {
		// The lookahead (?= Ws? (Comma Ws?)? FIRST(DirectiveArg)).
		j := l.skipWs(i)
		if l.toks[j].typ == tComma {
			j = l.skipWs(j + 1)
		}
		a := &gDirArg{}
		switch a.Pos = l.ppos(j); l.toks[j].typ {
		case tSimpleRef, tIdent, tFormalOpen:
			if a.Ref, j = l.fastRef(j); j < 0 {
				return nil, -1
			}
		case tWord, tStr, tInt:
			a.Lit = l.ptok(j)
			j++
		case tFloat:
			a.Float = l.ptok(j)
			j++
		case tTrue, tFalse:
			a.Bool = l.ptok(j)
			j++
		case tMethodName, tLBrack, tLBrace:
			return nil, -1
		default:
			// The lookahead fails: the arguments end at i.
			i = l.skipWs(i)
			if l.toks[i].typ != tRParen {
				return nil, -1
			}
			g.RP = l.ptok(i)
			i++
			g.EndPos = l.ppos(i)
			return g, i
		}
		a.EndPos = l.ppos(j)
		g.Args = append(g.Args, a)
		i = j
	}
}
