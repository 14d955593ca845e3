"""Convert the catalogued PyTorch weights to ONNX and check each model's committed manifest.

Usage: convert.py [--update-manifests] [MODEL_ID ...]   (default: catalog.DEFAULT_MODELS)

Writes models/<id>.onnx (git-ignored). models/<id>.json is committed: the conversion is
deterministic, so the manifest's sha256 must match what this run produced; a difference
is an error unless --update-manifests is given (after a deliberate converter change).
A model whose .onnx already matches its manifest is not rebuilt.
"""

import argparse
import hashlib
import importlib.util
import json
import os
import sys

import onnx_graph
import torch_legacy
from catalog import DEFAULT_MODELS, MODELS

HERE = os.path.dirname(os.path.abspath(__file__))


def sha256_file(path):
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_skeleton(model_id, spec):
    """Everything in the manifest except the ONNX file's sha256 and byte count."""
    return {
        "_generated": f"by models/convert.py from PyPI {spec['package']} {spec['version']}; do not edit",
        "id": model_id,
        "name": spec["name"],
        "file": f"{model_id}.onnx",
        "opset": onnx_graph.OPSET,
        "input": {"name": onnx_graph.INPUT_NAME, "shape": ["N", 3, spec["size"], spec["size"]],
                  "dtype": "float32", "layout": "NCHW", "channels": "RGB"},
        "outputs": {"logits": onnx_graph.LOGITS_NAME, "probabilities": onnx_graph.PROBABILITIES_NAME},
        "embedding": {"output": onnx_graph.EMBEDDING_NAME, "size": spec["embedding_size"],
                      "what": "global average of the last convolution's activations, before the classifier; "
                              "not normalised"},
        "preprocess": {
            "steps": "decode, apply EXIF orientation, convert to 8-bit RGB, resize so the shorter side is "
                     "resize_shorter_side (longer side = floor(long * resize_shorter_side / short)), centre "
                     "crop crop x crop (offset = round-half-even((dim - crop) / 2)), value = (byte / 255 - mean) / std",
            "resize_shorter_side": spec["resize_shorter_side"],
            "interpolation": spec["interpolation"],
            "antialias": True,
            "crop": spec["size"],
            "mean": spec["mean"],
            "std": spec["std"],
            "as_trained": spec["as_trained"],
        },
        "labels": "imagenet-labels.json",
        "classes": 1000,
        "accuracy": spec["accuracy"],
        "licence": spec["licence"],
        "source": {"package": spec["package"], "version": spec["version"],
                   "file": f"{spec['module']}/{spec['weights']}", "sha256": spec["weights_sha256"]},
    }


def weights_path(spec):
    """Path of the weights inside the installed package, after checking their sha256."""
    found = importlib.util.find_spec(spec["module"])
    if found is None:
        sys.exit(f"convert: package {spec['package']} is not installed in this Python; run models/prepare")
    path = os.path.join(found.submodule_search_locations[0], spec["weights"])
    if sha256_file(path) != spec["weights_sha256"]:
        sys.exit(f"convert: {path} does not have the expected sha256 {spec['weights_sha256']}")
    return path


def convert(model_id, update):
    """Build one model if needed; return a one-line status."""
    spec = MODELS[model_id]
    manifest_path = os.path.join(HERE, f"{model_id}.json")
    onnx_path = os.path.join(HERE, f"{model_id}.onnx")
    expected = manifest_skeleton(model_id, spec)
    committed = json.load(open(manifest_path)) if os.path.exists(manifest_path) else None
    skeleton_ok = committed is not None and {k: v for k, v in committed.items()
                                             if k not in ("sha256", "bytes")} == expected
    if skeleton_ok and os.path.exists(onnx_path) and sha256_file(onnx_path) == committed["sha256"]:
        return f"{model_id}: up to date"
    data = spec["build"](torch_legacy.load_state_dict(weights_path(spec))).SerializeToString()
    manifest = dict(expected, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    if committed is not None and committed != manifest and not update:
        sys.exit(f"convert: {manifest_path} is stale (the converter or catalog changed, or the build is not "
                 f"deterministic: sha256 {manifest['sha256']} vs committed {committed.get('sha256')}); "
                 f"review and rerun with --update-manifests")
    with open(onnx_path + ".tmp", "wb") as f:
        f.write(data)
    os.replace(onnx_path + ".tmp", onnx_path)
    if committed != manifest:
        with open(manifest_path, "w") as f:
            json.dump(manifest, f, indent=2)
            f.write("\n")
    return f"{model_id}: built {len(data)} bytes, sha256 {manifest['sha256'][:12]}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update-manifests", action="store_true")
    parser.add_argument("models", nargs="*", metavar="MODEL_ID", help=f"one of {', '.join(MODELS)}")
    args = parser.parse_args()
    unknown = [m for m in args.models if m not in MODELS]
    if unknown:
        parser.error(f"unknown model {unknown[0]}; known: {', '.join(MODELS)}")
    for model_id in args.models or DEFAULT_MODELS:
        print(convert(model_id, args.update_manifests))


if __name__ == "__main__":
    main()
