"""Check the converted models on real photographs: Debian python3-skimage's sample images.

Usage: verify.py [--data DIR] [MODEL_ID ...]   (default: every model whose .onnx exists)

Prints each photo's top-5 and exits 1 when a photo's top-5 misses every acceptable class,
which is what a wrong conversion (BN eps, padding, channel order, mean/std) looks like.
Photos (licences per skimage.data): chelsea.png (cat, CC0 Stefan van der Walt), coffee.png
(CC0 Rachel Michetti), motorcycle_left.png (Middlebury 2014 stereo set), rocket.jpg (SpaceX,
public domain), astronaut.png (NASA, public domain; no ImageNet class fits, shown only).
DIR defaults to $GAILLERY_SKIMAGE_DATA, else the installed package's data directory, else the
copy models/photos unpacks into models/cache/skimage.
"""

import argparse
import os
import sys

import reference
from catalog import MODELS

_SKIMAGE_DATA = "usr/lib/python3/dist-packages/skimage/data"
DEFAULT_DATA = os.environ.get("GAILLERY_SKIMAGE_DATA") or next(
    (d for d in ("/" + _SKIMAGE_DATA, os.path.join(reference.HERE, "cache", "skimage", _SKIMAGE_DATA))
     if os.path.exists(os.path.join(d, "chelsea.png"))), "/" + _SKIMAGE_DATA)

# photo -> ImageNet indices that are a right answer (ImageNet has no "motorcycle" or "astronaut").
EXPECTED = {
    "chelsea.png": {281, 282, 285},          # tabby, tiger cat, Egyptian cat
    "coffee.png": {967, 968, 504},           # espresso, cup, coffee mug
    "motorcycle_left.png": {665, 670},       # moped, motor scooter
    "rocket.jpg": {657, 744, 812},           # missile, projectile, space shuttle
    "astronaut.png": None,
}


def score(model_id, data):
    """(results, top-1 hits, top-5 hits, scored photos) for one model."""
    paths = [os.path.join(data, name) for name in EXPECTED]
    results = reference.classify(paths, model_id)
    top1 = top5 = scored = 0
    for name, result in zip(EXPECTED, results):
        right = EXPECTED[name]
        if right is None:
            continue
        indices = [t["index"] for t in result["top"]]
        scored += 1
        top1 += indices[0] in right
        top5 += bool(right.intersection(indices))
    return results, top1, top5, scored


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("models", nargs="*")
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.data, "chelsea.png")):
        sys.exit(f"verify: no skimage photos in {args.data}; run models/photos (or pass --data)")
    models = args.models or [m for m in MODELS if os.path.exists(os.path.join(reference.HERE, f"{m}.onnx"))]
    failed = False
    for model_id in models:
        results, top1, top5, scored = score(model_id, args.data)
        for name, result in zip(EXPECTED, results):
            top = ", ".join(f"{t['label']} {t['prob']:.3f}" for t in result["top"])
            print(f"{model_id:20} {name:20} {top}")
        print(f"{model_id:20} top-1 {top1}/{scored}, top-5 {top5}/{scored}")
        failed |= top5 < scored
    if failed:
        sys.exit("verify: FAILED: a photo's top-5 has no acceptable class; the conversion or preprocessing is wrong")
    print("verify: ok")


if __name__ == "__main__":
    main()
