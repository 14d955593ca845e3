"""The CPU floor of ingesting one 1-MP JPEG, against which `gaillery-bench ingest`'s 2x target at 1 MP
can be judged: libjpeg-turbo's decode (through Pillow, full size and DCT-scaled by 1/2 and 1/4) and ONNX
Runtime's inference (one intra-op thread, batch 1), the two steps gailleryd and the Python peer must
both do. CPU milliseconds per call (process time), median of repeated runs.

Usage: models/.venv/bin/python3 Benchmarks/python/ingest_floor.py MODELS_DIR [MODEL_ID]

The JPEG is made as gaillery-bench ingest makes its 1-MP photos: python3-skimage's chelsea upscaled
(bicubic) to 1152x864, seeded luminance noise of +-16 levels, quality 90.
"""

import io
import json
import os
import statistics
import sys
import time

import numpy as np
import onnxruntime as ort
from PIL import Image

CHELSEA = "/usr/lib/python3/dist-packages/skimage/data/chelsea.png"


def cpu_ms(function, runs):
    samples = []
    for _ in range(runs):
        start = time.process_time()
        function()
        samples.append(time.process_time() - start)
    return statistics.median(samples) * 1000


def make_jpeg():
    image = Image.open(CHELSEA).convert("RGB").resize((1152, 864), Image.Resampling.BICUBIC)
    noise = np.random.default_rng(1).integers(-16, 17, size=(864, 1152, 1), dtype=np.int16)
    pixels = np.clip(np.asarray(image).astype(np.int16) + noise, 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def decode(data, size=None):
    with Image.open(io.BytesIO(data)) as image:
        if size:
            image.draft("RGB", size)
        image.load()
        return image.size


def main():
    models, model_id = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "efficientnet-lite0"
    data = make_jpeg()
    print(f"JPEG: {len(data)} bytes, 1152x864")
    for label, size in (("full", None), ("1/2", (576, 432)), ("1/4", (288, 216))):
        print(f"decode {label}: {cpu_ms(lambda: decode(data, size), 60):.2f} ms CPU -> {decode(data, size)}")
    with open(os.path.join(models, f"{model_id}.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = ort.InferenceSession(os.path.join(models, manifest["file"]), options, providers=["CPUExecutionProvider"])
    side = manifest["preprocess"]["crop"]
    feed = {session.get_inputs()[0].name: np.random.rand(1, 3, side, side).astype(np.float32)}
    for _ in range(3):
        session.run(None, feed)
    print(f"infer {model_id} (1 thread, batch 1): {cpu_ms(lambda: session.run(None, feed), 40):.2f} ms CPU")


if __name__ == "__main__":
    main()
