//! The application's state and its one `update` function: terminal events
//! and the results of store work come in as messages; `update` changes the
//! state and returns effects (load, save, finalise, work out what is due,
//! quit) for the runtime to carry out against the store. Nothing here
//! touches the terminal or the file, so every flow can be tested by feeding
//! messages.
//!
//! Start-up: the runtime draws the first frame before any effect runs, and
//! the first tick or key asks for the due list (`Effect::ComputeDue`), so
//! working it out over a large file never delays that frame.

use super::chrome::{
    self, StatusText, bands, render_footer, render_status, render_title, safe, too_small,
};
use super::chronology_view::{ChronologyAction, ChronologyScreen, ChronologyView};
use super::dialogs::{
    AddendumDialog, Confirm, Dialog, DialogKind, DialogOutcome, FamilyEdit, FinaliseQuestion,
    FormChoice, FormPicker, NewEntry, NewFamily,
};
use super::due_view::{DueAction, DueScreen, DueSummary};
use super::family::{FamilyAction, FamilyScreen, FamilyView};
use super::form_screen::{FormContext, FormEvent};
use super::help;
use super::home::{FamilyRow, Home, HomeAction, ResumeOffer};
use super::record_view::{self, ReviewState};
use super::review::{ReviewContext, ReviewEvent, ReviewScreen};
use super::theme::Theme;
use crate::export::{Addendum, RecordMeta};
use crate::form::{Form, FormSet};
use crate::record::{Answers, ChildId, parse_date};
use crate::store::{ChildDetails, FamilyId, RecordDraft, RecordId};
use crate::timescale::DueItem;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::time::{Duration, Instant};

/// Unsaved text older than this is said on the status line: saving should
/// have kept pace by then.
pub const UNSAVED_WARNING: Duration = Duration::from_secs(2);

/// The longest an edit waits before the draft is handed over to be saved,
/// whether or not typing pauses: with the loop's turn (100 ms) and a save
/// (tens of milliseconds) this keeps the promise that at most a second of
/// typing is lost on a crash or a power cut (docs/safety.md).
pub const AUTOSAVE_AFTER: Duration = Duration::from_millis(500);
/// How long to wait before trying again after a save failed.
pub const RETRY_AFTER: Duration = Duration::from_secs(2);

/// The form walk-through as the app uses it; `form_screen::FormScreen`
/// is the one implementation (`form_adapter`), built by the
/// [`FormFactory`] the app is given.
pub trait FormPane {
    /// Handles one key press.
    fn on_key(&mut self, key: KeyEvent) -> FormEvent;
    /// Handles a bracketed paste.
    fn on_paste(&mut self, text: &str) -> FormEvent;
    /// Whether a typed character would go into text (not be a command).
    fn is_typing(&self) -> bool;
    /// Where the text cursor was drawn in the last frame, for the
    /// terminal's own cursor.
    fn cursor_position(&self) -> Option<ratatui::layout::Position>;
    /// The answers as they are now.
    fn answers(&self) -> &Answers;
    /// Draws the form.
    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme);
    /// The keys that work in the form, for footer and help.
    fn keys(&self) -> Vec<(&'static str, &'static str)>;
}

/// Builds the form pane for an opened record.
pub type FormFactory = Box<dyn Fn(FormContext) -> Box<dyn FormPane>>;

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
    pub author: String,
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
}

