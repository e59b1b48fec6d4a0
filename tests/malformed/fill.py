#!/usr/bin/env python3
"""Fills in the plan outcomes of cases.json with `genova-sessions plan` (built from this
checkout): the summary and the SHA-256 of the plan's JSON line. Run after build.py; review
the printed summaries by hand before committing."""
import hashlib, json, subprocess, sys

binary = sys.argv[1] if len(sys.argv) > 1 else "../../target/debug/genova-sessions"
cases = json.load(open("cases.json"))

def expand(case):
    text = case["text"]
    e = case.get("expand")
    return text.replace(e["marker"], e["unit"] * e["count"]) if e else text

for case in cases:
    for key in ("expected", "expectedValue"):
        if case.get(key) != "plan":
            continue
        text = expand(case)
        if key == "expectedValue":
            # What JSON.parse hands the JS-value path: doubles, integral ones as integers.
            as_js = lambda f: int(float(f)) if float(f).is_integer() else float(f)
            text = json.dumps(json.loads(text, parse_float=as_js, parse_int=as_js), ensure_ascii=False)
        wrapper = '{"snapshot": ' + text + ', "options": ' + json.dumps(case["options"]) + "}"
        out = subprocess.run([binary, "plan", "--input", "-"], input=wrapper.encode(), capture_output=True)
        if out.returncode != 0:
            sys.exit(f"{case['name']}: exit {out.returncode}: {out.stderr.decode()}")
        plan = json.loads(out.stdout)
        case[key] = {"summary": plan["summary"]}
        codes = [e["code"] for e in plan["errors"]] + [w["code"] for w in plan["warnings"]]
        print(f"{case['name']:45} create={plan['summary']['sessionsToCreate']} conflicts={plan['summary']['conflicts']} {codes}"
              f" prices={sorted(set(c['price'] for c in plan['create']))[:3]}")
json.dump(cases, open("cases.json", "w"), ensure_ascii=False, indent=1)
