package compiler

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/vtlc/vtlc/parser"
	"github.com/vtlc/vtlc/parser/ast"
	"github.com/vtlc/vtlc/parser/source"
	"github.com/vtlc/vtlc/runtime"
)

// MaxTemplateSize is API Gateway's limit on a mapping template (300 KB,
// spec §6.1); larger templates are refused before parsing.
const MaxTemplateSize = 300 * 1024

// CompileFile parses and compiles the template src, named name in errors.
// Errors are *source.Error.
func CompileFile(name string, src []byte) (*runtime.Program, error) {
	if len(src) > MaxTemplateSize {
		f := source.NewFile(name, "")
		return nil, &source.Error{Kind: source.Syntax, Pos: f.Position(source.PosOf(0)),
			Msg: fmt.Sprintf("template is %d bytes; API Gateway refuses templates over %d bytes (300 KB)", len(src), MaxTemplateSize)}
	}
	t, err := parser.Parse(name, src)
	if err != nil {
		return nil, err
	}
	return Compile(t)
}

// Compile lowers t to a Program.
func Compile(t *ast.Template) (prog *runtime.Program, err error) {
	c := &compiler{
		prog:    &runtime.Program{File: t.File, SlotForeach: -1, SlotVelocityCount: -1, SlotVelocityHasNext: -1},
		strings: map[string]int32{},
		consts:  map[constKey]int32{},
		slots:   map[string]int32{},
	}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*source.Error)
			if !ok {
				panic(r)
			}
			prog, err = nil, e
		}
	}()
	c.stmts(t.Body)
	c.prog.Init()
	return c.prog, nil
}

type constKey struct {
	kind runtime.Kind
	text string
}

type compiler struct {
	prog    *runtime.Program
	strings map[string]int32
	consts  map[constKey]int32
	slots   map[string]int32
	loops   []*loopInfo // enclosing #foreach loops of the code being compiled
	// loopBase is how many of loops enclose the interpolated string being
	// compiled from outside it: a #break there must unwind to them.
	loopBase int
	// blockBreaks collects the #break JUMPs of the #define body being
	// compiled (nil outside one): a #break there ends the body only
	// (fixture: directives/break_in_define). define is its block, and
	// inStrings counts the interpolated strings being compiled inside it.
	blockBreaks *[]int32
	define      int32
	inStrings   int
}

type loopInfo struct {
	index  int32   // in Program.Loops
	breaks []int32 // JUMPs to patch to the loop's ITEREND
}

// fail aborts compilation with a compile error at n.
func (c *compiler) fail(n ast.Node, format string, args ...any) {
	panic(c.prog.File.Errorf(source.Compile, n.Pos(), format, args...))
}

func (c *compiler) emit(n ast.Node, op runtime.Opcode, a, b int32) int32 {
	p := c.prog
	p.Code = append(p.Code, runtime.Instr{Op: op, A: a, B: b})
	p.Pos = append(p.Pos, n.Pos())
	return int32(len(p.Code) - 1)
}

func (c *compiler) here() int32 { return int32(len(c.prog.Code)) }

// patchA and patchB point a jump's operand at the current end of the code.
func (c *compiler) patchA(at int32) { c.prog.Code[at].A = c.here() }
func (c *compiler) patchB(at int32) { c.prog.Code[at].B = c.here() }

func (c *compiler) str(s string) int32 {
	if i, ok := c.strings[s]; ok {
		return i
	}
	c.prog.Strings = append(c.prog.Strings, s)
	i := int32(len(c.prog.Strings) - 1)
	c.strings[s] = i
	return i
}

func (c *compiler) constant(v runtime.Value) int32 {
	k := constKey{v.Kind(), runtime.ToText(v)}
	if i, ok := c.consts[k]; ok {
		return i
	}
	c.prog.Consts = append(c.prog.Consts, v)
	i := int32(len(c.prog.Consts) - 1)
	c.consts[k] = i
	return i
}

// slot resolves a variable name to its slot, creating it on first mention.
func (c *compiler) slot(name string) int32 {
	if s, ok := c.slots[name]; ok {
		return s
	}
	s := int32(len(c.prog.Names))
	c.prog.Names = append(c.prog.Names, name)
	c.slots[name] = s
	switch name {
	case "foreach":
		c.prog.SlotForeach = s
	case "velocityCount":
		c.prog.SlotVelocityCount = s
	case "velocityHasNext":
		c.prog.SlotVelocityHasNext = s
	}
	return s
}

// ---------------------------------------------------------------- statements

