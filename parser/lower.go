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

	plexer "github.com/alecthomas/participle/v2/lexer"
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

	// pl is participle's view of the tokens, positioned by seek; plStart
	// is it at the first token; rawOf maps a token index to its index in
	// pl (tokens inside a tSimpleRef are not in pl).
	pl, plStart plexer.PeekingLexer
	rawOf       []int
	upgraded    bool // pl, plStart and rawOf are set (see upgrade)
	// ptoks holds the tokens captured by the fast paths (fastpath.go).
	ptoks []plexer.Token
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

// mergeText joins adjacent Text nodes: they render one after the other.
func mergeText(in []ast.Stmt) []ast.Stmt {
	out := in[:0]
	for i := 0; i < len(in); {
		t, ok := in[i].(*ast.Text)
		if !ok {
			out = append(out, in[i])
			i++
			continue
		}
		j := i + 1
		n := len(t.Value)
		for ; j < len(in); j++ {
			u, ok := in[j].(*ast.Text)
			if !ok {
				break
			}
			n += len(u.Value)
		}
		if j > i+1 {
			var b strings.Builder
			b.Grow(n)
			for k := i; k < j; k++ {
				b.WriteString(in[k].(*ast.Text).Value)
			}
			t.Value = b.String()
			t.Span.End = in[j-1].(*ast.Text).Span.End
		}
		if t.Value != "" {
			out = append(out, t)
		}
		i = j
	}
	return out
}

