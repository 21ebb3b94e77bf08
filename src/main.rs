//! The `casenotes` binary: reads the command line and hands each command to
//! the library. Every failure ends as a plain sentence and an exit status.

use casenotes::cli::{
    Cli, Command, FormsCommand, UserCommand, due_cmd, export_cmd, forms_cmd, user_cmd,
};
use casenotes::config::{self, Config};
use casenotes::identity::login_name;
use casenotes::store::Store;
use casenotes::tui::runtime;
use clap::Parser;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("casenotes: {message}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<u8, String> {
    let config = match config::default_path() {
        Some(p) => Config::load(&p).map_err(|e| e.to_string())?,
        None => Config::default(),
    };
    let forms_dir: Option<PathBuf> = cli.forms.clone().or(config.forms_dir.clone());
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let io = |e: std::io::Error| format!("could not write the output: {e}");
    let code = match cli.command {
        Some(Command::Forms(FormsCommand::List)) => {
            forms_cmd::list(forms_dir.as_deref(), &mut out, &mut err).map_err(io)?
        }
        Some(Command::Forms(FormsCommand::Check { dir })) => {
            forms_cmd::check(dir.as_deref(), forms_dir.as_deref(), &mut out, &mut err)
                .map_err(io)?
        }
        Some(Command::Forms(FormsCommand::Show { id })) => {
            forms_cmd::show(forms_dir.as_deref(), &id, &mut out, &mut err).map_err(io)?
        }
        Some(Command::Due {
            at,
            json,
            team,
            all,
        }) => {
            let store = open_store(cli.db.clone(), Create::No)?;
            let (forms, _) = forms_cmd::forms_in_use(forms_dir.as_deref());
            let (duties, cal) = casenotes::timescale::load(&config)?;
            let opts = due_cmd::DueOptions {
                at: at.unwrap_or_else(|| chrono::Local::now().date_naive()),
                json,
                team,
                all,
            };
            due_cmd::run(&store, &forms, &duties, &cal, &opts, &mut out, &mut err).map_err(io)?
        }
        Some(Command::User(UserCommand::Add { name, supervisor })) => {
            let mut store = open_store(cli.db.clone(), Create::Yes)?;
            user_cmd::add(&mut store, &name, supervisor, &mut out, &mut err).map_err(io)?
        }
        Some(Command::User(UserCommand::List)) => {
            let store = open_store(cli.db.clone(), Create::No)?;
            user_cmd::list(&store, &mut out, &mut err).map_err(io)?
        }
        Some(Command::Records { reference }) => {
            let store = open_store(cli.db.clone(), Create::No)?;
            let (forms, _) = forms_cmd::forms_in_use(forms_dir.as_deref());
            export_cmd::list(&store, &forms, &reference, &mut out, &mut err).map_err(io)?
        }
        Some(Command::Export { record, format }) => {
            let mut store = open_store(cli.db.clone(), Create::No)?;
            let (forms, _) = forms_cmd::forms_in_use(forms_dir.as_deref());
            export_cmd::run(&mut store, &forms, record, format, &mut out, &mut err).map_err(io)?
        }
        Some(Command::Backup { path }) => {
            let mut store = open_store(cli.db.clone(), Create::No)?;
            store.backup_to(&path).map_err(|e| e.to_string())?;
            writeln!(out, "Backed up to {}.", path.display()).map_err(io)?;
            0
        }
        Some(Command::Demo { keep }) => {
            drop(out);
            drop(err);
            return run_demo(keep, forms_dir);
        }
        None => {
            // Nothing may be printed to stdout before the terminal is taken
            // over, so the locks are released first.
            drop(out);
            drop(err);
            let db = case_file(cli.db.clone(), Create::Yes)?;
            return runtime::run(runtime::Options { db, forms_dir });
        }
    };
    Ok(u8::try_from(code).unwrap_or(1))
}

/// Whether a command may start a new case file.
#[derive(Clone, Copy, PartialEq)]
enum Create {
    Yes,
    No,
}

/// The case file to use. A file named with --db or CASENOTES_DB may be new,
/// but its folder must exist: a mistyped path must not quietly become an
/// empty case file in a new folder. Commands that only read (due, records,
/// export, backup, user list) never create one.
fn case_file(db: Option<PathBuf>, create: Create) -> Result<PathBuf, String> {
    let named = db.is_some();
    let path = casenotes::store::resolve_path(db).map_err(|e| e.to_string())?;
    if path.exists() {
        return Ok(path);
    }
    if create == Create::No {
        return Err(format!(
            "there is no case file at {}; check --db or CASENOTES_DB (start casenotes once to create a new one)",
            path.display()
        ));
    }
    if named
        && let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        return Err(format!(
            "the folder {} does not exist; casenotes creates a new case file but not the folders above it",
            parent.display()
        ));
    }
    Ok(path)
}

fn open_store(db: Option<PathBuf>, create: Create) -> Result<Store, String> {
    let path = case_file(db, create)?;
    let user = login_name().ok_or("your login name could not be found")?;
    Store::open(&path, &user).map_err(|e| e.to_string())
}

/// Seeds the fictional family into a database of its own and opens it, so a
/// trainer never touches a real file. A temporary database is removed after.
fn run_demo(keep: Option<PathBuf>, forms_dir: Option<PathBuf>) -> Result<u8, String> {
    let temp = keep.is_none();
    let db = match keep {
        Some(p) => p,
        None => {
            let dir = std::env::temp_dir().join(format!("casenotes-demo-{}", std::process::id()));
            std::fs::create_dir_all(&dir)
                .map_err(|e| format!("cannot make a folder for the demonstration: {e}"))?;
            dir.join("casenotes-DEMO.sqlite3")
        }
    };
    {
        let user = login_name().ok_or("your login name could not be found")?;
        let mut store = Store::open(&db, &user).map_err(|e| e.to_string())?;
        let (forms, _) = forms_cmd::forms_in_use(forms_dir.as_deref());
        let exists = store
            .family_by_reference(casenotes::demo::DEMO_REFERENCE)
            .map_err(|e| e.to_string())?
            .is_some();
        if !exists {
            casenotes::demo::seed(&mut store, &forms, chrono::Local::now().date_naive())
                .map_err(|e| e.to_string())?;
        }
    }
    let result = runtime::run(runtime::Options {
        db: db.clone(),
        forms_dir,
    });
    if temp && let Some(dir) = db.parent() {
        // The demonstration is thrown away; nothing in it is real.
        let _ = std::fs::remove_dir_all(dir);
    }
    result
}
