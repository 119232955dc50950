package apigw

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/vtlc/vtlc/parser/source"
	"github.com/vtlc/vtlc/runtime"
)

// Request is a request file (spec/request.md): the HTTP request API Gateway
// received, plus stage variables and context data. It is immutable once
// parsed and may be rendered against from many goroutines.
type Request struct {
	Method   string // $context.httpMethod; POST when a body is given, else GET
	Path     string // without the stage; "/" by default
	Resource string // $context.resourcePath; Path by default
	// PathParameters, Query, Headers and StageVariables keep the file's
	// order. A repeated query parameter or header lists all its values; the
	// templates see the last one.
	PathParameters []Param
	Query          []Param
	Headers        []Param
	StageVariables []Param
	// Body is the raw payload: a string is taken as is, any other JSON value
	// as its compact JSON text; "" when absent.
	Body string
	// Context is the request's "context" object, merged over the default
	// context for every render (nil when absent).
	Context *JSONNode

	protoOnce sync.Once
	layout    *contextLayout // the merged $context, copied for each render
	// stageVars is $stageVariables for renders that cannot change it
	// (Program.Mutates false), built once.
	stageOnce sync.Once
	stageVars *runtime.Map
}

// Param is a named parameter with its values (at least one).
type Param struct {
	Name   string
	Values []string
}

// Value is the single value a template sees: the last one.
func (p Param) Value() string { return p.Values[len(p.Values)-1] }

// ParseRequest reads a request file (JSON). Errors name file:line:col.
//
// The request keeps data: its strings, the body among them, are slices of
// it rather than copies, so the caller must not change data afterwards.
// (A copy of a large request is ~35 page faults of a one-shot render's
// ~860 on the bench's response-1000, each costly on a virtual machine.)
func ParseRequest(name string, data []byte) (*Request, error) {
	text := strings.TrimPrefix(unsafe.String(unsafe.SliceData(data), len(data)), "\uFEFF")
	jp := strictParser{s: text}
	top, err := jp.parseTop()
	if err != nil {
		f := source.NewFile(name, text)
		return nil, fmt.Errorf("%s: bad request file: %s", f.Position(source.PosOf(jp.i)), err.msg)
	}
	r := &Request{}
	body := top.get("body")
	switch {
	case body == nil || body.Kind == 'z':
	case body.Kind == 's':
		r.Body = body.Str
	default:
		r.Body = compactJSON(text[body.start:body.end])
	}
	r.Method = "GET"
	if body != nil && body.Kind != 'z' {
		r.Method = "POST"
	}
	if m := top.get("method"); m != nil && m.Kind == 's' {
		r.Method = m.Str
	}
	r.Path = "/"
	if p := top.get("path"); p != nil && p.Kind == 's' {
		r.Path = p.Str
	}
	r.Resource = r.Path
	if p := top.get("resource"); p != nil && p.Kind == 's' {
		r.Resource = p.Str
	}
	r.PathParameters = stringParams(top.get("pathParameters"))
	r.Query = stringParams(top.get("query"))
	r.Headers = stringParams(top.get("headers"))
	r.StageVariables = stringParams(top.get("stageVariables"))
	if c := top.get("context"); c != nil && c.Kind == 'o' {
		r.Context = c
	}
	return r, nil
}

// stringParams reads an object of strings or lists of strings. Values that
// are not strings are written as Java's toString would (the oracle's
// Request.stringMap); null values and empty lists are left out.
func stringParams(n *JSONNode) []Param {
	if n == nil || n.Kind != 'o' {
		return nil
	}
	var out []Param
	for i, k := range n.Keys {
		v := n.Vals[i]
		var vals []string
		switch v.Kind {
		case 'z':
			continue
		case 'a':
			for _, it := range v.Items {
				vals = append(vals, it.javaString())
			}
			if len(vals) == 0 || v.Items[len(v.Items)-1].Kind == 'z' {
				continue
			}
		default:
			vals = []string{v.javaString()}
		}
		out = append(out, Param{Name: k, Values: vals})
	}
	return out
}

