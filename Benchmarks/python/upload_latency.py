# Acknowledgement latency of photos.upload against a running gailleryd: uploads the first COUNT files of
# DIR by path, one at a time over one connection, and prints acknowledgements/s with the p50 and p90 of
# each upload's round trip; then waits (photos.wait) until every photo is done or failed and prints the
# end-to-end rate, from the first upload to the last photo finished. For A/B runs of two daemon builds
# on fresh data directories.
#
# With --data, each photo is sent inside the request as base64 (`{"data", "name"}`, encoded before
# the timing starts) instead of by path.
#
#   python3 Benchmarks/python/upload_latency.py SOCKET DIR COUNT [--data]
import base64, json, os, socket, sys, time

sock_path, directory, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
by_data = sys.argv[4:] == ["--data"]
names = sorted(name for name in os.listdir(directory) if name.lower().endswith((".jpg", ".jpeg", ".png")))[:count]
connection = socket.socket(socket.AF_UNIX)
connection.connect(sock_path)
replies = connection.makefile("rb")
latencies = []
ids = []


def request_line(index, name):
    path = os.path.abspath(os.path.join(directory, name))
    if by_data:
        params = {"data": base64.b64encode(open(path, "rb").read()).decode(), "name": name}
    else:
        params = {"path": path}
    return (json.dumps({"jsonrpc": "2.0", "id": index, "method": "photos.upload", "params": params}) + "\n").encode()


lines = [request_line(index, name) for index, name in enumerate(names)]
begin = time.monotonic()
for name, line in zip(names, lines):
    start = time.monotonic()
    connection.sendall(line)
    reply = json.loads(replies.readline())
    if "error" in reply:
        sys.exit(f"{name}: {reply['error']['message']}")
    latencies.append(time.monotonic() - start)
    ids.append(reply["result"]["id"])
elapsed = time.monotonic() - begin
latencies.sort()
print(
    f"{len(latencies)} acknowledged in {elapsed:.2f} s = {len(latencies) / elapsed:.0f}/s; "
    f"p50 {1000 * latencies[len(latencies) // 2]:.2f} ms, p90 {1000 * latencies[int(len(latencies) * 0.9)]:.2f} ms"
)
request = {"jsonrpc": "2.0", "id": "wait", "method": "photos.wait", "params": {"ids": ids, "timeout_ms": 600000}}
connection.sendall((json.dumps(request) + "\n").encode())
reply = json.loads(replies.readline())
if "error" in reply:
    sys.exit(f"photos.wait: {reply['error']['message']}")
finished = time.monotonic() - begin
print(f"all {len(ids)} finished in {finished:.2f} s = {len(ids) / finished:.1f} photos/s end to end")
