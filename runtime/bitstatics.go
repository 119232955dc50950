package runtime

import (
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// The bit-twiddling and unsigned statics of Integer and Long, and Double's
// bit conversions, called on an instance as Velocity allows
// ($n.bitCount($n)). Fixture: conformance/vtlc/java-bits.

// integralBits is Integer's (width 32) and Long's (width 64) statics of one
// value, u holding the value's bits; wrap makes an Integer or a Long of
// bits. Counts and positions are ints.
func integralBits(name string, u uint64, width int, wrap func(uint64) Value) (Value, bool) {
	switch name {
	case "bitCount":
		return Int(int32(bits.OnesCount64(u))), true
	case "highestOneBit":
		if u == 0 {
			return wrap(0), true
		}
		return wrap(1 << (bits.Len64(u) - 1)), true
	case "lowestOneBit":
		return wrap(u & -u), true
	case "numberOfLeadingZeros":
		return Int(int32(width - bits.Len64(u))), true
	case "numberOfTrailingZeros":
		if u == 0 {
			return Int(int32(width)), true
		}
		return Int(int32(bits.TrailingZeros64(u))), true
	case "reverse":
		if width == 32 {
			return wrap(uint64(bits.Reverse32(uint32(u)))), true
		}
		return wrap(bits.Reverse64(u)), true
	case "reverseBytes":
		if width == 32 {
			return wrap(uint64(bits.ReverseBytes32(uint32(u)))), true
		}
		return wrap(bits.ReverseBytes64(u)), true
	case "toUnsignedString":
		return String(strconv.FormatUint(u, 10)), true
	}
	return Null, false
}

// integralShift is rotateLeft/rotateRight(value, distance): Java uses the
// distance modulo the width, negative ones included.
func integralShift(name string, u uint64, d int, width int, wrap func(uint64) Value) (Value, bool) {
	switch name {
	case "rotateLeft":
	case "rotateRight":
		d = -d
	default:
		return Null, false
	}
	if width == 32 {
		return wrap(uint64(bits.RotateLeft32(uint32(u), d))), true
	}
	return wrap(bits.RotateLeft64(u, d)), true
}

// unsignedPair is compareUnsigned, divideUnsigned and remainderUnsigned of
// two values of one width, as unsigned.
func unsignedPair(name string, x, y uint64, wrap func(uint64) Value) (Value, bool, error) {
	switch name {
	case "compareUnsigned":
		switch {
		case x < y:
			return Int(-1), true, nil
		case x > y:
			return Int(1), true, nil
		}
		return Int(0), true, nil
	case "divideUnsigned", "remainderUnsigned":
		if y == 0 {
			return Null, true, javaErr("java.lang.ArithmeticException", "/ by zero")
		}
		if name == "divideUnsigned" {
			return wrap(x / y), true, nil
		}
		return wrap(x % y), true, nil
	}
	return Null, false, nil
}

// doubleBits is Double.doubleToLongBits (NaN canonical),
// doubleToRawLongBits and longBitsToDouble.
func doubleBits(name string, a Value) (Value, bool) {
	switch name {
	case "doubleToLongBits", "doubleToRawLongBits":
		f, ok := widenDouble(a)
		if !ok {
			return Null, false
		}
		if name == "doubleToLongBits" && math.IsNaN(f) {
			return Long(0x7ff8000000000000), true
		}
		return Long(int64(math.Float64bits(f))), true
	case "longBitsToDouble":
		x, ok := widenLong(a)
		if !ok {
			return Null, false
		}
		return Double(math.Float64frombits(uint64(x))), true
	case "toHexString":
		f, ok := widenDouble(a)
		if !ok {
			return Null, false
		}
		return String(javaDoubleHex(f)), true
	}
	return Null, false
}

// javaDoubleHex is Double.toHexString: "0x1.8p1" for 3.0, subnormals as
// "0x0.…p-1022", the significand's trailing zeros dropped but one kept.
func javaDoubleHex(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	b := math.Float64bits(f)
	sign := ""
	if b>>63 != 0 {
		sign = "-"
	}
	exp := int(b>>52) & 0x7ff
	frac := b & (1<<52 - 1)
	if exp == 0 && frac == 0 {
		return sign + "0x0.0p0"
	}
	digits := strings.TrimRight(strconv.FormatUint(frac|1<<52, 16)[1:], "0")
	if digits == "" {
		digits = "0"
	}
	if exp == 0 {
		return sign + "0x0." + digits + "p-1022"
	}
	return sign + "0x1." + digits + "p" + strconv.Itoa(exp-1023)
}
