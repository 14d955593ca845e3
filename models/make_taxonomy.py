"""Generate models/taxonomy.json: a readable name, everyday tags, implied tags and search aliases.

Usage: make_taxonomy.py [--check] [--wordnet DIR]   (--check: exit 1 if the committed file is stale)

Inputs: Debian's wordnet-base (WordNet 3.0, DIR/data.noun, index.noun and noun.exc, default
$GAILLERY_WORDNET or /usr/share/wordnet) and models/imagenet-labels.json. An ImageNet WNID is "n" +
a WordNet 3.0 noun synset offset.
- Categories: a label gets a category tag when the tag's synsets are among its hypernyms
  (transitive, instance hypernyms included, the label itself included) and its exceptions are not,
  plus the tags that its tags imply.
- Implied tags: the first lemma of every hypernym on the way up from the label, the climb ending at
  the STOP synsets and leaving out the SKIP ones (taxonomy_categories.py says why), without the
  category synsets, whose words are the categories' aliases instead.
- Aliases: a word (from index.noun, in WordNet's sense order) that is another lemma of a tag's synset,
  or else names a direct hyponym of one ("puppy" under dog, "kitty" under domestic cat), searches
  that tag; a word that is a tag itself is never an alias. Plurals: noun.exc's irregular plurals of
  tags and aliases, for the search side to canonicalise ("wolves", "mice").
Standard library only.
"""

import argparse
import json
import os
import sys

import generated
from taxonomy_categories import CATEGORIES, SKIP, START_FROM, STOP

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


def read_index(path):
    """{word: [synset offsets in WordNet's sense order]} from index.noun."""
    senses = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):
                continue  # licence header
            fields = line.split()
            count = int(fields[2])
            senses[readable(fields[0])] = fields[-count:]
    return senses


def read_exceptions(path):
    """[(plural, singular)] from noun.exc, readable."""
    with open(path, encoding="utf-8") as f:
        return [(readable(p), readable(b)) for p, b, *_ in (line.split() for line in f if line.strip())]


def climb(start, synsets, stop, skip):
    """Hypernyms of `start` (not itself), nearest first, not climbing past `stop` nor listing `skip`."""
    found, frontier, seen = [], [start], {start}
    while frontier:
        following = []
        for offset in frontier:
            for parent in synsets[offset][1]:
                if parent in seen or parent in stop:
                    continue
                seen.add(parent)
                following.append(parent)
                if parent not in skip:
                    found.append(parent)
        frontier = following
    return found


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


def aliases_for(tag_of, synsets, senses, tag_names):
    """[word, tag] pairs: a word's first sense that is a tag synset, else a direct hyponym of one."""
    pairs = []
    for word, offsets in sorted(senses.items()):
        if word in tag_names:
            continue
        target = next((tag_of[o] for o in offsets if o in tag_of), None)
        if target is None:
            target = next((tag_of[h] for o in offsets for h in synsets[o][1] if h in tag_of), None)
        if target is not None and target != word:
            pairs.append([word, target])
    return pairs


def implied_names(start, synsets, stop, skip, category_synsets):
    """The readable names of the implied tags of a label whose path starts at `start`."""
    names = []
    for offset in climb(start, synsets, stop, skip):
        name = readable(synsets[offset][0][0])
        if offset not in category_synsets and name not in names:
            names.append(name)
    return names


def render(wordnet_dir):
    """The file's text: header and categories, then one label per line, then aliases and plurals."""
    synsets = read_wordnet(os.path.join(wordnet_dir, "data.noun"))
    senses = read_index(os.path.join(wordnet_dir, "index.noun"))
    plurals = read_exceptions(os.path.join(wordnet_dir, "noun.exc"))
    stop = {resolve(s, synsets) for s in STOP}
    skip = {resolve(s, synsets) for s in SKIP}
    start_from = {resolve(k, synsets): resolve(v[0], synsets) for k, v in START_FROM.items()}
    with open(LABELS, encoding="utf-8") as f:
        labels = json.load(f)["labels"]
    cats = [(c, {resolve(s, synsets) for s in c["synsets"]}, {resolve(s, synsets) for s in c.get("except", [])})
            for c in CATEGORIES]
    check_implies()
    category_synsets = {o: c["tag"] for c, inc, _ in reversed(cats) for o in inc}
    category_tags = {c["tag"] for c in CATEGORIES}
    memo, entries, counts, tag_of = {}, [], {c["tag"]: 0 for c in CATEGORIES}, dict(category_synsets)
    for label in labels:
        offset = label["wnid"][1:]
        lemmas = synsets[offset][0]
        if label["synonyms"][0].lower() not in [readable(x) for x in lemmas]:
            sys.exit(f"make_taxonomy: {label['wnid']} is {lemmas} in WordNet, not {label['synonyms'][0]!r}")
        tags = tags_for(ancestors(offset, synsets, memo), cats)
        for tag in tags:
            counts[tag] += 1
        name = readable(lemmas[0])
        start = start_from.get(offset, offset)
        implied = [n for n in implied_names(start, synsets, stop, skip, category_synsets)
                   if n != name and n not in category_tags]
        for o in [offset] + climb(start, synsets, stop, skip):
            if o not in category_synsets and o not in skip:
                tag_of.setdefault(o, readable(synsets[o][0][0]))
        tag_of[offset] = name
        entries.append({"index": label["index"], "wnid": label["wnid"], "name": name, "tags": tags,
                        "implies": implied})
    tag_names = category_tags | {e["name"] for e in entries} | {n for e in entries for n in e["implies"]}
    aliases = aliases_for(tag_of, synsets, senses, tag_names)
    alias_words = {word for word, _ in aliases}
    irregular = [[p, b] for p, b in plurals if b in tag_names or b in alias_words]
    header = {
        "_generated": "by models/make_taxonomy.py from Debian wordnet-base (WordNet 3.0 data.noun) and "
                      "models/imagenet-labels.json; do not edit; make_taxonomy.py --check fails when stale",
        "wordnet": "3.0",
        "confidence": "a tag's confidence for a photo is the sum of the probabilities of its labels under the tag",
        "fields": {
            "implies": "a label's WordNet hypernyms up to the stop list, nearest first: tags beside its categories",
            "aliases": "[word, tag]: a search for the word finds the tag (WordNet synonyms and direct hyponyms)",
            "plurals": "[plural, singular]: WordNet's irregular plurals of tags and aliases",
        },
    }
    categories = [dict(c, labels=counts[c["tag"]]) for c in CATEGORIES]
    return generated.render(
        header, [("categories", categories), ("labels", entries), ("aliases", aliases), ("plurals", irregular)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--wordnet", default=os.environ.get("GAILLERY_WORDNET", "/usr/share/wordnet"))
    args = parser.parse_args()
    for name in ("data.noun", "index.noun", "noun.exc"):
        if not os.path.exists(os.path.join(args.wordnet, name)):
            sys.exit(f"make_taxonomy: no WordNet {name} in {args.wordnet}; apt-get install wordnet-base")
    generated.write_or_check(OUTPUT, render(args.wordnet), args.check, "make_taxonomy")

if __name__ == "__main__":
    main()
