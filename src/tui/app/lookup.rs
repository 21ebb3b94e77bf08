//! Keys on the screens that look things up for a family or a caseload:
//! the action register and the search results (issue 14), which open
//! records from their lines, and the audit log (issue 16). Each goes back
//! to the screen it was opened from.

use super::App;
use super::msg::Effect;
use crate::tui::log_view::LogAction;
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

    pub(super) fn log_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(l) = &mut self.log else {
            self.nav.back();
            return Vec::new();
        };
        match l.on_key(key) {
            LogAction::None => Vec::new(),
            LogAction::Back => {
                self.nav.back();
                self.status.clear();
                Vec::new()
            }
            LogAction::Help => {
                self.help = true;
                Vec::new()
            }
            LogAction::Quit => self.quit(),
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
