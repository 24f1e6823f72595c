//! A lock directory that serialises corpus runs: several `cargo test` processes (other
//! checkouts' helpers, or parallel runs) share `target/corpus/`, and two runs syncing the same
//! workspace at once would build a mix of both.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long to wait for another run to finish.
const WAIT: Duration = Duration::from_secs(40 * 60);
/// How often to retry.
const RETRY: Duration = Duration::from_millis(500);

/// Held while this process owns `target/corpus/`; released on drop.
#[derive(Debug)]
pub(crate) struct Lock {
    dir: PathBuf,
}

impl Lock {
    /// Creates the lock directory `dir`, waiting (bounded) while another live process holds it.
    /// A lock left by a process that no longer exists is taken over.
    pub(crate) fn acquire(dir: &Path) -> Self {
        if let Some(parent) = dir.parent() {
            fs::create_dir_all(parent).expect("the lock's parent directory can be created");
        }
        let started = Instant::now();
        loop {
            match fs::create_dir(dir) {
                Ok(()) => {
                    fs::write(dir.join("pid"), std::process::id().to_string())
                        .expect("the lock's pid file can be written");
                    return Self {
                        dir: dir.to_path_buf(),
                    };
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if holder_is_gone(dir) {
                        let _ = fs::remove_dir_all(dir);
                        continue;
                    }
                    assert!(
                        started.elapsed() < WAIT,
                        "{} is still held after {WAIT:?} (pid {:?}); remove it if no corpus run is going on",
                        dir.display(),
                        fs::read_to_string(dir.join("pid")).ok()
                    );
                    std::thread::sleep(RETRY);
                }
                Err(e) => panic!("cannot create {}: {e}", dir.display()),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Whether the process named in the lock has exited (a lock without a readable pid yet is
/// being created, so it counts as held).
fn holder_is_gone(dir: &Path) -> bool {
    let Some(pid) = fs::read_to_string(dir.join("pid"))
        .ok()
        .and_then(|p| p.trim().parse::<u32>().ok())
    else {
        return false;
    };
    if cfg!(unix) {
        !Path::new("/proc").join(pid.to_string()).exists() && Path::new("/proc/self").exists()
    } else {
        false
    }
}
