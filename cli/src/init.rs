//! `postlint init`: a commented starter guideline file.

use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use postlint_core::PlatformTarget;

use crate::args::InitArgs;

/// A TOML basic string (JSON's escapes are valid TOML).
fn toml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

fn toml_list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|item| toml_string(item)).collect::<Vec<_>>().join(", "))
}

/// The starter file's text.
pub fn starter(brands: &[String], platforms: &[String]) -> String {
    let platforms_line = if platforms.is_empty() {
        "# platforms = [\"x\", \"linkedin\", \"instagram\", \"mastodon:1000\"]".to_owned()
    } else {
        format!("platforms = {}", toml_list(platforms))
    };
    let brand_line = if brands.is_empty() {
        "# names = [\"Harbor Health Alliance\", \"HHA\"]".to_owned()
    } else {
        format!("names = {}", toml_list(brands))
    };
    format!(
        r##"# postlint guideline file: how your organisation writes for social media.
# postlint uses the nearest postlint.toml (or .postlint.toml) in this directory
# or a parent. Check drafts with `postlint check drafts/`; list the rules with
# `postlint rules`; read one with `postlint explain RULE`.

# Built-in packs: "default" is all of accessibility, branding, disclosure,
# ethics, hashtags, inclusion, length, privacy and style. Paths to other
# guideline files (relative to this one) can be listed too, e.g. "shared/org.toml".
extends = ["default"]

# The platforms drafts are written for, when `--platform` names none. Names:
# x, bluesky, mastodon, threads, instagram, tiktok, linkedin, facebook, youtube,
# youtube-title, pinterest, pinterest-title; "mastodon:1000" sets a server's limit.
{platforms_line}

[brand]
# The canonical spellings of your organisation's and products' names.
{brand_line}

[hashtags]
# required = ["#YourCampaign"]  # at least one of these must appear
# in_preview = true             # ... above the platform's "more" fold
# banned = ["#blessed"]
# max = 3                       # or per platform: max = {{ x = 2, instagram = 5 }}
# camel_case = true             # multi-word hashtags must be CamelCase

[severity]
# Make a rule or a whole pack stricter or quieter; "off" turns it off.
# "inclusion.gendered-greeting" = "error"
# "style" = "off"

[allow]
# Text that is never flagged, such as your press address or a partner's name.
# terms = ["press@example.org", "Manpower Group"]

# Your own rules: a list of terms (or a regular expression with `pattern`).
# [[rules]]
# id = "acme.cheap"
# category = "branding"
# severity = "warning"
# message = "Say 'affordable', not 'cheap'."
# terms = ["cheap"]
# suggest = ["affordable"]
"##
    )
}

/// Writes the starter file.
pub fn run(args: &InitArgs, quiet: bool) -> Result<ExitCode> {
    for platform in &args.platforms {
        platform.parse::<PlatformTarget>().map_err(|error| anyhow::anyhow!("--platform: {error}"))?;
    }
    let path = &args.output;
    if path.exists() && !args.force {
        bail!("`{}` already exists; use --force to overwrite it", path.display());
    }
    std::fs::write(path, starter(&args.brands, &args.platforms))
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    if !quiet {
        eprintln!("Wrote {}. Edit it, then run `postlint check` on your drafts.", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use postlint_core::{Checker, Guideline};

    #[test]
    fn starter_files_parse() {
        for (brands, platforms) in [
            (vec![], vec![]),
            (vec!["Harbor \"Health\"".to_owned(), "HHA".to_owned()], vec!["x".to_owned(), "mastodon:1000".to_owned()]),
        ] {
            let text = starter(&brands, &platforms);
            let guideline =
                Guideline::from_toml("postlint.toml", &text).unwrap_or_else(|error| panic!("{error}\n{text}"));
            Checker::new(&guideline).unwrap();
        }
    }
}
