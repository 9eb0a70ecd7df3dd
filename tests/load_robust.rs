//! The loader never panics, and every refusal says what and where: arbitrary JSON values, and
//! random mutations of the real report (a field removed, retyped or pointed elsewhere).
//! `PROPTEST_CASES=20000 cargo test --test load_robust` for a longer run.

use proptest::prelude::*;
use reform::load::LoadError;
use reform::model::Report;
use serde_json::{json, Value};

const COMMITTED: &str = include_str!("../data/initiatives.json");

fn real() -> Value {
    serde_json::from_str(COMMITTED).expect("committed JSON parses")
}

/// Every error must name where: a JSON path, or a line and column.
fn assert_located(e: &LoadError) {
    let text = e.to_string();
    assert!(!text.is_empty());
    match e {
        LoadError::Syntax { line, .. } => assert!(*line > 0, "{text}"),
        LoadError::Shape { path, line, .. } => assert!(!path.is_empty() && *line > 0, "{text}"),
        LoadError::Integrity { path, .. } => assert!(path.contains('[') || path.contains('.') || !path.is_empty(), "{text}"),
        LoadError::Version { .. } | LoadError::TooLarge { .. } => {}
    }
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        "[\\PC]{0,12}".prop_map(Value::String),
        prop_oneof![Just("2.0.0"), Just("1.0.0"), Just("I"), Just("I-1"), Just("I-1-1")].prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("schema_version".to_string()),
                    Just("report".to_string()),
                    Just("pillars".to_string()),
                    Just("initiatives".to_string()),
                    Just("kpis".to_string()),
                    "[a-z_]{1,8}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// The paths of every node of `v`, as JSON pointer tokens.
fn paths(v: &Value, here: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => m.iter().for_each(|(k, c)| {
            here.push(k.clone());
            paths(c, here, out);
            here.pop();
        }),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| {
            here.push(i.to_string());
            paths(c, here, out);
            here.pop();
        }),
        _ => {}
    }
}

fn pointer(p: &[String]) -> String {
    p.iter().map(|t| format!("/{t}")).collect()
}

#[derive(Debug, Clone)]
enum Mutation {
    Remove,
    Replace(Value),
    /// Point a reference at an id that exists elsewhere in the report.
    Swap(usize),
}

fn arb_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::Remove),
        arb_json().prop_map(Mutation::Replace),
        any::<usize>().prop_map(Mutation::Swap),
    ]
}

fn mutate(mut report: Value, pick: usize, m: &Mutation, strings: &[String]) -> Value {
    let mut all = Vec::new();
    paths(&report, &mut Vec::new(), &mut all);
    let target = &all[1 + pick % (all.len() - 1)];
    let (parent, last) = target.split_at(target.len() - 1);
    match m {
        Mutation::Remove => match report.pointer_mut(&pointer(parent)) {
            Some(Value::Object(o)) => {
                o.remove(&last[0]);
            }
            Some(Value::Array(a)) => {
                let i: usize = last[0].parse().unwrap();
                a.remove(i);
            }
            _ => {}
        },
        Mutation::Replace(v) => *report.pointer_mut(&pointer(target)).unwrap() = v.clone(),
        Mutation::Swap(i) => *report.pointer_mut(&pointer(target)).unwrap() = json!(strings[i % strings.len()]),
    }
    report
}