func lookup(ps []Param, name string) (string, bool) {
	for i := range ps {
		if ps[i].Name == name {
			return ps[i].Value(), true
		}
	}
	return "", false
}

// param is $input.params(name): path, then query string, then headers;
// names match exactly; missing gives "" (spec §2.6).
func (r *Request) param(name string) string {
	if v, ok := lookup(r.PathParameters, name); ok {
		return v
	}
	if v, ok := lookup(r.Query, name); ok {
		return v
	}
	v, _ := lookup(r.Headers, name)
	return v
}

// sharedStageVariables is the request's $stageVariables map, shared by
// the renders of programs that cannot change it.
func (r *Request) sharedStageVariables() *runtime.Map {
	r.stageOnce.Do(func() { r.stageVars = paramMap(r.StageVariables) })
	return r.stageVars
}

func paramMap(ps []Param) *runtime.Map {
	entries := make([]runtime.MapEntry, len(ps))
	for i, p := range ps {
		entries[i] = runtime.MapEntry{Key: runtime.String(p.Name), Value: runtime.String(p.Value())}
	}
	return runtime.NewMapOwning(entries)
}

// paramsMap is $input.params(): {path={…}, querystring={…}, header={…}},
// fresh for every call as in the oracle.
func (r *Request) paramsMap() *runtime.Map {
	m := runtime.NewMap(3)
	m.PutString("path", runtime.MapValue(paramMap(r.PathParameters)))
	m.PutString("querystring", runtime.MapValue(paramMap(r.Query)))
	m.PutString("header", runtime.MapValue(paramMap(r.Headers)))
	return m
}

// headerIgnoreCase finds a header by name, ignoring case (for
// $context.identity.userAgent).
func (r *Request) headerIgnoreCase(name string) (string, bool) {
	for _, p := range r.Headers {
		if strings.EqualFold(p.Name, name) {
			return p.Value(), true
		}
	}
	return "", false
}

// ---------------------------------------------------------------- strict JSON

// JSONNode is a value of a request file, read strictly (RFC 8259). Numbers
// keep their text so that callers choose the Java type.
type JSONNode struct {
	Kind  byte // 'o' object, 'a' array, 's' string, 'n' number, 't' true, 'f' false, 'z' null
	Str   string
	Keys  []string    // object keys in first-seen order
	Vals  []*JSONNode // object values (a repeated key keeps its last value)
	Items []*JSONNode // array items

	start, end int // byte span in the file
}

func (n *JSONNode) get(key string) *JSONNode {
	for i, k := range n.Keys {
		if k == key {
			return n.Vals[i]
		}
	}
	return nil
}

func (n *JSONNode) isIntegral() bool { return !strings.ContainsAny(n.Str, ".eE") }

