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

mod lookup;
mod messages;
mod msg;
mod nav;
mod overlay;
mod record;
mod routing;
mod tour;
mod view;

pub use msg::{Effect, ExportRequest, FormFactory, FormPane, LoadedRecord, Msg};
pub use nav::{Nav, Screen};
pub use overlay::Overlay;
use record::AfterSave;
pub use record::OpenRecord;

use crate::form::FormSet;
use crate::record::FamilyId;
use crate::tui::chronology_view::ChronologyScreen;
use crate::tui::due_view::DueScreen;
use crate::tui::family::FamilyScreen;
use crate::tui::home::Home;
use crate::tui::register_view::RegisterScreen;
use crate::tui::search_view::SearchScreen;
use crate::user::{UserDirectory, UserLogin};
use chrono::NaiveDate;
use std::time::{Duration, Instant};
/// Unsaved text older than this is said on the status line: saving should
/// have kept pace by then.
pub const UNSAVED_WARNING: Duration = Duration::from_secs(2);

/// The longest an edit waits before the draft is handed over to be saved,
/// whether or not typing pauses: with the loop's turn (100 ms) and a save
/// (tens of milliseconds) this keeps the promise that at most a second of
/// typing is lost on a crash or a power cut (docs/safety.md).
pub const AUTOSAVE_AFTER: Duration = Duration::from_millis(500);
/// How often an open draft says it is still open, and asks who else has
/// it open (store::PRESENCE_FRESH is a little over twice this).
pub const PRESENCE_EVERY: Duration = Duration::from_secs(30);
/// The banner on every screen of a demonstration file.
pub const DEMO_BANNER: &str = "DEMO: fictional family";
/// How long to wait before trying again after a save failed.
pub const RETRY_AFTER: Duration = Duration::from_secs(2);

/// The whole state of the program.
pub struct App {
    /// The screens gone through; the one on top is showing.
    nav: Nav,
    /// The families screen (always there, to go back to).
    pub home: Home,
    /// The family screen, once one is open.
    pub family: Option<FamilyScreen>,
    /// The due view (always there: the home screen's counts come from it).
    pub due: DueScreen,
    /// The chronology screen, once one is open.
    pub chronology: Option<ChronologyScreen>,
    /// The action register screen, once one is open.
    pub register: Option<RegisterScreen>,
    /// The search screen, once one is open.
    pub search: Option<SearchScreen>,
    /// The person is a read-only user: every write key is refused with
    /// [`READ_ONLY_STATUS`] and records open to read only.
    pub read_only: bool,
    /// Who is who, to show display names instead of logins.
    pub people: UserDirectory,
    /// The audit log screen, once one is open.
    pub log: Option<crate::tui::log_view::LogScreen>,
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
    pub user: UserLogin,
    /// The file is a demonstration's (marked by `casenotes demo`): every
    /// screen says so, so a projector never shows one that could be taken
    /// for real.
    pub demo: bool,
    /// The case file's name, for the title line.
    pub file_label: String,
    /// The last frame was too small to show anything but a message: keys
    /// then must not change what the person cannot see.
    pub too_small: bool,
    /// Where the last frame put the terminal's cursor in a form's text,
    /// and the text area it is in, for a typed letter shown ahead of its
    /// frame (tui/echo.rs).
    pub text_cursor: Option<crate::tui::echo::TextCursor>,
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
    /// A family asked for from the due view, to show when it arrives.
    opening_family: Option<FamilyId>,
    /// A chronology asked for, to show when it arrives.
    opening_chronology: Option<FamilyId>,
    /// Whether copying to the terminal's clipboard is allowed (the
    /// config's `copy_to_clipboard`; on unless a config turns it off).
    pub clipboard_allowed: bool,
    /// Text to send to the terminal's clipboard (OSC 52); the runtime
    /// takes it after the next frame.
    pub clipboard: Option<String>,
    /// The answer a record being opened from a search should start at.
    opening_at: Option<crate::record::Slot>,
    /// The guided tour, while it runs (`casenotes demo --tour`).
    pub tour: Option<crate::tui::tour_view::TourState>,
    /// The screen a tour step is on its way to, once the family arrives.
    tour_pending: Option<crate::demo::tour::TourScreen>,
    /// The audit (and the place in it) to go back to when the record
    /// opened from its evidence is left (issue 16).
    return_to: Option<(crate::record::RecordId, crate::record::Slot)>,
    /// The title and key lines as last drawn: copied while unchanged, as
    /// they are on every keystroke into a field (issue 12).
    chrome_cells: ChromeCells,
}

