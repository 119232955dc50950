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
}

// Warning is something a run did that API Gateway would treat specially
// (a #foreach cut at 1000 iterations, an override assigned twice, …).
type Warning struct {
	Pos source.Position
	Msg string
}

func (w Warning) String() string { return w.Pos.String() + ": warning: " + w.Msg }

// Program is a compiled template: a flat instruction slice with a source
// position per instruction, a constant pool and variable slots resolved at
// compile time. A Program is immutable after compilation and safe to run
// from many goroutines at once.
type Program struct {
	Code    []Instr
	Pos     []source.Pos // parallel to Code
	Strings []string     // text chunks, names (interned)
	Consts  []Value      // literal values
	Slots   int          // number of variable slots
	Names   []string     // slot → variable name (for globals and disassembly)
	File    *source.File
	Blocks  []Block // #define bodies and interpolated strings, by index
}

// Block is a sub-program range of Code: the body of a #define or the parts of
// an interpolated string, run on demand.
type Block struct {
	Start, End int // instruction range [Start, End)
	DropLast   int // bytes to drop from the end of the rendered text (InterpString)
}
