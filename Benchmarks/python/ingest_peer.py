"""The Python peer of `gaillery-bench ingest`: the same ingest work as gailleryd, the way a Python
service would do it, so the daemon's photos/s has a baseline measured in the same run.

Usage:
  ingest_peer.py ingest --models-dir DIR --model ID --out DIR [--workers 2] [--threads 1] [--draft] FILE...
  ingest_peer.py infer  --models-dir DIR --model ID [--threads 2] [--batches 1,8] [--runs 20]

`ingest`: each worker process owns one onnxruntime session and, per photo: decode with PIL (EXIF
orientation applied, RGB; `--draft` lets libjpeg DCT-scale to the same short side gailleryd decodes,
2 x the resize target), resize and centre crop exactly as the model's manifest says (models/reference.py),
normalise, run the model (batch 1), then store: a copy of the original (temp file, fsync, rename,
directory fsync) and the top-5 labels in SQLite (WAL, synchronous=FULL, one transaction per photo).
Prints one JSON object: photos, seconds, per-stage milliseconds summed over workers, peak RSS per process,
and the workers' CPU seconds (user + system) after their model was loaded.

`infer`: onnxruntime's own figure: milliseconds per image of session.run on a fixed random batch after
3 warm-up runs (median and minimum wall clock, median process CPU), with the given intra-op threads and
spinning off (as gailleryd runs it).

Needs numpy, Pillow and onnxruntime: models/.venv (made by `make models`) has all three.
"""

import argparse
import hashlib
import json
import multiprocessing as mp
import os
import sqlite3
import statistics
import sys
import time

import numpy as np
from PIL import Image, ImageOps

STAGES = ("decode", "preprocess", "infer", "store_copy", "store_index")
FILTERS = {"bilinear": Image.Resampling.BILINEAR, "bicubic": Image.Resampling.BICUBIC}


def load_manifest(models_dir, model_id):
    with open(os.path.join(models_dir, f"{model_id}.json"), encoding="utf-8") as f:
        return json.load(f)


def session(models_dir, manifest, threads):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    path = os.path.join(models_dir, manifest["file"])
    return ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])


