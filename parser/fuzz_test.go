package parser

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vtlc/vtlc/parser/ast"
	"github.com/vtlc/vtlc/parser/source"
)

// FuzzParse: Parse never panics, reports errors inside the file, and a
// tree that parses prints (ast.Print) to source that parses to the same
// tree (ast.Dump).
func FuzzParse(f *testing.F) {
	addTemplateSeeds(f)
	for _, s := range []string{"$a.b($c)[1]", "#if($a)x#elseif(!$b)y#else z#end", "#set($m = {'a': [1..3]})",
		"#foreach($i in $l)$foreach.count#end", `\#if \\$a $!{b} #[[x]]# #* c *#`, `"$a" 'b' #foo(1)`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		tpl, err := Parse("f.vtl", []byte(src))
		if err != nil {
			var se *source.Error
			if !errors.As(err, &se) {
				t.Fatalf("error is %T, not *source.Error: %v", err, err)
			}
			if se.Pos.Offset < 0 || se.Pos.Offset > len(src) || se.Pos.Line < 1 {
				t.Fatalf("error position %+v outside the file (%d bytes)", se.Pos, len(src))
			}
			return
		}
		checkSpans(t, tpl, len(src))
		if !printable(tpl) {
			return
		}
		printed := ast.Print(tpl)
		tpl2, err := Parse("printed.vtl", []byte(printed))
		if err != nil {
			t.Fatalf("printed form does not parse: %v\nsource  %q\nprinted %q", err, src, printed)
		}
		if d1, d2 := ast.Dump(tpl), ast.Dump(tpl2); d1 != d2 {
			t.Fatalf("printed form parses differently\nsource  %q\nprinted %q\n%s\n---\n%s", src, printed, d1, d2)
		}
	})
}

// addTemplateSeeds adds the parser's seed templates to a fuzz target.
func addTemplateSeeds(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/seeds/*.vtl")
	seeds = append(seeds, "testdata/bench_passthrough.vtl", "testdata/bench_employee.vtl")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
}

// printable excludes the few trees whose canonical print cannot be
// reparsed to the same Dump: names that are not identifiers (from
// `#foreach(1 in …)`, `#define(${x})`, `$\!x`), macro parameters that are
// not references, block macro calls, and references whose text holds
// Velocity's special text.
func printable(tpl *ast.Template) bool {
	ok := true
	ident := func(s string) bool {
		if s == "" {
			return false
		}
		for i, c := range s {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && (c >= '0' && c <= '9' || c == '-')) {
				return false
			}
		}
		return true
	}
	// After a reference Print's #[[…]]# text keeps Velocity in the
	// reference's lexical state, where "##" does not start a comment.
	lists := [][]ast.Stmt{tpl.Body}
	ast.Inspect(tpl, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Clause:
			lists = append(lists, n.Body)
		case *ast.If:
			lists = append(lists, n.Else)
		case *ast.Foreach:
			lists = append(lists, n.Body)
		case *ast.Define:
			lists = append(lists, n.Body)
		case *ast.Macro:
			lists = append(lists, n.Body)
		case *ast.InterpString:
			lists = append(lists, n.Parts)
		}
		return true
	})
	// A comment's rendered prefix can lie inside its source ("#* $##*#").
	for _, l := range lists {
		afterRef := false
		for i, s := range l {
			if c, ok := s.(*ast.Comment); ok && i > 0 && l[i-1].End() > c.Pos() {
				return false
			}
			// A "#$a" reference followed at once by "#" (which is how Print
			// starts every other node) leaves Velocity's lexer unable to
			// read a later "#set(": "#$A#if(true)#set($A = 0)#end" is a
			// syntax error in the oracle and in vtlc (seed 6c51a45033ea2093).
			if o, ok := s.(*ast.Output); ok && o.MorePrefix != "" && i+1 < len(l) {
				if _, next := l[i+1].(*ast.Output); !next {
					return false
				}
			}
			switch s := s.(type) {
			case *ast.Output:
				afterRef = !s.Ref.Formal
			case *ast.Text:
				// Text that is not its own source ("$!.A0" reads as ".A0")
				// comes out of a lexical state Print does not recreate
				// (seed ceb88ecfd9fcb3be).
				start, end := s.Pos().Offset(), s.End().Offset()
				if start >= 0 && end <= len(tpl.File.Src) && start <= end && tpl.File.Src[start:end] != s.Value &&
					strings.Contains(tpl.File.Src[start:end], "$!") {
					afterRef = true
				}
			case *ast.Literal:
				// Still the reference's state: "$A.A(#A###" parses, but
				// not as printed, "$A.A#[[(]]##A###" (seed 2ed197a40fa45dac).
			case *ast.Comment:
				if afterRef && strings.HasPrefix(s.Text, "##") {
					return false
				}
				afterRef = false
			default:
				afterRef = false
			}
		}
	}
	ast.Inspect(tpl, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Foreach:
			ok = ok && ident(n.Var) && n.ArgCount == 3
		case *ast.Define:
			ok = ok && ident(n.Name)
		case *ast.Macro:
			for _, p := range n.Params {
				ok = ok && ident(p)
			}
		case *ast.Ref:
			// A literal holding "#" kept special text ("$a.b#()"), which
			// reads differently where Print puts it.
			ok = ok && !n.Runt && ident(n.Name) && !strings.Contains(n.Literal, "#")
		case *ast.Literal:
			// A block macro call prints as its text, which omits what
			// Velocity leaves out of token images ("#@m()0# #end").
			ok = ok && n.Body == nil && len(n.Value) > 1 && n.Value[0] == '#' && strings.IndexByte("#$", n.Value[1]) < 0
		case *ast.Comment:
			ok = ok && !strings.Contains(n.Text, "\r")
		}
		return ok
	})
	return ok
}

// checkSpans verifies that every node's span lies inside the file.
func checkSpans(t *testing.T, tpl *ast.Template, size int) {
	t.Helper()
	ast.Inspect(tpl, func(n ast.Node) bool {
		if _, ok := n.(*ast.Template); ok {
			return true
		}
		s, e := n.Pos(), n.End()
		if !s.IsValid() || !e.IsValid() || s.Offset() > size || e.Offset() > size || e < s {
			t.Fatalf("%T has span [%d,%d) outside the file (%d bytes)", n, s.Offset(), e.Offset(), size)
		}
		return true
	})
}
