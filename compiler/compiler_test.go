package compiler_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vtlc/vtlc/compiler"
)

var update = flag.Bool("update", false, "rewrite the golden disassembly files in testdata")

// TestDisassembly compiles each testdata/*.vtl and compares the program's
// disassembly with the .disasm file beside it. Run with -update after an
// intended change to the instruction set or to code generation, and review
// the diff.
func TestDisassembly(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.vtl"))
	if len(files) == 0 {
		t.Fatal("no testdata/*.vtl")
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".vtl"), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			prog, err := compiler.CompileFile(filepath.Base(f), src)
			if err != nil {
				t.Fatal(err)
			}
			got := prog.Disassemble()
			golden := strings.TrimSuffix(f, ".vtl") + ".disasm"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./compiler -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("disassembly mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCompileErrors: errors the compiler itself reports, one line each.
func TestCompileErrors(t *testing.T) {
	big := strings.Repeat("x", compiler.MaxTemplateSize+1)
	for _, tc := range []struct{ name, src, want string }{
		{"too large", big, "big.vtl:1:1: template is 307201 bytes; API Gateway refuses templates over 307200 bytes (300 KB)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := compiler.CompileFile("big.vtl", []byte(tc.src))
			if err == nil || err.Error() != tc.want {
				t.Fatalf("got %v, want %s", err, tc.want)
			}
		})
	}
}
