package parser

import (
	"strings"
	"testing"
)

// lexString renders the tokens of src as KIND:image, with the special text
// Velocity keeps in brackets. The expectations were checked against the
// token stream of Velocity 1.7's own parser (the oracle's jar).
func lexString(src string) string {
	toks, err := lex(src)
	var b strings.Builder
	for _, t := range toks {
		if t.kind == kEOF {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if t.special != "" {
			b.WriteString("[" + t.special + "]")
		}
		b.WriteString(t.kind.String() + ":" + t.image)
	}
	if err != nil {
		b.WriteString(" ERROR")
	}
	return b.String()
}

func TestLexer(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a $b", "TEXT:a  IDENTIFIER:$b"},
		{"a $ b", "TEXT:a  [$]TEXT: b"},
		{"$a.b(1)", "IDENTIFIER:$a DOT:. IDENTIFIER:b LPAREN:( INTEGER_LITERAL:1 REFMOD2_RPAREN:)"},
		{"$!{a}", "LCURLY:$!{ IDENTIFIER:a RCURLY:}"},
		{`\$a \\$b`, `IDENTIFIER:\$a TEXT:  IDENTIFIER:\\$b`},
		{"x$.a $[", "TEXT:x EMPTY_INDEX:$. TEXT:a  EMPTY_INDEX:$["},
		{"$true", "TRUE:$true"},
		{"#if($a)x#end\ny", "IF_DIRECTIVE:#if LPAREN:( IDENTIFIER:$a RPAREN:) TEXT:x END:#end\n TEXT:y"},
		{"#if( $a )  \nx", "IF_DIRECTIVE:#if LPAREN:( WHITESPACE:  IDENTIFIER:$a WHITESPACE:  RPAREN:)  \n TEXT:x"},
		{"  #set($a = 1)\n", "SET_DIRECTIVE:  #set( IDENTIFIER:$a WHITESPACE:  EQUALS:= WHITESPACE:  INTEGER_LITERAL:1 RPAREN:)\n"},
		{"x  #set($a=1)", "TEXT:x   SET_DIRECTIVE:#set( IDENTIFIER:$a EQUALS:= INTEGER_LITERAL:1 RPAREN:)"},
		{"#foo bar", "WORD:#foo TEXT: bar"},
		{"#foo (1)", "WORD:#foo WHITESPACE:  LPAREN:( INTEGER_LITERAL:1 RPAREN:)"},
		{"#{else}x#{end}", "ELSE_DIRECTIVE:#{else} TEXT:x END:#{end}"},
		{"# x #1", "[#]TEXT: x  INTEGER_LITERAL:#1"},
		{"## c\nx", "SINGLE_LINE_COMMENT_START:## SINGLE_LINE_COMMENT:\n TEXT:x"},
		{"## a ## b\n", "SINGLE_LINE_COMMENT_START:## SINGLE_LINE_COMMENT:\n"},
		{"#* a *#b#**#c", "MULTI_LINE_COMMENT:*# TEXT:b MULTI_LINE_COMMENT:#**# TEXT:c"},
		{"#[[ $x ]]#", "TEXTBLOCK:#[[ $x ]]#"},
		{`\#if \\#foo \\`, `ESCAPE_DIRECTIVE:\#if TEXT:  DOUBLE_ESCAPE:\\ WORD:#foo TEXT:  DOUBLE_ESCAPE:\\`},
		{`#set($a = "x""y" + 'a''b')`, `SET_DIRECTIVE:#set( IDENTIFIER:$a WHITESPACE:  EQUALS:= WHITESPACE:  STRING_LITERAL:"x""y" WHITESPACE:  PLUS:+ WHITESPACE:  STRING_LITERAL:'a''b' RPAREN:)`},
		{"#foreach($i in [1..3])", "WORD:#foreach LPAREN:( IDENTIFIER:$i WHITESPACE:  WORD:in WHITESPACE:  LBRACKET:[ INTEGER_LITERAL:1 DOUBLEDOT:.. INTEGER_LITERAL:3 RBRACKET:] RPAREN:)"},
		{"#if($a and !$b eq 1.5)", "IF_DIRECTIVE:#if LPAREN:( IDENTIFIER:$a WHITESPACE:  LOGICAL_AND:and WHITESPACE:  LOGICAL_NOT:! IDENTIFIER:$b WHITESPACE:  LOGICAL_EQUALS:eq WHITESPACE:  FLOATING_POINT_LITERAL:1.5 RPAREN:)"},
		{"$map.foo## x\n", "IDENTIFIER:$map DOT:. IDENTIFIER:foo [##]TEXT: x\n"},
		{"a$", "TEXT:a ERROR"},
		{"#if($a;)", "IF_DIRECTIVE:#if LPAREN:( IDENTIFIER:$a ERROR"},
	}
	for _, tt := range tests {
		if got := lexString(tt.src); got != tt.want {
			t.Errorf("lex(%q):\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}
