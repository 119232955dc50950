// Package ast is vtlc's own syntax tree for Velocity templates as API
// Gateway runs them: the parser produces it, the compiler lowers it to
// bytecode, and tooling (lint, coverage) walks it.
//
// The tree is already "lowered": whitespace gobbling, escapes and unparsed
// blocks have been applied by the parser, so a Text node holds exactly the
// bytes it renders. Every node carries the byte Span of its source.
package ast

// Dump renders a tree as an s-expression (what `vtlc ast` prints), Print
// renders it back to template source, and Inspect walks it.
