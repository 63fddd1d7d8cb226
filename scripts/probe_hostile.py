#!/usr/bin/env python3
"""Replay the hostile inputs of issue 28 against the release binary (needs GNU time).

    python3 scripts/probe_hostile.py [--binary target/release/ketluan] [--skip-serve]

Each probe makes a fresh site in a temporary folder, runs `ketluan build` on it
(`check` where the finding was about check) and prints one Markdown table row:
the outcome (exit code and the first problem code), the peak RSS of that ketluan
process (from wait4), the bytes it wrote under public/ and the wall time. A probe
fails (and the script exits 1) when a run passes 1 GB, 120 s, or prints a control
character or the planted secret. The serve probe opens 1,100 idle connections and
times a request during and after them.
"""

import argparse
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time

SITE = "title: Thăm dò\nbase_url: https://portal.example.gov.vn/ket-luan/\n"
SECRET = "KETLUAN_PROBE_SECRET=hunter2"
LIMIT_KB = 1 << 20  # 1 GB
TIMEOUT = 120


def conclusion(extra="", body="Nội dung.\n", date="2025-03-01"):
    return f"---\ntitle: Kết luận\ndate: {date}\nprovince: Hà Tĩnh\n{extra}---\n{body}"


def citing(numbers):
    return "Thực hiện " + ", ".join(f"Nghị quyết số {n}-NQ/TW" for n in numbers) + ".\n"


def nested_range():
    return ("{% for i in range(end=100000) %}{% for j in range(end=100000) %}"
            "{% endfor %}{% endfor %}")


def doubling():
    return ('{% set_global s = "xxxxxxxxxxxxxxxx" %}{% for i in range(end=60) %}'
            "{% set_global s = s ~ s %}{% endfor %}{{ s | length }}")


def unranged_loops():
    xs = "[" + ",".join(str(i) for i in range(300)) + "]"
    return ("{% set xs = " + xs + " %}{% for a in xs %}{% for b in xs %}"
            "{% for c in xs %}{% for d in xs %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}")


def output_bomb():
    return ("{% for i in range(end=100000) %}{% for j in range(end=99) %}"
            + "y" * 200 + "{% endfor %}{% endfor %}")


def alias_bomb(key):
    big = "x" * (1 << 20)
    return f'{key}: &a "{big}"\ntags: [' + ", ".join(["*a"] * 3000) + "]\n"


def registry_alias_bomb():
    big = "x" * (1 << 20)
    return (f'- number: 1-NQ/TW\n  title: &a "{big}"\n  issuer: ['
            + ", ".join(["*a"] * 3000) + "]\n")


def fifo(path):
    os.mkfifo(path)


def symlink_secret(path):
    os.symlink("/proc/self/environ", path)


