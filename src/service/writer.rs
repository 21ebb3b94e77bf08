//! The writer: a thread that owns the write connection and saves drafts, so
//! that the interface hands over the newest text and never waits for the
//! disk or for a colleague's write lock.
//!
//! Coalescing: one save in progress and, per record, only the newest text
//! waiting behind it; an older waiting save is replaced, never queued. A
//! save that meets a held lock is retried here, with the newest text; when
//! the text cannot reach the case file soon, it is written to a recovery
//! file first, and the interface is told where it is once the wait lasts
//! (`QUIET_WAIT`), or at once if no recovery file could be written.

use super::recovery::RecoveryDir;
pub use super::write_outcome::WriteOutcome;
use super::writer_log::{log_outcome, millis};
use crate::form::Form;
use crate::store::{Conflict, FamilyId, RecordDraft, RecordId, Store, StoreError};
use chrono::NaiveDate;
use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Writes one note (an opening, a presence) on the writer's connection.
type NoteWrite<'a> = dyn Fn(&mut Store) -> Result<(), StoreError> + 'a;

/// How long one attempt waits for another writer's lock before the text is
/// put in a recovery file and the attempt is made again. Short, because the
/// promise is at most a second of typing lost.
const LOCK_WAIT: Duration = Duration::from_millis(750);
/// The longest pause between attempts while the file stays busy.
const MAX_BACKOFF: Duration = Duration::from_millis(500);
/// How long a save may wait for a busy file before the person is told,
/// while its text is safe in a recovery file. A team of hundreds on one
/// file makes short waits (issue 12's load bench); a message about each
/// would alarm people over nothing. Text that could not be kept safe is
/// reported at once.
const QUIET_WAIT: Duration = Duration::from_secs(3);

/// Work for the writer.
pub enum WriteJob {
    /// Save a draft's text.
    Save {
        /// The draft.
        record: RecordId,
        /// The revision the interface last knew.
        expected_revision: i64,
        /// The text.
        draft: RecordDraft,
        /// Which edit of the draft this text is.
        generation: u64,
    },
    /// Save and finalise a draft.
    Finalise {
        /// The draft.
        record: RecordId,
        /// The revision the interface last knew.
        expected_revision: i64,
        /// The text.
        draft: RecordDraft,
        /// Which edit of the draft this text is.
        generation: u64,
        /// The record's own form.
        form: Box<Form>,
        /// Today, for the date rules.
        today: NaiveDate,
    },
    /// Note in the audit log that a family or record was opened. Beside
    /// the interface, because a busy file must never stop someone reading
    /// a case; retried while the file is busy, so the note is not lost.
    NoteOpened {
        /// The family.
        family: FamilyId,
        /// The record, if one was opened.
        record: Option<RecordId>,
    },
    /// Say that this person has a draft open now (`here`), or has left it:
    /// a note for colleagues, made beside the interface like `NoteOpened`
    /// and given up after a few seconds of a busy file (the next refresh
    /// makes it again).
    Presence {
        /// The draft.
        record: RecordId,
        /// Open now, or left.
        here: bool,
    },
    /// Keep where this person is in a draft (the field and cursor line),
    /// for reopening it there: a note like `Presence`, given up after a
    /// few seconds of a busy file (the next leaving makes it again).
    Place {
        /// The draft.
        record: RecordId,
        /// Where.
        place: crate::record::DraftPlace,
    },
    /// Autosave an addendum being written to a finalised record.
    AddendumDraft {
        /// The finalised record.
        record: RecordId,
        /// The text so far (empty removes the draft).
        text: String,
        /// Which edit of the addendum this text is.
        generation: u64,
    },
}

impl WriteJob {
    fn record(&self) -> RecordId {
        match self {
            WriteJob::Save { record, .. }
            | WriteJob::Finalise { record, .. }
            | WriteJob::AddendumDraft { record, .. } => *record,
            // Never compared with a draft's: see `superseded_by`.
            WriteJob::NoteOpened { record, .. } => record.unwrap_or(RecordId(0)),
            WriteJob::Presence { record, .. } | WriteJob::Place { record, .. } => *record,
        }
    }

    fn generation(&self) -> u64 {
        match self {
            WriteJob::Save { generation, .. }
            | WriteJob::Finalise { generation, .. }
            | WriteJob::AddendumDraft { generation, .. } => *generation,
            WriteJob::NoteOpened { .. } | WriteJob::Presence { .. } | WriteJob::Place { .. } => 0,
        }
    }

