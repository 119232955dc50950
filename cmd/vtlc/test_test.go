package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vtlc/vtlc/fixtures"
	"github.com/vtlc/vtlc/parser/source"
	"github.com/vtlc/vtlc/runtime"
)

// cliFake is a stand-in engine that pins the command's own behaviour (flags,
// streams, exit statuses) apart from the template engine: a template's
// output is its text with $body replaced by the raw body; #fail(msg) fails
// rendering there and #broken fails compiling.
type cliFake struct{}

func (cliFake) Compile(name string, src []byte) (fixtures.Template, error) {
	f := source.NewFile(name, string(src))
	if i := strings.Index(f.Src, "#broken"); i >= 0 {
		return nil, f.Errorf(source.Syntax, source.PosOf(i), "unexpected #broken")
	}
	return f, nil
}

func (cliFake) ParseRequest(name string, data []byte) (fixtures.Request, error) {
	var m struct{ Body json.RawMessage }
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	var s string
	if json.Unmarshal(m.Body, &s) != nil {
		s = string(m.Body)
	}
	return s, nil
}

var failRE = regexp.MustCompile(`#fail\(([^)]*)\)`)

func (cliFake) Render(t fixtures.Template, r fixtures.Request) (string, error) {
	f := t.(*source.File)
	if m := failRE.FindStringSubmatchIndex(f.Src); m != nil {
		return "", f.Errorf(source.Runtime, source.PosOf(m[0]), "%s", f.Src[m[2]:m[3]])
	}
	return strings.ReplaceAll(f.Src, "$body", r.(string)), nil
}

// withFake makes `vtlc test` render with cliFake for the test.
func withFake(t *testing.T) {
	old := newEngine
	newEngine = func(runtime.Limits) fixtures.Engine { return cliFake{} }
	t.Cleanup(func() { newEngine = old })
}

// tree writes a small project: one passing file, one with a failing case.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

var mixedTree = map[string]string{
	"api/echo.vtl": `{"got": $body}`,
	"api/echo.test.yaml": `cases:
  - name: echoes the body
    request: {body: {"a": 1}}
    expect: {json: {got: {a: 1}}}
  - name: wrong on purpose
    request: {body: {"a": 2}}
    expect: {json: {got: {a: 3}}}
`,
	"api/fails.vtl": "ok\n  #fail(Invalid JSON)",
	"api/fails.test.yaml": `cases:
  - name: refused
    expect: {error: Invalid JSON}
  - name: not filled yet
`,
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestTestCommandExitStatus(t *testing.T) {
	withFake(t)
	tests := []struct {
		name string
		args []string
		code int
		last string // the last line of stdout, or of stderr when stdout is empty
	}{
		{"a failing case", []string{"test", "api"}, 1, "2 passed, 1 failed, 1 skipped"},
		{"no path means the current folder", []string{"test"}, 1, "2 passed, 1 failed, 1 skipped"},
		{"--run selects file/case", []string{"test", "--run", "echo.test.yaml/echoes"}, 0, "1 passed, 0 failed"},
		{"-run, go test's spelling", []string{"test", "-run", "fails.test.yaml/", "api"}, 0, "1 passed, 0 failed, 1 skipped"},
		{"-run=, too", []string{"test", "-run=refused"}, 0, "1 passed, 0 failed"},
		{"-count", []string{"test", "-count", "3", "-run", "refused"}, 0, "3 passed, 0 failed"},
		{"--failfast", []string{"test", "--failfast", "--parallel", "1"}, 1, "1 passed, 1 failed"},
		{"a run pattern that matches nothing is not an error", []string{"test", "-run", "nothing"}, 0, "0 passed, 0 failed"},
		{"no test files", []string{"test", "api/echo.vtl", "nowhere"}, 2, "1 passed, 1 failed"},
		{"a bad pattern", []string{"test", "--run", "("}, 2, "vtlc test: bad --run pattern: error parsing regexp: missing closing ): `(`"},
		{"a bad flag", []string{"test", "--frobnicate"}, 2, "vtlc: unknown flag: --frobnicate"},
		{"a bad count", []string{"test", "-count=0"}, 2, "vtlc test: --count must be at least 1, not 0"},
		{"a bad colour", []string{"test", "--color", "pink"}, 2, "vtlc test: --color takes auto, always or never, not \"pink\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree(t, mixedTree)
			code, stdout, stderr := runCLI(tt.args...)
			text := stdout
			if text == "" {
				text = stderr
			}
			lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
			if code != tt.code || lines[len(lines)-1] != tt.last {
				t.Errorf("exit %d, last line %q; want %d, %q\nstdout:\n%s\nstderr:\n%s", code, lines[len(lines)-1], tt.code, tt.last, stdout, stderr)
			}
		})
	}
}

