"""Generate models/taxonomy.json: a readable name and everyday tags for each ImageNet label.

Usage: make_taxonomy.py [--check] [--wordnet DIR]   (--check: exit 1 if the committed file is stale)

Inputs: Debian's wordnet-base (WordNet 3.0, DIR/data.noun, default $GAILLERY_WORDNET or /usr/share/wordnet)
and models/imagenet-labels.json. An ImageNet WNID is "n" + a WordNet 3.0 noun synset offset.
A label gets a tag when the tag's synsets are among its hypernyms (transitive, instance
hypernyms included, the label itself included) and its exceptions are not, plus the tags
that its tags imply. Standard library only.
"""

import argparse
import json
import os
import sys

import generated
from taxonomy_categories import CATEGORIES

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "taxonomy.json")
LABELS = os.path.join(HERE, "imagenet-labels.json")


def read_wordnet(path):
    """{offset: (lemmas, hypernym offsets)} for every noun synset in data.noun."""
    synsets = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):
                continue  # licence header
            fields = line.split(" | ", 1)[0].split()
            offset, count = fields[0], int(fields[3], 16)
            lemmas = [fields[4 + 2 * i] for i in range(count)]
            at = 4 + 2 * count
            pointers = int(fields[at])
            hypernyms = [fields[at + 1 + 4 * i + 1] for i in range(pointers)
                         if fields[at + 1 + 4 * i] in ("@", "@i")]
            synsets[offset] = (lemmas, hypernyms)
    return synsets


def ancestors(offset, synsets, memo):
    """The synset itself and all its hypernyms, transitively."""
    if offset not in memo:
        found = {offset}
        for parent in synsets[offset][1]:
            found |= ancestors(parent, synsets, memo)
        memo[offset] = frozenset(found)
    return memo[offset]


def readable(lemma):
    return lemma.replace("_", " ").lower()


def resolve(spec, synsets):
    """'n02084071 dog' -> '02084071', after checking the lemma names that synset."""
    wnid, lemma = spec.split(" ", 1)
    offset = wnid[1:]
    if offset not in synsets or lemma not in [readable(x) for x in synsets[offset][0]]:
        sys.exit(f"make_taxonomy: category synset {spec!r} does not match WordNet ({synsets.get(offset)})")
    return offset


def check_implies():
    """Implied tags must exist and imply nothing themselves (one level keeps the rule obvious)."""
    tags = {c["tag"] for c in CATEGORIES}
    implied = {t for c in CATEGORIES for t in c.get("implies", [])}
    for c in CATEGORIES:
        if not tags.issuperset(c.get("implies", [])) or (c["tag"] in implied and c.get("implies")):
            sys.exit(f"make_taxonomy: category {c['tag']!r} implies an unknown tag or an implying tag")


def tags_for(up, cats):
    """Tags (category order) of a label whose synset-and-ancestors set is `up`."""
    found = {c["tag"] for c, inc, exc in cats if up & inc and not up & exc}
    found |= {t for c in CATEGORIES if c["tag"] in found for t in c.get("implies", [])}
    return [c["tag"] for c in CATEGORIES if c["tag"] in found]


def render(wordnet_dir):
    """The file's text: header and categories, then one label per line."""
    synsets = read_wordnet(os.path.join(wordnet_dir, "data.noun"))
    with open(LABELS, encoding="utf-8") as f:
        labels = json.load(f)["labels"]
    cats = [(c, {resolve(s, synsets) for s in c["synsets"]}, {resolve(s, synsets) for s in c.get("except", [])})
            for c in CATEGORIES]
    check_implies()
    memo, entries, counts = {}, [], {c["tag"]: 0 for c in CATEGORIES}
    for label in labels:
        offset = label["wnid"][1:]
        lemmas = synsets[offset][0]
        if label["synonyms"][0].lower() not in [readable(x) for x in lemmas]:
            sys.exit(f"make_taxonomy: {label['wnid']} is {lemmas} in WordNet, not {label['synonyms'][0]!r}")
        tags = tags_for(ancestors(offset, synsets, memo), cats)
        for tag in tags:
            counts[tag] += 1
        entries.append({"index": label["index"], "wnid": label["wnid"], "name": readable(lemmas[0]), "tags": tags})
    header = {
        "_generated": "by models/make_taxonomy.py from Debian wordnet-base (WordNet 3.0 data.noun) and "
                      "models/imagenet-labels.json; do not edit; make_taxonomy.py --check fails when stale",
        "wordnet": "3.0",
        "confidence": "a tag's confidence for a photo is the sum of the probabilities of its labels under the tag",
    }
    categories = [dict(c, labels=counts[c["tag"]]) for c in CATEGORIES]
    return generated.render(header, [("categories", categories), ("labels", entries)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--wordnet", default=os.environ.get("GAILLERY_WORDNET", "/usr/share/wordnet"))
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.wordnet, "data.noun")):
        sys.exit(f"make_taxonomy: no WordNet data.noun in {args.wordnet}; apt-get install wordnet-base")
    generated.write_or_check(OUTPUT, render(args.wordnet), args.check, "make_taxonomy")

if __name__ == "__main__":
    main()
