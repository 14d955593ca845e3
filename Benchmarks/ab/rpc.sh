#!/usr/bin/env bash
# A/B of `gaillery-bench rpc` between two release builds, alternated ROUNDS times.
#   Benchmarks/ab/rpc.sh BEFORE_BIN_DIR AFTER_BIN_DIR [ROUNDS]
# (a BIN_DIR is a checkout's `.build/release`, holding gaillery-bench and gailleryd).
set -u
before=$1 after=$2 rounds=${3:-2}
here=$(cd "$(dirname "$0")/../.." && pwd)
for round in $(seq "$rounds"); do
  for bin in "$before" "$after"; do
    echo "== round $round $bin"
    GAILLERY_BENCH_ROUNDS=3 GAILLERY_MODELS_DIR="$here/models" "$bin/gaillery-bench" rpc
  done
done
