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
use postlint_core::{Checker, Draft, Format, Platform, PlatformTarget, Severity};
use rayon::prelude::*;

use crate::args::{
    CheckArgs, Cli, Command, CountArgs, DraftFormat, ExplainArgs, FailOn, InputArgs, InputFormat, OutputFormat,
    RulesArgs,
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
                cause.downcast_ref::<io::Error>().is_some_and(|error| error.kind() == io::ErrorKind::BrokenPipe)
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
        Command::Count(args) => count(args),
        Command::Rules(args) => rules(args),
        Command::Explain(args) => explain(args),
    }
}

fn parse_platforms(names: &[String]) -> Result<Vec<PlatformTarget>> {
    names
        .iter()
        .flat_map(|names| names.split(','))
        .map(|name| name.parse::<PlatformTarget>().map_err(|error| anyhow::anyhow!("--platform: {error}")))
        .collect()
}

fn check_input(checker: &Checker, platforms: &[PlatformTarget], input: Input) -> Checked {
    match input.text {
        Err(message) => Checked { source: input.source, id: input.id, text: String::new(), outcome: Err(message) },
        Ok(text) => {
            let platforms = if input.platforms.is_empty() { platforms } else { &input.platforms };
            let report = checker.check(&Draft { text: &text, format: input.format, platforms });
            Checked { source: input.source, id: input.id, text, outcome: Ok(report) }
        }
    }
}

/// Reads every input the arguments name, processes them in parallel, and
/// hands the results to `emit` in input order. Batches are read in chunks so
/// memory stays flat.
fn for_each_input(
    args: &InputArgs,
    process: impl Fn(Input) -> Checked + Sync,
    mut emit: impl FnMut(Checked) -> Result<()>,
) -> Result<()> {
    let stdin_format = match args.stdin_format {
        DraftFormat::Text => Format::Text,
        DraftFormat::Markdown => Format::Markdown,
    };
    let paths = if args.paths.is_empty() { vec!["-".into()] } else { args.paths.clone() };
    match args.input_format {
        InputFormat::Files => {
            let results: Vec<Checked> = input::expand_paths(&paths)
                .into_par_iter()
                .map(|entry| {
                    process(match entry {
                        Ok(path) if path.as_os_str() == "-" => input::read_stdin(stdin_format),
                        Ok(path) => input::read_file(&path),
                        Err(input) => input,
                    })
                })
                .collect();
            for checked in results {
                emit(checked)?;
            }
        }
        InputFormat::Jsonl => {
            for path in paths {
                let (reader, name): (Box<dyn BufRead>, String) = if path.as_os_str() == "-" {
                    (Box::new(io::BufReader::new(io::stdin())), "-".to_owned())
                } else {
                    match std::fs::File::open(&path) {
                        Ok(file) => (Box::new(io::BufReader::new(file)), path.display().to_string()),
                        Err(error) => {
                            emit(process(Input::failed(path.display().to_string(), format!("cannot read: {error}"))))?;
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
                            process(match line {
                                Ok(line) => input::parse_batch_line(source, &line),
                                Err(message) => Input::failed(source, message),
                            })
                        })
                        .collect();
                    for checked in results {
                        emit(checked)?;
                    }
                }
            }
        }
    }
    Ok(())
}

fn check(args: CheckArgs) -> Result<ExitCode> {
    let checker = guideline::load_checker(&args.guideline)?;
    let platforms = parse_platforms(&args.input.platforms)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let mut emitter = render::emitter(args.format, render::use_color());
    let mut summary = Summary::default();
    for_each_input(
        &args.input,
        |input| check_input(&checker, &platforms, input),
        |checked| {
            summary.add(&checked);
            emitter.emit(&mut out, &checked)?;
            Ok(())
        },
    )?;
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
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn count(args: CountArgs) -> Result<ExitCode> {
    let mut platforms = parse_platforms(&args.input.platforms)?;
    if platforms.is_empty() {
        platforms = Platform::ALL.into_iter().map(PlatformTarget::from).collect();
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let mut emitter = match args.format {
        OutputFormat::Text => Box::new(render::CountTable::default()),
        format => render::emitter(format, false),
    };
    let mut summary = Summary::default();
    for_each_input(
        &args.input,
        |input| match input.text {
            Err(message) => Checked { source: input.source, id: input.id, text: String::new(), outcome: Err(message) },
            Ok(text) => {
                let targets = if input.platforms.is_empty() { &platforms } else { &input.platforms };
                let report = postlint_core::measure(&Draft { text: &text, format: input.format, platforms: targets });
                Checked { source: input.source, id: input.id, text, outcome: Ok(report) }
            }
        },
        |checked| {
            summary.add(&checked);
            emitter.emit(&mut out, &checked)?;
            Ok(())
        },
    )?;
    emitter.finish(&mut out, &summary)?;
    out.flush()?;
    drop(out);
    Ok(if summary.errors > 0 { ExitCode::from(EXIT_ERROR) } else { ExitCode::SUCCESS })
}

fn rules(args: RulesArgs) -> Result<ExitCode> {
    let checker = guideline::load_checker(&args.guideline)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let listed: Vec<_> = checker.rules().filter(|(_, severity)| args.all || severity.is_some()).collect();
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
        let width = listed.iter().map(|(meta, _)| meta.id.len()).max().unwrap_or(0);
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
        writeln!(out, "\n{} rules. `postlint explain RULE` documents one.", listed.len())?;
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
