package parser

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/vtlc/vtlc/parser/ast"
	"github.com/vtlc/vtlc/parser/source"
)

func dumpOf(t *testing.T, src string) string {
	t.Helper()
	tpl, err := Parse("t.vtl", []byte(src))
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return ast.Dump(tpl)
}

func TestParseTrees(t *testing.T) {
	tests := []struct{ src, want string }{
		{"Hello $name!", `(template
  (text "Hello ")
  (output (ref name) lit="$name")
  (text "!"))`},
		{"$!a ${b} $!{c.d} \\$e \\\\$f #$g", `(template
  (output (ref a) quiet lit="$!a")
  (text " ")
  (output (ref b) lit="${b}")
  (text " ")
  (output (ref c .d) quiet lit="$!{c.d}")
  (text " ")
  (output (ref e) escaped lit="$e")
  (text " ")
  (output (ref f) esc="\\" lit="$f")
  (text " ")
  (output (ref g) more="#" lit="$g"))`},
		{"$a.b( 'x', 2 )[0].c-d", `(template
  (output (ref a .b("x" 2) [0] .c-d) lit="$a.b( 'x', 2 )[0].c-d"))`},
		// a "." not followed by a letter, or "$" followed by no name, is text
		{"$a. $1 $ x$.y", `(template
  (output (ref a) lit="$a")
  (text ". $1 $ x$.y"))`},
		{"#if($a == 1 && !$b || $c < 2)x#elseif($d)y#else z#end", `(template
  (if
    (clause (|| (&& (== (ref a) 1) (! (ref b))) (< (ref c) 2))
      (text "x"))
    (clause (ref d)
      (text "y"))
    (else
      (text " z"))))`},
		{"#if($a eq 'x' and not $b)#end", `(template
  (if
    (clause (&& (== (ref a) "x") (! (ref b))))))`},
		{"#set($a = 1 + 2 * (3 - $b) % 4)", `(template
  (set (ref a) (+ 1 (% (* 2 (paren (- 3 (ref b)))) 4))))`},
		{"#set($m = {'k': [1, 2.5, true], \"x\": [1..$n]})", `(template
  (set (ref m) (map "k":(list 1 (float 2.5) true) "x":(range 1 (ref n)))))`},
		{`#set($s = "a $b c")#set($t = "it''s")#set($u = 'it''s')#set($v = "\u0041""")`, `(template
  (set (ref s) (interp (text "a ") (output (ref b) lit="$b") (text " c")))
  (set (ref t) "it''s")
  (set (ref u) "it's")
  (set (ref v) "A\""))`},
		{`#set($s = "x## c")`, `(template
  (set (ref s) (interp (text "x") (comment "## c"))))`},
		{"#foreach($i in [1..3])$i#end", `(template
  (foreach $i (range 1 3)
    (output (ref i) lit="$i")))`},
		{"#foreach($i)x#end#break#stop#break()", `(template
  (foreach $i <missing> args=1
    (text "x"))
  (break)
  (stop)
  (break))`},
		{"#macro(m $a $b)body#end#m(1 'x')\n#@blk()b #end#evaluate('x')#nope", `(template
  (macro m a b
    (text "body"))
  (literal "m" "#m(1 'x')\n")
  (literal "@blk" "#@blk()b #end"
    (text "b "))
  (literal "evaluate" "#evaluate('x')")
  (literal "nope" "#nope"))`},
		{"#define($d)x$y#end#include('a')#parse($p)", `(template
  (define "d"
    (text "x")
    (output (ref y) lit="$y"))
  (include include "a")
  (include parse (ref p)))`},
		{"a## c\nb#* d *#e#** f *#g#[[ $raw #if ]]#h", `(template
  (text "a")
  (comment "## c\n")
  (text "b")
  (comment "#* d *#")
  (text "e")
  (comment "#** f *#")
  (text "g $raw #if h"))`},
		// escapes of directives: only known directives lose a backslash
		{`\#if \#foo \\#foreach($i in [1])x#end \\\#end`, `(template
  (text "#if \\#foo \\")
  (foreach $i (list 1)
    (text "x"))
  (text " \\#end"))`},
		{"#literal()$a #set#end", `(template
  (text "$a #set"))`},
		{"$m.put('k', x)", `(template
  (output (ref m .put("k" (runt x))) lit="$m.put('k', x)"))`},
	}
	for _, tt := range tests {
		if got := dumpOf(t, tt.src); got != tt.want {
			t.Errorf("Parse(%q):\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

// TestGobbling pins what Velocity 1.7's token manager eats around
// directives. The template is flattened: text as it renders, "$" for a
// reference, "|" for any other statement, a macro call's text as is.
func TestGobbling(t *testing.T) {
	tests := []struct{ src, want string }{
		// #set eats blanks before it when they start a token, and the
		// newline after its ")".
		{"a\n  #set($x = 1)\nb", "a\n  |b"},
		{"#if(true)\n  #set($x = 1)\nb#end", "||b"},
		{"  #set($x = 1)  \nb", "|b"},
		{"$a  #set($x = 1)\nb", "$|b"},
		// ")" of a directive, "#end" and "#else" eat blanks and one newline
		{"#if(true)  \n x\n#else  \n y\n#end  \nz", "| x\n y\nz"},
		{"#if(true) x #end z", "| x  z"},
		{"#foreach($i in [1])\n  $i\n#end\n", "|  $\n"},
		{"#{if}(true)a#{else}b#{end}c", "|abc"},
		{"## comment\nx", "|x"},
		{"#stop\nx", "|\nx"},
		{"#foo()  \nx", "#foo()  \nx"},
		{"#foo ()\nx", "#foo ()\nx"},
	}
	for _, tt := range tests {
		tpl, err := Parse("t.vtl", []byte(tt.src))
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.src, err)
		}
		var b strings.Builder
		ast.Inspect(tpl, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Text:
				b.WriteString(n.Value)
			case *ast.Literal:
				b.WriteString(n.Value)
				return false
			case *ast.Output:
				b.WriteString("$")
				return false
			case *ast.Template:
			case ast.Stmt:
				b.WriteString("|")
			}
			return true
		})
		if got := b.String(); got != tt.want {
			t.Errorf("Parse(%q): %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"#if($a)x", `t.vtl:1:9: unclosed #if (opened at 1:1): it needs a matching #end`},
		{"a\n#foreach($i in $l)\n$i", `t.vtl:3:3: unclosed #foreach (opened at 2:1): it needs a matching #end`},
		{"x #end", `t.vtl:1:3: unexpected "#end": there is no open #if, #foreach or other block`},
		{"#if($a", `t.vtl:1:7: unexpected end of file in #if condition: a ")" is missing`},
		{"#if($a == )#end", `t.vtl:1:11: unexpected ")" in #if condition`},
		{"#set($a = )", `t.vtl:1:11: unexpected ")" in #set`},
		{"#set($a = 5-1)", `t.vtl:1:12: unexpected "-1" in #set`},
		{"${a", `t.vtl:1:4: unexpected end of file in "${…}": a "}" is missing`},
		{"$a.b(1,", `t.vtl:1:8: unexpected end of file in the arguments of .b(…): a ")" is missing`},
		{"$true", `t.vtl:1:1: unexpected "$true"`},
		{"a$", `t.vtl:1:3: unexpected end of file after "$" (Velocity 1.7 cannot end a template with "$"; write "\$" or "${dollar}")`},
		{"#[[ x", `t.vtl:1:6: unexpected end of file in #[[ … ]]# (it needs "]]#")`},
		{"#if($a;)#end", `t.vtl:1:7: unexpected character ";" in #if condition`},
		{"#macro", `t.vtl:1:1: #macro needs a name: write #macro(name $arg …) … #end`},
		{"#macro('m')#end", `t.vtl:1:8: #macro needs a name first, not "'m'": write #macro(name $arg …)`},
		{"#define(a)x#end", `t.vtl:1:9: #define does not take a bare word ("a") as argument 1`},
		{"#define()x#end", `t.vtl:1:1: #define takes exactly one argument, the block's name: write #define($name) … #end`},
		{"#foreach", `t.vtl:1:1: #foreach needs arguments: write #foreach($item in $list) … #end`},
		{"#literal()#end", `t.vtl:1:1: #literal() needs a body: Velocity 1.7 fails on an empty #literal() … #end`},
		{"#stop(1 2)", `t.vtl:1:1: #stop takes at most one argument (a message)`},
		{`#set($a = "\u00")`, `t.vtl:1:11: invalid \u escape in string literal: write \u and four hex digits`},
		{`#set($a = "x#if(")`, `t.vtl:1:17: in string literal: unexpected end of file in #if condition: a ")" is missing`},
	}
	for _, tt := range tests {
		_, err := Parse("t.vtl", []byte(tt.src))
		if err == nil {
			t.Errorf("Parse(%q) succeeded, want %s", tt.src, tt.want)
			continue
		}
		var se *source.Error
		if !errors.As(err, &se) || se.Kind != source.Syntax {
			t.Errorf("Parse(%q): %T %v, want a syntax *source.Error", tt.src, err, err)
		}
		if err.Error() != tt.want {
			t.Errorf("Parse(%q):\n got %s\nwant %s", tt.src, err, tt.want)
		}
	}
}

func readJSONL(t *testing.T, name string, each func(line []byte)) {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		each(sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestDecisions checks accept/reject against Velocity 1.7 on templates
// generated by fuzzing (testdata/decisions.jsonl: the verdict of the
// oracle's parser and Template.initDocument).
func TestDecisions(t *testing.T) {
	n := 0
	readJSONL(t, "testdata/decisions.jsonl", func(line []byte) {
		var c struct {
			Template string
			OK       bool
		}
		if err := json.Unmarshal(line, &c); err != nil {
			t.Fatal(err)
		}
		_, err := Parse("t.vtl", []byte(c.Template))
		if (err == nil) != c.OK {
			t.Errorf("Parse(%q): err %v, Velocity accepts: %v", c.Template, err, c.OK)
		}
		n++
	})
	if n == 0 {
		t.Fatal("no cases")
	}
}

// TestConformanceErrors: the velocity conformance cases that fail in the
// oracle; Parse must fail on those that fail before rendering (syntax).
func TestConformanceErrors(t *testing.T) {
	readJSONL(t, "testdata/error_cases.jsonl", func(line []byte) {
		var c struct {
			Name, Template, Oracle string
			Syntax                 bool
		}
		if err := json.Unmarshal(line, &c); err != nil {
			t.Fatal(err)
		}
		_, err := Parse(c.Name, []byte(c.Template))
		if (err != nil) != c.Syntax {
			t.Errorf("%s: Parse error %v; oracle: %s (static: %v)", c.Name, err, c.Oracle, c.Syntax)
		}
	})
}

// TestRenderCases renders the velocity conformance cases (gobbling-* among
// them) that the mini renderer supports and compares with the oracle's
// output.
func TestRenderCases(t *testing.T) {
	same, skipped := 0, 0
	readJSONL(t, "testdata/render_cases.jsonl", func(line []byte) {
		var c struct{ Name, Template, Expected string }
		if err := json.Unmarshal(line, &c); err != nil {
			t.Fatal(err)
		}
		tpl, err := Parse(c.Name, []byte(c.Template))
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			return
		}
		got, err := miniRender(tpl)
		if err != nil || c.Name == "escapev-for-each-for-each-01" { // $foreach is runtime
			skipped++
			if strings.HasPrefix(c.Name, "gobbling-") {
				t.Errorf("%s: not supported by the mini renderer", c.Name)
			}
			return
		}
		if got != c.Expected {
			t.Errorf("%s:\n got %q\nwant %q", c.Name, got, c.Expected)
		}
		same++
	})
	if same < 300 {
		t.Errorf("only %d cases rendered (%d unsupported)", same, skipped)
	}
}

// TestGrammarBuilds builds the participle grammars, which the parser
// otherwise builds only on first use: a grammar error must fail here, not in
// a user's first template that needs participle.
func TestGrammarBuilds(t *testing.T) {
	buildParsers()
	if refParser == nil || setParser == nil || ifParser == nil || dirParser == nil {
		t.Fatal("a participle parser was not built")
	}
}
