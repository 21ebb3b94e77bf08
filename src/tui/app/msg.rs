//! The messages the app takes in and the effects it asks for: the whole
//! interface between the app and the runtime that runs it.

use crate::export::Addendum;
use crate::form::Form;
use crate::record::{Answers, ChildId};
use crate::record::{FamilyId, RecordId};
pub use crate::service::LoadedRecord;
use crate::service::{
    ChildDetails, CommentNotice, DraftToDiscard, Fork, PersonDetails, PersonId, RecordDraft,
};
use crate::timescale::DueList;
use crate::tui::chronology_view::ChronologyView;
use crate::tui::dialogs::{FamilyEdit, NewEntry, NewFamily};
use crate::tui::family::FamilyView;
use crate::tui::form_screen::{FormContext, FormEvent, WritingChange, WritingPrefs};
use crate::tui::home::{FamilyList, FamilyRow, ResumeOffer};
use crate::tui::register_view::RegisterView;
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
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
    /// Where the text cursor was drawn in the last frame, with the text
    /// area it is in: for the terminal's own cursor, and for a letter shown
    /// ahead of its frame.
    fn text_cursor(&self) -> Option<crate::tui::echo::TextCursor>;
    /// The answers as they are now.
    fn answers(&self) -> &Answers;
    /// Draws the form.
    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme);
    /// Work that can wait for a pause in typing; true when the form is to
    /// be drawn again.
    fn settle(&mut self) -> bool {
        false
    }
    /// The keys that work in the form, for footer and help.
    fn keys(&self) -> Vec<(&'static str, &'static str)>;
    /// Something the form has to tell the person (a question before a
    /// table row holding text is deleted), for the status line.
    fn take_message(&mut self) -> Option<String> {
        None
    }
    /// Takes the user's own writing-help words and settings (issue 13).
    fn set_writing_prefs(&mut self, _prefs: &WritingPrefs) {}
    /// Takes the family's other people, whose names the writing help
    /// checks the spelling of.
    fn set_writing_people(&mut self, _people: &[crate::writing::Person]) {}
    /// Changes to the user's writing help, to keep in the case file.
    fn take_writing_changes(&mut self) -> Vec<WritingChange> {
        Vec::new()
    }
    /// Writing-help findings in the whole record, per kind, for review.
    fn writing_counts(&mut self) -> Option<[usize; 6]> {
        None
    }
    /// Shows the page and field of this answer (a search result's match).
    fn go_to(&mut self, _slot: &crate::record::Slot) {}
    /// Where the person is in the form now (field and cursor line), kept
    /// with the draft when they leave it.
    fn place(&self) -> Option<crate::record::DraftPlace> {
        None
    }
    /// Returns to where the person left the draft.
    fn resume_at(&mut self, _place: &crate::record::DraftPlace) {}
    /// Takes the family's last record of the same form (or none), shown
    /// beside the form on request.
    fn set_previous(&mut self, _previous: Option<crate::service::PreviousRecord>) {}
    /// The place of the audit evidence on the page showing (issue 16).
    fn evidence_slot(&self) -> Option<crate::record::Slot> {
        None
    }
}

/// Builds the form pane for an opened record.
pub type FormFactory = Box<dyn Fn(FormContext) -> Box<dyn FormPane>>;

