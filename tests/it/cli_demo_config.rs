//! The real binary, each run with a temporary HOME, XDG folders, user
//! config and system config of its own: the demonstration writes only to a
//! file it made itself and creates nothing before its checks pass; a team
//! file named by a system-wide config is used, and a missing one is refused
//! rather than replaced by a private file; a reader that stops early is a
//! quiet success. The parts that need a terminal run in a pseudo-terminal.

use crate::support::pty::{CTRL_Q, Term};
use casenotes::store::Store;
use casenotes::user::Role;
use portable_pty::CommandBuilder;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// A temporary home with its own config files.
struct Place {
    dir: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        let dir = tempfile::tempdir().expect("a temp dir");
        for sub in ["home", "config", "data", "state", "tmp", "etc"] {
            std::fs::create_dir(dir.path().join(sub)).expect("a folder");
        }
        Place { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn user_config(&self) -> PathBuf {
        self.root().join("config/casenotes.toml")
    }

    fn system_config(&self) -> PathBuf {
        self.root().join("etc/config.toml")
    }

    fn envs(&self) -> Vec<(&'static str, PathBuf)> {
        let r = self.root();
        vec![
            ("HOME", r.join("home")),
            ("XDG_CONFIG_HOME", r.join("config")),
            ("XDG_DATA_HOME", r.join("data")),
            ("XDG_STATE_HOME", r.join("state")),
            ("XDG_CONFIG_DIRS", r.join("etc/xdg")),
            ("TMPDIR", r.join("tmp")),
            ("CASENOTES_CONFIG", self.user_config()),
            ("CASENOTES_SYSTEM_CONFIG", self.system_config()),
            ("USER", PathBuf::from("tester")),
            ("LOGNAME", PathBuf::from("tester")),
        ]
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_casenotes"));
        cmd.env_clear()
            .env("PATH", "/usr/bin:/bin")
            .envs(self.envs())
            .current_dir(self.root())
            .args(args)
            .stdin(Stdio::null());
        cmd
    }

    /// Runs casenotes without a terminal: status, stdout, stderr.
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        self.run_with(args, &[])
    }

