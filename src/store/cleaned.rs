//! What the store does to free text before keeping it: surrounding spaces
//! trimmed, a blank optional answer stored as "not recorded" rather than
//! "", and a name held to 1 to 200 characters. Families, children and
//! people share these rules.

use super::StoreError;

/// The longest name of a family, child or person.
const MAX_NAME: usize = 200;

/// An optional answer trimmed, or `None` when it is blank.
pub(super) fn optional(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// A name trimmed, or `refusal` when it is blank or longer than 200
/// characters.
pub(super) fn name(raw: &str, refusal: &'static str) -> Result<String, StoreError> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        return Err(StoreError::Invalid(refusal));
    }
    Ok(name.to_owned())
}
