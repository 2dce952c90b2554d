//! The harness shared by the command-line test binaries: run `whosaid` in a folder with some
//! standard input, and write input files.
#![allow(dead_code)] // each test binary uses its own part of it

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The records of a `--format jsonl` run.
    pub fn records(&self) -> Vec<Value> {
        self.stdout.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
    }
}

/// The binary under test.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

/// Runs the binary in `dir` with empty standard input.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    run_with_stdin(dir, args, b"")
}

/// Runs the binary in `dir`, feeding `stdin`. Fails the test if the binary panicked or a
/// document crashed the extractor: no input may do either.
pub fn run_with_stdin(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut child = bin()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || input.write_all(&stdin));
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap().unwrap();
    let run = Run {
        code: out.status.code().expect("exited, not killed by a signal"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 messages"),
    };
    assert!(!run.stderr.contains("panicked"), "the binary panicked:\n{}", run.stderr);
    assert!(!run.stderr.contains("internal error"), "a document crashed:\n{}", run.stderr);
    run
}

/// Writes `bytes` to `dir/name`, creating folders on the way.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The CPU time of the calling thread since a start: a timing that the other tests of a
/// binary, running in parallel on the same cores, do not stretch as they stretch wall time.
pub struct CpuTimer(Duration);

impl CpuTimer {
    pub fn start() -> CpuTimer {
        CpuTimer(thread_cpu())
    }

    pub fn elapsed(&self) -> Duration {
        thread_cpu().saturating_sub(self.0)
    }
}

#[cfg(unix)]
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid timespec for clock_gettime to write; the clock id is a constant.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Elsewhere, wall time since the first call.
#[cfg(not(unix))]
fn thread_cpu() -> Duration {
    static START: std::sync::LazyLock<std::time::Instant> = std::sync::LazyLock::new(std::time::Instant::now);
    START.elapsed()
}

/// The best of five timings of `f` on `small` and on `large`, taken in turns so that a load on
/// the machine weighs on both alike (five: a busy machine still disturbs CPU time a little,
/// through caches and clock speed).
pub fn best_of<T: ?Sized>(small: &T, large: &T, mut f: impl FnMut(&T) -> Duration) -> (Duration, Duration) {
    let (mut ts, mut tl) = (Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        ts = ts.min(f(small));
        tl = tl.min(f(large));
    }
    (ts, tl)
}
