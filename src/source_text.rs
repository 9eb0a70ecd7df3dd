//! The source text as both the normalizer and the query layer see it: its lines, and its
//! fingerprint. Below both, so neither imports the other.

use sha2::{Digest, Sha256};

/// The lines of a source text, split exactly as the normalizer splits them (a leading byte-order
/// mark dropped, `\n` or `\r\n`), so line numbers agree.
pub fn split_lines(text: &str) -> Vec<&str> {
    text.strip_prefix('\u{feff}').unwrap_or(text).lines().collect()
}

/// Lower-case hex SHA-256 of `bytes`, as `report.source.sha256`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
