#!/usr/bin/env bash
# dechaff beside the fastest and the most used peer, on one core: resiliparse
# and trafilatura through the shared peers harness, html5ever's two floors
# (tokenize only, rcdom tree), dechaff's own parse (decoding and parsing into
# its DOM: the floor under its stages) and dechaff (default options, and the
# text path without metadata) through benches/throughput.rs, all pinned to
# the same core with taskset.
#
#   benches/peers.sh [CORPUS_DIR...]        default: every corpus of ../shared/corpora
#   ROUNDS=5 benches/peers.sh               five interleaved rounds, medians
#
# This VM's speed drifts by tens of percent within minutes, and not by one
# factor for every program, so a ratio is only worth something between passes
# run back to back. A round runs tokenize, rcdom, parse, dechaff, dechaff-text
# and resiliparse back to back (about 40 seconds); the ratios the speed issue
# asks for are taken within each round, and the script prints every round's
# ratios and their medians. trafilatura (about a minute) runs once, in round 1.
#
# Needs the peers installed once: ../shared/tools/peers/install.sh (Python part:
# $PEERS_DIR/venv, default /tmp/peers). Env: CPU (core to pin to, default 1),
# EXE (an already built throughput bench), OUT (peer outputs, default a temp dir),
# ROUNDS (default 1). pages/s is pages over the summed time of the timed calls
# (the harness's rule), summed over the corpora; dechaff's calls include charset
# detection and decoding, the peers' and the floors' do not.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
peers="$root/../shared/tools/peers"
venv="${PEERS_DIR:-/tmp/peers}/venv/bin/python"
cpu="${CPU:-1}"
out="${OUT:-$(mktemp -d)}"
rounds="${ROUNDS:-1}"
mkdir -p "$out"
if [[ $# -gt 0 ]]; then corpora=("$@"); else corpora=("$root"/../shared/corpora/*/); fi
[[ -x "$venv" ]] || { echo "no peers venv at $venv: run $peers/install.sh first" >&2; exit 2; }

exe="${EXE:-$("$root/benches/throughput-exe.sh")}"

echo "# $(date -u +%FT%TZ), $(nproc) cores, pinned to core $cpu, load $(cut -d' ' -f1-3 /proc/loadavg), $rounds round(s)"
echo "# source: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD || echo ' + changes')"

# One line per pass: round, name, pages, pages/s, MB/s.
results="$out/results.tsv"
: > "$results"

dechaff_pass() {
    local round="$1"
    for stage in tokenize rcdom parse dechaff dechaff-text; do
        DECHAFF_STAGE=$stage DECHAFF_THREADS=1 taskset -c "$cpu" "$exe" "${corpora[@]}" > "$out/$stage.$round.txt"
        # "extract pages/s" = pages over the summed wall time of the calls, as the harness times.
        awk -v s="$stage" -v r="$round" -F': ' '/^pages:/{p=$2} /^extract pages\/s:/{x=$2} /^extract MB\/s:/{m=$2}
            END{printf "%s\t%s\t%s\t%s\t%s\n", r, s, p, x, m}' "$out/$stage.$round.txt" >> "$results"
    done
}

peer_pass() {
    local peer="$1" round="$2"
    rm -rf "${out:?}/$peer"
    for corpus in "${corpora[@]}"; do
        taskset -c "$cpu" "$venv" "$peers/run_$peer.py" "$corpus" "$out" 2>/dev/null
    done
    "$venv" "$root/benches/peers_summary.py" timing "$out/$peer" "$peer" "$round" >> "$results"
}

for round in $(seq 1 "$rounds"); do
    dechaff_pass "$round"
    peer_pass resiliparse "$round"
    if [[ "$round" == 1 ]]; then peer_pass trafilatura "$round"; fi
done

echo
"$venv" "$root/benches/peers_summary.py" report "$results"
echo "# peer outputs and raw figures: $out"
