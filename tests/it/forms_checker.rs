//! The form checker: one test per kind of mistake a form author can make,
//! each checking the message and the line and column it points at
//! (docs/form-language.md, "What the checker refuses").

use casenotes::form::{Diagnostic, FormSet, FormSource, parse_form};

/// A valid form with one section; tests splice mistakes into copies of it.
const GOOD: &str = r#"id = "mini"
version = 1
title = "Mini"
purpose = "A form for tests."
event_date_field = "when"

[[section]]
id = "main"
title = "Main"

[[section.field]]
id = "when"
label = "When"
kind = "date"
required = true
not_future = true

[[section.field]]
id = "seen"
label = "Seen?"
kind = "yes_no"
"#;

fn problems(src: &str) -> Vec<Diagnostic> {
    match parse_form("t.toml", src, FormSource::BuiltIn) {
        Ok(_) => Vec::new(),
        Err(e) => e.diagnostics,
    }
}

/// Asserts exactly one problem, at this line and column, whose message
/// contains `needle`.
#[track_caller]
fn one(src: &str, line: usize, column: usize, needle: &str) {
    let p = problems(src);
    assert_eq!(p.len(), 1, "expected one problem, got {p:#?}");
    let d = &p[0];
    assert!(d.message.contains(needle), "message was: {}", d.message);
    assert_eq!((d.line, d.column), (line, column), "{d}");
    assert_eq!(d.file, "t.toml");
    assert!(
        d.to_string()
            .starts_with(&format!("t.toml:{line}:{column}: "))
    );
}

fn with_field(extra: &str) -> String {
    format!("{GOOD}\n{extra}")
}

#[test]
fn the_base_form_is_valid() {
    assert!(problems(GOOD).is_empty());
}

#[test]
fn toml_syntax_error_is_placed() {
    let src = GOOD.replace("title = \"Mini\"", "title = \"Mini");
    let p = problems(&src);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].line, 3, "{}", p[0]);
}

#[test]
fn unknown_key_is_placed() {
    let src = GOOD.replace("not_future = true", "not_future = true\nrequird = true");
    one(&src, 17, 1, "unknown field `requird`");
}

#[test]
fn wrong_value_type_is_placed() {
    let src = GOOD.replace("version = 1", "version = \"one\"");
    one(&src, 2, 11, "invalid type");
}

#[test]
fn unknown_kind_lists_the_kinds() {
    let src = GOOD.replace("kind = \"yes_no\"", "kind = \"yesno\"");
    one(
        &src,
        21,
        8,
        "unknown kind `yesno`; expected one of: text, multiline",
    );
}

#[test]
fn key_of_another_kind_is_refused() {
    let src = GOOD.replace("not_future = true", "options = [\"a\"]");
    one(
        &src,
        16,
        11,
        "`options` does not apply to a field of kind `date`",
    );
}

#[test]
fn duplicate_field_id_is_placed() {
    let src = with_field("[[section.field]]\nid = \"seen\"\nlabel = \"Again\"\nkind = \"text\"\n");
    one(&src, 24, 6, "field id `seen` is used twice");
}

#[test]
fn duplicate_section_id_is_placed() {
    let src = with_field(
        "[[section]]\nid = \"main\"\ntitle = \"Again\"\n\n[[section.field]]\nid = \"other\"\nlabel = \"Other\"\nkind = \"text\"\n",
    );
    one(&src, 24, 6, "section id `main` is used twice");
}

#[test]
fn required_when_naming_a_missing_field() {
    let src = with_field(
        "[[section.field]]\nid = \"why\"\nlabel = \"Why?\"\nkind = \"multiline\"\nrequired_when = { field = \"sen\", is = \"no\" }\n",
    );
    one(&src, 27, 27, "names field `sen`, which is not in this form");
}

#[test]
fn required_when_with_an_impossible_answer() {
    let src = with_field(
        "[[section.field]]\nid = \"why\"\nlabel = \"Why?\"\nkind = \"multiline\"\nrequired_when = { field = \"seen\", is = \"maybe\" }\n",
    );
    one(
        &src,
        27,
        40,
        "`maybe` is not an answer field `seen` can take (it can be: yes, no)",
    );
}

