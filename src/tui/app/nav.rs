//! Which screen is showing, and the way back: screens are pushed as the
//! person goes in and popped as they come out.

/// Which screen is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The families.
    Home,
    /// One family.
    Family,
    /// A record's form.
    Form,
    /// A record read as a whole, to finalise or to add an addendum.
    Review,
    /// What is overdue, due today and due this week.
    Due,
    /// A family's chronology.
    Chronology,
    /// A family's action register.
    Register,
    /// Records found by a search.
    Search,
    /// The audit log (issue 16).
    Log,
}

/// The screens the person has gone through to reach the one showing: the
/// families at the bottom, always, and the one showing on top. Going back
/// pops, so every screen returns to the one it was opened from (a record
/// opened from the due list goes back to the due list, not to its family).
#[derive(Clone, Debug)]
pub struct Nav {
    /// Never empty: `Home` is at the bottom and is never popped.
    stack: Vec<Screen>,
}

impl Default for Nav {
    fn default() -> Self {
        Nav {
            stack: vec![Screen::Home],
        }
    }
}

impl Nav {
    /// The screen showing.
    pub fn top(&self) -> Screen {
        // The stack is never empty: it starts with Home and `back` keeps it.
        self.stack.last().copied().unwrap_or(Screen::Home)
    }

    /// Shows `screen` over the one showing (nothing if it is already on top).
    pub fn push(&mut self, screen: Screen) {
        if self.top() != screen {
            self.stack.push(screen);
        }
    }

    /// Goes back one screen; the families screen stays.
    pub fn back(&mut self) -> Screen {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
        self.top()
    }

    /// Leaves the open record's screens (its form and review).
    pub fn leave_record(&mut self) -> Screen {
        while matches!(self.top(), Screen::Form | Screen::Review) && self.stack.len() > 1 {
            self.stack.pop();
        }
        self.top()
    }

    /// The screens from the bottom to the one showing.
    pub fn path(&self) -> &[Screen] {
        &self.stack
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_returns_to_where_each_screen_was_opened_from() {
        let mut nav = Nav::default();
        nav.push(Screen::Due);
        nav.push(Screen::Form);
        assert_eq!(nav.leave_record(), Screen::Due);
        assert_eq!(nav.back(), Screen::Home);
        assert_eq!(nav.back(), Screen::Home, "home is never popped");
        nav.push(Screen::Family);
        nav.push(Screen::Family);
        assert_eq!(nav.path(), [Screen::Home, Screen::Family]);
        nav.push(Screen::Form);
        nav.push(Screen::Review);
        assert_eq!(nav.back(), Screen::Form);
        nav.push(Screen::Review);
        assert_eq!(nav.leave_record(), Screen::Family);
    }
}
