//! Inputs shared by the criterion benchmarks (`benches/benches/`) and the
//! throughput report (`cargo run --release -p postlint-benches --bin report`).

use std::path::{Path, PathBuf};

use postlint_core::PlatformTarget;

/// A typical post: about 200 characters, a URL, two hashtags, an emoji.
pub const TYPICAL_POST: &str =
    "Our mobile clinic reached 12 villages this week 🎉 Thank you to every volunteer and donor \
who made it possible. Read the full story: https://example.org/stories/mobile-clinic #GlobalHealth #Kenya";

/// Every platform, as a checking target.
pub fn every_platform() -> Vec<PlatformTarget> {
    postlint_core::Platform::ALL.into_iter().map(PlatformTarget::from).collect()
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("benches/ has a parent").to_path_buf()
}

/// A Markdown article of about `size` bytes, assembled from the repository's
/// own labelled drafts (headings, lists, links, code, emoji, several languages).
pub fn markdown_article(size: usize) -> String {
    let labelled = workspace_root().join("tests/labelled/general.toml");
    let text = std::fs::read_to_string(labelled).unwrap_or_default();
    let mut paragraphs: Vec<String> = text
        .split("text = ")
        .skip(1)
        .filter_map(|chunk| {
            let quote = if chunk.starts_with("'''") { "'''" } else { "\"" };
            let body = chunk.strip_prefix(quote)?;
            Some(body[..body.find(quote)?].to_owned())
        })
        .collect();
    if paragraphs.is_empty() {
        paragraphs.push(TYPICAL_POST.to_owned());
    }
    let mut article = String::from("# Field notes\n\n");
    let mut index = 0;
    while article.len() < size {
        let paragraph = &paragraphs[index % paragraphs.len()];
        match index % 7 {
            0 => article.push_str(&format!("## Update {index}\n\n")),
            3 => article
                .push_str("- a list item with `inline code` and a [link](https://example.org/a)\n- another item\n\n"),
            5 => article.push_str("```\nlet chairman = \"code is skipped\";\n```\n\n"),
            _ => {}
        }
        article.push_str(paragraph);
        article.push_str("\n\n");
        index += 1;
    }
    article.truncate(article.floor_char_boundary(size));
    article
}

/// Real posts from `../shared/corpus/posts.jsonl` when it is there, else a
/// generated corpus of the same shape. Returns the texts and where they came from.
pub fn corpus(limit: usize) -> (Vec<String>, String) {
    let path = workspace_root().join("../shared/corpus/posts.jsonl");
    if let Ok(text) = std::fs::read_to_string(&path) {
        let posts: Vec<String> = text
            .lines()
            .take(limit)
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter_map(|value| value["text"].as_str().map(str::to_owned))
            .collect();
        if !posts.is_empty() {
            return (posts, format!("{} real posts from ../shared/corpus/posts.jsonl", posts_count(limit, &path)));
        }
    }
    // As many as the real corpus holds when there is no limit.
    let count = limit.min(GENERATED_POSTS);
    (generated_corpus(count), format!("{count} generated posts (../shared/corpus not found)"))
}

/// Size of the generated corpus when no smaller limit is asked for: that of the real one.
const GENERATED_POSTS: usize = 90_000;

fn posts_count(limit: usize, path: &Path) -> usize {
    std::fs::read_to_string(path).map(|text| text.lines().count().min(limit)).unwrap_or(0)
}

/// Posts of mixed scripts with emoji, URLs, mentions and hashtags, deterministic.
pub fn generated_corpus(count: usize) -> Vec<String> {
    let pieces = [
        "Thank you to our volunteers",
        "Hey guys, the clinic opens Monday",
        "Nuestro equipo llegó a 12 comunidades",
        "Merci à toutes les bénévoles",
        "我们的诊所今天开放",
        "شكرا لكل المتطوعين",
        "@user see https://example.org/report",
        "#WorldHealthDay #GlobalHealth",
        "🎉👏🏽🇰🇪",
        "The chairman said the programme helped mankind!!!",
    ];
    let mut seed: u64 = 0x2545F4914F6CDD1D;
    (0..count)
        .map(|_| {
            let mut post = String::new();
            let parts = 2 + (seed % 4) as usize;
            for _ in 0..parts {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                post.push_str(pieces[(seed % pieces.len() as u64) as usize]);
                post.push(' ');
            }
            post
        })
        .collect()
}
