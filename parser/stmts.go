package parser

// The statement level of Velocity's grammar: process(), Statement() and the
// block structure of IfStatement() and Directive(). Every alternative of
// Statement() starts with its own token (tokens.go classified them so),
// and text, comments, escapes and property-only references need no
// grammar, so this level is a loop over the tokens; the participle parsers
// of grammar.go parse the constructs with inner syntax (references with
// calls or indexes, #set, #if/#elseif conditions, directive arguments),
// each from the position the loop has reached. Keeping the frequent, flat
// statements out of participle makes parsing several times faster.

import (
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2"
	plexer "github.com/alecthomas/participle/v2/lexer"
	"github.com/vtlc/vtlc/parser/ast"
)

// upgrade makes participle's view of the tokens. It is done on first use:
// the fast paths (fastpath.go) parse most templates without participle.
func (l *lowerer) upgrade() {
	ts := &tokenStream{name: l.file.Name, toks: l.toks}
	// tokenStream.Next never fails, so neither does Upgrade.
	pl, _ := plexer.Upgrade(ts)
	l.plStart, l.pl = *pl, *pl
	l.rawOf = make([]int, len(l.toks))
	raw := 0
	for i := range l.toks {
		l.rawOf[i] = raw
		if !l.toks[i].hidden {
			raw++
		}
	}
	l.upgraded = true
}

// seek positions the participle lexer at token i.
func (l *lowerer) seek(i int) {
	if !l.upgraded {
		l.upgrade()
	}
	raw := l.rawOf[i]
	cur := int(l.pl.RawCursor())
	if raw < cur {
		l.pl = l.plStart
		cur = 0
	}
	if raw > cur {
		l.pl.FastForward(plexer.RawCursor(raw - 1))
	}
}

// parseAt runs a participle parser from token i.
func parseAt[G any](l *lowerer, pp **participle.Parser[G], i int) *G {
	buildParsers()
	p := *pp
	l.seek(i)
	g, err := p.ParseFromLexer(&l.pl, allowTrail)
	if err != nil {
		if l.err == nil {
			off, msg := diagnose(l.toks, err)
			l.fail(off, "%s", msg)
		}
		return nil
	}
	return g
}

// parseFast parses the construct at token i with the fast path when it
// handles it (see fastpath.go) and with participle otherwise.
func parseFast[G any](l *lowerer, pp **participle.Parser[G], i int, fast func(int) (*G, int)) *G {
	if fastPathOff {
		return parseAt(l, pp, i)
	}
	g, _ := fast(i)
	if g == nil {
		return parseAt(l, pp, i)
	}
	if fastPathCheck != nil {
		buildParsers()
		l.seek(i)
		slow, err := (*pp).ParseFromLexer(&l.pl, allowTrail)
		fastPathCheck(g, slow, err)
	}
	return g
}

// where formats an offset of this (sub)template as "line:col" of the file.
func (l *lowerer) where(off int) string {
	p := l.file.Position(l.pos(off))
	return fmt.Sprintf("%d:%d", p.Line, p.Column)
}

// isTextTok reports whether Text() accepts a token.
func isTextTok(t tokType) bool {
	switch t {
	case tText, tLParen, tRParen, tEsc, tStr, tInt, tFloat, tDot, tRefDot, tLCurly, tRCurly, tEmptyIndex:
		return true
	}
	return false
}

// template is process(): ( Statement() )* <EOF>.
func (l *lowerer) template() []ast.Stmt {
	body, i := l.statements(0)
	if l.err == nil && l.toks[i].kind != kEOF {
		l.unexpected(i, nil)
	}
	return body
}

// opener is a block being parsed, for messages.
type opener struct {
	what string
	off  int
}

