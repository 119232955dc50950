package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"
	"github.com/vtlc/vtlc/compiler"
	"github.com/vtlc/vtlc/parser/source"
	"github.com/vtlc/vtlc/runtime"
	"github.com/vtlc/vtlc/runtime/apigw"
)

// readTemplate reads and compiles a template file. An unreadable file is a
// usage error (exit 2); a template that does not compile is exit 1, with its
// one-line error on stderr.
func readTemplate(stderr io.Writer, path string) (*runtime.Program, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "vtlc: %v\n", err)
		return nil, exitError{exitUsage}
	}
	prog, err := compiler.CompileFile(path, src)
	if err != nil {
		reportError(stderr, err)
		return nil, exitError{exitFailure}
	}
	apigw.Precompile(prog)
	return prog, nil
}

// reportError prints a template error as its one line "file:line:col: msg".
func reportError(stderr io.Writer, err error) {
	var se *source.Error
	if errors.As(err, &se) {
		fmt.Fprintln(stderr, se.Error())
		return
	}
	fmt.Fprintf(stderr, "vtlc: %v\n", err)
}

// addLimitFlags adds the render budgets as flags. They keep a runaway
// template from hanging a CI job; exceeding one is an error naming it.
func addLimitFlags(f *pflag.FlagSet, lim *runtime.Limits) {
	f.Int64Var(&lim.MaxSteps, "max-steps", runtime.DefaultMaxSteps, "fail a render after `N` loop iterations and block runs")
	f.IntVar(&lim.MaxOutput, "max-output", runtime.DefaultMaxOutput, "fail a render whose output passes `BYTES`")
	f.Int64Var(&lim.MaxAlloc, "max-alloc", runtime.DefaultMaxAlloc, "fail a render whose expressions make more than `BYTES` of strings, lists and maps")
}
