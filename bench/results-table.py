#!/usr/bin/env python3
"""The current results table of docs/benchmarks.md (quoted by the README), in one run.

    bench/results-table.py [--build build-bench] [--rounds 1] [--write] [--note TEXT]

Runs the four chat scenarios (bench/run-chat-benchmarks.sh, ONLY=N) against collab-server and,
right after each, against the same-run reference (TARGET=reference: bench/reference/chat-server.js,
Node.js + ws, in memory), both loaded by the same collab-bench / wrk, and prints the table:
each figure of ours, the reference's, and the ratio. Several rounds alternate which target goes
first and report the median. --write puts the table between the results markers of
docs/benchmarks.md and README.md (scripts/check-docs.py checks that the two are the same).
The scenario lengths come from the environment as for run-chat-benchmarks.sh (DURATION,
DURATION2, IDLE, WRK_DURATION): shorter ones for a smoke test, the defaults for the table.
"""
import argparse
import datetime
import json
import os
import re
import statistics
import subprocess
import sys

ROOT = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
BEGIN = "<!-- results-table:begin (bench/results-table.py --write) -->"
END = "<!-- results-table:end -->"
TARGETS = ("collab", "reference")


def run_scenario(build, scenario, target, port):
    env = dict(os.environ, ONLY=str(scenario), TARGET=target, PORT=str(port))
    run = subprocess.run([os.path.join(ROOT, "bench", "run-chat-benchmarks.sh"), build], env=env,
                         capture_output=True, text=True)
    sys.stderr.write(run.stderr)
    lines = [l for l in run.stdout.splitlines() if l.startswith("{")]
    if run.returncode != 0 or not lines:
        sys.exit(f"results-table: scenario {scenario} ({target}) failed (exit {run.returncode}): {run.stdout}")
    result = json.loads(lines[-1])
    if result.get("failed"):
        sys.exit(f"results-table: scenario {scenario} ({target}) failed: {lines[-1]}")
    print(f"# scenario {scenario} {target}: {lines[-1]}", file=sys.stderr)
    return result


def figures(scenario, r):
    """The figures of one scenario's JSON line, by name."""
    if scenario == 1:
        return {"cpu": r["server_cpu_pct"], "p50": r["latency_ms"]["p50"], "p99": r["latency_ms"]["p99"],
                "deliveries": r["deliveries_per_s"], "lost": r["lost"], "unacked": r["unacked"]}
    if scenario == 2:
        return {"deliveries": r["deliveries_per_s"], "cpu": r["server_cpu_pct"], "p99": r["latency_ms"]["p99"],
                "lost": r["lost"]}
    if scenario == 3:
        rss = (r["server_rss_after_kib"] - r["server_rss_before_kib"]) * 1024 / r["connected"]
        return {"connect_s": r["connect_s"], "rss_per_connection": rss, "connected": r["connected"]}
    return {"posts": r["requests_per_s"], "p99": r["latency_ms"]["p99"], "non_2xx": r["non_2xx"] + r["socket_errors"],
            "cpu": r["server_cpu_pct"]}


def median(values):
    return statistics.median(values)


def number(v, digits=0):
    return f"{v:,.{digits}f}"


def size(bytes_):
    return f"{bytes_ / 1024:.2f} KiB" if bytes_ >= 1024 else f"{bytes_:.0f} B"


def rate(v):
    return f"{v / 1e6:.2f}M" if v >= 1e6 else f"{v / 1e3:.1f}k"


def ratio(ours, theirs, lower_is_better, better="less", worse="more"):
    """How ours compares: "3.2× less" (lower is better) or "3.2×" (the reference's figure × 3.2)."""
    if not ours or not theirs:
        return "—"
    factor = theirs / ours if lower_is_better else ours / theirs
    if lower_is_better:
        return f"{factor:.1f}× {better}" if factor >= 1 else f"{1 / factor:.1f}× {worse}"
    return f"{factor:.1f}×" if factor >= 1 else f"{factor:.2f}×"


