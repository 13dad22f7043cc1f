"""Compares greedy_diag.py outputs: each provider's ids against the CPU provider's, with the CPU margin where they part."""
import json, sys
runs = [json.load(open(f)) for f in sys.argv[1:]]
cpu = next(r for r in runs if r["provider"] == "cpu")
for r in runs:
    if r is cpu:
        continue
    same = 0
    for i, (a, b) in enumerate(zip(cpu["cases"], r["cases"])):
        if a["ids"] == b["ids"]:
            same += 1
            continue
        step = next(k for k, (x, y) in enumerate(zip(a["ids"], b["ids"])) if x != y)
        print(f"  {r['provider']} case {i:2d}: parts at step {step}, CPU margin there {a['margins'][step]:.2e}")
    print(f"{r['provider']} on {r['folder'].split('/')[-1]}: {same} of {len(cpu['cases'])} equal the CPU provider")