func (c *compiler) stmts(list []ast.Stmt) {
	for _, s := range list {
		c.stmt(s)
	}
}

func (c *compiler) stmt(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.Text:
		if s.Value != "" {
			c.emit(s, runtime.OpText, c.str(s.Value), 0)
		}
	case *ast.Comment, *ast.Macro:
		// Comments render nothing; API Gateway does not register inline
		// macros, so a definition renders nothing and defines nothing.
	case *ast.Output:
		c.output(s)
	case *ast.Set:
		c.set(s)
	case *ast.If:
		c.ifStmt(s)
	case *ast.Foreach:
		c.foreach(s)
	case *ast.Break:
		c.breakStmt(s)
	case *ast.Stop:
		c.emit(s, runtime.OpStop, 0, 0)
	case *ast.Define:
		b := c.block(s, s.Body, 0, true)
		c.emit(s, runtime.OpDefine, c.slot(s.Name), b)
	case *ast.Literal:
		if s.Value != "" {
			c.emit(s, runtime.OpText, c.str(s.Value), 0)
		}
	case *ast.Include:
		// #include() with no argument has nothing to include and renders
		// nothing; every other #include/#parse fails (no resource loader).
		if s.Directive != "include" || len(s.Args) > 0 {
			c.emit(s, runtime.OpInclude, c.str(s.Directive), 0)
		}
	default:
		c.fail(s, "internal error: unexpected statement %T", s)
	}
}

// breakStmt compiles #break. Without arguments it leaves the innermost
// #foreach; inside a #define body it ends that body; elsewhere it ends the
// template (Velocity 1.7's Break with the template scope). With an argument
// the argument must be a loop's $foreach scope, found when rendered (the
// loop may be outside the #define body or string the #break is in).
func (c *compiler) breakStmt(s *ast.Break) {
	if len(s.Args) > 0 {
		arg := s.Args[0]
		c.value(arg)
		c.emit(s, runtime.OpBreakScope, c.str(c.literal(arg)), 0)
		return
	}
	// An interpolated string is no scope of its own: a #break in it leaves
	// what encloses the string, unwinding out of the string's block
	// (fixture: vtlc/break-in-string).
	switch {
	case len(c.loops) > c.loopBase:
		l := c.loops[len(c.loops)-1]
		l.breaks = append(l.breaks, c.emit(s, runtime.OpJump, 0, 0))
	case len(c.loops) > 0:
		c.emit(s, runtime.OpBreakLoop, c.loops[len(c.loops)-1].index, 0)
	case c.blockBreaks != nil && c.inStrings == 0:
		*c.blockBreaks = append(*c.blockBreaks, c.emit(s, runtime.OpJump, 0, 0))
	case c.blockBreaks != nil:
		c.emit(s, runtime.OpBreakBlock, c.define, 0)
	default:
		c.emit(s, runtime.OpStop, 0, 0)
	}
}

// output compiles a reference printed in text. Under API Gateway's overlay
// a reference never evaluates to null, so the printed form is the value's
// text (after any prefix); an escaped reference is still evaluated, as
// Velocity does, and prints its own source.
func (c *compiler) output(o *ast.Output) {
	if o.Ref != nil && o.Ref.Runt {
		// A "runt" (an identifier Velocity took for a reference) prints
		// its name.
		c.emit(o, runtime.OpText, c.str(o.EscPrefix+o.MorePrefix+o.Ref.Name), 0)
		return
	}
	if o.Escaped {
		c.ref(o.Ref)
		c.emit(o, runtime.OpPop, 0, 0)
		if t := o.EscPrefix + o.Literal; t != "" {
			c.emit(o, runtime.OpText, c.str(t), 0)
		}
		return
	}
	if pre := o.EscPrefix + o.MorePrefix; pre != "" {
		c.emit(o, runtime.OpText, c.str(pre), 0)
	}
	start := c.here()
	c.ref(o.Ref)
	quiet := int32(0)
	if o.Quiet {
		quiet = 1
	}
	out := c.emit(o, runtime.OpOutput, c.str(o.Ref.Literal), quiet)
	// A reference of one instruction prints in that instruction.
	if load := &c.prog.Code[start]; out == start+1 && load.B == out {
		if op, ok := printOps[load.Op]; ok {
			load.Op = op
		}
	}
}

// printOps are the one-instruction references and their printing forms.
var printOps = map[runtime.Opcode]runtime.Opcode{
	runtime.OpLoadRef:      runtime.OpPrintRef,
	runtime.OpLoadPropRef:  runtime.OpPrintProp,
	runtime.OpLoadIndexRef: runtime.OpPrintIndex,
}

