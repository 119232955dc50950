package runtime

import (
	"math"
	"math/big"
	"strings"
	"unicode/utf16"
)

// ClassName is the Java class name of v, as `$v.class.name` prints it.
func ClassName(v Value) string {
	switch v.k {
	case KBool:
		return "java.lang.Boolean"
	case KInt:
		return "java.lang.Integer"
	case KLong:
		return "java.lang.Long"
	case KBigInt:
		return "java.math.BigInteger"
	case KDouble:
		if v.IsFloatNaN() {
			return "java.lang.Float"
		}
		return "java.lang.Double"
	case KBigDec:
		return "java.math.BigDecimal"
	case KString:
		return "java.lang.String"
	case KChar:
		return "java.lang.Character"
	case KList:
		l := v.AsList()
		switch {
		case l.Class != ListDefault:
			return l.Class.String()
		case l.JSON:
			return "net.minidev.json.JSONArray"
		}
		return "java.util.ArrayList"
	case KMap:
		return "java.util.LinkedHashMap"
	case KArray:
		return arrayClassName(v.AsList())
	case KObject:
		if o := v.AsObject(); o != nil {
			return o.ClassName()
		}
	}
	return ""
}

func arrayClassName(l *List) string {
	if l.Class != ListDefault {
		return l.Class.String()
	}
	return "[Ljava.lang.String;"
}

// javaClass is a java.lang.Class, what `$x.class` returns.
type javaClass struct{ name string }

// ClassOf returns the java.lang.Class object of v (`$v.class`).
func ClassOf(v Value) Value { return ObjectValue(javaClass{ClassName(v)}) }

func (c javaClass) ClassName() string { return "java.lang.Class" }
func (c javaClass) String() string    { return "class " + c.name }

// Equal is Class identity: one Class object per name.
func (c javaClass) Equal(o Value) bool {
	oc, ok := o.AsObject().(javaClass)
	return ok && oc.name == c.name
}

func (c javaClass) simpleName() string {
	if elem, ok := arrayElemClass(c.name); ok {
		return javaClass{elem}.simpleName() + "[]"
	}
	n := c.name[strings.LastIndexByte(c.name, '.')+1:]
	if i := strings.LastIndexByte(n, '$'); i >= 0 {
		n = n[i+1:]
	}
	return n
}

func (c javaClass) canonicalName() string {
	if elem, ok := arrayElemClass(c.name); ok {
		return javaClass{elem}.canonicalName() + "[]"
	}
	return strings.ReplaceAll(c.name, "$", ".")
}

// arrayElemClass decodes a JVM array class name: "[Ljava.lang.String;" →
// "java.lang.String", "[B" → "byte".
func arrayElemClass(name string) (string, bool) {
	if !strings.HasPrefix(name, "[") {
		return "", false
	}
	e := name[1:]
	switch e {
	case "B":
		return "byte", true
	case "C":
		return "char", true
	case "I":
		return "int", true
	case "J":
		return "long", true
	case "D":
		return "double", true
	case "Z":
		return "boolean", true
	}
	if strings.HasPrefix(e, "L") && strings.HasSuffix(e, ";") {
		return e[1 : len(e)-1], true
	}
	return e, true
}

func (c javaClass) GetProperty(name string) (Value, bool) {
	switch {
	case propIs(name, "Name"), propIs(name, "TypeName") && !strings.HasPrefix(c.name, "["):
		return String(c.name), true
	case propIs(name, "SimpleName"):
		return String(c.simpleName()), true
	case propIs(name, "CanonicalName"), propIs(name, "TypeName"):
		return String(c.canonicalName()), true
	case propIs(name, "Class"):
		return ClassOf(ObjectValue(c)), true
	case propIs(name, "Array"):
		return Bool(strings.HasPrefix(c.name, "[")), true
	case propIs(name, "Interface"), propIs(name, "Primitive"), propIs(name, "Enum"), propIs(name, "Annotation"):
		return Bool(false), true
	}
	return Null, false
}

