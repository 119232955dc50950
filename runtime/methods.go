package runtime

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Java methods reached from templates. Velocity 1.7 resolves `$x.name(args)`
// by reflection on x's class: a method matches by name, argument count and
// argument types (an Integer argument fits an int, long or double
// parameter; a Long does not fit an int; a Character fits only char; null
// fits any object parameter). No match evaluates to null. We implement an
// allow-list of the methods templates use, with the same matching.

// GetProperty is `$x.name` as Velocity 1.7's UberspectImpl resolves it:
// getName()/getname() first, then Map.get("name"), then isName()/isname().
// So `$map.class` is the map's class, `$map.empty` is get("empty"),
// `$string.empty` is isEmpty(), `$string.bytes` is getBytes(). Null means
// no such property.
func GetProperty(recv Value, name string) (Value, error) {
	var hint int32
	return GetPropertyAt(recv, name, &hint)
}

// GetPropertyAt is GetProperty with a lookup hint for a map receiver
// (Map.GetStringAt): the VM keeps one per property instruction. The map
// case, most of a template's property reads, is small enough to inline.
func GetPropertyAt(recv Value, name string, hint *int32) (Value, error) {
	if recv.k == KMap && !propIs(name, "Class") {
		v, _ := recv.AsMap().GetStringAt(name, hint)
		return v, nil
	}
	return getProperty(recv, name)
}

// getProperty is GetProperty for everything but a map's entries.
func getProperty(recv Value, name string) (Value, error) {
	switch recv.k {
	case KNull:
		return Null, nil
	case KMap: // `$map.class`
		return ClassOf(recv), nil
	case KObject:
		o := recv.AsObject()
		if o == nil {
			return Null, nil
		}
		if v, ok := o.GetProperty(name); ok {
			return v, nil
		}
		if propIs(name, "Class") {
			return ClassOf(recv), nil
		}
		return Null, nil
	}
	if propIs(name, "Class") {
		return ClassOf(recv), nil
	}
	switch recv.k {
	case KString:
		switch {
		case propIs(name, "Bytes"):
			return stringBytes(recv.str()), nil
		case propIs(name, "Empty"):
			return Bool(recv.str() == ""), nil
		}
	case KList:
		if propIs(name, "Empty") {
			return Bool(recv.AsList().Len() == 0), nil
		}
	case KDouble:
		switch {
		case propIs(name, "NaN"):
			f := recv.AsDouble()
			return Bool(f != f), nil
		case propIs(name, "Infinite"):
			f := recv.AsDouble()
			return Bool(f-f != 0 && f == f), nil
		}
	}
	return Null, nil
}

// CallMethod is `$x.name(args)`. It returns Null with a nil error when no
// method matches (and for a void method it returns "", as Velocity's
// ASTMethod does). A Java exception is a *JavaError.
func CallMethod(recv Value, name string, args []Value) (Value, error) {
	v, _, err := callMethod(recv, name, args)
	return v, err
}

// HasMethod reports whether CallMethod would find a method (the result of
// a found method may still be null).
func HasMethod(recv Value, name string, args []Value) bool {
	_, ok, _ := callMethod(recv, name, args)
	return ok
}

var void = String("")

// isMutator reports whether name is a method that changes its receiver in
// listMethod, arrayMethod, mapMethod or mapEntry (Program.Mutates relies
// on it: TestMutatorsListed checks it against those methods).
func isMutator(name string) bool {
	switch name {
	case "add", "addAll", "clear", "put", "putAll", "putIfAbsent", "remove", "removeAll", "replace", "retainAll",
		"set", "setValue", "sort":
		return true
	}
	return false
}

func callMethod(recv Value, name string, args []Value) (Value, bool, error) {
	var (
		v   Value
		ok  bool
		err error
	)
	switch recv.k {
	case KNull:
		return Null, false, nil
	case KString:
		v, ok, err = stringMethod(recv, name, args)
	case KInt, KLong, KDouble, KBigInt, KBigDec:
		v, ok, err = numberMethod(recv, name, args)
		if !ok && err == nil {
			switch recv.k {
			case KInt:
				v, ok, err = integerStatic(name, args)
			case KLong:
				v, ok, err = longStatic(name, args)
			case KDouble:
				v, ok, err = doubleStatic(name, args)
			}
		}
	case KBool:
		v, ok, err = boolMethod(recv, name, args)
		if !ok && err == nil {
			v, ok, err = booleanStatic(name, args)
		}
	case KChar:
		v, ok, err = charMethod(recv, name, args)
	case KList:
		v, ok, err = listMethod(recv, name, args)
	case KArray:
		v, ok, err = arrayMethod(recv, name, args)
	case KMap:
		v, ok, err = mapMethod(recv, name, args)
	case KObject:
		if o := recv.AsObject(); o != nil {
			v, ok, err = o.CallMethod(name, args)
		}
	}
	if ok || err != nil {
		return v, ok, err
	}
	// java.lang.Object's methods, which every class has.
	switch len(args) {
	case 0:
		switch name {
		case "getClass":
			return ClassOf(recv), true, nil
		case "toString":
			return String(ToText(recv)), true, nil
		case "hashCode":
			return Int(JavaHashCode(recv)), true, nil
		}
	case 1:
		if name == "equals" {
			return Bool(JavaEquals(recv, args[0])), true, nil
		}
	}
	if sig := javaMethodFor(recv, name, args); sig != "" {
		return Null, true, fmt.Errorf("%w: %s (API Gateway would call it; vtlc cannot render what it returns)", ErrNotImplemented, sig)
	}
	if len(args) > 0 && hasZeroArgMethod(recv, name) {
		// Velocity 1.7's MethodMap.isApplicable accepts a method without
		// parameters for any arguments, so `$s.length(1)` invokes length()
		// with one argument and reflection throws (oracle rows).
		return Null, true, javaErr("java.lang.IllegalArgumentException", "wrong number of arguments")
	}
	return Null, false, nil
}