/// Results of the store's work, and terminal events, as the app sees them.
pub enum Msg {
    /// A key was pressed.
    Key(KeyEvent),
    /// Text was pasted (bracketed paste).
    Paste(String),
    /// Time passed: autosave and the "saved N s ago" line depend on it.
    Tick,
    /// The families, for the home screen.
    Families(Vec<FamilyRow>),
    /// A family, for the family screen.
    Family(FamilyView),
    /// A family was created.
    FamilyCreated(FamilyId),
    /// A child was added.
    ChildAdded(String),
    /// A family's details as stored now, to edit in a dialog.
    EditFamily(FamilyEdit),
    /// A child's details as stored now, to correct in a dialog.
    EditChild {
        /// The child's family.
        family: FamilyId,
        /// The child.
        child: ChildId,
        /// What is stored about them.
        details: ChildDetails,
    },
    /// A family's details were changed.
    FamilyUpdated {
        /// The family.
        family: FamilyId,
        /// The closing date saved, if the case is closed.
        closed_on: Option<NaiveDate>,
    },
    /// A child's details were corrected.
    ChildUpdated {
        /// The child's family.
        family: FamilyId,
        /// The child's name as saved.
        name: String,
    },
    /// A record was loaded (after opening or creating it).
    Record(Box<LoadedRecord>),
    /// The open draft was saved at this revision.
    Saved {
        /// The draft saved.
        record: RecordId,
        /// The new revision.
        revision: i64,
        /// Which edit of the draft was saved.
        generation: u64,
    },
    /// Someone else had saved the open draft: this person's text was kept
    /// as a new draft of their own.
    SavedAsNew {
        /// The draft that was open.
        old: RecordId,
        /// The new draft.
        record: RecordId,
        /// Its revision.
        revision: i64,
        /// Which edit of the draft was saved.
        generation: u64,
    },
    /// Finalising was refused: these answers are missing or wrong.
    FinaliseRefused(crate::record::Completeness),
    /// The record was finalised.
    Finalised {
        /// The new revision.
        revision: i64,
        /// Who finalised it.
        by: String,
        /// When, as shown to people.
        at: String,
    },
    /// An addendum was added.
    AddendumAdded(Addendum),
    /// The addendum being written was autosaved.
    AddendumDraftSaved {
        /// The finalised record it is for.
        record: RecordId,
        /// Which edit was saved.
        generation: u64,
    },
    /// The open dialog's answers were refused by the store.
    DialogRefused {
        /// The input to point at, if one.
        field: Option<usize>,
        /// Why, as a sentence naming the field.
        message: String,
    },
    /// A save failed; the text stays on screen.
    SaveFailed(String),
    /// The case file is busy; saving goes on being tried, and the text is
    /// kept in a recovery file meanwhile (`true`) or only on screen.
    SaveWaiting {
        /// Whether a recovery file holds the text.
        kept: bool,
    },
    /// Something else failed.
    Failed(String),
    /// An interrupted draft to offer back.
    Offer(ResumeOffer),
    /// Whether the person using the program is a supervisor.
    Role {
        /// A listed supervisor.
        supervisor: bool,
    },
    /// The due list, worked out: the team's for a supervisor, one's own
    /// otherwise.
    Due {
        /// Most urgent first.
        items: Vec<DueItem>,
        /// Whether the items are the team's (the person is a supervisor).
        supervisor: bool,
    },
    /// The due list could not be worked out.
    DueFailed(String),
    /// A family's chronology, for the chronology screen.
    Chronology(ChronologyView),
    /// A chronology entry was added to this family.
    ChronologyAdded {
        /// The family.
        family: FamilyId,
    },
}

