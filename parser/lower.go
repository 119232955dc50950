package parser

// Lowering turns participle's concrete tree into parser/ast nodes and
// applies what Velocity 1.7 decides when it initialises the node tree:
// what each piece of text renders (NodeUtils.tokenLiteral, ASTComment,
// ASTTextblock, ASTEscape, escapedDirective), the reference prefixes of
// ASTReference.getRoot, string-literal unescaping and interpolation
// (ASTStringLiteral), and the argument checks that make a template fail
// whatever the request is (Directive(), Macro.checkArgs, Define.init, the
// no-argument init failures).

import (
	"strconv"
	"strings"

	"github.com/vtlc/vtlc/parser/ast"
	"github.com/vtlc/vtlc/parser/source"
)

// lowerer holds one (sub)template's tokens. base is the offset of the
// tokens' text in the file (0 for the file itself; inside an interpolated
// string, where the text was rewritten, positions are mapped by mapOff).
type lowerer struct {
	file   *source.File
	src    string
	toks   []token
	mapOff func(int) int
	// macroNames are the #macro names seen so far (Parser.macroNames): an
	// escaped `\#name` of one prints without its backslashes.
	macroNames map[string]bool
	err        *source.Error
}

func (l *lowerer) pos(off int) source.Pos {
	if l.mapOff != nil {
		off = l.mapOff(off)
	}
	return source.PosOf(off)
}

func (l *lowerer) span(start, end int) source.Span {
	if end < start {
		end = start
	}
	return source.Span{Start: l.pos(start), End: l.pos(end)}
}

func (l *lowerer) fail(off int, format string, args ...any) {
	if l.err == nil {
		l.err = l.file.Errorf(source.Syntax, l.pos(off), format, args...)
	}
}

func (l *lowerer) tok(t tok) *token { return &l.toks[t.Pos.Offset] }

// tokenRange returns the tokens of a node.
func (l *lowerer) tokenRange(s span) []token { return l.toks[s.Pos.Offset:s.EndPos.Offset] }

// tokenLiteral is NodeUtils.tokenLiteral: special text, then the image.
func tokenLiteral(t *token) string {
	if t.kind == kMultiComment {
		return ""
	}
	if t.special == "" {
		return t.image
	}
	return t.special + t.image
}

// ---------------------------------------------------------------- statements

func (l *lowerer) stmts(in []*gStmt) []ast.Stmt {
	out := make([]ast.Stmt, 0, len(in))
	for _, s := range in {
		out = l.stmt(out, s)
	}
	return mergeText(out)
}

// mergeText joins adjacent Text nodes: they render one after the other.
func mergeText(in []ast.Stmt) []ast.Stmt {
	out := in[:0]
	for _, s := range in {
		if t, ok := s.(*ast.Text); ok {
			if t.Value == "" {
				continue
			}
			if n := len(out); n > 0 {
				if p, ok := out[n-1].(*ast.Text); ok {
					p.Value += t.Value
					p.Span.End = t.Span.End
					continue
				}
			}
		}
		out = append(out, s)
	}
	return out
}

func (l *lowerer) text(start, end int, v string) *ast.Text {
	return &ast.Text{Loc: ast.Loc{Span: l.span(start, end)}, Value: v}
}

func (l *lowerer) stmt(out []ast.Stmt, s *gStmt) []ast.Stmt {
	switch {
	case s.If != nil:
		return append(out, l.ifStmt(s.If))
	case s.Ref != nil:
		return append(out, l.output(s.Ref))
	case s.Comment != nil:
		return l.comment(out, s.Comment)
	case s.Textblock != nil:
		t := l.tok(s.Textblock)
		// ASTTextblock strips 3 characters at each end of the image, MORE
		// prefix or not ("$#[[x]]#" prints "[x").
		return append(out, l.text(t.start, t.end, t.image[3:len(t.image)-3]))
	case s.Set != nil:
		return append(out, l.set(s.Set))
	case s.EscDir != nil:
		t := l.tok(s.EscDir)
		t.image = l.escapedDirective(t.image) // as the parser does
		return append(out, l.text(t.start, t.end, t.image))
	case s.Escape != nil:
		return append(out, l.escape(s.Escape))
	case s.Directive != nil:
		return append(out, l.directive(s.Directive)...)
	case s.Text != nil:
		t := l.tok(s.Text)
		return append(out, l.text(t.specPos, t.end, tokenLiteral(t)))
	}
	return out
}