fn ids(report: &Value) -> Vec<String> {
    ["pillars", "sections", "subsections", "initiatives", "kpis"]
        .iter()
        .flat_map(|k| report[k].as_array().into_iter().flatten().filter_map(|e| e["id"].as_str().map(String::from)))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics(v in arb_json()) {
        if let Err(e) = Report::from_json(&v.to_string()) {
            assert_located(&e);
        }
    }

    #[test]
    fn mutated_real_reports_never_panic(pick in any::<usize>(), m in arb_mutation()) {
        let base = real();
        let strings = ids(&base);
        let mutated = mutate(base, pick, &m, &strings);
        match Report::from_json(&mutated.to_string()) {
            Err(e) => assert_located(&e),
            // Accepted: then what the app holds is what it writes back and reads again, so an
            // accepted file loses nothing on its way through the model.
            Ok(r) => prop_assert_eq!(Report::from_json(&serde_json::to_string(&r).unwrap()), Ok(r)),
        }
    }

    /// The path of a shape error is the one a deserializer that tracks its path reports, in
    /// compact and in pretty-printed files.
    #[test]
    fn shape_error_paths_agree_with_a_tracking_deserializer(pick in any::<usize>(), m in arb_mutation()) {
        let base = real();
        let strings = ids(&base);
        let mutated = mutate(base, pick, &m, &strings);
        for text in [mutated.to_string(), serde_json::to_string_pretty(&mutated).unwrap()] {
            if let Err(LoadError::Shape { path, .. }) = Report::from_json(&text) {
                let mut de = serde_json::Deserializer::from_str(&text);
                let tracked = serde_path_to_error::deserialize::<_, Report>(&mut de).map(|_| ()).unwrap_err();
                prop_assert_eq!(path, tracked.path().to_string());
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
        if let Err(e) = Report::from_json(&s) {
            assert_located(&e);
        }
    }
}

#[test]
fn a_dangling_initiative_pillar_is_refused_with_its_path() {
    let mut r = real();
    r["initiatives"][0]["pillar"] = json!("III");
    let e = Report::from_json(&r.to_string()).unwrap_err();
    assert_eq!(e.to_string(), "initiatives[0].pillar: 柱 III は項目 I-1 の柱 I と違います");
}

#[test]
fn text_lines_that_miss_an_item_are_refused_with_their_path() {
    let mut r = real();
    let row = r["initiatives"].as_array().unwrap().iter().position(|i| i["status"].as_array().is_some_and(|s| s.len() > 1)).expect("a row with two status items");
    let items = r["initiatives"][row]["status"].as_array().unwrap().len();
    r["initiatives"][row]["text_lines"]["status"].as_array_mut().unwrap().pop();
    let e = Report::from_json(&r.to_string()).unwrap_err();
    assert_eq!(e.to_string(), format!("initiatives[{row}].text_lines.status: 行番号が {} 個ありますが、status の項目は {items} 個です", items - 1));
}

#[test]
fn a_subsection_in_the_wrong_pillar_is_refused() {
    let mut r = real();
    r["subsections"][0]["pillar"] = json!("II");
    let e = Report::from_json(&r.to_string()).unwrap_err();
    assert!(e.to_string().starts_with("subsections[0].pillar: "), "{e}");
}

#[test]
fn kpi_and_initiative_must_point_at_each_other() {
    let mut r = real();
    let kpi = r["kpis"][0]["id"].as_str().unwrap().to_string();
    let owner = r["kpis"][0]["initiative"].as_str().unwrap().to_string();
    let other = r["initiatives"].as_array().unwrap().iter().position(|i| i["id"] != json!(owner)).unwrap();
    r["kpis"][0]["initiative"] = r["initiatives"][other]["id"].clone();
    let e = Report::from_json(&r.to_string()).unwrap_err();
    // Found from the initiative's side: it lists a KPI that now names another owner.
    assert!(e.to_string().starts_with("initiatives["), "{e}");
    assert!(e.to_string().contains(&format!("KPI {kpi} は取組 ")), "{e}");
}

#[test]
fn a_wrong_type_deep_inside_names_its_path() {
    let mut r = real();
    let k = r["kpis"].as_array().unwrap().iter().position(|k| k["series"].as_array().unwrap().len() > 1).unwrap();
    r["kpis"][k]["series"][1]["value"] = json!("1,234");
    let e = Report::from_json(&serde_json::to_string_pretty(&r).unwrap()).unwrap_err();
    let LoadError::Shape { path, line, .. } = &e else { panic!("{e:?}") };
    assert_eq!(path, &format!("kpis[{k}].series[1].value"));
    assert!(*line > 100, "pretty-printed, so the line is deep in the file: {e}");
}

#[test]
fn an_organisation_outside_its_row_and_an_unknown_override_id_are_refused() {
    let with = |pointer: &str, value: Value| {
        let mut r = real();
        *r.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = value;
        Report::from_json(&r.to_string()).unwrap_err().to_string()
    };
    assert_eq!(with("/initiatives/0/organisations/0/department", json!("土木部")), "initiatives[0].organisations[0].department: 部局 土木部 はこの取組の departments にありません");
    assert_eq!(with("/initiatives/0/organisations/0/divisions/0", json!("道路維持課")), "initiatives[0].organisations[0].divisions[0]: 担当課 道路維持課 はこの取組の divisions にありません");
    assert_eq!(with("/report/overrides/kpis/0", json!("I-9-9-9-k1")), "report.overrides.kpis[0]: KPI I-9-9-9-k1 がありません");
    assert_eq!(with("/report/overrides/achieved_marks/0", json!("I-9-9-9")), "report.overrides.achieved_marks[0]: 取組 I-9-9-9 がありません");
}
