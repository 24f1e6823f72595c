//! A Prism mock server (`prism mock <spec>`) on 127.0.0.1, started through a small `sh` watchdog
//! whose stdin is a pipe held by the test process: when the test binary exits, however it exits,
//! the pipe closes and the watchdog kills Prism, so no process outlives the tests. Shared by the
//! Prism tests (`prism.rs`, `prism_operations.rs`).

use std::fs::File;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long Prism may take to start by default, and how often it is polled meanwhile.
const READY_TIMEOUT: Duration = Duration::from_secs(60);
const POLL_EVERY: Duration = Duration::from_millis(200);

/// Started with `sh -c WATCHDOG sh PRISM SPEC PORT`: runs Prism in the background, kills it when
/// stdin reaches EOF (the test binary closed its end of the pipe, or exited), and exits with
/// Prism's status when Prism exits on its own (so an early death is seen at once).
const WATCHDOG: &str = r#"
exec 3<&0
"$1" mock -h 127.0.0.1 -p "$3" "$2" </dev/null &
prism=$!
{ cat <&3 >/dev/null; kill "$prism" 2>/dev/null; } &
wait "$prism"
"#;

/// A running Prism; dropping it stops Prism.
pub(crate) struct Prism {
    port: u16,
    /// The watchdog shell; its stdin is the pipe that keeps Prism alive.
    watchdog: Child,
    log: PathBuf,
}

impl Prism {
    /// `http://127.0.0.1:<port>`.
    pub(crate) fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Whether Prism still answers HTTP requests (it crashes on some requests: its server dies
    /// while its command may live on).
    #[allow(dead_code)] // Used by prism_real.rs only.
    pub(crate) async fn answers(&self) -> bool {
        let Ok(probe) = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()
        else {
            return false;
        };
        probe
            .get(format!("{}/", self.base_url()))
            .send()
            .await
            .is_ok()
    }

    /// The last `lines` lines of Prism's log.
    pub(crate) fn log_tail(&self, lines: usize) -> String {
        let text =
            std::fs::read_to_string(&self.log).unwrap_or_else(|err| format!("(no log: {err})"));
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }

    /// Starts Prism on `spec` on a free port, its log in `logs`, and waits until it answers
    /// HTTP requests (any answer: a path the spec lacks gets a 404), for at most a minute.
    #[allow(dead_code)] // Not used by prism_real.rs.
    pub(crate) async fn start(spec: &Path, logs: &Path) -> Result<Prism, String> {
        Prism::start_within(spec, logs, READY_TIMEOUT).await
    }

    /// [`Prism::start`], waiting at most `ready_timeout` (a large description takes Prism
    /// longer to load).
    pub(crate) async fn start_within(
        spec: &Path,
        logs: &Path,
        ready_timeout: Duration,
    ) -> Result<Prism, String> {
        let root = workspace_root();
        let prism_bin = root.join("node_modules/.bin/prism");
        if !prism_bin.exists() {
            return Err(format!(
                "{} not found: run `npm ci` in {}",
                prism_bin.display(),
                root.display()
            ));
        }
        std::fs::create_dir_all(logs).map_err(|err| format!("{}: {err}", logs.display()))?;
        // The port is free when chosen but could be taken before Prism binds it: a Prism that
        // exits at once is tried again on another port (twice at most); one that hangs is not.
        let mut failures = Vec::new();
        for _ in 0..3 {
            let port = free_port();
            let log = logs.join(format!("prism-{port}.log"));
            let log_file = File::create(&log).map_err(|err| format!("{}: {err}", log.display()))?;
            let log_err = log_file.try_clone().map_err(|err| err.to_string())?;
            let watchdog = Command::new("sh")
                .arg("-c")
                .arg(WATCHDOG)
                .arg("sh")
                .arg(&prism_bin)
                .arg(spec)
                .arg(port.to_string())
                .stdin(Stdio::piped())
                .stdout(log_file)
                .stderr(log_err)
                .spawn()
                .map_err(|err| format!("could not start sh for Prism: {err}"))?;
            let mut prism = Prism {
                port,
                watchdog,
                log,
            };
            match prism.wait_until_ready(ready_timeout).await {
                Ok(()) => return Ok(prism),
                Err(Startup::Exited(message)) => failures.push(message),
                Err(Startup::TimedOut(message)) => {
                    failures.push(message);
                    break;
                }
            }
        }
        Err(failures.join("\n\n"))
    }

    /// Polls Prism every 200 ms for at most `timeout`; any HTTP answer means it is up.
    async fn wait_until_ready(&mut self, timeout: Duration) -> Result<(), Startup> {
        let probe = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()
            .map_err(|err| Startup::TimedOut(err.to_string()))?;
        let url = format!("{}/", self.base_url());
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.watchdog.try_wait() {
                return Err(Startup::Exited(format!(
                    "Prism exited ({status}) before answering; log {}:\n{}",
                    self.log.display(),
                    self.log_tail(40)
                )));
            }
            if probe.get(&url).send().await.is_ok() {
                return Ok(());
            }
            if started.elapsed() > timeout {
                return Err(Startup::TimedOut(format!(
                    "Prism did not answer on port {} within {timeout:?}; log {}:\n{}",
                    self.port,
                    self.log.display(),
                    self.log_tail(40)
                )));
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }
}

impl Drop for Prism {
    /// Closes the watchdog's stdin, which makes it kill Prism, then reaps it.
    fn drop(&mut self) {
        drop(self.watchdog.stdin.take());
        let _ = self.watchdog.wait();
    }
}

/// Why Prism could not be used.
enum Startup {
    Exited(String),
    TimedOut(String),
}

/// The repository's root.
pub(crate) fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free local port")
        .port()
}
