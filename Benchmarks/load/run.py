"""Runs Gaillery's load tasks with Locust against a daemon it starts itself, then checks and reports.

    run.py smoke                          both tasks, both transports, a few seconds per phase
    run.py run --task 2 --transport http --rate 50 [--phases 30,60,30]
    run.py full --task 1|2 [--transport http] [--phases 30,60,30]
                                          steps the rate 5, 10, 25, 50, 100, 150, 200, 250, 300, 400, ...
                                          until a failure or a p99 session length over 1 s; prints the knee

Each run starts the built gailleryd (--daemon) on a fresh temporary data directory and socket with the web
gallery on a free loopback port (Task 1 first uploads one page of photos and waits for them to be
classified), follows `photo.status` events on the socket for the time to classified, samples
`daemon.status` and /proc CPU of the daemon and the generator twice a second, runs Locust headless,
waits for the ingest backlog to drain, then checks that every acknowledged photo is in the index with
its original's SHA-256. Reports (Markdown, CSV, PNG) go to --out (default Benchmarks/results/load)."""

import argparse
import base64
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import busycheck  # noqa: E402
import photos as photo_files  # noqa: E402
import report  # noqa: E402
import socketrpc  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")
CORES = os.cpu_count() or 1
SEED_PHOTOS = 60


def cpu_ticks(pid):
    """utime + stime of `pid` in clock ticks, 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def machine_ticks():
    """(busy, total) clock ticks of all cores together, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def descendants(pid):
    """`pid` and every process below it (Locust's --processes workers are its children)."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo += children.get(p, [])
    return found


class Daemon:
    """The built gailleryd on a temporary socket and data directory, web gallery on 127.0.0.1:0."""

    def __init__(self, binary, base, extra):
        self.socket = os.path.join(base, "gailleryd.sock")
        self.log_path = os.path.join(base, "gailleryd.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [binary, "--socket", self.socket, "--data-dir", os.path.join(base, "data"), "--models-dir",
             str(ROOT / "models"), "--http", "127.0.0.1:0", "--log-level", "warning", *extra],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"gailleryd exited with {self.process.returncode}; see {self.log_path}")
            try:
                status = self.call("daemon.status", timeout=5)
                if status.get("http", {}).get("listening") and status.get("classifier", {}).get("ready"):
                    break
            except (FileNotFoundError, ConnectionRefusedError, socketrpc.RPCError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gailleryd did not get ready in 120 s; see {self.log_path}")
            time.sleep(0.2)
        self.url = status["http"]["url"].rstrip("/")
        self.pid = self.process.pid

    def call(self, method, params=None, timeout=60):
        return socketrpc.call(self.socket, method, params, timeout=timeout)

    def stop(self):
        """SIGTERM (a graceful stop); SIGKILL when it is still running 30 s later."""
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.process.wait()


def backlog(status):
    """Photos stored but not yet classified (queued or in the pipeline)."""
    return status["photos"]["queued"] + status["photos"]["processing"]


class Monitor:
    """Twice a second: daemon.status (backlog, queue depth) and the CPU of the daemon and the generator.
    Beside it, one socket subscribed to `photo.status`, noting when each photo reached done or failed."""

    def __init__(self, daemon):
        self.daemon = daemon
        self.samples = []
        self.finished = {}  # photo id -> (wall time, status)
        self.dropped = 0
        self.generator = None
        self.stopping = threading.Event()
        self.events = socketrpc.SocketClient(daemon.socket, timeout=None, on_note=self._note)
        self.events.call("events.subscribe", {"topics": ["photo.status"]})
        self.threads = [threading.Thread(target=self._listen, daemon=True),
                        threading.Thread(target=self._sample, daemon=True)]
        for thread in self.threads:
            thread.start()

    def _note(self, params):
        if params.get("topic") == "events.dropped":
            self.dropped += int(params.get("data", {}).get("count", 0))
            return
        data = params.get("data") or {}
        if data.get("status") in ("done", "failed") and data.get("id") not in self.finished:
            self.finished[data["id"]] = (time.time(), data["status"])

    def _listen(self):
        try:
            while not self.stopping.is_set():
                message, _ = self.events.read_line()
                if message.get("method") == "event":
                    self._note(message["params"])
        except (OSError, ConnectionError, ValueError):
            pass

    def _sample(self):
        client = socketrpc.SocketClient(self.daemon.socket, timeout=30)
        last = None
        while not self.stopping.is_set():
            now = time.time()
            try:
                status = client.call("daemon.status")
            except Exception:  # noqa: BLE001 - a sample missed under load is skipped, not fatal
                time.sleep(0.5)
                continue
            generator = descendants(self.generator) if self.generator else []
            ticks = (cpu_ticks(self.daemon.pid), sum(cpu_ticks(p) for p in generator), machine_ticks())
            if last:
                dt = now - last[0]
                busy, total = (ticks[2][0] - last[1][2][0]), max(1, ticks[2][1] - last[1][2][1])
                # A generator process that ended takes its ticks with it: never count less than nothing.
                daemon_cpu = max(0.0, (ticks[0] - last[1][0]) / TICK / dt * 100)
                generator_cpu = max(0.0, (ticks[1] - last[1][1]) / TICK / dt * 100)
                self.samples.append({
                    "t": now, "backlog": backlog(status), "queue_depth": status["queue"]["depth"],
                    "daemon_cpu": daemon_cpu, "generator_cpu": generator_cpu,
                    # Everything else on the machine (other engineers' builds and tests), in % of a core.
                    "other_cpu": min(CORES * 100.0, max(0.0, busy / total * CORES * 100 - daemon_cpu - generator_cpu)),
                })
            last = (now, ticks)
            time.sleep(0.5)
        client.close()

    def stop(self):
        self.stopping.set()
        self.events.close()


def seed(daemon, jpegs):
    """Task 1's gallery: one page of distinct photos, classified."""
    for n in range(SEED_PHOTOS):
        data = photo_files.unique(jpegs[n % len(jpegs)].read_bytes(), f"gaillery-load seed {n}")
        daemon.call("photos.upload", {"data": base64.b64encode(data).decode(), "name": f"seed-{n}.jpg"})
    wait_drained(daemon, 300)


