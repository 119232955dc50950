package ast

import (
	"strings"
)

// Print renders a tree back to template source that parses to the same
// tree (same Dump). It is canonical rather than faithful: text is written
// as unparsed `#[[…]]#` blocks so that no escape or whitespace gobbling
// can change it, directives use their braced forms, and expressions are
// spaced uniformly.
func Print(n Node) string {
	var p printer
	p.node(n)
	return p.b.String()
}

type printer struct{ b strings.Builder }

func (p *printer) stmts(ss []Stmt) {
	for _, s := range ss {
		p.node(s)
	}
}

func (p *printer) node(n Node) {
	b := &p.b
	switch n := n.(type) {
	case *Template:
		p.stmts(n.Body)
	case *Text:
		p.text(n.Value)
	case *Comment:
		// As written; a "##" comment without its newline is at the end of
		// the file.
		b.WriteString(n.Text)
	case *Output:
		n2 := 2 * len(n.EscPrefix)
		if n.Escaped {
			n2++
		}
		b.WriteString(strings.Repeat(`\`, n2))
		b.WriteString(n.MorePrefix)
		b.WriteString(n.Literal)
	case *Set:
		b.WriteString("#set(")
		p.expr(n.Target)
		b.WriteString(" = ")
		p.expr(n.Value)
		b.WriteString(")")
	case *If:
		for i, c := range n.Clauses {
			if i == 0 {
				b.WriteString("#{if}(")
			} else {
				b.WriteString("#{elseif}(")
			}
			p.expr(c.Cond)
			b.WriteString(")")
			p.stmts(c.Body)
		}
		if n.HasElse {
			b.WriteString("#{else}")
			p.stmts(n.Else)
		}
		b.WriteString("#{end}")
	case *Foreach:
		b.WriteString("#{foreach}(")
		if n.ArgCount > 0 {
			b.WriteString("$" + n.Var)
		}
		if n.ArgCount > 1 {
			b.WriteString(" in")
		}
		if n.Iter != nil {
			b.WriteString(" ")
			p.expr(n.Iter)
		}
		b.WriteString(")")
		p.stmts(n.Body)
		b.WriteString("#{end}")
	case *Break:
		b.WriteString("#{break}")
		if len(n.Args) > 0 {
			p.args(n.Args)
		}
	case *Stop:
		b.WriteString("#{stop}")
	case *Define:
		b.WriteString("#{define}($" + n.Name + ")")
		p.stmts(n.Body)
		b.WriteString("#{end}")
	case *Macro:
		b.WriteString("#{macro}(" + n.Name)
		for _, a := range n.Params {
			b.WriteString(" $" + a)
		}
		b.WriteString(")")
		p.stmts(n.Body)
		b.WriteString("#{end}")
	case *Literal:
		// What renders is the call's own text, which parses back to it.
		b.WriteString(n.Value)
	case *Include:
		b.WriteString("#{" + n.Directive + "}")
		p.args(n.Args)
	case Expr:
		p.expr(n)
	}
}

func (p *printer) args(es []Expr) {
	p.b.WriteString("(")
	for i, e := range es {
		if i > 0 {
			p.b.WriteString(" ")
		}
		p.expr(e)
	}
	p.b.WriteString(")")
}

// text writes v so that it parses back to exactly v.
func (p *printer) text(v string) {
	// Inside #[[ ]]# Velocity still matches "#**x" as one 4-character
	// unit, which could swallow the closing "]]#": end the block after
	// such a "#".
	if i := strings.Index(v, "#**"); i >= 0 {
		p.text(v[:i+1])
		p.text(v[i+1:])
		return
	}
	for v != "" {
		i := strings.Index(v, "]]#")
		if i < 0 {
			p.b.WriteString("#[[" + v + "]]#")
			return
		}
		// "]]#" cannot be inside a block: end the block after "]]".
		p.b.WriteString("#[[" + v[:i+2] + "]]#")
		v = v[i+2:]
		// "#" alone must not start anything: "\#" is not a directive
		// escape before a non-word, so write it in its own block.
		p.b.WriteString("#[[#]]#")
		v = v[1:]
	}
}

func (p *printer) expr(e Expr) {
	b := &p.b
	switch e := e.(type) {
	case *Ref:
		if e.Runt {
			b.WriteString(e.Name)
			return
		}
		b.WriteString(e.Literal)
	case *StringLit:
		b.WriteString(e.Raw)
	case *InterpString:
		b.WriteString(e.Raw)
	case *IntLit:
		b.WriteString(e.Raw)
	case *FloatLit:
		b.WriteString(e.Raw)
	case *BoolLit:
		if e.Value {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case *ListLit:
		b.WriteString("[")
		for i, x := range e.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			p.expr(x)
		}
		b.WriteString("]")
	case *MapLit:
		b.WriteString("{")
		for i := range e.Keys {
			if i > 0 {
				b.WriteString(", ")
			}
			p.expr(e.Keys[i])
			b.WriteString(" : ")
			p.expr(e.Values[i])
		}
		b.WriteString("}")
	case *RangeLit:
		b.WriteString("[")
		p.expr(e.From)
		b.WriteString("..")
		p.expr(e.To)
		b.WriteString("]")
	case *Word:
		b.WriteString(e.Name)
	case *Unary:
		b.WriteString("!")
		p.expr(e.X)
	case *Binary:
		p.expr(e.X)
		b.WriteString(" " + e.Op.String() + " ")
		p.expr(e.Y)
	case *Paren:
		b.WriteString("(")
		p.expr(e.X)
		b.WriteString(")")
	}
}
