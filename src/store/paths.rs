//! Which case file to open: `--db`, then `CASENOTES_DB`, then the file in
//! the user's data directory.

use super::error::StoreError;
use directories::ProjectDirs;
use std::ffi::OsString;
use std::path::PathBuf;

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
    if let Some(p) = cli.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(p);
    }
    // An empty variable is how shells unset things in a hurry; treat it as unset
    // rather than as a file with no name.
    if let Some(p) = env.filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    default()
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
    fn default_is_named_casenotes_sqlite3() {
        if let Ok(p) = default_path() {
            assert!(p.ends_with(FILE_NAME));
        }
    }
}
