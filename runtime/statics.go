package runtime

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// integerStatic is java.lang.Integer's static methods, which Velocity's
// introspection lets a template call on any Integer instance
// (`$i.toHexString(23)`; fixture: velocity/escapev-substitute-static-me-01).
func integerStatic(name string, args []Value) (Value, bool, error) {
	switch len(args) {
	case 1:
		a := args[0]
		if a.k == KInt {
			u := uint64(uint32(a.AsInt()))
			if v, ok := unsignedString(name, u); ok {
				return v, true, nil
			}
			if v, ok := integralBits(name, u, 32, wrapInt); ok {
				return v, true, nil
			}
			switch name {
			case "toUnsignedLong":
				return Long(int64(u)), true, nil
			case "valueOf":
				return a, true, nil
			case "signum":
				return Int(int32(cmpInt(int64(a.AsInt()), 0))), true, nil
			case "toString":
				return String(strconv.Itoa(int(a.AsInt()))), true, nil
			}
		}
		if a.k == KString && (name == "parseInt" || name == "valueOf") {
			return parseJavaInt(a.str(), 10)
		}
		if a.k == KString && name == "decode" {
			return decodeJava(a.str(), parseJavaInt)
		}
	case 2:
		a, b := args[0], args[1]
		if a.k == KString && b.k == KInt && (name == "parseInt" || name == "valueOf") {
			return parseJavaInt(a.str(), int(b.AsInt()))
		}
		if a.k == KInt && b.k == KInt && name == "toString" {
			return String(radixString(int64(a.AsInt()), int(b.AsInt()))), true, nil
		}
		if a.k == KInt && b.k == KInt {
			if v, ok := integralPair(name, a.AsInt(), b.AsInt(), Int); ok {
				return v, true, nil
			}
			x, y := uint64(uint32(a.AsInt())), uint64(uint32(b.AsInt()))
			if v, ok := integralShift(name, x, int(b.AsInt()), 32, wrapInt); ok {
				return v, true, nil
			}
			if name == "toUnsignedString" {
				return String(strconv.FormatUint(x, javaRadix(int(b.AsInt())))), true, nil
			}
			if v, ok, err := unsignedPair(name, x, y, wrapInt); ok {
				return v, true, err
			}
		}
	}
	return Null, false, nil
}

func wrapInt(u uint64) Value  { return Int(int32(uint32(u))) }
func wrapLong(u uint64) Value { return Long(int64(u)) }

// widenLong is a long parameter: Velocity 1.7 passes an Integer to it
// (primitive widening).
func widenLong(v Value) (int64, bool) {
	switch v.k {
	case KInt, KLong:
		return v.AsLong(), true
	}
	return 0, false
}

// widenDouble is a double parameter: an Integer, Long or Double.
func widenDouble(v Value) (float64, bool) {
	switch v.k {
	case KInt, KLong:
		return float64(v.AsLong()), true
	case KDouble:
		return v.AsDouble(), true
	}
	return 0, false
}

// longStatic is java.lang.Long's static methods, called on a Long.
func longStatic(name string, args []Value) (Value, bool, error) {
	switch len(args) {
	case 1:
		a := args[0]
		if x, ok := widenLong(a); ok {
			if v, ok := unsignedString(name, uint64(x)); ok {
				return v, true, nil
			}
			if v, ok := integralBits(name, uint64(x), 64, wrapLong); ok {
				return v, true, nil
			}
			switch name {
			case "valueOf":
				return Long(x), true, nil
			case "signum":
				return Int(int32(cmpInt(x, 0))), true, nil
			case "toString":
				return String(strconv.FormatInt(x, 10)), true, nil
			}
		}
		if a.k == KString && (name == "parseLong" || name == "valueOf") {
			return parseJavaLong(a.str(), 10)
		}
		if a.k == KString && name == "decode" {
			return decodeJava(a.str(), parseJavaLong)
		}
	case 2:
		a, b := args[0], args[1]
		if a.k == KString && b.k == KInt && (name == "parseLong" || name == "valueOf") {
			return parseJavaLong(a.str(), int(b.AsInt()))
		}
		if x, ok := widenLong(a); ok && b.k == KInt {
			switch name {
			case "toString":
				return String(radixString(x, int(b.AsInt()))), true, nil
			case "toUnsignedString":
				return String(strconv.FormatUint(uint64(x), javaRadix(int(b.AsInt())))), true, nil
			}
			if v, ok := integralShift(name, uint64(x), int(b.AsInt()), 64, wrapLong); ok {
				return v, true, nil
			}
		}
		x, ok1 := widenLong(a)
		y, ok2 := widenLong(b)
		if ok1 && ok2 {
			if v, ok := integralPair(name, x, y, Long); ok {
				return v, true, nil
			}
			if v, ok, err := unsignedPair(name, uint64(x), uint64(y), wrapLong); ok {
				return v, true, err
			}
		}
	}
	return Null, false, nil
}

