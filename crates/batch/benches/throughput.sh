#!/bin/sh
# Batch throughput and memory of the dechaff binary over the evaluation corpora:
# pages/s and MB/s (uncompressed HTML) on one core (--jobs 1) and on two cores
# (--jobs 2), pinned with taskset, and peak RSS for
# about 1k and 10k pages (the corpora listed once, then 7 times, via --files-from).
# Wall-clock figures need an otherwise idle machine; CPU seconds (user+sys) are
# printed too, because on a busy machine they are the steadier figure.
#
# Usage: crates/batch/benches/throughput.sh [BIN] [CORPORA_DIR] [RUNS]
#   BIN          default target/release/dechaff (cargo build --release first)
#   CORPORA_DIR  default /work/shared/corpora (every *.html.gz under it is a page)
#   RUNS         runs per setting, the fastest is kept (default 3)
set -eu

bin=${1:-target/release/dechaff}
corpora=${2:-/work/shared/corpora}
runs=${3:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

find "$corpora" -name '*.html.gz' | sort > "$tmp/once"
for _ in 1 2 3 4 5 6 7; do cat "$tmp/once"; done > "$tmp/seven"
pages=$(wc -l < "$tmp/once")
mbytes=$(xargs zcat < "$tmp/once" | wc -c | awk '{ printf "%.1f", $1 / 1048576 }')
echo "corpus: $pages pages, $mbytes MB of HTML (uncompressed), $(nproc) cores"

# best_of LIST JOBS: prints "wall user sys maxrss_kb" of the fastest run. The
# process is pinned to JOBS cores (taskset), so "one core" means one core for
# everything (reading, gunzip, extraction, writing), not one extraction job
# beside an unbounded reader and writer.
best_of() {
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" \
            taskset -c "0-$(($2 - 1))" "$bin" -q -j "$2" --files-from "$1" > /dev/null || true
        cat "$tmp/time"
    done | sort -n | head -1
}

one=$(best_of "$tmp/once" 1)
two=$(best_of "$tmp/once" 2)
echo "$one" | awk -v p="$pages" -v mb="$mbytes" \
    '{ printf "--jobs 1: %6.2f s  %6.1f pages/s  %5.1f MB/s  cpu %.2f s  peak RSS %d MB\n", $1, p/$1, mb/$1, $2+$3, $4/1024 }'
echo "$two" | awk -v p="$pages" -v mb="$mbytes" \
    '{ printf "--jobs 2: %6.2f s  %6.1f pages/s  %5.1f MB/s  cpu %.2f s  peak RSS %d MB\n", $1, p/$1, mb/$1, $2+$3, $4/1024 }'
echo "$one $two" | awk '{ printf "speedup 2 cores / 1 core: %.2fx (wall)\n", $1/$5 }'

seven=$(best_of "$tmp/seven" 2)
echo "$seven" | awk -v p="$((pages * 7))" \
    '{ printf "%d pages, --jobs 2: %6.2f s  %6.1f pages/s  peak RSS %d MB\n", p, $1, p/$1, $4/1024 }'
