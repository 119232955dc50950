package runtime_test

import (
	"fmt"
	goruntime "runtime"
	"strings"
	"sync"
	"testing"

	"github.com/vtlc/vtlc/runtime"
)

// TestConcurrentRenders renders one Program from many goroutines at once:
// a compiled program is immutable and VM state is per render (run with
// -race to check).
func TestConcurrentRenders(t *testing.T) {
	p := mustCompile(t, `#set($m = {})#foreach($i in [1..50])#set($m[$i] = "${n}-$i")#end$m.size() $m[50] #define($d)$n#end$d`)
	want := func(n int) string { return fmt.Sprintf("50 %d-50 %d", n, n) }
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				out, _, err := p.Render(nil, []runtime.Global{{Name: "n", Value: runtime.Int(int32(g))}}, runtime.Limits{})
				if err != nil {
					errs <- err
					return
				}
				if string(out) != want(g) {
					errs <- fmt.Errorf("goroutine %d: got %q, want %q", g, out, want(g))
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestLimits: the budgets stop runaway templates with an error naming the
// budget; the iteration quota stops a loop with a warning.
func TestLimits(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		lim       runtime.Limits
		want      string
	}{
		{"steps", `#foreach($i in [1..100])#foreach($j in [1..100])x#end#end`, runtime.Limits{MaxSteps: 500},
			"bench.vtl:1:25: step budget of 500 exhausted (a runaway loop or #define recursion?)"},
		{"output", `#foreach($i in [1..100])xxxxxxxxxx#end`, runtime.Limits{MaxOutput: 100},
			"bench.vtl:1:1: output budget of 100 bytes exhausted"},
		// Each of these would take gigabytes within a few dozen steps.
		{"alloc-interp", `#set($a = "xxxxxxxxxx")#foreach($i in [1..40])#set($a = "$a$a")#end`, runtime.Limits{MaxAlloc: 1 << 20},
			"bench.vtl:1:57: allocation budget of 1048576 bytes exhausted (a string or list growing in a loop?)"},
		{"alloc-concat", `#set($a = "xxxxxxxxxx")#foreach($i in [1..40])#set($a = $a + $a)#end`, runtime.Limits{MaxAlloc: 1 << 20},
			"bench.vtl:1:57: allocation budget of 1048576 bytes exhausted (a string or list growing in a loop?)"},
		{"alloc-method", `#set($a = "xxxxxxxxxx")#foreach($i in [1..40])#set($a = $a.concat($a))#end`, runtime.Limits{MaxAlloc: 1 << 20},
			"bench.vtl:1:60: allocation budget of 1048576 bytes exhausted (a string or list growing in a loop?)"},
		{"alloc-addall", `#set($l = [1, 2])#foreach($i in [1..40])#set($x = $l.addAll($l))#end`, runtime.Limits{MaxAlloc: 1 << 20},
			"bench.vtl:1:54: allocation budget of 1048576 bytes exhausted (a string or list growing in a loop?)"},
		// Refused before it is made: 1 GB in one call.
		{"alloc-repeat", `#set($a = "0123456789")#set($b = $a.repeat(100000000))`, runtime.Limits{},
			"bench.vtl:1:37: allocation budget of 104857600 bytes exhausted (a string or list growing in a loop?)"},
		{"alloc-format", `#set($a = "x")#set($b = $a.format("%999999999s", 1))`, runtime.Limits{},
			"bench.vtl:1:28: allocation budget of 104857600 bytes exhausted (a string or list growing in a loop?)"},
		{"alloc-formatted", `#set($a = "%.999999999f")#set($b = $a.formatted(1.5))`, runtime.Limits{},
			"bench.vtl:1:39: allocation budget of 104857600 bytes exhausted (a string or list growing in a loop?)"},
		{"alloc-range", `#set($r = [1..100000000])`, runtime.Limits{},
			"bench.vtl:1:11: allocation budget exhausted: range [1..100000000] is too large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := mustCompile(t, tc.src).Render(nil, nil, tc.lim)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("got error %v, want %s", err, tc.want)
			}
		})
	}
	_, warnings, err := mustCompile(t, `#foreach($i in [1..1005])#end`).Render(nil, nil, runtime.Limits{})
	if err != nil || len(warnings) != 1 || warnings[0].String() != "bench.vtl:1:1: warning: #foreach stopped after 1000 iterations (API Gateway's limit); 5 items were not visited" {
		t.Fatalf("got %v %v, want one iteration-limit warning", warnings, err)
	}
}

