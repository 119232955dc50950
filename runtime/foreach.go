package runtime

import "unsafe"

// loopState is one active #foreach (Velocity 1.7 Foreach.render).
type loopState struct {
	list  *List   // iterating a List or array: read live, as a Java iterator would
	items []Value // iterating a Map's values: a snapshot
	// iterating a range literal [from..to] without building the list
	// (fixture: velocity/tpl2-range loops over [0..67000000] and breaks).
	rangeFrom, rangeStep int64
	rangeLen             int
	i                    int // items handed out so far
	loopIndex            int32
	// What the loop overwrote, restored when it ends (Foreach.java restores
	// the loop variable and $velocityCount, and removes them when unset).
	savedVar, savedForeach, savedCount, savedHasNext Value
	scope                                            *ForeachScope
	warned                                           bool
	depth                                            int // vm.depth of the exec frame running the loop
}

func (l *loopState) len() int {
	if l.rangeStep != 0 {
		return l.rangeLen
	}
	if l.list != nil {
		return len(l.list.Items)
	}
	return len(l.items)
}

func (l *loopState) at(i int) Value {
	if l.rangeStep != 0 {
		return Integer(l.rangeFrom + int64(i)*l.rangeStep)
	}
	if l.list != nil {
		return l.list.Items[i]
	}
	return l.items[i]
}

// iterStart begins loop A over v. Lists, JSON arrays and Java arrays are
// iterated in order, maps over their values; null and anything else
// iterate zero times (1.7 logs "not iterable" and renders nothing).
func (m *vm) iterStart(a int32, v Value) {
	ls := m.newLoop(a)
	switch v.k {
	case KList, KArray:
		ls.list = v.AsList()
	case KMap:
		es := v.AsMap().Entries()
		ls.items = make([]Value, len(es))
		for i, e := range es {
			ls.items[i] = e.Value
		}
	case KObject:
		if it, ok := v.AsObject().(Iterable); ok {
			ls.items = it.Items()
		}
	}
	m.pushLoop(ls)
}

// iterStartRange begins loop A over the range literal [from..to].
func (m *vm) iterStartRange(a int32, from, to Value) {
	ls := m.newLoop(a)
	x, ok1 := rangeEnd(from)
	y, ok2 := rangeEnd(to)
	if ok1 && ok2 {
		ls.rangeFrom, ls.rangeStep = x, 1
		if x > y {
			ls.rangeStep = -1
		}
		ls.rangeLen = int((y-x)*ls.rangeStep) + 1
	}
	m.pushLoop(ls)
}

func (m *vm) newLoop(a int32) loopState {
	return loopState{savedVar: m.vars[m.prog.Loops[a].Var], loopIndex: a}
}

// pushLoop saves what the loop will overwrite and makes it the innermost.
func (m *vm) pushLoop(ls loopState) {
	p := m.prog
	if s := p.SlotForeach; s >= 0 {
		ls.savedForeach = m.vars[s]
		var parent *ForeachScope
		if o, ok := ls.savedForeach.AsObject().(*ForeachScope); ok {
			parent = o
		}
		ls.scope = &ForeachScope{parent: parent, loop: ls.loopIndex}
		m.vars[s] = ls.scope.value()
	}
	if s := p.SlotVelocityCount; s >= 0 {
		ls.savedCount = m.vars[s]
	}
	if s := p.SlotVelocityHasNext; s >= 0 {
		ls.savedHasNext = m.vars[s]
	}
	ls.depth = m.depth
	m.loops = append(m.loops, ls)
}

