package apigw

import (
	"encoding/binary"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/vtlc/vtlc/runtime"
)

// This file is json-smart 2.2's parser in MODE_PERMISSIVE with the
// "ordered" mapper, which is what Jayway JsonPath's JsonSmartJsonProvider
// (and so API Gateway's $input.path, $input.json and $util.parseJson) use.
// Permissive mode accepts far more than JSON, and the quirks are the point:
//
//   - a value that does not start like JSON is an unquoted string running to
//     the next stop character (top level: to the end), trimmed with Java's
//     Character.isWhitespace: `a=b` reads as the String "a=b" (ToQoz
//     recordings, toqoz-01, -10, -12 … -18);
//   - 'single quotes', unquoted keys, NaN, leading zeros, missing and extra
//     commas are accepted; data after the first value is ignored;
//   - a number followed by something that is not a stop character becomes a
//     string (`[1 2]` → ["1 2"]);
//   - the character U+001A is json-smart's end-of-input sentinel;
//   - inside a string that holds a backslash, control characters are
//     dropped, and unknown escapes vanish (`\q` → nothing); without a
//     backslash the string is taken as is;
//   - `{a` and `[a` fail with json-smart's ParseException text (toqoz-11, -13).
//
// Objects become *runtime.Map (document order, a repeated key keeps its first
// position and last value), arrays JSON lists, integers Integer/Long/
// BigInteger by json-smart's length rule, decimals Double (BigDecimal when the
// literal is longer than 18 characters). Every behaviour here was checked
// against the oracle (jsonparse_test.go).
//
// Unlike Debian's json-smart 2.2-2+deb12u1 there is no "Malicious payload"
// limit at 400 objects (a packaging bug); nesting deeper than maxJSONDepth is
// refused instead of overflowing the stack.

const (
	eoi          = 0x1A // json-smart's end-of-input character
	maxStop      = 126
	maxJSONDepth = 10000
)

type stopSet *[maxStop]bool

var stopAll, stopArray, stopKey, stopValue, stopX [maxStop]bool

func init() {
	stopKey[':'], stopKey[eoi] = true, true
	stopValue[','], stopValue['}'], stopValue[eoi] = true, true, true
	stopArray[','], stopArray[']'], stopArray[eoi] = true, true, true
	stopX[eoi] = true
	stopAll[','], stopAll[':'], stopAll[']'], stopAll['}'], stopAll[eoi] = true, true, true, true, true
}

// jsonError is a Java exception thrown while parsing: a json-smart
// ParseException or a NumberFormatException from a malformed number.
type jsonError struct {
	class string // Java class name
	msg   string
}

func (e *jsonError) Error() string { return e.class + ": " + e.msg }

const parseExceptionClass = "net.minidev.json.parser.ParseException"

type jsonParser struct {
	s     string
	pos   int // byte offset of c; json-smart counts UTF-16 units, see position
	c     byte
	depth int
	err   *jsonError

	// Maps and lists are cut from slabs: Map and List structs from maps
	// and lists, entries and items from one slab per nesting depth. While
	// an object is open nothing else at its depth is read, so its entries
	// are written straight into their final, contiguous place (no stack,
	// no copy); a slab that fills up mid-object is replaced and the
	// object's entries so far are moved.
	maps   []runtime.Map
	lists  []runtime.List
	slab   int // size of the last map/list slab: grows with the document
	levels []slabLevel
}

// slabLevel holds the entry and item slabs of one nesting depth: len is
// what is used, cap what the slab holds. A depth's slabs start at 8 and
// double up to 4096, so a depth holding little costs little and at most
// half of what a depth allocates is unused.
type slabLevel struct {
	entries []runtime.MapEntry
	items   []runtime.Value
}

// level returns the slabs of depth d (1 for the outermost container).
func (p *jsonParser) level(d int) *slabLevel {
	for len(p.levels) <= d {
		p.levels = append(p.levels, slabLevel{})
	}
	return &p.levels[d]
}

