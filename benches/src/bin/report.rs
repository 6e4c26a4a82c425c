//! Prints postlint's throughput and its ratios to the targets and to the
//! floor (one Aho-Corasick pass with every literal term), on one core. The
//! floor is timed twice: with the automaton aho-corasick builds by default
//! for this many terms (an NFA) and with its DFA, which is faster and is
//! what the checker itself searches with in a batch.
//!
//! Run: `cargo run --release -p postlint-benches --bin report` (`-- --batch`: the
//! batch alone, for comparing two builds)

use std::hint::black_box;
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind};
use postlint_benches::{corpus, every_platform, markdown_article, TYPICAL_POST};
use postlint_core::{Checker, Draft, Format, Guideline, PlatformTarget};

/// Runs `work` repeatedly for about `budget` and returns the time per run.
fn time_per_run(budget: Duration, mut work: impl FnMut()) -> Duration {
    let mut runs = 0u32;
    let started = Instant::now();
    while started.elapsed() < budget || runs < 3 {
        work();
        runs += 1;
    }
    started.elapsed() / runs
}

fn megabytes_per_second(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64()
}

fn main() {
    let platforms = every_platform();
    // `--cases`: only the typical post and the 10 KB article, as JSON, for
    // comparing with the WebAssembly module (benches/wasm-vs-native.sh).
    if std::env::args().any(|arg| arg == "--cases") {
        let checker = Checker::default_guideline();
        let article = markdown_article(10_000);
        let post = time_per_run(Duration::from_secs(2), || {
            black_box(checker.check(&Draft { text: TYPICAL_POST, format: Format::Text, platforms: &platforms }));
        });
        let markdown = time_per_run(Duration::from_secs(2), || {
            black_box(checker.check(&Draft { text: &article, format: Format::Markdown, platforms: &platforms }));
        });
        println!(
            "{{\"typical_post_us\": {:.2}, \"article_10kb_us\": {:.2}}}",
            post.as_secs_f64() * 1e6,
            markdown.as_secs_f64() * 1e6
        );
        return;
    }
    // `--batch`: only the batch, five rounds, fastest kept: a quick A/B
    // comparison of two builds, run in alternation.
    if std::env::args().any(|arg| arg == "--batch") {
        let checker = Checker::default_guideline();
        let (posts, _) = corpus(usize::MAX);
        let bytes: usize = posts.iter().map(String::len).sum();
        let mut batch = Duration::MAX;
        for _ in 0..5 {
            batch = batch.min(time_per_run(Duration::from_secs(1), || {
                for post in &posts {
                    black_box(checker.check(&Draft { text: post, format: Format::Text, platforms: &platforms }));
                }
            }));
        }
        println!("batch {:.2} MB/s", megabytes_per_second(bytes, batch));
        return;
    }
    let started = Instant::now();
    let checker = Checker::default_guideline();
    let build_cold = started.elapsed();
    let build = time_per_run(Duration::from_secs(2), || {
        black_box(Checker::new(&Guideline::default()).ok());
    });
    let custom: String =
        (0..2000).map(|index| format!("\"term{index} word{}\"", index % 97)).collect::<Vec<_>>().join(", ");
    let custom_toml = format!(
        "[[rules]]\nid = \"acme.terms\"\ncategory = \"branding\"\nmessage = \"Avoid {{match}}\"\nterms = [{custom}]\n"
    );
    let custom_guideline = Guideline::from_toml("custom.toml", &custom_toml).expect("custom guideline");
    let build_custom = time_per_run(Duration::from_secs(2), || {
        black_box(Checker::new(&custom_guideline).ok());
    });

    // The two typical-post cases are compared with each other, so they are
    // timed in alternation and each keeps its fastest round: a noisy
    // neighbour slowing one stretch of the run does not skew the ratio.
    let typical = |platforms: &[PlatformTarget]| {
        time_per_run(Duration::from_millis(200), || {
            black_box(checker.check(&Draft { text: TYPICAL_POST, format: Format::Text, platforms }));
        })
    };
    let (mut post_all, mut post_none) = (Duration::MAX, Duration::MAX);
    for _ in 0..10 {
        post_all = post_all.min(typical(&platforms));
        post_none = post_none.min(typical(&[]));
    }
    let entities = postlint_core::entities::find(TYPICAL_POST);
    // With the plan a checker works out once for its platforms, as a check counts.
    let plan = postlint_core::metrics::PlatformPlan::new(&platforms);
    let counting = time_per_run(Duration::from_secs(1), || {
        black_box(plan.measure(TYPICAL_POST, &entities));
    });

    let article = markdown_article(10_000);
    let article_time = time_per_run(Duration::from_secs(2), || {
        black_box(checker.check(&Draft { text: &article, format: Format::Markdown, platforms: &platforms }));
    });

    let (posts, origin) = corpus(usize::MAX);
    let bytes: usize = posts.iter().map(String::len).sum();
    let floor_automaton = |kind: Option<AhoCorasickKind>| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .kind(kind)
            .build(checker.literal_terms())
            .expect("floor automaton")
    };
    let (default_automaton, dfa_automaton) = (floor_automaton(None), floor_automaton(Some(AhoCorasickKind::DFA)));
    let floor_pass = |automaton: &AhoCorasick| {
        time_per_run(Duration::from_secs(1), || {
            for post in &posts {
                black_box(automaton.find_overlapping_iter(post.as_str()).count());
            }
        })
    };
    // The batch is compared with the floors, so the three are timed in
    // alternation, like the typical-post cases, and each keeps its fastest
    // round: the machine's speed drifts by tens of percent over a minute.
    let (mut batch, mut floor, mut floor_dfa) = (Duration::MAX, Duration::MAX, Duration::MAX);
    for _ in 0..3 {
        batch = batch.min(time_per_run(Duration::from_secs(1), || {
            for post in &posts {
                black_box(checker.check(&Draft { text: post, format: Format::Text, platforms: &platforms }));
            }
        }));
        floor = floor.min(floor_pass(&default_automaton));
        floor_dfa = floor_dfa.min(floor_pass(&dfa_automaton));
    }
    // Where the batch's time goes: each post checked twice in a row, the two
    // checks timed apart. The second finds the branch predictors trained on
    // this post's text and its data in the caches; the difference is what
    // checking each post once, as a batch does, pays for meeting it cold.
    let (mut first_checks, mut second_checks) = (Duration::MAX, Duration::MAX);
    for _ in 0..2 {
        let (mut first, mut second) = (Duration::ZERO, Duration::ZERO);
        for post in &posts {
            let draft = Draft { text: post, format: Format::Text, platforms: &platforms };
            let started = Instant::now();
            black_box(checker.check(&draft));
            let between = Instant::now();
            black_box(checker.check(&draft));
            first += between - started;
            second += between.elapsed();
        }
        first_checks = first_checks.min(first);
        second_checks = second_checks.min(second);
    }

    println!("postlint throughput report (release build, one core)\n");
    println!("corpus: {origin}, {:.1} MB of text", bytes as f64 / 1e6);
    println!("rules: {}, literal terms: {}\n", checker.rules().count(), checker.literal_terms().len());
    println!("| measure | result | target |");
    println!("| --- | --- | --- |");
    let batch_rate = megabytes_per_second(bytes, batch);
    let floor_rate = megabytes_per_second(bytes, floor);
    let floor_dfa_rate = megabytes_per_second(bytes, floor_dfa);
    println!(
        "| batch, every pack and platform | {batch_rate:.1} MB/s, {:.0} posts/s | ≥ 50 MB/s |",
        posts.len() as f64 / batch.as_secs_f64()
    );
    println!(
        "| floor: one Aho-Corasick pass, every literal term (default automaton, an NFA) | {floor_rate:.1} MB/s | |"
    );
    println!(
        "| floor with aho-corasick's DFA (the kind of automaton the checker searches with in a batch) | {floor_dfa_rate:.1} MB/s | |"
    );
    println!(
        "| ratio to the floor: default automaton, DFA | {:.2}, {:.2} | ≥ 0.2 |",
        batch_rate / floor_rate,
        batch_rate / floor_dfa_rate
    );
    println!(
        "| batch, each post checked twice in a row: first check, second check | {:.1} MB/s, {:.1} MB/s | |",
        megabytes_per_second(bytes, first_checks),
        megabytes_per_second(bytes, second_checks)
    );
    println!("| typical post, every platform | {:.1} µs | ≤ 10 µs |", post_all.as_secs_f64() * 1e6);
    println!(
        "| typical post, no platform | {:.1} µs (every platform adds {:.0}%, its findings included; the target is on counting, below) | |",
        post_none.as_secs_f64() * 1e6,
        (post_all.as_secs_f64() / post_none.as_secs_f64() - 1.0) * 100.0
    );
    println!(
        "| counting the typical post for every platform | {:.2} µs ({:.0}% of a check) | < 20% |",
        counting.as_secs_f64() * 1e6,
        counting.as_secs_f64() / post_none.as_secs_f64() * 100.0
    );
    println!(
        "| 10 KB Markdown article | {:.0} µs ({:.1} MB/s) | |",
        article_time.as_secs_f64() * 1e6,
        megabytes_per_second(article.len(), article_time)
    );
    println!(
        "| build the default checker | {:.2} ms (first: {:.2} ms) | ≤ 5 ms |",
        build.as_secs_f64() * 1e3,
        build_cold.as_secs_f64() * 1e3
    );
    println!("| build with 2,000 custom terms | {:.2} ms | ≤ 50 ms |", build_custom.as_secs_f64() * 1e3);

    println!("\ncost against input size (one draft of that size, every platform)\n");
    println!("| size | plain text | Markdown |");
    println!("| --- | --- | --- |");
    let joined: String = posts.join("\n");
    for size in [1_000usize, 10_000, 100_000, 1_000_000, 10_000_000] {
        let mut text = String::with_capacity(size);
        while text.len() < size {
            text.push_str(&joined[..joined.floor_char_boundary((size - text.len()).min(joined.len()))]);
            text.push('\n');
        }
        let markdown = markdown_article(size);
        let budget = Duration::from_millis(if size >= 1_000_000 { 4000 } else { 1500 });
        let plain_time = time_per_run(budget, || {
            black_box(checker.check(&Draft { text: &text, format: Format::Text, platforms: &platforms }));
        });
        let markdown_time = time_per_run(budget, || {
            black_box(checker.check(&Draft { text: &markdown, format: Format::Markdown, platforms: &platforms }));
        });
        println!(
            "| {} | {:.2} ms ({:.1} MB/s) | {:.2} ms ({:.1} MB/s) |",
            human(size),
            plain_time.as_secs_f64() * 1e3,
            megabytes_per_second(text.len(), plain_time),
            markdown_time.as_secs_f64() * 1e3,
            megabytes_per_second(markdown.len(), markdown_time)
        );
    }
}

fn human(size: usize) -> String {
    match size {
        s if s >= 1_000_000 => format!("{} MB", s / 1_000_000),
        s => format!("{} KB", s / 1_000),
    }
}
