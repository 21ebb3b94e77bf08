//! The users of a case file as the interfaces use them (issue 14): who may
//! write (a read-only user never does), who may add and change users (a
//! supervisor or manager; anyone while nobody oversees the file yet, so
//! someone can start), and the display names shown in place of logins.
//! The roles are defined in docs/safety.md, "Who may do what".

use super::CaseFile;
use crate::store::StoreError;
use crate::user::{DisplayName, Role, UserDirectory, UserLogin};

pub use crate::store::User;

/// What changing a user did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserChange {
    /// The user was not listed and now is.
    Added,
    /// A listed user's role or name changed.
    Changed,
}

impl CaseFile {
    /// Refuses with a plain sentence when the person using the program is
    /// read-only; every use case that writes case content asks this first
    /// (the store asks again inside its transaction).
    pub fn require_writer(&self) -> Result<(), StoreError> {
        if self.store.my_role()?.may_write() {
            Ok(())
        } else {
            Err(StoreError::ReadOnlyUser)
        }
    }

    /// Whether the person using the program may add and change users: a
    /// supervisor or manager, or anyone while nobody oversees the file.
    pub fn may_administer_users(&self) -> Result<bool, StoreError> {
        Ok(self.store.my_role()?.administers_users() || !self.store.has_overseer()?)
    }

    fn require_user_admin(&self) -> Result<(), StoreError> {
        if self.may_administer_users()? {
            Ok(())
        } else {
            Err(StoreError::NotUserAdmin)
        }
    }

    /// Lists `login` with `role` (a practitioner when not given) and, if
    /// given, a display name; a user already listed gets what is given and
    /// keeps the rest, so naming someone never changes their role.
    pub fn add_or_change_user(
        &mut self,
        login: &UserLogin,
        role: Option<Role>,
        name: Option<&DisplayName>,
    ) -> Result<UserChange, StoreError> {
        self.require_user_admin()?;
        if self.store.list_users()?.iter().any(|u| &u.login == login) {
            if let Some(role) = role {
                self.store.set_role(login, role)?;
            }
            if let Some(n) = name {
                self.store.set_display_name(login, Some(n))?;
            }
            Ok(UserChange::Changed)
        } else {
            self.store
                .add_user_named(login, role.unwrap_or_default(), name)?;
            Ok(UserChange::Added)
        }
    }

    /// Changes what is given of a listed user: the role, the display name
    /// (`Some(None)` clears it), or both.
    pub fn change_user(
        &mut self,
        login: &UserLogin,
        role: Option<Role>,
        name: Option<Option<&DisplayName>>,
    ) -> Result<(), StoreError> {
        self.require_user_admin()?;
        if !self.store.list_users()?.iter().any(|u| &u.login == login) {
            return Err(StoreError::UnknownUser {
                login: login.to_string(),
            });
        }
        if let Some(r) = role {
            self.store.set_role(login, r)?;
        }
        if let Some(n) = name {
            self.store.set_display_name(login, n)?;
        }
        Ok(())
    }

    /// The listed user `login`, if listed.
    pub fn user_named(&self, login: &UserLogin) -> Result<Option<User>, StoreError> {
        Ok(self
            .store
            .list_users()?
            .into_iter()
            .find(|u| &u.login == login))
    }

    /// Who is who, for showing display names in place of logins.
    pub fn user_directory(&self) -> Result<UserDirectory, StoreError> {
        self.store.user_directory()
    }
}
