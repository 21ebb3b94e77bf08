//! Which case file to open: `--db`, then `CASENOTES_DB`, then the team file
//! a config file names, then the file in the user's data directory.

use super::error::StoreError;
use directories::ProjectDirs;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The file name of the case file in the data directory.
pub const FILE_NAME: &str = "casenotes.sqlite3";

/// The environment variable naming a case file.
pub const ENV_VAR: &str = "CASENOTES_DB";

/// The case file in this user's data directory.
pub fn default_path() -> Result<PathBuf, StoreError> {
    ProjectDirs::from("", "", "casenotes")
        .map(|dirs| dirs.data_dir().join(FILE_NAME))
        .ok_or(StoreError::NoDataDirectory)
}

/// Who named the case file. That decides whether a missing one may be
/// created and what a refusal says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathOrigin {
    /// `--db` or `CASENOTES_DB`: the person chose it just now.
    Named,
    /// `team_file` in a config file. Such a file is shared, so it is never
    /// created implicitly: a missing one means something is wrong.
    TeamFile {
        /// The config file that names it.
        config: PathBuf,
    },
    /// The file in this user's data directory.
    Default,
}

/// The team file a config names, and the config file that names it.
#[derive(Clone, Copy, Debug)]
pub struct TeamFile<'a> {
    /// The case file.
    pub path: &'a Path,
    /// The config file.
    pub config: &'a Path,
}

/// The case file to open and who named it: `cli`, else `env`, else the
/// team file, else `default`. Empty values count as unset.
pub fn choose_path(
    cli: Option<PathBuf>,
    env: Option<OsString>,
    team: Option<TeamFile<'_>>,
    default: impl FnOnce() -> Result<PathBuf, StoreError>,
) -> Result<(PathBuf, PathOrigin), StoreError> {
    // An empty variable is how shells unset things in a hurry; treat it as
    // unset rather than as a file with no name.
    let named = cli
        .filter(|p| !p.as_os_str().is_empty())
        .or_else(|| env.filter(|p| !p.is_empty()).map(PathBuf::from));
    if let Some(p) = named {
        return Ok((p, PathOrigin::Named));
    }
    if let Some(t) = team.filter(|t| !t.path.as_os_str().is_empty()) {
        let origin = PathOrigin::TeamFile {
            config: t.config.to_path_buf(),
        };
        return Ok((t.path.to_path_buf(), origin));
    }
    Ok((default()?, PathOrigin::Default))
}

/// The case file to open: the command line's `--db`, else `CASENOTES_DB`,
/// else [`default_path`].
pub fn resolve_path(cli: Option<PathBuf>) -> Result<PathBuf, StoreError> {
    resolve_path_with(cli, std::env::var_os(ENV_VAR), default_path)
}

/// [`resolve_path`] with the environment and default passed in, so the order
/// can be tested without touching the process environment.
pub fn resolve_path_with(
    cli: Option<PathBuf>,
    env: Option<OsString>,
    default: impl FnOnce() -> Result<PathBuf, StoreError>,
) -> Result<PathBuf, StoreError> {
    choose_path(cli, env, None, default).map(|(p, _)| p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fallback() -> Result<PathBuf, StoreError> {
        Ok(PathBuf::from("/default"))
    }

    #[test]
    fn command_line_then_environment_then_default() {
        let cli = Some(PathBuf::from("/cli"));
        let env = Some(OsString::from("/env"));
        assert_eq!(
            resolve_path_with(cli, env.clone(), fallback).unwrap(),
            PathBuf::from("/cli")
        );
        assert_eq!(
            resolve_path_with(None, env, fallback).unwrap(),
            PathBuf::from("/env")
        );
        assert_eq!(
            resolve_path_with(None, None, fallback).unwrap(),
            PathBuf::from("/default")
        );
        assert_eq!(
            resolve_path_with(None, Some(OsString::new()), fallback).unwrap(),
            PathBuf::from("/default")
        );
    }

    #[test]
    fn a_team_file_comes_after_the_command_line_and_environment() {
        let team = TeamFile {
            path: Path::new("/srv/team.sqlite3"),
            config: Path::new("/etc/casenotes/config.toml"),
        };
        let env = Some(OsString::from("/env"));
        let (p, o) = choose_path(None, env, Some(team), fallback).unwrap();
        assert_eq!((p, o), (PathBuf::from("/env"), PathOrigin::Named));
        let (p, o) = choose_path(None, Some(OsString::new()), Some(team), fallback).unwrap();
        assert_eq!(p, PathBuf::from("/srv/team.sqlite3"));
        assert_eq!(
            o,
            PathOrigin::TeamFile {
                config: PathBuf::from("/etc/casenotes/config.toml")
            }
        );
        let (p, o) = choose_path(None, None, None, fallback).unwrap();
        assert_eq!((p, o), (PathBuf::from("/default"), PathOrigin::Default));
    }

    #[test]
    fn default_is_named_casenotes_sqlite3() {
        if let Ok(p) = default_path() {
            assert!(p.ends_with(FILE_NAME));
        }
    }
}
