//! Drawing the app: title, the screen showing, status, footer, dialogs
//! and help, and the keys that work now.

use super::{App, Overlay, Screen};
use crate::tui::chrome::{
    self, StatusText, bands, render_footer, render_status, render_title_with, safe, too_small,
};
use crate::tui::chronology_view::ChronologyScreen;
use crate::tui::dialogs::DialogKind;
use crate::tui::dialogs::{CONFIRM_EDIT_KEYS, CONFIRM_KEYS};
use crate::tui::family::FamilyScreen;
use crate::tui::help;
use crate::tui::register_view::RegisterScreen;
use crate::tui::review::ReviewScreen;
use crate::tui::search_view::SearchScreen;
use crate::tui::theme::Theme;
use ratatui::Frame;

impl App {
    /// The keys that work now, for the footer and help, with the name of
    /// where you are.
    pub fn keys(&self) -> (&'static str, Vec<(&'static str, &'static str)>) {
        let (name, mut keys) = self.keys_in_effect();
        if self.read_only {
            // A read-only user is not offered what they may not do; the
            // child and person rows edit too, under labels of their own.
            keys.retain(|(_, does)| {
                !crate::keys::writes(name, does)
                    && !does.starts_with("edit child")
                    && !does.starts_with("edit person")
            });
        }
        (name, keys)
    }

    /// The keys of the screen or overlay showing, before a read-only
    /// user's are taken out.
    fn keys_in_effect(&self) -> (&'static str, Vec<(&'static str, &'static str)>) {
        if self.tour.is_some() {
            let t = crate::tui::tour_view::TOUR_KEYS;
            return (t.screen, t.all());
        }
        match &self.overlay {
            Some(Overlay::Dialog(d)) => {
                let name = match d.kind {
                    DialogKind::NewFamily => "new family",
                    DialogKind::AddChild { .. } => "add a child",
                    DialogKind::ChronologyEntry { .. } => "chronology entry",
                    DialogKind::EditFamily { .. } => "edit family",
                    DialogKind::EditChild { .. } => "edit child",
                    DialogKind::AddPerson { .. } => "add a person",
                    DialogKind::ExportRecord { .. } => "export",
                    DialogKind::EditPerson { .. } => "edit person",
                };
                return (name, d.keys());
            }
            Some(Overlay::FinaliseSignificant(q)) => return ("finalise", q.keys()),
            Some(Overlay::ConfirmReplace(..) | Overlay::ConfirmDiscard(..)) => {
                return (CONFIRM_KEYS.screen, CONFIRM_KEYS.all());
            }
            Some(Overlay::Picker(p)) => return ("new record", p.keys()),
            Some(Overlay::Preview(p)) => return ("form preview", p.keys()),
            Some(Overlay::Links(_)) => {
                return (
                    "records the evidence names",
                    crate::tui::dialogs::LINK_KEYS.all(),
                );
            }
            Some(Overlay::Addendum(a)) => return ("addendum", a.keys()),
            Some(Overlay::ConfirmFinalise(_)) => {
                return (CONFIRM_KEYS.screen, CONFIRM_KEYS.all());
            }
            Some(Overlay::ConfirmEdit(_)) => {
                return (CONFIRM_EDIT_KEYS.screen, CONFIRM_EDIT_KEYS.all());
            }
            None => {}
        }
        match self.screen() {
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
            Screen::Register => (
                "action register",
                self.register
                    .as_ref()
                    .map(RegisterScreen::keys)
                    .unwrap_or_default(),
            ),
            Screen::Search => (
                "search",
                self.search
                    .as_ref()
                    .map(SearchScreen::keys)
                    .unwrap_or_default(),
            ),
            Screen::Log => (
                "audit log",
                self.log
                    .as_ref()
                    .map(crate::tui::log_view::LogScreen::keys)
                    .unwrap_or_default(),
            ),
        }
    }

