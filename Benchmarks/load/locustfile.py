"""Gaillery's two load tasks on Locust, as the original cloud gallery ran them on Artillery.

Task 1, a visitor opens the gallery: logs in with a one-time token, loads the page and its files, the first
page of photos (`photos.list`) and the tag cloud (`tags.list`) through `POST /rpc`, then every thumbnail
on that page, six at a time as a browser does. Task 2, a visitor uploads 1-5 photos, two at a time as the
page does, done when every upload is acknowledged. The same two tasks run over the Unix socket (NDJSON
JSON-RPC) for scripting clients: thumbnails are then read from the `thumbnail_path` files.

An open model (Artillery's arrivalRate/rampTo): `ArrivalShape` raises the user count by the number of
visitors due each second; each visitor runs its session once and then idles until the run ends, so a
slow daemon does not slow the arrivals. Configured by environment variables (set by run.py):
GAILLERY_TASK (1|2), GAILLERY_TRANSPORT (http|socket), GAILLERY_SOCKET, GAILLERY_PHOTOS (JPEG
directory), GAILLERY_RECORDS (output directory), GAILLERY_RATE (visitors/s at the steady phase),
GAILLERY_PHASES (ramp-up,steady,ramp-down seconds), GAILLERY_DRAIN (seconds to let sessions finish),
GAILLERY_PATIENCE (seconds a visitor keeps retrying busy answers)."""

import base64
import json
import os
import random
import re
import time
import uuid
from pathlib import Path

import gevent
from gevent.pool import Pool
from locust import LoadTestShape, User, events, task
from locust.contrib.fasthttp import FastHttpUser
from locust.exception import StopUser
from locust.runners import MasterRunner

import photos as photo_files
import socketrpc

TASK = int(os.environ.get("GAILLERY_TASK", "1"))
TRANSPORT = os.environ.get("GAILLERY_TRANSPORT", "http")
SOCKET = os.environ.get("GAILLERY_SOCKET", "")
RECORDS = Path(os.environ.get("GAILLERY_RECORDS", "/tmp/gaillery-load"))
RATE = float(os.environ.get("GAILLERY_RATE", "5"))
PHASES = [float(x) for x in os.environ.get("GAILLERY_PHASES", "30,60,30").split(",")]
DRAIN = float(os.environ.get("GAILLERY_DRAIN", "30"))
PATIENCE = float(os.environ.get("GAILLERY_PATIENCE", "10"))
# photos.list's `full` (tags and file paths in each row), when this daemon has it: run.py asks.
# 60 is the grid's page size (grid.js).
LIST_PARAMS = {"limit": 60, "full": True} if os.environ.get("GAILLERY_LIST_FULL") == "1" else {"limit": 60}
THUMB_PARALLEL = 6  # a browser's connections per host
UPLOAD_PARALLEL = 2  # upload.js's PARALLEL

JPEGS = [p.read_bytes() for p in sorted(Path(os.environ.get("GAILLERY_PHOTOS", ".")).glob("*.jpg"))]
STATE = {"in_flight": 0, "created": 0}
_files = {}


def _open(kind):
    # One file per process (Locust's --processes forks workers): run.py reads them all.
    if kind not in _files:
        RECORDS.mkdir(parents=True, exist_ok=True)
        _files[kind] = open(RECORDS / f"{kind}-{os.getpid()}.jsonl", "a", buffering=1 << 16)
    return _files[kind]


@events.request.add_listener
def _record_request(request_type, name, response_time, response_length, response=None, context=None,
                    exception=None, start_time=None, **_):
    code = (context or {}).get("code")
    if code is None and response is not None:
        code = getattr(response, "status_code", None)
    line = [round(start_time or time.time(), 4), request_type, name, round(response_time, 3), code,
            None if exception is None else str(exception)[:200]]
    _open("requests").write(json.dumps(line) + "\n")


@events.quitting.add_listener
def _flush(**_):
    for f in _files.values():
        f.flush()


class Visit:
    """One visitor's session: its times, outcome and acknowledged uploads, written as one JSON line."""

    def __init__(self, user):
        self.record = {"task": TASK, "transport": TRANSPORT, "start": time.time(), "busy": 0, "uploads": []}
        self.rng = random.Random()
        # A begin line too: a visitor cut off by the end of the run still counts as created.
        _open("visitors").write(json.dumps({"begin": self.record["start"]}) + "\n")

    def finish(self, error=None):
        self.record["end"] = time.time()
        self.record["error"] = error
        _open("visitors").write(json.dumps(self.record) + "\n")