// decodeJava is Integer.decode / Long.decode (with parse their
// parseInt / parseLong): a sign, then 0x, 0X or # for hexadecimal or a
// leading 0 for octal.
func decodeJava(s string, parse func(string, int) (Value, bool, error)) (Value, bool, error) {
	nfe := func(msg string) (Value, bool, error) {
		return Null, true, javaErr("java.lang.NumberFormatException", msg)
	}
	if s == "" {
		return nfe("Zero length string")
	}
	i, neg, radix := 0, false, 10
	if s[0] == '-' || s[0] == '+' {
		i, neg = 1, s[0] == '-'
	}
	switch rest := s[i:]; {
	case strings.HasPrefix(rest, "0x") || strings.HasPrefix(rest, "0X"):
		i, radix = i+2, 16
	case strings.HasPrefix(rest, "#"):
		i, radix = i+1, 16
	case strings.HasPrefix(rest, "0") && len(s) > i+1:
		i, radix = i+1, 8
	}
	if strings.HasPrefix(s[i:], "-") || strings.HasPrefix(s[i:], "+") {
		return nfe("Sign character in wrong position")
	}
	// Parsing the digits with their sign lets the most negative value,
	// whose magnitude does not fit, through (Java parses once without the
	// sign and retries with it; the error names the signed digits).
	digits := s[i:]
	if neg {
		digits = "-" + digits
	}
	return parse(digits, radix)
}

// parseJavaLong is Long.parseLong.
func parseJavaLong(s string, radix int) (Value, bool, error) {
	n, err := parseJavaInteger(s, radix, 64)
	if err != nil {
		return Null, true, err
	}
	return Long(n), true, nil
}

// radixNote is what Java 17's NumberFormatException.forInputString adds
// for a radix other than 10.
func radixNote(s string, radix int) string {
	if radix == 10 {
		return ""
	}
	return " under radix " + strconv.Itoa(radix)
}

// doubleStatic is java.lang.Double's static methods, called on a Double.
func doubleStatic(name string, args []Value) (Value, bool, error) {
	switch len(args) {
	case 1:
		a := args[0]
		if a.k == KString && (name == "parseDouble" || name == "valueOf") {
			return parseJavaDouble(a.str())
		}
		if v, ok := doubleBits(name, a); ok {
			return v, true, nil
		}
		if x, ok := widenDouble(a); ok {
			switch name {
			case "valueOf":
				return Double(x), true, nil
			case "isNaN":
				return Bool(x != x), true, nil
			case "isInfinite":
				return Bool(math.IsInf(x, 0)), true, nil
			case "isFinite":
				return Bool(!math.IsInf(x, 0) && x == x), true, nil
			case "toString":
				return String(string(AppendJavaDouble(nil, x))), true, nil
			}
		}
	case 2:
		x, ok1 := widenDouble(args[0])
		y, ok2 := widenDouble(args[1])
		if ok1 && ok2 {
			switch name {
			case "max":
				return Double(javaMaxDouble(x, y)), true, nil
			case "min":
				return Double(javaMinDouble(x, y)), true, nil
			case "sum":
				return Double(x + y), true, nil
			case "compare":
				return Int(int32(compareDouble(x, y))), true, nil
			}
		}
	}
	return Null, false, nil
}

// javaMaxDouble is Math.max: NaN if either is NaN, and 0.0 above -0.0.
func javaMaxDouble(x, y float64) float64 {
	switch {
	case x != x || y != y:
		return canonicalNaN
	case x == 0 && y == 0:
		if math.Signbit(x) {
			return y
		}
		return x
	}
	return max(x, y)
}

