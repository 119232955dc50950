package apigw

import (
	"math"
	"math/big"
	"strconv"

	"github.com/vtlc/vtlc/runtime"
)

// The default $context of spec/request.md. Key order follows the keySet()
// API Gateway returned in an AWS recording (spec §3, O3; deploymentId is
// not in request.md and is left out, as in the oracle).
const (
	defaultStage = "test"
	sourceIP     = "198.51.100.7"
)

var identityKeys = []string{"cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller",
	"sourceIp", "principalOrgId", "accessKey", "cognitoAuthenticationType",
	"cognitoAuthenticationProvider", "userArn", "userAgent", "user"}

// contextMap is a $context map: a LinkedHashMap that prints as "" (AWS
// printed $context.get('identity') and $context.requestOverride.get('path')
// as empty strings, spec §1.5).
func contextMap(n int) *runtime.Map {
	m := runtime.NewMap(n)
	m.Opaque = true
	return m
}

// contextPrototype builds the merged context once per request, laid out for
// copying; every render gets a deep copy.
func (r *Request) contextPrototype() *contextLayout {
	r.protoOnce.Do(func() {
		stage := defaultStage
		if r.Context != nil {
			if s := r.Context.get("stage"); s != nil && s.Kind == 's' {
				stage = s.Str
			}
		}
		identity := contextMap(len(identityKeys))
		for _, k := range identityKeys {
			identity.PutString(k, runtime.String(""))
		}
		identity.PutString("sourceIp", runtime.String(sourceIP))
		ua, _ := r.headerIgnoreCase("User-Agent")
		identity.PutString("userAgent", runtime.String(ua))

		reqOverride := contextMap(3)
		reqOverride.PutString("path", runtime.MapValue(contextMap(0)))
		reqOverride.PutString("header", runtime.MapValue(contextMap(0)))
		reqOverride.PutString("querystring", runtime.MapValue(contextMap(0)))
		respOverride := contextMap(2)
		respOverride.PutString("header", runtime.MapValue(contextMap(0)))

		c := contextMap(18)
		put := func(k string, v runtime.Value) { c.PutString(k, v) }
		put("resourceId", runtime.String("r3s0rc"))
		put("resourcePath", runtime.String(r.Resource))
		put("httpMethod", runtime.String(r.Method))
		put("extendedRequestId", runtime.String("c0ffee00EXTENDED="))
		put("requestTime", runtime.String("21/Nov/2026:00:00:00 +0000"))
		put("path", runtime.String("/"+stage+r.Path))
		put("accountId", runtime.String("123456789012"))
		put("protocol", runtime.String("HTTP/1.1"))
		put("requestOverride", runtime.MapValue(reqOverride))
		put("stage", runtime.String(defaultStage))
		put("domainPrefix", runtime.String("a1b2c3d4e5"))
		put("requestTimeEpoch", runtime.Long(1795219200000))
		put("requestId", runtime.String("c0ffee00-0000-4000-8000-000000000000"))
		put("identity", runtime.MapValue(identity))
		put("domainName", runtime.String("a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"))
		put("responseOverride", runtime.MapValue(respOverride))
		put("apiId", runtime.String("a1b2c3d4e5"))
		if r.Context != nil {
			mergeContext(c, r.Context, false)
		}
		r.layout = newContextLayout(c)
	})
	return r.layout
}

// mergeContext merges a request's context object into a context map key by
// key, deeply; a null value removes the key. Under "authorizer", numbers and
// booleans become strings (AWS docs: Lambda authorizer context values are
// stringified).
func mergeContext(into *runtime.Map, over *JSONNode, underAuthorizer bool) {
	for i, k := range over.Keys {
		v := over.Vals[i]
		auth := underAuthorizer || k == "authorizer"
		if v.Kind == 'z' {
			into.Remove(runtime.String(k))
			continue
		}
		if v.Kind == 'o' {
			if cur, ok := into.GetString(k); ok && cur.Kind() == runtime.KMap {
				mergeContext(cur.AsMap(), v, auth)
				continue
			}
		}
		into.PutString(k, convertContext(v, auth))
	}
}

// convertContext turns a request-file value into what a template sees:
// objects are context maps (their null members left out), arrays ArrayLists,
// numbers Integer/Long/BigInteger by bit length or Double (BigDecimal when
// infinite), like the oracle's Request.convert.
func convertContext(n *JSONNode, stringify bool) runtime.Value {
	switch n.Kind {
	case 'o':
		m := contextMap(len(n.Keys))
		for i, k := range n.Keys {
			if n.Vals[i].Kind != 'z' {
				m.PutString(k, convertContext(n.Vals[i], stringify))
			}
		}
		return runtime.MapValue(m)
	case 'a':
		items := make([]runtime.Value, len(n.Items))
		for i, it := range n.Items {
			if it.Kind != 'z' {
				items[i] = convertContext(it, stringify)
			}
		}
		return runtime.ListValue(runtime.NewList(items))
	case 's':
		return runtime.String(n.Str)
	case 't', 'f':
		if stringify {
			return runtime.String(n.javaString())
		}
		return runtime.Bool(n.Kind == 't')
	case 'n':
		if stringify {
			return runtime.String(n.Str)
		}
		if n.isIntegral() {
			b, _ := new(big.Int).SetString(n.Str, 10)
			switch {
			case b == nil:
				return runtime.String(n.Str)
			case b.BitLen() < 32:
				return runtime.Int(int32(b.Int64()))
			case b.BitLen() < 64:
				return runtime.Long(b.Int64())
			}
			return runtime.BigInt(b)
		}
		f, err := strconv.ParseFloat(n.Str, 64)
		if err != nil && !isRangeErr(err) || math.IsInf(f, 0) {
			if v, perr := parseBigDecimal(n.Str); perr == nil {
				return v
			}
		}
		return runtime.Double(f)
	}
	return runtime.Null
}

