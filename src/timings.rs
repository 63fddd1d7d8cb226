//! Per-phase times of a build, for `ketluan build --timings`: wall-clock time, and
//! the processor time the whole process spent meanwhile (its ratio to wall time is
//! how many cores the phase kept busy, which tells a serial phase from a parallel
//! one).

use std::time::{Duration, Instant};

/// One timed phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    pub name: &'static str,
    pub wall: Duration,
    /// User and system time of every thread of the process during the phase
    /// (phases that run beside each other both count the time of both).
    pub processor: Duration,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timings {
    pub phases: Vec<Phase>,
}

impl Timings {
    /// Run `f`, recording its duration under `name`.
    pub fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let cpu = processor_time();
        let value = f();
        self.phases.push(Phase {
            name,
            wall: started.elapsed(),
            processor: processor_time().saturating_sub(cpu),
        });
        value
    }

    /// Whether a phase of that name was timed.
    pub fn has(&self, name: &str) -> bool {
        self.phases.iter().any(|p| p.name == name)
    }
}

/// Processor time of the process so far (all threads, user and system): the
/// process CPU clock on Unix, `GetProcessTimes` on Windows. Zero where the system
/// cannot tell (the figures are for people reading `--timings`, never for logic).
fn processor_time() -> Duration {
    cpu_time::ProcessTime::try_now()
        .map(|t| t.as_duration())
        .unwrap_or_default()
}
