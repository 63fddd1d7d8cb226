//! `ketluan serve`: build the site into memory, serve it over HTTP, watch its
//! sources, rebuild on every change and reload the open pages.
//!
//! - [`state`]: the site in memory and the incremental rebuild (the build pipeline
//!   with caches, no second code path);
//! - [`watch`]: which folders and events count, editors' temporary files, debouncing;
//! - [`reload`]: the live-reload events, their hub and the script added to pages.
//!
//! HTTP is axum on tokio (with tower-http for the `Cache-Control` header), as in
//! mdBook and Zola. Nothing is written to disk: pages are served from memory and
//! copied files (static files, attachments) from where they are.

pub mod conn;
pub mod reload;
pub mod state;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::build::BuildOptions;
use crate::render::StaticFile;
use crate::routes;
use crate::t;
use reload::{Hub, Message};
use state::{Outcome, Rebuilder, Snapshot};
use watch::{Signal, Watcher};

/// What `ketluan serve` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
    pub poll: bool,
    pub open: bool,
    /// Print how long each phase of every rebuild took.
    pub timings: bool,
    /// Host names answered for besides IP addresses and `localhost`.
    pub allow_hosts: Vec<String>,
}

/// What the request handlers share.
#[derive(Clone)]
struct App {
    snapshot: Arc<std::sync::RwLock<Arc<Snapshot>>>,
    hub: Hub,
    /// The site folder: copied files are served only from inside it.
    root: Arc<PathBuf>,
    hosts: Arc<conn::Hosts>,
}

impl App {
    fn current(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .expect("no panics while holding it")
            .clone()
    }
}

/// Why serve could not start or go on, in the reader's language.
#[derive(Debug)]
pub enum Failed {
    Root(PathBuf, std::io::Error),
    Listen(SocketAddr, std::io::Error),
    Watch(PathBuf, String),
    Start(std::io::Error),
    Serve(std::io::Error),
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Failed::Root(root, e) => {
                t!(
                    "serve-cannot-root",
                    root = root.display().to_string(),
                    reason = e.to_string()
                )
            }
            Failed::Listen(addr, e) => {
                t!(
                    "serve-cannot-listen",
                    address = addr.to_string(),
                    reason = e.to_string()
                )
            }
            Failed::Watch(root, e) => {
                t!(
                    "serve-cannot-watch",
                    root = root.display().to_string(),
                    reason = e.as_str()
                )
            }
            Failed::Start(e) => t!("serve-cannot-start", reason = e.to_string()),
            Failed::Serve(e) => t!("serve-server-error", reason = e.to_string()),
        };
        f.write_str(&text)
    }
}

