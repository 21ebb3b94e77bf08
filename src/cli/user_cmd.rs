//! `casenotes user add NAME [--supervisor]` and `casenotes user list`: who
//! is a supervisor. The first supervisor may be added by anyone (someone
//! has to start); after that only a supervisor may add or change users.
//! Login names are printed through `safe_text::for_terminal`: the store
//! refuses control characters in new ones, but not direction marks, and a
//! case file may have been written by something else.

use crate::safe_text::for_terminal;
use crate::service::CaseFile;
use crate::user::{Role, UserLogin};
use std::io::Write;

/// `user add`: returns the exit status.
pub fn add(
    case: &mut CaseFile,
    name: &str,
    supervisor: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let role = if supervisor {
        Role::Supervisor
    } else {
        Role::Practitioner
    };
    let me = case.user().clone();
    let result = (|| -> Result<(bool, UserLogin), String> {
        let name = UserLogin::new(name).map_err(|e| e.to_string())?;
        let users = case.list_users().map_err(|e| e.to_string())?;
        let any_supervisor = users.iter().any(|u| u.role.oversees());
        if any_supervisor && !case.role_of(&me).map_err(|e| e.to_string())?.oversees() {
            return Err(format!(
                "only a supervisor can add or change users, and {} is not one",
                for_terminal(me.as_str())
            ));
        }
        let exists = users.iter().any(|u| u.login == name);
        if exists {
            case.set_role(&name, role).map_err(|e| e.to_string())?;
        } else {
            case.add_user(&name, role).map_err(|e| e.to_string())?;
        }
        Ok((exists, name))
    })();
    match result {
        Ok((existed, name)) => {
            let role = if supervisor {
                "a supervisor"
            } else {
                "a practitioner"
            };
            let verb = if existed { "is now" } else { "added as" };
            writeln!(out, "{} {verb} {role}.", for_terminal(name.as_str()))?;
            Ok(0)
        }
        Err(m) => {
            writeln!(err, "casenotes: {}", for_terminal(&m))?;
            Ok(1)
        }
    }
}

/// `user list`: returns the exit status.
pub fn list(case: &CaseFile, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    match case.list_users() {
        Ok(users) if users.is_empty() => {
            writeln!(
                out,
                "No users are listed yet; everyone is a practitioner. Add a supervisor with: casenotes user add NAME --supervisor"
            )?;
            Ok(0)
        }
        Ok(users) => {
            for u in users {
                writeln!(out, "{:<24} {}", for_terminal(u.login.as_str()), u.role)?;
            }
            Ok(0)
        }
        Err(e) => {
            writeln!(err, "casenotes: {}", for_terminal(&e.to_string()))?;
            Ok(1)
        }
    }
}
