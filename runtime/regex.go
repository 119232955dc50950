package runtime

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/dlclark/regexp2"
)

// Java regular expressions (java.util.regex) for String.matches,
// replaceAll, replaceFirst and split, run on dlclark/regexp2 (a .NET-style
// engine, the closest in Go: backtracking, lookaround, backreferences).
// translateJavaRegex rewrites the Java syntax .NET lacks or reads
// differently:
//   - possessive quantifiers X*+ X++ X?+ X{n,m}+ → atomic groups (?>X*);
//   - \Q…\E quoting; \h \H \v \V \R; \x{h…h}; octal \0nnn;
//   - \d \w \s (and \b's notion of a word) are ASCII in Java, Unicode in .NET;
//   - `.` excludes every Java line terminator (\n \r \u0085 \u2028 \u2029);
//   - \p{Alpha}-style POSIX classes, \p{javaLowerCase}, \p{IsL}, \p{InGreek};
//   - a nested class [a[bc]] is a union; [a-z&&[^aeiou]] a subtraction;
//   - groups are numbered in order of their opening parenthesis, named or not
//     (.NET numbers named groups last), so names are resolved here.

type javaRegex struct {
	re     *regexp2.Regexp
	groups int            // capturing groups
	names  map[string]int // named group → number
	err    error          // a PatternSyntaxException, cached too
}

var regexCache sync.Map // string (mode byte + pattern) → *javaRegex

func compileJava(pattern string, whole bool) *javaRegex {
	key := pattern
	if whole {
		key = "\x00" + pattern
	}
	if r, ok := regexCache.Load(key); ok {
		return r.(*javaRegex)
	}
	r := &javaRegex{}
	tr, err := translateJavaRegex(pattern, r)
	if err == nil {
		if whole {
			tr = `\A(?:` + tr + `)\z`
		}
		r.re, err = regexp2.Compile(tr, regexp2.None)
		if err == nil {
			r.re.MatchTimeout = RegexTimeout
		}
	}
	if err != nil {
		msg := err.Error()
		msg = strings.TrimPrefix(msg, "error parsing regexp: ")
		r.err = javaErr("java.util.regex.PatternSyntaxException", msg+" near index 0 "+pattern)
	}
	if v, loaded := regexCache.LoadOrStore(key, r); loaded {
		return v.(*javaRegex)
	}
	return r
}

func regexErr(format string) error { return &regexSyntaxError{format} }

type regexSyntaxError struct{ msg string }

func (e *regexSyntaxError) Error() string { return e.msg }

const (
	classDigit = `0-9`
	classWord  = `a-zA-Z_0-9`
	classSpace = ` \t\n\x0B\f\r`
	classHoriz = ` \t\xA0\u1680\u180E\u2000-\u200A\u202F\u205F\u3000`
	classVert  = `\n\x0B\f\r\x85\u2028\u2029`
	lineTerms  = `\n\r\u0085\u2028\u2029`
)

// posixClasses are Java's \p{…} names that .NET lacks, as class contents.
var posixClasses = map[string]string{
	"Lower": `a-z`, "Upper": `A-Z`, "ASCII": `\x00-\x7F`, "Alpha": `a-zA-Z`,
	"Digit": `0-9`, "Alnum": `a-zA-Z0-9`, "Punct": `!-/:-@\[-` + "`" + `{-~`,
	"Graph": `!-~`, "Print": ` -~`, "Blank": ` \t`, "Cntrl": `\x00-\x1F\x7F`,
	"XDigit": `0-9a-fA-F`, "Space": ` \t\n\x0B\f\r`,
	"javaLowerCase": `\p{Ll}`, "javaUpperCase": `\p{Lu}`, "javaWhitespace": `\t-\r\x1C-\x1F\p{Zs}\p{Zl}\p{Zp}`,
	"javaLetter": `\p{L}`, "javaDigit": `\p{Nd}`, "javaLetterOrDigit": `\p{L}\p{Nd}`,
	"javaAlphabetic": `\p{L}\p{Nl}`, "IsAlphabetic": `\p{L}\p{Nl}`, "IsLetter": `\p{L}`,
	"IsDigit": `\p{Nd}`, "IsUppercase": `\p{Lu}`, "IsLowercase": `\p{Ll}`,
	"IsWhite_Space": `\s`, "IsWhiteSpace": `\s`, "IsPunctuation": `\p{P}`,
}

