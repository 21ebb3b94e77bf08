//! The record read as a whole, as the app shows it before finalising and
//! for a finalised record: who signed it and when, what is still missing,
//! every answer section by section, then the addenda. Read-only.

use super::app::OpenRecord;
use super::chrome::safe;
use super::theme::{CHILD_VOICE_LABEL, MISSING_MARK, Theme};
use crate::form::Form;
use crate::record::{Answers, ChildId, Completeness, Slot, Value};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// One addendum as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct AddendumRow {
    /// Who wrote it.
    pub author: String,
    /// When, as shown to people.
    pub at: String,
    /// What it says.
    pub text: String,
}

/// The review's own state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReviewState {
    /// Lines scrolled past.
    pub scroll: u16,
    /// What the store listed when it refused to finalise.
    pub missing: Vec<String>,
}

/// "Section › Field (Child A): required", one line per problem.
pub fn describe_problems(
    form: &Form,
    children: &[(ChildId, String)],
    completeness: &Completeness,
) -> Vec<String> {
    completeness
        .problems
        .iter()
        .map(|p| {
            let section = form
                .section(&p.slot.section)
                .map_or(p.slot.section.as_str(), |s| s.title.as_str());
            let field = form
                .field(&p.slot.field)
                .map_or(p.slot.field.as_str(), |(_, f)| f.label.as_str());
            let child = p
                .slot
                .child
                .and_then(|c| children.iter().find(|(id, _)| *id == c))
                .map(|(_, n)| format!(" ({})", safe(n)))
                .unwrap_or_default();
            format!("{section} › {field}{child}: {}", p.kind)
        })
        .collect()
}

fn value_lines(value: &Value) -> Vec<String> {
    match value {
        Value::Text(t) => t.lines().map(|l| safe(l)).collect(),
        Value::List(items) => vec![items.iter().map(|i| safe(i)).collect::<Vec<_>>().join(", ")],
        Value::Rows(rows) => rows
            .iter()
            .map(|r| {
                r.iter()
                    .filter(|(_, v)| !v.trim().is_empty())
                    .map(|(k, v)| format!("{k}: {}", safe(v)))
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
            .map(|l| format!("• {l}"))
            .collect(),
    }
}

/// Every answer, section by section, as lines.
fn answer_lines<'a>(
    form: &Form,
    children: &[(ChildId, String)],
    answers: &Answers,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    for section in &form.sections {
        let instances: Vec<Option<(ChildId, String)>> = if section.per_child {
            children.iter().cloned().map(Some).collect()
        } else {
            vec![None]
        };
        for child in instances {
            let mut title = section.title.clone();
            if let Some((_, name)) = &child {
                title.push_str(&format!(" — {}", safe(name)));
            }
            let voice = Form::section_has_child_voice(section);
            let mut head = vec![Span::styled(title, theme.title)];
            if voice {
                head.push(Span::styled(
                    format!("  {CHILD_VOICE_LABEL}"),
                    theme.child_voice,
                ));
            }
            out.push(Line::from(head));
            for field in &section.fields {
                let slot = Slot {
                    section: section.id.clone(),
                    child: child.as_ref().map(|c| c.0),
                    field: field.id.clone(),
                };
                let style = if form.is_child_voice(section, field) {
                    theme.child_voice
                } else {
                    theme.base
                };
                match answers.get(&slot) {
                    None => out.push(Line::from(vec![
                        Span::styled(format!("  {}: ", field.label), theme.hint),
                        Span::styled("—", theme.hint),
                    ])),
                    Some(v) => {
                        out.push(Line::from(Span::styled(
                            format!("  {}:", field.label),
                            theme.hint,
                        )));
                        for l in value_lines(v) {
                            out.push(Line::from(Span::styled(format!("    {l}"), style)));
                        }
                    }
                }
            }
            out.push(Line::raw(""));
        }
    }
    out
}

/// Draws the review of the open record.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    o: &OpenRecord,
    today: chrono::NaiveDate,
    theme: &Theme,
) {
    let mut lines: Vec<Line> = Vec::new();
    match &o.finalised {
        Some(text) => lines.push(Line::from(Span::styled(
            format!("✓ {}", safe(text)),
            theme.ok,
        ))),
        None => lines.push(Line::from(Span::styled(
            "Draft: not yet finalised. Press f to finalise.",
            theme.title,
        ))),
    }
    lines.push(Line::from(Span::styled(
        format!(
            "Written by {} · event {} · about {}",
            safe(&o.author),
            o.event_date.format("%Y-%m-%d"),
            if o.children.is_empty() {
                "no child named".to_owned()
            } else {
                o.children
                    .iter()
                    .map(|c| safe(&c.1))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ),
        theme.hint,
    )));
    lines.push(Line::raw(""));
    if o.draft {
        let live = crate::record::check(
            &o.form,
            o.pane.answers(),
            &o.children.iter().map(|c| c.0).collect::<Vec<_>>(),
            today,
        );
        let missing = if o.review.missing.is_empty() {
            describe_problems(&o.form, &o.children, &live)
        } else {
            o.review.missing.clone()
        };
        if missing.is_empty() {
            lines.push(Line::from(Span::styled(
                "Every required answer is present.",
                theme.ok,
            )));
        } else {
            lines.push(Line::from(Span::styled(
                format!("Still missing or to correct ({}):", missing.len()),
                theme.missing,
            )));
            for m in missing {
                lines.push(Line::from(Span::styled(
                    format!("  {MISSING_MARK} {m}"),
                    theme.missing,
                )));
            }
        }
        lines.push(Line::raw(""));
    }
    lines.extend(answer_lines(&o.form, &o.children, o.pane.answers(), theme));
    if !o.addenda.is_empty() || !o.draft {
        lines.push(Line::from(Span::styled(
            format!("Addenda ({})", o.addenda.len()),
            theme.title,
        )));
        if o.addenda.is_empty() {
            lines.push(Line::from(Span::styled(
                "  None. Press a to add one.",
                theme.hint,
            )));
        }
        for a in &o.addenda {
            lines.push(Line::from(Span::styled(
                format!("  {} · {}", safe(&a.at), safe(&a.author)),
                theme.hint,
            )));
            for l in a.text.lines() {
                lines.push(Line::raw(format!("    {}", safe(l))));
            }
        }
    }
    let block = Block::bordered().title(Span::styled(
        format!(" Review: {} ", o.form.title),
        theme.title,
    ));
    let max_scroll = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((o.review.scroll.min(max_scroll), 0)),
        area,
    );
}
