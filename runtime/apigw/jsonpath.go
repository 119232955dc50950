package apigw

import (
	"errors"
	"maps"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/dlclark/regexp2"
	"github.com/vtlc/vtlc/runtime"
)

// This file is JSONPath as Jayway JsonPath 2.0.0 (the oracle's version,
// Debian libjsonpath-java) compiles and evaluates it, over runtime Values.
//
// Why hand-written: Go JSONPath libraries (PaesslerAG/jsonpath, ohler55/ojg
// jp, theory/jsonpath) work on map[string]any and follow Goessner or RFC 9535,
// not Jayway 2.0.0: they differ on what is definite (Jayway: a multi-name
// bracket ['a','b'] is definite and yields a merged map), on errors (Jayway:
// an index on an object is an error, a name on a non-object in a wildcard is
// "not found" for arrays but fails the whole read for objects), on filter
// literals (Jayway 2.0.0 compares the right-hand side as a string:
// `@.price < 10` is BigDecimal("10") against the price) and on deep scans
// (`$..[0].x` applies .x to every element). Converting our ordered Values to
// map[string]any per read would also cost more than the evaluation. So this
// is a port of the 2.0.0 algorithms: PathCompiler, PathComponentAnalyzer,
// Filter.parse, Criteria, and the path tokens.

// jsonPath is a compiled path.
type jsonPath struct {
	toks     []pathToken
	definite bool
	rootPath bool // starts with $ (not @): inside filters, evaluated on the document
	// simple: "$" followed only by single names and indexes ($.a.b[0]),
	// which readSimple walks without the general evaluator.
	simple bool
}

type tokenKind uint8

const (
	tRoot tokenKind = iota
	tProp
	tArray
	tWildcard
	tScan
	tFilter
)

type arrayOp uint8

const (
	opNone arrayOp = iota
	opIndex
	opIndexSeq
	opSliceFrom
	opSliceTo
	opSliceBetween
	opContextSize
)

type pathToken struct {
	kind     tokenKind
	props    []string // tProp
	op       arrayOp  // tArray
	nums     []int    // tArray
	filter   predicate
	upstream bool // every token before this one is definite
}

func (t *pathToken) definite() bool {
	switch t.kind {
	case tRoot, tProp:
		return true
	case tArray:
		return t.op == opIndex || t.op == opContextSize
	}
	return false
}

// errNotFound is Jayway's PathNotFoundException: the read gives null.
var errNotFound = errors.New("path not found")

func invalidPath(msg string) error {
	return &runtime.JavaError{Class: "com.jayway.jsonpath.InvalidPathException", Message: msg}
}

// ---------------------------------------------------------------- compile

// pathCache maps a path's text to its pathOrErr, process-wide: template
// paths are few and almost always constants, compiled with the template
// (Precompile) and then looked up on every render. Reads of a path seen
// before take no lock: they find it in an immutable snapshot map (a plain
// string-keyed map; sync.Map's hashing of interface keys made the lookup
// 5 % of the DynamoDB bench case). New paths wait in a locked map until
// there are enough of them to be worth a new snapshot, so that paths
// computed in a loop cost amortised O(1) each.
var pathCache struct {
	snapshot atomic.Pointer[map[string]pathOrErr]
	mu       sync.Mutex
	pending  map[string]pathOrErr
	size     int // entries in snapshot and pending
}

type pathOrErr struct {
	p   *jsonPath
	err error
}

const maxCachedPaths = 4096

// compilePath compiles a JSONPath, through pathCache.
func compilePath(s string) (*jsonPath, error) {
	if snap := pathCache.snapshot.Load(); snap != nil {
		if e, ok := (*snap)[s]; ok {
			return e.p, e.err
		}
	}
	c := &pathCache
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.pending[s]; ok {
		return e.p, e.err
	}
	old := c.snapshot.Load() // may be newer than the one read unlocked
	if old != nil {
		if e, ok := (*old)[s]; ok {
			return e.p, e.err
		}
	}
	p, err := compileJayway(s)
	if c.size >= maxCachedPaths {
		return p, err
	}
	if c.pending == nil {
		c.pending = map[string]pathOrErr{}
	}
	c.pending[s] = pathOrErr{p, err}
	c.size++
	if old == nil || len(c.pending) > len(*old)/4 {
		// Promote: a new snapshot with everything, pending emptied.
		snap := make(map[string]pathOrErr, c.size)
		if old != nil {
			maps.Copy(snap, *old)
		}
		maps.Copy(snap, c.pending)
		c.snapshot.Store(&snap)
		clear(c.pending)
	}
	return p, err
}

// javaTrim is String.trim(): strips chars <= ' ' at both ends.
func javaTrim(s string) string {
	i, j := 0, len(s)
	for i < j && s[i] <= ' ' {
		i++
	}
	for j > i && s[j-1] <= ' ' {
		j--
	}
	return s[i:j]
}

