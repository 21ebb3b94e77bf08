//! Checking the conditions that make a field required or unnecessary,
//! the chronology columns and the event date a form names.

use super::super::model::{CellKind, Condition, FieldKind, Form, Requirement};
use super::super::raw::RawCondition;
use super::Checker;
use super::*;
use toml::Spanned;

impl Checker<'_> {
    pub(super) fn raw_condition(
        &mut self,
        w: &Spanned<RawCondition>,
    ) -> Option<(Spanned<String>, Vec<Spanned<String>>)> {
        let raw = w.get_ref();
        let Some(field) = &raw.field else {
            self.at(
                w.span().start,
                "`required_when` needs `field`, the id of the field that decides",
            );
            return None;
        };
        let answers = match (&raw.is, &raw.any_of) {
            (Some(is), None) => vec![is.clone()],
            (None, Some(list)) if list.get_ref().len() > MAX_CONDITION_ANSWERS => {
                self.at(
                    list.span().start,
                    format!(
                        "`any_of` lists {} answers; a condition may name at most {MAX_CONDITION_ANSWERS}",
                        list.get_ref().len()
                    ),
                );
                return None;
            }
            (None, Some(list)) if !list.get_ref().is_empty() => list.get_ref().clone(),
            (None, Some(list)) => {
                self.at(
                    list.span().start,
                    "`any_of` is empty; name at least one answer",
                );
                return None;
            }
            (Some(is), Some(_)) => {
                self.at(
                    is.span().start,
                    "use either `is` or `any_of` in `required_when`, not both",
                );
                return None;
            }
            (None, None) => {
                self.at(
                    w.span().start,
                    "`required_when` needs `is = \"ANSWER\"` or `any_of = [...]`",
                );
                return None;
            }
        };
        Some((field.clone(), answers))
    }

    pub(super) fn condition(&mut self, form: &mut Form, p: PendingCondition) {
        let target = p.field.get_ref();
        let at = p.field.span().start;
        if *target == p.owner {
            self.at(
                at,
                format!(
                    "field `{}` cannot be required because of itself",
                    quote(target)
                ),
            );
            return;
        }
        let Some((section, field)) = form.field(target) else {
            if self.refused.contains(target) {
                return;
            }
            self.at(
                at,
                format!(
                    "required_when names field `{}`, which is not in this form",
                    quote(target)
                ),
            );
            return;
        };
        let Some(possible) = Answers::of(&field.kind) else {
            self.at(
                at,
                format!(
                    "field `{target}` is a {} field; required_when needs a yes_no, choice, choices or scale field",
                    field.kind.name()
                ),
            );
            return;
        };
        let same_section = form
            .field(&p.owner)
            .is_some_and(|(owner_section, _)| std::ptr::eq(owner_section, section));
        if section.per_child && !same_section {
            self.at(
                at,
                format!(
                    "field `{target}` is answered once per child, so only fields of its own section may depend on it"
                ),
            );
            return;
        }
        let mut any_of = Vec::new();
        for a in &p.answers {
            let ans = a.get_ref().trim();
            if !self.fits(a, "answer", MAX_TEXT_CHARS) {
                continue;
            }
            if possible.contains(ans) {
                any_of.push(ans.to_owned());
            } else {
                self.at(
                    a.span().start,
                    format!(
                        "`{}` is not an answer field `{target}` can take (it can be: {})",
                        quote(ans),
                        possible.describe()
                    ),
                );
            }
        }
        if any_of.len() != p.answers.len() {
            return;
        }
        let condition = Condition {
            field: target.clone(),
            any_of,
        };
        if let Some(owner) = form.field_mut(&p.owner) {
            owner.requirement = Requirement::When(condition);
        }
    }

    /// A field named by `[chronology]`: it must exist, hold text, and be
    /// answered once per record.
    pub(super) fn chronology_field(
        &mut self,
        form: &Form,
        name: &Option<Spanned<String>>,
    ) -> Option<String> {
        let name = name.as_ref()?;
        let at = name.span().start;
        let id = name.get_ref();
        match form.field(id) {
            None if self.refused.contains(id) => None,
            None => {
                self.at(
                    at,
                    format!(
                        "[chronology] names field `{}`, which is not in this form",
                        quote(id)
                    ),
                );
                None
            }
            Some((s, _)) if s.per_child => {
                self.at(at, format!("[chronology] field `{id}` is answered once per child; name a field answered once"));
                None
            }
            Some((_, f)) if matches!(f.kind, FieldKind::Table(_) | FieldKind::Choices { .. }) => {
                self.at(
                    at,
                    format!(
                        "[chronology] field `{id}` is a {} field; name a text field",
                        f.kind.name()
                    ),
                );
                None
            }
            Some(_) => Some(id.clone()),
        }
    }

    pub(super) fn event_date(&mut self, form: &Form, ed: &Spanned<String>) {
        let at = ed.span().start;
        match form.field(ed.get_ref()) {
            None if self.refused.contains(ed.get_ref()) => {}
            None => self.at(
                at,
                format!(
                    "event_date_field names `{}`, which is not a field of this form",
                    quote(ed.get_ref())
                ),
            ),
            Some((s, f)) => {
                if !matches!(f.kind, FieldKind::Cell(CellKind::Date { .. })) {
                    self.at(
                        at,
                        format!("event_date_field `{}` must be a date field", f.id),
                    );
                } else if s.per_child {
                    self.at(
                        at,
                        format!("event_date_field `{}` is in a per-child section; the record has one event date", f.id),
                    );
                }
            }
        }
    }
}
