package runtime

import (
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/vtlc/vtlc/parser/source"
)

// Default limits. MaxIterations is API Gateway's #foreach quota; the others
// only keep a runaway template from hanging a CI job.
const (
	DefaultMaxIterations = 1000
	DefaultMaxSteps      = 10_000_000 // loop iterations + block runs
	DefaultMaxOutput     = 10 << 20   // bytes; API Gateway's payload limit is 10 MB
	DefaultMaxAlloc      = 100 << 20  // bytes made by expressions in one render: 10× the payload limit
	maxBlockDepth        = 64         // nested #define / interpolated-string evaluation
	maxDefineDepth       = 2          // Velocity 1.7 directive.define.max.depth
)

func (l Limits) withDefaults() Limits {
	if l.MaxIterations <= 0 {
		l.MaxIterations = DefaultMaxIterations
	}
	if l.MaxSteps <= 0 {
		l.MaxSteps = DefaultMaxSteps
	}
	if l.MaxOutput <= 0 {
		l.MaxOutput = DefaultMaxOutput
	}
	if l.MaxAlloc <= 0 {
		l.MaxAlloc = DefaultMaxAlloc
	}
	return l
}

// ErrLimit is wrapped by every error that reports an exhausted budget.
var ErrLimit = errors.New("limit exceeded")

// errStop unwinds the VM on #stop (and #break outside any loop).
var errStop = errors.New("stop")

// emptyString is the value of every null reference under API Gateway's
// overlay.
var emptyString = String("")

// vm is the state of one render. VMs are pooled: a render allocates nothing
// but its output and the values the template itself builds.
type vm struct {
	prog     *Program
	vars     []Value
	stack    []Value
	loops    []loopState
	out      []byte
	lim      Limits
	steps    int64
	alloc    int64 // bytes charged against lim.MaxAlloc
	depth    int
	warnings []Warning
	// hints[pc]: where the map property instruction at pc last found its
	// key (Map.GetStringAt). Only a first guess, so it survives from one
	// render, and one program, to the next.
	hints []int32
	// token is this render's, made at its first #define: a block belongs
	// to one render (defineBlock.live), and the token outlives the vm's
	// return to the pool, so no one reads the pooled vm to ask.
	token *renderToken
	// pending is the error of a #define block rendered for its text
	// (defineBlock.String), raised by exec after the instruction that
	// asked for the text (fixture: vtlc/break-scope-from-define).
	pending error
}

var vmPool = sync.Pool{New: func() any { return &vm{stack: make([]Value, 0, 32)} }}

// Render runs the program with the given predeclared variables and appends
// its output to dst. Errors are *source.Error with the template position of
// the instruction that failed.
func (p *Program) Render(dst []byte, globals []Global, lim Limits) ([]byte, []Warning, error) {
	m := vmPool.Get().(*vm)
	m.prog = p
	if cap(m.vars) < len(p.Names) {
		m.vars = make([]Value, len(p.Names))
	}
	m.vars = m.vars[:len(p.Names)]
	if cap(m.hints) < len(p.Code) {
		m.hints = make([]int32, len(p.Code))
	}
	m.hints = m.hints[:len(p.Code)]
	for _, g := range globals {
		if s := p.Slot(g.Name); s >= 0 {
			m.vars[s] = g.Value
		}
	}
	m.out = dst
	m.lim = lim.withDefaults()
	err := m.exec(0, int32(len(p.Code)))
	if err == errStop {
		err = nil
	}
	out, warnings := m.out, m.warnings
	m.reset()
	vmPool.Put(m)
	return out, warnings, err
}

func (m *vm) reset() {
	clear(m.vars)
	clear(m.stack[:cap(m.stack)])
	m.stack = m.stack[:0]
	clear(m.loops[:cap(m.loops)])
	m.loops = m.loops[:0]
	m.out, m.prog, m.warnings, m.pending = nil, nil, nil, nil
	if m.token != nil {
		m.token.over.Store(true)
		m.token = nil
	}
	m.steps, m.alloc, m.depth = 0, 0, 0
}

func (m *vm) push(v Value) { m.stack = append(m.stack, v) }

