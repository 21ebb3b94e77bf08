//! The form checker: one test per kind of mistake a form author can make,
//! each checking the message and the line and column it points at
//! (docs/form-language.md, "What the checker refuses").

// One test makes a FIFO with mkfifo(3), which has no safe wrapper.
#![allow(unsafe_code)]

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

// ---------------------------------------------------------------------------
// Issue 9, item 7: a form file from anyone gets a message, never a crash, a
// hang or a silent pass. Each test below is one of the fuzzer's findings.

use casenotes::cli::forms_cmd;
use std::path::Path;
use std::time::{Duration, Instant};

/// A scale field with these ends, named by a condition when `named` is set.
fn scale_form(min: &str, named: bool) -> String {
    let mut src = with_field(&format!(
        "[[section.field]]\nid = \"scaling\"\nlabel = \"Scaling\"\nkind = \"scale\"\nmin = {min}\nmax = 10\nmin_label = \"Low\"\nmax_label = \"High\"\n"
    ));
    if named {
        src.push_str(
            "\n[[section.field]]\nid = \"why\"\nlabel = \"Why?\"\nkind = \"text\"\nrequired_when = { field = \"scaling\", is = \"3\" }\n",
        );
    }
    src
}

/// Runs `f`, failing (not hanging) if it takes longer than `most`.
#[track_caller]
fn within<T: Send + 'static>(most: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    let started = Instant::now();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(most) {
        Ok(v) => v,
        Err(_) => panic!("still running after {:?}", started.elapsed()),
    }
}

/// (exit status, standard output, standard error) of a `forms` command.
fn run(
    cmd: impl FnOnce(&mut Vec<u8>, &mut Vec<u8>) -> std::io::Result<i32>,
) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cmd(&mut out, &mut err).unwrap();
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn a_scale_end_out_of_range_is_refused_even_the_most_negative_number() {
    for min in [
        "-9223372036854775808",
        "-1001",
        "1001",
        "9223372036854775807",
    ] {
        for named in [false, true] {
            let p = problems(&scale_form(min, named));
            assert!(
                p.iter().any(|d| d.message
                    == "`min` of a scale must be a whole number from -1000 to 1000"
                    && (d.line, d.column) == (27, 7)),
                "{min}: {p:#?}"
            );
        }
    }
    assert!(problems(&scale_form("-1000", true)).is_empty());
}

#[test]
fn the_most_negative_scale_crashes_no_forms_command() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        scale_form("-9223372036854775808", true),
    )
    .unwrap();
    let d = Some(dir.path());
    let (code, _, err) = run(|o, e| forms_cmd::check(d, None, o, e));
    assert_eq!(code, 1);
    assert!(err.contains("bad.toml:27:7: `min` of a scale"), "{err}");
    let (code, _, err) = run(|o, e| forms_cmd::check(None, d, o, e));
    assert_eq!(code, 1, "{err}");
    let (code, out, _) = run(|o, e| forms_cmd::list(d, o, e));
    assert_eq!(code, 1);
    assert!(out.contains("visit"));
    let (code, _, err) = run(|o, e| forms_cmd::show(d, "mini", forms_cmd::Format::Md, o, e));
    assert_eq!(code, 1);
    assert!(err.contains("no form has the id `mini`"), "{err}");
}

/// Short, distinct option names: `0`, `1`, … in base 36.
fn names(n: usize) -> Vec<String> {
    (0..n)
        .map(|mut i| {
            let mut s = String::new();
            loop {
                s.insert(0, char::from_digit((i % 36) as u32, 36).unwrap());
                i /= 36;
                if i == 0 {
                    break;
                }
            }
            format!("\"{s}\"")
        })
        .collect()
}

#[test]
fn a_huge_choice_named_by_a_huge_condition_is_refused_quickly() {
    let src = with_field(&format!(
        "[[section.field]]\nid = \"pick\"\nlabel = \"Pick\"\nkind = \"choice\"\noptions = [{}]\n\n\
         [[section.field]]\nid = \"why\"\nlabel = \"Why?\"\nkind = \"text\"\nrequired_when = {{ field = \"pick\", any_of = [{}] }}\n",
        names(17_000).join(","),
        vec!["\"0\""; 30_000].join(","),
    ));
    assert!(
        src.len() <= casenotes::form::MAX_FORM_BYTES,
        "{}",
        src.len()
    );
    let p = within(Duration::from_secs(10), move || problems(&src));
    let msgs: Vec<&str> = p.iter().map(|d| d.message.as_str()).collect();
    assert!(
        msgs.contains(&"`options` lists 17000 answers; a choice may offer at most 100"),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(&"`any_of` lists 30000 answers; a condition may name at most 100"),
        "{msgs:?}"
    );
    assert_eq!((p[0].line, p[0].column), (27, 11));
}

