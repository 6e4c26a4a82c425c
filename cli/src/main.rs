//! `postlint`: the command-line shell around `postlint-core`.
//!
//! It reads files, finds the guideline, prints results and sets the exit
//! code; every check happens in the core.

// Batches allocate each result on a checking thread and free it on the
// writing thread. glibc's allocator is slow at that: once the writing
// thread's small cache is full, each free locks the other thread's arena,
// and a sixth of a batch's time went to allocating and freeing. mimalloc
// frees across threads cheaply: a 1 GB batch took 36.0 s with glibc and
// 27.6 s with it (peak memory 25 and 46 MB).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod args;
mod calendar;
mod fix;
mod guideline;
mod init;
mod input;
mod lsp;
mod render;

use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{CommandFactory, Parser};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use postlint_core::{Checker, Draft, Format, Platform, PlatformTarget, Severity};
use rayon::prelude::*;

use crate::args::{
    CheckArgs, Cli, Command, CountArgs, DraftFormat, ExplainArgs, FailOn, InputArgs, InputFormat, OutputFormat,
    RulesArgs,
};
use crate::calendar::{CalendarReader, ColumnChoice};
use crate::input::Input;
use crate::render::{Checked, RenderOptions, Summary};

/// Exit code for usage, guideline and I/O errors.
const EXIT_ERROR: u8 = 2;

/// Lines per chunk of a JSONL batch: enough to keep every core busy, few
/// enough that memory stays flat.
const BATCH_CHUNK: usize = 2048;

/// How chatty to be on standard error.
#[derive(Debug, Clone, Copy)]
struct Ui {
    quiet: bool,
    verbose: bool,
}

impl Ui {
    fn note(&self, message: impl std::fmt::Display) {
        if self.verbose {
            eprintln!("postlint: {message}");
        }
    }
}

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
    let ui = Ui { quiet: cli.quiet, verbose: cli.verbose };
    match cli.command {
        Command::Check(args) => check(args, ui),
        Command::Count(args) => count(args),
        Command::Rules(args) => rules(args),
        Command::Explain(args) => explain(args),
        Command::Init(args) => init::run(&args, ui.quiet),
        Command::Completions(args) => {
            let mut out = io::stdout().lock();
            clap_complete::generate(args.shell, &mut Cli::command(), "postlint", &mut out);
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Lsp(_) => lsp::run(),
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
    Checked::from_input(input, |input, text| {
        let platforms = if input.platforms.is_empty() { platforms } else { &input.platforms };
        checker.check(&Draft { text, format: input.format, platforms })
    })
}

fn column_choice(args: &InputArgs) -> ColumnChoice {
    ColumnChoice {
        text: args.text_column.clone(),
        platform: args.platform_column.clone(),
        id: args.id_column.clone(),
        date: args.date_column.clone(),
    }
}

/// Opens a batch file (`-` is standard input) with the name results show.
fn open_batch(path: &std::path::Path) -> Result<(Box<dyn BufRead + Send>, String), String> {
    if path.as_os_str() == "-" {
        return Ok((Box::new(io::BufReader::new(io::stdin())), "-".to_owned()));
    }
    if path.is_dir() {
        return Err("is a directory; a batch is a file".to_owned());
    }
    match std::fs::File::open(path) {
        Ok(file) => Ok((Box::new(io::BufReader::new(file)), path.display().to_string())),
        Err(error) => Err(format!("cannot read: {error}")),
    }
}

/// Reads every input the arguments name, processes them in parallel, and
/// hands the results to `emit` in input order. Batches are read in chunks so
/// memory stays flat.
fn for_each_input(
    args: &InputArgs,
    ui: Ui,
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
                let (reader, name) = match open_batch(&path) {
                    Ok(opened) => opened,
                    Err(message) => {
                        emit(process(Input::failed(path.display().to_string(), message)))?;
                        continue;
                    }
                };
                let mut batch = input::BatchReader::new(reader, name.clone());
                // Each line is parsed where it is checked, on every core.
                let prepare = |(source, line_number, line): (String, u64, Result<String, String>)| {
                    match line {
                        Ok(line) => input::parse_batch_line(source, &line),
                        Err(message) => Input::failed(source, message),
                    }
                    .in_batch(&name, line_number)
                };
                pipeline(|| batch.next_chunk(BATCH_CHUNK), prepare, &process, &mut emit)?;
            }
        }
        InputFormat::Csv => {
            let choice = column_choice(args);
            for path in paths {
                let opened = open_batch(&path).and_then(|(reader, name)| CalendarReader::open(reader, name, &choice));
                let mut calendar = match opened {
                    Ok(calendar) => calendar,
                    Err(message) => {
                        emit(process(Input::failed(path.display().to_string(), message)))?;
                        continue;
                    }
                };
                ui.note(calendar.describe());
                pipeline(|| calendar.next_chunk(BATCH_CHUNK), |input| input, &process, &mut emit)?;
            }
        }
    }
    Ok(())
}

