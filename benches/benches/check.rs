//! Criterion benchmarks of postlint's core. `cargo bench -p postlint-benches`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use postlint_benches::{corpus, every_platform, markdown_article, TYPICAL_POST};
use postlint_core::{Checker, Draft, Format, Guideline};
use std::hint::black_box;

fn typical_post(c: &mut Criterion) {
    let checker = Checker::default_guideline();
    let platforms = every_platform();
    let mut group = c.benchmark_group("typical-post");
    group.throughput(Throughput::Bytes(TYPICAL_POST.len() as u64));
    group.bench_function("check, every platform", |b| {
        b.iter(|| checker.check(&Draft { text: black_box(TYPICAL_POST), format: Format::Text, platforms: &platforms }))
    });
    group.bench_function("check, no platform", |b| {
        b.iter(|| checker.check(&Draft { text: black_box(TYPICAL_POST), format: Format::Text, platforms: &[] }))
    });
    // The counting itself, entities already found and the platforms planned
    // (as `check` has them): compare with "check, no platform" for what
    // counting adds to a check.
    let entities = postlint_core::entities::find(TYPICAL_POST);
    let plan = postlint_core::metrics::PlatformPlan::new(&platforms);
    group.bench_function("platform counts, every platform", |b| {
        b.iter(|| plan.measure(black_box(TYPICAL_POST), &entities))
    });
    group.bench_function("count only, every platform", |b| {
        b.iter(|| {
            postlint_core::measure(&Draft {
                text: black_box(TYPICAL_POST),
                format: Format::Text,
                platforms: &platforms,
            })
        })
    });
    group.finish();
}

fn markdown(c: &mut Criterion) {
    let checker = Checker::default_guideline();
    let platforms = every_platform();
    let article = markdown_article(10_000);
    let mut group = c.benchmark_group("markdown-article");
    group.throughput(Throughput::Bytes(article.len() as u64));
    group.bench_function("10 KB", |b| {
        b.iter(|| checker.check(&Draft { text: black_box(&article), format: Format::Markdown, platforms: &platforms }))
    });
    group.finish();
}

fn batch(c: &mut Criterion) {
    let checker = Checker::default_guideline();
    let platforms = every_platform();
    let (posts, _) = corpus(5_000);
    let bytes: usize = posts.iter().map(String::len).sum();
    let floor = |kind: Option<aho_corasick::AhoCorasickKind>| {
        aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .kind(kind)
            .build(checker.literal_terms())
            .expect("floor automaton")
    };
    // The default automaton for this many terms is an NFA; the DFA is the
    // faster floor, and the kind of automaton the checker searches with in a batch.
    let (floor, floor_dfa) = (floor(None), floor(Some(aho_corasick::AhoCorasickKind::DFA)));
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("check 5,000 posts", |b| {
        b.iter(|| {
            for post in &posts {
                black_box(checker.check(&Draft { text: post, format: Format::Text, platforms: &platforms }));
            }
        })
    });
    for (name, automaton) in
        [("floor: one Aho-Corasick pass", &floor), ("floor: one Aho-Corasick DFA pass", &floor_dfa)]
    {
        group.bench_function(name, |b| {
            b.iter(|| {
                for post in &posts {
                    black_box(automaton.find_overlapping_iter(post.as_str()).count());
                }
            })
        });
    }
    group.finish();
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build-checker");
    group.bench_function("default guideline", |b| b.iter(|| Checker::new(&Guideline::default())));
    let terms: Vec<String> = (0..2000).map(|index| format!("\"term{index} word{}\"", index % 97)).collect();
    let toml = format!(
        "[[rules]]\nid = \"acme.terms\"\ncategory = \"branding\"\nmessage = \"Avoid {{match}}\"\nterms = [{}]\n",
        terms.join(", ")
    );
    group.bench_function("2,000 custom terms", |b| {
        b.iter_batched(
            || Guideline::from_toml("custom.toml", &toml).expect("guideline"),
            |guideline| Checker::new(&guideline),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, typical_post, markdown, batch, build);
criterion_main!(benches);