// ErrNotImplemented is a Java method API Gateway would call that vtlc does
// not have (javamethods.go): the render fails rather than print nothing
// where AWS prints a value.
var ErrNotImplemented = errors.New("not implemented in vtlc")

// Methods without parameters that every value has (java.lang.Object's),
// and those of the array wrapper Velocity puts around a Java array: the
// other classes' come from the Java method table (javamethods.go).
const (
	objectZeroArg = "getClass hashCode toString notify notifyAll"
	arrayZeroArg  = "clone size isEmpty iterator listIterator toArray stream parallelStream spliterator clear"
)

// hasZeroArgMethod reports whether recv's class has a public method name
// without parameters, which Velocity 1.7 finds applicable to any arguments.
func hasZeroArgMethod(recv Value, name string) bool {
	if containsWord(objectZeroArg, name) {
		return true
	}
	if recv.k == KArray {
		return containsWord(arrayZeroArg, name)
	}
	for _, m := range loadJavaClasses().methods[ClassName(recv)][name] {
		if len(m.params) == 0 {
			return true
		}
	}
	return false
}

func containsWord(list, w string) bool {
	for len(list) > 0 {
		i := strings.IndexByte(list, ' ')
		if i < 0 {
			return list == w
		}
		if list[:i] == w {
			return true
		}
		list = list[i+1:]
	}
	return false
}

// Argument matching (Velocity's MethodMap.isMethodInvocationConvertible).

func argInt(v Value) (int, bool) { // int parameter: Integer (Short, Byte)
	if v.k == KInt {
		return int(int32(v.n)), true
	}
	return 0, false
}

func argStr(v Value) bool { return v.k == KString || v.k == KNull } // String / CharSequence parameter

func npe() *JavaError { return javaErr("java.lang.NullPointerException", "") }

func cce(from Value, to string) *JavaError {
	f := ClassName(from)
	where := " (" + f + " and " + to + " are in module java.base of loader 'bootstrap')"
	if strings.HasPrefix(f, "net.minidev.") {
		// json-smart's classes (a JSON body's arrays and objects) come
		// from the application's class loader.
		where = " (" + f + " is in unnamed module of loader 'app'; " + to + " is in module java.base of loader 'bootstrap')"
	}
	return javaErr("java.lang.ClassCastException", "class "+f+" cannot be cast to class "+to+where)
}

func sioobe(msg string) *JavaError {
	return javaErr("java.lang.StringIndexOutOfBoundsException", msg)
}

func ioobe(msg string) *JavaError {
	return javaErr("java.lang.IndexOutOfBoundsException", msg)
}

func outOfBounds(i, n int) string {
	return "Index " + strconv.Itoa(i) + " out of bounds for length " + strconv.Itoa(n)
}

func rangeMsg(b, e, n int) string {
	return "begin " + strconv.Itoa(b) + ", end " + strconv.Itoa(e) + ", length " + strconv.Itoa(n)
}

