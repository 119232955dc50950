// Package parser turns template text into the parser/ast tree, accepting
// and rejecting exactly what Apache Velocity 1.7 does under API Gateway's
// configuration (the oracle's): it is the first stage of the pipeline
// (source → parser → ast → compiler → runtime).
//
// Velocity's grammar cannot be lexed without state, and what a template
// renders (whitespace gobbling, escapes, what is text) is decided by its
// JavaCC token manager, so the package is built in three layers:
//
//   - lexer.go ports the 1.7 token manager state by state (its state
//     diagram is drawn there), including the two places where Velocity's
//     parser steers the lexer. tokens.go refines the token kinds where the
//     jjt looks two or three tokens ahead, so that every grammar choice is
//     made on one token, and exposes the tokens as a participle lexer.
//   - grammar.go is the participle grammar of the constructs with inner
//     syntax (references with calls and indexes, expressions, #set, #if
//     conditions, directive arguments); stmts.go sequences statements and
//     blocks, which need no grammar beyond their first token.
//   - lower.go builds the ast, applying what Velocity decides when it
//     initialises a template (ASTReference prefixes, string unescaping and
//     interpolation, #literal and macro-call text, argument checks).
//
// Errors are *source.Error of kind Syntax. They cover everything that makes
// Velocity fail before rendering: parse errors, lexical errors and the
// failures of Template.initDocument (#define(), bare #foreach, a bad \u
// escape…). Failures that only happen when a node is rendered (#include,
// #break($x), #foreach($x)) are left to the runtime.
//
// The package was checked against the oracle's Velocity: the same verdict
// on every corpus and conformance template and on 50,000 generated ones,
// the same tokens, and the same rendered text where the tests' small
// renderer (render_test.go) can render.
package parser
