//! The published tables hold the report's figures, and count what the views count.

use super::codebook::RULES_NOT_APPLICABLE;
use super::*;
use crate::query::{achievement, overview};

fn table<'a>(tables: &'a [Table], name: &str) -> &'a Table {
    tables.iter().find(|t| t.meta.name == name).unwrap_or_else(|| panic!("no table {name}"))
}

fn text(v: &Value) -> &str {
    match v {
        Value::Text(s) => s,
        _ => "",
    }
}

/// The value of `field` in `row` of `t`.
fn get<'a>(t: &'a Table, row: &'a [Value], field: &str) -> &'a Value {
    &row[t.column(field).unwrap_or_else(|| panic!("no field {field} in {}", t.meta.name))]
}

/// The rows of `t` whose `field` is the text `want`.
fn rows_where<'a>(t: &'a Table, field: &str, want: &str) -> Vec<&'a Vec<Value>> {
    t.rows.iter().filter(|r| text(get(t, r, field)) == want).collect()
}

#[test]
fn initiatives_has_one_row_per_printed_row_repeats_marked() {
    let r = crate::query::committed_report();
    let tables = tables(&r);
    let t = table(&tables, "initiatives");
    assert_eq!(t.rows.len(), r.initiatives.len());
    let ids: Vec<&str> = t.values("initiative_id").into_iter().map(text).collect();
    assert_eq!(ids, r.initiatives.iter().map(|i| i.id.as_str()).collect::<Vec<_>>());
    let totals = overview::overview(&r).total;
    let relisted = t.values("relisted").into_iter().filter(|v| **v == Value::Boolean(true)).count();
    let repeated = t.rows.iter().filter(|row| *get(t, row, "relisted") == Value::Boolean(false) && *get(t, row, "same_as") != Value::NotApplicable).count();
    assert_eq!((relisted, repeated), (totals.relisted, totals.repeated));
    assert_eq!(relisted + repeated, 14, "the report's 14 repeated rows");
    let kpis: i64 = t.values("kpi_count").into_iter().map(|v| if let Value::Integer(n) = v { *n } else { 0 }).sum();
    assert_eq!(kpis as usize, r.initiatives.iter().map(|i| i.kpis.len()).sum::<usize>());
}

#[test]
fn kpi_points_hold_every_figure_of_the_report() {
    let r = crate::query::committed_report();
    let tables = tables(&r);
    let t = table(&tables, "kpi_points");
    assert_eq!(t.rows.len(), overview::overview(&r).data_points);
    for k in &r.kpis {
        let rows = rows_where(t, "kpi_id", &k.id);
        assert_eq!(rows.len(), k.series.len(), "{}", k.id);
        for (row, p) in rows.iter().zip(&k.series) {
            assert_eq!(*get(t, row, "value"), Value::Number(p.value), "{}", k.id);
            assert_eq!(*get(t, row, "fiscal_year"), Value::opt_int(p.fiscal_year), "{}", k.id);
            assert_eq!(*get(t, row, "source_line_number"), Value::Integer(p.line.into()), "{}", k.id);
            assert_eq!(text(get(t, row, "unit")), k.unit, "{}", k.id);
        }
    }
    // The 寄附額 of I-3-3-3 in the report's year, printed 582,831 (千円), as a plain number with
    // its unit beside.
    let year = r.report.fiscal_year;
    let gifts = rows_where(t, "kpi_id", "I-3-3-3-k1");
    let this_year = gifts.iter().find(|row| *get(t, row, "fiscal_year") == Value::Integer(year.into())).expect("寄附額 of the report's year");
    assert_eq!((text(get(t, this_year, "label")), text(get(t, this_year, "unit"))), ("寄附額", "千円"));
    assert_eq!(get(t, this_year, "value").plain(), "582831");
    assert_eq!(text(get(t, this_year, "fiscal_year_wareki")), crate::fiscal::era_short(year));
    // The target columns of an actual: 「-」, 該当なし.
    let csv = t.csv(Audience::Machine);
    assert!(csv.contains(&format!("\r\nI-3-3-3-k1,3,I-3-3-3,寄附額,千円,up,{},actual,{year},{},582831,-,-,-,-,-,-,override,", achievement::overall(&r, r.kpi("I-3-3-3-k1").unwrap()).key(), crate::fiscal::era_short(year))), "{csv}");
}

