//! The case file's use cases that the command line asks for (the terminal
//! interface asks the others): checking the file, the users, what is due,
//! the audit log, search, the action register, exports and backups. Each
//! goes through the service function that does the work, so the command
//! line, like the screens, never calls the store itself.

use super::CaseFile;
use super::audit_log::{LogEntry, LogQuery, LogRefusal, LogView};
use super::export::{Format, RecordLine};
use super::search::Outcome;
use crate::store::{
    Action, ChainReport, Family, Hash, RecordId, SchemaReport, SearchScope, StoreError, User,
};
use crate::timescale::{Calendar, DueItem, Duties};
use crate::user::{Role, UserLogin};
use chrono::NaiveDate;
use std::path::Path;

impl CaseFile {
    /// The file's path.
    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// The file's schema version.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.store.schema_version()
    }

    /// How the file's structure differs from what this version makes.
    pub fn schema_report(&self) -> Result<SchemaReport, StoreError> {
        self.store.schema_report()
    }

    /// SQLite's full integrity check.
    pub fn check_integrity(&self) -> Result<(), StoreError> {
        self.store.check_integrity()
    }

    /// The hash chain checked from its start.
    pub fn check_chain(&self) -> Result<ChainReport, StoreError> {
        self.store.check_chain()
    }

    /// The link whose hash is `head`, if the chain still passes through it.
    pub fn chain_link_with(&self, head: &Hash) -> Result<Option<i64>, StoreError> {
        self.store.chain_link_with(head)
    }

    /// Every listed user.
    pub fn list_users(&self) -> Result<Vec<User>, StoreError> {
        self.store.list_users()
    }

    /// The role of `login` (an unlisted login is a practitioner).
    pub fn role_of(&self, login: &UserLogin) -> Result<Role, StoreError> {
        self.store.role_of(login)
    }

    /// Lists a user with a role.
    pub fn add_user(&mut self, login: &UserLogin, role: Role) -> Result<(), StoreError> {
        self.store.add_user(login, role)
    }

    /// Changes the role of a listed user.
    pub fn set_role(&mut self, login: &UserLogin, role: Role) -> Result<(), StoreError> {
        self.store.set_role(login, role)
    }

    /// What is due as of `at`: the team's (`team`, supervisors only) or one's
    /// own; `all` includes later items.
    pub fn due_items_for(
        &self,
        duties: &Duties,
        cal: &Calendar,
        at: NaiveDate,
        team: bool,
        all: bool,
    ) -> Result<Vec<DueItem>, String> {
        super::due::items_for(&self.store, &self.forms, duties, cal, at, team, all)
    }

    /// As [`Self::due_items_for`], kept compact for a long list (a team's
    /// on a large file): see [`crate::timescale::DueList`].
    pub fn due_list_for(
        &self,
        duties: &Duties,
        cal: &Calendar,
        at: NaiveDate,
        team: bool,
        all: bool,
    ) -> Result<crate::timescale::DueList, String> {
        super::due::list_for(&self.store, &self.forms, duties, cal, at, team, all)
    }

    /// The audit log entries this person may read, as asked.
    pub fn log_entries(&self, q: &LogQuery) -> Result<(LogView, Vec<LogEntry>), LogRefusal> {
        super::audit_log::entries(&self.store, q)
    }

    /// The family with this reference, if any.
    pub fn family_by_reference(&self, reference: &str) -> Result<Option<Family>, StoreError> {
        self.store.family_by_reference(reference)
    }

    /// Records matching `words` within `scope` (the search is noted in the
    /// audit log, never the words).
    pub fn search_records(&mut self, words: &str, scope: SearchScope) -> Result<Outcome, String> {
        super::search::search(&mut self.store, &self.forms, words, scope)
    }

    /// A family's action register.
    pub fn register_of(&self, reference: &str) -> Result<(Family, Vec<Action>), String> {
        super::actions::register_of(&self.store, reference)
    }

    /// One record as a document (noted in the audit log).
    pub fn export_record(&mut self, id: RecordId, format: Format) -> Result<String, String> {
        super::export::export_record(&mut self.store, &self.forms, id, format)
    }

    /// One record for one child (noted in the audit log).
    pub fn export_record_for_child(
        &mut self,
        id: RecordId,
        child: &str,
        format: Format,
    ) -> Result<String, String> {
        super::export::export_record_for_child(&mut self.store, &self.forms, id, child, format)
    }

    /// A family's file, or one child's part of it (noted in the audit log).
    pub fn export_family(
        &mut self,
        reference: &str,
        child: Option<&str>,
        format: Format,
    ) -> Result<String, String> {
        super::export::export_family(&mut self.store, &self.forms, reference, child, format)
    }

    /// A family's records with their numbers, for `export`.
    pub fn records_of(&self, reference: &str) -> Result<Vec<RecordLine>, String> {
        super::export::records_of(&self.store, &self.forms, reference)
    }

    /// A copy of the file, made safely while others have it open.
    pub fn backup_to(&mut self, dest: &Path) -> Result<(), String> {
        super::backup::backup(&mut self.store, dest)
    }
}
