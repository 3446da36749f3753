#!/usr/bin/env bash
# Builds the throughput bench (release settings) and prints its executable's
# path, or says how to rerun the build and fails. Used by throughput.sh and
# peers.sh. Env: CARGO overrides the cargo command.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
echo "# building (cargo bench --no-run, release settings)..." >&2
exe="$(cd "$root" && "${CARGO:-cargo}" bench --bench throughput --no-run --message-format=json 2>/dev/null |
    grep '"kind":\["bench"\]' | grep '"name":"throughput"' |
    grep -o '"executable":"[^"]*"' | tail -n1 | cut -d'"' -f4 || true)"
if [[ -z "$exe" || ! -x "$exe" ]]; then
    echo "build failed; rerun: cargo bench --bench throughput --no-run" >&2
    exit 1
fi
echo "$exe"
