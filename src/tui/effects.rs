//! Carries out the app's effects against the store and turns the results
//! into messages: loading and saving, the due list (worked out after the
//! first frame, never before it), the chronology and its entries, each
//! family's oversight state, and changes to a family's or a child's
//! details. No terminal here either: tests drive an `App` and an
//! `Executor` on a temporary case file exactly as the runtime does.

use super::app::{App, Effect, LoadedRecord, Msg};
use super::chronology_view::ChronologyView;
use super::dialogs::{FamilyEdit, NewEntry, NewFamily, edit_family_field};
use super::family::{ChildRow, ChronologyRow, FamilyView, LastOversight, Oversight, RecordRow};
use super::home::{FamilyRow, ResumeOffer};
use super::resume::Markers;
use crate::chronology::{EntryFacts, RecordFacts as ChronologyFacts, merge};
use crate::config::Config;
use crate::export::Addendum;
use crate::form::FormSet;
use crate::service::{RecoveryDir, Unsaved, WriteJob, WriteOutcome, Writer};
use crate::store::{
    CaseStatus, ChildDetails, FamilyDetails, FamilyFilter, FamilyId, NewChronologyEntry, RecordId,
    RecordStatus, Store, StoreError,
};
use crate::timescale::{
    Calendar, Duties, FamilyFacts, Period, PlanFlags, RecordFacts, Schedule, Urgency, due_items,
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
    last_noted: Option<(FamilyId, Option<RecordId>)>,
    /// The duties and calendar due dates are counted with; read from the
    /// files `due_config` names the first time they are needed unless set.
    due_rules: Option<(Duties, Calendar)>,
    /// The config read at start that names the duties and closures files,
    /// or why it could not be read; the built-in rules unless set.
    due_config: Result<Config, String>,
    /// Where a due list worked out on a thread of its own is sent; `None`
    /// works it out in place (tests, and anything without a loop to wait).
    background: Option<Background>,
    /// The thread that saves drafts; `None` saves in place (tests).
    writer: Option<Writer>,
    /// Where text the case file could not take was kept, to offer back.
    pub recovery: Option<RecoveryDir>,
}

