package runtime

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// maxTextDepth bounds how deep AppendText and AppendJSON descend into nested
// containers. Java recurses until a StackOverflowError (a list inside a map
// inside that list, `velocity` probe in format_test.go); we stop and print
// "..." instead, so that a cyclic structure cannot crash the process.
const maxTextDepth = 200

// AppendText appends Java's String.valueOf(v): the text a reference renders
// as. Null appends "null" (what Java prints for a null element inside a
// collection); callers rendering a reference handle null themselves.
func AppendText(dst []byte, v Value) []byte {
	switch v.k {
	case KString:
		return append(dst, v.str()...)
	case KInt, KLong, KBool, KDouble, KChar, KNull:
		return appendScalar(dst, v)
	}
	return appendTextSlow(dst, v, 0)
}

// appendScalar is AppendText for values without references. It is kept
// apart from the recursive container printers so that a stack buffer
// passed to it does not escape.
func appendScalar(dst []byte, v Value) []byte {
	switch v.k {
	case KInt, KLong:
		return strconv.AppendInt(dst, int64(v.n), 10)
	case KBool:
		if v.n != 0 {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	case KDouble:
		return AppendJavaDouble(dst, v.AsDouble())
	case KChar:
		return utf8.AppendRune(dst, rune(v.n))
	}
	return append(dst, "null"...)
}

func appendTextSlow(dst []byte, v Value, depth int) []byte {
	switch v.k {
	case KBigInt:
		if b := v.AsBigInt(); b != nil {
			return b.Append(dst, 10)
		}
		return append(dst, '0')
	case KBigDec:
		return append(dst, v.str()...)
	case KList:
		l := v.AsList()
		if l.JSON {
			return appendJSON(dst, v, depth)
		}
		return appendCollection(dst, l, depth)
	case KMap:
		return appendMap(dst, v.AsMap(), depth)
	case KArray:
		return appendArrayIdentity(dst, v.AsList())
	case KObject:
		if o := v.AsObject(); o != nil {
			if exhaustedDefine(v) {
				return append(dst, "null"...) // its toString() is null
			}
			return append(dst, o.String()...)
		}
		return append(dst, "null"...)
	}
	return AppendText(dst, v)
}

// appendElem is AppendText for a value nested depth levels deep.
func appendElem(dst []byte, v Value, depth int) []byte {
	switch v.k {
	case KList, KMap:
		if depth >= maxTextDepth {
			return append(dst, "..."...)
		}
		return appendTextSlow(dst, v, depth+1)
	}
	return AppendText(dst, v)
}

// appendCollection is AbstractCollection.toString: "[a, b]", with
// "(this Collection)" for an element that is the collection itself.
func appendCollection(dst []byte, l *List, depth int) []byte {
	dst = append(dst, '[')
	for i, e := range l.Items {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		if e.k == KList && e.AsList() == l {
			dst = append(dst, "(this Collection)"...)
			continue
		}
		dst = appendElem(dst, e, depth)
	}
	return append(dst, ']')
}

// appendMap is AbstractMap.toString: "{k=v, k2=v2}", with "(this Map)" for a
// key or value that is the map itself. Opaque maps ($context's nested
// objects on API Gateway, spec §1.5 O3) print as nothing.
func appendMap(dst []byte, m *Map, depth int) []byte {
	if m.Opaque {
		return dst
	}
	dst = append(dst, '{')
	for i, e := range m.entries {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		if e.Key.k == KMap && e.Key.AsMap() == m {
			dst = append(dst, "(this Map)"...)
		} else {
			dst = appendElem(dst, e.Key, depth)
		}
		dst = append(dst, '=')
		if e.Value.k == KMap && e.Value.AsMap() == m {
			dst = append(dst, "(this Map)"...)
		} else {
			dst = appendElem(dst, e.Value, depth)
		}
	}
	return append(dst, '}')
}

// appendArrayIdentity is Object.toString of a Java array:
// "[Ljava.lang.String;@" and an identity hash. Java's hash differs per
// object and per run; ours is derived from the contents so that output is
// reproducible (any template printing it is broken on API Gateway anyway).
func appendArrayIdentity(dst []byte, l *List) []byte {
	dst = append(dst, arrayClassName(l)...)
	dst = append(dst, '@')
	return strconv.AppendUint(dst, uint64(identityHash(l)), 16)
}

// identityHash stands in for System.identityHashCode of an array: a
// positive, 31-bit, stable-looking number.
func identityHash(l *List) uint32 {
	h := uint32(2166136261)
	for _, e := range l.Items {
		var b [64]byte
		for _, c := range AppendText(b[:0], e) {
			h = (h ^ uint32(c)) * 16777619
		}
		h = (h ^ 0xff) * 16777619
	}
	h &= 0x7fffffff
	if h < 0x1000000 {
		h |= 0x1000000 // Java's identity hashes print with 7–8 hex digits
	}
	return h
}

// ToText is Java's String.valueOf(v) as a Go string. It allocates only for
// values that are not already strings.
func ToText(v Value) string {
	switch v.k {
	case KString, KBigDec:
		return v.str()
	case KBool:
		if v.n != 0 {
			return "true"
		}
		return "false"
	}
	switch v.k {
	case KInt, KLong, KDouble, KChar, KNull:
		var buf [32]byte
		return string(appendScalar(buf[:0], v))
	}
	return string(AppendText(nil, v))
}

// AppendJavaDouble appends Java's Double.toString(f): plain decimal notation
// with at least one fractional digit for 1e-3 <= |f| < 1e7 ("100.0",
// "0.001"), computerized scientific notation otherwise ("1.0E7",
// "1.2345678E7", "1.0E-4"), and "NaN", "Infinity", "-Infinity", "-0.0".
//
// Digits are the shortest that round-trip (Go's strconv), which is what
// Java 19+ prints. JDK 17 and older occasionally print one more digit
// (JDK-4511638, e.g. 2.0E-3 is fine but 1.0E23 prints as "1.0E23" and
// 2.82879384806159E17 as "2.82879384806159008E17"); we do not reproduce
// those quirks.
func AppendJavaDouble(dst []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "NaN"...)
	case math.IsInf(f, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(f, -1):
		return append(dst, "-Infinity"...)
	case f == 0:
		if math.Signbit(f) {
			return append(dst, "-0.0"...)
		}
		return append(dst, "0.0"...)
	}
	if f == math.Trunc(f) && f < 1e7 && f > -1e7 {
		// Integral values in plain notation ("100.0"), the common case.
		dst = strconv.AppendInt(dst, int64(f), 10)
		return append(dst, '.', '0')
	}
	if a := math.Abs(f); a >= 1e-3 && a < 1e7 {
		// Prices and percentages: one to three decimals. When n/10^k
		// gives f back exactly (IEEE division rounds correctly, so the
		// decimal n·10^-k is what parses to f) for the smallest such k,
		// those are the shortest digits, which Double.toString prints.
		// Pinned against the oracle by TestJavaDoubleShortDecimals.
		for k, scale := range [...]float64{10, 100, 1000} {
			if n := math.Round(f * scale); n/scale == f {
				return appendDecimal(dst, int64(n), k+1)
			}
		}
	}
	var buf [32]byte
	var e []byte
	if a := math.Abs(f); a >= 1<<54 && a < 1<<63 && a == math.Trunc(a) {
		e = appendLongPathDigits(buf[:0], f)
	} else if a == 5e-324 {
		e = append(buf[:0], "4.9e-324"...) // Double.MIN_VALUE prints two digits
	} else {
		e = strconv.AppendFloat(buf[:0], f, 'e', -1, 64) // "-d.ddde±XX"
	}
	neg := e[0] == '-'
	if neg {
		e = e[1:]
		dst = append(dst, '-')
	}
	// Split mantissa digits and exponent.
	var digits [24]byte
	nd := 0
	i := 0
	for ; i < len(e) && e[i] != 'e'; i++ {
		if e[i] != '.' {
			digits[nd] = e[i]
			nd++
		}
	}
	exp := 0
	expNeg := false
	i++ // 'e'
	if e[i] == '-' {
		expNeg = true
	}
	for i++; i < len(e); i++ {
		exp = exp*10 + int(e[i]-'0')
	}
	if expNeg {
		exp = -exp
	}
	d := digits[:nd]
	if exp >= -3 && exp < 7 {
		if exp < 0 {
			dst = append(dst, '0', '.')
			for j := -1; j > exp; j-- {
				dst = append(dst, '0')
			}
			return append(dst, d...)
		}
		// exp+1 integer digits.
		for j := 0; j <= exp; j++ {
			if j < len(d) {
				dst = append(dst, d[j])
			} else {
				dst = append(dst, '0')
			}
		}
		dst = append(dst, '.')
		if exp+1 < len(d) {
			return append(dst, d[exp+1:]...)
		}
		return append(dst, '0')
	}
	dst = append(dst, d[0], '.')
	if len(d) > 1 {
		dst = append(dst, d[1:]...)
	} else {
		dst = append(dst, '0')
	}
	dst = append(dst, 'E')
	return strconv.AppendInt(dst, int64(exp), 10)
}