def wait_drained(daemon, limit):
    """Waits until nothing is queued or processing (at most `limit` seconds); returns the seconds taken."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if backlog(daemon.call("daemon.status")) == 0:
            break
        time.sleep(0.5)
    return time.monotonic() - start


def verify(daemon, uploads):
    """Every acknowledged photo in the index, its original's SHA-256 as sent, and its status."""
    result = {"checked": 0, "missing": 0, "sha_mismatch": 0, "not_done": 0, "failed": 0}
    client = socketrpc.SocketClient(daemon.socket, timeout=60)
    try:
        for upload in uploads:
            result["checked"] += 1
            try:
                photo = client.call("photos.get", {"id": upload["id"]})
            except socketrpc.RPCError:
                result["missing"] += 1
                continue
            try:
                digest = hashlib.sha256(Path(photo["original_path"]).read_bytes()).hexdigest()
            except (OSError, KeyError, TypeError):
                digest = None
            if digest != upload["sha256"] or photo.get("sha256") != upload["sha256"]:
                result["sha_mismatch"] += 1
            if photo["status"] == "failed":
                result["failed"] += 1
            elif photo["status"] != "done":
                result["not_done"] += 1
    finally:
        client.close()
    return result


def run_once(args, task, transport, rate, phases, out_dir, label):
    """One run at one arrival rate; returns its summary row (a dict) and writes its report."""
    base = tempfile.mkdtemp(prefix="gaillery-load-")
    records = Path(base) / "records"
    jpegs = photo_files.make(args.photos)
    daemon = Daemon(args.daemon, base, args.daemon_arg or [])
    monitor = None
    try:
        if task == 1:
            seed(daemon, jpegs)
        try:
            daemon.call("photos.list", {"limit": 1, "full": True})
            list_full = "1"
        except socketrpc.RPCError:
            list_full = "0"
        monitor = Monitor(daemon)
        env = {**os.environ, "GAILLERY_TASK": str(task), "GAILLERY_TRANSPORT": transport,
               "GAILLERY_SOCKET": daemon.socket, "GAILLERY_PHOTOS": str(args.photos),
               "GAILLERY_RECORDS": str(records), "GAILLERY_RATE": str(rate),
               "GAILLERY_PHASES": ",".join(str(p) for p in phases), "GAILLERY_DRAIN": str(args.drain),
               "GAILLERY_PATIENCE": str(args.patience), "PYTHONPATH": str(HERE),
               "GAILLERY_LIST_FULL": list_full}
        command = [str(Path(sys.executable).parent / "locust"), "-f", str(HERE / "locustfile.py"), "--headless",
                   "--host", daemon.url, "--loglevel", "WARNING", "--only-summary"]
        if args.processes > 1:
            command += ["--processes", str(args.processes)]
        started = time.time()
        with open(Path(base) / "locust.log", "w") as log:
            generator = subprocess.Popen(command, env=env, cwd=HERE, stdout=log, stderr=subprocess.STDOUT)
            monitor.generator = generator.pid
            code = generator.wait(timeout=sum(phases) + args.drain + 120)
        ended = time.time()
        drain_s = wait_drained(daemon, args.classify_wait) if task == 2 else 0.0
        time.sleep(1.0)  # the last photo.status events
        monitor.stop()
        visitors, requests = report.read_records(records)
        uploads = [u for v in visitors if "end" in v for u in v.get("uploads", [])]
        checks = verify(daemon, uploads)
        summary = report.summarize(
            label=label, task=task, transport=transport, rate=rate, phases=phases, visitors=visitors,
            requests=requests, samples=monitor.samples, finished=monitor.finished, checks=checks,
            started=started, ended=ended, drain_s=drain_s, locust_exit=code, dropped_events=monitor.dropped,
            processes=args.processes)
        report.write_run(out_dir, summary, visitors, monitor.samples, started, phases, rate)
        if code != 0:
            print(f"locust exited with {code}; its log: {Path(base) / 'locust.log'}", file=sys.stderr)
        return summary
    finally:
        if monitor:
            monitor.stop()
        daemon.stop()
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


