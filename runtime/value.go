package runtime

import (
	"math"
	"math/big"
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

// Value is a Java value as a template sees it. It is a small tagged struct
// passed by value: scalars and strings never allocate; containers and host
// objects live behind ref.
type Value struct {
	k   Kind
	n   uint64
	s   string
	ref any
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
func Int(i int32) Value          { return Value{k: KInt, n: uint64(int64(i))} }
func Long(i int64) Value         { return Value{k: KLong, n: uint64(i)} }
func Double(f float64) Value     { return Value{k: KDouble, n: math.Float64bits(f)} }
func String(s string) Value      { return Value{k: KString, s: s} }
func Char(r rune) Value          { return Value{k: KChar, n: uint64(r)} }
func BigInt(b *big.Int) Value    { return Value{k: KBigInt, ref: b} }
func ListValue(l *List) Value    { return Value{k: KList, ref: l} }
func MapValue(m *Map) Value      { return Value{k: KMap, ref: m} }
func ArrayValue(l *List) Value   { return Value{k: KArray, ref: l} }
func ObjectValue(o Object) Value { return Value{k: KObject, ref: o} }

// BigDec is a java.math.BigDecimal; text is its toString form.
func BigDec(f *big.Float, text string) Value { return Value{k: KBigDec, ref: f, s: text} }

// Integer returns the smallest of Integer, Long, BigInteger that holds i, as
// Velocity and json-smart type integer literals.
func Integer(i int64) Value {
	if i >= math.MinInt32 && i <= math.MaxInt32 {
		return Int(int32(i))
	}
	return Long(i)
}

// Accessors.

func (v Value) Kind() Kind             { return v.k }
func (v Value) IsNull() bool           { return v.k == KNull }
func (v Value) AsBool() bool           { return v.n != 0 }                  // KBool
func (v Value) AsInt() int32           { return int32(int64(v.n)) }         // KInt
func (v Value) AsLong() int64          { return int64(v.n) }                // KInt, KLong
func (v Value) AsDouble() float64      { return math.Float64frombits(v.n) } // KDouble
func (v Value) AsString() string       { return v.s }                       // KString (and KBigDec text)
func (v Value) AsChar() rune           { return rune(v.n) }                 // KChar
func (v Value) AsBigInt() *big.Int     { b, _ := v.ref.(*big.Int); return b }
func (v Value) AsBigFloat() *big.Float { f, _ := v.ref.(*big.Float); return f }
func (v Value) AsList() *List          { l, _ := v.ref.(*List); return l }  // KList, KArray
func (v Value) AsMap() *Map            { m, _ := v.ref.(*Map); return m }   // KMap
func (v Value) AsObject() Object       { o, _ := v.ref.(Object); return o } // KObject

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

// Setter is implemented by host objects that accept
// `#set($obj.name = value)` (for example $context.requestOverride maps).
type Setter interface {
	SetProperty(name string, v Value) bool
}
