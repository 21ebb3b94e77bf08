//! Keys and pastes, sent to the screen showing, and what each screen's
//! answer means for the app.

use super::{AfterSave, App, Effect, Overlay, READ_ONLY_STATUS, Screen};
use crate::export::RecordMeta;
use crate::service::SearchScope;
use crate::tui::chronology_view::ChronologyAction;
use crate::tui::dialogs::{
    AddendumDialog, Confirm, Dialog, FinaliseQuestion, FormChoice, FormPicker,
};
use crate::tui::due_view::DueAction;
use crate::tui::family::FamilyAction;
use crate::tui::form_screen::FormEvent;
use crate::tui::home::HomeAction;
use crate::tui::review::{ReviewContext, ReviewEvent, ReviewScreen};
use crate::tui::search_view::SearchScreen;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

impl App {
    pub(super) fn on_paste(&mut self, text: &str) -> Vec<Effect> {
        if self.help {
            return Vec::new();
        }
        match &mut self.overlay {
            Some(Overlay::Dialog(d)) => d.on_paste(text),
            Some(Overlay::Addendum(a)) => {
                a.on_paste(text);
                self.note_addendum_edit();
            }
            Some(_) => {}
            None => match self.screen() {
                Screen::Home => self.home.on_paste(text),
                Screen::Form => {
                    if let Some(o) = &mut self.open {
                        let ev = o.pane.on_paste(text);
                        return self.on_form_event(ev);
                    }
                }
                Screen::Search => {
                    if let Some(s) = &mut self.search {
                        for c in text.chars().filter(|c| !c.is_control()) {
                            s.on_key(KeyEvent::from(KeyCode::Char(c)));
                        }
                    }
                }
                Screen::Family
                | Screen::Review
                | Screen::Due
                | Screen::Chronology
                | Screen::Register => {}
                Screen::Log => {
                    if let Some(l) = &mut self.log
                        && l.is_typing()
                    {
                        for c in text.chars().filter(|c| !c.is_control()) {
                            l.on_key(KeyEvent::from(KeyCode::Char(c)));
                        }
                    }
                }
            },
        }
        Vec::new()
    }