    /// Whether a newer job makes this one pointless: the same kind of
    /// autosave of the same thing.
    fn superseded_by(&self, newer: &WriteJob) -> bool {
        self.record() == newer.record()
            && matches!(
                (self, newer),
                (WriteJob::Save { .. }, WriteJob::Save { .. })
                    | (WriteJob::Place { .. }, WriteJob::Place { .. })
                    | (
                        WriteJob::AddendumDraft { .. },
                        WriteJob::AddendumDraft { .. }
                    )
            )
    }
}

/// How the last job for a record ended, for an honest exit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unsaved {
    /// The text is in a recovery file.
    Kept(PathBuf),
    /// Neither the case file nor a recovery file could take it.
    Lost,
}

#[derive(Default)]
struct Queue {
    jobs: VecDeque<WriteJob>,
    working: bool,
    stop: bool,
    /// Records whose newest job did not reach the case file.
    unsaved: HashMap<RecordId, Unsaved>,
}

struct Shared {
    queue: Mutex<Queue>,
    /// Wakes the writer when a job arrives or it is told to stop.
    work: Condvar,
    /// Wakes whoever waits for the writer to finish its queue.
    idle: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        // A poisoned lock means the writer panicked mid-job; the queue is
        // still consistent (every change to it is a single step).
        self.queue.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The handle the interface keeps: hand over jobs, and at the end wait for
/// the queue to empty.
pub struct Writer {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Writer {
    /// Starts the writer on `store` (a connection of its own, from
    /// [`Store::open_another`]). Outcomes are sent to `outcomes`.
    pub fn start(
        mut store: Store,
        recovery: Option<RecoveryDir>,
        outcomes: Sender<WriteOutcome>,
    ) -> Writer {
        store.set_busy_timeout(LOCK_WAIT);
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            work: Condvar::new(),
            idle: Condvar::new(),
        });
        let worker = Worker {
            store,
            recovery,
            outcomes,
            shared: Arc::clone(&shared),
            follow: HashMap::new(),
        };
        let thread = std::thread::Builder::new()
            .name("casenotes-writer".into())
            .spawn(move || worker.run())
            .ok();
        Writer { shared, thread }
    }

    /// Hands over a job. A save replaces any save of the same record still
    /// waiting; a finalise waits behind what is there.
    pub fn submit(&self, job: WriteJob) {
        let mut q = self.shared.lock();
        q.jobs.retain(|j| !j.superseded_by(&job));
        q.jobs.push_back(job);
        drop(q);
        self.shared.work.notify_one();
    }

    /// Whether nothing is waiting or being saved.
    pub fn is_idle(&self) -> bool {
        let q = self.shared.lock();
        q.jobs.is_empty() && !q.working
    }

    /// Stops taking work once the queue is empty and waits for that until
    /// `deadline`. Returns `None` if the queue did not empty in time, else
    /// the records whose newest text did not reach the case file.
    pub fn finish(&mut self, deadline: Instant) -> Option<HashMap<RecordId, Unsaved>> {
        let mut q = self.shared.lock();
        q.stop = true;
        self.shared.work.notify_one();
        while !q.jobs.is_empty() || q.working {
            let now = Instant::now();
            if now >= deadline {
                return None;
            }
            q = self
                .shared
                .idle
                .wait_timeout(q, deadline - now)
                .map(|(g, _)| g)
                .unwrap_or_else(|p| p.into_inner().0);
        }
        let unsaved = std::mem::take(&mut q.unsaved);
        drop(q);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        Some(unsaved)
    }
}

struct Worker {
    store: Store,
    recovery: Option<RecoveryDir>,
    outcomes: Sender<WriteOutcome>,
    shared: Arc<Shared>,
    /// Where a draft went after this writer saved it: (record, revision the
    /// interface had) to (record, revision now). A job handed over before
    /// the interface heard of an earlier save still names the old revision;
    /// it is this writer's own save, so the job follows it rather than
    /// being taken for someone else's.
    follow: HashMap<(RecordId, i64), (RecordId, i64)>,
}

enum Attempt {
    Done(WriteOutcome),
    Busy,
    Failed(String),
}