// javaString is the node's Java toString() in the oracle's model.
func (n *JSONNode) javaString() string {
	switch n.Kind {
	case 's', 'n':
		return n.Str
	case 't':
		return "true"
	case 'f':
		return "false"
	case 'z':
		return "null"
	case 'a':
		parts := make([]string, len(n.Items))
		for i, it := range n.Items {
			parts[i] = it.javaString()
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	parts := make([]string, len(n.Keys))
	for i, k := range n.Keys {
		parts[i] = k + "=" + n.Vals[i].javaString()
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

type strictError struct{ msg string }

type strictParser struct {
	s string
	i int
}

func (p *strictParser) fail(msg string) *strictError { return &strictError{msg} }

func (p *strictParser) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *strictParser) parseTop() (*JSONNode, *strictError) {
	p.ws()
	if p.i >= len(p.s) || p.s[p.i] != '{' {
		return nil, p.fail("a request file must hold a JSON object")
	}
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.i != len(p.s) {
		return nil, p.fail("trailing characters after the JSON value")
	}
	return n, nil
}

func (p *strictParser) value(depth int) (*JSONNode, *strictError) {
	if depth > maxJSONDepth {
		return nil, p.fail("nesting too deep")
	}
	if p.i >= len(p.s) {
		return nil, p.fail("unexpected end of input")
	}
	start := p.i
	n := &JSONNode{start: start}
	switch c := p.s[p.i]; {
	case c == '{':
		n.Kind = 'o'
		p.i++
		p.ws()
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			break
		}
		for {
			p.ws()
			if p.i >= len(p.s) || p.s[p.i] != '"' {
				return nil, p.fail("expected a member name")
			}
			k, err := p.str()
			if err != nil {
				return nil, err
			}
			p.ws()
			if p.i >= len(p.s) || p.s[p.i] != ':' {
				return nil, p.fail("expected ':'")
			}
			p.i++
			p.ws()
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			if old := n.index(k); old >= 0 {
				n.Vals[old] = v
			} else {
				n.Keys = append(n.Keys, k)
				n.Vals = append(n.Vals, v)
			}
			p.ws()
			if p.i >= len(p.s) {
				return nil, p.fail("unexpected end of input in an object")
			}
			c := p.s[p.i]
			p.i++
			if c == '}' {
				break
			}
			if c != ',' {
				p.i--
				return nil, p.fail("expected ',' or '}'")
			}
		}
	case c == '[':
		n.Kind = 'a'
		p.i++
		p.ws()
		if p.i < len(p.s) && p.s[p.i] == ']' {
			p.i++
			break
		}
		for {
			p.ws()
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			n.Items = append(n.Items, v)
			p.ws()
			if p.i >= len(p.s) {
				return nil, p.fail("unexpected end of input in an array")
			}
			c := p.s[p.i]
			p.i++
			if c == ']' {
				break
			}
			if c != ',' {
				p.i--
				return nil, p.fail("expected ',' or ']'")
			}
		}
	case c == '"':
		n.Kind = 's'
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		n.Str = s
	case c == 't' || c == 'f' || c == 'n':
		for _, w := range []string{"true", "false", "null"} {
			if strings.HasPrefix(p.s[p.i:], w) {
				n.Kind = map[byte]byte{'t': 't', 'f': 'f', 'n': 'z'}[c]
				p.i += len(w)
				n.end = p.i
				return n, nil
			}
		}
		return nil, p.fail("unexpected character '" + string(c) + "'")
	case c == '-' || c >= '0' && c <= '9':
		n.Kind = 'n'
		p.i++
		for p.i < len(p.s) && strings.IndexByte("0123456789.eE+-", p.s[p.i]) >= 0 {
			p.i++
		}
		n.Str = p.s[start:p.i]
		if _, err := javaBigDecimal(n.Str); err != nil {
			p.i = start
			return nil, p.fail("bad number " + n.Str)
		}
	default:
		r, _ := utf8.DecodeRuneInString(p.s[p.i:])
		return nil, p.fail("unexpected character '" + string(r) + "'")
	}
	n.end = p.i
	return n, nil
}

func (n *JSONNode) index(k string) int {
	for i, x := range n.Keys {
		if x == k {
			return i
		}
	}
	return -1
}

// swarOnes and swarHighs are the constants of the eight-bytes-at-a-time
// (SWAR) scans: a byte equal to q is a zero byte of x^(q*swarOnes), found
// by the classic has-zero-byte expression, a byte below n by has-less; the
// lowest byte each expression flags is exact, so the lowest of several is.
const swarOnes, swarHighs = 0x0101010101010101, 0x8080808080808080

// stringStops flags, in the high bit of each byte, the bytes of x that end
// a plain run in a JSON string: a quote, a backslash, a control character.
func stringStops(x uint64) uint64 {
	a, c := x^(swarOnes*'"'), x^(swarOnes*'\\')
	return ((a-swarOnes)&^a | (c-swarOnes)&^c | (x-swarOnes*0x20)&^x) & swarHighs
}

// plainRun returns the end of the run of string characters from i that
// stand for themselves (no quote, backslash or control character).
func (p *strictParser) plainRun(i int) int {
	b := unsafe.Slice(unsafe.StringData(p.s), len(p.s)) // read only
	for ; i+8 <= len(b); i += 8 {
		if z := stringStops(binary.LittleEndian.Uint64(b[i:])); z != 0 {
			return i + bits.TrailingZeros64(z)/8
		}
	}
	for i < len(b) && strPlain[b[i]] {
		i++
	}
	return i
}

// simpleEscapes maps the letter after a backslash to the byte it stands
// for (0: not a one-letter escape).
var simpleEscapes = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

var strPlain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

func (p *strictParser) str() (string, *strictError) {
	p.i++ // opening quote
	start := p.i
	p.i = p.plainRun(p.i)
	if p.i < len(p.s) && p.s[p.i] == '"' {
		s := p.s[start:p.i]
		p.i++
		return s, nil
	}
	// The decoded string is no longer than its source: one allocation of
	// that size (growing by append from empty would touch and copy about
	// five times a large body's size), plus eight bytes of slack: plain
	// runs are copied eight bytes at a time, each store whole, and w then
	// advances past the plain ones only (a body given as a JSON string is
	// short runs between escaped quotes: a copy call per run cost more).
	raw := rawStringEnd(p.s, start, '"') - start
	buf := make([]byte, raw+8)
	w := copy(buf, p.s[start:p.i])
	src := unsafe.Slice(unsafe.StringData(p.s), len(p.s)) // read only
	var hi rune
	flush := func() {
		if hi != 0 {
			buf[w] = '?' // a lone surrogate, as Java's UTF-8 encoder writes it
			w++
			hi = 0
		}
	}
decode:
	for {
		if p.i >= len(p.s) {
			return "", p.fail("unterminated string")
		}
		c := p.s[p.i]
		if strPlain[c] {
			flush()
			for p.i+8 <= len(src) {
				x := binary.LittleEndian.Uint64(src[p.i:])
				binary.LittleEndian.PutUint64(buf[w:], x)
				if z := stringStops(x); z != 0 {
					n := bits.TrailingZeros64(z) / 8
					p.i, w = p.i+n, w+n
					continue decode
				}
				p.i, w = p.i+8, w+8
			}
			for p.i < len(p.s) && strPlain[p.s[p.i]] {
				buf[w] = p.s[p.i]
				p.i, w = p.i+1, w+1
			}
			continue
		}
		p.i++
		switch {
		case c == '"':
			flush()
			return unsafe.String(unsafe.SliceData(buf), w), nil // buf is not used again
		case c < 0x20:
			p.i--
			return "", p.fail("control character in a string")
		}
		if p.i >= len(p.s) {
			return "", p.fail("unterminated escape")
		}
		e := p.s[p.i]
		p.i++
		if c := simpleEscapes[e]; c != 0 {
			flush()
			buf[w] = c
			w++
			continue
		}
		var r rune
		switch e {
		case 'u':
			if p.i+4 > len(p.s) {
				return "", p.fail(`bad \u escape`)
			}
			for k := 0; k < 4; k++ {
				d := strings.IndexByte("0123456789abcdef", lower(p.s[p.i+k]))
				if d < 0 {
					return "", p.fail(`bad \u escape`)
				}
				r = r*16 + rune(d)
			}
			p.i += 4
			switch {
			case r >= 0xD800 && r < 0xDC00:
				flush()
				hi = r
				continue
			case r >= 0xDC00 && r < 0xE000:
				if hi != 0 {
					w += utf8.EncodeRune(buf[w:], utf16.DecodeRune(hi, r))
					hi = 0
				} else {
					buf[w] = '?'
					w++
				}
				continue
			}
		default:
			p.i--
			return "", p.fail(`bad escape \` + string(e))
		}
		flush()
		w += utf8.EncodeRune(buf[w:], r)
	}
}

// compactJSON removes whitespace outside strings from valid JSON text.
func compactJSON(text string) string {
	var b strings.Builder
	inStr, esc := false, false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case inStr:
			b.WriteByte(c)
			if esc {
				esc = false
			} else if c == '\\' {
				esc = true
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
			b.WriteByte(c)
		case c != ' ' && c != '\t' && c != '\n' && c != '\r':
			b.WriteByte(c)
		}
	}
	return b.String()
}
