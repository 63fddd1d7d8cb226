#!/usr/bin/env python3
"""The file system's floor for a build's output: recreate the tree of an output folder
(same folders, same file names and sizes) with plain Python writes, no rendering, and
print the wall, user and system time.

    python3 scripts/write_floor.py OUTPUT_DIR SCRATCH_DIR [THREADS]   # default 1 thread

SCRATCH_DIR is deleted and rewritten. SIZE=0 writes one byte per file instead of its
size (the cost of creating files and folders alone). Compare with `ketluan build`'s
wall time on the same disk, run right after it: on this project's machine the two vary
together by several times from one minute to the next.
"""
import os
import shutil
import sys
import threading
import time

src, dst = sys.argv[1], sys.argv[2]
nthreads = int(sys.argv[3]) if len(sys.argv) > 3 else 1
SIZE = int(os.environ.get("SIZE", "1"))
files = []
for d, _, fs in os.walk(src):
    for f in fs:
        p = os.path.join(d, f)
        files.append((os.path.relpath(p, src), os.path.getsize(p)))
shutil.rmtree(dst, ignore_errors=True)
os.sync()
time.sleep(1)
dirs = sorted({os.path.dirname(r) for r, _ in files})
blob = b"x" * max(s for _, s in files)
t0 = time.perf_counter(); c0 = os.times()
os.mkdir(dst)
def work(k):
    for i in range(k, len(dirs), nthreads):
        if dirs[i]: os.makedirs(os.path.join(dst, dirs[i]), exist_ok=True)
ts=[threading.Thread(target=work,args=(k,)) for k in range(nthreads)]; [t.start() for t in ts]; [t.join() for t in ts]
def wf(k):
    for i in range(k, len(files), nthreads):
        r, s = files[i]
        with open(os.path.join(dst, r), "wb") as f: f.write(blob[:s] if SIZE else b"x")
ts=[threading.Thread(target=wf,args=(k,)) for k in range(nthreads)]; [t.start() for t in ts]; [t.join() for t in ts]
c1 = os.times()
print(f"{len(files)} files, {len(dirs)} dirs, {sum(s for _,s in files)/1e6:.0f} MB: wall {time.perf_counter()-t0:.2f} s, user {c1.user-c0.user:.2f} s, sys {c1.system-c0.system:.2f} s")
