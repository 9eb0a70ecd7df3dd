//! Reads an `.xlsx` file back for the browser tests, which have no spreadsheet reader of their
//! own: prints `{"sheets": [{"name", "rows", "first_row", "cells"}]}` as JSON, numbers as
//! numbers and empty cells as null.
//!
//!     cargo run --quiet -p reform-data --example read_workbook -- FILE.xlsx

use calamine::{Data, Reader, Xlsx};
use serde_json::{json, Value};

fn cell(c: &Data) -> Value {
    match c {
        Data::Empty => Value::Null,
        Data::Float(x) => json!(x),
        Data::Int(n) => json!(n),
        Data::Bool(b) => json!(b),
        other => json!(other.to_string()),
    }
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: read_workbook FILE.xlsx");
        std::process::exit(2);
    };
    let mut book: Xlsx<_> = match calamine::open_workbook(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: not a workbook: {e}");
            std::process::exit(1);
        }
    };
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{path}: sheet {name}: {e}");
                std::process::exit(1);
            }
        };
        let cells: Vec<Vec<Value>> = range.rows().map(|r| r.iter().map(cell).collect()).collect();
        sheets.push(json!({ "name": name, "rows": range.height(), "first_row": cells.first(), "cells": cells }));
    }
    println!("{}", json!({ "sheets": sheets }));
}