func (m *vm) pop() Value {
	n := len(m.stack) - 1
	v := m.stack[n]
	m.stack = m.stack[:n]
	return v
}

// errorAt returns a render error at instruction pc.
func (m *vm) errorAt(pc int32, kind source.Kind, cause error, format string, args ...any) error {
	p := m.prog
	var pos source.Pos
	if int(pc) < len(p.Pos) {
		pos = p.Pos[pc]
	}
	return &source.Error{Kind: kind, Pos: p.File.Position(pos), Msg: fmt.Sprintf(format, args...), Err: cause}
}

func (m *vm) warn(pc int32, format string, args ...any) {
	m.warnings = append(m.warnings, Warning{Pos: m.prog.File.Position(m.prog.Pos[pc]), Msg: fmt.Sprintf(format, args...)})
}

// step counts one unit of work (a loop iteration, a block run) against the
// budgets.
func (m *vm) step(pc int32) error {
	m.steps++
	if m.steps > m.lim.MaxSteps {
		return m.errorAt(pc, source.Limit, ErrLimit, "step budget of %d exhausted (a runaway loop or #define recursion?)", m.lim.MaxSteps)
	}
	if len(m.out) > m.lim.MaxOutput {
		return m.errorAt(pc, source.Limit, ErrLimit, "output budget of %d bytes exhausted", m.lim.MaxOutput)
	}
	return nil
}

// charge counts n bytes made by an expression against the allocation
// budget.
func (m *vm) charge(pc int32, n int) error {
	m.alloc += int64(n)
	if m.alloc > m.lim.MaxAlloc {
		return m.errorAt(pc, source.Limit, ErrLimit, "allocation budget of %d bytes exhausted (a string or list growing in a loop?)", m.lim.MaxAlloc)
	}
	return nil
}

// chargeCall charges what a method call made: its string result, and the
// slots its receiver gained (add, addAll, put, putAll); before is the
// receiver's slots before the call.
func (m *vm) chargeCall(pc int32, result, recv Value, before int) error {
	made := 0
	if result.k == KString {
		made = int(result.n)
	}
	if before >= 0 {
		made += max(slots(recv)-before, 0) * valueSize
	}
	if made == 0 {
		return nil
	}
	return m.charge(pc, made)
}

// slots is how many values a list or map holds, for the allocation budget
// (-1 for anything else).
func slots(v Value) int {
	switch v.k {
	case KList:
		return len(v.AsList().Items)
	case KMap:
		return v.AsMap().Len()
	}
	return -1
}