/// Work for the runtime to do against the store.
#[derive(Clone, Debug)]
pub enum Effect {
    /// Reload the families.
    LoadFamilies,
    /// Load a family's screen.
    OpenFamily(FamilyId),
    /// Create a family.
    CreateFamily(NewFamily),
    /// Add a child to a family.
    AddChild {
        /// The family.
        family: FamilyId,
        /// The child.
        child: ChildDetails,
    },
    /// Load a family's details to edit them.
    EditFamily(FamilyId),
    /// Load a child's details to correct them.
    EditChild(ChildId),
    /// Save a family's changed details.
    UpdateFamily(FamilyEdit),
    /// Save a child's corrected details.
    UpdateChild {
        /// The child's family.
        family: FamilyId,
        /// The child.
        child: ChildId,
        /// The details as typed.
        details: ChildDetails,
    },
    /// Create a draft record and open it.
    CreateRecord {
        /// The family.
        family: FamilyId,
        /// The form's id.
        form_id: String,
        /// The children it is about.
        children: Vec<ChildId>,
    },
    /// Load a record and open it.
    OpenRecord(RecordId),
    /// Put a recovery file's text back into its draft, then open it.
    RestoreRecovered(RecordId),
    /// Save the open draft.
    SaveDraft {
        /// The record.
        record: RecordId,
        /// The revision it was loaded or last saved at.
        expected_revision: i64,
        /// What to save.
        draft: RecordDraft,
        /// Which edit of the draft this is.
        generation: u64,
    },
    /// Save and finalise the open draft.
    Finalise {
        /// The record.
        record: RecordId,
        /// The revision it was last saved at.
        expected_revision: i64,
        /// What to save.
        draft: RecordDraft,
        /// Its form, to check completeness against.
        form: Box<Form>,
        /// Which edit of the draft this is.
        generation: u64,
    },
    /// Autosave the addendum being written (empty text removes it).
    SaveAddendumDraft {
        /// The finalised record.
        record: RecordId,
        /// The text so far.
        text: String,
        /// Which edit of the addendum this is.
        generation: u64,
    },
    /// Add an addendum to a finalised record.
    AddAddendum {
        /// The record.
        record: RecordId,
        /// The text.
        text: String,
    },
    /// The person left the form on purpose: the draft is no longer an
    /// interrupted one.
    FormClosed(RecordId),
    /// Work out what is due (and the person's role) and report both.
    ComputeDue,
    /// Load a family's chronology.
    OpenChronology(FamilyId),
    /// Add a chronology entry.
    AddChronologyEntry(NewEntry),
    /// Leave the program.
    Quit,
}

/// Which screen is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The families.
    Home,
    /// One family.
    Family,
    /// A record's form.
    Form,
    /// A record read as a whole, to finalise or to add an addendum.
    Review,
    /// What is overdue, due today and due this week.
    Due,
    /// A family's chronology.
    Chronology,
}

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
    /// "Finalise this record? Is it a significant event?"
    FinaliseSignificant(FinaliseQuestion),
}

/// What to do once the pending save has succeeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AfterSave {
    Close,
    Quit,
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
    pub author: String,
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
    /// Answers changed since the last save.
    pub dirty: bool,
    /// Counts the edits: each save says which edit it holds, so a save
    /// that finishes after more typing leaves the draft marked unsaved.
    pub edits: u64,
    /// The newest edit handed over to be saved.
    handed: u64,
    /// The first edit not yet handed over: autosave hands the text over at
    /// most [`AUTOSAVE_AFTER`] later, whether or not typing pauses.
    first_unhanded: Option<Instant>,
    /// The status line says saving is in trouble (busy, failed); the next
    /// good save clears it.
    save_trouble: bool,
    /// Since when some of the text has not been saved.
    unsaved_since: Option<Instant>,
    /// When the draft was last saved by this session.
    pub last_saved: Option<Instant>,
    /// Do not try to autosave before this (after a failure).
    retry_at: Option<Instant>,
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

