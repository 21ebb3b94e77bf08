//! The chronology screen: one family's history in date order, merged by
//! `chronology::merge` from chronology entries and finalised significant
//! records, in the columns seed 003 §6 asks for (date / what happened /
//! who has been affected and how / source). Rows wrap rather than being
//! cut, so a long entry can be read whole at 80 columns; `1`–`9` narrow it
//! to one child (with the whole-family rows, via `chronology::for_child`).

use super::chrome::{safe, wrap};
use super::keymap::{KeyTable, action, bind, pressed};
use super::list::{ListState, ListTable, Page, wrapped_message};
use super::theme::Theme;
use crate::chronology::{ChronologyRow, for_child};
use crate::record::ChildId;
use crate::record::{FamilyId, RecordId};
pub use crate::service::ChronologyView;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Cell, Paragraph, Row};

/// When a row of the chronology's keys applies.
#[derive(Clone, Copy, Debug)]
pub enum ChronologyKeys {
    /// The selected entry comes from a record.
    OnRecord,
    /// The family has children to pick one of.
    HasChildren,
    /// Always.
    Always,
}

/// The screen's name in the key tables and the config (`[keys.chronology]`).
const SCREEN: &str = "chronology";

/// The chronology's keys.
pub const KEYS: KeyTable<ChronologyKeys> = KeyTable {
    screen: SCREEN,
    rows: &[
        action(ChronologyKeys::Always, "add", "add entry"),
        bind(ChronologyKeys::OnRecord, "Enter", "open record"),
        bind(ChronologyKeys::HasChildren, "1-9", "one child"),
        bind(ChronologyKeys::HasChildren, "0", "all"),
        bind(ChronologyKeys::Always, "Esc", "back"),
        bind(ChronologyKeys::Always, "↑↓ PgUp PgDn Home End", "move"),
        bind(ChronologyKeys::Always, "F1", "help"),
        action(ChronologyKeys::Always, "quit", "quit"),
    ],
};

/// What a key on the chronology screen asks the app to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChronologyAction {
    /// Nothing beyond redrawing.
    None,
    /// Back to the family.
    Back,
    /// Add an entry (about the child shown, if one is).
    Add(Option<ChildId>),
    /// Open the record a row came from.
    OpenRecord(RecordId),
    /// Show help.
    Help,
    /// Leave the program.
    Quit,
}

/// The chronology screen's state.
pub struct ChronologyScreen {
    /// What is shown.
    pub view: ChronologyView,
    child: Option<ChildId>,
    shown: Vec<ChronologyRow>,
    /// The selection in `shown`; a page is five rows, however tall.
    list: ListState,
}

impl ChronologyScreen {
    /// The whole family's chronology, the cursor on the latest row.
    pub fn new(view: ChronologyView) -> ChronologyScreen {
        let mut s = ChronologyScreen {
            view,
            child: None,
            shown: Vec::new(),
            list: ListState::new(Page::Fixed(5)),
        };
        s.refilter();
        s.list.select_last();
        s
    }

    /// Replaces the rows after a reload, keeping the child shown (if they
    /// are still in the family) and putting the cursor on the latest row.
    pub fn reload(&mut self, view: ChronologyView) {
        if self
            .child
            .is_some_and(|c| !view.children.iter().any(|(id, _)| *id == c))
        {
            self.child = None;
        }
        self.view = view;
        self.refilter();
        self.list.select_last();
    }

    /// The family's id.
    pub fn family(&self) -> FamilyId {
        self.view.family
    }

    /// The child shown, or `None` for the whole family.
    pub fn child(&self) -> Option<ChildId> {
        self.child
    }

    /// Shows one child's chronology, or the whole family's.
    pub fn show_child(&mut self, child: Option<ChildId>) {
        self.child = child;
        self.refilter();
        self.list.select_last();
    }

    /// The rows shown, oldest first.
    pub fn rows(&self) -> &[ChronologyRow] {
        &self.shown
    }

    fn refilter(&mut self) {
        self.shown = match self.child {
            Some(c) => for_child(&self.view.rows, c),
            None => self.view.rows.clone(),
        };
        self.list.show_all(self.shown.len());
    }

    fn child_name(&self, id: ChildId) -> String {
        Self::name_in(&self.view.children, id)
    }

