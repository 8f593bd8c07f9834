#!/usr/bin/env python3
"""Turns one JMH JSON result file (-rf json) of the javaagent overhead benchmarks
(dev.klyo.benchmarks.agent) into the markdown table of docs/benchmarks.md: each call without
the agent, with it (two policies) and under the JDK SecurityManager, the ratio to the baseline and
the issue's target, met or missed. Usage: agent-overhead-table.py benchmarks/results/agent-overhead.json"""
import json
import sys

VARIANTS = [("AgentOffBenchmark", "no agent"),
            ("AgentOnBenchmark", "agent, allow-all.yaml"),
            ("AgentOnNoFileRulesBenchmark", "agent, no-file-rules.yaml"),
            ("AgentSecurityManagerBenchmark", "SecurityManager")]
# call -> (label, target as a ratio to the baseline, or None; extra allowance in the unit, or None)
CALLS = {
    "httpGet": ("HTTP GET, loopback keep-alive", 1.05, None),
    "socketRoundTrip": ("socket connect + 1-byte round trip", None, None),
    "fileInputStream4k": ("4 KB `FileInputStream` open + read + close", 1.25, None),
    "filesNewInputStream4k": ("4 KB `Files.newInputStream` open + read + close", 1.25, None),
    "canonicalPath": ("`File.getCanonicalPath` of that file (not governed)", None, None),
    "processStart": ("process start (`/bin/true`, waitFor)", 1.05, None),
    "jvmStartToMain": ("JVM start to `main`", None, 300.0),
}
# Klyo must not be slower than the SecurityManager on these (issue 3).
SECURITY_MANAGER_CALLS = ["socketRoundTrip", "fileInputStream4k", "filesNewInputStream4k"]


def load(path):
    scores = {}
    for r in json.load(open(path)):
        cls, call = r["benchmark"].rsplit(".", 2)[-2:]
        m = r["primaryMetric"]
        scores[(cls, call)] = (m["score"], m["scoreError"], m["scoreUnit"])
    return scores


def cell(v):
    if v is None:
        return "–"
    score, error, _ = v
    return f"{score:,.1f} ± {error:,.1f}" if error == error else f"{score:,.1f}"  # NaN error: one iteration


AGENTS = [("AgentOnBenchmark", "allow-all"), ("AgentOnNoFileRulesBenchmark", "no-file-rules")]


def noisy(a, b):
    """True when the two scores' error bars overlap: the run cannot tell them apart."""
    return abs(a[0] - b[0]) < (a[1] if a[1] == a[1] else 0) + (b[1] if b[1] == b[1] else 0)


def verdicts(scores, call, ratio_target, extra_target):
    base = scores.get(("AgentOffBenchmark", call))
    ratios, out = [], []
    for cls, name in AGENTS:
        on = scores.get((cls, call))
        if not base or not on:
            continue
        ratio = f"{on[0] / base[0]:.2f}×"
        met = None
        if ratio_target is not None:
            met = on[0] / base[0] <= ratio_target
        if extra_target is not None:
            diff = on[0] - base[0]
            ratio += f" (+{diff:,.0f})"
            met = diff <= extra_target
        ratios.append(ratio)
        if met is not None:
            out.append(f"{name}: " + ("met" if met else "missed") + (" (within error)" if noisy(on, base) else ""))
        sm = scores.get(("AgentSecurityManagerBenchmark", call))
        if call in SECURITY_MANAGER_CALLS and sm:
            out.append(f"{name} ≤ SecurityManager: " + ("met" if on[0] <= sm[0] else "missed")
                       + (" (within error)" if noisy(on, sm) else ""))
    target = [f"≤ {ratio_target}×" if ratio_target else None, f"≤ +{extra_target:.0f} ms" if extra_target else None]
    return " / ".join(ratios) or "–", "; ".join(t for t in target if t) or "–", "; ".join(out) or "–"


def main():
    scores = load(sys.argv[1])
    present = [(c, n) for c, n in VARIANTS if any(k[0] == c for k in scores)]
    print("| call | unit | " + " | ".join(n for _, n in present) + " | agent ÷ no agent | target | verdict |")
    print("|---|---|" + "---:|" * len(present) + "---:|---|---|")
    for call, (label, ratio_target, extra_target) in CALLS.items():
        row = [scores.get((c, call)) for c, _ in present]
        if all(v is None for v in row):
            continue
        unit = next(v[2] for v in row if v is not None)
        ratio, target, verdict = verdicts(scores, call, ratio_target, extra_target)
        print(f"| {label} | {unit} | " + " | ".join(cell(v) for v in row) + f" | {ratio} | {target} | {verdict} |")


if __name__ == "__main__":
    main()