// compileJayway is PathCompiler.compile. Any failure is an
// InvalidPathException (a template error).
func compileJayway(path string) (p *jsonPath, err error) {
	if path == "" {
		return nil, &runtime.JavaError{Class: "java.lang.IllegalArgumentException", Message: "json can not be null or empty"}
	}
	defer func() {
		// PathCompiler wraps every exception (index out of range included)
		// in an InvalidPathException.
		if r := recover(); r != nil {
			p, err = nil, invalidPath(pathPanicMessage(r))
		}
	}()
	t := javaTrim(path)
	if strings.HasSuffix(t, "..") {
		return nil, invalidPath("A path can not end with a scan.")
	}
	if t == "" {
		panic("String index out of range: 0")
	}
	if t[0] != '$' && t[0] != '@' {
		t = "$." + t
	}
	p = &jsonPath{rootPath: t[0] == '$'}
	if t[0] == '@' {
		t = "$" + t[1:]
	}
	if len(t) > 1 && t[1] != '.' && t[1] != '[' {
		return nil, invalidPath("Invalid path " + t)
	}
	i := 0
	for {
		var frag string
		switch t[i] {
		case ' ':
			return nil, invalidPath("Space not allowed in path")
		case '$':
			frag = "$"
			i++
		case '[':
			n := fastForwardUntilClosed(t, i)
			frag = t[i : i+n]
			i += n
		case '.':
			i++
			if charAt(t, i) == '.' { // 2.0.0 reads past a trailing '.'; "$." fails
				frag = ".."
				i++
			} else {
				n := fastForward(t, i)
				if n == 0 {
					if i < len(t) {
						continue
					}
					goto done
				}
				if n == 1 && t[i] == '*' {
					frag = "[*]"
				} else {
					frag = "['" + t[i:i+n] + "']"
				}
				i += n
			}
		case '*':
			frag = "[*]"
			i++
		default:
			n := fastForward(t, i)
			frag = "['" + t[i:i+n] + "']"
			i += n
		}
		tok, err := analyzeFragment(frag)
		if err != nil {
			return nil, err
		}
		if len(p.toks) == 0 && tok.kind != tRoot {
			panic("java.lang.ClassCastException")
		}
		p.toks = append(p.toks, tok)
		if i >= len(t) {
			break
		}
	}
done:
	// definiteFrom[k]: tokens k… are all definite (PathToken.isPathDefinite).
	definiteFrom := make([]bool, len(p.toks)+1)
	definiteFrom[len(p.toks)] = true
	for k := len(p.toks) - 1; k >= 0; k-- {
		definiteFrom[k] = definiteFrom[k+1] && p.toks[k].definite()
	}
	p.definite = definiteFrom[0]
	p.simple = p.definite && p.rootPath
	for _, tok := range p.toks[1:] {
		if tok.kind == tProp && len(tok.props) != 1 || tok.kind == tArray && tok.op != opIndex && tok.op != opContextSize {
			p.simple = false
		}
	}
	for k := range p.toks {
		// PathToken.isUpstreamDefinite in 2.0.0: this token definite, and
		// the path definite from the previous token to the end.
		p.toks[k].upstream = p.toks[k].definite() && (k == 0 || definiteFrom[k-1])
	}
	return p, nil
}

func pathPanicMessage(r any) string {
	switch r := r.(type) {
	case string:
		return r
	case error:
		return r.Error()
	}
	return "invalid path"
}

func fastForward(s string, i int) int {
	n := 0
	for ; i < len(s); i++ {
		if c := s[i]; c == '.' || c == '[' || c == ' ' {
			break
		}
		n++
	}
	return n
}

func fastForwardUntilClosed(s string, i int) int {
	n, nested := 1, 0
	i++
	for i < len(s) {
		c := s[i]
		i++
		n++
		if c == ']' && nested == 0 {
			break
		}
		if c == '[' {
			nested++
		}
		if c == ']' {
			nested--
		}
	}
	return n
}

