//! Connects the app to the form screen: `make_form` builds the pane the
//! program uses for a record, and `FormScreen` answers the app's
//! `FormPane` calls with its own methods.

use super::app::FormPane;
use super::form_screen::{FormContext, FormEvent, FormScreen, WritingChange, WritingPrefs};
use super::theme::Theme;
use crate::record::Answers;
use crate::writing::WritingLists;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

/// Builds the pane the program uses for a record: the full form screen.
pub fn make_form(ctx: FormContext) -> Box<dyn FormPane> {
    Box::new(FormScreen::new(ctx))
}

/// As [`make_form`], with a council's writing lists (issue 13).
pub fn make_form_with(ctx: FormContext, lists: &WritingLists) -> Box<dyn FormPane> {
    let mut screen = FormScreen::new(ctx);
    screen.set_writing_lists(lists.clone());
    Box::new(screen)
}

impl FormPane for FormScreen {
    fn on_key(&mut self, key: KeyEvent) -> FormEvent {
        FormScreen::on_key(self, key)
    }

    fn on_paste(&mut self, text: &str) -> FormEvent {
        FormScreen::on_paste(self, text)
    }

    fn is_typing(&self) -> bool {
        FormScreen::is_typing(self)
    }

    fn text_cursor(&self) -> Option<crate::tui::echo::TextCursor> {
        FormScreen::text_cursor(self)
    }

    fn answers(&self) -> &Answers {
        FormScreen::answers(self)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        FormScreen::render(self, frame, area, theme);
    }

    fn settle(&mut self) -> bool {
        FormScreen::settle(self)
    }

    fn keys(&self) -> Vec<(&'static str, &'static str)> {
        FormScreen::keys(self)
    }

    fn take_message(&mut self) -> Option<String> {
        FormScreen::take_message(self)
    }

    fn set_writing_prefs(&mut self, prefs: &WritingPrefs) {
        FormScreen::set_writing_prefs(self, prefs);
    }

    fn set_writing_people(&mut self, people: &[crate::writing::Person]) {
        FormScreen::set_writing_people(self, people);
    }

    fn take_writing_changes(&mut self) -> Vec<WritingChange> {
        FormScreen::take_writing_changes(self)
    }

    fn writing_counts(&mut self) -> Option<[usize; 6]> {
        Some(FormScreen::writing_counts(self))
    }

    fn go_to(&mut self, slot: &crate::record::Slot) {
        FormScreen::go_to(self, slot);
    }

    fn place(&self) -> Option<crate::record::DraftPlace> {
        FormScreen::place(self)
    }

    fn resume_at(&mut self, place: &crate::record::DraftPlace) {
        FormScreen::resume_at(self, place);
    }

    fn set_previous(&mut self, previous: Option<crate::service::PreviousRecord>) {
        FormScreen::set_previous(self, previous);
    }

    fn evidence_slot(&self) -> Option<crate::record::Slot> {
        FormScreen::evidence_slot(self)
    }
}
