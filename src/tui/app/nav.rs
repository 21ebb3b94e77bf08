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
}
