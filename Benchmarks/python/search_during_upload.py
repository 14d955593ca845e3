# Search latency while photos are being uploaded and classified: one thread sends photos.search
# ("dog beach", limit 20) every 2 ms over its own connection while upload_latency.py uploads the
# first COUNT files of DIR and waits for them. Prints upload_latency.py's lines and the searches'
# p50/p90/p99. Run it against a daemon whose data directory already holds an index (a copy of
# `gaillery-bench probe`'s, for instance), once per setting to compare (e.g. --pipeline-nice 0 and 10).
# REQUEST (a JSON-RPC request object) and INTERVAL_MS replace the search and its pause, e.g. a
# voice.command on a WAV file every 200 ms.
#
#   python3 Benchmarks/python/search_during_upload.py SOCKET DIR COUNT [REQUEST [INTERVAL_MS]]
import json, os, socket, subprocess, sys, threading, time

sock_path, directory, count = sys.argv[1], sys.argv[2], sys.argv[3]
default_request = {"jsonrpc": "2.0", "id": 1, "method": "photos.search", "params": {"query": "dog beach", "limit": 20}}
request = json.loads(sys.argv[4]) if len(sys.argv) > 4 else default_request
interval = float(sys.argv[5]) / 1000 if len(sys.argv) > 5 else 0.002
stop = threading.Event()
latencies = []


def search():
    connection = socket.socket(socket.AF_UNIX)
    connection.connect(sock_path)
    replies = connection.makefile("rb")
    line = (json.dumps(request) + "\n").encode()
    while not stop.is_set():
        start = time.monotonic()
        connection.sendall(line)
        reply = json.loads(replies.readline())
        if "error" in reply:
            sys.exit(f"{request['method']}: {reply['error']['message']}")
        latencies.append(time.monotonic() - start)
        time.sleep(interval)


searcher = threading.Thread(target=search)
searcher.start()
uploads = subprocess.run(
    [sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "upload_latency.py"), sock_path, directory, count],
    capture_output=True, text=True, check=True,
).stdout
stop.set()
searcher.join()
latencies.sort()


def percentile(fraction):
    return 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * fraction))]


print(uploads, end="")
print(f"{len(latencies)} {request['method']} calls meanwhile: p50 {percentile(0.5):.2f} ms, p90 {percentile(0.9):.2f} ms, p99 {percentile(0.99):.2f} ms")