def cpu_ratio(ours_cpu, ours_rate, theirs_cpu, theirs_rate):
    """CPU compared per delivery when one side fell behind the offered load (it did less work)."""
    text = ratio(ours_cpu, theirs_cpu, True)
    if ours_rate and theirs_rate and abs(ours_rate - theirs_rate) > 0.05 * max(ours_rate, theirs_rate):
        text += "; per delivery " + ratio(ours_cpu / ours_rate, theirs_cpu / theirs_rate, True)
    return text


def build_type(build):
    try:
        with open(os.path.join(build, "CMakeCache.txt")) as f:
            m = re.search(r"^CMAKE_BUILD_TYPE:\w+=(\w*)", f.read(), re.M)
            return m.group(1) if m else "?"
    except OSError:
        return "?"


def lost(lost_, unacked):
    """collab-bench's lost = acked × receivers − deliveries: meaningful once every send is acked."""
    if unacked:
        return f"{unacked:,.0f} sends still unacked after the drain (fell behind)"
    return f"{lost_:.0f} lost"


def git(*args):
    return subprocess.run(["git", "-C", ROOT, *args], capture_output=True, text=True).stdout.strip()


def machine():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    debian = open("/etc/debian_version").read().strip() if os.path.exists("/etc/debian_version") else "?"
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return f"{os.cpu_count()} vCPU {model}, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') // 2**30} GiB, " \
           f"Debian {debian}, Linux {os.uname().release}, Node.js {node}"


def load():
    return os.getloadavg()[0]


