//! The optional config files: the user's own (`config.toml` in their
//! config directory) over system-wide ones an administrator writes for the
//! whole host. They say where an organisation's forms live, which local
//! closure days count and which file is the team's case file. Command-line
//! options and environment variables win over both.
//!
//! The system-wide files matter most over SSH: `ssh host casenotes` reads
//! no shell profile, so a `CASENOTES_DB` set there is never seen, and
//! without `team_file` a worker would write into a private file no
//! colleague or manager ever sees.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Settings read from the config file; every key is optional.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// A directory of organisation forms added to (or replacing) the built-ins.
    pub forms_dir: Option<PathBuf>,
    /// A file of local closure days, one `YYYY-MM-DD` a line.
    pub closures_file: Option<PathBuf>,
    /// A duties file replacing the built-in recurring duties.
    pub duties_file: Option<PathBuf>,
    /// The team's shared case file, used when neither `--db` nor
    /// `CASENOTES_DB` names one. Never created implicitly.
    pub team_file: Option<PathBuf>,
    /// How lines and marks are drawn: "unicode", or "ascii" for terminals
    /// that cannot show box drawing; unset, the locale decides.
    pub drawing: Option<Drawing>,
    /// `true`: start in the linear mode for screen readers (as `--linear`).
    pub linear: Option<bool>,
    /// Whether the review screen may copy a record to the terminal's
    /// clipboard (OSC 52). On unless a config file says `false`; a `false`
    /// in any file wins, so a council's system-wide config can turn it off.
    pub copy_to_clipboard: Option<bool>,
    /// `[keys.SCREEN]` tables as written, with where; emptied into `keys`
    /// by [`Config::parse`].
    #[serde(default, rename = "keys")]
    pub raw_keys: BTreeMap<String, BTreeMap<String, Spanned<String>>>,
    /// Key bindings set by this file (and, merged, the files below it),
    /// each with the file, line and column it was written at; checked
    /// against the screens' actions by `keys::Bindings::with` at start.
    #[serde(skip)]
    pub keys: Vec<crate::keys::KeySetting>,
    /// The `[colours]` table as written, with where; emptied into
    /// `colours` by [`Config::parse`].
    #[serde(default, rename = "colours")]
    pub raw_colours: BTreeMap<String, Spanned<String>>,
    /// Colours set by the config files (`screen` is "colours", `action`
    /// the style's name, `keys` its words); checked by the terminal
    /// interface at start.
    #[serde(skip)]
    pub colours: Vec<crate::keys::KeySetting>,
}

/// How lines and marks are drawn.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Drawing {
    /// Box lines, arrows, ★ and ✓.
    Unicode,
    /// `+`, `-`, `|`, `^`, `*`: for a terminal or font without them.
    Ascii,
}

impl Drawing {
    /// The setting as written in the config file.
    pub fn as_str(self) -> &'static str {
        match self {
            Drawing::Unicode => "unicode",
            Drawing::Ascii => "ascii",
        }
    }
}

/// The environment variable naming the one system-wide config file to read
/// instead of the usual places (tests, unusual installations).
pub const SYSTEM_ENV_VAR: &str = "CASENOTES_SYSTEM_CONFIG";

/// The settings in use, merged from every config file, with where the
/// team file was named so that messages can point at that file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    /// Each key from the most important file that sets it.
    pub config: Config,
    /// The config file that set `team_file`, if any did.
    pub team_file_from: Option<PathBuf>,
}

/// Why the config file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but could not be read.
    #[error("cannot read the config file {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A path that must be absolute is not.
    #[error(
        "{path}: {key} must be a full path starting with /, such as /srv/casenotes/team.sqlite3"
    )]
    NotAbsolute {
        /// The file.
        path: String,
        /// The key.
        key: &'static str,
    },
    /// The file is not valid.
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// Line from 1.
        line: usize,
        /// Column from 1.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// Where the config file is looked for, unless `CASENOTES_CONFIG` says.
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CASENOTES_CONFIG") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "casenotes").map(|d| d.config_dir().join("config.toml"))
}

/// The system-wide config files, most important first: the file
/// `CASENOTES_SYSTEM_CONFIG` names alone when it is set; otherwise
/// `/etc/casenotes/config.toml`, then `casenotes/config.toml` in each folder
/// of `XDG_CONFIG_DIRS` (`/etc/xdg` when unset).
pub fn system_paths() -> Vec<PathBuf> {
    system_paths_with(
        std::env::var_os(SYSTEM_ENV_VAR),
        std::env::var_os("XDG_CONFIG_DIRS"),
    )
}