func (l *lowerer) text(start, end int, v string) *ast.Text {
	return &ast.Text{Loc: ast.Loc{Span: l.span(start, end)}, Value: v}
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

// ---------------------------------------------------------------- directives

// images is RuntimeMacro.getLiteral: the images of a node's tokens.
func images(ts []token) string {
	var b strings.Builder
	for i := range ts {
		b.WriteString(ts[i].image)
	}
	return b.String()
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

func (l *lowerer) refRoot(a, b int) refParts {
	ts := l.toks[a:b]
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
	if len(ts) == 1 && first.special == "" {
		p.literal = im
	} else {
		var sb strings.Builder
		n := len(first.special) + len(im)
		for i := 1; i < len(ts); i++ {
			n += len(ts[i].special) + len(ts[i].image)
		}
		sb.Grow(n)
		sb.WriteString(first.special)
		sb.WriteString(im)
		for i := 1; i < len(ts); i++ {
			sb.WriteString(tokenLiteral(&ts[i]))
		}
		p.literal = sb.String()
	}
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

// output lowers the reference in tokens [a,b) printed in text; g is nil
// for a collapsed property chain (tSimpleRef).
func (l *lowerer) output(a, b int, g *gRef) ast.Stmt {
	p := l.refRoot(a, b)
	start, end := l.toks[a].start, l.toks[b-1].end
	if p.runt {
		// ASTReference.render of a RUNT writes the root and nothing else.
		return l.text(start, end, p.root)
	}
	r := l.refFrom(a, b, g, p)
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

func (l *lowerer) ref(g *gRef) *ast.Ref {
	a, b := g.Pos.Offset, g.EndPos.Offset
	return l.refFrom(a, b, g, l.refRoot(a, b))
}

func (l *lowerer) refFrom(a, b int, g *gRef, p refParts) *ast.Ref {
	r := &ast.Ref{Name: p.root, Literal: p.literal, Runt: p.runt}
	r.Span = l.span(p.dollarOff, l.toks[b-1].end)
	if g == nil {
		l.simpleChain(r, a)
		return r
	}
	r.Formal = g.Formal != nil
	idx, chain := g.Idx, g.Chain
	root := g.Simple
	if g.Formal != nil {
		idx, chain, root = g.FIdx, g.FChain, g.FRoot
	}
	if root != nil && l.tok(root).typ == tSimpleRef {
		l.simpleChain(r, root.Pos.Offset)
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

// simpleChain appends the links of the collapsed reference at toks[i]
// (see classify): properties, and calls with one-token arguments.
func (l *lowerer) simpleChain(r *ast.Ref, i int) {
	end := l.toks[i].simpleEnd
	if r.Chain == nil {
		// One accessor per "." (a call's arguments hold no ".").
		n := 0
		for k := i + 1; k < end; k++ {
			if l.toks[k].typ == tRefDot {
				n++
			}
		}
		if n > 0 {
			r.Chain = make([]*ast.Accessor, 0, n)
		}
	}
	for k := i + 1; k < end; {
		nt := &l.toks[k+1] // after the "."
		if nt.typ != tMethodName {
			r.Chain = append(r.Chain, &ast.Accessor{Loc: ast.Loc{Span: l.span(nt.start, nt.end)}, Kind: ast.PropAccess, Name: nt.image})
			k += 2
			continue
		}
		a := &ast.Accessor{Kind: ast.CallAccess, Name: nt.image}
		j := k + 3 // after "name("
		for l.toks[j].kind != kRefmod2RParen {
			if at := &l.toks[j]; at.kind == kIdentifier {
				a.Args = append(a.Args, l.refFrom(j, j+1, nil, l.refRoot(j, j+1)))
			} else {
				a.Args = append(a.Args, l.literal(at))
			}
			j++
			if l.toks[j].kind == kComma {
				j++
			}
		}
		a.Span = l.span(nt.start, l.toks[j].end)
		r.Chain = append(r.Chain, a)
		k = j + 1
	}
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

var opOf = map[kind]ast.Op{
	kOr: ast.OpOr, kAnd: ast.OpAnd, kEq: ast.OpEq, kNe: ast.OpNe, kLt: ast.OpLt, kLe: ast.OpLe,
	kGt: ast.OpGt, kGe: ast.OpGe, kPlus: ast.OpAdd, kMinus: ast.OpSub, kMultiply: ast.OpMul,
	kDivide: ast.OpDiv, kModulus: ast.OpMod,
}

// precedence of the binary operators, as the jjt's levels: || < && <
// ==,!= < <,>,<=,>= < +,- < *,/,%.
func precedence(op ast.Op) int {
	switch op {
	case ast.OpOr:
		return 1
	case ast.OpAnd:
		return 2
	case ast.OpEq, ast.OpNe:
		return 3
	case ast.OpLt, ast.OpGt, ast.OpLe, ast.OpGe:
		return 4
	case ast.OpAdd, ast.OpSub:
		return 5
	}
	return 6
}

func (l *lowerer) expr(g *gExpr) ast.Expr {
	i := 0
	return l.climb(l.unary(g.X), g.Rest, &i, 1)
}

// climb builds left-associative binary nodes of precedence >= min.
func (l *lowerer) climb(x ast.Expr, rest []*gOp, i *int, min int) ast.Expr {
	for *i < len(rest) {
		op := opOf[l.tok(rest[*i].Op).kind]
		p := precedence(op)
		if p < min {
			break
		}
		y := l.unary(rest[*i].Y)
		*i++
		for *i < len(rest) && precedence(opOf[l.tok(rest[*i].Op).kind]) > p {
			y = l.climb(y, rest, i, p+1)
		}
		x = l.binary(op, x, y)
	}
	return x
}

func (l *lowerer) binary(op ast.Op, x, y ast.Expr) ast.Expr {
	return &ast.Binary{Loc: ast.Loc{Span: source.Span{Start: x.Pos(), End: y.End()}}, Op: op, X: x, Y: y}
}

func (l *lowerer) unary(g *gUnary) ast.Expr {
	x := l.primary(g.Primary)
	// The "!"s are the Not tokens before the primary, innermost last.
	i := g.Pos.Offset
	var nots []int
	for n := 0; n < len(g.Nots); i++ {
		if l.toks[i].kind == kNot {
			nots = append(nots, l.toks[i].start)
			n++
		}
	}
	for k := len(nots) - 1; k >= 0; k-- {
		x = &ast.Unary{Loc: ast.Loc{Span: source.Span{Start: l.pos(nots[k]), End: x.End()}}, Op: ast.OpNot, X: x}
	}
	return x
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

// stringLit is ASTStringLiteral.init: strip the quotes, replace \uXXXX
// (in double quotes), then doubled quotes; a double-quoted literal whose source holds '$' or
// '#' is a template of its own, parsed with a space appended unless it
// contains "##" (the "dreaded MORE kludge"), the space being removed from
// the rendered value.
func (l *lowerer) stringLit(t *token) ast.Expr {
	raw := t.image
	loc := ast.Loc{Span: l.span(t.start, t.end)}
	body := raw[1 : len(raw)-1]
	if raw[0] == '"' {
		// Only double-quoted literals are unescaped (the oracle: '\u0041'
		// stays as written).
		var ok bool
		if body, ok = unescapeUnicode(body); !ok {
			l.fail(t.start, "invalid \\u escape in string literal: write \\u and four hex digits")
			return &ast.StringLit{Loc: loc, Raw: raw}
		}
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
