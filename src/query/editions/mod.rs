//! Two editions of the report compared: which row is which ([`matching`]), what changed
//! ([`changes`]), and the share that got worse by pillar or department ([`worse`]). Pure
//! functions over two [`Report`](crate::model::Report)s, older first.
//!
//! ```ignore
//! let reviewed = EditionMatches::from_overrides_json(overrides_text)?;
//! let matching = match_editions(&older, &newer, &reviewed);
//! let changes = changes(&older, &newer, &matching);
//! ```

pub mod changes;
pub mod matching;
pub mod shelf;
pub mod side_by_side;
pub mod similarity;
pub mod summary;
pub mod worse;

pub use changes::{changes, ActualMove, Changes, Figure, Heading, InitiativeChange, KpiPair, RatingChange, RevisedFigure, TargetChange};
pub use matching::{match_editions, InitiativeMatch, KpiMatch, Matching, OverrideProblem, Reason, Side, SubsectionMatch};
pub use shelf::{Added, Edition, Origin, Pick, Shelf};
pub use similarity::{title_similarity, SIMILAR_TITLE, SIMILAR_TITLE_ELSEWHERE};
pub use side_by_side::{side_by_side, Joined, KpiSideBySide, Printed, SideBySide, YearRow};
pub use summary::{compare, summary, ChangeItem, ChangeKind, ChangeList, ChangeSummary, Comparison, Tone};
pub use worse::{worse_since, WorseBy, WorseMeasure, WorseShare};
