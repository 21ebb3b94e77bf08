//! The record open in the form or review, and keeping its text saved:
//! handing drafts to the writer, following saves, leaving and quitting.

use super::{AUTOSAVE_AFTER, PRESENCE_EVERY, UNSAVED_WARNING};
use super::{App, Effect, FormPane, LoadedRecord, Overlay, Screen};
use crate::export::Addendum;
use crate::form::Form;
use crate::record::{ChildId, parse_date};
use crate::record::{FamilyId, RecordId};
use crate::service::{Fork, RecordDraft};
use crate::tui::chrome::safe;
use crate::tui::dialogs::Confirm;
use crate::tui::due_view::DueSummary;
use crate::tui::family::FamilyScreen;
use crate::tui::form_screen::FormContext;
use crate::tui::record_view::ReviewState;
use crate::tui::review::ReviewScreen;
use chrono::NaiveDate;
use std::time::Instant;
/// What to do once the pending save has succeeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum AfterSave {
    Close,
    Quit,
    /// Close, then open a record the audit's evidence names (issue 16).
    OpenLinked(RecordId),
}

/// The record open in the form or review.
pub struct OpenRecord {
    /// Its id (changes if a conflict made it a new draft).
    pub id: RecordId,
    /// Its family.
    pub family: FamilyId,
    /// The revision last loaded or saved.
    pub revision: i64,
    /// Its own form.
    pub form: Form,
    /// e.g. "FX-0001 Example family".
    pub family_label: String,
    /// The children it is about.
    pub children: Vec<(ChildId, String)>,
    /// Still a draft.
    pub draft: bool,
    /// Who wrote it.
    pub author: crate::user::UserLogin,
    /// The event date as last saved.
    pub event_date: NaiveDate,
    /// Marked a significant event.
    pub significant: bool,
    /// Who finalised it and when (as shown), once finalised.
    pub finalised: Option<(String, String)>,
    /// Its addenda.
    pub addenda: Vec<Addendum>,
    /// An addendum this person began and did not add yet (autosaved).
    pub addendum_draft: Option<String>,
    /// The form pane, holding the answers.
    pub pane: Box<dyn FormPane>,
    /// The user's writing-help words and settings, for the form pane (it is
    /// built again when a colleague's draft is opened for editing).
    pub(super) writing: crate::writing::WritingPrefs,
    /// The family's other people, for the writing help (as `writing`).
    pub(super) writing_people: Vec<crate::writing::Person>,
    /// Who else has this draft open now, as last asked.
    pub others: Vec<crate::user::UserLogin>,
    /// The forks of this draft already known: someone else's text that
    /// became a new draft beside it.
    pub(super) known_forks: Option<Vec<RecordId>>,
    /// When who-else-has-it-open was last asked.
    pub(super) presence_asked: Option<Instant>,
    /// Whose draft this is, while it is a colleague's that this person has
    /// not chosen to edit: it shows read-only, and nothing is saved or
    /// finalised.
    pub colleague: Option<crate::user::UserLogin>,
    /// Answers changed since the last save.
    pub dirty: bool,
    /// Counts the edits: each save says which edit it holds, so a save
    /// that finishes after more typing leaves the draft marked unsaved.
    pub edits: u64,
    /// The newest edit handed over to be saved.
    pub(super) handed: u64,
    /// The first edit not yet handed over: autosave hands the text over at
    /// most [`AUTOSAVE_AFTER`] later, whether or not typing pauses.
    pub(super) first_unhanded: Option<Instant>,
    /// The status line says saving is in trouble (busy, failed); the next
    /// good save clears it.
    pub(super) save_trouble: bool,
    /// Since when some of the text has not been saved.
    pub(super) unsaved_since: Option<Instant>,
    /// When the draft was last saved by this session.
    pub last_saved: Option<Instant>,
    /// Do not try to autosave before this (after a failure).
    pub(super) retry_at: Option<Instant>,
    /// The last refusal to finalise.
    pub review: ReviewState,
    /// The review screen, while it is showing.
    pub review_screen: Option<ReviewScreen>,
}

impl OpenRecord {
    /// The draft as it would be saved now. The event date follows the
    /// form's event-date answer once that reads as a date.
    pub fn draft_now(&self) -> RecordDraft {
        let answers = self.pane.answers().clone();
        let event_date = self
            .form
            .event_date_field
            .as_deref()
            .and_then(|f| {
                let (section, _) = self.form.field(f)?;
                let slot = crate::record::Slot::once(&section.id, f);
                parse_date(answers.text(&slot)?)
            })
            .unwrap_or(self.event_date);
        RecordDraft {
            event_date,
            significant: self.significant,
            children: self.children.iter().map(|c| c.0).collect(),
            answers,
        }
    }
}