// stringMethod is java.lang.String.
func stringMethod(recv Value, name string, args []Value) (Value, bool, error) {
	s := recv.str()
	switch len(args) {
	case 0:
		switch name {
		case "length":
			return Int(int32(newJstr(s).len())), true, nil
		case "isEmpty":
			return Bool(s == ""), true, nil
		case "toString", "intern":
			return recv, true, nil
		case "toLowerCase":
			return String(javaLower(s)), true, nil
		case "toUpperCase":
			return String(javaUpper(s)), true, nil
		case "trim":
			return String(javaTrim(s)), true, nil
		case "strip":
			return String(strings.TrimRightFunc(strings.TrimLeftFunc(s, JavaIsWhitespace), JavaIsWhitespace)), true, nil
		case "stripLeading":
			return String(strings.TrimLeftFunc(s, JavaIsWhitespace)), true, nil
		case "stripTrailing":
			return String(strings.TrimRightFunc(s, JavaIsWhitespace)), true, nil
		case "isBlank":
			return Bool(strings.TrimLeftFunc(s, JavaIsWhitespace) == ""), true, nil
		case "hashCode":
			return Int(stringHash(s)), true, nil
		case "getBytes":
			return stringBytes(s), true, nil
		case "toCharArray":
			j := newJstr(s)
			items := make([]Value, j.len())
			for i := range items {
				items[i] = Char(rune(j.at(i)))
			}
			return ArrayValue(&List{Items: items, Class: ListChars}), true, nil
		}
	case 1:
		a := args[0]
		switch name {
		case "charAt":
			i, ok := argInt(a)
			if !ok {
				return Null, false, nil
			}
			j := newJstr(s)
			if i < 0 || i >= j.len() {
				return Null, true, sioobe("String index out of range: " + strconv.Itoa(i))
			}
			return Char(rune(j.at(i))), true, nil
		case "substring":
			b, ok := argInt(a)
			if !ok {
				return Null, false, nil
			}
			j := newJstr(s)
			if b < 0 || b > j.len() {
				return Null, true, sioobe(rangeMsg(b, j.len(), j.len()))
			}
			return String(j.sub(b, j.len())), true, nil
		case "indexOf", "lastIndexOf":
			j := newJstr(s)
			last := name == "lastIndexOf"
			if ch, ok := argInt(a); ok {
				if last {
					return Int(int32(j.lastIndexOfChar(int32(ch), j.len()))), true, nil
				}
				return Int(int32(j.indexOfChar(int32(ch), 0))), true, nil
			}
			if !argStr(a) {
				return Null, false, nil
			}
			if a.k == KNull {
				return Null, true, npe()
			}
			if last {
				return Int(int32(j.lastIndexOf(newJstr(a.str()), j.len()))), true, nil
			}
			return Int(int32(j.indexOf(newJstr(a.str()), 0))), true, nil
		case "contains", "startsWith", "endsWith", "concat", "compareToIgnoreCase",
			"matches", "split":
			if !argStr(a) {
				return Null, false, nil
			}
			if a.k == KNull {
				return Null, true, npe()
			}
			t := a.str()
			switch name {
			case "contains":
				return Bool(strings.Contains(s, t)), true, nil
			case "startsWith":
				return Bool(strings.HasPrefix(s, t)), true, nil
			case "endsWith":
				return Bool(strings.HasSuffix(s, t)), true, nil
			case "concat":
				return String(s + t), true, nil
			case "compareToIgnoreCase":
				return Int(int32(compareUnits(newJstr(s), newJstr(t), true))), true, nil
			case "matches":
				m, err := regexMatches(t, s)
				return Bool(m), true, err
			case "split":
				return javaSplit(s, t, 0)
			}
		case "repeat":
			n, ok := argInt(a)
			if !ok {
				return Null, false, nil
			}
			if n < 0 {
				return Null, true, javaErr("java.lang.IllegalArgumentException", "count is negative: "+strconv.Itoa(n))
			}
			if n > 0 && len(s) > math.MaxInt32/n { // Java's String length is an int
				return Null, true, javaErr("java.lang.OutOfMemoryError", "Required length exceeds implementation limit")
			}
			return String(strings.Repeat(s, n)), true, nil
		case "equals":
			return Bool(a.k == KString && a.str() == s), true, nil
		case "equalsIgnoreCase":
			if !argStr(a) {
				return Null, false, nil
			}
			return Bool(a.k == KString && equalsIgnoreCase(s, a.str())), true, nil
		case "compareTo":
			// compareTo(String) and its bridge compareTo(Object): any
			// argument matches; a non-String fails the cast.
			switch a.k {
			case KString:
				return Int(int32(compareUnits(newJstr(s), newJstr(a.str()), false))), true, nil
			case KNull:
				return Null, true, npe()
			}
			return Null, true, cce(a, "java.lang.String")
		case "valueOf", "copyValueOf":
			// Static String.valueOf(x), callable on an instance.
			if a.k == KNull {
				return Null, false, nil // ambiguous between valueOf(Object) and valueOf(char[])
			}
			if a.k == KArray && a.AsList().Class == ListChars {
				return String(ToText(joinChars(a.AsList()))), true, nil
			}
			if name == "copyValueOf" {
				return Null, false, nil
			}
			return String(ToText(a)), true, nil
		}
	case 2:
		a, b := args[0], args[1]
		switch name {
		case "substring":
			x, ok1 := argInt(a)
			y, ok2 := argInt(b)
			if !ok1 || !ok2 {
				return Null, false, nil
			}
			j := newJstr(s)
			if x < 0 || y > j.len() || x > y {
				return Null, true, sioobe(rangeMsg(x, y, j.len()))
			}
			return String(j.sub(x, y)), true, nil
		case "indexOf", "lastIndexOf":
			from, ok := argInt(b)
			if !ok {
				return Null, false, nil
			}
			j := newJstr(s)
			last := name == "lastIndexOf"
			if ch, ok := argInt(a); ok {
				if last {
					return Int(int32(j.lastIndexOfChar(int32(ch), from))), true, nil
				}
				return Int(int32(j.indexOfChar(int32(ch), from))), true, nil
			}
			if !argStr(a) {
				return Null, false, nil
			}
			if a.k == KNull {
				return Null, true, npe()
			}
			if last {
				return Int(int32(j.lastIndexOf(newJstr(a.str()), from))), true, nil
			}
			return Int(int32(j.indexOf(newJstr(a.str()), from))), true, nil
		case "startsWith":
			from, ok := argInt(b)
			if !ok || !argStr(a) {
				return Null, false, nil
			}
			if a.k == KNull {
				return Null, true, npe()
			}
			return Bool(newJstr(s).matchAt(newJstr(a.str()), from)), true, nil
		case "replace":
			if a.k == KChar && b.k == KChar {
				return String(strings.ReplaceAll(s, charText(a.AsChar()), charText(b.AsChar()))), true, nil
			}
			if !argStr(a) || !argStr(b) {
				return Null, false, nil
			}
			if a.k == KNull || b.k == KNull {
				return Null, true, npe()
			}
			return String(javaReplace(s, a.str(), b.str())), true, nil
		case "replaceAll", "replaceFirst":
			if !argStr(a) || !argStr(b) {
				return Null, false, nil
			}
			if a.k == KNull || b.k == KNull {
				return Null, true, npe()
			}
			r, err := regexReplace(s, a.str(), b.str(), name == "replaceAll")
			if err != nil {
				return Null, true, err
			}
			return String(r), true, nil
		case "split":
			limit, ok := argInt(b)
			if !ok || !argStr(a) {
				return Null, false, nil
			}
			if a.k == KNull {
				return Null, true, npe()
			}
			return javaSplit(s, a.str(), limit)
		}
	}
	// The varargs methods (any number of arguments), after the common ones.
	switch name {
	case "join":
		return stringJoin(args)
	case "format": // the static format(String, Object...) on an instance
		if len(args) == 0 || args[0].k != KString {
			return Null, false, nil
		}
		out, err := javaFormat(args[0].str(), varargs(args[1:]))
		return String(out), true, err
	case "formatted":
		out, err := javaFormat(s, varargs(args))
		return String(out), true, err
	}
	return stringCodePoints(s, name, args)
}

