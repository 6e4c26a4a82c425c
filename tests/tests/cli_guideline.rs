//! Guideline files through the CLI: discovery, and one test per kind of mistake.

use std::path::Path;

use postlint_tests::{stderr, stdout, Cli};

fn postlint() -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_postlint"))
}

fn write(directory: &Path, name: &str, text: &str) {
    std::fs::write(directory.join(name), text).unwrap();
}

/// Runs `check` with `postlint.toml` holding `guideline` and returns (exit code, stderr).
fn with_guideline(guideline: &str) -> (Option<i32>, String) {
    let directory = tempfile::tempdir().unwrap();
    write(directory.path(), "postlint.toml", guideline);
    let output = postlint().run_in(directory.path(), &["check"], "hello");
    (output.status.code(), stderr(&output))
}

#[track_caller]
fn assert_error(guideline: &str, expected_start: &str) {
    let (code, message) = with_guideline(guideline);
    assert_eq!(code, Some(2), "{message}");
    let message = message.trim().trim_start_matches("postlint: error: ");
    assert!(message.starts_with(expected_start), "expected `{expected_start}…`, got `{message}`");
}

#[test]
fn unknown_key_with_did_you_mean() {
    assert_error(
        "[hashtags]\nmax = 3\ncamelcase = true\n",
        "postlint.toml:3:1: key `hashtags.camelcase`: unknown field `camelcase`",
    );
    let (_, message) = with_guideline("platfroms = [\"x\"]\n");
    assert!(message.contains("did you mean `platforms`?"), "{message}");
}

#[test]
fn wrong_type() {
    assert_error("platforms = \"x\"\n", "postlint.toml:1:13: key `platforms`");
    assert_error("[hashtags]\ncamel_case = \"yes\"\n", "postlint.toml:2:14: key `hashtags.camel_case`: invalid type");
}

#[test]
fn bad_toml_syntax() {
    assert_error("[brand\nnames = []\n", "postlint.toml:1:");
}

#[test]
fn bad_regex_names_the_rule() {
    assert_error(
        "[[rules]]\nid = \"acme.dates\"\ncategory = \"style\"\nmessage = \"m\"\npattern = \"[0-9\"\n",
        "postlint.toml:5:11: key `rules[0].pattern`: bad regular expression in rule `acme.dates`",
    );
}

#[test]
fn unknown_category() {
    assert_error(
        "[[rules]]\nid = \"acme.x\"\ncategory = \"branding-ish\"\nmessage = \"m\"\nterms = [\"x\"]\n",
        "postlint.toml:3:12: key `rules[0].category`: unknown category `branding-ish` in rule `acme.x`",
    );
}

#[test]
fn unknown_severity() {
    assert_error(
        "[[rules]]\nid = \"acme.x\"\ncategory = \"style\"\nseverity = \"fatal\"\nmessage = \"m\"\nterms = [\"x\"]\n",
        "postlint.toml:4:12: key `rules[0].severity`: unknown severity `fatal`",
    );
    assert_error(
        "[severity]\n\"style\" = \"loud\"\n",
        "postlint.toml:2:11: key `severity.\"style\"`: unknown severity `loud`",
    );
}

#[test]
fn unknown_pack() {
    assert_error(
        "extends = [\"defualt\"]\n",
        "postlint.toml:1:12: key `extends[0]`: unknown pack `defualt`; did you mean `default`?",
    );
}

#[test]
fn unknown_rule_id() {
    assert_error(
        "[severity]\n\"inclusion.gendered-greetings\" = \"off\"\n",
        "postlint.toml:2:1: key `severity.\"inclusion.gendered-greetings\"`: unknown rule or pack `inclusion.gendered-greetings`; did you mean `inclusion.gendered-greeting`?",
    );
}

#[test]
fn unknown_platform() {
    assert_error(
        "platforms = [\"x\", \"facebok\"]\n",
        "postlint.toml:1:19: key `platforms[1]`: unknown platform `facebok` (did you mean `facebook`?)",
    );
    assert_error(
        "[hashtags]\nmax = { x = 2, instagrm = 5 }\n",
        "postlint.toml:2:16: key `hashtags.max.instagrm`: unknown platform",
    );
}

#[test]
fn guideline_that_extends_itself() {
    let directory = tempfile::tempdir().unwrap();
    write(directory.path(), "postlint.toml", "extends = [\"base.toml\"]\n");
    write(directory.path(), "base.toml", "extends = [\"./postlint.toml\"]\n");
    let output = postlint().run_in(directory.path(), &["check"], "hello");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("extends itself: postlint.toml → base.toml → postlint.toml"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn missing_extended_file() {
    assert_error(
        "extends = [\"team/nope.toml\"]\n",
        "postlint.toml:1:12: key `extends[0]`: cannot read `team/nope.toml`",
    );
}

#[test]
fn discovery_finds_the_nearest_file_upwards() {
    let directory = tempfile::tempdir().unwrap();
    let root = directory.path();
    std::fs::create_dir_all(root.join("campaign/week1")).unwrap();
    write(root, "postlint.toml", "[severity]\n\"inclusion\" = \"error\"\n");
    let nested = root.join("campaign/week1");
    assert_eq!(postlint().run_in(&nested, &["check"], "Hey guys").status.code(), Some(1), "found two levels up");
    assert_eq!(
        postlint().run_in(&nested, &["check", "--isolated"], "Hey guys").status.code(),
        Some(0),
        "--isolated skips it"
    );
    write(&nested, ".postlint.toml", "[severity]\n\"inclusion\" = \"off\"\n");
    assert!(
        stdout(&postlint().run_in(&nested, &["check"], "Hey guys")).contains("No problems"),
        "the nearest file wins"
    );
    write(root, "other.toml", "[severity]\n\"inclusion\" = \"error\"\n");
    let explicit = postlint().run_in(&nested, &["check", "--config", "../../other.toml"], "Hey guys");
    assert_eq!(explicit.status.code(), Some(1), "--config wins");
}

#[test]
fn extends_a_shared_file_and_overrides_it() {
    let directory = tempfile::tempdir().unwrap();
    let root = directory.path();
    std::fs::create_dir_all(root.join("shared")).unwrap();
    write(
        root,
        "shared/base.toml",
        "[[rules]]\nid = \"acme.cheap\"\ncategory = \"branding\"\nseverity = \"error\"\nmessage = \"Say affordable\"\nterms = [\"cheap\"]\nsuggest = [\"affordable\"]\n",
    );
    write(
        root,
        "postlint.toml",
        "extends = [\"default\", \"shared/base.toml\"]\n[allow]\nterms = [\"Cheap Street\"]\n",
    );
    assert_eq!(postlint().run_in(root, &["check"], "Cheap flights").status.code(), Some(1));
    assert_eq!(postlint().run_in(root, &["check"], "Meet us on Cheap Street").status.code(), Some(0));
}
