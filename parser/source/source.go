package source

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Pos is a byte offset into a File's text plus one; the zero Pos (NoPos)
// means "unknown", as in go/token.
type Pos int32

// NoPos is the unknown position.
const NoPos Pos = 0

// PosOf returns the Pos of byte offset off.
func PosOf(off int) Pos { return Pos(off + 1) }

// Offset returns the byte offset of p, or -1 for NoPos.
func (p Pos) Offset() int { return int(p) - 1 }

// IsValid reports whether p is a known position.
func (p Pos) IsValid() bool { return p != NoPos }

// Span is a half-open byte range [Start, End) of a template.
type Span struct{ Start, End Pos }

// File is a template's name and text, with its line starts computed once.
type File struct {
	Name string
	Src  string
	// lines[i] is the byte offset at which line i+1 starts.
	lines []int
}

// NewFile returns a File for name and src.
func NewFile(name, src string) *File {
	f := &File{Name: name, Src: src, lines: []int{0}}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	return f
}

// Position is a human-readable location: 1-based line, 1-based column
// counted in runes (as editors and participle count them).
type Position struct {
	Filename string
	Offset   int // byte offset, 0-based
	Line     int // 1-based
	Column   int // 1-based, in runes
}

// String formats the position as "file:line:col" (or "line:col" without a
// file name).
func (p Position) String() string {
	if p.Filename == "" {
		return fmt.Sprintf("%d:%d", p.Line, p.Column)
	}
	return fmt.Sprintf("%s:%d:%d", p.Filename, p.Line, p.Column)
}

// Position converts p to line and column. Positions past the end of the text
// are clamped to its end, so a reported position always lies inside the file.
func (f *File) Position(p Pos) Position {
	off := p.Offset()
	if off < 0 {
		off = 0
	}
	if off > len(f.Src) {
		off = len(f.Src)
	}
	i := sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > off }) - 1
	start := f.lines[i]
	return Position{
		Filename: f.Name,
		Offset:   off,
		Line:     i + 1,
		Column:   utf8.RuneCountInString(f.Src[start:off]) + 1,
	}
}

// LineText returns the text of the 1-based line n, without its newline.
func (f *File) LineText(n int) string {
	if n < 1 || n > len(f.lines) {
		return ""
	}
	start := f.lines[n-1]
	end := len(f.Src)
	if n < len(f.lines) {
		end = f.lines[n] - 1
	}
	return strings.TrimSuffix(f.Src[start:end], "\r")
}

// Kind classifies an Error by the stage that found it.
type Kind uint8

const (
	Syntax  Kind = iota // the template does not parse
	Compile             // the template parses but cannot be compiled
	Runtime             // rendering failed (a Java exception, a bad payload)
	Limit               // a configured budget (steps, output size, template size) ran out
)

func (k Kind) String() string {
	switch k {
	case Syntax:
		return "syntax error"
	case Compile:
		return "compile error"
	case Runtime:
		return "render error"
	case Limit:
		return "limit exceeded"
	}
	return "error"
}

// Error is an error at a template position. Error() is always one stable
// line, "file:line:col: message", so editors and tests can read it.
type Error struct {
	Kind Kind
	Pos  Position
	Msg  string
	Err  error // the cause, if any, for errors.Is/As
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an Error of kind k at p in f.
func (f *File) Errorf(k Kind, p Pos, format string, args ...any) *Error {
	return &Error{Kind: k, Pos: f.Position(p), Msg: fmt.Sprintf(format, args...)}
}

// Snippet renders the line of e with a caret under its column, for people
// (the CLI), never for comparison in tests.
func Snippet(f *File, e *Error) string {
	line := f.LineText(e.Pos.Line)
	if line == "" {
		return ""
	}
	col := e.Pos.Column - 1
	var pad strings.Builder
	for i, r := range []rune(line) {
		if i >= col {
			break
		}
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	return "  " + line + "\n  " + pad.String() + "^"
}