func TestTestCommandReport(t *testing.T) {
	withFake(t)
	tree(t, mixedTree)
	code, stdout, _ := runCLI("test", "-v", "--color=never")
	want := `--- PASS: api/echo.test.yaml/echoes the body
--- FAIL: api/echo.test.yaml/wrong on purpose
    api/echo.test.yaml:5:5: case "wrong on purpose"
    api/echo.test.yaml:7:20: json differs:
        $.got.a: want 3, got 2
        (-want +got):
        @@ -1,5 +1,5 @@
         {
           "got": {
        -    "a": 3
        +    "a": 2
           }
         }
--- PASS: api/fails.test.yaml/refused
--- SKIP: api/fails.test.yaml/not filled yet
    api/fails.test.yaml:4:5: no expect yet: vtlc test --update fills it with what the template renders now
2 passed, 1 failed, 1 skipped
`
	if code != 1 || filepath.FromSlash(want) != stdout {
		t.Errorf("exit %d, stdout:\n%s\nwant:\n%s", code, stdout, want)
	}
}

func TestTestCommandColor(t *testing.T) {
	withFake(t)
	tree(t, mixedTree)
	old := isTerminalFunc
	t.Cleanup(func() { isTerminalFunc = old })
	for _, tt := range []struct {
		args    []string
		tty     bool
		noColor string
		want    bool
	}{
		{[]string{"test"}, false, "", false},
		{[]string{"test"}, true, "", true},
		{[]string{"test"}, true, "1", false},
		{[]string{"test", "--color=always"}, false, "1", true},
		{[]string{"test", "--color", "never"}, true, "", false},
	} {
		isTerminalFunc = func(any) bool { return tt.tty }
		t.Setenv("NO_COLOR", tt.noColor)
		_, stdout, _ := runCLI(tt.args...)
		if got := strings.Contains(stdout, "\x1b["); got != tt.want {
			t.Errorf("%v tty=%v NO_COLOR=%q: colour %v, want %v", tt.args, tt.tty, tt.noColor, got, tt.want)
		}
	}
}

func TestTestCommandJSON(t *testing.T) {
	withFake(t)
	tree(t, mixedTree)
	for _, args := range [][]string{{"test", "--json"}, {"test", "-json"}} {
		code, stdout, stderr := runCLI(args...)
		if code != 1 || stderr != "2 passed, 1 failed, 1 skipped\n" {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
		actions := map[string]int{}
		for _, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
			var ev struct{ Time, Action, Package, Test, Output string }
			if err := json.Unmarshal([]byte(line), &ev); err != nil || ev.Action == "" || ev.Time == "" || ev.Package == "" {
				t.Fatalf("%v: not a test2json event: %s (%v)", args, line, err)
			}
			if ev.Test != "" || ev.Action != "output" {
				actions[ev.Action+" "+ev.Test]++
			}
		}
		want := map[string]int{
			"start ": 2, "fail ": 1, "pass ": 1,
			"run echoes the body": 1, "pass echoes the body": 1,
			"run wrong on purpose": 1, "fail wrong on purpose": 1,
			"run refused": 1, "pass refused": 1,
			"run not filled yet": 1, "skip not filled yet": 1,
			"output echoes the body": 2, "output wrong on purpose": 12, "output refused": 2, "output not filled yet": 3,
		}
		if !equalMaps(actions, want) {
			t.Errorf("%v: events %v\nwant %v\n%s", args, actions, want, stdout)
		}
	}
}

