//! Records as the interfaces open them: a record with everything its form
//! and review need, and the interrupted draft to offer back at start.

use super::case_file::CaseFile;
use crate::export::Addendum;
use crate::form::Form;
use crate::record::{Answers, ChildId};
use crate::store::{FamilyId, RecordId, RecordStatus, StoreError};
use crate::user::UserLogin;
use crate::writing::WritingPrefs;
use chrono::{DateTime, NaiveDate, Utc};

pub use super::clock::local_time;

/// A record loaded from the store, ready to open.
pub struct LoadedRecord {
    /// Its id.
    pub id: RecordId,
    /// Its family.
    pub family: FamilyId,
    /// The revision loaded, for the next save.
    pub revision: i64,
    /// Its own form.
    pub form: Form,
    /// e.g. "FX-0001 Example family".
    pub family_label: String,
    /// The children it is about, with names.
    pub children: Vec<(ChildId, String)>,
    /// Its answers.
    pub answers: Answers,
    /// Still a draft.
    pub draft: bool,
    /// Who wrote it.
    pub author: UserLogin,
    /// The event date stored.
    pub event_date: NaiveDate,
    /// Marked a significant event.
    pub significant: bool,
    /// Who finalised it and when (as shown), once finalised.
    pub finalised: Option<(String, String)>,
    /// Its addenda, oldest first.
    pub addenda: Vec<Addendum>,
    /// An addendum this person began and did not add yet (autosaved).
    pub addendum_draft: Option<String>,
    /// The user's own writing-help words and settings.
    pub writing: WritingPrefs,
    /// The family's people the record does not name as its children (its
    /// other children, parents, carers, professionals), so the writing
    /// help knows how their names are spelled.
    pub people: Vec<crate::writing::Person>,
    /// Where this person was in the draft when they last left it.
    pub place: Option<crate::record::DraftPlace>,
    /// The family's last finalised record of the same form, for a draft
    /// (shown beside it on request).
    pub previous: Option<super::PreviousRecord>,
}

/// An unfinished draft left behind by an interrupted session, offered back.
#[derive(Clone, Debug, PartialEq)]
pub struct ResumeOffer {
    /// The draft.
    pub record: RecordId,
    /// Its family's name.
    pub family: String,
    /// Its form's title.
    pub form_title: String,
    /// The text is in a recovery file (the case file could not take it),
    /// not only in the draft.
    pub recovered: bool,
}

impl CaseFile {
    /// A record with everything the form and review need.
    pub fn load_record(&self, id: RecordId) -> Result<LoadedRecord, String> {
        let s = |e: StoreError| e.to_string();
        if self.store.is_discarded(id).map_err(s)? {
            return Err(s(StoreError::Discarded { record: id }));
        }
        let r = self.store.record(id).map_err(s)?;
        let form = self
            .store
            .form_of(&self.forms, &r.form_id, r.form_version)
            .map_err(s)?;
        let family = self.store.family(r.family).map_err(s)?;
        let children = self.store.record_children(&r).map_err(s)?;
        let addenda = self
            .store
            .addenda(r.id)
            .map_err(s)?
            .into_iter()
            .map(|a| Addendum {
                author: self.with_role(&a.author),
                date: local_time(a.created_at),
                text: a.text,
            })
            .collect();
        let addendum_draft = match r.status {
            RecordStatus::Finalised => self.store.addendum_draft(r.id).map_err(s)?,
            RecordStatus::Draft => None,
        };
        let finalised = match (&r.finalised_by, r.finalised_at) {
            (Some(by), Some(at)) => Some((self.label_of(by.as_str()), local_time(at))),
            _ => None,
        };
        Ok(LoadedRecord {
            id,
            family: r.family,
            revision: r.revision,
            form,
            family_label: format!("{} {}", family.details.reference, family.details.name),
            children,
            answers: r.answers,
            draft: r.status == RecordStatus::Draft,
            author: r.author,
            event_date: r.event_date,
            significant: r.significant,
            finalised,
            addenda,
            addendum_draft,
            // The writing help's words and settings never stop a record
            // opening: unreadable, they are the defaults.
            writing: WritingPrefs {
                own_words: self.store.own_words().unwrap_or_default(),
                off: self.store.writing_off().unwrap_or_default(),
            },
            // Like the writing help's settings, never a reason not to open.
            people: self
                .people_for_writing(r.family, &r.children)
                .unwrap_or_default(),
            // Nor is where they were: without it the draft opens at its start.
            place: match r.status {
                RecordStatus::Draft => self.store.draft_place(id).ok().flatten(),
                RecordStatus::Finalised => None,
            },
            // Nor the earlier record: without it the form says there is none.
            previous: match r.status {
                RecordStatus::Draft => self
                    .previous_record(r.family, &r.form_id, id)
                    .ok()
                    .flatten(),
                RecordStatus::Finalised => None,
            },
        })
    }
}

