package runtime

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// JavaError is a Java exception thrown by a method a template called (or by
// Velocity itself, for an index out of range). Error() reads like Java's
// Throwable.toString: "java.lang.StringIndexOutOfBoundsException: String
// index out of range: 5".
type JavaError struct {
	Class   string // fully qualified exception class
	Message string // may be empty
}

func (e *JavaError) Error() string {
	if e.Message == "" {
		return e.Class
	}
	return e.Class + ": " + e.Message
}

// SimpleName is the exception class without its package, as the oracle
// prints it ("StringIndexOutOfBoundsException").
func (e *JavaError) SimpleName() string {
	return e.Class[strings.LastIndexByte(e.Class, '.')+1:]
}

func javaErr(class, msg string) *JavaError { return &JavaError{Class: class, Message: msg} }

func init() { KeyEquals = JavaEquals }

// Truthy is #if truthiness in Velocity 1.7 (ASTReference.evaluate): null is
// false, a Boolean is its value, anything else is true ("", 0 and empty
// collections included) but for a #define block: #if checks toString() !=
// null (if.tostring.nullcheck), so the body renders, and past its recursion
// limit the block is false (fixture: vtlc/define-if-condition).
func Truthy(v Value) bool {
	switch v.k {
	case KNull:
		return false
	case KBool:
		return v.n != 0
	case KObject:
		if d, ok := v.AsObject().(*defineBlock); ok {
			text := !d.exhausted()
			_ = d.String() // for its side effects
			return text
		}
	}
	return true
}

// Equals is Velocity 1.7's == (ASTEQNode): two numbers compare by value
// whatever their classes (1 == 1.0); values of the same class (or a class
// and its subclass: ArrayList and JSONArray) use Java equals(); anything
// else compares the toString() texts ("1" == 1, true == "true", a map ==
// "{a=1}"). null == null is true, null against anything else false.
func Equals(a, b Value) bool {
	if a.k == KNull || b.k == KNull {
		return a.k == b.k
	}
	if a.k == KString && b.k == KString {
		return a.str() == b.str()
	}
	if a.IsNumber() && b.IsNumber() {
		c, ok := compareNumbers(a, b)
		return ok && c == 0
	}
	if sameClass(a, b) {
		return JavaEquals(a, b)
	}
	// Compare toString() texts; a String against a scalar formats the
	// scalar on the stack.
	if a.k == KString || b.k == KString {
		str, other := a, b
		if b.k == KString {
			str, other = b, a
		}
		switch other.k {
		case KInt, KLong, KBool, KDouble, KChar:
			var buf [32]byte
			return string(appendScalar(buf[:0], other)) == str.str()
		}
	}
	return ToText(a) == ToText(b)
}

// sameClass reports whether one value's Java class is assignable from the
// other's, which makes ASTEQNode use equals() instead of toString().
func sameClass(a, b Value) bool {
	if a.k != b.k {
		return false
	}
	switch a.k {
	case KList, KArray:
		ca, cb := a.AsList().Class, b.AsList().Class
		return ca == cb // an ArrayList and a JSONArray are both ListDefault: ArrayList ⊇ JSONArray
	case KObject:
		oa, ob := a.AsObject(), b.AsObject()
		return oa != nil && ob != nil && oa.ClassName() == ob.ClassName()
	}
	return true
}

// Equaler is implemented by host objects whose Java equals() is more than
// identity (map entries).
type Equaler interface {
	Equal(other Value) bool
}

