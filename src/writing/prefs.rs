//! What a user keeps of the writing help, and the changes they make to
//! it: plain data, kept per login in the case file (the store) and used by
//! the form screen.

/// What a user keeps of the writing help in the case file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WritingPrefs {
    /// Words added to their own dictionary.
    pub own_words: Vec<String>,
    /// Names of the kinds they turned off ("opinion").
    pub off: Vec<String>,
}

/// A change the user made to their writing help, to keep in the case file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WritingChange {
    /// A word added to their own dictionary.
    AddWord(String),
    /// A kind (by name) turned on (`true`) or off.
    Kind(String, bool),
}
