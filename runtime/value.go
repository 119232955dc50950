package runtime

import (
	"math"
	"math/big"
	"unsafe"
)

// Kind is the Java class family of a Value. The class decides how a value
// prints, compares and which methods it has (spec §1.5).
type Kind uint8

const (
	KNull   Kind = iota // null
	KBool               // java.lang.Boolean
	KInt                // java.lang.Integer (int32 in n)
	KLong               // java.lang.Long (int64 in n)
	KBigInt             // java.math.BigInteger (*big.Int in ref)
	KDouble             // java.lang.Double (float64 bits in n)
	KBigDec             // java.math.BigDecimal (*big.Float in ref; text in s)
	KString             // java.lang.String (s)
	KChar               // java.lang.Character (rune in n)
	KList               // *List: ArrayList (prints "[a, b]") or JSONArray (prints compact JSON)
	KMap                // *Map: LinkedHashMap (prints "{k=v}")
	KArray              // *List used as a Java array (String[] from split): prints "[Ljava.lang.String;@…"
	KObject             // Object: host objects ($input, $util, map entries, classes, …)
)

// Value is a Java value as a template sees it: a 24-byte tagged struct
// passed by value. Scalars live in n; a String is its data pointer in p and
// its length in n (so making one from a Go string never allocates);
// containers and BigIntegers are a pointer in p; a host Object is boxed
// behind p. Keeping Value small matters: JSON bodies become trees of them
// and the VM copies them on every push and pop.
type Value struct {
	p unsafe.Pointer
	n uint64
	k Kind
}

// Null is the Java null.
var Null = Value{}

// Constructors.

func Bool(b bool) Value {
	if b {
		return Value{k: KBool, n: 1}
	}
	return Value{k: KBool}
}
func Int(i int32) Value      { return Value{k: KInt, n: uint64(int64(i))} }
func Long(i int64) Value     { return Value{k: KLong, n: uint64(i)} }
func Double(f float64) Value { return Value{k: KDouble, n: math.Float64bits(f)} }
func String(s string) Value {
	return Value{k: KString, p: unsafe.Pointer(unsafe.StringData(s)), n: uint64(len(s))}
}
func Char(r rune) Value          { return Value{k: KChar, n: uint64(r)} }
func BigInt(b *big.Int) Value    { return Value{k: KBigInt, p: unsafe.Pointer(b)} }
func ListValue(l *List) Value    { return Value{k: KList, p: unsafe.Pointer(l)} }
func MapValue(m *Map) Value      { return Value{k: KMap, p: unsafe.Pointer(m)} }
func ArrayValue(l *List) Value   { return Value{k: KArray, p: unsafe.Pointer(l)} }
func ObjectValue(o Object) Value { return Value{k: KObject, p: unsafe.Pointer(&o)} }

// FloatNaN is the java.lang.Float NaN that json-smart reads for a bare NaN
// in a JSON body, the one Float a template can meet. It is a Double NaN
// with its own bit pattern: it prints "NaN" like any NaN, but JSON
// serialisation writes it as NaN where a Double NaN is null, and its class
// is java.lang.Float (corpus differential, fixture vtlc/json-nan).
var FloatNaN = Value{k: KDouble, n: floatNaNBits}

const floatNaNBits = 0x7FF8_0000_F10A_7000

// IsFloatNaN reports whether v is FloatNaN.
func (v Value) IsFloatNaN() bool { return v.k == KDouble && v.n == floatNaNBits }

// BigDec is a java.math.BigDecimal, held as its toString text.
func BigDec(text string) Value {
	v := String(text)
	v.k = KBigDec
	return v
}

// Integer returns the smallest of Integer, Long, BigInteger that holds i, as
// Velocity and json-smart type integer literals.
func Integer(i int64) Value {
	if i >= math.MinInt32 && i <= math.MaxInt32 {
		return Int(int32(i))
	}
	return Long(i)
}

// Accessors. Each is meaningful only for the kinds named in its comment.

func (v Value) Kind() Kind        { return v.k }
func (v Value) IsNull() bool      { return v.k == KNull }
func (v Value) AsBool() bool      { return v.n != 0 }                  // KBool
func (v Value) AsInt() int32      { return int32(int64(v.n)) }         // KInt
func (v Value) AsLong() int64     { return int64(v.n) }                // KInt, KLong
func (v Value) AsDouble() float64 { return math.Float64frombits(v.n) } // KDouble
func (v Value) AsChar() rune      { return rune(v.n) }                 // KChar

// AsString is the text of a KString (and of a KBigDec).
func (v Value) AsString() string {
	if v.k != KString && v.k != KBigDec {
		return ""
	}
	return v.str()
}

// str is AsString without the kind check, for callers that know the kind.
// valueSize is the size of a Value: what one list slot costs.
const valueSize = int(unsafe.Sizeof(Value{}))

func (v Value) str() string { return unsafe.String((*byte)(v.p), int(v.n)) }

func (v Value) AsBigInt() *big.Int {
	if v.k != KBigInt {
		return nil
	}
	return (*big.Int)(v.p)
}

// AsList is the list of a KList or KArray.
func (v Value) AsList() *List {
	if v.k != KList && v.k != KArray {
		return nil
	}
	return (*List)(v.p)
}

func (v Value) AsMap() *Map {
	if v.k != KMap {
		return nil
	}
	return (*Map)(v.p)
}

func (v Value) AsObject() Object {
	if v.k != KObject {
		return nil
	}
	return *(*Object)(v.p)
}

// sameRef reports whether a and b hold the same container or object.
func sameRef(a, b Value) bool {
	if a.k == KObject && b.k == KObject {
		return a.AsObject() == b.AsObject()
	}
	return a.p == b.p
}

// IsNumber reports whether v is a java.lang.Number.
func (v Value) IsNumber() bool {
	switch v.k {
	case KInt, KLong, KBigInt, KDouble, KBigDec:
		return true
	}
	return false
}

// Object is a host object: something a template can read, call and print,
// implemented in Go ($input, $util, map entries, java.lang.Class …). The
// runtime reaches nothing else: there is no reflection into Go values.
type Object interface {
	// ClassName is the Java class name, for `$x.class.name`.
	ClassName() string
	// GetProperty is `$obj.name`; ok is false when there is no such property.
	GetProperty(name string) (v Value, ok bool)
	// CallMethod is `$obj.name(args…)`; ok is false when there is no such
	// method (the call then evaluates to null); err is a Java exception.
	CallMethod(name string, args []Value) (v Value, ok bool, err error)
	// String is Java's toString(): what the object renders as.
	String() string
}

// Appender is implemented by host objects with methods whose String result
// can be written straight into the output. When a call's result is printed
// at once (`$util.base64Encode($x.data)` in template text), the VM offers
// the call to AppendCall first and so never makes the string. ok false
// means "not here": the VM then calls CallMethod as usual. When ok is true,
// out is dst followed by exactly what CallMethod's result would print.
type Appender interface {
	AppendCall(dst []byte, name string, args []Value) (out []byte, ok bool, err error)
}

// Setter is implemented by host objects that accept
// `#set($obj.name = value)` (for example $context.requestOverride maps).
type Setter interface {
	SetProperty(name string, v Value) bool
}