/// Every cell of `kpi_points` holds a value or 「-」 where the row has none, in the data package
/// and in the download alike: a blank cell would read as a value not known, and makes the
/// machine-readability checker read the first rows as header rows (rule L3-01). The only column
/// that may be blank, the page number where a page's header was not extracted, is known for
/// every figure of this report.
#[test]
fn kpi_points_leave_no_cell_blank() {
    let r = crate::query::committed_report();
    let tables = tables(&r);
    let t = table(&tables, "kpi_points");
    for audience in [Audience::Machine, Audience::Spreadsheet] {
        for row in &t.rows {
            for (v, f) in row.iter().zip(&t.fields) {
                let written = cell(&f.for_audience(v, audience), audience);
                assert!(!written.is_empty(), "{:?} {}: {} is blank", audience, text(&row[0]), f.name);
            }
        }
    }
    // Each kind of 「-」: a column that does not apply (an actual's comparator), and a value the
    // report does not print (the year of a target printed without one).
    let undated = t.rows.iter().find(|row| text(get(t, row, "kpi_id")) == "II-3-2-4-k1" && text(get(t, row, "kind")) == "target").expect("II-3-2-4's target");
    assert_eq!((get(t, undated, "fiscal_year"), get(t, undated, "value")), (&Value::NotApplicable, &Value::Number(855.0)));
    assert!(t.rows.iter().filter(|row| text(get(t, row, "kind")) == "actual").all(|row| *get(t, row, "comparator") == Value::NotApplicable));
}

#[test]
fn subsection_ratings_count_as_the_overview_counts() {
    let r = crate::query::committed_report();
    let tables = tables(&r);
    let t = table(&tables, "subsections");
    assert_eq!(t.rows.len(), r.subsections.len());
    let ratings = t.values("rating");
    let count = |code: &str| ratings.iter().filter(|v| text(v) == code).count();
    let totals = overview::overview(&r).total;
    assert_eq!((count("on_track"), count("delayed"), ratings.iter().filter(|v| ***v == Value::NotApplicable).count()), (totals.on_track, totals.delayed, totals.unrated));
    // The two axes: every subsection's KPI counts are those of verdicts::subsection_axes.
    for row in &t.rows {
        let axes = crate::query::verdicts::subsection_axes(&r, text(get(t, row, "subsection_id"))).expect("a subsection");
        let all: usize = axes.kpis.iter().map(|(_, n)| n).sum();
        assert_eq!(*get(t, row, "kpi_count"), Value::count(all));
        let parts = ["kpi_count_reached", "kpi_count_behind", "kpi_count_unjudged", "kpi_count_no_target"].map(|f| if let Value::Integer(n) = get(t, row, f) { *n as usize } else { 0 });
        assert_eq!(parts.iter().sum::<usize>(), all);
        assert_eq!(get(t, row, "disagreement") != &Value::NotApplicable, axes.disagreement.is_some());
    }
}

#[test]
fn judgements_are_the_views_judgements() {
    let r = crate::query::committed_report();
    let tables = tables(&r);
    let kpis = table(&tables, "kpis");
    let judged = table(&tables, "kpi_judgements");
    assert_eq!(kpis.rows.len(), r.kpis.len());
    for k in &r.kpis {
        let want = achievement::overall(&r, k);
        let row = rows_where(kpis, "kpi_id", &k.id)[0];
        assert_eq!(text(get(kpis, row, "status")), want.key(), "{}", k.id);
        let targets = rows_where(judged, "kpi_id", &k.id);
        let judgements = achievement::judge(&r, k);
        assert_eq!(targets.len(), judgements.len(), "{}", k.id);
        for (row, j) in targets.iter().zip(&judgements) {
            assert_eq!(text(get(judged, row, "status")), j.status.key(), "{}", k.id);
            assert_eq!(*get(judged, row, "target_value"), Value::Number(j.target.value), "{}", k.id);
        }
        let headlines: Vec<_> = targets.iter().filter(|row| *get(judged, row, "is_headline") == Value::Boolean(true)).collect();
        if judgements.is_empty() {
            assert_eq!(want, achievement::Status::NoTarget);
        } else {
            assert_eq!(headlines.len(), 1, "{}", k.id);
            assert_eq!(text(get(judged, headlines[0], "status")), want.key(), "{}", k.id);
        }
    }
}

