//! Per-phase wall-clock times of a build, for `ketluan build --timings`.

use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timings {
    pub phases: Vec<(&'static str, Duration)>,
}

impl Timings {
    /// Run `f`, recording its duration under `phase`.
    pub fn time<T>(&mut self, phase: &'static str, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let value = f();
        self.phases.push((phase, started.elapsed()));
        value
    }
}
