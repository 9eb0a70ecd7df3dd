//! The committed report satisfies its published JSON Schema, and the schema is strict enough to
//! catch what a careless edit would do (a missing field, a wrong type, an unknown property).

use serde_json::{json, Value};

fn load(path: &str) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn violations(instance: &Value) -> Vec<String> {
    let schema = load("data/initiatives.schema.json");
    let validator = jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("data/initiatives.schema.json is not a valid schema: {e}"));
    validator.iter_errors(instance).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

#[test]
fn the_committed_report_is_valid_against_its_schema() {
    let errors = violations(&load("data/initiatives.json"));
    assert!(errors.is_empty(), "data/initiatives.json breaks data/initiatives.schema.json:\n{}", errors.join("\n"));
}

#[test]
fn the_schema_refuses_broken_reports() {
    let report = load("data/initiatives.json");
    let mut missing = report.clone();
    missing["initiatives"][0].as_object_mut().unwrap().remove("title");
    let errors = violations(&missing);
    assert!(errors.iter().any(|e| e.starts_with("/initiatives/0")), "{errors:?}");

    let mut wrong_type = report.clone();
    wrong_type["kpis"][0]["series"][0]["value"] = json!("12");
    assert!(violations(&wrong_type).iter().any(|e| e.starts_with("/kpis/0/series/0/value")));

    let mut bad_rating = report;
    bad_rating["subsections"][0]["rating"] = json!("great");
    assert!(violations(&bad_rating).iter().any(|e| e.starts_with("/subsections/0/rating")));
}

#[test]
fn nothing_slips_past_the_schema() {
    let json = load("data/initiatives.json");
    // A new field anywhere is an error until the schema says what it means.
    for pointer in ["", "/report", "/report/coverage", "/initiatives/0", "/initiatives/0/organisations/0", "/kpis/0", "/kpis/0/series/0"] {
        let mut changed = json.clone();
        changed.pointer_mut(pointer).unwrap().as_object_mut().unwrap().insert("new_field".into(), 1.into());
        let errors = violations(&changed);
        assert_eq!(errors.len(), 1, "{pointer}: {errors:?}");
        assert!(errors[0].starts_with(&format!("{pointer}: ")) && errors[0].contains("new_field"), "{errors:?}");
    }
    let mut changed = json.clone();
    changed["kpis"][0]["series"][0]["comparator"] = json!("more_or_less");
    assert_eq!(violations(&changed).len(), 1);
    changed["schema_version"] = json!("1.0.0");
    assert_eq!(violations(&changed).len(), 2);
}

/// Every object of `instance` paired with the schema node that describes it, with its JSON path.
fn objects<'a>(root: &'a Value, node: &'a Value, instance: &'a Value, path: String, out: &mut Vec<(String, &'a Value)>) {
    let node = match node.get("$ref").and_then(Value::as_str) {
        Some(r) => root.pointer(r.trim_start_matches('#')).unwrap_or(node),
        None => node,
    };
    match instance {
        Value::Object(map) => {
            if node.get("properties").is_some() {
                out.push((path.clone(), node));
            }
            for (k, v) in map {
                if let Some(child) = node.get("properties").and_then(|p| p.get(k)) {
                    objects(root, child, v, format!("{path}/{k}"), out);
                }
            }
        }
        Value::Array(items) => {
            // The first item of each array stands for all of them.
            if let (Some(first), Some(child)) = (items.first(), node.get("items")) {
                objects(root, child, first, format!("{path}/0"), out);
            }
        }
        _ => {}
    }
}

/// A file the app accepts passes the published schema, and the reverse: every field the schema
/// requires, taken out of the real report, is refused by both (the loader names its path);
/// every field the schema leaves optional, taken out, is accepted by both.
#[test]
fn the_schema_and_the_loader_agree_field_by_field() {
    let schema = load("data/initiatives.schema.json");
    let report = load("data/initiatives.json");
    let mut found = Vec::new();
    objects(&schema, &schema, &report, String::new(), &mut found);
    let mut checked = 0;
    for (path, node) in found {
        let required: Vec<&str> = node["required"].as_array().map(|r| r.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
        for field in node["properties"].as_object().unwrap().keys() {
            let mut changed = report.clone();
            changed.pointer_mut(&path).unwrap().as_object_mut().unwrap().remove(field);
            let schema_accepts = violations(&changed).is_empty();
            let loaded = reform::model::Report::from_json(&changed.to_string());
            let is_required = required.contains(&field.as_str());
            assert_eq!(schema_accepts, !is_required, "{path}/{field}: the schema");
            match loaded {
                Ok(_) => assert!(!is_required, "{path}/{field} is required by the schema, but the app accepts a file without it"),
                Err(e) => {
                    assert!(is_required, "{path}/{field} is optional in the schema, but the app refuses a file without it: {e}");
                    assert!(e.to_string().contains(field.as_str()), "{path}/{field}: the message names the field: {e}");
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 90, "{checked}");
}
