//! Drawing one field of the form screen: its label with marks, the
//! child's-voice label and hint, its answer (or editor), and its problems.

use super::draw_choices::scale_rows;
use super::entry::{date_with_weekday, read_typed_date};
use super::fit::{fit, wrap};
use super::problems::describe;
use super::rows::{FRow, line, styled};
use super::{FormScreen, is_typed_field};
use crate::form::{CellKind, Field, FieldKind};
use crate::record::{Problem, ProblemKind, Slot, Value};
use crate::tui::theme::{CHILD_VOICE_LABEL, INVALID_MARK, MISSING_MARK, Theme};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Said after the question of a field the answers make unnecessary.
const NOT_NEEDED: &str = "  (not needed)";

/// Columns of a date box: room for "3 September 2026" (longer scrolls).
pub(super) const DATE_BOX: u16 = 16;

impl FormScreen {
    /// The rows of one field: label (with marks, the child's-voice label
    /// and the hint when it fits), the answer, its problems.
    pub(super) fn field_rows(
        &self,
        fi: usize,
        width: usize,
        theme: &Theme,
        editor_h: u16,
    ) -> Vec<FRow> {
        let mut rows = Vec::new();
        let Some(page) = self.current_page() else {
            return rows;
        };
        let (Some(section), Some(field), Some(slot)) = (
            page.section(&self.form),
            page.fields(&self.form).get(fi),
            page.slot(&self.form, fi),
        ) else {
            return rows;
        };
        let is_focus = fi == self.focus;
        let editing = is_focus && !self.read_only && !super::is_fixed(field);
        let voice = self.form.is_child_voice(section, field);
        let problems: Vec<&Problem> = self.completeness.at(&slot).collect();
        let missing = problems.iter().any(|p| p.is_missing());
        let invalid = problems.iter().any(|p| !p.is_missing());

        let mark = if missing {
            styled(MISSING_MARK, theme.missing)
        } else if invalid {
            styled(INVALID_MARK, theme.invalid)
        } else {
            Span::raw(" ")
        };
        // A field the answers make unnecessary is drawn dimmed, and says
        // so in words for a screen without colour.
        let unneeded = self.unneeded(self.page, fi);
        let label_style = if is_focus {
            theme.focus
        } else if unneeded {
            theme.hint
        } else if voice {
            theme.child_voice
        } else {
            theme.title
        };
        // The question over at most two lines, then the child's-voice
        // label and the hint where they fit.
        let room = width.saturating_sub(2).max(8);
        let (mut label_lines, cut) = wrap(&field.label, room, 2);
        if cut && let Some(last) = label_lines.last_mut() {
            let mut l = fit(last, room.saturating_sub(1));
            if !l.ends_with('…') {
                l.push('…');
            }
            *last = l;
        }
        let count = label_lines.len();
        let mut spans = Vec::new();
        for (i, l) in label_lines.into_iter().enumerate() {
            if i == 0 {
                spans.push(mark.clone());
                spans.push(Span::raw(" "));
            } else {
                spans.push(Span::raw("  "));
            }
            spans.push(styled(l, label_style));
            if i + 1 < count {
                rows.push(line(std::mem::take(&mut spans)));
            }
        }
        let mut used: usize = spans.iter().map(|s| s.content.width()).sum();
        if voice {
            if used + 1 + CHILD_VOICE_LABEL.width() > width {
                rows.push(line(std::mem::take(&mut spans)));
                spans.push(Span::raw("  "));
            } else {
                spans.push(Span::raw(" "));
            }
            spans.push(styled(CHILD_VOICE_LABEL, theme.child_voice));
            used = spans.iter().map(|s| s.content.width()).sum();
        }
        if unneeded && used + NOT_NEEDED.width() <= width {
            spans.push(styled(NOT_NEEDED, theme.hint));
            used += NOT_NEEDED.width();
        }
        let mut hint_below = None;
        if let Some(h) = field.hint.as_ref().filter(|_| !unneeded || is_focus) {
            if used + 3 + h.width() <= width {
                spans.push(Span::raw("  "));
                spans.push(styled(fit(h, width - used - 2), theme.hint));
            } else if is_focus {
                hint_below = Some(h.clone());
            }
        }
        rows.push(line(spans));

        let text_style = if unneeded && !is_focus {
            theme.hint
        } else if voice {
            theme.child_voice
        } else {
            theme.base
        };
        self.value_rows(
            &mut rows, field, &slot, editing, width, theme, editor_h, text_style,
        );

        // Problems: a bare "required" shows only as the mark unless the
        // field has the focus; every other problem says why at once.
        let shown: Vec<&&Problem> = problems
            .iter()
            .filter(|p| {
                is_focus
                    || !matches!(
                        p.kind,
                        ProblemKind::Missing | ProblemKind::TooFewRows { .. }
                    )
            })
            .collect();
        for p in shown.iter().take(3) {
            let (mark, style) = if p.is_missing() {
                (MISSING_MARK, theme.missing)
            } else {
                (INVALID_MARK, theme.invalid)
            };
            let text = fit(
                &format!("{mark} {}", describe(&self.form, p)),
                width.saturating_sub(2),
            );
            rows.push(line(vec![Span::raw("  "), styled(text, style)]));
        }
        if shown.len() > 3 {
            rows.push(line(vec![styled(
                format!("  …and {} more", shown.len() - 3),
                theme.hint,
            )]));
        }
        if let Some(h) = hint_below {
            rows.push(line(vec![styled(
                fit(&format!("  {h}"), width),
                theme.hint,
            )]));
        }
        rows
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn value_rows(
        &self,
        rows: &mut Vec<FRow>,
        field: &Field,
        slot: &Slot,
        editing: bool,
        width: usize,
        theme: &Theme,
        editor_h: u16,
        text_style: Style,
    ) {
        let blank = || line(vec![styled("  —", theme.hint)]);
        let text = self.answers.text(slot).unwrap_or_default();
        let has_editor = editing && is_typed_field(field) && self.editors.contains_key(slot);
        match &field.kind {
            FieldKind::Multiline => {
                if has_editor {
                    rows.push(FRow::Editor {
                        before: Line::default(),
                        indent: 2,
                        width: None,
                        height: editor_h,
                        after: None,
                        cell: false,
                    });
                } else if text.trim().is_empty() {
                    rows.push(blank());
                } else {
                    // An audit's evidence is read here in full, not
                    // opened in an editor: show all of it.
                    let most = if super::is_fixed(field) { 60 } else { 3 };
                    let (lines, more) = wrap(text, width.saturating_sub(2), most);
                    for l in lines {
                        rows.push(line(vec![Span::raw("  "), styled(l, text_style)]));
                    }
                    if more {
                        rows.push(line(vec![styled("  …", theme.hint)]));
                    }
                }
            }
            FieldKind::Cell(
                kind @ (CellKind::Text
                | CellKind::Date { .. }
                | CellKind::Time
                | CellKind::Number { .. }),
            ) => {
                let date = matches!(kind, CellKind::Date { .. });
                // The day a typed date reads as, with its weekday, so a
                // slip ("3 mar" meant Monday) shows at once.
                let day = if date {
                    read_typed_date(text, self.today).ok()
                } else {
                    None
                };
                let after = day
                    .map(|d| Line::from(styled(format!("  {}", date_with_weekday(d)), theme.hint)));
                if has_editor {
                    rows.push(FRow::Editor {
                        before: Line::default(),
                        indent: 2,
                        width: if date { Some(DATE_BOX) } else { None },
                        height: 1,
                        after,
                        cell: false,
                    });
                } else if text.trim().is_empty() {
                    rows.push(blank());
                } else if let Some(d) = day {
                    rows.push(line(vec![
                        Span::raw("  "),
                        styled(date_with_weekday(d), text_style),
                    ]));
                } else {
                    let mut spans = vec![
                        Span::raw("  "),
                        styled(fit(text, width.saturating_sub(2)), text_style),
                    ];
                    if let Some(a) = after {
                        spans.extend(a.spans);
                    }
                    rows.push(line(spans));
                }
            }
            FieldKind::Cell(CellKind::YesNo) => {
                let opts = ["Yes".to_owned(), "No".to_owned()];
                let chosen = match text.trim() {
                    "yes" => Some("Yes"),
                    "no" => Some("No"),
                    _ => None,
                };
                rows.extend(self.list_rows(
                    &opts,
                    &[chosen.unwrap_or_default()],
                    false,
                    false,
                    width,
                    theme,
                ));
                self.stray_answer(rows, text, chosen.is_none(), theme);
            }
            FieldKind::Cell(CellKind::Choice { options }) => {
                let t = text.trim();
                rows.extend(self.list_rows(options, &[t], false, editing, width, theme));
                self.stray_answer(rows, t, !options.iter().any(|o| o == t), theme);
            }
            FieldKind::Choices { options } => {
                let chosen: Vec<&str> = match self.answers.get(slot) {
                    Some(Value::List(l)) => l.iter().map(String::as_str).collect(),
                    _ => Vec::new(),
                };
                rows.extend(self.list_rows(options, &chosen, true, editing, width, theme));
            }
            FieldKind::Scale(spec) => scale_rows(rows, spec, text, editing, width, theme),
            FieldKind::Table(spec) => self.table_rows(rows, spec, slot, editing, width, theme),
        }
    }

    /// An answer that is none of the options (kept from an older form) is
    /// shown, never hidden.
    pub(super) fn stray_answer(
        &self,
        rows: &mut Vec<FRow>,
        text: &str,
        stray: bool,
        theme: &Theme,
    ) {
        if stray && !text.trim().is_empty() {
            rows.push(line(vec![styled(
                format!("  stored: {}", fit(text, 60)),
                theme.invalid,
            )]));
        }
    }
}
