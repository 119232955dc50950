import random, os, sys
R=random.Random(int(sys.argv[2])); n=int(sys.argv[1]); d=sys.argv[3]; os.makedirs(d, exist_ok=True)
def ws(): return R.choice(["", "", " ", "  ", "\t", "\n", " \n", "\n  ", "\r\n"])
def ident(): return R.choice(["a","b","foo","x1","my-var","_u","c_d","true1"])
def ref(depth=0):
    s = R.choice(["$","$!","$","\\$","\\\\$","#$"])
    formal = R.random()<0.2
    s += "{" if formal else ""
    s += ident()
    for _ in range(R.randint(0,2)):
        c=R.random()
        if c<0.4: s+="."+ident()
        elif c<0.7 and depth<2: s+="."+ident()+"("+",".join(expr_param(depth+1) for _ in range(R.randint(0,2)))+")"
        else: s+="["+R.choice(["0","1","'k'","$i","true"])+"]"
    if formal: s+= "}" if R.random()<0.95 else ""
    return s
def strlit(depth):
    if R.random()<0.5: return "'"+R.choice(["x","a''b","","\\u0041","#x","$y"])+"'"
    parts=[R.choice(["x","a b","","##c","#if(true)y#end","\\u0041","\"\"","$a","${b}x","#set($z=1)",ref(depth+1) if depth<2 else "q"]) for _ in range(R.randint(0,3))]
    return '"'+"".join(parts)+'"'
def expr_param(depth):
    c=R.random()
    if c<0.3: return ws()+ref(depth)+ws()
    if c<0.5: return strlit(depth)
    if c<0.6: return R.choice(["1","-2","3.5","true","false"])
    if c<0.7: return "["+R.choice(["1..3","$a..2"," 1 .. $b ",""])+"]"
    if c<0.8: return "["+", ".join(expr_param(depth+1) for _ in range(R.randint(0,3)))+"]"
    if c<0.9: return "{"+", ".join(expr_param(depth+1)+":"+expr_param(depth+1) for _ in range(R.randint(0,2)))+"}"
    return R.choice(["x","in","'a'"])
def expr(depth=0):
    c=R.random()
    if c<0.4 or depth>2: e=expr_param(depth+1)
    elif c<0.6: e="!"+expr(depth+1)
    elif c<0.7: e="("+expr(depth+1)+")"
    else: e=expr(depth+1)+ws()+R.choice(["==","!=","<",">=","&&","||","and","or","eq","ne","lt","+","-","*","/","%","not"])+ws()+expr(depth+1)
    return e
def stmt(depth=0):
    c=R.random()
    if c<0.25: return R.choice(["text","hello world"," ","\n","  \n","a.b","(x)","{y}","[z]",".","$","#","\\","\\\\","$1","#1","'q'","\"s\"","x\r\ny","\t"])
    if c<0.4: return ref()
    if c<0.5: return ws()+"#set("+ws()+R.choice(["$a","$b.c","$m['k']"])+ws()+"="+ws()+expr()+")"+ws()
    if depth>2: return "z"
    if c<0.6: return R.choice(["#if","#{if}"])+R.choice(["",""," "])+"("+expr()+")"+ws()+body(depth)+("#else"+ws()+body(depth) if R.random()<0.4 else "")+R.choice(["#end","#{end}","#end\n","#end  \n",""])+ws()
    if c<0.7: return "#foreach("+ws()+"$i"+ws()+"in"+ws()+expr_param(1)+")"+ws()+body(depth)+R.choice(["#end","#end\n"])+ws()
    if c<0.75: return R.choice(["## comment\n","#* c *#","#** d *#","#[[raw $x #if]]#","##\n","#**#"])
    if c<0.8: return R.choice(["\\#if","\\#foo","\\\\#if(true)x#end","\\$a","\\#set","#break","#stop","\\#end","\\\\\\$b"])
    if c<0.85: return R.choice(["#foo(","#@foo(","#evaluate(","#macro(m ","#define("])+" ".join(expr_param(1) for _ in range(R.randint(0,2)))+")"+ws()+(body(depth)+"#end" if R.random()<0.5 else "")
    if c<0.9: return "#literal()"+body(depth)+"#end"
    return ws()
def body(depth):
    return "".join(stmt(depth+1) for _ in range(R.randint(0,3)))
for i in range(n):
    s="".join(stmt() for _ in range(R.randint(1,5)))
    open(os.path.join(d,"g%05d.vtl"%i),"w",newline="").write(s)