// javaMinDouble is Math.min: NaN if either is NaN, and -0.0 below 0.0.
func javaMinDouble(x, y float64) float64 {
	switch {
	case x != x || y != y:
		return canonicalNaN
	case x == 0 && y == 0:
		if math.Signbit(x) {
			return x
		}
		return y
	}
	return min(x, y)
}

// compareDouble is Double.compare: -0.0 below 0.0, NaN above everything
// and equal to itself.
func compareDouble(x, y float64) int {
	bits := func(f float64) int64 {
		if f != f {
			return 0x7ff8000000000000
		}
		b := int64(math.Float64bits(f))
		if b < 0 {
			b ^= 0x7fffffffffffffff // negative doubles order backwards
		}
		return b
	}
	return cmpInt(bits(x), bits(y))
}

// parseJavaDouble is Double.parseDouble: surrounding whitespace (<= ' ')
// trimmed, an optional f/F/d/D suffix, "Infinity" and "NaN" spelled so,
// hexadecimal with a binary exponent; anything else (Go's "inf", "1_0")
// a NumberFormatException.
func parseJavaDouble(s string) (Value, bool, error) {
	t := javaTrim(s)
	if t == "" {
		return Null, true, javaErr("java.lang.NumberFormatException", "empty String")
	}
	body := strings.TrimLeft(t, "+-")
	if sign := t[:len(t)-len(body)]; len(sign) <= 1 {
		switch body {
		case "NaN":
			return Double(canonicalNaN), true, nil
		case "Infinity":
			if sign == "-" {
				return Double(math.Inf(-1)), true, nil
			}
			return Double(math.Inf(1)), true, nil
		}
		if n := len(body); n > 1 && strings.ContainsRune("fFdD", rune(body[n-1])) {
			body = body[:n-1]
		}
		if javaFloatLiteral(body) {
			f, err := strconv.ParseFloat(sign+body, 64)
			if err == nil || errors.Is(err, strconv.ErrRange) {
				return Double(f), true, nil
			}
		}
	}
	return Null, true, javaErr("java.lang.NumberFormatException", "For input string: \""+s+"\"")
}

// javaFloatLiteral reports whether s (no sign, no suffix) is a decimal
// float of Java's grammar (digits, a point, an exponent; a digit on one
// side of the point) or a hexadecimal one with its p exponent.
func javaFloatLiteral(s string) bool {
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		return !strings.ContainsRune(s, '_') && strings.ContainsAny(s, "pP")
	}
	i, digits := 0, 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i, digits = i+1, digits+1
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i, digits = i+1, digits+1
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		e := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == e {
			return false
		}
	}
	return i == len(s)
}

// booleanStatic is java.lang.Boolean's static methods, called on a Boolean.
func booleanStatic(name string, args []Value) (Value, bool, error) {
	switch len(args) {
	case 1:
		a := args[0]
		switch name {
		case "parseBoolean": // parseBoolean(String): null is false
			if argStr(a) {
				return Bool(a.k == KString && equalsIgnoreCase(a.str(), "true")), true, nil
			}
		case "valueOf": // valueOf(String), valueOf(boolean); null is ambiguous
			switch a.k {
			case KString:
				return Bool(equalsIgnoreCase(a.str(), "true")), true, nil
			case KBool:
				return a, true, nil
			}
		case "toString":
			if a.k == KBool {
				return String(ToText(a)), true, nil
			}
		}
	case 2:
		a, b := args[0], args[1]
		if a.k == KBool && b.k == KBool {
			x, y := a.n != 0, b.n != 0
			switch name {
			case "logicalAnd":
				return Bool(x && y), true, nil
			case "logicalOr":
				return Bool(x || y), true, nil
			case "logicalXor":
				return Bool(x != y), true, nil
			case "compare":
				return Int(int32(int(a.n) - int(b.n))), true, nil
			}
		}
	}
	return Null, false, nil
}

// unsignedString is toHexString, toOctalString and toBinaryString of
// Integer (u holds the int's 32 bits) and Long.
func unsignedString(name string, u uint64) (Value, bool) {
	switch name {
	case "toHexString":
		return String(strconv.FormatUint(u, 16)), true
	case "toOctalString":
		return String(strconv.FormatUint(u, 8)), true
	case "toBinaryString":
		return String(strconv.FormatUint(u, 2)), true
	}
	return Null, false
}

