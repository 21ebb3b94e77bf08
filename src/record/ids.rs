//! The ids the store hands out for families, records and children. They
//! live in the core, not the store, because the core keys answers by child
//! and the due list and the chronology name families and records; the
//! store adds how each is bound and read (`store/ids.rs`). A distinct type
//! for each means a family id can never be passed where a record id is
//! meant.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! core_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        // Written as the bare number, so recovery files and `due --json`
        // read the same as when ids were plain integers.
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

core_id!(
    /// The store's id of a family (a case).
    FamilyId
);
core_id!(
    /// The store's id of a record.
    RecordId
);
core_id!(
    /// The store's id of a child, used to key per-child sections.
    ChildId
);
