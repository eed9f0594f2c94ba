#!/usr/bin/env bash
# Times `sifsim run scenarios/bench.toml` end to end (simulation, CSV/JSON and charts) and
# measures its peak memory. Needs hyperfine (Debian package `hyperfine`). BENCHMARKS.md
# records the figures. Usage: benches/end-to-end.sh [PATHS]
set -euo pipefail
cd "$(dirname "$0")/.."
paths=${1:-1000000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo build --release --quiet
sifsim=target/release/sifsim
run="$sifsim run scenarios/bench.toml --quiet --out $out/run"

echo "== end to end, $paths paths, all cores"
hyperfine --warmup 1 --runs 3 "$run --paths $paths"

echo "== peak memory, $paths paths"
/usr/bin/time -f "max RSS %M KiB, %e s" $run --paths "$paths" > /dev/null

echo "== scaling: 100 000 paths on 1 and 2 threads, 200 000 paths on 2"
hyperfine --warmup 1 --runs 3 \
  "$run --paths 100000 --threads 1" \
  "$run --paths 100000 --threads 2" \
  "$run --paths 200000 --threads 2"

echo "== scaling in years: 15 and 30 years, 100 000 paths"
sed 's/^years = 30 /years = 15 /' scenarios/bench.toml > "$out/bench15.toml"
hyperfine --warmup 1 --runs 3 \
  "$sifsim run $out/bench15.toml --quiet --out $out/run15 --paths 100000" \
  "$run --paths 100000"

echo "== scenarios/compare.toml at its 10 000 paths"
hyperfine --warmup 2 --runs 10 "$sifsim run scenarios/compare.toml --quiet --out $out/compare"
