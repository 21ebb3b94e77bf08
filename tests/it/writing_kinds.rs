//! Each kind of writing help on its own, with positions (line and column in
//! characters, byte ranges), the record-wide rules (an abbreviation flagged
//! only at its first use, and not at all once spelled out anywhere), the
//! settings per kind, the user's own words and the paragraph-at-a-time
//! field checker.

use casenotes::writing::{Checker, Context, FieldChecker, Kind, Person, WritingLists, check_text};

fn checker() -> Checker {
    Checker::new(WritingLists::built_in().expect("the built-in lists load"))
}

#[test]
fn positions_are_lines_and_character_columns_with_byte_ranges() {
    let text = "Café visit.\nThe ñame behavior";
    let f = check_text(text, &[]);
    let b = f
        .iter()
        .find(|f| f.text == "behavior")
        .expect("behavior is found");
    assert_eq!((b.line, b.column), (2, 10));
    assert_eq!(&text[b.range.clone()], "behavior");
}

#[test]
fn an_abbreviation_is_flagged_at_its_first_use_only_and_not_once_spelled_out() {
    let c = checker();
    let ctx = Context::new(&[]);
    let f = c.check("A CIN plan.\nThe CIN plan again.", &ctx);
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].kind, f[0].line), (Kind::Abbreviation, 1));
    assert_eq!(f[0].suggestions, ["child in need (CIN)"]);
    let f = c.check("A CIN plan.\nShe is a child in need.", &ctx);
    assert!(f.is_empty(), "{f:?}");
    let f = c.check(
        "The MARAC met. The Multi-Agency Risk Assessment Conference (MARAC) met.",
        &ctx,
    );
    assert!(f.is_empty(), "spelled out by the writer in brackets: {f:?}");
    let f = c.check("The MARAC met.", &ctx);
    assert_eq!(
        f[0].message,
        "say what \"MARAC\" stands for the first time it is used"
    );
    let f = c.check("The UK and the TV are known words; BBC too.", &ctx);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn names_are_never_misspellings_and_near_names_are_offered() {
    let people = [Person::new(
        "Kayleigh Thistlewood-Example",
        "the child's name on this family",
    )];
    assert!(check_text("Kayleigh Thistlewood-Example's bike.", &people).is_empty());
    let f = check_text("Kayliegh's bike.", &people);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind, Kind::Name);
    assert_eq!(f[0].suggestions, ["Kayleigh's"]);
    assert_eq!(
        f[0].message,
        "Did you mean Kayleigh? (the child's name on this family)"
    );
    // A real word near a name is left alone.
    let f = check_text("She was seen.", &[Person::new("Shea", "a child")]);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn opinions_with_a_source_nearby_or_in_quotation_marks_are_left_alone() {
    let people = [
        Person::new("Jodie", "the mother"),
        Person::new("Alfie", "a child"),
        Person::new("Kayleigh", "a child"),
    ];
    for ok in [
        "Jodie seemed tired. She told me Alfie had been up all night.",
        "Kayleigh appeared happy because she had won a prize.",
        "Kayleigh said \"it seems fine\" about school.",
    ] {
        let f = check_text(ok, &people);
        assert!(f.is_empty(), "{ok}: {f:?}");
    }
    let f = check_text("Jodie seemed tired. Alfie slept.", &people);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind, Kind::Opinion);
}

#[test]
fn each_kind_can_be_turned_off_and_own_words_are_known() {
    let c = checker();
    let text = "The the behavior of the LAC. It seems so.  Odd CIN Kayliegh.";
    let people = [Person::new("Kayleigh", "the child")];
    let mut ctx = Context::new(&people);
    let all = c.check(text, &ctx);
    for kind in Kind::ALL {
        assert!(
            all.iter().any(|f| f.kind == kind),
            "{} found: {all:?}",
            kind.name()
        );
        let mut off = ctx.clone();
        off.enabled.set(kind, false);
        let found = c.check(text, &off);
        assert!(!found.iter().any(|f| f.kind == kind), "{} off", kind.name());
        assert!(found.len() < all.len());
    }
    ctx.add_own_words(["behavior"]);
    assert!(!c.check(text, &ctx).iter().any(|f| f.text == "behavior"));
}

#[test]
fn the_field_checker_rechecks_only_the_changed_paragraph() {
    let c = checker();
    let ctx = Context::new(&[]);
    let mut lines: Vec<String> = (0..200)
        .map(|i| format!("Paragraph {i} about the the visit."))
        .collect();
    let mut field = FieldChecker::new();
    let n = field.update(&c, &lines, &ctx).len();
    assert_eq!(n, 200);
    lines[50].push_str(" Her behavior");
    let f = field.update(&c, &lines, &ctx).to_vec();
    assert_eq!(field.fresh(), 1);
    assert_eq!(f.len(), 201);
    assert!(f.iter().any(|f| f.text == "behavior" && f.line == 51));
    // The same findings as checking the whole text at once.
    assert_eq!(f, c.check(&lines.join("\n"), &ctx));
}

#[test]
fn a_paragraph_moved_by_a_line_break_above_it_is_not_checked_again() {
    let c = checker();
    let ctx = Context::new(&[]);
    let mut lines: Vec<String> = (0..50)
        .map(|i| format!("Paragraph {i} about the the visit and her behavior."))
        .collect();
    let mut field = FieldChecker::new();
    field.update(&c, &lines, &ctx);
    // A new paragraph typed in the middle: only it is checked.
    lines.insert(20, "A new one with behavior in it.".to_owned());
    let f = field.update(&c, &lines, &ctx).to_vec();
    assert_eq!(field.fresh(), 1);
    assert_eq!(f, c.check(&lines.join("\n"), &ctx));
    // Paragraphs taken out: nothing new to check.
    lines.drain(5..8);
    let f = field.update(&c, &lines, &ctx).to_vec();
    assert_eq!(field.fresh(), 0);
    assert_eq!(f, c.check(&lines.join("\n"), &ctx));
    // Two paragraphs swapped: each keeps its findings, at its new place.
    lines.swap(0, 30);
    let f = field.update(&c, &lines, &ctx).to_vec();
    assert_eq!(field.fresh(), 0);
    assert_eq!(f, c.check(&lines.join("\n"), &ctx));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// No input makes the checker panic, and every finding points at its
    /// own text, on character boundaries, with a place from 1. The
    /// suggestions themselves are covered by the corpora.
    #[test]
    fn any_text_gives_findings_that_point_at_their_text(
        text in "(\\PC|[ \n\t\"'’()]|the |CIN |behavior|Kayliegh|seems){0,60}"
    ) {
        // Quick suggestions only: the dictionary's own search takes a
        // tenth of a second a word, and random text is all misspellings.
        let people = [Person::new("Kayleigh Example", "the child")];
        let ctx = Context::new(&people);
        for f in checker().check(&text, &ctx) {
            proptest::prop_assert!(text.is_char_boundary(f.range.start));
            proptest::prop_assert!(text.is_char_boundary(f.range.end));
            proptest::prop_assert_eq!(&text[f.range.clone()], f.text.as_str());
            proptest::prop_assert!(f.line >= 1 && f.column >= 1);
        }
    }
}
