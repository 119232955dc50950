package runtime

// List is a java.util.List (or a Java array when held in a KArray value).
// JSON marks json-smart's JSONArray, which prints as compact JSON; otherwise
// it is an ArrayList, which prints as "[a, b]".
type List struct {
	Items []Value
	JSON  bool
}

// NewList returns an ArrayList holding items.
func NewList(items []Value) *List { return &List{Items: items} }

// NewJSONList returns a JSONArray holding items.
func NewJSONList(items []Value) *List { return &List{Items: items, JSON: true} }

// Len returns the number of items.
func (l *List) Len() int { return len(l.Items) }
