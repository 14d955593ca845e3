# Where a running gailleryd spends its threads' time during uploads: uploads the first COUNT JPEGs
# of DIR by path, one at a time over one connection, and prints acknowledgements/s and p50, then, for
# every thread of process PID that ran more than 20 µs per upload, its CPU time and its time waiting
# for a core (run queue), per upload, from /proc/PID/task/*/schedstat. For A/B runs of two daemon
# builds on fresh data directories, and to find the threads to profile (`perf record -t TID`).
#
#   python3 Benchmarks/python/upload_threads.py SOCKET DIR COUNT PID
import glob, json, os, socket, sys, time

sock_path, directory, count, pid = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]


def snapshot():
    threads = {}
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            run, wait, slices = (int(x) for x in open(task + "/schedstat").read().split())
            threads[os.path.basename(task)] = (open(task + "/comm").read().strip(), run, wait, slices)
        except OSError:
            pass  # the thread ended
    return threads


names = sorted(name for name in os.listdir(directory) if name.lower().endswith((".jpg", ".jpeg")))[:count]
connection = socket.socket(socket.AF_UNIX)
connection.connect(sock_path)
replies = connection.makefile("rb")
before = snapshot()
latencies = []
begin = time.monotonic()
for index, name in enumerate(names):
    start = time.monotonic()
    request = {"jsonrpc": "2.0", "id": index, "method": "photos.upload", "params": {"path": os.path.abspath(os.path.join(directory, name))}}
    connection.sendall((json.dumps(request) + "\n").encode())
    reply = json.loads(replies.readline())
    if "error" in reply:
        sys.exit(f"{name}: {reply['error']['message']}")
    latencies.append(time.monotonic() - start)
elapsed = time.monotonic() - begin
after = snapshot()
latencies.sort()
uploads = len(latencies)
print(f"{uploads} acknowledged, {uploads / elapsed:.0f}/s, p50 {1000 * latencies[uploads // 2]:.2f} ms")
rows = []
for tid, (comm, run, wait, slices) in after.items():
    _, run0, wait0, slices0 = before.get(tid, (comm, 0, 0, 0))
    rows.append((tid, comm, (run - run0) / uploads / 1e3, (wait - wait0) / uploads / 1e3, (slices - slices0) / uploads))
for tid, comm, run, wait, slices in sorted(rows, key=lambda row: -row[2]):
    if run > 20:
        print(f"  {tid:>7} {comm:16} CPU {run:7.0f} µs/upload, run queue {wait:6.0f} µs/upload, {slices:.1f} slices")
