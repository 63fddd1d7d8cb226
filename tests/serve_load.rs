//! `ketluan serve` under load: many readers at once while files are edited, and
//! clients that open connections and never finish a request. Each test runs in this
//! binary of its own, so the load does not slow the other serve tests.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::TestSite;
use common::serve::{PATIENCE, Server};

/// How long the readers read (the robustness issue asks for 60 s).
const LOAD: Duration = Duration::from_secs(60);
const READERS: usize = 200;
/// An edit every 100 ms; one in ten breaks the front matter, and the next fixes it.
const EDIT_EVERY: Duration = Duration::from_millis(100);

/// The serve tests' site of three conclusions, `mot.md` at its first version.
fn site() -> TestSite {
    let site = common::serve::site();
    site.write("content/mot.md", edited(0));
    site
}

/// The `n`th version of `content/mot.md`: a new body, or (every tenth) a broken file.
fn edited(n: usize) -> String {
    if n % 10 == 9 {
        return "---\ntitle: \"Kết luận một\ndate: 2023-03-22\n---\nHỏng.\n".to_string();
    }
    format!(
        "---\ntitle: \"Kết luận một\"\ndate: 2023-03-22\nprovince: Hà Tĩnh\n---\nLần sửa {n}.\n"
    )
}

/// Resident memory of a process, in KB (Linux).
fn rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

/// Open file descriptors of a process (Linux).
fn fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .expect("/proc")
        .count()
}

/// One keep-alive connection: send GETs one after another, read each whole
/// response (by its Content-Length). Returns the status of each.
struct Reader {
    stream: BufReader<TcpStream>,
}

impl Reader {
    fn connect(addr: &str) -> std::io::Result<Reader> {
        let stream = TcpStream::connect(addr)?;
        stream.set_read_timeout(Some(PATIENCE))?;
        Ok(Reader {
            stream: BufReader::new(stream),
        })
    }

    fn get(&mut self, path: &str) -> std::io::Result<(u16, Vec<u8>)> {
        let bad = |what: &str| std::io::Error::other(format!("{path}: {what}"));
        write!(
            self.stream.get_mut(),
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )?;
        let mut line = String::new();
        self.stream.read_line(&mut line)?;
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| bad(&format!("no status line: {line:?}")))?;
        let mut length = None;
        loop {
            line.clear();
            if self.stream.read_line(&mut line)? == 0 {
                return Err(bad("connection closed in the headers"));
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse::<usize>().ok();
            }
        }
        let length = length.ok_or_else(|| bad("no Content-Length"))?;
        let mut body = vec![0; length];
        self.stream.read_exact(&mut body)?;
        Ok((status, body))
    }
}

#[test]
#[ignore = "long run (a minute of load); run by .ci/run"]
fn many_readers_while_files_are_edited() {
    let site = site();
    let server = Server::start(&site, &[]);
    let home = server.get("/");
    assert_eq!(home.status, 200, "{}", home.body);
    let pid = server.child.id();
    let pages = [
        "/",
        "/ket-luan/mot/",
        "/tinh/ha-tinh/",
        "/dong-thoi-gian/",
        "/static/style.css",
    ];
    for page in pages {
        assert_eq!(server.get(page).status, 200, "{page}");
    }

    let stop = Arc::new(AtomicBool::new(false));
    let served = Arc::new(AtomicUsize::new(0));
    let readers: Vec<_> = (0..READERS)
        .map(|k| {
            let (addr, stop, served) = (server.addr.clone(), stop.clone(), served.clone());
            std::thread::spawn(move || -> Result<(), String> {
                let mut reader = Reader::connect(&addr).map_err(|e| format!("connect: {e}"))?;
                let mut n = k;
                while !stop.load(Ordering::Relaxed) {
                    let page = pages[n % pages.len()];
                    let (status, body) = reader.get(page).map_err(|e| e.to_string())?;
                    if status != 200 || body.is_empty() {
                        return Err(format!("{page}: {status}"));
                    }
                    served.fetch_add(1, Ordering::Relaxed);
                    n += 1;
                }
                Ok(())
            })
        })
        .collect();

    // Let the connections open and the first responses come, then measure.
    std::thread::sleep(Duration::from_secs(2));
    let (rss_start, fds_start) = (rss_kb(pid), fds(pid));
    let started = Instant::now();
    let mut edits = 0;
    while started.elapsed() < LOAD {
        edits += 1;
        site.write("content/mot.md", edited(edits));
        std::thread::sleep(EDIT_EVERY);
    }
    // End on a good version (every tenth is broken: 598 edits made the last one
    // broken, and the test waited for a page that could never come), and see it served.
    let last = (edits + 1..).find(|n| n % 10 != 9).expect("a good version");
    site.write("content/mot.md", edited(last));
    let marker = format!("Lần sửa {last}.");
    let (rss_end, fds_end) = (rss_kb(pid), fds(pid));
    stop.store(true, Ordering::Relaxed);
    let failures: Vec<String> = readers
        .into_iter()
        .filter_map(|r| r.join().expect("reader thread").err())
        .collect();
    let served = served.load(Ordering::Relaxed);
    eprintln!(
        "{READERS} readers, {edits} edits in {:?}: {served} responses; serve's RSS {rss_start} KB \
         → {rss_end} KB, open files {fds_start} → {fds_end}",
        started.elapsed()
    );
    assert!(failures.is_empty(), "failed readers: {failures:?}");
    assert!(
        served >= READERS * 10,
        "only {served} responses to {READERS} readers"
    );
    // Flat: the site is tiny, so growth would be a leak per request or per rebuild.
    assert!(
        rss_end <= rss_start + 32 * 1024,
        "serve's memory grew from {rss_start} KB to {rss_end} KB"
    );
    assert!(
        fds_end <= fds_start + 8,
        "serve's open files grew from {fds_start} to {fds_end}"
    );
    server.wait_for(pages[1], "the last edit", |r| r.body.contains(&marker));
}

#[test]
fn clients_that_never_finish_a_request_do_not_block_readers() {
    let site = site();
    let server = Server::start(&site, &[]);
    assert_eq!(server.get("/").status, 200);
    // Half send the start of a request and stop; half connect and send nothing.
    let slow: Vec<TcpStream> = (0..400)
        .map(|k| {
            let mut s = TcpStream::connect(&server.addr).expect("serve accepts connections");
            if k % 2 == 0 {
                s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                    .expect("partial request sent");
            }
            s
        })
        .collect();
    // A header trickled one byte at a time on a few more.
    let trickle: Vec<_> = (0..8)
        .map(|_| {
            let mut s = TcpStream::connect(&server.addr).expect("serve accepts connections");
            std::thread::spawn(move || {
                let _ = s.write_all(b"GET / HTTP/1.1\r\nX-Slow: ");
                for _ in 0..50 {
                    if s.write_all(b"a").is_err() {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            })
        })
        .collect();
    for _ in 0..50 {
        let mut reader = Reader::connect(&server.addr).expect("serve accepts connections");
        let (status, body) = reader
            .get("/tinh/ha-tinh/")
            .expect("a reader is answered while slow clients hold connections");
        assert_eq!(status, 200);
        assert!(String::from_utf8_lossy(&body).contains("Kết luận hai"));
    }
    // And edits still show.
    site.write("content/mot.md", edited(1));
    server.wait_for("/ket-luan/mot/", "edited", |r| {
        r.body.contains("Lần sửa 1.")
    });
    for t in trickle {
        t.join().expect("trickling client");
    }
    drop(slow);
}
