//! Sharing the view on screen: the link to copy and the iframe code web staff paste into a page.
//!
//! The view lives in the URL's hash (`#rd/kpi?ks=missed`), so a link restores it. Embed mode is
//! `embed=1` in the query before the hash: the embedded dashboard hides its own title and footer.

/// The page's address without `embed=1`: a shared link opens the full dashboard.
pub fn link(href: &str) -> String {
    with_embed(href, false)
}

/// The address an iframe opens: the same view in embed mode.
pub fn embed_src(href: &str) -> String {
    with_embed(href, true)
}

/// An address opened from a file (a copy on a USB stick) cannot be embedded in a web page.
pub fn is_local_file(href: &str) -> bool {
    href.get(..5).is_some_and(|scheme| scheme.eq_ignore_ascii_case("file:"))
}

fn with_embed(href: &str, embed: bool) -> String {
    let (before_hash, hash) = href.split_once('#').map_or((href, None), |(b, h)| (b, Some(h)));
    let (path, query) = before_hash.split_once('?').map_or((before_hash, ""), |(p, q)| (p, q));
    let mut params: Vec<&str> = query.split('&').filter(|p| !p.is_empty() && *p != "embed=1").collect();
    if embed {
        params.push("embed=1");
    }
    let mut out = path.to_string();
    if !params.is_empty() {
        out.push('?');
        out.push_str(&params.join("&"));
    }
    if let Some(hash) = hash {
        out.push('#');
        out.push_str(hash);
    }
    out
}

/// Height of the iframe for content measured `content_px` tall on screen: room for it plus a
/// margin, rounded up to 50 px, between 480 px (a phone screen) and 2,400 px (longer views scroll
/// inside the frame).
pub fn embed_height(content_px: f64) -> u32 {
    const MIN: u32 = 480;
    const MAX: u32 = 2400;
    if !content_px.is_finite() || content_px <= 0.0 {
        return MIN;
    }
    let with_margin = content_px.ceil() as u32 + 40;
    (with_margin.div_ceil(50) * 50).clamp(MIN, MAX)
}

/// The iframe code: the view's address in embed mode, a title for screen readers, the full
/// width of the host's column, no border, loaded when scrolled near.
pub fn embed_code(src: &str, title: &str, height: u32) -> String {
    format!(
        r#"<iframe src="{}" title="{}" width="100%" height="{height}" style="border:0;max-width:100%" loading="lazy"></iframe>"#,
        attribute(src),
        attribute(title)
    )
}

/// Text safe inside a double-quoted HTML attribute.
fn attribute(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '"' => "&quot;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_drops_embed_mode_and_keeps_the_view() {
        assert_eq!(link("https://example.jp/dash/?embed=1#rd/kpi?ks=missed"), "https://example.jp/dash/#rd/kpi?ks=missed");
        assert_eq!(link("https://example.jp/dash/index.html?a=1&embed=1&b=2#rd/explore?page=2"), "https://example.jp/dash/index.html?a=1&b=2#rd/explore?page=2");
        assert_eq!(link("https://example.jp/dash/"), "https://example.jp/dash/");
    }

    #[test]
    fn the_iframe_opens_the_same_view_in_embed_mode_once() {
        assert_eq!(embed_src("https://example.jp/dash/#rd/heatmap?measure=kpi"), "https://example.jp/dash/?embed=1#rd/heatmap?measure=kpi");
        assert_eq!(embed_src("https://example.jp/dash/?embed=1#rd/kpi"), "https://example.jp/dash/?embed=1#rd/kpi");
        assert_eq!(embed_src("https://example.jp/dash/?lang=ja"), "https://example.jp/dash/?lang=ja&embed=1");
    }

    #[test]
    fn files_are_told_apart_from_web_addresses() {
        assert!(is_local_file("file:///media/usb/reform-dashboard.html#rd/kpi"));
        assert!(is_local_file("FILE:///C:/report.html"));
        assert!(!is_local_file("https://example.jp/dash/"));
        assert!(!is_local_file("fil"));
    }

    #[test]
    fn heights_fit_the_content_within_bounds() {
        assert_eq!(embed_height(1234.2), 1300);
        assert_eq!(embed_height(100.0), 480);
        assert_eq!(embed_height(9000.0), 2400);
        assert_eq!(embed_height(f64::NAN), 480);
    }

    #[test]
    fn the_code_escapes_what_it_quotes() {
        let code = embed_code("https://example.jp/?a=1&embed=1#rd/explore?q=\"x\"", "報告書 <KPI>", 900);
        assert_eq!(
            code,
            r#"<iframe src="https://example.jp/?a=1&amp;embed=1#rd/explore?q=&quot;x&quot;" title="報告書 &lt;KPI&gt;" width="100%" height="900" style="border:0;max-width:100%" loading="lazy"></iframe>"#
        );
    }
}
