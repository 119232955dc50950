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
	for _, f := range devFileList(t, files) {
		src := readDevFile(t, f)
		tpl, perr := Parse(f, src)
		if perr != nil {
			fmt.Printf("ERROR %s\n", perr)
			continue
		}
		fmt.Println(ast.Dump(tpl))
	}
}

// devFileList is the list of files a development aid reads from its
// environment variable: newline-separated paths, or "@FILE" for a file
// holding them.
func devFileList(t *testing.T, files string) []string {
	t.Helper()
	if strings.HasPrefix(files, "@") {
		b, err := os.ReadFile(files[1:])
		if err != nil {
			t.Fatal(err)
		}
		files = string(b)
	}
	var list []string
	for _, f := range strings.Split(files, "\n") {
		if f != "" {
			list = append(list, f)
		}
	}
	return list
}

func readDevFile(t *testing.T, f string) []byte {
	t.Helper()
	src, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	return src
}
