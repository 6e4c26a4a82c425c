//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Checks social-media drafts against your organisation's guidelines.
#[derive(Debug, Parser)]
#[command(name = "postlint", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Print only findings: no summary, no progress bar.
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also say which guideline file was used and how long checking took (on standard error).
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check drafts and report guideline problems.
    Check(CheckArgs),
    /// Count drafts' length, hashtags and mentions the way each platform counts them.
    Count(CountArgs),
    /// List every rule with its category and severity.
    Rules(RulesArgs),
    /// Print a rule's documentation with examples.
    Explain(ExplainArgs),
    /// Write a commented starter postlint.toml in the current directory.
    Init(InitArgs),
    /// Print a shell completion script: `postlint completions bash > …`.
    Completions(CompletionsArgs),
    /// Run a Language Server (LSP) over standard input and output, for editors.
    Lsp(LspArgs),
}

/// How drafts are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Each path is one draft (directories are walked).
    Files,
    /// Each line is a JSON object: {"id", "text", "platform", "format"}.
    Jsonl,
    /// A content calendar: CSV with a header row, one post per row (or per platform column).
    Csv,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Human-readable, with the source line underlined.
    Text,
    /// One JSON document: {"version":1,"results":[…]}.
    Json,
    /// One JSON result per line.
    Jsonl,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// JUnit XML, for CI test reports.
    Junit,
}

/// The draft format for standard input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DraftFormat {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
}

/// The lowest severity that makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Errors only (the default).
    Error,
    /// Warnings and errors.
    Warning,
    /// Any finding.
    Info,
    /// Never: exit 0 whatever is found.
    Never,
}

/// Options shared by commands that load a guideline.
#[derive(Debug, Clone, Args)]
pub struct GuidelineArgs {
    /// Guideline file to use instead of discovering postlint.toml.
    #[arg(long, value_name = "FILE", help_heading = "Guideline")]
    pub config: Option<PathBuf>,
    /// Ignore postlint.toml files: use the built-in default guideline.
    #[arg(long, conflicts_with = "config", help_heading = "Guideline")]
    pub isolated: bool,
}

/// Where drafts come from, for `check` and `count`.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Files or directories; `-` or nothing reads standard input.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Platform (repeatable): x, bluesky, mastodon, threads, instagram, tiktok, linkedin, facebook,
    /// youtube, youtube-title, pinterest, pinterest-title; `mastodon:1000` sets a limit.
    #[arg(long = "platform", short = 'p', value_name = "PLATFORM")]
    pub platforms: Vec<String>,
    /// How the paths are read.
    #[arg(long, value_enum, default_value_t = InputFormat::Files, help_heading = "Input")]
    pub input_format: InputFormat,
    /// Format of a draft read from standard input.
    #[arg(long, value_enum, default_value_t = DraftFormat::Text, help_heading = "Input")]
    pub stdin_format: DraftFormat,
    /// Calendar column holding the post (default: Message, Text, Post, Content, Caption, Body or Copy).
    #[arg(long, value_name = "NAME", help_heading = "Calendar (--input-format csv)")]
    pub text_column: Option<String>,
    /// Calendar column naming the platforms (default: Network, Platform, Channel, Social network or Profile).
    #[arg(long, value_name = "NAME", help_heading = "Calendar (--input-format csv)")]
    pub platform_column: Option<String>,
    /// Calendar column holding an id for each post (default: ID, Post ID or Ref).
    #[arg(long, value_name = "NAME", help_heading = "Calendar (--input-format csv)")]
    pub id_column: Option<String>,
    /// Calendar column holding the publication date (default: Date, Publish date, Scheduled, Send at or Time).
    #[arg(long, value_name = "NAME", help_heading = "Calendar (--input-format csv)")]
    pub date_column: Option<String>,
}

/// `postlint check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Drafts and platforms.
    #[command(flatten)]
    pub input: InputArgs,
    /// Guideline selection.
    #[command(flatten)]
    pub guideline: GuidelineArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text, help_heading = "Output")]
    pub format: OutputFormat,
    /// Exit with 1 when a finding at or above this severity is found.
    #[arg(long, value_enum, default_value_t = FailOn::Error, help_heading = "Output")]
    pub fail_on: FailOn,
    /// Print totals at the end: posts checked, posts with errors, findings by category and platform.
    #[arg(long, help_heading = "Output")]
    pub stats: bool,
    /// Apply safe fixes to the files in place, then report what remains.
    #[arg(long, help_heading = "Fixes")]
    pub fix: bool,
    /// Also apply the preferred fix of findings whose fixes need review (with --fix or --diff).
    #[arg(long, help_heading = "Fixes")]
    pub unsafe_fixes: bool,
    /// Print the changes --fix would make as a unified diff, without writing; exit 1 if there are any.
    #[arg(long, help_heading = "Fixes")]
    pub diff: bool,
}

/// `postlint init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// An organisation or product name to spell consistently (repeatable).
    #[arg(long = "brand", value_name = "NAME")]
    pub brands: Vec<String>,
    /// A platform your posts target (repeatable), e.g. x, linkedin, mastodon:1000.
    #[arg(long = "platform", short = 'p', value_name = "PLATFORM")]
    pub platforms: Vec<String>,
    /// Overwrite an existing postlint.toml.
    #[arg(long)]
    pub force: bool,
    /// Where to write the file.
    #[arg(long, value_name = "FILE", default_value = "postlint.toml")]
    pub output: PathBuf,
}

/// `postlint completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `postlint lsp`.
#[derive(Debug, Args)]
pub struct LspArgs {
    /// Accepted for editors that pass it; the server always uses standard input and output.
    #[arg(long)]
    pub stdio: bool,
}

/// `postlint count`.
#[derive(Debug, Args)]
pub struct CountArgs {
    /// Drafts and platforms (every platform when none is named).
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format: a table, or the `platforms` and `entities` of `check`'s JSON.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text, help_heading = "Output")]
    pub format: OutputFormat,
}

/// `postlint rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Guideline selection.
    #[command(flatten)]
    pub guideline: GuidelineArgs,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Also list rules that the guideline turns off.
    #[arg(long)]
    pub all: bool,
}

/// `postlint explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. inclusion.gendered-greeting.
    pub rule: String,
    /// Guideline selection.
    #[command(flatten)]
    pub guideline: GuidelineArgs,
}
