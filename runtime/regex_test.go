package runtime

import "testing"

// TestLiteralPattern pins which Java patterns replaceAll/replaceFirst run
// as plain text replacement, and the text they match. Both forms must
// agree with the regex engine; the conformance fixtures with \\' (AWS's
// idiom) check the outputs end to end.
func TestLiteralPattern(t *testing.T) {
	for _, tc := range []struct {
		pattern, lit string
		ok           bool
	}{
		{`'`, `'`, true},
		{`abc`, `abc`, true},
		{`\'`, `'`, true},
		{`\"x`, `"x`, true},
		{`\.`, `.`, true},
		{`a\.b\-c`, `a.b-c`, true},
		{`\\`, `\`, true},
		{`\d`, ``, false},
		{`\Q.`, ``, false},
		{`\1`, ``, false},
		{`\'+`, ``, false},
		{`a.b`, ``, false},
		{`\`, ``, false},
		{`a\`, ``, false},
		{`\é`, ``, false},
		{``, ``, false},
	} {
		lit, ok := literalPattern(tc.pattern)
		if lit != tc.lit || ok != tc.ok {
			t.Errorf("literalPattern(%q) = %q, %v; want %q, %v", tc.pattern, lit, ok, tc.lit, tc.ok)
		}
	}
}