// contextLayout is the merged context prototype flattened once per request,
// so that each render's deep copy is two allocations and one bulk copy:
// every map's entries side by side in DFS order, and the entries whose
// value is a map or list, patched to point into the copy.
type contextLayout struct {
	proto   *runtime.Map       // the prototype, shared by renders that cannot change it
	entries []runtime.MapEntry // all maps' entries; maps[0] is $context
	maps    []mapSpan
	patches []layoutPatch
	// Map indexes of requestOverride, its path, header and querystring,
	// responseOverride and its header (-1 when absent).
	reqOverride, respOverride int
	reqChildren               [3]int
	respHeader                int
	// overridesSet: the prototype itself reports overrides (the request
	// file set one), so a render must always report them.
	overridesSet bool
}

type mapSpan struct {
	off, n int
	opaque bool
}

// layoutPatch: entries[entry].Value is maps[child] of the copy, or, when
// child is -1, a copy of the list it holds.
type layoutPatch struct {
	entry, child int
}

func newContextLayout(proto *runtime.Map) *contextLayout {
	l := &contextLayout{proto: proto, reqOverride: -1, respOverride: -1, reqChildren: [3]int{-1, -1, -1}, respHeader: -1}
	l.add(proto)
	child := func(parent int, key string) int {
		if parent < 0 {
			return -1
		}
		sp := l.maps[parent]
		for i, e := range l.entries[sp.off : sp.off+sp.n] {
			if e.Key.Kind() == runtime.KString && e.Key.AsString() == key {
				for _, p := range l.patches {
					if p.entry == sp.off+i {
						return p.child
					}
				}
			}
		}
		return -1
	}
	l.reqOverride = child(0, "requestOverride")
	for i, k := range []string{"path", "header", "querystring"} {
		l.reqChildren[i] = child(l.reqOverride, k)
	}
	l.respOverride = child(0, "responseOverride")
	l.respHeader = child(l.respOverride, "header")
	var untouched Result
	reportOverrides(proto, &untouched)
	l.overridesSet = untouched.Overrides != nil
	return l
}

// add appends m's entries (and, after them, its maps') and returns m's
// index.
func (l *contextLayout) add(m *runtime.Map) int {
	idx := len(l.maps)
	off := len(l.entries)
	l.maps = append(l.maps, mapSpan{off: off, n: m.Len(), opaque: m.Opaque})
	l.entries = append(l.entries, m.Entries()...)
	for i, e := range m.Entries() {
		switch e.Value.Kind() {
		case runtime.KMap:
			// Appended after this map's own entries, so l.entries may
			// move; record by index.
			l.patches = append(l.patches, layoutPatch{entry: off + i, child: l.add(e.Value.AsMap())})
		case runtime.KList:
			l.patches = append(l.patches, layoutPatch{entry: off + i, child: -1})
		}
	}
	return idx
}

// copy returns a deep copy of the prototype: its maps, in layout order.
func (l *contextLayout) copy() []runtime.Map {
	maps := make([]runtime.Map, len(l.maps))
	entries := make([]runtime.MapEntry, len(l.entries))
	copy(entries, l.entries)
	for _, p := range l.patches {
		e := &entries[p.entry]
		if p.child >= 0 {
			e.Value = runtime.MapValue(&maps[p.child])
			continue
		}
		// Lists are rare in a context (a claim given as a list); what
		// they hold is copied too, or a render's change to it would reach
		// the next render (TestContextCopyIsDeep).
		e.Value = deepCopy(e.Value)
	}
	for i, sp := range l.maps {
		maps[i].InitUnique(entries[sp.off : sp.off+sp.n : sp.off+sp.n]) // a copy: its keys are unique
		maps[i].Opaque = sp.opaque
	}
	return maps
}

// deepCopy copies the lists and maps of a context value, all the way down.
func deepCopy(v runtime.Value) runtime.Value {
	switch v.Kind() {
	case runtime.KList:
		list := *v.AsList()
		list.Items = make([]runtime.Value, len(list.Items))
		for i, it := range v.AsList().Items {
			list.Items[i] = deepCopy(it)
		}
		return runtime.ListValue(&list)
	case runtime.KMap:
		src := v.AsMap()
		m := runtime.NewMap(src.Len())
		for _, e := range src.Entries() {
			m.Put(e.Key, deepCopy(e.Value))
		}
		m.Opaque = src.Opaque
		return runtime.MapValue(m)
	}
	return v
}
