package ast

// Inspect walks the tree rooted at n in source order, calling f for each
// node; when f returns false the node's children are skipped.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	stmts := func(ss []Stmt) {
		for _, s := range ss {
			Inspect(s, f)
		}
	}
	exprs := func(es []Expr) {
		for _, e := range es {
			Inspect(e, f)
		}
	}
	switch n := n.(type) {
	case *Template:
		stmts(n.Body)
	case *Output:
		Inspect(n.Ref, f)
	case *Set:
		Inspect(n.Target, f)
		Inspect(n.Value, f)
	case *If:
		for _, c := range n.Clauses {
			Inspect(c, f)
		}
		stmts(n.Else)
	case *Clause:
		Inspect(n.Cond, f)
		stmts(n.Body)
	case *Foreach:
		if n.Iter != nil {
			Inspect(n.Iter, f)
		}
		stmts(n.Body)
	case *Break:
		exprs(n.Args)
	case *Define:
		stmts(n.Body)
	case *Macro:
		stmts(n.Body)
	case *Literal:
		exprs(n.Args)
		stmts(n.Body)
	case *Include:
		exprs(n.Args)
	case *Ref:
		for _, a := range n.Chain {
			Inspect(a, f)
		}
	case *Accessor:
		exprs(n.Args)
		if n.Index != nil {
			Inspect(n.Index, f)
		}
	case *InterpString:
		stmts(n.Parts)
	case *ListLit:
		exprs(n.Elems)
	case *MapLit:
		for i := range n.Keys {
			Inspect(n.Keys[i], f)
			Inspect(n.Values[i], f)
		}
	case *RangeLit:
		Inspect(n.From, f)
		Inspect(n.To, f)
	case *Unary:
		Inspect(n.X, f)
	case *Binary:
		Inspect(n.X, f)
		Inspect(n.Y, f)
	case *Paren:
		Inspect(n.X, f)
	}
}
