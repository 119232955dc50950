package runtime

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// String.format and String.formatted: java.util.Formatter as Java 17 runs
// it in the oracle's locale (en: "," groups thousands, "." is the decimal
// point, %n is "\n"). Floating-point conversions round HALF_UP on the
// digits Double.toString prints (FormattedFloatingDecimal): %.1f of 2.25 is
// 2.3 and of 0.05 is 0.1, where C rounds the binary value. Exceptions are
// Java's, with Java's messages. Date/time conversions (%t), BigDecimal
// arguments to %e/%f/%g and %a with a precision or flags other than '-'
// are not implemented: the render fails naming them.
//
// Note that Velocity interpolates "$s" inside a template's string literal,
// so "%1$s" reaches format as "%1" followed by $s's value (fixture
// conformance/vtlc/string-format-interpolated).

// formatBytesAhead bounds what widths and precisions can make a format
// write ("%99999999s" pads to 100 MB; "%.99999999f" writes as many
// digits): the sum of the numbers in its specifiers, for the VM's
// allocation budget to refuse before formatting (bytesAhead).
func formatBytesAhead(format string) int64 {
	var total int64
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		for i++; i < len(format) && !isFmtConvChar(format[i]); i++ {
			n := int64(0)
			for ; i < len(format) && format[i] >= '0' && format[i] <= '9'; i++ {
				n = min(n*10+int64(format[i]-'0'), math.MaxInt32)
			}
			total += n
			if i >= len(format) || isFmtConvChar(format[i]) {
				break
			}
		}
	}
	return total
}

// Formatter flags, in the order Java's Flags.toString writes them.
const (
	fmtLeft  = 1 << iota // '-'
	fmtAlt               // '#'
	fmtPlus              // '+'
	fmtSpace             // ' '
	fmtZero              // '0'
	fmtGroup             // ','
	fmtParen             // '('
	fmtPrev              // '<'
	fmtUpper             // an upper-case conversion (internal)
)

const fmtFlagChars = "-#+ 0,(<"

// fmtFlagsString is Flags.toString: '^' (an upper-case conversion) comes
// second, after '-'.
func fmtFlagsString(f int) string {
	var b strings.Builder
	for i := 0; i < len(fmtFlagChars); i++ {
		if f&(1<<i) != 0 {
			b.WriteByte(fmtFlagChars[i])
		}
		if i == 0 && f&fmtUpper != 0 {
			b.WriteByte('^')
		}
	}
	return b.String()
}

// fmtFlagBit is the bit of flag character c.
func fmtFlagBit(c byte) int { return 1 << strings.IndexByte(fmtFlagChars, c) }

// fmtSpec is one format specifier.
type fmtSpec struct {
	index     int // explicit argument index (1-based), 0 ordinary, -1 '<'
	flags     int
	width     int // -1 when absent
	precision int // -1 when absent
	conv      byte
	dt        bool // %t / %T
	text      string
}

// String is FormatSpecifier.toString, which Java's exceptions quote.
func (fs *fmtSpec) String() string {
	var b strings.Builder
	b.WriteByte('%')
	b.WriteString(fmtFlagsString(fs.flags &^ fmtUpper))
	if fs.index > 0 {
		b.WriteString(strconv.Itoa(fs.index) + "$")
	}
	if fs.width != -1 {
		b.WriteString(strconv.Itoa(fs.width))
	}
	if fs.precision != -1 {
		b.WriteString("." + strconv.Itoa(fs.precision))
	}
	conv := string(fs.conv)
	if fs.dt {
		conv = "t" + conv
	}
	if fs.flags&fmtUpper != 0 {
		conv = strings.ToUpper(conv)
	}
	b.WriteString(conv)
	return b.String()
}

func fmtErr(class, msg string) error { return javaErr("java.util."+class, msg) }

// javaFormat is String.format(format, args...).
func javaFormat(format string, args []Value) (string, error) {
	specs, err := parseJavaFormat(format)
	if err != nil {
		return "", err
	}
	var out strings.Builder
	last, lasto := -1, -1
	for _, fs := range specs {
		if fs.conv == 0 { // fixed text
			out.WriteString(fs.text)
			continue
		}
		var arg Value
		switch {
		case fs.conv == '%' || fs.conv == 'n':
		case fs.index == 0:
			lasto++
			last = lasto
			if lasto > len(args)-1 {
				return "", fmtErr("MissingFormatArgumentException", "Format specifier '"+fs.String()+"'")
			}
			arg = args[lasto]
		case fs.index == -1:
			if last < 0 || last > len(args)-1 {
				return "", fmtErr("MissingFormatArgumentException", "Format specifier '"+fs.String()+"'")
			}
			arg = args[last]
		default:
			last = fs.index - 1
			if last > len(args)-1 {
				return "", fmtErr("MissingFormatArgumentException", "Format specifier '"+fs.String()+"'")
			}
			arg = args[last]
		}
		s, err := fs.print(arg)
		if err != nil {
			return "", err
		}
		out.WriteString(s)
	}
	return out.String(), nil
}

