package parser

import (
	"errors"
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/vtlc/vtlc/parser/ast"
	"github.com/vtlc/vtlc/parser/source"
)

// Parse parses a template as Velocity 1.7 does under API Gateway's
// configuration. It fails (with a *source.Error of kind Syntax) exactly when
// Velocity fails to parse or to initialise the template, which happens
// whatever the request is.
func Parse(name string, src []byte) (*ast.Template, error) {
	f := source.NewFile(name, string(src))
	body, err := parseBody(f, f.Src, nil, map[string]bool{})
	if err != nil {
		return nil, err
	}
	return &ast.Template{File: f, Body: body}, nil
}

// parseBody parses text as a template body. mapOff maps offsets in text to
// offsets in f (nil: text is f.Src).
func parseBody(f *source.File, text string, mapOff func(int) int, macros map[string]bool) ([]ast.Stmt, *source.Error) {
	l := &lowerer{file: f, src: text, mapOff: mapOff, macroNames: macros}
	toks, err := lex(text)
	if err != nil {
		le := err.(*lexError)
		return nil, f.Errorf(source.Syntax, l.pos(le.off), "%s", lexMessage(text, toks, le))
	}
	classify(toks)
	l.toks = toks
	body := l.template()
	if l.err != nil {
		return nil, l.err
	}
	return body, nil
}

// describeTok names a token for messages: `"#end"`, `end of file`.
func describeTok(t *token) string {
	switch t.kind {
	case kEOF:
		return "end of file"
	case kWhitespace:
		return "whitespace"
	case kText:
		return "text"
	}
	im := strings.TrimRight(t.image, " \t\r\n")
	if len(im) > 24 {
		im = im[:21] + "..."
	}
	if im == "" {
		return "newline"
	}
	return fmt.Sprintf("%q", im)
}

// lexMessage explains a lexical error.
func lexMessage(src string, toks []token, le *lexError) string {
	if le.off >= len(src) {
		// MORE at the end of the input: "$", "#", an open comment.
		open := openConstruct(src, toks)
		if open != "" {
			return "unexpected end of file " + open
		}
		return "unexpected end of file"
	}
	ctx := ""
	if len(toks) > 0 {
		ctx = contextOf(toks, len(toks))
	}
	return "unexpected character " + quoteRune(src[le.off:]) + ctx
}

// openConstruct says what was left open at the end of src.
func openConstruct(src string, toks []token) string {
	from := 0
	if len(toks) > 0 {
		from = toks[len(toks)-1].end
	}
	rest := src[from:]
	switch {
	case strings.Contains(rest, "#[["):
		return `in #[[ … ]]# (it needs "]]#")`
	case strings.Contains(rest, "#*"):
		return `in a #* … *# comment (it needs "*#")`
	case strings.HasSuffix(rest, "$") || strings.HasSuffix(rest, "$!"):
		return `after "$" (Velocity 1.7 cannot end a template with "$"; write "\$" or "${dollar}")`
	case strings.HasSuffix(rest, "#"):
		return `after "#" (Velocity 1.7 cannot end a template with "#")`
	}
	return ""
}

// contextOf names the construct whose parentheses (or braces) token n is
// in, if any: " in #if condition", " in the arguments of .b(…)".
func contextOf(toks []token, n int) string {
	type ctx struct {
		what  string
		open  bool // its "(" has been read
		depth int  // nested parentheses inside it
	}
	var stack []ctx
	for i := 0; i < n && i < len(toks); i++ {
		t := &toks[i]
		top := len(stack) - 1
		switch {
		case t.kind == kIf:
			stack = append(stack, ctx{what: " in #if condition"})
		case t.kind == kElseIf:
			stack = append(stack, ctx{what: " in #elseif condition"})
		case t.kind == kSetDirective:
			stack = append(stack, ctx{what: " in #set", open: true})
		case t.typ == tDirLine || t.typ == tDirBlock:
			stack = append(stack, ctx{what: " in #" + directiveName(t) + " arguments"})
		case t.kind == kLParen && t.state == sRefModifier:
			stack = append(stack, ctx{what: " in the arguments of ." + toks[i-1].image + "(…)", open: true})
		case t.typ == tFormalOpen:
			stack = append(stack, ctx{what: ` in "` + t.image + `…}"`, open: true})
		case t.kind == kLParen && top >= 0:
			if !stack[top].open {
				stack[top].open = true
			} else {
				stack[top].depth++
			}
		case t.kind == kRParen && top >= 0:
			if stack[top].depth > 0 {
				stack[top].depth--
			} else {
				stack = stack[:top]
			}
		case (t.kind == kRefmod2RParen || t.kind == kRCurly) && top >= 0:
			stack = stack[:top]
		}
	}
	if len(stack) == 0 {
		return ""
	}
	return stack[len(stack)-1].what
}

// diagnose turns a participle error into a position and a message.
func diagnose(toks []token, err error) (int, string) {
	var ute *participle.UnexpectedTokenError
	idx := -1
	if errors.As(err, &ute) {
		idx = ute.Unexpected.Pos.Offset
	} else {
		var pe participle.Error
		if errors.As(err, &pe) {
			idx = pe.Position().Offset
		}
	}
	if idx < 0 || idx >= len(toks) {
		return 0, err.Error()
	}
	t := &toks[idx]
	off := t.start
	if t.kind == kEOF {
		if ctx := contextOf(toks, idx); ctx != "" {
			closer := `")"`
			if strings.HasSuffix(ctx, `…}"`) {
				closer = `"}"`
			}
			return off, "unexpected end of file" + ctx + ": a " + closer + " is missing"
		}
		return off, "unexpected end of file"
	}
	ctx := contextOf(toks, idx)
	msg := "unexpected " + describeTok(t) + ctx
	if strings.HasSuffix(ctx, `…}"`) {
		// "${AWS::Region}", "${a b}": not a Velocity reference.
		return off, msg + `: a "${" reference is a name with .properties, .methods() and [indexes], then "}"`
	}
	if ute != nil && ute.Expect != "" {
		if exp := describeExpect(ute.Expect); exp != "" {
			msg += " (expected " + exp + ")"
		}
	}
	return off, msg
}

var expectNames = map[string]string{
	"<rparen>": `")"`, "<rparen2>": `")"`, "<lparen>": `"("`, "<end>": `"#end"`, "<assign>": `"="`,
	"<rcurly>": `"}"`, "<idxr>": `"]"`, "<rbrack>": `"]"`, "<colon>": `":"`, "<dotdot>": `".."`,
}

// describeExpect shortens participle's expectation to something readable.
func describeExpect(e string) string {
	if n, ok := expectNames[e]; ok {
		return n
	}
	return ""
}