// bytesAhead is what a call is about to allocate when that can be far more
// than its arguments hold ($s.repeat(n)), so that the VM refuses it over
// the allocation budget before it is made rather than charge it after;
// 0 for every other call.
//
// It is called on every CALL the VM makes and stays small enough to be
// inlined there: only a String receiver goes on to stringBytesAhead.
func bytesAhead(recv Value, name string, args []Value) int64 {
	if recv.k != KString {
		return 0
	}
	return stringBytesAhead(recv, name, args)
}

func stringBytesAhead(recv Value, name string, args []Value) int64 {
	switch {
	case name == "repeat" && len(args) == 1 && args[0].k == KInt:
		return int64(recv.n) * max(int64(args[0].AsInt()), 0)
	case name == "format" && len(args) > 0 && args[0].k == KString:
		return formatBytesAhead(args[0].str())
	case name == "formatted":
		return formatBytesAhead(recv.str())
	}
	return 0
}

// stringJoin is the static String.join, callable on an instance:
// join(CharSequence, Iterable<? extends CharSequence>) for a list, else
// join(CharSequence, CharSequence...) for the other arguments or a String[]
// (Velocity 1.7 passes an array as the varargs array itself). A null
// element joins as "null"; a list element that is not a String fails the
// cast Java makes as it iterates.
func stringJoin(args []Value) (Value, bool, error) {
	if len(args) == 0 || !argStr(args[0]) {
		return Null, false, nil
	}
	elems := args[1:]
	iterable := false
	if len(elems) == 1 {
		switch e := elems[0]; {
		case e.k == KList:
			elems, iterable = e.AsList().Items, true
		default:
			elems = varargs(elems)
		}
	}
	if !iterable {
		for _, e := range elems {
			if !argStr(e) {
				return Null, false, nil
			}
		}
		if len(elems) == 1 && elems[0].k == KNull {
			return Null, false, nil // ambiguous: null is an Iterable and a CharSequence[]
		}
	}
	if args[0].k == KNull {
		return Null, true, npe()
	}
	delim := args[0].str()
	var b []byte
	for i, e := range elems {
		if i > 0 {
			b = append(b, delim...)
		}
		switch e.k {
		case KString:
			b = append(b, e.str()...)
		case KNull:
			b = append(b, "null"...)
		default:
			return Null, true, cce(e, "java.lang.CharSequence")
		}
	}
	return String(string(b)), true, nil
}

func joinChars(l *List) Value {
	var b []byte
	for _, c := range l.Items {
		b = AppendText(b, c)
	}
	return String(string(b))
}

// javaReplace is String.replace(CharSequence, CharSequence): an empty
// target inserts the replacement around every char.
func javaReplace(s, old, repl string) string {
	if old != "" {
		return strings.ReplaceAll(s, old, repl)
	}
	j := newJstr(s)
	var sb strings.Builder
	sb.WriteString(repl)
	for i := 0; i < j.len(); i++ {
		sb.WriteString(j.sub(i, i+1))
		sb.WriteString(repl)
	}
	return sb.String()
}

func equalsIgnoreCase(a, b string) bool {
	ja, jb := newJstr(a), newJstr(b)
	return ja.len() == jb.len() && compareUnits(ja, jb, true) == 0
}

// stringBytes is getBytes() in UTF-8: a byte[] of signed bytes.
func stringBytes(s string) Value {
	items := make([]Value, len(s))
	for i := 0; i < len(s); i++ {
		items[i] = Int(int32(int8(s[i])))
	}
	return ArrayValue(&List{Items: items, Class: ListBytes})
}

