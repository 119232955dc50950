package apigw

import (
	"strconv"
	"strings"
	"sync"

	"github.com/vtlc/vtlc/runtime"
)

// Options for a render.
type Options struct {
	Limits runtime.Limits
}

// Result of a render.
type Result struct {
	Output string
	// Status is $context.responseOverride.status when the template set it to
	// an integer (or a string holding one), else 0.
	Status int
	// Headers is $context.responseOverride.header (list values joined with ",").
	Headers map[string]string
	// Overrides is what the template left in the override maps, JSON-able:
	// {"request": {"path":…, "querystring":…, "header":…},
	//  "response": {"status":…, "header":…}}. Empty maps are left out.
	Overrides map[string]any
	// Warnings: runtime warnings (a #foreach cut at 1000 iterations) and
	// overrides assigned twice (a 5XX on AWS, spec §3.2; we render and warn).
	Warnings []runtime.Warning
}

// renderState is the per-render side of the globals: what finish reads.
type renderState struct {
	context  *runtime.Map
	warnings []runtime.Warning
	// The override maps whose second assignment of a key is a 5XX on AWS,
	// and the names they are reported under.
	watched [5]*runtime.Map
	// touched: something was put into $context or an override map, so
	// finish must read them (else they are as the prototype left them:
	// empty).
	touched bool
}

var watchedNames = [5]string{
	"$context.requestOverride.path.", "$context.requestOverride.header.",
	"$context.requestOverride.querystring.", "$context.responseOverride.header.",
	"$context.responseOverride.",
}

// Globals returns the predeclared variables for one render of req (input,
// context, util, stageVariables) and a finish function that, called after
// the render, reports the overrides and warnings the template left. Each
// call gives fresh objects: a render may change them freely.
func Globals(req *Request) (globals []runtime.Global, finish func() Result) {
	st := &renderState{}
	globals = []runtime.Global{
		{Name: "input", Value: runtime.ObjectValue(newInput(req))},
		{Name: "context", Value: st.newContext(req)},
		{Name: "util", Value: utilValue},
		{Name: "stageVariables", Value: runtime.MapValue(paramMap(req.StageVariables))},
	}
	return globals, st.finish
}

// utilValue is $util: stateless, so one boxed value serves every render.
var utilValue = runtime.ObjectValue(theUtil)

// outputBuffers recycles render buffers for Render: a render allocates its
// output string once, at its final size.
var outputBuffers = sync.Pool{New: func() any { return new([]byte) }}

// Render runs prog against req and returns the output as a string.
func Render(prog *runtime.Program, req *Request, opts Options) (*Result, error) {
	buf := outputBuffers.Get().(*[]byte)
	out, res, err := RenderTo((*buf)[:0], prog, req, opts)
	output := string(out)
	*buf = out
	outputBuffers.Put(buf)
	if err != nil {
		return nil, err
	}
	res.Output = output
	return &res, nil
}

// RenderTo runs prog against req, appending the output to dst; the Result's
// Output is left empty. It is Render for callers that write the bytes
// somewhere (the CLI) or render in a loop (benchmarks): no output string.
func RenderTo(dst []byte, prog *runtime.Program, req *Request, opts Options) ([]byte, Result, error) {
	var st renderState
	var gs [4]runtime.Global
	globals := gs[:0]
	// Only build what the template names: $context is the costly one.
	if prog.Uses("input") {
		globals = append(globals, runtime.Global{Name: "input", Value: runtime.ObjectValue(newInput(req))})
	}
	// A program that cannot change $context and $stageVariables reads the
	// request's own; one that can gets copies.
	mutates := prog.Mutates()
	if prog.Uses("context") {
		var ctx runtime.Value
		if mutates {
			ctx = st.newContext(req)
		} else {
			ctx = st.sharedContext(req)
		}
		globals = append(globals, runtime.Global{Name: "context", Value: ctx})
	}
	if prog.Uses("util") {
		globals = append(globals, runtime.Global{Name: "util", Value: utilValue})
	}
	if prog.Uses("stageVariables") {
		var sv *runtime.Map
		if mutates {
			sv = paramMap(req.StageVariables)
		} else {
			sv = req.sharedStageVariables()
		}
		globals = append(globals, runtime.Global{Name: "stageVariables", Value: runtime.MapValue(sv)})
	}
	out, warnings, err := prog.Render(dst, globals, opts.Limits)
	if err != nil {
		return out, Result{}, err
	}
	res := st.finish()
	for i := range res.Warnings {
		res.Warnings[i].Pos.Filename = prog.File.Name
	}
	if len(warnings) > 0 {
		res.Warnings = append(warnings, res.Warnings...)
	}
	return out, res, nil
}

