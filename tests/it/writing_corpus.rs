//! The two corpora of issue 13: well-written case-note sentences give no
//! finding at all, and sentences with one planted fault each give exactly
//! that finding. The sentences are in tests/it/data/writing_*.txt, about
//! a fictional family; the names come from the family, as in the program.

use casenotes::writing::{Finding, Kind, Person, check_text};

/// The fictional family the corpora are written about.
pub fn family() -> Vec<Person> {
    vec![
        Person::new("Kayleigh Example", "the child's name on this family"),
        Person::new("Alfie Example", "a child's name on this family"),
        Person::new("Jodie Example", "the mother's name on this family"),
        Person::new(
            "Darren Sample",
            "the mother's partner's name on this family",
        ),
        Person::new("Gloria Example", "Nan's name on this family"),
        Person::new("Priya Demo", "the school nurse's name on this family"),
        Person::new("Sam Specimen", "the health visitor's name on this family"),
    ]
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
}

fn shown(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "{}: {:?} {:?} {:?}",
                f.kind.name(),
                f.text,
                f.suggestions,
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn well_written_sentences_give_no_finding() {
    let text = include_str!("data/writing_good.txt");
    let sentences: Vec<&str> = lines(text).collect();
    assert!(
        sentences.len() >= 30,
        "the corpus has {} sentences",
        sentences.len()
    );
    let mut alarms = Vec::new();
    for s in &sentences {
        let found = check_text(s, &family());
        if !found.is_empty() {
            alarms.push(format!("{s}\n{}", shown(&found)));
        }
    }
    // Checked as one record too: an abbreviation spelled out once counts
    // for the whole record.
    let whole = sentences.join("\n");
    let found = check_text(&whole, &family());
    assert!(alarms.is_empty(), "false alarms:\n{}", alarms.join("\n\n"));
    assert!(
        found.is_empty(),
        "false alarms in the whole:\n{}",
        shown(&found)
    );
}

fn unbracket(s: &str) -> &str {
    match s {
        "(two spaces)" => "  ",
        "(one space)" => " ",
        other => other,
    }
}

#[test]
fn each_planted_fault_is_found_exactly() {
    let text = include_str!("data/writing_faults.txt");
    let mut wrong = Vec::new();
    let mut kinds = std::collections::HashSet::new();
    for line in lines(text) {
        let cols: Vec<&str> = line.splitn(4, " | ").collect();
        let [kind, found_text, suggestion, sentence] = cols[..] else {
            panic!("a corpus line without four columns: {line}");
        };
        let kind = Kind::from_name(kind).unwrap_or_else(|| panic!("no kind {kind}"));
        kinds.insert(kind);
        let found = check_text(sentence, &family());
        let ok = found.len() == 1
            && found[0].kind == kind
            && found[0].text == unbracket(found_text)
            && &sentence[found[0].range.clone()] == unbracket(found_text)
            && (suggestion == "-" && found[0].suggestions.is_empty()
                || found[0].suggestions.first().map(String::as_str) == Some(unbracket(suggestion)));
        if !ok {
            wrong.push(format!(
                "{sentence}\nwanted {} {found_text:?} -> {suggestion:?}, got:\n{}",
                kind.name(),
                shown(&found)
            ));
        }
    }
    assert_eq!(
        kinds.len(),
        Kind::ALL.len(),
        "every kind has a planted fault"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}
