package runtime_test

import (
	"os"
	"strings"
	"testing"

	"github.com/vtlc/vtlc/compiler"
	"github.com/vtlc/vtlc/runtime"
)

func mustCompile(tb testing.TB, src string) *runtime.Program {
	tb.Helper()
	p, err := compiler.CompileFile("bench.vtl", []byte(src))
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// benchRender renders p repeatedly into a reused buffer: what the VM itself
// costs, without API Gateway's objects.
func benchRender(b *testing.B, p *runtime.Program, globals []runtime.Global) {
	b.Helper()
	buf, _, err := p.Render(nil, globals, runtime.Limits{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		buf, _, err = p.Render(buf[:0], globals, runtime.Limits{})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStaticText: 10 KB of text with a few references is a copy
// (target: under 1 µs, 0 allocs beyond the output buffer).
func BenchmarkStaticText(b *testing.B) {
	src, err := os.ReadFile("../fixtures/testdata/bench/static-10k/template.vtl")
	if err != nil {
		b.Skip(err)
	}
	benchRender(b, mustCompile(b, string(src)), nil)
}

// BenchmarkScalarRefs: printing scalar references allocates nothing.
func BenchmarkScalarRefs(b *testing.B) {
	p := mustCompile(b, `$s $i $d $b $s $i $d $b $s $i`)
	benchRender(b, p, []runtime.Global{
		{Name: "s", Value: runtime.String("text")}, {Name: "i", Value: runtime.Int(42)},
		{Name: "d", Value: runtime.Double(2.5)}, {Name: "b", Value: runtime.Bool(true)},
	})
}

// BenchmarkLoop: a #foreach over a list built in the template. Each
// iteration evaluates 3 references and 2 directives (#foreach step, #if);
// divide ns/op by 500 for the per-reference-or-directive cost (target < 40 ns).
func BenchmarkLoop(b *testing.B) {
	p := mustCompile(b, `#set($l = [1..100])#foreach($i in $l)$i#if($foreach.hasNext),#end$velocityCount#end`)
	benchRender(b, p, nil)
}

// BenchmarkPropertyChain: map property reads and a method call in a loop.
func BenchmarkPropertyChain(b *testing.B) {
	p := mustCompile(b, `#set($m = {"name": "Rex", "tags": ["a", "b"]})`+
		strings.Repeat(`$m.name $m.tags.size() $m.tags[0] `, 50))
	benchRender(b, p, nil)
}

// BenchmarkLiteralIndex: 100 rows read by literal index ($r[0], $m["k"]),
// as SQL-style results are (bench/response-1000): each read is one
// LOADINDEX instruction.
func BenchmarkLiteralIndex(b *testing.B) {
	rows := make([]runtime.Value, 100)
	for i := range rows {
		m := runtime.NewMap(1)
		m.PutString("k", runtime.String("v"))
		rows[i] = runtime.ListValue(runtime.NewList([]runtime.Value{
			runtime.String("id"), runtime.Int(int32(i)), runtime.Bool(i%2 == 0), runtime.MapValue(m),
		}))
	}
	p := mustCompile(b, `#foreach($r in $rows)$r[0] $r[1] #if($r[2])$r[3]["k"]#end#end`)
	benchRender(b, p, []runtime.Global{{Name: "rows", Value: runtime.ListValue(runtime.NewList(rows))}})
}
