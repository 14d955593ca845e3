"""Compare the prepared models: file size, published accuracy, skimage sanity score, CPU latency.

Usage: bench.py [--threads 2] [--runs 20] [--data DIR] [MODEL_ID ...]

Latency is onnxruntime's session.run on a preprocessed batch (no decoding), the median of
`runs` timed runs after 3 warm-ups, reported per image, at batch 1 and batch 8, with the
given intra-op threads; the minimum is shown too, as the figure least disturbed by other
work on the machine. Prints a Markdown table.
"""

import argparse
import os
import statistics
import time

import numpy as np

import reference
import verify
from catalog import MODELS


def latency_ms(sess, manifest, batch, runs):
    """(median, minimum) milliseconds per image of `runs` runs at this batch size."""
    x = np.random.default_rng(0).standard_normal((batch, *manifest["input"]["shape"][1:])).astype(np.float32)
    feed, outputs = {manifest["input"]["name"]: x}, [manifest["outputs"]["probabilities"]]
    for _ in range(3):
        sess.run(outputs, feed)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        sess.run(outputs, feed)
        times.append((time.perf_counter() - start) * 1000 / batch)
    return statistics.median(times), min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--data", default=verify.DEFAULT_DATA)
    parser.add_argument("models", nargs="*")
    args = parser.parse_args()
    models = args.models or [m for m in MODELS if os.path.exists(os.path.join(reference.HERE, f"{m}.onnx"))]
    print(f"| model | input | ONNX MB | published top-1 | skimage top-1 | skimage top-5 "
          f"| ms/img b1 median (min) | ms/img b8 median (min) |  ({args.threads} intra-op threads, {args.runs} runs)")
    print("|---|---|---|---|---|---|---|---|")
    for model_id in models:
        manifest = reference.load_manifest(model_id)
        _, top1, top5, scored = verify.score(model_id, args.data)
        sess = reference.session(manifest, args.threads)
        b1, b8 = latency_ms(sess, manifest, 1, args.runs), latency_ms(sess, manifest, 8, args.runs)
        print(f"| {model_id} | {manifest['preprocess']['crop']} | {manifest['bytes'] / 1e6:.1f} "
              f"| {manifest['accuracy']['top1']}% | {top1}/{scored} | {top5}/{scored} "
              f"| {b1[0]:.2f} ({b1[1]:.2f}) | {b8[0]:.2f} ({b8[1]:.2f}) |")


if __name__ == "__main__":
    main()
