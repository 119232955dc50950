package apigw

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/vtlc/vtlc/runtime"
)

// oracleCase is one row of testdata/oracle_cases.json, recorded from the
// reference oracle (shared/oracle/vtl-oracle batch) by rendering:
//
//	json:   $input.json('$')                      with body Body
//	path:   $input.json($input.params('p'))|#set($v = $input.path($input.params('p')))$v
//	                                               with body Body and query p = Arg
//	util:F: $util.F($input.params('p'))           with query p = Arg
//
// Want is the output; Error, when set, is the oracle's one-line error (the
// render must fail; payload errors must match it exactly).
type oracleCase struct {
	Kind  string  `json:"kind"`
	Body  *string `json:"body"`
	Arg   *string `json:"arg"`
	Want  *string `json:"want"`
	Error *string `json:"error"`
}

func loadOracleCases(t testing.TB) []oracleCase {
	t.Helper()
	data, err := os.ReadFile("testdata/oracle_cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []oracleCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// renderOracleCase computes what the oracle's template would print, calling
// the host objects directly.
func renderOracleCase(c oracleCase) (string, error) {
	body, arg := "", ""
	if c.Body != nil {
		body = *c.Body
	}
	if c.Arg != nil {
		arg = *c.Arg
	}
	in := newInput(&Request{Body: body})
	switch {
	case c.Kind == "json":
		v, _, err := in.CallMethod("json", []runtime.Value{runtime.String("$")})
		return v.AsString(), err
	case c.Kind == "path":
		j, _, err := in.CallMethod("json", []runtime.Value{runtime.String(arg)})
		if err != nil {
			return "", err
		}
		v, _, err := in.CallMethod("path", []runtime.Value{runtime.String(arg)})
		if err != nil {
			return "", err
		}
		text := ""
		if !v.IsNull() {
			text = runtime.ToText(v)
		}
		return j.AsString() + "|" + text, nil
	case strings.HasPrefix(c.Kind, "util:"):
		v, _, err := theUtil.CallMethod(strings.TrimPrefix(c.Kind, "util:"), []runtime.Value{runtime.String(arg)})
		if err != nil {
			return "", err
		}
		if v.IsNull() {
			return "", nil
		}
		return runtime.ToText(v), nil
	}
	panic("unknown kind " + c.Kind)
}

func TestOracleCases(t *testing.T) {
	for _, c := range loadOracleCases(t) {
		name := c.Kind
		if c.Body != nil {
			b := *c.Body
			if len(b) > 40 {
				b = b[:40] + "…"
			}
			name += " body=" + b
		}
		if c.Arg != nil {
			name += " arg=" + *c.Arg
		}
		got, err := renderOracleCase(c)
		switch {
		case c.Error != nil:
			if err == nil {
				t.Errorf("%s: rendered %q, want error %q", name, got, *c.Error)
				continue
			}
			if pe, ok := err.(*PayloadError); ok || strings.HasPrefix(*c.Error, "400 ") {
				if !ok || pe.Error() != *c.Error {
					t.Errorf("%s: error %q, want %q", name, err, *c.Error)
				}
			} else if testing.Verbose() && !strings.HasSuffix(*c.Error, err.Error()) {
				t.Logf("%s: error %q, oracle %q", name, err, *c.Error)
			}
		case err != nil:
			t.Errorf("%s: error %v, want %q", name, err, *c.Want)
		case got != *c.Want:
			t.Errorf("%s:\n got %q\nwant %q", name, got, *c.Want)
		}
	}
}