// unexpected reports token i where a statement or the end of block b was
// expected.
func (l *lowerer) unexpected(i int, b *opener) {
	t := &l.toks[i]
	switch {
	case t.kind == kEOF && b != nil:
		l.fail(t.start, "unclosed %s (opened at %s): it needs a matching #end", b.what, l.where(b.off))
	case (t.kind == kEnd || t.kind == kElse || t.kind == kElseIf) && b == nil:
		l.fail(t.start, "unexpected %s: there is no open #if, #foreach or other block", describeTok(t))
	case (t.kind == kElse || t.kind == kElseIf) && b.what != "#if":
		l.fail(t.start, "unexpected %s inside %s (opened at %s): #else and #elseif belong to an #if", describeTok(t), b.what, l.where(b.off))
	case (t.kind == kElse || t.kind == kElseIf) && b.what == "#if":
		l.fail(t.start, "unexpected %s after #else (opened at %s): #else must be the last branch of an #if", describeTok(t), l.where(b.off))
	default:
		l.fail(t.start, "unexpected %s%s", describeTok(t), contextOf(l.toks, i))
	}
}

// statements is ( Statement() )*: it stops at the first token that cannot
// start a statement and returns its index.
func (l *lowerer) statements(i int) ([]ast.Stmt, int) {
	var out []ast.Stmt
	for l.err == nil {
		t := &l.toks[i]
		switch {
		case isTextTok(t.typ):
			out = append(out, l.text(t.specPos, t.end, tokenLiteral(t)))
			i++
		case t.typ == tSimpleRef:
			out = append(out, l.output(i, t.simpleEnd, nil))
			i = t.simpleEnd
		case t.typ == tIdent || t.typ == tMethodName || t.typ == tFormalOpen:
			g := parseFast(l, &refParser, i, l.fastRef)
			if g == nil {
				return out, i
			}
			out = append(out, l.output(g.Pos.Offset, g.EndPos.Offset, g))
			i = g.EndPos.Offset
		case t.typ == tSet:
			g := parseFast(l, &setParser, i, l.fastSet)
			if g == nil {
				return out, i
			}
			out = append(out, l.set(g))
			i = g.EndPos.Offset
		case t.typ == tIf:
			var n ast.Stmt
			n, i = l.ifStmt(i)
			out = append(out, n)
		case t.typ == tDirBare || t.typ == tDirLine || t.typ == tDirBlock:
			var ns []ast.Stmt
			ns, i = l.directive(i)
			out = append(out, ns...)
		case t.typ == tLineCmt || t.typ == tFormalCmt || t.typ == tBlockCmt:
			out, i = l.comment(out, i)
		case t.typ == tTextBlock:
			// ASTTextblock strips 3 characters at each end of the image,
			// MORE prefix or not ("$#[[x]]#" prints "[x").
			out = append(out, l.text(t.start, t.end, t.image[3:len(t.image)-3]))
			i++
		case t.typ == tEscDir:
			t.image = l.escapedDirective(t.image) // as the parser does
			out = append(out, l.text(t.start, t.end, t.image))
			i++
		case t.typ == tDblEsc:
			var n ast.Stmt
			n, i = l.escape(i)
			out = append(out, n)
		default:
			return mergeText(out), i
		}
	}
	return out, i
}

// comment is Comment(): ASTComment prints what its first token holds
// before "##" or "#*".
func (l *lowerer) comment(out []ast.Stmt, i int) ([]ast.Stmt, int) {
	t := &l.toks[i]
	im := t.image
	cut := len(im)
	if k := strings.Index(im, "##"); k >= 0 {
		cut = k
	}
	if k := strings.Index(im, "#*"); k >= 0 && k < cut {
		cut = k
	}
	if cut > 0 && cut < len(im) {
		out = append(out, l.text(t.start, t.start+cut, im[:cut]))
	}
	start := t.start + cut
	if t.kind != kLineCommentStrt {
		// The image of "*#" holds only what follows the last character
		// skipped inside the comment: find the opening "#*" in the source.
		prev := 0
		if i > 0 {
			prev = l.toks[i-1].end
		}
		if k := strings.Index(l.src[prev:t.end], "#*"); k >= 0 {
			start = prev + k
		}
	}
	end := t.end
	next := i + 1
	if t.kind == kLineCommentStrt {
		// The comment runs to its newline (SINGLE_LINE_COMMENT), or to
		// the end of the file.
		end = l.toks[i+1].specPos
		if l.toks[i+1].kind == kLineComment {
			end = l.toks[i+1].end
			next++
		}
	}
	return append(out, &ast.Comment{Loc: ast.Loc{Span: l.span(start, end)}, Text: l.src[start:end]}), next
}