// JavaEquals is Java's a.equals(b): classes must match (Integer 1 does not
// equal Long 1 or Double 1.0), Double compares bits (0.0 != -0.0, NaN ==
// NaN), lists element by element, maps entry by entry in any order, arrays
// by identity. It is the equality of map keys, List.contains/indexOf and
// $x.equals(y).
func JavaEquals(a, b Value) bool {
	switch a.k {
	case KNull:
		return b.k == KNull
	case KBool, KInt, KLong, KChar:
		return b.k == a.k && a.n == b.n
	case KDouble:
		if b.k != KDouble {
			return false
		}
		fa, fb := a.AsDouble(), b.AsDouble()
		if fa != fa && fb != fb {
			return true
		}
		return a.n == b.n
	case KString:
		return b.k == KString && a.str() == b.str()
	case KBigInt:
		return b.k == KBigInt && a.AsBigInt().Cmp(b.AsBigInt()) == 0
	case KBigDec:
		return b.k == KBigDec && a.str() == b.str() // same unscaled value and scale
	case KList:
		if b.k != KList {
			return false
		}
		la, lb := a.AsList(), b.AsList()
		if la == lb {
			return true
		}
		if la.Class.isSet() != lb.Class.isSet() {
			return false
		}
		if len(la.Items) != len(lb.Items) {
			return false
		}
		if la.Class.isSet() {
			for _, x := range la.Items {
				if indexOf(lb.Items, x) < 0 {
					return false
				}
			}
			return true
		}
		for i := range la.Items {
			if !JavaEquals(la.Items[i], lb.Items[i]) {
				return false
			}
		}
		return true
	case KArray:
		return b.k == KArray && a.AsList() == b.AsList()
	case KMap:
		if b.k != KMap {
			return false
		}
		ma, mb := a.AsMap(), b.AsMap()
		if ma == mb {
			return true
		}
		if ma.Len() != mb.Len() {
			return false
		}
		for _, e := range ma.entries {
			v, ok := mb.Get(e.Key)
			if !ok || !JavaEquals(e.Value, v) {
				return false
			}
		}
		return true
	case KObject:
		if b.k != KObject {
			return false
		}
		if eq, ok := a.AsObject().(Equaler); ok {
			return eq.Equal(b)
		}
		return sameRef(a, b)
	}
	return false
}

func indexOf(items []Value, x Value) int {
	for i, e := range items {
		if JavaEquals(x, e) {
			return i
		}
	}
	return -1
}

// Compare is Velocity 1.7's < > <= >= (ASTLTNode …): both operands must be
// numbers (MathUtils.compare); otherwise Velocity logs an error and the
// comparison is false, which ok=false reports. Strings do not compare in
// 1.7. NaN compares equal to everything, as MathUtils.compare does.
func Compare(a, b Value) (cmp int, ok bool) {
	if !a.IsNumber() || !b.IsNumber() {
		return 0, false
	}
	return compareNumbers(a, b)
}

// numBase is MathUtils' calculation base: the type both operands are
// widened to.
type numBase uint8

const (
	baseLong numBase = iota
	baseDouble
	baseBigInt
	baseBigDec
)

func isIntegral(v Value) bool { return v.k == KInt || v.k == KLong || v.k == KBigInt }

func calcBase(a, b Value) numBase {
	ai, bi := isIntegral(a), isIntegral(b)
	if a.k == KBigDec || b.k == KBigDec || ((!ai || !bi) && (a.k == KBigInt || b.k == KBigInt)) {
		return baseBigDec
	}
	if ai && bi {
		if a.k == KBigInt || b.k == KBigInt {
			return baseBigInt
		}
		return baseLong
	}
	return baseDouble
}

// numDouble is Number.doubleValue().
func numDouble(v Value) float64 {
	switch v.k {
	case KInt, KLong:
		return float64(int64(v.n))
	case KDouble:
		return v.AsDouble()
	case KBigInt:
		f, _ := new(big.Float).SetInt(v.AsBigInt()).Float64()
		return f
	case KBigDec:
		r := bigDecRat(v)
		f, _ := r.Float64()
		return f
	}
	return 0
}

// numLong is Number.longValue() (Java's narrowing: doubles saturate, NaN is
// 0, BigInteger keeps the low 64 bits).
func numLong(v Value) int64 {
	switch v.k {
	case KInt, KLong:
		return int64(v.n)
	case KDouble:
		return doubleToLong(v.AsDouble())
	case KBigInt:
		return lowBits(v.AsBigInt())
	case KBigDec:
		u, s := parseBigDec(v.str())
		return lowBits(bigDecToBigInt(u, s))
	}
	return 0
}

func doubleToLong(f float64) int64 {
	switch {
	case f != f:
		return 0
	case f >= 9.223372036854775807e18:
		return math.MaxInt64
	case f <= -9.223372036854775808e18:
		return math.MinInt64
	}
	return int64(f)
}

func doubleToInt(f float64) int32 {
	switch {
	case f != f:
		return 0
	case f >= 2147483647:
		return math.MaxInt32
	case f <= -2147483648:
		return math.MinInt32
	}
	return int32(f)
}

// lowBits is BigInteger.longValue(): the low 64 bits, two's complement.
func lowBits(b *big.Int) int64 {
	if b.IsInt64() {
		return b.Int64()
	}
	m := new(big.Int).And(b, new(big.Int).SetUint64(math.MaxUint64))
	return int64(m.Uint64())
}

func toBigInt(v Value) *big.Int {
	if v.k == KBigInt {
		return v.AsBigInt()
	}
	return big.NewInt(numLong(v))
}