/// Serve until Ctrl-C. Fails only when it cannot start (the port is taken, the
/// site folder cannot be watched); bad content never stops it.
pub fn run(mut options: Options) -> Result<(), Failed> {
    // Absolute, so that the watcher's paths and the loader's agree.
    options.root =
        std::path::absolute(&options.root).map_err(|e| Failed::Root(options.root.clone(), e))?;
    let file_limit = conn::raise_file_limit();
    let listener = std::net::TcpListener::bind(SocketAddr::new(options.bind, options.port))
        .map_err(|e| Failed::Listen(SocketAddr::new(options.bind, options.port), e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Failed::Listen(SocketAddr::new(options.bind, options.port), e))?;
    let url = format!("http://{addr}/");

    // Watch before the first build, so that saves during it are not missed.
    let (tx, rx) = mpsc::channel();
    let watcher = Watcher::start(&options.root, options.poll, tx.clone())
        .map_err(|e| Failed::Watch(options.root.clone(), e.to_string()))?;

    let mut rebuilder = Rebuilder::new(BuildOptions {
        root: options.root.clone(),
        output: None,
        base_url: Some(url.clone()),
        drafts: options.drafts,
        // serve writes nothing to disk.
        force: false,
    });
    match rebuilder.rebuild_watched(&[]) {
        Outcome::Built {
            total_pages,
            elapsed,
            ..
        } => {
            rebuilder.make_extras(None);
            println!(
                "{}",
                t!(
                    "serve-built",
                    pages = total_pages,
                    ms = elapsed.as_millis() as u64
                )
            );
        }
        Outcome::Failed(errors) => report_errors(&errors),
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(Failed::Start)?;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let app = App {
        snapshot: rebuilder.snapshot.clone(),
        hub: Hub::new(stop_rx),
        root: Arc::new(options.root.clone()),
        hosts: Arc::new(conn::Hosts::new(&options.allow_hosts)),
    };

    let hub = app.hub.clone();
    let rebuilds = std::thread::Builder::new()
        .name("ketluan-rebuild".into())
        .spawn(move || rebuild_loop(rebuilder, watcher, rx, hub, options.timings))
        .map_err(Failed::Start)?;

    let served = runtime.block_on(async {
        listener
            .set_nonblocking(true)
            .map_err(|e| Failed::Listen(SocketAddr::new(options.bind, options.port), e))?;
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| Failed::Listen(SocketAddr::new(options.bind, options.port), e))?;
        let root = options.root.display().to_string();
        println!("{}", t!("serve-serving", root = root, url = &url));
        if addr.ip().is_unspecified() {
            println!("{}", t!("serve-every-interface"));
        }
        if !addr.ip().is_loopback() {
            let names = if options.allow_hosts.is_empty() {
                String::new()
            } else {
                format!(", {}", options.allow_hosts.join(", "))
            };
            eprintln!("{}", t!("serve-reachable", names = names));
        }
        println!("{}", t!("serve-watching"));
        if options.open {
            open_browser(&url);
        }
        let mut stopping = stop_tx.subscribe();
        let shutdown = async move {
            stop_signal().await;
            let _ = stop_tx.send(true);
        };
        let listener = conn::Capped::new(listener, conn::max_connections(file_limit));
        let server = axum::serve(listener, router(app)).with_graceful_shutdown(shutdown);
        // Open event streams end at once; give other connections a moment, no more.
        let deadline = async move {
            let _ = stopping.wait_for(|stop| *stop).await;
            tokio::time::sleep(Duration::from_secs(2)).await;
        };
        tokio::select! {
            served = server => served.map_err(Failed::Serve),
            () = deadline => Ok(()),
        }
    });
    // Stop the watcher and the rebuild thread. A rebuild under way is not waited
    // for: it writes nothing, and the process ends when this returns.
    let _ = tx.send(Signal::Stop);
    drop(rebuilds);
    runtime.shutdown_timeout(Duration::from_secs(1));
    served?;
    println!("{}", t!("serve-stopped"));
    Ok(())
}

/// Ctrl-C, or a polite `kill`.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate()).expect("can handle SIGTERM");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Rebuild after every batch of changes (coalescing those that queued up meanwhile)
/// and tell the open pages.
fn rebuild_loop(
    mut rebuilder: Rebuilder,
    mut watcher: Watcher,
    rx: mpsc::Receiver<Signal>,
    hub: Hub,
    show_timings: bool,
) {
    while let Ok(first) = rx.recv() {
        let mut changed = Vec::new();
        let mut signals = vec![first];
        signals.extend(rx.try_iter());
        for signal in signals {
            match signal {
                Signal::Stop => return,
                Signal::Changed(paths) => changed.extend(paths),
                // Forget everything: the whole site folder counts as changed.
                Signal::Rescan => {
                    changed.extend(watch::SOURCES.map(|s| rebuilder.root().join(s)));
                }
            }
        }
        watcher.refresh(&changed);
        match rebuilder.rebuild_watched(&changed) {
            Outcome::Built {
                pages,
                files,
                recovered,
                rendered,
                total_pages,
                elapsed,
                timings,
            } => {
                if recovered {
                    hub.send(Message::Ok);
                    println!("{}", t!("serve-fixed"));
                }
                let (css, other): (Vec<String>, Vec<String>) =
                    files.into_iter().partition(|f| f.ends_with(".css"));
                if !css.is_empty() {
                    hub.send(Message::Css(css.clone()));
                }
                if !other.is_empty() {
                    // Any page may use a changed image or script.
                    hub.send(Message::Reload {
                        pages: Vec::new(),
                        all: true,
                    });
                } else if !pages.is_empty() {
                    hub.send(Message::reload(pages.clone()));
                }
                println!(
                    "{}",
                    t!(
                        "serve-rebuilt",
                        ms = elapsed.as_millis() as u64,
                        rendered = rendered,
                        changed = pages.len(),
                        served = total_pages,
                        files = css.len() + other.len()
                    )
                );
                if show_timings {
                    print_timings(&timings);
                }
                let started = std::time::Instant::now();
                let tell = hub.clone();
                rebuilder.make_extras(Some(Box::new(move |changed: Vec<String>| {
                    if show_timings {
                        let ms = started.elapsed().as_millis() as u64;
                        println!("  {}", t!("serve-extras", ms = ms, changed = changed.len()));
                    }
                    if !changed.is_empty() {
                        tell.send(Message::reload(changed));
                    }
                })));
            }
            Outcome::Failed(errors) => {
                report_errors(&errors);
                hub.send(Message::Errors(errors));
            }
        }
    }
}

fn print_timings(timings: &crate::timings::Timings) {
    let phases: Vec<String> = timings
        .phases
        .iter()
        .map(|p| format!("{} {:.1}", p.name, p.wall.as_secs_f64() * 1000.0))
        .collect();
    println!("  ms: {}", phases.join(", "));
}

fn report_errors(errors: &state::Errors) {
    eprintln!("{}\n", errors.text);
    let message = t!("serve-failed", problems = errors.items.len());
    eprintln!("{}", t!("error-prefix", message = message));
}

/// Start the platform's opener on `url`; serving goes on whatever happens.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match command.spawn() {
        // Reap it whenever it ends.
        Ok(mut child) => {
            crate::spawn_detached("ketluan-open", move || {
                let _ = child.wait();
            });
        }
        Err(e) => eprintln!(
            "{}",
            t!("serve-no-browser", reason = e.to_string(), url = url)
        ),
    }
}

