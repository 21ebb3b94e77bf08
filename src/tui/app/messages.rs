//! How the app takes each message: the results of store work and the
//! ticks of the clock (keys and pastes go to `routing.rs`).

use super::RETRY_AFTER;
use super::{App, Effect, Msg, Overlay, Screen};
use crate::tui::chrome::safe;
use crate::tui::chronology_view::ChronologyScreen;
use crate::tui::dialogs::{Confirm, Dialog};
use crate::tui::family::FamilyScreen;
use crate::tui::record_view::{self};
use crate::tui::register_view::RegisterScreen;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use std::time::Instant;

impl App {
    pub(super) fn handle(&mut self, msg: Msg, now: Instant) -> Vec<Effect> {
        self.now = now;
        match msg {
            // Only quitting works while the window is too small to show
            // what a key would change (the message says to enlarge it).
            Msg::Key(key) if self.too_small => {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                if ctrl && matches!(key.code, KeyCode::Char('q' | 'c')) {
                    self.quit()
                } else {
                    Vec::new()
                }
            }
            Msg::Paste(_) if self.too_small => Vec::new(),
            Msg::Key(key) => self.on_key(key),
            Msg::Paste(text) => self.on_paste(&text),
            Msg::Tick => self.on_tick(),
            Msg::Families(rows) => {
                self.home.set_families(rows);
                Vec::new()
            }
            Msg::Family(view) => {
                let id = view.family.id;
                match &mut self.family {
                    Some(f) if f.id() == id => f.reload(view),
                    _ => self.family = Some(FamilyScreen::new(view, self.today)),
                }
                if self.screen() == Screen::Home || self.opening_family == Some(id) {
                    self.nav.push(Screen::Family);
                }
                if self.opening_family == Some(id) {
                    self.opening_family = None;
                }
                self.tour_after_family()
            }
            Msg::Presence {
                record,
                others,
                forks,
            } => {
                self.on_presence(record, others, forks);
                Vec::new()
            }
            Msg::Comments(c) => {
                self.home.comments = c;
                Vec::new()
            }
            Msg::FamilyRow(row) => {
                self.home.set_family(row);
                Vec::new()
            }
            Msg::FamilyCreated(id) => {
                self.overlay = None;
                self.status = "Family created.".into();
                let mut out = vec![Effect::LoadFamilies, Effect::OpenFamily(id)];
                out.extend(self.ask_due());
                out
            }
            Msg::ChildAdded(name) => {
                self.overlay = None;
                self.status = format!("{} added.", safe(&name));
                match &self.family {
                    Some(f) => vec![Effect::OpenFamily(f.id())],
                    None => Vec::new(),
                }
            }
            Msg::EditFamily(edit) => {
                if self.can_open_edit(edit.family) {
                    self.overlay = Some(Overlay::Dialog(Dialog::edit_family(&edit)));
                }
                Vec::new()
            }
            Msg::EditChild {
                family,
                child,
                details,
            } => {
                if self.can_open_edit(family) {
                    self.overlay =
                        Some(Overlay::Dialog(Dialog::edit_child(family, child, &details)));
                }
                Vec::new()
            }
            Msg::FamilyUpdated { family, closed_on } => {
                self.overlay = None;
                self.status = match closed_on {
                    Some(on) => format!(
                        "Family details saved; the case is closed as of {}.",
                        crate::dates::for_people(on)
                    ),
                    None => "Family details saved.".into(),
                };
                // Flags, status and worker decide the recurring duties and
                // whose list they are in, so the due list is worked out again.
                let mut out = vec![Effect::LoadFamilies, Effect::OpenFamily(family)];
                out.extend(self.ask_due());
                out
            }
            Msg::EditPerson {
                family,
                person,
                details,
            } => {
                if self.can_open_edit(family) {
                    self.overlay = Some(Overlay::Dialog(Dialog::edit_person(
                        family, person, &details,
                    )));
                }
                Vec::new()
            }
            Msg::PersonSaved { family, name } => {
                self.overlay = None;
                self.status = format!("{}: saved.", safe(&name));
                vec![Effect::OpenFamily(family)]
            }
            Msg::ExportWritten(path, bytes) => {
                self.overlay = None;
                let kb = bytes.div_ceil(1024);
                self.status = format!(
                    "Exported to {} ({kb} KB, owner-only); noted in the audit log.",
                    safe(&path.display().to_string())
                );
                Vec::new()
            }
            Msg::ExportExists(request) => {
                let confirm = Confirm {
                    title: "Replace the file?".into(),
                    text: format!(
                        "{} already exists. Replace it with this export? Esc keeps it \
                         and writes nothing.",
                        safe(&request.path.display().to_string())
                    ),
                    yes: "replace it".into(),
                };
                self.overlay = Some(Overlay::ConfirmReplace(confirm, request));
                Vec::new()
            }
            Msg::DiscardAsked(d) => {
                let confirm = Confirm {
                    title: "Discard this draft?".into(),
                    text: format!("{} Esc keeps it.", safe(&d.question())),
                    yes: "discard it".into(),
                };
                self.overlay = Some(Overlay::ConfirmDiscard(confirm, d.record));
                Vec::new()
            }
            Msg::StartTour(tour) => self.start_tour(*tour),
            Msg::DraftDiscarded(d) => {
                self.overlay = None;
                let mut out = Vec::new();
                // Discarded from its own screen: the record is left without
                // saving again (its text is what was thrown away).
                if self.open.as_ref().is_some_and(|o| o.id == d.record) {
                    self.open = None;
                    self.nav.leave_record();
                    out.push(Effect::FormClosed(d.record));
                    out.push(Effect::Presence {
                        record: d.record,
                        here: false,
                    });
                }
                self.status = format!(
                    "Draft {} of {} discarded; the audit log keeps that it existed.",
                    safe(&d.form_title),
                    crate::dates::for_people(d.event_date)
                );
                // The family's list and the families' Drafts count follow.
                out.extend([
                    Effect::OpenFamily(d.family),
                    Effect::RefreshFamily(d.family),
                ]);
                out
            }
            Msg::ChildUpdated { family, name } => {
                self.overlay = None;
                self.status = format!("{}: details saved.", safe(&name));
                vec![Effect::OpenFamily(family)]
            }
            Msg::Record(r) => self.open_record(*r),
            Msg::Saved {
                record,
                revision,
                generation,
            } => self.on_saved(record, revision, None, generation),
            Msg::SavedAsNew {
                old,
                record,
                revision,
                generation,
            } => self.on_saved(old, revision, Some(record), generation),
            Msg::SaveFailed(why) => {
                self.after_save = None;
                if let Some(Overlay::Addendum(a)) = &mut self.overlay {
                    // Hand the addendum over again with the next tick.
                    a.handed = a.saved;
                }
                if let Some(o) = &mut self.open {
                    o.retry_at = Some(self.now + RETRY_AFTER);
                    o.save_trouble = true;
                    // Handed over but not saved: hand it over again.
                    o.handed = 0;
                    o.first_unhanded.get_or_insert(self.now);
                }
                // The reassurance first: at 80 columns the end of a long
                // line is cut off.
                self.status =
                    format!("Your text is still here; saving again shortly. Not saved: {why}");
                Vec::new()
            }
            Msg::SaveWaiting { kept } => {
                if let Some(o) = &mut self.open {
                    o.save_trouble = true;
                }
                self.status = if kept {
                    "Your text is kept safe; the case file is busy, still trying.".into()
                } else {
                    "Your text is still here; the case file is busy, still trying.".into()
                };
                Vec::new()
            }
            Msg::FinaliseRefused(c) => {
                if let Some(o) = &mut self.open {
                    let missing = record_view::describe_problems(&o.form, &o.children, &c);
                    self.status = format!(
                        "Not finalised: {} answer(s) missing or to correct (listed).",
                        missing.len()
                    );
                    o.review.missing = missing;
                    if let Some(r) = &mut o.review_screen {
                        r.set_notice(Some(self.status.clone()));
                    }
                }
                Vec::new()
            }
            Msg::Finalised { revision, by, at } => {
                // Shown by display name, as every signature is.
                let by = self.people.label(&by);
                if let Some(o) = &mut self.open {
                    o.revision = revision;
                    o.draft = false;
                    o.dirty = false;
                    o.review.missing.clear();
                    self.status = format!("Finalised by {by} at {at}");
                    if let Some(r) = &mut o.review_screen {
                        r.set_finalised(&by, &at);
                    }
                    if o.significant {
                        self.status
                            .push_str("; a significant event, now in the chronology");
                    }
                    o.finalised = Some((by, at));
                    let id = o.id;
                    let mut out = vec![Effect::FormClosed(id)];
                    out.extend(self.ask_due());
                    return out;
                }
                Vec::new()
            }
            Msg::AddendumDraftSaved { record, generation } => {
                if let Some(Overlay::Addendum(a)) = &mut self.overlay
                    && a.record == record
                {
                    a.saved = a.saved.max(generation);
                }
                Vec::new()
            }
            Msg::AddendumAdded(row) => {
                self.overlay = None;
                if let Some(o) = &mut self.open {
                    o.addendum_draft = None;
                    o.addenda.push(row);
                    if let Some(r) = &mut o.review_screen {
                        r.set_addenda(o.addenda.clone());
                    }
                }
                self.status = "Addendum added.".into();
                Vec::new()
            }
            Msg::DialogRefused { field, message } => {
                match (&mut self.overlay, field) {
                    (Some(Overlay::Dialog(d)), Some(i)) => d.set_field_error(i, message),
                    (Some(Overlay::Dialog(d)), None) => d.error = Some(message),
                    (Some(Overlay::Picker(p)), _) => p.error = Some(message),
                    (Some(Overlay::Addendum(a)), _) => a.error = Some(message),
                    _ => self.status = message,
                }
                Vec::new()
            }
            Msg::Failed(why) => {
                self.after_save = None;
                // Whatever was being opened will not arrive now.
                self.opening_family = None;
                self.opening_chronology = None;
                self.status = why;
                Vec::new()
            }
            Msg::Offer(offer) => {
                self.home.notice = Some(offer);
                Vec::new()
            }
            Msg::Role { supervisor } => {
                self.supervisor = Some(supervisor);
                self.due.set_supervisor(supervisor);
                Vec::new()
            }
            Msg::Due { list, supervisor } => {
                self.supervisor = Some(supervisor);
                self.due.set_items(list, supervisor, self.today);
                self.refresh_home_due();
                Vec::new()
            }
            Msg::DueCounted { tally, supervisor } => {
                self.supervisor = Some(supervisor);
                self.due.set_tally(tally, supervisor, self.today);
                self.refresh_home_due();
                Vec::new()
            }
            Msg::DueFailed(why) => {
                self.due.set_error(why.clone());
                self.refresh_home_due();
                self.status = format!("What is due could not be worked out: {why}");
                Vec::new()
            }
            Msg::Chronology(view) => {
                let id = view.family;
                match &mut self.chronology {
                    Some(c) if c.family() == id => c.reload(view),
                    _ => self.chronology = Some(ChronologyScreen::new(view)),
                }
                if self.opening_chronology == Some(id) {
                    self.opening_chronology = None;
                    if self.screen() == Screen::Family {
                        self.nav.push(Screen::Chronology);
                        self.status.clear();
                    }
                }
                Vec::new()
            }
            Msg::Register(view) => {
                if self.screen() == Screen::Family
                    && self.family.as_ref().map(|f| f.id()) == Some(view.family)
                {
                    self.register = Some(RegisterScreen::new(view, self.today));
                    self.nav.push(Screen::Register);
                    self.status.clear();
                }
                Vec::new()
            }
            Msg::Log(data) => {
                if self.screen() == Screen::Home {
                    self.log = Some(crate::tui::log_view::LogScreen::new(data));
                    self.nav.push(Screen::Log);
                    self.status.clear();
                }
                Vec::new()
            }
            Msg::Found(outcome) => {
                if let Some(s) = &mut self.search {
                    s.show(outcome);
                }
                Vec::new()
            }
            Msg::SearchFailed(why) => {
                if let Some(s) = &mut self.search {
                    s.failed(why);
                }
                Vec::new()
            }
            Msg::ChronologyAdded { family } => {
                self.overlay = None;
                self.status = "Chronology entry added.".into();
                let mut out = vec![Effect::OpenChronology(family), Effect::OpenFamily(family)];
                out.extend(self.ask_due());
                out
            }
        }
    }
}
