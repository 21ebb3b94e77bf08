//! The export dialog on the review screen (issue 15): which file, which
//! format, and which child (every child on the record, or one, whose
//! export then leaves out the other children's own sections). Writing the
//! file, owner-only and never over an existing one unasked, is
//! `service::export_file`'s.

use super::form_dialog::{Dialog, DialogKind};
use super::input::Input;
use crate::record::ChildId;
use crate::record::RecordId;
use crate::service::export::Format;
use std::path::PathBuf;

/// Where each answer sits.
mod field {
    pub const FILE: usize = 0;
    pub const FORMAT: usize = 1;
    pub const CHILD: usize = 2;
}

/// The formats offered, in the order of the choice.
const FORMATS: [(Format, &str, &str); 3] = [
    (Format::Html, "HTML page", "html"),
    (Format::Markdown, "Markdown", "md"),
    (Format::Text, "Plain text", "txt"),
];

impl Dialog {
    /// The export dialog for a record about `children` (id and name).
    pub fn export_record(record: RecordId, children: &[(ChildId, String)]) -> Dialog {
        let mut who = vec!["Every child on the record".to_owned()];
        who.extend(children.iter().map(|(_, n)| format!("Only {n}")));
        Dialog {
            kind: DialogKind::ExportRecord {
                record,
                children: children.iter().map(|(id, _)| *id).collect(),
            },
            title: "Export this record to a file",
            inputs: vec![
                Input::text("File", true, 400).filled(&format!("record-{}.html", record.0)),
                Input::choice(
                    "Format",
                    FORMATS.iter().map(|f| f.1.to_owned()).collect(),
                    0,
                ),
                Input::choice("For", who, 0),
            ],
            focus: 0,
            error: None,
            note: Some(
                "Written owner-only, in the folder casenotes was started in unless the \
                 name says otherwise; an existing file is replaced only if you say so."
                    .into(),
            ),
            set_aside: None,
        }
    }

    /// The file, format and child chosen (`None`: every child).
    pub fn export_values(&self) -> (PathBuf, Format, Option<ChildId>) {
        let format = FORMATS
            .get(self.choice(field::FORMAT))
            .map_or(Format::Html, |f| f.0);
        let child = match &self.kind {
            DialogKind::ExportRecord { children, .. } => self
                .choice(field::CHILD)
                .checked_sub(1)
                .and_then(|i| children.get(i).copied()),
            _ => None,
        };
        (PathBuf::from(self.value(field::FILE)), format, child)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::dialogs::DialogOutcome;
    use crate::tui::dialogs::test_support::{key, today};
    use ratatui::crossterm::event::KeyCode;

    #[test]
    fn the_file_format_and_child_are_chosen() {
        let kids = [
            (ChildId(4), "Kit".to_owned()),
            (ChildId(7), "Lou".to_owned()),
        ];
        let mut d = Dialog::export_record(RecordId(12), &kids);
        assert_eq!(
            d.export_values(),
            (PathBuf::from("record-12.html"), Format::Html, None)
        );
        d.set_focus(field::FORMAT);
        d.on_key(key(KeyCode::Right), today());
        d.set_focus(field::CHILD);
        d.on_key(key(KeyCode::Left), today());
        assert_eq!(
            d.on_key(key(KeyCode::Enter), today()),
            DialogOutcome::Submit
        );
        assert_eq!(
            d.export_values(),
            (
                PathBuf::from("record-12.html"),
                Format::Markdown,
                Some(ChildId(7))
            )
        );
    }
}