// appendLongPathDigits formats an integer-valued double in [2^54, 2^63) as
// JDK 17's FloatingDecimal does (its "easy case" for values that fit a
// long): the exact integer, rounded half up to drop as many low digits as
// 2^(binExp-54) has digits after its first, trailing zeros removed. So
// 1572806471474401280.0 prints 1.57280647147440128E18 where the shortest
// digits would be 1.5728064714744013E18 (oracle probe in format_test.go).
// The output is in strconv's 'e' layout for AppendJavaDouble to reformat.
func appendLongPathDigits(dst []byte, f float64) []byte {
	neg := f < 0
	v := uint64(math.Abs(f))
	binExp := 63 - bits.LeadingZeros64(v)
	drop := 0
	if p2 := binExp - 54; p2 > 1 {
		drop = len(strconv.FormatUint(1<<p2, 10)) - 1
	}
	if drop > 0 {
		pow := uint64(1)
		for range drop {
			pow *= 10
		}
		residue := v % pow
		v /= pow
		if residue >= pow/2 {
			v++
		}
	}
	var digits [24]byte
	d := strconv.AppendUint(digits[:0], v, 10)
	exp := len(d) - 1 + drop
	for len(d) > 1 && d[len(d)-1] == '0' {
		d = d[:len(d)-1]
	}
	if neg {
		dst = append(dst, '-')
	}
	dst = append(dst, d[0], '.')
	dst = append(dst, d[1:]...)
	if len(d) == 1 {
		dst = append(dst, '0')
	}
	dst = append(dst, 'e', '+')
	return strconv.AppendInt(dst, int64(exp), 10)
}

