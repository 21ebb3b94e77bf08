//! Carries out the app's effects against the store and turns the results
//! into messages: loading and saving, the due list (worked out after the
//! first frame, never before it), the chronology and its entries, each
//! family's oversight state, and changes to a family's or a child's
//! details. No terminal here either: tests drive an `App` and an
//! `Executor` on a temporary case file exactly as the runtime does.

use super::app::{App, Effect, Msg};
use super::resume::Markers;
use crate::config::Config;
use crate::record::{FamilyId, RecordId};
use crate::service::StoreError;
use crate::service::{CaseFile, Saved};
use crate::service::{RecoveryDir, WriteJob, Writer};
use crate::timescale::{Calendar, Duties};
use chrono::NaiveDate;
use std::collections::VecDeque;
use std::time::Instant;

mod audit;
mod changes;
use changes::{family_edit, person_saved};
mod due;
mod saving;
mod views;
mod writing;

/// The store and what the effects need beside it.
pub struct Executor {
    /// The open case file and the forms in use.
    pub case: CaseFile,
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
    /// The writing lists in use, for an audit's evidence (standards 3 and
    /// 15); the built-in lists unless set.
    writing_lists: Option<crate::writing::WritingLists>,
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

pub use crate::service::local_time;

impl Executor {
    /// An executor over an open case file.
    pub fn over(case: CaseFile, markers: Option<Markers>) -> Executor {
        Executor {
            case,
            markers,
            last_noted: None,
            due_rules: None,
            due_config: Ok(Config::default()),
            background: None,
            writer: None,
            recovery: None,
            writing_lists: None,
        }
    }

    /// Whether drafts are saved on the writer thread.
    pub fn saves_in_background(&self) -> bool {
        self.writer.is_some()
    }

    /// Whether the person using the program is a supervisor.
    pub fn is_supervisor(&self) -> Result<bool, StoreError> {
        self.case.is_supervisor()
    }

    pub(super) fn note_opened(&mut self, family: FamilyId, record: Option<RecordId>) {
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
        let _ = self.case.note_opened(family, record);
    }

    pub(super) fn mark_open(&self, record: RecordId) {
        if let Some(m) = &self.markers {
            let _ = m.opened(record);
        }
    }

    pub(super) fn mark_closed(&self, record: RecordId) {
        if let Some(m) = &self.markers {
            let _ = m.closed(record);
        }
    }

