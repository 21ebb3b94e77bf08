//! The checker's part for `[[contradiction]]`: answers a form says cannot
//! all stand ("child seen alone: yes" with "child seen: no"), or a date
//! that must not come before another. Each names fields of the form with
//! the answers they can take, and fields answered per child may only be
//! paired within their own section, so a finding is always about one child.

use super::super::model::{CellKind, Condition, Contradiction, FieldKind, Form};
use super::super::raw::{RawCondition, RawContradiction};
use super::{Answers, Checker, MAX_TEXT_CHARS, quote};
use toml::Spanned;

impl Checker<'_> {
    pub(super) fn contradiction(
        &mut self,
        form: &Form,
        c: &Spanned<RawContradiction>,
    ) -> Option<Contradiction> {
        let raw = c.get_ref();
        let at = c.span().start;
        let message = self.text(&raw.message, "message", &c.span());
        let answers = raw.when.is_some() || raw.and.is_some();
        let dates = raw.date.is_some() || raw.before.is_some();
        let out = match (&raw.when, &raw.and, &raw.date, &raw.before) {
            (Some(w), Some(a), None, None) => {
                let when = self.answer_test(form, w);
                let and = self.answer_test(form, a);
                let (when, and) = (when?, and?);
                self.same_child(form, &when.field, &and.field, a.span().start)?;
                Contradiction::Answers {
                    when,
                    and,
                    message: message?,
                }
            }
            (None, None, Some(d), Some(b)) => {
                let date = self.date_field(form, d);
                let before = self.date_field(form, b);
                let (date, before) = (date?, before?);
                self.same_child(form, &date, &before, b.span().start)?;
                Contradiction::DateOrder {
                    date,
                    before,
                    message: message?,
                }
            }
            _ if answers && dates => {
                self.at(
                    at,
                    "a contradiction is either `when` with `and`, or `date` with `before`, not both",
                );
                return None;
            }
            _ if answers => {
                self.at(at, "a contradiction of answers needs both `when` and `and`");
                return None;
            }
            _ if dates => {
                self.at(
                    at,
                    "a contradiction of dates needs both `date` and `before`",
                );
                return None;
            }
            _ => {
                self.at(
                    at,
                    "a contradiction needs `when` and `and` (two answers), or `date` and `before` (two dates)",
                );
                return None;
            }
        };
        Some(out)
    }

    /// `{ field = "ID", is = "ANSWER" }` (or `any_of`) naming a field with
    /// fixed answers, and answers it can take.
    fn answer_test(&mut self, form: &Form, w: &Spanned<RawCondition>) -> Option<Condition> {
        let raw = w.get_ref();
        let Some(field) = &raw.field else {
            self.at(w.span().start, "name the field with `field = \"ID\"`");
            return None;
        };
        let id = field.get_ref();
        let Some((_, f)) = form.field(id) else {
            if !self.refused.contains(id) {
                self.at(
                    field.span().start,
                    format!(
                        "the contradiction names field `{}`, which is not in this form",
                        quote(id)
                    ),
                );
            }
            return None;
        };
        let Some(possible) = Answers::of(&f.kind) else {
            self.at(
                field.span().start,
                format!(
                    "field `{id}` is a {} field; a contradiction of answers needs a yes_no, choice, choices or scale field",
                    f.kind.name()
                ),
            );
            return None;
        };
        let listed: Vec<&Spanned<String>> = match (&raw.is, &raw.any_of) {
            (Some(is), None) => vec![is],
            (None, Some(list)) if !list.get_ref().is_empty() => list.get_ref().iter().collect(),
            _ => {
                self.at(
                    w.span().start,
                    "give the answer with `is = \"ANSWER\"` or `any_of = [...]` (one of them)",
                );
                return None;
            }
        };
        let mut any_of = Vec::new();
        for a in listed {
            let ans = a.get_ref().trim();
            if !self.fits(a, "answer", MAX_TEXT_CHARS) {
                return None;
            }
            if !possible.contains(ans) {
                self.at(
                    a.span().start,
                    format!(
                        "`{}` is not an answer field `{id}` can take (it can be: {})",
                        quote(ans),
                        possible.describe()
                    ),
                );
                return None;
            }
            any_of.push(ans.to_owned());
        }
        Some(Condition {
            field: id.clone(),
            any_of,
        })
    }

    /// A field of the form that holds a date.
    fn date_field(&mut self, form: &Form, name: &Spanned<String>) -> Option<String> {
        let id = name.get_ref();
        match form.field(id) {
            None => {
                if !self.refused.contains(id) {
                    self.at(
                        name.span().start,
                        format!(
                            "the contradiction names field `{}`, which is not in this form",
                            quote(id)
                        ),
                    );
                }
                None
            }
            Some((_, f)) if !matches!(f.kind, FieldKind::Cell(CellKind::Date { .. })) => {
                self.at(
                    name.span().start,
                    format!(
                        "field `{id}` is a {} field; `date` and `before` name date fields",
                        f.kind.name()
                    ),
                );
                None
            }
            Some(_) => Some(id.clone()),
        }
    }

    /// Two fields answered per child may only be paired within one
    /// section, so the finding is about one child.
    fn same_child(&mut self, form: &Form, a: &str, b: &str, at: usize) -> Option<()> {
        let (sa, _) = form.field(a)?;
        let (sb, _) = form.field(b)?;
        if sa.per_child && sb.per_child && sa.id != sb.id {
            self.at(
                at,
                format!(
                    "fields `{a}` and `{b}` are answered per child in different sections; a contradiction pairs fields of one section, or a per-child field with one answered once"
                ),
            );
            return None;
        }
        Some(())
    }
}
