//! What rendering one page with a template may take: time, output and memory.
//! Tera 2 has no fuel or time limit of its own, so the budget is spent where a
//! template's work shows: each write of output ([`Capped`]), each `range()` call
//! (registered in place of Tera's, which it otherwise behaves like), and each
//! allocation of the rendering thread ([`Budgeted`], the global allocator). A
//! render over time or output at a write or a `range()` fails with a located error
//! naming the template. One found over time or memory inside an allocation cannot
//! be unwound from there: that thread stops for good (it sleeps, holding what it
//! has) and [`supervise`], which runs the build on another thread and watches for
//! this, returns the error instead of waiting for it. A loop that neither writes
//! nor calls `range()` still starts its inner loops, and each start allocates.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::io;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::diagnostic::RenderBudget;

/// A page is rendered within this time…
pub const TIME: Duration = Duration::from_secs(10);
/// …writing at most this much (the largest real index page is a few MB)…
pub const OUTPUT: usize = 64 << 20;
/// …with its loops taking at most this many `range()` items…
pub const RANGE_ITEMS: usize = 1_000_000;
/// …and holding at most this much more memory than when it started.
pub const MEMORY: usize = 512 << 20;

/// Which budget a render went over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Over {
    Time,
    Output,
    Loops,
    Memory,
}

impl Over {
    /// The budget, with its limit, for the message.
    pub fn budget(self) -> RenderBudget {
        match self {
            Over::Time => RenderBudget::Seconds(TIME.as_secs()),
            Over::Output => RenderBudget::OutputMegabytes((OUTPUT >> 20) as u64),
            Over::Loops => RenderBudget::RangeItems(RANGE_ITEMS as u64),
            Over::Memory => RenderBudget::MemoryMegabytes((MEMORY >> 20) as u64),
        }
    }

    /// For Tera's error, which ends the render; the diagnostic says it again in
    /// the reader's language.
    fn describe(self) -> String {
        format!("{self:?} budget of the page exhausted")
    }
}

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static RANGE_LEFT: Cell<usize> = const { Cell::new(usize::MAX) };
    static OVER: Cell<Option<Over>> = const { Cell::new(None) };
    /// Bytes the rendering thread may still allocate; `usize::MAX` when it is not
    /// rendering.
    static MEMORY_LEFT: Cell<usize> = const { Cell::new(usize::MAX) };
    /// The template being rendered, for the message of an allocation refused.
    static NAME: Cell<([u8; 120], usize)> = const { Cell::new(([0; 120], 0)) };
    /// Allocations since the clock was last read.
    static ALLOCATIONS: Cell<u32> = const { Cell::new(0) };
}

/// The budget of one render on this thread, from now until it is dropped.
pub struct Render(());

impl Render {
    /// `template_file` names the template in the message of a refused
    /// allocation (bytes of a path, so that starting costs no allocation).
    pub fn start(template_file: &[u8]) -> Render {
        DEADLINE.set(Some(Instant::now() + TIME));
        RANGE_LEFT.set(RANGE_ITEMS);
        OVER.set(None);
        let mut name = [0u8; 120];
        let bytes = template_file;
        let len = bytes.len().min(name.len());
        name[..len].copy_from_slice(&bytes[..len]);
        NAME.set((name, len));
        MEMORY_LEFT.set(MEMORY);
        Render(())
    }

    /// Which budget the render went over, if one.
    pub fn over(&self) -> Option<Over> {
        OVER.get()
    }
}

impl Drop for Render {
    fn drop(&mut self) {
        MEMORY_LEFT.set(usize::MAX);
        DEADLINE.set(None);
        RANGE_LEFT.set(usize::MAX);
    }
}

fn exceeded(over: Over) -> Over {
    OVER.set(Some(over));
    over
}

fn check_time() -> Result<(), Over> {
    match DEADLINE.get() {
        Some(deadline) if Instant::now() > deadline => Err(exceeded(Over::Time)),
        _ => Ok(()),
    }
}

/// The page's output: writes past [`OUTPUT`] bytes, or after the deadline, fail
/// (which ends the render). The clock is read every 64 writes: a page makes
/// thousands.
pub struct Capped {
    pub bytes: Vec<u8>,
    writes: u32,
}