    pub(super) fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('q') | KeyCode::Char('c')) {
            return self.quit();
        }
        if self.help {
            if matches!(
                key.code,
                KeyCode::Esc
                    | KeyCode::F(1)
                    | KeyCode::Char('?')
                    | KeyCode::Enter
                    | KeyCode::Char('q')
            ) {
                self.help = false;
            }
            return Vec::new();
        }
        if self.tour.is_some() {
            return self.tour_key(key);
        }
        if self.overlay.is_some() {
            let out = self.overlay_key(key);
            self.note_addendum_edit();
            return out;
        }
        match self.screen() {
            Screen::Home => self.home_key(key),
            Screen::Family => self.family_key(key),
            Screen::Form => self.form_key(key),
            Screen::Review => self.review_key(key),
            Screen::Due => self.due_key(key),
            Screen::Chronology => self.chronology_key(key),
            Screen::Register => self.register_key(key),
            Screen::Search => self.search_key(key),
            Screen::Log => self.log_key(key),
        }
    }

    pub(super) fn due_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        match self.due.on_key(key) {
            DueAction::None => Vec::new(),
            DueAction::Back => {
                self.nav.back();
                self.status.clear();
                Vec::new()
            }
            DueAction::OpenRecord(id) => {
                self.status.clear();
                vec![Effect::OpenRecord(id)]
            }
            DueAction::OpenFamily(id) => {
                self.status.clear();
                self.opening_family = Some(id);
                vec![Effect::OpenFamily(id)]
            }
            DueAction::ToggleTeam => {
                if self.due.toggle_team() {
                    self.status = if self.due.is_team() {
                        "Showing the whole team's work.".into()
                    } else {
                        "Showing your own work.".into()
                    };
                    self.refresh_home_due();
                } else {
                    // Short enough for the status line at 80 columns.
                    self.status = format!(
                        "Only supervisors see the team's work; you ({}) see your own.",
                        self.user
                    );
                }
                Vec::new()
            }
            DueAction::Refresh => {
                self.status = "What is due was worked out again.".into();
                self.ask_due().into_iter().collect()
            }
            DueAction::Help => {
                self.help = true;
                Vec::new()
            }
            DueAction::Quit => self.quit(),
        }
    }

    pub(super) fn chronology_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(c) = &mut self.chronology else {
            self.nav.back();
            return Vec::new();
        };
        match c.on_key(key) {
            ChronologyAction::None => Vec::new(),
            ChronologyAction::Back => {
                self.nav.back();
                self.status.clear();
                Vec::new()
            }
            ChronologyAction::Add(_) if self.read_only => self.refuse_read_only(),
            ChronologyAction::Add(child) => {
                let family = c.family();
                let children = c.view.children.clone();
                self.overlay = Some(Overlay::Dialog(Dialog::chronology_entry(
                    family, &children, child,
                )));
                Vec::new()
            }
            ChronologyAction::OpenRecord(id) => {
                vec![Effect::OpenRecord(id)]
            }
            ChronologyAction::Help => {
                self.help = true;
                Vec::new()
            }
            ChronologyAction::Quit => self.quit(),
        }
    }

    /// Refuses a write key for a read-only user, saying why on the
    /// status line (the service and the store would refuse it too).
    fn refuse_read_only(&mut self) -> Vec<Effect> {
        self.status = READ_ONLY_STATUS.to_owned();
        Vec::new()
    }

    pub(super) fn home_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        match self.home.on_key(key) {
            HomeAction::None => Vec::new(),
            HomeAction::Open(id) => {
                self.status.clear();
                self.family = None;
                vec![Effect::OpenFamily(id)]
            }
            HomeAction::NewFamily if self.read_only => self.refuse_read_only(),
            HomeAction::NewFamily => {
                self.overlay = Some(Overlay::Dialog(Dialog::new_family()));
                Vec::new()
            }
            HomeAction::Search => {
                // A supervisor searches the team; anyone else their caseload.
                let (scope, label) = if self.supervisor == Some(true) {
                    (SearchScope::Team, "the team's records".to_owned())
                } else {
                    (SearchScope::Caseload, "your caseload".to_owned())
                };
                self.search = Some(SearchScreen::new(scope, label));
                self.nav.push(Screen::Search);
                self.status.clear();
                Vec::new()
            }
            HomeAction::AuditLog => {
                self.status = "Reading the audit log…".into();
                vec![Effect::OpenLog]
            }
            HomeAction::Due => {
                self.status.clear();
                self.nav.push(Screen::Due);
                if self.due.is_ready() {
                    Vec::new()
                } else {
                    // Not worked out yet, or it failed: try (again) now.
                    self.ask_due().into_iter().collect()
                }
            }
            HomeAction::Resume(record) => {
                vec![Effect::OpenRecord(record)]
            }
            HomeAction::Restore(record) => {
                vec![Effect::RestoreRecovered(record)]
            }
            HomeAction::Help => {
                self.help = true;
                Vec::new()
            }
            HomeAction::Quit => self.quit(),
        }
    }

    pub(super) fn family_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(f) = &mut self.family else {
            self.nav.back();
            return Vec::new();
        };
        match f.on_key(key) {
            FamilyAction::None => Vec::new(),
            FamilyAction::Back => {
                self.status.clear();
                // Back to where the family was opened from: the due list
                // as it was, or the families, reloaded and on this one.
                if self.nav.back() != Screen::Home {
                    return Vec::new();
                }
                let id = f.id();
                self.home.select_id(id);
                vec![Effect::LoadFamilies]
            }
            FamilyAction::Chronology => {
                let id = f.id();
                self.opening_chronology = Some(id);
                vec![Effect::OpenChronology(id)]
            }
            FamilyAction::Register => vec![Effect::OpenRegister(f.id())],
            FamilyAction::Search => {
                let (id, label) = (f.id(), f.view.family.label());
                self.search = Some(SearchScreen::new(SearchScope::Family(id), label));
                self.nav.push(Screen::Search);
                self.status.clear();
                Vec::new()
            }
            FamilyAction::NewRecord(_)
            | FamilyAction::AddChild
            | FamilyAction::EditFamily
            | FamilyAction::EditChild(_)
            | FamilyAction::AddPerson
            | FamilyAction::EditPerson(_)
                if self.read_only =>
            {
                self.refuse_read_only()
            }
            FamilyAction::NewRecord(Some(preset))
                if self.supervisor == Some(false)
                    && self.forms.get(preset).is_some_and(|f| f.supervisors_only) =>
            {
                // Short enough for the status line at 80 columns.
                self.status = format!(
                    "Only supervisors can record oversight; you ({}) are not one.",
                    self.user
                );
                Vec::new()
            }
            FamilyAction::AddChild => {
                self.overlay = Some(Overlay::Dialog(Dialog::add_child(f.id())));
                Vec::new()
            }
            // The details are read afresh rather than taken from the
            // screen, which holds only what it shows.
            FamilyAction::EditFamily => vec![Effect::EditFamily(f.id())],
            FamilyAction::EditChild(child) => vec![Effect::EditChild(child)],
            FamilyAction::AddPerson => {
                self.overlay = Some(Overlay::Dialog(Dialog::add_person(f.id())));
                Vec::new()
            }
            FamilyAction::EditPerson(person) => vec![Effect::EditPerson(person)],
            FamilyAction::NewRecord(preset) => {
                let forms = self
                    .forms
                    .iter()
                    .map(|form| FormChoice {
                        id: form.id.clone(),
                        title: form.title.clone(),
                        needs_child: form.sections.iter().any(|s| s.per_child),
                        supervisors_only: form.supervisors_only,
                    })
                    .collect();
                let children = f
                    .view
                    .children
                    .iter()
                    .map(|c| (c.id, c.name.clone()))
                    .collect();
                let mut picker = FormPicker::new(f.id(), forms, children, preset);
                picker.supervisor = self.supervisor;
                self.overlay = Some(Overlay::Picker(picker));
                Vec::new()
            }
            FamilyAction::OpenRecord(id) => {
                vec![Effect::OpenRecord(id)]
            }
            FamilyAction::DiscardDraft(id) => vec![Effect::AskDiscard(id)],
            FamilyAction::Help => {
                self.help = true;
                Vec::new()
            }
            FamilyAction::Quit => self.quit(),
        }
    }

    pub(super) fn form_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(o) = &mut self.open else {
            self.nav.leave_record();
            return Vec::new();
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if key.code == KeyCode::F(1) {
            self.help = true;
            return Vec::new();
        }
        if ctrl && key.code == KeyCode::Char('s') {
            return match self.save_effect() {
                Some(e) => vec![e],
                None => {
                    self.status = "Nothing new to save.".into();
                    Vec::new()
                }
            };
        }
        let ev = o.pane.on_key(key);
        if let Some(m) = o.pane.take_message() {
            self.status = m;
        }
        // `?` reaches here only when the form did not take it as text.
        if ev == FormEvent::Ignored && key.code == KeyCode::Char('?') {
            self.help = true;
            return Vec::new();
        }
        self.on_form_event(ev)
    }

    pub(super) fn on_form_event(&mut self, ev: FormEvent) -> Vec<Effect> {
        let now = self.now;
        let Some(o) = &mut self.open else {
            return Vec::new();
        };
        match ev {
            FormEvent::Ignored | FormEvent::Handled => Vec::new(),
            FormEvent::Edited => {
                if o.draft {
                    o.dirty = true;
                    o.edits += 1;
                    o.first_unhanded.get_or_insert(now);
                    o.unsaved_since.get_or_insert(now);
                }
                Vec::new()
            }
            FormEvent::WritingChanged => vec![Effect::SaveWriting(o.pane.take_writing_changes())],
            FormEvent::SectionChanged => self.save_effect().into_iter().collect(),
            FormEvent::Review => {
                let save = self.save_effect();
                self.open_review();
                save.into_iter().collect()
            }
            FormEvent::OpenLinks => {
                if let Some(slot) = o.pane.evidence_slot() {
                    let text = o.pane.answers().text(&slot).unwrap_or_default();
                    let links = crate::tui::dialogs::links_in(text);
                    self.overlay = Some(Overlay::Links(crate::tui::dialogs::LinkPicker::new(
                        links, slot,
                    )));
                }
                Vec::new()
            }
            FormEvent::Close => match self.save_effect() {
                Some(save) => {
                    self.after_save = Some(AfterSave::Close);
                    vec![save]
                }
                None => self.close_record(),
            },
        }
    }

    /// Shows the review of the open record as it is now.
    pub(super) fn open_review(&mut self) {
        let today = self.today;
        let Some(o) = &mut self.open else {
            return;
        };
        let meta = RecordMeta {
            title: o.form.title.clone(),
            family_label: o.family_label.clone(),
            event_date: Some(o.draft_now().event_date),
            author: self.people.label(&o.author),
            status: if o.draft { "Draft" } else { "Finalised" }.to_owned(),
            finalised_by: o.finalised.as_ref().map(|f| f.0.clone()),
            finalised_at: o.finalised.as_ref().map(|f| f.1.clone()),
            significant: o.form.can_be_significant.then_some(o.significant),
            addenda: o.addenda.clone(),
        };
        let mut review = ReviewScreen::new(ReviewContext {
            form: o.form.clone(),
            children: o.children.clone(),
            answers: o.pane.answers().clone(),
            meta,
            today,
        });
        if o.draft {
            review.set_writing_counts(o.pane.writing_counts());
        }
        o.review_screen = Some(review);
        self.nav.push(Screen::Review);
    }

    pub(super) fn review_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(o) = &mut self.open else {
            self.nav.leave_record();
            return Vec::new();
        };
        let ev = o
            .review_screen
            .as_mut()
            .map_or(ReviewEvent::Ignored, |r| r.on_key(key));
        match ev {
            ReviewEvent::Handled => {}
            ReviewEvent::Back => {
                return if o.draft {
                    o.review_screen = None;
                    self.nav.back();
                    Vec::new()
                } else {
                    self.close_record()
                };
            }
            ReviewEvent::Finalise | ReviewEvent::AddAddendum if self.read_only => {
                self.status = READ_ONLY_STATUS.to_owned();
            }
            ReviewEvent::Finalise if o.colleague.is_some() => {
                self.status =
                    "Not finalised: you opened this colleague's draft to read only.".into();
            }
            ReviewEvent::Finalise if o.draft && o.form.can_be_significant => {
                self.overlay = Some(Overlay::FinaliseSignificant(FinaliseQuestion::new(
                    self.user.as_str(),
                    o.significant,
                )));
            }
            ReviewEvent::Finalise if o.draft => {
                self.overlay = Some(Overlay::ConfirmFinalise(Confirm {
                    title: "Finalise".into(),
                    text: format!(
                        "Finalise this record as {}? It will be signed with your name and \
                         the time now, and can never be changed again; later corrections \
                         become addenda.",
                        self.user
                    ),
                    yes: "finalise".into(),
                }));
            }
            ReviewEvent::AddAddendum if !o.draft => {
                let dialog = match &o.addendum_draft {
                    Some(text) => {
                        self.status = "Your unfinished addendum, as it was last saved.".to_owned();
                        AddendumDialog::with_text(o.id, text)
                    }
                    None => AddendumDialog::new(o.id),
                };
                self.overlay = Some(Overlay::Addendum(Box::new(dialog)));
            }
            ReviewEvent::Export => {
                self.overlay = Some(Overlay::Dialog(Dialog::export_record(o.id, &o.children)));
            }
            ReviewEvent::Copy if !self.clipboard_allowed => {
                self.status =
                    "Copying to the clipboard is turned off in the config (copy_to_clipboard)."
                        .to_owned();
            }
            ReviewEvent::Copy => {
                let text = o
                    .review_screen
                    .as_ref()
                    .map(crate::tui::review::ReviewScreen::plain_text)
                    .unwrap_or_default();
                // Whether the terminal took it cannot be known: say what was sent.
                self.status = format!(
                    "Sent to the terminal's clipboard (OSC 52): {} lines, {} characters.",
                    text.lines().count(),
                    text.chars().count()
                );
                self.clipboard = Some(text);
            }
            // The store refuses a colleague's draft to a practitioner; the
            // question names form and date first.
            ReviewEvent::Discard if o.draft => return vec![Effect::AskDiscard(o.id)],
            ReviewEvent::Finalise | ReviewEvent::AddAddendum | ReviewEvent::Discard => {}
            ReviewEvent::Ignored => match key.code {
                KeyCode::F(1) | KeyCode::Char('?') => self.help = true,
                KeyCode::Char('q') => return self.quit(),
                _ => {}
            },
        }
        Vec::new()
    }
}