    /// Draws everything. Reads state only (the `&mut` is for scroll
    /// positions the widgets keep).
    pub fn view(&mut self, frame: &mut Frame, theme: &Theme) {
        let area = frame.area();
        self.text_cursor = None;
        self.too_small = too_small(area);
        if self.too_small {
            chrome::render_too_small(frame, area, theme);
            return;
        }
        let status = StatusText::new(&self.status, &self.save_state(), area.width);
        let b = bands(area, status.height());
        let where_ = match self.screen() {
            Screen::Home => "Families".to_owned(),
            Screen::Family => self
                .family
                .as_ref()
                .map_or(String::new(), |f| f.view.family.label()),
            Screen::Form | Screen::Review => self.open.as_ref().map_or(String::new(), |o| {
                let status = if o.draft { "draft" } else { "finalised" };
                let also = if o.others.is_empty() {
                    String::new()
                } else {
                    let names: Vec<String> = o
                        .others
                        .iter()
                        .map(|w| self.people.label(w.as_str()))
                        .collect();
                    format!(" · also open: {}", names.join(", "))
                };
                format!("{} · {} ({status}){also}", o.family_label, o.form.title)
            }),
            Screen::Due => "What is due".to_owned(),
            Screen::Chronology => self.chronology.as_ref().map_or(String::new(), |c| {
                format!("{} · Chronology", c.view.family_label)
            }),
            Screen::Register => self.register.as_ref().map_or(String::new(), |r| {
                format!("{} · Action register", r.view.family_label)
            }),
            Screen::Search => "Search".to_owned(),
            Screen::Log => "Audit log".to_owned(),
        };
        let left = format!("casenotes · {}", safe(&where_));
        let right = format!(
            "{}{} · {}",
            safe(&self.people.label(self.user.as_str())),
            if self.read_only { " (read-only)" } else { "" },
            safe(&self.file_label)
        );
        let demo = self.demo;
        self.chrome_cells.title.draw(
            (demo, left, right, *theme),
            b.title,
            frame.buffer_mut(),
            |(demo, left, right, theme), cells| {
                let banner = demo.then_some(super::DEMO_BANNER);
                render_title_with(cells, b.title, banner, left, right, theme);
            },
        );
        match self.screen() {
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
            Screen::Register => {
                if let Some(r) = &mut self.register {
                    r.render(frame, b.body, theme);
                }
            }
            Screen::Search => {
                if let Some(s) = &mut self.search {
                    s.render(frame, b.body, theme);
                }
            }
            Screen::Log => {
                if let Some(l) = &mut self.log {
                    l.render(frame, b.body, theme);
                }
            }
        }
        render_status(frame, b.status, &status, theme);
        let (name, keys) = self.keys();
        self.chrome_cells.footer.draw(
            (keys.clone(), *theme),
            b.footer,
            frame.buffer_mut(),
            |(keys, theme), cells| render_footer(cells, b.footer, keys, theme),
        );
        match &mut self.overlay {
            Some(Overlay::Dialog(d)) => d.render(frame, area, theme),
            Some(Overlay::Picker(p)) => p.render(frame, area, theme),
            Some(Overlay::Preview(p)) => p.render(frame, b.body, theme),
            Some(Overlay::Addendum(a)) => a.render(frame, area, theme),
            Some(Overlay::ConfirmFinalise(c) | Overlay::ConfirmEdit(c)) => {
                c.render(frame, area, theme);
            }
            Some(Overlay::FinaliseSignificant(q)) => q.render(frame, area, theme),
            Some(Overlay::ConfirmReplace(c, _) | Overlay::ConfirmDiscard(c, _)) => {
                c.render(frame, area, theme);
            }
            Some(Overlay::Links(l)) => l.render(frame, area, theme),
            None => {}
        }
        if let Some(t) = &self.tour {
            t.render(frame, b.body, theme);
        }
        if self.help {
            help::render(frame, area, name, &keys, theme);
        }
        // The terminal's own cursor sits where the text goes, unless
        // something is drawn over the form.
        if self.overlay.is_none()
            && self.tour.is_none()
            && !self.help
            && self.screen() == Screen::Form
            && let Some(cursor) = self.open.as_ref().and_then(|o| o.pane.text_cursor())
        {
            frame.set_cursor_position(cursor.at);
            self.text_cursor = Some(cursor);
        }
    }

    /// The terminal window's title: where the person is, by the family's
    /// reference and the form, never a name (a title shows in task bars
    /// and window lists, for anyone passing to read).
    pub fn terminal_title(&self) -> String {
        let demo = if self.demo { " DEMO" } else { "" };
        let reference = |label: &str| label.split_whitespace().next().unwrap_or("").to_owned();
        let place = match self.screen() {
            Screen::Home | Screen::Due | Screen::Search | Screen::Log => None,
            Screen::Family | Screen::Chronology | Screen::Register => self
                .family
                .as_ref()
                .map(|f| f.view.family.reference.clone()),
            Screen::Form | Screen::Review => self
                .open
                .as_ref()
                .map(|o| format!("{} · {}", reference(&o.family_label), o.form.title)),
        };
        match place {
            Some(p) => safe(&format!("casenotes{demo} · {p}")),
            None => format!("casenotes{demo}"),
        }
    }
}