def table(results, rounds, started, loads, note, build):
    med = {s: {t: {k: median([r[k] for r in results[s][t]]) for k in results[s][t][0]} for t in TARGETS}
           for s in results}
    c, n = (lambda s, k: med[s]["collab"][k]), (lambda s, k: med[s]["reference"][k])
    commit = git("rev-parse", "--short", "HEAD") + (" (with uncommitted changes)" if git("status", "--porcelain", "-uno") else "")
    env = " ".join(f"{k}={os.environ[k]}" for k in ("DURATION", "DURATION2", "IDLE", "WRK_DURATION") if k in os.environ)
    command = f"{env + ' ' if env else ''}bench/results-table.py --build {os.path.relpath(build, ROOT)} --rounds {rounds} --write"
    rows = []
    if 1 in med:
        rows += [
            ("1. 1,000 connections, 5 senders × 20 msg/s (100k deliveries/s): server CPU, % of one core", "≤ 15 %",
             f"**{c(1, 'cpu'):.1f} %**", f"{n(1, 'cpu'):.1f} %",
             cpu_ratio(c(1, "cpu"), c(1, "deliveries"), n(1, "cpu"), n(1, "deliveries")), "`ONLY=1`"),
            ("1. … delivery latency p50 / p99", "p99 ≤ 5 ms",
             f"**{c(1, 'p50'):.2f} / {c(1, 'p99'):.2f} ms**", f"{n(1, 'p50'):.2f} / {n(1, 'p99'):.2f} ms",
             "p99 " + ratio(c(1, "p99"), n(1, "p99"), True, "lower", "higher"), "`ONLY=1`"),
            ("1. … deliveries/s, lost", "100k, 0", f"{number(c(1, 'deliveries'))}/s, **{lost(c(1, 'lost'), c(1, 'unacked'))}**",
             f"{number(n(1, 'deliveries'))}/s, {lost(n(1, 'lost'), n(1, 'unacked'))}", "", "`ONLY=1`"),
        ]
    if 2 in med:
        rows.append(("2. 100 connections, 1 sender keeping 64 chat.send unacked: deliveries/s", "> 302k",
                     f"**{rate(c(2, 'deliveries'))}** (p99 {c(2, 'p99'):.1f} ms, server {c(2, 'cpu'):.0f} % CPU)",
                     f"{rate(n(2, 'deliveries'))} (p99 {n(2, 'p99'):.1f} ms, server {n(2, 'cpu'):.0f} % CPU)",
                     ratio(c(2, "deliveries"), n(2, "deliveries"), False), "`ONLY=2`"))
    if 3 in med:
        count = number(c(3, "connected"))
        rows += [
            (f"3. {count} idle connections (WebSocket upgrade, no hello): accepted and upgraded in", "< 3 s",
             f"**{c(3, 'connect_s'):.2f} s**", f"{n(3, 'connect_s'):.2f} s",
             ratio(c(3, "connect_s"), n(3, "connect_s"), True, "faster", "slower"),
             "`ONLY=3`"),
            ("3. … memory per idle connection (server RSS growth ÷ connections)", "≤ 8 KiB",
             f"**{size(c(3, 'rss_per_connection'))}**", size(n(3, "rss_per_connection")),
             ratio(c(3, "rss_per_connection"), n(3, "rss_per_connection"), True), "`ONLY=3`"),
        ]
    if 4 in med:
        rows.append(("4. REST posts/s, `wrk -t2 -c50` (ours: each committed to SQLite before its 201; the reference: in memory)",
                     "≥ 40,000/s", f"**{rate(c(4, 'posts'))}** (p99 {c(4, 'p99'):.1f} ms, server {c(4, 'cpu'):.0f} % CPU)",
                     f"{rate(n(4, 'posts'))} (p99 {n(4, 'p99'):.1f} ms, server {n(4, 'cpu'):.0f} % CPU)",
                     ratio(c(4, "posts"), n(4, "posts"), False), "`ONLY=4`"))
    out = [BEGIN,
           f"Measured {started:%Y-%m-%d %H:%M} UTC at commit {commit} on {machine()}; load average "
           f"{min(loads):.1f}-{max(loads):.1f} during the run{'; ' + note if note else ''}. "
           f"{build_type(build)} build (`{os.path.relpath(build, ROOT)}`), default scheduling, median of {rounds} "
           f"round(s). Command: `{command}` "
           "(every row is `bench/run-chat-benchmarks.sh` with the `ONLY` shown, once with each `TARGET`).",
           "",
           "| figure | target | collab-server | reference: Node.js + ws, same generator, no durability | ours vs reference | scenario |",
           "|---|---|---|---|---|---|"]
    out += [f"| {a} | {t} | {b} | {r} | {x} | {s} |" for a, t, b, r, x, s in rows]
    out += ["", "The reference (bench/reference/chat-server.js) does the same message flow as collab-server "
            "for these scenarios (hello, join with members and history, presence, chat.send → event to every "
            "member + ack, idempotent clientMsgId, the REST post) but keeps everything in memory: no disk, no "
            "name claims, no limits. Ours commits every message to SQLite before its ack or 201.", END]
    return "\n".join(out)


def write(path, block):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        sys.exit(f"results-table: no results markers in {path}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(pattern.sub(lambda _: block, text, count=1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0], allow_abbrev=False)
    parser.add_argument("--build", default=os.path.join(ROOT, "build-bench"), help="a Release build with collab-server, collab-bench")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--scenarios", default="1 2 3 4")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md and README.md")
    parser.add_argument("--note", default="", help="a remark for the table's caption (e.g. the machine was busy)")
    args = parser.parse_args()
    started = datetime.datetime.now(datetime.timezone.utc)
    loads = [load()]
    scenarios = [int(s) for s in args.scenarios.split()]
    results = {s: {t: [] for t in TARGETS} for s in scenarios}
    port = 18700
    for round_ in range(args.rounds):
        for s in scenarios:
            order = TARGETS if round_ % 2 == 0 else TARGETS[::-1]
            for t in order:
                port += 10
                results[s][t].append(figures(s, run_scenario(args.build, s, t, port)))
                loads.append(load())
    block = table(results, args.rounds, started, loads, args.note, os.path.realpath(args.build))
    print(block)
    if args.write:
        for doc in ("docs/benchmarks.md", "README.md"):
            write(os.path.join(ROOT, doc), block)


if __name__ == "__main__":
    main()
