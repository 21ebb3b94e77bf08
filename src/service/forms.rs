//! The forms in use: the built-in ones plus an organisation's forms
//! directory. The command line lists, checks and shows them, and the
//! terminal interface offers them for new records, so both read them here.

use crate::form::{Diagnostic, FormSet};
use std::path::Path;

/// The forms in use: built-ins, plus the organisation directory if any.
/// Problems in the directory are returned beside the forms that did load.
pub fn forms_in_use(dir: Option<&Path>) -> (FormSet, Vec<Diagnostic>) {
    let (set, mut diags) = match FormSet::built_in() {
        Ok(s) => (s, Vec::new()),
        Err(e) => (FormSet::default(), e.diagnostics),
    };
    match dir {
        Some(d) => {
            let (set, more) = set.with_dir(d);
            diags.extend(more);
            (set, diags)
        }
        None => (set, diags),
    }
}