/// Results of the store's work, and terminal events, as the app sees them.
pub enum Msg {
    /// A key was pressed.
    Key(KeyEvent),
    /// Text was pasted (bracketed paste).
    Paste(String),
    /// Time passed: autosave and the "saved N s ago" line depend on it.
    Tick,
    /// The families, for the home screen.
    Families(FamilyList),
    /// A family, for the family screen.
    Family(FamilyView),
    /// A family was created.
    FamilyCreated(FamilyId),
    /// One family's home-screen row as stored now.
    FamilyRow(FamilyRow),
    /// Who else has the open draft open now, and drafts made from it
    /// because someone else saved it after this person.
    Presence {
        /// The draft asked about.
        record: RecordId,
        /// Their logins.
        others: Vec<crate::user::UserLogin>,
        /// Its forks, oldest first.
        forks: Vec<Fork>,
    },
    /// Comments on this person's records that they have not read.
    Comments(Vec<CommentNotice>),
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
    /// A person's details as stored now, to correct in a dialog.
    EditPerson {
        /// The person's family.
        family: FamilyId,
        /// The person.
        person: PersonId,
        /// What is stored about them.
        details: PersonDetails,
    },
    /// A person was added or corrected; their name as saved.
    PersonSaved {
        /// Their family.
        family: FamilyId,
        /// Their name as saved.
        name: String,
    },
    /// An export was written: where, and how many bytes.
    ExportWritten(std::path::PathBuf, usize),
    /// The export's file exists: ask before replacing it.
    ExportExists(ExportRequest),
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
        /// Most urgent first, compact (a team's list runs to hundreds of
        /// thousands of items at 50,000 families).
        list: DueList,
        /// Whether the items are the team's (the person is a supervisor).
        supervisor: bool,
    },
    /// A supervisor's due list counted, without its items (the home screen
    /// needs only the counts; the due screen asks for the items).
    DueCounted {
        /// The counts, for the team's work and one's own.
        tally: crate::tui::due_tally::DueTally,
        /// Whether the person is a supervisor.
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
    /// A family's action register, for the register screen.
    Register(RegisterView),
    /// The audit log this person may read, for the log screen.
    Log(crate::tui::log_view::LogData),
    /// What a search found.
    Found(crate::service::search::Outcome),
    /// Why a search could not run.
    SearchFailed(String),
    /// A draft this person may discard: ask first.
    DiscardAsked(DraftToDiscard),
    /// A draft was discarded.
    DraftDiscarded(DraftToDiscard),
    /// Start the guided tour (`casenotes demo --tour`).
    StartTour(Box<crate::demo::tour::Tour>),
}

/// An export of the record being reviewed to a file, as asked for in the
/// export dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    /// The record.
    pub record: RecordId,
    /// Markdown, text or HTML.
    pub format: crate::service::export::Format,
    /// One child's export, or `None` for every child on the record.
    pub child: Option<ChildId>,
    /// The file.
    pub path: std::path::PathBuf,
}

/// Work for the runtime to do against the store.
#[derive(Clone, Debug)]
pub enum Effect {
    /// Reload the families.
    LoadFamilies,
    /// Keep changes to the user's writing help in the case file.
    SaveWriting(Vec<WritingChange>),
    /// Load a family's screen.
    OpenFamily(FamilyId),
    /// Say that this person has a draft open now, or has left it.
    Presence {
        /// The draft.
        record: RecordId,
        /// Open now (`true`) or left.
        here: bool,
    },
    /// Ask who else has a draft open, and whether anyone's text became a
    /// new draft beside it.
    CheckPresence(RecordId),
    /// Read one family's home-screen row again (its drafts changed).
    RefreshFamily(FamilyId),
    /// Find out whether a draft may be discarded, to ask.
    AskDiscard(RecordId),
    /// Discard a draft, as the person confirmed.
    DiscardDraft(RecordId),
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
    /// Add a parent, carer or professional to a family.
    AddPerson {
        /// The family.
        family: FamilyId,
        /// What was typed.
        details: PersonDetails,
    },
    /// Load a person's details to correct them.
    EditPerson(PersonId),
    /// Save a person's corrected details.
    UpdatePerson {
        /// The person's family.
        family: FamilyId,
        /// The person.
        person: PersonId,
        /// The details as typed.
        details: PersonDetails,
    },
    /// Export a record to a file; replace an existing file only if `true`.
    ExportToFile(ExportRequest, bool),
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
    /// Keep where the person is in a draft, for reopening it there.
    KeepPlace {
        /// The draft.
        record: RecordId,
        /// The field and cursor line.
        place: crate::record::DraftPlace,
    },
    /// Work out what is due (and the person's role) and report both: a
    /// supervisor's team list only counted (`Msg::DueCounted`), one's own
    /// in full (`Msg::Due`).
    ComputeDue,
    /// As `ComputeDue`, with the items in full for anyone (the due screen
    /// is open).
    ComputeDueList,
    /// Load a family's chronology.
    OpenChronology(FamilyId),
    /// Add a chronology entry.
    AddChronologyEntry(NewEntry),
    /// Load a family's action register.
    OpenRegister(FamilyId),
    /// Load the audit log this person may read.
    OpenLog,
    /// Search records for these words.
    Search {
        /// Where to look.
        scope: crate::service::SearchScope,
        /// The words as typed.
        words: String,
    },
    /// Leave the program.
    Quit,
}
