//! Saving from the interface's side: handing drafts to the writer thread,
//! what its outcomes mean for the app, recovery files offered back, and
//! the in-place saves tests use.

use super::{Executor, local_time};
use crate::record::RecordId;
use crate::service::Saved;
use crate::service::StoreError;
use crate::service::{RecoveryDir, Unsaved, WriteOutcome, Writer};
use crate::tui::app::Msg;
use crate::tui::home::ResumeOffer;
use std::time::Instant;

impl Executor {
    /// Text kept in a recovery file when the case file could not take it,
    /// newest first, offered back before anything else.
    pub fn recovery_offer(&self) -> Option<ResumeOffer> {
        let rec = self.recovery.as_ref()?;
        let (_, r) = rec.list().into_iter().next()?;
        Some(self.case.recovered_offer(r.record))
    }

    /// Puts the text of the newest recovery file for `record` back into the
    /// case file: into its draft when nobody has saved it since, else into
    /// a new draft beside it (nothing is overwritten), then opens it.
    pub(super) fn restore(&mut self, record: RecordId) -> Vec<Msg> {
        let Some(rec) = self.recovery.clone() else {
            return self.open_record(record);
        };
        let Some((path, r)) = rec.list().into_iter().find(|(_, r)| r.record == record) else {
            return self.open_record(record);
        };
        let draft = r.draft();
        let id = record;
        let saved = self
            .case
            .save_in_place(id, r.expected_revision, &draft)
            .map(|s| match s {
                Saved::Revision(_) => id,
                Saved::AsNew(new) => new,
            });
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
        let store = self.case.open_another()?;
        self.writer = Some(Writer::start(store, recovery, outcomes));
        Ok(())
    }

    /// Discards a draft once the writer has saved whatever it was handed
    /// for it, so that no save of the draft can come after the discard.
    pub(super) fn discard_draft(&mut self, id: RecordId) -> Vec<Msg> {
        // Bounded: should the file stay busy longer, a save that lands
        // after the discard is kept as a new draft (writer.rs), not lost.
        let deadline = Instant::now() + std::time::Duration::from_secs(5);
        while !self.writes_idle() && Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        match self.case.discard_draft(id) {
            Ok(d) => vec![Msg::DraftDiscarded(d)],
            Err(e) => vec![Msg::Failed(e.to_string())],
        }
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

    pub(super) fn finalised(&mut self, r: crate::service::Record) -> Vec<Msg> {
        self.mark_closed(r.id);
        let at = r.finalised_at.map(local_time).unwrap_or_default();
        let by = r.finalised_by.map(|b| b.to_string()).unwrap_or_default();
        vec![Msg::Finalised {
            revision: r.revision,
            by,
            at,
        }]
    }

    /// A save that found the draft changed by someone else: this
    /// person's text is now a new draft of their own, open in its place.
    pub(super) fn kept_as_new(
        &mut self,
        old: RecordId,
        new: RecordId,
        generation: u64,
    ) -> Vec<Msg> {
        self.mark_closed(old);
        self.mark_open(new);
        vec![Msg::SavedAsNew {
            old,
            record: new,
            // A new draft starts at revision 1.
            revision: 1,
            generation,
        }]
    }

    pub(super) fn open_record(&mut self, id: RecordId) -> Vec<Msg> {
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
}