impl App {
    /// The save to make before the program stops (signal, lost terminal,
    /// panic): the open draft as it is now, if it has unsaved changes.
    pub fn emergency_save(&self) -> Option<Effect> {
        if let Some(Overlay::Addendum(a)) = &self.overlay
            && a.unsaved()
        {
            return Some(Effect::SaveAddendumDraft {
                record: a.record,
                text: a.text(),
                generation: a.edits,
            });
        }
        let o = self.open.as_ref()?;
        if !o.draft || !o.dirty {
            return None;
        }
        Some(Effect::SaveDraft {
            record: o.id,
            expected_revision: o.revision,
            draft: o.draft_now(),
            generation: o.edits,
        })
    }

    /// Keeping where the person is in their open draft, as they leave it:
    /// none for a finalised record or a colleague's draft only read.
    fn place_effect(&self) -> Option<Effect> {
        let o = self
            .open
            .as_ref()
            .filter(|o| o.draft && o.colleague.is_none())?;
        Some(Effect::KeepPlace {
            record: o.id,
            place: o.pane.place()?,
        })
    }

    /// Whether the open draft holds text not yet saved.
    pub fn has_unsaved_text(&self) -> bool {
        let addendum = matches!(&self.overlay, Some(Overlay::Addendum(a)) if a.unsaved());
        addendum || self.open.as_ref().is_some_and(|o| o.draft && o.dirty)
    }

    pub(super) fn save_effect(&mut self) -> Option<Effect> {
        let o = self.open.as_mut()?;
        if !o.draft || !o.dirty || o.colleague.is_some() {
            return None;
        }
        o.handed = o.edits;
        o.first_unhanded = None;
        Some(Effect::SaveDraft {
            record: o.id,
            expected_revision: o.revision,
            draft: o.draft_now(),
            generation: o.edits,
        })
    }

    pub(super) fn on_saved(
        &mut self,
        record: RecordId,
        revision: i64,
        new_id: Option<RecordId>,
        generation: u64,
    ) -> Vec<Effect> {
        // A save finishing after its record was left belongs to no screen.
        let Some(o) = self.open.as_mut().filter(|o| o.id == record) else {
            return Vec::new();
        };
        o.revision = revision;
        o.last_saved = Some(self.now);
        o.retry_at = None;
        if std::mem::take(&mut o.save_trouble) {
            self.status.clear();
        }
        // Saving runs beside the interface: typing may have gone on since
        // this text was handed over, and that newer text is not saved yet.
        o.dirty = o.edits > generation;
        // What is still unsaved was typed while this save ran.
        o.unsaved_since = o.dirty.then_some(self.now);
        if let Some(id) = new_id {
            self.status = format!(
                "Someone else saved this record while you were editing it. Your text is kept \
                 as a new draft of your own (record {id}); theirs is unchanged."
            );
            o.id = id;
            // Say so on the new draft at the next tick; the old note
            // lapses by itself.
            o.presence_asked = None;
            o.known_forks = None;
            o.others.clear();
        }
        if o.dirty {
            // Leaving waits for the newest text, which goes now.
            return if self.after_save.is_some() {
                self.save_effect().into_iter().collect()
            } else {
                Vec::new()
            };
        }
        match self.after_save.take() {
            Some(AfterSave::Close) => self.close_record(),
            Some(AfterSave::OpenLinked(id)) => {
                let mut out = self.close_record();
                out.push(Effect::OpenRecord(id));
                out
            }
            Some(AfterSave::Quit) => {
                let id = o.id;
                self.quitting = true;
                let mut out: Vec<Effect> = self.place_effect().into_iter().collect();
                out.extend([Effect::FormClosed(id), Effect::Quit]);
                out
            }
            None => Vec::new(),
        }
    }

    /// Starts the autosave clock of the addendum being written at its
    /// first change not yet handed over.
    pub(super) fn note_addendum_edit(&mut self) {
        let now = self.now;
        if let Some(Overlay::Addendum(a)) = &mut self.overlay
            && a.edits > a.handed
        {
            a.first_unhanded.get_or_insert(now);
        }
    }

    pub(super) fn on_tick(&mut self) -> Vec<Effect> {
        let now = self.now;
        let mut presence = Vec::new();
        if let Some(o) = &mut self.open
            && o.draft
            && o.presence_asked.is_none_or(|t| now >= t + PRESENCE_EVERY)
        {
            o.presence_asked = Some(now);
            presence = vec![
                Effect::Presence {
                    record: o.id,
                    here: true,
                },
                Effect::CheckPresence(o.id),
            ];
        }
        let mut out = self.tick_saves();
        out.extend(presence);
        out
    }

