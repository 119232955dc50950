package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"

	"github.com/spf13/cobra"
	"github.com/vtlc/vtlc/runtime"
	"github.com/vtlc/vtlc/runtime/apigw"
)

func init() { register(newRenderCmd) }

func newRenderCmd() *cobra.Command {
	var requestPath string
	var asJSON bool
	var limits runtime.Limits
	cmd := &cobra.Command{
		Use:   "render [--request REQUEST.json] TEMPLATE",
		Short: "Render one template against a request, byte for byte as API Gateway does",
		Long: `Render writes exactly the rendered text to standard output: nothing is added,
nothing is trimmed. The request file (see the README) gives the body, parameters,
headers, stage variables and context; without one the template sees an empty request.

A template error is one line "file:line:col: message" on standard error and exit
status 1; bad usage or an unreadable request file is exit status 2. Warnings (a
#foreach cut at 1000 iterations, an override assigned twice) go to standard error.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
			req, err := loadRequest(requestPath)
			if err != nil {
				fmt.Fprintf(stderr, "vtlc: %v\n", err)
				return exitError{exitUsage}
			}
			prog, err := readTemplate(stderr, args[0])
			if err != nil {
				return err
			}
			out, res, err := apigw.RenderTo(make([]byte, 0, outputReserve), prog, req, apigw.Options{Limits: limits})
			if err != nil {
				reportError(stderr, err)
				return exitError{exitFailure}
			}
			for _, w := range res.Warnings {
				fmt.Fprintln(stderr, w.String())
			}
			if asJSON {
				// An unset status is null; headers and overrides are
				// always objects.
				var status any
				if res.Status != 0 {
					status = res.Status
				}
				headers, overrides := map[string]string{}, map[string]any{}
				maps.Copy(headers, res.Headers)
				maps.Copy(overrides, res.Overrides)
				js, err := json.MarshalIndent(map[string]any{
					"output":    string(out),
					"status":    status,
					"headers":   headers,
					"overrides": overrides,
				}, "", "  ")
				if err != nil {
					return err
				}
				_, err = stdout.Write(append(js, '\n'))
				return err
			}
			_, err = stdout.Write(out)
			return err
		},
	}
	cmd.Flags().StringVarP(&requestPath, "request", "r", "", "request file (JSON, see the README); default: an empty request")
	cmd.Flags().BoolVar(&asJSON, "json", false, `print {"output", "status", "headers", "overrides"} as JSON`)
	addLimitFlags(cmd.Flags(), &limits)
	return cmd
}

// outputReserve is the capacity render's output buffer starts with. The
// output is held whole until the render succeeds (a failed render prints
// nothing), and growing a buffer by append from empty to a few hundred KB
// touches and copies about five times the output; a fresh large buffer
// costs nothing until written (its pages are faulted in as the output
// reaches them). One-shot render of bench/response-1000 (285 KB output):
// ~1,350 page faults before, ~1,000 after.
const outputReserve = 1 << 20

// loadRequest reads a request file; "" is the empty request.
func loadRequest(path string) (*apigw.Request, error) {
	if path == "" {
		return apigw.ParseRequest("empty request", []byte("{}"))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return apigw.ParseRequest(path, data)
}
