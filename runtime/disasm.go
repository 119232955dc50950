package runtime

import (
	"fmt"
	"strconv"
	"strings"
)

// Disassemble lists the program one instruction a line:
// "index  line:col  OPCODE  operands", for `vtlc disasm` and compiler tests.
func (p *Program) Disassemble() string {
	var b strings.Builder
	blockAt := map[int32]int{}
	for i, blk := range p.Blocks {
		blockAt[blk.Start] = i
	}
	for pc, in := range p.Code {
		if i, ok := blockAt[int32(pc)]; ok {
			fmt.Fprintf(&b, "block %d:\n", i)
		}
		pos := p.File.Position(p.Pos[pc])
		fmt.Fprintf(&b, "%4d  %4d:%-3d  %-9s", pc, pos.Line, pos.Column, in.Op)
		info := opInfo[in.Op]
		for k, kind := range []operand{info.a, info.b, info.c} {
			arg := [3]int32{in.A, in.B, in.C}[k]
			if s := p.operandString(kind, arg); s != "" {
				b.WriteString(" " + s)
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func (p *Program) operandString(kind operand, arg int32) string {
	switch kind {
	case argString:
		return strconv.Quote(p.Strings[arg])
	case argConst:
		v := p.Consts[arg]
		if v.Kind() == KString {
			return strconv.Quote(v.AsString())
		}
		return ToText(v)
	case argSlot:
		return "$" + p.Names[arg]
	case argCall:
		c := p.Calls[arg]
		return fmt.Sprintf(".%s/%d", c.Name, c.Argc)
	case argTarget:
		return "→" + strconv.Itoa(int(arg))
	case argCount:
		return strconv.Itoa(int(arg))
	case argBlock:
		return "block " + strconv.Itoa(int(arg))
	case argRange:
		if arg != 0 {
			return "range"
		}
		return ""
	case argLoop:
		return "loop " + strconv.Itoa(int(arg)) + " $" + p.Names[p.Loops[arg].Var]
	}
	return ""
}
