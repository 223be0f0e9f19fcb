#!/usr/bin/env bash
# Runs every benchmark scenario at its defaults, one after another, as docs/BENCHMARKS.md's results
# table was taken: each prints its table and writes its JSON under bench-results/. Arguments are
# passed to the file-transfer scenario (e.g. --dir /dev/shm to keep the disk out of it).
# Run it on an otherwise idle machine; it takes about ten minutes on two cores.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
stamp=$(date -u +%Y%m%d-%H%M%S)
mkdir -p bench-results
for scenario in registry-sessions registry-requests presence-fanout chat-latency file-transfer codec; do
  extra=()
  if [ "$scenario" = file-transfer ]; then extra=("$@"); fi
  ./p2pchat bench "$scenario" --out "bench-results/all-$stamp-$scenario.json" "${extra[@]}"
done
echo "results: bench-results/all-$stamp-*.json"