// exec runs the instructions [start, end).
func (m *vm) exec(start, end int32) error {
	p := m.prog
	code := p.Code
	for pc := start; pc < end; pc++ {
		in := &code[pc]
		switch in.Op {
		case OpNop:
		case OpText:
			m.out = append(m.out, p.Strings[in.A]...)
			continue // (the hot instructions that cannot run a #define skip the pending check below)
		case OpOutput:
			if err := m.render(pc, *in, m.pop()); err != nil {
				if end, ok := m.caughtBreak(err); ok {
					pc = end - 1
					continue
				}
				return err
			}
		case OpConst:
			m.push(p.Consts[in.A])
			continue
		case OpNull:
			m.push(Null)
		case OpTrue:
			m.push(Bool(true))
		case OpFalse:
			m.push(Bool(false))
		case OpPop:
			m.stack = m.stack[:len(m.stack)-1]

		case OpLoad:
			m.push(m.vars[in.A])
		case OpLoadRef, OpLoadRaw:
			v := m.vars[in.A]
			if v.k == KNull {
				m.push(nullResult(in.Op))
				pc = in.B - 1
				continue
			}
			m.push(v)
			continue
		case OpLoadPropRef, OpLoadPropRaw:
			v, err := GetPropertyAt(m.vars[in.A], p.Strings[in.C], &m.hints[pc])
			if err != nil {
				return m.javaError(pc, err)
			}
			if v.k == KNull {
				m.push(nullResult(in.Op))
				pc = in.B - 1
				continue
			}
			m.push(v)
			continue
		case OpLoadIndexRef, OpLoadIndexRaw:
			v, err := GetIndex(m.vars[in.A], p.Consts[in.C]) // null for a null variable
			if err != nil {
				return m.javaError(pc, err)
			}
			if v.k == KNull {
				v = nullResult(in.Op)
				pc = in.B - 1 // and on to the pending check, as for INDEXREF
			}
			m.push(v)
		case OpPrintRef, OpPrintProp, OpPrintIndex:
			v := m.vars[in.A]
			var err error
			switch in.Op {
			case OpPrintProp:
				v, err = GetPropertyAt(v, p.Strings[in.C], &m.hints[pc])
			case OpPrintIndex:
				v, err = GetIndex(v, p.Consts[in.C])
			}
			if err != nil {
				return m.javaError(pc, err)
			}
			pc = in.B // the OUTPUT, done here with its operands and position
			if err := m.render(pc, code[pc], v); err != nil {
				if end, ok := m.caughtBreak(err); ok {
					pc = end - 1
					continue
				}
				return err
			}
		case OpPropRef, OpPropRaw:
			top := len(m.stack) - 1
			v, err := GetPropertyAt(m.stack[top], p.Strings[in.A], &m.hints[pc])
			if err != nil {
				return m.javaError(pc, err)
			}
			if v.k == KNull {
				m.stack[top] = nullResult(in.Op)
				pc = in.B - 1
				continue
			}
			m.stack[top] = v
		case OpCallRef, OpCallRaw:
			cs := &p.Calls[in.A]
			base := len(m.stack) - int(cs.Argc) - 1
			recv := m.stack[base]
			if recv.k == KObject && in.Op == OpCallRef && in.B == pc+1 && code[pc+1].Op == OpOutput {
				// The result is printed at once: a host object may write
				// it straight into the output (Appender).
				if a, isAppender := recv.AsObject().(Appender); isAppender {
					out, ok, err := a.AppendCall(m.out, cs.Name, m.stack[base+1:])
					if err != nil {
						return m.javaError(pc, err)
					}
					if ok {
						// Charged as the result string would have been.
						if err := m.charge(pc, len(out)-len(m.out)); err != nil {
							return err
						}
						m.out = out
						m.stack = m.stack[:base]
						pc++ // the OUTPUT
						continue
					}
				}
			}
			before := slots(recv)
			if n := bytesAhead(recv, cs.Name, m.stack[base+1:]); n > 0 && m.alloc+n > m.lim.MaxAlloc {
				return m.charge(pc, int(min(n, math.MaxInt32))) // fails before the call allocates
			}
			v, err := CallMethod(recv, cs.Name, m.stack[base+1:])
			// The arguments stay above the top until overwritten (reset
			// clears the whole stack after the render): clearing them
			// here was 2 % of a call-heavy render.
			m.stack = m.stack[:base+1]
			if err != nil {
				return m.javaError(pc, err)
			}
			if err := m.chargeCall(pc, v, recv, before); err != nil {
				return err
			}
			if v.k == KNull {
				v = nullResult(in.Op)
				pc = in.B - 1 // and on to the pending check: the call may have rendered a #define
			}
			m.stack[base] = v
		case OpIndexRef, OpIndexRaw:
			idx := m.pop()
			top := len(m.stack) - 1
			v, err := GetIndex(m.stack[top], idx)
			if err != nil {
				return m.javaError(pc, err)
			}
			if v.k == KNull {
				v = nullResult(in.Op)
				pc = in.B - 1 // and on to the pending check, as for a call
			}
			m.stack[top] = v

		case OpSetVar:
			// A null right-hand side leaves the variable as it was
			// (Velocity 1.7, directive.set.null.allowed=false).
			if v := m.pop(); v.k != KNull {
				m.vars[in.A] = v
			}
		case OpSetProp:
			x := m.pop()
			v := m.pop()
			if v.k != KNull && x.k != KNull {
				if err := SetProperty(x, p.Strings[in.A], v); err != nil {
					return m.javaError(pc, err)
				}
			}
		case OpSetIndex:
			idx := m.pop()
			x := m.pop()
			v := m.pop()
			if v.k != KNull && x.k != KNull {
				if err := SetIndex(x, idx, v); err != nil {
					return m.javaError(pc, err)
				}
			}

		case OpAdd, OpSub, OpMul, OpDiv, OpMod:
			b := m.pop()
			top := len(m.stack) - 1
			a := m.stack[top]
			v, err := ArithErr(ArithOp(in.Op-OpAdd)+ArithAdd, a, b)
			if err != nil {
				return m.javaError(pc, err)
			}
			if in.Op == OpAdd && v.k == KNull {
				v = addNullLiteral(p, *in, a, b)
			}
			if v.k == KString {
				if err := m.charge(pc, int(v.n)); err != nil {
					return err
				}
			}
			m.stack[top] = v
		case OpEq:
			b := m.pop()
			top := len(m.stack) - 1
			m.stack[top] = Bool(Equals(m.stack[top], b))
		case OpNe:
			b := m.pop()
			top := len(m.stack) - 1
			m.stack[top] = Bool(!Equals(m.stack[top], b))
		case OpLt, OpLe, OpGt, OpGe:
			b := m.pop()
			top := len(m.stack) - 1
			c, ok := Compare(m.stack[top], b)
			if ok {
				switch in.Op {
				case OpLt:
					ok = c < 0
				case OpLe:
					ok = c <= 0
				case OpGt:
					ok = c > 0
				default:
					ok = c >= 0
				}
			}
			m.stack[top] = Bool(ok)
		case OpTruthy:
			top := len(m.stack) - 1
			m.stack[top] = Bool(Truthy(m.stack[top]))
		case OpNot:
			top := len(m.stack) - 1
			m.stack[top] = Bool(m.stack[top].n == 0)

		case OpJump:
			pc = in.A - 1
			continue
		case OpJumpFalse:
			if m.pop().n == 0 {
				pc = in.A - 1
			}
			continue
		case OpAndJump:
			if m.stack[len(m.stack)-1].n == 0 {
				pc = in.A - 1
			} else {
				m.stack = m.stack[:len(m.stack)-1]
			}
		case OpOrJump:
			if m.stack[len(m.stack)-1].n != 0 {
				pc = in.A - 1
			} else {
				m.stack = m.stack[:len(m.stack)-1]
			}
		case OpStop:
			return errStop

		case OpList:
			n := int(in.A)
			base := len(m.stack) - n
			if err := m.charge(pc, n*valueSize); err != nil {
				return err
			}
			items := make([]Value, n)
			copy(items, m.stack[base:])
			clear(m.stack[base:])
			m.stack = m.stack[:base]
			m.push(ListValue(NewList(items)))
		case OpMap:
			n := int(in.A)
			base := len(m.stack) - 2*n
			if err := m.charge(pc, 2*n*valueSize); err != nil {
				return err
			}
			mp := NewMap(n)
			for i := base; i < len(m.stack); i += 2 {
				mp.Put(m.stack[i], m.stack[i+1])
			}
			clear(m.stack[base:])
			m.stack = m.stack[:base]
			m.push(MapValue(mp))
		case OpRange:
			to := m.pop()
			top := len(m.stack) - 1
			r, err := makeRange(m.stack[top], to, (m.lim.MaxAlloc-m.alloc)/int64(valueSize))
			if err != nil {
				return m.errorAt(pc, source.Limit, ErrLimit, "%v", err)
			}
			if err := m.charge(pc, max(slots(r), 0)*valueSize); err != nil {
				return err
			}
			m.stack[top] = r
		case OpInterp:
			s, err := m.blockText(pc, in.A)
			if err != nil {
				if end, ok := m.caughtBreak(err); ok {
					pc = end - 1
					continue
				}
				return err
			}
			if err := m.charge(pc, len(s)); err != nil {
				return err
			}
			m.push(String(s))

		case OpIterStart:
			if in.B != 0 {
				to := m.pop()
				m.iterStartRange(in.A, m.pop(), to)
			} else {
				m.iterStart(in.A, m.pop())
			}
		case OpIterNext:
			more, err := m.iterNext(pc, in.A)
			if err != nil {
				return err
			}
			if !more {
				pc = in.B - 1
			}
			continue
		case OpIterEnd:
			m.iterEnd()
		case OpBreakLoop:
			target, err := m.breakLoopAt(pc, in.A)
			if err != nil {
				return err
			}
			pc = target - 1
			continue
		case OpBreakBlock:
			return &breakBlock{block: in.A}
		case OpBreakScope:
			target, err := m.breakScope(pc, *in, m.pop())
			if err != nil {
				return err
			}
			pc = target - 1
		case OpFail:
			return m.errorAt(pc, source.Runtime, nil, "%s", p.Strings[in.A])

		case OpDefine:
			if m.token == nil {
				m.token = &renderToken{}
			}
			m.vars[in.A] = ObjectValue(&defineBlock{vm: m, render: m.token, block: in.B})
		case OpInclude:
			return m.errorAt(pc, source.Runtime, nil, "#%s: API Gateway has no resource loader, so no template can be included", p.Strings[in.A])
		default:
			return m.errorAt(pc, source.Runtime, nil, "internal error: unknown opcode %v", in.Op)
		}
		if m.pending != nil {
			// A #define block rendered for its text failed or broke a
			// loop (defineBlock.String cannot return the error itself).
			err := m.pending
			m.pending = nil
			end, ok := m.caughtBreak(err)
			if !ok {
				return err
			}
			pc = end - 1
		}
	}
	return nil
}

