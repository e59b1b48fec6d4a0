#!/usr/bin/env python3
"""Seeds each fuzz target's corpus (fuzz/corpus/<target>/, not committed) from the project's
test data: every snapshot of tests/conformance and tests/vectors as compact JSON, the wall
times, instants and money strings they hold, and the regression inputs in fuzz/regressions/."""
import glob, hashlib, json, os, shutil

here = os.path.dirname(os.path.abspath(__file__))
fuzz = os.path.dirname(here)
root = os.path.dirname(fuzz)

def put(target, data):
    d = os.path.join(fuzz, "corpus", target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)

def strings(v):
    if isinstance(v, dict):
        for x in v.values():
            yield from strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)
    elif isinstance(v, str):
        yield v

for path in sorted(glob.glob(os.path.join(root, "tests/conformance/*.json")) + glob.glob(os.path.join(root, "tests/vectors/*.json"))):
    case = json.load(open(path))
    snapshot = json.dumps(case["snapshot"], separators=(",", ":"), ensure_ascii=False)
    put("plan_json", snapshot)
    put("functions", snapshot)
    for s in set(strings(case["snapshot"])):
        if len(s) < 40:
            put("parsers", s)
for target in ("plan_json", "parsers", "functions"):
    for path in glob.glob(os.path.join(fuzz, "regressions", target, "*")):
        shutil.copy(path, os.path.join(fuzz, "corpus", target))
print("seeded", {t: len(os.listdir(os.path.join(fuzz, "corpus", t))) for t in ("plan_json", "parsers", "functions")})