# (item, what, files, command, extra setup, extra site.yaml). `files` is a function,
# so that no input is held by this process when ketluan starts: a child's peak RSS
# (wait4's ru_maxrss) counts the parent's pages at fork.
PROBES = [
    ("1", "145 KB first paragraph citing 500 numbers",
     lambda: {"content/a.md": conclusion(body=citing(range(1, 501)) + "x" * 120_000 + "\n")},
     "build", None, ""),
    ("1", "same, max_cited_documents: 1000 (feeds bounded)",
     lambda: {"content/a.md": conclusion(body=citing(range(1, 501)) + "x" * 120_000 + "\n")},
     "build", None, "max_cited_documents: 1000\n"),
    ("1", "1.2 MB file citing 100,000 numbers",
     lambda: {"content/a.md": conclusion(body=citing(range(1, 100_001)))},
     "build", None, ""),
    ("2", "wide alias bomb in front matter (1 MB × 3,000)",
     lambda: {"content/a.md": conclusion(alias_bomb("summary"))}, "build", None, ""),
    ("2", "wide alias bomb in _documents.yaml",
     lambda: {"content/a.md": conclusion(), "content/_documents.yaml": registry_alias_bomb()},
     "build", None, ""),
    ("4", "_documents.yaml → /proc/self/environ",
     lambda: {"content/a.md": conclusion()}, "build",
     lambda root: symlink_secret(os.path.join(root, "content/_documents.yaml")), ""),
    ("5", "registry url: javascript:alert(1)",
     lambda: {"content/a.md": conclusion(),
      "content/_documents.yaml": '- number: 5-NQ/TW\n  url: "javascript:alert(1)"\n'},
     "build", None, ""),
    ("6", "template: nested range(end=100000)",
     lambda: {"content/a.md": conclusion(), "templates/404.html": nested_range()}, "build", None, ""),
    ("6", "same, ketluan check",
     lambda: {"content/a.md": conclusion(), "templates/404.html": nested_range()}, "check", None, ""),
    ("6", "template: four loops without range(), 8.1e9 turns",
     lambda: {"content/a.md": conclusion(), "templates/404.html": unranged_loops()}, "build", None, ""),
    ("6", "template: 2 GB of output",
     lambda: {"content/a.md": conclusion(), "templates/404.html": output_bomb()}, "build", None, ""),
    ("6", "template: string doubling with set_global",
     lambda: {"content/a.md": conclusion(), "templates/404.html": doubling()}, "build", None, ""),
    ("7", "9 MB body: 1M citations of one number",
     lambda: {"content/a.md": conclusion(body="NQ số 5-NQ/TW; " * 600_000)}, "build", None, ""),
    ("7", "1M different numbers (19 MB)",
     lambda: {"content/a.md": conclusion(
         body="; ".join(f"số {i}-NQ/TW" for i in range(1, 1_000_001)))},
     "build", None, ""),
    ("9", "date: 2023-03-257",
     lambda: {"content/a.md": conclusion(date="2023-03-257")}, "build", None, ""),
    ("10", "stray ghi-chu-noi-bo.txt beside a conclusion (check)",
     lambda: {"content/hop/a.md": conclusion(), "content/hop/ghi-chu-noi-bo.txt": "nội bộ"},
     "check", None, ""),
    ("10", "same, build (left out)",
     lambda: {"content/hop/a.md": conclusion(), "content/hop/ghi-chu-noi-bo.txt": "nội bộ"},
     "build", None, ""),
    ("11", "site.yaml is a FIFO",
     lambda: {"content/a.md": conclusion()}, "build",
     lambda root: (os.remove(os.path.join(root, "site.yaml")),
                   fifo(os.path.join(root, "site.yaml"))), ""),
    ("11", "_documents.yaml is a FIFO",
     lambda: {"content/a.md": conclusion()}, "build",
     lambda root: fifo(os.path.join(root, "content/_documents.yaml")), ""),
    ("11", "300-character slug (check)",
     lambda: {"content/a.md": conclusion("slug: " + "a" * 300 + "\n")}, "check", None, ""),
    ("11", "base_url http://localhost/%2e%2e/",
     lambda: {"content/a.md": conclusion()}, "build", None, "base_url: http://localhost/%2e%2e/\n"),
    ("11", "{#main} and <a id=main> in a body",
     lambda: {"content/a.md": conclusion(body='## Mục {#main}\n\n<a id="main">x</a>\n')},
     "build", None, ""),
    ("11", "ESC and BEL in front matter",
     lambda: {"content/a.md": conclusion("summary: a\x1b[2J\x07b\n")}, "build", None, ""),
    ("11", "NUL in title and body",
     lambda: {"content/a.md": conclusion(body="Nội\x00dung\n").replace("Kết luận", "Kết\x00luận")},
     "build", None, ""),
    ("11", "3 MB site.yaml",
     lambda: {"content/a.md": conclusion()}, "build", None, "# " + "x" * (3 << 20) + "\n"),
    # /proc stands for /root, /etc, /lib…: harmless should the refusal ever fail.
    ("11", "--output /proc --force (HOME unset)",
     lambda: {"content/a.md": conclusion()}, "build-root", None, ""),
]


def folder_bytes(path):
    total = 0
    for base, _, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(base, f)).st_size
            except OSError:
                pass
    return total


