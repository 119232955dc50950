#!/usr/bin/env python3
# cmp.py FILE... : compare Go lexer vs Velocity token stream for files Velocity parses.
import sys, json, subprocess, os
files = sys.argv[1:]
CP="/usr/share/java/velocity-1.7.jar:/usr/share/java/commons-collections3.jar:/usr/share/java/commons-lang.jar"
jv = {}
for i in range(0, len(files), 2000):
    out = subprocess.run(["java","-cp","/tmp/tokdump:"+CP,"TokDump"]+files[i:i+2000],capture_output=True,text=True).stdout
    for l in out.splitlines():
        j = json.loads(l); jv[j["file"]] = j
open("/tmp/tokdump/lex.list","w").write("\n".join(files))
env = dict(os.environ, VTLC_LEXDUMP="@/tmp/tokdump/lex.list", VTLC_LEXDUMP_OUT="/tmp/tokdump/go.out")
r = subprocess.run(["go","test","./parser/","-run","TestLexDump","-count=1"],cwd="/work/main",env=env,capture_output=True,text=True)
if r.returncode: print(r.stdout, r.stderr); sys.exit(1)
gv = {}
for l in open("/tmp/tokdump/go.out"):
    j = json.loads(l); gv[j["file"]] = j
def filt(st):
    sb=[]; i=0
    while i < len(st):
        c=st[i]
        if c in "#$": sb.append(c)
        if c=='\\':
            ok=True; term=False; j=i
            while ok and j < len(st):
                cc=st[j]
                if cc=='\\': j+=1; continue
                elif cc=='$': term=True; ok=False
                else: ok=False
                j+=1
            if term: sb.append(st[i:j]); i=j
        i+=1
    return "".join(sb)
bad=0; ok=0; skipped=0
for f in files:
    j=jv[f]; g=gv[f]
    if "error" in j:
        skipped+=1; continue
    src=open(f,encoding="utf-8",newline="").read()
    lines=src.split("\n")
    jt=j["tokens"]; gt=g["tokens"]
    diff=None
    for k in range(max(len(jt),len(gt))):
        a = jt[k] if k < len(jt) else None; b = gt[k] if k < len(gt) else None
        if a is None or b is None: diff=(k,a,b); break
        ka=[a[0], a[1] if a[0]!=0 else "", filt(a[2]), a[3] if a[0]!=0 and "\r" not in src else 0]
        kb=[b[0], b[1] if b[0]!=0 else "", b[2], b[3] if b[0]!=0 and "\r" not in src else 0]
        if a[0]==13: ka[1]=kb[1]=""
        if a[0]!=0 and "\r" not in src and "\t" not in lines[a[3]-1] and all(ord(ch)<0x10000 for ch in lines[a[3]-1]): ka.append(a[4]); kb.append(b[4])
        if ka!=kb: diff=(k,ka,kb); break
    if diff or "error" in g:
        bad+=1
        if bad<=int(os.environ.get("SHOW","8")): print("DIFF", f, g.get("error",""), diff)
    else: ok+=1
print("ok",ok,"bad",bad,"velocity-errors(skipped)",skipped)
