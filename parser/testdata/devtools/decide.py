#!/usr/bin/env python3
import sys, json, subprocess, os
files = sys.argv[1:]
CP="/usr/share/java/velocity-1.7.jar:/usr/share/java/commons-collections3.jar:/usr/share/java/commons-lang.jar"
jv = {}
for i in range(0, len(files), 3000):
    out = subprocess.run(["java","-cp","/tmp/tokdump:"+CP,"TokDump"]+files[i:i+3000],capture_output=True,text=True).stdout
    for l in out.splitlines():
        j = json.loads(l); jv[j["file"]] = j
open("/tmp/tokdump/dec.list","w").write("\n".join(files))
env = dict(os.environ, VTLC_DECIDE="@/tmp/tokdump/dec.list", VTLC_DECIDE_OUT="/tmp/tokdump/dec.out")
r = subprocess.run(["go","test","./parser/","-run","TestDecide","-count=1"],cwd="/work/main",env=env,capture_output=True,text=True)
if r.returncode: print(r.stdout[-3000:], r.stderr[-3000:]); sys.exit(1)
gv = {}
for l in open("/tmp/tokdump/dec.out"):
    j = json.loads(l); gv[j["file"]] = j
agree=0; dis=[]
for f in files:
    je = jv[f].get("error"); ge = gv[f].get("error"); gp = gv[f].get("panic")
    if gp: dis.append((f, "PANIC "+gp, je)); continue
    if (je is None) == (ge is None): agree+=1
    else: dis.append((f, ge, je))
print("agree", agree, "of", len(files))
for d in dis[:int(os.environ.get("SHOW","20"))]:
    src=open(d[0],encoding="utf-8",errors="replace").read()
    print("---", d[0], "\n  src:", repr(src[:200]), "\n  go:", d[1], "\n  vel:", d[2])
