//! The checked form: what a form file means once every rule of the form
//! language holds. Nothing here can hold a form the checker would refuse
//! (a scale with reversed ends, a choice with no options, a table with no
//! columns), so the layers above never re-check the form itself.

use std::collections::HashMap;

/// A scale's ends lie within -SCALE_LIMIT..=SCALE_LIMIT (the checker in
/// `load` refuses others, and a scale's answers are listed up to it).
pub const SCALE_LIMIT: i64 = 1000;

/// Where a form came from, so a trainer can tell a built-in from their own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormSource {
    /// Embedded in the binary from `forms/`.
    BuiltIn,
    /// Loaded from an organisation's directory; the path is the file.
    File(String),
}

/// A whole form: its identity, timescale and sections in order.
#[derive(Clone, Debug)]
pub struct Form {
    /// Stable identifier, lower-case letters, digits and underscores.
    pub id: String,
    /// Bumped whenever the structure changes; stored with every record.
    pub version: u32,
    /// Heading shown to people.
    pub title: String,
    /// One line saying what the form is for.
    pub purpose: String,
    /// Whether a record of this form may be marked a significant event.
    pub can_be_significant: bool,
    /// Whether only supervisors may start a record of this form
    /// (management oversight, case supervision, audits).
    pub supervisors_only: bool,
    /// The date field whose answer is the record's event date, if any.
    pub event_date_field: Option<String>,
    /// The recording timescale, counted from the event date.
    pub timescale: Option<Timescale>,
    /// Which answers fill the chronology's columns when a record of this
    /// form appears there (seed 003_e0d5b8f8efac37da.txt §6).
    pub chronology: ChronologyColumns,
    /// Sections in the order they are walked through.
    pub sections: Vec<Section>,
    /// Answers that cannot all be true at once, checked like missing ones
    /// (`[[contradiction]]`).
    pub contradictions: Vec<Contradiction>,
    /// Where the form was loaded from.
    pub source: FormSource,
    /// The TOML text the form was read from, kept so the store can save the
    /// exact definition a record was written with.
    pub toml: String,
    /// Field id → (section index, field index), built once at load.
    index: HashMap<String, (usize, usize)>,
}

/// Field ids whose answers fill the chronology's columns; each is a
/// one-value or free-text field of a section answered once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChronologyColumns {
    /// "What happened".
    pub what_happened: Option<String>,
    /// "Who has been affected and how".
    pub affected: Option<String>,
    /// "Source".
    pub source: Option<String>,
}

/// How soon a record must be written after its event, in working days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timescale {
    /// The ordinary limit.
    pub working_days: u32,
    /// The shorter limit for a child on a protection plan or a significant
    /// event (seed 001 §4), when the guidance sets one.
    pub urgent_working_days: Option<u32>,
}

/// One screen of a form.
#[derive(Clone, Debug)]
pub struct Section {
    /// Identifier, unique within the form.
    pub id: String,
    /// Heading shown to people.
    pub title: String,
    /// Longer prompts shown in the guidance pane (may be empty).
    pub guidance: String,
    /// The whole section records the child's voice.
    pub child_voice: bool,
    /// The section is answered once for each child the record is about.
    pub per_child: bool,
    /// The section starts from something earlier records left open (the
    /// family's open actions): its first field is then the generated
    /// table of [`super::carry`].
    pub carry_forward: Option<CarryForward>,
    /// Fields in order; never empty.
    pub fields: Vec<Field>,
}

/// What a section carries forward from the family's earlier records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CarryForward {
    /// The open actions of the family's action register
    /// (`carry_forward = "actions"`).
    Actions,
}

/// One question.
#[derive(Clone, Debug)]
pub struct Field {
    /// Identifier, unique within the whole form.
    pub id: String,
    /// The question as shown.
    pub label: String,
    /// What kind of answer it takes.
    pub kind: FieldKind,
    /// Whether an answer is needed before finalising.
    pub requirement: Requirement,
    /// A short hint shown beside the field.
    pub hint: Option<String>,
    /// The field records the child's voice (on its own, or because its
    /// section does: see [`Form::is_child_voice`]).
    pub child_voice: bool,
    /// What a new record starts with in this field (the person can change
    /// it): saves a manager typing the date and their own name.
    pub prefill: Option<Prefill>,
}

/// A value a new record's field starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prefill {
    /// Today's date (a date field).
    Today,
    /// The login name of the person starting the record (a text field).
    Writer,
    /// The answer the file's evidence proposes for the Tees standard this
    /// section is (`standard_NN`): a choice of yes, no and partly that the
    /// manager confirms or overrides (issue 16).
    AuditProposal,
    /// That standard's evidence in sentences: the snapshot a finalised
    /// audit keeps of what the manager saw (a multiline field).
    AuditEvidence,
}

