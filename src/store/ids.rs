//! Typed ids for the rows the store hands out, so a family id can never be
//! passed where a record id is meant. Children reuse `record::ChildId`,
//! because answers are keyed by it.

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use std::fmt;

macro_rules! row_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }
    };
}

row_id!(
    /// The store's id of a family (a case).
    FamilyId
);
row_id!(
    /// The store's id of a record.
    RecordId
);
row_id!(
    /// The store's id of an addendum to a finalised record.
    AddendumId
);
row_id!(
    /// The store's id of a chronology entry.
    ChronologyId
);
row_id!(
    /// The store's id of an audit row.
    AuditId
);