/// What the title and key lines were drawn from, and their cells.
#[derive(Default)]
struct ChromeCells {
    title: crate::tui::render_cache::RenderCache<(bool, String, String, crate::tui::theme::Theme)>,
    footer: crate::tui::render_cache::RenderCache<(
        Vec<(&'static str, &'static str)>,
        crate::tui::theme::Theme,
    )>,
}

impl App {
    /// Takes who is who, to show display names instead of logins.
    pub fn set_people(&mut self, people: UserDirectory) {
        self.due.people = people.clone();
        self.people = people;
    }
}

/// What the status line says when a read-only user presses a write key
/// (short enough for 80 columns).
pub const READ_ONLY_STATUS: &str = "Read-only access: you can read and export, not write.";

impl App {
    /// A new app on the home screen.
    pub fn new(
        user: &UserLogin,
        file_label: &str,
        forms: FormSet,
        today: NaiveDate,
        now: Instant,
        make_form: FormFactory,
    ) -> App {
        App {
            nav: Nav::default(),
            home: Home::default(),
            family: None,
            due: DueScreen::new(user.as_str()),
            chronology: None,
            register: None,
            search: None,
            log: None,
            supervisor: None,
            read_only: false,
            people: UserDirectory::default(),
            open: None,
            overlay: None,
            help: false,
            status: String::new(),
            user: user.clone(),
            file_label: file_label.to_owned(),
            too_small: false,
            text_cursor: None,
            demo: false,
            forms,
            today,
            now,
            make_form,
            after_save: None,
            quitting: false,
            started: false,
            due_asked: false,
            opening_family: None,
            opening_chronology: None,
            clipboard_allowed: true,
            clipboard: None,
            opening_at: None,
            tour: None,
            tour_pending: None,
            chrome_cells: ChromeCells::default(),
            return_to: None,
        }
    }

    /// Asks for the due list unless it is already asked for in this update.
    pub(super) fn ask_due(&mut self) -> Option<Effect> {
        if self.due_asked {
            return None;
        }
        self.due_asked = true;
        // The items in full only for the due screen (a supervisor's team
        // list is large, issue 12).
        Some(if self.due_wanted() {
            Effect::ComputeDueList
        } else {
            Effect::ComputeDue
        })
    }

    /// Whether the due screen is open or on the way back to it, so its
    /// items are kept.
    fn due_wanted(&self) -> bool {
        self.nav.path().contains(&Screen::Due)
    }

    /// Passes the due list's counts to the home screen.
    pub(super) fn refresh_home_due(&mut self) {
        self.home
            .set_due(self.due.summary(), self.due.overdue_by_family());
    }

    /// Whether details loaded for editing may open their dialog: the
    /// family they belong to is still the one on screen and nothing else
    /// is open over it.
    pub(super) fn can_open_edit(&self, family: FamilyId) -> bool {
        self.screen() == Screen::Family
            && self.overlay.is_none()
            && !self.help
            && self.family.as_ref().map(FamilyScreen::id) == Some(family)
    }

    /// The screen showing.
    pub fn screen(&self) -> Screen {
        self.nav.top()
    }

    /// The screens gone through to reach the one showing, from the families.
    pub fn path(&self) -> &[Screen] {
        self.nav.path()
    }

    /// Work the open form can leave for a pause in typing (called by the
    /// event loop when no event came in a turn); true when the screen is to
    /// be drawn again.
    pub fn settle(&mut self) -> bool {
        self.open.as_mut().is_some_and(|o| o.pane.settle())
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
        // A supervisor's team list is held only for the due screen; its
        // counts stay for the home screen (issue 12).
        if !self.due_wanted() && self.due.forget_items() {
            crate::sys::give_back_free_memory();
        }
        out
    }
}
