#!/usr/bin/env bash
# Times the live page's runs: from request to last byte of `POST /api/run` (simulation and
# figures, without the fund as loaded), for each bundled real fund at 10 000 and 100 000 paths,
# one seed after another.
# Prints the median and the slowest of RUNS requests. BENCHMARKS.md records the figures.
# Usage: benches/serve.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
cargo build --release --quiet
log=$(mktemp)
target/release/sifsim serve --port 0 > "$log" 2>&1 &
server=$!
trap 'kill $server; rm -f "$log"' EXIT
until grep -q http "$log"; do sleep 0.1; done
address=$(grep -o 'http://[0-9.:]*' "$log")
printf '%-12s %8s %10s %10s\n' fund paths median_ms max_ms
for fund in boras orebro norrkoping ale tomelilla; do
  for paths in 10000 100000; do
    # A new seed each time: the server answers settings it ran lately from memory.
    times=$(for seed in $(seq "$runs"); do
      curl -sf -o /dev/null -w '%{time_total}\n' -H 'content-type: application/json' \
        -d "{\"fund\":\"$fund\",\"values\":{\"paths\":$paths,\"seed\":$seed}}" \
        "$address/api/run"
    done | sort -n)
    median=$(echo "$times" | sed -n "$(( (runs + 1) / 2 ))p")
    max=$(echo "$times" | tail -1)
    printf "%-12s %8s %10.0f %10.0f\n" "$fund" "$paths" "$(awk -v t="$median" "BEGIN { print t * 1000 }")" \
      "$(awk -v t="$max" "BEGIN { print t * 1000 }")"
  done
done
