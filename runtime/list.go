package runtime

// List is a java.util.List (or a Java array when held in a KArray value).
// JSON marks json-smart's JSONArray, which prints as compact JSON; otherwise
// it is an ArrayList, which prints as "[a, b]".
//
// A List is 32 bytes: a JSON body's tree is mostly lists (a 1000-row
// result is 5,000 of them), and its first touch of memory is what a
// one-shot render pays for (page faults, see the README's Speed).
type List struct {
	Items []Value
	JSON  bool
	// Class, when set, is the Java class the list reports and, for an
	// array, prints with ("[B" for getBytes()); ListDefault means the
	// default for its kind (ArrayList, JSONArray, String[]).
	Class ListClass
}

// ListClass is the Java class of a List other than its kind's default.
type ListClass uint8

const (
	ListDefault  ListClass = iota // ArrayList, JSONArray (JSON) or String[] (KArray)
	ListChars                     // char[] from toCharArray()
	ListBytes                     // byte[] from getBytes()
	ListKeySet                    // LinkedHashMap.keySet()
	ListValues                    // LinkedHashMap.values()
	ListEntrySet                  // LinkedHashMap.entrySet()
)

// String is the Java class name ("" for ListDefault): arrays print it in
// their identity string ("[B@1b6d3586").
func (c ListClass) String() string {
	switch c {
	case ListChars:
		return "[C"
	case ListBytes:
		return "[B"
	case ListKeySet:
		return "java.util.LinkedHashMap$LinkedKeySet"
	case ListValues:
		return "java.util.LinkedHashMap$LinkedValues"
	case ListEntrySet:
		return "java.util.LinkedHashMap$LinkedEntrySet"
	}
	return ""
}

// isSet tells a key or entry set (hashCode sums, equals ignores order).
func (c ListClass) isSet() bool { return c == ListKeySet || c == ListEntrySet }

// NewList returns an ArrayList holding items.
func NewList(items []Value) *List { return &List{Items: items} }

// NewJSONList returns a JSONArray holding items.
func NewJSONList(items []Value) *List { return &List{Items: items, JSON: true} }

// Len returns the number of items.
func (l *List) Len() int { return len(l.Items) }
