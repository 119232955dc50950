package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	goruntime "runtime"
	"runtime/pprof"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/vtlc/vtlc/fixtures"
	"github.com/vtlc/vtlc/runtime/apigw"
)

func init() { register(newBenchCmd) }

func newBenchCmd() *cobra.Command {
	var requestPath, benchtime, cpuProfile, memProfile string
	var count int
	cmd := &cobra.Command{
		Use:   "bench [--request REQUEST.json] [--benchtime 1s|Nx] [--count N] TEMPLATE...",
		Short: "Measure how fast templates render, as Go benchmark lines benchstat reads",
		Long: `Bench compiles each template once and renders it repeatedly against the
request, exactly as vtlc render does: each render parses the body afresh (when
the template reads it) and gets its own $input; $context and $stageVariables are
built once per request and copied for each render of a template that can change
them (a #set into a property, put, add, remove…). It prints one line per
template and run:

  BenchmarkRender/NAME-P  N  x ns/op  y B/op  z allocs/op

NAME is the template's file name without extension, or its folder's name when
the file is template.vtl (a case folder). Without --request, a request.json
beside the template is used when there is one. --benchtime and --count work
as in go test; pipe the output to benchstat to compare runs. --cpuprofile and
--memprofile write pprof profiles of the timed renders (go tool pprof FILE).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
			testing.Init()
			if err := flag.Set("test.benchtime", benchtime); err != nil {
				fmt.Fprintf(stderr, "vtlc: bad --benchtime %q\n", benchtime)
				return exitError{exitUsage}
			}
			if count < 1 {
				fmt.Fprintf(stderr, "vtlc: --count must be at least 1\n")
				return exitError{exitUsage}
			}
			if memProfile != "" {
				goruntime.MemProfileRate = 64 << 10 // a sample per 64 KB (the default is 512 KB): short runs show their allocations
			}
			stopCPU, err := startCPUProfile(stderr, cpuProfile)
			if err != nil {
				return err
			}
			// The profile is stopped (and its file complete) however the runs end.
			runErr := runBenchmarks(stdout, stderr, args, requestPath, count)
			if err := stopCPU(); err != nil && runErr == nil {
				runErr = err
			}
			if runErr != nil {
				return runErr
			}
			return writeMemProfile(stderr, memProfile)
		},
	}
	cmd.Flags().StringVarP(&requestPath, "request", "r", "", "request file for every template (default: request.json beside each template, else an empty request)")
	cmd.Flags().StringVar(&benchtime, "benchtime", "1s", "run each benchmark for this long (1s) or this many renders (100x)")
	cmd.Flags().IntVar(&count, "count", 1, "run each benchmark this many times")
	cmd.Flags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the runs to this file")
	cmd.Flags().StringVar(&memProfile, "memprofile", "", "write an allocation profile of the runs to this file")
	return cmd
}

// runBenchmarks times each template against its request and prints one
// benchmark line per run.
func runBenchmarks(stdout, stderr io.Writer, args []string, requestPath string, count int) error {
	fmt.Fprintf(stdout, "goos: %s\ngoarch: %s\npkg: vtlc\n", goruntime.GOOS, goruntime.GOARCH)
	for _, path := range args {
		reqPath := requestPath
		if reqPath == "" {
			if p := filepath.Join(filepath.Dir(path), "request.json"); fileExists(p) {
				reqPath = p
			}
		}
		req, err := loadRequest(reqPath)
		if err != nil {
			fmt.Fprintf(stderr, "vtlc: %v\n", err)
			return exitError{exitUsage}
		}
		prog, err := readTemplate(stderr, path)
		if err != nil {
			return err
		}
		// A template that fails to render is reported, not timed.
		if _, err := apigw.Render(prog, req, apigw.Options{}); err != nil {
			reportError(stderr, err)
			return exitError{exitFailure}
		}
		name := benchName(path)
		for i := 0; i < count; i++ {
			r := testing.Benchmark(fixtures.RenderBenchmark(prog, req))
			fmt.Fprintf(stdout, "BenchmarkRender/%s-%d\t%s\t%s\n", name, goruntime.GOMAXPROCS(0), r.String(), r.MemString())
		}
	}
	return nil
}

// startCPUProfile starts a CPU profile into path (nothing when path is
// empty) and returns the function that stops it and closes the file.
func startCPUProfile(stderr io.Writer, path string) (stop func() error, err error) {
	if path == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(stderr, "vtlc: %v\n", err)
		return nil, exitError{exitUsage}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		fmt.Fprintf(stderr, "vtlc: --cpuprofile: %v\n", err)
		return nil, exitError{exitFailure}
	}
	return func() error {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(stderr, "vtlc: %v\n", err)
			return exitError{exitFailure}
		}
		return nil
	}, nil
}

// writeMemProfile writes the allocation profile to path (nothing when path
// is empty).
func writeMemProfile(stderr io.Writer, path string) error {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err == nil {
		goruntime.GC() // the profile shows allocations up to the last GC
		err = pprof.Lookup("allocs").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "vtlc: --memprofile: %v\n", err)
		return exitError{exitFailure}
	}
	return nil
}

func benchName(path string) string {
	base := filepath.Base(path)
	name := strings.TrimSuffix(base, filepath.Ext(base))
	if name == "template" {
		if dir := filepath.Base(filepath.Dir(path)); dir != "." && dir != "/" {
			name = dir
		}
	}
	return name
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}
