//! What rendering one page with a template may take: time, output and memory.
//! Tera 2 has no fuel or time limit of its own, so the budget is spent where a
//! template's work shows: each write of output ([`Capped`]), each `range()` call
//! (registered in place of Tera's, which it otherwise behaves like), and each
//! allocation of the rendering thread ([`Budgeted`], the global allocator). A
//! render over time or output fails with a located error naming the template; one
//! over memory cannot be unwound from inside an allocation, and ends the process
//! with that error instead (a build then leaves the last good site, as always).

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::io;
use std::time::{Duration, Instant};

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
}

impl Over {
    pub fn describe(self) -> String {
        match self {
            Over::Time => format!("rendering one page took more than {} s", TIME.as_secs()),
            Over::Output => format!("one page grew past {} MB", OUTPUT >> 20),
            Over::Loops => format!(
                "the loops of one page went over {} `range()` items",
                RANGE_ITEMS
            ),
        }
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

/// A global allocator that refuses a rendering thread more than [`MEMORY`] bytes
/// beyond what it held when the render started (see the module's comment).
pub struct Budgeted<A>(pub A);

/// Whether this thread may allocate `size` more bytes now.
fn charge(size: usize) -> bool {
    MEMORY_LEFT
        .try_with(|left| {
            let l = left.get();
            if l == usize::MAX {
                return true;
            }
            if size > l {
                return false;
            }
            left.set(l - size);
            true
        })
        .unwrap_or(true)
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

// SAFETY: every call is passed to the inner allocator unchanged, or refused with
// null (which `GlobalAlloc` allows) before it reaches it.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Budgeted<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !charge(layout.size()) {
            refused();
            return std::ptr::null_mut();
        }
        // SAFETY: the caller's promises are passed on.
        unsafe { self.0.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if !charge(layout.size()) {
            refused();
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
            refused();
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