// render writes v as template output (OpOutput). A #define block renders
// its body; past Velocity's recursion limit it renders nothing and the
// reference prints its own source text instead (Strings[in.A], unless the
// reference is quiet: in.B != 0). Fixture: velocity/a17-define-05.
func (m *vm) render(pc int32, in Instr, v Value) error {
	switch v.k {
	case KString:
		m.out = append(m.out, v.str()...)
		return nil
	case KNull:
		return nil
	case KObject:
		if d, ok := v.AsObject().(*defineBlock); ok && d.vm == m && d.live() {
			if d.depth >= maxDefineDepth {
				if in.B == 0 {
					m.out = append(m.out, m.prog.Strings[in.A]...)
				}
				return nil
			}
			d.depth++
			err := m.runBlock(pc, d.block)
			if err == nil {
				d.depth-- // not when a #break or #stop leaves it, as in Velocity (see String)
			}
			return err
		}
	}
	mark := len(m.out)
	m.out = AppendText(m.out, v)
	if m.pending != nil {
		m.out = m.out[:mark] // a #define in it failed: Java's toString() threw, nothing was written
	}
	return nil
}

// breakScope is #break($scope): it leaves the loop whose $foreach is scope,
// ending the loops inside it, and returns the pc of that loop's ITEREND.
// Anything else is an error, as in Velocity 1.7's Break.render.
func (m *vm) breakScope(pc int32, in Instr, scope Value) (int32, error) {
	s, ok := scope.AsObject().(*ForeachScope)
	if !ok {
		return 0, m.errorAt(pc, source.Runtime, nil, "%s is not a valid org.apache.velocity.runtime.directive.Scope instance", m.prog.Strings[in.A])
	}
	// Velocity's StopCommand names the #foreach directive, not one run of
	// it: the innermost running loop of that #foreach stops, which is
	// another run than the scope's when a #define renders itself
	// (flowdiff seed 3).
	if k := m.runningLoop(s.loop); k >= 0 {
		return m.leaveLoop(k)
	}
	// A loop that has ended: Velocity's StopCommand finds no directive to
	// stop and fails the render (fixture: vtlc/break-scope-ended).
	return 0, m.errorAt(pc, source.Runtime, nil, "#break(%s): that #foreach has ended (Velocity fails the render with an uncaught StopCommand)", m.prog.Strings[in.A])
}

