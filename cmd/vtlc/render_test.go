package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRenderCommand(t *testing.T) {
	dir := t.TempDir()
	tpl := writeFile(t, dir, "pet.vtl", "#set($p = $input.path('$'))\n{\"id\": $p.id, \"q\": \"$input.params('q')\"}\n")
	req := writeFile(t, dir, "req.json", `{"body": {"id": 7}, "query": {"q": "a b"}}`)
	broken := writeFile(t, dir, "broken.vtl", "line one\n#if($a\n")
	throws := writeFile(t, dir, "throws.vtl", "ok #set($s = \"ab\")$s.substring(5)")
	badReq := writeFile(t, dir, "bad.json", `{"body": `)
	overrides := writeFile(t, dir, "status.vtl", `#set($context.responseOverride.status = 404)#set($context.responseOverride.header.X-Why = "gone")gone`)
	twice := writeFile(t, dir, "twice.vtl", `#set($context.responseOverride.status = 400)#set($context.responseOverride.status = 401)`)
	loop := writeFile(t, dir, "loop.vtl", `#foreach($i in [1..50])xxxxxxxxxx#end`)
	doubling := writeFile(t, dir, "doubling.vtl", `#set($a = "x")#foreach($i in [1..30])#set($a = "$a$a")#end$a.length()`)

	for _, tc := range []struct {
		name       string
		args       []string
		wantOut    string
		wantErr    string // regular expression
		wantStatus int
	}{
		{"renders exactly", []string{"render", "--request", req, tpl}, "{\"id\": 7, \"q\": \"a b\"}\n", `^$`, 0},
		{"empty request by default", []string{"render", tpl}, "{\"id\": , \"q\": \"\"}\n", `^$`, 0},
		{"syntax error is one line with file:line:col", []string{"render", broken}, "",
			`^` + regexp.QuoteMeta(broken) + `:\d+:\d+: [^\n]+\n$`, 1},
		{"a Java exception is a render error at its position", []string{"render", throws}, "",
			`^` + regexp.QuoteMeta(throws) + `:1:\d+: java.lang.StringIndexOutOfBoundsException[^\n]*\n$`, 1},
		{"bad request file is a usage error", []string{"render", "--request", badReq, tpl}, "", `bad\.json:1:\d+: `, 2},
		{"missing request file", []string{"render", "--request", filepath.Join(dir, "nope.json"), tpl}, "", `nope\.json`, 2},
		{"missing template", []string{"render", filepath.Join(dir, "nope.vtl")}, "", `nope\.vtl`, 2},
		{"no template", []string{"render"}, "", `accepts 1 arg`, 2},
		{"json result", []string{"render", "--json", overrides}, `{
  "headers": {
    "X-Why": "gone"
  },
  "output": "gone",
  "overrides": {
    "response": {
      "header": {
        "X-Why": "gone"
      },
      "status": 404
    }
  },
  "status": 404
}
`, `^$`, 0},
		{"budgets are flags: steps", []string{"render", "--max-steps", "5", doubling}, "",
			`^` + regexp.QuoteMeta(doubling) + `:1:48: step budget of 5 exhausted`, 1},
		{"budgets are flags: allocation", []string{"render", "--max-alloc", "4096", doubling}, "",
			`^` + regexp.QuoteMeta(doubling) + `:1:48: allocation budget of 4096 bytes exhausted`, 1},
		{"budgets are flags: output", []string{"render", "--max-output", "100", loop}, "",
			`^` + regexp.QuoteMeta(loop) + `:1:1: output budget of 100 bytes exhausted`, 1},
		{"a string doubling in a loop stops at the default allocation budget", []string{"render", doubling}, "",
			`^` + regexp.QuoteMeta(doubling) + `:1:48: allocation budget of 104857600 bytes exhausted`, 1},
		{"override assigned twice renders and warns", []string{"render", twice}, "",
			`^` + regexp.QuoteMeta(twice) + `: warning: \$context.responseOverride.status assigned twice: API Gateway answers 5XX`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(tc.args...)
			if code != tc.wantStatus {
				t.Errorf("exit status %d, want %d (stderr %q)", code, tc.wantStatus, errOut)
			}
			if out != tc.wantOut {
				t.Errorf("stdout %q, want %q", out, tc.wantOut)
			}
			if !regexp.MustCompile(tc.wantErr).MatchString(errOut) {
				t.Errorf("stderr %q does not match %q", errOut, tc.wantErr)
			}
		})
	}
}

func TestDebugCommands(t *testing.T) {
	dir := t.TempDir()
	tpl := writeFile(t, dir, "t.vtl", "Hi $name!")
	code, out, _ := runCLI("ast", tpl)
	if code != 0 || !strings.Contains(out, "name") {
		t.Errorf("ast: exit %d, output %q", code, out)
	}
	code, out, _ = runCLI("disasm", tpl)
	if code != 0 || !strings.Contains(out, `TEXT      "Hi "`) || !strings.Contains(out, "PRINTREF  $name") {
		t.Errorf("disasm: exit %d, output %q", code, out)
	}
	broken := writeFile(t, dir, "b.vtl", "#foreach($x in $y)")
	if code, _, errOut := runCLI("ast", broken); code != 1 || !strings.HasPrefix(errOut, broken+":") {
		t.Errorf("ast on a broken template: exit %d, stderr %q", code, errOut)
	}
}

func TestBenchCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mycase")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tpl := writeFile(t, dir, "template.vtl", "$input.path('$.a')")
	writeFile(t, dir, "request.json", `{"body": {"a": 1}}`)
	code, out, errOut := runCLI("bench", "--benchtime", "20x", "--count", "2", tpl)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	line := regexp.MustCompile(`(?m)^BenchmarkRender/mycase-\d+\t\s*20\t\s*[\d.]+ ns/op\t\s*\d+ B/op\t\s*\d+ allocs/op$`)
	if n := len(line.FindAllString(out, -1)); n != 2 {
		t.Errorf("want 2 benchmark lines named after the case folder, got %d in:\n%s", n, out)
	}
	if code, _, _ := runCLI("bench", "--benchtime", "bogus", tpl); code != 2 {
		t.Errorf("bad --benchtime: exit %d, want 2", code)
	}
	// Profiles: both files are pprof's gzip format (magic 1f 8b).
	cpu, mem := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof")
	if code, _, errOut := runCLI("bench", "--benchtime", "20x", "--cpuprofile", cpu, "--memprofile", mem, tpl); code != 0 {
		t.Fatalf("bench with profiles: exit %d: %s", code, errOut)
	}
	for _, p := range []string{cpu, mem} {
		if b, err := os.ReadFile(p); err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
			t.Errorf("%s: not a pprof profile (%v, %d bytes)", p, err, len(b))
		}
	}
	// A template that fails still leaves a complete profile behind.
	broken := writeFile(t, dir, "broken.vtl", "#foreach($x in $y)")
	failed := filepath.Join(dir, "failed.prof")
	if code, _, _ := runCLI("bench", "--benchtime", "1x", "--cpuprofile", failed, tpl, broken); code != 1 {
		t.Errorf("bench of a broken template: exit %d, want 1", code)
	}
	if b, err := os.ReadFile(failed); err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("profile of a failed run: not a pprof profile (%v, %d bytes)", err, len(b))
	}
	if code, _, errOut := runCLI("bench", "--benchtime", "1x", "--cpuprofile", filepath.Join(dir, "no", "such", "dir", "p"), tpl); code != 2 || !strings.Contains(errOut, "no such file") {
		t.Errorf("unwritable --cpuprofile: exit %d, stderr %q", code, errOut)
	}
}
