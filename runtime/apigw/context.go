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

// contextPrototype builds the merged context once per request; every render
// gets a deep copy.
func (r *Request) contextPrototype() *runtime.Map {
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
		r.proto = c
		r.protoSize.count(r.proto)
	})
	return r.proto
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

// copyContext deep-copies the maps and lists of a context value, so that a
// render may change its $context freely.
func copyContext(proto *runtime.Map, size contextArena) *runtime.Map {
	a := size
	a.maps = make([]runtime.Map, a.nMaps)
	a.entries = make([]runtime.MapEntry, a.nEntries)
	return a.copyMap(proto)
}

// contextArena deep-copies the context prototype (maps of maps of
// strings) into two slabs, so a render's fresh $context costs two
// allocations instead of one per map and entry.
type contextArena struct {
	nMaps, nEntries int
	maps            []runtime.Map
	entries         []runtime.MapEntry
}

func (a *contextArena) count(m *runtime.Map) {
	a.nMaps++
	a.nEntries += m.Len()
	for _, e := range m.Entries() {
		if e.Value.Kind() == runtime.KMap {
			a.count(e.Value.AsMap())
		}
	}
}

func (a *contextArena) copyMap(src *runtime.Map) *runtime.Map {
	m := &a.maps[0]
	a.maps = a.maps[1:]
	n := src.Len()
	entries := a.entries[:n:n]
	a.entries = a.entries[n:]
	for i, e := range src.Entries() {
		entries[i] = e
		switch e.Value.Kind() {
		case runtime.KMap:
			entries[i].Value = runtime.MapValue(a.copyMap(e.Value.AsMap()))
		case runtime.KList:
			// Lists are rare in a context (a claim given as a list): copied
			// on their own.
			l := *e.Value.AsList()
			l.Items = append([]runtime.Value(nil), l.Items...)
			entries[i].Value = runtime.ListValue(&l)
		}
	}
	m.InitUnique(entries) // a copy of a map: its keys are unique
	m.Opaque = src.Opaque
	return m
}
