package apigw

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vtlc/vtlc/runtime"
)

// FuzzParseJSON: the permissive parser never panics, and on standard JSON
// it reads the same tree encoding/json reads (numbers compared only as
// numbers: json-smart types them its own way), so slab reuse can never let
// one container's entries or items overwrite another's.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`{"a": [1, 2.5, "x", null, {"b": true}], "s": "it's"}`, `[[[]]]`, `{"k": {"k": {"k": 1}}, "k2": [{}, {"x": [1, [2, [3]]]}]}`,
		`{a: b, 'c': "d\u00e9\n"}`, `[1e5, -0.0, 12345678901234567890, NaN]`, `{"dup": 1, "dup": 2}`} {
		f.Add(s)
	}
	for _, c := range loadOracleCases(f) {
		if c.Body != nil {
			f.Add(*c.Body)
		}
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, err := parseJSON(body)
		// Lone surrogates and malformed UTF-8 differ on purpose: Java
		// writes '?', encoding/json U+FFFD. So does DEL: json-smart drops
		// it from a string that has an escape, keeps it in one without
		// (the oracle agrees: "x\b<DEL>y" reads as 3 characters, as does
		// "x<DEL>y"; seed 9f8c00c7d930773b).
		if err != nil || !json.Valid([]byte(body)) || !utf8.ValidString(body) || strings.Contains(strings.ToLower(body), `\ud`) ||
			strings.IndexByte(body, 0x7F) >= 0 {
			return
		}
		dec := json.NewDecoder(bytes.NewReader([]byte(body)))
		dec.UseNumber()
		var want any
		if dec.Decode(&want) != nil {
			return
		}
		if got, w := shape(v), shapeStd(want); got != w {
			t.Fatalf("body %q\nvtlc reads          %s\nencoding/json reads %s", body, got, w)
		}
	})
}

// shape and shapeStd write a tree with sorted keys and every number as #.
func shape(v runtime.Value) string {
	switch v.Kind() {
	case runtime.KMap:
		m := map[string]string{}
		for _, e := range v.AsMap().Entries() {
			m[e.Key.AsString()] = shape(e.Value)
		}
		return sortedObject(m)
	case runtime.KList:
		s := "["
		for _, it := range v.AsList().Items {
			s += shape(it) + ","
		}
		return s + "]"
	case runtime.KString:
		b, _ := json.Marshal(v.AsString())
		return string(b)
	case runtime.KNull:
		return "null"
	case runtime.KBool:
		return runtime.ToText(v)
	}
	return "#"
}

func shapeStd(v any) string {
	switch v := v.(type) {
	case map[string]any:
		m := map[string]string{}
		for k, x := range v {
			m[k] = shapeStd(x)
		}
		return sortedObject(m)
	case []any:
		s := "["
		for _, it := range v {
			s += shapeStd(it) + ","
		}
		return s + "]"
	case string:
		b, _ := json.Marshal(v)
		return string(b)
	case nil:
		return "null"
	case bool:
		if v {
			return "true"
		}
		return "false"
	}
	return "#"
}

func sortedObject(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := "{"
	for _, k := range keys {
		b, _ := json.Marshal(k)
		s += string(b) + ":" + m[k] + ","
	}
	return s + "}"
}

// TestIndexQuoteOrBackslash checks the 8-bytes-at-a-time scan against a
// byte loop, at every position of the first match and with decoys after
// it (the has-zero-byte expression may flag bytes above a real match).
func TestIndexQuoteOrBackslash(t *testing.T) {
	naive := func(s string, q byte) int {
		for i := 0; i < len(s); i++ {
			if s[i] == q || s[i] == '\\' {
				return i
			}
		}
		return -1
	}
	fillers := []byte{'a', 0x00, 0x01, 0x7F, 0x80, 0xFF, '"' ^ 0x80, '[', ']', '\'' + 1, '"' - 1}
	for n := 0; n <= 70; n++ {
		for _, q := range []byte{'"', '\''} {
			for _, fill := range fillers {
				for at := -1; at < n; at++ {
					for _, hit := range []byte{q, '\\'} {
						b := bytes.Repeat([]byte{fill}, n)
						if at >= 0 {
							b[at] = hit
							for j := at + 1; j < n; j += 3 {
								b[j] = "\"\\'"[j%3]
							}
						}
						if got, want := indexQuoteOrBackslash(string(b), q), naive(string(b), q); got != want {
							t.Fatalf("%q (quote %c): got %d, want %d", b, q, got, want)
						}
					}
				}
			}
		}
	}
}
