package parser

import (
	"os"
	"testing"
)

func benchParse(b *testing.B, file string) {
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse(file, src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse parses a realistic 1.9 KB mapping template (the
// pass-through template of the bench suite).
func BenchmarkParse(b *testing.B) { benchParse(b, "testdata/bench_passthrough.vtl") }

// BenchmarkParseReferences parses a 1.9 KB template of 30 references.
func BenchmarkParseReferences(b *testing.B) { benchParse(b, "testdata/bench_employee.vtl") }

func BenchmarkLex(b *testing.B) {
	src, err := os.ReadFile("testdata/bench_passthrough.vtl")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		toks, err := lex(string(src))
		if err != nil {
			b.Fatal(err)
		}
		classify(toks)
	}
}