// set compiles #set. The right-hand side is evaluated first (ASTSetDirective),
// then the target's prefix; a null value leaves the target unchanged.
func (c *compiler) set(s *ast.Set) {
	t := s.Target
	c.value(s.Value)
	if len(t.Chain) == 0 {
		c.emit(s, runtime.OpSetVar, c.slot(t.Name), 0)
		return
	}
	last := t.Chain[len(t.Chain)-1]
	c.refPrefix(t, len(t.Chain)-1, rawOps)
	switch last.Kind {
	case ast.IndexAccess:
		c.value(last.Index)
		c.emit(last, runtime.OpSetIndex, 0, 0)
	default:
		c.emit(last, runtime.OpSetProp, c.str(last.Name), 0)
	}
}

func (c *compiler) ifStmt(s *ast.If) {
	var ends []int32
	for i, cl := range s.Clauses {
		c.cond(cl.Cond)
		next := c.emit(cl, runtime.OpJumpFalse, 0, 0)
		c.stmts(cl.Body)
		if i < len(s.Clauses)-1 || s.HasElse {
			ends = append(ends, c.emit(cl, runtime.OpJump, 0, 0))
		}
		c.patchA(next)
	}
	c.stmts(s.Else)
	for _, e := range ends {
		c.patchA(e)
	}
}

func (c *compiler) foreach(s *ast.Foreach) {
	if s.Iter == nil {
		if s.ArgCount < 2 {
			// Velocity 1.7's Foreach reads its third argument
			// unconditionally (fixture: directives/foreach_one_arg).
			c.emit(s, runtime.OpFail, c.str(fmt.Sprintf(
				"java.lang.ArrayIndexOutOfBoundsException: Index 2 out of bounds for length %d (#foreach needs \"$item in list\")", s.ArgCount+1)), 0)
		}
		// `#foreach($a $b)`: no list to iterate, the body never renders.
		return
	}
	loop := int32(len(c.prog.Loops))
	c.prog.Loops = append(c.prog.Loops, runtime.Loop{Var: c.slot(s.Var)})
	if r, ok := s.Iter.(*ast.RangeLit); ok {
		// Iterate the range without building it.
		c.value(r.From)
		c.value(r.To)
		c.emit(s, runtime.OpIterStart, loop, 1)
	} else {
		c.value(s.Iter)
		c.emit(s, runtime.OpIterStart, loop, 0)
	}
	top := c.emit(s, runtime.OpIterNext, loop, 0)
	info := &loopInfo{index: loop}
	c.loops = append(c.loops, info)
	c.stmts(s.Body)
	c.loops = c.loops[:len(c.loops)-1]
	c.emit(s, runtime.OpJump, top, 0)
	c.patchB(top)
	for _, b := range info.breaks {
		c.patchA(b)
	}
	c.prog.Loops[loop].End = c.here()
	c.emit(s, runtime.OpIterEnd, loop, 0)
}

// block compiles body out of line (jumped over) and returns its index: a
// #define body (define) or an interpolated string's parts.
func (c *compiler) block(n ast.Node, body []ast.Stmt, dropLast int, isDefine bool) int32 {
	skip := c.emit(n, runtime.OpJump, 0, 0)
	idx := int32(len(c.prog.Blocks))
	c.prog.Blocks = append(c.prog.Blocks, runtime.Block{DropLast: int32(dropLast)})
	start := c.here()
	loops, loopBase, blockBreaks, define, inStrings := c.loops, c.loopBase, c.blockBreaks, c.define, c.inStrings
	var breaks []int32
	if isDefine {
		// A #define body is a scope: a #break in it ends the body, and
		// loops outside it are out of reach.
		c.loops, c.loopBase, c.blockBreaks, c.define, c.inStrings = nil, 0, &breaks, idx, 0
	} else {
		c.loopBase, c.inStrings = len(c.loops), c.inStrings+1
	}
	c.stmts(body)
	c.loops, c.loopBase, c.blockBreaks, c.define, c.inStrings = loops, loopBase, blockBreaks, define, inStrings
	for _, b := range breaks {
		c.patchA(b)
	}
	c.patchA(skip)
	c.prog.Blocks[idx].Start, c.prog.Blocks[idx].End = start, c.here()
	return idx
}

// ---------------------------------------------------------------- expressions

// ref compiles a reference chain. Each step jumps to the end with "" on a
// null result: API Gateway's overlay (the oracle's InvalidReferenceEventHandler).
func (c *compiler) ref(r *ast.Ref) { c.refPrefix(r, len(r.Chain), refOps) }

