//! Who a user is, as types: a checked login name ([`UserLogin`]), the name
//! people read ([`DisplayName`]) and what the person may do ([`Role`]). A
//! login crosses module boundaries as a `UserLogin`, so a display name or
//! a stray piece of text can never be passed where a login is meant. The
//! roles are defined in docs/safety.md ("Who may do what").

use std::collections::HashMap;
use std::fmt;

/// The longest login name kept (the `users` table checks the same).
pub const MAX_LOGIN_CHARS: usize = 64;

/// The longest display name kept.
pub const MAX_NAME_CHARS: usize = 80;

/// A login name that is not one: the sentence names the rule, never the
/// text given (it may be someone's name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UserError {
    /// The login is empty, too long, or holds spaces or control characters.
    #[error("A login name is 1 to 64 characters with no spaces or control characters.")]
    BadLogin,
    /// The display name is empty, too long, or holds control characters.
    #[error("A display name is 1 to 80 characters with no control characters.")]
    BadName,
    /// The role is not one of the four.
    #[error("A role is one of: practitioner, supervisor, manager, read-only.")]
    BadRole,
}

/// An operating-system login name, checked: 1 to 64 characters, with no
/// spaces and no control characters (surrounding spaces are trimmed).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct UserLogin(String);

impl UserLogin {
    /// Checks `login` (trimmed) and keeps it.
    pub fn new(login: &str) -> Result<UserLogin, UserError> {
        let login = login.trim();
        let ok = !login.is_empty()
            && login.chars().count() <= MAX_LOGIN_CHARS
            && !login.chars().any(|c| c.is_control() || c.is_whitespace());
        if ok {
            Ok(UserLogin(login.to_owned()))
        } else {
            Err(UserError::BadLogin)
        }
    }

    /// A login as a case file keeps it, unchecked: a file written by
    /// something else may hold any text, and it must still be listed (shown
    /// only through `safe_text`). Only the store reads logins this way.
    pub fn from_file(login: String) -> UserLogin {
        UserLogin(login)
    }

    /// The login as text (for SQL parameters and comparisons).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UserLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A login reads as text wherever text is wanted (showing it, comparing
/// it); only the other way, text into a login, needs the check.
impl std::ops::Deref for UserLogin {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for UserLogin {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for UserLogin {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for UserLogin {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<UserLogin> for str {
    fn eq(&self, other: &UserLogin) -> bool {
        self == other.0
    }
}

impl PartialEq<UserLogin> for String {
    fn eq(&self, other: &UserLogin) -> bool {
        *self == other.0
    }
}

impl PartialEq<&UserLogin> for String {
    fn eq(&self, other: &&UserLogin) -> bool {
        *self == other.0
    }
}

/// Anything that names a login: a [`UserLogin`], or text checked as one
/// (tests and the demonstration name their users as text). Taken by
/// reference, so the store's `open` and `add_user` read the same whether
/// given `"sam"`, `&login` or `&some_string`.
pub trait AsLogin {
    /// The login, checked.
    fn to_login(&self) -> Result<UserLogin, UserError>;
}

impl AsLogin for UserLogin {
    fn to_login(&self) -> Result<UserLogin, UserError> {
        Ok(self.clone())
    }
}

impl AsLogin for str {
    fn to_login(&self) -> Result<UserLogin, UserError> {
        UserLogin::new(self)
    }
}

impl AsLogin for String {
    fn to_login(&self) -> Result<UserLogin, UserError> {
        UserLogin::new(self)
    }
}

impl<T: AsLogin + ?Sized> AsLogin for &T {
    fn to_login(&self) -> Result<UserLogin, UserError> {
        (**self).to_login()
    }
}

/// The name people read for a user ("Dana Worker"), checked: 1 to 80
/// characters with no control characters (surrounding spaces trimmed).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DisplayName(String);

impl DisplayName {
    /// Checks `name` (trimmed) and keeps it.
    pub fn new(name: &str) -> Result<DisplayName, UserError> {
        let name = name.trim();
        let ok = !name.is_empty()
            && name.chars().count() <= MAX_NAME_CHARS
            && !name.chars().any(char::is_control);
        if ok {
            Ok(DisplayName(name.to_owned()))
        } else {
            Err(UserError::BadName)
        }
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a user may do. An unlisted login is a practitioner.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Role {
    /// Writes records for their own caseload.
    #[default]
    Practitioner,
    /// Sees the team, writes oversight, comments, finalises others' records
    /// and may add or change users.
    Supervisor,
    /// The same rights as a supervisor: the guidance gives line managers
    /// oversight and audit of records (seed 001, "Management oversight";
    /// seed 003, "Management oversight") and says nothing of administering
    /// users, so no right is a manager's alone.
    Manager,
    /// Reads and exports their own caseload's records and can never write.
    ReadOnly,
}

impl Role {
    /// Every role, in the order they are listed.
    pub const ALL: [Role; 4] = [
        Role::Practitioner,
        Role::Supervisor,
        Role::Manager,
        Role::ReadOnly,
    ];

    /// The role's word, as typed on the command line and kept in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Practitioner => "practitioner",
            Role::Supervisor => "supervisor",
            Role::Manager => "manager",
            Role::ReadOnly => "read-only",
        }
    }