// newContext copies the request's context and watches the override maps so
// that a second assignment of the same override is noticed, and so that
// finish knows whether the template touched them at all.
func (st *renderState) newContext(req *Request) runtime.Value {
	l := req.contextPrototype() // builds the prototype and its layout once
	maps := l.copy()
	c := &maps[0]
	st.context = c
	st.touched = l.overridesSet
	c.Observer = st // a whole override map may be replaced
	at := func(i int) *runtime.Map {
		if i < 0 {
			return nil
		}
		maps[i].Observer = st
		return &maps[i]
	}
	at(l.reqOverride)
	for i, k := range l.reqChildren {
		st.watched[i] = at(k)
	}
	st.watched[3] = at(l.respHeader)
	st.watched[4] = at(l.respOverride)
	return runtime.MapValue(c)
}

// sharedContext is the request's context prototype itself, for a program
// that cannot change it (Program.Mutates is false): no copy, no override
// can be assigned, and finish reports what the request file set.
// TestSharedContext checks renders of both kinds against each other.
func (st *renderState) sharedContext(req *Request) runtime.Value {
	l := req.contextPrototype()
	st.context = l.proto
	st.touched = l.overridesSet
	return runtime.MapValue(l.proto)
}

// ObservePut warns when an override is assigned a second time.
func (st *renderState) ObservePut(m *runtime.Map, key runtime.Value, existed bool) {
	st.touched = true
	if !existed {
		return
	}
	for i, w := range st.watched {
		if w != m {
			continue
		}
		name := runtime.ToText(key)
		if i == 4 && name != "status" {
			return
		}
		st.warnings = append(st.warnings, runtime.Warning{
			Msg: watchedNames[i] + name + " assigned twice: API Gateway answers 5XX (overrides are final)",
		})
		return
	}
}

func (st *renderState) finish() Result {
	res := Result{Warnings: st.warnings}
	if st.context != nil && st.touched {
		reportOverrides(st.context, &res)
	}
	return res
}

// reportOverrides fills res's Status, Headers and Overrides from the
// override maps of context c.
func reportOverrides(c *runtime.Map, res *Result) {
	var request, response map[string]any
	if ro, ok := c.GetString("requestOverride"); ok && ro.Kind() == runtime.KMap {
		for _, k := range []string{"path", "querystring", "header"} {
			if m := overrideMap(ro.AsMap(), k); m != nil {
				if request == nil {
					request = map[string]any{}
				}
				request[k] = m
			}
		}
	}
	if ro, ok := c.GetString("responseOverride"); ok && ro.Kind() == runtime.KMap {
		response = map[string]any{}
		if m := overrideMap(ro.AsMap(), "header"); m != nil {
			response["header"] = m
			res.Headers = m
		}
		if s, ok := ro.AsMap().GetString("status"); ok {
			if n, ok := statusOf(s); ok {
				res.Status = n
				response["status"] = n
			} else {
				response["status"] = runtime.ToText(s)
			}
		}
	}
	if len(request) > 0 || len(response) > 0 {
		res.Overrides = map[string]any{}
		if len(request) > 0 {
			res.Overrides["request"] = request
		}
		if len(response) > 0 {
			res.Overrides["response"] = response
		}
	}
}

func overrideMap(parent *runtime.Map, key string) map[string]string {
	v, ok := parent.GetString(key)
	if !ok || v.Kind() != runtime.KMap || v.AsMap().Len() == 0 {
		return nil
	}
	out := make(map[string]string, v.AsMap().Len())
	for _, e := range v.AsMap().Entries() {
		out[runtime.ToText(e.Key)] = overrideText(e.Value)
	}
	return out
}

// overrideText: a list value is a multi-value header (spec §3.2, D7).
func overrideText(v runtime.Value) string {
	if v.Kind() == runtime.KList || v.Kind() == runtime.KArray {
		parts := make([]string, len(v.AsList().Items))
		for i, it := range v.AsList().Items {
			parts[i] = runtime.ToText(it)
		}
		return strings.Join(parts, ",")
	}
	return runtime.ToText(v)
}

func statusOf(v runtime.Value) (int, bool) {
	switch v.Kind() {
	case runtime.KInt, runtime.KLong:
		return int(v.AsLong()), true
	case runtime.KString:
		n, err := strconv.Atoi(strings.TrimSpace(v.AsString()))
		return n, err == nil
	}
	return 0, false
}