#[test]
fn organisation_pairs_rebuild_each_rows_departments_and_divisions() {
    let r = crate::query::committed_report();
    let tables = tables(&r);
    let pairs = table(&tables, "organisations");
    let links = table(&tables, "initiative_organisations");
    let pair = |id: &Value| pairs.rows.iter().find(|p| get(pairs, p, "organisation_id") == id).expect("a pair");
    for i in &r.initiatives {
        let mut departments: Vec<String> = Vec::new();
        let mut divisions: Vec<String> = Vec::new();
        for link in rows_where(links, "initiative_id", &i.id) {
            let p = pair(get(links, link, "organisation_id"));
            let d = text(get(pairs, p, "department")).to_string();
            if !d.is_empty() && !departments.contains(&d) {
                departments.push(d);
            }
            let v = text(get(pairs, p, "division"));
            if !v.is_empty() {
                divisions.push(v.to_string());
            }
        }
        assert_eq!(departments, i.departments, "{}", i.id);
        let mut printed = i.divisions.clone();
        printed.sort();
        divisions.sort();
        assert_eq!(divisions, printed, "{}", i.id);
    }
}

#[test]
fn text_items_one_row_each_as_printed_but_for_layout_spaces() {
    let r = crate::query::committed_report();
    let tables = tables(&r);
    let t = table(&tables, "initiative_texts");
    let items: usize = r.initiatives.iter().map(|i| initiatives::TextBlock::ALL.iter().map(|b| b.items(i).len()).sum::<usize>()).sum();
    assert_eq!(t.rows.len(), items);
    let ini = r.initiative("II-3-2-4").expect("II-3-2-4");
    let rows: Vec<&str> = rows_where(t, "initiative_id", "II-3-2-4").iter().filter(|row| text(get(t, row, "block")) == "content").map(|row| text(get(t, row, "text"))).collect();
    assert_eq!(rows, ini.content.iter().map(|s| clean_text(s)).collect::<Vec<_>>());
    // Each item cites the line it begins on, as the report JSON gives it: every row has one.
    let cited: Vec<&Value> = rows_where(t, "initiative_id", "II-3-2-4").iter().filter(|row| text(get(t, row, "block")) == "content").map(|row| get(t, row, "source_line_number")).collect();
    let lines = &ini.text_lines.as_ref().expect("text lines").content;
    assert_eq!(cited, lines.iter().map(|&l| Value::Integer(l.into())).collect::<Vec<_>>().iter().collect::<Vec<_>>());
    assert!(t.rows.iter().all(|row| matches!(get(t, row, "source_line_number"), Value::Integer(n) if *n > 0)));
}

/// What the machine-readability rule L1-07 reads as several data in one cell: a line break,
/// two 読点, two 中黒, or a comma that is no thousands separator.
fn reads_as_a_list(s: &str) -> bool {
    let thousands = |s: &str| s.split(',').enumerate().all(|(n, part)| part.chars().all(|c| c.is_ascii_digit() || c == '.') && (n == 0 || part.len() >= 3));
    s.contains('\n') || s.matches('、').count() >= 2 || s.matches('・').count() >= 2 || (s.contains(',') && !thousands(s))
}

#[test]
fn no_cell_reads_as_a_list_but_in_the_columns_the_codebook_explains() {
    let r = crate::query::committed_report();
    for t in tables(&r) {
        for (n, f) in t.fields.iter().enumerate() {
            let explained = RULES_NOT_APPLICABLE.iter().any(|x| x.file == t.file_name() && x.rule == "L1-07" && x.column == Some(f.name.as_str()));
            let lists: Vec<&str> = t.rows.iter().map(|row| text(&row[n])).filter(|s| reads_as_a_list(s)).collect();
            assert!(explained || lists.is_empty(), "{}.{}: {:?}", t.meta.name, f.name, &lists[..lists.len().min(3)]);
            for row in &t.rows {
                let s = text(&row[n]);
                assert!(!s.contains(['\n', '\r', '\u{3000}']) && s == s.trim() && !s.contains("  "), "{}.{}: {s:?}", t.meta.name, f.name);
            }
        }
    }
}

#[test]
fn every_value_fits_its_field() {
    let r = crate::query::committed_report();
    for t in tables(&r) {
        for row in &t.rows {
            assert_eq!(row.len(), t.fields.len(), "{}", t.meta.name);
            for (v, f) in row.iter().zip(&t.fields) {
                match (v, f.kind) {
                    (Value::NotApplicable | Value::Unknown, _) => assert!(!f.required, "{}.{} is required", t.meta.name, f.name),
                    // 「-」 means 該当なし only: no text is the mark itself.
                    (Value::Text(s), _) if s == NOT_APPLICABLE => panic!("{}.{}: a text that reads as 該当なし", t.meta.name, f.name),
                    (Value::Text(s), FieldType::String) if !f.codes.is_empty() => assert!(f.codes.iter().any(|c| &c.code == s), "{}.{}: {s} is no code", t.meta.name, f.name),
                    (Value::Text(_), FieldType::String) | (Value::Integer(_), FieldType::Integer) | (Value::Number(_), FieldType::Number) | (Value::Boolean(_), FieldType::Boolean) => {}
                    _ => panic!("{}.{}: {v:?} is no {}", t.meta.name, f.name, f.kind.key()),
                }
            }
        }
    }
}