    /// Reads a role's word (as `as_str` writes it; case ignored).
    pub fn parse(s: &str) -> Result<Role, UserError> {
        let s = s.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s))
            .ok_or(UserError::BadRole)
    }

    /// Sees the team and oversees others' records (supervisor, manager).
    pub fn oversees(self) -> bool {
        matches!(self, Role::Supervisor | Role::Manager)
    }

    /// May add users and change their names and roles.
    pub fn administers_users(self) -> bool {
        self.oversees()
    }

    /// May write anything at all: every role but read-only.
    pub fn may_write(self) -> bool {
        self != Role::ReadOnly
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who is who in a case file: each listed login's display name and role,
/// so that what people read names people, not logins. A login not listed
/// (or listed without a name) is shown as the login itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserDirectory {
    people: HashMap<String, (Option<DisplayName>, Role)>,
}

impl UserDirectory {
    /// Notes one user.
    pub fn insert(&mut self, login: UserLogin, name: Option<DisplayName>, role: Role) {
        self.people.insert(login.0, (name, role));
    }

    /// The display name of `login`, when one is set.
    pub fn name_of(&self, login: &(impl AsRef<str> + ?Sized)) -> Option<&DisplayName> {
        self.people
            .get(login.as_ref())
            .and_then(|(n, _)| n.as_ref())
    }

    /// The role of `login` (an unlisted login is a practitioner).
    pub fn role_of(&self, login: &(impl AsRef<str> + ?Sized)) -> Role {
        self.people
            .get(login.as_ref())
            .map(|(_, r)| *r)
            .unwrap_or_default()
    }

    /// What a person reads for `login`: the display name, else the login.
    pub fn label(&self, login: &(impl AsRef<str> + ?Sized)) -> String {
        self.name_of(login)
            .map_or_else(|| login.as_ref().to_owned(), |n| n.as_str().to_owned())
    }

    /// The label with the role said when it is not a practitioner's
    /// ("Sam Manager (supervisor)"), so a manager's comment reads as the
    /// manager's.
    pub fn label_with_role(&self, login: &(impl AsRef<str> + ?Sized)) -> String {
        let label = self.label(login);
        match self.role_of(login) {
            Role::Practitioner => label,
            role => format!("{label} ({role})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_checked_and_trimmed() {
        assert_eq!(UserLogin::new(" sam ").unwrap().as_str(), "sam");
        assert_eq!(UserLogin::new(""), Err(UserError::BadLogin));
        assert_eq!(UserLogin::new("a b"), Err(UserError::BadLogin));
        assert_eq!(UserLogin::new("a\u{7}"), Err(UserError::BadLogin));
        assert_eq!(UserLogin::new(&"x".repeat(65)), Err(UserError::BadLogin));
        assert!(UserLogin::new(&"x".repeat(64)).is_ok());
    }

    #[test]
    fn display_names_allow_spaces_but_not_control_characters() {
        assert_eq!(
            DisplayName::new(" Dana Worker ").unwrap().as_str(),
            "Dana Worker"
        );
        assert_eq!(DisplayName::new("  "), Err(UserError::BadName));
        assert_eq!(DisplayName::new("a\nb"), Err(UserError::BadName));
    }

    #[test]
    fn roles_read_back_what_they_write() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Ok(r));
        }
        assert_eq!(Role::parse("READ-ONLY"), Ok(Role::ReadOnly));
        assert_eq!(Role::parse("boss"), Err(UserError::BadRole));
        assert!(Role::Manager.oversees() && Role::Manager.administers_users());
        assert!(!Role::ReadOnly.may_write() && Role::Practitioner.may_write());
    }

    #[test]
    fn the_directory_shows_names_and_falls_back_on_logins() {
        let mut d = UserDirectory::default();
        let sam = UserLogin::new("sam").unwrap();
        d.insert(
            sam,
            Some(DisplayName::new("Sam Manager").unwrap()),
            Role::Supervisor,
        );
        d.insert(UserLogin::new("alex").unwrap(), None, Role::Practitioner);
        assert_eq!(d.label("sam"), "Sam Manager");
        assert_eq!(d.label_with_role("sam"), "Sam Manager (supervisor)");
        assert_eq!(d.label_with_role("alex"), "alex");
        assert_eq!(d.label("nobody"), "nobody");
    }
}
