//! The forms in use: the built-ins, with an organisation's directory adding
//! forms or replacing built-ins by id.

use super::builtin::BUILT_IN;
use super::diagnostic::{Diagnostic, FormError};
use super::load::{MAX_FORM_BYTES, parse_form};
use super::model::{Form, FormSource};
use std::path::Path;

/// The forms available, in the order they are offered.
#[derive(Clone, Debug, Default)]
pub struct FormSet {
    forms: Vec<Form>,
}

impl FormSet {
    /// The built-in forms. They are checked by the test suite, so an error
    /// here means a broken build; it is still reported, never panicked on.
    pub fn built_in() -> Result<FormSet, FormError> {
        let mut forms = Vec::new();
        let mut diagnostics = Vec::new();
        for (name, text) in BUILT_IN {
            match parse_form(&format!("forms/{name}"), text, FormSource::BuiltIn) {
                Ok(f) => forms.push(f),
                Err(e) => diagnostics.extend(e.diagnostics),
            }
        }
        if diagnostics.is_empty() {
            Ok(FormSet { forms })
        } else {
            Err(FormError { diagnostics })
        }
    }

    /// Reads every `*.toml` in a directory, in name order. Good files load
    /// even when others are bad; every problem is returned.
    pub fn read_dir(dir: &Path) -> (Vec<Form>, Vec<Diagnostic>) {
        let mut forms: Vec<Form> = Vec::new();
        let mut diags = Vec::new();
        let shown = dir.display().to_string();
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                diags.push(file_problem(
                    &shown,
                    format!("cannot read this directory: {e}"),
                ));
                return (forms, diags);
            }
        };
        let mut paths: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            .collect();
        paths.sort();
        for path in paths {
            let name = path.display().to_string();
            match read_limited(&path) {
                Err(message) => diags.push(file_problem(&name, message)),
                Ok(text) => match parse_form(&name, &text, FormSource::File(name.clone())) {
                    Ok(form) => {
                        if let Some(first) = forms.iter().find(|f| f.id == form.id) {
                            let first = match &first.source {
                                FormSource::File(p) => p.clone(),
                                FormSource::BuiltIn => "a built-in form".into(),
                            };
                            diags.push(file_problem(
                                &name,
                                format!("form id `{}` is already used by {first}", form.id),
                            ));
                        } else {
                            forms.push(form);
                        }
                    }
                    Err(e) => diags.extend(e.diagnostics),
                },
            }
        }
        (forms, diags)
    }

    /// The built-ins with a directory's forms added or replacing them.
    pub fn with_dir(mut self, dir: &Path) -> (FormSet, Vec<Diagnostic>) {
        let (extra, diags) = FormSet::read_dir(dir);
        for form in extra {
            match self.forms.iter_mut().find(|f| f.id == form.id) {
                Some(slot) => *slot = form,
                None => self.forms.push(form),
            }
        }
        (self, diags)
    }

    /// A set of exactly these forms (for tests and tools).
    pub fn from_forms(forms: Vec<Form>) -> FormSet {
        FormSet { forms }
    }

    /// The form with this id.
    pub fn get(&self, id: &str) -> Option<&Form> {
        self.forms.iter().find(|f| f.id == id)
    }

    /// Every form, in the order offered.
    pub fn iter(&self) -> impl Iterator<Item = &Form> {
        self.forms.iter()
    }

    /// How many forms there are.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}

fn file_problem(file: &str, message: String) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        line: 1,
        column: 1,
        message,
    }
}

/// Reads a form file without ever holding more than the limit in memory.
fn read_limited(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let mut bytes = Vec::new();
    let limit = MAX_FORM_BYTES as u64 + 1;
    file.take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() > MAX_FORM_BYTES {
        return Err(format!(
            "the file is larger than {MAX_FORM_BYTES} bytes, the most a form file may be"
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "the file is not UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}