impl Worker {
    fn run(mut self) {
        loop {
            let mut job = {
                let mut q = self.shared.lock();
                loop {
                    if let Some(j) = q.jobs.pop_front() {
                        q.working = true;
                        break j;
                    }
                    if q.stop {
                        return;
                    }
                    q = self.shared.work.wait(q).unwrap_or_else(|p| p.into_inner());
                }
            };
            if self.write_note(&job) {
                self.done_with_job();
                continue;
            }
            let mut kept: Option<PathBuf> = None;
            let mut told = false;
            let mut backoff = Duration::from_millis(25);
            let started = Instant::now();
            loop {
                match self.attempt(&job) {
                    Attempt::Done(outcome) => {
                        self.succeeded(&job);
                        log_outcome(&outcome, started);
                        let _ = self.outcomes.send(outcome);
                        break;
                    }
                    Attempt::Busy => {
                        if kept.is_none() {
                            kept = self.keep(&job);
                            tracing::warn!(
                                record = job.record().0,
                                kept = kept.is_some(),
                                "case file busy; text put in a recovery file"
                            );
                        }
                        if !told && (kept.is_none() || started.elapsed() >= QUIET_WAIT) {
                            told = true;
                            let _ = self.outcomes.send(WriteOutcome::Waiting {
                                record: job.record(),
                                kept: kept.clone(),
                            });
                        }
                        self.note_unsaved(&job, kept.clone());
                        std::thread::sleep(backoff);
                        backoff = (backoff * 2).min(MAX_BACKOFF);
                        // Newer text for the same draft replaces this one,
                        // in the recovery file too.
                        if let Some(newer) = self.take_newer(&job) {
                            job = newer;
                            if kept.is_some() {
                                kept = self.keep(&job);
                            }
                        }
                    }
                    Attempt::Failed(error) => {
                        let kept = self.keep(&job);
                        // The sentence may name a path: only the fact.
                        tracing::warn!(
                            record = job.record().0,
                            kept = kept.is_some(),
                            ms = millis(started),
                            "save failed"
                        );
                        self.note_unsaved(&job, kept.clone());
                        let _ = self.outcomes.send(WriteOutcome::Failed {
                            record: job.record(),
                            generation: job.generation(),
                            error,
                            kept,
                        });
                        break;
                    }
                }
            }
            self.done_with_job();
        }
    }

    fn done_with_job(&self) {
        let mut q = self.shared.lock();
        q.working = false;
        drop(q);
        self.shared.idle.notify_all();
    }

    /// Writes an opening to the audit log, waiting out a busy file for up
    /// to half a minute; after that (or any other failure) the note is
    /// given up, as reading the case must not depend on it.
    /// Writes a note (an opening for the audit log, a presence) if `job`
    /// is one, and says whether it was. A note is tried again while the
    /// file is busy, for as long as it is worth (an opening for half a
    /// minute, so the log is complete; a presence for a few seconds, as
    /// the next refresh makes it again), then given up; it is never kept
    /// in a recovery file.
    fn write_note(&mut self, job: &WriteJob) -> bool {
        let (patience, write): (Duration, &NoteWrite<'_>) = match job {
            WriteJob::NoteOpened { family, record } => (Duration::from_secs(30), &|s| {
                s.note_opened(*family, *record)
            }),
            WriteJob::Presence { record, here: true } => {
                (Duration::from_secs(5), &|s| s.mark_here(*record))
            }
            WriteJob::Presence {
                record,
                here: false,
            } => (Duration::from_secs(5), &|s| s.mark_gone(*record)),
            WriteJob::Place { record, place } => (Duration::from_secs(5), &|s| {
                s.set_draft_place(*record, place)
            }),
            _ => return false,
        };
        let until = std::time::Instant::now() + patience;
        let mut backoff = Duration::from_millis(25);
        while let Err(StoreError::Busy) = write(&mut self.store) {
            if std::time::Instant::now() >= until {
                break;
            }
            std::thread::sleep(backoff);
            backoff = (backoff * 2).min(MAX_BACKOFF);
        }
        true
    }

    /// A waiting save of the same draft, taken out of the queue.
    fn take_newer(&self, job: &WriteJob) -> Option<WriteJob> {
        let mut q = self.shared.lock();
        let at = q
            .jobs
            .iter()
            .position(|j| job.superseded_by(j) && j.generation() >= job.generation())?;
        q.jobs.remove(at)
    }

    fn keep(&self, job: &WriteJob) -> Option<PathBuf> {
        let rec = self.recovery.as_ref()?;
        let (record, expected, draft) = match job {
            WriteJob::Save {
                record,
                expected_revision,
                draft,
                ..
            }
            | WriteJob::Finalise {
                record,
                expected_revision,
                draft,
                ..
            } => (*record, *expected_revision, draft),
            // Kept in the case file itself, beside the record; a recovery
            // file holds record drafts only.
            WriteJob::AddendumDraft { .. }
            | WriteJob::NoteOpened { .. }
            | WriteJob::Presence { .. }
            | WriteJob::Place { .. } => return None,
        };
        rec.keep(record, expected, job.generation(), draft).ok()
    }

    fn note_unsaved(&self, job: &WriteJob, kept: Option<PathBuf>) {
        let mut q = self.shared.lock();
        q.unsaved
            .insert(job.record(), kept.map_or(Unsaved::Lost, Unsaved::Kept));
    }