#[test]
fn required_when_on_a_free_text_field() {
    let src = with_field(
        "[[section.field]]\nid = \"why\"\nlabel = \"Why?\"\nkind = \"multiline\"\nrequired_when = { field = \"when\", is = \"2026-01-01\" }\n",
    );
    one(
        &src,
        27,
        27,
        "field `when` is a date field; required_when needs",
    );
}

#[test]
fn required_when_across_a_per_child_boundary() {
    let src = with_field(
        "[[section]]\nid = \"kids\"\ntitle = \"Each child\"\nper_child = true\n\n[[section.field]]\nid = \"alone\"\nlabel = \"Alone?\"\nkind = \"yes_no\"\n\n\
         [[section]]\nid = \"later\"\ntitle = \"Later\"\n\n[[section.field]]\nid = \"why_alone\"\nlabel = \"Why?\"\nkind = \"text\"\nrequired_when = { field = \"alone\", is = \"no\" }\n",
    );
    one(&src, 41, 27, "answered once per child");
}

#[test]
fn choice_with_no_options() {
    let src = with_field(
        "[[section.field]]\nid = \"type\"\nlabel = \"Type\"\nkind = \"choice\"\noptions = []\n",
    );
    one(&src, 27, 11, "`options` is empty");
}

#[test]
fn choice_with_a_repeated_option() {
    let src = with_field(
        "[[section.field]]\nid = \"type\"\nlabel = \"Type\"\nkind = \"choices\"\noptions = [\"A\", \"B\", \"A\"]\n",
    );
    one(&src, 27, 22, "option `A` is listed twice");
}

#[test]
fn empty_section() {
    let src = with_field("[[section]]\nid = \"empty\"\ntitle = \"Empty\"\n");
    one(&src, 23, 1, "this section has no fields");
}

#[test]
fn reversed_scale() {
    let src = with_field(
        "[[section.field]]\nid = \"scaling\"\nlabel = \"Scaling\"\nkind = \"scale\"\nmin = 10\nmax = 0\nmin_label = \"Ready\"\nmax_label = \"No safety\"\n",
    );
    one(&src, 27, 7, "the scale's ends are reversed or equal");
}

#[test]
fn scale_without_labels() {
    let src = with_field(
        "[[section.field]]\nid = \"scaling\"\nlabel = \"Scaling\"\nkind = \"scale\"\nmin = 0\nmax = 10\n",
    );
    let p = problems(&src);
    assert_eq!(p.len(), 2, "{p:#?}");
    assert!(p.iter().any(|d| d.message == "missing key `min_label`"));
    assert!(p.iter().all(|d| (d.line, d.column) == (23, 1)));
}

#[test]
fn table_without_columns_and_nested_table() {
    let src =
        with_field("[[section.field]]\nid = \"actions\"\nlabel = \"Actions\"\nkind = \"table\"\n");
    one(&src, 23, 1, "a table needs at least one");
    let src = with_field(
        "[[section.field]]\nid = \"actions\"\nlabel = \"Actions\"\nkind = \"table\"\n\n[[section.field.column]]\nid = \"inner\"\nlabel = \"Inner\"\nkind = \"table\"\n",
    );
    one(&src, 31, 8, "a table column cannot be of kind `table`");
}

#[test]
fn event_date_field_must_be_a_date() {
    let src = GOOD.replace("event_date_field = \"when\"", "event_date_field = \"seen\"");
    one(&src, 5, 20, "event_date_field `seen` must be a date field");
}

#[test]
fn missing_keys_and_bad_ids_are_all_reported_together() {
    let src = GOOD
        .replace("title = \"Mini\"\n", "")
        .replace("id = \"when\"", "id = \"When\"")
        .replace("label = \"Seen?\"", "label = \"  \"");
    let p = problems(&src);
    let msgs: Vec<&str> = p.iter().map(|d| d.message.as_str()).collect();
    assert!(msgs.contains(&"missing key `title`"), "{msgs:?}");
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("`When` is not a valid field id")),
        "{msgs:?}"
    );
    assert!(msgs.contains(&"`label` must not be empty"), "{msgs:?}");
}