fn router(app: App) -> Router {
    Router::new()
        .route(reload::SCRIPT_URL, get(script))
        .route(reload::EVENTS_URL, get(events))
        .fallback(file)
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            known_host,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .with_state(app)
}

/// Requests for a `Host` the server does not answer for (DNS rebinding: a page of
/// another site whose name now points here) are refused before anything is read.
async fn known_host(
    State(app): State<App>,
    request: Request,
    next: axum::middleware::Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .map(|h| h.to_str().unwrap_or("\u{FFFD}"));
    if app.hosts.allows(host) {
        return next.run(request).await;
    }
    (
        StatusCode::MISDIRECTED_REQUEST,
        "refused: this preview answers for IP addresses and localhost only; \
         start it with --allow-host NAME to use another name\n",
    )
        .into_response()
}

async fn script() -> Response {
    ([(header::CONTENT_TYPE, content_type("js"))], reload::SCRIPT).into_response()
}

async fn events(State(app): State<App>) -> Response {
    let errors = app.current().errors.clone();
    app.hub.stream(errors).into_response()
}

/// Any other URL: a page, a copied file, a redirect to add the final `/` of a
/// folder, or the theme's 404 page.
async fn file(State(app): State<App>, request: Request) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let uri = request.uri();
    let Some(key) = routes::output_file_of_request(uri.path()) else {
        return (
            StatusCode::FORBIDDEN,
            "refused: not a path inside the site\n",
        )
            .into_response();
    };
    let site = app.current();
    if !site.built {
        return page_response(StatusCode::SERVICE_UNAVAILABLE, NOT_BUILT.as_bytes(), "");
    }
    if let Some(bytes) = site.pages.get(&key) {
        return page_response(StatusCode::OK, bytes, &key);
    }
    if let Some(source) = site.copies.get(&key) {
        let body = match source {
            StaticFile::Builtin(b) => Some(Body::from(*b)),
            StaticFile::Disk(path) => disk_file(&app.root, path).await,
        };
        if let Some(body) = body {
            return (
                [(header::CONTENT_TYPE, content_type(extension(&key)))],
                body,
            )
                .into_response();
        }
    }
    if site.pages.contains_key(&format!("{key}/index.html")) {
        let mut location = format!("{}/", uri.path());
        if let Some(q) = uri.query() {
            location = format!("{location}?{q}");
        }
        return (
            StatusCode::PERMANENT_REDIRECT,
            [(header::LOCATION, location)],
        )
            .into_response();
    }
    match site.pages.get("404.html") {
        Some(bytes) => page_response(StatusCode::NOT_FOUND, bytes, ""),
        None => page_response(
            StatusCode::NOT_FOUND,
            b"<!DOCTYPE html><title>404</title><h1>404</h1>",
            "",
        ),
    }
}

/// A copied file, streamed from the site folder: opened without following a
/// link (one swapped in after the build included), a regular file only, and only
/// inside `root` with no link on the way. `None` otherwise.
async fn disk_file(root: &std::path::Path, path: &std::path::Path) -> Option<Body> {
    let (root, path) = (root.to_path_buf(), path.to_path_buf());
    let opened = tokio::task::spawn_blocking(move || {
        let rel = path.strip_prefix(&root).ok()?;
        let mut at = root.clone();
        for part in rel.parent()?.components() {
            at.push(part);
            if !std::fs::symlink_metadata(&at).is_ok_and(|m| m.is_dir()) {
                return None;
            }
        }
        crate::load::file::open_regular(&path).ok()
    })
    .await
    .ok()??;
    let file = tokio::fs::File::from_std(opened.0);
    let chunks = futures_util::stream::unfold(file, |mut file| async move {
        use tokio::io::AsyncReadExt;
        let mut buf = vec![0; 64 * 1024];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok::<_, std::io::Error>(bytes::Bytes::from(buf)), file))
            }
            Err(e) => Some((Err(e), file)),
        }
    });
    Some(Body::from_stream(chunks))
}

const NOT_BUILT: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>ketluan serve</title></head>\
<body><h1>The site has errors</h1><p>Fix them and save: this page reloads by itself.</p></body></html>";

/// A page (with the live-reload script) or another file served from memory.
fn page_response(status: StatusCode, bytes: &[u8], key: &str) -> Response {
    let ext = if key.is_empty() {
        "html"
    } else {
        extension(key)
    };
    let body = if ext == "html" {
        Body::from(reload::inject(bytes, key))
    } else {
        Body::from(bytes.to_vec())
    };
    (status, [(header::CONTENT_TYPE, content_type(ext))], body).into_response()
}

fn extension(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or("", |(_, ext)| ext)
}

fn content_type(ext: &str) -> &'static str {
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert_eq!(
            content_type(extension("a/b/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(extension("static/x.WOFF2")), "font/woff2");
        assert_eq!(
            content_type(extension("static/noext")),
            "application/octet-stream"
        );
    }
}
