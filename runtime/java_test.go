package runtime

import (
	"errors"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"
)

// Behaviours the oracle cannot show directly (the API Gateway overlay turns
// nulls into "" before they reach ==, #if or a method).
func TestNullSemantics(t *testing.T) {
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"null == null", Equals(Null, Null), true},
		{"null == \"\"", Equals(Null, String("")), false},
		{"\"\" == null", Equals(String(""), Null), false},
		{"null == 0", Equals(Null, Int(0)), false},
		{"#if(null)", Truthy(Null), false},
		{"#if(false)", Truthy(Bool(false)), false},
		{"#if(true)", Truthy(Bool(true)), true},
		{"null + 1 is null", Arith(ArithAdd, Null, Int(1)).IsNull(), true},
		{"\"a\" + null is null (the VM adds the source text)", Arith(ArithAdd, String("a"), Null).IsNull(), true},
		{"null < 1 fails", func() bool { _, ok := Compare(Null, Int(1)); return ok }(), false},
		{"method on null", func() bool { v, err := CallMethod(Null, "length", nil); return v.IsNull() && err == nil }(), true},
		{"property of null", func() bool { v, err := GetProperty(Null, "x"); return v.IsNull() && err == nil }(), true},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

// Map keys use Java equals(): Integer 1, Long 1, Double 1.0 and "1" are four
// different keys; equal lists are one key.
func TestKeyEquals(t *testing.T) {
	mp := NewMap(0)
	mp.Put(Int(1), String("int"))
	mp.Put(Long(1), String("long"))
	mp.Put(Double(1), String("double"))
	mp.Put(String("1"), String("string"))
	mp.Put(ListValue(NewList([]Value{Int(1)})), String("list"))
	mp.Put(ListValue(NewJSONList([]Value{Int(1)})), String("jsonarray"))
	if got, want := ToText(MapValue(mp)), "{1=int, 1=long, 1.0=double, 1=string, [1]=jsonarray}"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if !KeyEquals(MapValue(NewMap(0)), MapValue(NewMap(0))) {
		t.Error("empty maps are equal")
	}
}

func TestJavaErrorText(t *testing.T) {
	_, err := CallMethod(String("ab"), "charAt", []Value{Int(5)})
	var je *JavaError
	if !errors.As(err, &je) {
		t.Fatalf("got %v, want a *JavaError", err)
	}
	if got, want := err.Error(), "java.lang.StringIndexOutOfBoundsException: String index out of range: 5"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := je.SimpleName(), "StringIndexOutOfBoundsException"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	_, err = CallMethod(String("ab"), "matches", []Value{String("[a")})
	if !errors.As(err, &je) || je.Class != "java.util.regex.PatternSyntaxException" {
		t.Errorf("bad regex: got %v", err)
	}
}

func TestAppendJSON(t *testing.T) {
	tests := []struct {
		v    Value
		want string
	}{
		{Null, `null`},
		{String(`a/b"c\d`), `"a\/b\"c\\d"`},
		{String("\x01\x7f\u0085\u00a0\u2028\u3000"), `"\u0001\u007F\u0085` + "\u00a0" + `\u2028` + "\u3000" + `"`},
		{Int(-3), `-3`},
		{Double(1e7), `1.0E7`},
		{Bool(false), `false`},
		{MapValue(NewMap(0)), `{}`},
		{ListValue(NewList([]Value{String("x"), MapValue(NewMap(0))})), `["x",{}]`},
		{Char('c'), `{}`},
	}
	for _, tt := range tests {
		if got := string(AppendJSON(nil, tt.v)); got != tt.want {
			t.Errorf("AppendJSON(%s): got %s, want %s", ToText(tt.v), got, tt.want)
		}
	}
}

func TestParseLiterals(t *testing.T) {
	for raw, want := range map[string]string{
		"0": "java.lang.Integer", "2147483647": "java.lang.Integer", "-2147483649": "java.lang.Long",
		"9223372036854775808": "java.math.BigInteger",
	} {
		v, err := ParseIntLiteral(raw)
		if err != nil || ClassName(v) != want || ToText(v) != raw {
			t.Errorf("ParseIntLiteral(%s) = %s %s %v, want %s", raw, ToText(v), ClassName(v), err, want)
		}
	}
	if _, err := ParseIntLiteral("1x"); err == nil {
		t.Error("ParseIntLiteral(1x): want an error")
	}
	if v, err := ParseFloatLiteral("1.5e3"); err != nil || ToText(v) != "1500.0" {
		t.Errorf("ParseFloatLiteral(1.5e3) = %s %v", ToText(v), err)
	}
}