// charAt panics like Java's String.charAt out of range; compileJayway turns
// the panic into an InvalidPathException.
func charAt(s string, i int) byte {
	if i < 0 || i >= len(s) {
		panic("java.lang.StringIndexOutOfBoundsException: String index out of range: " + strconv.Itoa(i))
	}
	return s[i]
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// javaParseInt is Integer.parseInt, panicking like it on bad input.
func javaParseInt(s string) int {
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil || s == "" || s[0] == '+' && len(s) == 1 {
		panic(`java.lang.NumberFormatException: For input string: "` + s + `"`)
	}
	return int(n)
}

// analyzeFragment is PathComponentAnalyzer.analyze.
func analyzeFragment(f string) (pathToken, error) {
	switch f {
	case "$":
		return pathToken{kind: tRoot}, nil
	case "..":
		return pathToken{kind: tScan}, nil
	case "[*]", ".*":
		return pathToken{kind: tWildcard}, nil
	}
	if isFilterPlaceholder(f) {
		// [?] refers to Filter objects passed to compile(); a template
		// cannot pass any, so Jayway would fail when evaluating it.
		return pathToken{}, invalidPath("no filter given for placeholder " + f)
	}
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch {
		case c == '?':
			start, end := findFilterBounds(f, i)
			pred, err := parseFilter(f[start:end])
			if err != nil {
				return pathToken{}, err
			}
			return pathToken{kind: tFilter, filter: pred}, nil
		case c == '\'':
			return analyzeProperty(f, i), nil
		case isDigit(c) || c == ':' || c == '-' || c == '@':
			return analyzeArraySequence(f, i)
		}
	}
	return pathToken{}, invalidPath("Could not analyze path component: " + f)
}

// isFilterPlaceholder matches ^\[\s*\?\s*[,\s*\?]*?\s*]$.
func isFilterPlaceholder(f string) bool {
	if len(f) < 3 || f[0] != '[' || f[len(f)-1] != ']' {
		return false
	}
	inner := strings.TrimSpace(f[1 : len(f)-1])
	if inner == "" || inner[0] != '?' {
		return false
	}
	for i := 1; i < len(inner); i++ {
		switch inner[i] {
		case ',', '?', '*', ' ', '\t', '\n', '\r', '\f', '\v':
		default:
			return false
		}
	}
	return true
}

func findFilterBounds(f string, i int) (int, int) {
	start := i
	for charAt(f, start) != '[' {
		start--
	}
	end, curr := 0, start
	mem := -1
	inProp := false
	openSquare, openParen := 0, 0
	for end == 0 {
		c := charAt(f, curr)
		switch c {
		case '(':
			if !inProp {
				openParen++
			}
		case ')':
			if !inProp {
				openParen--
			}
		case '[':
			if !inProp {
				openSquare++
			}
		case ']':
			if !inProp {
				openSquare--
				if openParen == 0 {
					end = curr + 1
				}
			}
		case '\\':
			if mem == '\\' {
				mem = -1
				curr++
				continue
			}
		case '\'':
			if mem != '\\' {
				inProp = !inProp
			}
		}
		mem = int(c)
		curr++
	}
	if openParen != 0 || openSquare != 0 {
		panic("Filter brackets are not balanced")
	}
	return start, end
}

func analyzeProperty(f string, i int) pathToken {
	var props []string
	var buf strings.Builder
	open := false
	cur := f[i]
	for cur != ']' {
		if cur == '\'' {
			if open {
				props = append(props, buf.String())
				buf.Reset()
				open = false
			} else {
				open = true
			}
		} else if open {
			buf.WriteByte(cur)
		}
		i++
		cur = charAt(f, i)
	}
	if props == nil {
		props = []string{}
	}
	return pathToken{kind: tProp, props: props}
}

func analyzeArraySequence(f string, i int) (pathToken, error) {
	var buf []byte
	var nums []int
	cur := f[i]
	contextSize := cur == '@'
	var sliceTo, sliceFrom, sliceBetween, indexSeq bool
	if contextSize {
		i++
		i++
		cur = charAt(f, i)
		for cur != '-' {
			if cur == ' ' || cur == '(' || cur == ')' {
				i++
				cur = charAt(f, i)
				continue
			}
			buf = append(buf, cur)
			i++
			cur = charAt(f, i)
		}
		fn := string(buf)
		buf = buf[:0]
		if fn != "size" && fn != "length" {
			return pathToken{}, invalidPath("Invalid function: @." + fn + ". Supported functions are: [(@.length - n)] and [(@.size() - n)]")
		}
		for cur != ')' {
			if cur == ' ' {
				i++
				cur = charAt(f, i)
				continue
			}
			buf = append(buf, cur)
			i++
			cur = charAt(f, i)
		}
	} else {
		for isDigit(cur) || cur == ',' || cur == ' ' || cur == ':' || cur == '-' {
			switch cur {
			case ' ':
			case ':':
				// The number after the colon, spaces left out.
				readAfterColon := func() {
					i++
					cur = charAt(f, i)
					for isDigit(cur) || cur == ' ' || cur == '-' {
						if cur != ' ' {
							buf = append(buf, cur)
						}
						i++
						cur = charAt(f, i)
					}
				}
				if len(buf) == 0 {
					sliceTo = true
					readAfterColon()
					nums = append(nums, javaParseInt(string(buf)))
					buf = buf[:0]
				} else {
					nums = append(nums, javaParseInt(string(buf)))
					buf = buf[:0]
					readAfterColon()
					if len(buf) == 0 {
						sliceFrom = true
					} else {
						sliceBetween = true
						nums = append(nums, javaParseInt(string(buf)))
						buf = buf[:0]
					}
				}
			case ',':
				nums = append(nums, javaParseInt(string(buf)))
				buf = buf[:0]
				indexSeq = true
			default:
				buf = append(buf, cur)
			}
			if cur == ']' {
				break
			}
			i++
			cur = charAt(f, i)
		}
	}
	if len(buf) > 0 {
		nums = append(nums, javaParseInt(string(buf)))
	}
	single := len(nums) == 1 && !sliceTo && !sliceFrom && !contextSize
	op := opNone
	switch {
	case single:
		op = opIndex
	case indexSeq:
		op = opIndexSeq
	case sliceFrom:
		op = opSliceFrom
	case sliceTo:
		op = opSliceTo
	case sliceBetween:
		op = opSliceBetween
	case contextSize:
		op = opContextSize
	}
	if op == opNone {
		return pathToken{}, invalidPath("Could not analyze array sequence: " + f)
	}
	return pathToken{kind: tArray, op: op, nums: nums}, nil
}

