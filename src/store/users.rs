//! The people who use the file: each one's role and display name (schema
//! step 12, the `user_profile` table beside `users`). A login name not
//! listed is an ordinary practitioner with no display name.

use super::audit::{AuditAction, AuditEntity};
use super::error::StoreError;
use super::open::{Store, Tx};
use super::text::get_instant;
use crate::user::{AsLogin, DisplayName, Role, UserDirectory, UserLogin};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

/// A listed user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// Operating-system login name.
    pub login: UserLogin,
    /// The name people read, when one is set.
    pub name: Option<DisplayName>,
    /// What the user may do.
    pub role: Role,
    /// When the user was added.
    pub added_at: DateTime<Utc>,
}

/// Every column of a user, in the order `user_from_row` reads them.
const USER_COLUMNS: &str = "u.login, p.role, u.is_supervisor, p.display_name, u.added_at
     FROM users u LEFT JOIN user_profile p ON p.user_id = u.id";

/// A role as kept; a file written by something else with no profile row
/// falls back on the old supervisor flag, and an unknown word on the
/// narrowest role.
fn role_from(word: Option<&str>, supervisor: bool) -> Role {
    match word {
        Some(w) => Role::parse(w).unwrap_or(Role::ReadOnly),
        None if supervisor => Role::Supervisor,
        None => Role::Practitioner,
    }
}

fn user_from_row(r: &Row<'_>) -> rusqlite::Result<User> {
    let role: Option<String> = r.get(1)?;
    let name: Option<String> = r.get(3)?;
    Ok(User {
        login: UserLogin::from_file(r.get(0)?),
        role: role_from(role.as_deref(), r.get(2)?),
        // A name the rules would refuse (written by something else) is
        // not shown; the login is shown instead.
        name: name.and_then(|n| DisplayName::new(&n).ok()),
        added_at: get_instant(r, 4)?,
    })
}

/// The role of `login` inside the caller's transaction (an unlisted name
/// is a practitioner).
pub(crate) fn user_role(conn: &Connection, login: &str) -> Result<Role, StoreError> {
    let v: Option<(Option<String>, bool)> = conn
        .prepare_cached(
            "SELECT p.role, u.is_supervisor FROM users u
             LEFT JOIN user_profile p ON p.user_id = u.id WHERE u.login = ?1",
        )?
        .query_row([login], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match v {
        Some((word, supervisor)) => role_from(word.as_deref(), supervisor),
        None => Role::Practitioner,
    })
}

/// Whether `login` oversees others (a supervisor or manager), inside the
/// caller's transaction.
pub(crate) fn user_is_supervisor(conn: &Connection, login: &str) -> Result<bool, StoreError> {
    Ok(user_role(conn, login)?.oversees())
}

/// How many listed users oversee others (the first may be added by
/// anyone; after that only they change users or guarded family details).
pub(crate) fn overseers(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM users u LEFT JOIN user_profile p ON p.user_id = u.id
             WHERE coalesce(p.role IN ('supervisor', 'manager'), u.is_supervisor)",
        )?
        .query_row([], |r| r.get(0))?)
}

impl Tx<'_> {
    /// Refuses, inside the transaction, a write of case content (records,
    /// families, children, people, chronology, actions) by a read-only
    /// user.
    pub(crate) fn require_writer(&self) -> Result<(), StoreError> {
        if user_role(&self.tx, self.user)?.may_write() {
            Ok(())
        } else {
            Err(StoreError::ReadOnlyUser)
        }
    }
}

fn user_id(tx: &Tx<'_>, login: &str) -> Result<i64, StoreError> {
    tx.tx
        .prepare_cached("SELECT id FROM users WHERE login = ?1")?
        .query_row([login], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::UnknownUser {
            login: login.to_owned(),
        })
}

impl Store {
    /// Adds a user with no display name; refuses one already listed.
    pub fn add_user(
        &mut self,
        login: &(impl AsLogin + ?Sized),
        role: Role,
    ) -> Result<(), StoreError> {
        let login: UserLogin = login.to_login()?;
        self.add_user_named(&login, role, None)
    }

