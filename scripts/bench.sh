#!/usr/bin/env bash
# make bench: release build, generated desks of BENCH_SIZES tickets (default "10000 100000"),
# medians of BENCH_RUNS runs (default 7) per operation against a plain-git baseline.
# Prints a Markdown table; every sample goes to bench-out/bench.json. See scripts/bench.py.
#
#   BENCH_SIZES=2000 make bench          quick check
#   BENCH_KEEP=1 make bench              keep the generated desks (paths are printed)
#   BENCH_TMPDIR=/somewhere make bench   where the desks are created (100k needs ~1 GB)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"

scratch="${BENCH_SCRATCH:-.build-release}"
for tool in swift git python3; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is not on the PATH" >&2; exit 1; }
done

# One product per invocation: `swift build` keeps only the last of several --product options.
echo "bench: building desk and desk-bench (release, $scratch)" >&2
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product desk >&2
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product desk-bench >&2
bin="$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)"

mkdir -p bench-out
exec python3 scripts/bench.py \
    --desk "$bin/desk" --desk-bench "$bin/desk-bench" \
    --sizes "${BENCH_SIZES:-10000 100000}" --runs "${BENCH_RUNS:-7}" \
    --out bench-out/bench.json