/// The due list worked out beside the interface, on a connection of its
/// own, so a large caseload never holds up typing.
struct Background {
    /// Where results go; the runtime feeds them to the app.
    tx: std::sync::mpsc::Sender<Vec<Msg>>,
    /// The newest request; an older result arriving late is dropped, so a
    /// stale list never replaces a fresher one.
    latest: std::sync::Arc<std::sync::atomic::AtomicU64>,
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
            due_rules: None,
            due_config: Ok(Config::default()),
            background: None,
            writer: None,
            recovery: None,
        }
    }

    /// Whether drafts are saved on the writer thread.
    pub fn saves_in_background(&self) -> bool {
        self.writer.is_some()
    }

    /// Text kept in a recovery file when the case file could not take it,
    /// newest first, offered back before anything else.
    pub fn recovery_offer(&self) -> Option<ResumeOffer> {
        let rec = self.recovery.as_ref()?;
        let (_, r) = rec.list().into_iter().next()?;
        let (family, form_title) = match self.store.record(r.record) {
            Ok(stored) => (
                self.store
                    .family(stored.family)
                    .map(|f| f.details.name)
                    .unwrap_or_default(),
                self.forms
                    .get(&stored.form_id)
                    .map_or_else(|| stored.form_id.clone(), |f| f.title.clone()),
            ),
            Err(_) => (String::new(), format!("record {}", r.record)),
        };
        Some(ResumeOffer {
            record: r.record,
            family,
            form_title,
            recovered: true,
        })
    }

    /// Puts the text of the newest recovery file for `record` back into the
    /// case file: into its draft when nobody has saved it since, else into
    /// a new draft beside it (nothing is overwritten), then opens it.
    fn restore(&mut self, record: RecordId) -> Vec<Msg> {
        let Some(rec) = self.recovery.clone() else {
            return self.open_record(record);
        };
        let Some((path, r)) = rec.list().into_iter().find(|(_, r)| r.record == record) else {
            return self.open_record(record);
        };
        let draft = r.draft();
        let id = record;
        let saved = match self.store.save_draft(id, r.expected_revision, &draft) {
            Ok(_) => Ok(id),
            Err(StoreError::Conflict(c)) => self.store.create_record_from_conflict(&c, &draft),
            // Finalised since: the text becomes a new draft beside it.
            Err(StoreError::Finalised { .. }) => self.store.record(id).and_then(|theirs| {
                self.store.create_record_from_conflict(
                    &crate::store::Conflict {
                        record: id,
                        expected_revision: r.expected_revision,
                        stored_revision: theirs.revision,
                    },
                    &draft,
                )
            }),
            Err(e) => Err(e),
        };
        match saved {
            Ok(now) => {
                if let Err(e) = rec.remove(&path) {
                    let mut out = self.open_record(now);
                    out.push(Msg::Failed(format!(
                        "Your text is back in the draft, but the recovery file could not be \
                         removed ({e}); it may be offered again."
                    )));
                    return out;
                }
                let mut out = self.open_record(now);
                if now != id {
                    out.push(Msg::Failed(format!(
                        "The draft had changed since; your recovered text is kept as a new \
                         draft of your own (record {now}), and the other version is unchanged."
                    )));
                }
                out
            }
            Err(e) => vec![Msg::Failed(format!(
                "Your recovered text is still kept safe; it could not be put back yet: {e}"
            ))],
        }
    }

    /// From now on, save drafts on a writer thread with a connection of its
    /// own; what becomes of each save is sent to `outcomes`, for
    /// [`Executor::on_write`]. Text the case file cannot take goes to
    /// `recovery`.
    pub fn save_in_background(
        &mut self,
        recovery: Option<RecoveryDir>,
        outcomes: std::sync::mpsc::Sender<WriteOutcome>,
    ) -> Result<(), StoreError> {
        let store = self.store.open_another()?;
        self.writer = Some(Writer::start(store, recovery, outcomes));
        Ok(())
    }

    /// Whether the writer has nothing left to save.
    pub fn writes_idle(&self) -> bool {
        self.writer.as_ref().is_none_or(Writer::is_idle)
    }

    /// Waits until `deadline` for the writer to save everything handed to
    /// it; `None` if it did not finish in time, else the drafts whose
    /// newest text is not in the case file (and where it is instead).
    pub fn finish_writes(
        &mut self,
        deadline: Instant,
    ) -> Option<std::collections::HashMap<RecordId, Unsaved>> {
        match &mut self.writer {
            Some(w) => w.finish(deadline),
            None => Some(std::collections::HashMap::new()),
        }
    }

    /// Turns what became of a background save into messages for the app,
    /// noting on the way which drafts are open (the markers are only ever
    /// touched from this thread).
    pub fn on_write(&mut self, outcome: WriteOutcome) -> Vec<Msg> {
        match outcome {
            WriteOutcome::Saved {
                record,
                revision,
                generation,
            } => vec![Msg::Saved {
                record,
                revision,
                generation,
            }],
            WriteOutcome::SavedAsNew {
                old,
                new,
                revision,
                generation,
            } => {
                self.mark_closed(old);
                self.mark_open(new);
                vec![Msg::SavedAsNew {
                    old,
                    record: new,
                    revision,
                    generation,
                }]
            }
            WriteOutcome::Finalised(r) => self.finalised(*r),
            WriteOutcome::FinaliseRefused(c) => vec![Msg::FinaliseRefused(c)],
            WriteOutcome::AddendumDraftSaved { record, generation } => {
                vec![Msg::AddendumDraftSaved { record, generation }]
            }
            WriteOutcome::Waiting { kept, .. } => vec![Msg::SaveWaiting {
                kept: kept.is_some(),
            }],
            WriteOutcome::Failed { error, kept, .. } => vec![Msg::SaveFailed(match kept {
                Some(_) => format!("{error} A copy of your text is kept safe for the next start."),
                None => error,
            })],
        }
    }

    fn finalised(&mut self, r: crate::store::Record) -> Vec<Msg> {
        self.mark_closed(r.id);
        let at = r.finalised_at.map(local_time).unwrap_or_default();
        let by = r.finalised_by.unwrap_or_default();
        vec![Msg::Finalised {
            revision: r.revision,
            by,
            at,
        }]
    }

    /// From now on, work the due list out on a thread of its own and send
    /// the resulting messages here.
    pub fn due_in_background(&mut self, tx: std::sync::mpsc::Sender<Vec<Msg>>) {
        self.background = Some(Background {
            tx,
            latest: std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0)),
        });
    }

    /// Counts due dates with these duties and this calendar (tests, and a
    /// caller that has read the rules already).
    pub fn set_due_rules(&mut self, duties: Duties, cal: Calendar) {
        self.due_rules = Some((duties, cal));
    }

    /// Counts due dates with the duties and closures files this config
    /// (read once, at start) names; `Err` is why it could not be read, which
    /// the due list then reports.
    pub fn set_due_config(&mut self, config: Result<Config, String>) {
        self.due_config = config;
    }

    /// Reads the duties and calendar the config names when they are first
    /// needed, never before the first frame. A file that fails is read
    /// again next time, so a fix is picked up without a restart.
    fn ensure_due_rules(&mut self) -> Result<(), String> {
        if self.due_rules.is_some() {
            return Ok(());
        }
        let config = self.due_config.as_ref().map_err(Clone::clone)?;
        self.due_rules = Some(crate::timescale::load(config)?);
        Ok(())
    }

    /// Whether the person using the program is a supervisor.
    pub fn is_supervisor(&self) -> Result<bool, StoreError> {
        self.store.is_supervisor(self.store.user())
    }

    /// The due list as the due view shows it: the team's for a supervisor,
    /// one's own otherwise (`service::due`, as `casenotes due`).
    fn compute_due(&mut self, today: NaiveDate) -> Vec<Msg> {
        let supervisor = match self.is_supervisor() {
            Ok(s) => s,
            Err(e) => return vec![Msg::DueFailed(e.to_string())],
        };
        let mut out = vec![Msg::Role { supervisor }];
        if let Err(e) = self.ensure_due_rules() {
            out.push(Msg::DueFailed(e));
            return out;
        }
        let Some((duties, cal)) = &self.due_rules else {
            return out;
        };
        if let Some(bg) = &self.background {
            use std::sync::atomic::Ordering;
            let generation = bg.latest.fetch_add(1, Ordering::SeqCst) + 1;
            let latest = std::sync::Arc::clone(&bg.latest);
            let tx = bg.tx.clone();
            // Opened here through SQLite: this process already has the
            // file open, so its path is never looked at again (see
            // `Store::open_another`).
            let another = self.store.open_another();
            let (forms, duties, cal) = (self.forms.clone(), duties.clone(), cal.clone());
            std::thread::spawn(move || {
                let msg = match another {
                    Ok(store) => match crate::service::due::items_for(
                        &store, &forms, &duties, &cal, today, supervisor, false,
                    ) {
                        Ok(items) => Msg::Due { items, supervisor },
                        Err(e) => Msg::DueFailed(e),
                    },
                    Err(e) => Msg::DueFailed(e.to_string()),
                };
                if latest.load(Ordering::SeqCst) == generation {
                    // The loop may have ended meanwhile; nothing to do then.
                    let _ = tx.send(vec![msg]);
                }
            });
            return out;
        }
        out.push(
            match crate::service::due::items_for(
                &self.store,
                &self.forms,
                duties,
                cal,
                today,
                supervisor,
                false,
            ) {
                Ok(items) => Msg::Due { items, supervisor },
                Err(e) => Msg::DueFailed(e),
            },
        );
        out
    }

    /// Every family, for the home screen.
    pub fn families(&self) -> Result<Vec<FamilyRow>, StoreError> {
        Ok(self
            .store
            .list_families(&FamilyFilter::default())?
            .into_iter()
            .map(FamilyRow::from)
            .collect())
    }

    fn family_row(&self, id: FamilyId) -> Result<FamilyRow, StoreError> {
        let f = self.store.family(id)?;
        let drafts = self
            .store
            .list_records(id)?
            .iter()
            .filter(|r| r.status == RecordStatus::Draft)
            .count();
        Ok(FamilyRow::new(
            id,
            f.details,
            u32::try_from(drafts).unwrap_or(u32::MAX),
        ))
    }

    /// One family's screen, with its oversight state as of `today`.
    pub fn family_view(&self, id: FamilyId, today: NaiveDate) -> Result<FamilyView, StoreError> {
        let family = self.family_row(id)?;
        let kids = self.store.children(id)?;
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
        let summaries = self.store.list_records(id)?;
        let oversight = self.oversight(id, &summaries, today)?;
        let records = summaries
            .into_iter()
            .map(|r| RecordRow {
                id: r.id,
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
            .chronology(id)?
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
            oversight,
        })
    }

    /// When oversight was last recorded and whether the management
    /// oversight duty is overdue, worked out by the same rule as the due
    /// list (`due_items` over this family alone, with that duty alone), so
    /// the family screen and the due list never disagree.
    fn oversight(
        &self,
        id: FamilyId,
        records: &[crate::store::RecordSummary],
        today: NaiveDate,
    ) -> Result<Oversight, StoreError> {
        let duty = self.due_rules.as_ref().and_then(|(duties, cal)| {
            duties
                .duties
                .iter()
                .find(|d| d.id == "management_oversight")
                .map(|d| (d, cal))
        });
        let default_forms = [
            "management_oversight".to_owned(),
            "case_supervision".to_owned(),
        ];
        let done_by: &[String] = duty.map_or(&default_forms, |(d, _)| &d.done_by);
        // Only a finalised oversight counts, as in the due list: an empty
        // draft started by a manager is not oversight given.
        let last = records
            .iter()
            .filter(|r| done_by.contains(&r.form_id) && r.status == RecordStatus::Finalised)
            .max_by_key(|r| (r.event_date, r.id))
            .map(|r| LastOversight {
                date: r.event_date,
                by: r.author.clone(),
                what: self
                    .forms
                    .get(&r.form_id)
                    .map_or_else(|| r.form_id.clone(), |f| f.title.clone()),
            });
        let Some((duty, cal)) = duty else {
            return Ok(Oversight {
                last,
                ..Oversight::default()
            });
        };
        let f = self.store.family(id)?;
        let d = f.details;
        let facts = FamilyFacts {
            id,
            reference: d.reference,
            name: d.name,
            active: matches!(d.status, CaseStatus::Active),
            opened: d.opened_on,
            worker: d.allocated_worker,
            flags: PlanFlags {
                child_protection: d.child_protection_plan,
                child_in_need: d.child_in_need,
                looked_after: d.looked_after,
            },
            records: records
                .iter()
                .map(|r| RecordFacts {
                    id: r.id,
                    form_id: r.form_id.clone(),
                    event_date: Some(r.event_date),
                    created: r.event_date,
                    finalised: r.status == RecordStatus::Finalised,
                    significant: r.significant,
                    author: r.author.clone(),
                })
                .collect(),
            chronology_updated: None,
        };
        let only = Duties {
            max_recording_working_days: None,
            duties: vec![duty.clone()],
        };
        let item = due_items(&[facts], &self.forms, &only, cal, today, None)
            .into_iter()
            .find(|i| i.record_id.is_none());
        Ok(Oversight {
            last,
            period: match duty.schedule {
                Schedule::Every(p) => Some(period_words(p)),
                Schedule::After { within, .. } => Some(period_words(within)),
            },
            due: item.as_ref().map(|i| i.due),
            overdue: item.is_some_and(|i| i.urgency == Urgency::Overdue),
        })
    }

    /// A family's chronology: its entries and its finalised significant
    /// records, merged in date order.
    pub fn chronology_view(&self, id: FamilyId) -> Result<ChronologyView, StoreError> {
        let family = self.store.family(id)?;
        let kids = self.store.children(id)?;
        let children: Vec<(crate::record::ChildId, String)> = kids
            .iter()
            .map(|k| (k.id, k.details.name.clone()))
            .collect();
        let entries: Vec<EntryFacts> = self
            .store
            .chronology(id)?
            .into_iter()
            .map(|c| EntryFacts {
                date: c.entry.date,
                child: c.entry.child,
                what_happened: c.entry.what_happened,
                affected: c.entry.impact,
                source: c.entry.source,
                record: c.entry.record,
            })
            .collect();
        // Only finalised significant records are read whole: the rest
        // never reach the chronology.
        let full = self
            .store
            .list_records(id)?
            .into_iter()
            .filter(|r| r.status == RecordStatus::Finalised && r.significant)
            .map(|r| self.store.record(r.id))
            .collect::<Result<Vec<_>, _>>()?;
        let facts: Vec<ChronologyFacts<'_>> = full
            .iter()
            .map(|r| ChronologyFacts {
                id: r.id,
                form_id: &r.form_id,
                event_date: r.event_date,
                finalised: r.status == RecordStatus::Finalised,
                significant: r.significant,
                author: &r.author,
                children: &r.children,
                answers: &r.answers,
            })
            .collect();
        let name = |c: crate::record::ChildId| {
            children
                .iter()
                .find(|(id, _)| *id == c)
                .map_or_else(|| format!("child {}", c.0), |(_, n)| n.clone())
        };
        let rows = merge(&entries, &facts, &self.forms, &name);
        Ok(ChronologyView {
            family: id,
            family_label: format!("{} {}", family.details.reference, family.details.name),
            children,
            rows,
        })
    }

    /// A record with everything the form and review need.
    pub fn load_record(&self, id: RecordId) -> Result<LoadedRecord, String> {
        let s = |e: StoreError| e.to_string();
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
                author: a.author,
                date: local_time(a.created_at),
                text: a.text,
            })
            .collect();
        let addendum_draft = match r.status {
            RecordStatus::Finalised => self.store.addendum_draft(r.id).map_err(s)?,
            RecordStatus::Draft => None,
        };
        let finalised = match (&r.finalised_by, r.finalised_at) {
            (Some(by), Some(at)) => Some((by.clone(), local_time(at))),
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
        })
    }

    /// The most recently updated draft left open by an interrupted session,
    /// if any is still a draft of this user's.
    pub fn resume_offer(&self) -> Option<ResumeOffer> {
        let markers = self.markers.as_ref()?;
        let mut best: Option<(DateTime<Utc>, ResumeOffer)> = None;
        for id in markers.interrupted() {
            let Ok(r) = self.store.record(id) else {
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
                    recovered: false,
                },
            ));
        }
        best.map(|b| b.1)
    }

    fn note_opened(&mut self, family: FamilyId, record: Option<RecordId>) {
        if self.last_noted == Some((family, record)) {
            return;
        }
        self.last_noted = Some((family, record));
        // The audit note is a record of access, not a condition of it: a
        // busy file must not stop someone reading a case, so the writer
        // thread makes it when there is one.
        if let Some(w) = &self.writer {
            w.submit(WriteJob::NoteOpened { family, record });
            return;
        }
        let _ = self.store.note_opened(family, record);
    }

    fn mark_open(&self, record: RecordId) {
        if let Some(m) = &self.markers {
            let _ = m.opened(record);
        }
    }

    fn mark_closed(&self, record: RecordId) {
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
            Effect::OpenFamily(id) => {
                // Without the rules the screen still shows the last
                // oversight, only not whether it is overdue; the due list
                // reports why the rules could not be read.
                let _ = self.ensure_due_rules();
                self.open_family(id, today)
            }
            Effect::CreateFamily(f) => self.create_family(&f, today),
            Effect::AddChild { family, child } => self.add_child(family, &child),
            Effect::EditFamily(id) => match self.store.family(id) {
                Ok(f) => vec![Msg::EditFamily(family_edit(id, &f.details))],
                Err(e) => vec![Msg::Failed(e.to_string())],
            },
            Effect::EditChild(child) => match self.store.child(child) {
                Ok(c) => vec![Msg::EditChild {
                    family: c.family,
                    child,
                    details: c.details,
                }],
                Err(e) => vec![Msg::Failed(e.to_string())],
            },
            Effect::UpdateFamily(edit) => self.update_family(&edit, today),
            Effect::UpdateChild {
                family,
                child,
                details,
            } => match self.store.update_child(child, &details) {
                Ok(()) => vec![Msg::ChildUpdated {
                    family,
                    name: details.name,
                }],
                Err(e) => vec![Msg::DialogRefused {
                    field: None,
                    message: e.to_string(),
                }],
            },
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
                    answers: crate::record::prefilled(form, today, self.store.user()),
                };
                match self.store.create_record(family, form, &draft) {
                    Ok(id) => self.open_record(id),
                    Err(e) => vec![Msg::DialogRefused {
                        field: None,
                        message: e.to_string(),
                    }],
                }
            }
            Effect::OpenRecord(id) => self.open_record(id),
            Effect::RestoreRecovered(id) => self.restore(id),
            Effect::SaveDraft {
                record,
                expected_revision,
                draft,
                generation,
            } => {
                if let Some(w) = &self.writer {
                    w.submit(WriteJob::Save {
                        record,
                        expected_revision,
                        draft,
                        generation,
                    });
                    return Vec::new();
                }
                match self.store.save_draft(record, expected_revision, &draft) {
                    Ok(revision) => vec![Msg::Saved {
                        record,
                        revision,
                        generation,
                    }],
                    Err(e) => self.after_failed_save(record, e, &draft, generation),
                }
            }
            Effect::Finalise {
                record,
                expected_revision,
                draft,
                form,
                generation,
            } => {
                if let Some(w) = &self.writer {
                    w.submit(WriteJob::Finalise {
                        record,
                        expected_revision,
                        draft,
                        generation,
                        form,
                        today,
                    });
                    return Vec::new();
                }
                match self
                    .store
                    .finalise(record, expected_revision, &draft, &form, today)
                {
                    Ok(r) => self.finalised(r),
                    Err(StoreError::Incomplete(c)) => vec![Msg::FinaliseRefused(c)],
                    Err(e) => self.after_failed_save(record, e, &draft, generation),
                }
            }
            Effect::SaveAddendumDraft {
                record,
                text,
                generation,
            } => {
                if let Some(w) = &self.writer {
                    w.submit(WriteJob::AddendumDraft {
                        record,
                        text,
                        generation,
                    });
                    return Vec::new();
                }
                match self.store.save_addendum_draft(record, &text) {
                    Ok(()) => vec![Msg::AddendumDraftSaved { record, generation }],
                    Err(e) => vec![Msg::SaveFailed(e.to_string())],
                }
            }
            Effect::AddAddendum { record, text } => match self.store.add_addendum(record, &text) {
                Ok(_) => vec![Msg::AddendumAdded(Addendum {
                    author: self.store.user().to_owned(),
                    date: local_time(self.store.now()),
                    text,
                })],
                Err(e) => vec![Msg::DialogRefused {
                    field: None,
                    message: e.to_string(),
                }],
            },
            Effect::FormClosed(id) => {
                self.mark_closed(id);
                Vec::new()
            }
            Effect::ComputeDue => self.compute_due(today),
            Effect::OpenChronology(id) => match self.chronology_view(id) {
                Ok(view) => vec![Msg::Chronology(view)],
                Err(e) => vec![Msg::Failed(e.to_string())],
            },
            Effect::AddChronologyEntry(e) => self.add_entry(&e),
            Effect::Quit => Vec::new(),
        }
    }

    /// A save that could not overwrite: a conflict keeps this person's
    /// text as a new draft of their own; anything else is reported and the
    /// text stays in memory to be saved again.
    fn after_failed_save(
        &mut self,
        record: RecordId,
        e: StoreError,
        draft: &crate::store::RecordDraft,
        generation: u64,
    ) -> Vec<Msg> {
        match e {
            StoreError::Conflict(c) => match self.store.create_record_from_conflict(&c, draft) {
                Ok(new) => {
                    self.mark_closed(record);
                    self.mark_open(new);
                    vec![Msg::SavedAsNew {
                        old: record,
                        record: new,
                        revision: 1,
                        generation,
                    }]
                }
                Err(e) => vec![Msg::SaveFailed(e.to_string())],
            },
            e => vec![Msg::SaveFailed(e.to_string())],
        }
    }

    fn open_record(&mut self, id: RecordId) -> Vec<Msg> {
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
        // Whoever opens a case is its worker until it is allocated to
        // someone else, so its duties show in someone's own due list.
        d.allocated_worker = Some(self.store.user().to_owned());
        match self.store.create_family(&d) {
            Ok(id) => vec![Msg::FamilyCreated(id)],
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

    fn open_family(&mut self, id: FamilyId, today: NaiveDate) -> Vec<Msg> {
        match self.family_view(id, today) {
            Ok(view) => {
                self.note_opened(id, None);
                vec![Msg::Family(view)]
            }
            Err(e) => vec![Msg::Failed(e.to_string())],
        }
    }

    fn add_entry(&mut self, e: &NewEntry) -> Vec<Msg> {
        let entry = NewChronologyEntry {
            family: e.family,
            child: e.child,
            date: e.date,
            what_happened: e.what_happened.clone(),
            impact: e.affected.clone(),
            source: e.source.clone(),
            record: None,
        };
        match self.store.add_chronology_entry(&entry) {
            Ok(_) => vec![Msg::ChronologyAdded { family: e.family }],
            Err(e) => vec![Msg::DialogRefused {
                field: None,
                message: e.to_string(),
            }],
        }
    }

    /// Saves a family's edited details over what is stored now; the
    /// opening date is the store's, since the dialog does not change it.
    fn update_family(&mut self, e: &FamilyEdit, today: NaiveDate) -> Vec<Msg> {
        use edit_family_field as field;
        let refuse =
            |field: Option<usize>, message: String| vec![Msg::DialogRefused { field, message }];
        let mut d = match self.store.family(e.family) {
            Ok(f) => f.details,
            Err(err) => return refuse(None, err.to_string()),
        };
        // The dialog checked these against the opening date it was given;
        // checked again here against the stored one, and named, rather
        // than left to the store's general refusal.
        match e.closed_on {
            Some(on) if on < d.opened_on => {
                return refuse(
                    Some(field::CLOSED_ON),
                    format!(
                        "Closing date: is before the case was opened ({})",
                        d.opened_on.format("%Y-%m-%d")
                    ),
                );
            }
            Some(on) if on > today => {
                return refuse(
                    Some(field::CLOSED_ON),
                    "Closing date: is after today".into(),
                );
            }
            _ => {}
        }
        d.reference.clone_from(&e.reference);
        d.name.clone_from(&e.name);
        d.child_protection_plan = e.cp;
        d.child_in_need = e.cin;
        d.looked_after = e.lac;
        d.allocated_worker.clone_from(&e.allocated_worker);
        d.status = e.closed_on.map_or(CaseStatus::Active, CaseStatus::Closed);
        match self.store.update_family(e.family, &d) {
            Ok(()) => vec![Msg::FamilyUpdated {
                family: e.family,
                closed_on: e.closed_on,
            }],
            Err(StoreError::DuplicateReference { reference }) => refuse(
                Some(field::REFERENCE),
                format!("Reference: another family already has {reference}"),
            ),
            Err(err) => refuse(None, err.to_string()),
        }
    }

    fn add_child(&mut self, family: FamilyId, c: &ChildDetails) -> Vec<Msg> {
        match self.store.add_child(family, c) {
            Ok(_) => vec![Msg::ChildAdded(c.name.clone())],
            Err(e) => vec![Msg::DialogRefused {
                field: None,
                message: e.to_string(),
            }],
        }
    }
}

/// A family's stored details as the edit dialog takes them.
fn family_edit(id: FamilyId, d: &FamilyDetails) -> FamilyEdit {
    FamilyEdit {
        family: id,
        reference: d.reference.clone(),
        name: d.name.clone(),
        opened_on: d.opened_on,
        closed_on: match d.status {
            CaseStatus::Active => None,
            CaseStatus::Closed(on) => Some(on),
        },
        cp: d.child_protection_plan,
        cin: d.child_in_need,
        lac: d.looked_after,
        allocated_worker: d.allocated_worker.clone(),
    }
}

/// A period in words for people: "1 month", "10 working days".
fn period_words(p: Period) -> String {
    let (n, one, many) = match p {
        Period::WorkingDays(n) => (n, "working day", "working days"),
        Period::Days(n) => (n, "day", "days"),
        Period::Weeks(n) => (n, "week", "weeks"),
        Period::Months(n) => (n, "month", "months"),
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Feeds one message to the app and carries out every effect that follows,
/// feeding their results back, until nothing is left. Returns whether the
/// app asked to quit.
pub fn drive(app: &mut App, exec: &mut Executor, msg: Msg, now: Instant) -> bool {
    drive_counting(app, exec, msg, now).0
}

/// As [`drive`], also saying how many effects ran, so the runtime knows a
/// tick changed something (a save, the due list arriving) and redraws.
pub fn drive_counting(app: &mut App, exec: &mut Executor, msg: Msg, now: Instant) -> (bool, usize) {
    let mut queue: VecDeque<Effect> = app.update(msg, now).into();
    let mut quit = false;
    let mut ran = 0;
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
        ran += 1;
        for m in exec.run(effect, app.today) {
            queue.extend(app.update(m, now));
        }
    }
    (quit, ran)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn executor(file: &std::path::Path) -> Executor {
        let store = Store::open(file, "worker.a").expect("the store opens");
        Executor::new(store, FormSet::default(), None)
    }

    fn due_failure(msgs: &[Msg]) -> Option<&str> {
        msgs.iter().find_map(|m| match m {
            Msg::DueFailed(why) => Some(why.as_str()),
            _ => None,
        })
    }

    #[test]
    fn the_due_list_uses_the_config_it_was_given() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date");
        let mut exec = executor(&dir.path().join("c.sqlite3"));
        exec.set_due_config(Err("the config file is broken".into()));
        let msgs = exec.run(Effect::ComputeDue, today);
        assert_eq!(due_failure(&msgs), Some("the config file is broken"));

        let missing = dir.path().join("duties.toml");
        exec.set_due_config(Ok(Config {
            duties_file: Some(missing.clone()),
            ..Config::default()
        }));
        let msgs = exec.run(Effect::ComputeDue, today);
        let why = due_failure(&msgs).unwrap_or_default();
        assert!(why.contains(&missing.display().to_string()), "{why}");

        // Given nothing, the built-in rules count. A file of its own: this
        // process must never open one SQLite already has open.
        let mut exec = executor(&dir.path().join("d.sqlite3"));
        let msgs = exec.run(Effect::ComputeDue, today);
        assert_eq!(due_failure(&msgs), None);
        assert!(msgs.iter().any(|m| matches!(m, Msg::Due { .. })));
    }
}
