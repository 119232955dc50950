package runtime

// List is a java.util.List (or a Java array when held in a KArray value).
// JSON marks json-smart's JSONArray, which prints as compact JSON; otherwise
// it is an ArrayList, which prints as "[a, b]".
type List struct {
	Items []Value
	JSON  bool
	// Class, when set, is the Java class the list reports and, for an
	// array, prints with: "[B" for getBytes(), "[C" for toCharArray(),
	// "java.util.LinkedHashMap$LinkedKeySet" for keySet(). Empty means the
	// default for its kind (ArrayList, JSONArray, String[]).
	Class string
}

// NewList returns an ArrayList holding items.
func NewList(items []Value) *List { return &List{Items: items} }

// NewJSONList returns a JSONArray holding items.
func NewJSONList(items []Value) *List { return &List{Items: items, JSON: true} }

// Len returns the number of items.
func (l *List) Len() int { return len(l.Items) }
