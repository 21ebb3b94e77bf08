//! The operating-system calls the standard library does not offer, each
//! behind a safe function. The only module allowed `unsafe` code
//! (Cargo.toml's `[lints]` deny it everywhere else), so every pointer and
//! length handed to the C library is checked here, in one place.

#![allow(unsafe_code)]

use std::ffi::{CStr, CString};
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// A descriptor to wait on with [`poll`], and what happened to it.
pub type PollFd = libc::pollfd;

/// Waits until one of `fds` is ready or `timeout_ms` passes (-1: no
/// limit); returns how many are ready.
pub fn poll(fds: &mut [PollFd], timeout_ms: libc::c_int) -> io::Result<usize> {
    let count = libc::nfds_t::try_from(fds.len()).map_err(|_| io::ErrorKind::InvalidInput)?;
    // SAFETY: the pointer and count describe the caller's slice, which
    // poll only reads and writes within.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), count, timeout_ms) };
    usize::try_from(n).map_err(|_| io::Error::last_os_error())
}

/// Whether `fd` has hung up or been closed, without waiting.
pub fn hung_up(fd: libc::c_int) -> bool {
    let mut fds = [PollFd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    }];
    matches!(poll(&mut fds, 0), Ok(n) if n > 0)
        && fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// One read(2) into `buf`; `Ok(0)` at end of file.
pub fn read(fd: libc::c_int, buf: &mut [u8]) -> io::Result<usize> {
    // SAFETY: reads at most buf.len() bytes into buf, which is that long
    // and borrowed mutably for the call.
    let got = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
    usize::try_from(got)
        .map(|n| n.min(buf.len()))
        .map_err(|_| io::Error::last_os_error())
}

/// One write(2) of `bytes`; how many were written.
pub fn write(fd: libc::c_int, bytes: &[u8]) -> io::Result<usize> {
    // SAFETY: the pointer and length describe a live slice that write only
    // reads.
    let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
    usize::try_from(n)
        .map(|n| n.min(bytes.len()))
        .map_err(|_| io::Error::last_os_error())
}

/// The size (columns, rows) of the terminal on `fd`, by one ioctl: what
/// `crossterm::terminal::size` answers, without opening `/dev/tty` on every
/// frame (issue 12: that open was a tenth of a keystroke's time).
pub fn window_size(fd: libc::c_int) -> Option<(u16, u16)> {
    // SAFETY: an all-zero winsize is a valid value of that plain C struct.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes one winsize through the pointer, which
    // points at ours for the call.
    let r = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &raw mut ws) };
    (r == 0 && ws.ws_col > 0 && ws.ws_row > 0).then_some((ws.ws_col, ws.ws_row))
}

/// Whether a process with this id exists (signal 0 asks without sending).
pub fn process_exists(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 sends nothing; it only checks the pid.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Whether a shell with job control started this process, so that a
/// stopped process can be brought back (`fg`): its parent is in the same
/// session but another process group. Otherwise (started directly by a
/// terminal or by `ssh host casenotes`) the process group is orphaned,
/// the kernel drops SIGTSTP, and nothing could continue it anyway.
pub fn under_job_control() -> bool {
    // SAFETY: getppid, getpid, getsid and getpgid only read the kernel's
    // process table; they take plain integers and touch no memory of ours.
    unsafe {
        let parent = libc::getppid();
        let ours = libc::getsid(0);
        ours != -1
            && ours != libc::getpid()
            && libc::getsid(parent) == ours
            && libc::getpgid(parent) != libc::getpgid(0)
    }
}

/// Whether this process may use `path` as `how` says (`libc::W_OK` and
/// so on), by access(2).
pub fn may_access(path: &Path, how: libc::c_int) -> bool {
    let Ok(c) = CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a valid NUL-terminated string that outlives the call;
    // access only reads it.
    unsafe { libc::access(c.as_ptr(), how) == 0 }
}

/// The login name of the real user id, from the password database.
pub fn login_of_real_user() -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 4096];
    loop {
        // SAFETY: an all-zero passwd is a valid value of this plain C
        // struct; getpwuid_r fills it.
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        // SAFETY: every pointer is to storage owned here and alive for the
        // call; getpwuid_r writes the entry's strings into `buf` (of the
        // length given) and sets `found` to `&pwd` or null. Unlike
        // getpwuid it shares no storage between threads.
        let rc = unsafe {
            libc::getpwuid_r(
                libc::getuid(),
                &mut pwd,
                buf.as_mut_ptr(),
                buf.len(),
                &mut found,
            )
        };
        if rc == libc::ERANGE && buf.len() < 1 << 20 {
            buf.resize(buf.len() * 2, 0);
            continue;
        }
        if rc != 0 || found.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        // SAFETY: pw_name points into `buf`, NUL-terminated by getpwuid_r,
        // and `buf` is still alive.
        let name = unsafe { CStr::from_ptr(pwd.pw_name) }
            .to_string_lossy()
            .into_owned();
        return Some(name).filter(|n| !n.is_empty());
    }
}

/// Gives memory the allocator holds but no longer uses back to the
/// system (glibc's `malloc_trim`): after a burst such as the due list of a
/// large file, worked out on a thread whose arena would otherwise keep it
/// resident (issue 12, memory). Does nothing elsewhere.
pub fn give_back_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the system; it
    // touches no memory in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Makes every thread allocate from the one heap the main thread uses
/// (glibc's `M_ARENA_MAX` of 1), so [`give_back_free_memory`] can give
/// back what a thread's burst left: glibc gives back the free end of the
/// main heap, but not of a thread's own, which kept 42 MB of a
/// supervisor's team due list resident after the due screen was left (issue
/// 12). Only counts before the first thread is started. Does nothing
/// elsewhere.
pub fn one_heap_for_all_threads() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's settings; M_ARENA_MAX
    // with a positive value is one it documents.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calls_answer_sensibly() {
        assert!(process_exists(std::process::id()));
        assert!(may_access(Path::new("/"), libc::R_OK));
        assert!(!may_access(Path::new("/no/such/path"), libc::F_OK));
        assert!(login_of_real_user().is_none_or(|n| !n.is_empty()));
        let mut fds = [0 as libc::c_int; 2];
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        assert_eq!(write(fds[1], b"ab").unwrap(), 2);
        let mut buf = [0u8; 8];
        assert_eq!(read(fds[0], &mut buf).unwrap(), 2);
        // A pipe has no window size; a terminal's is read in e2e tests.
        assert_eq!(window_size(fds[0]), None);
        assert_eq!(&buf[..2], b"ab");
        unsafe {
            libc::close(fds[1]);
        }
        assert!(hung_up(fds[0]));
        unsafe {
            libc::close(fds[0]);
        }
    }
}