/// [`system_paths`] with the environment passed in, for tests.
pub fn system_paths_with(system: Option<OsString>, xdg_dirs: Option<OsString>) -> Vec<PathBuf> {
    // Empty is treated as unset, as everywhere else: it is how shells
    // unset a variable in a hurry.
    if let Some(p) = system.filter(|p| !p.is_empty()) {
        return vec![PathBuf::from(p)];
    }
    let mut paths = vec![PathBuf::from("/etc/casenotes/config.toml")];
    let dirs = xdg_dirs
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| OsString::from("/etc/xdg"));
    // The XDG rules ignore relative entries: they would depend on the
    // folder casenotes happens to be started in.
    paths.extend(
        std::env::split_paths(&dirs)
            .filter(|d| d.is_absolute())
            .map(|d| d.join("casenotes").join("config.toml")),
    );
    paths
}

/// The settings in use: the user's config file over the system-wide ones.
pub fn load() -> Result<Settings, ConfigError> {
    load_from(default_path().as_deref(), &system_paths())
}

/// Merges `user` over `system` (most important first), key by key; a
/// missing file adds nothing.
pub fn load_from(user: Option<&Path>, system: &[PathBuf]) -> Result<Settings, ConfigError> {
    let mut settings = Settings::default();
    for path in user.into_iter().chain(system.iter().map(PathBuf::as_path)) {
        let lower = Config::load(path)?;
        if settings.config.team_file.is_none() && lower.team_file.is_some() {
            settings.team_file_from = Some(path.to_path_buf());
        }
        settings.config.fill_from(lower);
    }
    Ok(settings)
}

