package apigw

import (
	"encoding/base64"
	"math/rand/v2"
	"testing"

	"github.com/vtlc/vtlc/runtime"
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

// TestAppendCallMatchesCallMethod: what $util writes straight into the
// output (AppendCall) is byte for byte what CallMethod's result prints, for
// every function and argument kind; and AppendCall declines what it does
// not handle.
func TestAppendCallMatchesCallMethod(t *testing.T) {
	args := []runtime.Value{
		runtime.String(""), runtime.String("plain"), runtime.String(`it's "q" / \ a&b=c d`),
		runtime.String("é ✓ 😀 \x00\x1f\x7f\b\f\n\r\t"), runtime.String("bad \xff\xfe utf-8 \xe2\x82"),
		runtime.String("aGVsbG8="), runtime.Null, runtime.Int(7),
	}
	names := []string{"escapeJavaScript", "urlEncode", "urlDecode", "base64Encode", "base64Decode", "parseJson", "toString", "nope"}
	for _, name := range names {
		for _, arg := range args {
			want, found, wantErr := theUtil.CallMethod(name, []runtime.Value{arg})
			got, ok, err := theUtil.AppendCall([]byte("prefix:"), name, []runtime.Value{arg})
			if !ok {
				if err != nil || string(got) != "prefix:" {
					t.Errorf("%s(%v) declined but returned %q, %v", name, arg, got, err)
				}
				continue
			}
			if !found || wantErr != nil || want.Kind() != runtime.KString {
				t.Errorf("%s(%v): AppendCall handled a call CallMethod answers %v, %v, %v", name, arg, want, found, wantErr)
				continue
			}
			if string(got) != "prefix:"+runtime.ToText(want) {
				t.Errorf("%s(%q): AppendCall wrote %q, CallMethod gives %q", name, arg.AsString(), got, runtime.ToText(want))
			}
		}
	}
	for _, name := range []string{"escapeJavaScript", "urlEncode", "base64Encode"} {
		if _, ok, _ := theUtil.AppendCall(nil, name, []runtime.Value{runtime.String("x")}); !ok {
			t.Errorf("AppendCall declines %s of a String", name)
		}
	}
}
