package ast

import (
	"strconv"
	"strings"

	"github.com/vtlc/vtlc/parser/source"
)

// Pos returns the start of the template (Template is a Node so that Dump,
// Print and Inspect accept it).
func (t *Template) Pos() source.Pos { return source.PosOf(0) }

// End returns the end of the template.
func (t *Template) End() source.Pos {
	if t.File == nil {
		return source.PosOf(0)
	}
	return source.PosOf(len(t.File.Src))
}

// Dump renders n as a compact, indented s-expression: one line per
// statement, expressions inline. It is what `vtlc ast` prints and what the
// parser's tests compare. Spans are not shown.
func Dump(n Node) string {
	var d dumper
	d.node(n, 0)
	return strings.TrimSuffix(d.b.String(), "\n")
}

type dumper struct{ b strings.Builder }

func (d *dumper) line(depth int, s string) {
	for i := 0; i < depth; i++ {
		d.b.WriteString("  ")
	}
	d.b.WriteString(s)
	d.b.WriteByte('\n')
}

func (d *dumper) body(name string, ss []Stmt, depth int) {
	d.line(depth, "("+name)
	for _, s := range ss {
		d.node(s, depth+1)
	}
	d.closeParen()
}

// closeParen appends ")" to the last line.
func (d *dumper) closeParen() {
	s := d.b.String()
	d.b.Reset()
	d.b.WriteString(strings.TrimSuffix(s, "\n"))
	d.b.WriteString(")\n")
}

func (d *dumper) node(n Node, depth int) {
	switch n := n.(type) {
	case *Template:
		d.body("template", n.Body, depth)
	case *Text:
		d.line(depth, "(text "+strconv.Quote(n.Value)+")")
	case *Comment:
		d.line(depth, "(comment "+strconv.Quote(n.Text)+")")
	case *Output:
		s := "(output " + ExprString(n.Ref)
		if n.Quiet {
			s += " quiet"
		}
		if n.Escaped {
			s += " escaped"
		}
		if n.EscPrefix != "" {
			s += " esc=" + strconv.Quote(n.EscPrefix)
		}
		if n.MorePrefix != "" {
			s += " more=" + strconv.Quote(n.MorePrefix)
		}
		s += " lit=" + strconv.Quote(n.Literal) + ")"
		d.line(depth, s)
	case *Set:
		d.line(depth, "(set "+ExprString(n.Target)+" "+ExprString(n.Value)+")")
	case *If:
		d.line(depth, "(if")
		for _, c := range n.Clauses {
			d.body("clause "+ExprString(c.Cond), c.Body, depth+1)
		}
		if n.HasElse {
			d.body("else", n.Else, depth+1)
		}
		d.closeParen()
	case *Foreach:
		iter := "<missing>"
		if n.Iter != nil {
			iter = ExprString(n.Iter)
		}
		h := "foreach $" + n.Var + " " + iter
		if n.ArgCount != 3 {
			h += " args=" + strconv.Itoa(n.ArgCount)
		}
		d.body(h, n.Body, depth)
	case *Break:
		d.line(depth, "(break"+exprList(n.Args)+")")
	case *Stop:
		d.line(depth, "(stop)")
	case *Define:
		d.body("define "+strconv.Quote(n.Name), n.Body, depth)
	case *Macro:
		d.body("macro "+n.Name+" "+strings.Join(n.Params, " "), n.Body, depth)
	case *Literal:
		h := "literal " + strconv.Quote(n.Name) + " " + strconv.Quote(n.Value)
		if n.Body != nil {
			d.body(h, n.Body, depth)
		} else {
			d.line(depth, "("+h+")")
		}
	case *Include:
		d.line(depth, "(include "+n.Directive+exprList(n.Args)+")")
	case Expr:
		d.line(depth, ExprString(n))
	}
}

func exprList(es []Expr) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteByte(' ')
		b.WriteString(ExprString(e))
	}
	return b.String()
}

// ExprString renders an expression on one line, as an s-expression.
func ExprString(e Expr) string {
	var b strings.Builder
	writeExpr(&b, e)
	return b.String()
}

func writeExpr(b *strings.Builder, e Expr) {
	switch e := e.(type) {
	case nil:
		b.WriteString("<nil>")
	case *Ref:
		if e.Runt {
			b.WriteString("(runt " + e.Name)
		} else {
			b.WriteString("(ref " + e.Name)
		}
		for _, a := range e.Chain {
			switch a.Kind {
			case PropAccess:
				b.WriteString(" ." + a.Name)
			case CallAccess:
				b.WriteString(" ." + a.Name + "(")
				for i, x := range a.Args {
					if i > 0 {
						b.WriteByte(' ')
					}
					writeExpr(b, x)
				}
				b.WriteString(")")
			case IndexAccess:
				b.WriteString(" [")
				writeExpr(b, a.Index)
				b.WriteString("]")
			}
		}
		b.WriteString(")")
	case *StringLit:
		b.WriteString(strconv.Quote(e.Value))
	case *InterpString:
		b.WriteString("(interp")
		if e.DropLast != 0 {
			b.WriteString(" drop=" + strconv.Itoa(e.DropLast))
		}
		for _, p := range e.Parts {
			b.WriteByte(' ')
			var d dumper
			d.node(p, 0)
			b.WriteString(strings.ReplaceAll(strings.TrimSuffix(d.b.String(), "\n"), "\n", " "))
		}
		b.WriteString(")")
	case *IntLit:
		b.WriteString(e.Raw)
	case *FloatLit:
		b.WriteString("(float " + e.Raw + ")")
	case *BoolLit:
		b.WriteString(strconv.FormatBool(e.Value))
	case *ListLit:
		b.WriteString("(list")
		for _, x := range e.Elems {
			b.WriteByte(' ')
			writeExpr(b, x)
		}
		b.WriteString(")")
	case *MapLit:
		b.WriteString("(map")
		for i := range e.Keys {
			b.WriteByte(' ')
			writeExpr(b, e.Keys[i])
			b.WriteByte(':')
			writeExpr(b, e.Values[i])
		}
		b.WriteString(")")
	case *RangeLit:
		b.WriteString("(range ")
		writeExpr(b, e.From)
		b.WriteByte(' ')
		writeExpr(b, e.To)
		b.WriteString(")")
	case *Word:
		b.WriteString("(word " + e.Name + ")")
	case *Unary:
		b.WriteString("(" + e.Op.String() + " ")
		writeExpr(b, e.X)
		b.WriteString(")")
	case *Binary:
		b.WriteString("(" + e.Op.String() + " ")
		writeExpr(b, e.X)
		b.WriteByte(' ')
		writeExpr(b, e.Y)
		b.WriteString(")")
	case *Paren:
		b.WriteString("(paren ")
		writeExpr(b, e.X)
		b.WriteString(")")
	default:
		b.WriteString("<?>")
	}
}
