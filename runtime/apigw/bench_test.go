package apigw

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/vtlc/vtlc/runtime"
)

// objectHeavyBody is a petstore-like payload: n objects of mixed fields.
func objectHeavyBody(n int) string {
	var b strings.Builder
	b.WriteString(`{"took":12,"items":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%d,"type":"dog","name":"Rex %d","price":%d.99,"available":true,"tags":["a","b"],"owner":{"id":%d,"email":"owner%d@example.com","address":{"city":"Paris","zip":"750%02d"}},"note":null}`,
			i, i, i%500, i*7, i, i%100)
	}
	b.WriteString(`]}`)
	return b.String()
}

func BenchmarkParseJSON(b *testing.B) {
	body := objectHeavyBody(2000)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseJSON(body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseJSONRows is an array-heavy body like
// shared/bench/response-1000 (rows of scalars).
func BenchmarkParseJSONRows(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"columns":[{"name":"id","type":"keyword"}],"rows":[`)
	for i := range 1000 {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `["ORD-%06d","SHIPPED",%d,"Customer %d",true,[{"sku":"S-%d","qty":2,"price":19.5}],123.45,"EUR","UPS","1Z%08d"]`, i, i*31, i, i, i)
	}
	sb.WriteString(`]}`)
	body := sb.String()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseJSON(body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONPath(b *testing.B) {
	doc, err := parseJSON(objectHeavyBody(100))
	if err != nil {
		b.Fatal(err)
	}
	for _, path := range []string{"$.took", "$.items[42].owner.address.city", "$.items[*].id", "$..city", "$.items[?(@.price < 10)].name"} {
		b.Run(path, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p, err := compilePath(path)
				if err != nil {
					b.Fatal(err)
				}
				if _, _, err := p.read(doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkInputPathScalar(b *testing.B) {
	req := &Request{Body: `{"name":"Ann","age":7}`}
	args := []runtime.Value{runtime.String("$.name")}
	b.ReportAllocs()
	for b.Loop() {
		in := newInput(req)
		if _, _, err := in.CallMethod("path", args); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGlobals(b *testing.B) {
	req, err := ParseRequest("r", []byte(fullRequest))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Globals(req)
	}
}

func BenchmarkEscapeJavaScript(b *testing.B) {
	s := strings.Repeat(`it's a "test" / é `, 50)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		EscapeJavaScript(s)
	}
}

// BenchmarkParseRequestBody reads a request file whose body is given as a
// JSON string (escaped quotes every few bytes), as the bench's
// response-1000 and most captured requests are: decoding it is ~4 % of a
// one-shot `vtlc render` of that case.
func BenchmarkParseRequestBody(b *testing.B) {
	quoted, err := json.Marshal(objectHeavyBody(1000))
	if err != nil {
		b.Fatal(err)
	}
	data := []byte(`{"method": "POST", "headers": {"Accept": "application/json"}, "body": ` + string(quoted) + `}`)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseRequest("r.json", data); err != nil {
			b.Fatal(err)
		}
	}
}
