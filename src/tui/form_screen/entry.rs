//! Typed dates and times as the form screen and the dialogs store them;
//! the rules live in the core (`record/typed.rs`) so that the linear mode
//! reads what people type exactly as the screens do.

pub(crate) use crate::record::{normalise_date, normalise_time, read_date};
