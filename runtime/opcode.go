package runtime

import "fmt"

// Opcode is one VM instruction kind. Each constant's comment gives its
// operands and its stack effect ("before -- after").
type Opcode uint8

const (
	OpNop Opcode = iota // --

	// Output.
	OpText   // A=string: -- ; writes Strings[A]
	OpOutput // A=string B=quiet: v -- ; writes v's Java toString (a #define block renders its body; past its recursion limit, Strings[A] unless quiet)

	// Constants.
	OpConst // A=const: -- Consts[A]
	OpNull  // -- null
	OpTrue  // -- true
	OpFalse // -- false
	OpPop   // v --

	// Variables and references. In the Ref forms B is the end of the
	// reference: a null result pushes "" and jumps there, which is API
	// Gateway's null overlay (every undefined or null reference is "").
	OpLoad     // A=slot: -- v (null stays null)
	OpLoadRef  // A=slot B=end: -- v|""
	OpPropRef  // A=string B=end: x -- x.name|""
	OpCallRef  // A=call B=end: x args… -- x.m(args…)|""
	OpIndexRef // B=end: x i -- x[i]|""
	// The Raw forms are the same with null instead of "": a #set target's
	// prefix, where Velocity 1.7 silently gives up on a null
	// (ASTReference.setValue; fixture: velocity/a17-index-16).
	OpLoadRaw  // A=slot B=end: -- v|null
	OpPropRaw  // A=string B=end: x -- x.name|null
	OpCallRaw  // A=call B=end: x args… -- x.m(args…)|null
	OpIndexRaw // B=end: x i -- x[i]|null
	// $x.name, the commonest reference, in one instruction: LOADREF A B
	// then PROPREF C B. Its position is the property's.
	OpLoadPropRef // A=slot B=end C=string: -- v.name|""
	OpLoadPropRaw // A=slot B=end C=string: -- v.name|null
	// $x[0] and $x["key"], a variable indexed by a literal, in one
	// instruction: LOADREF A B, CONST C, INDEXREF B. Its position is the
	// index's.
	OpLoadIndexRef // A=slot B=end C=const: -- v[Consts[C]]|""
	OpLoadIndexRaw // A=slot B=end C=const: -- v[Consts[C]]|null
	// A reference of one instruction printed at once: LOADREF, LOADPROP or
	// LOADINDEX and the OUTPUT after it (at B) in one dispatch. The OUTPUT
	// stays in the code, skipped, for its operands and its position.
	OpPrintRef   // A=slot B=output: -- ; prints v
	OpPrintProp  // A=slot B=output C=string: -- ; prints v.name
	OpPrintIndex // A=slot B=output C=const: -- ; prints v[Consts[C]]

	// Assignment.
	OpSetVar   // A=slot: v -- ; a null v leaves the variable as it was (Velocity 1.7 set.null.allowed=false)
	OpSetProp  // A=string: x v -- ; x.name = v (Map put / setter); null v does nothing
	OpSetIndex // x i v -- ; x[i] = v; null v does nothing

	// Operators.
	OpAdd    // A,B=string: a b -- a+b ; A and B are the operands' source text (for String + null)
	OpSub    // a b -- a-b
	OpMul    // a b -- a*b
	OpDiv    // a b -- a/b
	OpMod    // a b -- a%b
	OpEq     // a b -- a==b
	OpNe     // a b -- a!=b
	OpLt     // a b -- a<b
	OpLe     // a b -- a<=b
	OpGt     // a b -- a>b
	OpGe     // a b -- a>=b
	OpTruthy // v -- bool ; #if truthiness of a reference's value
	OpNot    // b -- !b ; b is a Boolean produced by a condition

	// Control.
	OpJump      // A=target: --
	OpJumpFalse // A=target: b -- ; jumps when b is false
	OpAndJump   // A=target: b -- b ; when b is false, keeps it and jumps (&&), else pops it
	OpOrJump    // A=target: b -- b ; when b is true, keeps it and jumps (||), else pops it
	OpStop      // -- ; #stop, and #break outside any loop: ends the template

	// Literals.
	OpList   // A=n: v1…vn -- list
	OpMap    // A=n: k1 v1…kn vn -- map
	OpRange  // a b -- list ; [a..b]
	OpInterp // A=block: -- string ; renders an interpolated string's parts

	// Loops: #foreach(A=loop) … #end.
	OpIterStart  // A=loop B=isRange: iterable -- (from to -- when B=1); saves the loop variable and $foreach/$velocityCount/$velocityHasNext
	OpIterNext   // A=loop B=end: -- ; binds the next item, or jumps to B when done or at the iteration limit
	OpIterEnd    // A=loop: -- ; restores what IterStart saved
	OpBreakLoop  // A=loop: -- ; a #break in an interpolated string leaves the running loop Loops[A] around the string
	OpBreakBlock // A=block: -- ; a #break in an interpolated string inside a #define body ends that body (Blocks[A])
	OpBreakScope // A=string: scope -- ; #break($scope) leaves the running loop of that $foreach (at its Loops[].End), even from a #define body or string rendered inside it; Strings[A] is the argument's source, for the error

	// Blocks.
	OpDefine  // A=slot B=block: -- ; #define: $slot renders Blocks[B]
	OpInclude // A=string: -- ; #include/#parse: always fails on API Gateway (no resource loader)
	OpFail    // A=string: -- ; fails the render with Strings[A] (a directive Velocity rejects when rendered)

	numOpcodes
)

