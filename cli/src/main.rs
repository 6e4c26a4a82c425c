//! `postlint`: the command-line shell around `postlint-core`.
//!
//! It reads files, finds the guideline, prints results and sets the exit
//! code; every check happens in the core.

mod args;
mod guideline;
mod input;
mod render;

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Parser;
use postlint_core::{Checker, Draft, Format, PlatformTarget, Severity};
use rayon::prelude::*;

use crate::args::{
    CheckArgs, Cli, Command, DraftFormat, ExplainArgs, FailOn, InputFormat, RulesArgs,
};
use crate::input::Input;
use crate::render::{Checked, Summary};

/// Exit code for usage, guideline and I/O errors.
const EXIT_ERROR: u8 = 2;

/// Lines per chunk of a JSONL batch: enough to keep every core busy, few
/// enough that memory stays flat.
const BATCH_CHUNK: usize = 2048;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            // A closed pipe (`postlint check … | head`) is not an error.
            if error.chain().any(|cause| {
                cause
                    .downcast_ref::<io::Error>()
                    .is_some_and(|error| error.kind() == io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("postlint: error: {error:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules(args) => rules(args),
        Command::Explain(args) => explain(args),
    }
}

fn parse_platforms(names: &[String]) -> Result<Vec<PlatformTarget>> {
    names
        .iter()
        .flat_map(|names| names.split(','))
        .map(|name| {
            name.parse::<PlatformTarget>()
                .map_err(|error| anyhow::anyhow!("--platform: {error}"))
        })
        .collect()
}

fn check_input(checker: &Checker, platforms: &[PlatformTarget], input: Input) -> Checked {
    match input.text {
        Err(message) => Checked {
            source: input.source,
            id: input.id,
            text: String::new(),
            outcome: Err(message),
        },
        Ok(text) => {
            let platforms = if input.platforms.is_empty() {
                platforms
            } else {
                &input.platforms
            };
            let report = checker.check(&Draft {
                text: &text,
                format: input.format,
                platforms,
            });
            Checked {
                source: input.source,
                id: input.id,
                text,
                outcome: Ok(report),
            }
        }
    }
}

fn check(args: CheckArgs) -> Result<ExitCode> {
    let checker = guideline::load_checker(&args.guideline)?;
    let platforms = parse_platforms(&args.platforms)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut emitter = render::emitter(args.format, render::use_color());
    let mut summary = Summary::default();
    let mut emit = |checked: Checked, out: &mut BufWriter<io::StdoutLock<'_>>| -> Result<()> {
        summary.add(&checked);
        emitter.emit(out, &checked)?;
        Ok(())
    };
    let stdin_format = match args.stdin_format {
        DraftFormat::Text => Format::Text,
        DraftFormat::Markdown => Format::Markdown,
    };
    match args.input_format {
        InputFormat::Files => {
            let paths = if args.paths.is_empty() {
                vec!["-".into()]
            } else {
                args.paths.clone()
            };
            let expanded = input::expand_paths(&paths);
            // Check files in parallel; `collect` keeps input order.
            let results: Vec<Checked> = expanded
                .into_par_iter()
                .map(|entry| {
                    let input = match entry {
                        Ok(path) if path.as_os_str() == "-" => input::read_stdin(stdin_format),
                        Ok(path) => input::read_file(&path),
                        Err(input) => input,
                    };
                    check_input(&checker, &platforms, input)
                })
                .collect();
            for checked in results {
                emit(checked, &mut out)?;
            }
        }
        InputFormat::Jsonl => {
            let paths = if args.paths.is_empty() {
                vec!["-".into()]
            } else {
                args.paths.clone()
            };
            for path in paths {
                let (reader, name): (Box<dyn BufRead>, String) = if path.as_os_str() == "-" {
                    (Box::new(io::BufReader::new(io::stdin())), "-".to_owned())
                } else {
                    match std::fs::File::open(&path) {
                        Ok(file) => (
                            Box::new(io::BufReader::new(file)),
                            path.display().to_string(),
                        ),
                        Err(error) => {
                            let source = path.display().to_string();
                            emit(
                                Checked {
                                    source,
                                    id: None,
                                    text: String::new(),
                                    outcome: Err(format!("cannot read: {error}")),
                                },
                                &mut out,
                            )?;
                            continue;
                        }
                    }
                };
                let mut batch = input::BatchReader::new(reader, name);
                loop {
                    let chunk = batch.next_chunk(BATCH_CHUNK);
                    if chunk.is_empty() {
                        break;
                    }
                    let results: Vec<Checked> = chunk
                        .into_par_iter()
                        .map(|(source, line)| {
                            let input = match line {
                                Ok(line) => input::parse_batch_line(source, &line),
                                Err(message) => Input {
                                    source,
                                    id: None,
                                    text: Err(message),
                                    format: Format::Text,
                                    platforms: Vec::new(),
                                },
                            };
                            check_input(&checker, &platforms, input)
                        })
                        .collect();
                    for checked in results {
                        emit(checked, &mut out)?;
                    }
                }
            }
        }
    }
    emitter.finish(&mut out, &summary)?;
    out.flush()?;
    drop(out);
    if summary.errors > 0 {
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failed = matches!((threshold, summary.worst()), (Some(threshold), Some(worst)) if worst >= threshold);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn rules(args: RulesArgs) -> Result<ExitCode> {
    let checker = guideline::load_checker(&args.guideline)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let listed: Vec<_> = checker
        .rules()
        .filter(|(_, severity)| args.all || severity.is_some())
        .collect();
    if args.json {
        let values: Vec<serde_json::Value> = listed
            .iter()
            .map(|(meta, severity)| {
                serde_json::json!({
                    "id": meta.id,
                    "category": meta.category,
                    "severity": severity.map_or("off", Severity::as_str),
                    "default_severity": meta.default_severity,
                    "fixable": meta.fixable,
                    "summary": meta.summary,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &values)?;
        writeln!(out)?;
    } else {
        let width = listed
            .iter()
            .map(|(meta, _)| meta.id.len())
            .max()
            .unwrap_or(0);
        for (meta, severity) in &listed {
            writeln!(
                out,
                "{:width$}  {:13}  {:7}  {}",
                meta.id,
                meta.category.as_str(),
                severity.map_or("off", Severity::as_str),
                meta.summary
            )?;
        }
        writeln!(
            out,
            "\n{} rules. `postlint explain RULE` documents one.",
            listed.len()
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn explain(args: ExplainArgs) -> Result<ExitCode> {
    let checker = guideline::load_checker(&args.guideline)?;
    let Some((meta, severity)) = checker.rule(&args.rule) else {
        let ids: Vec<&str> = checker.rules().map(|(meta, _)| meta.id.as_str()).collect();
        let hint = postlint_core::suggest::closest(&args.rule, ids.iter().copied())
            .map(|best| format!("; did you mean `{best}`?"))
            .unwrap_or_else(|| "; `postlint rules` lists every rule".to_owned());
        bail!("unknown rule `{}`{hint}", args.rule);
    };
    let mut out = BufWriter::new(io::stdout().lock());
    write!(out, "{}", postlint_core::rule::explain(meta, severity)).context("cannot write")?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
