package apigw

import (
	"github.com/vtlc/vtlc/runtime"
)

// PayloadError is API Gateway's answer to a body that $input.path or
// $input.json cannot parse: HTTP 400 {"message": "Could not process payload…"}
// (ToQoz 2015 recordings, toqoz-11 and toqoz-13). Error() is the oracle's
// message, byte for byte: "400 Could not process payload" followed by the
// Java exception, e.g. "net.minidev.json.parser.ParseException: Unexpected
// End Of File position 1: null".
type PayloadError struct {
	Exception string // the Java exception as Throwable.toString() prints it
}

func (e *PayloadError) Error() string { return "400 Could not process payload" + e.Exception }

// Input is $input for one render: body, json(p), path(p), params(),
// params(name). It parses the body at most once, on the first json or path
// call. Nothing else exists: $input.keySet, $input.params without
// parentheses and $input itself print "" (toqoz-19 … -24).
type Input struct {
	req    *Request
	doc    runtime.Value
	parsed bool
}

func newInput(req *Request) *Input { return &Input{req: req} }

func (*Input) ClassName() string { return "vtloracle.ApiGateway$Input" }
func (*Input) String() string    { return "" }

// body is the raw payload; an empty payload reads as "{}" (spec §2.1,
// ls-apigw-input-body-14, -17).
func (in *Input) body() string {
	if in.req.Body == "" {
		return "{}"
	}
	return in.req.Body
}

// GetProperty: `$input.body` (Velocity finds getBody() for "body" and "Body").
func (in *Input) GetProperty(name string) (runtime.Value, bool) {
	if name == "body" || name == "Body" {
		return runtime.String(in.body()), true
	}
	return runtime.Null, false
}

func (in *Input) document() (runtime.Value, error) {
	if !in.parsed {
		v, err := parseJSON(in.body())
		if err != nil {
			return runtime.Null, &PayloadError{Exception: err.Error()}
		}
		in.doc, in.parsed = v, true
	}
	return in.doc, nil
}

// read evaluates JSONPath p against the body.
func (in *Input) read(p runtime.Value) (runtime.Value, bool, error) {
	if p.IsNull() || p.AsString() == "" {
		return runtime.Null, false, &runtime.JavaError{Class: "java.lang.IllegalArgumentException", Message: "json can not be null or empty"}
	}
	doc, err := in.document()
	if err != nil {
		return runtime.Null, false, err
	}
	path, err := compilePath(p.AsString())
	if err != nil {
		return runtime.Null, false, err
	}
	return path.read(doc)
}

func (in *Input) CallMethod(name string, args []runtime.Value) (runtime.Value, bool, error) {
	switch len(args) {
	case 0:
		switch name {
		case "params":
			return runtime.MapValue(in.req.paramsMap()), true, nil
		case "getBody":
			return runtime.String(in.body()), true, nil
		case "toString":
			return runtime.String(""), true, nil
		}
	case 1:
		a := args[0]
		if a.Kind() != runtime.KString && !a.IsNull() {
			return runtime.Null, false, nil // no path(Integer) etc.: the call is null
		}
		switch name {
		case "path":
			v, _, err := in.read(a)
			return v, true, err
		case "json":
			v, ok, err := in.read(a)
			if err != nil {
				return runtime.Null, true, err
			}
			if !ok {
				// A missing path gives "" as JSON text: two quote characters
				// (LocalStack PR #12774, checked in the AWS console).
				return runtime.String(`""`), true, nil
			}
			return runtime.String(string(runtime.AppendJSON(nil, v))), true, nil
		case "params":
			return runtime.String(in.req.param(a.AsString())), true, nil
		}
	}
	return runtime.Null, false, nil
}

// Precompile compiles the constant JSONPaths of prog's $input.path('…') and
// $input.json('…') calls into the process-wide path cache, so that they are
// compiled once, when the template is, and a render only looks them up.
// A path that does not compile is left for the render to report, at its
// position, as API Gateway does.
func Precompile(prog *runtime.Program) {
	code := prog.Code
	for pc := 2; pc < len(code); pc++ {
		in := code[pc]
		if in.Op != runtime.OpCallRef && in.Op != runtime.OpCallRaw {
			continue
		}
		call := prog.Calls[in.A]
		if call.Argc != 1 || call.Name != "path" && call.Name != "json" {
			continue
		}
		arg, recv := code[pc-1], code[pc-2]
		if arg.Op != runtime.OpConst || recv.Op != runtime.OpLoadRef && recv.Op != runtime.OpLoadRaw || prog.Names[recv.A] != "input" {
			continue
		}
		if path := prog.Consts[arg.A]; path.Kind() == runtime.KString && path.AsString() != "" {
			compilePath(path.AsString())
		}
	}
}