#[test]
fn the_data_package_describes_every_file_its_keys_and_its_source() {
    let r = crate::query::committed_report();
    let files = publish(&r);
    let tables = tables(&r);
    let package: serde_json::Value = serde_json::from_str(&files.iter().find(|f| f.file_name == datapackage::FILE_NAME).expect("datapackage.json").text).expect("JSON");
    let resources = package["resources"].as_array().expect("resources");
    assert_eq!(resources.len(), tables.len());
    for (res, t) in resources.iter().zip(&tables) {
        let file = files.iter().find(|f| f.file_name == res["path"]).expect("a file for each resource");
        assert!(file.text.starts_with(BOM) && file.text.ends_with("\r\n"));
        assert_eq!(res["hash"], format!("sha256:{}", crate::source_text::sha256_hex(file.text.as_bytes())));
        assert_eq!(file.text.lines().count(), t.rows.len() + 1, "{}: one line per record", t.meta.name);
        for key in res["schema"]["foreignKeys"].as_array().expect("foreignKeys") {
            let other = tables.iter().find(|o| o.meta.name == key["reference"]["resource"]).expect("a referenced table");
            assert_eq!(key["reference"]["fields"], serde_json::json!(other.meta.primary_key));
        }
    }
    assert_eq!(package["sources"][0]["sha256"], r.report.source.sha256);
    assert_eq!(package["fiscal_year"], r.report.fiscal_year);
    // kpi → initiative → subsection.
    let fk = |name: &str| tables.iter().find(|t| t.meta.name == name).map(|t| t.meta.foreign_keys.iter().map(|k| k.table).collect::<Vec<_>>()).unwrap_or_default();
    assert!(fk("kpis").contains(&"initiatives") && fk("initiatives").contains(&"subsections"));
}

#[test]
fn the_codebook_lists_every_field_and_code() {
    let r = crate::query::committed_report();
    let tables = tables(&r);
    let book = table(&tables, "codebook");
    let codes = table(&tables, "codes");
    for t in &tables {
        for f in &t.fields {
            assert!(book.rows.iter().any(|row| text(get(book, row, "table_name")) == t.meta.name && text(get(book, row, "field_name")) == f.name), "{}.{}", t.meta.name, f.name);
            for c in &f.codes {
                let list = f.code_list.expect("a code list");
                assert!(codes.rows.iter().any(|row| text(get(codes, row, "code_list")) == list && text(get(codes, row, "code")) == c.code), "{list}: {}", c.code);
            }
        }
    }
    let md = codebook::markdown(&r, &tables);
    assert!(RULES_NOT_APPLICABLE.iter().all(|n| md.contains(n.reason_ja)));
    assert!(md.contains(&format!("区切り文字 `{LIST_SEPARATOR}`")));
}

