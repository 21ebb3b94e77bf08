//! `casenotes completions SHELL` and `casenotes man` (issue 17): the
//! scripts a shell loads and the manual page, generated from the same
//! definitions as the parser, printed even where the config is broken.

use std::path::Path;
use std::process::{Command, Output};

fn casenotes(dir: &Path, args: &[&str]) -> Output {
    std::fs::write(dir.join("broken.toml"), "team_file = [").expect("a config");
    Command::new(env!("CARGO_BIN_EXE_casenotes"))
        .args(args)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        // A broken config stops every command that reads it; these two
        // must not read it.
        .env("CASENOTES_CONFIG", dir.join("broken.toml"))
        .env("CASENOTES_SYSTEM_CONFIG", dir.join("none-system.toml"))
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn bash_loads_the_completion_script_and_it_offers_the_subcommands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = casenotes(dir.path(), &["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let script = dir.path().join("casenotes.bash");
    std::fs::write(&script, &out.stdout).expect("written");
    // Loaded into a real bash, the script registers a completion for
    // casenotes, and asking it to complete `casenotes ex` offers export.
    let probe = format!(
        "source {}; complete -p casenotes; COMP_WORDS=(casenotes ex); COMP_CWORD=1; \
         COMP_LINE='casenotes ex'; COMP_POINT=${{#COMP_LINE}}; _casenotes casenotes ex casenotes; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let bash = Command::new("bash")
        .args(["--norc", "-c", &probe])
        .output()
        .expect("bash runs");
    let said = stdout(&bash);
    assert!(bash.status.success(), "{said} {bash:?}");
    assert!(said.contains("-F _casenotes casenotes"), "{said}");
    assert!(said.lines().any(|l| l == "export"), "{said}");
}

#[test]
fn zsh_and_fish_scripts_name_the_program_and_its_commands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let zsh = casenotes(dir.path(), &["completions", "zsh"]);
    assert_eq!(zsh.status.code(), Some(0));
    assert!(stdout(&zsh).starts_with("#compdef casenotes"));
    let fish = stdout(&casenotes(dir.path(), &["completions", "fish"]));
    assert!(fish.contains("complete -c casenotes"), "{fish}");
    for sub in ["forms", "due", "export", "backup", "completions", "man"] {
        assert!(
            fish.contains(&format!("-a \"{sub}\"")),
            "{sub} missing:\n{fish}"
        );
    }
    // A shell casenotes does not know is a usage error.
    let ksh = casenotes(dir.path(), &["completions", "ksh"]);
    assert_eq!(ksh.status.code(), Some(2));
}

#[test]
fn the_manual_page_is_roff_with_every_subcommand_and_the_exit_statuses() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = casenotes(dir.path(), &["man"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let page = stdout(&out);
    assert!(page.contains(".TH casenotes 1"), "{page}");
    for sub in [
        "casenotes\\-export(1)",
        "casenotes\\-check(1)",
        "casenotes\\-demo(1)",
    ] {
        assert!(page.contains(sub), "{sub} missing:\n{page}");
    }
    assert!(page.contains("128+n"), "{page}");

    // With --dir, every page is written, the subcommands' included.
    let pages = dir.path().join("man1");
    std::fs::create_dir(&pages).expect("a folder");
    let out = casenotes(
        dir.path(),
        &["man", "--dir", pages.to_str().expect("utf-8")],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    for name in [
        "casenotes.1",
        "casenotes-export.1",
        "casenotes-forms-check.1",
    ] {
        assert!(pages.join(name).is_file(), "{name} not written");
    }
    // man itself reads the page (where man is installed).
    if let Ok(shown) = Command::new("man")
        .arg("-l")
        .arg(pages.join("casenotes-export.1"))
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        && shown.status.success()
    {
        assert!(stdout(&shown).contains("--format"), "{shown:?}");
    }
}
