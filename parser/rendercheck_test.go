package parser

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

// TestRenderCheck renders with miniRender the templates listed in the JSON
// lines file $VTLC_RENDER ({"file":…, "expected":…}) and reports the
// outputs that differ (a development aid; skipped otherwise).
func TestRenderCheck(t *testing.T) {
	list := os.Getenv("VTLC_RENDER")
	if list == "" {
		t.Skip("VTLC_RENDER not set")
	}
	f, err := os.Open(list)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	same, diff, skipped := 0, 0, 0
	for sc.Scan() {
		var rec struct{ File, Expected string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		src, err := os.ReadFile(rec.File)
		if err != nil {
			t.Fatal(err)
		}
		tpl, perr := Parse(rec.File, src)
		if perr != nil {
			t.Errorf("%s: %v", rec.File, perr)
			continue
		}
		got, rerr := miniRender(tpl)
		if rerr != nil {
			skipped++
			continue
		}
		if got != rec.Expected {
			diff++
			if diff <= 10 {
				t.Errorf("%s:\nsrc  %q\ngot  %q\nwant %q", rec.File, src, got, rec.Expected)
			}
			continue
		}
		same++
	}
	t.Logf("same %d, different %d, unsupported %d", same, diff, skipped)
}
