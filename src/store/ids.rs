//! Typed ids for the rows the store hands out, so a family id can never be
//! passed where a record id is meant. Families, records and children use
//! the core's ids (`record::FamilyId` and the rest), because the due list,
//! the chronology and the answers name them too; this file says how those
//! are bound and read, and declares the ids only the store hands out.

// Re-exported so the store's files name every id from here.
pub use crate::record::{FamilyId, RecordId};
use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use std::fmt;

/// Binds and reads an id as its integer.
macro_rules! sql_id {
    ($name:ident) => {
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

        sql_id!($name);
    };
}

sql_id!(FamilyId);
sql_id!(RecordId);

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
row_id!(
    /// The store's id of a person on a family who is not one of its
    /// children (a parent, carer, relative or professional).
    PersonId
);
row_id!(
    /// The store's id of an action in a family's register.
    ActionId
);
