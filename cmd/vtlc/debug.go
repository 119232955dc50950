package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/vtlc/vtlc/parser"
	"github.com/vtlc/vtlc/parser/ast"
)

func init() {
	register(newASTCmd)
	register(newDisasmCmd)
}

func newASTCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "ast TEMPLATE",
		Short: "Print the parsed syntax tree of a template (for debugging)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := os.ReadFile(args[0])
			if err != nil {
				fmt.Fprintf(cmd.ErrOrStderr(), "vtlc: %v\n", err)
				return exitError{exitUsage}
			}
			t, err := parser.Parse(args[0], src)
			if err != nil {
				reportError(cmd.ErrOrStderr(), err)
				return exitError{exitFailure}
			}
			fmt.Fprint(cmd.OutOrStdout(), ast.Dump(t))
			return nil
		},
	}
}

func newDisasmCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "disasm TEMPLATE",
		Short: "Print the bytecode a template compiles to (for debugging)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			prog, err := readTemplate(cmd.ErrOrStderr(), args[0])
			if err != nil {
				return err
			}
			fmt.Fprint(cmd.OutOrStdout(), prog.Disassemble())
			return nil
		},
	}
}