func equalMaps(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestTestCommandJUnitAndAnnotations(t *testing.T) {
	withFake(t)
	dir := tree(t, mixedTree)
	t.Setenv("GITHUB_ACTIONS", "true")
	report := filepath.Join(dir, "out", "junit.xml")
	os.MkdirAll(filepath.Dir(report), 0o755)
	code, stdout, _ := runCLI("test", "--junit", report, "api")
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	ann := "::error file=" + filepath.FromSlash("api/echo.test.yaml") + ",line=7,col=20,title=vtlc test%3A wrong on purpose::json differs:%0A$.got.a: want 3, got 2%0A(-want +got):%0A"
	if !strings.Contains(stdout, ann) {
		t.Errorf("no annotation %q in:\n%s", ann, stdout)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Skipped  int `xml:"skipped,attr"`
		Suites   []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("junit: %v\n%s", err, data)
	}
	if doc.Tests != 4 || doc.Failures != 1 || doc.Skipped != 1 || len(doc.Suites) != 2 || doc.Suites[0].Cases[1].Failure == nil {
		t.Errorf("junit report:\n%s", data)
	}

	_, stdout, _ = runCLI("test", "--github=false", "api")
	if strings.Contains(stdout, "::error") {
		t.Errorf("--github=false still annotates:\n%s", stdout)
	}
}

func TestTestCommandUpdate(t *testing.T) {
	withFake(t)
	tree(t, mixedTree)
	t.Setenv("CI", "true")
	code, _, stderr := runCLI("test", "-update")
	if code != 2 || !strings.Contains(stderr, "refusing to --update test files while CI is set") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	t.Setenv("CI", "")
	code, stdout, _ := runCLI("test", "-update", "api")
	if code != 1 || !strings.Contains(stdout, "updated "+filepath.FromSlash("api/fails.test.yaml")+" (1 case)\n3 passed, 1 failed\n") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
	code, stdout, _ = runCLI("test", "-update=all", "api")
	if code != 0 || !strings.Contains(stdout, "updated "+filepath.FromSlash("api/echo.test.yaml")+" (1 case)\n4 passed, 0 failed\n") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
	got, _ := os.ReadFile(filepath.Join("api", "fails.test.yaml"))
	want := "cases:\n  - name: refused\n    expect: {error: Invalid JSON}\n  - name: not filled yet\n    expect:\n      error: 'Invalid JSON'\n"
	if string(got) != want {
		t.Errorf("fails.test.yaml:\n%s", got)
	}
	if code, stdout, _ = runCLI("test"); code != 0 {
		t.Errorf("after --update=all: exit %d\n%s", code, stdout)
	}
}

func TestGoTestFlags(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"test -run X -v -count=2 -json -failfast -parallel 4 -update", "test --run X -v --count=2 --json --failfast --parallel 4 --update"},
		{"test -run -v dir", "test --run -v dir"},
		{"test -update=all -- -run", "test --update=all -- -run"},
		{"render -run", "render -run"},
		{"test --run X", "test --run X"},
	} {
		if got := strings.Join(goTestFlags(strings.Fields(tt.in)), " "); got != tt.want {
			t.Errorf("%s → %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestTestCommandExamples runs the project's examples with the real engine,
// as a team would run its own in CI.
func TestTestCommandExamples(t *testing.T) {
	examples, err := filepath.Abs(filepath.Join("..", "..", "fixtures", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI("test", examples)
	if code != 0 || !strings.HasSuffix(stdout, " passed, 0 failed\n") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestTestCommandBrokenExamples breaks a copy of the examples four ways and
// checks that the report says where, in words a person can act on.
func TestTestCommandBrokenExamples(t *testing.T) {
	src, err := filepath.Abs(filepath.Join("..", "..", "fixtures", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	edit := func(name, old, new string) {
		t.Helper()
		data, err := os.ReadFile(name)
		if err != nil || !strings.Contains(string(data), old) {
			t.Fatalf("%s: cannot break: %v", name, err)
		}
		os.WriteFile(name, []byte(strings.Replace(string(data), old, new, 1)), 0o644)
	}
	edit("mock/mock.request.test.yaml", `json: {"statusCode": 200}`, `json: {"statusCode": 201}`)
	edit("getcourses-lambda/getcourses.request.test.yaml", "      query: {courseType: math}", "      qurey: {courseType: math}")
	edit("kinesis-putrecords/putrecords.request.vtl", "#foreach($elem in $input.path('$.records'))", "#foreach($elem in $input.path('$.records')")
	edit("json-to-soap/add.request.test.yaml", "<tem:intA>1</tem:intA>", "<tem:intA>one</tem:intA>")

	code, stdout, _ := runCLI("test", "--color=never", ".")
	for _, want := range []string{
		"--- FAIL: getcourses-lambda/getcourses.request.test.yaml\n" +
			"    getcourses-lambda/getcourses.request.test.yaml:12:7: unknown key \"qurey\" in a request (did you mean \"query\"?)",
		"--- FAIL: json-to-soap/add.request.test.yaml/the numbers go into the SOAP body\n" +
			"    json-to-soap/add.request.test.yaml:6:5: case \"the numbers go into the SOAP body\"\n" +
			"    json-to-soap/add.request.test.yaml:12:15: output differs (-want +got):\n",
		"        @@ -2,7 +2,7 @@\n",
		"        -      <tem:intA>one</tem:intA>\n" +
			"        +      <tem:intA>1</tem:intA>\n",
		"--- FAIL: kinesis-putrecords/putrecords.request.test.yaml\n" +
			"    kinesis-putrecords/putrecords.request.vtl:8:6: syntax error: unexpected \"#if\" in #foreach arguments\n" +
			"          }#if($foreach.hasNext),#end\n" +
			"           ^\n",
		"--- FAIL: mock/mock.request.test.yaml/scope=internal gives 200\n",
		"        $.statusCode: want 201, got 200\n",
		" passed, 4 failed\n",
	} {
		want = filepath.FromSlash(want)
		i := strings.Index(stdout, want)
		if i < 0 {
			t.Fatalf("report lacks %q (in order):\n%s", want, stdout)
		}
		stdout = stdout[i+len(want):]
	}
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
}

// TestTestCommandBudgets: --max-steps, --max-output and --max-alloc reach
// the renders of `vtlc test`, and a case that exhausts one fails at the
// template position with the budget named.
func TestTestCommandBudgets(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "loop.vtl", "#foreach($i in [1..50])#set($s = \"$i\")x#end")
	writeFile(t, dir, "loop.test.yaml", "cases:\n  - name: fifty\n    expect:\n      output: \""+strings.Repeat("x", 50)+"\"\n")
	for _, tc := range []struct {
		flag, want string
	}{
		{"", "1 passed, 0 failed"},
		{"--max-steps=10", "loop.vtl:1:1: limit exceeded: step budget of 10 exhausted"},
		{"--max-output=20", "loop.vtl:1:1: limit exceeded: output budget of 20 bytes exhausted"},
		{"--max-alloc=16", "loop.vtl:1:34: limit exceeded: allocation budget of 16 bytes exhausted"},
	} {
		args := []string{"test", dir}
		if tc.flag != "" {
			args = append(args, tc.flag)
		}
		code, stdout, stderr := runCLI(args...)
		if wantCode := map[bool]int{true: 0, false: 1}[tc.flag == ""]; code != wantCode || !strings.Contains(stdout, tc.want) {
			t.Errorf("%s: exit %d, want %d and %q in\n%s%s", tc.flag, code, wantCode, tc.want, stdout, stderr)
		}
	}
}
