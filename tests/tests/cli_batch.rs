//! `--input-format jsonl`: batches stream, keep order, survive bad lines.

use std::io::Write;

use postlint_tests::{stdout, Cli};

fn postlint() -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_postlint"))
}
use serde_json::Value;

/// Batches are checked a chunk at a time while the chunk before is written:
/// across several chunks, with bad lines among them, every line still gets
/// its result in input order, and standard input works like a file.
#[test]
fn results_keep_input_order_across_chunks() {
    let lines = 5_000;
    let batch: String = (1..=lines)
        .map(|number| {
            if number % 1_000 == 0 {
                "{broken\n".to_owned()
            } else {
                format!("{{\"id\": \"{number}\", \"text\": \"Post {number} for #worldhealthday\"}}\n")
            }
        })
        .collect();
    let output = postlint().run(&["check", "--input-format", "jsonl", "--format", "jsonl", "-"], &batch);
    assert_eq!(output.status.code(), Some(2), "the broken lines make the run an error");
    let results: Vec<Value> = stdout(&output).lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(results.len(), lines);
    for (index, result) in results.iter().enumerate() {
        let number = index + 1;
        assert_eq!(result["source"], format!("-:{number}"));
        if number % 1_000 == 0 {
            assert!(result["error"].is_string(), "line {number} is broken");
        } else {
            assert_eq!(result["id"], number.to_string());
            assert_eq!(result["diagnostics"][0]["rule"], "accessibility.lowercase-hashtag");
        }
    }
}

#[test]
fn every_line_gets_a_result_in_order() {
    let directory = tempfile::tempdir().unwrap();
    let batch = [
        r#"{"id": "a", "text": "Hey guys"}"#,
        "{not json",
        "",
        r#"{"id": 2, "format": "markdown", "text": "`mankind`"}"#,
        r#"{"id": "no-text"}"#,
        r#"{"id": "p", "text": "hi", "platform": "myspace"}"#,
        r#"{"id": "last", "text": "Our chairman", "platform": ["x", "mastodon:1000"]}"#,
    ]
    .join("\n");
    std::fs::write(directory.path().join("batch.jsonl"), batch).unwrap();
    let output = postlint().run_in(
        directory.path(),
        &["check", "--input-format", "jsonl", "--format", "jsonl", "batch.jsonl"],
        "",
    );
    assert_eq!(output.status.code(), Some(2), "bad lines make the run an error, after checking the rest");
    let results: Vec<Value> = stdout(&output).lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    let sources: Vec<&str> = results.iter().map(|r| r["source"].as_str().unwrap()).collect();
    assert_eq!(
        sources,
        ["batch.jsonl:1", "batch.jsonl:2", "batch.jsonl:4", "batch.jsonl:5", "batch.jsonl:6", "batch.jsonl:7"]
    );
    assert_eq!(results[0]["id"], "a");
    assert_eq!(results[0]["diagnostics"][0]["rule"], "inclusion.gendered-greeting");
    assert!(results[1]["error"].as_str().unwrap().starts_with("malformed JSON"));
    assert_eq!(results[2]["diagnostics"].as_array().unwrap().len(), 0, "markdown code skipped");
    assert_eq!(results[3]["error"], "this line has no \"text\" field");
    assert!(results[4]["error"].as_str().unwrap().contains("unknown platform `myspace`"));
    assert_eq!(results[5]["diagnostics"][0]["rule"], "inclusion.gendered-job-title");
}

/// Peak resident memory of finished child processes, in KiB.
fn children_peak_kib() -> i64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct we own.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss
}

#[test]
fn a_batch_of_100000_drafts_runs_with_bounded_memory() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("big.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for index in 0..100_000 {
        if index % 10_000 == 7 {
            writeln!(file, "{{broken line {index}").unwrap();
        } else {
            writeln!(
                file,
                r#"{{"id": {index}, "text": "Post {index}: thanks to our chairman and the team 🎉 https://example.org/{index} #Health"}}"#
            )
            .unwrap();
        }
    }
    file.flush().unwrap();
    drop(file);
    let output = postlint()
        .command()
        .args(["check", "--input-format", "jsonl", "--format", "jsonl", "big.jsonl"])
        .current_dir(directory.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let text = String::from_utf8(output.stdout).unwrap();
    let mut count = 0;
    let mut errors = 0;
    for (index, line) in text.lines().enumerate() {
        let value: Value = serde_json::from_str(line).unwrap();
        if value.get("error").is_some() {
            errors += 1;
        } else {
            assert_eq!(value["id"].as_u64(), Some(index as u64), "results keep input order");
            assert_eq!(value["diagnostics"].as_array().unwrap().len(), 1);
        }
        count += 1;
    }
    assert_eq!((count, errors), (100_000, 10));
    let peak_mib = children_peak_kib() / 1024;
    println!("peak memory of the batch run: {peak_mib} MiB");
    assert!(peak_mib < 100, "peak memory {peak_mib} MiB");
}
