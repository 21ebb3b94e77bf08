//! The guided tour of the demonstration (`casenotes demo --tour`): a short
//! sequence of steps, each shown over one real screen of the demonstration
//! file, each citing the guidance it comes from. The steps are data
//! (`forms/tour/tour.toml`, built in; a trainer's own with `--tour FILE`),
//! checked when read: every problem is named at file:line:column before
//! anything is opened.

use crate::form::{Diagnostic, FormError};
use serde::Deserialize;
use toml::Spanned;

/// The built-in tour.
const BUILT_IN: &str = include_str!("../../forms/tour/tour.toml");

/// The most steps a tour may have: a tour is short, and a typo that
/// repeats a table should not make a hundred screens.
const MOST_STEPS: usize = 30;
/// The most characters in a step's text: it must fit the box over the
/// screen at 80x24.
const MOST_TEXT: usize = 600;
/// The most characters in a title or a source.
const MOST_LINE: usize = 160;

/// Which real screen a step is shown over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TourScreen {
    /// The families screen.
    Families,
    /// The demonstration family's screen.
    Family,
    /// The draft visit, in its form.
    Draft,
    /// The finished visit, read as a whole.
    Record,
    /// What is due.
    Due,
    /// The family's chronology.
    Chronology,
}

impl TourScreen {
    const ALL: [(&'static str, TourScreen); 6] = [
        ("families", TourScreen::Families),
        ("family", TourScreen::Family),
        ("draft", TourScreen::Draft),
        ("record", TourScreen::Record),
        ("due", TourScreen::Due),
        ("chronology", TourScreen::Chronology),
    ];

    fn from_word(w: &str) -> Option<TourScreen> {
        Self::ALL.iter().find(|(n, _)| *n == w).map(|(_, s)| *s)
    }
}

/// One step of the tour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TourStep {
    /// The screen it is shown over.
    pub screen: TourScreen,
    /// Its heading.
    pub title: String,
    /// What it says.
    pub text: String,
    /// The guidance it comes from (file name and section).
    pub source: String,
}

/// A whole tour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tour {
    /// Its heading.
    pub title: String,
    /// The steps, in order; never empty.
    pub steps: Vec<TourStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTour {
    title: Spanned<String>,
    #[serde(default)]
    step: Vec<Spanned<RawStep>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    screen: Spanned<String>,
    title: Spanned<String>,
    text: Spanned<String>,
    source: Spanned<String>,
}

impl Tour {
    /// The tour built into the program.
    pub fn built_in() -> Result<Tour, FormError> {
        Tour::parse("forms/tour/tour.toml", BUILT_IN)
    }

    /// Reads a tour from `source`, naming `file` in every problem.
    pub fn parse(file: &str, source: &str) -> Result<Tour, FormError> {
        let mut problems = Vec::new();
        let at = |problems: &mut Vec<Diagnostic>, offset: usize, m: String| {
            problems.push(Diagnostic::at(file, source, offset, m));
        };
        let raw: RawTour = match toml::from_str(source) {
            Ok(r) => r,
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                at(&mut problems, offset, e.message().trim().to_owned());
                return Err(FormError {
                    diagnostics: problems,
                });
            }
        };
        let line = |problems: &mut Vec<Diagnostic>, v: &Spanned<String>, key: &str, most| {
            let t = v.get_ref().trim();
            if t.is_empty() {
                at(
                    problems,
                    v.span().start,
                    format!("`{key}` is empty; write it out"),
                );
            } else if t.chars().count() > most {
                at(
                    problems,
                    v.span().start,
                    format!("`{key}` is longer than {most} characters; shorten it"),
                );
            }
            t.to_owned()
        };
        let title = line(&mut problems, &raw.title, "title", MOST_LINE);
        if raw.step.is_empty() {
            at(
                &mut problems,
                source.len(),
                "the tour has no steps; add at least one [[step]]".to_owned(),
            );
        }
        if raw.step.len() > MOST_STEPS {
            at(
                &mut problems,
                raw.step[MOST_STEPS].span().start,
                format!("a tour has at most {MOST_STEPS} steps; this is one too many"),
            );
        }
        let mut steps = Vec::new();
        for s in raw.step.iter().take(MOST_STEPS) {
            let s = s.get_ref();
            let screen = TourScreen::from_word(s.screen.get_ref().trim());
            if screen.is_none() {
                let names: Vec<&str> = TourScreen::ALL.iter().map(|(n, _)| *n).collect();
                at(
                    &mut problems,
                    s.screen.span().start,
                    format!(
                        "`screen` is \"{}\", which is not a screen of the tour; use one of: {}",
                        s.screen.get_ref().escape_debug(),
                        names.join(", ")
                    ),
                );
            }
            let step = TourStep {
                screen: screen.unwrap_or(TourScreen::Families),
                title: line(&mut problems, &s.title, "title", MOST_LINE),
                text: line(&mut problems, &s.text, "text", MOST_TEXT),
                source: line(&mut problems, &s.source, "source", MOST_LINE),
            };
            steps.push(step);
        }
        if problems.is_empty() {
            Ok(Tour { title, steps })
        } else {
            Err(FormError {
                diagnostics: problems,
            })
        }
    }

    /// Reads a trainer's tour file.
    pub fn read(path: &std::path::Path) -> Result<Tour, String> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("the tour {shown} could not be read: {e}"))?;
        Tour::parse(&shown, &text).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_tour_loads_and_covers_the_five_topics() {
        let t = Tour::built_in().unwrap();
        let titles: Vec<&str> = t.steps.iter().map(|s| s.title.as_str()).collect();
        for topic in [
            "What a visit record holds",
            "Where the child's voice goes",
            "What the red markers mean",
            "How a due date is worked out",
            "What finalising does",
        ] {
            assert!(titles.contains(&topic), "{topic} missing: {titles:?}");
        }
        // Every step cites one of the guidance files by name.
        for s in &t.steps {
            let file = s.source.split_whitespace().next().unwrap_or("");
            assert!(
                file.len() == 24 && file.ends_with(".txt") && file.as_bytes()[3] == b'_',
                "{}: {}",
                s.title,
                s.source
            );
        }
    }
}
