#!/usr/bin/env python3
# render.py conformance|FILES... : build expected outputs and run TestRenderCheck
import sys, json, subprocess, os, glob, tempfile, shutil
recs=[]
if sys.argv[1]=="conformance":
    for d in sorted(glob.glob("/work/shared/conformance/velocity/*/")):
        if os.path.exists(d+"expected.txt") and not os.path.exists(d+"request.json"):
            recs.append({"file":d+"template.vtl","expected":open(d+"expected.txt",encoding="utf-8",newline="").read()})
else:
    files=sys.argv[1:]
    tmp=tempfile.mkdtemp(dir="/tmp/tokdump"); dirs=[]
    for i,f in enumerate(files):
        dd=os.path.join(tmp,"c%05d"%i); os.makedirs(dd); shutil.copy(f, dd+"/template.vtl"); dirs.append(dd)
    out=subprocess.run(["/work/shared/oracle/vtl-oracle","batch"]+dirs,capture_output=True,text=True).stdout
    for i,l in enumerate(out.splitlines()):
        j=json.loads(l)
        if "output" in j: recs.append({"file":files[i],"expected":j["output"]})
    shutil.rmtree(tmp)
open("/tmp/tokdump/render.jsonl","w").write("\n".join(json.dumps(r) for r in recs)+"\n")
r=subprocess.run(["go","test","./parser/","-run","TestRenderCheck","-count=1","-v"],cwd="/work/main",env=dict(os.environ,VTLC_RENDER="/tmp/tokdump/render.jsonl"),capture_output=True,text=True)
print(r.stdout[-6000:], r.stderr[-2000:])
