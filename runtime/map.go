package runtime

// Map is a java.util.LinkedHashMap: insertion-ordered, keys compared with
// Java equals (so the String "1" and the Integer 1 are different keys).
//
// Small maps (the usual JSON object) are scanned linearly; an index is built
// once a map grows past smallMap entries.
type Map struct {
	entries []MapEntry
	index   map[mapKey]int // nil until len(entries) > smallMap
	// Opaque maps print as "" instead of "{k=v}": API Gateway's nested
	// $context objects do (spec §1.5, recorded in O3).
	Opaque bool
	// Observer, when set, is told of every Put: apigw uses it to notice an
	// override assigned twice (a 5XX on AWS, spec §3.2).
	Observer PutObserver
}

// PutObserver is told of each Put on a map it observes.
type PutObserver interface {
	ObservePut(m *Map, key Value, existed bool)
}

// MapEntry is one key/value pair of a Map.
type MapEntry struct {
	Key   Value
	Value Value
}

// smallMap is the size up to which a map is scanned instead of indexed:
// comparing a few dozen short keys is cheaper than hashing, and most maps a
// template sees (JSON objects, $context) are that small.
const smallMap = 32

// mapKey is the hashable identity of a scalar key. Non-scalar keys (lists,
// maps, objects) are rare; they are found by a linear scan.
type mapKey struct {
	k Kind
	n uint64
	s string
}

// keyText is the string payload of a String key, "" for other kinds.
func (v Value) keyText() string {
	if v.k == KString {
		return v.str()
	}
	return ""
}

func keyOf(v Value) (mapKey, bool) {
	switch v.k {
	case KNull, KBool, KInt, KLong, KDouble, KString, KChar:
		return mapKey{v.k, v.n, v.keyText()}, true
	}
	return mapKey{}, false
}

// NewMap returns an empty map with room for n entries.
func NewMap(n int) *Map { return &Map{entries: make([]MapEntry, 0, n)} }

// Len returns the number of entries.
func (m *Map) Len() int { return len(m.entries) }

// Entries returns the entries in insertion order. Callers must not modify
// the slice.
func (m *Map) Entries() []MapEntry { return m.entries }

func (m *Map) find(k Value) int {
	if mk, ok := keyOf(k); ok {
		if m.index != nil {
			if i, ok := m.index[mk]; ok {
				return i
			}
			return -1
		}
		for i := range m.entries {
			e := &m.entries[i].Key
			if e.k == mk.k && e.n == mk.n && e.keyText() == mk.s {
				return i
			}
		}
		return -1
	}
	for i := range m.entries {
		if KeyEquals(m.entries[i].Key, k) {
			return i
		}
	}
	return -1
}

// KeyEquals is Java equals() as used by map keys. It is replaced by the full
// Java equality once the value semantics are loaded (see java.go).
var KeyEquals = func(a, b Value) bool {
	return a.k == b.k && a.n == b.n && a.p == b.p
}

// Get returns the value for key k.
func (m *Map) Get(k Value) (Value, bool) {
	if i := m.find(k); i >= 0 {
		return m.entries[i].Value, true
	}
	return Null, false
}

// GetString returns the value for the String key s; it allocates nothing.
// It is the lookup behind every `$map.name`, so small maps are scanned
// comparing lengths first.
func (m *Map) GetString(s string) (Value, bool) {
	if m.index != nil {
		return m.Get(String(s))
	}
	if i := m.scanString(s); i >= 0 {
		return m.entries[i].Value, true
	}
	return Null, false
}

// GetStringAt is GetString trying entry *hint first, and leaving in *hint
// where it found s. The objects of a JSON array share their key order, so a
// property read in a loop (`$pet.price`) finds its key at the first try.
func (m *Map) GetStringAt(s string, hint *int32) (Value, bool) {
	if m.index != nil {
		return m.Get(String(s))
	}
	if h := int(*hint); h < len(m.entries) && m.entries[h].Key.isString(s) {
		return m.entries[h].Value, true
	}
	if i := m.scanString(s); i >= 0 {
		*hint = int32(i)
		return m.entries[i].Value, true
	}
	return Null, false
}

