//! Running a command and measuring it: wall time and, on request, the peak memory of its whole
//! process tree (the sum of the resident set sizes of the command and every descendant, sampled
//! from `/proc` every 50 ms).

use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How often the process tree's memory is sampled.
const SAMPLE_EVERY: Duration = Duration::from_millis(50);

/// One finished command.
#[derive(Debug, Clone)]
pub(super) struct Run {
    /// Whether it exited with status 0.
    pub(super) ok: bool,
    /// From spawn to exit.
    pub(super) wall: Duration,
    /// Largest sum of resident set sizes seen across the process tree, in bytes (0 when not sampled).
    pub(super) peak_bytes: u64,
    /// The command's stdout and stderr, as written to its log file.
    pub(super) output: String,
}

/// Runs `cmd` to completion with stdout and stderr sent to `log`, killing it after `limit`.
/// With `sample_memory`, the process tree is polled every 50 ms for its total resident memory.
pub(super) fn run(
    cmd: &mut Command,
    log: &Path,
    limit: Duration,
    sample_memory: bool,
) -> Result<Run, String> {
    if let Some(dir) = log.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let out = File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err))
        .spawn()
        .map_err(|e| format!("cannot start {cmd:?}: {e}"))?;
    let root = child.id();
    let mut peak = 0u64;
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "{cmd:?} took longer than {limit:?} and was stopped"
            ));
        }
        if sample_memory {
            peak = peak.max(tree_rss_bytes(root));
            std::thread::sleep(SAMPLE_EVERY);
        } else {
            std::thread::sleep(Duration::from_millis(1));
        }
    };
    let wall = start.elapsed();
    let output = fs::read_to_string(log).unwrap_or_default();
    Ok(Run {
        ok: status.success(),
        wall,
        peak_bytes: peak,
        output,
    })
}

/// Runs `cmd` `times` times (each run preceded by `before`) and returns the runs.
pub(super) fn repeat(
    times: usize,
    log: &Path,
    limit: Duration,
    mut before: impl FnMut(usize) -> Result<(), String>,
    mut cmd: impl FnMut() -> Command,
) -> Result<Vec<Run>, String> {
    let mut runs = Vec::with_capacity(times);
    for i in 0..times {
        before(i)?;
        let run = run(&mut cmd(), log, limit, false)?;
        let failed = !run.ok;
        runs.push(run);
        if failed {
            break;
        }
    }
    Ok(runs)
}

/// The median wall time of `runs` (the lower middle one for an even count).
pub(super) fn median(runs: &[Run]) -> Duration {
    let mut walls: Vec<Duration> = runs.iter().map(|r| r.wall).collect();
    walls.sort();
    walls
        .get(walls.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or_default()
}

/// The sum of `VmRSS` over `root` and all its descendants, in bytes.
fn tree_rss_bytes(root: u32) -> u64 {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    let Ok(entries) = fs::read_dir("/proc") else {
        return 0;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        if let Some(ppid) = parent_of(pid) {
            children.entry(ppid).or_default().push(pid);
        }
    }
    let mut seen = HashSet::new();
    let mut stack = vec![root];
    let mut total = 0;
    while let Some(pid) = stack.pop() {
        if !seen.insert(pid) {
            continue;
        }
        total += rss_bytes(pid);
        if let Some(kids) = children.get(&pid) {
            stack.extend(kids);
        }
    }
    total
}

/// The parent pid from `/proc/PID/stat` (the field after the parenthesised command name).
fn parent_of(pid: u32) -> Option<u32> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().nth(1)?.parse().ok()
}

/// `VmRSS` from `/proc/PID/status`, in bytes (0 for a process that has gone).
fn rss_bytes(pid: u32) -> u64 {
    let Ok(status) = fs::read_to_string(format!("/proc/{pid}/status")) else {
        return 0;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0, |kib| kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_of_this_process_is_its_parent() {
        let me = std::process::id();
        let expected = fs::read_to_string("/proc/self/stat").unwrap();
        let ppid: u32 = expected[expected.rfind(')').unwrap() + 1..]
            .split_whitespace()
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(parent_of(me), Some(ppid));
    }

    #[test]
    fn tree_memory_counts_a_child_that_holds_memory() {
        // The outer shell forks an inner one that holds a 64 MiB string for a while: the peak
        // must include the child's resident memory, not only the outer shell's.
        let dir = std::env::temp_dir().join(format!("xtask-measure-{}", std::process::id()));
        let inner = "x=$(head -c 67108864 /dev/zero | tr \\\\000 a); sleep 0.5; echo ${#x}";
        let run = run(
            Command::new("sh").args(["-c", &format!("sh -c '{inner}'; true")]),
            &dir.join("log"),
            Duration::from_secs(60),
            true,
        )
        .unwrap();
        let _ = fs::remove_dir_all(&dir);
        assert!(run.ok, "{}", run.output);
        assert_eq!(run.output.trim(), "67108864");
        assert!(run.peak_bytes > 64 << 20, "peak {} bytes", run.peak_bytes);
    }

    #[test]
    fn median_is_the_middle_wall_time() {
        let at = |ms| Run {
            ok: true,
            wall: Duration::from_millis(ms),
            peak_bytes: 0,
            output: String::new(),
        };
        assert_eq!(median(&[at(30), at(10), at(20)]), Duration::from_millis(20));
        assert_eq!(median(&[at(40), at(10)]), Duration::from_millis(10));
        assert_eq!(median(&[]), Duration::ZERO);
    }
}