// breakLoopAt is a #break in an interpolated string leaving the running
// loop Loops[loop] around it: the same unwinding as a #break($scope).
func (m *vm) breakLoopAt(pc, loop int32) (int32, error) {
	if k := m.runningLoop(loop); k >= 0 {
		return m.leaveLoop(k)
	}
	return 0, m.errorAt(pc, source.Runtime, nil, "internal error: #break of a loop that is not running")
}

// runningLoop is the index in vm.loops of the innermost running loop of
// #foreach Loops[loop], or -1.
func (m *vm) runningLoop(loop int32) int {
	for k := len(m.loops) - 1; k >= 0; k-- {
		if m.loops[k].loopIndex == loop {
			return k
		}
	}
	return -1
}

// leaveLoop leaves running loop k: a jump to its ITEREND when this exec
// frame runs it, else, when it runs outside the #define body or string
// being rendered, a breakLoop that unwinds to the frame running it
// (fixtures: vtlc/break-scope-from-define, vtlc/break-in-string).
func (m *vm) leaveLoop(k int) (int32, error) {
	ls := &m.loops[k]
	end := m.prog.Loops[ls.loopIndex].End
	if ls.depth != m.depth {
		return 0, &breakLoop{loop: k, depth: ls.depth, end: end}
	}
	m.endLoopsAbove(k)
	return end, nil
}

