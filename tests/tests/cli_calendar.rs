//! `--input-format csv`: content calendars.

use postlint_tests::{stderr, stdout, workspace_root, Cli};
use serde_json::Value;

fn postlint() -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_postlint"))
}

fn parse_results(output: &std::process::Output) -> Vec<Value> {
    stdout(output).lines().map(|line| serde_json::from_str(line).unwrap()).collect()
}

#[test]
fn the_sample_calendar_is_checked_row_by_row() {
    let examples = workspace_root().join("docs/examples");
    let output =
        postlint().run_in(&examples, &["check", "--input-format", "csv", "--format", "jsonl", "calendar.csv"], "");
    assert_eq!(output.status.code(), Some(2), "the MySpace row is an error: {}", stderr(&output));
    let results = parse_results(&output);
    let sources: Vec<&str> = results.iter().map(|r| r["source"].as_str().unwrap()).collect();
    assert_eq!(sources, ["calendar.csv:2", "calendar.csv:3", "calendar.csv:4", "calendar.csv:5", "calendar.csv:6"]);
    assert_eq!(results[0]["id"], "spring-01");
    assert_eq!(results[0]["date"], "2025-04-01 09:00");
    assert_eq!(results[0]["platforms"][0]["platform"], "x", "Twitter is X");
    let platforms: Vec<&str> =
        results[1]["platforms"].as_array().unwrap().iter().map(|p| p["platform"].as_str().unwrap()).collect();
    assert_eq!(platforms, ["linkedin", "facebook"], "`LinkedIn Page;Facebook` names two platforms");
    assert!(results[2]["diagnostics"].as_array().unwrap().iter().any(|d| d["rule"] == "privacy.email-address"));
    assert!(results[4]["error"].as_str().unwrap().starts_with("column `Network`: unknown platform `MySpace`"));
    // The totals go to standard error, so standard output stays JSON Lines.
    let summary = stderr(&output);
    assert!(summary.contains("posts checked                4"), "{summary}");
    assert!(summary.contains("could not be checked         1"), "{summary}");
    assert!(summary.contains("privacy                    2"), "{summary}");
    assert!(summary.contains("instagram                  1"), "{summary}");
}

#[test]
fn one_column_per_platform_and_explicit_columns() {
    let calendar = "Day;X;LinkedIn;Notes\nMonday;Hey guys;;internal\nTuesday;;Our chairman spoke;\n";
    let output = postlint().run(&["check", "--input-format", "csv", "--format", "jsonl", "-q"], calendar);
    let results = parse_results(&output);
    let sources: Vec<&str> = results.iter().map(|r| r["source"].as_str().unwrap()).collect();
    assert_eq!(sources, ["-:2[X]", "-:3[LinkedIn]"]);
    assert_eq!(results[1]["platforms"][0]["platform"], "linkedin");
    assert_eq!(stderr(&output), "", "-q prints no summary");

    let custom = "When,Body copy,Where\nmon,Hey guys,Bluesky\n";
    let output = postlint().run(
        &[
            "check",
            "--input-format",
            "csv",
            "--format",
            "jsonl",
            "--text-column",
            "body copy",
            "--platform-column",
            "WHERE",
            "--date-column",
            "when",
        ],
        custom,
    );
    let found = parse_results(&output);
    assert_eq!(found[0]["diagnostics"][0]["rule"], "inclusion.gendered-greeting");
    assert_eq!(found[0]["platforms"][0]["platform"], "bluesky");
    assert_eq!(found[0]["date"], "mon");
}

#[test]
fn malformed_rows_get_their_own_error_and_the_rest_still_run() {
    let directory = tempfile::tempdir().unwrap();
    std::fs::write(directory.path().join("short.csv"), "ID,Message\n1,fine\n2\n3,Our chairman\n").unwrap();
    std::fs::write(directory.path().join("notes.csv"), "Date,Notes\n1,2\n").unwrap();
    let output = postlint().run_in(
        directory.path(),
        &["check", "--input-format", "csv", "--format", "jsonl", "short.csv", "notes.csv", "missing.csv"],
        "",
    );
    assert_eq!(output.status.code(), Some(2));
    let results = parse_results(&output);
    let sources: Vec<&str> = results.iter().map(|r| r["source"].as_str().unwrap()).collect();
    assert_eq!(sources, ["short.csv:2", "short.csv:3", "short.csv:4", "notes.csv", "missing.csv"]);
    assert!(results[1]["error"].as_str().unwrap().starts_with("malformed row: it has 1 field but the header has 2"));
    assert_eq!(results[2]["diagnostics"][0]["rule"], "inclusion.gendered-job-title");
    assert!(results[3]["error"].as_str().unwrap().starts_with("no column holds the posts"));
    assert!(results[4]["error"].as_str().unwrap().starts_with("cannot read"));
    let text = postlint().run(&["check", "--input-format", "csv"], "Message\nHey guys\n");
    assert!(stdout(&text).starts_with("-:2:1:1  warning  inclusion.gendered-greeting"), "{}", stdout(&text));
}

#[test]
fn a_large_calendar_streams() {
    let mut calendar = String::from("Date,Network,Message\n");
    for index in 0..20_000 {
        calendar.push_str(&format!("2025-01-01,Twitter,\"Post {index}, thanks to our chairman\"\n"));
    }
    let output = postlint().run(&["check", "--input-format", "csv", "--format", "jsonl"], &calendar);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output).lines().count(), 20_000);
    assert!(stderr(&output).contains("posts checked            20000"), "{}", stderr(&output));
}
