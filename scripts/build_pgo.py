#!/usr/bin/env python3
"""Build ketluan with profile-guided optimisation, for packagers.

    python3 scripts/build_pgo.py [--out target/pgo/ketluan] [--corpus 2000]

Three steps, each a plain `cargo build --release --locked` with other RUSTFLAGS:

1. an instrumented binary (`-Cprofile-generate`), in target/pgo-generate;
2. a training run of that binary on a generated site of CORPUS conclusions
   (scripts/gen_corpus.py): `build`, `build` with the search index, `check`; the
   profiles it writes are merged with `llvm-profdata`;
3. the optimised binary (`-Cprofile-use`), in target/pgo-use, copied to --out.

The compiler then lays out and inlines the code by how a real build runs it: most
of a build's user time is Tera's interpreter and the Markdown and YAML parsers,
branchy code that static heuristics place poorly (docs/performance.md). The output
of a PGO binary is byte for byte that of a plain release build: only the machine
code differs.

`llvm-profdata` must come from the LLVM that rustc uses (`rustc -vV`, "LLVM
version"): rustup's `llvm-tools` component, or the distribution's `llvm-NN`
package (Debian: `apt-get install llvm-22` for rustc 1.95). Set LLVM_PROFDATA to
name one. Python 3 standard library only.
"""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def log(message):
    print(f"build_pgo: {message}", file=sys.stderr, flush=True)


def fail(message):
    log(message)
    sys.exit(1)


def llvm_major():
    """The major version of the LLVM that rustc uses."""
    out = subprocess.run(["rustc", "-vV"], check=True, capture_output=True, text=True).stdout
    found = re.search(r"^LLVM version: (\d+)", out, re.M)
    if not found:
        fail("`rustc -vV` names no LLVM version")
    return found.group(1)


def profdata_version(path):
    """The major LLVM version of an llvm-profdata, or None if it does not run."""
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True).stdout
    except OSError:
        return None
    found = re.search(r"LLVM version (\d+)", out)
    return found.group(1) if found else None


def find_profdata(major):
    """An llvm-profdata of LLVM `major`: the one LLVM_PROFDATA names (no other is
    tried then: a wrong one is the user's to fix), else rustup's or the system's."""
    named = os.environ.get("LLVM_PROFDATA")
    if named:
        version = profdata_version(named)
        if version != major:
            fail(f"LLVM_PROFDATA names {named}, of LLVM {version or '?'}; rustc uses LLVM "
                 f"{major}: name an llvm-profdata of LLVM {major} (rustup's `llvm-tools` "
                 f"component, or the package `llvm-{major}`)")
        return named
    sysroot = subprocess.run(["rustc", "--print", "sysroot"], check=True,
                             capture_output=True, text=True).stdout.strip()
    candidates = glob.glob(os.path.join(sysroot, "lib", "rustlib", "*", "bin", "llvm-profdata"))
    candidates += [shutil.which(f"llvm-profdata-{major}"), shutil.which("llvm-profdata")]
    seen = []
    for path in filter(None, candidates):
        version = profdata_version(path)
        if version == major:
            return path
        seen.append(f"{path} (LLVM {version or '?'})")
    found = "; found " + ", ".join(seen) if seen else ""
    fail(f"no llvm-profdata of LLVM {major}, the version rustc uses{found}. Install "
         f"rustup's `llvm-tools` component or the package `llvm-{major}`, or set LLVM_PROFDATA")


def cargo_build(target_dir, rustflags):
    env = dict(os.environ, RUSTFLAGS=rustflags, CARGO_TARGET_DIR=target_dir)
    subprocess.run(["cargo", "build", "--release", "--locked"], cwd=ROOT, env=env, check=True)
    return os.path.join(target_dir, "release", "ketluan")


def train(binary, corpus, work):
    """Run the instrumented binary the way portals do; it writes its profiles."""
    site = os.path.join(work, "site")
    log(f"generating {corpus} conclusions")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"), str(corpus), site],
                   check=True, stdout=subprocess.DEVNULL)
    config = os.path.join(site, "site.yaml")
    with open(config, encoding="utf-8") as f:
        plain = f.read()
    runs = [
        ("build", plain.replace("search: true", "search: false")),
        ("build", plain.replace("search: false", "search: true")),
        ("check", None),
    ]
    for i, (command, text) in enumerate(runs):
        if text is not None:
            with open(config, "w", encoding="utf-8") as f:
                f.write(text)
        args = [binary, command, "--root", site]
        if command == "build":
            args += ["--output", os.path.join(work, f"out-{i}")]
        log(" ".join(args[1:]))
        # `check` exits 1 on the corpus's warnings; only a crash would spoil training.
        done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if done.returncode not in (0, 1):
            fail(f"the instrumented binary failed ({done.returncode}) on: {' '.join(args[1:])}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "target", "pgo", "ketluan"),
                        help="where to put the optimised binary (default: target/pgo/ketluan)")
    parser.add_argument("--corpus", type=int, default=2000,
                        help="conclusions in the training site (default: 2000)")
    options = parser.parse_args()

    started = time.monotonic()
    profdata = find_profdata(llvm_major())
    log(f"using {profdata}")
    with tempfile.TemporaryDirectory(prefix="ketluan-pgo-") as work:
        profiles = os.path.join(work, "profiles")
        log("1/3: instrumented build")
        instrumented = cargo_build(os.path.join(ROOT, "target", "pgo-generate"),
                                   f"-Cprofile-generate={profiles}")
        # Build scripts ran instrumented too; only the training's profiles count.
        shutil.rmtree(profiles, ignore_errors=True)
        log("2/3: training")
        train(instrumented, options.corpus, work)
        raw = glob.glob(os.path.join(profiles, "*.profraw"))
        if not raw:
            fail("the training wrote no profile")
        merged = os.path.join(work, "ketluan.profdata")
        subprocess.run([profdata, "merge", "-o", merged, *raw], check=True)
        log("3/3: optimised build")
        optimised = cargo_build(os.path.join(ROOT, "target", "pgo-use"), f"-Cprofile-use={merged}")
        os.makedirs(os.path.dirname(os.path.abspath(options.out)), exist_ok=True)
        shutil.copy2(optimised, options.out)
    log(f"{options.out} ({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
