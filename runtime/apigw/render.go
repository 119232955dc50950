package apigw

import (
	"strconv"
	"strings"

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

// renderState is the per-render side of the globals: what Finish reads.
type renderState struct {
	context  *runtime.Map
	warnings []runtime.Warning
}

// Globals returns the predeclared variables for one render of req (input,
// context, util, stageVariables) and a finish function that, called after
// the render, reports the overrides and warnings the template left. Each
// call gives fresh objects: a render may change them freely.
func Globals(req *Request) (globals []runtime.Global, finish func() *Result) {
	st := &renderState{}
	globals = []runtime.Global{
		{Name: "input", Value: runtime.ObjectValue(newInput(req))},
		{Name: "context", Value: st.newContext(req)},
		{Name: "util", Value: runtime.ObjectValue(theUtil)},
		{Name: "stageVariables", Value: runtime.MapValue(paramMap(req.StageVariables))},
	}
	return globals, st.finish
}

// Render runs prog against req.
func Render(prog *runtime.Program, req *Request, opts Options) (*Result, error) {
	st := &renderState{}
	var gs [4]runtime.Global
	globals := gs[:0]
	// Only build what the template names: $context is the costly one.
	if prog.Uses("input") {
		globals = append(globals, runtime.Global{Name: "input", Value: runtime.ObjectValue(newInput(req))})
	}
	if prog.Uses("context") {
		globals = append(globals, runtime.Global{Name: "context", Value: st.newContext(req)})
	}
	if prog.Uses("util") {
		globals = append(globals, runtime.Global{Name: "util", Value: runtime.ObjectValue(theUtil)})
	}
	if prog.Uses("stageVariables") {
		globals = append(globals, runtime.Global{Name: "stageVariables", Value: runtime.MapValue(paramMap(req.StageVariables))})
	}
	out, warnings, err := prog.Render(nil, globals, opts.Limits)
	if err != nil {
		return nil, err
	}
	res := st.finish()
	res.Output = string(out)
	res.Warnings = append(warnings, res.Warnings...)
	return res, nil
}

// newContext copies the request's context and hooks the override maps so
// that a second assignment of the same override is noticed.
func (st *renderState) newContext(req *Request) runtime.Value {
	c := copyContext(runtime.MapValue(req.contextPrototype())).AsMap()
	st.context = c
	if ro, ok := c.GetString("requestOverride"); ok && ro.Kind() == runtime.KMap {
		for _, k := range []string{"path", "header", "querystring"} {
			st.watch(ro.AsMap(), k, "$context.requestOverride."+k+".")
		}
	}
	if ro, ok := c.GetString("responseOverride"); ok && ro.Kind() == runtime.KMap {
		st.watch(ro.AsMap(), "header", "$context.responseOverride.header.")
		ro.AsMap().OnPut = func(key runtime.Value, existed bool) {
			if existed && runtime.ToText(key) == "status" {
				st.warn("$context.responseOverride.status")
			}
		}
	}
	return runtime.MapValue(c)
}

func (st *renderState) watch(parent *runtime.Map, key, prefix string) {
	v, ok := parent.GetString(key)
	if !ok || v.Kind() != runtime.KMap {
		return
	}
	v.AsMap().OnPut = func(k runtime.Value, existed bool) {
		if existed {
			st.warn(prefix + runtime.ToText(k))
		}
	}
}

func (st *renderState) warn(name string) {
	st.warnings = append(st.warnings, runtime.Warning{
		Msg: name + " assigned twice: API Gateway answers 5XX (overrides are final)",
	})
}

func (st *renderState) finish() *Result {
	res := &Result{Warnings: st.warnings}
	if st.context == nil {
		return res
	}
	request := map[string]any{}
	if ro, ok := st.context.GetString("requestOverride"); ok && ro.Kind() == runtime.KMap {
		for _, k := range []string{"path", "querystring", "header"} {
			if m := overrideMap(ro.AsMap(), k); m != nil {
				request[k] = m
			}
		}
	}
	response := map[string]any{}
	if ro, ok := st.context.GetString("responseOverride"); ok && ro.Kind() == runtime.KMap {
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
	return res
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