// Cyclic containers that Java would overflow the stack on print with a
// marker instead of crashing.
func TestCyclicPrint(t *testing.T) {
	m := NewMap(0)
	l := NewList(nil)
	l.Items = append(l.Items, MapValue(m))
	m.PutString("l", ListValue(l))
	if got := ToText(MapValue(m)); len(got) == 0 || len(got) > 10000 {
		t.Errorf("cyclic print: %d bytes", len(got))
	}
}

func BenchmarkAppendTextScalars(b *testing.B) {
	vals := []Value{String("hello"), Int(12345), Long(1 << 40), Double(249.99), Double(1.2345678e7), Bool(true), Char('x')}
	buf := make([]byte, 0, 256)
	b.ReportAllocs()
	for b.Loop() {
		buf = buf[:0]
		for _, v := range vals {
			buf = AppendText(buf, v)
		}
	}
}

func BenchmarkEquals(b *testing.B) {
	pairs := [][2]Value{
		{String("abc"), String("abc")}, {Int(1), Double(1)}, {String("1"), Int(1)}, {Int(7), Int(7)}, {Null, String("")},
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pairs {
			Equals(p[0], p[1])
		}
	}
}

func BenchmarkCallMethodString(b *testing.B) {
	s := String("hello world")
	args := []Value{Int(6)}
	b.ReportAllocs()
	for b.Loop() {
		CallMethod(s, "length", nil)
		CallMethod(s, "substring", args)
	}
}

func BenchmarkReplaceAll(b *testing.B) {
	s := String("it's a 'quoted' string")
	args := []Value{String(`\\'`), String("'")}
	b.ReportAllocs()
	for b.Loop() {
		CallMethod(s, "replaceAll", args)
	}
}

func BenchmarkGetPropertyMap(b *testing.B) {
	mp := NewMap(4)
	mp.PutString("name", String("x"))
	mp.PutString("id", Int(1))
	v := MapValue(mp)
	b.ReportAllocs()
	for b.Loop() {
		GetProperty(v, "id")
	}
}

// TestJavaDoubleShortDecimals: Double.toString of 2,000 JSON numbers (one to
// six decimals, the edges of plain notation) as the oracle printed them.
// Most take AppendJavaDouble's short-decimal path; the others its general
// one.
func TestJavaDoubleShortDecimals(t *testing.T) {
	data, err := os.ReadFile("testdata/java_doubles.txt")
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for line := range strings.Lines(string(data)) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		literal, want, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		f, err := strconv.ParseFloat(literal, 64)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(AppendJavaDouble(nil, f)); got != want {
			t.Errorf("%s: got %s, want %s", literal, got, want)
		}
		rows++
	}
	if rows != 2000 {
		t.Fatalf("%d rows, want 2000", rows)
	}
}