    fn tick_saves(&mut self) -> Vec<Effect> {
        let now = self.now;
        if let Some(Overlay::Addendum(a)) = &mut self.overlay
            && a.edits > a.handed
        {
            let first = *a.first_unhanded.get_or_insert(now);
            if now >= first + AUTOSAVE_AFTER {
                a.handed = a.edits;
                a.first_unhanded = None;
                return vec![Effect::SaveAddendumDraft {
                    record: a.record,
                    text: a.text(),
                    generation: a.edits,
                }];
            }
        }
        let due = self.open.as_ref().is_some_and(|o| {
            o.draft
                && o.dirty
                && o.handed < o.edits
                && o.first_unhanded.is_none_or(|t| now >= t + AUTOSAVE_AFTER)
                && o.retry_at.is_none_or(|t| now >= t)
        });
        if due {
            self.save_effect().into_iter().collect()
        } else {
            Vec::new()
        }
    }

    pub(super) fn open_record(&mut self, r: LoadedRecord) -> Vec<Effect> {
        // Someone else's draft opens read-only until this person says they
        // mean to change it (the save then names them in the audit log).
        // A read-only user reads every draft, their own included, and is
        // never asked whether to change one.
        let colleague =
            (r.draft && r.author != self.user && !self.read_only).then(|| r.author.clone());
        let mut pane = (self.make_form)(FormContext {
            form: r.form.clone(),
            family_label: r.family_label.clone(),
            children: r.children.clone(),
            answers: r.answers,
            read_only: !r.draft || colleague.is_some() || self.read_only,
            today: self.today,
        });
        pane.set_writing_prefs(&r.writing);
        pane.set_writing_people(&r.people);
        pane.set_previous(r.previous);
        if let Some(slot) = self.opening_at.take() {
            pane.go_to(&slot);
        } else if let Some(place) = r.place.as_ref().filter(|_| colleague.is_none()) {
            pane.resume_at(place);
        }
        let draft = r.draft;
        self.open = Some(OpenRecord {
            id: r.id,
            family: r.family,
            revision: r.revision,
            form: r.form,
            family_label: r.family_label,
            children: r.children,
            draft,
            author: r.author,
            event_date: r.event_date,
            significant: r.significant,
            finalised: r.finalised,
            addenda: r.addenda,
            addendum_draft: r.addendum_draft,
            pane,
            colleague: colleague.clone(),
            writing: r.writing.clone(),
            writing_people: r.people.clone(),
            others: Vec::new(),
            known_forks: None,
            presence_asked: draft.then_some(self.now),
            dirty: false,
            edits: 0,
            handed: 0,
            first_unhanded: None,
            save_trouble: false,
            unsaved_since: None,
            last_saved: None,
            retry_at: None,
            review: ReviewState::default(),
            review_screen: None,
        });
        if !draft {
            self.open_review();
        }
        self.overlay = colleague.map(|author| {
            Overlay::ConfirmEdit(Confirm {
                title: "Someone else's draft".into(),
                text: format!(
                    "This draft is {}'s. Do you mean to change it? Your changes go into \
                     their draft, and the audit log notes that you made them. Esc reads it \
                     without changing anything.",
                    safe(&self.people.label(&author))
                ),
                yes: "edit".into(),
            })
        });
        self.status.clear();
        // A record opened over another record's screens replaces them; one
        // opened from the families (an interrupted draft) goes back to its
        // family.
        if self.nav.leave_record() == Screen::Home {
            self.nav.push(Screen::Family);
        }
        self.nav
            .push(if draft { Screen::Form } else { Screen::Review });
        let mut out = Vec::new();
        if draft {
            out.push(Effect::Presence {
                record: r.id,
                here: true,
            });
            out.push(Effect::CheckPresence(r.id));
        }
        // Opened from the interrupted-draft notice: make sure the family
        // screen behind it is the record's own.
        if self.family.as_ref().map(FamilyScreen::id) != Some(r.family) {
            out.push(Effect::OpenFamily(r.family));
        }
        out
    }

    /// Leaves the audit (saved first) for a record its evidence names;
    /// leaving that record comes back to the audit at `back_at`.
    pub(super) fn open_linked(
        &mut self,
        id: RecordId,
        back_at: crate::record::Slot,
    ) -> Vec<Effect> {
        let Some(audit) = self.open.as_ref().map(|o| o.id) else {
            return Vec::new();
        };
        self.return_to = Some((audit, back_at));
        match self.save_effect() {
            Some(save) => {
                self.after_save = Some(AfterSave::OpenLinked(id));
                vec![save]
            }
            None => {
                let mut out = self.close_record();
                out.push(Effect::OpenRecord(id));
                out
            }
        }
    }