// operand says how the disassembler prints an operand.
type operand uint8

const (
	noArg operand = iota
	argString
	argConst
	argSlot
	argCall
	argTarget
	argCount
	argBlock
	argLoop
	argRange // 1: the operands are a range's ends, iterated without building the list
)

// opInfo is the keyed table of every opcode: its name and how to print its
// operands. TestOpcodeTable requires a row for each opcode.
var opInfo = [numOpcodes]struct {
	name    string
	a, b, c operand
}{
	OpNop:          {"NOP", noArg, noArg, noArg},
	OpText:         {"TEXT", argString, noArg, noArg},
	OpOutput:       {"OUTPUT", argString, argCount, noArg},
	OpConst:        {"CONST", argConst, noArg, noArg},
	OpNull:         {"NULL", noArg, noArg, noArg},
	OpTrue:         {"TRUE", noArg, noArg, noArg},
	OpFalse:        {"FALSE", noArg, noArg, noArg},
	OpPop:          {"POP", noArg, noArg, noArg},
	OpLoad:         {"LOAD", argSlot, noArg, noArg},
	OpLoadRef:      {"LOADREF", argSlot, argTarget, noArg},
	OpPropRef:      {"PROPREF", argString, argTarget, noArg},
	OpCallRef:      {"CALLREF", argCall, argTarget, noArg},
	OpIndexRef:     {"INDEXREF", noArg, argTarget, noArg},
	OpLoadRaw:      {"LOADRAW", argSlot, argTarget, noArg},
	OpPropRaw:      {"PROPRAW", argString, argTarget, noArg},
	OpCallRaw:      {"CALLRAW", argCall, argTarget, noArg},
	OpIndexRaw:     {"INDEXRAW", noArg, argTarget, noArg},
	OpLoadPropRef:  {"LOADPROP", argSlot, argTarget, argString},
	OpLoadPropRaw:  {"LOADPROPRAW", argSlot, argTarget, argString},
	OpLoadIndexRef: {"LOADINDEX", argSlot, argTarget, argConst},
	OpLoadIndexRaw: {"LOADINDEXRAW", argSlot, argTarget, argConst},
	OpPrintRef:     {"PRINTREF", argSlot, argTarget, noArg},
	OpPrintProp:    {"PRINTPROP", argSlot, argTarget, argString},
	OpPrintIndex:   {"PRINTINDEX", argSlot, argTarget, argConst},
	OpSetVar:       {"SETVAR", argSlot, noArg, noArg},
	OpSetProp:      {"SETPROP", argString, noArg, noArg},
	OpSetIndex:     {"SETINDEX", noArg, noArg, noArg},
	OpAdd:          {"ADD", noArg, noArg, noArg},
	OpSub:          {"SUB", noArg, noArg, noArg},
	OpMul:          {"MUL", noArg, noArg, noArg},
	OpDiv:          {"DIV", noArg, noArg, noArg},
	OpMod:          {"MOD", noArg, noArg, noArg},
	OpEq:           {"EQ", noArg, noArg, noArg},
	OpNe:           {"NE", noArg, noArg, noArg},
	OpLt:           {"LT", noArg, noArg, noArg},
	OpLe:           {"LE", noArg, noArg, noArg},
	OpGt:           {"GT", noArg, noArg, noArg},
	OpGe:           {"GE", noArg, noArg, noArg},
	OpTruthy:       {"TRUTHY", noArg, noArg, noArg},
	OpNot:          {"NOT", noArg, noArg, noArg},
	OpJump:         {"JUMP", argTarget, noArg, noArg},
	OpJumpFalse:    {"JUMPFALSE", argTarget, noArg, noArg},
	OpAndJump:      {"ANDJUMP", argTarget, noArg, noArg},
	OpOrJump:       {"ORJUMP", argTarget, noArg, noArg},
	OpStop:         {"STOP", noArg, noArg, noArg},
	OpList:         {"LIST", argCount, noArg, noArg},
	OpMap:          {"MAP", argCount, noArg, noArg},
	OpRange:        {"RANGE", noArg, noArg, noArg},
	OpInterp:       {"INTERP", argBlock, noArg, noArg},
	OpIterStart:    {"ITERSTART", argLoop, argRange, noArg},
	OpIterNext:     {"ITERNEXT", argLoop, argTarget, noArg},
	OpIterEnd:      {"ITEREND", argLoop, noArg, noArg},
	OpBreakLoop:    {"BREAKLOOP", argLoop, noArg, noArg},
	OpBreakBlock:   {"BREAKBLOCK", argBlock, noArg, noArg},
	OpBreakScope:   {"BREAKSCOPE", argString, noArg, noArg},
	OpDefine:       {"DEFINE", argSlot, argBlock, noArg},
	OpInclude:      {"INCLUDE", argString, noArg, noArg},
	OpFail:         {"FAIL", argString, noArg, noArg},
}

func (op Opcode) String() string {
	if op < numOpcodes && opInfo[op].name != "" {
		return opInfo[op].name
	}
	return fmt.Sprintf("OP(%d)", uint8(op))
}

// Instr is one instruction: an opcode and up to three operands.
type Instr struct {
	Op      Opcode
	A, B, C int32
}
