//! The form picker: choosing the form for a new record and ticking the
//! children it is about, refused before anything is written when the
//! choice cannot be used.

use super::DialogOutcome;
use crate::record::ChildId;
use crate::record::FamilyId;
use crate::tui::chrome::{dialog_box, fit, safe};
use crate::tui::theme::{MISSING_MARK, Theme};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

/// One form offered in the picker.
#[derive(Clone, Debug, PartialEq)]
pub struct FormChoice {
    /// The form's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Whether some section repeats for each child, so a child is needed.
    pub needs_child: bool,
    /// Only supervisors may start it (oversight, case supervision, audit).
    pub supervisors_only: bool,
}

/// Choosing a form and the children a new record is about.
#[derive(Clone, Debug)]
pub struct FormPicker {
    /// The family the record is for.
    pub family: FamilyId,
    forms: Vec<FormChoice>,
    children: Vec<(ChildId, String, bool)>,
    /// 0: the forms list, 1: the children list.
    pane: usize,
    form_state: ListState,
    child_state: ListState,
    /// Why the choice cannot be used yet.
    pub error: Option<String>,
    /// Whether the person is a supervisor: `Some(false)` refuses
    /// supervisors-only forms here, before anything is written; `None`
    /// (not known yet) leaves the refusal to the store.
    pub supervisor: Option<bool>,
}

impl FormPicker {
    /// A picker over these forms and children, starting on `preset` if given.
    pub fn new(
        family: FamilyId,
        forms: Vec<FormChoice>,
        children: Vec<(ChildId, String)>,
        preset: Option<&str>,
    ) -> FormPicker {
        let start = preset
            .and_then(|p| forms.iter().position(|f| f.id == p))
            .unwrap_or(0);
        let only_one = children.len() == 1;
        FormPicker {
            family,
            form_state: ListState::default().with_selected((!forms.is_empty()).then_some(start)),
            child_state: ListState::default().with_selected((!children.is_empty()).then_some(0)),
            forms,
            // With one child there is nothing to choose: tick them.
            children: children
                .into_iter()
                .map(|(id, name)| (id, name, only_one))
                .collect(),
            pane: 0,
            error: None,
            supervisor: None,
        }
    }

    /// The form chosen.
    pub fn form(&self) -> Option<&FormChoice> {
        self.forms.get(self.form_state.selected()?)
    }

    /// The children ticked.
    pub fn ticked(&self) -> Vec<ChildId> {
        self.children.iter().filter(|c| c.2).map(|c| c.0).collect()
    }

    /// The children a preview shows the form for: those ticked, else all
    /// of the family's (a per-child section then shows one page each).
    pub fn preview_children(&self) -> Vec<(ChildId, String)> {
        let ticked: Vec<_> = self.children.iter().filter(|c| c.2).collect();
        let pick = if ticked.is_empty() {
            self.children.iter().collect()
        } else {
            ticked
        };
        pick.into_iter().map(|c| (c.0, c.1.clone())).collect()
    }