// breakBlock ends the #define body Blocks[block] from an interpolated
// string inside it; runBlock of that body catches it.
type breakBlock struct{ block int32 }

func (*breakBlock) Error() string { return "#break of an enclosing #define body" }

// breakLoop unwinds the blocks being rendered up to the exec frame (block
// depth) running the loop that a #break($scope) leaves.
type breakLoop struct {
	loop  int // its index in vm.loops
	depth int
	end   int32 // the loop's ITEREND
}

func (*breakLoop) Error() string { return "#break of an enclosing #foreach" }

// caughtBreak reports whether err is a breakLoop for a loop of this exec
// frame, and the pc to continue at.
func (m *vm) caughtBreak(err error) (int32, bool) {
	if b, ok := err.(*breakLoop); ok && b.depth == m.depth {
		m.endLoopsAbove(b.loop)
		return b.end, true
	}
	return 0, false
}

// endLoopsAbove ends the loops started inside loop k (its ITEREND ends k).
// A breakLoop ends them only once caught: a #define rendered for its text
// (defineBlock.String) swallows the error, and its caller's loops go on.
func (m *vm) endLoopsAbove(k int) {
	for len(m.loops)-1 > k {
		m.iterEnd()
	}
}

// runBlock renders block b at the current end of the output.
func (m *vm) runBlock(pc, b int32) error {
	if m.depth >= maxBlockDepth {
		return m.errorAt(pc, source.Limit, ErrLimit, "#define or string evaluation nested deeper than %d (recursive #define?)", maxBlockDepth)
	}
	if err := m.step(pc); err != nil {
		return err
	}
	blk := &m.prog.Blocks[b]
	loops := len(m.loops)
	m.depth++
	err := m.exec(blk.Start, blk.End)
	m.depth--
	if err != nil {
		// The block's own loops end with it (a #break unwinding to an
		// outer loop, or an error defineBlock.String holds as pending).
		m.endLoopsAbove(loops - 1)
		if bb, ok := err.(*breakBlock); ok && bb.block == b {
			return nil // a #break in a string inside this #define body ended it
		}
	}
	return err
}

// blockText renders block b into a string (an interpolated string's value).
func (m *vm) blockText(pc, b int32) (string, error) {
	mark := len(m.out)
	if err := m.runBlock(pc, b); err != nil {
		// A #stop inside the string ends the template; the string's own
		// partial text is not output.
		m.out = m.out[:mark]
		return "", err
	}
	end := len(m.out)
	// DropLast counts characters (Java's substring), not bytes.
	for i := int32(0); i < m.prog.Blocks[b].DropLast && end > mark; i++ {
		_, size := utf8.DecodeLastRune(m.out[mark:end])
		end -= size
	}
	s := string(m.out[mark:end])
	m.out = m.out[:mark]
	return s, nil
}

func (m *vm) javaError(pc int32, err error) error {
	var se *source.Error
	if errors.As(err, &se) {
		return err
	}
	kind := source.Runtime
	if errors.Is(err, ErrLimit) {
		kind = source.Limit
	}
	return m.errorAt(pc, kind, err, "%v", err)
}

