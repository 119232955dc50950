package runtime

import (
	"unicode/utf8"
)

// AppendJSON writes v as json-smart 2.x's JSONValue.toJSONString does with
// its default style (what JSONArray.toString() and $input.json print):
// compact, keys and strings quoted, `/` written as `\/`, numbers and
// booleans as Java prints them, non-finite doubles as null, a map as a JSON
// object whatever its Java class, any collection or array as a JSON array.
// Objects json-smart would write through bean introspection (a Character, a
// host object) print as "{}" (oracle probe in json_test.go).
func AppendJSON(dst []byte, v Value) []byte { return appendJSON(dst, v, 0) }

func appendJSON(dst []byte, v Value, depth int) []byte {
	if depth > maxTextDepth {
		return append(dst, "..."...)
	}
	switch v.k {
	case KNull:
		return append(dst, "null"...)
	case KString:
		return AppendJSONString(dst, v.str())
	case KDouble:
		if v.IsFloatNaN() {
			return append(dst, "NaN"...)
		}
		f := v.AsDouble()
		if f != f || f > 1.7976931348623157e308 || f < -1.7976931348623157e308 {
			return append(dst, "null"...)
		}
		return AppendJavaDouble(dst, f)
	case KInt, KLong, KBool, KBigInt, KBigDec:
		return AppendText(dst, v)
	case KList, KArray:
		l := v.AsList()
		dst = append(dst, '[')
		for i, e := range l.Items {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSON(dst, e, depth+1)
		}
		return append(dst, ']')
	case KMap:
		m := v.AsMap()
		dst = append(dst, '{')
		for i, e := range m.entries {
			if i > 0 {
				dst = append(dst, ',')
			}
			if e.Key.k == KNull {
				dst = append(dst, "null"...)
			} else {
				dst = AppendJSONString(dst, ToText(e.Key))
			}
			dst = append(dst, ':')
			dst = appendJSON(dst, e.Value, depth+1)
		}
		return append(dst, '}')
	}
	return append(dst, "{}"...)
}

const hexUpper = "0123456789ABCDEF"

// AppendJSONString appends s as a quoted JSON string with json-smart's
// escaping (JStylerObj.ESCAPE4Web): `"` `\` `/` escaped, \b \f \n \r \t,
// other control characters and U+007F–U+009F and U+2000–U+20FF as \uXXXX
// with upper-case hex; everything else as is.
func AppendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	dst = appendJSONEscaped(dst, s)
	return append(dst, '"')
}

func appendJSONEscaped(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			var esc string
			switch c {
			case '"':
				esc = `\"`
			case '\\':
				esc = `\\`
			case '/':
				esc = `\/`
			case '\b':
				esc = `\b`
			case '\f':
				esc = `\f`
			case '\n':
				esc = `\n`
			case '\r':
				esc = `\r`
			case '\t':
				esc = `\t`
			default:
				if c >= 0x20 && c != 0x7f {
					i++
					continue
				}
			}
			dst = append(dst, s[start:i]...)
			if esc != "" {
				dst = append(dst, esc...)
			} else {
				dst = appendU4(dst, rune(c))
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r >= 0x80 && r <= 0x9f) || (r >= 0x2000 && r <= 0x20ff) {
			dst = append(dst, s[start:i]...)
			dst = appendU4(dst, r)
			start = i + size
		}
		i += size
	}
	return append(dst, s[start:]...)
}

func appendU4(dst []byte, r rune) []byte {
	return append(dst, '\\', 'u', hexUpper[r>>12&0xf], hexUpper[r>>8&0xf], hexUpper[r>>4&0xf], hexUpper[r&0xf])
}
