#!/usr/bin/env python3
"""Whole-build benchmark of ketluan: cold builds of generated sites, a second build
with nothing changed, and the same with the search index. Prints a Markdown table
for docs/performance.md.

    python3 scripts/bench_build.py [COUNT ...]     # default: 1000 10000 100000

Sites are generated once by scripts/gen_corpus.py into $KETLUAN_BENCH_DIR (default
/tmp/ketluan-bench) and reused. Figures are the median of $RUNS runs (default 5;
3 for 100,000 and more); peak memory is the largest maximum RSS of those runs
(/usr/bin/time, Debian package `time`).

- cold: `ketluan build --output OUT` into a folder that does not exist yet, with
  timeline, province and document indexes, feeds and data export on and the search
  index off (`search: false`), as the speed issue defines it;
- +search: the same with the search index on, RUNS runs too; the table gives what
  the index adds to the cold build: processor time (user + system, medians) and
  peak memory (largest maximum RSS of the runs with search, less that without);
- rebuild: `ketluan build` again into the output of the last cold run, nothing
  changed, RUNS times in a row. The first has no spare yet: it links every file
  from the previous output into a new tree and keeps the previous output as the
  spare. Each later one takes the spare up and leaves its files as they are (see
  src/write). The table gives the first, then the median of the later ones;
- plain write: the files and folders of the last cold run's output written again
  from memory by one Python thread (`makedirs`, `open`, `write`), timed the same
  way: what this disk charges for the output alone, with nothing rendered. The
  speed issue calls such a script the floor.

Why every cold run gets a new folder and nothing is deleted until the end: on
ext4 without a journal (this project's machine: `mount` shows `/` as ext4, and
`perf` shows the time in `recently_deleted`, `find_inode_bit` and buffer-cache
lookups), creating inodes for minutes after deleting many checks the cached inode
table blocks of the deleted ones one by one, so that any tool's build right after
`rm -rf public` spends most of its time in the kernel (a 10,000-conclusion build:
12-20 s of system time instead of 1-3 s; still 3.2 s instead of 2.2 s eight minutes
after deleting a 100,000-conclusion output, 2.3 s once the page cache was
dropped). Each run starts with `settle()`, which drops it. A CI runner's fresh
checkout has nothing recently deleted; that is the cold build measured here. The
folders are deleted at the end (KEEP=1 keeps them); wait a few minutes after that
before measuring again.
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_serve import BIN, CACHE, ROOT, log, make_site  # noqa: E402


def settle(site):
    """Start a run on a machine at rest: write back and drop the page cache, then
    read the site's files in again, as a checkout leaves them.

    The previous runs' outputs fill the page cache (4 GB per 100,000-conclusion
    build); without the drop, later runs paid for the kernel reclaiming it (load at
    1.5 cores instead of 1.9) and for ext4's slow state after mass deletion (see
    above). The file system's bitmaps and inode tables are then read from disk during
    the build, which costs a little (about 0.1-0.2 s at 10,000) but less than either;
    an untimed build after the drop to cache them brought the slow state back.
    Only root may drop the cache; otherwise the machine is measured as it is."""
    subprocess.run(["sync"], check=True)
    try:
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("1\n")
    except OSError:
        return
    for d, _, fs in os.walk(site):
        for name in fs:
            with open(os.path.join(d, name), "rb") as f:
                while f.read(1 << 20):
                    pass


def timed_build(site, out):
    """(wall s, user s, sys s, max RSS MB, stdout) of one `ketluan build`."""
    settle(site)
    run = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M", BIN, "build", "--root", site, "--output", out, "--timings"],
        capture_output=True, text=True,
    )
    if run.returncode != 0:
        sys.exit(f"build failed:\n{run.stdout}\n{run.stderr}")
    wall, user, sys_, rss = run.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user), float(sys_), int(rss) / 1024, run.stdout


def plain_write(tree, out):
    """(wall s, user s, sys s) of writing `tree`'s files again into `out` from memory
    with one thread, after settling like a build (the files are read first)."""
    files = []
    for d, _, fs in os.walk(tree):
        for name in fs:
            path = os.path.join(d, name)
            with open(path, "rb") as f:
                files.append((os.path.relpath(path, tree), f.read()))
    settle(os.devnull)
    made = set()
    start, before = time.perf_counter(), os.times()
    for rel, data in files:
        folder = os.path.dirname(os.path.join(out, rel))
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(os.path.join(out, rel), "wb") as f:
            f.write(data)
    after = os.times()
    return time.perf_counter() - start, after.user - before.user, after.system - before.system


def set_search(site, on):
    path = os.path.join(site, "site.yaml")
    with open(path, encoding="utf-8") as f:
        text = re.sub(r"(?m)^search:.*\n?", "", f.read())
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + ("" if on else "search: false\n"))


def main():
    counts = [int(a) for a in sys.argv[1:]] or [1000, 10000, 100000]
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    outs = os.path.join(CACHE, "outputs")
    shutil.rmtree(outs, ignore_errors=True)
    os.makedirs(outs)
    results = {}
    try:
        # Every cold build first: the rebuilds delete the trees they replace.
        for n in counts:
            site = make_site(n, "site")
            runs = int(os.environ.get("RUNS", "5" if n < 100000 else "3"))
            set_search(site, False)
            cold = []
            for r in range(runs):
                cold.append(timed_build(site, os.path.join(outs, f"{n}-cold-{r}")))
                log(f"{n} cold {r}: {cold[-1][:4]}")
            log(sorted(cold, key=lambda r: r[0])[len(cold) // 2][4])
            plain = plain_write(os.path.join(outs, f"{n}-cold-{runs - 1}"), os.path.join(outs, f"{n}-plain"))
            log(f"{n} plain write: {plain}")
            set_search(site, True)
            search = []
            for r in range(runs):
                search.append(timed_build(site, os.path.join(outs, f"{n}-search-{r}")))
                log(f"{n} +search {r}: {search[-1][:4]}")
            results[n] = (site, cold, search, plain)
        rows = []
        for n in counts:
            site, cold, search, plain = results[n]
            set_search(site, False)
            warm = []
            for r in range(len(cold)):
                warm.append(timed_build(site, os.path.join(outs, f"{n}-cold-{len(cold) - 1}")))
                log(f"{n} rebuild {r}: {warm[-1][:4]}")
            size = sum(os.path.getsize(os.path.join(d, f))
                       for d, _, fs in os.walk(os.path.join(site, "content")) for f in fs) / 1e6
            med = lambda rs, i: statistics.median(r[i] for r in rs)
            pages = re.search(r"(\d+) pages, (\d+) files", cold[-1][4])
            cpu = lambda rs: statistics.median(r[1] + r[2] for r in rs)
            rows.append((n, size, int(pages[1]), int(pages[2]), med(cold, 0), med(cold, 1), med(cold, 2),
                         max(r[3] for r in cold), warm[0][0], med(warm[1:] or warm, 0),
                         (med(search, 0), cpu(search), max(r[3] for r in search), cpu(cold)), plain))
    finally:
        if not os.environ.get("KEEP"):
            shutil.rmtree(outs, ignore_errors=True)
    print(f"{os.cpu_count()} cores; median of RUNS runs (5; 3 at 100,000)\n")
    print("| conclusions | Markdown | pages | files | cold build (wall) | CPU user | CPU sys | peak RSS "
          "| rebuild, nothing changed (first, then) | cold, with search (wall, CPU, RSS; index adds CPU, RSS) "
          "| plain write of the output (wall, sys) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, size, pages, files, wall, user, sys_, rss, first, warm, search, plain in rows:
        swall, scpu, srss, ccpu = search
        print(f"| {n:,} | {size:.0f} MB | {pages:,} | {files:,} | {wall:.2f} s | {user:.2f} s | {sys_:.2f} s "
              f"| {rss:.0f} MB | {first:.2f} s, {warm:.2f} s | {swall:.2f} s, {scpu:.2f} s, {srss:.0f} MB; "
              f"+{100 * (scpu - ccpu) / ccpu:.0f} %, +{srss - rss:.0f} MB "
              f"| {plain[0]:.2f} s, {plain[2]:.2f} s |")


if __name__ == "__main__":
    main()