func (c javaClass) CallMethod(name string, args []Value) (Value, bool, error) {
	if len(args) == 0 {
		switch name {
		case "getName", "getSimpleName", "getCanonicalName", "getTypeName", "getClass",
			"isArray", "isInterface", "isPrimitive", "isEnum", "isAnnotation":
			v, _ := c.GetProperty(name[strings.IndexAny(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"):])
			return v, true, nil
		case "toString":
			return String(c.String()), true, nil
		case "hashCode":
			return Int(stringHash(c.name)), true, nil
		}
	}
	if len(args) == 1 && name == "equals" {
		return Bool(c.Equal(args[0])), true, nil
	}
	return Null, false, nil
}

// propIs reports whether Velocity's property `name` reaches the Java
// method suffix m (m starts upper-case: "Name" for getName/isName): the
// uberspector tries "get"+name and then with name's first letter's case
// flipped.
func propIs(name, m string) bool {
	if len(name) != len(m) || name == "" {
		return false
	}
	if name[1:] != m[1:] {
		return false
	}
	return name[0] == m[0] || name[0]^0x20 == m[0]
}

// mapEntry is a LinkedHashMap entry from entrySet(): `.key`, `.value`,
// prints "k=v"; setValue writes through to the map.
type mapEntry struct {
	m   *Map
	key Value
}

func (e *mapEntry) value() Value {
	v, _ := e.m.Get(e.key)
	return v
}

func (e *mapEntry) ClassName() string { return "java.util.LinkedHashMap$Entry" }
func (e *mapEntry) String() string {
	var b []byte
	b = appendElem(b, e.key, 0)
	b = append(b, '=')
	b = appendElem(b, e.value(), 0)
	return string(b)
}

// Equal is Map.Entry.equals: same key and value.
func (e *mapEntry) Equal(o Value) bool {
	oe, ok := o.AsObject().(*mapEntry)
	return ok && JavaEquals(e.key, oe.key) && JavaEquals(e.value(), oe.value())
}

func (e *mapEntry) GetProperty(name string) (Value, bool) {
	switch {
	case propIs(name, "Key"):
		return e.key, true
	case propIs(name, "Value"):
		return e.value(), true
	case propIs(name, "Class"):
		return ClassOf(ObjectValue(e)), true
	}
	return Null, false
}

func (e *mapEntry) CallMethod(name string, args []Value) (Value, bool, error) {
	switch len(args) {
	case 0:
		switch name {
		case "getKey":
			return e.key, true, nil
		case "getValue":
			return e.value(), true, nil
		case "toString":
			return String(e.String()), true, nil
		case "hashCode":
			return Int(JavaHashCode(e.key) ^ JavaHashCode(e.value())), true, nil
		case "getClass":
			return ClassOf(ObjectValue(e)), true, nil
		}
	case 1:
		switch name {
		case "setValue":
			return e.m.Put(e.key, args[0]), true, nil
		case "equals":
			return Bool(e.Equal(args[0])), true, nil
		}
	}
	return Null, false, nil
}

// JavaHashCode is Java's hashCode() of v: String's polynomial over UTF-16
// units, Long's and Double's folded bits, Boolean's 1231/1237, List's and
// Map's combinations of their elements'.
func JavaHashCode(v Value) int32 {
	switch v.k {
	case KNull:
		return 0
	case KBool:
		if v.n != 0 {
			return 1231
		}
		return 1237
	case KInt, KChar:
		return int32(v.n)
	case KLong:
		return int32(v.n ^ v.n>>32)
	case KDouble:
		if v.IsFloatNaN() {
			return 0x7fc00000
		}
		f := v.AsDouble()
		bits := math.Float64bits(f)
		if f != f {
			bits = 0x7ff8000000000000
		}
		return int32(bits ^ bits>>32)
	case KString:
		return stringHash(v.str())
	case KBigInt:
		return bigIntHash(v.AsBigInt())
	case KBigDec:
		u, s := parseBigDec(v.str())
		if u.IsInt64() && u.Int64() != math.MinInt64 {
			c := u.Int64()
			a := c
			if a < 0 {
				a = -a
			}
			t := int32(int64(int32(uint64(a)>>32))*31 + int64(uint64(a)&0xffffffff))
			if c < 0 {
				t = -t
			}
			return 31*t + int32(s)
		}
		return 31*bigIntHash(u) + int32(s)
	case KList:
		l := v.AsList()
		if l.Class.isSet() {
			var h int32
			for _, e := range l.Items {
				h += JavaHashCode(e)
			}
			return h
		}
		h := int32(1)
		for _, e := range l.Items {
			if e.k == KList && e.AsList() == l {
				continue // Java would recurse forever
			}
			h = 31*h + JavaHashCode(e)
		}
		return h
	case KMap:
		var h int32
		for _, e := range v.AsMap().entries {
			h += JavaHashCode(e.Key) ^ JavaHashCode(e.Value)
		}
		return h
	case KArray:
		return int32(identityHash(v.AsList()))
	case KObject:
		if o := v.AsObject(); o != nil {
			if r, ok, _ := o.CallMethod("hashCode", nil); ok && r.k == KInt {
				return r.AsInt()
			}
			return stringHash(o.String())
		}
	}
	return 0
}

func stringHash(s string) int32 {
	var h int32
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			for _, u := range utf16.Encode([]rune(s[i:])) {
				h = 31*h + int32(u)
			}
			return h
		}
		h = 31*h + int32(c)
	}
	return h
}

// bigIntHash is BigInteger.hashCode: 31-polynomial over the magnitude's
// 32-bit words, most significant first, times the sign.
func bigIntHash(b *big.Int) int32 {
	mag := new(big.Int).Abs(b).Bytes()
	var h int32
	// Pad to whole 32-bit words.
	pad := (4 - len(mag)%4) % 4
	words := make([]byte, pad+len(mag))
	copy(words[pad:], mag)
	for i := 0; i < len(words); i += 4 {
		w := uint32(words[i])<<24 | uint32(words[i+1])<<16 | uint32(words[i+2])<<8 | uint32(words[i+3])
		h = 31*h + int32(w)
	}
	return h * int32(b.Sign())
}
