//! For trainers: `casenotes forms preview FORM` (a form as a person meets
//! it, field by field, with nothing opened or saved) and `casenotes forms
//! example FORM` (a good and a weak record of the same event side by side,
//! with what makes the difference named per section).

use crate::form::examples::{Example, built_in_example, example_problems};
use crate::form::{Form, FormSet};
use crate::safe_text::for_terminal;
use crate::service::forms::forms_in_use;
use std::io::Write;
use std::path::Path;

/// The form `id` among the forms in use, or a sentence naming the ids.
fn find(dir: Option<&Path>, id: &str, err: &mut dyn Write) -> std::io::Result<Option<Form>> {
    let (set, _) = forms_in_use(dir);
    if let Some(f) = set.get(id) {
        return Ok(Some(f.clone()));
    }
    let ids: Vec<&str> = set.iter().map(|f| f.id.as_str()).collect();
    writeln!(
        err,
        "no form has the id `{}`; the forms are: {}",
        for_terminal(id),
        for_terminal(&ids.join(", "))
    )?;
    Ok(None)
}

/// `forms preview ID`: every field in order, as the linear mode presents
/// it, nothing answered.
pub fn preview(
    dir: Option<&Path>,
    id: &str,
    today: chrono::NaiveDate,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let Some(form) = find(dir, id, err)? else {
        return Ok(1);
    };
    for line in crate::linear::preview(&form, today) {
        writeln!(out, "{line}")?;
    }
    Ok(0)
}

/// How `forms example` lays the two records out.
#[derive(Clone, Copy, Debug)]
pub enum Layout {
    /// Good and weak side by side, `width` columns in all.
    SideBySide {
        /// The whole width.
        width: usize,
    },
    /// One after the other (screen readers, narrow terminals).
    OneColumn,
}

/// `forms example ID`: the worked example for a built-in form.
pub fn example(
    id: &str,
    layout: Layout,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let forms = match FormSet::built_in() {
        Ok(f) => f,
        Err(e) => {
            writeln!(err, "the built-in forms do not load: {e}")?;
            return Ok(1);
        }
    };
    let Some(form) = forms.get(id) else {
        let ids: Vec<&str> = forms.iter().map(|f| f.id.as_str()).collect();
        writeln!(
            err,
            "there is a worked example for each built-in form: {}; `{}` is not one",
            ids.join(", "),
            for_terminal(id)
        )?;
        return Ok(1);
    };
    let example = match built_in_example(id) {
        Some(Ok(e)) => e,
        Some(Err(why)) => {
            writeln!(err, "the worked example does not load: {why}")?;
            return Ok(1);
        }
        None => {
            writeln!(
                err,
                "there is no worked example for `{}` yet",
                for_terminal(id)
            )?;
            return Ok(1);
        }
    };
    let problems = example_problems(&example, form);
    if !problems.is_empty() {
        writeln!(
            err,
            "the worked example for `{id}` does not fit its form: {}",
            problems.join("; ")
        )?;
        return Ok(1);
    }
    write_example(form, &example, layout, out)?;
    Ok(0)
}

fn write_example(
    form: &Form,
    ex: &Example,
    layout: Layout,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out, "Worked example: {}", form.title)?;
    writeln!(out, "{}", ex.family)?;
    writeln!(out, "{}", ex.situation)?;
    writeln!(out, "Follows: {}", ex.sources.join(", "))?;
    for s in &ex.sections {
        let title = form
            .sections
            .iter()
            .find(|f| f.id == s.id)
            .map_or(s.id.as_str(), |f| f.title.as_str());
        writeln!(out)?;
        writeln!(out, "== {title} ==")?;
        match layout {
            Layout::OneColumn => {
                writeln!(out, "A good record:")?;
                writeln!(out, "{}", s.good.trim())?;
                writeln!(out, "A weak record:")?;
                writeln!(out, "{}", s.weak.trim())?;
            }
            Layout::SideBySide { width } => {
                let col = width.saturating_sub(3).max(20) / 2;
                let good = columns("A good record", &s.good, col);
                let weak = columns("A weak record", &s.weak, col);
                for i in 0..good.len().max(weak.len()) {
                    let left = good.get(i).map_or("", String::as_str);
                    let right = weak.get(i).map_or("", String::as_str);
                    let pad = col.saturating_sub(textwrap::core::display_width(left));
                    writeln!(out, "{left}{} | {right}", " ".repeat(pad))?;
                }
            }
        }
        writeln!(out, "What makes the difference: {}", s.difference.trim())?;
    }
    Ok(())
}

/// A heading and its text wrapped to `width` columns, paragraph by
/// paragraph.
fn columns(heading: &str, text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![heading.to_owned(), "-".repeat(heading.len())];
    for para in text.trim().lines() {
        lines.extend(
            textwrap::wrap(para, width)
                .into_iter()
                .map(|l| l.into_owned()),
        );
    }
    lines
}
