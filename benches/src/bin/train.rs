//! The workload a profile-guided build learns from (`benches/pgo.sh`): the
//! repository's labelled drafts, generated posts, the typical post and the
//! Markdown article, checked with every platform, and the checker builds.
//!
//! It never reads `../shared`: the batch the report measures is not the data
//! the build was trained on. `train FILE` also writes the same drafts and
//! posts to FILE as JSON lines, for training the CLI's batch path.

use std::hint::black_box;

use postlint_benches::{every_platform, generated_corpus, markdown_article, workspace_root, TYPICAL_POST};
use postlint_core::{Checker, Draft, Format, Guideline};

/// The drafts of `tests/labelled/*.toml`: each `text = '''…'''` value.
fn labelled_drafts() -> Vec<String> {
    let mut drafts = Vec::new();
    let folder = workspace_root().join("tests/labelled");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .map(|entries| entries.filter_map(|entry| entry.ok().map(|entry| entry.path())).collect())
        .unwrap_or_default();
    files.sort();
    for file in files.iter().filter(|file| file.extension().is_some_and(|extension| extension == "toml")) {
        let Ok(text) = std::fs::read_to_string(file) else { continue };
        let mut rest = text.as_str();
        while let Some(start) = rest.find("text = '''") {
            rest = &rest[start + "text = '''".len()..];
            let Some(end) = rest.find("'''") else { break };
            drafts.push(rest[..end].to_owned());
            rest = &rest[end..];
        }
    }
    drafts
}

fn main() {
    let platforms = every_platform();
    let checker = Checker::default_guideline();
    let drafts = labelled_drafts();
    let generated = generated_corpus(20_000);
    let article = markdown_article(10_000);
    let check = |text: &str, format: Format| {
        black_box(checker.check(&Draft { text, format, platforms: &platforms }));
    };
    for _ in 0..20 {
        for draft in &drafts {
            check(draft, Format::Text);
            check(draft, Format::Markdown);
        }
        check(TYPICAL_POST, Format::Text);
        check(&article, Format::Markdown);
    }
    for post in &generated {
        check(post, Format::Text);
    }
    for _ in 0..20 {
        black_box(Checker::new(&Guideline::default()).ok());
    }
    if let Some(path) = std::env::args().nth(1) {
        let lines: String = drafts
            .iter()
            .chain(&generated)
            .enumerate()
            .map(|(index, text)| serde_json::json!({ "id": index, "text": text }).to_string() + "\n")
            .collect();
        if let Err(error) = std::fs::write(&path, lines) {
            eprintln!("cannot write {path}: {error}");
            std::process::exit(1);
        }
    }
    eprintln!(
        "trained on {} labelled drafts, {} generated posts, the typical post and the article",
        drafts.len(),
        generated.len()
    );
}
