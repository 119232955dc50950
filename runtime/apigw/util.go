package apigw

import (
	"encoding/binary"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/vtlc/vtlc/runtime"
)

// Util is $util: exactly the six documented functions (spec §5). Each takes
// one java.lang.String: an argument of another type finds no method (the
// call is null, so ""), as Velocity's method lookup does in the oracle; a
// null argument reaches the Java method (most then throw).
type Util struct{}

var theUtil = &Util{}

func (*Util) ClassName() string { return "vtloracle.ApiGateway$Util" }

// GetProperty: $util has no properties ($util.urlEncode without
// parentheses is undefined: toqoz-25).
func (*Util) GetProperty(string) (runtime.Value, bool) { return runtime.Null, false }

// String: $util prints as "" (toqoz-22).
func (*Util) String() string { return "" }

func npe() error { return &runtime.JavaError{Class: "java.lang.NullPointerException"} }

func illegalArgument(msg string) error {
	return &runtime.JavaError{Class: "java.lang.IllegalArgumentException", Message: msg}
}

func (*Util) CallMethod(name string, args []runtime.Value) (runtime.Value, bool, error) {
	if name == "toString" && len(args) == 0 {
		return runtime.String(""), true, nil
	}
	if len(args) != 1 || !(args[0].Kind() == runtime.KString || args[0].IsNull()) {
		return runtime.Null, false, nil
	}
	arg, isNull := args[0].AsString(), args[0].IsNull()
	switch name {
	case "escapeJavaScript":
		if isNull {
			return runtime.Null, true, nil
		}
		return runtime.String(EscapeJavaScript(arg)), true, nil
	case "parseJson":
		if isNull {
			return runtime.Null, true, npe()
		}
		v, err := parseJSON(arg)
		if err != nil {
			return runtime.Null, true, invalidJSON(err)
		}
		return v, true, nil
	case "urlEncode":
		if isNull {
			return runtime.Null, true, npe()
		}
		return runtime.String(URLEncode(arg)), true, nil
	case "urlDecode":
		if isNull {
			return runtime.Null, true, npe()
		}
		s, err := URLDecode(arg)
		if err != nil {
			return runtime.Null, true, err
		}
		return runtime.String(s), true, nil
	case "base64Encode":
		if isNull {
			return runtime.Null, true, npe()
		}
		return runtime.String(Base64Encode(arg)), true, nil
	case "base64Decode":
		if isNull {
			return runtime.Null, true, npe()
		}
		s, err := Base64Decode(arg)
		if err != nil {
			return runtime.Null, true, err
		}
		return runtime.String(s), true, nil
	}
	return runtime.Null, false, nil
}

// AppendCall writes the result of escapeJavaScript, urlEncode and
// base64Encode of a String straight into the output when the template
// prints it at once (runtime.Appender): the result string is never made.
// Everything else, a null argument included, goes through CallMethod.
func (*Util) AppendCall(dst []byte, name string, args []runtime.Value) ([]byte, bool, error) {
	if len(args) != 1 || args[0].Kind() != runtime.KString {
		return dst, false, nil
	}
	arg := args[0].AsString()
	switch name {
	case "escapeJavaScript":
		return appendEscapedJS(dst, arg), true, nil
	case "urlEncode":
		return appendURLEncoded(dst, arg), true, nil
	case "base64Encode":
		return appendBase64(dst, arg), true, nil
	}
	return dst, false, nil
}

// invalidJSON is what JsonSmartJsonProvider.parse throws: a ParseException
// wrapped in Jayway's InvalidJsonException; other exceptions pass as they are.
func invalidJSON(err error) error {
	je, ok := err.(*jsonError)
	if !ok {
		return err
	}
	if je.class == parseExceptionClass {
		return &runtime.JavaError{Class: "com.jayway.jsonpath.InvalidJsonException", Message: je.Error()}
	}
	return &runtime.JavaError{Class: je.class, Message: je.msg}
}

// EscapeJavaScript is Apache Commons Lang 2.6
// StringEscapeUtils.escapeJavaScript: ' " \ / escaped with a backslash,
// \b \t \n \f \r, other control characters as \u00XX, and every UTF-16 unit
// above U+007F as \uXXXX (upper-case hex; an astral character becomes its
// two surrogates). DEL (U+007F) is left alone.
func EscapeJavaScript(s string) string {
	i := 0
	for i < len(s) && jsPlain[s[i]] {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, 0, len(s)+len(s)/4+8)
	b = append(b, s[:i]...)
	b = appendEscapedJS(b, s[i:])
	return unsafe.String(&b[0], len(b)) // b is not used again
}

// jsPlain marks the bytes escapeJavaScript copies as they are: printable
// ASCII but for ' " \ and /.
var jsPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = true
	}
	for _, c := range `'"\/` {
		t[c] = false
	}
	return t
}()

const hexDigits = "0123456789ABCDEF"

func appendU(b []byte, u uint16) []byte {
	return append(b, '\\', 'u', hexDigits[u>>12], hexDigits[u>>8&15], hexDigits[u>>4&15], hexDigits[u&15])
}