// addEntry appends key/value to the open object at depth d whose entries
// start at start, and returns where they start now.
func (p *jsonParser) addEntry(d, start int, key string, v runtime.Value) int {
	lv := &p.levels[d]
	lv.entries, start = appendOpen(lv.entries, start, runtime.MapEntry{Key: runtime.String(key), Value: v})
	return start
}

// addItem is addEntry for the open array at depth d.
func (p *jsonParser) addItem(d, start int, v runtime.Value) int {
	lv := &p.levels[d]
	lv.items, start = appendOpen(lv.items, start, v)
	return start
}

// appendOpen appends x to the open container whose elements are
// slab[start:]. A full slab is not grown: the container's elements so far
// move to a new one (the old slab keeps the finished containers), which
// is returned with where they start now.
func appendOpen[T any](slab []T, start int, x T) ([]T, int) {
	if n := len(slab); n == cap(slab) {
		used := n - start
		grown := make([]T, used, max(min(2*cap(slab), 4096), 8, 2*used+1))
		copy(grown, slab[start:])
		slab, start = grown, 0
	}
	return append(slab, x), start
}

func (p *jsonParser) newMap() *runtime.Map {
	if len(p.maps) == 0 {
		p.slab = min(2*p.slab+1, 64)
		p.maps = make([]runtime.Map, p.slab)
	}
	m := &p.maps[0]
	p.maps = p.maps[1:]
	return m
}

func (p *jsonParser) newList(items []runtime.Value) *runtime.List {
	if len(p.lists) == 0 {
		p.lists = make([]runtime.List, min(p.slab/2+1, 64))
	}
	l := &p.lists[0]
	p.lists = p.lists[1:]
	l.Items, l.JSON = items, true
	return l
}

// parseJSON parses s the way json-smart's permissive parser does. The
// result is null for the literal `null`.
func parseJSON(s string) (runtime.Value, error) {
	p := jsonParser{s: s, pos: -1}
	p.slab = min(max(len(s)/512, 1), 32)
	p.levels = make([]slabLevel, 0, 8)
	p.read()
	v := p.readMain(&stopX)
	if p.err != nil {
		return runtime.Null, p.err
	}
	return v, nil
}

func (p *jsonParser) read() {
	p.pos++
	if p.pos >= len(p.s) {
		p.pos = len(p.s)
		p.c = eoi
		return
	}
	p.c = p.s[p.pos]
}

