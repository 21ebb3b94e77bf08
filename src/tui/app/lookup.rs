//! Keys on the two screens that look things up for a family or a caseload:
//! the action register and the search results (issue 14). Both go back
//! to the screen they were opened from and open records from their lines.

use super::App;
use super::msg::Effect;
use crate::tui::register_view::RegisterAction;
use crate::tui::search_view::SearchAction;
use ratatui::crossterm::event::KeyEvent;

impl App {
    pub(super) fn register_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(r) = &mut self.register else {
            self.nav.back();
            return Vec::new();
        };
        match r.on_key(key) {
            RegisterAction::None => Vec::new(),
            RegisterAction::Back => {
                self.nav.back();
                self.status.clear();
                Vec::new()
            }
            RegisterAction::OpenRecord(id) => vec![Effect::OpenRecord(id)],
            RegisterAction::Help => {
                self.help = true;
                Vec::new()
            }
            RegisterAction::Quit => self.quit(),
        }
    }

    pub(super) fn search_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(s) = &mut self.search else {
            self.nav.back();
            return Vec::new();
        };
        match s.on_key(key) {
            SearchAction::None => Vec::new(),
            SearchAction::Back => {
                self.nav.back();
                self.status.clear();
                Vec::new()
            }
            SearchAction::Run(words) => vec![Effect::Search {
                scope: s.scope,
                words,
            }],
            SearchAction::Open(id, slot) => {
                self.opening_at = slot;
                vec![Effect::OpenRecord(id)]
            }
            SearchAction::Help => {
                self.help = true;
                Vec::new()
            }
        }
    }
}
