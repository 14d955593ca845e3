#!/usr/bin/env bash
# A/B of upload throughput between two release builds, alternated ROUNDS times, each on a fresh data
# directory: upload_latency.py over COUNT photos of PHOTOS.
#   Benchmarks/ab/upload.sh BEFORE_BIN_DIR AFTER_BIN_DIR PHOTOS [COUNT] [ROUNDS]
# (a BIN_DIR is a checkout's `.build/release`, holding gailleryd).
set -u
before=$1 after=$2 photos=$3 count=${4:-200} rounds=${5:-3}
here=$(cd "$(dirname "$0")/../.." && pwd)
for round in $(seq "$rounds"); do
  for bin in "$before" "$after"; do
    d=$(mktemp -d /tmp/ab-XXXX)
    # Builds from before the web gallery do not know --http.
    http=(); "$bin/gailleryd" --help | grep -q -- --http && http=(--http off)
    "$bin/gailleryd" --socket "$d/s.sock" --data-dir "$d/data" --models-dir "$here/models" "${http[@]}" \
      --log-level error 2>"$d/log" &
    pid=$!
    for _ in $(seq 100); do [ -S "$d/s.sock" ] && break; sleep 0.1; done
    sleep 1
    echo "== round $round $bin"
    python3 "$here/Benchmarks/python/upload_latency.py" "$d/s.sock" "$photos" "$count"
    kill "$pid"; wait "$pid"
    rm -rf "$d"
  done
done
