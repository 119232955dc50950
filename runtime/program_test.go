package runtime

import (
	"os"
	"regexp"
	"testing"
)

// TestMutatorsListed calls every method name methods.go and classes.go
// know on lists, arrays, maps and map entries, with argument lists of
// several shapes, and requires isMutator of every name that changed its
// receiver: a name missing there would let Program.Mutates say no for a
// template that changes a shared $context.
func TestMutatorsListed(t *testing.T) {
	var names []string
	seen := map[string]bool{}
	for _, file := range []string{"methods.go", "classes.go"} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`"([a-zA-Z]+)"`).FindAllStringSubmatch(string(src), -1) {
			if !seen[m[1]] {
				seen[m[1]] = true
				names = append(names, m[1])
			}
		}
	}
	receivers := map[string]func() Value{
		"list": func() Value { return ListValue(NewList([]Value{String("a"), Int(1)})) },
		"array": func() Value {
			return ArrayValue(&List{Items: []Value{String("a"), String("b")}})
		},
		"map": func() Value {
			m := NewMap(2)
			m.PutString("k", String("v"))
			m.Put(Int(0), Int(1))
			return MapValue(m)
		},
		"entry": func() Value {
			m := NewMap(1)
			m.PutString("k", String("v"))
			set, _ := CallMethod(MapValue(m), "entrySet", nil)
			return set.AsList().Items[0]
		},
	}
	otherList := ListValue(NewList([]Value{String("a")}))
	otherMap := NewMap(1)
	otherMap.PutString("q", Int(2))
	argLists := [][]Value{
		nil,
		{Int(0)}, {String("k")}, {String("z")}, {otherList}, {MapValue(otherMap)},
		{Int(0), String("x")}, {String("k"), String("x")}, {String("z"), String("x")}, {Int(1), String("x")},
	}
	mutated := map[string]bool{}
	for kind, make := range receivers {
		for _, name := range names {
			for _, args := range argLists {
				recv := make()
				// An entry prints its map's current value; a map or list
				// prints its contents.
				before := ToText(recv)
				callMethod(recv, name, append([]Value(nil), args...))
				if after := ToText(recv); after != before {
					mutated[name] = true
					if !isMutator(name) {
						t.Errorf("%s.%s(%d args) changed %s to %s, but isMutator(%q) is false", kind, name, len(args), before, after, name)
					}
				}
			}
		}
	}
	// The test must see the mutators it guards.
	for _, name := range []string{"put", "add", "remove", "clear", "set", "setValue", "putAll", "addAll"} {
		if !mutated[name] {
			t.Errorf("no receiver changed under %s: the test no longer exercises it", name)
		}
	}
}

func TestProgramMutates(t *testing.T) {
	call := func(name string) *Program {
		p := &Program{Code: []Instr{{Op: OpCallRef, A: 0}}, Calls: []CallSite{{Name: name, Argc: 1}}}
		p.Init()
		return p
	}
	if call("get").Mutates() || call("escapeJavaScript").Mutates() {
		t.Error("a program calling only readers mutates")
	}
	if !call("put").Mutates() {
		t.Error("a program calling put does not mutate")
	}
	for _, op := range []Opcode{OpSetProp, OpSetIndex} {
		p := &Program{Code: []Instr{{Op: op}}}
		p.Init()
		if !p.Mutates() {
			t.Errorf("a program with %v does not mutate", op)
		}
	}
}

// TestHasDuplicateKeys checks the signature shortcut against a pairwise
// comparison on key sets built to collide in it (same lengths and end
// bytes) and on real repeats.
func TestHasDuplicateKeys(t *testing.T) {
	keys := []string{"id", "ib", "type", "tape", "name", "nome", "a", "b", "aa", "ab", "abc", "acc", "owner", "price", "é", "x", ""}
	naive := func(ks []string) bool {
		for i := range ks {
			for j := 0; j < i; j++ {
				if ks[i] == ks[j] {
					return true
				}
			}
		}
		return false
	}
	for mask := 1; mask < 1<<12; mask += 7 {
		var ks []string
		for i := 0; i < 12; i++ {
			if mask&(1<<i) != 0 {
				ks = append(ks, keys[i])
			}
		}
		for _, extra := range []string{"", "id", "abc", "zzz", "owner"} {
			all := ks
			if extra != "" {
				all = append(append([]string(nil), ks...), extra)
			}
			entries := make([]MapEntry, len(all))
			for i, k := range all {
				entries[i] = MapEntry{Key: String(k), Value: Int(int32(i))}
			}
			if got, want := hasDuplicateKeys(entries), naive(all); got != want {
				t.Fatalf("%q: got %v, want %v", all, got, want)
			}
		}
	}
	// A non-String key falls back to Java equality.
	if !hasDuplicateKeys([]MapEntry{{Key: Int(1)}, {Key: String("a")}, {Key: Int(1)}}) {
		t.Error("repeated Integer key not found")
	}
}
