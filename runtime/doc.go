// Package runtime executes compiled templates: the bytecode Program, the VM
// loop, and the model of the Java values a Velocity template sees (String,
// Integer, Double, LinkedHashMap, ArrayList, json-smart's JSONArray, …) with
// Java's formatting, equality, arithmetic and an allow-list of methods.
//
// Place in the pipeline: parser → compiler → runtime. The runtime never
// imports the parser or participle: a Program carries everything it needs
// (instructions, constants, positions for error messages). API Gateway's
// objects ($input, $context, $util, $stageVariables) live in runtime/apigw
// and reach the VM as host Objects.
package runtime
