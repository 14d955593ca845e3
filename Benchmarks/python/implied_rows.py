"""Model tag rows per photo, and a few searches, after ingesting every skimage sample into a fresh gailleryd.

Usage: implied_rows.py GAILLERYD MODELS_DIR   (#21: run it with a models directory before and after)
"""
import glob, json, os, shutil, socket, sqlite3, subprocess, sys, tempfile, time
binary, models = sys.argv[1], sys.argv[2]
d = tempfile.mkdtemp(prefix="p2rows-")
sock = d + "/s.sock"
p = subprocess.Popen([binary, "--socket", sock, "--data-dir", d + "/data", "--models-dir", models, "--http", "off",
                      "--log-level", "error"])
for _ in range(200):
    if os.path.exists(sock): break
    time.sleep(0.1)
time.sleep(1)
s = socket.socket(socket.AF_UNIX); s.connect(sock); f = s.makefile("rwb")
def call(method, params, i=[0]):
    i[0] += 1
    f.write((json.dumps({"jsonrpc": "2.0", "id": i[0], "method": method, "params": params}) + "\n").encode()); f.flush()
    r = json.loads(f.readline()); assert "result" in r, r; return r["result"]
files = sorted(glob.glob("/usr/lib/python3/dist-packages/skimage/data/*.png") + glob.glob("/usr/lib/python3/dist-packages/skimage/data/*.jpg"))
ids = []
for path in files:
    try: ids.append(call("photos.upload", {"path": path})["id"])
    except AssertionError as e: pass
call("photos.wait", {"ids": ids, "timeout_ms": 300000})
db = sqlite3.connect(d + "/data/index.sqlite") if os.path.exists(d + "/data/index.sqlite") else None
if db is None:
    cand = glob.glob(d + "/data/**/*.sqlite*", recursive=True) + glob.glob(d + "/data/*.db", recursive=True)
    db = sqlite3.connect([c for c in cand if c.endswith(("sqlite", ".db"))][0])
n = db.execute("select count(distinct id) from photos where status='done'").fetchone()[0]
rows = db.execute("select count(*) from photo_tags where source='model'").fetchone()[0]
above = db.execute("select count(*) from photo_tags where source='model' and confidence >= 0.1").fetchone()[0]
per = [r[0] for r in db.execute("select count(*) from photo_tags where source='model' group by photo_id order by 1")]
print(f"{models}: {n} photos done, {rows} model tag rows ({rows/n:.1f}/photo, median {per[len(per)//2]}, max {per[-1]}), {above/n:.1f}/photo at >= 0.1")
for q in ["feline", "kitty", "mammal", "automobile", '"motor vehicle"', "primate", "person"]:
    print(" ", q, len(call("photos.search", {"query": q})["photos"]))
p.terminate(); p.wait()
shutil.rmtree(d)