/// The Tees standards whose evidence is in the file, so that an audit can
/// propose their answers (seed 002_66f790c2d2b6d6fc.txt; issue 16); the
/// others are the manager's judgement.
pub const AUDIT_PROPOSED: [u8; 12] = [1, 3, 9, 10, 12, 14, 15, 16, 17, 18, 19, 20];

/// The answers an `audit_proposal` field must offer.
pub const AUDIT_ANSWERS: [&str; 3] = ["yes", "partly", "no"];

/// The Tees standard an audit section holds, if its id is `standard_NN`
/// with NN from 1 to 20.
pub fn audit_standard(section_id: &str) -> Option<u8> {
    let digits = section_id.strip_prefix("standard_")?;
    if digits.len() != 2 {
        return None;
    }
    let n: u8 = digits.parse().ok()?;
    (1..=20).contains(&n).then_some(n)
}

/// Whether a field must be answered.
#[derive(Clone, Debug, PartialEq)]
pub enum Requirement {
    /// May be left blank.
    Optional,
    /// Must be answered.
    Always,
    /// Must be answered when another field's answer is one of some values.
    When(Condition),
}

/// "Required when field F is one of these answers".
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// The field whose answer decides.
    pub field: String,
    /// The answers that make this field required (already checked to be
    /// possible answers of that field).
    pub any_of: Vec<String>,
}

/// Two answers that cannot both stand: a finding, like a missing answer,
/// shown at the second field with the form's own sentence.
#[derive(Clone, Debug, PartialEq)]
pub enum Contradiction {
    /// `when` and `and` both hold ("seen alone: yes" with "seen: no").
    Answers {
        /// The first answer.
        when: Condition,
        /// The second; the finding is shown at this field.
        and: Condition,
        /// What is wrong, in the form's words.
        message: String,
    },
    /// The date in `date` is before the date in `before` (a closure before
    /// the child was last seen); shown at `date`.
    DateOrder {
        /// The date that must not be the earlier.
        date: String,
        /// The date it must not be before.
        before: String,
        /// What is wrong, in the form's words.
        message: String,
    },
}

/// The kinds of one-value answer, shared by fields and table columns.
#[derive(Clone, Debug, PartialEq)]
pub enum CellKind {
    /// One line of text.
    Text,
    /// A calendar date, stored as YYYY-MM-DD.
    Date {
        /// Refuse a date after today (an event that has not happened yet).
        not_future: bool,
    },
    /// A time of day, stored as HH:MM.
    Time,
    /// Stored as "yes" or "no".
    YesNo,
    /// Exactly one of the options.
    Choice {
        /// The allowed answers; never empty, no duplicates.
        options: Vec<String>,
    },
    /// A number, optionally bounded (inclusive).
    Number {
        /// Lowest allowed value.
        min: Option<f64>,
        /// Highest allowed value.
        max: Option<f64>,
    },
}

/// A scale with labelled ends, such as seed 000 Appendix 1's 0-10 scaling.
#[derive(Clone, Debug, PartialEq)]
pub struct ScaleSpec {
    /// The low end (always below `max`).
    pub min: i64,
    /// The high end.
    pub max: i64,
    /// What the low end means.
    pub min_label: String,
    /// What the high end means.
    pub max_label: String,
}

/// A table of repeating rows with typed columns.
#[derive(Clone, Debug, PartialEq)]
pub struct TableSpec {
    /// Columns in order; never empty.
    pub columns: Vec<Column>,
    /// Complete rows needed when the table is required.
    pub min_rows: u32,
    /// What the rows mean beyond the record itself.
    pub role: TableRole,
}

/// Whether a table's rows feed something outside the record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum TableRole {
    /// Rows that belong to the record alone.
    #[default]
    Plain,
    /// SMART actions: each complete row enters the family's action
    /// register when the record is finalised (`actions = {...}`).
    Actions(ActionColumns),
    /// The generated table of a `carry_forward = "actions"` section: one
    /// row per open action, each marked done, still open or dropped.
    Carried,
}

/// Which columns of a SMART action table say what, who and by when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionColumns {
    /// A text column: what needs to happen.
    pub what: String,
    /// A text column: who is responsible.
    pub who: String,
    /// A date column: by when.
    pub by_when: String,
}

/// A column of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Identifier, unique within the table.
    pub id: String,
    /// Heading shown to people.
    pub label: String,
    /// The kind of value in each cell.
    pub kind: CellKind,
    /// A row is complete only when every required column is filled.
    pub required: bool,
    /// Required in a row whose other column holds an answer; only the
    /// generated carried-actions table uses it (a new date when an action
    /// stays open, a reason when it is dropped).
    pub required_when: Option<ColumnCondition>,
    /// A short hint.
    pub hint: Option<String>,
}

