# Regenerates oracle_cases.json: python3 gen.py oracle_cases.json (needs shared/oracle/vtl-oracle; see probe.py).
import json, random, probe, sys
cases = []  # dict(kind, body, arg, ...)
def add(kind, body=None, arg=None):
    cases.append(dict(kind=kind, body=body, arg=arg))

# ---- body parsing
bodies = ["1", "1.0", "1e2", "12345678.0", "2147483647", "2147483648", "-2147483648", "-2147483649",
 "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
 "99999999999999999999", "1.5e400", "123456789012345678", "1.23456789012345678", "12345678901234567.5",
 "-", "-1-", "01", "-01", "1.", "1e", "1e+", "1E5", ".5", "[1 2]", "{\"a\":1 2}", "Nab", "{'a':'b'}",
 "{a:b}", "[a,b]", "[,1]", "[1,,2]", "[1,]", "{\"a\":1,}", "{,\"a\":1}", "\"a\\qb\"", "\"a\\x41b\"",
 "\"a\\u00e9\"", "\"a\tb\"", "\"a\\n\tb\"", "  x y  ", "{\"a\":1} trailing", "[1] x", "\"abc", "{\"a\"",
 "{\"a\":", "{\"a\":1", "[1", "[", "{", "}", "]", ":", "{\"a\":[1,{\"b\":null}],\"c\":true}",
 "{\"k\":\"v/w\"}", "{\"a\":1,\"a\":2,\"b\":3}", "true", "false", "tru", "\u00a0x\u00a0",
 "{\"a\":\"x\" , \"b\" : 2 }", "['a']", "[\"a\"b]", "{\"a\" x:1}", "{\"a\": ", "[1, ", "1111111111111111111e+",
 "-.", "-e5", "\"\\u00zz\"", "\"\\u00", "{\"a\":1]", "{\"a\":1 x}", "{a b:1}", "{\"a\"::1}", "[1:2]", "[1}",
 "1\u00e9", "[1\u00e9]", "00000000000000000001", "{\"a\":tru}", "[true false]", "{\"a\":nul}",
 "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "[1,\u001a2]", "a\u001ab", "{\"\":1}", "{1:2}", "{\"a\":{\"b\":[]}}",
 "[[[]]]", "{\"a\" :\t\"b\"\n}", "a=b", "\"a=b\"", "{}", "", "   ", "a{b", "a[", "null{", "true{", "undefined{",
 "{a", "[a", "1.0000000000000000000e5", "-0.00000000000000000000", "12345678901234567890.123e-30",
 "0.000001", "1e-7", "100", "1e7", "-0", "-0.0", "[1.5,2.25,-3e-5]", "{\"s\":\"\\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t\"}",
 "{\"u\":\"\u2028\u00e9\u0080\u009f\u20ac\"}", "[\"\\u007f\"]", "{\"a\":'x\"y'}", "{\"a\":\"x'y\"}",
 "[01, 007]", "[-]", "[- 1]", "{\"a\":-}", "[1e5x]", "[1.5 ]", "{\"a\" : 1 , }", "[\"a\" , \"b\" ,]",
 "{\"a\":[}", "{\"a\":{]}", "[{]", "{\"a\"\"b\"}", "[\"\\x4\"]", "{\"a\":\"\\u12\"}", "\t[1]\n", "\u00e9",
 "[ , , ]", "{\"a\":'b}", "{'a}", "['a]", "{\"x\":\"a\\qb\\u0041\"}", "[nulls, trues, NaNa]", "[\"x\"\"y\"]"]
for b in bodies: add("json", body=b)

# ---- JSONPath
store = {"store": {"book": [
  {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
  {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
  {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
  {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99, "tags": ["a","b"]}],
  "bicycle": {"color": "red", "price": 19.95, "gears": None}},
  "expensive": 10, "flag": True, "n": None, "name": "x/y", "nums": [1, 2.5, 3, 10, -1],
  "mixed": [1, "a", {"a": 1}, [1, 2], None, True], "empty": [], "obj": {"a": 1, "b": {"c": "d"}, "a.b": "dot", "sp ace": 5, "q'uote": 6},
  "strs": ["10", "9", "abc", "null"], "big": 12345678901234567890, "f": 1.0}
paths = ["$", "$.store", "$.store.book", "$.store.book[0]", "$.store.book[0].title", "$.store.book[-1]", "$.store.book[-1].title",
 "$.store.book[1:3]", "$.store.book[-2:]", "$.store.book[:2]", "$.store.book[:-1]", "$.store.book[2:]", "$.store.book[0,2]",
 "$.store.book[0,2].title", "$.store.book[*]", "$.store.book[*].author", "$.store.book.*", "$.store.*", "$.*",
 "$..author", "$..price", "$..book[2]", "$..book[0].title", "$..book[-1:]", "$..book[:2]", "$..book[?(@.isbn)]", "$..book[?(@.isbn)].title",
 "$.store.book[?(@.price < 10)]", "$.store.book[?(@.price < 10)].title", "$.store.book[?(@.price > 10)].title",
 "$.store.book[?(@.price <= 8.99)].title", "$.store.book[?(@.price >= 22.99)].title", "$.store.book[?(@.price == 8.95)].title",
 "$.store.book[?(@.price != 8.95)].title", "$.store.book[?(@.category == 'fiction')].title", "$.store.book[?(@.category == fiction)].title",
 "$.store.book[?(@.category != 'fiction')].title", "$.store.book[?(@.author =~ /.*Rees/)].title", "$.store.book[?(@.author =~ /.*rees/i)].title",
 "$.store.book[?(@.author =~ /Rees/)].title", "$.store.book[?(@.price < 10 && @.category == 'fiction')].title",
 "$.store.book[?(@.price < 10 || @.category == 'reference')].title", "$.store.book[?(@.price > 20 || @.price < 9 && @.category == 'fiction')].title",
 "$.store.book[?(@.price < $.expensive)].title", "$.store.book[?(!@.isbn)].title", "$.store.book[?(@.tags)].title",
 "$..book[?(@.price<10)]", "$.missing", "$.missing.deeper", "$.store.missing", "$.store.book[10]", "$.store.book[10].title",
 "$.n", "$.n.x", "$.flag", "$.expensive", "$.name", "$.nums", "$.nums[1]", "$.nums[?(@ > 2)]", "$.nums[?(@ < 2)]",
 "$.mixed", "$.mixed[*].a", "$.mixed[?(@.a)]", "$.mixed[?(@ == 'a')]", "$.mixed[?(@ == 1)]", "$.mixed[?(@ == null)]", "$.mixed[?(@ == true)]",
 "$.empty", "$.empty[0]", "$.empty[*]", "$.empty[:1]", "$.obj['a']", "$.obj['a','b']", "$['obj']['b']['c']", "$.obj['a.b']",
 "$.obj['sp ace']", "$.obj.b.c", "$.obj.*", "$.obj[*]", "$..c", "$..a", "$.obj.a.b", "$.obj.a[0]", "$.obj[0]", "$[0]", "$.name[0]",
 "$.name.x", "$.strs[?(@ > 5)]", "$.strs[?(@ == 'null')]", "$.strs[?(@ == null)]", "$.big", "$.f", "store.book[0].author",
 "$.store.book[(@.length-1)].title", "$.store.book[(@.size()-2)].title", "$..*", "$.store..price", "$.store.bicycle.gears",
 "$.store.bicycle[?(@.color)]", "$.store.bicycle[?(@.color == 'red')]", "$.obj[?(@.c)]", "$..[0]", "$..book[?(@.price > 9)].price",
 "$.", "$..", "$.a b", "", " $.store.bicycle.color ", "@.expensive", "$[*]", "$.store.book[*].isbn", "$.store.book[1:2].title",
 "$.store.book[0:0]", "$.store.book[3:1]", "$.store.book[-10:2]", "$.store.book[1:-1].title", "$.store.book[?(@.price)].price",
 "$.nums[?(@ == 2.5)]", "$.nums[?(@ == '2.5')]", "$.nums[?(@ > '2')]", "$.store.book[?(@.title > 'S')].title", "$.obj['q\\'uote']",
 "$.obj[\"a\"]", "$.store.book[0]['title','price']", "$.store.book[*]['title','price']", "$.store.book[0]['title','nope']",
 "$.mixed[?(@ > 0)]", "$.strs[?(@ =~ /\\d+/)]", "$.nums[?(@ =~ /1.*/)]", "$.store.book[?(@.price < 10)][0]", "$.nums[0:2][0]",
 "$.store.book[0].title.x", "$.store.book[*].title.x", "$.obj.*.c", "$['store']", "$.store.book.length", "$.nums[1,3,9]",
 "$.store.book[?(@.price == 8.95 || @.price == 8.99)].price", "$..book[1].author", "$..['author','title']", "$..book.length",
 "$.store.book[?(@.isbn == '0-553-21311-3')].title", "$.flag[?(@)]", "$.n[0]", "$.n[?(@.a)]"]
for p in paths: add("path", body=json.dumps(store), arg=p)
small = ["{\"a\":{\"b\":1}}", "[1,2,3]", "\"str\"", "a=b", "{}", "", "[{\"a\":1},{\"b\":2},{\"a\":3}]", "{\"a\":[{\"b\":{\"c\":1}},{\"b\":2}]}"]
spaths = ["$", "$.a", "$.a.b", "$[0]", "$[-1]", "$[*]", "$..b", "$.a[0].b.c", "$.a[*].b.c", "$..c", "$[*].a", "$[?(@.a)]", "$[?(@.a > 1)].a", "$.*", "$..*"]
for b in small:
    for p in spaths: add("path", body=b, arg=p)

# ---- util
esc = ["it's \"x\"", "a/b", "line1\nline2", "tab\there", "\b\f\r", "\u0001\u001f\u0000", "\u007f", "\u0080", "é", "\u00ff", "\u0100", "\u0fff",
 "\u1000", "\u20ac", "\uffff", "😀", "plain", "", "back\\slash", "<script>", "a\u2028b", "mixed 'é' \"😀\"/\\"]
for s in esc: add("util:escapeJavaScript", arg=s)
urls = ["some raw data", "{\"some\": \"value\"}", "{}", "~", "*", "é", "a+b", "a b&c=d", "-_.*", "100%", "/?#[]@!$&'()*+,;=", "😀", "", "\u0000"]
for s in urls: add("util:urlEncode", arg=s)
decs = ["a+b", "a%20b", "%7E", "%C3%A9", "%e2%82%ac", "%", "%4", "abc%", "%zz", "%4g", "%+1", "%-1", "%-0", "%41%", "%C3", "%FF%FE", "plain", "", "%F0%9F%98%80", "+%2B+", "%%41"]
for s in decs: add("util:urlDecode", arg=s)
b64e = ["", "a", "ab", "abc", "abcd", "é", "😀", "hello world", "\u0000\u00ff"]
for s in b64e: add("util:base64Encode", arg=s)
b64d = ["", "YQ==", "YWI=", "YWJj", "YQ", "YWI", "Y", "YQ=", "YQ===", "YQ==x", "YQ==YQ==", "Y===", "=", "ab$c", "aGVsbG8gd29ybGQ=", "w6k=", "8J+YgA==", "//79", "/w==", "YW Jj", "é", "YWJj\n", "AAAA"]
for s in b64d: add("util:base64Decode", arg=s)
pj = ["{\"key1\":\"var1\",\"key2\":{\"arr\":[1,2,3]}}", "[1,2]", "1", "\"s\"", "a=b", "{a", "[a", "null", "", "1e+", "{\"a\":1.0}", "true"]
for s in pj: add("util:parseJson", arg=s)

def template(c):
    k = c["kind"]
    if k == "json": return "$input.json('$')"
    if k == "path": return "$input.json($input.params('p'))|#set($v = $input.path($input.params('p')))$v"
    fn = k.split(":")[1]
    return "$util.%s($input.params('p'))" % fn
def request(c):
    r = {}
    if c["body"] is not None: r["body"] = c["body"]
    if c["arg"] is not None: r["query"] = {"p": c["arg"]}
    return r
res = probe.run([(request(c), template(c)) for c in cases])
out = []
for c, (kind, text) in zip(cases, res):
    c = dict(c)
    if kind == "out": c["want"] = text
    else: c["error"] = text
    out.append(c)
json.dump(out, open(sys.argv[1], "w"), indent=0, ensure_ascii=False)
print(len(out))