// refOps and rawOps are the opcodes of a reference step: with the ""
// overlay, or (for a #set target's prefix) leaving null. The fifth is a
// load and a property in one ($x.name), the sixth a load and a literal
// index in one ($x[0]).
var (
	refOps = [6]runtime.Opcode{runtime.OpLoadRef, runtime.OpPropRef, runtime.OpCallRef, runtime.OpIndexRef, runtime.OpLoadPropRef, runtime.OpLoadIndexRef}
	rawOps = [6]runtime.Opcode{runtime.OpLoadRaw, runtime.OpPropRaw, runtime.OpCallRaw, runtime.OpIndexRaw, runtime.OpLoadPropRaw, runtime.OpLoadIndexRaw}
)

// refPrefix compiles the root and the first n accessors of r.
func (c *compiler) refPrefix(r *ast.Ref, n int, ops [6]runtime.Opcode) {
	if r.Runt {
		// A runt is a true null: no "" overlay.
		c.emit(r, runtime.OpNull, 0, 0)
		return
	}
	chain := r.Chain[:n]
	var jumps []int32
	if len(chain) > 0 && chain[0].Kind == ast.PropAccess {
		// The load cannot fail, so the fused instruction carries the
		// property's position, for its errors.
		at := c.emit(chain[0], ops[4], c.slot(r.Name), 0)
		c.prog.Code[at].C = c.str(chain[0].Name)
		jumps = append(jumps, at)
		chain = chain[1:]
	} else if index, ok := c.literalIndex(chain); ok {
		// Likewise: neither the load nor the literal can fail.
		at := c.emit(chain[0], ops[5], c.slot(r.Name), 0)
		c.prog.Code[at].C = c.constant(index)
		jumps = append(jumps, at)
		chain = chain[1:]
	} else {
		jumps = append(jumps, c.emit(r, ops[0], c.slot(r.Name), 0))
	}
	for _, a := range chain {
		switch a.Kind {
		case ast.PropAccess:
			jumps = append(jumps, c.emit(a, ops[1], c.str(a.Name), 0))
		case ast.CallAccess:
			for _, arg := range a.Args {
				c.value(arg)
			}
			c.prog.Calls = append(c.prog.Calls, runtime.CallSite{Name: a.Name, Argc: int32(len(a.Args))})
			jumps = append(jumps, c.emit(a, ops[2], int32(len(c.prog.Calls)-1), 0))
		case ast.IndexAccess:
			c.value(a.Index)
			jumps = append(jumps, c.emit(a, ops[3], 0, 0))
		}
	}
	for _, j := range jumps {
		c.patchB(j)
	}
}

// literalIndex reports whether chain starts with an index that is a
// literal ($x[0], $x["key"]), and gives its value.
func (c *compiler) literalIndex(chain []*ast.Accessor) (runtime.Value, bool) {
	if len(chain) == 0 || chain[0].Kind != ast.IndexAccess {
		return runtime.Null, false
	}
	return constantLiteral(chain[0].Index)
}

// constantLiteral gives the value of a string or integer literal that
// compiles to one CONST: a string with nothing to interpolate ("$.items",
// "a#b", so that $input.path("$.items") is a constant path too), or an
// integer literal that parses (value reports one that does not).
func constantLiteral(e ast.Expr) (runtime.Value, bool) {
	switch e := e.(type) {
	case *ast.StringLit:
		return runtime.String(e.Value), true
	case *ast.InterpString:
		if text, ok := staticText(e); ok {
			return runtime.String(text), true
		}
	case *ast.IntLit:
		if v, err := runtime.ParseIntLiteral(e.Raw); err == nil {
			return v, true
		}
	}
	return runtime.Null, false
}

// literal is a node's source text as Velocity's Node.literal() gives it:
// the tokens of the node itself, so the parentheses around it are not
// included.
func (c *compiler) literal(e ast.Expr) string {
	for {
		p, ok := e.(*ast.Paren)
		if !ok {
			break
		}
		e = p.X
	}
	src := c.prog.File.Src
	start, end := e.Pos().Offset(), e.End().Offset()
	if start < 0 || end > len(src) || start > end {
		return ""
	}
	return src[start:end]
}

var arithOps = map[ast.Op]runtime.Opcode{
	ast.OpAdd: runtime.OpAdd, ast.OpSub: runtime.OpSub, ast.OpMul: runtime.OpMul,
	ast.OpDiv: runtime.OpDiv, ast.OpMod: runtime.OpMod,
}