    fn succeeded(&self, job: &WriteJob) {
        let mut q = self.shared.lock();
        q.unsaved.remove(&job.record());
        drop(q);
        if let Some(rec) = &self.recovery {
            rec.discard(job.record(), job.generation());
        }
    }

    /// The draft and revision a job should be saved against, following this
    /// writer's own earlier saves.
    fn target(&self, record: RecordId, expected: i64) -> (RecordId, i64) {
        let mut at = (record, expected);
        // Each step is a save this writer made; the bound only guards
        // against a cycle, which revisions (always rising) cannot make.
        for _ in 0..1024 {
            match self.follow.get(&at) {
                Some(next) if *next != at => at = *next,
                _ => break,
            }
        }
        at
    }

    fn attempt(&mut self, job: &WriteJob) -> Attempt {
        match job {
            WriteJob::Save {
                record,
                expected_revision,
                draft,
                generation,
            } => {
                let (id, expected) = self.target(*record, *expected_revision);
                match self.store.save_draft(id, expected, draft) {
                    Ok(revision) => {
                        self.moved(
                            (*record, *expected_revision),
                            (id, expected),
                            (id, revision),
                        );
                        // `id` differs from `record` only when an earlier
                        // job already moved the text to a new draft, and
                        // the interface was told of that move then.
                        Attempt::Done(WriteOutcome::Saved {
                            record: id,
                            revision,
                            generation: *generation,
                        })
                    }
                    Err(e) => self.after_error(e, *record, *expected_revision, draft, *generation),
                }
            }
            WriteJob::Finalise {
                record,
                expected_revision,
                draft,
                generation,
                form,
                today,
            } => {
                let (id, expected) = self.target(*record, *expected_revision);
                match self.store.finalise(id, expected, draft, form, *today) {
                    Ok(r) => {
                        self.moved(
                            (*record, *expected_revision),
                            (id, expected),
                            (id, r.revision),
                        );
                        Attempt::Done(WriteOutcome::Finalised(Box::new(r)))
                    }
                    Err(StoreError::Incomplete(c)) => {
                        Attempt::Done(WriteOutcome::FinaliseRefused(c))
                    }
                    Err(e) => self.after_error(e, *record, *expected_revision, draft, *generation),
                }
            }
            WriteJob::AddendumDraft {
                record,
                text,
                generation,
            } => match self.store.save_addendum_draft(*record, text) {
                Ok(()) => Attempt::Done(WriteOutcome::AddendumDraftSaved {
                    record: *record,
                    generation: *generation,
                }),
                Err(StoreError::Busy) => Attempt::Busy,
                Err(e) => Attempt::Failed(e.to_string()),
            },
            // Handled before any attempt (see `run`).
            WriteJob::NoteOpened { .. } | WriteJob::Presence { .. } | WriteJob::Place { .. } => {
                Attempt::Failed(String::new())
            }
        }
    }

    /// Notes where a job's draft now is: both the revision the job named
    /// and the one it was saved against lead to the new revision.
    fn moved(&mut self, named: (RecordId, i64), used: (RecordId, i64), now: (RecordId, i64)) {
        for from in [named, used] {
            if from != now {
                self.follow.insert(from, now);
            }
        }
    }

    /// A conflict keeps this person's text as a new draft of their own;
    /// a held lock is tried again; anything else is reported.
    fn after_error(
        &mut self,
        e: StoreError,
        record: RecordId,
        expected: i64,
        draft: &RecordDraft,
        generation: u64,
    ) -> Attempt {
        match e {
            StoreError::Busy => Attempt::Busy,
            StoreError::Conflict(c) => self.keep_as_new(&c, draft, record, expected, generation),
            // Someone else (a supervisor) discarded the draft while this
            // person was writing: their words become a new draft, as after
            // a conflict, rather than going with it.
            StoreError::Discarded { record: gone } => {
                let c = Conflict {
                    record: gone,
                    expected_revision: expected,
                    stored_revision: expected,
                };
                self.keep_as_new(&c, draft, record, expected, generation)
            }
            e => Attempt::Failed(e.to_string()),
        }
    }

    fn keep_as_new(
        &mut self,
        c: &Conflict,
        draft: &RecordDraft,
        record: RecordId,
        expected: i64,
        generation: u64,
    ) -> Attempt {
        match self.store.create_record_from_conflict(c, draft) {
            Ok(new) => {
                // A new draft starts at revision 1.
                self.follow.insert((record, expected), (new, 1));
                Attempt::Done(WriteOutcome::SavedAsNew {
                    old: record,
                    new,
                    revision: 1,
                    generation,
                })
            }
            Err(StoreError::Busy) => Attempt::Busy,
            Err(e) => Attempt::Failed(e.to_string()),
        }
    }
}