impl CaseFile {
    /// Of the drafts an interrupted session left open, the most recently
    /// updated that is still a draft of this user's, and those that are no
    /// longer one (finalised, someone else's, gone), to forget.
    pub fn resume_offer(
        &self,
        interrupted: impl IntoIterator<Item = RecordId>,
    ) -> (Option<ResumeOffer>, Vec<RecordId>) {
        let mut stale = Vec::new();
        let mut best: Option<(DateTime<Utc>, ResumeOffer)> = None;
        for id in interrupted {
            let Ok(r) = self.store.record(id) else {
                stale.push(id);
                continue;
            };
            if self.store.is_discarded(id).unwrap_or(false) {
                stale.push(id);
                continue;
            }
            if r.status != RecordStatus::Draft || &r.author != self.store.user() {
                stale.push(id);
                continue;
            }
            if best.as_ref().is_some_and(|(t, _)| *t >= r.updated_at) {
                continue;
            }
            best = Some((
                r.updated_at,
                ResumeOffer {
                    record: id,
                    family: self.family_name(r.family),
                    form_title: self.form_title(&r.form_id),
                    recovered: false,
                },
            ));
        }
        (best.map(|b| b.1), stale)
    }

    /// What to call text kept in a recovery file for `record` when it is
    /// offered back: its family and form, as far as the file still says.
    pub fn recovered_offer(&self, record: RecordId) -> ResumeOffer {
        let (family, form_title) = match self.store.record(record) {
            Ok(stored) => (
                self.family_name(stored.family),
                self.form_title(&stored.form_id),
            ),
            Err(_) => (String::new(), format!("record {record}")),
        };
        ResumeOffer {
            record,
            family,
            form_title,
            recovered: true,
        }
    }

    fn family_name(&self, id: FamilyId) -> String {
        self.store
            .family(id)
            .map(|f| f.details.name)
            .unwrap_or_default()
    }

    /// A form's title, or its id when the form is no longer in use.
    pub fn form_title(&self, form_id: &str) -> String {
        self.forms
            .get(form_id)
            .map_or_else(|| form_id.to_owned(), |f| f.title.clone())
    }
}

/// A comment someone else left on one of this person's records that they
/// have not opened since, for the families screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentNotice {
    /// The record commented on.
    pub record: RecordId,
    /// e.g. "FX-0001 Example family".
    pub family_label: String,
    /// The record's form.
    pub form_title: String,
    /// Who left it, with their role when they are a supervisor.
    pub from: String,
    /// When, as people read it.
    pub when: String,
}

impl CaseFile {
    /// Comments (addenda by someone else) on this person's records that
    /// they have not opened since, newest first.
    pub fn unread_comments(&self) -> Result<Vec<CommentNotice>, StoreError> {
        self.store
            .unread_comments(20)?
            .into_iter()
            .map(|c| {
                let family = self.store.family(c.family)?.details;
                Ok(CommentNotice {
                    record: c.record,
                    family_label: format!("{} {}", family.reference, family.name),
                    form_title: self.form_title(&c.form_id),
                    from: self.with_role(&c.author),
                    when: local_time(c.created_at),
                })
            })
            .collect()
    }

    /// A login as people read it: the display name, else the login.
    pub fn label_of(&self, login: &str) -> String {
        match self.store.user_directory() {
            Ok(who) => who.label(login),
            Err(_) => login.to_owned(),
        }
    }

    /// A login as people read it: the display name (else the login) with
    /// the role said when it is not a practitioner's, so a manager's
    /// comment reads as the manager's ("Sam Manager (supervisor)").
    pub fn with_role(&self, login: &str) -> String {
        match self.store.user_directory() {
            Ok(who) => who.label_with_role(login),
            Err(_) => login.to_owned(),
        }
    }
}

impl CaseFile {
    /// The family's people that a record about `record_children` may
    /// name, besides those children (whom the form knows already): the
    /// family's other children, its parents, carers and relatives, and the
    /// professionals, each with who they are.
    pub fn people_for_writing(
        &self,
        family: FamilyId,
        record_children: &[ChildId],
    ) -> Result<Vec<crate::writing::Person>, StoreError> {
        use crate::writing::Person;
        let mut out: Vec<Person> = self
            .store
            .children(family)?
            .into_iter()
            .filter(|c| !record_children.contains(&c.id))
            .map(|c| Person::new(c.details.name, "a child's name on this family"))
            .collect();
        for p in self.store.people(family)? {
            let who = match p.details.kind {
                crate::store::PersonKind::Professional => "a professional named on this family",
                crate::store::PersonKind::Family => "a family member named on this family",
            };
            out.push(Person::new(p.details.name, who));
        }
        Ok(out)
    }
}
