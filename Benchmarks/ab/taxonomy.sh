#!/usr/bin/env bash
# A/B of two taxonomy.json files with the same release binaries (#21): each gets a models directory of
# symlinks to models/ that differs only in taxonomy.json (the same layout on both sides, so the same
# recognizer loads), then `gaillery-bench ingest` alternates between them ROUNDS times.
#   Benchmarks/ab/taxonomy.sh BEFORE_TAXONOMY AFTER_TAXONOMY [ROUNDS]
#   e.g. Benchmarks/ab/taxonomy.sh <(git show 7d47a6b^:models/taxonomy.json) models/taxonomy.json 2
set -eu
before=$1 after=$2 rounds=${3:-2}
here=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(cd "$here" && swift build -c release --show-bin-path)
work=$(mktemp -d /tmp/taxonomy-ab-XXXX)
trap 'rm -rf "$work"' EXIT
for side in before after; do
  mkdir -p "$work/$side/models"
  ln -s "$here/Benchmarks" "$work/$side/Benchmarks"  # the bench finds its Python peer beside models/
  for f in "$here"/models/* "$here/models/.venv"; do
    [ "$(basename "$f")" = taxonomy.json ] || ln -s "$f" "$work/$side/models/"
  done
done
cat "$before" >"$work/before/models/taxonomy.json"
cat "$after" >"$work/after/models/taxonomy.json"
for round in $(seq "$rounds"); do
  for side in before after; do
    echo "== round $round $side"
    GAILLERY_MODELS_DIR="$work/$side/models" "$bin/gaillery-bench" ingest --sizes 1152x864:200 --shapes 1:2:2 \
      --rounds 1 | grep -E "gailleryd|peer \(full"
  done
done