// numberMethod is Integer, Long, Double, BigInteger and BigDecimal.
func numberMethod(recv Value, name string, args []Value) (Value, bool, error) {
	switch len(args) {
	case 0:
		switch name {
		case "intValue":
			if recv.k == KDouble {
				return Int(doubleToInt(recv.AsDouble())), true, nil
			}
			return Int(int32(numLong(recv))), true, nil
		case "longValue":
			return Long(numLong(recv)), true, nil
		case "doubleValue":
			f := numDouble(recv)
			if f != f {
				f = canonicalNaN
			}
			return Double(f), true, nil
		case "shortValue":
			if recv.k == KDouble {
				return Int(int32(int16(doubleToInt(recv.AsDouble())))), true, nil
			}
			return Int(int32(int16(numLong(recv)))), true, nil
		case "byteValue":
			if recv.k == KDouble {
				return Int(int32(int8(doubleToInt(recv.AsDouble())))), true, nil
			}
			return Int(int32(int8(numLong(recv)))), true, nil
		case "isNaN", "isInfinite":
			if recv.k != KDouble {
				return Null, false, nil
			}
			v, _ := GetProperty(recv, name[2:])
			return v, true, nil
		}
	case 1:
		a := args[0]
		if name == "compareTo" {
			// compareTo(T) and the bridge compareTo(Object).
			if a.k == KNull {
				return Null, true, npe()
			}
			if a.k != recv.k {
				return Null, true, cce(a, ClassName(recv))
			}
			c, _ := compareNumbers(recv, a)
			if recv.k == KDouble {
				c = compareDoubles(recv.AsDouble(), a.AsDouble())
			}
			return Int(int32(c)), true, nil
		}
	}
	return Null, false, nil
}

// compareDoubles is Double.compare: -0.0 < 0.0, NaN above everything.
func compareDoubles(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	bx, by := int64(Double(x).n), int64(Double(y).n)
	if x != x {
		bx = 0x7ff8000000000000
	}
	if y != y {
		by = 0x7ff8000000000000
	}
	switch {
	case bx < by:
		return -1
	case bx > by:
		return 1
	}
	return 0
}

func boolMethod(recv Value, name string, args []Value) (Value, bool, error) {
	switch {
	case len(args) == 0 && name == "booleanValue":
		return recv, true, nil
	case len(args) == 1 && name == "compareTo":
		a := args[0]
		if a.k == KNull {
			return Null, true, npe()
		}
		if a.k != KBool {
			return Null, true, cce(a, "java.lang.Boolean")
		}
		return Int(int32(int(recv.n) - int(a.n))), true, nil
	}
	return Null, false, nil
}

func charMethod(recv Value, name string, args []Value) (Value, bool, error) {
	switch {
	case len(args) == 0 && name == "charValue":
		return recv, true, nil
	case len(args) == 1 && name == "compareTo":
		a := args[0]
		if a.k == KNull {
			return Null, true, npe()
		}
		if a.k != KChar {
			return Null, true, cce(a, "java.lang.Character")
		}
		return Int(int32(recv.AsChar() - a.AsChar())), true, nil
	}
	return Null, false, nil
}