def busy_check(args):
    """busycheck.check on a daemon of its own with an ingest queue of one photo."""
    base = tempfile.mkdtemp(prefix="gaillery-load-busy-")
    daemon = Daemon(args.daemon, base, ["--queue-capacity", "1"])
    try:
        return busycheck.check(daemon, photo_files.make(args.photos))
    finally:
        daemon.stop()
        shutil.rmtree(base, ignore_errors=True)


def passed(summary):
    """The knee's test: no failed visitor, nothing lost, and a p99 session length under 1 s."""
    return (summary["vusers.failed"] == 0 and summary["photos.lost"] == 0 and summary["photos.sha_mismatch"] == 0
            and summary["vusers.session_length_p99"] is not None and summary["vusers.session_length_p99"] <= 1000)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["smoke", "run", "full"])
    parser.add_argument("--task", type=int, choices=[1, 2], default=1)
    parser.add_argument("--transport", choices=["http", "socket"], default="http")
    parser.add_argument("--rate", type=float, default=5)
    parser.add_argument("--rates", default="5,10,25,50,100,150,200,250,300,400,500,700,1000")
    parser.add_argument("--phases", default=None, help="ramp-up,steady,ramp-down seconds (default 30,60,30; "
                        "smoke 3,5,3)")
    parser.add_argument("--daemon", default=None, help="gailleryd binary (default: the release build)")
    parser.add_argument("--daemon-arg", action="append", help="an extra gailleryd flag (repeatable)")
    parser.add_argument("--out", default=str(ROOT / "Benchmarks" / "results" / "load"))
    parser.add_argument("--photos", default=None, help="where the JPEGs are made (default: under --out)")
    parser.add_argument("--processes", type=int, default=1, help="Locust worker processes (1: no master)")
    parser.add_argument("--drain", type=float, default=30, help="seconds sessions in flight may take after "
                        "the last phase")
    parser.add_argument("--patience", type=float, default=10, help="seconds a visitor retries busy answers")
    parser.add_argument("--classify-wait", type=float, default=300, help="seconds to wait, after Task 2, for "
                        "the ingest backlog to drain before checking")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    args = parser.parse_args()
    if args.daemon is None:
        bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                                  capture_output=True, text=True).stdout.strip()
        args.daemon = os.path.join(bin_path, "gailleryd")
    if not os.path.exists(args.daemon):
        sys.exit(f"run.py: {args.daemon} does not exist; build it first (make build, or swift build)")
    if args.photos is None:
        args.photos = str(Path(args.out) / "photos")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    phases = [float(x) for x in (args.phases or ("3,5,3" if args.mode == "smoke" else "30,60,30")).split(",")]

    if args.mode == "smoke":
        out_dir = Path(args.out) / f"{stamp}-smoke"
        rows = [run_once(args, task, transport, args.rate, phases, out_dir, f"task{task}-{transport}")
                for task in (1, 2) for transport in ("http", "socket")]
        report.write_summary(out_dir, rows, "smoke")
        problems = busy_check(args)
        bad = [r["label"] for r in rows if r["vusers.failed"] or r["photos.lost"] or r["photos.sha_mismatch"]
               or r["photos.not_classified_after"] or not r["vusers.completed"] or r["locust_exit"]]
        wanted = [out_dir / f"{r['label']}.{ext}" for r in rows for ext in ("md", "csv", "png")]
        missing = [str(p) for p in wanted + [out_dir / "summary.md"] if not p.exists() or not p.stat().st_size]
        print(f"reports: {out_dir}")
        for row in rows:
            print(report.one_line(row))
        if missing:
            sys.exit(f"run.py smoke: reports missing or empty: {', '.join(missing)}")
        if problems:
            sys.exit("run.py smoke: busy check: " + "; ".join(problems))
        if bad:
            sys.exit(f"run.py smoke: failures in {', '.join(bad)}; see {out_dir}/summary.md")
        return
    if args.mode == "run":
        out_dir = Path(args.out) / f"{stamp}-task{args.task}-{args.transport}-{args.rate:g}"
        row = run_once(args, args.task, args.transport, args.rate, phases, out_dir, "run")
        report.write_summary(out_dir, [row], "run")
        print(f"reports: {out_dir}")
        return
    out_dir = Path(args.out) / f"{stamp}-full-task{args.task}-{args.transport}"
    rows, knee = [], None
    for rate in [float(r) for r in args.rates.split(",")]:
        row = run_once(args, args.task, args.transport, rate, phases, out_dir / f"rate-{rate:g}", f"{rate:g}/s")
        rows.append(row)
        report.write_summary(out_dir, rows, "full")
        print(report.one_line(row), flush=True)
        if not passed(row):
            break
        knee = rate
    print(f"reports: {out_dir}")
    if knee is None:
        print(f"knee: below {rows[0]['rate']:g} visitors/s (the first step already failed or took > 1 s at p99)")
    elif knee == rows[-1]["rate"]:
        print(f"knee: not reached; {knee:g} visitors/s held (the last step tried)")
    else:
        print(f"knee: {knee:g} visitors/s held; {rows[-1]['rate']:g} visitors/s did not "
              f"(failed {rows[-1]['vusers.failed']}, p99 session {rows[-1]['vusers.session_length_p99']} ms)")


if __name__ == "__main__":
    main()
