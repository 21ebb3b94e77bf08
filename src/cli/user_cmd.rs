//! `casenotes user add LOGIN [--name NAME] [--role ROLE]`, `casenotes user
//! set LOGIN ...` and `casenotes users`: who uses the file, by what name,
//! in which role. The first supervisor or manager may be added by anyone
//! (someone has to start); after that only a supervisor or manager may add
//! or change users (the rule is in `service/users.rs`). Logins and names
//! are printed through `safe_text::for_terminal`: the rules refuse control
//! characters in new ones, but not direction marks, and a case file may
//! have been written by something else.

use crate::safe_text::for_terminal;
use crate::service::users::{User, UserChange};
use crate::service::{CaseFile, StoreError};
use crate::user::{DisplayName, Role, UserLogin};
use std::io::Write;

/// What `user add` and `user set` were given, as typed. Checked here
/// rather than by clap, whose refusal would echo the text as typed,
/// control characters and all.
pub struct UserArgs {
    /// The login.
    pub login: String,
    /// `--name`.
    pub name: Option<String>,
    /// `--role`.
    pub role: Option<String>,
    /// `--supervisor` (the same as `--role supervisor`).
    pub supervisor: bool,
}

/// The arguments checked: the login, the role if given, the name if given.
type Checked = (UserLogin, Option<Role>, Option<DisplayName>);

fn checked(args: &UserArgs) -> Result<Checked, String> {
    let login = UserLogin::new(&args.login).map_err(|e| e.to_string())?;
    let role = match (&args.role, args.supervisor) {
        (Some(r), _) => Some(Role::parse(r).map_err(|e| e.to_string())?),
        (None, true) => Some(Role::Supervisor),
        (None, false) => None,
    };
    let name = args
        .name
        .as_deref()
        .map(DisplayName::new)
        .transpose()
        .map_err(|e| e.to_string())?;
    Ok((login, role, name))
}

/// The role as a sentence ends: "a practitioner", "a read-only user".
fn with_article(role: Role) -> &'static str {
    match role {
        Role::Practitioner => "a practitioner",
        Role::Supervisor => "a supervisor",
        Role::Manager => "a manager",
        Role::ReadOnly => "a read-only user",
    }
}

fn refused(e: &StoreError, me: &UserLogin, err: &mut dyn Write) -> std::io::Result<i32> {
    let m = match e {
        StoreError::NotUserAdmin => format!(
            "only a supervisor or manager can add or change users, and {} is not one",
            for_terminal(me.as_str())
        ),
        e => for_terminal(&e.to_string()).into_owned(),
    };
    writeln!(err, "casenotes: {m}")?;
    Ok(1)
}

/// `user add`: returns the exit status.
pub fn add(
    case: &mut CaseFile,
    args: &UserArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let me = case.user().clone();
    let (login, role, name) = match checked(args) {
        Ok(c) => c,
        Err(m) => {
            writeln!(err, "casenotes: {m}")?;
            return Ok(1);
        }
    };
    let (login, name) = (&login, name.as_ref());
    match case.add_or_change_user(login, role, name) {
        Ok(change) => {
            let verb = match change {
                UserChange::Added => "added as",
                UserChange::Changed => "is now",
            };
            // The role as it now is (kept, for a listed user given none).
            let role = with_article(case.role_of(login).unwrap_or(role.unwrap_or_default()));
            match name {
                Some(n) => writeln!(
                    out,
                    "{} ({}) {verb} {role}.",
                    for_terminal(login.as_str()),
                    for_terminal(n.as_str())
                )?,
                None => writeln!(out, "{} {verb} {role}.", for_terminal(login.as_str()))?,
            }
            Ok(0)
        }
        Err(e) => refused(&e, &me, err),
    }
}

/// `user set` (`no_name`: remove the display name): returns the exit
/// status.
pub fn set(
    case: &mut CaseFile,
    args: &UserArgs,
    no_name: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let me = case.user().clone();
    let (login, role, name) = match checked(args) {
        Ok(c) => c,
        Err(m) => {
            writeln!(err, "casenotes: {m}")?;
            return Ok(1);
        }
    };
    let login = &login;
    let name = if no_name {
        Some(None)
    } else {
        name.as_ref().map(Some)
    };
    if role.is_none() && name.is_none() {
        writeln!(
            err,
            "casenotes: say what to change: --name NAME, --no-name or --role ROLE"
        )?;
        return Ok(1);
    }
    if let Err(e) = case.change_user(login, role, name) {
        return refused(&e, &me, err);
    }
    match case.user_named(login) {
        Ok(Some(u)) => {
            writeln!(out, "{}", line(&u))?;
            Ok(0)
        }
        Ok(None) => Ok(0),
        Err(e) => refused(&e, &me, err),
    }
}

/// One user as `users` lists them: login, role, display name.
fn line(u: &User) -> String {
    let name = u
        .name
        .as_ref()
        .map_or_else(String::new, |n| for_terminal(n.as_str()).into_owned());
    format!(
        "{:<24} {:<13} {name}",
        for_terminal(u.login.as_str()),
        u.role.as_str()
    )
    .trim_end()
    .to_owned()
}

/// `users` (and `user list`): returns the exit status.
pub fn list(case: &CaseFile, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    match case.list_users() {
        Ok(users) if users.is_empty() => {
            writeln!(
                out,
                "No users are listed yet; everyone is a practitioner. Add a supervisor with: casenotes user add LOGIN --name NAME --role supervisor"
            )?;
            Ok(0)
        }
        Ok(users) => {
            for u in users {
                writeln!(out, "{}", line(&u))?;
            }
            Ok(0)
        }
        Err(e) => {
            writeln!(err, "casenotes: {}", for_terminal(&e.to_string()))?;
            Ok(1)
        }
    }
}
