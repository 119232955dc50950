package parser

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// fastPathTemplates are all the templates of testdata: the .vtl files,
// the fuzz seeds, the templates of the .jsonl cases, and the fixtures'
// templates.
func fastPathTemplates(t *testing.T) map[string]string {
	out := map[string]string{}
	var files []string
	for _, g := range []string{"testdata/*.vtl", "testdata/seeds/*.vtl", "../fixtures/testdata/*/*/template.vtl", "../fixtures/testdata/*/*/*.vtl"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[f] = string(b)
	}
	for _, name := range []string{"decisions", "error_cases", "render_cases"} {
		n := 0
		readJSONL(t, "testdata/"+name+".jsonl", func(line []byte) {
			var c struct{ Template string }
			if err := json.Unmarshal(line, &c); err != nil {
				t.Fatal(err)
			}
			n++
			out[fmt.Sprintf("%s.jsonl:%d", name, n)] = c.Template
		})
	}
	return out
}

// parseBothWays parses src with the fast paths (cross-checking every
// construct they accept against participle) and without them, and
// reports any difference. It returns how many constructs the fast paths
// decided.
func parseBothWays(t *testing.T, name, src string) int {
	t.Helper()
	checked := 0
	fastPathCheck = func(fast, slow any, err error) {
		checked++
		if err != nil {
			t.Errorf("%s: the fast path accepted what participle rejects (%v)\nsource %q", name, err, src)
			return
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Errorf("%s: fast path tree differs from participle's\nsource %q\nfast %s\nslow %s", name, src, dumpG(fast), dumpG(slow))
		}
	}
	fastTpl, fastErr := Parse(name, []byte(src))
	fastPathCheck = nil
	fastPathOff = true
	slowTpl, slowErr := Parse(name, []byte(src))
	fastPathOff = false
	switch {
	case (fastErr == nil) != (slowErr == nil):
		t.Errorf("%s: fast path error %v, participle error %v\nsource %q", name, fastErr, slowErr, src)
	case fastErr != nil:
		if fastErr.Error() != slowErr.Error() {
			t.Errorf("%s: fast path error %q, participle error %q", name, fastErr, slowErr)
		}
	default:
		// DeepEqual compares everything, spans included (Dump does not
		// show spans).
		if !reflect.DeepEqual(fastTpl.Body, slowTpl.Body) {
			t.Errorf("%s: fast path AST differs\nsource %q", name, src)
		}
	}
	return checked
}

func dumpG(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestFastPathMatchesParticiple guarantees that the fast paths of
// fastpath.go build exactly participle's tree: over every template of
// testdata, each construct they decide is re-parsed with participle and
// the trees must be equal, and the whole parse (AST with spans, or error
// message) must be the same with the fast paths disabled.
func TestFastPathMatchesParticiple(t *testing.T) {
	total := 0
	templates := fastPathTemplates(t)
	for name, src := range templates {
		total += parseBothWays(t, name, src)
	}
	t.Logf("%d templates, %d constructs decided by the fast paths", len(templates), total)
	if total < 1000 {
		t.Errorf("only %d constructs went through the fast paths", total)
	}
}

// FuzzFastPath: the fast paths agree with participle on any input.
func FuzzFastPath(f *testing.F) {
	addTemplateSeeds(f)
	for _, s := range []string{"$a.b($c)[1]", "#if($a)x#elseif(!$b)y#else z#end", "#set($m = {'a': [1..3]})",
		"#foreach($i in $l)$foreach.count#end", "#if( !($a.b('x', 2) == 1.5) && ! $c[$d] )#end",
		"${a.b($c, true)[0].d} #foo($a, 'b' c 1)", "#set($a.b[1] = $c.d( $e ) + 2)\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		parseBothWays(t, "f.vtl", src)
	})
}