// scanString is the index of the String key s in an unindexed map, or -1.
func (m *Map) scanString(s string) int {
	for i := range m.entries {
		if m.entries[i].Key.isString(s) {
			return i
		}
	}
	return -1
}

// isString reports whether v is the String s (lengths compared first).
func (v *Value) isString(s string) bool { return v.k == KString && int(v.n) == len(s) && v.str() == s }

// Put sets k to v and returns the previous value (null when none), as
// java.util.Map.put does.
func (m *Map) Put(k, v Value) Value {
	i := m.find(k)
	if m.Observer != nil {
		m.Observer.ObservePut(m, k, i >= 0)
	}
	if i >= 0 {
		old := m.entries[i].Value
		m.entries[i].Value = v
		return old
	}
	m.entries = append(m.entries, MapEntry{k, v})
	if m.index != nil {
		if mk, ok := keyOf(k); ok {
			m.index[mk] = len(m.entries) - 1
		}
	} else if len(m.entries) > smallMap {
		m.reindex()
	}
	return Null
}

// PutString is Put with a String key.
func (m *Map) PutString(s string, v Value) Value { return m.Put(String(s), v) }

// Remove deletes k and returns its value (null when absent).
func (m *Map) Remove(k Value) Value {
	i := m.find(k)
	if i < 0 {
		return Null
	}
	old := m.entries[i].Value
	m.entries = append(m.entries[:i], m.entries[i+1:]...)
	if m.index != nil {
		m.reindex()
	}
	return old
}

// Clear removes every entry.
func (m *Map) Clear() {
	m.entries = m.entries[:0]
	m.index = nil
}

func (m *Map) reindex() {
	m.index = make(map[mapKey]int, len(m.entries))
	for i, e := range m.entries {
		if mk, ok := keyOf(e.Key); ok {
			m.index[mk] = i
		}
	}
}

// NewMapOwning returns a map holding entries, taking ownership of the
// slice: the JSON parser builds every object this way, without a Put per
// key. A repeated key keeps its first position and its last value, as
// successive LinkedHashMap.put calls would.
func NewMapOwning(entries []MapEntry) *Map {
	m := &Map{}
	m.InitOwning(entries)
	return m
}

// InitOwning is NewMapOwning for a Map the caller allocated (the JSON
// parser allocates maps in slabs).
func (m *Map) InitOwning(entries []MapEntry) {
	*m = Map{entries: entries}
	if len(entries) > smallMap {
		m.reindex()
		if len(m.index) == len(entries) {
			return
		}
	} else if !hasDuplicateKeys(entries) {
		return
	}
	// Rare: a repeated key. Rebuild through Put.
	*m = Map{entries: entries[:0:0]}
	for _, e := range entries {
		m.Put(e.Key, e.Value)
	}
}

// InitUnique is InitOwning for entries whose keys are known to be distinct
// (a copy of another map's entries): no duplicate check.
func (m *Map) InitUnique(entries []MapEntry) {
	*m = Map{entries: entries}
	if len(entries) > smallMap {
		m.reindex()
	}
}

func hasDuplicateKeys(entries []MapEntry) bool {
	// Almost every object has distinct keys: a 256-bit signature of each
	// String key's length and first, middle and last bytes proves it
	// without comparing pairs (64 bits flagged a false collision in 40 %
	// of 8-key objects; 256 bits, in about 10 %).
	var seen [4]uint64
	distinct := true
	for i := range entries {
		k := &entries[i].Key
		if k.k != KString || k.n == 0 {
			distinct = false
			break
		}
		s := k.str()
		h := (uint(len(s))*167 + uint(s[0])*31 + uint(s[len(s)/2])*7 + uint(s[len(s)-1])) & 255
		w, bit := h>>6, uint64(1)<<(h&63)
		if seen[w]&bit != 0 {
			distinct = false
			break
		}
		seen[w] |= bit
	}
	if distinct {
		return false
	}
	for i := 1; i < len(entries); i++ {
		ki := &entries[i].Key
		for j := 0; j < i; j++ {
			kj := &entries[j].Key
			if ki.k == KString && kj.k == KString {
				if ki.n == kj.n && ki.str() == kj.str() {
					return true
				}
			} else if KeyEquals(*ki, *kj) {
				return true
			}
		}
	}
	return false
}
