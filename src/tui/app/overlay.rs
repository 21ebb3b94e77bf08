//! The dialogs drawn over a screen, and what their keys and answers do.

use super::{App, Effect, ExportRequest, Screen};
use crate::tui::chrome::safe;
use crate::tui::dialogs::{
    AddendumDialog, Confirm, Dialog, DialogKind, DialogOutcome, FinaliseQuestion, FormPicker,
};
use crate::tui::form_screen::FormContext;
use ratatui::crossterm::event::KeyEvent;
/// A small window over the screen.
pub enum Overlay {
    /// New family or new child.
    Dialog(Dialog),
    /// Choosing a form for a new record.
    Picker(FormPicker),
    /// Writing an addendum (boxed: the text area is large).
    Addendum(Box<AddendumDialog>),
    /// "Finalise this record?"
    ConfirmFinalise(Confirm),
    /// "This draft is a colleague's: change it?"
    ConfirmEdit(Confirm),
    /// "Finalise this record? Is it a significant event?"
    FinaliseSignificant(FinaliseQuestion),
    /// "Replace the existing file with this export?"
    ConfirmReplace(Confirm, ExportRequest),
    /// "Discard this draft?"
    ConfirmDiscard(Confirm, crate::record::RecordId),
    /// A form shown from the picker without starting a record (boxed: it
    /// holds a form pane).
    Preview(Box<crate::tui::preview::FormPreview>),
    /// Choosing a record an audit's evidence names (issue 16).
    Links(crate::tui::dialogs::LinkPicker),
}

impl App {
    /// Whether typed characters go into text right now (a form's text
    /// field, or the addendum being written), so that a run of them may
    /// be inserted in one piece.
    pub fn takes_text(&self) -> bool {
        if self.help {
            return false;
        }
        match &self.overlay {
            Some(Overlay::Addendum(_)) => true,
            Some(_) => false,
            None => {
                self.screen() == Screen::Form
                    && self
                        .open
                        .as_ref()
                        .is_some_and(|o| o.draft && o.pane.is_typing())
            }
        }
    }

    /// Whether Ctrl-Z is undo here rather than suspend: anywhere in the
    /// form of a draft being written (text, a table's rows) and in an
    /// addendum being written, where hands expect it to undo.
    pub fn ctrl_z_is_undo(&self) -> bool {
        if self.help || self.tour.is_some() {
            return false;
        }
        match &self.overlay {
            Some(Overlay::Addendum(_)) => true,
            Some(_) => false,
            None => {
                self.screen() == Screen::Form
                    && self
                        .open
                        .as_ref()
                        .is_some_and(|o| o.draft && o.colleague.is_none())
            }
        }
    }