// listMethod is java.util.List (ArrayList, JSONArray; keySet()/values()
// copies too).
func listMethod(recv Value, name string, args []Value) (Value, bool, error) {
	l := recv.AsList()
	n := len(l.Items)
	switch len(args) {
	case 0:
		switch name {
		case "size":
			return Int(int32(n)), true, nil
		case "isEmpty":
			return Bool(n == 0), true, nil
		case "iterator":
			return ObjectValue(&listIterator{list: l}), true, nil
		case "clear":
			l.Items = l.Items[:0]
			return void, true, nil
		case "clone": // a shallow copy of the same class
			return ListValue(&List{Items: append([]Value(nil), l.Items...), JSON: l.JSON, Class: l.Class}), true, nil
		case "trimToSize":
			return void, true, nil
		case "toJSONString":
			if l.JSON {
				return String(string(AppendJSON(nil, recv))), true, nil
			}
		}
	case 1:
		a := args[0]
		switch name {
		case "get":
			i, ok := argInt(a)
			if !ok {
				return Null, false, nil
			}
			if i < 0 || i >= n {
				return Null, true, ioobe(outOfBounds(i, n))
			}
			return l.Items[i], true, nil
		case "contains":
			return Bool(indexOf(l.Items, a) >= 0), true, nil
		case "sort":
			if a.k != KNull {
				return Null, false, nil // no Comparator can be written in a template
			}
			return void, true, sortNatural(l.Items)
		case "ensureCapacity":
			if _, ok := argInt(a); ok {
				return void, true, nil
			}
		case "indexOf":
			return Int(int32(indexOf(l.Items, a))), true, nil
		case "lastIndexOf":
			for i := n - 1; i >= 0; i-- {
				if JavaEquals(a, l.Items[i]) {
					return Int(int32(i)), true, nil
				}
			}
			return Int(-1), true, nil
		case "add":
			l.Items = append(l.Items, a)
			return Bool(true), true, nil
		case "remove":
			if i, ok := argInt(a); ok { // remove(int) is the more specific
				if i < 0 || i >= n {
					return Null, true, ioobe(outOfBounds(i, n))
				}
				old := l.Items[i]
				l.Items = append(l.Items[:i], l.Items[i+1:]...)
				return old, true, nil
			}
			if i := indexOf(l.Items, a); i >= 0 {
				l.Items = append(l.Items[:i], l.Items[i+1:]...)
				return Bool(true), true, nil
			}
			return Bool(false), true, nil
		case "addAll", "containsAll", "removeAll", "retainAll":
			if a.k != KList {
				if a.k == KNull {
					return Null, true, npe()
				}
				return Null, false, nil
			}
			other := append([]Value(nil), a.AsList().Items...)
			switch name {
			case "addAll":
				l.Items = append(l.Items, other...)
				return Bool(len(other) > 0), true, nil
			case "containsAll":
				for _, x := range other {
					if indexOf(l.Items, x) < 0 {
						return Bool(false), true, nil
					}
				}
				return Bool(true), true, nil
			}
			keep := l.Items[:0]
			for _, x := range l.Items {
				if (indexOf(other, x) >= 0) == (name == "retainAll") {
					keep = append(keep, x)
				}
			}
			changed := len(keep) != n
			clear(l.Items[len(keep):])
			l.Items = keep
			return Bool(changed), true, nil
		}
	case 2:
		a, b := args[0], args[1]
		switch name {
		case "set":
			i, ok := argInt(a)
			if !ok {
				return Null, false, nil
			}
			if i < 0 || i >= n {
				return Null, true, ioobe(outOfBounds(i, n))
			}
			old := l.Items[i]
			l.Items[i] = b
			return old, true, nil
		case "add":
			i, ok := argInt(a)
			if !ok {
				return Null, false, nil
			}
			if i < 0 || i > n {
				return Null, true, ioobe("Index: " + strconv.Itoa(i) + ", Size: " + strconv.Itoa(n))
			}
			l.Items = append(l.Items, Null)
			copy(l.Items[i+1:], l.Items[i:])
			l.Items[i] = b
			return void, true, nil
		case "addAll":
			i, ok := argInt(a)
			if !ok || b.k != KList {
				return Null, false, nil
			}
			if i < 0 || i > n {
				return Null, true, ioobe("Index: " + strconv.Itoa(i) + ", Size: " + strconv.Itoa(n))
			}
			other := b.AsList().Items
			items := make([]Value, 0, n+len(other))
			items = append(append(append(items, l.Items[:i]...), other...), l.Items[i:]...)
			l.Items = items
			return Bool(len(other) > 0), true, nil
		case "subList":
			return subList(l, a, b)
		}
	}
	return Null, false, nil
}

// subList copies the range: Java returns a view, which prints as "[a, b]"
// (never as JSON, even from a JSONArray).
func subList(l *List, a, b Value) (Value, bool, error) {
	from, ok1 := argInt(a)
	to, ok2 := argInt(b)
	if !ok1 || !ok2 {
		return Null, false, nil
	}
	n := len(l.Items)
	switch {
	case from < 0:
		return Null, true, ioobe("fromIndex = " + strconv.Itoa(from))
	case to > n:
		return Null, true, ioobe("toIndex = " + strconv.Itoa(to))
	case from > to:
		return Null, true, javaErr("java.lang.IllegalArgumentException",
			"fromIndex("+strconv.Itoa(from)+") > toIndex("+strconv.Itoa(to)+")")
	}
	return ListValue(NewList(append([]Value(nil), l.Items[from:to]...))), true, nil
}

// arrayMethod is a Java array: the array class's own methods (getClass,
// toString, equals, hashCode, clone — Object's, handled by the caller), then
// Velocity 1.7's ArrayListWrapper, an AbstractList over the array: size,
// get, set, isEmpty, contains, indexOf, lastIndexOf, subList, containsAll.
// Mutating the length (add, remove, clear) is unsupported.
func arrayMethod(recv Value, name string, args []Value) (Value, bool, error) {
	l := recv.AsList()
	switch name {
	case "size", "get", "isEmpty", "contains", "indexOf", "lastIndexOf", "subList", "containsAll":
		return listMethod(ListValue(l), name, args)
	case "toString", "equals", "hashCode", "getClass":
		return Null, false, nil // java.lang.Object's
	case "clone":
		if len(args) == 0 {
			return ArrayValue(&List{Items: append([]Value(nil), l.Items...), Class: l.Class}), true, nil
		}
	case "set":
		if len(args) == 2 {
			i, ok := argInt(args[0])
			if !ok {
				return Null, false, nil
			}
			if i < 0 || i >= len(l.Items) {
				return Null, true, javaErr("java.lang.ArrayIndexOutOfBoundsException", outOfBounds(i, len(l.Items)))
			}
			if !arrayAccepts(l, args[1]) {
				return Null, true, javaErr("java.lang.IllegalArgumentException", "array element type mismatch")
			}
			old := l.Items[i]
			l.Items[i] = args[1]
			return old, true, nil
		}
	case "add", "remove", "clear", "addAll", "removeAll", "retainAll":
		if (name == "clear") == (len(args) == 0) && len(args) <= 2 {
			if name == "add" && len(args) == 2 {
				if _, ok := argInt(args[0]); !ok {
					return Null, false, nil
				}
			}
			return Null, true, javaErr("java.lang.UnsupportedOperationException", "")
		}
	}
	return Null, false, nil
}

