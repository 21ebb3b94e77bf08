//! The guided tour in the app: its keys come first while it runs, and
//! each step takes the app to the real screen it is about, the way a
//! person would get there (the families, the family, one of its records,
//! what is due, the chronology) with nothing typed on the way.

use super::{App, Effect, Screen};
use crate::demo::DEMO_REFERENCE;
use crate::demo::tour::{Tour, TourScreen};
use crate::tui::tour_view::{TourMove, TourState};
use ratatui::crossterm::event::KeyEvent;

impl App {
    /// Starts `tour` at its first step.
    pub fn start_tour(&mut self, tour: Tour) -> Vec<Effect> {
        let first = tour.steps.first().map(|s| s.screen);
        self.tour = Some(TourState::new(tour));
        first.map_or_else(Vec::new, |s| self.tour_go(s))
    }

    /// Whether a tour is under way.
    pub fn touring(&self) -> bool {
        self.tour.is_some()
    }

    /// A key while the tour runs: only the tour's keys do anything.
    pub(super) fn tour_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(t) = &mut self.tour else {
            return Vec::new();
        };
        match t.on_key(key) {
            TourMove::Stay => Vec::new(),
            TourMove::Help => {
                self.help = true;
                Vec::new()
            }
            TourMove::Show(screen) => self.tour_go(screen),
            TourMove::End => {
                self.tour = None;
                self.tour_pending = None;
                self.status =
                    "Tour over: the demonstration is yours to try (F1 shows the keys).".to_owned();
                Vec::new()
            }
        }
    }

    /// Takes the app to `screen`: back to the families first, leaving any
    /// record open (nothing was typed in it: the tour had the keys), then
    /// on from there.
    fn tour_go(&mut self, screen: TourScreen) -> Vec<Effect> {
        let mut out = Vec::new();
        self.overlay = None;
        self.help = false;
        self.nav.leave_record();
        if let Some(o) = self.open.take()
            && o.draft
        {
            out.push(Effect::FormClosed(o.id));
            out.push(Effect::Presence {
                record: o.id,
                here: false,
            });
        }
        while self.nav.back() != Screen::Home {}
        self.tour_pending = None;
        let family = self
            .home
            .rows()
            .iter()
            .find(|r| r.reference == DEMO_REFERENCE)
            .or_else(|| self.home.rows().get(0))
            .map(|r| r.id);
        match (screen, family) {
            (TourScreen::Families, _) => {}
            (TourScreen::Due, _) => {
                self.nav.push(Screen::Due);
                out.extend(self.ask_due());
            }
            (_, Some(id)) => {
                self.tour_pending = Some(screen);
                out.push(Effect::OpenFamily(id));
            }
            (_, None) => {}
        }
        out
    }

    /// Once the family has arrived: on to the record or chronology the
    /// step is about.
    pub(super) fn tour_after_family(&mut self) -> Vec<Effect> {
        let Some(screen) = self.tour_pending.take() else {
            return Vec::new();
        };
        let Some(f) = &self.family else {
            return Vec::new();
        };
        let records = &f.view.records;
        match screen {
            TourScreen::Draft => records
                .iter()
                .find(|r| r.draft)
                .map(|r| Effect::OpenRecord(r.id))
                .into_iter()
                .collect(),
            TourScreen::Record => records
                .iter()
                .find(|r| !r.draft)
                .map(|r| Effect::OpenRecord(r.id))
                .into_iter()
                .collect(),
            TourScreen::Chronology => {
                self.opening_chronology = Some(f.id());
                vec![Effect::OpenChronology(f.id())]
            }
            TourScreen::Families | TourScreen::Family | TourScreen::Due => Vec::new(),
        }
    }
}