// parseJavaFormat splits format into fixed text and specifiers, checking
// each as FormatSpecifier's constructor does (so that a bad specifier
// fails before anything is printed, as in Java).
func parseJavaFormat(s string) ([]*fmtSpec, error) {
	var specs []*fmtSpec
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '%')
		if j < 0 {
			specs = append(specs, &fmtSpec{text: s[i:]})
			break
		}
		if j > 0 {
			specs = append(specs, &fmtSpec{text: s[i : i+j]})
		}
		i += j
		fs, n, err := parseJavaSpec(s[i:])
		if err != nil {
			return nil, err
		}
		specs = append(specs, fs)
		i += n
	}
	return specs, nil
}

// parseJavaSpec reads one specifier at the start of s (which starts with
// '%'), as Java's pattern %(\d+\$)?([-#+ 0,(\<]*)?(\d+)?(\.\d+)?([tT])?([a-zA-Z%])
// does, and returns it with its length.
func parseJavaSpec(s string) (*fmtSpec, int, error) {
	fs := &fmtSpec{width: -1, precision: -1}
	i := 1
	digits := func() string {
		k := i
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		d := s[i:k]
		i = k
		return d
	}
	// An argument index is digits followed by '$'.
	if d := digits(); d != "" {
		if i < len(s) && s[i] == '$' {
			n, err := strconv.Atoi(d)
			if err != nil || n == 0 {
				return nil, 0, fmt.Errorf("%w: String.format with argument index %s$", ErrNotImplemented, d)
			}
			fs.index = n
			i++
		} else {
			i = 1 // digits without '$': flags (a '0') and width
		}
	}
	flagStart := i
	for i < len(s) && strings.IndexByte(fmtFlagChars, s[i]) >= 0 {
		i++
	}
	flags := s[flagStart:i]
	if d := digits(); d != "" {
		w, err := strconv.Atoi(d)
		if err != nil {
			return nil, 0, fmt.Errorf("%w: String.format width %s", ErrNotImplemented, d)
		}
		fs.width = w
	}
	if i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
		i++
		p, err := strconv.Atoi(digits())
		if err != nil {
			return nil, 0, fmt.Errorf("%w: String.format precision", ErrNotImplemented)
		}
		fs.precision = p
	}
	if i+1 < len(s) && (s[i] == 't' || s[i] == 'T') && isFmtConvChar(s[i+1]) {
		// A 't' not followed by a conversion character is the
		// conversion itself (Java's pattern backtracks): unknown.
		fs.dt = true
		if s[i] == 'T' {
			fs.flags |= fmtUpper
		}
		i++
	}
	if i >= len(s) || !isFmtConvChar(s[i]) {
		// Java's pattern does not match here: checkText reports the
		// character after the '%' ('%' at the end).
		c := "%"
		if len(s) > 1 {
			r, _ := utf8.DecodeRuneInString(s[1:])
			c = string(r)
		}
		return nil, 0, fmtErr("UnknownFormatConversionException", "Conversion = '"+c+"'")
	}
	fs.conv = s[i]
	i++
	// Flags.parse: a flag given twice is an error.
	for k := 0; k < len(flags); k++ {
		bit := fmtFlagBit(flags[k])
		if fs.flags&bit != 0 {
			return nil, 0, fmtErr("DuplicateFormatFlagsException", "Flags = '"+string(flags[k])+"'")
		}
		fs.flags |= bit
	}
	if fs.flags&fmtPrev != 0 {
		fs.index = -1
	}
	if fs.dt {
		return nil, 0, fmt.Errorf("%w: String.format date/time conversion %s", ErrNotImplemented, fs)
	}
	switch fs.conv {
	case 'B', 'H', 'S', 'C', 'X', 'E', 'G', 'A':
		fs.flags |= fmtUpper
		fs.conv = fs.conv - 'A' + 'a'
	}
	return fs, i, fs.check()
}

