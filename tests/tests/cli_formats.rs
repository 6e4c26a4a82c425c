//! `--format sarif`, `--format github` and `--format junit`.

use std::path::{Path, PathBuf};
use std::process::Command;

use postlint_tests::{stderr, stdout, Cli};
use serde_json::Value;

fn postlint() -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_postlint"))
}

/// A guideline whose rule has a message with every character GitHub's
/// workflow commands must escape.
const GUIDELINE: &str = r#"
[[rules]]
id = "acme.discount"
category = "branding"
severity = "error"
message = "50% off, really: no"
help = "Say what it costs.\nNever shout."
terms = ["cheap"]
"#;

fn workspace() -> tempfile::TempDir {
    let directory = tempfile::tempdir().unwrap();
    std::fs::write(directory.path().join("postlint.toml"), GUIDELINE).unwrap();
    std::fs::write(directory.path().join("a, b.md"), "Cheap & <cheerful>!!!\n").unwrap();
    std::fs::write(directory.path().join("clean.md"), "All good.\n").unwrap();
    directory
}

#[test]
fn github_annotations_escape_data_and_properties() {
    let directory = workspace();
    let output =
        postlint().run_in(directory.path(), &["check", "--format", "github", "a, b.md", "clean.md", "gone.md"], "");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stdout(&output),
        "::error file=a%2C b.md,line=1,col=1,endLine=1,endColumn=6,title=acme.discount::50%25 off, really: no. Say what it costs.%0ANever shout.\n\
         ::notice file=a%2C b.md,line=1,col=19,endLine=1,endColumn=22,title=style.repeated-exclamation::3 exclamation marks in a row. Use one exclamation mark at most.\n\
         ::error file=gone.md,title=postlint%3A cannot check::gone.md: no such file or directory\n"
    );
}

#[test]
fn github_annotations_point_batch_items_at_their_line() {
    let output = postlint().run(
        &["check", "--format", "github", "--input-format", "jsonl"],
        "{\"id\":1,\"text\":\"hi\"}\n{\"id\":2,\"text\":\"Hey guys\"}\n",
    );
    assert_eq!(
        stdout(&output),
        "::warning file=-,line=2,title=inclusion.gendered-greeting::-:2 (line 1, column 1 of the draft): “Hey guys” addresses a mixed audience as men. Greet everyone, for example “Hey everyone”.\n"
            .replace("file=-,", "")
    );
}

const JUNIT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="postlint">
  <testsuite name="a, b.md" tests="2" failures="2" errors="0">
    <testcase name="acme.discount at 1:1" classname="a, b.md" file="a, b.md" line="1">
      <failure message="50% off, really: no" type="error">a, b.md:1:1: error acme.discount: 50% off, really: no&#10;help: Say what it costs.&#10;Never shout.&#10;text: Cheap</failure>
    </testcase>
    <testcase name="style.repeated-exclamation at 1:19" classname="a, b.md" file="a, b.md" line="1">
      <failure message="3 exclamation marks in a row" type="info">a, b.md:1:19: info style.repeated-exclamation: 3 exclamation marks in a row&#10;help: Use one exclamation mark at most.&#10;fix: Replace with “!”&#10;text: !!!</failure>
    </testcase>
  </testsuite>
  <testsuite name="clean.md" tests="1" failures="0" errors="0">
    <testcase name="postlint" classname="clean.md"/>
  </testsuite>
  <testsuite name="gone.md" tests="1" failures="0" errors="1">
    <testcase name="read" classname="gone.md">
      <error message="no such file or directory" type="input"/>
    </testcase>
  </testsuite>
</testsuites>
"#;

#[test]
fn junit_has_a_suite_per_draft_and_a_case_per_finding() {
    let directory = workspace();
    let output =
        postlint().run_in(directory.path(), &["check", "--format", "junit", "a, b.md", "clean.md", "gone.md"], "");
    assert_eq!(output.status.code(), Some(2));
    let xml = stdout(&output);
    assert_eq!(xml, JUNIT);
    assert_well_formed_xml(&xml);
    let markup = postlint().run(&["check", "--format", "junit"], "Hey guys <b>&</b> \u{1}\"quoted\"");
    assert_well_formed_xml(&stdout(&markup));
}

/// Parses XML with Python's standard library when python3 is there.
fn assert_well_formed_xml(xml: &str) {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("report.xml");
    std::fs::write(&path, xml).unwrap();
    match Command::new("python3")
        .arg("-c")
        .arg("import sys, xml.dom.minidom as m; m.parse(sys.argv[1])")
        .arg(&path)
        .output()
    {
        Ok(output) => {
            assert!(output.status.success(), "not well-formed XML: {}\n{xml}", String::from_utf8_lossy(&output.stderr))
        }
        Err(_) => println!("python3 not found: skipped the XML parser check (the exact-output assertions still ran)"),
    }
}

