// Command vtlc renders and tests AWS API Gateway mapping templates offline,
// byte for byte as API Gateway renders them.
package main

import (
	"io"
	"os"
	goruntime "runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// subcommands are registered by each subcommand's file in its init.
var subcommands []func() *cobra.Command

// argRewriters adjust the raw arguments before cobra parses them (the test
// command accepts go test's one-dash spellings such as -run and -v).
var argRewriters []func(args []string) []string

func register(f func() *cobra.Command) { subcommands = append(subcommands, f) }

// Exit statuses shared by the subcommands.
const (
	exitOK      = 0
	exitFailure = 1 // a template error, a failing test
	exitUsage   = 2 // bad usage, unreadable input, a run that could not be done in full
)

// exitError carries an exit status out of a cobra RunE; its message, if any,
// has already been printed.
type exitError struct{ code int }

func (e exitError) Error() string { return "exit status" }

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "vtlc",
		Short: "Render and test AWS API Gateway mapping templates offline, byte-exact",
		Long: `vtlc runs API Gateway (REST) mapping templates — Velocity Template Language with
$input, $context, $stageVariables and $util — the way API Gateway does, offline.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	for _, f := range subcommands {
		root.AddCommand(f())
	}
	return root
}

// run executes vtlc with args, writing to stdout and stderr, and returns the
// exit status. Tests drive the real CLI through it. Subcommands write with
// cmd.OutOrStdout() and cmd.ErrOrStderr().
func run(args []string, stdout, stderr io.Writer) int {
	for _, rw := range argRewriters {
		args = rw(args)
	}
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.Execute(); err != nil {
		if e, ok := err.(exitError); ok {
			return e.code
		}
		root.PrintErrln("vtlc: " + err.Error())
		return exitUsage
	}
	return exitOK
}

func main() {
	// A vtlc run is short-lived and its live heap small, while a render of
	// a JSON-heavy body allocates a whole tree of values: collecting less
	// often trades a little memory for most of the GC time. GOGC, when
	// set, still decides.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	// Linking runtime/pprof (for bench --memprofile) turns on the runtime's
	// allocation sampling: a stack walk and a profile bucket every 512 KB
	// allocated, ~40 page faults of a one-shot render of the bench's
	// response-1000. Only bench --memprofile wants it, and sets its rate.
	goruntime.MemProfileRate = 0
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
