//! Who is at the keyboard. Users are the operating system's login names;
//! the name comes from the password database for the real user id, so that
//! setting `$USER` cannot make one person write as another. The
//! environment is only a fallback where the database has no entry (some
//! containers).

/// The login name of the person running the program.
pub fn login_name() -> Option<String> {
    from_passwd().or_else(|| {
        ["USER", "LOGNAME"].iter().find_map(|var| {
            std::env::var(var)
                .ok()
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        })
    })
}

fn from_passwd() -> Option<String> {
    // SAFETY: getpwuid returns null or a pointer into storage that stays
    // valid until the next getpw* call; the name is copied out at once and
    // nothing else in this program calls getpw* concurrently (it runs
    // before any thread is started that could).
    unsafe {
        let pw = libc::getpwuid(libc::getuid());
        if pw.is_null() || (*pw).pw_name.is_null() {
            return None;
        }
        let name = std::ffi::CStr::from_ptr((*pw).pw_name)
            .to_string_lossy()
            .into_owned();
        Some(name).filter(|n| !n.is_empty())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn there_is_always_a_name_for_the_test_runner() {
        let n = super::login_name().unwrap();
        assert!(!n.is_empty());
    }
}
