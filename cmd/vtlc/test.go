package main

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/vtlc/vtlc/fixtures"
	"github.com/vtlc/vtlc/runtime"
)

func init() {
	register(newTestCmd)
	argRewriters = append(argRewriters, goTestFlags)
}

// newEngine is the engine `vtlc test` renders with (tests swap in a fake to
// pin the command's own behaviour).
var newEngine = fixtures.NewEngine

// goTestSpellings are the long flags that may also be written with one dash,
// as go test spells them: -run X, -v, -update, -count=3, -json, ….
var goTestSpellings = map[string]bool{
	"run": true, "update": true, "count": true, "json": true, "failfast": true,
	"parallel": true, "junit": true, "color": true, "verbose": true, "github": true,
}

// goTestFlags turns `vtlc test -run X` into `vtlc test --run X`, before cobra
// (which reads -run as -r -u -n) sees it. Only the test command is touched,
// and nothing after "--".
func goTestFlags(args []string) []string {
	if len(args) == 0 || args[0] != "test" {
		return args
	}
	out := append([]string(nil), args...)
	for i := 1; i < len(out); i++ {
		a := out[i]
		if a == "--" {
			break
		}
		if len(a) < 3 || a[0] != '-' || a[1] == '-' {
			continue
		}
		name, _, hasValue := strings.Cut(a[1:], "=")
		if !goTestSpellings[name] {
			continue
		}
		out[i] = "-" + a
		// skip the value of a flag that takes one (-run X), which may itself
		// start with a dash
		if !hasValue && (name == "run" || name == "count" || name == "parallel" || name == "junit" || name == "color") {
			i++
		}
	}
	return out
}

type testFlags struct {
	run      string
	verbose  bool
	count    int
	parallel int
	failfast bool
	json     bool
	junit    string
	update   string
	color    string
	github   bool
	limits   runtime.Limits
}

func newTestCmd() *cobra.Command {
	var fl testFlags
	cmd := &cobra.Command{
		Use:   "test [PATH...]",
		Short: "Run the test files (NAME.test.yaml) beside templates",
		Long: `Run the test files beside templates: NAME.test.yaml (or .test.yml, .test.json)
holds cases, each a request and what rendering the template must give
(expect.output, expect.json or expect.error). See fixtures/examples.

Each PATH is a folder (walked recursively), a test file or a template; no PATH
means the current folder. The last line says "N passed, M failed". Exit status:
0 when every case passed, 1 when a case failed, 2 when the run could not be done
in full (no test file, a broken test file or template, bad flags).

The go test spellings work too: -run, -v, -count, -json, -update, -failfast.`,
		Example: `  vtlc test                       # every test file under the current folder
  vtlc test templates/ -v         # list every case
  vtlc test --run 'courses/.*apostrophe'
  vtlc test --json > events.json  # go test -json events; the summary goes to stderr
  vtlc test --junit report.xml    # and the usual output
  vtlc test --update              # fill the cases that have no expect yet
  vtlc test --update=all          # also rewrite the failing ones`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTests(cmd, args, fl)
		},
	}
	f := cmd.Flags()
	f.StringVar(&fl.run, "run", "", "run only the cases whose `file/case` matches this regular expression")
	f.BoolVarP(&fl.verbose, "verbose", "v", false, "list every case, not only the failing ones")
	f.IntVar(&fl.count, "count", 1, "run each case `N` times")
	f.IntVar(&fl.parallel, "parallel", 0, "render on `N` goroutines (default: all cores); output order does not change")
	f.BoolVar(&fl.failfast, "failfast", false, "stop after the first failing case")
	f.BoolVar(&fl.json, "json", false, "write go test -json (test2json) events to stdout; the summary line goes to stderr")
	f.StringVar(&fl.junit, "junit", "", "also write a JUnit XML report to `FILE`")
	f.StringVar(&fl.update, "update", "", "write what templates render now into the test files: cases without expect (--update), or also failing ones (--update=all); refused when CI is set")
	f.Lookup("update").NoOptDefVal = "missing"
	f.StringVar(&fl.color, "color", "auto", "colour the output: auto (on a terminal, unless NO_COLOR is set), always or never")
	addLimitFlags(f, &fl.limits)
	f.BoolVar(&fl.github, "github", os.Getenv("GITHUB_ACTIONS") == "true", "write GitHub Actions annotations (::error file=…) (default: on when GITHUB_ACTIONS=true)")
	return cmd
}

func runTests(cmd *cobra.Command, paths []string, fl testFlags) error {
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	usage := func(format string, args ...any) error {
		fmt.Fprintf(stderr, "vtlc test: "+format+"\n", args...)
		return exitError{exitUsage}
	}
	opts := fixtures.Options{Count: fl.count, Parallel: fl.parallel, FailFast: fl.failfast}
	if fl.run != "" {
		re, err := regexp.Compile(fl.run)
		if err != nil {
			return usage("bad --run pattern: %v", err)
		}
		opts.Run = re
	}
	if fl.count < 1 {
		return usage("--count must be at least 1, not %d", fl.count)
	}
	if fl.parallel < 0 {
		return usage("--parallel must be at least 1, not %d", fl.parallel)
	}
	switch fl.update {
	case "":
	case "missing":
		opts.Update = fixtures.UpdateMissing
	case "all":
		opts.Update = fixtures.UpdateAll
	default:
		return usage("--update takes no value or =all, not %q", fl.update)
	}
	if opts.Update != fixtures.UpdateNone && os.Getenv("CI") != "" {
		return usage("refusing to --update test files while CI is set (CI=%s): update them locally and commit the change", os.Getenv("CI"))
	}
	var color bool
	switch fl.color {
	case "auto":
		color = isTerminalFunc(stdout) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
	case "always":
		color = true
	case "never":
	default:
		return usage("--color takes auto, always or never, not %q", fl.color)
	}

	var reps fixtures.Reporters
	summaryOut := stdout
	annotations := stdout
	if fl.json {
		reps = append(reps, &fixtures.JSONReporter{W: stdout})
		summaryOut, annotations = stderr, stderr
		reps = append(reps, &fixtures.TextReporter{W: io.Discard, Summary: summaryOut, Color: color && isTerminalFunc(stderr)})
	} else {
		reps = append(reps, &fixtures.TextReporter{W: stdout, Summary: stdout, Verbose: fl.verbose, Color: color})
	}
	if fl.github {
		reps = append(reps, &fixtures.GitHubReporter{W: annotations})
	}
	var junit *fixtures.JUnitReporter
	if fl.junit != "" {
		junit = &fixtures.JUnitReporter{Path: fl.junit}
		reps = append(reps, junit)
	}

	runner := &fixtures.Runner{Engine: newEngine(fl.limits), Options: opts}
	sum := runner.RunPaths(paths, reps)
	code := sum.ExitCode()
	if junit != nil && junit.Err != nil {
		fmt.Fprintf(stderr, "vtlc test: cannot write the JUnit report: %v\n", junit.Err)
		code = exitUsage
	}
	if code != exitOK {
		return exitError{code}
	}
	return nil
}

// isTerminalFunc reports whether w is a terminal (a character device),
// where colour helps; in files and pipes it would be noise. Tests replace it.
var isTerminalFunc = func(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
