# Checks photos.search pages from a running gailleryd against a direct evaluation of the same data
# read from its SQLite index: random AND/OR/NOT queries over common and rare tags, random
# min_confidence and page sizes, every page followed through its cursor (the first 200 hits).
# Usage: python3 search_check.py SOCKET DATA_DIR SEED COUNT
# (e.g. gaillery-bench probe /tmp/probe10k seeds a data dir; then start gailleryd on it.)
# The vocabulary is the seeder's tags; the daemon must not be writing meanwhile.
import json, random, socket, sqlite3, sys
sock_path, data_dir, seed, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
db = sqlite3.connect(f"file:{data_dir}/index.sqlite?mode=ro", uri=True)
tags = {}
for pid, tag, conf in db.execute("SELECT photo_id, tag, MAX(confidence) FROM photo_tags GROUP BY photo_id, tag"):
    tags.setdefault(pid, {})[tag] = conf
visible = [pid for (pid,) in db.execute("SELECT id FROM photos WHERE trashed_at IS NULL")]
vocab = ["dog", "cat", "beach", "mountain", "car", "bird", "flower", "tag010", "tag120", "tag200", "tag250"]
s = socket.socket(socket.AF_UNIX); s.connect(sock_path); f = s.makefile("rb")
def call(method, params):
    s.sendall((json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}) + "\n").encode())
    return json.loads(f.readline())
def gen(depth):
    r = rng.random()
    if depth == 0 or r < 0.4: return ("tag", rng.choice(vocab))
    if r < 0.55: return ("not", gen(depth - 1))
    return (rng.choice(["and", "or"]), [gen(depth - 1) for _ in range(rng.randint(2, 3))])
def text(q):
    if q[0] == "tag": return q[1]
    if q[0] == "not": return "-(" + text(q[1]) + ")"
    return "(" + (" " if q[0] == "and" else " | ").join(text(x) for x in q[1]) + ")"
def holds(q, t, m):
    if q[0] == "tag": return t.get(q[1], -1) >= m
    if q[0] == "not": return not holds(q[1], t, m)
    return (all if q[0] == "and" else any)(holds(x, t, m) for x in q[1])
def positive(q, neg=False, out=None):
    out = [] if out is None else out
    if q[0] == "tag":
        if not neg and q[1] not in out: out.append(q[1])
    elif q[0] == "not": positive(q[1], not neg, out)
    else:
        for x in q[1]: positive(x, neg, out)
    return out
checked = mismatches = nonempty = 0
for _ in range(count):
    q = gen(3); m = rng.choice([0, 0.1, 0.1, 0.3, 0.5]); limit = rng.choice([1, 5, 20, 50])
    pos = positive(q)
    expected = []
    for pid in visible:
        t = tags.get(pid, {})
        if holds(q, t, m):
            score = 0.0
            for tag in pos:
                if t.get(tag, -1) >= m: score += t[tag]
            expected.append((-score, -pid, score))
    expected.sort()
    want = [(-x[1], x[2]) for x in expected][:200]
    got, cursor = [], None
    while len(got) < 200:
        params = {"query": text(q), "limit": limit, "min_confidence": m}
        if cursor: params["cursor"] = cursor
        reply = call("photos.search", params)
        if "error" in reply: print("ERROR", text(q), reply["error"]); break
        got += [(p["id"], p.get("score", 0)) for p in reply["result"]["photos"]]
        cursor = reply["result"].get("next_cursor")
        if not cursor: break
    got = got[:200]; nonempty += len(want) > limit
    checked += 1
    same = len(got) == len(want) and all(a[0] == b[0] and abs(a[1] - b[1]) < 1e-9 for a, b in zip(got, want))
    if not same:
        mismatches += 1
        print("MISMATCH", text(q), m, limit, got[:5], want[:5], len(got), len(want))
print(f"checked {checked} queries ({nonempty} with more than one page), {mismatches} mismatches")