    pub(super) fn overlay_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let today = self.today;
        let Some(overlay) = &mut self.overlay else {
            return Vec::new();
        };
        let outcome = match overlay {
            Overlay::Preview(p) => {
                use crate::tui::preview::PreviewKey;
                match p.on_key(key) {
                    PreviewKey::Stay => {}
                    PreviewKey::Help => self.help = true,
                    PreviewKey::Back(picker) => self.overlay = Some(Overlay::Picker(*picker)),
                }
                return Vec::new();
            }
            Overlay::Dialog(d) => d.on_key(key, today),
            Overlay::Picker(p) => p.on_key(key),
            Overlay::Addendum(a) => a.on_key(key),
            Overlay::ConfirmFinalise(c) | Overlay::ConfirmEdit(c) => c.on_key(key),
            Overlay::FinaliseSignificant(q) => q.on_key(key),
            Overlay::ConfirmReplace(c, _) | Overlay::ConfirmDiscard(c, _) => c.on_key(key),
            Overlay::Links(l) => l.on_key(key),
        };
        match outcome {
            DialogOutcome::Continue => Vec::new(),
            DialogOutcome::Preview => {
                self.open_preview();
                Vec::new()
            }
            DialogOutcome::Help => {
                self.help = true;
                Vec::new()
            }
            DialogOutcome::Cancel => {
                if let Some(Overlay::ConfirmEdit(_)) = &self.overlay {
                    self.overlay = None;
                    if let Some(author) = self.open.as_ref().and_then(|o| o.colleague.clone()) {
                        self.status = format!(
                            "Reading {}'s draft; nothing here changes it. Open it again to edit.",
                            safe(&self.people.label(&author))
                        );
                    }
                    return Vec::new();
                }
                // An addendum left unfinished is kept as a draft (an empty
                // one removes the draft), to go on with later.
                let kept = match self.overlay.take() {
                    Some(Overlay::Addendum(a)) => Some(*a),
                    _ => None,
                };
                let Some(a) = kept else {
                    return Vec::new();
                };
                let text = a.text();
                let had_draft = self
                    .open
                    .as_ref()
                    .is_some_and(|o| o.addendum_draft.is_some());
                if let Some(o) = &mut self.open {
                    o.addendum_draft = (!text.trim().is_empty()).then(|| text.clone());
                }
                if text.trim().is_empty() && !had_draft {
                    return Vec::new();
                }
                if !text.trim().is_empty() {
                    self.status =
                        "Your addendum is kept as a draft; press a to go on with it.".to_owned();
                }
                vec![Effect::SaveAddendumDraft {
                    record: a.record,
                    text,
                    generation: a.edits,
                }]
            }
            DialogOutcome::Submit => self.submit_overlay(),
        }
    }

    pub(super) fn submit_overlay(&mut self) -> Vec<Effect> {
        if let Some(Overlay::Links(l)) = &self.overlay {
            let (chosen, back_at) = (l.chosen(), l.back_at.clone());
            self.overlay = None;
            return match chosen {
                Some(id) => self.open_linked(id, back_at),
                None => Vec::new(),
            };
        }
        match &self.overlay {
            Some(Overlay::Links(_)) => Vec::new(),
            Some(Overlay::Dialog(d)) => match &d.kind {
                DialogKind::NewFamily => vec![Effect::CreateFamily(d.new_family_values())],
                DialogKind::AddChild { family } => vec![Effect::AddChild {
                    family: *family,
                    child: d.new_child_values(),
                }],
                DialogKind::ChronologyEntry { .. } => d
                    .new_entry_values()
                    .map(Effect::AddChronologyEntry)
                    .into_iter()
                    .collect(),
                DialogKind::EditFamily { .. } => d
                    .family_edit_values()
                    .map(Effect::UpdateFamily)
                    .into_iter()
                    .collect(),
                DialogKind::EditChild { family, child } => vec![Effect::UpdateChild {
                    family: *family,
                    child: *child,
                    details: d.new_child_values(),
                }],
                DialogKind::ExportRecord { record, .. } => {
                    let (path, format, child) = d.export_values();
                    vec![Effect::ExportToFile(
                        ExportRequest {
                            record: *record,
                            format,
                            child,
                            path,
                        },
                        false,
                    )]
                }
                DialogKind::AddPerson { family } => vec![Effect::AddPerson {
                    family: *family,
                    details: d.person_values(),
                }],
                DialogKind::EditPerson { family, person } => vec![Effect::UpdatePerson {
                    family: *family,
                    person: *person,
                    details: d.person_values(),
                }],
            },
            Some(Overlay::Picker(p)) => match p.form() {
                Some(form) => {
                    vec![Effect::CreateRecord {
                        family: p.family,
                        form_id: form.id.clone(),
                        children: p.ticked(),
                    }]
                }
                None => Vec::new(),
            },
            Some(Overlay::Addendum(a)) => vec![Effect::AddAddendum {
                record: a.record,
                text: a.text(),
            }],
            Some(Overlay::ConfirmDiscard(_, record)) => {
                let record = *record;
                self.overlay = None;
                vec![Effect::DiscardDraft(record)]
            }
            Some(Overlay::ConfirmReplace(_, request)) => {
                let request = request.clone();
                self.overlay = None;
                vec![Effect::ExportToFile(request, true)]
            }
            Some(Overlay::FinaliseSignificant(q)) => {
                let answer = q.significant;
                self.overlay = None;
                match (&mut self.open, answer) {
                    (Some(o), Some(significant)) if o.draft => {
                        // The answer is kept on the draft: a refusal to
                        // finalise leaves it marked as the person said.
                        o.significant = significant;
                        vec![Effect::Finalise {
                            record: o.id,
                            expected_revision: o.revision,
                            draft: o.draft_now(),
                            form: Box::new(o.form.clone()),
                            generation: o.edits,
                        }]
                    }
                    _ => Vec::new(),
                }
            }
            Some(Overlay::ConfirmEdit(_)) => {
                self.overlay = None;
                self.edit_colleagues_draft();
                Vec::new()
            }
            Some(Overlay::ConfirmFinalise(_)) => {
                self.overlay = None;
                match &self.open {
                    Some(o) if o.draft => vec![Effect::Finalise {
                        record: o.id,
                        expected_revision: o.revision,
                        draft: o.draft_now(),
                        form: Box::new(o.form.clone()),
                        generation: o.edits,
                    }],
                    _ => Vec::new(),
                }
            }
            // A preview has nothing to submit.
            Some(Overlay::Preview(_)) | None => Vec::new(),
        }
    }

    /// Replaces the picker by a preview of the form chosen in it: built
    /// read-only and empty, so nothing can be typed, saved or logged.
    fn open_preview(&mut self) {
        let Some(Overlay::Picker(picker)) = &self.overlay else {
            return;
        };
        let Some(form) = picker.form().and_then(|c| self.forms.get(&c.id)).cloned() else {
            return;
        };
        let family_label = self
            .family
            .as_ref()
            .map(|f| f.view.family.label())
            .unwrap_or_default();
        let pane = (self.make_form)(FormContext {
            form: form.clone(),
            family_label,
            children: picker.preview_children(),
            answers: crate::record::Answers::new(),
            read_only: true,
            today: self.today,
        });
        let preview = crate::tui::preview::FormPreview::new(form.title, pane, picker.clone());
        self.overlay = Some(Overlay::Preview(Box::new(preview)));
    }

    /// Makes the colleague's draft on screen editable, as this person
    /// agreed: the form is rebuilt over the same answers.
    fn edit_colleagues_draft(&mut self) {
        let today = self.today;
        let Some(o) = &mut self.open else {
            return;
        };
        let Some(author) = o.colleague.take() else {
            return;
        };
        o.pane = (self.make_form)(FormContext {
            form: o.form.clone(),
            family_label: o.family_label.clone(),
            children: o.children.clone(),
            answers: o.pane.answers().clone(),
            read_only: false,
            today,
        });
        o.pane.set_writing_prefs(&o.writing);
        o.pane.set_writing_people(&o.writing_people);
        self.status = format!(
            "Editing {}'s draft; the audit log notes your changes.",
            safe(&self.people.label(&author))
        );
    }
}
