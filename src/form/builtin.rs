//! The built-in forms, embedded so that an install needs no extra files.
//! A test checks that every file in `forms/` is listed here.

/// (file name, TOML text) of each built-in form, in the order they are
/// offered when starting a record.
pub const BUILT_IN: &[(&str, &str)] = &[];
