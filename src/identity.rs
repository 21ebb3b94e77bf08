//! Who is at the keyboard. Users are the operating system's login names;
//! the name comes from the password database for the real user id, so that
//! setting `$USER` cannot make one person write as another. The
//! environment is only a fallback where the database has no entry (some
//! containers).

use crate::user::UserLogin;

/// The login name of the person running the program (none when the
/// system's name is not one a case file can keep).
pub fn login_name() -> Option<UserLogin> {
    let name = from_passwd().or_else(|| {
        ["USER", "LOGNAME"].iter().find_map(|var| {
            std::env::var(var)
                .ok()
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        })
    })?;
    UserLogin::new(&name).ok()
}

fn from_passwd() -> Option<String> {
    crate::sys::login_of_real_user()
}

#[cfg(test)]
mod tests {
    #[test]
    fn there_is_always_a_name_for_the_test_runner() {
        let n = super::login_name().unwrap();
        assert!(!n.as_str().is_empty());
    }
}
