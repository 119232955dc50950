package runtime

import (
	"errors"
	"math"
	"math/big"
	"testing"
)

// TestJavaFormat pins java.util.Formatter's output and exceptions as the
// oracle (Java 17) gives them; each row was checked against it. The
// 400-call fixture conformance/vtlc/string-format covers more.
func TestJavaFormat(t *testing.T) {
	for _, tt := range []struct {
		format string
		args   []Value
		want   string // the output, or "error: " and the Java exception
	}{
		{"[%s] [%5s] [%-5s] [%.2s] [%S]", []Value{String("abc"), String("ab"), String("ab"), String("abcdef"), String("abc")}, "[abc] [   ab] [ab   ] [ab] [ABC]"},
		{"%d|%5d|%-5d|%05d|%+d|% d|%,d|%(d", []Value{Int(42), Int(42), Int(42), Int(42), Int(42), Int(42), Int(1234567), Int(-7)}, "42|   42|42   |00042|+42| 42|1,234,567|(7)"},
		{"%x %X %o %#x %#o %08X", []Value{Int(-7), Int(255), Int(8), Int(255), Int(8), Int(-7)}, "fffffff9 FF 10 0xff 010 FFFFFFF9"},
		{"%x %,d", []Value{Long(3000000000), Long(3000000000)}, "b2d05e00 3,000,000,000"},
		{"%.1f %.1f %.1f %.2f %.3f %.0f", []Value{Double(0.05), Double(2.25), Double(-2.25), Double(1.005), Double(2.0005), Double(2.5)}, "0.1 2.3 -2.3 1.01 2.001 3"},
		{"%f|%10.3f|%-10.1f|%,.2f|%(.1f|%010.2f", []Value{Double(2.25), Double(3.14159), Double(1.25), Double(12345678.9), Double(-1.5), Double(-3.14159)}, "2.250000|     3.142|1.3       |12,345,678.90|(1.5)|-000003.14"},
		{"%e %.2E %g %.3g %g %g", []Value{Double(12345678.9), Double(12345678.9), Double(12345678.9), Double(0.0001234), Double(100000), Double(0)}, "1.234568e+07 1.23E+07 1.23457e+07 0.000123 100000 0.00000"},
		{"%.3f %e %a %A", []Value{Double(9.9996), Double(0), Double(1), Double(-2.5)}, "10.000 0.000000e+00 0x1.0p0 -0X1.4P1"},
		{"%f %e %+f %f", []Value{Double(negZero()), Double(nan()), Double(inf()), Double(-inf())}, "-0.000000 NaN +Infinity -Infinity"},
		{"[%b] [%B] [%b] [%b] [%c] [%c] [%C] [%h] [%%] [%-4%] [%n]", []Value{Bool(true), Bool(false), Null, String("x"), Char('a'), Int(65), Char('b'), String("hi")}, "[true] [FALSE] [false] [true] [a] [A] [B] [d01] [%] [%   ] [\n]"},
		{"%2$s %1$s %s %<s %s", []Value{String("a"), String("b")}, "b a a a b"},
		{"%s %s %s", []Value{Double(1e10), ListValue(NewList([]Value{Int(1), String("x")})), Null}, "1.0E10 [1, x] null"},
		{"%d %s", []Value{BigInt(bigInt("-99999999999999999999")), BigInt(bigInt("5"))}, "-99999999999999999999 5"},
		{"%x %#o %(d", []Value{BigInt(bigInt("-255")), BigInt(bigInt("8")), BigInt(bigInt("-3"))}, "-ff 010 (3)"},
		{"%d %x", []Value{Null, Null}, "null null"},
		{"no specifiers", nil, "no specifiers"},

		{"%q", []Value{Int(1)}, "error: java.util.UnknownFormatConversionException: Conversion = 'q'"},
		{"abc%", nil, "error: java.util.UnknownFormatConversionException: Conversion = '%'"},
		{"%-", nil, "error: java.util.UnknownFormatConversionException: Conversion = '-'"},
		{"%1$t]", []Value{Int(1)}, "error: java.util.UnknownFormatConversionException: Conversion = 't'"},
		{"%s %s", []Value{String("a")}, "error: java.util.MissingFormatArgumentException: Format specifier '%s'"},
		{"%<s", []Value{String("a")}, "error: java.util.MissingFormatArgumentException: Format specifier '%<s'"},
		{"%d", []Value{String("a")}, "error: java.util.IllegalFormatConversionException: d != java.lang.String"},
		{"%f", []Value{Int(1)}, "error: java.util.IllegalFormatConversionException: f != java.lang.Integer"},
		{"%X", []Value{Double(1)}, "error: java.util.IllegalFormatConversionException: x != java.lang.Double"},
		{"%c", []Value{Int(0x110000)}, "error: java.util.IllegalFormatCodePointException: Code point = 0x110000"},
		{"%-s", []Value{String("a")}, "error: java.util.MissingFormatWidthException: %-s"},
		{"%0d", []Value{Int(1)}, "error: java.util.MissingFormatWidthException: %0d"},
		{"%--5s", []Value{String("a")}, "error: java.util.DuplicateFormatFlagsException: Flags = '-'"},
		{"%+ 5D", []Value{Int(1)}, "error: java.util.UnknownFormatConversionException: Conversion = 'D'"},
		{"%+ 5X", []Value{Int(1)}, "error: java.util.IllegalFormatFlagsException: Flags = '^+ '"},
		{"%-05d", []Value{Int(1)}, "error: java.util.IllegalFormatFlagsException: Flags = '-0'"},
		{"%.2d", []Value{Int(1)}, "error: java.util.IllegalFormatPrecisionException: 2"},
		{"%5.1n", nil, "error: java.util.IllegalFormatPrecisionException: 1"},
		{"%5n", nil, "error: java.util.IllegalFormatWidthException: 5"},
		{"%#d", []Value{Int(1)}, "error: java.util.FormatFlagsConversionMismatchException: Conversion = d, Flags = #"},
		{"%(,a", []Value{Double(1)}, "error: java.util.FormatFlagsConversionMismatchException: Conversion = a, Flags = ("},
		{"% (x", []Value{Int(1)}, "error: java.util.FormatFlagsConversionMismatchException: Conversion = x, Flags = ("},
		{"%#s", []Value{String("a")}, "error: java.util.FormatFlagsConversionMismatchException: Conversion = s, Flags = #"},
		{"%+s", []Value{String("a")}, "error: java.util.FormatFlagsConversionMismatchException: Conversion = s, Flags = +"},
	} {
		got, err := javaFormat(tt.format, tt.args)
		if err != nil {
			got = "error: " + err.Error()
		}
		if got != tt.want {
			t.Errorf("format(%q):\n got %q\nwant %q", tt.format, got, tt.want)
		}
	}
}