func appendEscapedJS(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		// Copy the run of plain bytes in one append.
		j := i
		for j < len(s) && jsPlain[s[j]] {
			j++
		}
		b = append(b, s[i:j]...)
		if i = j; i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch c {
			case '\'', '"', '\\', '/':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\n':
				b = append(b, '\\', 'n')
			case '\t':
				b = append(b, '\\', 't')
			case '\f':
				b = append(b, '\\', 'f')
			case '\r':
				b = append(b, '\\', 'r')
			default:
				b = appendU(b, uint16(c)) // another control character
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r >= 0x10000 {
			hi, lo := utf16.EncodeRune(r)
			b = appendU(appendU(b, uint16(hi)), uint16(lo))
		} else {
			b = appendU(b, uint16(r))
		}
	}
	return b
}

// URLEncode is java.net.URLEncoder.encode(s, UTF-8): letters, digits and
// . - * _ as they are, space as +, every other byte of the UTF-8 encoding as
// %XX (upper-case).
func URLEncode(s string) string {
	i := 0
	for i < len(s) && urlSafe(s[i]) {
		i++
	}
	if i == len(s) {
		return s // safe bytes are ASCII: nothing to encode, nothing malformed
	}
	b := appendURLEncoded(make([]byte, 0, len(s)+len(s)/2+8), s)
	return unsafe.String(&b[0], len(b)) // b is not used again
}

func appendURLEncoded(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case urlSafe(c):
			b = append(b, c)
		case c == ' ':
			b = append(b, '+')
		default:
			b = append(b, '%', hexDigits[c>>4], hexDigits[c&15])
		}
	}
	return b
}

// urlSafeBytes are the bytes java.net.URLEncoder leaves as they are.
var urlSafeBytes = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '.' || c == '-' || c == '*' || c == '_'
	}
	return
}()

func urlSafe(c byte) bool { return urlSafeBytes[c] }

// URLDecode is java.net.URLDecoder.decode(s, UTF-8): + is a space, runs of
// %XX are decoded as UTF-8 (malformed bytes become U+FFFD), and a bad or
// truncated escape is an IllegalArgumentException. Like Integer.parseInt,
// the two "hex digits" may start with a sign: %+1 is byte 1, %-1 fails.
func URLDecode(s string) (string, error) {
	if strings.IndexByte(s, '+') < 0 && strings.IndexByte(s, '%') < 0 {
		return s, nil
	}
	// The decoded text is no longer than s: one allocation; the bytes of
	// a run of %XX escapes gather in a buffer on the stack.
	b := make([]byte, 0, len(s))
	var scratch [32]byte
	bytes := scratch[:0]
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '+':
			b = append(b, ' ')
			i++
		case '%':
			bytes = bytes[:0]
			for i+2 < len(s) && c == '%' {
				v, err := parseHexByte(s[i+1 : i+3])
				if err != nil {
					return "", err
				}
				bytes = append(bytes, v)
				i += 3
				if i < len(s) {
					c = s[i]
				}
			}
			if i < len(s) && c == '%' {
				return "", illegalArgument("URLDecoder: Incomplete trailing escape (%) pattern")
			}
			b = appendDecodedUTF8(b, bytes)
		default:
			b = append(b, c)
			i++
		}
	}
	if len(b) == 0 {
		return "", nil
	}
	return unsafe.String(&b[0], len(b)), nil // b is not used again
}

