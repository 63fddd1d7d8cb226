#!/usr/bin/env python3
"""Benchmark of `ketluan serve` on a generated site: the initial build, and the time
from saving a body edit to the new page being served (median of 20 edits).

    python3 scripts/bench_serve.py [COUNT]          # default 10000

The site is generated once by scripts/gen_corpus.py into
$KETLUAN_BENCH_DIR/serve-COUNT (default /tmp/ketluan-bench) and reused; the edits
change one marker line in 20 different conclusions, so the site stays the same
size. Uses the release binary (built first) and the standard library only.

What is measured:
- cold `ketluan build` of the site (wall time, one run: see bench_build.py for more);
- `serve` start-up: from starting the process to its "Serving … at URL" line, which
  it prints once the whole site is built in memory;
- edit → served: the clock starts just before the file is written and stops when a
  GET of the conclusion's page returns the new text. The page is fetched when the
  live-reload channel announces it changed (as a browser would reload), then
  polled if needed;
- the processor time `serve` used per edit (user + system, all threads), which
  depends much less than wall time on what else the machine is running;
- a no-op save (the file rewritten unchanged): how long until serve reports that
  nothing changed, and that no page was re-rendered.
"""

import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# KETLUAN_BIN: another binary to measure, such as scripts/build_pgo.py's.
BIN = os.environ.get("KETLUAN_BIN", os.path.join(ROOT, "target", "release", "ketluan"))
CACHE = os.environ.get("KETLUAN_BENCH_DIR", "/tmp/ketluan-bench")
EDITS = 20


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def make_site(count, kind="serve"):
    """The generated site of COUNT conclusions in $KETLUAN_BENCH_DIR/KIND-COUNT."""
    site = os.path.join(CACHE, f"{kind}-{count}")
    if not os.path.isdir(os.path.join(site, "content")):
        shutil.rmtree(site, ignore_errors=True)
        log(f"generating {count} conclusions into {site}")
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"), str(count), site],
                       check=True, stdout=subprocess.DEVNULL)
    return site


def pick_files(site, n):
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content"))
                   for f in fs if f.endswith(".md"))
    step = max(1, len(files) // n)
    return files[::step][:n]


class Events(threading.Thread):
    """Reads the live-reload stream; records when each `reload` event arrived."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /__ketluan/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
        self.cond = threading.Condition()
        self.reloads = []  # (time, data)

    def run(self):
        event = None
        for line in self.sock.makefile("r", encoding="utf-8"):
            line = line.rstrip("\r\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == "reload":
                with self.cond:
                    self.reloads.append((time.perf_counter(), line[6:]))
                    self.cond.notify_all()

    def wait_reload(self, after, page, timeout=60):
        deadline = time.perf_counter() + timeout
        with self.cond:
            while True:
                for t, data in self.reloads:
                    if t >= after and (page in data or '"all":true' in data):
                        return t
                left = deadline - time.perf_counter()
                if left <= 0:
                    return None
                self.cond.wait(left)


def start_serve(site):
    """Start `ketluan serve` on a free port: (process, port), once it serves."""
    proc = subprocess.Popen([BIN, "serve", "--root", site, "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in proc.stdout:
        m = re.search(r" at http://127\.0\.0\.1:(\d+)/", line)
        if m:
            return proc, int(m.group(1))
    sys.exit("serve did not start")


def cpu_seconds(pid):
    """User + system time of process `pid` so far (Linux)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def get(conn, path):
    conn.request("GET", path)
    r = conn.getresponse()
    return r.status, r.read().decode("utf-8")


def slug_of(path):
    text = open(path, encoding="utf-8").read()
    m = re.search(r"^slug: (.+)$", text, re.M)
    return m.group(1).strip() if m else os.path.splitext(os.path.basename(path))[0]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    site = make_site(count)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(site, "content"))
               for f in fs) / 1e6

    out_dir = os.path.join(CACHE, f"serve-{count}-public")
    shutil.rmtree(out_dir, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([BIN, "build", "--root", site, "--output", out_dir], check=True, stdout=subprocess.DEVNULL)
    build_s = time.perf_counter() - started
    shutil.rmtree(out_dir, ignore_errors=True)

    started = time.perf_counter()
    proc, port = start_serve(site)
    startup_s = time.perf_counter() - started
    served_lines = []
    threading.Thread(target=lambda: served_lines.extend(proc.stdout), daemon=True).start()
    try:
        events = Events(port)
        events.start()
        time.sleep(0.5)
        conn = http.client.HTTPConnection("127.0.0.1", port)
        latencies, announced = [], []
        files = pick_files(site, EDITS)
        cpu_before = cpu_seconds(proc.pid)
        for i, path in enumerate(files):
            original = open(path, encoding="utf-8").read()
            body = re.sub(r"\n\nMốc đo: \S+\n$", "\n", original)
            marker = f"bench-{os.getpid()}-{i}"
            page = f"ket-luan/{slug_of(path)}/index.html"
            t0 = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(body + f"\nMốc đo: {marker}\n")
            t_event = events.wait_reload(t0, page)
            while True:
                status, html = get(conn, "/" + page.removesuffix("index.html"))
                if marker in html:
                    break
                if time.perf_counter() - t0 > 60:
                    sys.exit(f"edit {i} never served")
                time.sleep(0.002)
            latencies.append((time.perf_counter() - t0) * 1000)
            if t_event is not None:
                announced.append((t_event - t0) * 1000)
            log(f"edit {i + 1:2}: {latencies[-1]:7.1f} ms")
            time.sleep(0.3)

        cpu_per_edit = (cpu_seconds(proc.pid) - cpu_before) / len(files)

        # A no-op save: same bytes written again.
        before = len(served_lines)
        with open(files[0], "rb") as f:
            data = f.read()
        with open(files[0], "wb") as f:
            f.write(data)
        deadline = time.time() + 30
        while len(served_lines) == before and time.time() < deadline:
            time.sleep(0.01)
        noop = served_lines[before].strip() if len(served_lines) > before else "(no rebuild reported)"
    finally:
        proc.terminate()
        proc.wait()

    load = os.getloadavg()
    print(f"site: {count} conclusions, {size:.1f} MB of Markdown ({site})")
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    print()
    print("| measure | value |")
    print("|---|---|")
    print(f"| cold `ketluan build` | {build_s * 1000:.0f} ms |")
    print(f"| `serve` start-up (whole site built in memory) | {startup_s * 1000:.0f} ms |")
    print(f"| body edit → new page served, median of {len(latencies)} | {statistics.median(latencies):.0f} ms "
          f"(min {min(latencies):.0f}, max {max(latencies):.0f}) |")
    if announced:
        print(f"| body edit → reload event sent, median | {statistics.median(announced):.0f} ms |")
    print(f"| processor time of `serve` per edit | {cpu_per_edit * 1000:.0f} ms |")
    print(f"| no-op save | {noop} |")


if __name__ == "__main__":
    main()
