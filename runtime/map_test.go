package runtime

import (
	"fmt"
	"testing"
)

// TestGetStringAt: the hint is only a guess; any hint (stale, out of range,
// from another map) gives GetString's answer, and a found key leaves its
// index in the hint. Maps past smallMap use their index.
func TestGetStringAt(t *testing.T) {
	for _, n := range []int{0, 1, 5, smallMap + 3} {
		m := NewMap(n)
		for i := 0; i < n; i++ {
			m.PutString(fmt.Sprintf("k%d", i), Int(int32(i)))
		}
		m.Put(Int(7), String("int key")) // a non-String key is never a property
		for _, hint := range []int32{0, 3, int32(n), 1 << 20} {
			for _, key := range []string{"k0", "k2", fmt.Sprintf("k%d", n-1), "missing", "7", ""} {
				h := hint
				got, ok := m.GetStringAt(key, &h)
				want, wantOK := m.GetString(key)
				if got != want || ok != wantOK {
					t.Fatalf("map of %d, hint %d, %q: got %v %v, want %v %v", n, hint, key, got, ok, want, wantOK)
				}
				if ok && m.index == nil && m.entries[h].Key.AsString() != key {
					t.Fatalf("map of %d, %q: hint left at %d", n, key, h)
				}
			}
		}
	}
}
