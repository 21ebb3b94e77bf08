//! What a record needs beside its answers to be shown or exported: the form
//! it was written with (the one in use when it is the same version and
//! text, otherwise the text kept in the case file when the record was made,
//! so that changing a form never changes an old record) and its children's
//! names.

use super::error::StoreError;
use super::open::Store;
use super::records::Record;
use crate::form::{Form, FormSet, FormSource, parse_form};

impl Store {
    /// The children a record is about, with their names, in the record's
    /// order (a child no longer on file is named by number).
    pub fn record_children(
        &self,
        record: &Record,
    ) -> Result<Vec<(crate::record::ChildId, String)>, StoreError> {
        let kids = self.children(record.family)?;
        Ok(record
            .children
            .iter()
            .map(|c| {
                let name = kids
                    .iter()
                    .find(|k| k.id == *c)
                    .map_or_else(|| format!("child {}", c.0), |k| k.details.name.clone());
                (*c, name)
            })
            .collect())
    }

    /// The form for a record of `form_id` at `version`.
    pub fn form_of(
        &self,
        forms: &FormSet,
        form_id: &str,
        version: u32,
    ) -> Result<Form, StoreError> {
        let stored = self.form_definition(form_id, version)?;
        if let Some(f) = forms.get(form_id)
            && f.version == version
            && stored.as_deref().is_none_or(|t| t == f.toml)
        {
            return Ok(f.clone());
        }
        let text = stored.ok_or(StoreError::Invalid(
            "The form this record was written with is not in the case file.",
        ))?;
        parse_form(
            &format!("{form_id} v{version} (kept in the case file)"),
            &text,
            FormSource::File("the case file".into()),
        )
        .map_err(|_| {
            StoreError::Invalid("The form kept in the case file for this record cannot be read.")
        })
    }
}