func parseHexByte(h string) (byte, error) {
	bad := func(idx int) error {
		return illegalArgument(`URLDecoder: Illegal hex characters in escape (%) pattern - Error at index ` + strconv.Itoa(idx) + ` in: "` + h + `"`)
	}
	neg := false
	digits := h
	if h[0] == '+' || h[0] == '-' {
		neg = h[0] == '-'
		digits = h[1:]
	}
	v := 0
	for k := 0; k < len(digits); k++ {
		d := strings.IndexByte("0123456789abcdef", lower(digits[k]))
		if d < 0 {
			return 0, bad(len(h) - len(digits) + k)
		}
		v = v*16 + d
	}
	if neg && v != 0 {
		return 0, illegalArgument("URLDecoder: Illegal hex characters in escape (%) pattern - negative value")
	}
	return byte(v), nil
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// appendDecodedUTF8 appends p decoded as UTF-8, each malformed byte as U+FFFD.
func appendDecodedUTF8(b, p []byte) []byte {
	for len(p) > 0 {
		r, n := utf8.DecodeRune(p)
		b = utf8.AppendRune(b, r)
		p = p[n:]
	}
	return b
}

const base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

var base64Index [256]int8

func init() {
	for i := range base64Index {
		base64Index[i] = -1
	}
	for i := 0; i < len(base64Alphabet); i++ {
		base64Index[base64Alphabet[i]] = int8(i)
	}
	base64Index['='] = -2
}

// Base64Encode is java.util.Base64's basic encoder over the UTF-8 bytes.
func Base64Encode(s string) string {
	if s == "" {
		return ""
	}
	b := appendBase64(nil, s)
	return unsafe.String(&b[0], len(b)) // b is not used again
}

func appendBase64(dst []byte, s string) []byte {
	// Java encodes the string's UTF-8 bytes; a malformed sequence (which a
	// Go string may hold, a Java one cannot) becomes U+FFFD first.
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	n := (len(s) + 2) / 3 * 4
	dst = slices.Grow(dst, n)
	encodeBase64(dst[len(dst):len(dst)+n], s)
	return dst[:len(dst)+n]
}

// base64Pairs maps a 12-bit value to its two base64 characters, first in
// the low byte: two lookups encode three bytes.
var base64Pairs = func() (t [4096]uint16) {
	for v := range t {
		t[v] = uint16(base64Alphabet[v>>6]) | uint16(base64Alphabet[v&63])<<8
	}
	return t
}()

// encodeBase64 writes the padded base64 of src into dst, which must be
// (len(src)+2)/3*4 bytes long. It is encoding/base64's StdEncoding.Encode
// two to three times as fast: six bytes become eight characters with one
// 8-byte load, four table lookups and one 8-byte store (encoding/base64
// does a lookup and a store per character), two such words per step. The
// Kinesis bench case spent a quarter of its time here. cloudwego/base64x
// is faster again (AVX2) but costs 0.8 ms of package init on every vtlc
// start (CPU detection and a loader that reaches into runtime internals),
// more than it saves a one-shot render. TestEncodeBase64 checks it against
// encoding/base64.
func encodeBase64(dst []byte, s string) {
	src := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	// Twelve bytes per step, as two overlapping 8-byte loads: one load's
	// low two bytes are the next group's, so 14 must remain.
	for len(src) >= 14 {
		x, y := binary.BigEndian.Uint64(src), binary.BigEndian.Uint64(src[6:])
		_ = dst[15]
		binary.LittleEndian.PutUint64(dst, base64Word(x))
		binary.LittleEndian.PutUint64(dst[8:], base64Word(y))
		src, dst = src[12:], dst[16:]
	}
	for len(src) >= 3 {
		x := uint(src[0])<<16 | uint(src[1])<<8 | uint(src[2])
		binary.LittleEndian.PutUint32(dst, uint32(base64Pairs[x>>12])|uint32(base64Pairs[x&0xFFF])<<16)
		src, dst = src[3:], dst[4:]
	}
	switch len(src) {
	case 1:
		binary.LittleEndian.PutUint32(dst, uint32(base64Pairs[uint(src[0])<<4])|'='<<16|'='<<24)
	case 2:
		x := uint(src[0])<<16 | uint(src[1])<<8
		binary.LittleEndian.PutUint32(dst, uint32(base64Pairs[x>>12])|uint32(base64Alphabet[x>>6&63])<<16|'='<<24)
	}
}

// base64Word is the eight characters of the top six bytes of x.
func base64Word(x uint64) uint64 {
	return uint64(base64Pairs[x>>52]) | uint64(base64Pairs[x>>40&0xFFF])<<16 |
		uint64(base64Pairs[x>>28&0xFFF])<<32 | uint64(base64Pairs[x>>16&0xFFF])<<48
}

// Base64Decode is java.util.Base64.getDecoder().decode(s) read as UTF-8:
// the string is taken as ISO-8859-1 bytes (other characters become '?'),
// padding is optional but must be right when present, and anything else is
// an IllegalArgumentException with Java's message.
func Base64Decode(s string) (string, error) {
	src := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xFF {
			r = '?'
		}
		src = append(src, byte(r))
	}
	if len(src) == 1 {
		return "", illegalArgument("Input byte[] should at least have 2 bytes for base64 bytes")
	}
	dst := make([]byte, 0, len(src)*3/4+2)
	bits, shift := uint32(0), 18
	sp := 0
	for sp < len(src) {
		c := src[sp]
		sp++
		v := base64Index[c]
		if v < 0 {
			if v == -2 {
				if shift == 6 && (sp == len(src) || func() bool { sp++; return src[sp-1] != '=' }()) || shift == 18 {
					return "", illegalArgument("Input byte array has wrong 4-byte ending unit")
				}
				break
			}
			return "", illegalArgument("Illegal base64 character " + javaByteHex(c))
		}
		bits |= uint32(v) << shift
		shift -= 6
		if shift < 0 {
			dst = append(dst, byte(bits>>16), byte(bits>>8), byte(bits))
			shift, bits = 18, 0
		}
	}
	switch shift {
	case 6:
		dst = append(dst, byte(bits>>16))
	case 0:
		dst = append(dst, byte(bits>>16), byte(bits>>8))
	case 12:
		return "", illegalArgument("Last unit does not have enough valid bits")
	}
	if sp < len(src) {
		return "", illegalArgument("Input byte array has incorrect ending byte at " + strconv.Itoa(sp))
	}
	return string(appendDecodedUTF8(nil, dst)), nil
}

// javaByteHex is Integer.toString(b, 16) of a signed Java byte.
func javaByteHex(c byte) string {
	if c >= 0x80 {
		return "-" + strconv.FormatInt(int64(256-int(c)), 16)
	}
	return strconv.FormatInt(int64(c), 16)
}
