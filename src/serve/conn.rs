//! What `serve` grants one client: a connection cap (beyond it a short 503, so
//! slow or idle connections cannot starve the others or use every file handle),
//! a deadline for the first request and an idle deadline, and the `Host` names
//! it answers for (a page elsewhere cannot reach it by DNS rebinding).

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};

/// How long a client has to send its first request in full, and, after the
/// server last wrote, to read the answer or send another request. Longer than the
/// live-reload stream's 15 s keep-alive, so an open page keeps its stream.
pub const FIRST_REQUEST: Duration = Duration::from_secs(10);
pub const IDLE: Duration = Duration::from_secs(30);

/// Connections served at once: far more than a preview needs, far fewer than the
/// file handles a process has.
pub fn max_connections(file_limit: u64) -> usize {
    let spare = file_limit.saturating_sub(64) / 2;
    usize::try_from(spare.clamp(16, 512)).unwrap_or(512)
}

const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n\
Content-Type: text/plain; charset=utf-8\r\nContent-Length: 38\r\nConnection: close\r\n\r\n\
busy: too many connections; try again\n";

/// The listening socket, handing out at most `max` connections at once.
pub struct Capped {
    listener: TcpListener,
    permits: Arc<Semaphore>,
}

impl Capped {
    pub fn new(listener: TcpListener, max: usize) -> Self {
        Self {
            listener,
            permits: Arc::new(Semaphore::new(max)),
        }
    }
}

impl axum::serve::Listener for Capped {
    type Io = Guarded;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Guarded, SocketAddr) {
        loop {
            let (stream, addr) = match self.listener.accept().await {
                Ok(accepted) => accepted,
                // Out of file handles, or a connection reset before it was
                // taken: wait a little rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            match self.permits.clone().try_acquire_owned() {
                Ok(permit) => return (Guarded::new(stream, permit), addr),
                Err(_) => {
                    tokio::spawn(refuse(stream));
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }
}

async fn refuse(mut stream: TcpStream) {
    let _ = tokio::time::timeout(Duration::from_secs(2), async {
        stream.write_all(BUSY).await?;
        stream.shutdown().await
    })
    .await;
}

/// A served connection: it holds its place under the cap, and fails with
/// `TimedOut` once its deadline passes while it waits. The deadline moves only
/// when the server writes: a client trickling a request byte by byte does not
/// keep its connection.
pub struct Guarded {
    stream: TcpStream,
    deadline: Pin<Box<Sleep>>,
    _permit: OwnedSemaphorePermit,
}

impl Guarded {
    fn new(stream: TcpStream, permit: OwnedSemaphorePermit) -> Self {
        Self {
            stream,
            deadline: Box::pin(tokio::time::sleep(FIRST_REQUEST)),
            _permit: permit,
        }
    }

    /// `Pending` until the deadline, then the error that ends the connection.
    fn expired<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        match self.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::ErrorKind::TimedOut.into())),
            Poll::Pending => Poll::Pending,
        }
    }

    fn wrote(&mut self, n: usize) {
        if n > 0 {
            self.deadline.as_mut().reset(Instant::now() + IDLE);
        }
    }
}

impl AsyncRead for Guarded {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.stream).poll_read(cx, buf) {
            Poll::Pending => this.expired(cx),
            ready => ready,
        }
    }
}

impl AsyncWrite for Guarded {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.stream).poll_write(cx, buf) {
            Poll::Pending => this.expired(cx),
            Poll::Ready(Ok(n)) => {
                this.wrote(n);
                Poll::Ready(Ok(n))
            }
            ready => ready,
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.stream).poll_write_vectored(cx, bufs) {
            Poll::Pending => this.expired(cx),
            Poll::Ready(Ok(n)) => {
                this.wrote(n);
                Poll::Ready(Ok(n))
            }
            ready => ready,
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.stream).poll_flush(cx) {
            Poll::Pending => this.expired(cx),
            ready => ready,
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

/// Raise the soft limit on open files to the hard one (at most 65,536) where the
/// system allows; returns the limit in force. Unix only: elsewhere the system
/// default is taken to be ample.
// `rlim_t` is `u64` here but not on every Unix.
#[allow(clippy::useless_conversion)]
pub fn raise_file_limit() -> u64 {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: `limit` is a valid rlimit to fill in.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
            return 1024;
        }
        let wanted = limit.rlim_max.min(65_536);
        if wanted > limit.rlim_cur {
            let raised = libc::rlimit {
                rlim_cur: wanted,
                rlim_max: limit.rlim_max,
            };
            // SAFETY: a valid rlimit, below the hard limit.
            if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
                return u64::from(wanted);
            }
        }
        u64::from(limit.rlim_cur)
    }
    #[cfg(not(unix))]
    {
        8192
    }
}

/// The `Host` names a server answers for: IP addresses as they are (rebinding
/// needs a name), `localhost`, and the names given with `--allow-host`.
#[derive(Debug, Clone, Default)]
pub struct Hosts {
    names: Vec<String>,
}

impl Hosts {
    pub fn new(names: &[String]) -> Self {
        Self {
            names: names
                .iter()
                .map(|n| n.trim().to_ascii_lowercase())
                .collect(),
        }
    }

    /// Whether a request with this `Host` header (none for HTTP/1.0) is answered.
    pub fn allows(&self, host: Option<&str>) -> bool {
        let Some(host) = host else { return true };
        let host = host.trim().to_ascii_lowercase();
        // `[::1]:1111`, `127.0.0.1:1111`, `name:1111`.
        let name = if let Some(v6) = host.strip_prefix('[') {
            return v6
                .split(']')
                .next()
                .is_some_and(|a| a.parse::<std::net::Ipv6Addr>().is_ok());
        } else {
            host.rsplit_once(':').map_or(host.as_str(), |(n, _)| n)
        };
        name.parse::<std::net::Ipv4Addr>().is_ok()
            || name == "localhost"
            || name.ends_with(".localhost")
            || self.names.iter().any(|n| n == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let h = Hosts::new(&["Portal.Local".into()]);
        for ok in [
            "127.0.0.1:1111",
            "192.168.1.5",
            "[::1]:1111",
            "localhost:1111",
            "a.localhost",
            "portal.local:80",
        ] {
            assert!(h.allows(Some(ok)), "{ok}");
        }
        for no in [
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "[nope]",
            "portal.locall",
        ] {
            assert!(!h.allows(Some(no)), "{no}");
        }
        assert!(h.allows(None));
    }

    #[test]
    fn the_cap_leaves_file_handles() {
        assert_eq!(max_connections(1024), 480);
        assert_eq!(max_connections(65_536), 512);
        assert_eq!(max_connections(0), 16);
    }
}