var compareOps = map[ast.Op]runtime.Opcode{
	ast.OpEq: runtime.OpEq, ast.OpNe: runtime.OpNe, ast.OpLt: runtime.OpLt,
	ast.OpLe: runtime.OpLe, ast.OpGt: runtime.OpGt, ast.OpGe: runtime.OpGe,
}

// value compiles e for its value (Velocity's Node.value()).
func (c *compiler) value(e ast.Expr) {
	if v, ok := constantLiteral(e); ok {
		c.emit(e, runtime.OpConst, c.constant(v), 0)
		return
	}
	switch e := e.(type) {
	case *ast.Ref:
		c.ref(e)
	case *ast.InterpString:
		b := c.block(e, e.Parts, e.DropLast, false)
		c.emit(e, runtime.OpInterp, b, 0)
	case *ast.IntLit:
		_, err := runtime.ParseIntLiteral(e.Raw)
		c.fail(e, "bad integer literal %q: %v", e.Raw, err)
	case *ast.FloatLit:
		v, err := runtime.ParseFloatLiteral(e.Raw)
		if err != nil {
			c.fail(e, "bad number literal %q: %v", e.Raw, err)
		}
		c.emit(e, runtime.OpConst, c.constant(v), 0)
	case *ast.BoolLit:
		if e.Value {
			c.emit(e, runtime.OpTrue, 0, 0)
		} else {
			c.emit(e, runtime.OpFalse, 0, 0)
		}
	case *ast.ListLit:
		for _, x := range e.Elems {
			c.value(x)
		}
		c.emit(e, runtime.OpList, int32(len(e.Elems)), 0)
	case *ast.MapLit:
		for i := range e.Keys {
			c.value(e.Keys[i])
			c.value(e.Values[i])
		}
		c.emit(e, runtime.OpMap, int32(len(e.Keys)), 0)
	case *ast.RangeLit:
		c.value(e.From)
		c.value(e.To)
		c.emit(e, runtime.OpRange, 0, 0)
	case *ast.Paren:
		c.value(e.X)
	case *ast.Unary, *ast.Binary:
		if b, ok := e.(*ast.Binary); ok {
			if op, ok := arithOps[b.Op]; ok {
				c.value(b.X)
				c.value(b.Y)
				if op == runtime.OpAdd {
					c.emit(b, op, c.str(c.literal(b.X)), c.str(c.literal(b.Y)))
				} else {
					c.emit(b, op, 0, 0)
				}
				return
			}
		}
		// Logical and comparison operators have a Boolean value.
		c.cond(e)
	case *ast.Word:
		c.emit(e, runtime.OpConst, c.constant(runtime.String(e.Name)), 0)
	default:
		c.fail(e, "internal error: unexpected expression %T", e)
	}
}

// cond compiles e for #if truthiness (Velocity's Node.evaluate()), leaving a
// Boolean. In Velocity 1.7 only references, true/false and the logical and
// comparison operators evaluate; every other node (a string, a number, a
// list, arithmetic) is false (fixture: directives/if_literal_is_false).
func (c *compiler) cond(e ast.Expr) {
	switch e := e.(type) {
	case *ast.Ref:
		c.ref(e)
		c.emit(e, runtime.OpTruthy, 0, 0)
	case *ast.BoolLit:
		c.value(e)
	case *ast.Paren:
		c.cond(e.X)
	case *ast.Unary:
		c.cond(e.X)
		c.emit(e, runtime.OpNot, 0, 0)
	case *ast.Binary:
		switch e.Op {
		case ast.OpAnd, ast.OpOr:
			c.cond(e.X)
			op := runtime.OpAndJump
			if e.Op == ast.OpOr {
				op = runtime.OpOrJump
			}
			j := c.emit(e, op, 0, 0)
			c.cond(e.Y)
			c.patchA(j)
			return
		}
		if op, ok := compareOps[e.Op]; ok {
			c.value(e.X)
			c.value(e.Y)
			c.emit(e, op, 0, 0)
			return
		}
		c.emit(e, runtime.OpFalse, 0, 0)
	default:
		c.emit(e, runtime.OpFalse, 0, 0)
	}
}

// staticText is the value of an interpolated string made of text alone:
// its parts minus DropLast characters (the VM's blockText counts runes).
func staticText(e *ast.InterpString) (string, bool) {
	var b strings.Builder
	for _, part := range e.Parts {
		t, ok := part.(*ast.Text)
		if !ok {
			return "", false
		}
		b.WriteString(t.Value)
	}
	s := b.String()
	for range e.DropLast {
		if s == "" {
			break
		}
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s, true
}
