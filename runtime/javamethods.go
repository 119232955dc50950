package runtime

import (
	_ "embed"
	"strings"
	"sync"
)

// The Java methods vtlc's values have in Java, for the calls vtlc does not
// implement: Velocity would find and call such a method on AWS and print
// what it returns, so a render that met one and printed nothing (or the
// reference's text) would be silently wrong. vtlc fails it instead, with
// ErrNotImplemented naming the Java method.
//
// javamethods.txt is generated from Java 17 and json-smart by reflection
// (fixtures/testdata/javamethods/JavaMethods.java): every public method
// Velocity 1.7 can call on the class each vtlc value reports, and the
// supertypes of those classes. It is parsed on the first call vtlc does
// not implement, never at start-up.

//go:embed javamethods.txt
var javaMethodsText string

type javaMethod struct {
	params []string // Class.getName() of each parameter
}

type javaClasses struct {
	methods map[string]map[string][]javaMethod // receiver class → name → overloads
	supers  map[string]map[string]bool         // class → its supertypes, itself included
}

var loadJavaClasses = sync.OnceValue(func() *javaClasses {
	jc := &javaClasses{methods: map[string]map[string][]javaMethod{}, supers: map[string]map[string]bool{}}
	for line := range strings.Lines(javaMethodsText) {
		f := strings.SplitN(strings.TrimSuffix(line, "\n"), " ", 4)
		switch {
		case len(f) == 4 && f[0] == "m":
			var params []string
			if f[3] != "" {
				params = strings.Split(f[3], ",")
			}
			if jc.methods[f[1]] == nil {
				jc.methods[f[1]] = map[string][]javaMethod{}
			}
			jc.methods[f[1]][f[2]] = append(jc.methods[f[1]][f[2]], javaMethod{params: params})
		case len(f) == 3 && f[0] == "s":
			if jc.supers[f[1]] == nil {
				jc.supers[f[1]] = map[string]bool{}
			}
			jc.supers[f[1]][f[2]] = true
		}
	}
	return jc
})

// javaMethodFor returns the Java signature ("String.indent(int)") of a
// method of recv's class that Velocity 1.7 would find applicable to args,
// or "" when there is none. Where several are, Velocity picks the most
// specific and vtlc names the first: either way the call is one vtlc
// cannot make. (A call Velocity finds ambiguous — it then renders the
// reference's text — is taken for one it would make; none was seen.)
func javaMethodFor(recv Value, name string, args []Value) string {
	class := ClassName(recv)
	jc := loadJavaClasses()
	found := ""
	for _, m := range jc.methods[class][name] {
		switch {
		case len(m.params) == 0 && len(args) > 0:
			// Velocity 1.7 finds a method without parameters applicable
			// to any arguments and picks it (JSONArray.toJSONString(null)
			// fails with "wrong number of arguments" in the oracle):
			// hasZeroArgMethod's quirk, not a method vtlc lacks.
			return ""
		case found == "" && jc.applicable(m.params, args):
			found = shortClass(class) + "." + name + "(" + javaParamList(m.params) + ")"
		}
	}
	return found
}

// applicable is Velocity 1.7's MethodMap.isApplicable: a last parameter
// that is an array also takes its elements one by one (varargs), and — a
// quirk vtlc keeps elsewhere too (hasZeroArgMethod) — a method without
// parameters is applicable to any arguments. Here it only decides whether
// vtlc should refuse the call, so it leans to "not applicable" where
// unsure: the cost of a wrong no is the behaviour vtlc had before.
func (jc *javaClasses) applicable(params []string, args []Value) bool {
	n, p := len(args), len(params)
	switch {
	case p == 0:
		return n == 0 // the any-arguments quirk is hasZeroArgMethod's
	case n == p:
		for i, a := range args {
			if !jc.convertible(params[i], a) {
				return i == p-1 && isJavaArray(params[i]) && jc.convertible(arrayComponent(params[i]), a)
			}
		}
		return true
	case n == p-1:
		// Velocity passes an empty array for a missing last array
		// parameter.
		if !isJavaArray(params[p-1]) {
			return false
		}
		for i, a := range args {
			if !jc.convertible(params[i], a) {
				return false
			}
		}
		return true
	case n > p:
		if !isJavaArray(params[p-1]) {
			return false
		}
		for i := 0; i < p-1; i++ {
			if !jc.convertible(params[i], args[i]) {
				return false
			}
		}
		elem := arrayComponent(params[p-1])
		for _, a := range args[p-1:] {
			if !jc.convertible(elem, a) {
				return false
			}
		}
		return true
	}
	return false
}

// convertible is Velocity 1.7's IntrospectionUtils.isMethodInvocationConvertible:
// null to any reference type, a value to its class's supertypes, a boxed
// number to its primitive and the wider ones.
func (jc *javaClasses) convertible(param string, a Value) bool {
	if a.k == KNull {
		return !isJavaPrimitive(param)
	}
	actual := ClassName(a)
	if param == actual || param == "java.lang.Object" || jc.supers[actual][param] {
		return true
	}
	if widens, ok := primitiveWidening[param]; ok {
		return strings.Contains(widens, " "+actual+" ")
	}
	return false
}

// primitiveWidening lists, for each primitive parameter type, the boxed
// classes Velocity 1.7 passes to it.
var primitiveWidening = map[string]string{
	"boolean": " java.lang.Boolean ",
	"char":    " java.lang.Character ",
	"byte":    " java.lang.Byte ",
	"short":   " java.lang.Short java.lang.Byte ",
	"int":     " java.lang.Integer java.lang.Short java.lang.Byte ",
	"long":    " java.lang.Long java.lang.Integer java.lang.Short java.lang.Byte ",
	"float":   " java.lang.Float java.lang.Long java.lang.Integer java.lang.Short java.lang.Byte ",
	"double":  " java.lang.Double java.lang.Float java.lang.Long java.lang.Integer java.lang.Short java.lang.Byte ",
}

func isJavaPrimitive(t string) bool {
	_, ok := primitiveWidening[t]
	return ok
}

func isJavaArray(t string) bool { return strings.HasPrefix(t, "[") }

// arrayComponent is the element type of an array type name: "[I" → "int",
// "[Ljava.lang.String;" → "java.lang.String".
func arrayComponent(t string) string {
	t = t[1:]
	if strings.HasPrefix(t, "L") && strings.HasSuffix(t, ";") {
		return t[1 : len(t)-1]
	}
	if c, ok := primitiveCodes[t]; ok {
		return c
	}
	return t // a nested array ("[[I" → "[I")
}

var primitiveCodes = map[string]string{
	"Z": "boolean", "C": "char", "B": "byte", "S": "short",
	"I": "int", "J": "long", "F": "float", "D": "double",
}

// javaParamList writes parameter types as Java source does:
// "java.lang.String,[Ljava.lang.Object;" → "String, Object[]".
func javaParamList(params []string) string {
	out := make([]string, len(params))
	for i, t := range params {
		suffix := ""
		for isJavaArray(t) {
			t, suffix = arrayComponent(t), suffix+"[]"
		}
		out[i] = shortClass(t) + suffix
	}
	return strings.Join(out, ", ")
}

// shortClass drops a class name's package: java.util.LinkedHashMap$LinkedKeySet → LinkedHashMap$LinkedKeySet.
func shortClass(c string) string { return c[strings.LastIndexByte(c, '.')+1:] }
