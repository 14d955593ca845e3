# Acknowledgement latency of photos.upload against a running gailleryd: uploads the first COUNT files of
# DIR by path, one at a time over one connection, and prints acknowledgements/s with the p50 and p90 of
# each upload's round trip. For A/B runs of two daemon builds on fresh data directories.
#
#   python3 Benchmarks/python/upload_latency.py SOCKET DIR COUNT
import json, os, socket, sys, time

sock_path, directory, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = sorted(name for name in os.listdir(directory) if name.lower().endswith((".jpg", ".jpeg", ".png")))[:count]
connection = socket.socket(socket.AF_UNIX)
connection.connect(sock_path)
replies = connection.makefile("rb")
latencies = []
begin = time.monotonic()
for index, name in enumerate(names):
    path = os.path.abspath(os.path.join(directory, name))
    start = time.monotonic()
    request = {"jsonrpc": "2.0", "id": index, "method": "photos.upload", "params": {"path": path}}
    connection.sendall((json.dumps(request) + "\n").encode())
    reply = json.loads(replies.readline())
    if "error" in reply:
        sys.exit(f"{name}: {reply['error']['message']}")
    latencies.append(time.monotonic() - start)
elapsed = time.monotonic() - begin
latencies.sort()
print(
    f"{len(latencies)} acknowledged in {elapsed:.2f} s = {len(latencies) / elapsed:.0f}/s; "
    f"p50 {1000 * latencies[len(latencies) // 2]:.2f} ms, p90 {1000 * latencies[int(len(latencies) * 0.9)]:.2f} ms"
)
