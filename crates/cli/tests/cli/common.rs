//! What the tests of the `corridor` binary share: running a command on a database, and a
//! server on a free port that stops when dropped.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The working directory of every command and server a test starts: a scratch directory of
/// this test run, so that nothing a command writes beside its working directory (a default
/// `corridor-data.key`, a report) can land in the source tree and be committed.
pub fn scratch() -> &'static std::path::Path {
    static DIR: std::sync::LazyLock<tempfile::TempDir> =
        std::sync::LazyLock::new(|| tempfile::tempdir().expect("a scratch directory"));
    DIR.path()
}

/// Runs `corridor ARGS --db DB`, quietly.
pub fn corridor(db: &str, args: &[&str]) -> std::process::Output {
    corridor_env(db, args, &[])
}

/// The same, with more environment variables (`CORRIDOR_DATA_KEY`).
pub fn corridor_env(db: &str, args: &[&str], env: &[(&str, &OsStr)]) -> std::process::Output {
    let mut full = args.to_vec();
    full.extend(["--db", db]);
    Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(full)
        .current_dir(scratch())
        .env("CORRIDOR_LOG", "warn")
        .envs(env.iter().copied())
        .output()
        .expect("the corridor binary runs")
}

/// Runs a command, failing the test unless it succeeds; returns what it printed.
pub fn ok(db: &str, args: &[&str]) -> String {
    ok_env(db, args, &[])
}

/// The same, with more environment variables.
pub fn ok_env(db: &str, args: &[&str], env: &[(&str, &OsStr)]) -> String {
    let out = corridor_env(db, args, env);
    assert!(
        out.status.success(),
        "corridor {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A running `corridor` process (a server, a long import), killed and reaped when dropped.
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `corridor serve` on a free port and returns it with its base URL.
pub fn serve(db: &str) -> (Server, String) {
    serve_with(db, &[])
}

/// The same, with more options (`--data-key`).
pub fn serve_with(db: &str, more: &[&str]) -> (Server, String) {
    serve_env(db, more, &[])
}

/// The same, with more options and environment variables.
pub fn serve_env(db: &str, more: &[&str], env: &[(&str, &OsStr)]) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["serve", "--db", db, "--addr", "127.0.0.1:0"])
        .args(more)
        .current_dir(scratch())
        .env("CORRIDOR_LOG", "warn")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .split("http://")
        .nth(1)
        .map(|rest| format!("http://{}", rest.trim().trim_end_matches('/')))
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    (Server(child), base)
}

/// A port nobody listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits until something listens on `port`, or fails with the log of what should have.
pub fn wait_for_port(port: u16, what: &str, log: &Path) {
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if start.elapsed() > Duration::from_secs(15) {
            panic!(
                "{what} did not start on port {port}: {}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