#[test]
fn timescale_bounds() {
    let src = format!("{GOOD}\n[timescale]\nworking_days = 5\nurgent_working_days = 9\n");
    // [timescale] after [[section]] arrays is still the top-level table.
    let p = problems(&src);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(
        p[0].message
            .contains("must not be longer than `working_days`")
    );
    assert_eq!((p[0].line, p[0].column), (25, 23));
}

#[test]
fn deeply_nested_input_is_an_error_not_a_crash() {
    let deep = format!(
        "{GOOD}\nx = {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let p = problems(&deep);
    assert_eq!(p.len(), 1);
    assert!(
        p[0].message.contains("nested more than"),
        "{}",
        p[0].message
    );
    let deep_tables = format!("{GOOD}\nx = {}\n", "{ a = ".repeat(5_000));
    let p = problems(&deep_tables);
    assert!(p[0].message.contains("nested more than"), "{p:?}");
}

#[test]
fn huge_input_is_refused_before_parsing() {
    let huge = format!("{GOOD}\n# {}\n", "x".repeat(300 * 1024));
    let p = problems(&huge);
    assert_eq!(p.len(), 1);
    assert_eq!((p[0].line, p[0].column), (1, 1));
    assert!(p[0].message.contains("may be at most"));
}

#[test]
fn brackets_inside_strings_and_comments_do_not_count_as_nesting() {
    let src = GOOD.replace(
        "title = \"Mini\"",
        &format!("title = \"Mini {}\" # {}", "[".repeat(40), "{".repeat(40)),
    );
    assert!(problems(&src).is_empty(), "{:#?}", problems(&src));
}

#[test]
fn a_directory_with_one_bad_file_still_loads_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a_good.toml"), GOOD).unwrap();
    std::fs::write(
        dir.path().join("b_bad.toml"),
        GOOD.replace("id = \"mini\"", "id = \"other\"")
            .replace("kind = \"yes_no\"", "kind = \"nope\""),
    )
    .unwrap();
    std::fs::write(dir.path().join("c_binary.toml"), [0xff, 0xfe, 0x00]).unwrap();
    std::fs::write(dir.path().join("d_dupe.toml"), GOOD).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a form").unwrap();
    let (forms, diags) = FormSet::read_dir(dir.path());
    assert_eq!(forms.len(), 1);
    assert_eq!(forms[0].id, "mini");
    let files: Vec<String> = diags
        .iter()
        .map(|d| {
            std::path::Path::new(&d.file)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        files,
        ["b_bad.toml", "c_binary.toml", "d_dupe.toml"],
        "{diags:#?}"
    );
    assert!(diags[1].message.contains("not UTF-8"));
    assert!(diags[2].message.contains("already used by"));
}

#[test]
fn an_organisation_form_replaces_a_built_in_by_id_and_adds_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let visit = GOOD
        .replace("id = \"mini\"", "id = \"visit\"")
        .replace("Mini", "Our visit");
    std::fs::write(dir.path().join("visit.toml"), visit).unwrap();
    std::fs::write(dir.path().join("mini.toml"), GOOD).unwrap();
    let base = FormSet::built_in().unwrap();
    let n = base.len();
    let (set, diags) = base.with_dir(dir.path());
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(set.len(), n + 1);
    assert_eq!(set.get("visit").unwrap().title, "Our visit");
    assert!(set.get("mini").is_some());
}

#[test]
fn chronology_columns_must_name_text_fields_answered_once() {
    let src = GOOD.replace(
        "[[section]]",
        "[chronology]\nwhat_happened = \"nothing\"\nsource = \"seen\"\n\n[[section]]",
    );
    let p = problems(&src);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!((p[0].line, p[0].column), (8, 17));
    assert!(p[0].message.contains("[chronology] names field `nothing`"));
    let ok = GOOD.replace(
        "[[section]]",
        "[chronology]\nsource = \"seen\"\n\n[[section]]",
    );
    let form = parse_form("t.toml", &ok, FormSource::BuiltIn).unwrap();
    assert_eq!(form.chronology.source.as_deref(), Some("seen"));
}
