"""The photos the load tests upload: real JPEGs of mixed sizes made from Debian python3-skimage's sample
photos (found by `models/photos`), cropped, resized and recompressed with a fixed seed.

Licences of the sources (skimage.data documentation): chelsea and coffee CC0; astronaut, rocket and
hubble_deep_field public domain (NASA); motorcycle_left from the Middlebury 2014 stereo data set
(free for research use). The derived JPEGs are made at set-up and never committed.

Every upload is made unique by a JPEG comment segment (a random UUID) right after the SOI
marker: the pixels stay the same, the SHA-256 differs, so the daemon stores and classifies each one
instead of answering `duplicate`."""

import hashlib
import os
import random
import subprocess
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["chelsea.png", "coffee.png", "astronaut.png", "motorcycle_left.png", "rocket.jpg", "hubble_deep_field.jpg"]
# Long sides from a phone's preview to a small camera photo.
SIDES = [320, 480, 640, 800, 1024, 1280, 1600]


def sample_dir():
    """The skimage sample photo directory (`models/photos` fetches the Debian package if needed)."""
    return subprocess.run([str(ROOT / "models" / "photos")], check=True, capture_output=True, text=True).stdout.strip()


def make(out_dir, count=48, seed=22):
    """Writes `count` JPEGs into `out_dir` (once; kept while the seed and count are the same) and returns
    their paths, sorted."""
    out = Path(out_dir)
    stamp = out / f".made-{count}-{seed}"
    if stamp.exists():
        return sorted(out.glob("*.jpg"))
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    src = Path(sample_dir())
    images = [Image.open(src / name).convert("RGB") for name in SOURCES]
    for n in range(count):
        image = images[n % len(images)]
        w, h = image.size
        # A crop of 60-100 % of each side, anywhere in the picture.
        cw, ch = int(w * rng.uniform(0.6, 1.0)), int(h * rng.uniform(0.6, 1.0))
        x, y = rng.randint(0, w - cw), rng.randint(0, h - ch)
        crop = image.crop((x, y, x + cw, y + ch))
        side = rng.choice(SIDES)
        scale = side / max(cw, ch)
        crop = crop.resize((max(1, round(cw * scale)), max(1, round(ch * scale))), Image.LANCZOS)
        crop.save(out / f"load-{n:03d}.jpg", "JPEG", quality=rng.randint(60, 95))
    stamp.touch()
    return sorted(out.glob("*.jpg"))


def unique(jpeg, tag):
    """`jpeg`'s bytes with a COM segment holding `tag` after SOI: the same picture, a new SHA-256."""
    text = tag.encode()[:60000]
    segment = b"\xff\xfe" + (len(text) + 2).to_bytes(2, "big") + text
    return jpeg[:2] + segment + jpeg[2:]


def sha256(data):
    return hashlib.sha256(data).hexdigest()


if __name__ == "__main__":
    import sys

    paths = make(sys.argv[1] if len(sys.argv) > 1 else "/tmp/gaillery-load-photos")
    sizes = [os.path.getsize(p) for p in paths]
    print(f"{len(paths)} JPEGs, {min(sizes)}-{max(sizes)} bytes")
