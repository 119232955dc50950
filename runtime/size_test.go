package runtime

import (
	"testing"
	"unsafe"
)

// A JSON body's tree is Values in slabs and Lists and Maps cut from slabs:
// their sizes are what a one-shot render of a large body first touches
// (page faults; README, Speed). A field added to one of them should be a
// decision, not an accident.
func TestValueSizes(t *testing.T) {
	for _, tt := range []struct {
		name      string
		got, want uintptr
	}{
		{"Value", unsafe.Sizeof(Value{}), 24},
		{"List", unsafe.Sizeof(List{}), 32},
		{"MapEntry", unsafe.Sizeof(MapEntry{}), 48},
	} {
		if tt.got != tt.want {
			t.Errorf("%s is %d bytes, want %d", tt.name, tt.got, tt.want)
		}
	}
}
