#!/usr/bin/env python3
"""Turns one JMH JSON result file (-rf json) of DecisionBenchmark into the markdown tables of
docs/benchmarks.md: every case with the three engines side by side, then the issue's targets,
each marked met or missed. Usage: results-table.py benchmarks/results/run.json"""
import json
import sys

ENGINES = ["klyo", "cedar", "jcasbin"]
KINDS = ["network", "file", "tool"]
NO_CONDITIONS_TARGET_NS = 1000
CONDITIONS_TARGET_NS = 3000
SPEEDUP_TARGET = 5.0
# "Flat in rule count": 10,000 rules may cost at most this much more than 10.
FLAT_FACTOR = 2.0


def load(path):
    scores = {}
    for r in json.load(open(path)):
        if ".DecisionBenchmark." not in r["benchmark"]:
            continue  # other benchmarks of the module may share the run
        engine = r["benchmark"].rsplit(".", 1)[1]
        p = r["params"]
        m = r["primaryMetric"]
        if m["scoreUnit"] != "ns/op":
            sys.exit("expected ns/op, got " + m["scoreUnit"])
        scores[(engine, p["kind"], int(p["rules"]), p["conditions"])] = (m["score"], m["scoreError"])
    return scores


def ns(value):
    score, error = value
    if score >= 100:
        text = f"{score:,.0f}"
    else:
        text = f"{score:,.1f}"
    if isinstance(error, (int, float)) and error == error:  # "NaN" or NaN after a single iteration
        text += f" ± {error:,.0f}" if error >= 10 else f" ± {error:,.1f}"
    return text


def main(path):
    s = load(path)
    rule_counts = sorted({k[2] for k in s})
    print("| kind | rules | conditions | Klyo (ns) | cedar-java (ns) | jCasbin (ns) | cedar-java / Klyo | jCasbin / Klyo |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for kind in KINDS:
        for cond in ["no", "yes"]:
            for n in rule_counts:
                row = [s.get((e, kind, n, cond)) for e in ENGINES]
                if row[0] is None:
                    continue
                ratios = [f"{r[0] / row[0][0]:,.1f}×" if r else "–" for r in row[1:]]
                cells = [ns(r) if r else "–" for r in row]
                print(f"| {kind} | {n:,} | {cond} | " + " | ".join(cells + ratios) + " |")

    print()
    print("| target | result | met? |")
    print("|---|---|---|")
    top = max(rule_counts)
    low = min(rule_counts)
    for cond, limit in [("no", NO_CONDITIONS_TARGET_NS), ("yes", CONDITIONS_TARGET_NS)]:
        worst = max((s[("klyo", k, top, cond)][0], k) for k in KINDS if ("klyo", k, top, cond) in s)
        label = "without conditions" if cond == "no" else "with CEL conditions"
        print(f"| < {limit:,} ns per decision at {top:,} rules {label} | worst {worst[0]:,.0f} ns ({worst[1]}) "
              f"| {'yes' if worst[0] < limit else 'no'} |")
    growth = max((s[("klyo", k, top, c)][0] / s[("klyo", k, low, c)][0], k, c)
                 for k in KINDS for c in ["no", "yes"] if ("klyo", k, low, c) in s and ("klyo", k, top, c) in s)
    print(f"| cost flat in rule count ({top:,} rules at most {FLAT_FACTOR:g}× the cost of {low:,}) "
          f"| worst {growth[0]:.2f}× ({growth[1]}, conditions {growth[2]}) | {'yes' if growth[0] <= FLAT_FACTOR else 'no'} |")
    for peer, name in [("cedar", "cedar-java"), ("jcasbin", "jCasbin")]:
        ratios = [(s[(peer, k, n, c)][0] / s[("klyo", k, n, c)][0], k, n, c)
                  for (e, k, n, c) in s if e == "klyo" and (peer, k, n, c) in s]
        if not ratios:
            continue
        worst = min(ratios)
        print(f"| ≥ {SPEEDUP_TARGET:g}× faster than {name} in every case | slowest margin {worst[0]:,.1f}× "
              f"({worst[1]}, {worst[2]:,} rules, conditions {worst[3]}) | {'yes' if worst[0] >= SPEEDUP_TARGET else 'no'} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
