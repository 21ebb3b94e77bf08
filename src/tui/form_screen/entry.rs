//! Typed dates and times as the form screen and the dialogs store them;
//! the rules live in the core (`record/typed.rs`) so that the linear mode
//! reads what people type exactly as the screens do.

pub(crate) use crate::record::{
    date_for_people, date_with_weekday, normalise_time, normalise_typed_date, read_date,
    read_typed_date,
};

/// The text a date box starts with: a stored date shown day first, as
/// people write it (`03/03/2026`); anything else as it is.
pub(crate) fn date_as_typed(stored: &str) -> String {
    crate::record::parse_date(stored).map_or_else(|| stored.to_owned(), date_for_people)
}