impl Capped {
    pub fn new(capacity: usize) -> Self {
        Self {
            bytes: Vec::with_capacity(capacity),
            writes: 0,
        }
    }
}

impl io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len() + buf.len() > OUTPUT {
            exceeded(Over::Output);
            return Err(io::Error::other(Over::Output.describe()));
        }
        self.writes = self.writes.wrapping_add(1);
        if self.writes.is_multiple_of(64) {
            check_time().map_err(|o| io::Error::other(o.describe()))?;
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Tera's `range(start=0, end, step_by=1)`, spending the page's budget of items
/// and checking its deadline: nested loops over ranges are the usual runaway.
pub fn range(kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<Vec<i128>> {
    let start = kwargs.get::<i128>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i128>("end")?;
    let step = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `step_by` argument of 0",
        ));
    }
    if start > end && step > 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `start` argument greater than the `end` one",
        ));
    }
    let span = if step > 0 { end - start } else { start - end };
    let len = if span <= 0 {
        0
    } else {
        span.saturating_add(step.abs() - 1) / step.abs()
    };
    let len = usize::try_from(len).unwrap_or(usize::MAX);
    let left = RANGE_LEFT.get();
    if len > left {
        exceeded(Over::Loops);
        return Err(tera::Error::message(Over::Loops.describe()));
    }
    RANGE_LEFT.set(left - len);
    if let Err(over) = check_time() {
        return Err(tera::Error::message(over.describe()));
    }
    Ok((0..len as i128).map(|i| start + i * step).collect())
}

/// A global allocator that holds a rendering thread to [`MEMORY`] bytes beyond
/// what it held when the render started, and to its deadline (see the module's
/// comment).
pub struct Budgeted<A>(pub A);

/// Read the clock every this many allocations of a render: a page makes
/// thousands, and an inner loop's start makes one.
const CLOCK_EVERY: u32 = 64;

/// Whether this thread may allocate `size` more bytes now. A render over its
/// budget stops here for good when a [`supervise`] is watching; without one, an
/// allocation over memory is refused (the process ends) and time is left to the
/// render's writes and `range()` calls.
fn charge(size: usize) -> bool {
    let over = MEMORY_LEFT.try_with(|left| {
        let l = left.get();
        if l == usize::MAX {
            return None;
        }
        if size > l {
            return Some(Over::Memory);
        }
        left.set(l - size);
        let n = ALLOCATIONS.get().wrapping_add(1);
        ALLOCATIONS.set(n);
        if n.is_multiple_of(CLOCK_EVERY) && check_time().is_err() {
            return Some(Over::Time);
        }
        None
    });
    match over {
        Ok(Some(over)) if SUPERVISORS.load(Ordering::SeqCst) > 0 => stall(over),
        Ok(Some(Over::Memory)) => {
            refused();
            false
        }
        _ => true,
    }
}

fn refund(size: usize) {
    let _ = MEMORY_LEFT.try_with(|left| {
        let l = left.get();
        if l != usize::MAX {
            left.set(l.saturating_add(size).min(usize::MAX - 1));
        }
    });
}

/// Say which template went over its memory before the allocation fails (and
/// the process ends). Nothing here may allocate.
#[cold]
fn refused() {
    MEMORY_LEFT.set(usize::MAX);
    let (name, len) = NAME.get();
    let mut message = [0u8; 400];
    let mut at = 0;
    for part in [
        b"error[template-budget]: ".as_slice(),
        &name[..len],
        b": rendering one page took more than 512 MB of memory; the build stopped and the \
previous output was left as it was. See docs/troubleshooting.md#template-budget\n",
    ] {
        let n = part.len().min(message.len() - at);
        message[at..at + n].copy_from_slice(&part[..n]);
        at += n;
    }
    let _ = io::Write::write_all(&mut io::stderr(), &message[..at]);
}

/// A render that went over its budget where it could not be failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stalled {
    pub over: Over,
    /// The template's file, as [`Render::start`] was given it.
    pub template: String,
}

/// How many [`supervise`] calls are watching.
static SUPERVISORS: AtomicUsize = AtomicUsize::new(0);
/// How many renders have stalled, and the last of them (fixed size: it is written
/// from inside an allocation).
static STALLS: AtomicUsize = AtomicUsize::new(0);
static LAST_STALL: Mutex<Option<(Over, [u8; 120], usize)>> = Mutex::new(None);