/// The whole state of the program.
pub struct App {
    /// Which screen is showing.
    pub screen: Screen,
    /// The families screen (always there, to go back to).
    pub home: Home,
    /// The family screen, once one is open.
    pub family: Option<FamilyScreen>,
    /// The due view (always there: the home screen's counts come from it).
    pub due: DueScreen,
    /// The chronology screen, once one is open.
    pub chronology: Option<ChronologyScreen>,
    /// Whether the person is a supervisor; `None` until the store has said.
    pub supervisor: Option<bool>,
    /// The record in the form or review.
    pub open: Option<OpenRecord>,
    /// A dialog over the screen.
    pub overlay: Option<Overlay>,
    /// Whether help is showing.
    pub help: bool,
    /// The last message for the person.
    pub status: String,
    /// Who is using the program.
    pub user: String,
    /// The case file's name, for the title line.
    pub file_label: String,
    /// The last frame was too small to show anything but a message: keys
    /// then must not change what the person cannot see.
    pub too_small: bool,
    /// The forms that can be started.
    pub forms: FormSet,
    /// Today, for date checks; set by the runtime.
    pub today: NaiveDate,
    /// The time of the message being handled; set by `update`.
    pub now: Instant,
    make_form: FormFactory,
    after_save: Option<AfterSave>,
    quitting: bool,
    /// The due list has been asked for at least once.
    started: bool,
    /// A `ComputeDue` is among the effects being returned now.
    due_asked: bool,
    /// Where leaving an open record goes back to (the family by default).
    record_return: Option<Screen>,
    /// Where leaving the family screen goes back to (home by default).
    family_return: Option<Screen>,
    /// A family asked for from the due view, to show when it arrives.
    opening_family: Option<FamilyId>,
    /// A chronology asked for, to show when it arrives.
    opening_chronology: Option<FamilyId>,
}

impl App {
    /// A new app on the home screen.
    pub fn new(
        user: &str,
        file_label: &str,
        forms: FormSet,
        today: NaiveDate,
        now: Instant,
        make_form: FormFactory,
    ) -> App {
        App {
            screen: Screen::Home,
            home: Home::default(),
            family: None,
            due: DueScreen::new(user),
            chronology: None,
            supervisor: None,
            open: None,
            overlay: None,
            help: false,
            status: String::new(),
            user: user.to_owned(),
            file_label: file_label.to_owned(),
            too_small: false,
            forms,
            today,
            now,
            make_form,
            after_save: None,
            quitting: false,
            started: false,
            due_asked: false,
            record_return: None,
            family_return: None,
            opening_family: None,
            opening_chronology: None,
        }
    }

    /// Asks for the due list unless it is already asked for in this update.
    fn ask_due(&mut self) -> Option<Effect> {
        if self.due_asked {
            return None;
        }
        self.due_asked = true;
        Some(Effect::ComputeDue)
    }

    /// Passes the due list's counts to the home screen.
    fn refresh_home_due(&mut self) {
        self.home
            .set_due(self.due.summary(), self.due.overdue_by_family());
    }

    /// Whether details loaded for editing may open their dialog: the
    /// family they belong to is still the one on screen and nothing else
    /// is open over it.
    fn can_open_edit(&self, family: FamilyId) -> bool {
        self.screen == Screen::Family
            && self.overlay.is_none()
            && !self.help
            && self.family.as_ref().map(FamilyScreen::id) == Some(family)
    }

    /// Whether the app has asked to quit.
    pub fn is_quitting(&self) -> bool {
        self.quitting
    }

    /// Handles one message at time `now`, returning the work to do.
    pub fn update(&mut self, msg: Msg, now: Instant) -> Vec<Effect> {
        self.due_asked = false;
        // The runtime handles the first messages (the families, an offer)
        // before the first frame and drops their effects; ticks and keys
        // come after it, so the first of those asks for the due list.
        let start = !self.started && matches!(msg, Msg::Tick | Msg::Key(_) | Msg::Paste(_));
        let mut out = self.handle(msg, now);
        if start && !self.quitting {
            self.started = true;
            out.extend(self.ask_due());
        }
        out
    }

