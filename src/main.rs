//! The `casenotes` binary: reads the command line and hands each command to
//! the library. Every failure ends as a plain sentence and an exit status:
//! 0 for success, 1 for failure, 2 for a mistake on the command line, and
//! for the terminal interface whatever it returns (128+n after signal n). A reader that stops reading early
//! (`casenotes due | head`) is a success, not a failure.

use casenotes::cli::{
    Cli, Command, FormsCommand, UserCommand, WritingCommand, check_cmd, due_cmd, export_cmd,
    forms_cmd, log_cmd, shell_cmd, trainer_cmd, user_cmd, writing_cmd,
};
use casenotes::config::{self, Config, Settings};
use casenotes::form::FormSet;
use casenotes::identity::login_name;
use casenotes::service::CaseFile;
use casenotes::service::forms::forms_in_use;
use casenotes::store::{PathOrigin, RecordId, TeamFile};
use casenotes::tui::runtime;
use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches};
use std::io::{ErrorKind, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The exit status of a mistake on the command line.
const USAGE: u8 = 2;

fn main() -> ExitCode {
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m)));
    let (cli, matches) = match parsed {
        Ok(p) => p,
        Err(e) => {
            // Help and version are answers, not failures (0); a mistake
            // on the command line is a usage error (2), as clap and the
            // shell conventions have it. A closed pipe while printing
            // either changes nothing.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(USAGE));
        }
    };
    // clap reads CASENOTES_DB into the same value as --db; only the
    // demonstration needs to tell them apart.
    let db_typed = matches.value_source("db") == Some(ValueSource::CommandLine);
    if let Some(log) = &cli.log
        && let Err(message) = casenotes::cli::diagnostics::start(log)
    {
        let _ = writeln!(
            std::io::stderr(),
            "casenotes: {}",
            casenotes::safe_text::for_terminal(&message)
        );
        return ExitCode::from(1);
    }
    // The command's name (a word of ours) and how long it took.
    let command = command_name(&matches);
    let started = std::time::Instant::now();
    tracing::info!(command, "start");
    let ended = run(cli, db_typed);
    let status = match &ended {
        Ok(code) => *code,
        Err(Stop::OutputClosed) => 0,
        Err(Stop::Failed(_)) => 1,
    };
    tracing::info!(
        command,
        status,
        ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        "end"
    );
    match ended {
        Ok(code) => ExitCode::from(code),
        Err(Stop::OutputClosed) => ExitCode::SUCCESS,
        Err(Stop::Failed(message)) => {
            // eprintln! would panic if stderr is gone too.
            // Messages carry paths and names from files and people: one
            // line, nothing that could steer the terminal.
            let _ = writeln!(
                std::io::stderr(),
                "casenotes: {}",
                casenotes::safe_text::for_terminal(&message)
            );
            ExitCode::from(1)
        }
    }
}

/// The subcommand's words (`forms check`), or `interface` for the
/// terminal interface: never an argument, which may be a name or a path.
fn command_name(matches: &clap::ArgMatches) -> &'static str {
    match matches.subcommand() {
        None if matches.get_flag("linear") => "linear",
        None => "interface",
        Some(("forms", m)) => match m.subcommand_name() {
            Some("list") => "forms list",
            Some("check") => "forms check",
            Some("show") => "forms show",
            Some("preview") => "forms preview",
            Some("example") => "forms example",
            _ => "forms",
        },
        Some(("user", _)) => "user",
        Some(("users", _)) => "users",
        Some(("due", _)) => "due",
        Some(("records", _)) => "records",
        Some(("export", _)) => "export",
        Some(("check", _)) => "check",
        Some(("backup", _)) => "backup",
        Some(("demo", _)) => "demo",
        Some(("completions", _)) => "completions",
        Some(("man", _)) => "man",
        Some(_) => "other",
    }
}