func compareNumbers(a, b Value) (int, bool) {
	switch calcBase(a, b) {
	case baseLong:
		x, y := int64(a.n), int64(b.n)
		switch {
		case x < y:
			return -1, true
		case x > y:
			return 1, true
		}
		return 0, true
	case baseDouble:
		x, y := numDouble(a), numDouble(b)
		switch {
		case x < y:
			return -1, true
		case x > y:
			return 1, true
		}
		return 0, true
	case baseBigInt:
		return toBigInt(a).Cmp(toBigInt(b)), true
	}
	x, ok1 := toBigDecRat(a)
	y, ok2 := toBigDecRat(b)
	if !ok1 || !ok2 {
		return 0, false // new BigDecimal(NaN) throws NumberFormatException
	}
	return x.Cmp(y), true
}

// ArithOp is one of Velocity's binary math operators.
type ArithOp uint8

const (
	ArithAdd ArithOp = iota
	ArithSub
	ArithMul
	ArithDiv
	ArithMod
)

// Arith is Velocity 1.7's + - * / % (ASTMathNode and MathUtils), with Java
// exceptions turned into Null. Use ArithErr to see them.
func Arith(op ArithOp, a, b Value) Value {
	v, _ := ArithErr(op, a, b)
	return v
}

// ArithErr is Velocity 1.7's + - * / % (ASTMathNode and MathUtils):
//   - Integer op Integer is an Integer, widened to Long and then BigInteger
//     on overflow; a Long operand keeps the result a Long;
//   - integer division truncates, % takes the dividend's sign;
//   - a Double operand makes a Double; a BigDecimal operand (or a BigInteger
//     with a Double) makes a BigDecimal;
//   - dividing by zero (0, 0.0, -0.0) gives Null, for % too;
//   - `+` with a String on either side concatenates toString()s ([1] + "a"
//     is "[1]a"); a Character is not a String (charAt(0) + 1 is Null);
//   - anything else that is not two numbers gives Null.
//
// A Null operand gives Null. (Velocity 1.7 concatenates the *source text* of
// a null operand beside a String, `(7/0) + "a"` is "7/0a": the VM, which has
// the source, does that.)
//
// err is a Java exception Velocity lets through and that fails the template:
// BigInteger % a non-positive modulus, % with a BigDecimal.
func ArithErr(op ArithOp, a, b Value) (Value, error) {
	if a.k == KInt && b.k == KInt { // the common case, inline
		x, y := int64(int32(a.n)), int64(int32(b.n))
		switch op {
		case ArithAdd:
			return Integer(x + y), nil
		case ArithSub:
			return Integer(x - y), nil
		case ArithMul:
			return Integer(x * y), nil
		case ArithDiv:
			if y == 0 {
				return Null, nil
			}
			return Integer(x / y), nil
		case ArithMod:
			if y == 0 {
				return Null, nil
			}
			return Integer(x % y), nil
		}
	}
	if a.k == KNull || b.k == KNull {
		return Null, nil
	}
	if op == ArithAdd && (a.k == KString || b.k == KString) && !(a.IsNumber() && b.IsNumber()) {
		if exhaustedDefine(a) || exhaustedDefine(b) {
			// Block.Reference.toString() is null past the recursion
			// limit, and the concatenation fails on it (fixture:
			// vtlc/define-recursive-concat).
			return Null, javaErr("java.lang.NullPointerException", "a #define block past its recursion limit has no text to concatenate")
		}
		return String(ToText(a) + ToText(b)), nil
	}
	if !a.IsNumber() || !b.IsNumber() {
		return Null, nil
	}
	if (op == ArithDiv || op == ArithMod) && isZero(b) {
		return Null, nil
	}
	switch calcBase(a, b) {
	case baseLong:
		x, y := int64(a.n), int64(b.n)
		var r int64
		switch op {
		case ArithAdd:
			r = x + y
			if (r^x) < 0 && (r^y) < 0 {
				return BigInt(new(big.Int).Add(big.NewInt(x), big.NewInt(y))), nil
			}
		case ArithSub:
			r = x - y
			if (r^x) < 0 && (r^(^y)) < 0 {
				return BigInt(new(big.Int).Sub(big.NewInt(x), big.NewInt(y))), nil
			}
		case ArithMul:
			r = x * y
			if y != 0 && r/y != x {
				return BigInt(new(big.Int).Mul(big.NewInt(x), big.NewInt(y))), nil
			}
		case ArithDiv:
			r = x / y
		case ArithMod:
			r = x % y
		}
		if a.k == KLong || b.k == KLong {
			return Long(r), nil
		}
		return Integer(r), nil
	case baseDouble:
		x, y := numDouble(a), numDouble(b)
		var r float64
		switch op {
		case ArithAdd:
			r = x + y
		case ArithSub:
			r = x - y
		case ArithMul:
			r = x * y
		case ArithDiv:
			r = x / y
		default:
			r = math.Mod(x, y)
		}
		if (a.IsFloatNaN() || b.IsFloatNaN()) && !plainDouble(a) && !plainDouble(b) {
			return FloatNaN, nil
		}
		if r != r {
			r = canonicalNaN // a fresh NaN is a Double, whatever bits Go carried through
		}
		return Double(r), nil
	case baseBigInt:
		x, y := toBigInt(a), toBigInt(b)
		r := new(big.Int)
		switch op {
		case ArithAdd:
			r.Add(x, y)
		case ArithSub:
			r.Sub(x, y)
		case ArithMul:
			r.Mul(x, y)
		case ArithDiv:
			r.Quo(x, y)
		case ArithMod:
			if y.Sign() <= 0 {
				return Null, javaErr("java.lang.ArithmeticException", "BigInteger: modulus not positive")
			}
			r.Mod(x, y)
		}
		return BigInt(r), nil
	}
	if op == ArithMod {
		return Null, javaErr("java.lang.ArithmeticException", "Cannot calculate the modulo of BigDecimals.")
	}
	ua, sa, ok1 := toBigDec(a)
	ub, sb, ok2 := toBigDec(b)
	if !ok1 || !ok2 {
		return Null, javaErr("java.lang.NumberFormatException", "Infinite or NaN")
	}
	switch op {
	case ArithAdd, ArithSub:
		s := max(sa, sb)
		x := scaleUp(ua, s-sa)
		y := scaleUp(ub, s-sb)
		if op == ArithAdd {
			return newBigDec(new(big.Int).Add(x, y), s), nil
		}
		return newBigDec(new(big.Int).Sub(x, y), s), nil
	case ArithMul:
		return newBigDec(new(big.Int).Mul(ua, ub), sa+sb), nil
	}
	// BigDecimal.divide(divisor, ROUND_HALF_DOWN): the dividend's scale.
	num, den := new(big.Int).Set(ua), new(big.Int).Set(ub)
	if sb >= 0 {
		num = scaleUp(num, sb)
	} else {
		den = scaleUp(den, -sb)
	}
	return newBigDec(divHalfDown(num, den), sa), nil
}

