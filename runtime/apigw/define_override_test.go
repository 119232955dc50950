package apigw

import (
	"sync"
	"testing"

	"github.com/vtlc/vtlc/compiler"
)

// TestDefineInOverrideAfterRender: a #define stored into an override map is
// turned to text by finish after its VM went back to the pool; it reads as
// "" and touches no pooled VM (review finding: a data race under -race).
func TestDefineInOverrideAfterRender(t *testing.T) {
	p1, err := compiler.CompileFile("a", []byte(`#define($d)#foreach($i in [1..50])x#end#end#set($context.responseOverride.header.h = $d)ok`))
	if err != nil {
		t.Fatal(err)
	}
	p2, err := compiler.CompileFile("b", []byte(`#foreach($i in [1..200])$i#end`))
	if err != nil {
		t.Fatal(err)
	}
	req, _ := ParseRequest("r", []byte(`{}`))
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				p := p1
				if (i+g)%2 == 0 {
					p = p2
				}
				r, err := Render(p, req, Options{})
				if err != nil {
					t.Error(err)
					return
				}
				if p == p1 && r.Headers["h"] != "" {
					t.Errorf("header %q", r.Headers["h"])
				}
			}
		}(g)
	}
	wg.Wait()
}