class OneSession:
    """Mixin: a visitor staggers its arrival within its second, runs one session, then idles."""

    wait_time = staticmethod(lambda: 86400)
    done = False

    def on_start(self):
        # Locust spawns each second's visitors in one batch: spread them over the second, as Artillery
        # spaces arrivals 1/rate apart.
        gevent.sleep(random.random())

    def once(self, session):
        if self.done:
            gevent.sleep(86400)
            return
        self.done = True
        STATE["in_flight"] += 1
        STATE["created"] += 1
        visit = Visit(self)
        try:
            session(visit)
            visit.finish()
        except StopUser:
            raise
        except BusyTimeout as error:
            visit.record["gave_up_busy"] = True
            visit.finish(str(error))
        except Exception as error:  # noqa: BLE001 - any failure ends this visitor, counted as failed
            visit.finish(f"{type(error).__name__}: {error}"[:300])
        finally:
            STATE["in_flight"] -= 1
            self.closeup()

    def closeup(self):
        pass


def token_url():
    """A one-time login URL from `gallery.open` over the socket (set-up, not part of the session)."""
    return socketrpc.call(SOCKET, "gallery.open", {}, timeout=30)["url"]


class HTTPVisitor(OneSession, FastHttpUser):
    """A browser's requests against the web gallery."""

    abstract = TRANSPORT != "http"
    host = "http://127.0.0.1"
    concurrency = THUMB_PARALLEL

    def _login(self):
        url = token_url()
        path = url[url.index("/login"):]
        with self.client.get(path, name="/login", allow_redirects=False, catch_response=True) as response:
            cookie = response.headers.get("Set-Cookie") or ""
            if response.status_code != 303 or "gaillery_session=" not in cookie:
                response.failure(f"login answered {response.status_code} without a session cookie")
                raise RuntimeError(f"login failed: HTTP {response.status_code}")
        origin = re.match(r"https?://[^/]+", url).group(0)
        self.headers = {"Cookie": cookie.split(";")[0], "Origin": origin}

    def _rpc(self, method, params, visit):
        """POST /rpc until answered or out of patience: a 503 is counted as busy and retried after its
        Retry-After, as the CLI's uploader does."""
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params})
        deadline = time.monotonic() + PATIENCE
        while True:
            with self.client.post("/rpc", data=body, name=f"/rpc {method}", catch_response=True,
                                  headers={**self.headers, "Content-Type": "application/json"}) as response:
                if response.status_code == 503:
                    response.success()  # back-pressure, counted apart from failures
                    visit.record["busy"] += 1
                    wait = float(response.headers.get("Retry-After") or 1)
                    if time.monotonic() + wait > deadline:
                        raise BusyTimeout(f"{method}: still busy after {PATIENCE:g} s")
                    gevent.sleep(wait)
                    continue
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}: {response.text[:200]}")
                    raise RuntimeError(f"{method}: HTTP {response.status_code}")
                message = json.loads(response.content)
                if "error" in message:
                    response.failure(f"{method}: {message['error']}")
                    raise RuntimeError(f"{method}: {message['error'].get('message')}")
                return message["result"]

    def _get(self, path, name):
        with self.client.get(path, name=name, headers=self.headers, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                raise RuntimeError(f"GET {path}: HTTP {response.status_code}")
            return response.text if name.startswith("/page") else None

    def _task1(self, visit):
        self._login()
        html = self._get("/", "/page")
        files = re.findall(r'(?:href|src)="([\w.-]+\.(?:css|js))"', html)
        modules = []
        for name in files:
            text = self._get("/" + name, "/page files")
            modules += re.findall(r'from "\./([\w.-]+\.js)"', text or "")
        pool = Pool(THUMB_PARALLEL)
        for name in sorted(set(modules) - set(files)):
            pool.spawn(self._get, "/" + name, "/page files")
        pool.join(raise_error=True)
        page = self._rpc("photos.list", LIST_PARAMS, visit)
        self._rpc("tags.list", {"limit": 24}, visit)
        pool = Pool(THUMB_PARALLEL)
        for photo in page["photos"]:
            if photo.get("status") == "done":
                pool.spawn(self._get, f"/photos/{photo['id']}/thumbnail", "/photos/[id]/thumbnail")
        pool.join(raise_error=True)
        visit.record["photos"] = len(page["photos"])
        visit.record["tagged"] = sum(1 for photo in page["photos"] if photo.get("tags"))

    def _upload(self, visit, n):
        data = photo_files.unique(visit.rng.choice(JPEGS), f"gaillery-load {uuid.uuid4()}")
        sent = time.time()
        result = self._rpc("photos.upload", {"data": base64.b64encode(data).decode(), "name": f"load-{n}.jpg"},
                           visit)
        visit.record["uploads"].append({"id": result["id"], "sha256": photo_files.sha256(data), "sent": sent,
                                        "ack": time.time(), "duplicate": result["duplicate"]})

    def _task2(self, visit):
        self._login()
        count = visit.rng.randint(1, 5)
        pool = Pool(UPLOAD_PARALLEL)
        for n in range(count):
            pool.spawn(self._upload, visit, n)
        pool.join(raise_error=True)

    @task
    def visit(self):
        self.once(self._task1 if TASK == 1 else self._task2)

    def closeup(self):
        # The idle visitor keeps no connection open.
        try:
            self.client.client.clientpool.close()
        except Exception:  # noqa: BLE001 - best effort
            pass


class BusyTimeout(Exception):
    """A visitor gave up after `PATIENCE` seconds of busy answers."""


class SocketVisitor(OneSession, User):
    """A scripting client on the Unix socket: NDJSON JSON-RPC, each call reported to Locust."""

    abstract = TRANSPORT != "socket"

    def _call(self, method, params, visit):
        deadline = time.monotonic() + PATIENCE
        while True:
            start = time.time()
            began = time.perf_counter()
            code, size, error = "ok", 0, None
            try:
                result, size = self.client.read_reply(method, self.client.send(method, params))
            except socketrpc.RPCError as rpc_error:
                code, error = rpc_error.code, rpc_error
            except Exception as other:  # noqa: BLE001 - reported to Locust as a failure, then raised
                code, error = "connection", other
            elapsed = (time.perf_counter() - began) * 1000
            name = method + (" (busy)" if code == -32003 else "")
            self.environment.events.request.fire(
                request_type="JSONRPC", name=name, response_time=elapsed, response_length=size,
                exception=None if code in ("ok", -32003) else error, context={"code": code}, start_time=start)
            if code == -32003:
                visit.record["busy"] += 1
                wait = max(0.05, (error.data.get("retry_after_ms") or 500) / 1000)
                if time.monotonic() + wait > deadline:
                    raise BusyTimeout(f"{method}: still busy after {PATIENCE:g} s")
                gevent.sleep(wait)
                continue
            if error is not None:
                raise error
            return result

    def _task1(self, visit):
        page = self._call("photos.list", LIST_PARAMS, visit)
        self._call("tags.list", {"limit": 24}, visit)
        if "full" not in LIST_PARAMS:
            # An older daemon's rows carry neither tags nor paths: ask for each photo, as a script would.
            page["photos"] = [self._call("photos.get", {"id": photo["id"]}, visit) for photo in page["photos"]]
        visit.record["tagged"] = sum(1 for photo in page["photos"] if photo.get("tags"))
        for photo in page["photos"]:
            path = photo.get("thumbnail_path")
            if photo.get("status") != "done" or not path:
                continue
            start, began = time.time(), time.perf_counter()
            with open(path, "rb") as f:
                size = len(f.read())
            self.environment.events.request.fire(
                request_type="FILE", name="thumbnail_path", response_time=(time.perf_counter() - began) * 1000,
                response_length=size, exception=None, context={"code": "file"}, start_time=start)
        visit.record["photos"] = len(page["photos"])

    def _task2(self, visit):
        for n in range(visit.rng.randint(1, 5)):
            data = photo_files.unique(visit.rng.choice(JPEGS), f"gaillery-load {uuid.uuid4()}")
            sent = time.time()
            result = self._call("photos.upload",
                                {"data": base64.b64encode(data).decode(), "name": f"load-{n}.jpg"}, visit)
            visit.record["uploads"].append({"id": result["id"], "sha256": photo_files.sha256(data), "sent": sent,
                                            "ack": time.time(), "duplicate": result["duplicate"]})

    @task
    def visit(self):
        def session(visit):
            self.client = socketrpc.SocketClient(SOCKET, timeout=60)
            try:
                (self._task1 if TASK == 1 else self._task2)(visit)
            finally:
                self.client.close()

        self.once(session)


def rate_at(t):
    """Arrivals per second at `t` seconds: 0 → RATE over the ramp-up, RATE, then RATE → 0."""
    up, steady, down = PHASES
    if t < up:
        return RATE * t / up
    if t < up + steady:
        return RATE
    if t < up + steady + down:
        return RATE * (1 - (t - up - steady) / down)
    return 0.0


def arrivals_by(t):
    """Visitors due by `t` seconds: the integral of `rate_at`."""
    up, steady, down = PHASES
    total = 0.0
    total += RATE * min(t, up) ** 2 / (2 * up) if up else 0
    if t > up:
        total += RATE * min(t - up, steady)
    if t > up + steady and down:
        s = min(t - up - steady, down)
        total += RATE * (s - s * s / (2 * down))
    return total


class ArrivalShape(LoadTestShape):
    """An arrival rate, not a population: each tick the user count rises by the visitors due in the next
    second (spawned at that rate); users never go away mid-session. After the last phase it waits for
    the sessions in flight (at most GAILLERY_DRAIN seconds), then stops the run."""

    def tick(self):
        t = self.get_run_time()
        end = sum(PHASES)
        target = int(arrivals_by(min(t + 1, end)) + 0.5)
        if t < end:
            return (target, max(rate_at(t), 1.0))
        if isinstance(self.runner, MasterRunner):
            # The sessions run in the workers, out of sight: give them the drain time outright.
            return (target, max(RATE, 1.0)) if t < end + DRAIN else None
        if t < end + DRAIN and (STATE["in_flight"] > 0 or STATE["created"] < target and t < end + 2):
            return (target, max(RATE, 1.0))
        return None
