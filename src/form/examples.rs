//! Worked examples for trainers: for each built-in form, one event written
//! twice about a fictional family, a good record and a weak one, with what
//! makes the difference named section by section. The examples are data
//! (`forms/examples/*.toml`, embedded like the forms) so a trainer can read
//! and change them; `casenotes forms example FORM` prints one.

use super::Form;
use serde::Deserialize;

macro_rules! examples {
    ($($name:literal),* $(,)?) => {
        &[$((concat!($name, ".toml"), include_str!(concat!("../../forms/examples/", $name, ".toml")))),*]
    };
}

/// (file name, TOML text) of each worked example, one per built-in form.
pub const BUILT_IN_EXAMPLES: &[(&str, &str)] = examples![
    "visit",
    "case_summary",
    "allocation",
    "planning_meeting",
    "management_oversight",
    "case_supervision",
    "chronology_entry",
    "transfer",
    "closure",
    "supervision_record",
    "audit",
    "team_meeting",
];

/// One worked example.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The id of the form it is written with.
    pub form: String,
    /// The fictional family, as the example names it.
    pub family: String,
    /// What happened, in a sentence or two.
    pub situation: String,
    /// The guidance documents it follows (file names in shared/seeds).
    pub sources: Vec<String>,
    /// The sections compared, in the form's order.
    #[serde(rename = "section")]
    pub sections: Vec<ExampleSection>,
}

/// One section written well and weakly.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSection {
    /// The form's section id.
    pub id: String,
    /// What a good record says here.
    pub good: String,
    /// What a weak record says here.
    pub weak: String,
    /// What makes the difference, in a sentence or two.
    pub difference: String,
}

/// Reads one example file; the error is a sentence naming the file.
pub fn parse_example(file: &str, text: &str) -> Result<Example, String> {
    toml::from_str(text).map_err(|e| format!("{file}: {}", e.message()))
}

/// The built-in example for `form_id`, if there is one.
pub fn built_in_example(form_id: &str) -> Option<Result<Example, String>> {
    BUILT_IN_EXAMPLES
        .iter()
        .map(|(file, text)| parse_example(file, text))
        .find(|e| match e {
            Ok(e) => e.form == form_id,
            Err(_) => false,
        })
}

/// What is wrong with an example for `form`: a section the form does not
/// have, sections out of the form's order, or an empty text.
pub fn example_problems(example: &Example, form: &Form) -> Vec<String> {
    let mut problems = Vec::new();
    if example.form != form.id {
        problems.push(format!(
            "it is for form `{}`, not `{}`",
            example.form, form.id
        ));
    }
    if example.sections.is_empty() {
        problems.push("it compares no section".to_owned());
    }
    let mut last = None;
    for s in &example.sections {
        match form.sections.iter().position(|f| f.id == s.id) {
            None => problems.push(format!("the form has no section `{}`", s.id)),
            Some(i) if last.is_some_and(|l| i <= l) => {
                problems.push(format!("section `{}` is out of the form's order", s.id));
            }
            Some(i) => last = Some(i),
        }
        for (what, text) in [
            ("good", &s.good),
            ("weak", &s.weak),
            ("difference", &s.difference),
        ] {
            if text.trim().is_empty() {
                problems.push(format!("section `{}` has no {what} text", s.id));
            }
        }
    }
    if example.sources.is_empty() {
        problems.push("it cites no guidance".to_owned());
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::FormSet;

    #[test]
    fn every_built_in_form_has_a_sound_worked_example() {
        let forms = FormSet::built_in().expect("built-ins");
        for form in forms.iter() {
            let example = built_in_example(&form.id)
                .unwrap_or_else(|| panic!("no worked example for `{}`", form.id))
                .unwrap_or_else(|e| panic!("{e}"));
            let problems = example_problems(&example, form);
            assert!(problems.is_empty(), "{}: {problems:?}", form.id);
            // Obviously fictional, never a real family.
            assert!(example.family.contains("fictional"), "{}", form.id);
            for s in &example.sources {
                assert!(
                    s.ends_with(".txt") && s.len() == 24,
                    "{}: `{s}` is not a seed file name",
                    form.id
                );
            }
        }
        assert_eq!(BUILT_IN_EXAMPLES.len(), forms.len());
    }

    #[test]
    fn every_file_in_forms_examples_is_built_in() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/forms/examples");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("forms/examples")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = BUILT_IN_EXAMPLES
            .iter()
            .map(|(n, _)| n.to_string())
            .collect();
        listed.sort();
        assert_eq!(on_disk, listed);
    }

    #[test]
    fn a_section_the_form_lacks_is_named() {
        let forms = FormSet::built_in().expect("built-ins");
        let form = forms.get("visit").expect("visit");
        let example = parse_example(
            "x.toml",
            "form = \"visit\"\nfamily = \"f (fictional)\"\nsituation = \"s\"\nsources = [\"a\"]\n\
             [[section]]\nid = \"nowhere\"\ngood = \"g\"\nweak = \"w\"\ndifference = \"d\"\n",
        )
        .expect("parses");
        assert_eq!(
            example_problems(&example, form),
            ["the form has no section `nowhere`"]
        );
    }
}