func (l *lowerer) comment(out []ast.Stmt, c *gComment) []ast.Stmt {
	var i int
	if c.Line != nil {
		i = c.Line.Pos.Offset
	} else {
		i = c.Other.Pos.Offset
	}
	t := &l.toks[i]
	// ASTComment prints what its first token holds before "##" or "#*".
	im := t.image
	cut := len(im)
	if k := strings.Index(im, "##"); k >= 0 {
		cut = k
	}
	if k := strings.Index(im, "#*"); k >= 0 && k < cut {
		cut = k
	}
	start := t.start
	if cut == len(im) {
		// "*#" alone: the opening "#*" was skipped; find it.
		prev := 0
		if i > 0 {
			prev = l.toks[i-1].end
		}
		if k := strings.LastIndex(l.src[prev:t.start], "#*"); k >= 0 {
			start = prev + k
		} else {
			start = prev
		}
		cut = 0
	} else if cut > 0 {
		out = append(out, l.text(t.start, t.start+cut, im[:cut]))
		start = t.start + cut
	}
	end := t.end
	if c.Line != nil {
		end = l.toks[i+1].specPos
		if l.toks[i+1].kind == kLineComment {
			end = l.toks[i+1].end
		}
	}
	return append(out, &ast.Comment{Loc: ast.Loc{Span: l.span(start, end)}, Text: l.src[start:end]})
}

// isDirective is Parser.isDirective under the oracle's configuration.
func isDirective(name string) bool {
	_, ok := directiveIsBlock[name]
	return ok
}

// escapedDirective is Parser.escapedDirective: `\#name` prints "#name"
// (with half the backslashes before it) when name is a directive or a
// macro seen so far, and stays as written otherwise.
func (l *lowerer) escapedDirective(im string) string {
	last := strings.LastIndexByte(im, '\\')
	dir := im[last+1:]
	tag := dir[1:]
	if tag[0] == '{' {
		tag = tag[1 : len(tag)-1]
	}
	switch {
	case isDirective(tag), l.macroNames[tag]:
	case tag == "if", tag == "end", tag == "set", tag == "else", tag == "elseif", tag == "stop":
	default:
		return im
	}
	return im[:last/2] + dir
}

// escape is Escape(): each `\\` prints `\` before a directive and `\\`
// otherwise.
func (l *lowerer) escape(g *gEscape) ast.Stmt {
	first := &l.toks[g.Pos.Offset]
	lastI := g.EndPos.Offset - 1
	last := &l.toks[lastI]
	next := &l.toks[lastI+1]
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
	return l.text(first.start, last.end, strings.Repeat(unit, len(g.Esc)))
}

// ---------------------------------------------------------------- directives

func (l *lowerer) ifStmt(g *gIf) *ast.If {
	n := &ast.If{}
	start := l.toks[g.Pos.Offset].start
	end := l.tok(g.End).end
	n.Span = l.span(start, end)
	c := &ast.Clause{Cond: l.expr(g.Cond), Body: l.stmts(g.Body)}
	c.Span = l.span(start, l.clauseEnd(g.Body, l.tok(g.RP).end))
	n.Clauses = append(n.Clauses, c)
	for _, e := range g.ElseIfs {
		c := &ast.Clause{Cond: l.expr(e.Cond), Body: l.stmts(e.Body)}
		c.Span = l.span(l.toks[e.Pos.Offset].start, l.clauseEnd(e.Body, l.tok(e.RP).end))
		n.Clauses = append(n.Clauses, c)
	}
	if g.Else != nil {
		n.HasElse = true
		n.Else = l.stmts(g.Else.Body)
		if n.Else == nil {
			n.Else = []ast.Stmt{}
		}
	}
	return n
}

