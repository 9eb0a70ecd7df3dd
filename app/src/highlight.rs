//! Text with the search matches marked.

use leptos::prelude::*;
use reform::query::search::Query;

pub fn highlighted(text: &str, query: &Query) -> AnyView {
    if query.is_empty() {
        return text.to_string().into_any();
    }
    query
        .highlight(text)
        .into_iter()
        .map(|(piece, hit)| {
            let piece = piece.to_string();
            if hit { view! { <mark class="rd-mark">{piece}</mark> }.into_any() } else { piece.into_any() }
        })
        .collect_view()
        .into_any()
}