/// Stop this rendering thread for good, after telling the supervisors. Nothing
/// here allocates: the budget is off first, so should anything, it would pass.
#[cold]
fn stall(over: Over) -> ! {
    MEMORY_LEFT.set(usize::MAX);
    DEADLINE.set(None);
    let (name, len) = NAME.get();
    if let Ok(mut last) = LAST_STALL.lock() {
        *last = Some((over, name, len));
    }
    STALLS.fetch_add(1, Ordering::SeqCst);
    loop {
        std::thread::sleep(Duration::from_secs(1 << 20));
    }
}

/// Run `work` on a thread of its own and wait for it, unless a render stalls
/// meanwhile (over its time or memory inside an allocation): then its
/// [`Stalled`] is returned at once and `work` is left behind, its thread asleep.
/// A caller that goes on (`serve`) must not use what `work` held: its rayon
/// workers and locks may be among the stalled.
pub fn supervise<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Stalled> {
    struct Watching;
    impl Drop for Watching {
        fn drop(&mut self) {
            SUPERVISORS.fetch_sub(1, Ordering::SeqCst);
        }
    }
    let seen = STALLS.load(Ordering::SeqCst);
    SUPERVISORS.fetch_add(1, Ordering::SeqCst);
    let _watching = Watching;
    let (done, finished) = mpsc::channel::<()>();
    let slot = std::sync::Arc::new(Mutex::new(Some(work)));
    let mine = std::sync::Arc::clone(&slot);
    let spawned = std::thread::Builder::new()
        .name("ketluan-work".into())
        // What the main thread has, where this work ran before.
        .stack_size(8 << 20)
        .spawn(move || {
            let work = mine.lock().ok().and_then(|mut w| w.take());
            let value = work.map(|w| w());
            let _ = done.send(());
            value
        });
    let Ok(handle) = spawned else {
        // No thread to be had: work here, unwatched.
        let work = slot.lock().ok().and_then(|mut w| w.take());
        return Ok(work.expect("not taken: the thread never started")());
    };
    loop {
        match finished.recv_timeout(Duration::from_millis(50)) {
            Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) if STALLS.load(Ordering::SeqCst) != seen => {
                return Err(last_stall());
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
    }
    match handle.join() {
        Ok(Some(value)) => Ok(value),
        Ok(None) => unreachable!("the work is taken once, by its thread"),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

impl Stalled {
    /// The error, at the template's file.
    pub fn diagnostic(&self) -> crate::diagnostic::Diagnostic {
        use crate::diagnostic::{Diagnostic, Location, Problem};
        Diagnostic::new(
            Location::file(&self.template),
            Problem::TemplateBudget(self.over.budget()),
        )
    }
}

fn last_stall() -> Stalled {
    let last = LAST_STALL.lock().map(|l| *l).unwrap_or(None);
    let (over, name, len) = last.unwrap_or((Over::Time, [0; 120], 0));
    Stalled {
        over,
        template: String::from_utf8_lossy(&name[..len]).into_owned(),
    }
}

// SAFETY: every call is passed to the inner allocator unchanged, or refused with
// null (which `GlobalAlloc` allows) before it reaches it.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Budgeted<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !charge(layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: the caller's promises are passed on.
        unsafe { self.0.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if !charge(layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: as above.
        unsafe { self.0.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        refund(layout.size());
        // SAFETY: as above.
        unsafe { self.0.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old = layout.size();
        if new_size > old && !charge(new_size - old) {
            return std::ptr::null_mut();
        }
        // SAFETY: as above.
        let moved = unsafe { self.0.realloc(ptr, layout, new_size) };
        if moved.is_null() {
            if new_size > old {
                refund(new_size - old);
            }
        } else if new_size < old {
            refund(old - new_size);
        }
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_over_the_cap_fails_and_is_named() {
        let render = Render::start(b"templates/x.html");
        let mut out = Capped::new(16);
        assert!(io::Write::write_all(&mut out, &vec![b'a'; OUTPUT]).is_ok());
        assert!(io::Write::write_all(&mut out, b"b").is_err());
        assert_eq!(render.over(), Some(Over::Output));
        drop(render);
        assert_eq!(MEMORY_LEFT.get(), usize::MAX);
    }
}
