//! Vietnamese on the Windows console. ketluan writes UTF-8; a Windows console reads
//! bytes in its output code page (437 or 1258 on an office PC), so a program that
//! reads ketluan's output through a pipe (PowerShell, `more`, a batch file) would
//! show mojibake. While [`Utf8Output`] lives, the console's output code page is UTF-8;
//! the one it had is put back when it is dropped. Elsewhere it does nothing.

/// The console's output code page set to UTF-8 until dropped.
pub struct Utf8Output {
    #[cfg(windows)]
    previous: u32,
}

impl Utf8Output {
    /// Switch the console (if any) to UTF-8 output.
    pub fn set() -> Utf8Output {
        #[cfg(windows)]
        {
            use windows_sys::Win32::Globalization::CP_UTF8;
            use windows_sys::Win32::System::Console::{GetConsoleOutputCP, SetConsoleOutputCP};
            // SAFETY: plain calls without pointers; without a console they fail and
            // return 0, which is then left alone.
            let previous = unsafe { GetConsoleOutputCP() };
            if previous != 0 && previous != CP_UTF8 {
                unsafe { SetConsoleOutputCP(CP_UTF8) };
            }
            Utf8Output { previous }
        }
        #[cfg(not(windows))]
        Utf8Output {}
    }
}

impl Drop for Utf8Output {
    fn drop(&mut self) {
        #[cfg(windows)]
        if self.previous != 0 {
            // SAFETY: as in `set`.
            unsafe { windows_sys::Win32::System::Console::SetConsoleOutputCP(self.previous) };
        }
    }
}
