package apigw

import (
	"sort"
	"strings"
)

// CachedPaths lists the compiled paths in the cache that start with prefix.
func CachedPaths(prefix string) []string {
	var out []string
	pathCache.mu.Lock()
	defer pathCache.mu.Unlock()
	var all []map[string]pathOrErr
	if snap := pathCache.snapshot.Load(); snap != nil {
		all = append(all, *snap)
	}
	for _, m := range append(all, pathCache.pending) {
		for s := range m {
			if strings.HasPrefix(s, prefix) {
				out = append(out, s)
			}
		}
	}
	sort.Strings(out)
	return out
}