    /// Adds a user with a role and, if given, a display name; refuses one
    /// already listed.
    pub fn add_user_named(
        &mut self,
        login: &UserLogin,
        role: Role,
        name: Option<&DisplayName>,
    ) -> Result<(), StoreError> {
        let login = login.as_str();
        self.write(|tx| {
            let exists = tx
                .tx
                .prepare_cached("SELECT 1 FROM users WHERE login = ?1")?
                .query_row([login], |_| Ok(()))
                .optional()?
                .is_some();
            if exists {
                return Err(StoreError::UserExists {
                    login: login.to_owned(),
                });
            }
            tx.tx
                .prepare_cached(
                    "INSERT INTO users (login, is_supervisor, added_at) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![login, role.oversees(), tx.now])?;
            let id = tx.tx.last_insert_rowid();
            tx.tx
                .prepare_cached(
                    "INSERT INTO user_profile (user_id, role, display_name) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![id, role.as_str(), name.map(DisplayName::as_str)])?;
            tx.audit(
                AuditAction::Created,
                AuditEntity::User,
                Some(id),
                None,
                None,
            )
        })
    }

    /// Changes the role of a listed user.
    pub fn set_role(
        &mut self,
        login: &(impl AsLogin + ?Sized),
        role: Role,
    ) -> Result<(), StoreError> {
        let login: UserLogin = login.to_login()?;
        self.write(|tx| {
            let id = user_id(tx, login.as_str())?;
            tx.tx
                .prepare_cached("UPDATE users SET is_supervisor = ?2 WHERE id = ?1")?
                .execute(params![id, role.oversees()])?;
            tx.tx
                .prepare_cached(
                    "INSERT INTO user_profile (user_id, role) VALUES (?1, ?2)
                     ON CONFLICT (user_id) DO UPDATE SET role = excluded.role",
                )?
                .execute(params![id, role.as_str()])?;
            tx.audit(AuditAction::Saved, AuditEntity::User, Some(id), None, None)
        })
    }

    /// Sets (or, with `None`, clears) the display name of a listed user.
    pub fn set_display_name(
        &mut self,
        login: &UserLogin,
        name: Option<&DisplayName>,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            let id = user_id(tx, login.as_str())?;
            let role = user_role(&tx.tx, login.as_str())?;
            tx.tx
                .prepare_cached(
                    "INSERT INTO user_profile (user_id, role, display_name) VALUES (?1, ?2, ?3)
                     ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name",
                )?
                .execute(params![id, role.as_str(), name.map(DisplayName::as_str)])?;
            tx.audit(AuditAction::Saved, AuditEntity::User, Some(id), None, None)
        })
    }

    /// The role of `login` (an unlisted name is a practitioner).
    pub fn role_of(&self, login: &UserLogin) -> Result<Role, StoreError> {
        user_role(&self.conn, login.as_str())
    }

    /// The role of the person using this store.
    pub fn my_role(&self) -> Result<Role, StoreError> {
        self.role_of(self.user())
    }

    /// Whether `login` oversees others: a listed supervisor or manager (an
    /// unlisted name does not).
    pub fn is_supervisor(&self, login: &(impl AsLogin + ?Sized)) -> Result<bool, StoreError> {
        let login: UserLogin = login.to_login()?;
        Ok(self.role_of(&login)?.oversees())
    }

    /// Whether any listed user oversees others yet.
    pub fn has_overseer(&self) -> Result<bool, StoreError> {
        Ok(overseers(&self.conn)? > 0)
    }

    /// Every listed user, by login name.
    pub fn list_users(&self) -> Result<Vec<User>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {USER_COLUMNS} ORDER BY u.login"))?;
        let rows = stmt.query_map([], user_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Who is who, for showing display names in place of logins.
    pub fn user_directory(&self) -> Result<UserDirectory, StoreError> {
        let mut dir = UserDirectory::default();
        for u in self.list_users()? {
            dir.insert(u.login, u.name, u.role);
        }
        Ok(dir)
    }
}
