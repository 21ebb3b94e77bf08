//! The form a record was written with: the one in use when it is the same
//! version and text, otherwise the text kept in the case file when the
//! record was made, so that changing a form never changes an old record.

use super::StoreError;
use super::open::Store;
use crate::form::{Form, FormSet, FormSource, parse_form};

impl Store {
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
