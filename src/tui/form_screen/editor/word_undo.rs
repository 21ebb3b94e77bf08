//! Undo and redo by word, on top of the text area's own history.
//!
//! `ratatui_textarea` keeps one history entry per edit (a typed character,
//! a deleted character, a pasted piece; typing over a selection is two),
//! and its history cannot be grouped from outside. So the editor notes
//! here, before each edit, the window's text as it was: a run of typed
//! letters is one group, and the spaces or punctuation after it join the
//! run and close it (the next letter starts a new group); any other edit (a deletion, a new line on its own, a
//! paste, a cut) is a group of its own, and moving the cursor closes the
//! run. Undo steps the text area back until the text is what it was
//! before the group; redo replays as many steps as that undo took.

use ratatui_textarea::TextArea;

/// Groups kept: the text area keeps at most this many edits anyway
/// (`TextEditor::build` sets its history to the same), so an older group
/// could not be undone.
const MAX_GROUPS: usize = 200;

/// What kind of edit a key made, for grouping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum EditKind {
    /// A letter or digit (or an apostrophe inside a word): the run goes on.
    Letter,
    /// A space, punctuation or a new line: joins the run before it and
    /// ends it.
    Closer,
    /// Anything else (deleting, pasting, cutting): one step of its own.
    Other,
}

impl EditKind {
    /// The kind of edit typing `c` makes.
    pub(super) fn of_char(c: char) -> EditKind {
        if c.is_alphanumeric() || c == '\'' || c == '\u{2019}' {
            EditKind::Letter
        } else {
            EditKind::Closer
        }
    }
}

/// One undo step: the window's text before it.
struct Group {
    before: String,
}

/// The word-sized steps of one window's history.
#[derive(Default)]
pub(super) struct WordUndo {
    groups: Vec<Group>,
    /// Undone groups, newest last: the text area's redo steps each took,
    /// and the text before the group (to undo it again).
    undone: Vec<(usize, String)>,
    /// What the newest group is, for whether typing extends it.
    run: Run,
}

/// What the newest group is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Run {
    /// Closed: the next edit starts a group.
    #[default]
    Closed,
    /// Letters: more letters, and then spaces or punctuation, join it.
    Word,
    /// A word's trailing spaces or punctuation: more of them join it.
    Trailing,
}

impl WordUndo {
    /// Whether an edit of this kind starts a new group, and so needs the
    /// window's text as it was before it. Most keys typed carry on a word
    /// and need nothing: the text is copied only when a group starts, not
    /// on every key.
    pub(super) fn starts_group(&self, kind: EditKind) -> bool {
        let run = if self.groups.is_empty() {
            Run::Closed
        } else {
            self.run
        };
        !matches!(
            (kind, run),
            (EditKind::Letter, Run::Word) | (EditKind::Closer, Run::Word | Run::Trailing)
        )
    }

    /// Notes an edit just made; `before` is the window's text before it,
    /// taken when [`WordUndo::starts_group`] said so.
    pub(super) fn record(&mut self, before: Option<String>, kind: EditKind) {
        self.undone.clear();
        if let Some(before) = before {
            self.push(before);
        }
        self.run = match kind {
            EditKind::Letter => Run::Word,
            EditKind::Closer => Run::Trailing,
            EditKind::Other => Run::Closed,
        };
    }

    /// The cursor moved: the next letter starts a new step.
    pub(super) fn close(&mut self) {
        self.run = Run::Closed;
    }

    /// The text area was rebuilt (the window moved): its history is gone,
    /// so the groups over it are too.
    pub(super) fn clear(&mut self) {
        *self = WordUndo::default();
    }

    /// Undoes the newest group; false when there is none (or the text
    /// area's history no longer reaches it).
    pub(super) fn undo(&mut self, area: &mut TextArea<'static>) -> bool {
        self.run = Run::Closed;
        let Some(group) = self.groups.pop() else {
            return false;
        };
        let mut steps = 0;
        while window_text(area) != group.before && area.undo() {
            steps += 1;
        }
        if steps > 0 {
            self.undone.push((steps, group.before));
        }
        steps > 0
    }

    /// Redoes the newest undone group; false when there is none.
    pub(super) fn redo(&mut self, area: &mut TextArea<'static>) -> bool {
        self.run = Run::Closed;
        let Some((steps, before)) = self.undone.pop() else {
            return false;
        };
        let mut done = false;
        for _ in 0..steps {
            done |= area.redo();
        }
        self.groups.push(Group { before });
        done
    }

    fn push(&mut self, before: String) {
        if self.groups.len() == MAX_GROUPS {
            self.groups.remove(0);
        }
        self.groups.push(Group { before });
    }
}

/// The text area's text as one string.
pub(super) fn window_text(area: &TextArea<'_>) -> String {
    area.lines().join("\n")
}
