"""Reports like the original's Artillery tables: per run a Markdown and a CSV table and a PNG plot of the
arrival rate, the p99 session length and the ingest backlog over time, with the daemon's and the
generator's CPU side by side; and a summary table of all runs of an invocation."""

import csv
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read_records(directory):
    """(visitor records, request records) from every process's JSON lines in `directory`."""
    visitors, begins, requests = [], [], []
    for path in sorted(Path(directory).glob("visitors-*.jsonl")):
        for line in path.read_text().splitlines():
            record = json.loads(line)
            (begins if "begin" in record else visitors).append(record)
    for path in sorted(Path(directory).glob("requests-*.jsonl")):
        requests += [json.loads(line) for line in path.read_text().splitlines()]
    # A visitor that began and never ended (cut off by the end of the run) is counted as failed.
    cut = len(begins) - len(visitors)
    visitors += [{"start": None, "cut": True, "error": "cut off by the end of the run"}] * max(0, cut)
    return visitors, requests


def percentile(values, p):
    """The nearest-rank percentile of `values` (None when empty)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def stats(prefix, values):
    """min/mean/median/p95/p99/max of `values` (ms) under `prefix`, rounded to 0.1."""
    out = {}
    for name, value in [("min", min(values) if values else None),
                        ("mean", sum(values) / len(values) if values else None),
                        ("median", percentile(values, 50)), ("p95", percentile(values, 95)),
                        ("p99", percentile(values, 99)), ("max", max(values) if values else None)]:
        out[f"{prefix}_{name}"] = None if value is None else round(value, 1)
    return out


def summarize(*, label, task, transport, rate, phases, visitors, requests, samples, finished, checks, started,
              ended, drain_s, locust_exit, dropped_events, processes):
    """The run's figures, in the original's names where it had them."""
    row = {"label": label, "task": task, "transport": transport, "rate": rate,
           "phases_s": "/".join(f"{p:g}" for p in phases), "generator_processes": processes}
    codes = {}
    for request in requests:
        kind = request[1]
        key = ("file.reads" if kind == "FILE" else
               f"{'http' if kind in ('GET', 'POST') else 'rpc'}.codes.{request[4]}")
        codes[key] = codes.get(key, 0) + 1
    row.update(sorted(codes.items()))
    times = [r[3] for r in requests]
    span = max(r[0] for r in requests) - min(r[0] for r in requests) if requests else 0
    row["requests"] = len(requests)
    row["request_failures"] = sum(1 for r in requests if r[5])
    row["request_rate_per_s"] = round(len(requests) / span, 1) if span > 0 else None
    row.update(stats("response_time", times))
    ended_ok = [v for v in visitors if not v.get("cut") and not v.get("error")]
    gave_up = [v for v in visitors if v.get("gave_up_busy")]
    row["vusers.created"] = len(visitors)
    row["vusers.completed"] = len(ended_ok)
    row["vusers.failed"] = sum(1 for v in visitors if v.get("error") and not v.get("gave_up_busy"))
    row["vusers.gave_up_busy"] = len(gave_up)
    row["vusers.met_busy"] = sum(1 for v in visitors if v.get("busy"))
    row["busy_answers"] = sum(v.get("busy", 0) for v in visitors)
    starts = [v["start"] for v in visitors if v.get("start")]
    steady = (started + phases[0], started + phases[0] + phases[1])
    in_steady = sum(1 for s in starts if steady[0] <= s < steady[1])
    row["arrival_rate_steady_per_s"] = round(in_steady / phases[1], 2) if phases[1] else None
    row.update(stats("vusers.session_length", [(v["end"] - v["start"]) * 1000 for v in ended_ok]))
    pages = [v for v in ended_ok if "photos" in v]
    if pages:
        row["photos_per_page"] = round(sum(v["photos"] for v in pages) / len(pages), 1)
        row["photos_with_tags_per_page"] = round(sum(v.get("tagged", 0) for v in pages) / len(pages), 1)
    errors = sorted({v["error"] for v in visitors if v.get("error")})
    row["first_errors"] = " | ".join(errors[:3])
    if task == 2:
        uploads = [u for v in visitors if "end" in v for u in v.get("uploads", [])]
        row["photos.acknowledged"] = len(uploads)
        row["photos.duplicate"] = sum(1 for u in uploads if u.get("duplicate"))
        # A duplicate (the same bytes twice) is answered from the index and not classified again.
        ttc = [(finished[u["id"]][0] - u["sent"]) * 1000 for u in uploads
               if u["id"] in finished and not u.get("duplicate")]
        row["photos.classified_seen"] = len(ttc)
        row.update(stats("time_to_classified", ttc))
        done_times = [finished[u["id"]][0] for u in uploads if u["id"] in finished]
        if done_times and uploads:
            window = max(done_times) - min(u["sent"] for u in uploads)
            row["ingest_rate_per_s"] = round(len(done_times) / window, 1) if window > 0 else None
        row["drain_after_run_s"] = round(drain_s, 1)
    row["backlog_max"] = max((s["backlog"] for s in samples), default=None)
    row["queue_depth_max"] = max((s["queue_depth"] for s in samples), default=None)
    row["photos.lost"] = checks["missing"]
    row["photos.sha_mismatch"] = checks["sha_mismatch"]
    row["photos.not_classified_after"] = checks["not_done"]
    row["photos.failed"] = checks["failed"]
    load = [s for s in samples if started <= s["t"] <= ended]
    row["daemon_cpu_mean_pct"] = round(sum(s["daemon_cpu"] for s in load) / len(load), 1) if load else None
    row["daemon_cpu_max_pct"] = round(max((s["daemon_cpu"] for s in load), default=0), 1)
    row["generator_cpu_mean_pct"] = round(sum(s["generator_cpu"] for s in load) / len(load), 1) if load else None
    row["generator_cpu_max_pct"] = round(max((s["generator_cpu"] for s in load), default=0), 1)
    row["other_cpu_mean_pct"] = round(sum(s["other_cpu"] for s in load) / len(load), 1) if load else None
    row["events_dropped"] = dropped_events
    row["locust_exit"] = locust_exit
    return row


def one_line(row):
    """A step's outcome on one line, for the console."""
    return (f"{row['label']:>8} task {row['task']} {row['transport']}: created {row['vusers.created']}, "
            f"completed {row['vusers.completed']}, failed {row['vusers.failed']}, busy answers "
            f"{row['busy_answers']}, session p99 {row['vusers.session_length_p99']} ms, arrivals "
            f"{row['arrival_rate_steady_per_s']}/s, CPU daemon {row['daemon_cpu_mean_pct']}% / generator "
            f"{row['generator_cpu_mean_pct']}% / others {row['other_cpu_mean_pct']}% of a core")