// TestNotImplementedMethodsFail pins that a Java method API Gateway would
// call but vtlc lacks fails the render (ErrNotImplemented) instead of
// rendering nothing where AWS prints a value; a call Java itself cannot
// resolve still renders nothing.
func TestNotImplementedMethodsFail(t *testing.T) {
	for _, tc := range []struct {
		recv Value
		name string
		args []Value
		want string // "" when the call must simply not be found
	}{
		{String("x"), "format", []Value{String("%tY"), Long(0)}, "not implemented in vtlc: String.format date/time conversion %tY"},
		{String("%tY"), "formatted", []Value{Long(0)}, "not implemented in vtlc: String.format date/time conversion %tY"},
		{String("x"), "format", []Value{Null, String("%s")}, "not implemented in vtlc: String.format(String, Object[])"}, // null format: format(Locale, …) or NPE, not modelled
		{Double(1.5), "floatValue", nil, "not implemented in vtlc: Double.floatValue()"},
		{Int(1), "floatValue", nil, "not implemented in vtlc: Integer.floatValue()"},
		{String("x"), "format", nil, ""},     // Java has no format()
		{String("x"), "floatValue", nil, ""}, // nor String.floatValue()
		{Int(1), "floatValue", []Value{Int(1)}, "java.lang.IllegalArgumentException: wrong number of arguments"},
		// Applicability as Velocity 1.7 decides it (oracle: each of these
		// prints a value, or the reference's text when nothing applies).
		{String("ab c"), "translateEscapes", nil, "not implemented in vtlc: String.translateEscapes()"},
		{String("ab c"), "offsetByCodePoints", []Value{Int(0), Int(1)}, "not implemented in vtlc: String.offsetByCodePoints(int, int)"},
		{String("ab c"), "offsetByCodePoints", []Value{Int(0), String("1")}, ""}, // no offsetByCodePoints(int, String)
		{String("ab c"), "offsetByCodePoints", []Value{Long(0), Int(1)}, ""},     // a long does not narrow to int
		{String("ab c"), "offsetByCodePoints", []Value{Null, Int(1)}, ""},        // null is no int
		{String("ab"), "contentEquals", []Value{Null}, "java.lang.NullPointerException"},
		{Int(7), "parseUnsignedInt", []Value{String("7")}, "not implemented in vtlc: Integer.parseUnsignedInt(String)"},
		{Int(7), "parseUnsignedInt", []Value{Null}, "not implemented in vtlc: Integer.parseUnsignedInt(String)"},
		{Long(7), "parseUnsignedLong", []Value{String("7"), Int(10)}, "not implemented in vtlc: Long.parseUnsignedLong(String, int)"},
		{Long(7), "getLong", []Value{String("p"), Int(1)}, "not implemented in vtlc: Long.getLong(String, long)"}, // int widens to long
		{ListValue(NewList([]Value{Int(2), Int(1)})), "stream", nil, "not implemented in vtlc: ArrayList.stream()"},
		{ListValue(NewList(nil)), "removeIf", []Value{String("x")}, ""}, // a String is no Predicate
		{ListValue(NewList(nil)), "removeIf", []Value{Null}, "not implemented in vtlc: ArrayList.removeIf(Predicate)"},
		{ListValue(NewJSONList(nil)), "toJSONString", []Value{Null}, "java.lang.IllegalArgumentException: wrong number of arguments"}, // toJSONString() is picked
		{MapValue(NewMap(0)), "merge", []Value{String("a"), Int(1), Null}, "not implemented in vtlc: LinkedHashMap.merge(Object, Object, BiFunction)"},
		{String("x"), "indexOf", []Value{MapValue(NewMap(0))}, ""},    // no indexOf(Map)
		{ObjectValue(&ForeachScope{}), "indent", []Value{Int(1)}, ""}, // vtlc's own objects are not in the table
	} {
		_, err := CallMethod(tc.recv, tc.name, tc.args)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if !strings.HasPrefix(got, tc.want) || (tc.want == "") != (got == "") {
			t.Errorf("%s.%s%v: error %q, want %q", ToText(tc.recv), tc.name, tc.args, got, tc.want)
		}
		if strings.HasPrefix(tc.want, "not implemented") && !errors.Is(err, ErrNotImplemented) {
			t.Errorf("%s.%s: %v is not ErrNotImplemented", ToText(tc.recv), tc.name, err)
		}
	}
}

// TestJavaMethodTable checks javamethods.txt (generated by
// fixtures/testdata/javamethods/JavaMethods.java) covers the class of every
// kind of value a template can call a method on.
func TestJavaMethodTable(t *testing.T) {
	jc := loadJavaClasses()
	for _, v := range []Value{
		String("s"), Int(1), Long(1), Double(1), Bool(true), Char('c'), BigInt(big.NewInt(1)),
		ListValue(NewList(nil)), ListValue(NewJSONList(nil)), MapValue(NewMap(0)),
		ListValue(&List{Class: ListKeySet}), ListValue(&List{Class: ListValues}), ListValue(&List{Class: ListEntrySet}),
	} {
		c := ClassName(v)
		if len(jc.methods[c]) == 0 {
			t.Errorf("no methods for %s", c)
		}
		if !jc.supers[c]["java.lang.Object"] || !jc.supers[c][c] {
			t.Errorf("supertypes of %s: %v", c, jc.supers[c])
		}
	}
	for _, tt := range []struct{ class, super string }{
		{"net.minidev.json.JSONArray", "java.util.List"},
		{"java.lang.String", "java.lang.CharSequence"},
		{"java.lang.Integer", "java.lang.Number"},
		{"[Ljava.lang.String;", "[Ljava.lang.Object;"},
	} {
		if !jc.supers[tt.class][tt.super] {
			t.Errorf("%s is not listed as a %s", tt.class, tt.super)
		}
	}
}
