//! The reform-progress dashboard's data: the model shared by the normalizer and the app,
//! the queries the app runs over it, and (feature `normalizer`) the text normalizer.
//!
//! See ARCHITECTURE.md for the map.

#[macro_use]
mod keyed;

pub mod edition_matches;
pub mod fiscal;
pub mod format;
pub mod load;
pub mod model;
pub mod query;
pub mod source_text;

#[cfg(feature = "normalizer")]
pub mod normalize;
#[cfg(feature = "normalizer")]
pub mod renewal;

pub use model::*;
