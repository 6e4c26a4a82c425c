//! The Rust half of `Checker.check`'s result: numbers in one array and text
//! in one string, which `decodeResult` in `result.js` turns into the plain
//! objects of the API. Serializing to JSON and parsing it cost several times
//! the check itself on a short post; this costs a fraction of it.

use postlint_core::{Category, Diagnostic, LengthUnit, Locator, Platform, Report, Severity};

/// One unit for each name units are shown with.
const UNITS: [LengthUnit; 5] =
    [LengthUnit::Weighted, LengthUnit::Graphemes, LengthUnit::ThreadsCharacters, LengthUnit::Utf16, LengthUnit::Bytes];

/// The names a result repeats on every check (categories, severities,
/// platforms, units), which `decodeResult` keeps in one list instead of
/// slicing them out of the string each time. [`CompactResult`] writes the
/// one at `index` as `-1 - index`.
pub fn names() -> impl Iterator<Item = &'static str> {
    Category::ALL
        .into_iter()
        .map(Category::as_str)
        .chain(Severity::ALL.into_iter().map(Severity::as_str))
        .chain(Platform::ALL.into_iter().map(Platform::as_str))
        .chain(UNITS.into_iter().map(LengthUnit::as_str))
}

/// Where `unit`'s name is in [`UNITS`]: Mastodon's graphemes are shown as
/// graphemes, so they share that name. Compares units, not their names,
/// since this runs for every platform of every check.
fn unit_index(unit: LengthUnit) -> Option<usize> {
    let shown_as = if unit == LengthUnit::MastodonGraphemes { LengthUnit::Graphemes } else { unit };
    UNITS.iter().position(|&known| known == shown_as)
}

/// Where `value` is in `list`, past the `offset` names of the lists before it.
fn name_index<T: PartialEq>(list: &[T], value: &T, offset: usize) -> Option<usize> {
    list.iter().position(|item| item == value).map(|index| offset + index)
}

/// A check's result, flattened. `decodeResult` reads the fields in the order
/// [`CompactResult::write_report`] writes them.
#[derive(Default)]
pub struct CompactResult {
    /// Counts, offsets, flags; `-1` for an absent optional number.
    pub numbers: Vec<f64>,
    /// Every string, one after another; each one's length in UTF-16 units is in `numbers`.
    pub strings: String,
}

impl CompactResult {
    fn number(&mut self, value: usize) {
        self.numbers.push(value as f64);
    }

    fn optional(&mut self, value: Option<usize>) {
        self.numbers.push(value.map_or(-1.0, |value| value as f64));
    }

    fn flag(&mut self, value: bool) {
        self.numbers.push(if value { 1.0 } else { 0.0 });
    }

    fn string(&mut self, value: &str) {
        // JavaScript slices the joined string in UTF-16 units.
        self.number(postlint_core::utf16_len(value));
        self.strings.push_str(value);
    }

    /// One of [`names`] by its index, or as text if it is not one.
    fn name(&mut self, index: Option<usize>, text: &str) {
        match index {
            Some(index) => self.numbers.push(-1.0 - index as f64),
            None => self.string(text),
        }
    }

    fn strings<'s>(&mut self, values: impl ExactSizeIterator<Item = &'s str>) {
        self.number(values.len());
        for value in values {
            self.string(value);
        }
    }

    fn diagnostic(&mut self, diagnostic: &Diagnostic, locator: &Locator) {
        self.string(&diagnostic.rule);
        let severities = Category::ALL.len();
        self.name(name_index(&Category::ALL, &diagnostic.category, 0), diagnostic.category.as_str());
        self.name(name_index(&Severity::ALL, &diagnostic.severity, severities), diagnostic.severity.as_str());
        self.string(&diagnostic.message);
        self.string(&diagnostic.help);
        let (line, column) = locator.line_column(diagnostic.span.start);
        let (end_line, end_column) = locator.line_column(diagnostic.span.end);
        for value in [
            locator.offset(diagnostic.span.start),
            locator.offset(diagnostic.span.end),
            line,
            column,
            end_line,
            end_column,
        ] {
            self.number(value);
        }
        self.number(diagnostic.fixes.len());
        for fix in &diagnostic.fixes {
            self.string(&fix.title);
            self.flag(fix.safe);
            self.number(fix.edits.len());
            for edit in &fix.edits {
                self.number(locator.offset(edit.span.start));
                self.number(locator.offset(edit.span.end));
                self.string(&edit.replacement);
            }
        }
    }

    /// Writes a whole report, offsets converted by `locator`.
    pub fn write_report(&mut self, report: &Report, locator: &Locator) {
        self.numbers.clear();
        self.strings.clear();
        self.number(report.diagnostics.len());
        for diagnostic in &report.diagnostics {
            self.diagnostic(diagnostic, locator);
        }
        self.number(report.platforms.len());
        for metrics in &report.platforms {
            let platforms = Category::ALL.len() + Severity::ALL.len();
            self.name(name_index(&Platform::ALL, &metrics.platform, platforms), metrics.platform.as_str());
            let units = platforms + Platform::ALL.len();
            self.name(unit_index(metrics.unit).map(|index| units + index), metrics.unit.as_str());
            self.number(metrics.length);
            self.number(metrics.limit);
            self.numbers.push(metrics.remaining as f64);
            self.flag(metrics.valid);
            self.number(metrics.hashtags);
            self.number(metrics.mentions);
            self.number(metrics.links);
            self.optional(metrics.fold().map(|fold| locator.offset(fold)));
            self.optional(metrics.bytes());
        }
        let entities = &report.entities;
        self.strings(entities.hashtags());
        self.strings(entities.mentions());
        self.strings(entities.urls());
        self.strings(entities.cashtags());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_is_found_under_its_own_name() {
        let all = [
            LengthUnit::Weighted,
            LengthUnit::Graphemes,
            LengthUnit::MastodonGraphemes,
            LengthUnit::ThreadsCharacters,
            LengthUnit::Utf16,
            LengthUnit::Bytes,
        ];
        for unit in all {
            let index = unit_index(unit).expect("every unit has a shown name");
            assert_eq!(UNITS[index].as_str(), unit.as_str(), "{unit:?}");
        }
    }
}
