package parser

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

// TestLexDump prints the tokens of the files in $VTLC_LEXDUMP as JSON lines
// (kind, image, special, line, col), for comparison with Velocity's own
// token manager during development. It does nothing otherwise.
func TestLexDump(t *testing.T) {
	files := os.Getenv("VTLC_LEXDUMP")
	if files == "" {
		t.Skip("VTLC_LEXDUMP not set")
	}
	out, err := os.Create(os.Getenv("VTLC_LEXDUMP_OUT"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	for _, f := range devFileList(t, files) {
		src := readDevFile(t, f)
		toks, lerr := lex(string(src))
		rec := map[string]any{"file": f}
		if lerr != nil {
			rec["error"] = lerr.Error()
		}
		var arr [][]any
		for _, tk := range toks {
			arr = append(arr, []any{int(tk.kind), tk.image, tk.special, tk.line, tk.col})
		}
		rec["tokens"] = arr
		b, _ := json.Marshal(rec)
		fmt.Fprintln(out, string(b))
	}
}
