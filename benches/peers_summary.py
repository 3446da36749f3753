"""Summaries for benches/peers.sh.

    peers_summary.py timing DIR NAME ROUND   one results line from the harness's timing.json files
    peers_summary.py report RESULTS          the table of passes and the ratios, per round and median

A results line is: round, name, pages, pages/s, MB/s (tab-separated).
"""

import glob
import json
import statistics
import sys

NAMES = ["tokenize", "rcdom", "parse", "dechaff", "dechaff-text", "resiliparse", "trafilatura"]

# The ratios the speed issue asks for (and two against the rcdom floor), each
# taken between passes of the same round.
RATIOS = [
    ("dechaff × resiliparse", "dechaff", "resiliparse"),
    ("text path × resiliparse", "dechaff-text", "resiliparse"),
    ("dechaff of tokenize-only", "dechaff", "tokenize"),
    ("text path of tokenize-only", "dechaff-text", "tokenize"),
    ("dechaff of rcdom", "dechaff", "rcdom"),
    ("text path of rcdom", "dechaff-text", "rcdom"),
    ("dechaff's parse of tokenize-only", "parse", "tokenize"),
]


def timing(directory, name, round_):
    docs = secs = nbytes = 0
    for path in glob.glob(directory + "/*/timing.json"):
        with open(path) as f:
            t = json.load(f)
        docs += t["docs"]
        secs += t["seconds"]
        nbytes += t["bytes"]
    print(f"{round_}\t{name}\t{docs}\t{docs / secs:.1f}\t{nbytes / 1e6 / secs:.2f}")


def report(results):
    with open(results) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    rate = {(r, name): float(pages_s) for r, name, _, pages_s, _ in rows}
    rounds = sorted({r for r, *_ in rows}, key=int)

    print("pages/s (pages over the summed time of the timed calls):")
    print()
    print("| round | " + " | ".join(NAMES) + " |")
    print("|---" * (len(NAMES) + 1) + "|")
    for r in rounds:
        cells = [f"{rate[(r, n)]:.1f}" if (r, n) in rate else "" for n in NAMES]
        print(f"| {r} | " + " | ".join(cells) + " |")
    print()
    print("| ratio, within a round | " + " | ".join(f"round {r}" for r in rounds) + " | median |")
    print("|---" * (len(rounds) + 2) + "|")
    for label, top, bottom in RATIOS:
        if not all((r, top) in rate and (r, bottom) in rate for r in rounds):
            continue
        values = [rate[(r, top)] / rate[(r, bottom)] for r in rounds]
        cells = " | ".join(f"{v:.2f}" for v in values)
        print(f"| {label} | {cells} | **{statistics.median(values):.2f}** |")
    if ("1", "trafilatura") in rate:
        traf = rate[("1", "trafilatura")]
        print()
        print(
            f"round 1: dechaff {rate[('1', 'dechaff')] / traf:.1f}× trafilatura, "
            f"text path {rate[('1', 'dechaff-text')] / traf:.1f}×"
        )


if __name__ == "__main__":
    if sys.argv[1] == "timing":
        timing(*sys.argv[2:5])
    else:
        report(sys.argv[2])