/// How a command ended other than normally.
enum Stop {
    /// A plain sentence for stderr; exit status 1.
    Failed(String),
    /// Whoever read the output stopped reading (`| head`): a quiet success.
    OutputClosed,
}

impl From<String> for Stop {
    fn from(message: String) -> Stop {
        Stop::Failed(message)
    }
}

impl From<&str> for Stop {
    fn from(message: &str) -> Stop {
        Stop::Failed(message.to_owned())
    }
}

/// Stdout that remembers whether its reader went away, so that only a
/// closed stdout ends quietly: a failure on stderr, or a full disk under
/// `> file`, is still reported.
struct Out<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> Out<W> {
    fn note<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &r
            && e.kind() == ErrorKind::BrokenPipe
        {
            self.closed = true;
        }
        r
    }
}

impl<W: Write> Write for Out<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.note(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.note(r)
    }
}

fn run(cli: Cli, db_typed: bool) -> Result<u8, Stop> {
    let mut out = Out {
        inner: std::io::stdout().lock(),
        closed: false,
    };
    // The completion script and the manual come from the command
    // definitions alone: a broken config must not stop an installation.
    let generated = match cli.command {
        // The defaults are the program's own: no config is read for them.
        Some(Command::Config { .. }) => Some(
            out.write_all(casenotes::keys::defaults_toml().as_bytes())
                .and_then(|()| {
                    out.write_all(casenotes::tui::theme_config::defaults_toml().as_bytes())
                })
                .map(|()| 0),
        ),
        Some(Command::Completions { shell }) => Some(shell_cmd::completions(shell, &mut out)),
        Some(Command::Man { ref dir }) => Some(shell_cmd::man(dir.as_deref(), &mut out)),
        _ => None,
    };
    if let Some(done) = generated {
        return finish(done, &mut out);
    }
    // Read once, here; the terminal interface is handed what it needs.
    let loaded = config::load().map_err(|e| e.to_string());
    let settings = match &loaded {
        Ok(s) => s.clone(),
        // The demonstration reads no case file and needs no config: a
        // broken config must not stop a training session.
        Err(_) if matches!(cli.command, Some(Command::Demo { .. })) => Settings::default(),
        Err(e) => return Err(Stop::Failed(e.clone())),
    };
    let forms_dir: Option<PathBuf> = cli.forms.clone().or(settings.config.forms_dir.clone());
    let mut err = std::io::stderr().lock();
    let done: std::io::Result<i32> = match cli.command {
        Some(Command::Forms(FormsCommand::List)) => {
            forms_cmd::list(forms_dir.as_deref(), &mut out, &mut err)
        }
        Some(Command::Forms(FormsCommand::Check { dir })) => {
            forms_cmd::check(dir.as_deref(), forms_dir.as_deref(), &mut out, &mut err)
        }
        Some(Command::Forms(FormsCommand::Show { id, format })) => {
            forms_cmd::show(forms_dir.as_deref(), &id, format, &mut out, &mut err)
        }
        Some(Command::Forms(FormsCommand::Preview { id })) => trainer_cmd::preview(
            forms_dir.as_deref(),
            &id,
            chrono::Local::now().date_naive(),
            &mut out,
            &mut err,
        ),
        Some(Command::Forms(FormsCommand::Example {
            id,
            one_column,
            width,
        })) => {
            let layout = if one_column {
                trainer_cmd::Layout::OneColumn
            } else {
                trainer_cmd::Layout::SideBySide { width }
            };
            trainer_cmd::example(&id, layout, &mut out, &mut err)
        }
        Some(Command::Writing(WritingCommand::Check { file, names, json })) => {
            let mut stdin = std::io::stdin().lock();
            writing_cmd::check(
                file.as_deref(),
                &names,
                json,
                forms_dir.as_deref(),
                &mut stdin,
                &mut out,
                &mut err,
            )
        }
        Some(Command::Due {
            at,
            json,
            team,
            all,
        }) => {
            let (forms, _) = forms_in_use(forms_dir.as_deref());
            let case = open_case(cli.db.clone(), &settings, Create::No, forms)?;
            let (duties, cal) = casenotes::timescale::load(&settings.config)?;
            let opts = due_cmd::DueOptions {
                at: at.unwrap_or_else(|| chrono::Local::now().date_naive()),
                json,
                team,
                all,
            };
            due_cmd::run(&case, &duties, &cal, &opts, &mut out, &mut err)
        }
        Some(Command::User(UserCommand::Add {
            login,
            name,
            role,
            supervisor,
        })) => {
            let mut case = open_case(cli.db.clone(), &settings, Create::Yes, FormSet::default())?;
            let args = user_cmd::UserArgs {
                login,
                name,
                role,
                supervisor,
            };
            user_cmd::add(&mut case, &args, &mut out, &mut err)
        }
        Some(Command::User(UserCommand::Set {
            login,
            name,
            no_name,
            role,
        })) => {
            let mut case = open_case(cli.db.clone(), &settings, Create::No, FormSet::default())?;
            let args = user_cmd::UserArgs {
                login,
                name,
                role,
                supervisor: false,
            };
            user_cmd::set(&mut case, &args, no_name, &mut out, &mut err)
        }
        Some(Command::User(UserCommand::List) | Command::Users) => {
            let case = open_case(cli.db.clone(), &settings, Create::No, FormSet::default())?;
            user_cmd::list(&case, &mut out, &mut err)
        }
        Some(Command::Discard { record, yes }) => {
            let (forms, _) = forms_in_use(forms_dir.as_deref());
            let mut case = open_case(cli.db.clone(), &settings, Create::No, forms)?;
            casenotes::cli::discard_cmd::run(&mut case, RecordId(record), yes, &mut out, &mut err)
        }
        Some(Command::Records { reference }) => {
            let (forms, _) = forms_in_use(forms_dir.as_deref());
            let case = open_case(cli.db.clone(), &settings, Create::No, forms)?;
            export_cmd::list(&case, &reference, &mut out, &mut err)
        }
        Some(Command::Actions {
            reference,
            at,
            json,
        }) => {
            let case = open_case(cli.db.clone(), &settings, Create::No, FormSet::default())?;
            let today = at.unwrap_or_else(|| chrono::Local::now().date_naive());
            casenotes::cli::actions_cmd::run(&case, &reference, today, json, &mut out, &mut err)
        }
        Some(Command::Audit {
            reference,
            at,
            json,
        }) => {
            let (forms, _) = forms_in_use(forms_dir.as_deref());
            let mut case = open_case(cli.db.clone(), &settings, Create::No, forms)?;
            let (_, cal) = casenotes::timescale::load(&settings.config)?;
            let (lists, _) = casenotes::writing::WritingLists::in_use(forms_dir.as_deref());
            let rules = casenotes::service::audit_evidence::EvidenceRules {
                calendar: &cal,
                lists: Some(&lists),
            };
            let today = at.unwrap_or_else(|| chrono::Local::now().date_naive());
            casenotes::cli::audit_cmd::run(
                &mut case, &reference, &rules, today, json, &mut out, &mut err,
            )
        }
        Some(Command::Search {
            words,
            family,
            json,
        }) => {
            let (forms, _) = forms_in_use(forms_dir.as_deref());
            let mut case = open_case(cli.db.clone(), &settings, Create::No, forms)?;
            casenotes::cli::search_cmd::run(
                &mut case,
                &words,
                family.as_deref(),
                json,
                &mut out,
                &mut err,
            )
        }
        Some(Command::Export {
            record,
            family,
            child,
            format,
        }) => {
            let (forms, _) = forms_in_use(forms_dir.as_deref());
            let mut case = open_case(cli.db.clone(), &settings, Create::No, forms)?;
            // clap makes sure exactly one of the two was given.
            let what = match (record, family) {
                (Some(r), _) => export_cmd::What::Record(RecordId(r)),
                (None, f) => export_cmd::What::Family(f.unwrap_or_default()),
            };
            export_cmd::run(
                &mut case,
                &what,
                child.as_deref(),
                format,
                &mut out,
                &mut err,
            )
        }
        Some(Command::Check { head }) => {
            let case = open_case(cli.db.clone(), &settings, Create::No, FormSet::default())?;
            check_cmd::run(&case, head.as_ref(), &mut out)
        }
        Some(Command::Log {
            user,
            family,
            since,
            json,
        }) => {
            let case = open_case(cli.db.clone(), &settings, Create::No, FormSet::default())?;
            // Checked here, not by clap, whose refusal would echo the text
            // as typed (control characters and all).
            match user
                .map(|u| casenotes::user::UserLogin::new(&u))
                .transpose()
            {
                Err(e) => writeln!(err, "casenotes: --user: {e}").map(|()| 1),
                Ok(user) => {
                    let q = casenotes::service::audit_log::LogQuery {
                        user,
                        family,
                        since,
                    };
                    log_cmd::run(&case, &q, json, &mut out, &mut err)
                }
            }
        }
        Some(Command::Backup { path }) => {
            let mut case = open_case(cli.db.clone(), &settings, Create::No, FormSet::default())?;
            case.backup_to(&path)?;
            writeln!(
                out,
                "Backed up to {}.",
                casenotes::safe_text::for_terminal(&path.display().to_string())
            )
            .map(|()| 0)
        }
        Some(Command::Demo { keep, tour }) => {
            drop(out);
            drop(err);
            // A broken config is named by the demonstration's due list.
            let due_config = loaded.map(|s| s.config);
            return run_demo(keep, tour, db_typed, forms_dir, &settings, due_config)
                .map_err(Stop::Failed);
        }
        Some(Command::Completions { .. } | Command::Man { .. } | Command::Config { .. }) => Ok(0),
        None => {
            // Nothing may be printed to stdout before the terminal is taken
            // over, so the locks are released first.
            drop(out);
            drop(err);
            let db = case_file(cli.db.clone(), &settings, Create::Yes)?;
            if cli.linear || settings.config.linear == Some(true) {
                return casenotes::linear::run(casenotes::linear::Options {
                    db,
                    forms_dir,
                    config: settings.config,
                })
                .map_err(Stop::Failed);
            }
            return runtime::run(runtime::Options {
                db,
                forms_dir,
                due_config: Ok(settings.config),
                tour: None,
            })
            .map_err(Stop::Failed);
        }
    };
    finish(done, &mut out)
}