// shouter is a host object whose shout(s) is s in capitals, with an
// Appender that records being used; shout("boom") fails.
type shouter struct{ appended, called int }

func (*shouter) ClassName() string                        { return "Shouter" }
func (*shouter) String() string                           { return "shouter" }
func (*shouter) GetProperty(string) (runtime.Value, bool) { return runtime.Null, false }
func (s *shouter) shout(args []runtime.Value) (string, bool, error) {
	if len(args) != 1 || args[0].Kind() != runtime.KString {
		return "", false, nil
	}
	if args[0].AsString() == "boom" {
		return "", true, &runtime.JavaError{Class: "java.lang.IllegalStateException", Message: "boom"}
	}
	return strings.ToUpper(args[0].AsString()), true, nil
}
func (s *shouter) CallMethod(name string, args []runtime.Value) (runtime.Value, bool, error) {
	s.called++
	if name != "shout" {
		return runtime.Null, false, nil
	}
	v, ok, err := s.shout(args)
	return runtime.String(v), ok, err
}
func (s *shouter) AppendCall(dst []byte, name string, args []runtime.Value) ([]byte, bool, error) {
	if name != "shout" || len(args) != 1 || args[0].AsString() == "decline" {
		return dst, false, nil
	}
	v, ok, err := s.shout(args)
	if ok {
		s.appended++
	}
	return append(dst, v...), ok, err
}

// TestAppenderCalls: a call whose result is printed at once goes to the
// host object's AppendCall, anything else (a #set, a method on the result,
// an argument) to CallMethod; both print the same, and a declined or
// failing AppendCall behaves as the call would.
func TestAppenderCalls(t *testing.T) {
	for _, tc := range []struct {
		src, want        string
		appended, called int
	}{
		{`<$o.shout("hi")>`, `<HI>`, 1, 0},
		{`#foreach($w in ["a", "b"])$o.shout($w)#end`, `AB`, 2, 0},
		{`#set($x = $o.shout("hi"))$x`, `HI`, 0, 1},
		{`$o.shout("hi").length()`, `2`, 0, 1},
		{`$o.shout($o.shout("in"))`, `IN`, 1, 1},
		{`"$o.shout('q')"`, `"Q"`, 1, 0},
		{`$o.shout("decline")`, `DECLINE`, 0, 1},
		{`[$o.shout(1)] [$o.other("x")]`, `[] []`, 0, 2},
		{`$!o.shout("quiet")`, `QUIET`, 1, 0},
		{`#set($x = "<$o.shout('in')>")$x $x.length()`, `<IN> 4`, 1, 0},
		{`#define($d)$o.shout("d")#end$d$d`, `DD`, 2, 0},
	} {
		o := &shouter{}
		out, _, err := mustCompile(t, tc.src).Render(nil, []runtime.Global{{Name: "o", Value: runtime.ObjectValue(o)}}, runtime.Limits{})
		if err != nil || string(out) != tc.want || o.appended != tc.appended || o.called != tc.called {
			t.Errorf("%s: got %q (%v), %d appended, %d called; want %q, %d, %d", tc.src, out, err, o.appended, o.called, tc.want, tc.appended, tc.called)
		}
	}
	// What AppendCall writes counts against the allocation budget as the
	// result string would have (the reviewer's repro: base64 of 46 bytes
	// under --max-alloc 16).
	for _, src := range []string{`$o.shout("aaaaaaaaaaaaaaaaaaaaaaaa")`, `#set($x = $o.shout("aaaaaaaaaaaaaaaaaaaaaaaa"))`} {
		o := &shouter{}
		_, _, err := mustCompile(t, src).Render(nil, []runtime.Global{{Name: "o", Value: runtime.ObjectValue(o)}}, runtime.Limits{MaxAlloc: 16})
		if want := "bench.vtl:1:"; err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "allocation budget of 16 bytes exhausted") {
			t.Errorf("%s under a 16-byte allocation budget: got %v", src, err)
		}
	}
	// A failing call is the same error at the same position either way.
	for _, src := range []string{`ok $o.shout("boom")`, `ok $o.shout("boom").length()`} {
		_, _, err := mustCompile(t, src).Render(nil, []runtime.Global{{Name: "o", Value: runtime.ObjectValue(&shouter{})}}, runtime.Limits{})
		if want := "bench.vtl:1:7: java.lang.IllegalStateException: boom"; err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %s", src, err, want)
		}
	}
}

