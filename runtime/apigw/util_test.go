package apigw

import (
	"encoding/base64"
	"math/rand/v2"
	"testing"
)

// TestEncodeBase64 checks the table encoder against encoding/base64 on
// every length up to 300 (each tail and each 6-byte step) and on random
// bytes, every byte value included.
func TestEncodeBase64(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n <= 300; n++ {
		for round := 0; round < 4; round++ {
			src := make([]byte, n)
			for i := range src {
				src[i] = byte(rng.UintN(256))
			}
			want := base64.StdEncoding.EncodeToString(src)
			dst := make([]byte, (n+2)/3*4)
			encodeBase64(dst, string(src))
			if string(dst) != want {
				t.Fatalf("len %d: got %q, want %q", n, dst, want)
			}
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"f", "Zg=="},
		{"fo", "Zm8="},
		{"foo", "Zm9v"},
		{"hello, world", "aGVsbG8sIHdvcmxk"},
		{"café ✓", "Y2Fmw6kg4pyT"},
		{"\xff", "77+9"}, // not UTF-8: Java sees U+FFFD
	} {
		if got := Base64Encode(tc.in); got != tc.want {
			t.Errorf("Base64Encode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func BenchmarkBase64Encode(b *testing.B) {
	// A Kinesis record's payload (bench/kinesis-putrecords).
	s := "2026-11-21T00:00:00.737Z device-0020 temp=27.7C humidity=52% battery=99% status=ok fw=3.8.14"
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Base64Encode(s)
	}
}