// escape is Escape(): each `\\` prints `\` before a directive and `\\`
// otherwise.
func (l *lowerer) escape(i int) (ast.Stmt, int) {
	j := i
	for l.toks[j].typ == tDblEsc {
		j++
	}
	next := &l.toks[j]
	control := false
	switch next.kind {
	case kIf, kElse, kElseIf, kEnd:
		control = true
	case kEOF:
	default:
		if len(next.image) > 0 && isDirective(next.image[1:]) {
			control = true
		}
	}
	unit := `\\`
	if control {
		unit = `\`
	}
	return l.text(l.toks[i].start, l.toks[j-1].end, strings.Repeat(unit, j-i)), j
}

// ifStmt is IfStatement() with its ElseIfStatement()s and ElseStatement().
func (l *lowerer) ifStmt(i int) (ast.Stmt, int) {
	n := &ast.If{}
	start := l.toks[i].start
	b := &opener{"#if", start}
	for l.err == nil && (l.toks[i].typ == tIf || l.toks[i].typ == tElseIf) {
		g := parseFast(l, &ifParser, i, l.fastIf)
		if g == nil {
			return n, i
		}
		c := &ast.Clause{Cond: l.expr(g.Cond)}
		c.Body, i = l.statements(g.EndPos.Offset)
		c.Span = l.span(l.toks[g.Pos.Offset].start, l.blockEnd(i, l.tok(g.RP).end))
		n.Clauses = append(n.Clauses, c)
	}
	if l.err == nil && l.toks[i].typ == tElse {
		n.HasElse = true
		n.Else, i = l.statements(i + 1)
		if n.Else == nil {
			n.Else = []ast.Stmt{}
		}
	}
	if l.err != nil {
		return n, i
	}
	if l.toks[i].typ != tEnd {
		l.unexpected(i, b)
		return n, i
	}
	n.Span = l.span(start, l.toks[i].end)
	return n, i + 1
}

// blockEnd is the end offset of a block whose statements stop before token
// i, or def when it is empty.
func (l *lowerer) blockEnd(i, def int) int {
	if e := l.toks[i-1].end; e > def {
		return e
	}
	return def
}

func (l *lowerer) set(g *gSet) ast.Stmt {
	t := &l.toks[g.Pos.Offset]
	// The span starts at "#set": the blanks before it are part of the
	// token (they are gobbled) but not of the directive.
	start := t.start + strings.IndexByte(t.image, '#')
	n := &ast.Set{Target: l.ref(g.Target), Value: l.expr(g.Value)}
	n.Span = l.span(start, l.toks[g.EndPos.Offset-1].end)
	return n
}

// directive is Directive(): a pluggable directive or a macro call, with
// the checks that Velocity makes when it parses and initialises one.
func (l *lowerer) directive(i int) ([]ast.Stmt, int) {
	nameTok := &l.toks[i]
	name := directiveName(nameTok)
	start := nameTok.start
	bare := nameTok.typ == tDirBare
	var (
		args    []*gDirArg
		body    []ast.Stmt
		bodyAt  int // first token of the body
		end     = i + 1
		hasBody bool
	)
	if !bare {
		g := parseFast(l, &dirParser, i, l.fastDirHead)
		if g == nil {
			return nil, i
		}
		args, end = g.Args, g.EndPos.Offset
		if nameTok.typ == tDirBlock {
			hasBody = true
			bodyAt = end
			body, end = l.statements(end)
			if l.err != nil {
				return nil, end
			}
			if l.toks[end].typ != tEnd {
				l.unexpected(end, &opener{"#" + name, start})
				return nil, end
			}
			end++
		}
	}
	ts := l.toks[i:end]
	loc := ast.Loc{Span: l.span(start, ts[len(ts)-1].end)}
	_, known := directiveIsBlock[name]

	// Directive(): word arguments are only allowed as #macro's name, the
	// "in" of #foreach, and in macro calls.
	for k, a := range args {
		if a.Lit == nil || l.tok(a.Lit).kind != kWord {
			if name == "macro" && k == 0 {
				l.fail(l.toks[a.Pos.Offset].start, "#macro needs a name first, not %s: write #macro(name $arg …)", describeTok(&l.toks[a.Pos.Offset]))
				return nil, end
			}
			continue
		}
		if name == "macro" && k == 0 || !known || name == "foreach" && k == 1 {
			continue
		}
		l.fail(l.tok(a.Lit).start, "#%s does not take a bare word (%q) as argument %d", name, l.tok(a.Lit).image, k+1)
		return nil, end
	}
	// Velocity initialises every argument (string literals are parsed
	// then), used or not.
	argv := make([]ast.Expr, len(args))
	for k, a := range args {
		argv[k] = l.dirArg(a)
	}

	switch name {
	case "macro":
		if len(args) == 0 {
			l.fail(start, "#macro needs a name: write #macro(name $arg …) … #end")
			return nil, end
		}
		n := &ast.Macro{Loc: loc, Name: l.tok(args[0].Lit).image, Body: body}
		for _, a := range args[1:] {
			if a.Ref != nil {
				n.Params = append(n.Params, l.ref(a.Ref).Name)
			} else {
				n.Params = append(n.Params, l.sourceOf(a.span))
			}
		}
		// Parser.macroNames: from now on `\#name` is an escaped directive.
		l.macroNames[n.Name] = true
		return []ast.Stmt{n}, end
	case "foreach":
		if bare {
			l.fail(start, "#foreach needs arguments: write #foreach($item in $list) … #end")
			return nil, end
		}
		n := &ast.Foreach{Loc: loc, ArgCount: len(args), Body: body}
		if len(args) > 0 {
			if a := args[0]; a.Ref != nil {
				r := argv[0].(*ast.Ref)
				n.Var, n.VarSpan = r.Name, r.Span
			} else {
				// Foreach.init: the first token's image without its first
				// character.
				t := &l.toks[a.Pos.Offset]
				n.Var = t.image[1:]
				n.VarSpan = l.span(t.start, t.end)
			}
		}
		if len(args) > 2 {
			n.Iter = argv[2]
		}
		return []ast.Stmt{n}, end
	case "define":
		if bare {
			l.fail(start, "#define needs a name: write #define($name) … #end")
			return nil, end
		}
		if len(args) != 1 {
			l.fail(start, "#define takes exactly one argument, the block's name: write #define($name) … #end")
			return nil, end
		}
		t := &l.toks[args[0].Pos.Offset]
		return []ast.Stmt{&ast.Define{Loc: loc, Name: t.image[1:], Body: body}}, end
	case "literal":
		if bare {
			l.fail(start, "#literal needs parentheses: write #literal() … #end")
			return nil, end
		}
		// Literal.init: the literal text of the first child (the block when
		// there are no arguments), once the children are initialised.
		var v string
		switch {
		case len(args) > 0:
			v = literalOf(l.tokenRange(args[0].span))
		case end-1 > bodyAt:
			v = literalOf(l.toks[bodyAt : end-1])
		default:
			// SimpleNode.literal() of an empty block walks past its end.
			l.fail(start, "#literal() needs a body: Velocity 1.7 fails on an empty #literal() … #end")
			return nil, end
		}
		return []ast.Stmt{&ast.Text{Loc: loc, Value: v}}, end
	case "break":
		if len(args) > 1 {
			// Break.init (1.7 reuses #stop's message).
			l.fail(start, "#break takes at most one argument (a scope such as $foreach)")
			return nil, end
		}
		return []ast.Stmt{&ast.Break{Loc: loc, Args: argv}}, end
	case "stop":
		if len(args) > 1 {
			l.fail(start, "#stop takes at most one argument (a message)")
			return nil, end
		}
		return []ast.Stmt{&ast.Stop{Loc: loc}}, end
	case "include", "parse":
		return []ast.Stmt{&ast.Include{Loc: loc, Directive: name, Args: argv}}, end
	}
	// A macro call, a block macro call or an unknown directive:
	// RuntimeMacro finds no macro and prints the images of the node's
	// tokens, the newline eaten by ")" or "#end" included. It does so when
	// rendering, after getRoot has rewritten the reference tokens of the
	// arguments and body (lowered above).
	n := &ast.Literal{Loc: loc, Name: name, Args: argv, Value: images(ts)}
	if hasBody {
		n.Body = body
		if n.Body == nil {
			n.Body = []ast.Stmt{}
		}
	}
	return []ast.Stmt{n}, end
}
