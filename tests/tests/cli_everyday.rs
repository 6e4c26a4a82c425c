//! Everyday commands and options: init, completions, --quiet, --verbose, --stats.

use postlint_tests::{stderr, stdout, Cli};

fn postlint() -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_postlint"))
}

#[test]
fn init_writes_a_guideline_that_postlint_loads() {
    let directory = tempfile::tempdir().unwrap();
    let root = directory.path();
    let output = postlint().run_in(
        root,
        &["init", "--brand", "Harbor Health", "--brand", "HHA", "--platform", "x", "-p", "mastodon:1000"],
        "",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = std::fs::read_to_string(root.join("postlint.toml")).unwrap();
    assert!(
        text.contains("names = [\"Harbor Health\", \"HHA\"]")
            && text.contains("platforms = [\"x\", \"mastodon:1000\"]"),
        "{text}"
    );
    assert!(text.lines().filter(|line| line.starts_with('#')).count() > 10, "the file is commented");
    // The real parser loads it: `rules` and `check` use it.
    let rules = postlint().run_in(root, &["-v", "check", "--format", "json"], "Hey guys");
    assert_eq!(rules.status.code(), Some(0), "{}", stderr(&rules));
    assert!(stderr(&rules).contains("guideline: "), "{}", stderr(&rules));
    let value: serde_json::Value = serde_json::from_slice(&rules.stdout).unwrap();
    let platforms: Vec<&str> =
        value["results"][0]["platforms"].as_array().unwrap().iter().map(|p| p["platform"].as_str().unwrap()).collect();
    assert_eq!(platforms, ["x", "mastodon"], "the guideline's platforms apply");

    let again = postlint().run_in(root, &["init"], "");
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists; use --force"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(root.join("postlint.toml")).unwrap(), text, "not overwritten");
    let forced = postlint().run_in(root, &["init", "--force"], "");
    assert_eq!(forced.status.code(), Some(0));
    assert!(std::fs::read_to_string(root.join("postlint.toml")).unwrap().contains("# names = "));
    assert_eq!(postlint().run_in(root, &["rules"], "").status.code(), Some(0));
    let bad = postlint().run_in(root, &["init", "--force", "--platform", "myspace"], "");
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "_postlint()"),
        ("zsh", "#compdef postlint"),
        ("fish", "complete -c postlint"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = postlint().run(&["completions", shell], "");
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = stdout(&output);
        assert!(
            script.contains(marker) && script.contains("unsafe-fixes"),
            "{shell}: {}",
            &script[..script.len().min(300)]
        );
    }
}

#[test]
fn quiet_verbose_and_stats() {
    let quiet = postlint().run(&["check", "-q"], "Hey guys");
    assert!(stdout(&quiet).contains("inclusion.gendered-greeting"));
    assert!(!stdout(&quiet).contains("Found 1 problem"), "no summary with -q");
    assert_eq!(stderr(&quiet), "");

    let verbose = postlint().run(&["check", "--verbose"], "Hey guys");
    let notes = stderr(&verbose);
    assert!(notes.contains("postlint: guideline: the built-in default"), "{notes}");
    assert!(notes.contains("postlint: checked 1 draft in "), "{notes}");

    let stats = postlint()
        .run(&["check", "--stats", "--platform", "x", "--format", "json"], &format!("Hey guys {}", "a".repeat(300)));
    serde_json::from_slice::<serde_json::Value>(&stats.stdout).expect("stdout stays JSON");
    let totals = stderr(&stats);
    assert!(
        totals.starts_with("Summary\n  posts checked                1\n  posts with errors            1\n"),
        "{totals}"
    );
    assert!(
        totals.contains("    inclusion                  1\n") && totals.contains("    length                     1\n"),
        "{totals}"
    );
    assert!(
        totals.contains("  by platform              posts  too long\n    x                          1         1\n"),
        "{totals}"
    );
    assert_eq!(postlint().run(&["check", "-q", "-v"], "hi").status.code(), Some(2), "-q and -v conflict");
}
