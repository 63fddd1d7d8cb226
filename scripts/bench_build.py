#!/usr/bin/env python3
"""Whole-build benchmark of ketluan: cold builds of generated sites, and a second
build with nothing changed. Prints a Markdown table for the README.

    python3 scripts/bench_build.py [COUNT ...]     # default: 1000 10000 100000

Sites are generated once by scripts/gen_corpus.py into $KETLUAN_BENCH_DIR (default
/tmp/ketluan-bench) and reused. Each cold build deletes the output first; the
figure is the median of $RUNS runs (default 5). Peak memory is the maximum RSS
reported by /usr/bin/time (GNU time, Debian package `time`).
"""

import os
import shutil
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "ketluan")
CACHE = os.environ.get("KETLUAN_BENCH_DIR", "/tmp/ketluan-bench")
RUNS = int(os.environ.get("RUNS", "5"))


def timed_build(site):
    """(wall s, user s, sys s, max RSS MB, stdout) of one `ketluan build`."""
    out = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M", BIN, "build", "--root", site, "--timings"],
        capture_output=True, text=True, check=True,
    )
    wall, user, sys_, rss = out.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user), float(sys_), int(rss) / 1024, out.stdout


def clean(site):
    shutil.rmtree(os.path.join(site, "public"), ignore_errors=True)
    for name in os.listdir(site):
        if name.startswith(".public.ketluan-"):
            path = os.path.join(site, name)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)


def main():
    counts = [int(a) for a in sys.argv[1:]] or [1000, 10000, 100000]
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    rows = []
    for n in counts:
        site = os.path.join(CACHE, f"site-{n}")
        if not os.path.isdir(os.path.join(site, "content")):
            shutil.rmtree(site, ignore_errors=True)
            subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"), str(n), site],
                           check=True, stdout=subprocess.DEVNULL)
        size = sum(os.path.getsize(os.path.join(d, f))
                   for d, _, fs in os.walk(os.path.join(site, "content")) for f in fs) / 1e6
        cold = []
        for _ in range(RUNS):
            clean(site)
            cold.append(timed_build(site))
        warm = [timed_build(site) for _ in range(RUNS)]
        med = lambda runs, i: statistics.median(r[i] for r in runs)
        pages = cold[-1][4].split(":")[1].split("pages")[0].strip()
        rows.append((n, size, pages, med(cold, 0), med(cold, 1), med(cold, 2), max(r[3] for r in cold), med(warm, 0)))
        print(cold[-1][4], file=sys.stderr)
    print(f"{os.cpu_count()} cores; median of {RUNS} runs\n")
    print("| conclusions | Markdown | pages | cold build (wall) | CPU user | CPU sys | peak RSS | rebuild, nothing changed |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, size, pages, wall, user, sys_, rss, warm in rows:
        print(f"| {n:,} | {size:.0f} MB | {pages} | {wall:.2f} s | {user:.2f} s | {sys_:.2f} s | {rss:.0f} MB | {warm:.2f} s |")


if __name__ == "__main__":
    main()