// What vtlc does not implement fails as such, never with a made-up text.
func TestJavaFormatNotImplemented(t *testing.T) {
	for _, tt := range []struct {
		format string
		args   []Value
	}{
		{"%tY", []Value{Long(0)}},
		{"%.2a", []Value{Double(1)}},
		{"%0$s", []Value{Int(1)}},
	} {
		if _, err := javaFormat(tt.format, tt.args); !errors.Is(err, ErrNotImplemented) {
			t.Errorf("format(%q): %v, want ErrNotImplemented", tt.format, err)
		}
	}
}

func negZero() float64 { return math.Copysign(0, -1) }
func nan() float64     { return math.NaN() }
func inf() float64     { return math.Inf(1) }

func bigInt(s string) *big.Int {
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic(s)
	}
	return b
}

// FuzzJavaFormat: any format string, with an argument of each kind a
// template passes, formats or fails with an error — never a panic — and
// the same way twice.
func FuzzJavaFormat(f *testing.F) {
	for _, s := range []string{"%s", "%5.2f|%-8d|%#x", "%2$s %<s %%%n", "%(,.3e", "%tY", "%1$t]", "abc%", "%.0g %a %C"} {
		f.Add(s, int32(-7), 2.25, "héllo")
	}
	f.Fuzz(func(t *testing.T, format string, i int32, d float64, s string) {
		if formatBytesAhead(format) > 1<<16 {
			return // the VM refuses these before formatting (TestLimits)
		}
		args := []Value{Int(i), Double(d), String(s), Null, Long(int64(i) << 20), Bool(i > 0), Char(rune(i & 0xFFFF))}
		out1, err1 := javaFormat(format, args)
		out2, err2 := javaFormat(format, args)
		if out1 != out2 || (err1 == nil) != (err2 == nil) {
			t.Fatalf("format(%q) differs between two runs", format)
		}
	})
}
