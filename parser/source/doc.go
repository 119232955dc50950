// Package source holds what every stage of vtlc needs to talk about a
// template's text: files, byte positions, line:column conversion and the
// one-line error type ("file:line:col: message").
//
// It sits at the bottom of the pipeline (source ← ast ← parser ← compiler →
// runtime) and imports only the standard library, so that the runtime can
// report template positions without depending on the parser.
package source