func (l *lowerer) clauseEnd(body []*gStmt, def int) int {
	if len(body) == 0 {
		return def
	}
	return l.toks[l.stmtEndTok(body[len(body)-1])-1].end
}

// stmtEndTok returns the index of the token after statement s.
func (l *lowerer) stmtEndTok(s *gStmt) int {
	switch {
	case s.If != nil:
		return s.If.End.Pos.Offset + 1
	case s.Ref != nil:
		return s.Ref.EndPos.Offset
	case s.Comment != nil:
		if s.Comment.Line != nil {
			i := s.Comment.Line.Pos.Offset + 1
			if l.toks[i].kind == kLineComment {
				i++
			}
			return i
		}
		return s.Comment.Other.Pos.Offset + 1
	case s.Textblock != nil:
		return s.Textblock.Pos.Offset + 1
	case s.Set != nil:
		return s.Set.EndPos.Offset
	case s.EscDir != nil:
		return s.EscDir.Pos.Offset + 1
	case s.Escape != nil:
		return s.Escape.EndPos.Offset
	case s.Directive != nil:
		return s.Directive.EndPos.Offset
	case s.Text != nil:
		return s.Text.Pos.Offset + 1
	}
	return 0
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

// images is RuntimeMacro.getLiteral: the images of a node's tokens.
func images(ts []token) string {
	var b strings.Builder
	for i := range ts {
		b.WriteString(ts[i].image)
	}
	return b.String()
}

func (l *lowerer) directive(g *gDirective) []ast.Stmt {
	var (
		nameTok *token
		args    []*gDirArg
		body    []*gStmt
		hasBody bool
	)
	switch {
	case g.Bare != nil:
		nameTok = l.tok(g.Bare)
	case g.Line != nil:
		nameTok, args = l.tok(g.Line.Name), g.Line.Args
	default:
		nameTok, args, body, hasBody = l.tok(g.Block.Name), g.Block.Args, g.Block.Body, true
	}
	name := directiveName(nameTok)
	ts := l.tokenRange(g.span)
	start := nameTok.start
	end := ts[len(ts)-1].end
	loc := ast.Loc{Span: l.span(start, end)}
	_, known := directiveIsBlock[name]

	// Directive(): word arguments are only allowed as #macro's name, the
	// "in" of #foreach, and in macro calls.
	for i, a := range args {
		if a.Lit == nil || l.tok(a.Lit).kind != kWord {
			if name == "macro" && i == 0 {
				l.fail(l.toks[a.Pos.Offset].start, "#macro needs a name first, not %s: write #macro(name $arg …)", describeTok(&l.toks[a.Pos.Offset]))
				return nil
			}
			continue
		}
		if name == "macro" && i == 0 || !known || name == "foreach" && i == 1 {
			continue
		}
		l.fail(l.tok(a.Lit).start, "#%s does not take a bare word (%q) as argument %d", name, l.tok(a.Lit).image, i+1)
		return nil
	}

	// Velocity initialises every argument (string literals are parsed
	// then), used or not.
	argv := make([]ast.Expr, len(args))
	for i, a := range args {
		argv[i] = l.dirArg(a)
	}

	switch name {
	case "macro":
		if g.Bare != nil {
			l.fail(start, "#macro needs a name: write #macro(name $arg …) … #end")
			return nil
		}
		if len(args) == 0 {
			l.fail(start, "#macro needs a name: write #macro(name $arg …) … #end")
			return nil
		}
		n := &ast.Macro{Loc: loc, Name: l.tok(args[0].Lit).image}
		for _, a := range args[1:] {
			if a.Ref != nil {
				n.Params = append(n.Params, l.ref(a.Ref).Name)
			} else {
				n.Params = append(n.Params, l.sourceOf(a.span))
			}
		}
		n.Body = l.stmts(body)
		l.macroNames[n.Name] = true
		return []ast.Stmt{n}
	case "foreach":
		if g.Bare != nil {
			l.fail(start, "#foreach needs arguments: write #foreach($item in $list) … #end")
			return nil
		}
		n := &ast.Foreach{Loc: loc, ArgCount: len(args), Body: l.stmts(body)}
		if len(args) > 0 {
			a := args[0]
			if a.Ref != nil {
				r := l.ref(a.Ref)
				n.Var = r.Name
				n.VarSpan = r.Span
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
		return []ast.Stmt{n}
	case "define":
		if g.Bare != nil {
			l.fail(start, "#define needs a name: write #define($name) … #end")
			return nil
		}
		if len(args) != 1 {
			l.fail(start, "#define takes exactly one argument, the block's name: write #define($name) … #end")
			return nil
		}
		t := &l.toks[args[0].Pos.Offset]
		return []ast.Stmt{&ast.Define{Loc: loc, Name: t.image[1:], Body: l.stmts(body)}}
	case "literal":
		if g.Bare != nil {
			l.fail(start, "#literal needs parentheses: write #literal() … #end")
			return nil
		}
		// Literal.init: the literal text of the first child (the block when
		// there are no arguments).
		l.stmts(body) // initialises the references first (see refRoot)
		var v string
		if len(args) > 0 {
			v = literalOf(l.tokenRange(args[0].span))
		} else if len(body) > 0 {
			from := l.stmtStartTok(body[0])
			to := l.stmtEndTok(body[len(body)-1])
			v = literalOf(l.toks[from:to])
		} else {
			// SimpleNode.literal() of an empty block walks past its end.
			l.fail(start, "#literal() needs a body: Velocity 1.7 fails on an empty #literal() … #end")
			return nil
		}
		return []ast.Stmt{&ast.Text{Loc: loc, Value: v}}
	case "break":
		if len(args) > 1 {
			// Break.init (1.7 reuses #stop's message).
			l.fail(start, "#break takes at most one argument (a scope such as $foreach)")
			return nil
		}
		n := &ast.Break{Loc: loc, Args: argv}
		return []ast.Stmt{n}
	case "stop":
		if len(args) > 1 {
			l.fail(start, "#stop takes at most one argument (a message)")
			return nil
		}
		return []ast.Stmt{&ast.Stop{Loc: loc}}
	case "include", "parse":
		n := &ast.Include{Loc: loc, Directive: name, Args: argv}
		return []ast.Stmt{n}
	}
	// A macro call, a block macro call or an unknown directive:
	// RuntimeMacro finds no macro and prints the images of the node's
	// tokens, the newline eaten by ")" or "#end" included.
	n := &ast.Literal{Loc: loc, Name: name, Args: argv}
	if hasBody {
		// Lowered first: RuntimeMacro computes its text when rendering,
		// after getRoot has rewritten the body's reference tokens.
		n.Body = l.stmts(body)
		if n.Body == nil {
			n.Body = []ast.Stmt{}
		}
	}
	n.Value = images(ts)
	return []ast.Stmt{n}
}

func (l *lowerer) stmtStartTok(s *gStmt) int {
	switch {
	case s.If != nil:
		return s.If.Pos.Offset
	case s.Ref != nil:
		return s.Ref.Pos.Offset
	case s.Comment != nil:
		if s.Comment.Line != nil {
			return s.Comment.Line.Pos.Offset
		}
		return s.Comment.Other.Pos.Offset
	case s.Textblock != nil:
		return s.Textblock.Pos.Offset
	case s.Set != nil:
		return s.Set.Pos.Offset
	case s.EscDir != nil:
		return s.EscDir.Pos.Offset
	case s.Escape != nil:
		return s.Escape.Pos.Offset
	case s.Directive != nil:
		return s.Directive.Pos.Offset
	case s.Text != nil:
		return s.Text.Pos.Offset
	}
	return 0
}

// literalOf is SimpleNode.literal(): the token literals of a node.
func literalOf(ts []token) string {
	var b strings.Builder
	for i := range ts {
		b.WriteString(tokenLiteral(&ts[i]))
	}
	return b.String()
}

func (l *lowerer) sourceOf(s span) string {
	ts := l.tokenRange(s)
	if len(ts) == 0 {
		return ""
	}
	return l.src[ts[0].start:ts[len(ts)-1].end]
}

// ---------------------------------------------------------------- references

// refParts is what ASTReference.getRoot computes from the first token.
type refParts struct {
	root       string
	escaped    bool
	quiet      bool
	runt       bool
	escPrefix  string
	morePrefix string
	literal    string
	dollarOff  int // offset of the reference proper (after the prefixes)
}

func (l *lowerer) refRoot(g *gRef) refParts {
	ts := l.tokenRange(g.span)
	first := &ts[0]
	im := first.image
	var p refParts
	p.dollarOff = first.start
	if k := strings.Index(im, `\!`); k >= 0 {
		// "$\!a": not a reference; Velocity looks the whole thing up as a
		// variable name, which is never defined.
		i := strings.IndexByte(im, '$')
		for i < len(im) && im[i] != '\\' {
			i++
		}
		start := i
		count := 0
		for i < len(im) && im[i] == '\\' {
			count++
			i++
		}
		null := im[:start] + im[start:start+count-1] + im[start+count:]
		p.root = null
		p.literal = null
		return p
	}
	if strings.HasPrefix(im, `\`) {
		n := 0
		for n < len(im) && im[n] == '\\' {
			n++
		}
		p.escaped = n%2 == 1
		p.escPrefix = im[:n/2]
		im = im[n:]
		p.dollarOff += n
	}
	if k := strings.LastIndexByte(im, '$'); k > 0 {
		p.morePrefix = im[:k]
		im = im[k:]
		p.dollarOff += k
	}
	// getRoot rewrites the token's image; literals computed later (#literal,
	// a macro call's text) see the rewritten one: "#foo(\$a)" prints
	// "#foo($a)".
	first.image = im
	var b strings.Builder
	b.WriteString(first.special)
	b.WriteString(im)
	for i := 1; i < len(ts); i++ {
		b.WriteString(tokenLiteral(&ts[i]))
	}
	p.literal = b.String()
	switch {
	case strings.HasPrefix(im, "$!"):
		p.quiet = true
		if strings.HasPrefix(im, "$!{") {
			p.root = ts[1].image
		} else {
			p.root = im[2:]
		}
	case im == "${":
		p.root = ts[1].image
	case strings.HasPrefix(im, "$"):
		p.root = im[1:]
	default:
		p.runt = true
		p.root = im
	}
	return p
}

// output lowers a reference printed in text.
func (l *lowerer) output(g *gRef) ast.Stmt {
	p := l.refRoot(g)
	ts := l.tokenRange(g.span)
	start, end := ts[0].start, ts[len(ts)-1].end
	if p.runt {
		// ASTReference.render of a RUNT writes the root and nothing else.
		return l.text(start, end, p.root)
	}
	r := l.refFrom(g, p)
	return &ast.Output{
		Loc:        ast.Loc{Span: l.span(start, end)},
		Ref:        r,
		Quiet:      p.quiet,
		Escaped:    p.escaped,
		EscPrefix:  p.escPrefix,
		MorePrefix: p.morePrefix,
		Literal:    p.literal,
	}
}

func (l *lowerer) ref(g *gRef) *ast.Ref { return l.refFrom(g, l.refRoot(g)) }

func (l *lowerer) refFrom(g *gRef, p refParts) *ast.Ref {
	ts := l.tokenRange(g.span)
	r := &ast.Ref{Name: p.root, Formal: g.Formal != nil, Literal: p.literal, Runt: p.runt}
	r.Span = l.span(p.dollarOff, ts[len(ts)-1].end)
	idx, chain := g.Idx, g.Chain
	if g.Formal != nil {
		idx, chain = g.FIdx, g.FChain
	}
	for _, x := range idx {
		r.Chain = append(r.Chain, l.index(x))
	}
	for _, c := range chain {
		a := &ast.Accessor{}
		if c.Method != nil {
			a.Kind = ast.CallAccess
			nt := l.tok(c.Method.Name)
			a.Name = nt.image
			for _, arg := range c.Method.Args {
				a.Args = append(a.Args, l.param(arg))
			}
			a.Span = l.span(nt.start, l.toks[c.Method.EndPos.Offset-1].end)
		} else {
			nt := l.tok(c.Prop)
			a.Kind = ast.PropAccess
			a.Name = nt.image
			a.Span = l.span(nt.start, nt.end)
		}
		r.Chain = append(r.Chain, a)
		for _, x := range c.Idx {
			r.Chain = append(r.Chain, l.index(x))
		}
	}
	return r
}

func (l *lowerer) index(g *gIndex) *ast.Accessor {
	a := &ast.Accessor{Kind: ast.IndexAccess}
	ts := l.tokenRange(g.span)
	a.Span = l.span(ts[0].start, ts[len(ts)-1].end)
	if g.Ref != nil {
		a.Index = l.ref(g.Ref)
	} else {
		a.Index = l.literal(l.tok(g.Lit))
	}
	return a
}

// ---------------------------------------------------------------- expressions

func (l *lowerer) literal(t *token) ast.Expr {
	loc := ast.Loc{Span: l.span(t.start, t.end)}
	switch t.kind {
	case kString:
		return l.stringLit(t)
	case kInteger:
		return &ast.IntLit{Loc: loc, Raw: t.image}
	case kFloat:
		return &ast.FloatLit{Loc: loc, Raw: t.image}
	case kTrue:
		return &ast.BoolLit{Loc: loc, Value: true}
	case kFalse:
		return &ast.BoolLit{Loc: loc, Value: false}
	case kWord:
		return &ast.Word{Loc: loc, Name: t.image}
	}
	l.fail(t.start, "unexpected %s", describeTok(t))
	return &ast.Word{Loc: loc, Name: t.image}
}

func (l *lowerer) param(g *gParam) ast.Expr {
	switch {
	case g.Lit != nil:
		return l.literal(l.tok(g.Lit))
	case g.Range != nil:
		return l.rangeLit(g.Range)
	case g.Map != nil:
		return l.mapLit(g.Map)
	case g.List != nil:
		return l.listLit(g.List)
	case g.Bool != nil:
		return l.literal(l.tok(g.Bool))
	case g.Ref != nil:
		return l.ref(g.Ref)
	case g.Float != nil:
		return l.literal(l.tok(g.Float))
	}
	return nil
}

func (l *lowerer) dirArg(g *gDirArg) ast.Expr {
	switch {
	case g.Ref != nil:
		return l.ref(g.Ref)
	case g.Lit != nil:
		return l.literal(l.tok(g.Lit))
	case g.Range != nil:
		return l.rangeLit(g.Range)
	case g.Float != nil:
		return l.literal(l.tok(g.Float))
	case g.Map != nil:
		return l.mapLit(g.Map)
	case g.List != nil:
		return l.listLit(g.List)
	case g.Bool != nil:
		return l.literal(l.tok(g.Bool))
	}
	return nil
}

func (l *lowerer) nodeSpan(s span) source.Span {
	ts := l.tokenRange(s)
	return l.span(ts[0].start, ts[len(ts)-1].end)
}

func (l *lowerer) rangeLit(g *gRange) ast.Expr {
	n := &ast.RangeLit{Loc: ast.Loc{Span: l.nodeSpan(g.span)}}
	if g.FromRef != nil {
		n.From = l.ref(g.FromRef)
	} else {
		n.From = l.literal(l.tok(g.FromInt))
	}
	if g.ToRef != nil {
		n.To = l.ref(g.ToRef)
	} else {
		n.To = l.literal(l.tok(g.ToInt))
	}
	return n
}

func (l *lowerer) listLit(g *gList) ast.Expr {
	n := &ast.ListLit{Loc: ast.Loc{Span: l.nodeSpan(g.span)}}
	for _, e := range g.Elems {
		n.Elems = append(n.Elems, l.param(e))
	}
	return n
}

func (l *lowerer) mapLit(g *gMap) ast.Expr {
	n := &ast.MapLit{Loc: ast.Loc{Span: l.nodeSpan(g.span)}}
	for _, e := range g.Entries {
		n.Keys = append(n.Keys, l.param(e.Key))
		n.Values = append(n.Values, l.param(e.Value))
	}
	return n
}

func (l *lowerer) expr(g *gExpr) ast.Expr {
	x := l.and(g.X)
	for _, y := range g.Rest {
		x = l.binary(ast.OpOr, x, l.and(y))
	}
	return x
}

func (l *lowerer) and(g *gAnd) ast.Expr {
	x := l.eq(g.X)
	for _, y := range g.Rest {
		x = l.binary(ast.OpAnd, x, l.eq(y))
	}
	return x
}

func (l *lowerer) eq(g *gEq) ast.Expr {
	x := l.rel(g.X)
	for _, o := range g.Rest {
		op := ast.OpEq
		if l.tok(o.Op).kind == kNe {
			op = ast.OpNe
		}
		x = l.binary(op, x, l.rel(o.Y))
	}
	return x
}

func (l *lowerer) rel(g *gRel) ast.Expr {
	x := l.add(g.X)
	for _, o := range g.Rest {
		var op ast.Op
		switch l.tok(o.Op).kind {
		case kLt:
			op = ast.OpLt
		case kGt:
			op = ast.OpGt
		case kLe:
			op = ast.OpLe
		default:
			op = ast.OpGe
		}
		x = l.binary(op, x, l.add(o.Y))
	}
	return x
}

func (l *lowerer) add(g *gAdd) ast.Expr {
	x := l.mul(g.X)
	for _, o := range g.Rest {
		op := ast.OpAdd
		if l.tok(o.Op).kind == kMinus {
			op = ast.OpSub
		}
		x = l.binary(op, x, l.mul(o.Y))
	}
	return x
}

func (l *lowerer) mul(g *gMul) ast.Expr {
	x := l.unary(g.X)
	for _, o := range g.Rest {
		var op ast.Op
		switch l.tok(o.Op).kind {
		case kMultiply:
			op = ast.OpMul
		case kDivide:
			op = ast.OpDiv
		default:
			op = ast.OpMod
		}
		x = l.binary(op, x, l.unary(o.Y))
	}
	return x
}

func (l *lowerer) binary(op ast.Op, x, y ast.Expr) ast.Expr {
	return &ast.Binary{Loc: ast.Loc{Span: source.Span{Start: x.Pos(), End: y.End()}}, Op: op, X: x, Y: y}
}

func (l *lowerer) unary(g *gUnary) ast.Expr {
	if g.Not != nil {
		x := l.unary(g.X)
		t := l.tok(g.Not)
		return &ast.Unary{Loc: ast.Loc{Span: source.Span{Start: l.pos(t.start), End: x.End()}}, Op: ast.OpNot, X: x}
	}
	return l.primary(g.Primary)
}

func (l *lowerer) primary(g *gPrimary) ast.Expr {
	switch {
	case g.Lit != nil:
		return l.literal(l.tok(g.Lit))
	case g.Ref != nil:
		return l.ref(g.Ref)
	case g.Range != nil:
		return l.rangeLit(g.Range)
	case g.Float != nil:
		return l.literal(l.tok(g.Float))
	case g.Map != nil:
		return l.mapLit(g.Map)
	case g.List != nil:
		return l.listLit(g.List)
	case g.Bool != nil:
		return l.literal(l.tok(g.Bool))
	case g.Paren != nil:
		// The parentheses are the tokens around the inner expression.
		lp := g.Paren.Pos.Offset - 1
		rp := g.Paren.EndPos.Offset
		return &ast.Paren{Loc: ast.Loc{Span: l.span(l.toks[lp].start, l.toks[rp].start+1)}, X: l.expr(g.Paren)}
	}
	return nil
}

// ---------------------------------------------------------------- strings

// stringLit is ASTStringLiteral.init: strip the quotes, replace \uXXXX,
// then doubled quotes; a double-quoted literal whose source holds '$' or
// '#' is a template of its own, parsed with a space appended unless it
// contains "##" (the "dreaded MORE kludge"), the space being removed from
// the rendered value.
func (l *lowerer) stringLit(t *token) ast.Expr {
	raw := t.image
	loc := ast.Loc{Span: l.span(t.start, t.end)}
	body, ok := unescapeUnicode(raw[1 : len(raw)-1])
	if !ok {
		l.fail(t.start, "invalid \\u escape in string literal: write \\u and four hex digits")
		return &ast.StringLit{Loc: loc, Raw: raw}
	}
	q := raw[:1]
	body = strings.ReplaceAll(body, q+q, q)
	interpolate := raw[0] == '"' && strings.ContainsAny(raw, "$#")
	if !interpolate {
		return &ast.StringLit{Loc: loc, Value: body, Raw: raw}
	}
	lineComment := strings.Contains(body, "##")
	content := body
	if !lineComment {
		content += " "
	}
	n := &ast.InterpString{Loc: loc, Raw: raw}
	if !lineComment {
		n.DropLast = 1
	}
	// Positions inside: exact when the content is the source text,
	// otherwise everything maps into the literal.
	contentOff := t.start + 1
	litEnd := t.end - 1
	var mapOff func(int) int
	if body == raw[1:len(raw)-1] {
		mapOff = func(off int) int {
			if contentOff+off > litEnd {
				return litEnd
			}
			return contentOff + off
		}
	} else {
		mapOff = func(off int) int { return contentOff }
	}
	if l.mapOff != nil {
		outer := l.mapOff
		inner := mapOff
		mapOff = func(off int) int { return outer(inner(off)) }
	}
	parts, err := parseBody(l.file, content, mapOff, map[string]bool{})
	if err != nil {
		if l.err == nil {
			err.Msg = "in string literal: " + err.Msg
			l.err = err
		}
		return n
	}
	n.Parts = parts
	// When the appended space is the end of a final Text, drop it here
	// (unless #stop or #break could end the rendering before it).
	if n.DropLast == 1 && len(parts) > 0 && !containsStopOrBreak(parts) {
		if tx, ok := parts[len(parts)-1].(*ast.Text); ok && strings.HasSuffix(tx.Value, " ") {
			tx.Value = tx.Value[:len(tx.Value)-1]
			n.DropLast = 0
			if tx.Value == "" {
				n.Parts = parts[:len(parts)-1]
			}
		}
	}
	return n
}

func containsStopOrBreak(ss []ast.Stmt) bool {
	found := false
	for _, s := range ss {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n.(type) {
			case *ast.Stop, *ast.Break:
				found = true
			}
			return !found
		})
	}
	return found
}

// unescapeUnicode is ASTStringLiteral.unescape: every `\u` is followed by
// four characters that Integer.parseInt(…, 16) accepts.
func unescapeUnicode(s string) (string, bool) {
	u := strings.Index(s, `\u`)
	if u < 0 {
		return s, true
	}
	var b strings.Builder
	last := 0
	for u >= 0 {
		b.WriteString(s[last:u])
		if u+6 > len(s) {
			return "", false
		}
		v, err := strconv.ParseInt(s[u+2:u+6], 16, 32)
		if err != nil {
			return "", false
		}
		b.WriteRune(rune(uint16(v)))
		last = u + 6
		k := strings.Index(s[last:], `\u`)
		if k < 0 {
			break
		}
		u = last + k
	}
	b.WriteString(s[last:])
	return b.String(), true
}
