package runtime

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// String methods that count code points or compare regions, in UTF-16
// units as Java does. Fixture: conformance/vtlc/string-codepoints.

// stringCodePoints is codePointAt, codePointBefore, codePointCount,
// subSequence, contentEquals, regionMatches and indent; ok false when
// name and args are none of those.
func stringCodePoints(s string, name string, args []Value) (Value, bool, error) {
	switch {
	case len(args) == 1 && (name == "codePointAt" || name == "codePointBefore"):
		i, ok := argInt(args[0])
		if !ok {
			return Null, false, nil
		}
		j := newJstr(s)
		if name == "codePointAt" {
			if i < 0 || i >= j.len() {
				return Null, true, sioobe("index " + strconv.Itoa(i) + ", length " + strconv.Itoa(j.len()))
			}
			return Int(codePointAt(j, i, j.len())), true, nil
		}
		if i < 1 || i > j.len() {
			return Null, true, sioobe("String index out of range: " + strconv.Itoa(i))
		}
		return Int(codePointBefore(j, i)), true, nil
	case len(args) == 2 && name == "codePointCount":
		b, ok1 := argInt(args[0])
		e, ok2 := argInt(args[1])
		if !ok1 || !ok2 {
			return Null, false, nil
		}
		j := newJstr(s)
		if b < 0 || b > e || e > j.len() {
			return Null, true, javaErr("java.lang.IndexOutOfBoundsException", "")
		}
		n := 0
		for i := b; i < e; i++ {
			if i+1 < e && isHigh(j.at(i)) && isLow(j.at(i+1)) {
				i++
			}
			n++
		}
		return Int(int32(n)), true, nil
	case len(args) == 2 && name == "subSequence": // substring(b, e)
		return stringMethod(String(s), "substring", args)
	case len(args) == 1 && name == "contentEquals":
		switch args[0].k {
		case KNull:
			return Null, true, javaErr("java.lang.NullPointerException", `Cannot invoke "java.lang.CharSequence.length()" because "cs" is null`)
		case KString:
		default:
			return Null, false, nil // a StringBuffer or other CharSequence cannot be made in a template
		}
		return Bool(args[0].str() == s), true, nil
	case name == "regionMatches" && (len(args) == 4 || len(args) == 5):
		ignoreCase := false
		if len(args) == 5 {
			if args[0].k != KBool {
				return Null, false, nil
			}
			ignoreCase, args = args[0].AsBool(), args[1:]
		}
		t, ok0 := args[1], args[1].k == KString
		to, ok1 := argInt(args[0])
		oo, ok2 := argInt(args[2])
		n, ok3 := argInt(args[3])
		if !ok0 || !ok1 || !ok2 || !ok3 {
			if ok1 && ok2 && ok3 && t.k == KNull {
				// Java 17: without ignoreCase, other.value is read first;
				// with it, the offsets are checked first, then
				// other.length() is called (the helpful messages name them).
				if !ignoreCase {
					return Null, true, javaErr("java.lang.NullPointerException", `Cannot read field "value" because "other" is null`)
				}
				if oo < 0 || to < 0 || int64(to) > int64(newJstr(s).len())-int64(n) {
					return Bool(false), true, nil
				}
				return Null, true, javaErr("java.lang.NullPointerException", `Cannot invoke "String.length()" because "other" is null`)
			}
			return Null, false, nil
		}
		return Bool(regionMatches(newJstr(s), to, newJstr(t.str()), oo, n, ignoreCase)), true, nil
	case len(args) == 1 && name == "indent":
		n, ok := argInt(args[0])
		if !ok {
			return Null, false, nil
		}
		return String(javaIndent(s, n)), true, nil
	}
	return Null, false, nil
}

func isHigh(c uint16) bool { return c >= 0xD800 && c < 0xDC00 }
func isLow(c uint16) bool  { return c >= 0xDC00 && c < 0xE000 }

// codePointAt is the code point at i: a surrogate pair read whole when
// both halves are before limit.
func codePointAt(j jstr, i, limit int) int32 {
	c := j.at(i)
	if isHigh(c) && i+1 < limit && isLow(j.at(i+1)) {
		return int32(utf16.DecodeRune(rune(c), rune(j.at(i+1))))
	}
	return int32(c)
}

// codePointBefore is the code point ending just before i.
func codePointBefore(j jstr, i int) int32 {
	c := j.at(i - 1)
	if isLow(c) && i-2 >= 0 && isHigh(j.at(i-2)) {
		return int32(utf16.DecodeRune(rune(j.at(i-2)), rune(c)))
	}
	return int32(c)
}

// regionMatches is String.regionMatches: false for a region out of
// either string; with ignoreCase, units equal after Character.toUpperCase
// or, failing that, after toLowerCase of those.
func regionMatches(j jstr, to int, t jstr, oo, n int, ignoreCase bool) bool {
	if oo < 0 || to < 0 || int64(to) > int64(j.len())-int64(n) || int64(oo) > int64(t.len())-int64(n) {
		return false
	}
	for k := 0; k < n; k++ {
		a, b := j.at(to+k), t.at(oo+k)
		if a == b {
			continue
		}
		if !ignoreCase {
			return false
		}
		ua, ub := upperUnit(a), upperUnit(b)
		if ua == ub || lowerUnit(ua) == lowerUnit(ub) {
			continue
		}
		return false
	}
	return true
}

// upperUnit and lowerUnit are Character.toUpperCase(char) and
// toLowerCase(char): a unit whose case mapping leaves the BMP or takes
// several units stays as it is.
func upperUnit(c uint16) uint16 { return mapUnit(c, strings.ToUpper) }
func lowerUnit(c uint16) uint16 { return mapUnit(c, strings.ToLower) }

func mapUnit(c uint16, f func(string) string) uint16 {
	if utf16.IsSurrogate(rune(c)) {
		return c
	}
	m := []rune(f(string(rune(c))))
	if len(m) != 1 || m[0] > 0xFFFF {
		return c
	}
	return uint16(m[0])
}

// javaIndent is String.indent(n) (Java 12): the lines (split at \n, \r or
// \r\n) each with n spaces added, or up to -n leading white space
// characters removed, joined with \n and ended with one.
func javaIndent(s string, n int) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexAny(s, "\r\n")
		line := s
		if i < 0 {
			s = ""
		} else {
			line = s[:i]
			if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			s = s[i+1:]
		}
		switch {
		case n > 0:
			b.WriteString(strings.Repeat(" ", n))
		case n < 0:
			k := 0 // bytes of the white space removed
			for removed := 0; removed < -n && k < len(line); removed++ {
				r, size := utf8.DecodeRuneInString(line[k:])
				if !JavaIsWhitespace(r) {
					break
				}
				k += size
			}
			line = line[k:]
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}