    /// A child's name from a family's children; apart from `self` so that
    /// rows can be built while the list's state is borrowed for drawing.
    fn name_in(children: &[(ChildId, String)], id: ChildId) -> String {
        children
            .iter()
            .find(|(c, _)| *c == id)
            .map_or_else(|| format!("child {}", id.0), |(_, n)| safe(n))
    }

    fn selected(&self) -> Option<&ChronologyRow> {
        self.shown.get(self.list.selected()?)
    }

    /// The keys that work here now.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        KEYS.select(|w| match w {
            ChronologyKeys::OnRecord => self.selected().is_some_and(|r| r.record.is_some()),
            ChronologyKeys::HasChildren => !self.view.children.is_empty(),
            ChronologyKeys::Always => true,
        })
    }

    /// Handles one key press.
    pub fn on_key(&mut self, key: KeyEvent) -> ChronologyAction {
        if self.list.on_key(key.code) {
            return ChronologyAction::None;
        }
        match key.code {
            KeyCode::Esc | KeyCode::Backspace => ChronologyAction::Back,
            _ if pressed(&key, SCREEN, "add") => ChronologyAction::Add(self.child),
            KeyCode::Enter => self
                .selected()
                .and_then(|r| r.record)
                .map_or(ChronologyAction::None, ChronologyAction::OpenRecord),
            KeyCode::Char('0') => {
                self.show_child(None);
                ChronologyAction::None
            }
            KeyCode::Char(c @ '1'..='9') => {
                let n = c.to_digit(10).map_or(0, |d| d as usize);
                if let Some((id, _)) = n.checked_sub(1).and_then(|i| self.view.children.get(i)) {
                    let id = *id;
                    self.show_child(Some(id));
                }
                ChronologyAction::None
            }
            _ if pressed(&key, SCREEN, "quit") => ChronologyAction::Quit,
            KeyCode::Char('?') | KeyCode::F(1) => ChronologyAction::Help,
            _ => ChronologyAction::None,
        }
    }

    /// Draws the screen's body.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let [head, choices, list] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        let showing = match self.child {
            Some(c) => format!(
                "{}: rows about them and about the whole family",
                self.child_name(c)
            ),
            None => "the whole family: every row".to_owned(),
        };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Showing ", theme.title),
                Span::styled(showing, theme.title),
            ])),
            head,
        );
        frame.render_widget(Paragraph::new(self.choice_line(theme)), choices);
        let total = self.view.rows.len();
        let title = match self.child {
            Some(c) => format!(
                " Chronology: {} ({} of {total}) ",
                self.child_name(c),
                self.shown.len()
            ),
            None => format!(" Chronology: whole family ({total}) "),
        };
        let block = Block::bordered().title(Span::styled(title, theme.title));
        let text = match self.child {
            Some(c) => format!(
                "Nothing in the chronology concerns {} yet. Press a to add an entry.",
                self.child_name(c)
            ),
            None => "No chronology yet. Press a to add an entry; records finalised as \
                     significant events appear here too."
                .to_owned(),
        };
        let empty = wrapped_message(&text, block.inner(list).width, theme.hint);
        self.render_table(frame, list, block, empty, theme);
    }

    /// "0 all · 1 Child A · 2 Child B", the one shown in brackets.
    fn choice_line(&self, theme: &Theme) -> Line<'static> {
        if self.view.children.is_empty() {
            return Line::from(Span::styled(
                "No children recorded: every row is about the whole family.",
                theme.hint,
            ));
        }
        let mut spans = Vec::new();
        let mut push = |key: String, name: String, on: bool| {
            let label = if on {
                format!("[{key} {name}]")
            } else {
                format!(" {key} {name} ")
            };
            spans.push(Span::styled(
                label,
                if on { theme.focus } else { theme.base },
            ));
            spans.push(Span::raw(" "));
        };
        push("0".into(), "all".into(), self.child.is_none());
        for (i, (id, name)) in self.view.children.iter().enumerate().take(9) {
            push((i + 1).to_string(), safe(name), self.child == Some(*id));
        }
        Line::from(spans)
    }

    /// "Who has been affected and how", naming the children when the text
    /// does not, so a row about one child says which.
    fn affected_text(children: &[(ChildId, String)], r: &ChronologyRow) -> String {
        let names: Vec<String> = r
            .children
            .iter()
            .map(|c| Self::name_in(children, *c))
            .collect();
        let affected = safe(r.affected.trim());
        if affected.is_empty() {
            return if names.is_empty() {
                "Whole family".to_owned()
            } else {
                names.join(", ")
            };
        }
        let missing: Vec<&String> = names.iter().filter(|n| !affected.contains(*n)).collect();
        if missing.is_empty() {
            affected
        } else {
            let who: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
            format!("{}: {affected}", who.join(", "))
        }
    }

    fn render_table(
        &mut self,
        frame: &mut Frame,
        list: Rect,
        block: Block,
        empty: Paragraph,
        theme: &Theme,
    ) {
        let area = block.inner(list);
        // Three text columns share what the date and highlight leave, with
        // the most room for what happened.
        let rest = usize::from(area.width).saturating_sub(2 + 10 + 3);
        let what_w = rest * 42 / 100;
        let affected_w = rest * 32 / 100;
        let source_w = rest.saturating_sub(what_w + affected_w);
        let (shown, children) = (&self.shown, &self.view.children);
        // Each row's cells wrapped to their columns, and its height in lines
        // (the list cuts a row taller than itself).
        let cells = |i: usize| {
            let r = shown.get(i)?;
            let what = wrap(&safe(&r.what_happened), what_w.max(1));
            let affected = wrap(&Self::affected_text(children, r), affected_w.max(1));
            let source = wrap(&safe(&r.source), source_w.max(1));
            let mut date = vec![Line::raw(crate::dates::short(r.date))];
            if r.record.is_some() {
                date.push(Line::from(Span::styled("◆ record", theme.hint)));
            }
            let height = what
                .len()
                .max(affected.len())
                .max(source.len())
                .max(date.len());
            let lines =
                |v: Vec<String>| Text::from(v.into_iter().map(Line::raw).collect::<Vec<_>>());
            let cells = [
                Text::from(date),
                lines(what),
                lines(affected),
                lines(source),
            ];
            Some((cells, u16::try_from(height).unwrap_or(u16::MAX)))
        };
        let to_u16 = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        let table = ListTable::new(
            [
                Constraint::Length(10),
                Constraint::Length(to_u16(what_w)),
                Constraint::Length(to_u16(affected_w)),
                Constraint::Length(to_u16(source_w)),
            ],
            |i| cells(i).map_or_else(Row::default, |(c, _)| Row::new(c.map(Cell::from))),
        )
        .heights(|i| cells(i).map_or(1, |(_, h)| h))
        .header(
            [
                "Date",
                "What happened",
                // The seed's own words where they fit.
                if affected_w >= 29 {
                    "Who has been affected and how"
                } else {
                    "Who affected, how"
                },
                "Source",
            ],
            theme.title,
        )
        .block(block)
        .empty(empty)
        .highlight(theme.focus, "▶ ");
        frame.render_stateful_widget(table, list, &mut self.list);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn row(date: &str, child: Option<i64>, what: &str, record: Option<i64>) -> ChronologyRow {
        ChronologyRow {
            date: crate::record::parse_date(date).unwrap_or_default(),
            what_happened: what.into(),
            affected: String::new(),
            source: "School".into(),
            children: child.map(ChildId).into_iter().collect(),
            record: record.map(RecordId),
        }
    }

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn digits_pick_a_child_and_zero_goes_back_to_all() {
        let mut s = ChronologyScreen::new(ChronologyView {
            family: FamilyId(1),
            family_label: "FX-0001 Example family".into(),
            children: vec![
                (ChildId(1), "Child A".into()),
                (ChildId(2), "Child B".into()),
            ],
            rows: vec![
                row("2026-01-01", None, "Moved house", None),
                row("2026-02-01", Some(1), "Started nursery", None),
                row("2026-03-01", Some(2), "Visit", Some(9)),
            ],
        });
        assert_eq!(s.rows().len(), 3);
        assert_eq!(
            s.on_key(key(KeyCode::Enter)),
            ChronologyAction::OpenRecord(RecordId(9))
        );
        s.on_key(key(KeyCode::Char('1')));
        assert_eq!(s.child(), Some(ChildId(1)));
        assert_eq!(s.rows().len(), 2);
        assert_eq!(
            s.on_key(key(KeyCode::Char('a'))),
            ChronologyAction::Add(Some(ChildId(1)))
        );
        // A digit with no child behind it changes nothing.
        s.on_key(key(KeyCode::Char('7')));
        assert_eq!(s.child(), Some(ChildId(1)));
        s.on_key(key(KeyCode::Char('0')));
        assert_eq!(s.rows().len(), 3);
    }
}
