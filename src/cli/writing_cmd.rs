//! `casenotes writing check [FILE|-] [--name NAME]... [--json]`: the writing
//! help for scripts and trainers (issue 13). Prints `line:column: kind:
//! message` a finding, or JSON; exit status 0 when nothing is found, 1 when
//! something is, 2 when the text could not be read. The text is someone's
//! record, so it reaches the terminal only through `safe_text`.

use crate::safe_text::{for_terminal, to_json_pretty};
use crate::writing::{Checker, Context, Finding, Kind, Person, WritingLists};
use serde::Serialize;
use std::io::{Read, Write};
use std::path::Path;

/// The largest text checked: a record is at most a few hundred kilobytes.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// Who a `--name` is, in messages.
const GIVEN_NAME: &str = "a name given with --name";

#[derive(Serialize)]
struct JsonFinding<'a> {
    kind: &'static str,
    line: usize,
    column: usize,
    text: &'a str,
    suggestions: &'a [String],
    message: &'a str,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    findings: Vec<JsonFinding<'a>>,
}

/// Reads the text: a file, or standard input for `-` or no file.
fn read_text(file: Option<&Path>, stdin: &mut dyn Read) -> Result<String, String> {
    let mut bytes = Vec::new();
    let (shown, result) = match file {
        Some(p) if p != Path::new("-") => {
            let shown = for_terminal(&p.display().to_string()).into_owned();
            let r = std::fs::File::open(p)
                .and_then(|f| f.take(MAX_TEXT_BYTES + 1).read_to_end(&mut bytes));
            (shown, r)
        }
        _ => (
            "standard input".to_owned(),
            stdin.take(MAX_TEXT_BYTES + 1).read_to_end(&mut bytes),
        ),
    };
    if let Err(e) = result {
        return Err(format!("cannot read {shown}: {e}"));
    }
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(format!(
            "{shown} is larger than {MAX_TEXT_BYTES} bytes, more than any record"
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{shown} is not UTF-8 text (a byte that is not text at byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The most distinct misspellings given the dictionary's own suggestions
/// (a tenth of a second each); past them a misspelling is listed without,
/// so text that is all misspellings still finishes in seconds.
pub const MAX_SEARCHED: usize = 100;

/// The findings for `text`, knowing `names` as the family's.
pub fn findings(text: &str, names: &[String], lists: WritingLists) -> Vec<Finding> {
    let people: Vec<Person> = names.iter().map(|n| Person::new(n, GIVEN_NAME)).collect();
    let ctx = Context::new(&people);
    let checker = Checker::new(lists);
    let mut found = checker.check(text, &ctx);
    let mut searched = std::collections::HashSet::new();
    for f in &mut found {
        if f.kind == Kind::Spelling && f.suggestions.is_empty() {
            if searched.len() >= MAX_SEARCHED && !searched.contains(&f.text) {
                continue;
            }
            searched.insert(f.text.clone());
            f.suggestions = checker.speller().suggest(&f.text);
        }
    }
    found
}

/// `writing check`: returns the exit status.
pub fn check(
    file: Option<&Path>,
    names: &[String],
    json: bool,
    forms_dir: Option<&Path>,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let (lists, problems) = WritingLists::in_use(forms_dir);
    for p in &problems {
        writeln!(err, "{}", for_terminal(&p.to_string()))?;
    }
    let text = match read_text(file, stdin) {
        Ok(t) => t,
        Err(message) => {
            writeln!(err, "{message}")?;
            return Ok(2);
        }
    };
    let found = findings(&text, names, lists);
    if json {
        let report = JsonReport {
            findings: found
                .iter()
                .map(|f| JsonFinding {
                    kind: f.kind.name(),
                    line: f.line,
                    column: f.column,
                    text: &f.text,
                    suggestions: &f.suggestions,
                    message: &f.message,
                })
                .collect(),
        };
        let text = to_json_pretty(&report).map_err(std::io::Error::other)?;
        writeln!(out, "{text}")?;
    } else {
        for f in &found {
            writeln!(
                out,
                "{}:{}: {}: {}",
                f.line,
                f.column,
                f.kind.name(),
                for_terminal(&f.message)
            )?;
        }
    }
    Ok(if found.is_empty() { 0 } else { 1 })
}