// ---------------------------------------------------------------- evaluate

type evalCtx struct {
	root    runtime.Value
	results []runtime.Value
	require bool // Option.REQUIRE_PROPERTIES (existence checks in filters)
}

// read evaluates p against doc: a definite path gives its value (ok false
// when there is none), an indefinite one a JSONArray of every match.
func (p *jsonPath) read(doc runtime.Value) (v runtime.Value, ok bool, err error) {
	if doc.IsNull() {
		return runtime.Null, false, &runtime.JavaError{Class: "java.lang.IllegalArgumentException", Message: "json can not be null"}
	}
	if p.simple {
		if v, ok, done := p.readSimple(doc); done {
			return v, ok, nil
		}
	}
	return p.evaluate(doc, doc, false)
}

// readSimple is evaluate for a simple path, allocation-free: a missing
// name or index, or a name looked up on a non-object, is "not found"
// (null), as eval has it for a definite path. An index applied to
// something other than an array is an error in Jayway; readSimple leaves
// that case (done false) to the general evaluator.
func (p *jsonPath) readSimple(model runtime.Value) (v runtime.Value, ok, done bool) {
	for k := 1; k < len(p.toks); k++ {
		t := &p.toks[k]
		if t.kind == tProp {
			if model.Kind() != runtime.KMap {
				return runtime.Null, false, true
			}
			if model, ok = model.AsMap().GetString(t.props[0]); !ok {
				return runtime.Null, false, true
			}
			continue
		}
		if model.IsNull() {
			return runtime.Null, false, true
		}
		if !isList(model) {
			return runtime.Null, false, false
		}
		items := model.AsList().Items
		idx := t.nums[0]
		if t.op == opContextSize {
			idx += len(items)
		}
		if idx < 0 || idx >= len(items) {
			return runtime.Null, false, true
		}
		model = items[idx]
	}
	return model, true, true
}

func (p *jsonPath) evaluate(doc, root runtime.Value, require bool) (runtime.Value, bool, error) {
	c := evalCtx{root: root, require: require}
	if err := c.eval(p.toks, 0, doc); err != nil {
		if err == errNotFound {
			return runtime.Null, false, nil
		}
		return runtime.Null, false, err
	}
	if p.definite {
		if len(c.results) == 0 {
			return runtime.Null, false, nil
		}
		return c.results[0], true, nil
	}
	if c.results == nil {
		c.results = []runtime.Value{}
	}
	return runtime.ListValue(runtime.NewJSONList(c.results)), true, nil
}

func isMap(v runtime.Value) bool  { return v.Kind() == runtime.KMap }
func isList(v runtime.Value) bool { return v.Kind() == runtime.KList || v.Kind() == runtime.KArray }

func (c *evalCtx) eval(toks []pathToken, i int, model runtime.Value) error {
	t := &toks[i]
	leaf := i == len(toks)-1
	switch t.kind {
	case tRoot:
		if leaf {
			c.results = append(c.results, model)
			return nil
		}
		return c.eval(toks, i+1, model)
	case tProp:
		if !isMap(model) {
			return errNotFound
		}
		return c.objectProperty(toks, i, model, t.props)
	case tArray:
		return c.evalArray(toks, i, model)
	case tWildcard:
		switch {
		case isMap(model):
			for _, e := range model.AsMap().Entries() {
				if err := c.objectProperty(toks, i, model, []string{runtime.ToText(e.Key)}); err != nil {
					return err
				}
			}
		case isList(model):
			for k := range model.AsList().Items {
				if err := c.arrayIndex(toks, i, model, k); err != nil {
					if err == errNotFound && !c.require {
						continue
					}
					return err
				}
			}
		}
		return nil
	case tScan:
		if leaf {
			return nil
		}
		return c.walk(toks, i+1, model)
	case tFilter:
		switch {
		case isMap(model):
			ok, err := t.filter.apply(c, model)
			if err != nil || !ok {
				return err
			}
			if leaf {
				c.results = append(c.results, model)
				return nil
			}
			return c.eval(toks, i+1, model)
		case isList(model):
			for k, item := range model.AsList().Items {
				ok, err := t.filter.apply(c, item)
				if err != nil {
					return err
				}
				if ok {
					if err := c.arrayIndex(toks, i, model, k); err != nil {
						return err
					}
				}
			}
			return nil
		}
		return invalidPath("Filter: [?] can not be applied to primitives. Current context is: " + runtime.ToText(model))
	}
	return nil
}