def run(binary, args, env=None):
    """Run ketluan; (exit code, stdout+stderr text, peak RSS in KB, seconds)."""
    started = time.monotonic()
    # GNU time forks ketluan from a process of a few MB and reports its peak RSS:
    # measured from here, the peak would include this script's pages at fork.
    proc = subprocess.Popen(["/usr/bin/time", "-f", "KETLUAN_RSS_KB=%M", binary, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    out = b""
    deadline = started + TIMEOUT
    os.set_blocking(proc.stdout.fileno(), False)
    while True:
        chunk = proc.stdout.read()
        if chunk:
            out += chunk[: max(0, (1 << 20) - len(out))]
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            rest = proc.stdout.read()
            if rest:
                out += rest[: max(0, (1 << 20) - len(out))]
            code = os.waitstatus_to_exitcode(status)
            text = out.decode("utf-8", "replace")
            measured = re.findall(r"KETLUAN_RSS_KB=(\d+)", text)
            rss = int(measured[-1]) if measured else usage.ru_maxrss
            text = re.sub(r"(Command (exited with non-zero status|terminated by signal) \d+\n)?"
                          r"KETLUAN_RSS_KB=\d+\n?", "", text)
            return code, text, rss, time.monotonic() - started
        if time.monotonic() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            return "timeout", out.decode("utf-8", "replace"), usage.ru_maxrss, time.monotonic() - started
        time.sleep(0.01)


def probe(binary, item, what, files, command, setup, extra):
    root = tempfile.mkdtemp(prefix="ketluan-probe-")
    try:
        site = SITE
        if extra.startswith("base_url:"):
            site = site.split("base_url:")[0]
        with open(os.path.join(root, "site.yaml"), "w", encoding="utf-8") as f:
            f.write(site + extra)
        os.makedirs(os.path.join(root, "content"), exist_ok=True)
        made = files()
        for rel, text in made.items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        del made
        if setup:
            setup(root)
        # English, for the codes below; the codes are the same in every language.
        env = dict(os.environ, KETLUAN_PROBE=SECRET, RUST_BACKTRACE="0", KETLUAN_LANG="en")
        if command == "build-root":
            env.pop("HOME", None)
            args = ["build", "--root", root, "--output", "/proc", "--force"]
        else:
            args = [command, "--root", root]
        code, out, rss_kb, seconds = run(binary, args, env)
        written = folder_bytes(os.path.join(root, "public"))
        codes = re.findall(r"(error|warning)\[([a-z0-9-]+)\]", out)
        first = f"{codes[0][0]}[{codes[0][1]}]" if codes else ("ok" if code == 0 else "")
        problems = []
        if code != 0 and not codes:
            problems.append("failed without a located problem")
        if rss_kb > LIMIT_KB:
            problems.append("over 1 GB")
        if code == "timeout":
            problems.append("timed out")
        if any(ord(c) < 32 and c not in "\n\t" for c in out):
            problems.append("control character printed")
        if "hunter2" in out:
            problems.append("secret echoed")
        verdict = "; ".join(problems) if problems else "pass"
        row = (f"| {item} | {what} | exit {code}, {first} | {rss_kb / 1024:,.0f} MB | "
               f"{written / 1024:,.0f} KB | {seconds:.2f} s | {verdict} |")
        return row, not problems
    finally:
        shutil.rmtree(root, ignore_errors=True)


def serve_probe(binary):
    """1,100 idle connections, then a request: answered (503 at once), and a
    reader is answered with 200 once the idle ones time out."""
    root = tempfile.mkdtemp(prefix="ketluan-probe-")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
    proc = None
    try:
        with open(os.path.join(root, "site.yaml"), "w", encoding="utf-8") as f:
            f.write(SITE)
        os.makedirs(os.path.join(root, "content"))
        with open(os.path.join(root, "content/a.md"), "w", encoding="utf-8") as f:
            f.write(conclusion())
        proc = subprocess.Popen([binary, "serve", "--port", "0", "--root", root],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                env=dict(os.environ, KETLUAN_LANG="en"))
        port = None
        for line in proc.stdout:
            m = re.search(r"at http://[^:]+:(\d+)/", line)
            if m:
                port = int(m.group(1))
                break
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(1100)]

        def get():
            started = time.monotonic()
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            data = b""
            try:
                while chunk := s.recv(65536):
                    data += chunk
            except OSError:
                pass
            s.close()
            return data.split(b" ", 2)[1].decode() if data else "none", time.monotonic() - started

        during, t1 = get()
        time.sleep(11)
        after, t2 = get()
        for s in idle:
            s.close()
        rss = int(open(f"/proc/{proc.pid}/status").read().split("VmHWM:")[1].split()[0])
        ok = during == "503" and after == "200"
        return (f"| 8 | serve: 1,100 idle connections, then a reader | {during} in {t1:.2f} s; "
                f"{after} after 11 s in {t2:.2f} s | {rss / 1024:,.0f} MB | — | — | "
                f"{'pass' if ok else 'FAIL'} |"), ok
    finally:
        if proc:
            proc.kill()
            proc.wait()
        shutil.rmtree(root, ignore_errors=True)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default="target/release/ketluan")
    parser.add_argument("--skip-serve", action="store_true")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary}: build it first (cargo build --release)")
    print("| item | input | outcome | peak RSS | written | time | verdict |")
    print("|---|---|---|---:|---:|---:|---|")
    all_ok = True
    for p in PROBES:
        row, ok = probe(args.binary, *p)
        print(row, flush=True)
        all_ok &= ok
    if not args.skip_serve:
        row, ok = serve_probe(args.binary)
        print(row, flush=True)
        all_ok &= ok
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
