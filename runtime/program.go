package runtime

import "github.com/vtlc/vtlc/parser/source"

// Global is a predeclared variable handed to a run: $input, $context, ….
type Global struct {
	Name  string
	Value Value
}

// Limits bound a run so that no template can hang a CI job. Zero fields
// take the defaults.
type Limits struct {
	MaxIterations int   // per #foreach; API Gateway's quota is 1000 (the loop stops, with a warning)
	MaxSteps      int64 // instructions executed in all; exceeding it is a Limit error
	MaxOutput     int   // bytes of output; exceeding it is a Limit error
	// MaxAlloc bounds the bytes of strings and collection slots that
	// expressions make (interpolations, concatenations, method results,
	// lists and maps growing): a string doubled in a loop would otherwise
	// exhaust memory long before the step budget. Exceeding it is a Limit
	// error. Pinned by TestLimits (vm_test.go) and the CLI's budget tests.
	MaxAlloc int64
}

// Warning is something a run did that API Gateway would treat specially
// (a #foreach cut at 1000 iterations, an override assigned twice, …).
type Warning struct {
	Pos source.Position
	Msg string
}

// String is "file:line:col: warning: msg", or "file: warning: msg" for a
// warning about the whole render (an override assigned twice).
func (w Warning) String() string {
	if w.Pos.Line == 0 {
		if w.Pos.Filename == "" {
			return "warning: " + w.Msg
		}
		return w.Pos.Filename + ": warning: " + w.Msg
	}
	return w.Pos.String() + ": warning: " + w.Msg
}

// Program is a compiled template: a flat instruction slice with a source
// position per instruction, a constant pool and variable slots resolved at
// compile time. A Program is immutable after compilation and safe to run
// from many goroutines at once.
type Program struct {
	Code    []Instr
	Pos     []source.Pos // parallel to Code: where each instruction comes from
	Strings []string     // text chunks, property names, include names
	Consts  []Value      // literal values (immutable scalars; lists and maps are built by OpList/OpMap)
	Calls   []CallSite   // method call sites
	Loops   []Loop       // #foreach loops
	Blocks  []Block      // #define bodies and interpolated strings
	Names   []string     // slot → variable name
	File    *source.File

	// Slots of the variables #foreach maintains, or -1 when the template
	// never mentions them (then the loop does not maintain them).
	SlotForeach, SlotVelocityCount, SlotVelocityHasNext int32

	slotOf  map[string]int32
	mutates bool // see Mutates
}

// CallSite is a method call: `.Name(Argc arguments)`.
type CallSite struct {
	Name string
	Argc int32
}

// Loop is a #foreach: the slot of its loop variable, and the pc of its
// ITEREND (where #break($foreach) goes, from wherever it is rendered).
type Loop struct {
	Var, End int32
}

// Block is an instruction range [Start, End) run on demand: the body of a
// #define, or the parts of an interpolated string, whose rendered text is
// the string's value minus DropLast trailing bytes.
type Block struct {
	Start, End int32
	DropLast   int32
}

// Init indexes a program's variable names and notes whether it can change
// the objects it is given; the compiler calls it once the code is complete.
func (p *Program) Init() {
	p.slotOf = make(map[string]int32, len(p.Names))
	for i, n := range p.Names {
		p.slotOf[n] = int32(i)
	}
	p.mutates = false
	for _, in := range p.Code {
		switch in.Op {
		case OpSetProp, OpSetIndex:
			p.mutates = true
		case OpCallRef, OpCallRaw:
			if isMutator(p.Calls[in.A].Name) {
				p.mutates = true
			}
		}
	}
}

// Mutates reports whether a run of p may change a list, map or host object
// it did not build: p has a #set into a property or an index, or calls a
// method that changes its receiver (put, add, remove, clear, …). A program
// that cannot may be given shared objects: apigw hands such programs one
// $context per request instead of a copy per render.
func (p *Program) Mutates() bool { return p.mutates }

// Slot returns the slot of variable name, or -1 when the template never
// mentions it.
func (p *Program) Slot(name string) int32 {
	if s, ok := p.slotOf[name]; ok {
		return s
	}
	return -1
}

// Uses reports whether the template mentions variable name: API Gateway's
// objects are built only for templates that read them.
func (p *Program) Uses(name string) bool { return p.Slot(name) >= 0 }