/// Checks a batch chunk by chunk on every core while this thread emits the
/// chunk before: reading, checking and writing overlap, where one after the
/// other they left the cores idle while results were written. Results keep
/// their input order, and at most three chunks are in memory at once.
fn pipeline<T: Send>(
    mut next_chunk: impl FnMut() -> Vec<T> + Send,
    prepare: impl Fn(T) -> Input + Sync,
    process: &(impl Fn(Input) -> Checked + Sync),
    emit: &mut impl FnMut(Checked) -> Result<()>,
) -> Result<()> {
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Checked>>(1);
    let prepare = &prepare;
    std::thread::scope(|scope| {
        scope.spawn(move || loop {
            let chunk = next_chunk();
            if chunk.is_empty() {
                break;
            }
            let results = chunk.into_par_iter().map(|item| process(prepare(item))).collect();
            // A closed channel means the writer stopped (a write failed): stop too.
            if sender.send(results).is_err() {
                break;
            }
        });
        // Returning early drops the receiver, which ends the checking thread.
        for results in receiver {
            for checked in results {
                emit(checked)?;
            }
        }
        Ok(())
    })
}

/// A progress counter on standard error for batches: only on a terminal,
/// never with `--quiet`.
fn progress(ui: Ui, batch: bool) -> ProgressBar {
    if ui.quiet || !batch || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {human_pos} posts checked ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar
}