// check is FormatSpecifier's checkGeneral, checkCharacter, checkInteger,
// checkFloat and checkText.
func (fs *fmtSpec) check() error {
	mismatch := fs.badFlags
	missingWidth := func() error {
		if fs.width == -1 && fs.flags&(fmtLeft|fmtZero) != 0 {
			return fmtErr("MissingFormatWidthException", fs.String())
		}
		return nil
	}
	numeric := func() error {
		if err := missingWidth(); err != nil {
			return err
		}
		if fs.flags&(fmtPlus|fmtSpace) == fmtPlus|fmtSpace || fs.flags&(fmtLeft|fmtZero) == fmtLeft|fmtZero {
			return fmtErr("IllegalFormatFlagsException", "Flags = '"+fmtFlagsString(fs.flags)+"'")
		}
		return nil
	}
	switch fs.conv {
	case 'b', 'h', 's':
		if fs.conv != 's' && fs.flags&fmtAlt != 0 {
			return mismatch("#")
		}
		if fs.width == -1 && fs.flags&fmtLeft != 0 {
			return fmtErr("MissingFormatWidthException", fs.String())
		}
		if err := mismatch("+ 0,("); err != nil {
			return err
		}
	case 'c':
		if fs.precision != -1 {
			return fmtErr("IllegalFormatPrecisionException", strconv.Itoa(fs.precision))
		}
		if err := mismatch("#+ 0,("); err != nil {
			return err
		}
		if fs.width == -1 && fs.flags&fmtLeft != 0 {
			return fmtErr("MissingFormatWidthException", fs.String())
		}
	case 'd', 'o', 'x':
		if err := numeric(); err != nil {
			return err
		}
		if fs.precision != -1 {
			return fmtErr("IllegalFormatPrecisionException", strconv.Itoa(fs.precision))
		}
		if fs.conv == 'd' {
			return mismatch("#")
		}
		return mismatch(",")
	case 'e', 'f', 'g', 'a':
		if err := numeric(); err != nil {
			return err
		}
		switch fs.conv {
		case 'a':
			return mismatch("(,")
		case 'e':
			return mismatch(",")
		case 'g':
			return mismatch("#")
		}
	case '%':
		if fs.precision != -1 {
			return fmtErr("IllegalFormatPrecisionException", strconv.Itoa(fs.precision))
		}
		if fs.flags&^(fmtLeft|fmtUpper) != 0 {
			return fmtErr("IllegalFormatFlagsException", "Flags = '"+fmtFlagsString(fs.flags)+"'")
		}
		if fs.width == -1 && fs.flags&fmtLeft != 0 {
			return fmtErr("MissingFormatWidthException", fs.String())
		}
	case 'n':
		if fs.precision != -1 {
			return fmtErr("IllegalFormatPrecisionException", strconv.Itoa(fs.precision))
		}
		if fs.width != -1 {
			return fmtErr("IllegalFormatWidthException", strconv.Itoa(fs.width))
		}
		if fs.flags&^fmtUpper != 0 {
			return fmtErr("IllegalFormatFlagsException", "Flags = '"+fmtFlagsString(fs.flags)+"'")
		}
	default:
		return fmtErr("UnknownFormatConversionException", "Conversion = '"+string(fs.conv)+"'")
	}
	return nil
}

// badFlags is checkBadFlags: the first of flags (in the order given, as
// Java checks them) that the specifier has is a mismatch.
func (fs *fmtSpec) badFlags(flags string) error {
	for k := 0; k < len(flags); k++ {
		if fs.flags&fmtFlagBit(flags[k]) != 0 {
			return fmtErr("FormatFlagsConversionMismatchException",
				"Conversion = "+string(fs.conv)+", Flags = "+string(flags[k]))
		}
	}
	return nil
}

