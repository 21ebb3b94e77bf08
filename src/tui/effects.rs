//! Carries out the app's effects against the store and turns the results
//! into messages. No terminal here either: tests drive an `App` and an
//! `Executor` on a temporary case file exactly as the runtime does.

use super::app::{App, Effect, LoadedRecord, Msg};
use super::dialogs::{NewChild, NewFamily};
use super::family::{ChildRow, ChronologyRow, FamilyView, RecordRow};
use super::home::{FamilyRow, ResumeOffer};
use super::record_view::AddendumRow;
use super::resume::Markers;
use crate::form::{Form, FormSet, FormSource, parse_form};
use crate::store::{
    CaseStatus, ChildDetails, FamilyDetails, FamilyFilter, FamilyId, RecordId, RecordStatus, Store,
    StoreError,
};
use chrono::{DateTime, Local, NaiveDate, Utc};
use std::collections::VecDeque;
use std::time::Instant;

/// The store and what the effects need beside it.
pub struct Executor {
    /// The open case file.
    pub store: Store,
    /// The forms in use, for new records.
    pub forms: FormSet,
    /// Where interrupted drafts are noted; `None` keeps no notes.
    pub markers: Option<Markers>,
    /// The last family or record noted as opened in the audit log, so that
    /// reloading a screen does not log another opening.
    last_noted: Option<(i64, Option<i64>)>,
}

/// A time from the store as people read it, in local time.
pub fn local_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local)
        .format("%-d %b %Y %H:%M")
        .to_string()
}

impl Executor {
    /// An executor over an open store.
    pub fn new(store: Store, forms: FormSet, markers: Option<Markers>) -> Executor {
        Executor {
            store,
            forms,
            markers,
            last_noted: None,
        }
    }

    /// Every family, for the home screen.
    pub fn families(&self) -> Result<Vec<FamilyRow>, StoreError> {
        Ok(self
            .store
            .list_families(&FamilyFilter::default())?
            .into_iter()
            .map(|s| FamilyRow {
                id: s.family.id.0,
                reference: s.family.details.reference,
                name: s.family.details.name,
                closed: matches!(s.family.details.status, CaseStatus::Closed(_)),
                cp: s.family.details.child_protection_plan,
                cin: s.family.details.child_in_need,
                lac: s.family.details.looked_after,
                drafts: s.drafts,
                overdue: None,
            })
            .collect())
    }

    fn family_row(&self, id: i64) -> Result<FamilyRow, StoreError> {
        let f = self.store.family(FamilyId(id))?;
        let drafts = self
            .store
            .list_records(FamilyId(id))?
            .iter()
            .filter(|r| r.status == RecordStatus::Draft)
            .count();
        Ok(FamilyRow {
            id,
            reference: f.details.reference,
            name: f.details.name,
            closed: matches!(f.details.status, CaseStatus::Closed(_)),
            cp: f.details.child_protection_plan,
            cin: f.details.child_in_need,
            lac: f.details.looked_after,
            drafts: u32::try_from(drafts).unwrap_or(u32::MAX),
            overdue: None,
        })
    }