    /// Carries out one effect; returns the messages for the app. `Quit` is
    /// the runtime's to act on and returns nothing.
    pub fn run(&mut self, effect: Effect, today: NaiveDate) -> Vec<Msg> {
        match effect {
            Effect::SaveWriting(changes) => self.save_writing(&changes),
            Effect::LoadFamilies => match self.families() {
                // The comments change as records are opened; they are read
                // again with the families, which is when the person is back
                // on the screen that shows them.
                Ok(rows) => vec![
                    Msg::Families(rows),
                    Msg::Comments(self.case.unread_comments().unwrap_or_default()),
                ],
                Err(e) => vec![Msg::Failed(e.to_string())],
            },
            Effect::OpenFamily(id) => {
                // Without the rules the screen still shows the last
                // oversight, only not whether it is overdue; the due list
                // reports why the rules could not be read.
                let _ = self.ensure_due_rules();
                self.open_family(id, today)
            }
            Effect::Presence { record, here } => {
                if let Some(w) = &self.writer {
                    w.submit(WriteJob::Presence { record, here });
                } else {
                    // A note for colleagues, not a condition of anything.
                    let _ = self.case.mark_presence(record, here);
                }
                Vec::new()
            }
            Effect::CheckPresence(record) => match self.case.who_else(record) {
                Ok((others, forks)) => vec![Msg::Presence {
                    record,
                    others,
                    forks,
                }],
                // Only a courtesy: a busy or failing read says nothing.
                Err(_) => Vec::new(),
            },
            Effect::AskDiscard(id) => match self.case.draft_to_discard(id) {
                Ok(d) => vec![Msg::DiscardAsked(d)],
                Err(e) => vec![Msg::Failed(e.to_string())],
            },
            Effect::DiscardDraft(id) => self.discard_draft(id),
            Effect::RefreshFamily(id) => match self.case.family_row(id) {
                Ok(row) => vec![Msg::FamilyRow(row)],
                Err(e) => vec![Msg::Failed(e.to_string())],
            },
            Effect::CreateFamily(f) => self.create_family(&f, today),
            Effect::AddChild { family, child } => self.add_child(family, &child),
            Effect::EditFamily(id) => match self.case.family_details(id) {
                Ok(d) => vec![Msg::EditFamily(family_edit(id, &d))],
                Err(e) => vec![Msg::Failed(e.to_string())],
            },
            Effect::EditChild(child) => match self.case.child(child) {
                Ok(c) => vec![Msg::EditChild {
                    family: c.family,
                    child,
                    details: c.details,
                }],
                Err(e) => vec![Msg::Failed(e.to_string())],
            },
            Effect::UpdateFamily(edit) => self.update_family(&edit, today),
            Effect::ExportToFile(request, replace) => {
                use crate::service::export_file::ExportFileError;
                match self.case.export_to_file(
                    request.record,
                    request.child,
                    request.format,
                    &request.path,
                    replace,
                ) {
                    Ok(w) => vec![Msg::ExportWritten(w.path, w.bytes)],
                    Err(ExportFileError::Exists(_)) => vec![Msg::ExportExists(request)],
                    Err(ExportFileError::Failed(message)) => vec![Msg::DialogRefused {
                        field: None,
                        message,
                    }],
                }
            }
            Effect::AddPerson { family, details } => {
                let saved = self.case.add_person(family, &details);
                person_saved(family, &details, saved.map(|_| ()))
            }
            Effect::EditPerson(person) => match self.case.person(person) {
                Ok(p) => vec![Msg::EditPerson {
                    family: p.family,
                    person,
                    details: p.details,
                }],
                Err(e) => vec![Msg::Failed(e.to_string())],
            },
            Effect::UpdatePerson {
                family,
                person,
                details,
            } => {
                let saved = self.case.correct_person(person, &details);
                person_saved(family, &details, saved)
            }
            Effect::UpdateChild {
                family,
                child,
                details,
            } => match self.case.correct_child(child, &details) {
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
            } => match self.start_record(family, &form_id, children, today) {
                Ok(id) => self.open_record(id),
                Err(message) => vec![Msg::DialogRefused {
                    field: None,
                    message,
                }],
            },
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
                match self.case.save_in_place(record, expected_revision, &draft) {
                    Ok(Saved::Revision(revision)) => vec![Msg::Saved {
                        record,
                        revision,
                        generation,
                    }],
                    Ok(Saved::AsNew(new)) => self.kept_as_new(record, new, generation),
                    Err(e) => vec![Msg::SaveFailed(e.to_string())],
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
                    .case
                    .finalise_in_place(record, expected_revision, &draft, &form, today)
                {
                    Ok(r) => self.finalised(r),
                    Err(StoreError::Incomplete(c)) => vec![Msg::FinaliseRefused(c)],
                    Err(StoreError::Conflict(c)) => match self.case.keep_as_new(&c, &draft) {
                        Ok(new) => self.kept_as_new(record, new, generation),
                        Err(e) => vec![Msg::SaveFailed(e.to_string())],
                    },
                    Err(e) => vec![Msg::SaveFailed(e.to_string())],
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
                match self.case.save_addendum_draft(record, &text) {
                    Ok(()) => vec![Msg::AddendumDraftSaved { record, generation }],
                    Err(e) => vec![Msg::SaveFailed(e.to_string())],
                }
            }
            Effect::AddAddendum { record, text } => match self.case.add_addendum(record, &text) {
                Ok(a) => vec![Msg::AddendumAdded(a)],
                Err(e) => vec![Msg::DialogRefused {
                    field: None,
                    message: e.to_string(),
                }],
            },
            Effect::FormClosed(id) => {
                self.mark_closed(id);
                Vec::new()
            }
            Effect::KeepPlace { record, place } => {
                if let Some(w) = &self.writer {
                    w.submit(WriteJob::Place { record, place });
                } else {
                    // Only a convenience: a busy file costs the place, not text.
                    let _ = self.case.keep_place(record, &place);
                }
                Vec::new()
            }
            Effect::ComputeDue => self.compute_due(today, false),
            Effect::ComputeDueList => self.compute_due(today, true),
            Effect::OpenChronology(id) => match self.chronology_view(id) {
                Ok(view) => vec![Msg::Chronology(view)],
                Err(e) => vec![Msg::Failed(e.to_string())],
            },
            Effect::AddChronologyEntry(e) => self.add_entry(&e),
            Effect::OpenRegister(id) => match self.case.register(id) {
                Ok((family_label, actions)) => {
                    vec![Msg::Register(crate::tui::register_view::RegisterView {
                        family: id,
                        family_label,
                        actions,
                    })]
                }
                Err(why) => vec![Msg::Failed(why)],
            },
            Effect::OpenLog => {
                let q = crate::service::audit_log::LogQuery::default();
                match self.case.log_entries(&q) {
                    Ok((view, entries)) => {
                        vec![Msg::Log(crate::tui::log_view::LogData { view, entries })]
                    }
                    Err(e) => vec![Msg::Failed(e.to_string())],
                }
            }
            Effect::Search { scope, words } => match self.case.search(&words, scope) {
                Ok(found) => vec![Msg::Found(found)],
                Err(why) => vec![Msg::SearchFailed(why)],
            },
            Effect::Quit => Vec::new(),
        }
    }
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
        let case = CaseFile::open(file, "worker.a", crate::form::FormSet::default())
            .expect("the case file opens");
        Executor::over(case, None)
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
