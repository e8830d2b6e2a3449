//! A static file server for the built app, on a free loopback port. Like a static host with
//! precompressed files (nginx's `gzip_static`), it answers a request that accepts gzip with the
//! file's `.gz` copy and `Content-Encoding: gzip`. It records when each file was asked for (a
//! dedicated worker's requests never show in the page's own network log) and can refuse files
//! by name, as a host whose worker files are missing would.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A static file server for `dist/`, on a free loopback port, in a background thread.
/// It records every path requested, so tests can check the app asks for nothing else.
pub struct StaticServer {
    /// The base URL, e.g. `http://127.0.0.1:40123/`.
    pub base: String,
    /// Every path requested so far.
    pub requests: Arc<Mutex<Vec<String>>>,
    /// Every path requested that has no file (answered 404).
    pub missing: Arc<Mutex<Vec<String>>>,
    /// Every path requested, with when: milliseconds since 1970 (the clock the page's
    /// `performance.timeOrigin` reads).
    pub timed: Arc<Mutex<Vec<(String, f64)>>>,
    /// Paths containing any of these are answered 404, as if the file were not there.
    pub refuse: Arc<Mutex<Vec<String>>>,
}

/// Now, in milliseconds since 1970.
pub fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// What a request is checked and logged against.
struct Logs {
    requests: Arc<Mutex<Vec<String>>>,
    missing: Arc<Mutex<Vec<String>>>,
    timed: Arc<Mutex<Vec<(String, f64)>>>,
    refuse: Arc<Mutex<Vec<String>>>,
}

impl StaticServer {
    pub fn start(dir: PathBuf) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the static server");
        let base = format!("http://{}/", listener.local_addr().expect("address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let missing = Arc::new(Mutex::new(Vec::new()));
        let timed = Arc::new(Mutex::new(Vec::new()));
        let refuse = Arc::new(Mutex::new(Vec::new()));
        let logs = Arc::new(Logs {
            requests: requests.clone(),
            missing: missing.clone(),
            timed: timed.clone(),
            refuse: refuse.clone(),
        });
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let dir = dir.clone();
                let logs = logs.clone();
                std::thread::spawn(move || serve_one(stream, &dir, &logs));
            }
        });
        StaticServer {
            base,
            requests,
            missing,
            timed,
            refuse,
        }
    }
}

fn serve_one(mut stream: TcpStream, dir: &Path, logs: &Logs) {
    let (log, missing) = (&logs.requests, &logs.missing);
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Read the headers: only Accept-Encoding matters.
    let mut header = String::new();
    let mut gzip = false;
    while reader
        .read_line(&mut header)
        .map(|n| n > 2)
        .unwrap_or(false)
    {
        let lower = header.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("accept-encoding:") {
            gzip = v
                .split(',')
                .any(|e| e.split(';').next().unwrap_or("").trim() == "gzip");
        }
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    log.lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(target.clone());
    logs.timed
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((target.clone(), now_ms()));
    let refused = logs
        .refuse
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .any(|r| target.contains(r.as_str()));
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let rel = path.trim_start_matches('/');
    let rel = if rel.is_empty() { "index.html" } else { rel };
    let file = dir.join(rel);
    let ok = !refused && !rel.contains("..") && file.is_file();
    let gz = file.with_file_name(format!(
        "{}.gz",
        file.file_name().and_then(|n| n.to_str()).unwrap_or("")
    ));
    let encoded = ok && gzip && gz.is_file();
    let (status, body, mime) = if ok {
        let mime = match file.extension().and_then(|e| e.to_str()) {
            Some("html") => "text/html; charset=utf-8",
            Some("js") => "text/javascript",
            Some("wasm") => "application/wasm",
            Some("css") => "text/css",
            Some("png") => "image/png",
            Some("svg") => "image/svg+xml",
            _ => "application/octet-stream",
        };
        let from = if encoded { &gz } else { &file };
        ("200 OK", std::fs::read(from).unwrap_or_default(), mime)
    } else {
        missing
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(target.clone());
        ("404 Not Found", b"not found".to_vec(), "text/plain")
    };
    let head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n{}Connection: close\r\nCache-Control: no-store\r\n\r\n",
        status,
        mime,
        body.len(),
        if encoded {
            "Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n"
        } else {
            ""
        }
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}