/// The official SARIF 2.1.0 schema, if `cli/scripts/fetch-sarif-schema.sh` (or
/// `POSTLINT_SARIF_SCHEMA`) put it in place.
fn sarif_schema() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("POSTLINT_SARIF_SCHEMA") {
        return Some(PathBuf::from(path));
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cache")))?;
    Some(cache.join("postlint/sarif-schema-2.1.0.json")).filter(|path| path.is_file())
}

/// Validates with Python's `jsonschema` against the official schema when both
/// are there; says so when they are not.
fn validate_with_official_schema(log: &str) {
    let Some(schema) = sarif_schema() else {
        println!(
            "official SARIF schema not cached (run cli/scripts/fetch-sarif-schema.sh): used structural checks only"
        );
        return;
    };
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("log.sarif");
    std::fs::write(&path, log).unwrap();
    let script = "import json, sys, jsonschema\n\
                  schema = json.load(open(sys.argv[1]))\n\
                  errors = [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(json.load(open(sys.argv[2])))]\n\
                  print('\\n'.join(errors)); sys.exit(1 if errors else 0)";
    match Command::new("python3").arg("-c").arg(script).arg(&schema).arg(&path).output() {
        Ok(output) if output.status.success() => println!("valid against {}", schema.display()),
        Ok(output) if String::from_utf8_lossy(&output.stderr).contains("No module named") => {
            println!("python3 has no jsonschema module: used structural checks only")
        }
        Ok(output) => panic!(
            "SARIF log is not valid against the official schema:\n{}{}\n{log}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(_) => println!("python3 not found: used structural checks only"),
    }
}

/// What the tests check whatever the schema's availability.
fn check_structure(log: &Value) {
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "postlint");
    for key in ["version", "informationUri"] {
        assert!(driver[key].as_str().is_some_and(|value| !value.is_empty()), "driver.{key}");
    }
    let rules = driver["rules"].as_array().unwrap();
    for rule in rules {
        for key in ["id", "name"] {
            assert!(rule[key].is_string(), "rule.{key}: {rule}");
        }
        for key in ["shortDescription", "fullDescription"] {
            assert!(rule[key]["text"].is_string(), "rule.{key}: {rule}");
        }
        assert!(rule["help"]["text"].is_string() && rule["help"]["markdown"].is_string());
        assert!(["error", "warning", "note"].contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
        assert!(rule["properties"]["category"].is_string() && rule["properties"]["tags"].is_array());
    }
    for result in runs[0]["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"], "ruleIndex points at the rule");
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert!(result["message"]["text"].is_string());
        let location = &result["locations"][0]["physicalLocation"];
        assert!(location["artifactLocation"]["uri"].is_string());
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn sarif_is_valid_and_locates_findings() {
    let directory = workspace();
    let output = postlint().run_in(directory.path(), &["check", "--format", "sarif", "a, b.md", "clean.md"], "");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    let log: Value = serde_json::from_str(&text).unwrap();
    check_structure(&log);
    validate_with_official_schema(&text);
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let first = &results[0];
    assert_eq!(first["ruleId"], "acme.discount");
    assert_eq!(first["level"], "error");
    assert_eq!(first["message"]["text"], "50% off, really: no. Say what it costs.\nNever shout.");
    let location = &first["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "a,%20b.md");
    assert_eq!(
        location["region"],
        serde_json::json!({"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 6, "charOffset": 0, "charLength": 5})
    );
    let fix = &results[1]["fixes"][0];
    assert_eq!(fix["description"]["text"], "Replace with “!”");
    assert_eq!(fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"], "!");
    assert_eq!(run["tool"]["driver"]["rules"][0]["properties"]["category"], "branding");
    assert_eq!(results[1]["level"], "note", "info is a SARIF note");
}

#[test]
fn sarif_for_batches_and_errors_is_valid() {
    let output = postlint().run(
        &["check", "--format", "sarif", "--input-format", "jsonl"],
        "{\"id\":\"a\",\"text\":\"Ça va 😀 — hey guys\"}\n{broken\n",
    );
    assert_eq!(output.status.code(), Some(2));
    let text = stdout(&output);
    let log: Value = serde_json::from_str(&text).unwrap();
    check_structure(&log);
    validate_with_official_schema(&text);
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["properties"]["id"], "a");
    assert_eq!(result["properties"]["draftRegion"]["startColumn"], 11, "columns count code points");
    let notification = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert!(notification["message"]["text"].as_str().unwrap().starts_with("-:2: malformed JSON"));
    assert_eq!(log["runs"][0]["invocations"][0]["executionSuccessful"], false);
    let empty = postlint().run(&["check", "--format", "sarif"], "All good.");
    let empty_log: Value = serde_json::from_slice(&empty.stdout).unwrap();
    check_structure(&empty_log);
    validate_with_official_schema(&stdout(&empty));
}