/// "Required when this row's column C holds answer A".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnCondition {
    /// The deciding column's id.
    pub column: String,
    /// The answer that makes the cell required.
    pub is: String,
}

/// What kind of answer a field takes.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldKind {
    /// A one-value answer (text, date, time, yes/no, choice, number).
    Cell(CellKind),
    /// Free text over several lines.
    Multiline,
    /// Any number of the options.
    Choices {
        /// The allowed answers; never empty, no duplicates.
        options: Vec<String>,
    },
    /// A whole number on a labelled scale.
    Scale(ScaleSpec),
    /// Repeating rows.
    Table(TableSpec),
}

impl Field {
    /// Whether the answer is fixed when the record starts: an audit's
    /// evidence (issue 16), kept as the manager saw it, read but never
    /// typed over, in the screens and in the linear mode alike.
    pub fn is_fixed(&self) -> bool {
        self.prefill == Some(Prefill::AuditEvidence)
    }
}

impl FieldKind {
    /// The name used for this kind in form files.
    pub fn name(&self) -> &'static str {
        match self {
            FieldKind::Cell(c) => c.name(),
            FieldKind::Multiline => "multiline",
            FieldKind::Choices { .. } => "choices",
            FieldKind::Scale(_) => "scale",
            FieldKind::Table(_) => "table",
        }
    }

    /// The answers a condition may test this field against, if finite.
    /// A scale wider than the form language allows (only a hand-built
    /// [`ScaleSpec`] can be) has none, so that its ends can never make this
    /// allocate without bound.
    pub fn finite_answers(&self) -> Option<Vec<String>> {
        match self {
            FieldKind::Cell(CellKind::YesNo) => Some(vec!["yes".into(), "no".into()]),
            FieldKind::Cell(CellKind::Choice { options }) | FieldKind::Choices { options } => {
                Some(options.clone())
            }
            FieldKind::Scale(s) => {
                let steps = s.max.checked_sub(s.min)?;
                (0..=2 * SCALE_LIMIT)
                    .contains(&steps)
                    .then(|| (s.min..=s.max).map(|n| n.to_string()).collect())
            }
            _ => None,
        }
    }
}

impl CellKind {
    /// The name used for this kind in form files.
    pub fn name(&self) -> &'static str {
        match self {
            CellKind::Text => "text",
            CellKind::Date { .. } => "date",
            CellKind::Time => "time",
            CellKind::YesNo => "yes_no",
            CellKind::Choice { .. } => "choice",
            CellKind::Number { .. } => "number",
        }
    }
}

impl Form {
    /// Builds a form and its field index. Only the checker calls this, after
    /// it has made sure field ids are unique.
    pub(crate) fn new(
        head: FormHead,
        sections: Vec<Section>,
        source: FormSource,
        toml: String,
    ) -> Form {
        let mut index = HashMap::new();
        for (si, s) in sections.iter().enumerate() {
            for (fi, f) in s.fields.iter().enumerate() {
                index.entry(f.id.clone()).or_insert((si, fi));
            }
        }
        Form {
            id: head.id,
            version: head.version,
            title: head.title,
            purpose: head.purpose,
            can_be_significant: head.can_be_significant,
            supervisors_only: head.supervisors_only,
            event_date_field: head.event_date_field,
            timescale: head.timescale,
            chronology: head.chronology,
            sections,
            contradictions: Vec::new(),
            source,
            toml,
            index,
        }
    }

    /// The section and field with this id.
    pub fn field(&self, id: &str) -> Option<(&Section, &Field)> {
        let &(si, fi) = self.index.get(id)?;
        let s = self.sections.get(si)?;
        Some((s, s.fields.get(fi)?))
    }

    /// The field with this id, to change (the checker settles conditions
    /// once every field is known).
    pub(crate) fn field_mut(&mut self, id: &str) -> Option<&mut Field> {
        let &(si, fi) = self.index.get(id)?;
        self.sections.get_mut(si)?.fields.get_mut(fi)
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Whether an answer to this field is the child's voice: the field is
    /// flagged, or its whole section is.
    pub fn is_child_voice(&self, section: &Section, field: &Field) -> bool {
        section.child_voice || field.child_voice
    }

    /// Whether any part of a section is the child's voice.
    pub fn section_has_child_voice(section: &Section) -> bool {
        section.child_voice || section.fields.iter().any(|f| f.child_voice)
    }
}

/// The form-level facts the checker gathers before building a [`Form`].
#[derive(Clone, Debug)]
pub(crate) struct FormHead {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub purpose: String,
    pub can_be_significant: bool,
    pub supervisors_only: bool,
    pub event_date_field: Option<String>,
    pub timescale: Option<Timescale>,
    pub chronology: ChronologyColumns,
}