    /// Leaves the record for its family, reloading the family's lists.
    pub(super) fn close_record(&mut self) -> Vec<Effect> {
        self.nav.leave_record();
        let place = self.place_effect();
        let Some(o) = self.open.take() else {
            return Vec::new();
        };
        // Leaving a record opened from an audit's evidence goes back to
        // the audit, at the standard it was opened from.
        let back = match &self.return_to {
            Some((audit, _)) if *audit != o.id => self.return_to.take(),
            _ => None,
        };
        if let Some(f) = &mut self.family {
            f.select_record(o.id);
        }
        let mut out: Vec<Effect> = place.into_iter().collect();
        if o.draft {
            out.push(Effect::FormClosed(o.id));
            out.push(Effect::Presence {
                record: o.id,
                here: false,
            });
        }
        out.push(Effect::OpenFamily(o.family));
        // The families screen counts drafts: one may have been started or
        // finalised here.
        out.push(Effect::RefreshFamily(o.family));
        // A draft left (new, or its date changed) changes what is due; once
        // per record, not per key. Finalising asked already.
        if o.draft {
            out.extend(self.ask_due());
        }
        if let Some((audit, slot)) = back {
            self.opening_at = Some(slot);
            out.push(Effect::OpenRecord(audit));
        }
        out
    }

    pub(super) fn quit(&mut self) -> Vec<Effect> {
        // The last save failed (a full disk, a read-only file) or the file
        // is busy: waiting for another would keep the person here for ever. The runtime tries
        // once more on the way out and keeps the text in a recovery file.
        if self
            .open
            .as_ref()
            .is_some_and(|o| o.retry_at.is_some() || o.save_trouble)
        {
            self.quitting = true;
            return vec![Effect::Quit];
        }
        match self.save_effect() {
            Some(save) => {
                self.after_save = Some(AfterSave::Quit);
                vec![save]
            }
            None => {
                self.quitting = true;
                let mut out: Vec<Effect> = self.place_effect().into_iter().collect();
                if let Some(o) = &self.open
                    && o.draft
                {
                    out.push(Effect::FormClosed(o.id));
                }
                out.push(Effect::Quit);
                out
            }
        }
    }

    /// The save state for the status line, as of the last message.
    pub fn save_state(&self) -> String {
        let Some(o) = &self.open else {
            return match self.screen() {
                Screen::Home => {
                    let (shown, all) = self.home.counts();
                    let families = if shown == all {
                        format!("{all} {}", if all == 1 { "family" } else { "families" })
                    } else {
                        format!("{shown} of {all} families")
                    };
                    // The runtime redraws when this line changes, so the
                    // counts that arrive on the first tick are drawn at once.
                    match self.home.due() {
                        DueSummary::Pending => format!("{families} · working out what is due"),
                        _ => families,
                    }
                }
                _ => String::new(),
            };
        };
        if !o.draft {
            return "Finalised · read-only".into();
        }
        // While saving keeps pace with typing the line stays as it is:
        // it changes (and is redrawn, costing bytes on a slow link) only
        // when something is wrong or its minute changes.
        let late = o
            .unsaved_since
            .is_some_and(|t| self.now.saturating_duration_since(t) >= UNSAVED_WARNING);
        if o.dirty && late {
            return "Changes not saved yet".into();
        }
        match o.last_saved {
            None if o.dirty => "Saving as you type".into(),
            None => "Draft · all saved".into(),
            Some(t) => {
                let secs = self.now.saturating_duration_since(t).as_secs();
                match secs {
                    0..=59 => "Saved just now".into(),
                    60..=3599 => format!("Saved {} min ago", secs / 60),
                    _ => format!("Saved {} h ago", secs / 3600),
                }
            }
        }
    }

    /// Takes the answer to who else has the open draft: shown beside its
    /// title; a new draft made from it because someone else saved after
    /// this person is said on the status line, once.
    pub(super) fn on_presence(
        &mut self,
        record: RecordId,
        others: Vec<crate::user::UserLogin>,
        forks: Vec<Fork>,
    ) {
        let Some(o) = self.open.as_mut().filter(|o| o.id == record) else {
            return;
        };
        o.others = others;
        // Forks made before this person opened the draft are not news.
        let Some(known) = &mut o.known_forks else {
            o.known_forks = Some(forks.iter().map(|f| f.copy).collect());
            return;
        };
        for f in forks {
            if known.contains(&f.copy) {
                continue;
            }
            known.push(f.copy);
            if f.who != self.user {
                self.status = format!(
                    "{} saved this draft after you; their text is their own draft now \
                     (record {}), and yours is unchanged.",
                    safe(&f.who),
                    f.copy
                );
            }
        }
    }
}
