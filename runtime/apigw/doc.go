// Package apigw holds API Gateway's side of a render: the request file
// (spec/request.md), and the host objects a mapping template sees — $input
// (body, json, path, params), $context (the default context merged with the
// request's, with the override maps), $util (the six documented functions)
// and $stageVariables — plus json-smart's permissive JSON parser and Jayway
// JsonPath 2.0.0's path dialect, which $input.path/json and $util.parseJson
// are built on.
//
// Place in the pipeline: parser → compiler → runtime; apigw supplies the
// globals of a run (Globals) and drives it (Render). It imports runtime and
// parser/source only. Every behaviour is the reference oracle's
// (shared/oracle, Apache Velocity 1.7 + Jayway 2.0.0 + json-smart 2.2 +
// Commons Lang 2.6), pinned by table tests recorded from it.
package apigw
