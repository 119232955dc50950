// Package compiler lowers a parsed template (parser/ast) to a
// runtime.Program: a flat instruction slice with a source position per
// instruction, a deduplicated constant pool, and every variable resolved to
// a slot at compile time.
//
// Place in the pipeline: parser → compiler → runtime. The compiler decides
// the Velocity 1.7 semantics that are static: #if evaluates only references,
// booleans and operators (a literal such as "a" or 1 is false), a null
// right-hand side of #set leaves the variable as it was, and every reference
// chain ends in API Gateway's null overlay (a null anywhere makes the whole
// reference "").
package compiler
