package parser

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/vtlc/vtlc/parser/ast"
)

// TestDebugDump prints the AST (or the error) of the files in $VTLC_DUMP;
// a development aid that does nothing otherwise.
func TestDebugDump(t *testing.T) {
	files := os.Getenv("VTLC_DUMP")
	if files == "" {
		t.Skip("VTLC_DUMP not set")
	}
	if strings.HasPrefix(files, "@") {
		b, err := os.ReadFile(files[1:])
		if err != nil {
			t.Fatal(err)
		}
		files = string(b)
	}
	for _, f := range strings.Split(files, "\n") {
		if f == "" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tpl, perr := Parse(f, src)
		if perr != nil {
			fmt.Printf("ERROR %s\n", perr)
			continue
		}
		fmt.Println(ast.Dump(tpl))
	}
}