    fn handle(&mut self, msg: Msg, now: Instant) -> Vec<Effect> {
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
                if self.screen == Screen::Home || self.opening_family == Some(id) {
                    self.screen = Screen::Family;
                }
                if self.opening_family == Some(id) {
                    self.opening_family = None;
                }
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
                        on.format("%Y-%m-%d")
                    ),
                    None => "Family details saved.".into(),
                };
                // Flags, status and worker decide the recurring duties and
                // whose list they are in, so the due list is worked out again.
                let mut out = vec![Effect::LoadFamilies, Effect::OpenFamily(family)];
                out.extend(self.ask_due());
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
            Msg::Due { items, supervisor } => {
                self.supervisor = Some(supervisor);
                self.due.set_items(items, supervisor, self.today);
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
                    if self.screen == Screen::Family {
                        self.screen = Screen::Chronology;
                        self.status.clear();
                    }
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
                self.screen == Screen::Form
                    && self
                        .open
                        .as_ref()
                        .is_some_and(|o| o.draft && o.pane.is_typing())
            }
        }
    }

    /// Whether the open draft holds text not yet saved.
    pub fn has_unsaved_text(&self) -> bool {
        let addendum = matches!(&self.overlay, Some(Overlay::Addendum(a)) if a.unsaved());
        addendum || self.open.as_ref().is_some_and(|o| o.draft && o.dirty)
    }

    fn save_effect(&mut self) -> Option<Effect> {
        let o = self.open.as_mut()?;
        if !o.draft || !o.dirty {
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

    fn on_saved(
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
            Some(AfterSave::Quit) => {
                let id = o.id;
                self.quitting = true;
                vec![Effect::FormClosed(id), Effect::Quit]
            }
            None => Vec::new(),
        }
    }

    /// Starts the autosave clock of the addendum being written at its
    /// first change not yet handed over.
    fn note_addendum_edit(&mut self) {
        let now = self.now;
        if let Some(Overlay::Addendum(a)) = &mut self.overlay
            && a.edits > a.handed
        {
            a.first_unhanded.get_or_insert(now);
        }
    }

    fn on_tick(&mut self) -> Vec<Effect> {
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

    fn open_record(&mut self, r: LoadedRecord) -> Vec<Effect> {
        let pane = (self.make_form)(FormContext {
            form: r.form.clone(),
            family_label: r.family_label.clone(),
            children: r.children.clone(),
            answers: r.answers,
            read_only: !r.draft,
            today: self.today,
        });
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
        self.overlay = None;
        self.status.clear();
        self.screen = if draft { Screen::Form } else { Screen::Review };
        let mut out = Vec::new();
        // Opened from the interrupted-draft notice: make sure the family
        // screen behind it is the record's own.
        if self.family.as_ref().map(FamilyScreen::id) != Some(r.family) {
            out.push(Effect::OpenFamily(r.family));
        }
        out
    }

    /// Leaves the record for its family, reloading the family's lists.
    fn close_record(&mut self) -> Vec<Effect> {
        let Some(o) = self.open.take() else {
            self.screen = Screen::Family;
            return Vec::new();
        };
        self.screen = self.record_return.take().unwrap_or(Screen::Family);
        if let Some(f) = &mut self.family {
            f.select_record(o.id);
        }
        let mut out = Vec::new();
        if o.draft {
            out.push(Effect::FormClosed(o.id));
        }
        out.push(Effect::OpenFamily(o.family));
        // A draft left (new, or its date changed) changes what is due; once
        // per record, not per key. Finalising asked already.
        if o.draft {
            out.extend(self.ask_due());
        }
        out
    }

    fn quit(&mut self) -> Vec<Effect> {
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
                let mut out = Vec::new();
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

    fn on_paste(&mut self, text: &str) -> Vec<Effect> {
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
            None => match self.screen {
                Screen::Home => self.home.on_paste(text),
                Screen::Form => {
                    if let Some(o) = &mut self.open {
                        let ev = o.pane.on_paste(text);
                        return self.on_form_event(ev);
                    }
                }
                Screen::Family | Screen::Review | Screen::Due | Screen::Chronology => {}
            },
        }
        Vec::new()
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
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
        if self.overlay.is_some() {
            let out = self.overlay_key(key);
            self.note_addendum_edit();
            return out;
        }
        match self.screen {
            Screen::Home => self.home_key(key),
            Screen::Family => self.family_key(key),
            Screen::Form => self.form_key(key),
            Screen::Review => self.review_key(key),
            Screen::Due => self.due_key(key),
            Screen::Chronology => self.chronology_key(key),
        }
    }

    fn due_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        match self.due.on_key(key) {
            DueAction::None => Vec::new(),
            DueAction::Back => {
                self.screen = Screen::Home;
                self.status.clear();
                Vec::new()
            }
            DueAction::OpenRecord(id) => {
                self.status.clear();
                self.record_return = Some(Screen::Due);
                vec![Effect::OpenRecord(id)]
            }
            DueAction::OpenFamily(id) => {
                self.status.clear();
                self.family_return = Some(Screen::Due);
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

    fn chronology_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(c) = &mut self.chronology else {
            self.screen = Screen::Family;
            return Vec::new();
        };
        match c.on_key(key) {
            ChronologyAction::None => Vec::new(),
            ChronologyAction::Back => {
                self.screen = Screen::Family;
                self.status.clear();
                Vec::new()
            }
            ChronologyAction::Add(child) => {
                let family = c.family();
                let children = c.view.children.clone();
                self.overlay = Some(Overlay::Dialog(Dialog::chronology_entry(
                    family, &children, child,
                )));
                Vec::new()
            }
            ChronologyAction::OpenRecord(id) => {
                self.record_return = Some(Screen::Chronology);
                vec![Effect::OpenRecord(id)]
            }
            ChronologyAction::Help => {
                self.help = true;
                Vec::new()
            }
            ChronologyAction::Quit => self.quit(),
        }
    }

    fn home_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        match self.home.on_key(key) {
            HomeAction::None => Vec::new(),
            HomeAction::Open(id) => {
                self.status.clear();
                self.family = None;
                self.family_return = None;
                vec![Effect::OpenFamily(id)]
            }
            HomeAction::NewFamily => {
                self.overlay = Some(Overlay::Dialog(Dialog::new_family()));
                Vec::new()
            }
            HomeAction::Due => {
                self.status.clear();
                self.screen = Screen::Due;
                if self.due.is_ready() {
                    Vec::new()
                } else {
                    // Not worked out yet, or it failed: try (again) now.
                    self.ask_due().into_iter().collect()
                }
            }
            HomeAction::Resume(record) => {
                self.record_return = None;
                vec![Effect::OpenRecord(record)]
            }
            HomeAction::Restore(record) => {
                self.record_return = None;
                vec![Effect::RestoreRecovered(record)]
            }
            HomeAction::Help => {
                self.help = true;
                Vec::new()
            }
            HomeAction::Quit => self.quit(),
        }
    }

    fn family_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(f) = &mut self.family else {
            self.screen = Screen::Home;
            return Vec::new();
        };
        match f.on_key(key) {
            FamilyAction::None => Vec::new(),
            FamilyAction::Back => {
                self.status.clear();
                if let Some(back) = self.family_return.take() {
                    self.screen = back;
                    return Vec::new();
                }
                self.screen = Screen::Home;
                let id = f.id();
                self.home.select_id(id);
                vec![Effect::LoadFamilies]
            }
            FamilyAction::Chronology => {
                let id = f.id();
                self.opening_chronology = Some(id);
                vec![Effect::OpenChronology(id)]
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
                self.record_return = None;
                vec![Effect::OpenRecord(id)]
            }
            FamilyAction::Help => {
                self.help = true;
                Vec::new()
            }
            FamilyAction::Quit => self.quit(),
        }
    }

    fn form_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(o) = &mut self.open else {
            self.screen = Screen::Family;
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
        // `?` reaches here only when the form did not take it as text.
        if ev == FormEvent::Ignored && key.code == KeyCode::Char('?') {
            self.help = true;
            return Vec::new();
        }
        self.on_form_event(ev)
    }

    fn on_form_event(&mut self, ev: FormEvent) -> Vec<Effect> {
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
            FormEvent::SectionChanged => self.save_effect().into_iter().collect(),
            FormEvent::Review => {
                let save = self.save_effect();
                self.open_review();
                save.into_iter().collect()
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
    fn open_review(&mut self) {
        let today = self.today;
        let Some(o) = &mut self.open else {
            return;
        };
        let meta = RecordMeta {
            title: o.form.title.clone(),
            family_label: o.family_label.clone(),
            event_date: Some(o.draft_now().event_date),
            author: o.author.clone(),
            status: if o.draft { "Draft" } else { "Finalised" }.to_owned(),
            finalised_by: o.finalised.as_ref().map(|f| f.0.clone()),
            finalised_at: o.finalised.as_ref().map(|f| f.1.clone()),
            significant: o.form.can_be_significant.then_some(o.significant),
            addenda: o.addenda.clone(),
        };
        o.review_screen = Some(ReviewScreen::new(ReviewContext {
            form: o.form.clone(),
            children: o.children.clone(),
            answers: o.pane.answers().clone(),
            meta,
            today,
        }));
        self.screen = Screen::Review;
    }

    fn review_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(o) = &mut self.open else {
            self.screen = Screen::Family;
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
                    self.screen = Screen::Form;
                    Vec::new()
                } else {
                    self.close_record()
                };
            }
            ReviewEvent::Finalise if o.draft && o.form.can_be_significant => {
                self.overlay = Some(Overlay::FinaliseSignificant(FinaliseQuestion::new(
                    &self.user,
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
            ReviewEvent::Finalise | ReviewEvent::AddAddendum => {}
            ReviewEvent::Ignored => match key.code {
                KeyCode::F(1) | KeyCode::Char('?') => self.help = true,
                KeyCode::Char('q') => return self.quit(),
                _ => {}
            },
        }
        Vec::new()
    }

    fn overlay_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let today = self.today;
        let Some(overlay) = &mut self.overlay else {
            return Vec::new();
        };
        let outcome = match overlay {
            Overlay::Dialog(d) => d.on_key(key, today),
            Overlay::Picker(p) => p.on_key(key),
            Overlay::Addendum(a) => a.on_key(key),
            Overlay::ConfirmFinalise(c) => c.on_key(key),
            Overlay::FinaliseSignificant(q) => q.on_key(key),
        };
        match outcome {
            DialogOutcome::Continue => Vec::new(),
            DialogOutcome::Help => {
                self.help = true;
                Vec::new()
            }
            DialogOutcome::Cancel => {
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

    fn submit_overlay(&mut self) -> Vec<Effect> {
        match &self.overlay {
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
            },
            Some(Overlay::Picker(p)) => match p.form() {
                Some(form) => {
                    self.record_return = None;
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
            None => Vec::new(),
        }
    }

    /// The keys that work now, for the footer and help, with the name of
    /// where you are.
    pub fn keys(&self) -> (&'static str, Vec<(&'static str, &'static str)>) {
        match &self.overlay {
            Some(Overlay::Dialog(d)) => {
                let name = match d.kind {
                    DialogKind::NewFamily => "new family",
                    DialogKind::AddChild { .. } => "add a child",
                    DialogKind::ChronologyEntry { .. } => "chronology entry",
                    DialogKind::EditFamily { .. } => "edit family",
                    DialogKind::EditChild { .. } => "edit child",
                };
                return (name, d.keys());
            }
            Some(Overlay::FinaliseSignificant(q)) => return ("finalise", q.keys()),
            Some(Overlay::Picker(p)) => return ("new record", p.keys()),
            Some(Overlay::Addendum(a)) => return ("addendum", a.keys()),
            Some(Overlay::ConfirmFinalise(_)) => {
                return (
                    "finalise",
                    vec![("Enter y", "finalise"), ("Esc n", "cancel")],
                );
            }
            None => {}
        }
        match self.screen {
            Screen::Home => ("families", self.home.keys()),
            Screen::Family => (
                "family",
                self.family
                    .as_ref()
                    .map(FamilyScreen::keys)
                    .unwrap_or_default(),
            ),
            Screen::Form => {
                let mut k = self
                    .open
                    .as_ref()
                    .map(|o| o.pane.keys())
                    .unwrap_or_default();
                // The app does the saving, so it names these keys itself
                // if the pane has not.
                for (key, what) in [("Ctrl-S", "save now"), ("Esc", "back (saved)")] {
                    if !k.iter().any(|(k, _)| *k == key) {
                        k.push((key, what));
                    }
                }
                k.push(("F1", "help"));
                ("form", k)
            }
            Screen::Review => {
                let mut k = self
                    .open
                    .as_ref()
                    .and_then(|o| o.review_screen.as_ref())
                    .map(ReviewScreen::keys)
                    .unwrap_or_default();
                k.push(("F1", "help"));
                ("review", k)
            }
            Screen::Due => ("what is due", self.due.keys()),
            Screen::Chronology => (
                "chronology",
                self.chronology
                    .as_ref()
                    .map(ChronologyScreen::keys)
                    .unwrap_or_default(),
            ),
        }
    }

    /// The save state for the status line, as of the last message.
    pub fn save_state(&self) -> String {
        let Some(o) = &self.open else {
            return match self.screen {
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

    /// Draws everything. Reads state only (the `&mut` is for scroll
    /// positions the widgets keep).
    pub fn view(&mut self, frame: &mut Frame, theme: &Theme) {
        let area = frame.area();
        self.too_small = too_small(area);
        if self.too_small {
            chrome::render_too_small(frame, area, theme);
            return;
        }
        let status = StatusText::new(&self.status, &self.save_state(), area.width);
        let b = bands(area, status.height());
        let where_ = match self.screen {
            Screen::Home => "Families".to_owned(),
            Screen::Family => self
                .family
                .as_ref()
                .map_or(String::new(), |f| f.view.family.label()),
            Screen::Form | Screen::Review => self.open.as_ref().map_or(String::new(), |o| {
                let status = if o.draft { "draft" } else { "finalised" };
                format!("{} · {} ({status})", o.family_label, o.form.title)
            }),
            Screen::Due => "What is due".to_owned(),
            Screen::Chronology => self.chronology.as_ref().map_or(String::new(), |c| {
                format!("{} · Chronology", c.view.family_label)
            }),
        };
        render_title(
            frame,
            b.title,
            &format!("casenotes · {}", safe(&where_)),
            &format!("{} · {}", safe(&self.user), safe(&self.file_label)),
            theme,
        );
        match self.screen {
            Screen::Home => self.home.render(frame, b.body, theme),
            Screen::Family => {
                if let Some(f) = &mut self.family {
                    f.render(frame, b.body, theme);
                }
            }
            Screen::Form => {
                if let Some(o) = &mut self.open {
                    o.pane.render(frame, b.body, theme);
                }
            }
            Screen::Review => {
                if let Some(r) = self.open.as_mut().and_then(|o| o.review_screen.as_mut()) {
                    r.render(frame, b.body, theme);
                }
            }
            Screen::Due => self.due.render(frame, b.body, theme),
            Screen::Chronology => {
                if let Some(c) = &mut self.chronology {
                    c.render(frame, b.body, theme);
                }
            }
        }
        render_status(frame, b.status, &status, theme);
        let (name, keys) = self.keys();
        render_footer(frame, b.footer, &keys, theme);
        match &mut self.overlay {
            Some(Overlay::Dialog(d)) => d.render(frame, area, theme),
            Some(Overlay::Picker(p)) => p.render(frame, area, theme),
            Some(Overlay::Addendum(a)) => a.render(frame, area, theme),
            Some(Overlay::ConfirmFinalise(c)) => c.render(frame, area, theme),
            Some(Overlay::FinaliseSignificant(q)) => q.render(frame, area, theme),
            None => {}
        }
        if self.help {
            help::render(frame, area, name, &keys, theme);
        }
        // The terminal's own cursor sits where the text goes, unless
        // something is drawn over the form.
        if self.overlay.is_none()
            && !self.help
            && self.screen == Screen::Form
            && let Some(p) = self.open.as_ref().and_then(|o| o.pane.cursor_position())
        {
            frame.set_cursor_position(p);
        }
    }
}
