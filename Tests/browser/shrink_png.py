"""Makes a screenshot small enough to commit: a 256-colour palette PNG (Pillow, from Debian's
python3-pil, which python3-skimage brings). Run with the system python3: `python3 shrink_png.py FILE...`."""

import sys

from PIL import Image

for path in sys.argv[1:]:
    image = Image.open(path).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)