/// The exit status of a printing command: what is still buffered is
/// written now, where a failure can be seen, and a reader that went away
/// is a quiet success.
fn finish<W: Write>(done: std::io::Result<i32>, out: &mut Out<W>) -> Result<u8, Stop> {
    let done = done.and_then(|code| out.flush().map(|()| code));
    match done {
        Ok(0) => Ok(0),
        // `writing check`: the input could not be read (issue 13).
        Ok(2) => Ok(2),
        Ok(_) => Ok(1),
        Err(_) if out.closed => Err(Stop::OutputClosed),
        Err(e) => Err(Stop::Failed(format!("could not write the output: {e}"))),
    }
}

/// Whether a command may start a new case file.
#[derive(Clone, Copy, PartialEq)]
enum Create {
    Yes,
    No,
}

/// The case file to use: `--db` or CASENOTES_DB (both in `db`), else the
/// team file a config names, else the one in the user's data directory.
///
/// A named file may be new, but its folder must exist: a mistyped path
/// must not quietly become an empty case file in a new folder. A team file
/// is never created here: a missing one means the worker would write where
/// no colleague or manager will see it. Commands that only read (due,
/// records, export, backup, user list) never create one.
fn case_file(db: Option<PathBuf>, settings: &Settings, create: Create) -> Result<PathBuf, String> {
    let team = settings
        .config
        .team_file
        .as_deref()
        .zip(settings.team_file_from.as_deref())
        .map(|(path, config)| TeamFile { path, config });
    let (path, origin) =
        casenotes::store::choose_path(db, None, team, casenotes::store::default_path)
            .map_err(|e| e.to_string())?;
    // Only a file that is certainly not there counts as missing; any other
    // trouble (a folder we may not enter) is left for the store to explain.
    let missing = matches!(std::fs::metadata(&path), Err(e) if e.kind() == ErrorKind::NotFound);
    if !missing {
        return Ok(path);
    }
    match origin {
        PathOrigin::TeamFile { config } => Err(format!(
            "the team file {} does not exist (team_file in {} names it). casenotes never \
             creates a team file by itself, so that no one writes notes where the team cannot \
             see them: ask whoever looks after casenotes on this machine",
            path.display(),
            config.display()
        )),
        _ if create == Create::No => Err(format!(
            "there is no case file at {}; check --db or CASENOTES_DB (start casenotes once to create a new one)",
            path.display()
        )),
        PathOrigin::Named => match path.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(parent) if !parent.is_dir() => Err(format!(
                "the folder {} does not exist; casenotes creates a new case file but not the folders above it",
                parent.display()
            )),
            _ => Ok(path),
        },
        PathOrigin::Default => Ok(path),
    }
}