#[test]
fn a_condition_naming_many_wrong_answers_lists_only_a_few_possible_ones() {
    let src = with_field(&format!(
        "[[section.field]]\nid = \"pick\"\nlabel = \"Pick\"\nkind = \"choice\"\noptions = [{}]\n\n\
         [[section.field]]\nid = \"why\"\nlabel = \"Why?\"\nkind = \"text\"\nrequired_when = {{ field = \"pick\", any_of = [\"nope\"] }}\n",
        names(100).join(","),
    ));
    let p = problems(&src);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(
        p[0].message
            .ends_with("(it can be: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, and 90 more)"),
        "{}",
        p[0].message
    );
    let scale = scale_form("-1000", true).replace("is = \"3\"", "is = \"03\"");
    let p = problems(&scale);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(
        p[0].message
            .ends_with("(it can be: a whole number from -1000 to 10)"),
        "{}",
        p[0].message
    );
}

#[test]
fn thousands_of_sections_are_checked_quickly_and_reported_briefly() {
    let src = format!("{GOOD}{}", "[[section]]\n".repeat(21_000));
    let p = within(Duration::from_secs(10), move || problems(&src));
    assert_eq!(p.len(), 1, "{:#?}", &p[..3]);
    assert_eq!(
        p[0].message,
        "this form has 21001 sections; a form may have at most 100"
    );
    assert_eq!((p[0].line, p[0].column), (121, 1));
    // Under the limit, a file of many mistakes lists the first hundred.
    let src = format!("{GOOD}{}", "[[section]]\n".repeat(99));
    let p = problems(&src);
    assert_eq!(p.len(), casenotes::form::MAX_PROBLEMS + 1);
    assert_eq!(
        p.last().unwrap().message,
        "197 more problem(s) in this file are not listed; mend these first"
    );
    // Problems on one long line are placed quickly too.
    let line = format!("{GOOD}x = [{}]\n", "1,".repeat(100_000));
    within(Duration::from_secs(10), move || problems(&line));
}

#[test]
fn fields_options_columns_and_texts_have_limits() {
    let many_fields =
        with_field(&"[[section.field]]\nid = \"f\"\nlabel = \"F\"\nkind = \"text\"\n".repeat(101));
    let p = problems(&many_fields);
    assert!(
        p.iter().any(|d| d
            .message
            .starts_with("this section has 103 fields; a section may have at most 100")),
        "{p:#?}"
    );
    let cols = "[[section.field.column]]\nid = \"c\"\nlabel = \"C\"\nkind = \"text\"\n".repeat(21);
    let table = with_field(&format!(
        "[[section.field]]\nid = \"t\"\nlabel = \"T\"\nkind = \"table\"\n{cols}"
    ));
    let p = problems(&table);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(
        p[0].message
            .starts_with("this table has 21 columns; a table may have at most 20")
    );
    let long = "x".repeat(301);
    let label = GOOD.replace("label = \"Seen?\"", &format!("label = \"{long}\""));
    one(&label, 20, 9, "`label` is longer than 300 characters");
    let option = with_field(&format!(
        "[[section.field]]\nid = \"c\"\nlabel = \"C\"\nkind = \"choice\"\noptions = [\"{long}\"]\n"
    ));
    one(&option, 27, 12, "`option` is longer than 300 characters");
    let hint = GOOD.replace(
        "label = \"Seen?\"",
        &format!("label = \"Seen?\"\nhint = \"{long}\""),
    );
    one(&hint, 21, 8, "`hint` is longer than 300 characters");
    let guidance = GOOD.replace(
        "title = \"Main\"",
        &format!("title = \"Main\"\nguidance = \"{}\"", "g".repeat(4001)),
    );
    one(
        &guidance,
        10,
        12,
        "`guidance` is longer than 4000 characters",
    );
    let number =
        with_field("[[section.field]]\nid = \"n\"\nlabel = \"N\"\nkind = \"number\"\nmax = 1e13\n");
    one(
        &number,
        27,
        7,
        "a bound must be a number from -1000000000000",
    );
    // A bad id of any length is quoted back briefly.
    let id = GOOD.replace("id = \"seen\"", &format!("id = \"{}\"", "Q".repeat(10_000)));
    let p = problems(&id);
    assert_eq!(p.len(), 1);
    assert!(p[0].message.len() < 300, "{}", p[0].message);
}

