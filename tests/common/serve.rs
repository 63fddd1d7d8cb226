//! `ketluan serve` as the tests speak to it: the real binary on port 0, plain
//! HTTP requests and the live-reload event stream.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use super::{TestSite, conclusion};

/// How long a change may take to show before a test gives up (not a speed
/// requirement: the machine may be busy, and a runaway template takes its
/// whole 10 s budget).
pub const PATIENCE: Duration = Duration::from_secs(60);

pub struct Server {
    pub child: Child,
    /// `127.0.0.1:port`
    pub addr: String,
    pub stdout: Receiver<String>,
}

impl Server {
    pub fn start(site: &TestSite, extra: &[&str]) -> Server {
        Self::start_with(site, extra, &[])
    }

    /// Start with extra environment variables (`PATH=""`: no browser opener).
    pub fn start_with(site: &TestSite, extra: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ketluan"))
            .env("KETLUAN_LANG", "en")
            .args(["serve", "--port", "0"])
            .args(extra)
            .arg("--root")
            .arg(site.root())
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("ketluan runs");
        let (tx, rx) = channel();
        let out = child.stdout.take().expect("piped");
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + PATIENCE;
        loop {
            let Ok(line) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now()))
            else {
                let _ = child.kill();
                let _ = child.wait();
                panic!("serve did not print the URL it serves");
            };
            if let Some(url) = line.split(" at http://").nth(1) {
                let addr = url.trim_end_matches('/').to_string();
                return Server {
                    child,
                    addr,
                    stdout: rx,
                };
            }
        }
    }

    pub fn get(&self, path: &str) -> Response {
        request(&self.addr, "GET", path)
    }

    /// Fetch `path` until `ok` holds for the response.
    pub fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&Response) -> bool) -> Response {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let r = self.get(path);
            if ok(&r) {
                return r;
            }
            assert!(
                Instant::now() < deadline,
                "{path}: still not {what}; last response {} {}",
                r.status,
                r.body
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn events(&self) -> Events {
        Events::connect(&self.addr)
    }

    /// Send Ctrl-C and wait for the process to end.
    pub fn interrupt(mut self) -> (std::process::ExitStatus, Vec<String>) {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let lines = self.stdout.try_iter().collect();
                return (status, lines);
            }
            assert!(Instant::now() < deadline, "serve did not stop on Ctrl-C");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request, with the path sent exactly as given.
pub fn request(addr: &str, method: &str, path: &str) -> Response {
    let mut stream = TcpStream::connect(addr).expect("serve accepts connections");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8(raw).expect("UTF-8 response");
    let (head, body) = text.split_once("\r\n\r\n").expect("a full response");
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v == "chunked");
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_string()
    };
    Response {
        status,
        headers,
        body,
    }
}

pub fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap();
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        body = &rest[n + 2..];
    }
    out
}

/// The live-reload event stream, as a page sees it.
pub struct Events {
    pub rx: Receiver<(String, String)>,
}

impl Events {
    pub fn connect(addr: &str) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        write!(
            stream,
            "GET /__ketluan/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(name) = line.strip_prefix("event: ") {
                    event = name.to_string();
                } else if let Some(data) = line.strip_prefix("data: ")
                    && tx.send((event.clone(), data.to_string())).is_err()
                {
                    return;
                }
            }
        });
        let events = Events { rx };
        events.next_named("hello");
        events
    }

    /// The data of the next event called `name` (others are skipped).
    pub fn next_named(&self, name: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let (event, data) = self
                .rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| panic!("no `{name}` event"));
            if event == name {
                return data;
            }
        }
    }

    /// Every event received so far, without waiting.
    pub fn so_far(&self) -> Vec<(String, String)> {
        self.rx.try_iter().collect()
    }
}

/// A site of three conclusions: two of Hà Tĩnh, one of Nghệ An.
pub fn site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/mot.md",
        conclusion("Kết luận một", "2023-03-22", "Hà Tĩnh", ""),
    );
    site.write(
        "content/hai.md",
        conclusion("Kết luận hai", "2022-01-18", "Hà Tĩnh", ""),
    );
    site.write(
        "content/ba.md",
        conclusion("Kết luận ba", "2021-11-01", "Nghệ An", ""),
    );
    site
}