    /// The keys that work in the picker.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        super::PICKER_KEYS.all()
    }

    fn validate(&mut self) -> bool {
        self.error = match self.form() {
            None => Some("Form: choose a form".to_owned()),
            Some(f) if f.supervisors_only && self.supervisor == Some(false) => Some(format!(
                "Form: only a supervisor can write {}; you can comment on a record as an \
                 addendum instead",
                f.title
            )),
            Some(f) if f.needs_child && self.ticked().is_empty() => {
                Some(if self.children.is_empty() {
                    "Children: this form is about children; add a child first (c on the family screen)".to_owned()
                } else {
                    "Children: tick at least one child this record is about (Tab, then Space)"
                        .to_owned()
                })
            }
            Some(_) => None,
        };
        self.error.is_none()
    }

    /// Handles one key press.
    pub fn on_key(&mut self, key: KeyEvent) -> DialogOutcome {
        match key.code {
            KeyCode::Esc => return DialogOutcome::Cancel,
            KeyCode::F(1) | KeyCode::Char('?') => return DialogOutcome::Help,
            // Any form may be looked at, even one this person cannot start.
            KeyCode::Char('p') if self.form().is_some() => return DialogOutcome::Preview,
            KeyCode::Enter => {
                return if self.validate() {
                    DialogOutcome::Submit
                } else {
                    DialogOutcome::Continue
                };
            }
            KeyCode::Tab | KeyCode::BackTab | KeyCode::Left | KeyCode::Right
                if !self.children.is_empty() =>
            {
                self.pane = 1 - self.pane;
            }
            KeyCode::Up | KeyCode::Down | KeyCode::Home | KeyCode::End => {
                let (state, len) = if self.pane == 0 {
                    (&mut self.form_state, self.forms.len())
                } else {
                    (&mut self.child_state, self.children.len())
                };
                if len > 0 {
                    let cur = state.selected().unwrap_or(0);
                    let next = match key.code {
                        KeyCode::Up => cur.saturating_sub(1),
                        KeyCode::Down => (cur + 1).min(len - 1),
                        KeyCode::Home => 0,
                        _ => len - 1,
                    };
                    state.select(Some(next));
                }
            }
            KeyCode::Char(' ') => {
                if self.pane == 0 {
                    self.pane = usize::from(!self.children.is_empty());
                } else if let Some(c) = self
                    .child_state
                    .selected()
                    .and_then(|i| self.children.get_mut(i))
                {
                    c.2 = !c.2;
                    self.error = None;
                }
            }
            _ => {}
        }
        DialogOutcome::Continue
    }

    /// Draws the picker centred over `area`.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let wide = area.width >= 120;
        let width = if wide { 110 } else { 76 };
        let height = (self.forms.len().max(self.children.len()) + 7).clamp(12, 22);
        let inner = dialog_box(
            frame,
            area,
            width,
            u16::try_from(height).unwrap_or(22),
            "New record: choose a form and the children",
            theme,
        );
        let [lists, msg, hint] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(if self.error.is_some() { 2 } else { 0 }),
            Constraint::Length(1),
        ])
        .areas(inner);
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
                .areas(lists);
        let pane_block = |title: &str, focused: bool| {
            let style = if focused { theme.key } else { theme.title };
            Block::bordered().title(Span::styled(format!(" {title} "), style))
        };
        let form_w = usize::from(left.width).saturating_sub(4);
        let items: Vec<ListItem> = self
            .forms
            .iter()
            .map(|f| {
                let title = if f.supervisors_only {
                    format!("{} (supervisors)", safe(&f.title))
                } else {
                    safe(&f.title)
                };
                ListItem::new(fit(&title, form_w))
            })
            .collect();
        frame.render_stateful_widget(
            List::new(items)
                .block(pane_block("Form", self.pane == 0))
                .highlight_style(theme.focus)
                .highlight_symbol("▶ "),
            left,
            &mut self.form_state,
        );
        let child_w = usize::from(right.width).saturating_sub(8);
        if self.children.is_empty() {
            frame.render_widget(
                Paragraph::new("No children yet.")
                    .style(theme.hint)
                    .block(pane_block("About", false)),
                right,
            );
        } else {
            let items: Vec<ListItem> = self
                .children
                .iter()
                .map(|(_, name, ticked)| {
                    ListItem::new(format!(
                        "{} {}",
                        if *ticked { "[x]" } else { "[ ]" },
                        fit(&safe(name), child_w)
                    ))
                })
                .collect();
            let mut list =
                List::new(items).block(pane_block("About (Space ticks)", self.pane == 1));
            if self.pane == 1 {
                list = list.highlight_style(theme.focus).highlight_symbol("▶ ");
            } else {
                list = list.highlight_symbol("  ");
            }
            frame.render_stateful_widget(list, right, &mut self.child_state);
        }
        if let Some(e) = &self.error {
            frame.render_widget(
                Paragraph::new(format!("{MISSING_MARK} {e}"))
                    .style(theme.missing)
                    .wrap(Wrap { trim: true }),
                msg,
            );
        }
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("↑↓", theme.key),
                Span::raw(" choose  "),
                Span::styled("Tab", theme.key),
                Span::raw(" forms/children  "),
                Span::styled("Space", theme.key),
                Span::raw(" tick  "),
                Span::styled("Enter", theme.key),
                Span::raw(" start  "),
                Span::styled("p", theme.key),
                Span::raw(" preview  "),
                Span::styled("Esc", theme.key),
                Span::raw(" cancel"),
            ])),
            hint,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::dialogs::test_support::key;

    #[test]
    fn the_picker_needs_a_child_for_a_per_child_form() {
        let forms = vec![FormChoice {
            id: "visit".into(),
            title: "Home visit".into(),
            needs_child: true,
            supervisors_only: false,
        }];
        let kids = vec![
            (ChildId(1), "Child A".into()),
            (ChildId(2), "Child B".into()),
        ];
        let mut p = FormPicker::new(FamilyId(1), forms, kids, None);
        assert_eq!(p.on_key(key(KeyCode::Enter)), DialogOutcome::Continue);
        assert!(p.error.as_deref().unwrap_or("").starts_with("Children:"));
        p.on_key(key(KeyCode::Tab));
        p.on_key(key(KeyCode::Char(' ')));
        assert_eq!(p.on_key(key(KeyCode::Enter)), DialogOutcome::Submit);
        assert_eq!(p.ticked(), vec![ChildId(1)]);
    }
}
