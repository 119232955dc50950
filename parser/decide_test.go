package parser

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

// TestDecide writes, for each file in $VTLC_DECIDE, whether Parse accepts
// it (a development aid for comparing with Velocity; skipped otherwise).
func TestDecide(t *testing.T) {
	files := os.Getenv("VTLC_DECIDE")
	if files == "" {
		t.Skip("VTLC_DECIDE not set")
	}
	out, err := os.Create(os.Getenv("VTLC_DECIDE_OUT"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	for _, f := range devFileList(t, files) {
		src := readDevFile(t, f)
		rec := map[string]any{"file": f}
		func() {
			defer func() {
				if r := recover(); r != nil {
					rec["panic"] = fmt.Sprint(r)
				}
			}()
			if _, perr := Parse(f, src); perr != nil {
				rec["error"] = perr.Error()
			}
		}()
		b, _ := json.Marshal(rec)
		fmt.Fprintln(out, string(b))
	}
}
