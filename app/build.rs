//! Embeds the report compactly: `data/initiatives.json` is pretty-printed for review, the app
//! needs no white space. The report's year label is written beside it, so a page whose named
//! report cannot be shown can offer the bundled one by its year without reading the whole report.

use std::path::PathBuf;

fn main() {
    let source = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../data/initiatives.json");
    println!("cargo:rerun-if-changed={}", source.display());
    let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{}: {e}; run `make data`", source.display()));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}; run `make data`", source.display()));
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("initiatives.min.json");
    std::fs::write(out, serde_json::to_string(&value).unwrap()).unwrap();
    let label = value["report"]["label"].as_str().unwrap_or_default();
    std::fs::write(PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("initiatives.label.txt"), label).unwrap();
}