fn open_case(
    db: Option<PathBuf>,
    settings: &Settings,
    create: Create,
    forms: FormSet,
) -> Result<CaseFile, String> {
    let path = case_file(db, settings, create)?;
    let user = login_name().ok_or("your login name could not be found")?;
    CaseFile::open(&path, &user, forms).map_err(|e| e.to_string())
}

/// Seeds the fictional family into a file the demonstration makes and
/// marks itself, and opens it, so a trainer never touches a real file. A
/// throwaway file is removed after.
fn run_demo(
    keep: Option<PathBuf>,
    tour: Option<Option<PathBuf>>,
    db_typed: bool,
    forms_dir: Option<PathBuf>,
    settings: &Settings,
    due_config: Result<Config, String>,
) -> Result<u8, String> {
    if db_typed {
        return Err(
            "the demonstration does not use --db: it always makes a file of its own \
             (name where to keep it with --keep PATH)"
                .into(),
        );
    }
    // The tour is checked before anything is made: a mistake in a
    // trainer's file is named at file:line:column, and nothing is created.
    let tour = match tour {
        None => None,
        Some(None) => Some(casenotes::demo::tour::Tour::built_in().map_err(|e| e.to_string())?),
        Some(Some(path)) => Some(casenotes::demo::tour::Tour::read(&path)?),
    };
    // Before anything is made: without a terminal there is nothing to show.
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(
            "the demonstration needs a terminal: run casenotes demo from a terminal window, \
             not with its input or output redirected; nothing was created"
                .into(),
        );
    }
    runtime::refuse_dumb_terminal()?;
    let user = login_name().ok_or("your login name could not be found")?;
    // CASENOTES_DB is ignored rather than refused: it is often set for
    // good in a profile. It only joins the places a kept demonstration
    // may not go.
    let mut real_files: Vec<PathBuf> = settings.config.team_file.iter().cloned().collect();
    if let Some(p) = std::env::var_os(casenotes::store::ENV_VAR).filter(|p| !p.is_empty()) {
        real_files.push(PathBuf::from(p));
    }
    if let Ok(p) = casenotes::store::default_path() {
        real_files.push(p);
    }
    let today = chrono::Local::now().date_naive();
    let demo = casenotes::demo::prepare(keep.as_deref(), &real_files, &user, today)
        .map_err(|e| e.to_string())?;
    // The family was written with the built-in forms; the screens offer
    // the forms in use, as everywhere (a broken forms directory is only
    // reported on the status line).
    let result = runtime::run(runtime::Options {
        db: demo.path().to_path_buf(),
        forms_dir,
        due_config,
        tour,
    });
    demo.finish();
    result
}