    fn run_with(&self, args: &[&str], env: &[(&str, &Path)]) -> (i32, String, String) {
        let mut cmd = self.command(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("casenotes runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Every file and folder under the place, with each file's bytes.
    fn snapshot(&self) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
        fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
            for entry in std::fs::read_dir(dir).expect("a readable folder") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    out.insert(path.clone(), None);
                    walk(&path, out);
                } else {
                    out.insert(path.clone(), Some(std::fs::read(&path).expect("bytes")));
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(self.root(), &mut out);
        out
    }

    /// A real case file with one user, made the ordinary way.
    fn real_file(&self, name: &str) -> PathBuf {
        let path = self.root().join(name);
        let (code, _, err) = self.run(&[
            "--db",
            path.to_str().expect("utf-8"),
            "user",
            "add",
            "tester",
            "--supervisor",
        ]);
        assert_eq!(code, 0, "{err}");
        path
    }
}

#[test]
fn demo_with_db_is_refused_in_either_place_and_creates_nothing() {
    let p = Place::new();
    let before = p.snapshot();
    for args in [
        &["demo", "--db", "x.sqlite3"][..],
        &["--db", "x.sqlite3", "demo", "--keep", "y.sqlite3"][..],
    ] {
        let (code, out, err) = p.run(args);
        assert_eq!(code, 1, "{args:?}");
        assert_eq!(out, "");
        assert!(err.contains("does not use --db"), "{err}");
    }
    assert_eq!(p.snapshot(), before);
}

#[test]
fn demo_ignores_casenotes_db_and_without_a_terminal_creates_nothing() {
    let p = Place::new();
    let real = p.real_file("real.sqlite3");
    let before = p.snapshot();
    let missing = p.root().join("no/such/folder/demo.sqlite3");
    let (code, _, err) = p.run_with(
        &["demo", "--keep", missing.to_str().expect("utf-8")],
        &[("CASENOTES_DB", &real)],
    );
    assert_eq!(code, 1);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(!err.contains("--db"), "{err}");
    let (code, _, err) = p.run(&["demo", "--keep", real.to_str().expect("utf-8")]);
    assert_eq!(code, 1);
    assert!(err.contains("needs a terminal"), "{err}");
    let (code, _, _) = p.run(&["demo"]);
    assert_eq!(code, 1);
    assert_eq!(p.snapshot(), before, "nothing was created or changed");
}

#[test]
fn a_missing_team_file_is_refused_and_nothing_is_created() {
    let p = Place::new();
    let team = p.root().join("srv/team.sqlite3");
    std::fs::write(
        p.system_config(),
        format!("team_file = \"{}\"\n", team.display()),
    )
    .expect("write");
    let before = p.snapshot();
    for args in [
        &["due"][..],
        &["user", "list"],
        &["user", "add", "tester"],
        &[],
    ] {
        let (code, out, err) = p.run(args);
        assert_eq!(code, 1, "{args:?}");
        assert_eq!(out, "");
        assert!(
            err.contains(&format!("the team file {} does not exist", team.display())),
            "{err}"
        );
        assert!(
            err.contains(&p.system_config().display().to_string()),
            "{err}"
        );
    }
    assert_eq!(p.snapshot(), before, "no private file was made instead");
}

#[test]
fn an_existing_team_file_is_used_and_the_user_config_and_command_line_win() {
    let p = Place::new();
    std::fs::create_dir(p.root().join("srv")).expect("mkdir");
    let team = p.real_file("srv/team.sqlite3");
    std::fs::write(
        p.system_config(),
        format!("team_file = \"{}\"\n", team.display()),
    )
    .expect("write");
    let (code, out, err) = p.run(&["user", "list"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        out.contains("tester") && out.contains("supervisor"),
        "{out}"
    );
    let (code, out, err) = p.run(&["due", "--json", "--at", "2026-11-20"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("\"at\": \"2026-11-20\"") || out.contains("\"at\":\"2026-11-20\""),
        "{out}"
    );

    // The user's own team file wins over the system's, key by key.
    let own = p.root().join("own.sqlite3");
    {
        let mut s = Store::open(&own, "tester").expect("open");
        s.add_user("someone.else", Role::Supervisor).expect("add");
    }
    std::fs::write(
        p.user_config(),
        format!("team_file = \"{}\"\n", own.display()),
    )
    .expect("write");
    let (code, out, _) = p.run(&["user", "list"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("someone.else") && !out.contains("tester"),
        "{out}"
    );

    // And --db and CASENOTES_DB win over both.
    let (code, out, _) = p.run(&["--db", team.to_str().expect("utf-8"), "user", "list"]);
    assert_eq!(code, 0);
    assert!(out.contains("tester"), "{out}");
    let (code, out, _) = p.run_with(&["user", "list"], &[("CASENOTES_DB", &team)]);
    assert_eq!(code, 0);
    assert!(out.contains("tester"), "{out}");
}

#[test]
fn a_reader_that_stops_early_is_a_quiet_success() {
    let p = Place::new();
    let team = p.real_file("team.sqlite3");
    for args in [
        &["forms", "list"][..],
        &["due", "--json", "--at", "2026-11-20"],
        &["user", "list"],
    ] {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        // The reader is gone before casenotes writes a byte: every write
        // meets a closed pipe.
        drop(reader);
        let out = p
            .command(args)
            .env("CASENOTES_DB", &team)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .expect("casenotes runs");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

/// casenotes with `args` in an 80x24 pseudo-terminal, with the place's
/// environment and nothing else.
fn in_terminal(p: &Place, args: &[&str]) -> Term {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_casenotes"));
    cmd.args(args);
    cmd.env_clear();
    cmd.env("PATH", "/usr/bin:/bin");
    cmd.env("TERM", "xterm-256color");
    for (k, v) in p.envs() {
        cmd.env(k, v);
    }
    cmd.cwd(p.root());
    let mut t = Term::spawn(cmd, 80, 24);
    t.wait = Duration::from_secs(15);
    t
}

#[test]
fn the_throwaway_demo_opens_quits_with_status_0_and_leaves_nothing() {
    let p = Place::new();
    let mut t = in_terminal(&p, &["demo"]);
    t.wait_for("DEMO-0001");
    // Every screen of a demonstration says so (issue 17), in a word as
    // well as a colour: the families, a family, a record.
    assert!(
        t.screen().contains("DEMO: fictional family"),
        "{}",
        t.screen()
    );
    t.send("\r");
    t.wait_for("Children");
    assert!(
        t.screen().contains("DEMO: fictional family"),
        "{}",
        t.screen()
    );
    t.send(CTRL_Q);
    assert_eq!(t.exit_code(), 0, "{}", t.screen());
    let left: Vec<_> = std::fs::read_dir(p.root().join("tmp"))
        .expect("tmp")
        .collect();
    assert!(
        left.is_empty(),
        "the temporary demonstration was removed: {left:?}"
    );
}

#[test]
fn a_kept_demo_is_marked_reused_and_a_real_file_is_refused_untouched() {
    let p = Place::new();
    // A broken organisation forms folder must not break the demonstration.
    let forms = p.root().join("forms");
    std::fs::create_dir(&forms).expect("mkdir");
    std::fs::write(forms.join("broken.toml"), "id = \n").expect("write");
    std::fs::write(
        p.user_config(),
        format!("forms_dir = \"{}\"\n", forms.display()),
    )
    .expect("write");

    let kept = p.root().join("demo.sqlite3");
    let kept_arg = kept.to_str().expect("utf-8");
    for _ in 0..2 {
        let mut t = in_terminal(&p, &["demo", "--keep", kept_arg]);
        t.wait_for("DEMO-0001");
        t.send(CTRL_Q);
        assert_eq!(t.exit_code(), 0, "{}", t.screen());
    }
    let s = Store::open(&kept, "tester").expect("open");
    assert!(s.is_demo().expect("read"));
    assert_eq!(
        s.count_families().expect("count"),
        1,
        "reused, not seeded twice"
    );
    drop(s);

    let real = p.real_file("real.sqlite3");
    let before = p.snapshot();
    let mut t = in_terminal(&p, &["demo", "--keep", real.to_str().expect("utf-8")]);
    assert_eq!(t.exit_code(), 1);
    let screen = t.screen();
    assert!(screen.contains("is not a demonstration file"), "{screen}");
    assert_eq!(
        p.snapshot(),
        before,
        "the real file is byte for byte as it was"
    );
}

/// `casenotes demo --tour` (issue 17): the tour opens over the
/// demonstration's real screens, → walks it step by step (each naming the
/// guidance it comes from), ← goes back, Esc ends it and leaves the
/// screens to use; the throwaway file is gone afterwards.
#[test]
fn the_guided_tour_walks_forward_and_back_and_esc_ends_it() {
    let p = Place::new();
    let mut t = in_terminal(&p, &["demo", "--tour"]);
    t.wait_for("Tour 1/7");
    assert!(t.screen().contains("Families (1)"), "{}", t.screen());
    let expect = [
        ("Tour 2/7", "Children"),
        ("Tour 3/7", "read-only"),
        ("Tour 4/7", "CHILD'S VOICE"),
        ("Tour 5/7", "Draft"),
        ("Tour 6/7", "What is due"),
        ("Tour 7/7", "What finalising does"),
    ];
    for (step, beneath) in expect {
        t.send("\x1b[C"); // Right
        t.wait_for(step);
        t.wait_for(beneath);
        assert!(t.screen().contains("Source: 00"), "{}", t.screen());
    }
    t.send("\x1b[D"); // Left
    t.wait_for("Tour 6/7");
    t.send("\x1b");
    t.wait_for("Tour over");
    assert!(!t.screen().contains("Tour 6/7"), "{}", t.screen());
    t.send(CTRL_Q);
    assert_eq!(t.exit_code(), 0, "{}", t.screen());
    let left: Vec<_> = std::fs::read_dir(p.root().join("tmp"))
        .expect("tmp")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A trainer's tour with a mistake is named at file:line:column before
/// anything is made; a good one is taken.
#[test]
fn a_trainers_tour_file_is_checked_before_anything_is_made() {
    let p = Place::new();
    let bad = p.root().join("tour.toml");
    std::fs::write(
        &bad,
        "title = \"Ours\"\n\n[[step]]\nscreen = \"kitchen\"\ntitle = \"A\"\ntext = \"B\"\nsource = \"003_e0d5b8f8efac37da.txt\"\n",
    )
    .expect("written");
    let before = p.snapshot();
    let (code, _, err) = p.run(&["demo", "--tour", bad.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("tour.toml:4:10:"), "{err}");
    assert!(err.contains("kitchen") && err.contains("draft"), "{err}");
    assert_eq!(p.snapshot(), before, "something was made");
}