func arrayAccepts(l *List, v Value) bool {
	switch l.Class {
	case ListDefault:
		return v.k == KString || v.k == KNull
	case ListBytes:
		return v.k == KInt && int32(v.n) == int32(int8(v.n))
	case ListChars:
		return v.k == KChar
	}
	return true
}

// mapMethod is java.util.LinkedHashMap.
func mapMethod(recv Value, name string, args []Value) (Value, bool, error) {
	m := recv.AsMap()
	switch len(args) {
	case 0:
		switch name {
		case "size":
			return Int(int32(m.Len())), true, nil
		case "isEmpty":
			return Bool(m.Len() == 0), true, nil
		case "clear":
			m.Clear()
			return void, true, nil
		case "keySet":
			items := make([]Value, m.Len())
			for i, e := range m.entries {
				items[i] = e.Key
			}
			return ListValue(&List{Items: items, Class: ListKeySet}), true, nil
		case "values":
			items := make([]Value, m.Len())
			for i, e := range m.entries {
				items[i] = e.Value
			}
			return ListValue(&List{Items: items, Class: ListValues}), true, nil
		case "entrySet":
			items := make([]Value, m.Len())
			for i, e := range m.entries {
				items[i] = ObjectValue(&mapEntry{m: m, key: e.Key})
			}
			return ListValue(&List{Items: items, Class: ListEntrySet}), true, nil
		}
	case 1:
		a := args[0]
		switch name {
		case "get":
			v, _ := m.Get(a)
			return v, true, nil
		case "containsKey":
			_, ok := m.Get(a)
			return Bool(ok), true, nil
		case "containsValue":
			for _, e := range m.entries {
				if JavaEquals(a, e.Value) {
					return Bool(true), true, nil
				}
			}
			return Bool(false), true, nil
		case "remove":
			return m.Remove(a), true, nil
		case "putAll":
			if a.k != KMap {
				if a.k == KNull {
					return Null, true, npe()
				}
				return Null, false, nil
			}
			for _, e := range append([]MapEntry(nil), a.AsMap().entries...) {
				m.Put(e.Key, e.Value)
			}
			return void, true, nil
		}
	case 2:
		a, b := args[0], args[1]
		switch name {
		case "put":
			return m.Put(a, b), true, nil
		case "getOrDefault":
			if v, ok := m.Get(a); ok {
				return v, true, nil
			}
			return b, true, nil
		case "putIfAbsent":
			if v, ok := m.Get(a); ok && v.k != KNull {
				return v, true, nil
			}
			m.Put(a, b)
			return Null, true, nil
		case "replace": // the old value, or null when a is not a key
			if _, ok := m.Get(a); ok {
				return m.Put(a, b), true, nil
			}
			return Null, true, nil
		case "remove": // remove(key, value): only when mapped to value
			if v, ok := m.Get(a); ok && JavaEquals(v, b) {
				m.Remove(a)
				return Bool(true), true, nil
			}
			return Bool(false), true, nil
		}
	case 3:
		if name == "replace" { // replace(key, old, new)
			if v, ok := m.Get(args[0]); ok && JavaEquals(v, args[1]) {
				m.Put(args[0], args[2])
				return Bool(true), true, nil
			}
			return Bool(false), true, nil
		}
	}
	return Null, false, nil
}

// varargs are the arguments of a varargs parameter (Object..., CharSequence...):
// one String[] argument is the array itself (Velocity 1.7 passes it as the
// varargs array), anything else one argument each.
func varargs(args []Value) []Value {
	if len(args) == 1 && args[0].k == KArray && args[0].AsList().Class == ListDefault {
		return args[0].AsList().Items
	}
	return args
}

// sortNatural is List.sort(null): the elements' natural order, as Java's
// TimSort finds it on a list under 32 elements (Arrays.sort's
// ComparableTimSort: the first run, then binary insertion), comparing in
// the same order — so that a list Java cannot sort fails with the
// exception Java throws at the comparison where it throws it: a
// ClassCastException for an element that is not Comparable or of another
// class than the one it is compared with. Longer lists are sorted by the
// same insertion (stable, so the result is Java's); only which two
// elements of a mixed long list an exception names may differ from Java,
// whose merges compare in another order. Fixture:
// conformance/vtlc/list-sort-map-replace, list-sort-mixed.
func sortNatural(items []Value) error {
	if len(items) < 2 {
		return nil
	}
	for _, v := range items {
		if v.k == KNull {
			// The helpful NullPointerException names TimSort's local
			// variables; vtlc does not make up that text.
			return fmt.Errorf("%w: List.sort(null) of a list holding null (Java throws a NullPointerException)", ErrNotImplemented)
		}
	}
	var err error
	less := func(x, y Value) bool { // x.compareTo(y) < 0, the first error kept
		if err != nil {
			return false
		}
		switch cx := ClassName(x); cx {
		case "java.lang.String", "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Boolean",
			"java.lang.Character", "java.math.BigInteger", "java.math.BigDecimal":
			if ClassName(y) != cx {
				err = cce(y, cx)
				return false
			}
		default:
			err = cce(x, "java.lang.Comparable")
			return false
		}
		c, cerr := CallMethod(x, "compareTo", []Value{y})
		if cerr != nil {
			err = cerr
		}
		return c.k == KInt && c.AsInt() < 0
	}
	// countRunAndMakeAscending: the longest ascending, or strictly
	// descending (then reversed), run at the start.
	run := 2
	if less(items[1], items[0]) {
		for run < len(items) && less(items[run], items[run-1]) {
			run++
		}
		slices.Reverse(items[:run])
	} else {
		for run < len(items) && !less(items[run], items[run-1]) {
			run++
		}
	}
	// binarySort: each further element inserted after the equal ones.
	for start := run; start < len(items) && err == nil; start++ {
		pivot := items[start]
		left, right := 0, start
		for left < right {
			mid := int(uint(left+right) >> 1)
			if less(pivot, items[mid]) {
				right = mid
			} else {
				left = mid + 1
			}
		}
		if err == nil {
			copy(items[left+1:start+1], items[left:start])
			items[left] = pivot
		}
	}
	return err
}

