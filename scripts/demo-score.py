"""Scores engine decisions against the simulator's ground truth.

Every injected incident must be detected by each rule the truth names, for the incident's
agent. Policy rules act on every intent (their verdicts may carry alerts by design), so only
detections by stream rules (threshold, sequence, absence, drift) that no incident explains
count as unexpected. Exit 0 when every incident was detected and nothing unexpected fired.
"""
import json
import sys

DETECTION_KINDS = {"command", "alert", "suppressed"}


def main(truth_path, decisions_path):
    truth = json.load(open(truth_path))
    fired = {}  # (rule, agent) -> count of detection outputs
    policy_denials = {}
    policy_rules = set()
    with open(decisions_path) as f:
        for line in f:
            d = json.loads(line)
            if d["kind"] in DETECTION_KINDS and d.get("rule"):
                fired[(d["rule"], d.get("agent"))] = fired.get((d["rule"], d.get("agent")), 0) + 1
            if d["kind"] == "verdict" and d.get("rule"):
                policy_rules.add(d["rule"])
            if d["kind"] == "verdict" and d.get("verdict") == "deny" and d.get("final"):
                policy_denials[(d.get("rule"), d.get("agent"))] = True
    explained = set()
    missed = []
    print(f"{'incident':<28} {'agent':<11} {'rule':<40} detected")
    for inc in truth["incidents"]:
        for rule in inc["rules"]:
            key = (rule, inc["agent"])
            ok = key in fired or key in policy_denials
            explained.add(key)
            if not ok:
                missed.append((inc["kind"], rule, inc["agent"]))
            print(f"{inc['kind']:<28} {inc['agent']:<11} {rule:<40} {'yes' if ok else 'NO'}")
    unexpected = sorted(k for k in fired if k not in explained and k[0] not in policy_rules)
    for rule, agent in unexpected:
        print(f"unexpected detection: rule {rule} for agent {agent} ({fired[(rule, agent)]} outputs)")
    n = sum(len(i["rules"]) for i in truth["incidents"])
    print(f"{n - len(missed)}/{n} expected detections, {len(unexpected)} unexpected")
    return 0 if not missed and not unexpected else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: demo-score.py TRUTH.json DECISIONS.jsonl")
    sys.exit(main(sys.argv[1], sys.argv[2]))
