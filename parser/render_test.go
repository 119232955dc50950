package parser

// A tiny reference renderer for parser tests: it renders the subset of the
// tree whose meaning does not need the runtime (text, comments, #if with
// literal or simple conditions, #set of literals, #foreach over ranges and
// lists, literals, #stop), with API Gateway's rule that an undefined
// reference is "". It lets the tests compare whitespace gobbling, escapes
// and unparsed blocks with the oracle's output before the VM exists;
// anything else makes it give up (errUnsupported) and the case is skipped.

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/vtlc/vtlc/parser/ast"
)

var errUnsupported = errors.New("unsupported")
var errStop = errors.New("stop")

type miniRenderer struct {
	vars  map[string]any
	out   strings.Builder
	steps int
}

func miniRender(t *ast.Template) (string, error) {
	r := &miniRenderer{vars: map[string]any{}}
	err := r.stmts(t.Body)
	if err == errStop {
		err = nil
	}
	return r.out.String(), err
}

func (r *miniRenderer) stmts(ss []ast.Stmt) error {
	for _, s := range ss {
		if err := r.stmt(s); err != nil {
			return err
		}
	}
	return nil
}

func (r *miniRenderer) stmt(s ast.Stmt) error {
	r.steps++
	if r.steps > 100000 {
		return errUnsupported
	}
	switch s := s.(type) {
	case *ast.Text:
		r.out.WriteString(s.Value)
	case *ast.Comment, *ast.Macro:
	case *ast.Literal:
		r.out.WriteString(s.Value)
	case *ast.Output:
		v, err := r.ref(s.Ref)
		if err != nil {
			return err
		}
		if s.Escaped {
			r.out.WriteString(s.EscPrefix + s.Literal)
			return nil
		}
		r.out.WriteString(s.EscPrefix + s.MorePrefix + toString(v))
	case *ast.Set:
		if len(s.Target.Chain) > 0 {
			return errUnsupported
		}
		v, err := r.expr(s.Value)
		if err != nil {
			return err
		}
		r.vars[s.Target.Name] = v
	case *ast.If:
		for _, c := range s.Clauses {
			v, err := r.cond(c.Cond)
			if err != nil {
				return err
			}
			if v {
				return r.stmts(c.Body)
			}
		}
		return r.stmts(s.Else)
	case *ast.Foreach:
		if s.Iter == nil {
			return errUnsupported
		}
		v, err := r.expr(s.Iter)
		if err != nil {
			return err
		}
		list, ok := v.([]any)
		if !ok {
			return errUnsupported
		}
		for _, x := range list {
			r.vars[s.Var] = x
			if err := r.stmts(s.Body); err != nil {
				return err
			}
		}
	case *ast.Stop:
		return errStop
	default:
		return errUnsupported
	}
	return nil
}

func (r *miniRenderer) ref(x *ast.Ref) (any, error) {
	if len(x.Chain) > 0 || x.Runt {
		return nil, errUnsupported
	}
	v, ok := r.vars[x.Name]
	if !ok {
		return "", nil // API Gateway: undefined is ""
	}
	return v, nil
}

func truthy(v any) bool {
	if b, ok := v.(bool); ok {
		return b
	}
	return v != nil
}

func toString(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = toString(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// cond is Node.evaluate in 1.7: references by value, operators by result,
// and any other literal is false (SimpleNode.evaluate): a2-if-empty-*.
func (r *miniRenderer) cond(e ast.Expr) (bool, error) {
	switch e := e.(type) {
	case *ast.Ref:
		v, err := r.ref(e)
		return truthy(v), err
	case *ast.BoolLit:
		return e.Value, nil
	case *ast.Paren:
		return r.cond(e.X)
	case *ast.Unary:
		v, err := r.cond(e.X)
		return !v, err
	case *ast.Binary:
		switch e.Op {
		case ast.OpAnd:
			x, err := r.cond(e.X)
			if err != nil || !x {
				return false, err
			}
			return r.cond(e.Y)
		case ast.OpOr:
			x, err := r.cond(e.X)
			if err != nil || x {
				return x, err
			}
			return r.cond(e.Y)
		case ast.OpEq, ast.OpNe, ast.OpLt, ast.OpLe, ast.OpGt, ast.OpGe:
			v, err := r.expr(e)
			if err != nil {
				return false, err
			}
			return v.(bool), nil
		}
		return false, errUnsupported
	}
	return false, nil
}

func (r *miniRenderer) expr(e ast.Expr) (any, error) {
	switch e := e.(type) {
	case *ast.Ref:
		return r.ref(e)
	case *ast.StringLit:
		return e.Value, nil
	case *ast.InterpString:
		sub := &miniRenderer{vars: r.vars}
		if err := sub.stmts(e.Parts); err != nil {
			return nil, errUnsupported
		}
		s := sub.out.String()
		if e.DropLast > 0 && len(s) >= e.DropLast {
			s = s[:len(s)-e.DropLast]
		}
		return s, nil
	case *ast.IntLit:
		n, err := strconv.Atoi(e.Raw)
		if err != nil {
			return nil, errUnsupported
		}
		return n, nil
	case *ast.BoolLit:
		return e.Value, nil
	case *ast.Paren:
		return r.expr(e.X)
	case *ast.ListLit:
		var out []any
		for _, x := range e.Elems {
			v, err := r.expr(x)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case *ast.RangeLit:
		a, err := r.expr(e.From)
		if err != nil {
			return nil, err
		}
		b, err := r.expr(e.To)
		if err != nil {
			return nil, err
		}
		from, ok1 := a.(int)
		to, ok2 := b.(int)
		if !ok1 || !ok2 {
			return nil, errUnsupported
		}
		var out []any
		for i := from; ; {
			out = append(out, i)
			if i == to {
				break
			}
			if from < to {
				i++
			} else {
				i--
			}
		}
		return out, nil
	case *ast.Unary:
		v, err := r.cond(e.X)
		return !v, err
	case *ast.Binary:
		x, err := r.expr(e.X)
		if err != nil {
			return nil, err
		}
		switch e.Op {
		case ast.OpAnd, ast.OpOr:
			return r.cond(e)
		}
		y, err := r.expr(e.Y)
		if err != nil {
			return nil, err
		}
		xi, xok := x.(int)
		yi, yok := y.(int)
		switch e.Op {
		case ast.OpEq, ast.OpNe:
			var eq bool
			if xok && yok {
				eq = xi == yi
			} else {
				eq = toString(x) == toString(y)
			}
			return eq == (e.Op == ast.OpEq), nil
		}
		if !xok || !yok {
			return nil, errUnsupported
		}
		switch e.Op {
		case ast.OpLt:
			return xi < yi, nil
		case ast.OpLe:
			return xi <= yi, nil
		case ast.OpGt:
			return xi > yi, nil
		case ast.OpGe:
			return xi >= yi, nil
		case ast.OpAdd:
			return xi + yi, nil
		case ast.OpSub:
			return xi - yi, nil
		case ast.OpMul:
			return xi * yi, nil
		}
	}
	return nil, errUnsupported
}
