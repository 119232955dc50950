package apigw_test

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/vtlc/vtlc/compiler"
	"github.com/vtlc/vtlc/runtime/apigw"
)

// TestOverridesReported: every way a template can set an override reaches
// the Result (a finished render only reads the override maps when something
// was put into $context or one of them), and a render that sets nothing
// reports nothing.
func TestOverridesReported(t *testing.T) {
	for _, tc := range []struct{ name, request, template, want string }{
		{"nothing", `{}`, `x`, `null`},
		{"context read only", `{}`, `$context.requestId $context.responseOverride.status`, `null`},
		{"#set of a key", `{}`, `#set($context.responseOverride.header.X-A = "1")`,
			`{"response":{"header":{"X-A":"1"}}}`},
		{"put method", `{}`, `#set($x = $context.requestOverride.querystring.put('q', 'v'))`,
			`{"request":{"querystring":{"q":"v"}}}`},
		{"a whole override map replaced", `{}`, `#set($context.requestOverride.header = {"A": "1"})`,
			`{"request":{"header":{"A":"1"}}}`},
		{"responseOverride replaced from the top", `{}`, `#set($context.responseOverride = {"status": 201})`,
			`{"response":{"status":201}}`},
		{"through a variable", `{}`, `#set($ro = $context.responseOverride)#set($ro.status = 418)`,
			`{"response":{"status":418}}`},
		{"a map changed after it was attached", `{}`, `#set($h = {})#set($context.requestOverride.header = $h)#set($h.X = 'late')`,
			`{"request":{"header":{"X":"late"}}}`},
		{"set by the request file", `{"context": {"responseOverride": {"status": 503}}}`, `$context.requestId`,
			`{"response":{"status":503}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prog, err := compiler.CompileFile("t.vtl", []byte(tc.template))
			if err != nil {
				t.Fatal(err)
			}
			req, err := apigw.ParseRequest("r.json", []byte(tc.request))
			if err != nil {
				t.Fatal(err)
			}
			res, err := apigw.Render(prog, req, apigw.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(res.Overrides)
			if string(got) != tc.want {
				t.Errorf("overrides %s, want %s", got, tc.want)
			}
		})
	}
}

// TestPrecompile: the constant paths of $input.path/json calls are compiled
// with the template; computed paths and other receivers are not.
func TestPrecompile(t *testing.T) {
	src := `$input.path('$.pre.a') $input.json("$.pre.b") $input.path($x) $other.path('$.pre.c') #set($v = $input.path('$.pre.d'))`
	prog, err := compiler.CompileFile("t.vtl", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	apigw.Precompile(prog)
	got := apigw.CachedPaths("$.pre.")
	if want := "[$.pre.a $.pre.b $.pre.d]"; fmt.Sprint(got) != want {
		t.Errorf("compiled %v, want %s", got, want)
	}
}

// TestSharedContext: a template that cannot change $context reads the
// request's prototype itself (no copy); it must render exactly what a copy
// renders, and the renders that do change their copy must leave the
// prototype as it was for the next render.
func TestSharedContext(t *testing.T) {
	const request = `{"headers": {"User-Agent": "ua/1"}, "stageVariables": {"env": "prod"},
		"context": {"authorizer": {"claims": {"sub": "u-1", "n": 5}}, "responseOverride": {"status": 503}}}`
	req, err := apigw.ParseRequest("r.json", []byte(request))
	if err != nil {
		t.Fatal(err)
	}
	render := func(src string) (string, string) {
		t.Helper()
		res := mustRender(t, req, src)
		overrides, _ := json.Marshal(res.Overrides)
		return res.Output, string(overrides)
	}
	reader := `#foreach($k in $context.keySet())$k=$context.get($k);#end|$context.identity.userAgent|` +
		`$context.authorizer.claims|$context.responseOverride.status|$context.requestOverride.header.size()`
	// Any #set into a property makes a program a mutator: the same reads
	// then run on a copy.
	const mutator = `#set($m = {})#set($m.x = 1)`
	sharedOut, sharedOverrides := render(reader)
	copyOut, copyOverrides := render(mutator + reader)
	if sharedOut != copyOut || sharedOverrides != copyOverrides {
		t.Fatalf("shared context renders\n%s %s\na copy renders\n%s %s", sharedOut, sharedOverrides, copyOut, copyOverrides)
	}
	if want := `{"response":{"status":503}}`; sharedOverrides != want {
		t.Errorf("overrides %s, want %s", sharedOverrides, want)
	}
	// A render that changes its copy, then a shared one.
	render(`#set($context.requestOverride.header.X = "1")#set($context.authorizer.claims.sub = "changed")$context.identity.put("userAgent", "x")`)
	if again, _ := render(reader); again != sharedOut {
		t.Errorf("after a mutating render the prototype reads\n%s\nwant\n%s", again, sharedOut)
	}
	// $stageVariables is shared the same way.
	stageReader := `$stageVariables $stageVariables.size()`
	before, _ := render(stageReader)
	render(`#set($stageVariables.extra = "x")$stageVariables.put("env", "changed")`)
	if after, _ := render(stageReader); after != before || before != `{env=prod} 1` {
		t.Errorf("$stageVariables read %q, then %q after a mutating render; want {env=prod} 1 both times", before, after)
	}
}

// TestSharedContextConcurrent renders one request from many goroutines
// with a program that shares its $context and $stageVariables and one
// that copies them; CI runs it under -race.
func TestSharedContextConcurrent(t *testing.T) {
	req, err := apigw.ParseRequest("r.json", []byte(`{"stageVariables": {"env": "prod"}, "body": {"a": [1, 2]}}`))
	if err != nil {
		t.Fatal(err)
	}
	reader, err := compiler.CompileFile("r.vtl", []byte(`$context.requestId $context.identity.sourceIp $stageVariables.env $input.path('$.a')`))
	if err != nil {
		t.Fatal(err)
	}
	writer, err := compiler.CompileFile("w.vtl", []byte(`#set($context.requestOverride.header.X = "1")$stageVariables.put("env", "x")$context.requestId`))
	if err != nil {
		t.Fatal(err)
	}
	const want = "c0ffee00-0000-4000-8000-000000000000 198.51.100.7 prod [1,2]"
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if g%2 == 1 {
					if _, err := apigw.Render(writer, req, apigw.Options{}); err != nil {
						t.Error(err)
						return
					}
					continue
				}
				res, err := apigw.Render(reader, req, apigw.Options{})
				if err != nil || res.Output != want {
					t.Errorf("got %v %v, want %q", res, err, want)
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

// TestContextCopyIsDeep: a render that changes maps and lists inside a
// list of the request's context changes its own copy only (review finding:
// the copy used to share what a list held).
func TestContextCopyIsDeep(t *testing.T) {
	req, err := apigw.ParseRequest("r.json", []byte(`{"context": {"x": [{"a": 1}, [1]], "authorizer": {"claims": {"groups": [{"g": "admin"}]}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	render := func(src string) string {
		t.Helper()
		return mustRender(t, req, src).Output
	}
	const reader = `$context.x[0].a $context.x[1] $context.authorizer.claims.groups[0].g`
	before := render(reader)
	if before != "1 [1] admin" {
		t.Fatalf("context reads %q", before)
	}
	for _, writer := range []string{
		`#set($context.x[0].a = 2)`, `$context.x[1].add(2)`, `$context.authorizer.claims.groups[0].put("g", "root")`,
		`#define($d)HELLO#end#set($z = $context.x[1].add($d))`,
	} {
		render(writer)
		if after := render(reader); after != before {
			t.Errorf("after %s the context reads %q, want %q", writer, after, before)
		}
	}
}

// mustRender compiles src and renders it against req.
func mustRender(t *testing.T, req *apigw.Request, src string) *apigw.Result {
	t.Helper()
	prog, err := compiler.CompileFile("t.vtl", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	res, err := apigw.Render(prog, req, apigw.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
