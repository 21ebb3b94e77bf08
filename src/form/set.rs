//! The forms in use: the built-ins, with an organisation's directory adding
//! forms or replacing built-ins by id.

use super::builtin::BUILT_IN;
use super::diagnostic::{Diagnostic, FormError};
use super::load::{MAX_FORM_BYTES, parse_form};
use super::model::{Form, FormSource};
use std::collections::HashMap;
use std::path::Path;

/// The most form files read from one directory: far more than any
/// organisation needs, and a bound on the memory a directory can cost.
pub const MAX_FORM_FILES: usize = 500;

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

    /// Reads every `*.toml` in a directory (the extension in any case), in
    /// name order. Good files load even when others are bad; every problem
    /// is returned, and so is every entry named like a form that was not
    /// read (a folder, a pipe, a device, a link that leads nowhere), with why.
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
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => {
                    let path = e.path();
                    let is_form = path
                        .extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| x.eq_ignore_ascii_case("toml"));
                    if is_form {
                        paths.push(path);
                    }
                }
                Err(e) => diags.push(file_problem(
                    &shown,
                    format!("an entry of this directory could not be read: {e}"),
                )),
            }
        }
        paths.sort();
        if paths.len() > MAX_FORM_FILES {
            diags.push(file_problem(
                &shown,
                format!(
                    "this directory has {} form files; only the first {MAX_FORM_FILES} in name order were read",
                    paths.len()
                ),
            ));
            paths.truncate(MAX_FORM_FILES);
        }
        let mut first_with_id: HashMap<String, String> = HashMap::new();
        for path in paths {
            let name = path.display().to_string();
            match read_limited(&path) {
                Err(message) => diags.push(file_problem(&name, message)),
                Ok(text) => match parse_form(&name, &text, FormSource::File(name.clone())) {
                    Ok(form) => {
                        if let Some(first) = first_with_id.get(&form.id) {
                            diags.push(file_problem(
                                &name,
                                format!("form id `{}` is already used by {first}", form.id),
                            ));
                        } else {
                            first_with_id.insert(form.id.clone(), name.clone());
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

/// Reads a form file without ever holding more than the limit in memory,
/// and only if it is a regular file (after following links): a named pipe
/// or a device would block the reader or never end. The answer on failure
/// is the sentence to show, saying what was skipped and why.
fn read_limited(path: &Path) -> Result<String, String> {
    use std::io::Read;
    // `metadata` follows links, so this is what a read would reach, and it
    // opens nothing: a pipe is refused before anyone waits on it.
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            return Err(if is_link {
                format!(
                    "skipped: a link that leads to nothing readable (missing, or a loop of links): {e}"
                )
            } else {
                format!("skipped: cannot look at this file: {e}")
            });
        }
    };
    if !meta.is_file() {
        return Err(format!(
            "skipped: {}, not a regular file; a form must be a plain text file",
            describe_type(&meta.file_type())
        ));
    }
    if meta.len() > MAX_FORM_BYTES as u64 {
        return Err(too_big());
    }
    let file = open_without_waiting(path).map_err(|e| format!("skipped: cannot open: {e}"))?;
    // The entry could have been swapped for something else since it was
    // looked at; what matters is what was opened.
    let opened = file
        .metadata()
        .map_err(|e| format!("skipped: cannot look at this file: {e}"))?;
    if !opened.is_file() {
        return Err(format!(
            "skipped: {}, not a regular file; a form must be a plain text file",
            describe_type(&opened.file_type())
        ));
    }
    let mut bytes = Vec::new();
    let limit = MAX_FORM_BYTES as u64 + 1;
    file.take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("skipped: cannot read: {e}"))?;
    if bytes.len() > MAX_FORM_BYTES {
        return Err(too_big());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "the file is not UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn too_big() -> String {
    format!("skipped: the file is larger than {MAX_FORM_BYTES} bytes, the most a form file may be")
}

/// Opens for reading in a way that cannot block: should a pipe take the
/// file's place between the look and the open, the open still returns.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// What kind of thing a directory entry is, in words.
fn describe_type(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "something other than a file"
    }
}
