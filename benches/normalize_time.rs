//! `make bench` part: normalize time of the real report and of the report repeated 100 times.
//! Medians over several in-process runs; prints Markdown table rows.

use std::time::{Duration, Instant};

use reform::model::KpiOrigin;
use reform::normalize::{normalize, overrides, Input};

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
    println!("| normalize, real file (7,550 lines), with overrides | {:.1} ms | < 20 ms | median of 15 |", ms(one));
    println!("| normalize, real file, no overrides | {:.1} ms | | median of 15 |", ms(one_plain));
    println!("| normalize, file ×10 | {:.1} ms | | median of 7 |", ms(t10));
    println!("| normalize, file ×100 (755,000 lines) | {:.1} ms | < 2,000 ms | median of 5; ×100 / ×1 = {:.0} (linear = 100) |", ms(t100), ms(t100) / ms(one_plain));
    // How much of the data needs the reviewed overrides: the share of KPI points the parser reads alone.
    let report = normalize(SOURCE, &with).expect("normalizes").report;
    let points: Vec<_> = report.kpis.iter().flat_map(|k| k.series.iter()).collect();
    let parsed = points.iter().filter(|p| p.origin == KpiOrigin::Extracted).count();
    let typed: usize = o.kpis.iter().map(|k| k.points.len()).sum();
    let share = |n: usize| n as f64 / points.len() as f64 * 100.0;
    println!(
        "| KPI points from the parser alone | {parsed} of {} ({:.0}%) | | no override involved; the others need a judgement call in overrides.json |",
        points.len(),
        share(parsed)
    );
    println!(
        "| KPI points whose figure the parser reads | {} of {} ({:.0}%) | | all but the {typed} figures printed inside sentences, which overrides.json names by their words |",
        points.len() - typed,
        points.len(),
        share(points.len() - typed)
    );
}
