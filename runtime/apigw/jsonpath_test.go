package apigw

import (
	"fmt"
	"math"
	"strconv"
	"sync"
	"testing"

	"github.com/vtlc/vtlc/runtime"
)

// TestReadSimpleMatchesEvaluate: the allocation-free walk of simple paths
// gives exactly what Jayway's general evaluator gives, on every shape a
// simple path can meet (missing names, nulls, scalars, out-of-range and
// negative indexes, indexes on objects).
func TestReadSimpleMatchesEvaluate(t *testing.T) {
	docs := []string{
		`{"a": {"b": [1, {"c": "x"}, null], "n": null, "s": "str"}, "l": [[0, 1], [2]], "e": {}, "z": []}`,
		`[{"a": 1}, [2, 3], "x", null]`,
		`"just a string"`,
		`42`,
	}
	paths := []string{"$", "$.a", "$.a.b", "$.a.b[0]", "$.a.b[1].c", "$.a.b[2]", "$.a.b[2].c", "$.a.b[3]",
		"$.a.b[-1]", "$.a.b[-3]", "$.a.b[-4]", "$.a.n", "$.a.n.x", "$.a.n[0]", "$.a.s", "$.a.s.x", "$.a.s[0]",
		"$.a[0]", "$.l[0][1]", "$.l[1][1]", "$.e.x", "$.z[0]", "$['a']['b'][1]", "$[0]", "$[0].a", "$[1][1]",
		"$[-1]", "$[4]", "$.x", "$.x.y", "a.b", "$.a.b[0].c", "$.a.b[(@.length-1)]", "$.a.b[(@.length-4)]",
		"$.a.b[(@.size()-3)].x", "$[(@.length-2)][0]", "$.a.s[(@.length-1)]"}
	for _, d := range docs {
		doc, err := parseJSON(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, ps := range paths {
			p, err := compileJayway(ps)
			if err != nil {
				t.Fatal(err)
			}
			if !p.simple {
				t.Fatalf("%s: not simple", ps)
			}
			wantV, wantOK, wantErr := p.evaluate(doc, doc, false)
			gotV, gotOK, gotErr := p.read(doc)
			want := describeRead(wantV, wantOK, wantErr)
			if got := describeRead(gotV, gotOK, gotErr); got != want {
				t.Errorf("%s on %s: read gives %s, evaluate %s", ps, d, got, want)
			}
		}
	}
	for _, ps := range []string{"$.a[*]", "$..a", "$.a[0,1]", "$.a[1:]", "$['a','b']", "$.a[?(@.b)]", "@.a"} {
		if p, err := compileJayway(ps); err != nil || p.simple {
			t.Errorf("%s: simple=%v err=%v, want a general path", ps, p != nil && p.simple, err)
		}
	}
}

func describeRead(v runtime.Value, ok bool, err error) string {
	if err != nil {
		return "error " + err.Error()
	}
	if !ok {
		return "not found"
	}
	return runtime.ClassName(v) + " " + string(runtime.AppendJSON(nil, v))
}

// TestValidJavaFloat: the number tokens json-smart hands Double.parseDouble,
// and whether Java accepts them.
func TestValidJavaFloat(t *testing.T) {
	for s, want := range map[string]bool{
		"1.5": true, "-.5": true, "1.": true, "1.e5": true, "1E5": true, "1e+5": true, "1e-5": true, "-0.0": true,
		"-": false, "-.": false, ".": false, "1e": false, "1e+": false, "1E-": false, "-e5": false, "-.e5": false,
	} {
		if got := validJavaFloat(s); got != want {
			t.Errorf("validJavaFloat(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestShortDecimal: the fast path gives exactly strconv.ParseFloat's value
// (Double.parseDouble's) wherever it applies, and declines the rest.
func TestShortDecimal(t *testing.T) {
	for _, s := range []string{"0.1", "299.98", "-0.0", "-.5", "1.", "123456789012345", "0.00000000000001",
		"900719925474.991", "2.675", "1.005", "-9999999.999", "0.30000000000000004"[:15], "7"} {
		f, ok := shortDecimal(s)
		want, err := strconv.ParseFloat(s, 64)
		if !ok || err != nil || math.Float64bits(f) != math.Float64bits(want) {
			t.Errorf("shortDecimal(%q) = %v, %v; ParseFloat gives %v, %v", s, f, ok, want, err)
		}
	}
	for _, s := range []string{"-", "-.", "1e5", "1234567890123456", "0.000000000000001", "1.2.3", "0x1"} {
		if _, ok := shortDecimal(s); ok {
			t.Errorf("shortDecimal(%q) took it", s)
		}
	}
}

// TestPathCache: paths compiled from several goroutines are cached once
// each (the same compiled path comes back), up to maxCachedPaths; past it
// paths still compile. Run under -race in CI's go test.
func TestPathCache(t *testing.T) {
	// Start empty and leave the cache as it was: other tests look into it.
	c := &pathCache
	c.mu.Lock()
	saved, savedPending, savedSize := c.snapshot.Load(), c.pending, c.size
	c.snapshot.Store(nil)
	c.pending, c.size = nil, 0
	c.mu.Unlock()
	t.Cleanup(func() {
		c.mu.Lock()
		c.snapshot.Store(saved)
		c.pending, c.size = savedPending, savedSize
		c.mu.Unlock()
	})
	const n = maxCachedPaths + 500
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range n {
				if p, err := compilePath(fmt.Sprintf("$.cache%d.x", i)); p == nil || err != nil {
					t.Errorf("path %d: %v", i, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	first, _ := compilePath("$.cache1.x")
	if again, _ := compilePath("$.cache1.x"); again != first {
		t.Error("a cached path compiled twice")
	}
	c.mu.Lock()
	size, pending := c.size, len(c.pending)
	snapshot := len(*c.snapshot.Load())
	c.mu.Unlock()
	if size != maxCachedPaths || snapshot+pending != size {
		t.Errorf("size %d, snapshot %d + pending %d; want %d in all", size, snapshot, pending, maxCachedPaths)
	}
	if _, err := compilePath("$.["); err == nil {
		t.Error("a bad path past the cache's size compiled")
	}
}
