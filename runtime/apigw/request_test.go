package apigw

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vtlc/vtlc/runtime"
)

// mapLine prints a map as the oracle template
// `#foreach($k in $m.keySet())$k=$m.get($k);#end` does.
func mapLine(m *runtime.Map) string {
	var b strings.Builder
	for _, e := range m.Entries() {
		b.WriteString(runtime.ToText(e.Key) + "=")
		if !e.Value.IsNull() {
			b.WriteString(runtime.ToText(e.Value))
		}
		b.WriteString(";")
	}
	return b.String()
}

func mustRequest(t *testing.T, js string) *Request {
	t.Helper()
	r, err := ParseRequest("request.json", []byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func contextOf(t *testing.T, r *Request) *runtime.Map {
	t.Helper()
	st := &renderState{}
	return st.newContext(r).AsMap()
}

func sub(m *runtime.Map, key string) *runtime.Map {
	v, _ := m.GetString(key)
	return v.AsMap()
}

// Expectations recorded from the oracle (shared/oracle) with the template
// `#foreach($k in $context.keySet())$k=$context.get($k);#end|…`.
func TestContextDefault(t *testing.T) {
	c := contextOf(t, mustRequest(t, `{}`))
	want := "resourceId=r3s0rc;resourcePath=/;httpMethod=GET;extendedRequestId=c0ffee00EXTENDED=;requestTime=21/Nov/2026:00:00:00 +0000;path=/test/;accountId=123456789012;protocol=HTTP/1.1;requestOverride=;stage=test;domainPrefix=a1b2c3d4e5;requestTimeEpoch=1795219200000;requestId=c0ffee00-0000-4000-8000-000000000000;identity=;domainName=a1b2c3d4e5.execute-api.us-east-1.amazonaws.com;responseOverride=;apiId=a1b2c3d4e5;"
	if got := mapLine(c); got != want {
		t.Errorf("context:\n got %s\nwant %s", got, want)
	}
	wantID := "cognitoIdentityPoolId=;accountId=;cognitoIdentityId=;caller=;sourceIp=198.51.100.7;principalOrgId=;accessKey=;cognitoAuthenticationType=;cognitoAuthenticationProvider=;userArn=;userAgent=;user=;"
	if got := mapLine(sub(c, "identity")); got != wantID {
		t.Errorf("identity:\n got %s\nwant %s", got, wantID)
	}
	if got := keys(sub(c, "requestOverride")); got != "[path, header, querystring]" {
		t.Errorf("requestOverride keys %s", got)
	}
	if got := keys(sub(c, "responseOverride")); got != "[header]" {
		t.Errorf("responseOverride keys %s", got)
	}
	if v, _ := c.GetString("requestTimeEpoch"); v.Kind() != runtime.KLong {
		t.Errorf("requestTimeEpoch is %v, want a Long", v.Kind())
	}
}

func keys(m *runtime.Map) string {
	var ks []string
	for _, e := range m.Entries() {
		ks = append(ks, runtime.ToText(e.Key))
	}
	return "[" + strings.Join(ks, ", ") + "]"
}

const fullRequest = `{"method":"PUT","path":"/pets/7","resource":"/pets/{id}","pathParameters":{"id":"7","q":"p"},
 "query":{"q":"a b","tag":["x","y"],"n":1,"e":[]},
 "headers":{"Content-Type":"application/json","X-Tag":["a","b"],"user-agent":"curl/8"},
 "body":{"name": "Ann",  "n":[1, 2.50]},"stageVariables":{"env":"dev","n":"1"},
 "context":{"stage":"dev","authorizer":{"claims":{"sub":"u-1","n":2},"principalId":"p","num":1.50,"flag":true,"nul":null,"lst":[1,true]},
  "identity":{"apiKey":"k","caller":null},"requestId":null,"extra":{"a":1,"b":[1,null]},"requestTimeEpoch":5}}`

func TestContextMerged(t *testing.T) {
	r := mustRequest(t, fullRequest)
	c := contextOf(t, r)
	want := "resourceId=r3s0rc;resourcePath=/pets/{id};httpMethod=PUT;extendedRequestId=c0ffee00EXTENDED=;requestTime=21/Nov/2026:00:00:00 +0000;path=/dev/pets/7;accountId=123456789012;protocol=HTTP/1.1;requestOverride=;stage=dev;domainPrefix=a1b2c3d4e5;requestTimeEpoch=5;identity=;domainName=a1b2c3d4e5.execute-api.us-east-1.amazonaws.com;responseOverride=;apiId=a1b2c3d4e5;authorizer=;extra=;"
	if got := mapLine(c); got != want {
		t.Errorf("context:\n got %s\nwant %s", got, want)
	}
	wantID := "cognitoIdentityPoolId=;accountId=;cognitoIdentityId=;sourceIp=198.51.100.7;principalOrgId=;accessKey=;cognitoAuthenticationType=;cognitoAuthenticationProvider=;userArn=;userAgent=curl/8;user=;apiKey=k;"
	if got := mapLine(sub(c, "identity")); got != wantID {
		t.Errorf("identity:\n got %s\nwant %s", got, wantID)
	}
	// Authorizer values are stringified, nulls dropped, nested maps print "".
	auth := sub(c, "authorizer")
	if got, want := mapLine(auth), "claims=;principalId=p;num=1.50;flag=true;lst=[1, true];"; got != want {
		t.Errorf("authorizer:\n got %s\nwant %s", got, want)
	}
	for _, k := range []string{"num", "flag"} {
		if v, _ := auth.GetString(k); v.Kind() != runtime.KString {
			t.Errorf("authorizer.%s is %v, want a String", k, v.Kind())
		}
	}
	if v, _ := sub(auth, "claims").GetString("n"); v.Kind() != runtime.KString {
		t.Errorf("authorizer.claims.n is %v, want a String", v.Kind())
	}
	if v, _ := sub(c, "extra").GetString("a"); v.Kind() != runtime.KInt {
		t.Errorf("extra.a is %v, want an Integer", v.Kind())
	}
	// Every render gets its own copy.
	sub(c, "identity").PutString("caller", runtime.String("x"))
	if _, ok := sub(contextOf(t, r), "identity").GetString("caller"); ok {
		t.Error("a render's change leaked into the next render's $context")
	}
}

func TestRequestParams(t *testing.T) {
	r := mustRequest(t, fullRequest)
	in := newInput(r)
	call := func(name string, args ...runtime.Value) string {
		v, ok, err := in.CallMethod(name, args)
		if !ok || err != nil {
			t.Fatalf("%s: ok=%v err=%v", name, ok, err)
		}
		return runtime.ToText(v)
	}
	for _, tc := range []struct {
		args []runtime.Value
		want string
	}{
		{nil, "{path={id=7, q=p}, querystring={q=a b, tag=y, n=1}, header={Content-Type=application/json, X-Tag=b, user-agent=curl/8}}"},
		{[]runtime.Value{runtime.String("id")}, "7"},
		{[]runtime.Value{runtime.String("q")}, "p"},           // path before query string
		{[]runtime.Value{runtime.String("tag")}, "y"},         // repeated: last wins
		{[]runtime.Value{runtime.String("X-Tag")}, "b"},       // headers last
		{[]runtime.Value{runtime.String("x-tag")}, ""},        // names are case-sensitive
		{[]runtime.Value{runtime.String("content-type")}, ""}, // …also for headers
		{[]runtime.Value{runtime.String("missing")}, ""},      // missing is ""
	} {
		if got := call("params", tc.args...); got != tc.want {
			t.Errorf("params(%v) = %q, want %q", tc.args, got, tc.want)
		}
	}
	if got := call("getBody"); got != `{"name":"Ann","n":[1,2.50]}` {
		t.Errorf("body %q", got)
	}
	if v, _ := in.GetProperty("body"); v.AsString() != `{"name":"Ann","n":[1,2.50]}` {
		t.Errorf("body property %q", v.AsString())
	}
	if _, ok := in.GetProperty("keySet"); ok {
		t.Error("$input.keySet exists")
	}
	if _, ok, _ := in.CallMethod("path", []runtime.Value{runtime.Int(1)}); ok {
		t.Error("$input.path(1) found a method")
	}
	if r.Method != "PUT" || r.Resource != "/pets/{id}" {
		t.Errorf("method %q resource %q", r.Method, r.Resource)
	}
	if got := mapLine(paramMap(r.StageVariables)); got != "env=dev;n=1;" {
		t.Errorf("stageVariables %s", got)
	}
}

func TestRequestDefaults(t *testing.T) {
	for _, tc := range []struct{ js, method, path, resource, body string }{
		{`{}`, "GET", "/", "/", ""},
		{`{"body":"x"}`, "POST", "/", "/", "x"},
		{`{"body":null}`, "GET", "/", "/", ""},
		{`{"body":""}`, "POST", "/", "/", ""},
		{`{"path":"/a","body":[1, {"b" : "c d"}]}`, "POST", "/a", "/a", `[1,{"b":"c d"}]`},
		{"\uFEFF{\"method\":\"DELETE\",\"resource\":\"/r\"}", "DELETE", "/", "/r", ""},
	} {
		r := mustRequest(t, tc.js)
		if r.Method != tc.method || r.Path != tc.path || r.Resource != tc.resource || r.Body != tc.body {
			t.Errorf("%s: got %q %q %q %q", tc.js, r.Method, r.Path, r.Resource, r.Body)
		}
	}
}

func TestParseRequestErrors(t *testing.T) {
	for _, tc := range []struct{ js, want string }{
		{`[]`, "r.json:1:1: bad request file: a request file must hold a JSON object"},
		{"{\n  \"a\": tru\n}", "r.json:2:8: bad request file: unexpected character 't'"},
		{"{\"a\": 1,}", "r.json:1:9: bad request file: expected a member name"},
		{"{\"a\": 1} x", "r.json:1:10: bad request file: trailing characters after the JSON value"},
		{"{\"a\": \"x\ny\"}", "r.json:1:9: bad request file: control character in a string"},
		// The eight-bytes-at-a-time scans (plainRun, the decode loop of an
		// escaped string, rawStringEnd) stop at a control character
		// wherever it falls in a word, before and after an escape.
		{"{\"a\": \"0123456789abc\tdef\"}", "r.json:1:21: bad request file: control character in a string"},
		{"{\"a\": \"\\\"0123456789abc\x01def\"}", "r.json:1:23: bad request file: control character in a string"},
		{"{\"a\": \"\\\"0123456789abcdefghijklmnop", "r.json:1:36: bad request file: unterminated string"},
		{"{\"a\": \"0123456789abcdefghij\\", "r.json:1:29: bad request file: unterminated escape"},
		{"{\"a\": 01x}", "r.json:1:9: bad request file: expected ',' or '}'"},
		{"{\"a\": 1.2.3}", "r.json:1:7: bad request file: bad number 1.2.3"},
	} {
		_, err := ParseRequest("r.json", []byte(tc.js))
		if err == nil || err.Error() != tc.want {
			t.Errorf("%q: error %v, want %s", tc.js, err, tc.want)
		}
	}
}

func TestOverrides(t *testing.T) {
	r := mustRequest(t, `{}`)
	globals, finish := Globals(r)
	var c *runtime.Map
	for _, g := range globals {
		if g.Name == "context" {
			c = g.Value.AsMap()
		}
	}
	ro, rs := sub(c, "requestOverride"), sub(c, "responseOverride")
	sub(ro, "header").PutString("X-A", runtime.String("1"))
	sub(ro, "querystring").PutString("q", runtime.String("v"))
	sub(rs, "header").PutString("H", runtime.ListValue(runtime.NewList([]runtime.Value{runtime.String("a"), runtime.String("b")})))
	rs.PutString("status", runtime.Int(400))
	res := finish()
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %v", res.Warnings)
	}
	if res.Status != 400 || res.Headers["H"] != "a,b" {
		t.Errorf("status %d headers %v", res.Status, res.Headers)
	}
	req := res.Overrides["request"].(map[string]any)
	if req["header"].(map[string]string)["X-A"] != "1" || req["querystring"].(map[string]string)["q"] != "v" || req["path"] != nil {
		t.Errorf("request overrides %v", req)
	}
	// Overrides are final on AWS (a 5XX); we render and warn.
	sub(ro, "header").PutString("X-A", runtime.String("2"))
	rs.PutString("status", runtime.Int(202))
	res = finish()
	if len(res.Warnings) != 2 || !strings.Contains(res.Warnings[0].Msg, "$context.requestOverride.header.X-A assigned twice") ||
		!strings.Contains(res.Warnings[1].Msg, "$context.responseOverride.status") {
		t.Errorf("warnings %v", res.Warnings)
	}
	if res.Status != 202 {
		t.Errorf("status %d", res.Status)
	}
}

func TestPayloadErrorMessage(t *testing.T) {
	// toqoz-11 and toqoz-13, recorded on AWS in 2015.
	for body, want := range map[string]string{
		"{a": "400 Could not process payloadnet.minidev.json.parser.ParseException: Unexpected End Of File position 1: null",
		"[a": "400 Could not process payloadnet.minidev.json.parser.ParseException: Unexpected End Of File position 1: EOF",
	} {
		in := newInput(&Request{Body: body})
		_, _, err := in.CallMethod("path", []runtime.Value{runtime.String("$")})
		pe, ok := err.(*PayloadError)
		if !ok || pe.Error() != want {
			t.Errorf("%s: %v, want %s", body, err, want)
		}
		// $input.body still works.
		if v, _ := in.GetProperty("body"); v.AsString() != body {
			t.Errorf("body %q", v.AsString())
		}
	}
}

// TestRequestStringsDecoded: a request file's strings decode as
// encoding/json decodes them, whatever mix of plain runs and escapes they
// hold (the plain runs are copied whole).
func TestRequestStringsDecoded(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "plain text ", `"`, `\`, "/", "\n", "\t", "é", "😀", "\u2028", "{\"k\": [1, 2]}", "\x7f"}
	for round := 0; round < 500; round++ {
		var sb strings.Builder
		for n := rng.IntN(12); n > 0; n-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		want := sb.String()
		quoted, _ := json.Marshal(want)
		if round%2 == 1 {
			// Escape every / too, and write non-ASCII as \u escapes.
			quoted = []byte(strings.ReplaceAll(strconv.QuoteToASCII(want), `\x7f`, `\u007f`))
			quoted = []byte(strings.ReplaceAll(string(quoted), "/", `\/`))
			if strings.ContainsAny(want, "😀") {
				quoted, _ = json.Marshal(want) // strconv writes \U0001f600, not JSON
			}
		}
		r, err := ParseRequest("r.json", []byte(`{"body": `+string(quoted)+`}`))
		if err != nil {
			t.Fatalf("%s: %v", quoted, err)
		}
		if r.Body != want {
			t.Fatalf("%s: body %q, want %q", quoted, r.Body, want)
		}
	}
}

// FuzzRequestBodyString checks the request file's string decoding (eight
// bytes at a time, see plainRun) against encoding/json: whenever both
// accept a request whose body is a string, the bodies are equal. Escaped
// surrogates are left out: a lone one is '?' here (Java's UTF-8 encoder),
// U+FFFD in encoding/json, which also replaces invalid UTF-8 that vtlc
// keeps as it is.
func FuzzRequestBodyString(f *testing.F) {
	for _, s := range []string{`plain`, `a\"b\\c\/d\n`, `\u00e9\u2028x`, "0123456789abcdef\\\"0123456789", `\"k\":[1,2]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, content string) {
		if strings.Contains(strings.ToLower(content), `\ud`) || !utf8.ValidString(content) {
			return
		}
		data := `{"method": "POST", "body": "` + content + `"}`
		r, err := ParseRequest("r.json", []byte(data))
		var want struct{ Body *string }
		werr := json.Unmarshal([]byte(data), &want)
		if err != nil || werr != nil {
			if (err == nil) != (werr == nil) {
				t.Fatalf("%q: vtlc %v, encoding/json %v", content, err, werr)
			}
			return
		}
		if want.Body == nil || r.Body != *want.Body {
			t.Fatalf("%q: body %q, encoding/json %q", content, r.Body, *want.Body)
		}
	})
}
