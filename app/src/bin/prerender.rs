//! `prerender INDEX.html`: puts the overview, rendered by the app's own components, into the
//! host element of a built index.html, in place of the loading message. The page then shows
//! real figures at first paint, and with JavaScript off; the app replaces the snapshot when it
//! starts. Run by `make dist` after trunk.

use std::process::ExitCode;

/// What index.html holds until something replaces it.
const LOADING: &str = r#"<p class="rd-loading" role="status">読み込み中…</p>"#;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: prerender dist/web/index.html");
        return ExitCode::from(2);
    };
    let html = match std::fs::read_to_string(&path) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("prerender: {path}: {e}; run trunk build first");
            return ExitCode::from(2);
        }
    };
    if !html.contains(LOADING) {
        eprintln!("prerender: {path} has no loading message to replace ({LOADING}); already pre-rendered?");
        return ExitCode::from(1);
    }
    let snapshot = format!(r#"<div class="rd-snapshot" data-rd-snapshot>{}</div>"#, reform_app::shell::start_view_html());
    if let Err(e) = std::fs::write(&path, html.replacen(LOADING, &snapshot, 1)) {
        eprintln!("prerender: {path}: {e}");
        return ExitCode::from(2);
    }
    println!("prerender: overview written into {path} ({} KB)", snapshot.len() / 1024);
    ExitCode::SUCCESS
}
