//! The published tables hold the report's figures, and what the views count.

use super::*;