def write_table(path_md, path_csv, rows, title):
    """`rows` (dicts) as one column per run, one line per figure, as the original's tables."""
    keys = []
    for row in rows:
        keys += [k for k in row if k not in keys]
    with open(path_csv, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["metric"] + [r["label"] for r in rows])
        for key in keys:
            writer.writerow([key] + [r.get(key, "") for r in rows])
    lines = [f"# {title}", "", "| metric | " + " | ".join(str(r["label"]) for r in rows) + " |",
             "|---|" + "---|" * len(rows)]
    for key in keys:
        cells = ["" if r.get(key) is None else str(r.get(key)).replace("|", "/") for r in rows]
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    Path(path_md).write_text("\n".join(lines) + "\n")


def write_run(out_dir, row, visitors, samples, started, phases, rate):
    """report.md, report.csv and report.png (or `<label>.*`) for one run."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    name = row["label"].replace("/", "per")
    write_table(out / f"{name}.md", out / f"{name}.csv", [row],
                f"Task {row['task']} over {row['transport']}, {rate:g} visitors/s, phases {row['phases_s']} s")
    plot(out / f"{name}.png", row, visitors, samples, started, phases, rate)


def plot(path, row, visitors, samples, started, phases, rate):
    """Arrival rate (target and measured), p99 session length, backlog and CPU against time."""
    ok = [v for v in visitors if v.get("start") and "end" in v]
    horizon = int(max([v["end"] - started for v in ok] + [sum(phases)]) + 2)
    target, measured, p99 = [], [], []
    for second in range(horizon):
        up, steady, down = phases
        t = second + 0.5
        target.append(rate * t / up if t < up else rate if t < up + steady else
                      max(0.0, rate * (1 - (t - up - steady) / down)) if down else 0.0)
        measured.append(sum(1 for v in ok if second <= v["start"] - started < second + 1))
        lengths = [(v["end"] - v["start"]) * 1000 for v in ok if second - 2 <= v["start"] - started < second + 3]
        p99.append(percentile(lengths, 99))
    figure, axes = plt.subplots(4, 1, figsize=(9, 10), sharex=True)
    axes[0].plot(range(horizon), target, label="target")
    axes[0].plot(range(horizon), measured, label="measured", alpha=0.8)
    axes[0].set_ylabel("arrivals / s")
    axes[0].legend(loc="upper right")
    axes[1].plot(range(horizon), [float("nan") if v is None else v for v in p99])
    axes[1].set_ylabel("session p99 (ms, 5 s window)")
    times = [s["t"] - started for s in samples]
    axes[2].plot(times, [s["backlog"] for s in samples])
    axes[2].set_ylabel("ingest backlog (photos)")
    axes[3].plot(times, [s["daemon_cpu"] for s in samples], label="gailleryd")
    axes[3].plot(times, [s["generator_cpu"] for s in samples], label="Locust")
    axes[3].plot(times, [s["other_cpu"] for s in samples], label="everything else", alpha=0.6)
    axes[3].set_ylabel("CPU (% of a core)")
    axes[3].set_xlabel("seconds since the start")
    axes[3].legend(loc="upper right")
    figure.suptitle(f"Task {row['task']} over {row['transport']}: {rate:g} visitors/s")
    figure.tight_layout()
    figure.savefig(path, dpi=80)
    plt.close(figure)


def write_summary(out_dir, rows, kind):
    """summary.md and summary.csv with one column per run."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    write_table(out / "summary.md", out / "summary.csv", rows, f"Gaillery load ({kind})")
