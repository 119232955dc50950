package runtime

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Java strings are UTF-16: length(), charAt() and every index count UTF-16
// code units. A jstr holds a string with a fast path for ASCII, where byte
// offsets are those indices; other strings are converted to UTF-16 once.

type jstr struct {
	s     string
	u     []uint16 // nil when s is ASCII
	ascii bool
}

func newJstr(s string) jstr {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return jstr{s: s, u: utf16.Encode([]rune(s))}
		}
	}
	return jstr{s: s, ascii: true}
}

func (j jstr) len() int {
	if j.ascii {
		return len(j.s)
	}
	return len(j.u)
}

func (j jstr) at(i int) uint16 {
	if j.ascii {
		return uint16(j.s[i])
	}
	return j.u[i]
}

// sub is the substring of code units [b, e).
func (j jstr) sub(b, e int) string {
	if j.ascii {
		return j.s[b:e]
	}
	return string(utf16.Decode(j.u[b:e]))
}

// indexOf is String.indexOf(str, from).
func (j jstr) indexOf(t jstr, from int) int {
	n, m := j.len(), t.len()
	if from < 0 {
		from = 0
	}
	if from >= n {
		if m == 0 {
			return n
		}
		return -1
	}
	if j.ascii && t.ascii {
		i := strings.Index(j.s[from:], t.s)
		if i < 0 {
			return -1
		}
		return i + from
	}
	for i := from; i+m <= n; i++ {
		if j.matchAt(t, i) {
			return i
		}
	}
	return -1
}

// lastIndexOf is String.lastIndexOf(str, from).
func (j jstr) lastIndexOf(t jstr, from int) int {
	n, m := j.len(), t.len()
	if from > n-m {
		from = n - m
	}
	for i := from; i >= 0; i-- {
		if j.matchAt(t, i) {
			return i
		}
	}
	return -1
}

func (j jstr) matchAt(t jstr, i int) bool {
	m := t.len()
	if i < 0 || i+m > j.len() {
		return false
	}
	for k := 0; k < m; k++ {
		if j.at(i+k) != t.at(k) {
			return false
		}
	}
	return true
}

// indexOfChar is String.indexOf(int ch, from) for a code point.
func (j jstr) indexOfChar(ch int32, from int) int {
	return j.indexOf(newJstr(string(rune(ch))), from)
}

func (j jstr) lastIndexOfChar(ch int32, from int) int {
	return j.lastIndexOf(newJstr(string(rune(ch))), from)
}

// charValue is the Character a code unit is (a lone surrogate stays a
// surrogate rune and prints as '?', as Java's UTF-8 encoder does).
func charText(c rune) string {
	if c >= 0xd800 && c <= 0xdfff {
		return "?"
	}
	return string(c)
}

// compareUnits is String.compareTo: the first differing code unit, else
// the length difference.
func compareUnits(a, b jstr, fold bool) int {
	n, m := a.len(), b.len()
	for i := 0; i < n && i < m; i++ {
		x, y := a.at(i), b.at(i)
		if x != y && fold {
			x = uint16(unicode.ToLower(unicode.ToUpper(rune(x))))
			y = uint16(unicode.ToLower(unicode.ToUpper(rune(y))))
		}
		if x != y {
			return int(x) - int(y)
		}
	}
	return n - m
}

// javaTrim is String.trim: strips code units <= ' ' from both ends.
func javaTrim(s string) string {
	b, e := 0, len(s)
	for b < e && s[b] <= ' ' {
		b++
	}
	for e > b && s[e-1] <= ' ' {
		e--
	}
	return s[b:e]
}

// javaUpper and javaLower are toUpperCase()/toLowerCase() in an English
// locale: Unicode case mapping, with ß upper-casing to "SS" as Java does.
func javaUpper(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('a' <= c && c <= 'z') {
			u := strings.ToUpper(s)
			if strings.ContainsRune(u, 'ß') {
				u = strings.ReplaceAll(u, "ß", "SS")
			}
			return u
		}
	}
	return s
}

func javaLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// JavaIsWhitespace is Character.isWhitespace: what String.strip() and
// isBlank() remove and json-smart trims from an unquoted token. Unicode's
// space separators other than the no-break ones (U+00A0, U+2007, U+202F),
// the line and paragraph separators, and the ASCII controls \t \n \v \f
// \r and U+001C–U+001F.
func JavaIsWhitespace(r rune) bool {
	switch {
	case r <= ' ':
		return r == ' ' || (r >= '\t' && r <= '\r') || (r >= 0x1C && r <= 0x1F)
	case r < 0x1680:
		return false
	case r == 0x1680, r >= 0x2000 && r <= 0x2006, r >= 0x2008 && r <= 0x200A,
		r == 0x2028, r == 0x2029, r == 0x205F, r == 0x3000:
		return true
	}
	return false
}
