#!/usr/bin/env python3
"""A/B comparison of cold builds: runs each variant in turn, RUNS times, and prints
the medians of wall, processor (user + system) and peak memory.

    python3 scripts/ab_build.py SITE [--runs N] [--into tmpfs|ext4] VARIANT ...

A VARIANT is `LABEL=BINARY`, optionally with environment settings before the binary:
`LABEL=NAME=VALUE,NAME=VALUE:BINARY` (`old=/tmp/ketluan-old`,
`threads3=RAYON_NUM_THREADS=3:target/release/ketluan`).

Why alternate and why these two places: on this project's machine two runs of the
same binary differ by more than most single steps of optimisation, and the disk's
history changes a build's system time (ext4 after mass deletion, a disk filling up;
see scripts/bench_build.py). Alternating spreads that drift over all variants.

- `--into tmpfs` (default): builds into /dev/shm, removed with its build cache
  after each run (see `forget`). Measures
  the build's own work with no disk; compare processor time first.
- `--into ext4`: builds into a new ext4 file system without a journal, made in a
  sparse file and loop-mounted for this comparison only (needs root), into a new
  folder per run, with the page cache dropped and the site read in again before
  each run, as scripts/bench_build.py does. Every variant then meets the same fresh
  disk, whatever the machine's own disk went through before. Fit for sites up to
  about 10,000 conclusions: the loop device keeps a second copy of the output in the
  page cache (the backing file's) and its own threads write it back, so a 100,000
  build (3.9 GB) took 38.5 s there against about 23-28 s on `/`, a quarter of the
  samples going to the loop and writeback threads. Compare 100,000 builds on `/`.
"""

import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile


def parse_variant(spec):
    label, sep, rest = spec.partition("=")
    if not sep or not rest:
        sys.exit(f"variant {spec!r}: expected LABEL=BINARY or LABEL=NAME=VALUE,...:BINARY")
    env = {}
    if ":" in rest:
        settings, rest = rest.rsplit(":", 1)
        for pair in settings.split(","):
            name, sep, value = pair.partition("=")
            if not sep:
                sys.exit(f"variant {spec!r}: {pair!r} is not NAME=VALUE")
            env[name] = value
    return label, env, rest


def settle(site):
    subprocess.run(["sync"], check=True)
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("1\n")
    for d, _, fs in os.walk(site):
        for name in fs:
            with open(os.path.join(d, name), "rb") as f:
                while f.read(1 << 20):
                    pass


def forget(out):
    """Remove the output `out` and what a build keeps beside it (its build cache in
    `.ketluan-cache/`, its manifest and lock), so that the next build is cold: with
    them, a build by the same binary reads the parsed content from the cache (a
    variant measured alone was cold only on its first run)."""
    parent, name = os.path.split(out)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(os.path.join(parent, ".ketluan-cache", name), ignore_errors=True)
    for f in glob.glob(os.path.join(parent, f".{name}.ketluan-*")):
        os.remove(f)


def run(binary, env, site, out):
    timed = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M", binary, "build", "--root", site, "--output", out],
        capture_output=True, text=True, env={**os.environ, **env},
    )
    if timed.returncode != 0:
        sys.exit(f"{binary} failed:\n{timed.stdout}\n{timed.stderr}")
    wall, user, system, rss = timed.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(rss) / 1024


def main():
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("site")
    args.add_argument("variants", nargs="+")
    args.add_argument("--runs", type=int, default=5)
    args.add_argument("--into", choices=["tmpfs", "ext4"], default="tmpfs")
    a = args.parse_args()
    variants = [parse_variant(v) for v in a.variants]
    mount = None
    if a.into == "ext4":
        image = tempfile.NamedTemporaryFile(prefix="ketluan-ab-", suffix=".img", delete=False).name
        mount = tempfile.mkdtemp(prefix="ketluan-ab-")
        subprocess.run(["truncate", "-s", "40G", image], check=True)
        subprocess.run(["mkfs.ext4", "-q", "-E", "lazy_itable_init=0", "-O", "^has_journal", image], check=True)
        subprocess.run(["mount", "-o", "loop", image, mount], check=True)
    results = {label: [] for label, _, _ in variants}
    try:
        for r in range(a.runs):
            for label, env, binary in variants:
                if mount:
                    out = os.path.join(mount, f"{label}-{r}")
                    settle(a.site)
                else:
                    out = "/dev/shm/ketluan-ab"
                    forget(out)
                results[label].append(run(binary, env, a.site, out))
                print(f"{label} run {r + 1}: {results[label][-1][0]:.2f} s", file=sys.stderr)
    finally:
        forget("/dev/shm/ketluan-ab")
        if mount:
            subprocess.run(["umount", mount], check=False)
            os.rmdir(mount)
            os.remove(image)
    print(f"{a.runs} alternating runs into {a.into}; medians\n")
    print("| variant | wall | processor | peak RSS | walls |")
    print("|---|---:|---:|---:|---|")
    for label, runs in results.items():
        med = lambda i: statistics.median(x[i] for x in runs)
        walls = " ".join(f"{x[0]:.2f}" for x in runs)
        print(f"| {label} | {med(0):.3f} s | {med(1):.3f} s | {max(x[2] for x in runs):.0f} MB | {walls} |")


if __name__ == "__main__":
    main()
