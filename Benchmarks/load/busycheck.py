"""The busy path end to end, for the smoke run: gailleryd with an ingest queue of one photo, sixteen
uploads at once through `POST /rpc`; some must be answered 503 with a Retry-After and the JSON-RPC busy
error (-32003) in the body, every other one 200, and each acknowledged photo must be in the index with
its original's SHA-256 afterwards."""

import base64
import hashlib
import http.client
import json
import threading
import urllib.parse
import uuid
from pathlib import Path

import photos as photo_files


def check(daemon, jpegs, uploads=16):
    """Returns a list of problems (empty when the busy path behaved)."""
    url = urllib.parse.urlsplit(daemon.call("gallery.open", {})["url"])
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    connection.request("GET", f"{url.path}?{url.query}")
    login = connection.getresponse()
    login.read()
    cookie = (login.getheader("Set-Cookie") or "").split(";")[0]
    if login.status != 303 or not cookie:
        return [f"login answered {login.status} without a cookie"]
    headers = {"Cookie": cookie, "Origin": f"http://{url.netloc}", "Content-Type": "application/json"}
    answers = []

    def upload(n):
        data = photo_files.unique(jpegs[n % len(jpegs)].read_bytes(), f"gaillery-busy {uuid.uuid4()}")
        body = json.dumps({"jsonrpc": "2.0", "id": n, "method": "photos.upload",
                           "params": {"data": base64.b64encode(data).decode()}})
        client = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        client.request("POST", "/rpc", body, headers)
        response = client.getresponse()
        answers.append((response.status, response.getheader("Retry-After"), json.loads(response.read()),
                        hashlib.sha256(data).hexdigest()))
        client.close()

    threads = [threading.Thread(target=upload, args=(n,)) for n in range(uploads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    problems = []
    busy = [a for a in answers if a[0] == 503]
    if not busy:
        problems.append(f"no 503 among {uploads} simultaneous uploads with --queue-capacity 1")
    for status, retry_after, message, _ in busy:
        if not (retry_after or "").isdigit() or message.get("error", {}).get("code") != -32003:
            problems.append(f"a 503 without Retry-After seconds or the busy error: {retry_after} {message}")
    for status, _, message, digest in answers:
        if status == 503:
            continue
        if status != 200 or "result" not in message:
            problems.append(f"an upload answered {status}: {message}")
            continue
        photo = daemon.call("photos.get", {"id": message["result"]["id"]})
        if hashlib.sha256(Path(photo["original_path"]).read_bytes()).hexdigest() != digest:
            problems.append(f"photo {photo['id']}'s original does not match what was sent")
    print(f"busy check: {len(busy)} of {uploads} simultaneous uploads answered 503 "
          f"(Retry-After {sorted({a[1] for a in busy})}), {len(answers) - len(busy)} acknowledged and verified")
    return problems
