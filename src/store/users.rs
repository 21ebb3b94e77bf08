//! The people who use the file and whether each is a supervisor. A login
//! name not listed is an ordinary practitioner.

use super::audit::{AuditAction, AuditEntity};
use super::error::StoreError;
use super::open::Store;
use super::text::get_instant;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

/// A listed user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// Operating-system login name.
    pub login: String,
    /// May finalise others' records and oversee the team.
    pub is_supervisor: bool,
    /// When the user was added.
    pub added_at: DateTime<Utc>,
}

/// Whether `login` is a listed supervisor, inside the caller's transaction.
pub(crate) fn user_is_supervisor(conn: &Connection, login: &str) -> Result<bool, StoreError> {
    let v: Option<bool> = conn
        .prepare_cached("SELECT is_supervisor FROM users WHERE login = ?1")?
        .query_row([login], |r| r.get(0))
        .optional()?;
    Ok(v.unwrap_or(false))
}

fn checked_login(login: &str) -> Result<&str, StoreError> {
    let login = login.trim();
    if login.is_empty()
        || login.chars().count() > 64
        || login.chars().any(|c| c.is_control() || c.is_whitespace())
    {
        return Err(StoreError::Invalid(
            "A login name is 1 to 64 characters with no spaces.",
        ));
    }
    Ok(login)
}

impl Store {
    /// Adds a user; refuses one already listed.
    pub fn add_user(&mut self, login: &str, is_supervisor: bool) -> Result<(), StoreError> {
        let login = checked_login(login)?;
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
                .execute(params![login, is_supervisor, tx.now])?;
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

    /// Makes a listed user a supervisor, or not.
    pub fn set_supervisor(&mut self, login: &str, is_supervisor: bool) -> Result<(), StoreError> {
        let login = checked_login(login)?;
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
                .execute(params![id, is_supervisor])?;
            tx.audit(AuditAction::Saved, AuditEntity::User, Some(id), None, None)
        })
    }

    /// Whether `login` is a listed supervisor (an unlisted name is not).
    pub fn is_supervisor(&self, login: &str) -> Result<bool, StoreError> {
        user_is_supervisor(&self.conn, login.trim())
    }

    /// Every listed user, by login name.
    pub fn list_users(&self) -> Result<Vec<User>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT login, is_supervisor, added_at FROM users ORDER BY login")?;
        let rows = stmt.query_map([], |r| {
            Ok(User {
                login: r.get(0)?,
                is_supervisor: r.get(1)?,
                added_at: get_instant(r, 2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
