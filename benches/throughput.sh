#!/usr/bin/env bash
# Throughput of the dechaff library over whole corpora, one thread and all threads.
#
#   benches/throughput.sh [CORPUS_DIR...]
#
# CORPUS_DIR holds html/*.html[.gz] (the shared corpora format) or *.html (this repo's
# corpus/). Default: every corpus of <workspace>/../shared/corpora.
#
# Builds benches/throughput.rs with the release settings (`cargo bench` uses the `bench`
# profile, which inherits `release`: fat LTO, one codegen unit), then runs the binary
# directly (not through cargo, so the RSS measured is the bench's own) under
# `/usr/bin/time -v`, with DECHAFF_THREADS=1 and DECHAFF_THREADS=$(nproc). Each run prints
# pages/s and MB/s (per CPU-second of the calls, per wall-clock second of the calls, and
# wall clock of the whole pass including reading and gunzip), median and p95 ms/page, and
# peak RSS; a table of medians over the rounds ends the output. See benches/throughput.rs
# for what is timed.
#
# Env: THREADS="1 2" overrides the thread counts; STAGES="tokenize rcdom dechaff" also times
# html5ever alone on the same pages (default: dechaff); ROUNDS=5 repeats the whole set of runs
# (interleaved, so drifting load on a shared machine hits every stage alike: take medians);
# EXE=path runs an already built throughput binary instead of building; CARGO overrides the
# cargo command.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="${THREADS:-1 $(nproc)}"
stages="${STAGES:-dechaff}"
rounds="${ROUNDS:-1}"

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "# source: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' + uncommitted changes')"
exe="${EXE:-$("$root/benches/throughput-exe.sh")}"

results="$(mktemp)"
out="$(mktemp)"
log="$(mktemp)"
trap 'rm -f "$results" "$out" "$log"' EXIT

for round in $(seq "$rounds"); do
    for stage in $stages; do
        for t in $threads; do
            echo
            echo "## round $round DECHAFF_STAGE=$stage DECHAFF_THREADS=$t"
            if ! DECHAFF_STAGE="$stage" DECHAFF_THREADS="$t" /usr/bin/time -v "$exe" "$@" >"$out" 2>"$log" </dev/null; then
                cat "$out" "$log" >&2
                exit 1
            fi
            rss_kb="$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')"
            echo "peak RSS MB (/usr/bin/time -v): $(awk -v k="$rss_kb" 'BEGIN {printf "%.1f", k / 1024}')" >>"$out"
            cat "$out"
            grep -E 'User time|System time|Percent of CPU|Elapsed \(wall clock\)' "$log" | sed 's/^\s*/time -v: /'
            awk -v s="$stage" -v t="$t" -F': ' '/pages\/s|MB\/s|RSS/ {print s " " t " " $1 "\t" $2}' "$out" >>"$results"
        done
    done
done

# Medians over the rounds, one row per (stage, threads).
echo
echo "## medians over $rounds round(s)"
echo
echo "| stage | threads | cpu pages/s | cpu MB/s | extract pages/s | extract MB/s | wall pages/s | wall MB/s | peak RSS MB |"
echo "|---|---|---|---|---|---|---|---|---|"
for stage in $stages; do
    for t in $threads; do
        row="| $stage | $t |"
        for key in "cpu pages/s" "cpu MB/s" "extract pages/s" "extract MB/s" "wall pages/s" "wall MB/s" \
            "peak RSS MB (/usr/bin/time -v)"; do
            med="$( (grep -F "$stage $t $key"$'\t' "$results" || true) | cut -f2 | sort -n |
                awk '{v[NR] = $1} END {if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2); else print "-"}')"
            row="$row $med |"
        done
        echo "$row"
    done
done
