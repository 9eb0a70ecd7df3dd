//! `make bench` part: normalize time of the real report and of the report repeated 100 times.
//! Medians over several in-process runs; prints Markdown table rows.

use std::time::{Duration, Instant};

use reform::normalize::overrides::OutcomeState;
use reform::normalize::{normalize, overrides, parser_alone, Input};

const SOURCE: &str = include_str!("../data/source/000_7008800fb5738cea.txt");
const OVERRIDES: &str = include_str!("../data/overrides.json");

fn median(mut d: Vec<Duration>) -> Duration {
    d.sort();
    d[d.len() / 2]
}

fn time(text: &str, runs: usize, input: &Input) -> Duration {
    let _ = normalize(text, input).expect("normalizes"); // warm-up
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                let out = normalize(text, input).expect("normalizes");
                std::hint::black_box(out);
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let o = overrides::parse(OVERRIDES).expect("overrides");
    let with = Input { source_name: "x", overrides: Some(("overrides.json", &o)) };
    let without = Input { source_name: "x", overrides: None };
    let one = time(SOURCE, 15, &with);
    let ten = SOURCE.repeat(10);
    let hundred = SOURCE.repeat(100);
    // The repeated files run without overrides, to time the parser alone.
    let one_plain = time(SOURCE, 15, &without);
    let t10 = time(&ten, 7, &without);
    let t100 = time(&hundred, 5, &without);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("| normalize, real file (7,550 lines), with overrides | {:.1} ms | < 20 ms | {} | median of 15 |", ms(one), met(ms(one) < 20.0));
    println!("| normalize, real file, no overrides | {:.1} ms | | | median of 15 |", ms(one_plain));
    println!("| normalize, file ×10 | {:.1} ms | | | median of 7 |", ms(t10));
    println!(
        "| normalize, file ×100 (755,000 lines) | {:.1} ms | < 2,000 ms | {} | median of 5; ×100 / ×1 = {:.0} (linear = 100) |",
        ms(t100),
        met(ms(t100) < 2000.0),
        ms(t100) / ms(one_plain)
    );
    // How much of the data needs the reviewed overrides: the share of KPI figures the parser reads
    // alone, on this year's report and on the two next editions made from it (tests/fixtures).
    let editions = [
        ("this year's report", SOURCE),
        ("next edition fixture r6", include_str!("../tests/fixtures/edition-r6.txt")),
        ("next edition fixture r7", include_str!("../tests/fixtures/edition-r7.txt")),
    ];
    for (name, text) in editions {
        let out = normalize(text, &with).expect("normalizes");
        let (alone, total) = parser_alone(&out.report);
        let stale = out.overrides.iter().filter(|o| o.state == OutcomeState::Stale).count();
        let adapted = out.overrides.iter().filter(|o| o.state == OutcomeState::Adapted).count();
        println!(
            "| KPI figures from the parser alone, {name} | {alone} of {total} ({:.1}%) | ≥ 85% | {} | no override placed, cited or merged them; overrides: {adapted} adapted, {stale} stale of {} |",
            alone as f64 / total as f64 * 100.0,
            met(alone * 100 >= total * 85),
            out.overrides.len()
        );
    }
}

/// The table's "goal met" cell: a missed goal stands out.
fn met(yes: bool) -> &'static str {
    if yes {
        "yes"
    } else {
        "**missed**"
    }
}