// position converts a byte offset into the UTF-16 index json-smart reports.
func (p *jsonParser) position(off int) int {
	if off < 0 {
		return off
	}
	if off > len(p.s) {
		off = len(p.s)
	}
	n := 0
	for _, r := range p.s[:off] {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// fail records the first error; parsing functions return zero values after
// it and the caller checks p.err.
func (p *jsonParser) fail(off int, kind int, obj string) {
	if p.err != nil {
		return
	}
	pos := strconv.Itoa(p.position(off))
	var msg string
	switch kind {
	case errChar:
		msg = "Unexpected character (" + obj + ") at position " + pos + "."
	case errToken:
		msg = "Unexpected token " + obj + " at position " + pos + "."
	case errEOF:
		msg = "Unexpected End Of File position " + pos + ": " + obj
	case errUnicode:
		msg = "Unexpected unicode escape sequence " + obj + " at position " + pos + "."
	case errDepth:
		msg = "Malicious payload, having non natural depths, parsing stoped on " + obj + " at position " + pos + "."
	}
	p.err = &jsonError{class: parseExceptionClass, msg: msg}
}

const (
	errChar = iota
	errToken
	errEOF
	errUnicode
	errDepth
)

// charAt is the Java char at byte offset off, as text for a message.
func (p *jsonParser) charAt(off int) string {
	if off >= len(p.s) {
		return string(rune(eoi))
	}
	r, _ := utf8.DecodeRuneInString(p.s[off:])
	return string(r)
}

func (p *jsonParser) skipSpace() {
	for p.c <= ' ' && p.c != eoi {
		p.read()
	}
}

func (p *jsonParser) skipDigits() {
	for p.c >= '0' && p.c <= '9' {
		p.read()
	}
}

func (p *jsonParser) skipNQString(stop stopSet) {
	for {
		if p.c == eoi || (p.c < maxStop && stop[p.c]) {
			return
		}
		p.read()
	}
}

// readNQString reads an unquoted string up to a stop character.
func (p *jsonParser) readNQString(stop stopSet) string {
	start := p.pos
	p.skipNQString(stop)
	return p.trimmed(start, p.pos)
}

// trimmed is s[start:stop] trimmed with Java's Character.isWhitespace,
// keeping at least one character (json-smart's extractStringTrim).
func (p *jsonParser) trimmed(start, stop int) string {
	if stop > len(p.s) {
		stop = len(p.s)
	}
	// Usually a number or word with nothing around it.
	if start < stop && p.s[start] > ' ' && p.s[start] < utf8.RuneSelf && p.s[stop-1] > ' ' && p.s[stop-1] < utf8.RuneSelf {
		return p.s[start:stop]
	}
	for start < stop {
		r, n := utf8.DecodeRuneInString(p.s[start:stop])
		if start+n >= stop || !runtime.JavaIsWhitespace(r) {
			break
		}
		start += n
	}
	for stop > start {
		r, n := utf8.DecodeLastRuneInString(p.s[start:stop])
		if stop-n <= start || !runtime.JavaIsWhitespace(r) {
			break
		}
		stop -= n
	}
	return p.s[start:stop]
}

// readWord reads an unquoted token: null, true, false, NaN or a string.
func (p *jsonParser) readWord(stop stopSet) runtime.Value {
	c := p.c
	s := p.readNQString(stop)
	switch c {
	case 'n':
		if s == "null" {
			return runtime.Null
		}
	case 't':
		if s == "true" {
			return runtime.Bool(true)
		}
	case 'f':
		if s == "false" {
			return runtime.Bool(false)
		}
	case 'N':
		if s == "NaN" {
			// json-smart returns Float.NaN (JSON-serialised as NaN).
			return runtime.FloatNaN
		}
	}
	return runtime.String(s)
}

func (p *jsonParser) readMain(stop stopSet) runtime.Value {
	for {
		switch p.c {
		case ' ', '\r', '\n', '\t':
			p.read()
			continue
		case ':', '}', ']':
			p.fail(p.pos, errChar, p.charAt(p.pos))
			return runtime.Null
		case '{':
			return p.readObject()
		case '[':
			return p.readArray()
		case '"', '\'':
			return runtime.String(p.readString())
		case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '-':
			return p.readNumber(stop)
		default:
			return p.readWord(stop)
		}
	}
}

func (p *jsonParser) enter() bool {
	p.depth++
	if p.depth > maxJSONDepth {
		p.fail(p.pos, errDepth, p.charAt(p.pos))
		return false
	}
	return true
}

func (p *jsonParser) readArray() runtime.Value {
	if !p.enter() {
		return runtime.Null
	}
	d := p.depth
	start := len(p.level(d).items)
	p.read()
	for p.err == nil {
		switch p.c {
		case ' ', '\r', '\n', '\t':
			p.read()
		case ']':
			p.depth--
			p.read()
			lv := &p.levels[d]
			items := lv.items[start:len(lv.items):len(lv.items)]
			return runtime.ListValue(p.newList(items))
		case ':', '}':
			p.fail(p.pos, errChar, p.charAt(p.pos))
		case ',':
			p.read()
		case eoi:
			p.fail(p.pos-1, errEOF, "EOF")
		default:
			v := p.readMain(&stopArray)
			start = p.addItem(d, start, v)
		}
	}
	return runtime.Null
}

func (p *jsonParser) readObject() runtime.Value {
	if !p.enter() {
		return runtime.Null
	}
	d := p.depth
	start := len(p.level(d).entries)
	for p.err == nil {
		p.read()
		switch p.c {
		case ' ', '\r', '\t', '\n':
			continue
		case ':', ']', '[', '{':
			p.fail(p.pos, errChar, p.charAt(p.pos))
			return runtime.Null
		case '}':
			p.depth--
			p.read()
			return runtime.MapValue(p.endMap(d, start))
		case ',':
			continue
		}
		var key string
		if p.c == '"' || p.c == '\'' {
			key = p.readString()
		} else {
			key = p.readNQString(&stopKey)
		}
		if p.err != nil {
			return runtime.Null
		}
		p.skipSpace()
		if p.c != ':' {
			if p.c == eoi {
				p.fail(p.pos-1, errEOF, "null")
			} else {
				p.fail(p.pos-1, errChar, p.charAt(p.pos))
			}
			return runtime.Null
		}
		p.pos++ // readNoEnd
		if p.pos >= len(p.s) {
			p.pos = len(p.s)
			p.c = eoi
			p.fail(p.pos-1, errEOF, "EOF")
			return runtime.Null
		}
		p.c = p.s[p.pos]
		v := p.readMain(&stopValue)
		if p.err != nil {
			return runtime.Null
		}
		start = p.addEntry(d, start, key, v)
		p.skipSpace()
		switch p.c {
		case '}':
			p.depth--
			p.read()
			return runtime.MapValue(p.endMap(d, start))
		case eoi:
			p.fail(p.pos-1, errEOF, "null")
		case ',':
		default:
			p.fail(p.pos-1, errToken, p.charAt(p.pos))
		}
	}
	return runtime.Null
}

// endMap makes the map of the object at depth d whose entries start at
// start.
func (p *jsonParser) endMap(d, start int) *runtime.Map {
	lv := &p.levels[d]
	n := len(lv.entries)
	m := p.newMap()
	m.InitOwning(lv.entries[start:n:n])
	return m
}

// readString reads a quoted string; p.c is the opening quote. Like
// json-smart it first looks for the next quote character: when the text up
// to it holds no backslash that is the string, verbatim.
func (p *jsonParser) readString() string {
	q := p.c
	// Most strings are short keys and values: one scan for the quote or a
	// backslash beats two IndexByte calls (whose setup dominates on short
	// input).
	// On a backslash the general path below decides (json-smart looks for
	// the closing quote first, which decides the error for an unterminated
	// string; fixture: oracle_cases "\u00).
	src, start := p.s, p.pos+1
	if i := indexQuoteOrBackslash(src[start:], q); i >= 0 && src[start+i] == q {
		p.pos = start + i
		p.read()
		return src[start : start+i]
	}
	end := strings.IndexByte(p.s[p.pos+1:], q)
	if end < 0 {
		p.fail(len(p.s), errEOF, "null")
		return ""
	}
	end += p.pos + 1
	raw := p.s[p.pos+1 : end]
	if strings.IndexByte(raw, '\\') < 0 {
		p.pos = end
		p.read()
		return raw
	}
	return p.readString2(q)
}

// indexQuoteOrBackslash is the index of the first q or backslash in s, or
// -1. Strings are most of a JSON body's bytes, and most are short: the
// first 16 bytes are scanned eight at a time (SWAR: a byte equal to q or
// '\\' is a zero byte of x^qs or x^bs, found by the classic has-zero-byte
// expression, whose lowest flagged byte is exact); past them, two
// strings.IndexByte scans (SIMD) are 2.5x faster on a 100-byte string.
func indexQuoteOrBackslash(s string, q byte) int {
	const ones, highs = swarOnes, swarHighs
	qs, bs := ones*uint64(q), ones*uint64('\\')
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	i := 0
	for ; i < 16 && i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		a, c := x^qs, x^bs
		if z := ((a-ones)&^a | (c-ones)&^c) & highs; z != 0 {
			return i + bits.TrailingZeros64(z)/8
		}
	}
	if i < 16 {
		for ; i < len(s); i++ {
			if s[i] == q || s[i] == '\\' {
				return i
			}
		}
		return -1
	}
	rest := s[i:]
	j := strings.IndexByte(rest, q)
	before := rest
	if j >= 0 {
		before = rest[:j]
	}
	if k := strings.IndexByte(before, '\\'); k >= 0 {
		return i + k
	}
	if j >= 0 {
		return i + j
	}
	return -1
}

// rawStringEnd returns the index of the quote q that closes the string
// whose content starts at i (a backslash escapes the byte after it), or
// len(s) when there is none.
func rawStringEnd(s string, i int, q byte) int {
	// Eight bytes at a time to the next q or backslash (see swarOnes).
	qs := swarOnes * uint64(q)
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	for i+8 <= len(b) {
		x := binary.LittleEndian.Uint64(b[i:])
		a, c := x^qs, x^(swarOnes*'\\')
		z := ((a-swarOnes)&^a | (c-swarOnes)&^c) & swarHighs
		if z == 0 {
			i += 8
			continue
		}
		i += bits.TrailingZeros64(z) / 8
		if b[i] == q {
			return i
		}
		i += 2
	}
	for i < len(s) {
		switch s[i] {
		case q:
			return i
		case '\\':
			i += 2
		default:
			i++
		}
	}
	return len(s)
}

// readString2 is the slow path: escapes, and control characters dropped.
func (p *jsonParser) readString2(q byte) string {
	// One allocation of the raw length (an upper bound: escapes only
	// shrink), handed out as the string itself.
	sb := make([]byte, 0, rawStringEnd(p.s, p.pos+1, q)-p.pos-1)
	var hi uint16 // pending high surrogate from a \u escape
	flush := func() {
		if hi != 0 {
			sb = append(sb, '?') // a lone surrogate, as Java's UTF-8 encoder writes it
			hi = 0
		}
	}
	for {
		// Copy the run of ordinary characters up to the next one that
		// means something: the quote, a backslash, a control character.
		i := p.pos + 1
		for i < len(p.s) {
			if c := p.s[i]; c == q || c == '\\' || c < 0x20 || c == 0x7F {
				break
			}
			i++
		}
		if i > p.pos+1 {
			flush()
			sb = append(sb, p.s[p.pos+1:i]...)
			p.pos = i - 1
		}
		p.read()
		c := p.c
		switch {
		case c == eoi:
			p.fail(p.pos-1, errEOF, "null")
			return ""
		case c == '"' || c == '\'':
			if c == q {
				flush()
				p.read()
				return unsafe.String(unsafe.SliceData(sb), len(sb)) // sb is not used again
			}
			flush()
			sb = append(sb, c)
		case c == '\\':
			p.read()
			var u uint16
			isUnit := false
			switch p.c {
			case 't':
				u = '\t'
			case 'n':
				u = '\n'
			case 'r':
				u = '\r'
			case 'f':
				u = '\f'
			case 'b':
				u = '\b'
			case '\\', '/', '\'', '"':
				u = uint16(p.c)
			case 'u', 'x':
				n := 4
				if p.c == 'x' {
					n = 2
				}
				var ok bool
				if u, ok = p.readUnicode(n); !ok {
					return ""
				}
				isUnit = true
			default:
				continue
			}
			if isUnit && u >= 0xD800 && u < 0xDC00 {
				flush()
				hi = u
				continue
			}
			if isUnit && u >= 0xDC00 && u < 0xE000 {
				if hi != 0 {
					sb = utf8.AppendRune(sb, utf16.DecodeRune(rune(hi), rune(u)))
					hi = 0
				} else {
					sb = append(sb, '?')
				}
				continue
			}
			flush()
			sb = utf8.AppendRune(sb, rune(u))
		case c < 0x20 || c == 0x7F:
			// IGNORE_CONTROL_CHAR: dropped.
		default:
			flush()
			sb = append(sb, c)
		}
	}
}

func (p *jsonParser) readUnicode(n int) (uint16, bool) {
	var v uint16
	for range n {
		v *= 16
		p.read()
		c := p.c
		switch {
		case c >= '0' && c <= '9':
			v += uint16(c - '0')
		case c >= 'A' && c <= 'F':
			v += uint16(c-'A') + 10
		case c >= 'a' && c <= 'f':
			v += uint16(c-'a') + 10
		case c == eoi:
			p.fail(p.pos, errEOF, "EOF")
			return 0, false
		default:
			p.fail(p.pos, errUnicode, p.charAt(p.pos))
			return 0, false
		}
	}
	return v, true
}

// notStop reports whether c continues an unquoted token after a number:
// json-smart tests `c >= 0 && c < MAX_STOP && !stop[c] && c != EOI`, so any
// character from '~' up ends the number.
func notStop(c byte, stop stopSet) bool {
	return c < maxStop && !stop[c] && c != eoi
}

func (p *jsonParser) readNumber(stop stopSet) runtime.Value {
	start := p.pos
	p.read()
	p.skipDigits()
	if p.c != '.' && p.c != 'E' && p.c != 'e' {
		p.skipSpace()
		if notStop(p.c, stop) {
			p.skipNQString(stop)
			return runtime.String(p.trimmed(start, p.pos))
		}
		return p.parseInteger(p.trimmed(start, p.pos))
	}
	if p.c == '.' {
		p.read()
		p.skipDigits()
	}
	if p.c != 'E' && p.c != 'e' {
		p.skipSpace()
		if notStop(p.c, stop) {
			p.skipNQString(stop)
			return runtime.String(p.trimmed(start, p.pos))
		}
		return p.parseFloat(p.trimmed(start, p.pos))
	}
	p.read()
	if p.c == '+' || p.c == '-' || (p.c >= '0' && p.c <= '9') {
		p.read()
		p.skipDigits()
		p.skipSpace()
		if notStop(p.c, stop) {
			p.skipNQString(stop)
			return runtime.String(p.trimmed(start, p.pos))
		}
		return p.parseFloat(p.trimmed(start, p.pos))
	}
	p.skipNQString(stop)
	return runtime.String(p.trimmed(start, p.pos))
}

// parseInteger is json-smart's parseNumber with USE_INTEGER_STORAGE: Integer
// when it fits, else Long, else BigInteger — decided by the literal's length
// first, so 20 digits with leading zeros are a BigInteger. "-" alone is 0.
func (p *jsonParser) parseInteger(s string) runtime.Value {
	l := len(s)
	maxLen := 19
	i := 0
	neg := false
	if l > 0 && s[0] == '-' {
		i, maxLen, neg = 1, 20, true
	}
	if l > maxLen {
		return bigInteger(s)
	}
	mustCheck := l == maxLen
	end := l
	if mustCheck {
		end = l - 1
	}
	var r int64 // accumulated negatively, as json-smart does
	for ; i < end; i++ {
		r = r*10 + int64('0'-int(s[i]))
	}
	if mustCheck {
		var big bool
		switch {
		case r > -922337203685477580:
			big = false
		case r < -922337203685477580:
			big = true
		case neg:
			big = s[end] > '8'
		default:
			big = s[end] > '7'
		}
		if big {
			return bigInteger(s)
		}
		r = r*10 + int64('0'-int(s[end]))
	}
	if neg {
		if r >= math.MinInt32 {
			return runtime.Int(int32(r))
		}
		return runtime.Long(r)
	}
	r = -r
	if r <= math.MaxInt32 {
		return runtime.Int(int32(r))
	}
	return runtime.Long(r)
}

func bigInteger(s string) runtime.Value {
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		b = new(big.Int)
	}
	return runtime.BigInt(b)
}

