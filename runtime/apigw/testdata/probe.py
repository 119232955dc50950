import json, os, subprocess, sys, shutil, tempfile
def run(cases):
    """cases: list of (request_dict_or_None, template) -> list of ('output'|'error', text)"""
    d = tempfile.mkdtemp(dir='/tmp/probe')
    dirs = []
    for i, (req, tpl) in enumerate(cases):
        cd = os.path.join(d, '%04d' % i); os.makedirs(cd)
        open(os.path.join(cd, 'template.vtl'), 'w').write(tpl)
        if req is not None:
            open(os.path.join(cd, 'request.json'), 'w').write(json.dumps(req))
        dirs.append(cd)
    out = subprocess.run(['/work/shared/oracle/vtl-oracle', 'batch'] + dirs, capture_output=True, text=True).stdout
    res = {}
    for line in out.splitlines():
        o = json.loads(line)
        res[o['case']] = ('out', o['output']) if 'output' in o else ('err', o['error'])
    shutil.rmtree(d)
    return [res[x] for x in dirs]
if __name__ == '__main__':
    cases = json.load(sys.stdin)
    for (req, tpl), r in zip(cases, run(cases)):
        print(json.dumps([req.get('body') if req else None, tpl, r[0], r[1]], ensure_ascii=False))