// objectProperty is PathToken.handleObjectProperty.
func (c *evalCtx) objectProperty(toks []pathToken, i int, model runtime.Value, props []string) error {
	t := &toks[i]
	leaf := i == len(toks)-1
	m := model.AsMap()
	if len(props) == 1 {
		v, ok := m.GetString(props[0])
		if !ok {
			// Jayway 2.0.0: a missing leaf is always "not found"; a missing
			// inner property is skipped only when the path is indefinite
			// from the token before it on (isUpstreamDefinite).
			if !leaf && !t.upstream && !c.require {
				return nil
			}
			return errNotFound
		}
		if leaf {
			c.results = append(c.results, v)
			return nil
		}
		return c.eval(toks, i+1, v)
	}
	if !leaf {
		return invalidPath("Multi properties can only be used as path leafs: " + strings.Join(props, ","))
	}
	// Several names at the end of the path: one map of those present.
	merged := runtime.NewMap(len(props))
	for _, name := range props {
		if v, ok := m.GetString(name); ok {
			merged.PutString(name, v)
		} else if c.require {
			return errNotFound
		}
	}
	c.results = append(c.results, runtime.MapValue(merged))
	return nil
}

func (c *evalCtx) arrayIndex(toks []pathToken, i int, model runtime.Value, idx int) error {
	items := model.AsList().Items
	if idx < 0 || idx >= len(items) {
		return errNotFound // IndexOutOfBoundsException becomes PathNotFoundException
	}
	if i == len(toks)-1 {
		c.results = append(c.results, items[idx])
		return nil
	}
	return c.eval(toks, i+1, items[idx])
}

func (c *evalCtx) evalArray(toks []pathToken, i int, model runtime.Value) error {
	t := &toks[i]
	if model.IsNull() {
		return errNotFound
	}
	if !isList(model) {
		return invalidPath("Filter: " + arrayFragment(t) + " can only be applied to arrays. Current context is: " + runtime.ToText(model))
	}
	n := model.AsList().Len()
	switch t.op {
	case opIndex:
		return c.arrayIndex(toks, i, model, t.nums[0])
	case opIndexSeq:
		for _, k := range t.nums {
			if err := c.arrayIndex(toks, i, model, k); err != nil {
				return err
			}
		}
	case opContextSize:
		return c.arrayIndex(toks, i, model, n+t.nums[0])
	case opSliceFrom:
		from := t.nums[0]
		if from < 0 {
			from = max(0, n+from)
		}
		if n == 0 || from >= n {
			return nil
		}
		for k := from; k < n; k++ {
			if err := c.arrayIndex(toks, i, model, k); err != nil {
				return err
			}
		}
	case opSliceTo:
		to := t.nums[0]
		if to < 0 {
			to = n + to
		}
		to = min(n, to)
		if n == 0 {
			return nil
		}
		for k := 0; k < to; k++ {
			if err := c.arrayIndex(toks, i, model, k); err != nil {
				return err
			}
		}
	case opSliceBetween:
		from, to := t.nums[0], min(n, t.nums[1])
		if from >= to || n == 0 {
			return nil
		}
		for k := from; k < to; k++ {
			if err := c.arrayIndex(toks, i, model, k); err != nil {
				return err
			}
		}
	}
	return nil
}

func arrayFragment(t *pathToken) string {
	var b strings.Builder
	b.WriteByte('[')
	for k, n := range t.nums {
		if k > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(n))
	}
	b.WriteByte(']')
	return b.String()
}

