//! `casenotes forms list | check | show`: the forms in use, their problems
//! with file:line:column, and a printable outline of one (Markdown, or an
//! HTML handout citing the guidance). A form file may
//! come from anyone, so everything it says reaches the terminal only
//! through `safe_text::for_terminal`.

use crate::form::{Diagnostic, FormSet, FormSource, outline_markdown};
use crate::safe_text::for_terminal;
// Re-exported for the start-up bench, which names this path.
pub use crate::service::forms::forms_in_use;
use std::io::Write;
use std::path::Path;

/// `forms list`: one line a form. Returns the exit status.
pub fn list(dir: Option<&Path>, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let (set, diags) = forms_in_use(dir);
    for f in set.iter() {
        let origin = match &f.source {
            FormSource::BuiltIn => "built-in".to_owned(),
            FormSource::File(p) => p.clone(),
        };
        writeln!(
            out,
            "{:<22} v{:<3} {:<40} {}",
            for_terminal(&f.id),
            f.version,
            for_terminal(&f.title),
            for_terminal(&origin)
        )?;
    }
    report(&diags, err)?;
    Ok(if diags.is_empty() { 0 } else { 1 })
}

/// `forms check [DIR]`: every problem, then a summary. Non-zero if any.
/// With DIR, that directory alone; without, the forms in use: the built-ins
/// and the organisation's directory (`forms_dir`, from --forms or the
/// config), the same forms `forms list` and the program itself read.
pub fn check(
    dir: Option<&Path>,
    forms_dir: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let (count, diags) = match dir {
        Some(d) => {
            let (forms, diags) = FormSet::read_dir(d);
            (forms.len(), diags)
        }
        None => {
            let (set, diags) = forms_in_use(forms_dir);
            (set.len(), diags)
        }
    };
    report(&diags, err)?;
    if diags.is_empty() {
        writeln!(out, "{count} form(s) checked, no problems")?;
        Ok(0)
    } else {
        let mut files: Vec<&str> = diags.iter().map(|d| d.file.as_str()).collect();
        files.sort_unstable();
        files.dedup();
        writeln!(
            err,
            "{} problem(s) in {} file(s); {count} form(s) loaded without problems",
            diags.len(),
            files.len()
        )?;
        Ok(1)
    }
}

/// The formats `forms show` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A Markdown outline.
    Md,
    /// One self-contained HTML page, citing the guidance each section comes from.
    Html,
}

/// `forms show ID`: the outline or the HTML handout, or a message naming
/// the known ids.
pub fn show(
    dir: Option<&Path>,
    id: &str,
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let (set, diags) = forms_in_use(dir);
    report(&diags, err)?;
    match set.get(id) {
        Some(f) if format == Format::Md => {
            write!(out, "{}", outline_markdown(f))?;
            Ok(0)
        }
        Some(f) => match crate::export::handout::render(f) {
            Ok(page) => {
                write!(out, "{page}")?;
                Ok(0)
            }
            Err(m) => {
                writeln!(err, "casenotes: {}", for_terminal(&m))?;
                Ok(1)
            }
        },
        None => {
            let ids: Vec<&str> = set.iter().map(|f| f.id.as_str()).collect();
            writeln!(
                err,
                "no form has the id `{}`; the forms are: {}",
                for_terminal(id),
                for_terminal(&ids.join(", "))
            )?;
            Ok(1)
        }
    }
}

/// One problem a line, whatever the file name or message holds.
fn report(diags: &[Diagnostic], err: &mut dyn Write) -> std::io::Result<()> {
    for d in diags {
        writeln!(err, "{}", for_terminal(&d.to_string()))?;
    }
    Ok(())
}
