package runtime

import (
	"strconv"
	"strings"
)

// integerStatic is java.lang.Integer's static methods, which Velocity's
// introspection lets a template call on any Integer instance
// (`$i.toHexString(23)`; fixture: velocity/escapev-substitute-static-me-01).
func integerStatic(name string, args []Value) (Value, bool, error) {
	switch len(args) {
	case 1:
		a := args[0]
		if a.k == KInt {
			u := uint32(a.AsInt())
			switch name {
			case "toHexString":
				return String(strconv.FormatUint(uint64(u), 16)), true, nil
			case "toOctalString":
				return String(strconv.FormatUint(uint64(u), 8)), true, nil
			case "toBinaryString":
				return String(strconv.FormatUint(uint64(u), 2)), true, nil
			case "valueOf":
				return a, true, nil
			}
		}
		if a.k == KString && (name == "parseInt" || name == "valueOf") {
			return parseJavaInt(a.str(), 10)
		}
	case 2:
		a, b := args[0], args[1]
		if a.k == KString && b.k == KInt && (name == "parseInt" || name == "valueOf") {
			return parseJavaInt(a.str(), int(b.AsInt()))
		}
		if a.k == KInt && b.k == KInt {
			x, y := a.AsInt(), b.AsInt()
			switch name {
			case "max":
				return Int(max(x, y)), true, nil
			case "min":
				return Int(min(x, y)), true, nil
			case "compare":
				return Int(int32(cmpInt(int64(x), int64(y)))), true, nil
			}
		}
	}
	return Null, false, nil
}

func cmpInt(x, y int64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// parseJavaInt is Integer.parseInt: an optional sign, digits of the radix,
// in int range; anything else is a NumberFormatException.
func parseJavaInt(s string, radix int) (Value, bool, error) {
	digits := strings.TrimPrefix(strings.TrimPrefix(s, "+"), "-")
	if radix >= 2 && radix <= 36 && digits != "" && !strings.HasPrefix(digits, "+") && !strings.HasPrefix(digits, "-") {
		if n, err := strconv.ParseInt(s, radix, 32); err == nil {
			return Int(int32(n)), true, nil
		}
	}
	return Null, true, javaErr("java.lang.NumberFormatException", "For input string: \""+s+"\"")
}

// listIterator is java.util.Iterator over a list: `$list.iterator()`
// (fixture: velocity/tpl17-foreach-introspect).
type listIterator struct {
	list *List
	i    int
}

func (it *listIterator) ClassName() string { return "java.util.ArrayList$Itr" }
func (it *listIterator) String() string    { return "java.util.ArrayList$Itr@1b6d3586" }
func (it *listIterator) GetProperty(string) (Value, bool) {
	return Null, false
}

func (it *listIterator) CallMethod(name string, args []Value) (Value, bool, error) {
	if len(args) != 0 {
		return Null, false, nil
	}
	switch name {
	case "hasNext":
		return Bool(it.i < len(it.list.Items)), true, nil
	case "next":
		if it.i >= len(it.list.Items) {
			return Null, true, javaErr("java.util.NoSuchElementException", "")
		}
		it.i++
		return it.list.Items[it.i-1], true, nil
	}
	return Null, false, nil
}

// Items lets #foreach iterate what is left of the iterator.
func (it *listIterator) Items() []Value {
	rest := it.list.Items[it.i:]
	it.i = len(it.list.Items)
	return rest
}