func isFmtConvChar(c byte) bool { return c == '%' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// print formats one argument.
func (fs *fmtSpec) print(arg Value) (string, error) {
	var s string
	switch fs.conv {
	case '%':
		return fs.justify("%"), nil
	case 'n':
		return "\n", nil
	case 'b':
		s = "true"
		switch arg.k {
		case KNull:
			s = "false"
		case KBool:
			s = strconv.FormatBool(arg.AsBool())
		}
		return fs.justify(fs.upper(fs.truncate(s))), nil
	case 'h':
		s = "null"
		if arg.k != KNull {
			s = strconv.FormatUint(uint64(uint32(JavaHashCode(arg))), 16)
		}
		return fs.justify(fs.upper(fs.truncate(s))), nil
	case 's':
		if fs.flags&fmtAlt != 0 {
			// '#' asks for java.util.Formattable, which no template value
			// is: Java checks it when printing.
			return "", fmtErr("FormatFlagsConversionMismatchException", "Conversion = s, Flags = #")
		}
		s = "null"
		if arg.k != KNull {
			s = ToText(arg)
		}
		return fs.justify(fs.upper(fs.truncate(s))), nil
	case 'c':
		switch arg.k {
		case KNull:
			s = "null"
		case KChar:
			s = string(utf16Unit(arg))
		case KInt:
			cp := arg.AsInt()
			if cp < 0 || cp > utf8.MaxRune {
				return "", fmtErr("IllegalFormatCodePointException", "Code point = 0x"+strconv.FormatUint(uint64(uint32(cp)), 16))
			}
			s = string(rune(cp))
		default:
			return "", fs.conversionErr(arg)
		}
		return fs.justify(fs.upper(s)), nil
	case 'd', 'o', 'x':
		return fs.printInteger(arg)
	case 'e', 'f', 'g', 'a':
		return fs.printFloat(arg)
	}
	return "", fmt.Errorf("%w: String.format conversion %s", ErrNotImplemented, fs)
}

// utf16Unit is a char value as a string (a lone surrogate as Java's UTF-8
// encoder writes it: '?').
func utf16Unit(v Value) string {
	r := rune(v.n)
	if r >= 0xD800 && r < 0xE000 {
		return "?"
	}
	return string(r)
}

func (fs *fmtSpec) conversionErr(arg Value) error {
	return fmtErr("IllegalFormatConversionException", string(fs.conv)+" != "+ClassName(arg))
}

func (fs *fmtSpec) upper(s string) string {
	if fs.flags&fmtUpper != 0 {
		return javaUpper(s)
	}
	return s
}

// truncate applies a precision to text: at most that many UTF-16 units.
func (fs *fmtSpec) truncate(s string) string {
	if fs.precision != -1 {
		if j := newJstr(s); fs.precision < j.len() {
			return j.sub(0, fs.precision)
		}
	}
	return s
}

// justify pads to the width with spaces, on the right for '-'.
func (fs *fmtSpec) justify(s string) string {
	n := newJstr(s).len()
	if fs.width == -1 || n >= fs.width {
		return s
	}
	pad := strings.Repeat(" ", fs.width-n)
	if fs.flags&fmtLeft != 0 {
		return s + pad
	}
	return pad + s
}

func (fs *fmtSpec) leadingSign(b *strings.Builder, neg bool) {
	switch {
	case neg && fs.flags&fmtParen != 0:
		b.WriteByte('(')
	case neg:
		b.WriteByte('-')
	case fs.flags&fmtPlus != 0:
		b.WriteByte('+')
	case fs.flags&fmtSpace != 0:
		b.WriteByte(' ')
	}
}

func (fs *fmtSpec) trailingSign(b *strings.Builder, neg bool) {
	if neg && fs.flags&fmtParen != 0 {
		b.WriteByte(')')
	}
}

// adjustWidth leaves room for a closing parenthesis.
func (fs *fmtSpec) adjustWidth(width int, neg bool) int {
	if width != -1 && neg && fs.flags&fmtParen != 0 {
		return width - 1
	}
	return width
}

// magnitude is Formatter.localizedMagnitude: digits (with at most one '.')
// grouped by three with ',' when asked, then zeros inserted after what b
// holds already (the sign) up to width when '0' is given.
func (fs *fmtSpec) magnitude(b *strings.Builder, digits string, width int) {
	begin := b.Len()
	intPart, frac := digits, ""
	if k := strings.IndexByte(digits, '.'); k >= 0 {
		intPart, frac = digits[:k], digits[k:]
	}
	var m strings.Builder
	if fs.flags&fmtGroup != 0 {
		for k := 0; k < len(intPart); k++ {
			if k > 0 && (len(intPart)-k)%3 == 0 {
				m.WriteByte(',')
			}
			m.WriteByte(intPart[k])
		}
	} else {
		m.WriteString(intPart)
	}
	m.WriteString(frac)
	if width != -1 && fs.flags&fmtZero != 0 {
		for k := begin + m.Len(); k < width; k++ {
			b.WriteByte('0')
		}
	}
	b.WriteString(m.String())
}

func (fs *fmtSpec) printInteger(arg Value) (string, error) {
	var b strings.Builder
	switch arg.k {
	case KInt, KLong:
		x := arg.AsLong()
		if fs.conv == 'd' {
			neg := x < 0
			fs.leadingSign(&b, neg)
			d := strconv.FormatInt(x, 10)
			fs.magnitude(&b, strings.TrimPrefix(d, "-"), fs.adjustWidth(fs.width, neg))
			fs.trailingSign(&b, neg)
			break
		}
		if err := fs.badFlags("( +"); err != nil {
			return "", err
		}
		u := uint64(x)
		if arg.k == KInt {
			u = uint64(uint32(x))
		}
		base, prefix := 8, "0"
		if fs.conv == 'x' {
			base, prefix = 16, "0x"
			if fs.flags&fmtUpper != 0 {
				prefix = "0X"
			}
		}
		s := strconv.FormatUint(u, base)
		n := len(s)
		if fs.flags&fmtAlt != 0 {
			b.WriteString(prefix)
			n += len(prefix)
		}
		if fs.flags&fmtZero != 0 {
			for k := n; k < fs.width; k++ {
				b.WriteByte('0')
			}
		}
		b.WriteString(fs.upper(s))
	case KBigInt:
		v := arg.AsBigInt()
		neg := v.Sign() < 0
		abs := new(big.Int).Abs(v)
		fs.leadingSign(&b, neg)
		if fs.conv == 'd' {
			fs.magnitude(&b, abs.String(), fs.adjustWidth(fs.width, neg))
		} else {
			base, prefix := 8, "0"
			if fs.conv == 'x' {
				base, prefix = 16, "0x"
				if fs.flags&fmtUpper != 0 {
					prefix = "0X"
				}
			}
			s := abs.Text(base)
			n := len(s) + b.Len()
			if neg && fs.flags&fmtParen != 0 {
				n++
			}
			if fs.flags&fmtAlt != 0 {
				n += len(prefix)
				b.WriteString(prefix)
			}
			if fs.flags&fmtZero != 0 {
				for k := n; k < fs.width; k++ {
					b.WriteByte('0')
				}
			}
			b.WriteString(fs.upper(s))
		}
		fs.trailingSign(&b, neg)
	case KNull:
		return fs.justify(fs.upper("null")), nil
	default:
		return "", fs.conversionErr(arg)
	}
	return fs.justify(b.String()), nil
}

func (fs *fmtSpec) printFloat(arg Value) (string, error) {
	var x float64
	switch arg.k {
	case KDouble:
		x = arg.AsDouble()
	case KNull:
		return fs.justify(fs.upper("null")), nil
	case KBigDec:
		if fs.conv != 'a' {
			return "", fmt.Errorf("%w: String.format %s of a BigDecimal", ErrNotImplemented, fs)
		}
		return "", fs.conversionErr(arg)
	default:
		return "", fs.conversionErr(arg)
	}
	var b strings.Builder
	if math.IsNaN(x) {
		return fs.justify(fs.upper("NaN")), nil
	}
	neg := math.Signbit(x)
	if math.IsInf(x, 0) {
		fs.leadingSign(&b, neg)
		b.WriteString(fs.upper("Infinity"))
		fs.trailingSign(&b, neg)
		return fs.justify(b.String()), nil
	}
	v := math.Abs(x)
	fs.leadingSign(&b, neg)
	if fs.conv == 'a' {
		// Without a precision, all of Double.toHexString's digits;
		// zeros go between "0x" and them.
		if fs.precision != -1 {
			return "", fmt.Errorf("%w: String.format %s", ErrNotImplemented, fs)
		}
		h := strings.TrimPrefix(javaDoubleHex(v), "0x")
		b.WriteString(fs.upper("0x"))
		if fs.flags&fmtZero != 0 {
			lead := 2
			if neg || fs.flags&(fmtPlus|fmtSpace) != 0 {
				lead = 3
			}
			for k := len(h) + lead; k < fs.width; k++ {
				b.WriteByte('0')
			}
		}
		b.WriteString(fs.upper(h))
		return fs.justify(b.String()), nil
	}
	prec := fs.precision
	switch fs.conv {
	case 'f':
		if prec == -1 {
			prec = 6
		}
		mant := fixedDigits(v, prec)
		if fs.flags&fmtAlt != 0 && prec == 0 {
			mant += "."
		}
		fs.magnitude(&b, mant, fs.adjustWidth(fs.width, neg))
	case 'e':
		if prec == -1 {
			prec = 6
		}
		mant, exp := sciDigits(v, prec)
		if fs.flags&fmtAlt != 0 && prec == 0 {
			mant += "."
		}
		w := fs.width
		if w != -1 {
			w = fs.adjustWidth(w-len(exp)-1, neg)
		}
		fs.magnitude(&b, mant, w)
		b.WriteString(fs.upper("e") + exp)
	case 'g':
		switch prec {
		case -1:
			prec = 6
		case 0:
			prec = 1
		}
		if v == 0 {
			fs.magnitude(&b, fixedDigits(0, prec-1), fs.adjustWidth(fs.width, neg))
			break
		}
		digits, decExp := javaDigits10(v)
		digits, decExp = roundDigitsHalfUp(digits, decExp, prec)
		if e := decExp - 1; e < -4 || e >= prec {
			mant, exp := sciDigits(v, prec-1)
			w := fs.width
			if w != -1 {
				w = fs.adjustWidth(w-len(exp)-1, neg)
			}
			fs.magnitude(&b, mant, w)
			b.WriteString(fs.upper("e") + exp)
		} else {
			fs.magnitude(&b, decimalString(digits, decExp, prec-1-e), fs.adjustWidth(fs.width, neg))
		}
	}
	fs.trailingSign(&b, neg)
	return fs.justify(b.String()), nil
}

// javaDigits10 is the decimal digits Double.toString prints for v > 0
// (leading zeros dropped) and the exponent that makes them 0.DIGITS×10^exp.
func javaDigits10(v float64) (string, int) {
	s := string(AppendJavaDouble(nil, v))
	exp := 0
	if k := strings.IndexByte(s, 'E'); k >= 0 {
		exp, _ = strconv.Atoi(s[k+1:])
		s = s[:k]
	}
	dot := strings.IndexByte(s, '.')
	digits := s[:dot] + s[dot+1:]
	exp += dot
	for len(digits) > 1 && digits[0] == '0' {
		digits = digits[1:]
		exp--
	}
	return digits, exp
}

// roundDigitsHalfUp is FormattedFloatingDecimal.applyPrecision: keep n
// digits, rounding half up; a carry out of the first digit raises the
// exponent. n < 0 or n ≥ len(digits) leaves the digits as they are.
func roundDigitsHalfUp(digits string, exp, n int) (string, int) {
	if n < 0 || n >= len(digits) {
		return digits, exp
	}
	if n == 0 {
		if digits[0] >= '5' {
			return "1", exp + 1
		}
		return "0", exp
	}
	d := []byte(digits[:n])
	if digits[n] >= '5' {
		i := n - 1
		for i >= 0 && d[i] == '9' {
			d[i] = '0'
			i--
		}
		if i < 0 {
			return "1" + string(d), exp + 1
		}
		d[i]++
	}
	return string(d), exp
}

// decimalString writes 0.DIGITS×10^exp with exactly frac digits after the
// point (none and no point when frac is 0), padding with zeros; digits
// beyond frac are dropped (the caller has rounded).
func decimalString(digits string, exp, frac int) string {
	var b strings.Builder
	if exp <= 0 {
		b.WriteByte('0')
	} else {
		for k := 0; k < exp; k++ {
			if k < len(digits) {
				b.WriteByte(digits[k])
			} else {
				b.WriteByte('0')
			}
		}
	}
	if frac > 0 {
		b.WriteByte('.')
		for k := 0; k < frac; k++ {
			i := exp + k // the digit at this decimal place
			if i >= 0 && i < len(digits) {
				b.WriteByte(digits[i])
			} else {
				b.WriteByte('0')
			}
		}
	}
	return b.String()
}

// fixedDigits is %f's magnitude of v ≥ 0 with prec decimals.
func fixedDigits(v float64, prec int) string {
	if v == 0 {
		return decimalString("0", 1, prec)
	}
	digits, exp := javaDigits10(v)
	digits, exp = roundDigitsHalfUp(digits, exp, exp+prec)
	return decimalString(digits, exp, prec)
}

// sciDigits is %e's mantissa of v ≥ 0 with prec decimals and its exponent
// ("+07", "-12", "+308").
func sciDigits(v float64, prec int) (string, string) {
	if v == 0 {
		return decimalString("0", 1, prec), "+00"
	}
	digits, exp := javaDigits10(v)
	digits, exp = roundDigitsHalfUp(digits, exp, prec+1)
	mant := decimalString(digits, 1, prec)
	e := exp - 1
	sign := "+"
	if e < 0 {
		sign, e = "-", -e
	}
	es := strconv.Itoa(e)
	if len(es) < 2 {
		es = "0" + es
	}
	return mant, sign + es
}