// TestDefineOutlivingItsRender: a #define block stored into a map the
// caller keeps renders as "" afterwards, even once its pooled VM runs
// another program (it used to run that program's code: index out of range).
func TestDefineOutlivingItsRender(t *testing.T) {
	kept := runtime.MapValue(runtime.NewMap(1))
	globals := []runtime.Global{{Name: "m", Value: kept}}
	if _, _, err := mustCompile(t, `#define($d)HELLO#end$m.put("d", $d)`).Render(nil, globals, runtime.Limits{}); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{`[$m.d]`, `#foreach($i in [1..3])$i#end[$m.d]`, `[$m.get("d").toString()]`} {
		out, _, err := mustCompile(t, src).Render(nil, globals, runtime.Limits{})
		if err != nil || !strings.HasSuffix(string(out), "[]") {
			t.Errorf("%s: got %q, %v; want the block to print as \"\"", src, out, err)
		}
	}
}

// TestRepeatRefusedBeforeAllocating pins that the budget stops
// $s.repeat(n) before the gigabyte is made, not after (bytesAhead).
func TestRepeatRefusedBeforeAllocating(t *testing.T) {
	prog := mustCompile(t, `#set($a = "0123456789")#set($b = $a.repeat(100000000))`)
	var before, after goruntime.MemStats
	goruntime.ReadMemStats(&before)
	if _, _, err := prog.Render(nil, nil, runtime.Limits{}); err == nil {
		t.Fatal("rendered")
	}
	goruntime.ReadMemStats(&after)
	if made := after.TotalAlloc - before.TotalAlloc; made > 50<<20 {
		t.Fatalf("allocated %d bytes before failing", made)
	}
}

// TestIndexErrorPositions: an index that throws is reported at its "[",
// whether the compiler fused the load and a literal index into one
// LOADINDEX or left LOADREF, the index's value and INDEXREF apart.
func TestIndexErrorPositions(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`#set($l = [1])$l[5]`, "bench.vtl:1:17: java.lang.IndexOutOfBoundsException: Index 5 out of bounds for length 1"},
		{`#set($l = [1])$l[$n]`, "bench.vtl:1:17: java.lang.IndexOutOfBoundsException: Index 5 out of bounds for length 1"},
		{`#set($l = [1])x $l[-3]`, "bench.vtl:1:19: java.lang.IndexOutOfBoundsException: Index -2 out of bounds for length 1"},
		{`#set($l = [[1]])$l[0][2]`, "bench.vtl:1:22: java.lang.IndexOutOfBoundsException: Index 2 out of bounds for length 1"},
		{`#set($l = [1])#set($l[3].x = 1)`, "bench.vtl:1:22: java.lang.IndexOutOfBoundsException: Index 3 out of bounds for length 1"},
	} {
		_, _, err := mustCompile(t, tc.src).Render(nil, []runtime.Global{{Name: "n", Value: runtime.Int(5)}}, runtime.Limits{})
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: got %v, want %s", tc.src, err, tc.want)
		}
	}
}
