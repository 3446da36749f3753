#!/usr/bin/env bash
# dechaff beside the fastest and the most used peer, in one run, on one core:
# resiliparse and trafilatura through the shared peers harness, html5ever's two
# floors (tokenize only, rcdom tree) and dechaff (default options, and the text
# path without metadata) through benches/throughput.rs, all pinned to the same
# core with taskset. dechaff runs before and after the peers, so drifting load
# shows as a difference between its two passes.
#
#   benches/peers.sh [CORPUS_DIR...]        default: every corpus of ../shared/corpora
#
# Needs the peers installed once: ../shared/tools/peers/install.sh (Python part:
# $PEERS_DIR/venv, default /tmp/peers). Env: CPU (core to pin to, default 1),
# EXE (an already built throughput bench), OUT (peer outputs, default a temp dir).
# Prints one table: pages/s and MB/s of the timed calls for each, summed over
# the corpora (pages / seconds), and the ratios the speed issue asks for.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
peers="$root/../shared/tools/peers"
venv="${PEERS_DIR:-/tmp/peers}/venv/bin/python"
cpu="${CPU:-1}"
out="${OUT:-$(mktemp -d)}"
mkdir -p "$out"
if [[ $# -gt 0 ]]; then corpora=("$@"); else corpora=("$root"/../shared/corpora/*/); fi
[[ -x "$venv" ]] || { echo "no peers venv at $venv: run $peers/install.sh first" >&2; exit 2; }

exe="${EXE:-}"
if [[ -z "$exe" ]]; then
    exe="$(cd "$root" && cargo bench --bench throughput --no-run --message-format=json 2>/dev/null |
        grep '"kind":\["bench"\]' | grep '"name":"throughput"' |
        grep -o '"executable":"[^"]*"' | tail -n1 | cut -d'"' -f4)"
fi

echo "# $(date -u +%FT%TZ), $(nproc) cores, pinned to core $cpu, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# source: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD || echo ' + changes')"

results="$out/results.tsv"
: > "$results"
dechaff_pass() {
    local pass="$1"
    for stage in tokenize rcdom dechaff dechaff-text; do
        DECHAFF_STAGE=$stage DECHAFF_THREADS=1 taskset -c "$cpu" "$exe" "${corpora[@]}" > "$out/$stage.$pass.txt"
        # "extract pages/s" = pages over the summed wall time of the calls, as the harness times.
        awk -v s="$stage ($pass)" -F': ' '/^pages:/{p=$2} /^extract pages\/s:/{r=$2} /^extract MB\/s:/{m=$2}
            END{printf "%s\t%s\t%s\t%s\n", s, p, r, m}' "$out/$stage.$pass.txt" >> "$results"
    done
}

dechaff_pass before
for peer in resiliparse trafilatura; do
    for corpus in "${corpora[@]}"; do
        taskset -c "$cpu" "$venv" "$peers/run_$peer.py" "$corpus" "$out" 2>/dev/null
    done
    "$venv" - "$out/$peer" "$peer" >> "$results" <<'EOF'
import json, glob, sys
docs = secs = nbytes = 0
for t in glob.glob(sys.argv[1] + '/*/timing.json'):
    j = json.load(open(t)); docs += j['docs']; secs += j['seconds']; nbytes += j['bytes']
print(f"{sys.argv[2]}\t{docs}\t{docs / secs:.1f}\t{nbytes / 1e6 / secs:.2f}")
EOF
done
dechaff_pass after

echo
echo "| extractor | pages | pages/s | MB/s |"
echo "|---|---|---|---|"
awk -F'\t' '{printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4}' "$results"
awk -F'\t' '{r[$1]=$3} END{
    split("before after", passes, " ");
    for (i = 1; i <= 2; i++) { q = passes[i];
        printf "dechaff (%s): %.2fx resiliparse, %.1fx trafilatura, %.2f of tokenize; text path %.2fx resiliparse, %.2f of tokenize\n", q,
            r["dechaff (" q ")"] / r["resiliparse"], r["dechaff (" q ")"] / r["trafilatura"],
            r["dechaff (" q ")"] / r["tokenize (" q ")"],
            r["dechaff-text (" q ")"] / r["resiliparse"], r["dechaff-text (" q ")"] / r["tokenize (" q ")"] }
}' "$results"
echo "# peer outputs and raw figures: $out"
