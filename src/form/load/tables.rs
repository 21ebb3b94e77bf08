//! The checker's part for tables: a table field's columns, and the
//! `actions` key that makes a table's rows SMART actions for the family's
//! action register (docs/form-language.md).

use super::super::model::{ActionColumns, CellKind, Column, TableRole, TableSpec};
use super::super::raw::{RawActions, RawField};
use super::{COLUMN_KINDS, Checker, MAX_COLUMNS, quote};
use std::collections::HashSet;
use std::ops::Range;
use toml::Spanned;

impl Checker<'_> {
    pub(super) fn table(&mut self, raw: &RawField, span: &Range<usize>) -> Option<TableSpec> {
        let min_rows = match &raw.min_rows {
            None => 1,
            Some(n) => match u32::try_from(*n.get_ref()) {
                Ok(v) if v <= 100 => v,
                _ => {
                    self.at(
                        n.span().start,
                        "`min_rows` must be a whole number from 0 to 100",
                    );
                    return None;
                }
            },
        };
        let Some(cols) = &raw.column else {
            self.at(
                span.start,
                "a table needs at least one [[section.field.column]]",
            );
            return None;
        };
        if cols.get_ref().is_empty() {
            self.at(cols.span().start, "a table needs at least one column");
            return None;
        }
        if let Some(extra) = cols.get_ref().get(MAX_COLUMNS) {
            self.at(
                extra.span().start,
                format!(
                    "this table has {} columns; a table may have at most {MAX_COLUMNS}",
                    cols.get_ref().len()
                ),
            );
            return None;
        }
        let mut ids = HashSet::new();
        let mut columns = Vec::new();
        let mut ok = true;
        for rc in cols.get_ref() {
            match self.column(rc) {
                Some(c) => {
                    if !ids.insert(c.id.clone()) {
                        let at = rc
                            .get_ref()
                            .id
                            .as_ref()
                            .map_or(rc.span().start, |i| i.span().start);
                        self.at(
                            at,
                            format!("column id `{}` is used twice in this table", c.id),
                        );
                        ok = false;
                    }
                    columns.push(c);
                }
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        let role = match &raw.actions {
            None => TableRole::Plain,
            Some(a) => TableRole::Actions(self.actions(a, &columns)?),
        };
        Some(TableSpec {
            columns,
            min_rows,
            role,
        })
    }

    /// `actions = { what = "...", who = "...", by_when = "..." }`: each names
    /// a column of this table, text for what and who, a date for by when.
    fn actions(&mut self, a: &Spanned<RawActions>, columns: &[Column]) -> Option<ActionColumns> {
        let raw = a.get_ref();
        let mut one = |key: &str, v: &Option<Spanned<String>>, date: bool| -> Option<String> {
            let Some(v) = v else {
                self.at(
                    a.span().start,
                    format!("`actions` needs `{key}`, the id of a column of this table"),
                );
                return None;
            };
            let id = v.get_ref();
            let Some(col) = columns.iter().find(|c| &c.id == id) else {
                self.at(
                    v.span().start,
                    format!(
                        "`actions` names column `{}`, which is not in this table",
                        quote(id)
                    ),
                );
                return None;
            };
            let fits = if date {
                matches!(col.kind, CellKind::Date { .. })
            } else {
                col.kind == CellKind::Text
            };
            if !fits {
                let want = if date { "date" } else { "text" };
                self.at(
                    v.span().start,
                    format!(
                        "`actions.{key}` names column `{id}`, a {} column; it must be a {want} column",
                        col.kind.name()
                    ),
                );
                return None;
            }
            Some(id.clone())
        };
        let what = one("what", &raw.what, false);
        let who = one("who", &raw.who, false);
        let by_when = one("by_when", &raw.by_when, true);
        Some(ActionColumns {
            what: what?,
            who: who?,
            by_when: by_when?,
        })
    }

    fn column(&mut self, rc: &Spanned<RawField>) -> Option<Column> {
        let span = rc.span();
        let raw = rc.get_ref();
        let id = self.ident(&raw.id, "column", &span);
        let label = self.text(&raw.label, "label", &span);
        for (key, at) in [
            ("prefill", raw.prefill.as_ref().map(|v| v.span().start)),
            (
                "required_when",
                raw.required_when.as_ref().map(|v| v.span().start),
            ),
            (
                "child_voice",
                raw.child_voice.as_ref().map(|v| v.span().start),
            ),
        ] {
            if let Some(at) = at {
                self.at(at, format!("`{key}` does not apply to a table column"));
            }
        }
        let Some(kind_s) = &raw.kind else {
            self.at(
                span.start,
                format!("missing key `kind`; expected one of: {COLUMN_KINDS}"),
            );
            return None;
        };
        let name = kind_s.get_ref().as_str();
        let kind = match name {
            "text" | "date" | "time" | "yes_no" | "choice" | "number" => {
                self.cell_kind(name, raw, &span)
            }
            "multiline" | "choices" | "scale" | "table" => {
                self.at(
                    kind_s.span().start,
                    format!(
                        "a table column cannot be of kind `{name}`; expected one of: {COLUMN_KINDS}"
                    ),
                );
                None
            }
            other => {
                self.at(
                    kind_s.span().start,
                    format!(
                        "unknown kind `{}`; expected one of: {COLUMN_KINDS}",
                        quote(other)
                    ),
                );
                None
            }
        };
        Some(Column {
            id: id?,
            label: label?,
            kind: kind?,
            required: raw.required.as_ref().is_some_and(|b| *b.get_ref()),
            required_when: None,
            hint: self.optional_text(&raw.hint, "hint"),
        })
    }
}