#[test]
fn the_built_in_forms_are_well_within_the_limits() {
    // Each built-in parses (FormSet::built_in checks every one).
    let set = FormSet::built_in().unwrap();
    for f in set.iter() {
        assert!(
            f.sections.len() * 2 <= casenotes::form::MAX_SECTIONS,
            "{}",
            f.id
        );
    }
}

#[test]
fn forms_check_without_a_dir_checks_the_forms_directory_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        GOOD.replace("kind = \"yes_no\"", "kind = \"nope\""),
    )
    .unwrap();
    let d = Some(dir.path());
    let (code, out, err) = run(|o, e| forms_cmd::check(None, d, o, e));
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("bad.toml:21:8: unknown kind `nope`"), "{err}");
    // The same problems `forms list` reports with the same directory.
    let (_, _, list_err) = run(|o, e| forms_cmd::list(d, o, e));
    assert_eq!(list_err.lines().next(), err.lines().next());
    // Without any directory, the built-ins alone, and no problems.
    let (code, out, _) = run(|o, e| forms_cmd::check(None, None, o, e));
    assert_eq!(code, 0);
    assert!(out.contains("no problems"), "{out}");
}

#[cfg(unix)]
#[test]
fn only_regular_files_are_read_and_what_is_skipped_is_named() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("a_good.toml"), GOOD).unwrap();
    let fifo = std::ffi::CString::new(p.join("b_pipe.toml").to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    symlink("/dev/zero", p.join("c_device.toml")).unwrap();
    symlink(p.join("nowhere.toml.gone"), p.join("d_dangling.toml")).unwrap();
    symlink(p.join("e_loop.toml"), p.join("e_loop.toml")).unwrap();
    std::fs::create_dir(p.join("f_folder.toml")).unwrap();
    std::fs::write(
        p.join("G_UPPER.TOML"),
        GOOD.replace("id = \"mini\"", "id = \"upper\""),
    )
    .unwrap();
    symlink(p.join("a_good.toml"), p.join("h_link.toml")).unwrap();
    let dir_path = p.to_owned();
    let (forms, diags) = within(Duration::from_secs(10), move || {
        FormSet::read_dir(&dir_path)
    });
    let ids: Vec<&str> = forms.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["upper", "mini"], "{diags:#?}");
    let said: Vec<(String, &str)> = diags
        .iter()
        .map(|d| {
            let name = Path::new(&d.file)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, d.message.as_str())
        })
        .collect();
    let about = |file: &str| -> &str {
        said.iter()
            .find(|(n, _)| n == file)
            .map(|(_, m)| *m)
            .unwrap_or_else(|| panic!("nothing said about {file}: {said:#?}"))
    };
    assert!(about("b_pipe.toml").contains("a named pipe, not a regular file"));
    assert!(about("c_device.toml").contains("a device, not a regular file"));
    assert!(about("d_dangling.toml").contains("a link that leads to nothing readable"));
    assert!(about("e_loop.toml").contains("a link that leads to nothing readable"));
    assert!(about("f_folder.toml").contains("a folder, not a regular file"));
    assert!(about("h_link.toml").contains("form id `mini` is already used by"));
    assert_eq!(said.len(), 6, "{said:#?}");
    // The commands that read the directory do not hang on it either.
    let dir_path = p.to_owned();
    let (code, _, err) = within(Duration::from_secs(10), move || {
        run(|o, e| forms_cmd::check(Some(&dir_path), None, o, e))
    });
    assert_eq!(code, 1);
    assert!(
        err.contains("b_pipe.toml:1:1: skipped: a named pipe"),
        "{err}"
    );
}