    /// One family's screen.
    pub fn family_view(&self, id: i64) -> Result<FamilyView, StoreError> {
        let family = self.family_row(id)?;
        let kids = self.store.children(FamilyId(id))?;
        let name_of = |c: crate::record::ChildId| {
            kids.iter()
                .find(|k| k.id == c)
                .map(|k| k.details.name.clone())
        };
        let children = kids
            .iter()
            .map(|c| {
                let d = &c.details;
                let details = [
                    &d.gender,
                    &d.languages,
                    &d.ethnicity,
                    &d.religion,
                    &d.disability,
                    &d.nationality,
                ]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(" · ");
                ChildRow {
                    id: c.id,
                    name: d.name.clone(),
                    date_of_birth: d.date_of_birth,
                    details,
                }
            })
            .collect();
        let records = self
            .store
            .list_records(FamilyId(id))?
            .into_iter()
            .map(|r| RecordRow {
                id: r.id.0,
                form_title: self
                    .forms
                    .get(&r.form_id)
                    .map_or_else(|| r.form_id.clone(), |f| f.title.clone()),
                event_date: r.event_date,
                draft: r.status == RecordStatus::Draft,
                author: r.author,
                children: r
                    .children
                    .iter()
                    .filter_map(|c| name_of(*c))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect();
        let chronology = self
            .store
            .chronology(FamilyId(id))?
            .into_iter()
            .map(|c| ChronologyRow {
                date: c.entry.date,
                what: c.entry.what_happened,
                child: c.entry.child.and_then(name_of),
                source: c.entry.source,
            })
            .collect();
        Ok(FamilyView {
            family,
            children,
            records,
            chronology,
        })
    }

    /// The form a record was written with: the one in use when it is the
    /// same version and text, else the text kept in the case file.
    fn record_form(&self, form_id: &str, version: u32) -> Result<Form, String> {
        let stored = self
            .store
            .form_definition(form_id, version)
            .map_err(|e| e.to_string())?;
        if let Some(f) = self.forms.get(form_id)
            && f.version == version
            && stored.as_deref().is_none_or(|t| t == f.toml)
        {
            return Ok(f.clone());
        }
        let text = stored.ok_or_else(|| {
            format!("The form {form_id} version {version} of this record is not in the case file.")
        })?;
        parse_form(
            &format!("{form_id} v{version} (kept in the case file)"),
            &text,
            FormSource::File("the case file".into()),
        )
        .map_err(|_| {
            format!("The form {form_id} version {version} kept in the case file cannot be read.")
        })
    }

    /// A record with everything the form and review need.
    pub fn load_record(&self, id: i64) -> Result<LoadedRecord, String> {
        let s = |e: StoreError| e.to_string();
        let r = self.store.record(RecordId(id)).map_err(s)?;
        let form = self.record_form(&r.form_id, r.form_version)?;
        let family = self.store.family(r.family).map_err(s)?;
        let kids = self.store.children(r.family).map_err(s)?;
        let children = r
            .children
            .iter()
            .map(|c| {
                let name = kids
                    .iter()
                    .find(|k| k.id == *c)
                    .map_or_else(|| format!("child {}", c.0), |k| k.details.name.clone());
                (*c, name)
            })
            .collect();
        let addenda = self
            .store
            .addenda(r.id)
            .map_err(s)?
            .into_iter()
            .map(|a| AddendumRow {
                author: a.author,
                at: local_time(a.created_at),
                text: a.text,
            })
            .collect();
        let finalised = match (&r.finalised_by, r.finalised_at) {
            (Some(by), Some(at)) => Some((by.clone(), local_time(at))),
            _ => None,
        };
        Ok(LoadedRecord {
            id,
            family: r.family.0,
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
        })
    }

    /// The most recently updated draft left open by an interrupted session,
    /// if any is still a draft of this user's.
    pub fn resume_offer(&self) -> Option<ResumeOffer> {
        let markers = self.markers.as_ref()?;
        let mut best: Option<(DateTime<Utc>, ResumeOffer)> = None;
        for id in markers.interrupted() {
            let Ok(r) = self.store.record(RecordId(id)) else {
                let _ = markers.closed(id);
                continue;
            };
            if r.status != RecordStatus::Draft || r.author != self.store.user() {
                let _ = markers.closed(id);
                continue;
            }
            if best.as_ref().is_some_and(|(t, _)| *t >= r.updated_at) {
                continue;
            }
            let family = self
                .store
                .family(r.family)
                .map(|f| f.details.name)
                .unwrap_or_default();
            let form_title = self
                .forms
                .get(&r.form_id)
                .map_or_else(|| r.form_id.clone(), |f| f.title.clone());
            best = Some((
                r.updated_at,
                ResumeOffer {
                    record: id,
                    family,
                    form_title,
                },
            ));
        }
        best.map(|b| b.1)
    }

    fn note_opened(&mut self, family: i64, record: Option<i64>) {
        if self.last_noted == Some((family, record)) {
            return;
        }
        self.last_noted = Some((family, record));
        // The audit note is a record of access, not a condition of it: a
        // busy file must not stop someone reading a case.
        let _ = self
            .store
            .note_opened(FamilyId(family), record.map(RecordId));
    }

    fn mark_open(&self, record: i64) {
        if let Some(m) = &self.markers {
            let _ = m.opened(record);
        }
    }

    fn mark_closed(&self, record: i64) {
        if let Some(m) = &self.markers {
            let _ = m.closed(record);
        }
    }

    /// Carries out one effect; returns the messages for the app. `Quit` is
    /// the runtime's to act on and returns nothing.
    pub fn run(&mut self, effect: Effect, today: NaiveDate) -> Vec<Msg> {
        match effect {
            Effect::LoadFamilies => match self.families() {
                Ok(rows) => vec![Msg::Families(rows)],
                Err(e) => vec![Msg::Failed(e.to_string())],
            },
            Effect::OpenFamily(id) => match self.family_view(id) {
                Ok(view) => {
                    self.note_opened(id, None);
                    vec![Msg::Family(view)]
                }
                Err(e) => vec![Msg::Failed(e.to_string())],
            },
            Effect::CreateFamily(f) => self.create_family(&f, today),
            Effect::AddChild { family, child } => self.add_child(family, &child),
            Effect::CreateRecord {
                family,
                form_id,
                children,
            } => {
                let Some(form) = self.forms.get(&form_id) else {
                    return vec![Msg::DialogRefused {
                        field: None,
                        message: format!("Form: there is no form {form_id}"),
                    }];
                };
                let draft = crate::store::RecordDraft {
                    event_date: today,
                    significant: false,
                    children,
                    answers: crate::record::Answers::new(),
                };
                match self.store.create_record(FamilyId(family), form, &draft) {
                    Ok(id) => self.open_record(id.0),
                    Err(e) => vec![Msg::DialogRefused {
                        field: None,
                        message: e.to_string(),
                    }],
                }
            }
            Effect::OpenRecord(id) => self.open_record(id),
            Effect::SaveDraft {
                record,
                expected_revision,
                draft,
            } => match self
                .store
                .save_draft(RecordId(record), expected_revision, &draft)
            {
                Ok(revision) => vec![Msg::Saved { revision }],
                Err(e) => self.after_failed_save(record, e),
            },
            Effect::Finalise {
                record,
                expected_revision,
                draft,
                form,
            } => {
                match self
                    .store
                    .finalise(RecordId(record), expected_revision, &draft, &form, today)
                {
                    Ok(r) => {
                        self.mark_closed(record);
                        let at = r.finalised_at.map(local_time).unwrap_or_default();
                        let by = r.finalised_by.unwrap_or_default();
                        vec![Msg::Finalised {
                            revision: r.revision,
                            by,
                            at,
                        }]
                    }
                    Err(StoreError::Incomplete(c)) => vec![Msg::FinaliseRefused(c)],
                    Err(e) => self.after_failed_save(record, e),
                }
            }
            Effect::AddAddendum { record, text } => {
                match self.store.add_addendum(RecordId(record), &text) {
                    Ok(_) => vec![Msg::AddendumAdded(AddendumRow {
                        author: self.store.user().to_owned(),
                        at: local_time(self.store.now()),
                        text,
                    })],
                    Err(e) => vec![Msg::DialogRefused {
                        field: None,
                        message: e.to_string(),
                    }],
                }
            }
            Effect::FormClosed(id) => {
                self.mark_closed(id);
                Vec::new()
            }
            Effect::Quit => Vec::new(),
        }
    }

    /// A save that could not overwrite: a conflict keeps this person's
    /// text as a new draft of their own; anything else is reported and the
    /// text stays in memory to be saved again.
    fn after_failed_save(&mut self, record: i64, e: StoreError) -> Vec<Msg> {
        match e {
            StoreError::Conflict(c) => match self.store.create_record_from_conflict(&c) {
                Ok(new) => {
                    self.mark_closed(record);
                    self.mark_open(new.0);
                    vec![Msg::SavedAsNew {
                        record: new.0,
                        revision: 1,
                    }]
                }
                Err(e) => vec![Msg::SaveFailed(e.to_string())],
            },
            e => vec![Msg::SaveFailed(e.to_string())],
        }
    }

    fn open_record(&mut self, id: i64) -> Vec<Msg> {
        match self.load_record(id) {
            Ok(r) => {
                self.note_opened(r.family, Some(id));
                if r.draft {
                    self.mark_open(id);
                }
                vec![Msg::Record(Box::new(r))]
            }
            Err(e) => vec![Msg::Failed(e)],
        }
    }

    fn create_family(&mut self, f: &NewFamily, today: NaiveDate) -> Vec<Msg> {
        let mut d = FamilyDetails::new(&f.reference, &f.name, today);
        d.child_protection_plan = f.cp;
        d.child_in_need = f.cin;
        d.looked_after = f.lac;
        match self.store.create_family(&d) {
            Ok(id) => vec![Msg::FamilyCreated(id.0)],
            Err(StoreError::DuplicateReference { reference }) => vec![Msg::DialogRefused {
                field: Some(0),
                message: format!("Reference: another family already has {reference}"),
            }],
            Err(e) => vec![Msg::DialogRefused {
                field: None,
                message: e.to_string(),
            }],
        }
    }

    fn add_child(&mut self, family: i64, c: &NewChild) -> Vec<Msg> {
        let d = ChildDetails {
            name: c.name.clone(),
            date_of_birth: c.date_of_birth,
            gender: c.gender.clone(),
            nationality: c.nationality.clone(),
            ethnicity: c.ethnicity.clone(),
            languages: c.languages.clone(),
            religion: c.religion.clone(),
            disability: c.disability.clone(),
        };
        match self.store.add_child(FamilyId(family), &d) {
            Ok(_) => vec![Msg::ChildAdded(c.name.clone())],
            Err(e) => vec![Msg::DialogRefused {
                field: None,
                message: e.to_string(),
            }],
        }
    }
}

/// Feeds one message to the app and carries out every effect that follows,
/// feeding their results back, until nothing is left. Returns whether the
/// app asked to quit.
pub fn drive(app: &mut App, exec: &mut Executor, msg: Msg, now: Instant) -> bool {
    let mut queue: VecDeque<Effect> = app.update(msg, now).into();
    let mut quit = false;
    // Each effect's results may bring more effects; a bound keeps a bug from
    // looping for ever.
    let mut budget = 64;
    while let Some(effect) = queue.pop_front() {
        budget -= 1;
        if budget == 0 {
            break;
        }
        if matches!(effect, Effect::Quit) {
            quit = true;
            continue;
        }
        for m in exec.run(effect, app.today) {
            queue.extend(app.update(m, now));
        }
    }
    quit
}