def peak_rss_kib():
    """VmHWM of this process, in KiB."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


class Worker:
    """One process's share of the ingest: its own session and SQLite connection."""

    def __init__(self, args, manifest):
        self.manifest, self.draft = manifest, args.draft
        self.pre = manifest["preprocess"]
        self.mean = np.asarray(self.pre["mean"], np.float32)
        self.std = np.asarray(self.pre["std"], np.float32)
        with open(os.path.join(args.models_dir, manifest["labels"]), encoding="utf-8") as f:
            self.labels = json.load(f)["labels"]
        self.sess = session(args.models_dir, manifest, args.threads)
        self.feed, self.outputs = manifest["input"]["name"], [manifest["outputs"]["probabilities"]]
        self.originals = os.path.join(args.out, "originals")
        self.db = sqlite3.connect(os.path.join(args.out, "index.sqlite"), timeout=60, isolation_level=None)
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = FULL")

    def decode(self, path):
        with Image.open(path) as image:
            if self.draft and image.format == "JPEG":
                side = 2 * self.pre["resize_shorter_side"]
                short = min(image.size)
                if short > side:
                    image.draft("RGB", (image.size[0] * side // short, image.size[1] * side // short))
            image.load()
            return ImageOps.exif_transpose(image).convert("RGB")

    def preprocess(self, image):
        w, h = image.size
        side, crop = self.pre["resize_shorter_side"], self.pre["crop"]
        size = (side, int(side * h / w)) if w <= h else (int(side * w / h), side)
        image = image.resize(size, FILTERS[self.pre["interpolation"]])
        left, top = int(round((size[0] - crop) / 2.0)), int(round((size[1] - crop) / 2.0))
        image = image.crop((left, top, left + crop, top + crop))
        x = (np.asarray(image, dtype=np.float32) / 255.0 - self.mean) / self.std
        return np.ascontiguousarray(x.transpose(2, 0, 1)[None], dtype=np.float32)

    def copy(self, path):
        with open(path, "rb") as f:
            data = f.read()
        digest = hashlib.sha256(data).hexdigest()
        temporary = os.path.join(self.originals, f".tmp-{os.getpid()}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.rename(temporary, os.path.join(self.originals, digest + ".jpg"))
        directory = os.open(self.originals, os.O_RDONLY | os.O_DIRECTORY)
        os.fsync(directory)
        os.close(directory)
        return digest

    def index(self, digest, path, probabilities):
        order = np.argsort(-probabilities, kind="stable")[:5]
        self.db.execute("BEGIN IMMEDIATE")
        cursor = self.db.execute(
            "INSERT INTO photos (sha256, name, status) VALUES (?, ?, 'done')", (digest, os.path.basename(path)))
        self.db.executemany(
            "INSERT INTO labels (photo_id, rank, label, wnid, confidence, model) VALUES (?, ?, ?, ?, ?, ?)",
            [(cursor.lastrowid, rank + 1, self.labels[i]["name"], self.labels[i]["wnid"], float(probabilities[i]),
              self.manifest["id"]) for rank, i in enumerate(order)])
        self.db.execute("COMMIT")

    def run(self, path):
        """Ingests one photo; returns the seconds each stage took."""
        t0 = time.perf_counter()
        image = self.decode(path)
        t1 = time.perf_counter()
        tensor = self.preprocess(image)
        t2 = time.perf_counter()
        probabilities = self.sess.run(self.outputs, {self.feed: tensor})[0][0]
        t3 = time.perf_counter()
        digest = self.copy(path)
        t4 = time.perf_counter()
        self.index(digest, path, probabilities)
        t5 = time.perf_counter()
        return (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)


def work(args, manifest, jobs, results):
    worker = Worker(args, manifest)
    loaded = os.times()
    results.put(("ready", os.getpid(), None))
    while (path := jobs.get()) is not None:
        results.put(("done", os.getpid(), worker.run(path)))
    times = os.times()
    cpu = times.user + times.system - loaded.user - loaded.system
    results.put(("rss", os.getpid(), (peak_rss_kib(), cpu)))


def ingest(args):
    manifest = load_manifest(args.models_dir, args.model)
    os.makedirs(os.path.join(args.out, "originals"), exist_ok=True)
    db = sqlite3.connect(os.path.join(args.out, "index.sqlite"))
    db.execute("PRAGMA journal_mode = WAL")
    db.executescript("""
        CREATE TABLE IF NOT EXISTS photos (id INTEGER PRIMARY KEY, sha256 TEXT UNIQUE, name TEXT, status TEXT);
        CREATE TABLE IF NOT EXISTS labels (photo_id INTEGER, rank INTEGER, label TEXT, wnid TEXT,
            confidence REAL, model TEXT, PRIMARY KEY (photo_id, rank));""")
    db.close()
    jobs, results = mp.Queue(), mp.Queue()
    workers = [mp.Process(target=work, args=(args, manifest, jobs, results)) for _ in range(args.workers)]
    for process in workers:
        process.start()
    for _ in workers:  # the clock starts with every model loaded, as the daemon's does
        assert results.get()[0] == "ready"
    start = time.perf_counter()
    for path in args.files:
        jobs.put(path)
    for _ in workers:
        jobs.put(None)
    totals, rss, cpu, done = [0.0] * len(STAGES), {}, 0.0, 0
    while len(rss) < len(workers):
        kind, pid, value = results.get()
        if kind == "done":
            done += 1
            totals = [a + b for a, b in zip(totals, value)]
        elif kind == "rss":
            rss[pid], cpu = value[0], cpu + value[1]
    seconds = time.perf_counter() - start
    for process in workers:
        process.join()
    print(json.dumps({
        "photos": done, "seconds": seconds, "workers": args.workers, "threads": args.threads,
        "stage_ms": {name: total * 1000 for name, total in zip(STAGES, totals)},
        "peak_rss_kib": sorted(rss.values()) + [peak_rss_kib()], "cpu_seconds": cpu,
    }))


def infer(args):
    manifest = load_manifest(args.models_dir, args.model)
    sess = session(args.models_dir, manifest, args.threads)
    feed, outputs = manifest["input"]["name"], [manifest["outputs"]["probabilities"]]
    figures = {}
    for batch in (int(b) for b in args.batches.split(",")):
        x = np.random.default_rng(0).standard_normal((batch, *manifest["input"]["shape"][1:])).astype(np.float32)
        for _ in range(3):
            sess.run(outputs, {feed: x})
        times, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            sess.run(outputs, {feed: x})
            times.append((time.perf_counter() - start) * 1000 / batch)
            cpu.append((time.process_time() - start_cpu) * 1000 / batch)
        figures[str(batch)] = {
            "median_ms": statistics.median(times), "min_ms": min(times), "cpu_ms": statistics.median(cpu)}
    print(json.dumps({"threads": args.threads, "per_image": figures}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("ingest", "infer"):
        command = commands.add_parser(name)
        command.add_argument("--models-dir", required=True)
        command.add_argument("--model", default="efficientnet-lite0")
        command.add_argument("--threads", type=int, default=1 if name == "ingest" else 2)
    commands.choices["ingest"].add_argument("--out", required=True)
    commands.choices["ingest"].add_argument("--workers", type=int, default=2)
    commands.choices["ingest"].add_argument("--draft", action="store_true")
    commands.choices["ingest"].add_argument("files", nargs="+")
    commands.choices["infer"].add_argument("--batches", default="1,8")
    commands.choices["infer"].add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    ingest(args) if args.command == "ingest" else infer(args)


if __name__ == "__main__":
    sys.exit(main())
