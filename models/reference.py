"""Reference preprocessing and inference: PIL + numpy + onnxruntime, driven by a model manifest.

Usage: reference.py [--model ID] [--top K] [--save-input FILE.npy] IMAGE...

Prints JSON: {"model": ID, "images": [{"path": P, "top": [{"index", "wnid", "label", "prob"}]}]}.
The Swift classifier is checked against this (same top-5, probabilities within 0.02).
--save-input writes the preprocessed float32 tensor [n, 3, crop, crop] for pixel-level comparison.
"""

import argparse
import json
import os
import sys

import numpy as np
from PIL import Image, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_MODEL = "mobilenet-v2"
_FILTERS = {"bilinear": Image.Resampling.BILINEAR, "bicubic": Image.Resampling.BICUBIC}


def load_manifest(model_id):
    """The manifest dict of a model id (models/<id>.json)."""
    with open(os.path.join(HERE, f"{model_id}.json"), encoding="utf-8") as f:
        return json.load(f)


def load_labels(manifest):
    with open(os.path.join(HERE, manifest["labels"]), encoding="utf-8") as f:
        return json.load(f)["labels"]


def to_rgb8(image):
    """EXIF-oriented 8-bit RGB; 16-bit grey is scaled (PIL would clip it), alpha is dropped."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        wide = np.asarray(image, dtype=np.uint32) >> (8 if image.mode.startswith("I;16") else 24)
        image = Image.fromarray(wide.astype(np.uint8), "L")
    return image.convert("RGB")


def preprocess(path, manifest):
    """Float32 array [3, crop, crop] for one image file, as the manifest says."""
    p = manifest["preprocess"]
    with Image.open(path) as opened:
        image = to_rgb8(opened)
    w, h = image.size
    side, crop = p["resize_shorter_side"], p["crop"]
    size = (side, int(side * h / w)) if w <= h else (int(side * w / h), side)
    image = image.resize(size, _FILTERS[p["interpolation"]])
    left, top = int(round((size[0] - crop) / 2.0)), int(round((size[1] - crop) / 2.0))
    image = image.crop((left, top, left + crop, top + crop))
    x = np.asarray(image, dtype=np.float32) / 255.0
    x = (x - np.asarray(p["mean"], np.float32)) / np.asarray(p["std"], np.float32)
    return np.ascontiguousarray(x.transpose(2, 0, 1), dtype=np.float32)


def session(manifest, threads=2):
    """An onnxruntime CPU session for the manifest's model (intra-op threads as given)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return ort.InferenceSession(os.path.join(HERE, manifest["file"]), options, providers=["CPUExecutionProvider"])


def top_k(probabilities, labels, k):
    order = np.argsort(-probabilities, kind="stable")[:k]
    return [{"index": int(i), "wnid": labels[i]["wnid"], "label": labels[i]["name"],
             "prob": round(float(probabilities[i]), 6)} for i in order]


def classify(paths, model_id=DEFAULT_MODEL, k=5, save_input=None):
    """Top-k dicts per image path, in order."""
    manifest = load_manifest(model_id)
    labels = load_labels(manifest)
    batch = np.stack([preprocess(p, manifest) for p in paths])
    if save_input:
        np.save(save_input, batch)
    sess = session(manifest)
    probs = sess.run([manifest["outputs"]["probabilities"]], {manifest["input"]["name"]: batch})[0]
    return [{"path": p, "top": top_k(row, labels, k)} for p, row in zip(paths, probs)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument("--save-input")
    parser.add_argument("images", nargs="+")
    args = parser.parse_args()
    results = classify(args.images, args.model, args.top, args.save_input)
    json.dump({"model": args.model, "images": results}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