// makeRange builds [from..to] (Velocity 1.7 ASTIntegerRange): both ends
// must be integers; a null or non-integer end gives null. A range of more
// than maxItems items is refused before it is built.
func makeRange(from, to Value, maxItems int64) (Value, error) {
	a, ok1 := rangeEnd(from)
	b, ok2 := rangeEnd(to)
	if !ok1 || !ok2 {
		return Null, nil
	}
	n := b - a
	if n < 0 {
		n = -n
	}
	if n >= maxItems {
		return Null, fmt.Errorf("allocation budget exhausted: range [%d..%d] is too large", a, b)
	}
	items := make([]Value, 0, n+1)
	step := int64(1)
	if a > b {
		step = -1
	}
	for i := a; ; i += step {
		items = append(items, Integer(i))
		if i == b {
			break
		}
	}
	return ListValue(NewList(items)), nil
}

func rangeEnd(v Value) (int64, bool) {
	switch v.k {
	case KInt, KLong:
		return int64(v.n), true
	case KDouble:
		return int64(v.AsDouble()), true
	}
	return 0, false
}

// nullResult is what a reference step that found null leaves: "" under API
// Gateway's overlay, null in a #set target's prefix.
func nullResult(op Opcode) Value {
	switch op {
	case OpLoadRaw, OpPropRaw, OpCallRaw, OpIndexRaw, OpLoadPropRaw, OpLoadIndexRaw:
		return Null
	}
	return emptyString
}

// addNullLiteral is Velocity 1.7's String + null (ASTAddNode.handleSpecial):
// the null side is replaced by its own source text, so ("a" + (7/0)) is
// "a7/0". OpAdd's operands A and B index that text in Strings.
func addNullLiteral(p *Program, in Instr, a, b Value) Value {
	switch {
	case a.k == KString && b.k == KNull:
		return String(a.str() + p.Strings[in.B])
	case a.k == KNull && b.k == KString:
		return String(p.Strings[in.A] + b.str())
	}
	return Null
}

// defineBlock is the value a #define gives its variable: printing it
// renders the block with the variables current at that moment.
type defineBlock struct {
	vm     *vm
	render *renderToken // of the render that defined it
	block  int32
	depth  int // renders of this block in progress
}

// renderToken marks the end of a render for the #define blocks made in it.
type renderToken struct{ over atomic.Bool }

// exhaustedDefine reports whether v is a #define block rendering at its
// recursion limit, whose Java toString() is null.
func exhaustedDefine(v Value) bool {
	d, ok := v.AsObject().(*defineBlock)
	return ok && d.exhausted()
}

// exhausted reports whether the block is at its recursion limit:
// Block.Reference.toString() is null then.
func (d *defineBlock) exhausted() bool { return d.depth >= maxDefineDepth }

// live reports whether the render that defined the block is still running:
// a block that escaped its render (nothing should let one) renders as ""
// instead of running another program's code.
func (d *defineBlock) live() bool { return !d.render.over.Load() }

func (d *defineBlock) ClassName() string {
	return "org.apache.velocity.runtime.directive.Block$Reference"
}
func (d *defineBlock) GetProperty(string) (Value, bool) { return Null, false }
func (d *defineBlock) CallMethod(name string, args []Value) (Value, bool, error) {
	if len(args) == 0 {
		switch name {
		case "toString":
			if d.exhausted() {
				return Null, true, nil // Block.Reference.toString() is null at the limit
			}
			return String(d.String()), true, nil
		case "hashCode":
			// Object's identity hash: Java renders nothing for it.
			return Int(int32((uint32(d.block)+1)*2654435761) & 0x7fffffff), true, nil
		}
	}
	return Null, false, nil
}

// String renders the block, for uses other than direct output (equality,
// concatenation, method arguments).
func (d *defineBlock) String() string {
	if d.exhausted() || !d.live() || d.vm.pending != nil {
		// At the limit Java's toString() is null; after a pending error
		// Java would have thrown before getting here.
		return ""
	}
	m := d.vm
	// Its own buffer: the caller may be appending into m.out (AppendText
	// of a list holding the block).
	out := m.out
	m.out = nil
	d.depth++
	s, err := m.blockText(0, d.block)
	m.out = out
	if err != nil {
		// Velocity's Block.Reference decrements its depth only when the
		// body returns normally: a #break or #stop leaving it keeps it
		// one level deeper (fixture: vtlc/define-depth-leak).
		if m.pending == nil {
			m.pending = err
		}
		return ""
	}
	d.depth--
	return s
}
