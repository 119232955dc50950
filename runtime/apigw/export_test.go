package apigw

import (
	"sort"
	"strings"
)

// CachedPaths lists the compiled paths in the cache that start with prefix.
func CachedPaths(prefix string) []string {
	var out []string
	pathCache.m.Range(func(k, _ any) bool {
		if s := k.(string); strings.HasPrefix(s, prefix) {
			out = append(out, s)
		}
		return true
	})
	sort.Strings(out)
	return out
}
