//! The people who use the file and the role of each. A login name not
//! listed is an ordinary practitioner.

use super::audit::{AuditAction, AuditEntity};
use super::error::StoreError;
use super::open::Store;
use super::text::get_instant;
use crate::user::{Role, UserLogin};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

/// A listed user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// Operating-system login name.
    pub login: UserLogin,
    /// What the user may do.
    pub role: Role,
    /// When the user was added.
    pub added_at: DateTime<Utc>,
}

/// The role of `login` inside the caller's transaction (an unlisted name
/// is a practitioner).
pub(crate) fn user_role(conn: &Connection, login: &str) -> Result<Role, StoreError> {
    let v: Option<bool> = conn
        .prepare_cached("SELECT is_supervisor FROM users WHERE login = ?1")?
        .query_row([login], |r| r.get(0))
        .optional()?;
    Ok(if v.unwrap_or(false) {
        Role::Supervisor
    } else {
        Role::Practitioner
    })
}

/// Whether `login` oversees others (a supervisor or manager), inside the
/// caller's transaction.
pub(crate) fn user_is_supervisor(conn: &Connection, login: &str) -> Result<bool, StoreError> {
    Ok(user_role(conn, login)?.oversees())
}

impl Store {
    /// Adds a user; refuses one already listed.
    pub fn add_user<L>(&mut self, login: L, role: Role) -> Result<(), StoreError>
    where
        L: TryInto<UserLogin>,
        StoreError: From<L::Error>,
    {
        let login: UserLogin = login.try_into()?;
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
    pub fn set_role<L>(&mut self, login: L, role: Role) -> Result<(), StoreError>
    where
        L: TryInto<UserLogin>,
        StoreError: From<L::Error>,
    {
        let login: UserLogin = login.try_into()?;
        let login = login.as_str();
        self.write(|tx| {
            let id: i64 = tx
                .tx
                .prepare_cached("SELECT id FROM users WHERE login = ?1")?
                .query_row([login], |r| r.get(0))
                .optional()?
                .ok_or_else(|| StoreError::UnknownUser {
                    login: login.to_owned(),
                })?;
            tx.tx
                .prepare_cached("UPDATE users SET is_supervisor = ?2 WHERE id = ?1")?
                .execute(params![id, role.oversees()])?;
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
    pub fn is_supervisor<L>(&self, login: L) -> Result<bool, StoreError>
    where
        L: TryInto<UserLogin>,
        StoreError: From<L::Error>,
    {
        let login: UserLogin = login.try_into()?;
        Ok(self.role_of(&login)?.oversees())
    }

    /// Every listed user, by login name.
    pub fn list_users(&self) -> Result<Vec<User>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT login, is_supervisor, added_at FROM users ORDER BY login")?;
        let rows = stmt.query_map([], |r| {
            let supervisor: bool = r.get(1)?;
            Ok(User {
                login: UserLogin::from_file(r.get(0)?),
                role: if supervisor {
                    Role::Supervisor
                } else {
                    Role::Practitioner
                },
                added_at: get_instant(r, 2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
