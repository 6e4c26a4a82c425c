//! `postlint count`'s table.

use std::io::{self, Write};

use super::{Checked, Emitter, Summary};

/// A compact table per draft: platform, length/limit, remaining, hashtags, fits.
#[derive(Default)]
pub struct CountTable {
    written: usize,
}

impl Emitter for CountTable {
    fn emit(&mut self, out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
        if self.written > 0 {
            writeln!(out)?;
        }
        self.written += 1;
        let report = match &checked.outcome {
            Err(message) => return writeln!(out, "{}: error: {message}", checked.source),
            Ok(report) => report,
        };
        writeln!(out, "{}", checked.source)?;
        writeln!(
            out,
            "  {:<17} {:>13}  {:>9}  {:>8}  {:>8}  fits",
            "platform", "length/limit", "remaining", "hashtags", "mentions"
        )?;
        for metrics in &report.platforms {
            let facts = metrics.platform.facts();
            let hashtags = match facts.hashtag_cap {
                Some(cap) => format!("{}/{cap}", metrics.hashtags),
                None => metrics.hashtags.to_string(),
            };
            let over_cap = facts.hashtag_cap.filter(|cap| metrics.hashtags > *cap);
            let fits = if let Some(cap) = over_cap.filter(|_| metrics.valid) {
                format!("no: {} hashtags, at most {cap}", metrics.hashtags)
            } else if metrics.valid {
                "yes".to_owned()
            } else if metrics.remaining < 0 {
                format!("no: too long by {}", -metrics.remaining)
            } else {
                "no".to_owned()
            };
            writeln!(
                out,
                "  {:<17} {:>13}  {:>9}  {:>8}  {:>8}  {fits}",
                metrics.platform.as_str(),
                format!("{}/{}", metrics.length, metrics.limit),
                metrics.remaining,
                hashtags,
                metrics.mentions,
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}