// integralPair is the max, min, sum and compare statics of Integer (T
// int32, wrap Int) and Long (int64, Long); compare is an int either way.
func integralPair[T int32 | int64](name string, x, y T, wrap func(T) Value) (Value, bool) {
	switch name {
	case "max":
		return wrap(max(x, y)), true
	case "min":
		return wrap(min(x, y)), true
	case "sum":
		return wrap(x + y), true // wraps around, as Java's int and long do
	case "compare":
		return Int(int32(cmpInt(int64(x), int64(y)))), true
	}
	return Null, false
}

func cmpInt(x, y int64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// radixString is Integer.toString(i, radix) / Long.toString: a radix
// outside 2–36 is 10.
func radixString(x int64, radix int) string { return strconv.FormatInt(x, javaRadix(radix)) }

// javaRadix is the radix toString(i, radix) and toUnsignedString use: one
// outside 2–36 is 10.
func javaRadix(radix int) int {
	if radix < 2 || radix > 36 {
		return 10
	}
	return radix
}

// javaDigits rewrites the digits Java's Character.digit also accepts —
// any Unicode decimal digit, fullwidth Latin letters — as ASCII, so that
// strconv can parse what parseInt and parseLong do ("١٢" is 12).
func javaDigits(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x80:
			return r
		case r >= 0xFF21 && r <= 0xFF3A:
			return 'a' + r - 0xFF21
		case r >= 0xFF41 && r <= 0xFF5A:
			return 'a' + r - 0xFF41
		}
		// Each range of decimal digits in Unicode's Nd table starts at a
		// zero (runs of several scripts' digits are multiples of ten).
		for _, rg := range unicode.Nd.R16 {
			if r >= rune(rg.Lo) && r <= rune(rg.Hi) && rg.Stride == 1 {
				return '0' + (r-rune(rg.Lo))%10
			}
		}
		for _, rg := range unicode.Nd.R32 {
			if r >= rune(rg.Lo) && r <= rune(rg.Hi) && rg.Stride == 1 {
				return '0' + (r-rune(rg.Lo))%10
			}
		}
		return utf8.RuneError // not a digit: the parse fails
	}, s)
}

// parseJavaInt is Integer.parseInt: an optional sign, digits of the radix,
// in int range; anything else is a NumberFormatException.
func parseJavaInt(s string, radix int) (Value, bool, error) {
	n, err := parseJavaInteger(s, radix, 32)
	if err != nil {
		return Null, true, err // found, and it threw
	}
	return Int(int32(n)), true, nil
}

// parseJavaInteger is parseInt (bits 32) and parseLong (bits 64).
func parseJavaInteger(s string, radix, bits int) (int64, error) {
	digits := strings.TrimPrefix(strings.TrimPrefix(s, "+"), "-")
	if radix >= 2 && radix <= 36 && digits != "" && !strings.HasPrefix(digits, "+") && !strings.HasPrefix(digits, "-") {
		if n, err := strconv.ParseInt(javaDigits(s), radix, bits); err == nil {
			return n, nil
		}
	}
	return 0, javaErr("java.lang.NumberFormatException", "For input string: \""+s+"\""+radixNote(s, radix))
}

// listIterator is java.util.Iterator over a list: `$list.iterator()`
// (fixture: velocity/tpl17-foreach-introspect).
type listIterator struct {
	list *List
	i    int
}

func (it *listIterator) ClassName() string { return "java.util.ArrayList$Itr" }
func (it *listIterator) String() string    { return "java.util.ArrayList$Itr@1b6d3586" }
func (it *listIterator) GetProperty(string) (Value, bool) {
	return Null, false
}

func (it *listIterator) CallMethod(name string, args []Value) (Value, bool, error) {
	if len(args) != 0 {
		return Null, false, nil
	}
	switch name {
	case "hasNext":
		return Bool(it.i < len(it.list.Items)), true, nil
	case "next":
		if it.i >= len(it.list.Items) {
			return Null, true, javaErr("java.util.NoSuchElementException", "")
		}
		it.i++
		return it.list.Items[it.i-1], true, nil
	}
	return Null, false, nil
}

// Items lets #foreach iterate what is left of the iterator.
func (it *listIterator) Items() []Value {
	rest := it.list.Items[it.i:]
	it.i = len(it.list.Items)
	return rest
}