// pClass translates the name inside \p{…} to .NET class contents.
func pClass(name string) string {
	if c, ok := posixClasses[name]; ok {
		return c
	}
	if strings.HasPrefix(name, "Is") && len(name) <= 4 { // \p{IsL}, \p{IsLu}: categories
		return `\p{` + name[2:] + `}`
	}
	if strings.HasPrefix(name, "In") { // blocks: Java InGreek, .NET IsGreek
		return `\p{Is` + name[2:] + `}`
	}
	if strings.HasPrefix(name, "general_category=") || strings.HasPrefix(name, "gc=") {
		return `\p{` + name[strings.IndexByte(name, '=')+1:] + `}`
	}
	return `\p{` + name + `}`
}

func translateJavaRegex(p string, r *javaRegex) (string, error) {
	var out strings.Builder
	dotAll := hasDotAllFlag(p)
	type group struct {
		start int
	}
	var stack []group
	atomStart := -1 // output offset where the last quantifiable atom began
	names := map[string]int{}
	ngroups := 0
	i := 0
	n := len(p)
	emitAtom := func(s string) {
		atomStart = out.Len()
		out.WriteString(s)
	}
	for i < n {
		c := p[i]
		switch c {
		case '\\':
			if i+1 >= n {
				return "", regexErr("Unexpected internal error")
			}
			if p[i+1] == 'Q' {
				end := strings.Index(p[i+2:], `\E`)
				var lit string
				if end < 0 {
					lit = p[i+2:]
					i = n
				} else {
					lit = p[i+2 : i+2+end]
					i = i + 2 + end + 2
				}
				if lit != "" {
					emitAtom("(?:" + regexp2.Escape(lit) + ")")
				}
				continue
			}
			s, adv, err := translateEscape(p, i, false, names)
			if err != nil {
				return "", err
			}
			emitAtom(s)
			i += adv
		case '[':
			s, adv, err := translateClass(p, i)
			if err != nil {
				return "", err
			}
			emitAtom(s)
			i += adv
		case '.':
			if dotAll {
				emitAtom(".")
			} else {
				emitAtom(`[^` + lineTerms + `]`)
			}
			i++
		case '(':
			stack = append(stack, group{start: out.Len()})
			atomStart = -1
			if strings.HasPrefix(p[i:], "(?<") && i+3 < n && p[i+3] != '=' && p[i+3] != '!' {
				end := strings.IndexByte(p[i:], '>')
				if end < 0 {
					return "", regexErr("named capturing group is missing trailing '>'")
				}
				ngroups++
				names[p[i+3:i+end]] = ngroups
				out.WriteString("(")
				i += end + 1
				continue
			}
			if i+1 < n && p[i+1] == '?' {
				out.WriteString("(?")
				i += 2
				continue
			}
			ngroups++
			out.WriteByte('(')
			i++
		case ')':
			if len(stack) == 0 {
				return "", regexErr("Unmatched closing ')'")
			}
			g := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			out.WriteByte(')')
			atomStart = g.start
			i++
		case '*', '+', '?', '{':
			q := 1
			if c == '{' {
				end := strings.IndexByte(p[i:], '}')
				if end < 0 || !isRepetition(p[i+1:i+end]) {
					// Java requires a valid {n,m}; a lone '{' is an error.
					return "", regexErr("Illegal repetition")
				}
				q = end + 1
			}
			if atomStart < 0 {
				return "", regexErr("Dangling meta character '" + string(c) + "'")
			}
			quant := p[i : i+q]
			i += q
			if i < n && p[i] == '+' { // possessive
				s := out.String()
				out.Reset()
				out.WriteString(s[:atomStart])
				out.WriteString("(?>")
				out.WriteString(s[atomStart:])
				out.WriteString(quant)
				out.WriteString(")")
				i++
			} else {
				out.WriteString(quant)
				if i < n && p[i] == '?' {
					out.WriteByte('?')
					i++
				}
			}
			atomStart = -1
		case '|', '^', '$':
			out.WriteByte(c)
			atomStart = -1
			i++
		default:
			_, size := utf8.DecodeRuneInString(p[i:])
			emitAtom(p[i : i+size])
			i += size
		}
	}
	if len(stack) > 0 {
		return "", regexErr("Unclosed group")
	}
	r.groups = ngroups
	r.names = names
	return out.String(), nil
}

func isRepetition(s string) bool {
	if s == "" {
		return false
	}
	lo, hi := s, ""
	if k := strings.IndexByte(s, ','); k >= 0 {
		lo, hi = s[:k], s[k+1:]
	}
	if lo == "" {
		return false
	}
	for _, part := range []string{lo, hi} {
		for j := 0; j < len(part); j++ {
			if part[j] < '0' || part[j] > '9' {
				return false
			}
		}
	}
	return true
}