// iterNext binds the next item of the innermost loop; false means the loop
// is over (no more items, or API Gateway's iteration quota reached).
func (m *vm) iterNext(pc, a int32) (bool, error) {
	ls := &m.loops[len(m.loops)-1]
	n := ls.len()
	if ls.i >= n {
		return false, nil
	}
	if ls.i >= m.lim.MaxIterations {
		if !ls.warned {
			ls.warned = true
			m.warn(pc, "#foreach stopped after %d iterations (API Gateway's limit); %d items were not visited", m.lim.MaxIterations, n-ls.i)
		}
		return false, nil
	}
	if err := m.step(pc); err != nil {
		return false, err
	}
	p := m.prog
	m.vars[p.Loops[a].Var] = ls.at(ls.i)
	ls.i++
	hasNext := ls.i < n
	if s := p.SlotVelocityCount; s >= 0 {
		m.vars[s] = Int(int32(ls.i))
	}
	if s := p.SlotVelocityHasNext; s >= 0 {
		m.vars[s] = Bool(hasNext)
	}
	if ls.scope != nil {
		ls.scope.index = ls.i - 1
		ls.scope.hasNext = hasNext
	}
	return true, nil
}

// iterEnd restores what the innermost loop overwrote.
func (m *vm) iterEnd() {
	p := m.prog
	ls := &m.loops[len(m.loops)-1]
	m.vars[p.Loops[ls.loopIndex].Var] = ls.savedVar
	if s := p.SlotForeach; s >= 0 {
		m.vars[s] = ls.savedForeach
	}
	if s := p.SlotVelocityCount; s >= 0 {
		m.vars[s] = ls.savedCount
	}
	if s := p.SlotVelocityHasNext; s >= 0 {
		m.vars[s] = ls.savedHasNext
	}
	*ls = loopState{}
	m.loops = m.loops[:len(m.loops)-1]
}

// Iterable is a host object #foreach can iterate (for example a map's
// keySet view).
type Iterable interface {
	Items() []Value
}

// ForeachScope is `$foreach` inside a loop: index (0-based), count
// (1-based), hasNext, first, last, parent, topmost. Velocity's scope is an
// empty map, so printing it gives "{}".
type ForeachScope struct {
	parent  *ForeachScope
	loop    int32 // the #foreach (Program.Loops) it is the scope of
	index   int
	hasNext bool
	self    Object // the scope as an Object, boxed once (value)
}

// value is the scope as a Value. The interface box a KObject Value points
// at is the scope's own field, so starting a loop allocates the scope only
// (ObjectValue would box it again on each call: a 1000-row loop with an
// inner #foreach made 2,000 allocations for 1,000 scopes).
func (s *ForeachScope) value() Value {
	if s.self == nil {
		s.self = s
	}
	return Value{k: KObject, p: unsafe.Pointer(&s.self)}
}

func (s *ForeachScope) ClassName() string {
	return "org.apache.velocity.runtime.directive.ForeachScope"
}
func (s *ForeachScope) String() string { return "{}" }

func (s *ForeachScope) GetProperty(name string) (Value, bool) {
	switch name {
	case "index":
		return Int(int32(s.index)), true
	case "count":
		return Int(int32(s.index + 1)), true
	case "hasNext":
		return Bool(s.hasNext), true
	case "first":
		return Bool(s.index == 0), true
	case "last":
		return Bool(!s.hasNext), true
	case "parent":
		if s.parent == nil {
			return Null, false
		}
		return s.parent.value(), true
	case "topmost":
		t := s
		for t.parent != nil {
			t = t.parent
		}
		return t.value(), true
	}
	return Null, false
}

func (s *ForeachScope) CallMethod(name string, args []Value) (Value, bool, error) {
	if len(args) != 0 {
		return Null, false, nil
	}
	prop := ""
	switch name {
	case "getIndex":
		prop = "index"
	case "getCount":
		prop = "count"
	case "hasNext", "getHasNext":
		prop = "hasNext"
	case "isFirst", "getFirst":
		prop = "first"
	case "isLast", "getLast":
		prop = "last"
	case "getParent":
		prop = "parent"
	case "getTopmost":
		prop = "topmost"
	case "toString":
		return String(s.String()), true, nil
	default:
		return Null, false, nil
	}
	v, ok := s.GetProperty(prop)
	return v, ok, nil
}