#[test]
fn every_data_table_ends_with_the_reports_edition() {
    let r = crate::query::committed_report();
    let want = format!("{}年度", r.report.fiscal_year);
    let files = publish(&r);
    let package: serde_json::Value = serde_json::from_str(&files.iter().find(|f| f.file_name == datapackage::FILE_NAME).expect("datapackage.json").text).expect("JSON");
    let data: Vec<Table> = tables(&r).into_iter().filter(|t| !["codebook", "codes"].contains(&t.meta.name)).collect();
    assert!(data.len() >= 10, "every data table");
    for t in &data {
        let last = t.fields.last().expect("fields");
        assert_eq!((last.name.as_str(), last.label_ja.as_str(), last.required), (EDITION_COLUMN, "報告書の年度", true), "{}", t.meta.name);
        assert!(last.description_ja.contains(&r.report.label), "{}: names the report's own label", t.meta.name);
        assert!(t.values(EDITION_COLUMN).iter().all(|v| **v == Value::Text(want.clone())), "{}", t.meta.name);
        // In the CSV: the last field of every line.
        let csv = t.csv(Audience::Machine);
        assert!(csv.lines().skip(1).all(|l| l.ends_with(&format!(",{want}"))), "{}", t.meta.name);
        // In the data package: a required text of the form the pattern says.
        let res = package["resources"].as_array().unwrap().iter().find(|x| x["name"] == t.meta.name).expect("a resource");
        let field = res["schema"]["fields"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(field["name"], EDITION_COLUMN);
        assert_eq!(field["type"], "string");
        assert_eq!(field["constraints"]["required"], true);
        assert_eq!(field["constraints"]["pattern"], EDITION_PATTERN);
    }
    // The codebook lists the column for each table, and says what it is.
    let book = table(&tables(&r), "codebook").clone();
    assert_eq!(book.rows.iter().filter(|row| text(get(&book, row, "field_name")) == EDITION_COLUMN).count(), data.len());
    assert!(codebook::markdown(&r, &tables(&r)).contains(&format!("`{EDITION_COLUMN}`（報告書の年度）に、この版の年度を `{want}`")));
    // The next edition's tables say so: the value follows the report, it is not written in.
    let mut next = r.clone();
    next.report.fiscal_year += 1;
    let later = format!("{}年度", next.report.fiscal_year);
    assert!(tables(&next).iter().filter(|t| t.meta.name == "kpis").all(|t| t.values(EDITION_COLUMN).iter().all(|v| **v == Value::Text(later.clone()))));
    assert_ne!(want, later);
}

#[test]
fn the_wide_rs_layout_is_a_workbook_sheet_not_a_csv() {
    let r = crate::query::committed_report();
    assert!(publish(&r).iter().all(|f| !f.file_name.starts_with("kpis_rs")), "no CSV of the wide layout");
    assert!(tables(&r).iter().all(|t| t.meta.name != "kpis_rs"));
    let book = workbook_tables(&r);
    let rs = table(&book, "kpis_rs");
    // Every year of a target or result is a column, and a figure sits under its year.
    let k = r.kpis.iter().find(|k| k.series.iter().filter(|p| p.kind == crate::model::PointKind::Actual && p.fiscal_year.is_some()).count() > 1).expect("a KPI with results in two years");
    let row = rs.rows.iter().find(|row| text(get(rs, row, "kpi_id")) == k.id && text(get(rs, row, "row_kind")) == "actual").expect("its row of results");
    for p in k.series.iter().filter(|p| p.kind == crate::model::PointKind::Actual) {
        let Some(y) = p.fiscal_year else { continue };
        let last = k.series.iter().rfind(|q| q.kind == p.kind && q.fiscal_year == Some(y)).unwrap();
        assert_eq!(*get(rs, row, &kpis::rs_year_column(y)), Value::Number(last.value), "{} {y}", k.id);
    }
    // The workbook's other sheets are the data package's tables, in its order.
    let names: Vec<&str> = book.iter().map(|t| t.meta.name).filter(|n| *n != "kpis_rs").collect();
    assert_eq!(names, tables(&r).iter().map(|t| t.meta.name).collect::<Vec<_>>());
}

#[test]
fn subsection_sources_hold_every_place_a_subsection_is_printed() {
    let r = crate::query::committed_report();
    let tables = tables(&r);
    let t = table(&tables, "subsection_sources");
    assert_eq!(t.rows.len(), r.subsections.iter().map(|s| s.source.len()).sum::<usize>());
    for s in &r.subsections {
        let rows = rows_where(t, "subsection_id", &s.id);
        let spans: Vec<(Value, Value)> = rows.iter().map(|row| (get(t, row, "source_first_line_number").clone(), get(t, row, "source_last_line_number").clone())).collect();
        assert_eq!(spans, s.source.iter().map(|x| (Value::Integer(x.first_line.into()), Value::Integer(x.last_line.into()))).collect::<Vec<_>>(), "{}", s.id);
    }
}

/// A number the machine-readability checker takes for a figure (three digits or more, or with
/// a decimal point) rather than a small label such as a section number.
fn figure_like(v: &Value) -> bool {
    match v {
        Value::Integer(n) => n.abs() >= 100,
        Value::Number(x) => x.fract() != 0.0 || x.abs() >= 100.0,
        Value::Text(s) => s.len() >= 3 && s.trim_start_matches(['-', '+']).chars().all(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// The checker reads a row with few figures as one more header row, and the tables of words
/// keep one header row because none of their rows holds a figure: their line numbers are in the
/// tables of places (`initiative_sources`, `subsection_sources`) and the edition is text.
#[test]
fn the_tables_of_words_hold_no_figure_the_checker_reads_as_data() {
    let r = crate::query::committed_report();
    let tables = tables(&r);
    for name in ["initiatives", "subsections", "kpis"] {
        let t = table(&tables, name);
        for row in &t.rows {
            let figures: Vec<(&str, &Value)> = t.fields.iter().zip(row).filter(|(_, v)| figure_like(v)).map(|(f, v)| (f.name.as_str(), v)).collect();
            assert!(figures.is_empty(), "{name}: {figures:?}");
        }
    }
}
