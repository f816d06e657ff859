#!/usr/bin/env python3
"""Summarizes one cardinality of bench/rules/run.sh: DIR (with polls/*.json), PROMETHEUS URL, SERIES."""
import glob
import json
import statistics
import sys
import urllib.parse
import urllib.request

directory, prometheus, series = sys.argv[1], sys.argv[2], sys.argv[3]
groups = {}   # name -> {"interval", "evals": {lastEvaluation: seconds}, "rules": {rule: {lastEvaluation: seconds}}, "exprs"}
for path in sorted(glob.glob(f"{directory}/polls/*.json")):
    for g in json.load(open(path))["data"]["groups"]:
        entry = groups.setdefault(g["name"], {"interval": g["interval"], "evals": {}, "rules": {}, "exprs": {}, "errors": set()})
        if g["lastEvaluation"].startswith("0001"):
            continue
        entry["evals"][g["lastEvaluation"]] = g["evaluationTime"]
        for r in g["rules"]:
            entry["rules"].setdefault(r["name"], {})[g["lastEvaluation"]] = r["evaluationTime"]
            entry["exprs"][r["name"]] = r["query"]
            if r.get("health") == "err":
                entry["errors"].add(f'{r["name"]}: {r.get("lastError")}')


def samples(expr):
    url = f"{prometheus}/api/v1/query?" + urllib.parse.urlencode({"query": expr, "stats": "all"})
    with urllib.request.urlopen(url, timeout=300) as response:
        return json.load(response)["data"]["stats"]["samples"]["totalQueryableSamples"]


def ms(values):
    return statistics.median(values) * 1000 if values else float("nan")


print(f"\n### {series} series per counter\n")
print("| group | interval | evaluations | ms per evaluation (median) | samples touched per evaluation |")
print("|---|---|---|---|---|")
per_slo = {}
rule_rows = []
for name, g in sorted(groups.items()):
    touched = 0
    for rule, expr in g["exprs"].items():
        n = samples(expr)
        touched += n
        rule_rows.append((name, rule, ms(list(g["rules"][rule].values())), n))
    cost = ms(list(g["evals"].values()))
    print(f"| {name} | {g['interval']:.0f}s | {len(g['evals'])} | {cost:.1f} | {touched:,} |")
    for error in sorted(g["errors"]):
        print(f"|   error: {error} | | | | |")
    slo = name.rsplit("-", 1)[0]
    per_cycle = per_slo.setdefault(slo, [0.0, 0])
    per_cycle[0] += cost * 30 / g["interval"]
    per_cycle[1] += touched * 30 / g["interval"]

print("\n| SLO (rule set) | ms per 30 s cycle | samples per 30 s cycle |")
print("|---|---|---|")
for slo, (cost, touched) in sorted(per_slo.items()):
    print(f"| {slo} | {cost:.1f} | {touched:,.0f} |")
for new in [s for s in per_slo if not s.startswith("old-")]:
    old = "old-" + new
    if old in per_slo:
        print(f"\nnew/old per cycle, {new.removeprefix('rumslo-shop-')}: time {per_slo[new][0] / per_slo[old][0]:.3f}, samples {per_slo[new][1] / per_slo[old][1]:.4f}")

print("\n<details><summary>per rule</summary>\n")
print("| group | rule | ms (median) | samples |")
print("|---|---|---|---|")
for name, rule, cost, n in rule_rows:
    print(f"| {name} | {rule} | {cost:.2f} | {n:,} |")
print("\n</details>")
