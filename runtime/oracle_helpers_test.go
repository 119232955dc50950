package runtime

import (
	"math/big"
	"strings"
	"testing"
)

// oracleRow is one behaviour checked against vtl-oracle: tmpl exercises it
// in a template, got evaluates the same through this package, want is the
// oracle's output ("ERR" when the template fails).
type oracleRow struct {
	tmpl string
	want string
	got  func() string
}

func TestOracleRows(t *testing.T) {
	for _, r := range oracleRows {
		got := r.got()
		if strings.Contains(got, "ERR") {
			got = "ERR" // a Java exception fails the whole template
		}
		if got != r.want {
			t.Errorf("%s\n got %q\nwant %q", r.tmpl, got, r.want)
		}
	}
}

// Helpers that keep oracle_rows.txt short.

func s(x string) Value    { return String(x) }
func i(x int32) Value     { return Int(x) }
func lg(x int64) Value    { return Long(x) }
func d(x float64) Value   { return Double(x) }
func b(x bool) Value      { return Bool(x) }
func ch(x rune) Value     { return Char(x) }
func l(xs ...Value) Value { return ListValue(NewList(xs)) }
func ja(xs ...Value) Value {
	return ListValue(NewJSONList(xs))
}
func bi(x string) Value {
	n, _ := new(big.Int).SetString(x, 10)
	return BigInt(n)
}
func bd(x string) Value {
	v, _ := NewBigDecimal(x)
	return v
}

// m builds a LinkedHashMap from key, value pairs.
func m(kv ...Value) Value {
	mp := NewMap(len(kv) / 2)
	for k := 0; k+1 < len(kv); k += 2 {
		mp.Put(kv[k], kv[k+1])
	}
	return MapValue(mp)
}

// arr is a String[] (what split returns).
func arr(xs ...string) Value {
	items := make([]Value, len(xs))
	for k, x := range xs {
		items[k] = String(x)
	}
	return ArrayValue(NewList(items))
}

// r renders v as a reference does under the API Gateway overlay (null is "").
func r(v Value) string {
	if v.IsNull() {
		return ""
	}
	return ToText(v)
}

func re(v Value, err error) string {
	if err != nil {
		return "ERR"
	}
	return r(v)
}

func tf(x bool) string {
	if x {
		return "t"
	}
	return "f"
}

func call(recv Value, name string, args ...Value) string { return re(CallMethod(recv, name, args)) }
func callv(recv Value, name string, args ...Value) Value {
	v, _ := CallMethod(recv, name, args)
	return v
}
func prop(recv Value, name string) string { return re(GetProperty(recv, name)) }
func propv(recv Value, name string) Value {
	v, _ := GetProperty(recv, name)
	return v
}
func idx(recv Value, x Value) string   { return re(GetIndex(recv, x)) }
func ar(op ArithOp, a, b Value) string { return re(ArithErr(op, a, b)) }
func arv(op ArithOp, a, b Value) Value { return Arith(op, a, b) }
func eq(a, b Value) string             { return tf(Equals(a, b)) }
func lt(a, b Value) string {
	c, ok := Compare(a, b)
	return tf(ok && c < 0)
}
func le(a, b Value) string {
	c, ok := Compare(a, b)
	return tf(ok && c <= 0)
}
func lit(raw string) Value {
	v, err := ParseFloatLiteral(raw)
	if err != nil {
		panic(err)
	}
	return v
}
func ilit(raw string) Value {
	v, err := ParseIntLiteral(raw)
	if err != nil {
		panic(err)
	}
	return v
}

// seq runs mutations and renders the parts joined by sep, like a template
// that prints several references.
func seq(sep string, parts ...string) string {
	out := ""
	for k, p := range parts {
		if k > 0 {
			out += sep
		}
		out += p
	}
	return out
}

// with lets a row bind a value and run several steps on it.
func with(v Value, f func(Value) string) string { return f(v) }

// setIdx and setProp render "" or ERR like a #set directive.
func setIdx(recv, x, v Value) string {
	if err := SetIndex(recv, x, v); err != nil {
		return "ERR"
	}
	return ""
}
