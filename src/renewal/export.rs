//! The single-file offline dashboard with a new edition in it, made without a toolchain: the
//! build writes the offline dashboard as a template (`scripts/package.mjs`) with three slots, and
//! this fills them. The dashboard reads its report from the page (`app/src/data.rs`).

use std::fmt;

/// The report JSON (`<script type="application/json" id="reform-report">`).
pub const REPORT_SLOT: &str = "__REFORM_REPORT__";
/// The previous edition's JSON, compared with the report; empty for none.
pub const PREVIOUS_SLOT: &str = "__REFORM_PREVIOUS__";
/// Base64 of the gzip of the report's source text, for 「出典を見る」.
pub const SOURCE_SLOT: &str = "__REFORM_SOURCE__";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotMissing {
    pub slot: &'static str,
    pub found: usize,
}

impl fmt::Display for SlotMissing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the dashboard template holds {} `{}` slots, not one: it is not the template this workbench was built with (run `make dist` again)",
            self.found, self.slot
        )
    }
}

/// JSON made safe inside a `<script>` element: `<` only occurs in its strings, where `\u003c`
/// reads the same.
fn in_script(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// The template with the report, the previous edition (if any) and the source text in it.
pub fn offline_dashboard(template: &str, report_json: &str, previous_json: Option<&str>, source_gzip_base64: &str) -> Result<String, SlotMissing> {
    for slot in [REPORT_SLOT, PREVIOUS_SLOT, SOURCE_SLOT] {
        let found = template.matches(slot).count();
        if found != 1 {
            return Err(SlotMissing { slot, found });
        }
    }
    // Each slot is filled once, in turn: a slot's words inside the report cannot be filled again.
    let mut out = String::with_capacity(template.len() + report_json.len() + previous_json.map_or(0, str::len) + source_gzip_base64.len());
    let mut rest = template;
    let mut fills = [(REPORT_SLOT, in_script(report_json)), (PREVIOUS_SLOT, previous_json.map(in_script).unwrap_or_default()), (SOURCE_SLOT, source_gzip_base64.to_string())];
    fills.sort_by_key(|(slot, _)| template.find(slot));
    for (slot, fill) in fills {
        let at = rest.find(slot).expect("counted above");
        out.push_str(&rest[..at]);
        out.push_str(&fill);
        rest = &rest[at + slot.len()..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "<script type=\"application/json\" id=\"reform-report\">__REFORM_REPORT__</script>\
        <script type=\"application/json\" id=\"reform-previous\">__REFORM_PREVIOUS__</script>\
        <script type=\"text/plain\" id=\"reform-source\">__REFORM_SOURCE__</script>";

    #[test]
    fn the_slots_are_filled_and_a_closing_tag_in_the_report_cannot_end_its_element() {
        let report = r#"{"title":"</script><script>alert(1)</script> __REFORM_SOURCE__"}"#;
        let out = offline_dashboard(TEMPLATE, report, None, "H4sI").unwrap();
        assert_eq!(out.matches("</script>").count(), 3);
        assert!(out.contains(r#"id="reform-previous"></script>"#));
        assert!(out.contains(r#"id="reform-source">H4sI</script>"#));
        let inside = out.split("id=\"reform-report\">").nth(1).unwrap().split("</script>").next().unwrap();
        let read: serde_json::Value = serde_json::from_str(inside).unwrap();
        assert_eq!(read["title"], "</script><script>alert(1)</script> __REFORM_SOURCE__");
    }

    #[test]
    fn a_template_without_its_slots_is_refused() {
        let e = offline_dashboard("<html></html>", "{}", None, "").unwrap_err();
        assert_eq!(e, SlotMissing { slot: REPORT_SLOT, found: 0 });
        assert!(e.to_string().contains("make dist"));
    }
}