#[test]
fn form_text_reaches_the_terminal_only_in_visible_form() {
    let nasty = GOOD
        .replace("title = \"Mini\"", "title = \"Mini\\u001b]0;owned\\u0007\\u202e\"")
        .replace(
            "kind = \"yes_no\"",
            "kind = \"choice\"\noptions = [\"line\\nbreak\", \"esc\\u001b[2J\", \"c1\\u009b\", \"del\\u007f\", \"rtl\\u2067\\u200f\"]",
        );
    let form = parse_form("t.toml", &nasty, FormSource::BuiltIn).unwrap();
    let outline = casenotes::form::outline_markdown(&form);
    let hidden = |s: &str| {
        s.chars()
            .any(|c| c != '\n' && casenotes::safe_text::is_hidden_control(c))
    };
    assert!(!hidden(&outline), "{outline:?}");
    assert!(
        outline
            .contains("one of: line^Jbreak / esc^[[2J / c1<U+009B> / del^? / rtl<U+2067><U+200F>"),
        "{outline}"
    );
    assert!(outline.starts_with("# Mini^[]0;owned^G<U+202E> (`mini`, version 1)\n"));

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mini.toml"), &nasty).unwrap();
    let bad = nasty
        .replace("id = \"mini\"", "id = \"other\"")
        .replace("kind = \"date\"", "kind = \"\\u001b[31mred\"");
    std::fs::write(dir.path().join("bad\u{1b}[1m.toml"), bad).unwrap();
    let d = Some(dir.path());
    for (code, out, err) in [
        run(|o, e| forms_cmd::list(d, o, e)),
        run(|o, e| forms_cmd::show(d, "mini", forms_cmd::Format::Md, o, e)),
        run(|o, e| forms_cmd::check(d, None, o, e)),
        run(|o, e| forms_cmd::show(d, "no\u{1b}pe", forms_cmd::Format::Md, o, e)),
    ] {
        assert!(!hidden(&out) && !hidden(&err), "{code}: {out:?} {err:?}");
    }
    let (_, _, err) = run(|o, e| forms_cmd::check(d, None, o, e));
    assert!(
        err.contains("bad^[[1m.toml:14:8: unknown kind `^[[31mred`"),
        "{err}"
    );
}

#[test]
fn a_field_refused_for_what_it_holds_is_not_also_called_missing() {
    let p = problems(&scale_form("-9223372036854775808", true));
    assert_eq!(p.len(), 1, "{p:#?}");
    let src = GOOD.replace("kind = \"date\"", "kind = \"dait\"");
    one(&src, 14, 8, "unknown kind `dait`");
}

#[test]
fn prefill_is_checked_against_the_kind_and_placed() {
    // Today on a date field is fine.
    let ok = GOOD.replace(
        "not_future = true",
        "not_future = true\nprefill = \"today\"",
    );
    assert!(problems(&ok).is_empty(), "{:#?}", problems(&ok));
    // The writer's name on a yes/no field is not.
    let src = GOOD.replace(
        "kind = \"yes_no\"",
        "kind = \"yes_no\"\nprefill = \"writer\"",
    );
    one(
        &src,
        22,
        11,
        "prefill = \"writer\" fits only a one-line text field",
    );
    let src = GOOD.replace(
        "not_future = true",
        "not_future = true\nprefill = \"tomorrow\"",
    );
    one(&src, 17, 11, "unknown prefill `tomorrow`");
}

/// GOOD with its section renamed `section` and its yes/no field made a
/// choice of `options` carrying `prefill`.
fn audit_form(section: &str, options: &str, prefill: &str) -> String {
    GOOD.replace("id = \"main\"", &format!("id = \"{section}\""))
        .replace(
            "kind = \"yes_no\"",
            &format!("kind = \"choice\"\noptions = {options}\nprefill = \"{prefill}\""),
        )
}

#[test]
fn audit_prefills_need_a_standards_section_and_the_right_kind() {
    // Issue 16, seed 002_66f790c2d2b6d6fc.txt: standard 9 is one the file
    // can answer.
    let ok = audit_form(
        "standard_09",
        r#"["yes", "partly", "no"]"#,
        "audit_proposal",
    );
    assert!(problems(&ok).is_empty(), "{:#?}", problems(&ok));
    // Standard 2 is the manager's judgement: nothing to propose.
    let src = audit_form(
        "standard_02",
        r#"["yes", "partly", "no"]"#,
        "audit_proposal",
    );
    one(&src, 23, 11, "standard 2 is the manager's judgement");
    // Outside a standard's section there is no standard to propose for.
    let src = audit_form("main", r#"["yes", "partly", "no"]"#, "audit_proposal");
    one(&src, 23, 11, "belongs in a section answered once");
    // The choice must offer every answer a proposal can be.
    let src = audit_form("standard_09", r#"["yes", "no"]"#, "audit_proposal");
    one(
        &src,
        23,
        11,
        "fits only a choice field offering yes, partly and no",
    );
    // The evidence goes in a multiline field.
    let src = audit_form(
        "standard_09",
        r#"["yes", "partly", "no"]"#,
        "audit_evidence",
    );
    one(&src, 23, 11, "fits only a multiline field");
}