// parseFloat is json-smart 2.2's extractFloat with USE_HI_PRECISION_FLOAT:
// a literal longer than 18 characters is a BigDecimal, others a Double.
func (p *jsonParser) parseFloat(s string) runtime.Value {
	if len(s) > 18 {
		v, err := parseBigDecimal(s)
		if err != nil {
			p.err = err
			return runtime.Null
		}
		return v
	}
	if f, ok := shortDecimal(s); ok {
		return runtime.Double(f)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !isRangeErr(err) || !validJavaFloat(s) {
		p.err = &jsonError{class: "java.lang.NumberFormatException", msg: `For input string: "` + s + `"`}
		return runtime.Null
	}
	return runtime.Double(f)
}

// shortDecimal parses [-]digits[.digits] with at most 15 digits in all and
// at least one: the digits as an integer are exact in a float64, and so is
// the power of ten, so one division gives the correctly rounded value that
// Double.parseDouble (and strconv.ParseFloat) give. Anything else (an
// exponent, more digits) is left to ParseFloat.
func shortDecimal(s string) (float64, bool) {
	i, neg := 0, false
	if s != "" && s[0] == '-' {
		i, neg = 1, true
	}
	var n int64
	digits, decimals, dot := 0, 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int64(c-'0')
			digits++
			if dot {
				decimals++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	f := float64(n) / pow10[decimals]
	if neg {
		f = -f
	}
	return f, true
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// validJavaFloat: the tokens reaching here are [-]digits[.digits][E[+-]digits];
// Java wants at least one mantissa digit and exponent digits when there is an E.
func validJavaFloat(s string) bool {
	mantDigit := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			mantDigit = true
		case c == 'e' || c == 'E':
			exp := strings.TrimLeft(s[i+1:], "+-")
			return mantDigit && exp != ""
		}
	}
	return mantDigit
}

// parseBigDecimal is new java.math.BigDecimal(s) for the tokens json-smart
// hands it, with BigDecimal.toString()'s text.
func parseBigDecimal(s string) (runtime.Value, *jsonError) {
	neg := false
	t := s
	if t != "" && (t[0] == '-' || t[0] == '+') {
		neg = t[0] == '-'
		t = t[1:]
	}
	mant, exp := t, ""
	hasExp := false
	if i := strings.IndexAny(t, "eE"); i >= 0 {
		mant, exp, hasExp = t[:i], t[i+1:], true
	}
	if hasExp {
		e := strings.TrimLeft(exp, "+-")
		if e == "" || len(exp)-len(e) > 1 {
			// BigDecimal's parser runs off the end of its char array.
			n := strconv.Itoa(len(s))
			return runtime.Null, &jsonError{class: "java.lang.ArrayIndexOutOfBoundsException", msg: "Index " + n + " out of bounds for length " + n}
		}
	}
	intPart, frac := mant, ""
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		intPart, frac = mant[:i], mant[i+1:]
	}
	digits := intPart + frac
	if digits == "" {
		return runtime.Null, &jsonError{class: "java.lang.NumberFormatException", msg: "Character array is missing \"exponent\" mark 'e' or 'E'."}
	}
	scale := int64(len(frac))
	if hasExp {
		e, err := strconv.ParseInt(exp, 10, 32)
		if err != nil {
			return runtime.Null, &jsonError{class: "java.lang.NumberFormatException", msg: "Exponent overflow."}
		}
		scale -= e
	}
	coeff := strings.TrimLeft(digits, "0")
	if coeff == "" {
		coeff = "0"
	}
	return runtime.BigDec(javaBigDecimalString(neg && coeff != "0", coeff, scale)), nil
}

// javaBigDecimalString is BigDecimal.toString() for unscaled value coeff
// (decimal digits, no sign) and the given scale.
func javaBigDecimalString(neg bool, coeff string, scale int64) string {
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	adjusted := -scale + int64(len(coeff)-1)
	if scale >= 0 && adjusted >= -6 {
		if scale == 0 {
			b.WriteString(coeff)
			return b.String()
		}
		pad := scale - int64(len(coeff))
		if pad >= 0 {
			b.WriteString("0.")
			for range pad {
				b.WriteByte('0')
			}
			b.WriteString(coeff)
		} else {
			cut := int64(len(coeff)) - scale
			b.WriteString(coeff[:cut])
			b.WriteByte('.')
			b.WriteString(coeff[cut:])
		}
		return b.String()
	}
	b.WriteByte(coeff[0])
	if len(coeff) > 1 {
		b.WriteByte('.')
		b.WriteString(coeff[1:])
	}
	b.WriteByte('E')
	if adjusted > 0 {
		b.WriteByte('+')
	}
	b.WriteString(strconv.FormatInt(adjusted, 10))
	return b.String()
}