impl Config {
    /// Takes every key not set here from `lower`.
    fn fill_from(&mut self, lower: Config) {
        let Config {
            forms_dir,
            closures_file,
            duties_file,
            team_file,
            drawing,
            linear,
            copy_to_clipboard,
            raw_keys: _,
            keys,
            raw_colours: _,
            colours,
        } = lower;
        for c in colours {
            if !self.colours.iter().any(|m| m.action == c.action) {
                self.colours.push(c);
            }
        }
        // Key by key, as the other settings: an action this file binds
        // keeps its keys; the others come from the file below.
        for k in keys {
            if !self
                .keys
                .iter()
                .any(|m| m.screen == k.screen && m.action == k.action)
            {
                self.keys.push(k);
            }
        }
        self.copy_to_clipboard = match (self.copy_to_clipboard, copy_to_clipboard) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (mine, theirs) => mine.or(theirs),
        };
        self.forms_dir = self.forms_dir.take().or(forms_dir);
        self.closures_file = self.closures_file.take().or(closures_file);
        self.duties_file = self.duties_file.take().or(duties_file);
        self.team_file = self.team_file.take().or(team_file);
        self.drawing = self.drawing.take().or(drawing);
        self.linear = self.linear.take().or(linear);
    }

    /// Reads the config file; a missing file is an empty config.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.display().to_string(),
                    source,
                });
            }
        };
        Config::parse(&path.display().to_string(), &text)
    }

    /// Parses config text; `name` is used in messages.
    pub fn parse(name: &str, text: &str) -> Result<Config, ConfigError> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let (line, column) = crate::form::line_column(text, e.span().map_or(0, |s| s.start));
            ConfigError::Invalid {
                path: name.to_owned(),
                line,
                column,
                message: e.message().lines().next().unwrap_or("").to_owned(),
            }
        })?;
        // A relative team file would be looked for in whatever folder
        // casenotes was started in (the home folder, over SSH): a private
        // file again, the very thing the setting is there to prevent.
        if config.team_file.as_ref().is_some_and(|p| !p.is_absolute()) {
            return Err(ConfigError::NotAbsolute {
                path: name.to_owned(),
                key: "team_file",
            });
        }
        let mut index = crate::form::LineIndex::new(text);
        for (screen, actions) in std::mem::take(&mut config.raw_keys) {
            for (action, keys) in actions {
                let (line, column) = index.locate(keys.span().start);
                config.keys.push(crate::keys::KeySetting {
                    screen: screen.clone(),
                    action,
                    keys: keys.into_inner(),
                    at: format!("{name}:{line}:{column}"),
                });
            }
        }
        for (style, words) in std::mem::take(&mut config.raw_colours) {
            let (line, column) = index.locate(words.span().start);
            config.colours.push(crate::keys::KeySetting {
                screen: "colours".to_owned(),
                action: style,
                keys: words.into_inner(),
                at: format!("{name}:{line}:{column}"),
            });
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_to_clipboard_false_in_any_file_wins() {
        let dir = tempfile::tempdir().unwrap();
        let user = dir.path().join("user.toml");
        let system = dir.path().join("system.toml");
        std::fs::write(&user, "copy_to_clipboard = true\n").unwrap();
        std::fs::write(&system, "copy_to_clipboard = false\n").unwrap();
        let s = load_from(Some(&user), std::slice::from_ref(&system)).unwrap();
        assert_eq!(s.config.copy_to_clipboard, Some(false));
        std::fs::write(&system, "").unwrap();
        let s = load_from(Some(&user), &[system]).unwrap();
        assert_eq!(s.config.copy_to_clipboard, Some(true));
    }

    #[test]
    fn unknown_keys_are_placed() {
        let e = Config::parse("c.toml", "forms_dir = \"x\"\nfrom_dir = 1\n").unwrap_err();
        let s = e.to_string();
        assert!(s.starts_with("c.toml:2:1: unknown field `from_dir`"), "{s}");
    }

    #[test]
    fn a_relative_team_file_is_refused() {
        let e = Config::parse("c.toml", "team_file = \"team.sqlite3\"\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("c.toml: team_file must be a full path"),
            "{e}"
        );
        let e = Config::parse("c.toml", "team_file = \"\"\n").unwrap_err();
        assert!(matches!(e, ConfigError::NotAbsolute { .. }));
    }

    #[test]
    fn system_paths_follow_the_override_then_etc_then_xdg() {
        let one = system_paths_with(Some("/tmp/s.toml".into()), Some("/x".into()));
        assert_eq!(one, [PathBuf::from("/tmp/s.toml")]);
        let all = system_paths_with(Some("".into()), Some("/a:relative:/b/".into()));
        assert_eq!(
            all,
            [
                PathBuf::from("/etc/casenotes/config.toml"),
                PathBuf::from("/a/casenotes/config.toml"),
                PathBuf::from("/b/casenotes/config.toml"),
            ]
        );
        let default = system_paths_with(None, None);
        assert_eq!(default[1], PathBuf::from("/etc/xdg/casenotes/config.toml"));
    }

    #[test]
    fn the_user_wins_key_by_key_and_the_team_file_is_traced() {
        let dir = tempfile::tempdir().unwrap();
        let user = dir.path().join("user.toml");
        let etc = dir.path().join("etc.toml");
        let xdg = dir.path().join("xdg.toml");
        std::fs::write(&user, "forms_dir = \"/mine\"\n").unwrap();
        std::fs::write(
            &etc,
            "team_file = \"/srv/t.sqlite3\"\nforms_dir = \"/org\"\n",
        )
        .unwrap();
        std::fs::write(
            &xdg,
            "team_file = \"/srv/other.sqlite3\"\nduties_file = \"/d\"\n",
        )
        .unwrap();
        let s = load_from(Some(&user), &[etc.clone(), xdg, dir.path().join("none")]).unwrap();
        assert_eq!(s.config.forms_dir, Some(PathBuf::from("/mine")));
        assert_eq!(s.config.team_file, Some(PathBuf::from("/srv/t.sqlite3")));
        assert_eq!(s.config.duties_file, Some(PathBuf::from("/d")));
        assert_eq!(s.team_file_from, Some(etc.clone()));

        std::fs::write(&user, "team_file = \"/home/me/own.sqlite3\"\n").unwrap();
        let s = load_from(Some(&user), &[etc]).unwrap();
        assert_eq!(
            s.config.team_file,
            Some(PathBuf::from("/home/me/own.sqlite3"))
        );
        assert_eq!(s.team_file_from, Some(user));
    }

    #[test]
    fn a_broken_system_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let etc = dir.path().join("etc.toml");
        std::fs::write(&etc, "team_fil = \"/srv/t.sqlite3\"\n").unwrap();
        let e = load_from(None, std::slice::from_ref(&etc))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with(&format!("{}:1:1:", etc.display())), "{e}");
    }

    #[test]
    fn keys_are_read() {
        let c = Config::parse("c.toml", "forms_dir = \"/srv/forms\"\n").unwrap();
        assert_eq!(c.forms_dir, Some(PathBuf::from("/srv/forms")));
    }
}