// ParseIntLiteral types an integer literal as Velocity 1.7's
// ASTIntegerLiteral does: Integer when it fits, else Long, else BigInteger.
func ParseIntLiteral(raw string) (Value, error) {
	i, err := strconv.ParseInt(raw, 10, 64)
	if err == nil {
		return Integer(i), nil
	}
	b, ok := new(big.Int).SetString(raw, 10)
	if !ok {
		return Null, &JavaError{Class: "java.lang.NumberFormatException", Message: "For input string: \"" + raw + "\""}
	}
	return BigInt(b), nil
}

// ParseFloatLiteral types a floating-point literal as Velocity 1.7's
// ASTFloatingPointLiteral does: always a Double (Double.valueOf), so
// 1.55555555555555555555555555 is 1.5555555555555556 and 1.0e400 is Infinity
// (oracle, java_test.go). BigDecimal values arise only from JSON.
func ParseFloatLiteral(raw string) (Value, error) {
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return Double(f), nil // ±Infinity or ±0, as Java rounds
		}
		return Null, &JavaError{Class: "java.lang.NumberFormatException", Message: "For input string: \"" + raw + "\""}
	}
	return Double(f), nil
}

// appendDecimal writes n·10^-decimals in plain notation ("-0.05").
func appendDecimal(dst []byte, n int64, decimals int) []byte {
	if n < 0 {
		dst = append(dst, '-')
		n = -n
	}
	var buf [24]byte
	d := strconv.AppendInt(buf[:0], n, 10)
	if len(d) <= decimals {
		dst = append(dst, '0', '.')
		for range decimals - len(d) {
			dst = append(dst, '0')
		}
		return append(dst, d...)
	}
	dst = append(dst, d[:len(d)-decimals]...)
	dst = append(dst, '.')
	return append(dst, d[len(d)-decimals:]...)
}
