"""Shared rules for the committed generated JSON files (labels, taxonomy).

render(): the header's keys as indented JSON, then each list one item per line, so diffs stay
readable. write_or_check(): write the file when it changed, or with check=True exit 1 when the
committed file differs from what the generator produces now (the "stale" check).
"""

import json
import os
import sys


def render(header, lists):
    """JSON text of `header` followed by the (key, items) pairs of `lists`, one item per line."""
    head = json.dumps(header, indent=2, ensure_ascii=False)[:-2]
    parts = [f'  "{key}": [\n' + ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in items)
             + "\n  ]" for key, items in lists]
    text = head + ",\n" + ",\n".join(parts) + "\n}\n"
    json.loads(text)
    return text


def write_or_check(path, text, check, tool):
    """Write `text` to `path` if it differs; with check, exit 1 instead of writing."""
    current = open(path, encoding="utf-8").read() if os.path.exists(path) else None
    if current == text:
        return
    if check:
        sys.exit(f"{tool}: {path} is stale or missing; run models/{tool}.py")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{tool}: wrote {path}")