func isZero(v Value) bool {
	switch v.k {
	case KInt, KLong:
		return v.n == 0
	case KDouble:
		return v.AsDouble() == 0
	case KBigInt:
		return v.AsBigInt().Sign() == 0
	case KBigDec:
		u, _ := parseBigDec(v.str())
		return u.Sign() == 0
	}
	return false
}

// divHalfDown is num/den rounded to the nearest integer, ties toward zero.
func divHalfDown(num, den *big.Int) *big.Int {
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Sign() == 0 {
		return q
	}
	twice := new(big.Int).Abs(r)
	twice.Lsh(twice, 1)
	if twice.Cmp(new(big.Int).Abs(den)) > 0 {
		if (num.Sign() < 0) != (den.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

var bigTen = big.NewInt(10)

func scaleUp(u *big.Int, n int) *big.Int {
	if n <= 0 {
		return u
	}
	p := new(big.Int).Exp(bigTen, big.NewInt(int64(n)), nil)
	return p.Mul(p, u)
}

// BigDecimal support. A KBigDec value keeps Java's toString text in s; the
// unscaled value and scale are parsed back from it when arithmetic needs
// them (BigDecimals only come from long JSON numbers, so this is rare).

// NewBigDecimal returns the java.math.BigDecimal for a decimal literal such
// as json-smart reads ("1.23456789012345678901234", "1E+3"): its unscaled
// value and scale follow the text, as new BigDecimal(String) does.
func NewBigDecimal(text string) (Value, bool) {
	u, s, ok := parseDecimalLiteral(text)
	if !ok {
		return Null, false
	}
	return newBigDec(u, s), true
}

func newBigDec(unscaled *big.Int, scale int) Value {
	return BigDec(bigDecString(unscaled, scale))
}

// parseDecimalLiteral is new BigDecimal(String): digits with an optional
// point and exponent; scale = digits after the point - exponent.
func parseDecimalLiteral(text string) (*big.Int, int, bool) {
	mant, exp := text, 0
	if i := strings.IndexAny(text, "eE"); i >= 0 {
		mant = text[:i]
		e := text[i+1:]
		if strings.HasPrefix(e, "+") {
			e = e[1:]
		}
		n, ok := new(big.Int).SetString(e, 10)
		if !ok || !n.IsInt64() || n.Int64() > math.MaxInt32 || n.Int64() < math.MinInt32 {
			return nil, 0, false
		}
		exp = int(n.Int64())
	}
	scale := 0
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		scale = len(mant) - i - 1
		mant = mant[:i] + mant[i+1:]
	}
	u, ok := new(big.Int).SetString(mant, 10)
	if !ok {
		return nil, 0, false
	}
	return u, scale - exp, true
}

func parseBigDec(text string) (*big.Int, int) {
	u, s, ok := parseDecimalLiteral(text)
	if !ok {
		return new(big.Int), 0
	}
	return u, s
}

// toBigDec is MathUtils.toBigDecimal: a BigDecimal as is, a BigInteger with
// scale 0, anything else through new BigDecimal(n.doubleValue()) — the exact
// binary value of the double (so 0.1 becomes
// 0.1000000000000000055511151231257827021181583404541015625).
func toBigDec(v Value) (*big.Int, int, bool) {
	switch v.k {
	case KBigDec:
		u, s := parseBigDec(v.str())
		return u, s, true
	case KBigInt:
		return v.AsBigInt(), 0, true
	}
	f := numDouble(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, 0, false
	}
	if f == 0 {
		return new(big.Int), 0, true
	}
	mant, exp := math.Frexp(f) // f = mant * 2^exp, 0.5 <= |mant| < 1
	m := int64(mant * (1 << 53))
	exp -= 53
	for m%2 == 0 && exp < 0 {
		m /= 2
		exp++
	}
	u := big.NewInt(m)
	if exp >= 0 {
		return u.Lsh(u, uint(exp)), 0, true
	}
	// m * 2^exp = m * 5^-exp / 10^-exp
	p := new(big.Int).Exp(big.NewInt(5), big.NewInt(int64(-exp)), nil)
	return u.Mul(u, p), -exp, true
}

func toBigDecRat(v Value) (*big.Rat, bool) {
	u, s, ok := toBigDec(v)
	if !ok {
		return nil, false
	}
	return decRat(u, s), true
}

func bigDecRat(v Value) *big.Rat {
	u, s := parseBigDec(v.str())
	return decRat(u, s)
}

func decRat(u *big.Int, s int) *big.Rat {
	r := new(big.Rat).SetInt(u)
	if s > 0 {
		r.Quo(r, new(big.Rat).SetInt(scaleUp(big.NewInt(1), s)))
	} else if s < 0 {
		r.Mul(r, new(big.Rat).SetInt(scaleUp(big.NewInt(1), -s)))
	}
	return r
}

func bigDecToBigInt(u *big.Int, s int) *big.Int {
	if s <= 0 {
		return scaleUp(new(big.Int).Set(u), -s)
	}
	return new(big.Int).Quo(u, scaleUp(big.NewInt(1), s))
}

// bigDecString is BigDecimal.toString: plain notation when the scale is
// not negative and the adjusted exponent is at least -6, else scientific
// ("1.23E+5", "1E-7").
func bigDecString(u *big.Int, scale int) string {
	digits := new(big.Int).Abs(u).String()
	neg := u.Sign() < 0
	var sb strings.Builder
	if neg {
		sb.WriteByte('-')
	}
	adjusted := -scale + len(digits) - 1
	if scale >= 0 && adjusted >= -6 {
		if scale == 0 {
			sb.WriteString(digits)
			return sb.String()
		}
		if len(digits) > scale {
			sb.WriteString(digits[:len(digits)-scale])
			sb.WriteByte('.')
			sb.WriteString(digits[len(digits)-scale:])
			return sb.String()
		}
		sb.WriteString("0.")
		sb.WriteString(strings.Repeat("0", scale-len(digits)))
		sb.WriteString(digits)
		return sb.String()
	}
	sb.WriteString(digits[:1])
	if len(digits) > 1 {
		sb.WriteByte('.')
		sb.WriteString(digits[1:])
	}
	sb.WriteByte('E')
	if adjusted >= 0 {
		sb.WriteByte('+')
	}
	sb.WriteString(itoa(adjusted))
	return sb.String()
}

func itoa(i int) string {
	var b [20]byte
	return string(strconv.AppendInt(b[:0], int64(i), 10))
}

var canonicalNaN = math.Float64frombits(0x7ff8000000000000)

func plainDouble(v Value) bool { return v.k == KDouble && !v.IsFloatNaN() }