// walk is ScanPathToken.walk: toks[i] is the token after the "..".
func (c *evalCtx) walk(toks []pathToken, i int, model runtime.Value) error {
	switch {
	case isMap(model):
		ok, err := c.scanMatches(&toks[i], model)
		if err != nil {
			return err
		}
		if ok {
			if err := c.eval(toks, i, model); err != nil {
				return err
			}
		}
		for _, e := range model.AsMap().Entries() {
			if err := c.walk(toks, i, e.Value); err != nil {
				return err
			}
		}
	case isList(model):
		ok, err := c.scanMatches(&toks[i], model)
		if err != nil {
			return err
		}
		items := model.AsList().Items
		if ok {
			if i == len(toks)-1 {
				if err := c.eval(toks, i, model); err != nil {
					return err
				}
			} else {
				// Jayway 2.0.0 applies the token after the matched one to
				// every element (ScanPathToken.walkArray).
				for _, item := range items {
					if err := c.eval(toks, i+1, item); err != nil {
						return err
					}
				}
			}
		}
		for _, item := range items {
			if err := c.walk(toks, i, item); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *evalCtx) scanMatches(t *pathToken, model runtime.Value) (bool, error) {
	switch t.kind {
	case tProp:
		if !isMap(model) {
			return false, nil
		}
		m := model.AsMap()
		for _, p := range t.props {
			if _, ok := m.GetString(p); !ok {
				return false, nil
			}
		}
		return true, nil
	case tArray:
		return isList(model), nil
	case tWildcard:
		return true, nil
	case tFilter:
		return t.filter.apply(c, model)
	}
	return false, nil
}

// ---------------------------------------------------------------- filters

// predicate is a Jayway Predicate: a Criteria, or an and/or of two.
type predicate interface {
	apply(c *evalCtx, item runtime.Value) (bool, error)
}

type andFilter struct{ a, b predicate }
type orFilter struct{ a, b predicate }

func (f andFilter) apply(c *evalCtx, item runtime.Value) (bool, error) {
	ok, err := f.a.apply(c, item)
	if err != nil || !ok {
		return false, err
	}
	return f.b.apply(c, item)
}

func (f orFilter) apply(c *evalCtx, item runtime.Value) (bool, error) {
	ok, err := f.a.apply(c, item)
	if err != nil || ok {
		return ok, err
	}
	return f.b.apply(c, item)
}

// parseFilter is Filter.parse: "[?(a && b || c)]" split at && and ||, the
// parts folded from the right without precedence ((c || b) && a).
func parseFilter(f string) (predicate, error) {
	f = javaTrim(f)
	if !strings.HasPrefix(f, "[") || !strings.HasSuffix(f, "]") {
		return nil, invalidPath("Filter must start with '[' and end with ']'. " + f)
	}
	f = javaTrim(f[1 : len(f)-1])
	if !strings.HasPrefix(f, "?") {
		return nil, invalidPath("Filter must start with '[?' and end with ']'. " + f)
	}
	f = javaTrim(f[1:])
	if !strings.HasPrefix(f, "(") || !strings.HasSuffix(f, ")") {
		return nil, invalidPath("Filter must start with '[?(' and end with ')]'. " + f)
	}
	f = javaTrim(f[1 : len(f)-1])
	var stack []any // predicate or "&&"/"||"
	for _, part := range splitFilterOperators(f) {
		switch tp := javaTrim(part); tp {
		case "&&", "||":
			stack = append(stack, tp)
		default:
			cr, err := parseCriteria(cleanCriteria(part))
			if err != nil {
				return nil, err
			}
			stack = append(stack, cr)
		}
	}
	pop := func() (any, bool) {
		if len(stack) == 0 {
			return nil, false
		}
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		return v, true
	}
	top, _ := pop()
	result, ok := top.(predicate)
	if !ok {
		return nil, invalidPath("Invalid operators " + f)
	}
	for len(stack) > 0 {
		op, _ := pop()
		next, _ := pop()
		p, ok := next.(predicate)
		if !ok {
			return nil, invalidPath("Invalid operators " + f)
		}
		if op == "&&" {
			result = andFilter{result, p}
		} else {
			result = orFilter{result, p}
		}
	}
	return result, nil
}

// splitFilterOperators is Pattern.split with ((?<=&&|\|\|)|(?=&&|\|\|)):
// cut before and after every && and ||.
func splitFilterOperators(s string) []string {
	isOp := func(i int) bool {
		return i >= 0 && i+2 <= len(s) && (s[i:i+2] == "&&" || s[i:i+2] == "||")
	}
	var parts []string
	last := 0
	for pos := 1; pos < len(s); pos++ {
		if isOp(pos-2) || isOp(pos) {
			parts = append(parts, s[last:pos])
			last = pos
		}
	}
	parts = append(parts, s[last:])
	for len(parts) > 0 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return parts
}

// cleanCriteria strips "[?( " from the front and ") " from the back.
func cleanCriteria(s string) string {
	i, j := 0, len(s)-1
	for i < len(s) && (s[i] == '[' || s[i] == '?' || s[i] == '(' || s[i] == ' ') {
		i++
	}
	for j >= 0 && (s[j] == ')' || s[j] == ' ') {
		j--
	}
	if j < i {
		return ""
	}
	return s[i : j+1]
}

type criteriaOp uint8

const (
	critEQ criteriaOp = iota
	critNE
	critGT
	critGTE
	critLT
	critLTE
	critRegex
	critExists
)

// operand is a criteria side: a path, a string, or a pattern.
type operand struct {
	path    *jsonPath
	pattern *regexp2.Regexp
	str     string
}

type criteria struct {
	left, right operand
	op          criteriaOp
	exists      bool // for critExists: true for @.x, false for !@.x
}

// Criteria.OPERATORS, in the order Criteria.parse looks for them.
var criteriaOperators = []struct {
	text string
	op   criteriaOp
}{{"==", critEQ}, {">=", critGTE}, {"<=", critLTE}, {"!=", critNE}, {"<", critLT}, {">", critGT}, {"=~", critRegex}}

func parseCriteria(s string) (predicate, error) {
	op, opText := criteriaOp(0), ""
	idx := -1
	for _, o := range criteriaOperators {
		if idx = strings.Index(s, o.text); idx >= 0 {
			op, opText = o.op, o.text
			break
		}
	}
	var left, right string
	if opText != "" {
		left, right = javaTrim(s[:idx]), javaTrim(s[idx+len(opText):])
	} else {
		left = javaTrim(s)
	}
	cr := &criteria{op: op}
	exists := true
	isPath := func(x string) bool {
		return strings.HasPrefix(x, "$") || strings.HasPrefix(x, "@") || strings.HasPrefix(x, "!@")
	}
	isString := func(x string) bool { return x != "" && x[0] == '\'' && x[len(x)-1] == '\'' }
	isPattern := func(x string) bool {
		return x != "" && x[0] == '/' && (x[len(x)-1] == '/' || len(x) >= 2 && x[len(x)-2] == '/' && x[len(x)-1] == 'i')
	}
	prepare := func(x string, side *operand, allowNegation bool) error {
		switch {
		case isPath(x):
			if x[0] == '!' {
				if !allowNegation {
					return invalidPath("Invalid negation! Can only be used for existence check e.g [?(!@.foo)]")
				}
				exists = false
				x = x[1:]
			}
			p, err := compileJayway(x)
			if err != nil {
				return err
			}
			if !p.definite {
				return invalidPath("the predicate path: " + x + " is not definite")
			}
			side.path = p
		case isString(x):
			if len(x) < 2 {
				return invalidPath("String index out of range: 0")
			}
			side.str = x[1 : len(x)-1]
		case isPattern(x):
			re, err := compileJavaPattern(x)
			if err != nil {
				return err
			}
			side.pattern = re
		default:
			side.str = x
		}
		return nil
	}
	if err := prepare(left, &cr.left, true); err != nil {
		return nil, err
	}
	if err := prepare(right, &cr.right, false); err != nil {
		return nil, err
	}
	if cr.left.path != nil && opText == "" {
		cr.op, cr.exists = critExists, exists
		return cr, nil
	}
	if opText == "" {
		return nil, invalidPath("CriteriaType  can not be parsed")
	}
	return cr, nil
}

// compileJavaPattern compiles /re/ or /re/i as java.util.regex would, for a
// whole-string match (Matcher.matches).
func compileJavaPattern(x string) (*regexp2.Regexp, error) {
	last := strings.LastIndexByte(x, '/')
	opts := regexp2.RegexOptions(0)
	if strings.HasSuffix(x, "i") {
		opts |= regexp2.IgnoreCase
	}
	re, err := regexp2.Compile(`\A(?:`+x[1:last]+`)\z`, opts)
	if err != nil {
		return nil, invalidPath("java.util.regex.PatternSyntaxException: " + err.Error())
	}
	re.MatchTimeout = runtime.RegexTimeout // a filter must not hang a render either
	return re, nil
}

// value is a side's value for an item; ok false when its path is missing
// (PathNotFoundException: the criteria is false).
func (o *operand) value(c *evalCtx, item runtime.Value) (v runtime.Value, ok bool, err error) {
	switch {
	case o.path != nil:
		doc := item
		if o.path.rootPath {
			doc = c.root
		}
		return o.path.evaluate(doc, c.root, false)
	case o.pattern != nil:
		return runtime.Null, true, nil
	}
	return runtime.String(o.str), true, nil
}

func (cr *criteria) apply(c *evalCtx, item runtime.Value) (bool, error) {
	if cr.op == critExists {
		_, found, err := cr.left.path.evaluate(item, c.root, true)
		if err != nil {
			return false, err
		}
		return found == cr.exists, nil
	}
	model, ok, err := cr.left.value(c, item)
	if err != nil || !ok {
		return false, err
	}
	expected, ok, err := cr.right.value(c, item)
	if err != nil || !ok {
		return false, err
	}
	if cr.op == critRegex {
		pattern, target := cr.right.pattern, model
		if cr.left.pattern != nil {
			pattern, target = cr.left.pattern, expected
		}
		if pattern == nil {
			return false, &runtime.JavaError{Class: "java.lang.ClassCastException", Message: "java.lang.String cannot be cast to java.util.regex.Pattern"}
		}
		if target.IsNull() {
			return false, nil
		}
		m, _ := pattern.MatchString(runtime.ToText(target))
		return m, nil
	}
	if cr.left.pattern != nil || cr.right.pattern != nil {
		return false, nil // a Pattern compares with nothing (ValueCompareException)
	}
	if cr.op != critEQ && cr.op != critNE && expected.IsNull() != model.IsNull() {
		return false, nil
	}
	cmp, comparable, err := safeCompare(expected, model)
	if err != nil || !comparable {
		return false, err
	}
	switch cr.op {
	case critEQ:
		return cmp == 0, nil
	case critNE:
		return cmp != 0, nil
	case critGT:
		return cmp < 0, nil
	case critGTE:
		return cmp <= 0, nil
	case critLT:
		return cmp > 0, nil
	case critLTE:
		return cmp >= 0, nil
	}
	return false, nil
}

func isNullish(v runtime.Value) bool {
	return v.IsNull() || v.Kind() == runtime.KString && v.AsString() == "null"
}

// safeCompare is Criteria.safeCompare(expected, model); comparable is false
// for a ValueCompareException.
func safeCompare(left, right runtime.Value) (int, bool, error) {
	if sameObject(left, right) {
		return 0, true, nil
	}
	ln, rn := isNullish(left), isNullish(right)
	switch {
	case ln && !rn:
		return -1, true, nil
	case !ln && rn:
		return 1, true, nil
	case ln && rn:
		return 0, true, nil
	}
	lk, rk := left.Kind(), right.Kind()
	switch {
	case lk == runtime.KString && rk == runtime.KString:
		l := left.AsString()
		if strings.IndexByte(l, '\'') >= 0 {
			l = strings.ReplaceAll(l, `\'`, `'`)
		}
		return compareUTF16(l, right.AsString()), true, nil
	case (left.IsNumber() || lk == runtime.KString) && right.IsNumber():
		a, err := javaBigDecimal(runtime.ToText(left))
		if err != nil {
			return 0, false, err
		}
		b, err := javaBigDecimal(runtime.ToText(right))
		if err != nil {
			return 0, false, err
		}
		return a.Cmp(b), true, nil
	case lk == runtime.KString && rk == runtime.KBool:
		return compareBool(strings.EqualFold(left.AsString(), "true"), right.AsBool()), true, nil
	case lk == runtime.KBool && rk == runtime.KBool:
		return compareBool(left.AsBool(), right.AsBool()), true, nil
	}
	return 0, false, nil
}

func sameObject(a, b runtime.Value) bool {
	switch {
	case a.Kind() == runtime.KMap && b.Kind() == runtime.KMap:
		return a.AsMap() == b.AsMap()
	case isList(a) && isList(b):
		return a.AsList() == b.AsList()
	}
	return false
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// javaBigDecimal is new BigDecimal(s) for comparison; a malformed s is
// Java's NumberFormatException (which fails the whole read).
func javaBigDecimal(s string) (*big.Rat, error) {
	ok := s != ""
	t := s
	if ok && (t[0] == '+' || t[0] == '-') {
		t = t[1:]
	}
	digits := 0
	for i := 0; i < len(t) && ok; i++ {
		switch c := t[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
		case c == 'e' || c == 'E':
			e := t[i+1:]
			if e != "" && (e[0] == '+' || e[0] == '-') {
				e = e[1:]
			}
			ok = e != "" && strings.Trim(e, "0123456789") == ""
			i = len(t)
		default:
			ok = false
		}
	}
	if ok && (digits == 0 || strings.Count(t, ".") > 1) {
		ok = false
	}
	var r *big.Rat
	if ok {
		r, ok = new(big.Rat).SetString(s)
	}
	if !ok {
		msg := ""
		for i := 0; i < len(s); i++ {
			if c := s[i]; !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
				r, _ := utf8.DecodeRuneInString(s[i:])
				msg = "Character " + string(r) + " is neither a decimal digit number, decimal point, nor \"e\" notation exponential mark."
				break
			}
		}
		return nil, &runtime.JavaError{Class: "java.lang.NumberFormatException", Message: msg}
	}
	return r, nil
}

// compareUTF16 orders strings as Java's String.compareTo (by UTF-16 code
// units), returning only the sign.
func compareUTF16(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			ua, ub := utf16Lead(ra), utf16Lead(rb)
			if ua != ub {
				if ua < ub {
					return -1
				}
				return 1
			}
			if ra < rb {
				return -1
			}
			return 1
		}
		a, b = a[na:], b[nb:]
	}
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return -1
	}
	return 1
}

func utf16Lead(r rune) rune {
	if r >= 0x10000 {
		return 0xD800 + (r-0x10000)>>10
	}
	return r
}