fn exit_code(summary: &Summary, fail_on: FailOn) -> ExitCode {
    if summary.errors > 0 {
        return ExitCode::from(EXIT_ERROR);
    }
    let threshold = match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failed = matches!((threshold, summary.worst()), (Some(threshold), Some(worst)) if worst >= threshold);
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn plural(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

fn check(args: CheckArgs, ui: Ui) -> Result<ExitCode> {
    let started = Instant::now();
    let fixing = args.fix || args.diff;
    if args.unsafe_fixes && !fixing {
        bail!("--unsafe-fixes only applies with --fix or --diff");
    }
    if fixing {
        let flag = if args.diff { "--diff" } else { "--fix" };
        if args.input.input_format != InputFormat::Files {
            bail!(
                "{flag} rewrites draft files; it does not work on --input-format {} batches (fix the drafts at their source)",
                if args.input.input_format == InputFormat::Jsonl { "jsonl" } else { "csv" }
            );
        }
        if args.input.paths.is_empty() || args.input.paths.iter().any(|path| path.as_os_str() == "-") {
            bail!("{flag} rewrites draft files; name the files or directories to fix (standard input cannot be fixed in place)");
        }
    }
    let (checker, guideline_path) = guideline::load(&args.guideline)?;
    match &guideline_path {
        Some(path) => ui.note(format_args!("guideline: {}", path.display())),
        None => ui.note("guideline: the built-in default (no postlint.toml found, or --isolated)"),
    }
    let platforms = parse_platforms(&args.input.platforms)?;
    if fixing {
        return fix_files(&args, ui, &checker, &platforms, started);
    }
    let batch = args.input.input_format != InputFormat::Files;
    let bar = progress(ui, batch);
    let interleaved = !bar.is_hidden() && io::stdout().is_terminal();
    let mut out = BufWriter::new(io::stdout().lock());
    let options = RenderOptions { color: render::use_color(), quiet: ui.quiet, checker: Some(&checker) };
    let mut emitter = render::emitter(args.format, &options);
    let mut summary = Summary::default();
    for_each_input(
        &args.input,
        ui,
        |input| check_input(&checker, &platforms, input),
        |checked| {
            summary.add(&checked);
            if interleaved {
                bar.suspend(|| -> io::Result<()> {
                    emitter.emit(&mut out, &checked)?;
                    out.flush()
                })?;
            } else {
                emitter.emit(&mut out, &checked)?;
            }
            bar.inc(1);
            Ok(())
        },
    )?;
    bar.finish_and_clear();
    emitter.finish(&mut out, &summary)?;
    out.flush()?;
    drop(out);
    if (args.stats || batch) && !ui.quiet {
        eprint!("{}", summary.stats());
    }
    ui.note(format_args!(
        "checked {} in {:.2} s",
        plural(summary.drafts + summary.errors, "draft"),
        started.elapsed().as_secs_f64()
    ));
    Ok(exit_code(&summary, args.fail_on))
}

/// One file's outcome under `--fix` or `--diff`.
struct FileFix {
    checked: Checked,
    fixed: usize,
    diff: Option<String>,
}

fn fix_one(path: &std::path::Path, args: &CheckArgs, checker: &Checker, platforms: &[PlatformTarget]) -> FileFix {
    let source = path.display().to_string();
    let failed = |message: String| FileFix {
        checked: check_input(checker, platforms, Input::failed(source.clone(), message)),
        fixed: 0,
        diff: None,
    };
    let snapshot = match fix::Snapshot::read(path) {
        Ok(snapshot) => snapshot,
        Err(error) => return failed(format!("cannot read: {error}")),
    };
    let bom = snapshot.bytes.starts_with(b"\xEF\xBB\xBF");
    let text = match input::decode(snapshot.bytes.clone()) {
        Ok(text) => text,
        Err(message) => return failed(message),
    };
    let format = input::format_of(path);
    let fixed = fix::fix_text(checker, &text, format, platforms, args.unsafe_fixes);
    let mut diff = None;
    if fixed.text != text {
        if args.diff {
            diff = Some(fix::unified_diff(&source, &text, &fixed.text));
        } else {
            let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
            bytes.extend_from_slice(fixed.text.as_bytes());
            if let Err(message) = fix::write_fixed(path, &snapshot, &bytes) {
                return failed(message);
            }
        }
    }
    let fix::Fixed { text, report, fixed } = fixed;
    FileFix { checked: Checked::from_input(Input::new(source, Ok(text), format), |_, _| report), fixed, diff }
}

fn fix_files(
    args: &CheckArgs,
    ui: Ui,
    checker: &Checker,
    platforms: &[PlatformTarget],
    started: Instant,
) -> Result<ExitCode> {
    let entries: Vec<Result<PathBuf, Input>> = input::expand_paths(&args.input.paths);
    let results: Vec<FileFix> = entries
        .into_par_iter()
        .map(|entry| match entry {
            Ok(path) => fix_one(&path, args, checker, platforms),
            Err(input) => FileFix { checked: check_input(checker, platforms, input), fixed: 0, diff: None },
        })
        .collect();
    let mut out = BufWriter::new(io::stdout().lock());
    let options = RenderOptions { color: render::use_color(), quiet: ui.quiet, checker: Some(checker) };
    let mut emitter = render::emitter(args.format, &options);
    let mut summary = Summary::default();
    let mut changed_files = 0;
    for result in &results {
        summary.add(&result.checked);
        summary.fixed += result.fixed;
        if result.fixed > 0 {
            changed_files += 1;
        }
        if args.diff {
            match (&result.diff, &result.checked.outcome) {
                (Some(diff), _) => out.write_all(diff.as_bytes())?,
                (None, Err(message)) => eprintln!("postlint: error: {}: {message}", result.checked.source),
                _ => {}
            }
        } else {
            emitter.emit(&mut out, &result.checked)?;
        }
    }
    summary.fixed_files = changed_files;
    if !args.diff {
        emitter.finish(&mut out, &summary)?;
    }
    out.flush()?;
    drop(out);
    if !ui.quiet {
        let problems = plural(summary.fixed, "problem");
        let files = plural(changed_files, "file");
        match (args.diff, summary.fixed) {
            (true, 0) => eprintln!("No fixes to make."),
            (true, _) => eprintln!("Would fix {problems} in {files}."),
            (false, 0) => eprintln!("Nothing to fix."),
            (false, _) => eprintln!("Fixed {problems} in {files}."),
        }
        if args.stats {
            eprint!("{}", summary.stats());
        }
    }
    ui.note(format_args!("fixed {} in {:.2} s", plural(results.len(), "file"), started.elapsed().as_secs_f64()));
    if args.diff {
        return Ok(if summary.errors > 0 {
            ExitCode::from(EXIT_ERROR)
        } else if summary.fixed > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    Ok(exit_code(&summary, args.fail_on))
}

fn count(args: CountArgs) -> Result<ExitCode> {
    let mut platforms = parse_platforms(&args.input.platforms)?;
    if platforms.is_empty() {
        platforms = Platform::ALL.into_iter().map(PlatformTarget::from).collect();
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let options = RenderOptions { color: false, quiet: false, checker: None };
    let mut emitter = match args.format {
        OutputFormat::Text => Box::new(render::CountTable::default()),
        format => render::emitter(format, &options),
    };
    let mut summary = Summary::default();
    let ui = Ui { quiet: true, verbose: false };
    for_each_input(
        &args.input,
        ui,
        |input| {
            Checked::from_input(input, |input, text| {
                let targets = if input.platforms.is_empty() { &platforms } else { &input.platforms };
                postlint_core::measure(&Draft { text, format: input.format, platforms: targets })
            })
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
        let ids: Vec<&str> = checker.rules().map(|(meta, _)| meta.id.as_ref()).collect();
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