// hasDotAllFlag reports whether an inline flag group, (?s) or (?is:…),
// turns DOTALL on somewhere in the pattern. `.` is then left to .NET's
// Singleline handling of the same flag.
func hasDotAllFlag(p string) bool {
	for k := 0; k+2 < len(p); k++ {
		if p[k] != '(' || p[k+1] != '?' || (k > 0 && p[k-1] == '\\') {
			continue
		}
		for j := k + 2; j < len(p); j++ {
			c := p[j]
			if c == 's' {
				return true
			}
			if c == '-' || c == ')' || c == ':' || !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
				break
			}
		}
	}
	return false
}

// translateEscape translates the escape at p[i] ('\\'); it returns the
// .NET text and how many bytes of p it consumed.
func translateEscape(p string, i int, inClass bool, names map[string]int) (string, int, error) {
	c := p[i+1]
	wrap := func(body string, neg bool) string {
		if inClass {
			return body
		}
		if neg {
			return "[^" + body + "]"
		}
		return "[" + body + "]"
	}
	switch c {
	case 'd':
		return wrap(classDigit, false), 2, nil
	case 'w':
		return wrap(classWord, false), 2, nil
	case 's':
		return wrap(classSpace, false), 2, nil
	case 'h':
		return wrap(classHoriz, false), 2, nil
	case 'v':
		return wrap(classVert, false), 2, nil
	case 'D', 'W', 'S', 'H', 'V':
		body := map[byte]string{'D': classDigit, 'W': classWord, 'S': classSpace, 'H': classHoriz, 'V': classVert}[c]
		if inClass {
			// A negated class inside a class: .NET keeps Unicode \D \W \S.
			if c == 'H' || c == 'V' {
				return "", 0, regexErr("unsupported \\" + string(c) + " inside a character class")
			}
			return `\` + string(c), 2, nil
		}
		return wrap(body, true), 2, nil
	case 'R':
		if inClass {
			return "", 0, regexErr("Illegal/unsupported escape sequence")
		}
		return `(?:\r\n|[` + classVert + `])`, 2, nil
	case 'p', 'P':
		if i+2 >= len(p) {
			return "", 0, regexErr("Illegal/unsupported escape sequence")
		}
		var name string
		adv := 3
		if p[i+2] == '{' {
			end := strings.IndexByte(p[i:], '}')
			if end < 0 {
				return "", 0, regexErr("Unclosed character family")
			}
			name = p[i+3 : i+end]
			adv = end + 1
		} else {
			name = p[i+2 : i+3]
		}
		body := pClass(name)
		if c == 'P' {
			if inClass {
				if strings.HasPrefix(body, `\p{`) && strings.Count(body, `\p{`) == 1 && strings.HasSuffix(body, "}") {
					return `\P` + body[2:], adv, nil
				}
				return "", 0, regexErr("unsupported \\P{" + name + "} inside a character class")
			}
			return "[^" + body + "]", adv, nil
		}
		return wrap(body, false), adv, nil
	case 'x':
		if i+2 < len(p) && p[i+2] == '{' {
			end := strings.IndexByte(p[i:], '}')
			if end < 0 {
				return "", 0, regexErr("Unclosed hexadecimal escape sequence")
			}
			cp, err := strconv.ParseUint(p[i+3:i+end], 16, 32)
			if err != nil || cp > utf8.MaxRune {
				return "", 0, regexErr("Illegal hexadecimal escape sequence")
			}
			return regexp2.Escape(string(rune(cp))), end + 1, nil
		}
		return p[i : i+2], 2, nil
	case '0':
		j := i + 2
		v := 0
		for j < len(p) && j < i+5 && p[j] >= '0' && p[j] <= '7' && v*8+int(p[j]-'0') <= 0377 {
			v = v*8 + int(p[j]-'0')
			j++
		}
		if j == i+2 {
			return "", 0, regexErr("Illegal octal escape sequence")
		}
		return regexp2.Escape(string(rune(v))), j - i, nil
	case 'k':
		if !inClass && i+2 < len(p) && p[i+2] == '<' {
			end := strings.IndexByte(p[i:], '>')
			if end < 0 {
				return "", 0, regexErr("named capturing group is missing trailing '>'")
			}
			name := p[i+3 : i+end]
			g, ok := names[name]
			if !ok {
				return "", 0, regexErr("named capturing group <" + name + "> does not exist")
			}
			return `(?:\` + strconv.Itoa(g) + `)`, end + 1, nil
		}
	case 'b', 'B', 'A', 'z', 'Z', 'G', 't', 'n', 'r', 'f', 'a', 'e', 'c':
		if c == 'c' {
			if i+2 >= len(p) {
				return "", 0, regexErr("Illegal control escape sequence")
			}
			return p[i : i+3], 3, nil
		}
		return p[i : i+2], 2, nil
	case 'u':
		if i+6 <= len(p) {
			return p[i : i+6], 6, nil
		}
		return "", 0, regexErr("Illegal Unicode escape sequence")
	}
	if c >= '1' && c <= '9' && !inClass {
		return `(?:\` + string(c) + `)`, 2, nil
	}
	if (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') {
		return "", 0, regexErr("Illegal/unsupported escape sequence")
	}
	_, size := utf8.DecodeRuneInString(p[i+1:])
	return regexp2.Escape(p[i+1 : i+1+size]), 1 + size, nil
}

// translateClass translates the character class starting at p[i] ('[').
func translateClass(p string, i int) (string, int, error) {
	var out strings.Builder
	j := i + 1
	out.WriteByte('[')
	if j < len(p) && p[j] == '^' {
		out.WriteByte('^')
		j++
	}
	first := true
	for j < len(p) {
		c := p[j]
		switch {
		case c == ']' && !first:
			out.WriteByte(']')
			return out.String(), j + 1 - i, nil
		case c == '\\':
			if j+1 >= len(p) {
				return "", 0, regexErr("Unclosed character class")
			}
			if p[j+1] == 'Q' {
				end := strings.Index(p[j+2:], `\E`)
				lit := p[j+2:]
				if end >= 0 {
					lit = p[j+2 : j+2+end]
					j = j + 2 + end + 2
				} else {
					j = len(p)
				}
				for _, r := range lit {
					out.WriteString(escapeClassRune(r))
				}
				first = false
				continue
			}
			s, adv, err := translateEscape(p, j, true, nil)
			if err != nil {
				return "", 0, err
			}
			out.WriteString(s)
			j += adv
		case c == '[':
			// Java union: [a[bc]] is [abc].
			s, adv, err := translateClass(p, j)
			if err != nil {
				return "", 0, err
			}
			if strings.HasPrefix(s, "[^") {
				return "", 0, regexErr("unsupported negated class inside a class")
			}
			out.WriteString(s[1 : len(s)-1])
			j += adv
		case c == '&' && strings.HasPrefix(p[j:], "&&[^"):
			// Java intersection with a negated class: .NET subtraction,
			// which must end the class.
			s, adv, err := translateClass(p, j+2)
			if err != nil {
				return "", 0, err
			}
			k := j + 2 + adv
			if k >= len(p) || p[k] != ']' {
				return "", 0, regexErr("unsupported class intersection")
			}
			out.WriteString("-[" + s[2:])
			out.WriteByte(']')
			return out.String(), k + 1 - i, nil
		case c == '&' && strings.HasPrefix(p[j:], "&&"):
			return "", 0, regexErr("unsupported class intersection")
		case c == '[' || c == '^' && !first:
			out.WriteString(`\` + string(c))
			j++
		default:
			_, size := utf8.DecodeRuneInString(p[j:])
			out.WriteString(p[j : j+size])
			j += size
		}
		first = false
	}
	return "", 0, regexErr("Unclosed character class")
}

func escapeClassRune(r rune) string {
	switch r {
	case '\\', ']', '[', '^', '-':
		return `\` + string(r)
	}
	return string(r)
}

// regexMatches is String.matches: the whole string must match.
func regexMatches(pattern, s string) (bool, error) {
	r := compileJava(pattern, true)
	if r.err != nil {
		return false, r.err
	}
	m, err := r.re.MatchString(s)
	err = regexLimit(err)
	return m, err
}

// regexReplace is String.replaceAll / replaceFirst with Java's replacement
// syntax: $n and ${name} are groups, \x is x.
func regexReplace(s, pattern, repl string, all bool) (string, error) {
	// A pattern that is literal text (AWS's own idiom is
	// replaceAll("\\'", "'")) and a replacement with no group references
	// or escapes replace literally: same result, no regex run.
	if lit, ok := literalPattern(pattern); ok && strings.IndexByte(repl, '$') < 0 && strings.IndexByte(repl, '\\') < 0 {
		// Most strings hold no match: one scan answers that, where
		// strings.Replace counts the matches first.
		i := strings.Index(s, lit)
		if i < 0 {
			return s, nil
		}
		if all {
			return strings.ReplaceAll(s, lit, repl), nil
		}
		return s[:i] + repl + s[i+len(lit):], nil
	}
	r := compileJava(pattern, false)
	if r.err != nil {
		return "", r.err
	}
	runes := []rune(s)
	m, err := r.re.FindRunesMatch(runes)
	err = regexLimit(err)
	if err != nil {
		return "", err
	}
	if m == nil {
		return s, nil
	}
	var out []byte
	last := 0
	for m != nil {
		out = appendRunes(out, runes[last:m.Index])
		if out, err = appendReplacement(out, m, repl, r); err != nil {
			return "", err
		}
		last = m.Index + m.Length
		if !all {
			break
		}
		if m, err = r.re.FindNextMatch(m); err != nil {
			err = regexLimit(err)
			return "", err
		}
	}
	out = appendRunes(out, runes[last:])
	return string(out), nil
}

func appendRunes(dst []byte, rs []rune) []byte {
	for _, r := range rs {
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

func illegalArg(msg string) error { return javaErr("java.lang.IllegalArgumentException", msg) }

// appendReplacement is Matcher.appendReplacement's treatment of the
// replacement string.
func appendReplacement(dst []byte, m *regexp2.Match, repl string, r *javaRegex) ([]byte, error) {
	group := func(num int) {
		g := m.GroupByNumber(num)
		if g != nil && len(g.Captures) > 0 {
			dst = appendRunes(dst, g.Runes())
		}
	}
	for i := 0; i < len(repl); i++ {
		c := repl[i]
		switch c {
		case '\\':
			i++
			if i >= len(repl) {
				return nil, illegalArg("character to be escaped is missing")
			}
			dst = append(dst, repl[i])
		case '$':
			i++
			if i >= len(repl) {
				return nil, illegalArg("Illegal group reference: group index is missing")
			}
			if repl[i] == '{' {
				end := strings.IndexByte(repl[i:], '}')
				if end < 0 {
					return nil, illegalArg("named capturing group is missing trailing '}'")
				}
				name := repl[i+1 : i+end]
				if name == "" {
					return nil, illegalArg("named capturing group has 0 length name")
				}
				num, ok := r.names[name]
				if !ok {
					return nil, illegalArg("No group with name {" + name + "}")
				}
				group(num)
				i += end
				continue
			}
			if repl[i] < '0' || repl[i] > '9' {
				return nil, illegalArg("Illegal group reference")
			}
			num := int(repl[i] - '0')
			for i+1 < len(repl) && repl[i+1] >= '0' && repl[i+1] <= '9' {
				next := num*10 + int(repl[i+1]-'0')
				if next > r.groups {
					break
				}
				num = next
				i++
			}
			if num > r.groups {
				return nil, ioobe("No group " + strconv.Itoa(num))
			}
			group(num)
		default:
			dst = append(dst, c)
		}
	}
	return dst, nil
}

// javaSplit is String.split(regex, limit): a leading empty string only
// when a match of non-zero width starts the input; limit > 0 caps the
// number of pieces; limit 0 drops trailing empty strings; the result is a
// String[].
func javaSplit(s, pattern string, limit int) (Value, bool, error) {
	if sep, ok := splitFastPath(pattern); ok {
		return splitLiteral(s, sep, limit), true, nil
	}
	r := compileJava(pattern, false)
	if r.err != nil {
		return Null, true, r.err
	}
	var parts []string
	runes := []rune(s)
	m, err := r.re.FindRunesMatch(runes)
	err = regexLimit(err)
	if err != nil {
		return Null, true, err
	}
	index := 0
	for m != nil {
		if limit <= 0 || len(parts) < limit-1 {
			if index == 0 && m.Index == 0 && m.Length == 0 {
				// no empty leading substring for a zero-width match at 0
			} else {
				parts = append(parts, string(runes[index:m.Index]))
				index = m.Index + m.Length
			}
		} else {
			break
		}
		if m, err = r.re.FindNextMatch(m); err != nil {
			err = regexLimit(err)
			return Null, true, err
		}
	}
	if index == 0 && len(parts) == 0 {
		return ArrayValue(&List{Items: []Value{String(s)}}), true, nil
	}
	parts = append(parts, string(runes[index:]))
	if limit == 0 {
		for len(parts) > 0 && parts[len(parts)-1] == "" {
			parts = parts[:len(parts)-1]
		}
	}
	items := make([]Value, len(parts))
	for i, p := range parts {
		items[i] = String(p)
	}
	return ArrayValue(&List{Items: items}), true, nil
}

// splitFastPath is java.lang.String.split's own fast path: a pattern that
// is one character other than ".$|()[{^?*+\\", or a backslash and one
// ASCII character that is not a letter or digit, splits on that character
// without a regex. Same result, much cheaper: form bodies are split on "&"
// and "=" (fixture: bench/form-body).
func splitFastPath(pattern string) (string, bool) {
	r, size := utf8.DecodeRuneInString(pattern)
	switch {
	case size == len(pattern) && r != utf8.RuneError && r < 0xD800 && !strings.ContainsRune(".$|()[{^?*+\\", r):
		return pattern, true
	case len(pattern) == 2 && pattern[0] == '\\' && pattern[1] < utf8.RuneSelf &&
		!('0' <= pattern[1] && pattern[1] <= '9') && !('a' <= pattern[1] && pattern[1] <= 'z') && !('A' <= pattern[1] && pattern[1] <= 'Z'):
		return pattern[1:], true
	}
	return "", false
}

// splitLiteral splits s on sep with split's limit rules.
func splitLiteral(s, sep string, limit int) Value {
	// The pieces are counted first (a SIMD scan for a one-byte separator):
	// one allocation instead of append's regrowths.
	n := strings.Count(s, sep) + 1
	if limit > 0 {
		n = min(n, limit)
	}
	items := make([]Value, 0, n)
	off := 0
	for {
		next := strings.Index(s[off:], sep)
		if next < 0 {
			break
		}
		next += off
		if limit > 0 && len(items) >= limit-1 {
			items = append(items, String(s[off:]))
			off = len(s)
			break
		}
		items = append(items, String(s[off:next]))
		off = next + len(sep)
	}
	if off == 0 {
		return ArrayValue(&List{Items: append(items, String(s))})
	}
	if limit <= 0 || len(items) < limit {
		items = append(items, String(s[off:]))
	}
	if limit == 0 {
		for len(items) > 0 && items[len(items)-1].n == 0 {
			items = items[:len(items)-1]
		}
	}
	return ArrayValue(&List{Items: items})
}

// literalPattern returns the text a Java regex matches when it is plain
// text: characters without regex meaning, and backslash-escaped ASCII
// punctuation (which Java defines as the character itself). Anything else
// (classes, quantifiers, \d, \Q…, an empty pattern) is not literal.
func literalPattern(pattern string) (string, bool) {
	if pattern == "" {
		return "", false
	}
	first := indexRegexMeta(pattern)
	if first < 0 {
		return pattern, true
	}
	// AWS's "\\'": one leading escape and plain text is the rest, no copy.
	if first == 0 && len(pattern) > 1 && pattern[0] == '\\' && literalEscape(pattern[1]) && indexRegexMeta(pattern[2:]) < 0 {
		return pattern[1:], true
	}
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case c == '\\':
			if i+1 >= len(pattern) || !literalEscape(pattern[i+1]) {
				return "", false
			}
			b.WriteByte(pattern[i+1])
			i++
		case regexMeta[c]:
			return "", false
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// regexMeta marks the characters with a meaning in a Java regex outside a
// class (a table: strings.ContainsAny builds its set on every call).
var regexMeta = func() (t [256]bool) {
	for _, c := range []byte(`\^$.|?*+()[]{}`) {
		t[c] = true
	}
	return t
}()

func indexRegexMeta(s string) int {
	for i := 0; i < len(s); i++ {
		if regexMeta[s[i]] {
			return i
		}
	}
	return -1
}

// literalEscape reports whether \c is the character c itself in a Java
// regex: ASCII punctuation is; letters and digits are classes, groups or
// escapes with meaning.
func literalEscape(c byte) bool {
	return c < utf8.RuneSelf && !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z')
}

// RegexTimeout bounds one regular-expression match. Java has no such
// limit, but a pattern that backtracks catastrophically would hang a CI
// run: past it the render fails with a Limit error.
var RegexTimeout = 2 * time.Second

// regexLimit turns regexp2's match timeout into an ErrLimit error.
func regexLimit(err error) error {
	if err != nil && strings.Contains(err.Error(), "match timeout") {
		return fmt.Errorf("%w: a regular expression ran longer than %v (catastrophic backtracking?)", ErrLimit, RegexTimeout)
	}
	return err
}
