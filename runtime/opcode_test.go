package runtime

import "testing"

// TestOpcodeTable requires every opcode to have a row in opInfo: adding an
// opcode means a constant, a table row and a VM case.
func TestOpcodeTable(t *testing.T) {
	for op := Opcode(0); op < numOpcodes; op++ {
		if opInfo[op].name == "" {
			t.Errorf("opcode %d has no opInfo row", op)
		}
	}
}