// GetIndex is `$x[i]` (Velocity 1.7 ASTIndex): a negative Integer index
// first becomes size() + i (so `$list[-1]` is the last element, and
// `$map[-1]` looks up the key size()-1); then `get(i)` is called as a
// method: List.get(int) and the array wrapper's get(int) take only
// Integers; Map.get takes any key; a class without get (String) gives null.
// An index out of range is an error, as in Velocity.
func GetIndex(recv Value, index Value) (Value, error) {
	switch recv.k {
	case KNull:
		return Null, nil
	case KMap:
		if index.k == KInt && int32(index.n) < 0 {
			index = Int(int32(index.n) + int32(recv.AsMap().Len()))
		}
		v, _ := recv.AsMap().Get(index)
		return v, nil
	case KList, KArray:
		i, ok := argInt(index)
		if !ok {
			return Null, nil
		}
		l := recv.AsList()
		if i < 0 {
			i += len(l.Items)
		}
		if i < 0 || i >= len(l.Items) {
			return Null, indexError(recv, i, len(l.Items))
		}
		return l.Items[i], nil
	}
	index, err := adjustNegativeIndex(recv, index)
	if err != nil {
		return Null, err
	}
	return CallMethod(recv, "get", []Value{index})
}

func indexError(recv Value, i, n int) error {
	class := "java.lang.IndexOutOfBoundsException"
	if recv.k == KArray {
		class = "java.lang.ArrayIndexOutOfBoundsException"
	}
	return javaErr(class, outOfBounds(i, n))
}

// adjustNegativeIndex is ASTIndex.adjMinusIndexArg for values other than
// lists, arrays and maps: a negative Integer needs a size() method.
func adjustNegativeIndex(recv, index Value) (Value, error) {
	if index.k != KInt || int32(index.n) >= 0 {
		return index, nil
	}
	size, ok, err := callMethod(recv, "size", nil)
	if err != nil {
		return index, err
	}
	if !ok {
		return index, javaErr("org.apache.velocity.exception.VelocityException",
			"A 'size()' method required for negative value "+strconv.Itoa(int(int32(index.n)))+
				" does not exist for class '"+ClassName(recv)+"'")
	}
	if size.k != KInt {
		return index, javaErr("org.apache.velocity.exception.VelocityException",
			"Method 'size()' on class '"+ClassName(recv)+"' returned '"+ClassName(size)+"' when Integer was expected")
	}
	return Int(int32(index.n) + int32(size.n)), nil
}

// SetProperty is `#set($x.name = v)`: a setName(v) setter, else Map.put
// ("name", v). Anything else is silently ignored, as in Velocity.
func SetProperty(recv Value, name string, v Value) error {
	switch recv.k {
	case KMap:
		recv.AsMap().PutString(name, v)
	case KObject:
		if s, ok := recv.AsObject().(Setter); ok {
			s.SetProperty(name, v)
		}
	}
	return nil
}

// SetIndex is `#set($x[i] = v)` (Velocity 1.7 ASTReference.setValue): the
// index is adjusted like GetIndex's, then set(i, v) is called, else
// put(i, v). A list index out of range is an error.
func SetIndex(recv Value, index Value, v Value) error {
	switch recv.k {
	case KNull:
		return nil
	case KMap:
		if index.k == KInt && int32(index.n) < 0 {
			index = Int(int32(index.n) + int32(recv.AsMap().Len()))
		}
		recv.AsMap().Put(index, v)
		return nil
	case KList, KArray:
		i, ok := argInt(index)
		if !ok {
			return nil
		}
		l := recv.AsList()
		if i < 0 {
			i += len(l.Items)
		}
		if i < 0 || i >= len(l.Items) {
			return indexError(recv, i, len(l.Items))
		}
		if recv.k == KArray && !arrayAccepts(l, v) {
			return javaErr("java.lang.IllegalArgumentException", "array element type mismatch")
		}
		l.Items[i] = v
		return nil
	}
	index, err := adjustNegativeIndex(recv, index)
	if err != nil {
		return err
	}
	args := []Value{index, v}
	if _, ok, err := callMethod(recv, "set", args); ok || err != nil {
		return err
	}
	_, _, err = callMethod(recv, "put", args)
	return err
}
