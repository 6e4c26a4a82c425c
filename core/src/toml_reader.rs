//! Reading guideline and pack files from the TOML parser's spanned tree into
//! our own types, by hand.
//!
//! Each value is read with the key path that leads to it, so every error
//! names the file, line, column and key without parsing the file again. And
//! no generic deserializer is compiled in: serde's visitors and the TOML
//! deserializer were about a sixth of the WebAssembly module's code.

use std::ops::Range;

use serde_spanned::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{GuidelineError, SourceFile};

/// Parses `file` as a TOML document; a syntax error names where it is.
pub(crate) fn parse(file: &SourceFile) -> Result<Spanned<DeTable<'_>>, GuidelineError> {
    DeTable::parse(&file.text).map_err(|error| {
        let offset = error.span().map(|span| span.start);
        file.error_at(offset, None, error.message().trim())
    })
}

/// A table being read: its entries and the key path that leads to it.
pub(crate) struct Fields<'a, 'i> {
    file: &'a SourceFile,
    table: &'a DeTable<'i>,
    path: String,
    /// Where errors about the table as a whole (a missing key) point.
    start: usize,
}

impl<'a, 'i> Fields<'a, 'i> {
    /// The document's root table, which may hold only the keys in `allowed`.
    pub(crate) fn root(
        file: &'a SourceFile,
        document: &'a Spanned<DeTable<'i>>,
        allowed: &[&str],
    ) -> Result<Self, GuidelineError> {
        Fields::checked(file, document.get_ref(), String::new(), 0, allowed)
    }

    fn checked(
        file: &'a SourceFile,
        table: &'a DeTable<'i>,
        path: String,
        start: usize,
        allowed: &[&str],
    ) -> Result<Self, GuidelineError> {
        let fields = Fields { file, table, path, start };
        // The first unknown key as written, not in the table's (alphabetical) order.
        let unknown = table
            .iter()
            .filter(|(key, _)| !allowed.contains(&key.get_ref().as_ref()))
            .min_by_key(|(key, _)| key.span().start);
        if let Some((key, _)) = unknown {
            let name = key.get_ref();
            let expected = allowed.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ");
            let hint = crate::suggest::closest(name, allowed.iter().copied())
                .map(|best| format!("; did you mean `{best}`?"))
                .unwrap_or_default();
            return Err(fields.file.error_at(
                Some(key.span().start),
                Some(join_path(&fields.path, name)),
                format!("unknown field `{name}`, expected one of {expected}{hint}"),
            ));
        }
        Ok(fields)
    }

    /// The value of `name`, if the table has it.
    pub(crate) fn get(&self, name: &str) -> Option<Item<'a, 'i>> {
        let (key, value) = self.table.get_key_value(name)?;
        Some(Item { file: self.file, path: join_path(&self.path, name), key_start: key.span().start, value })
    }

    /// A string that must be there.
    pub(crate) fn required_string(&self, name: &str) -> Result<Spanned<String>, GuidelineError> {
        match self.get(name) {
            Some(item) => item.string(),
            None => Err(self.file.error_at(
                Some(self.start),
                (!self.path.is_empty()).then(|| self.path.clone()),
                format!("missing field `{name}`"),
            )),
        }
    }

    /// A string, if the key is there.
    pub(crate) fn string(&self, name: &str) -> Result<Option<Spanned<String>>, GuidelineError> {
        self.get(name).map(|item| item.string()).transpose()
    }

    /// A list of strings; none when the key is not there.
    pub(crate) fn strings(&self, name: &str) -> Result<Vec<Spanned<String>>, GuidelineError> {
        Ok(self.get(name).map(|item| item.strings()).transpose()?.unwrap_or_default())
    }

    /// A list of strings without their positions; none when the key is not there.
    pub(crate) fn plain_strings(&self, name: &str) -> Result<Vec<String>, GuidelineError> {
        Ok(self.strings(name)?.into_iter().map(Spanned::into_inner).collect())
    }

    /// `true` or `false`, if the key is there.
    pub(crate) fn bool(&self, name: &str) -> Result<Option<bool>, GuidelineError> {
        self.get(name).map(|item| item.bool()).transpose()
    }

    /// A sub-table, if the key is there, which may hold only the keys in `allowed`.
    pub(crate) fn table(&self, name: &str, allowed: &[&str]) -> Result<Option<Fields<'a, 'i>>, GuidelineError> {
        self.get(name).map(|item| item.table(allowed)).transpose()
    }
}

/// One value being read, with the key path that leads to it.
pub(crate) struct Item<'a, 'i> {
    file: &'a SourceFile,
    /// The key path, such as `rules[2].terms` or `hashtags.max.x`.
    path: String,
    /// Where the key was written (for an array element, the element itself).
    key_start: usize,
    value: &'a Spanned<DeValue<'i>>,
}

impl<'a, 'i> Item<'a, 'i> {
    /// Where the value was written.
    pub(crate) fn span(&self) -> Range<usize> {
        self.value.span()
    }

    /// An error at the key (for an array element, at the element).
    pub(crate) fn key_error(&self, message: impl Into<String>) -> GuidelineError {
        self.file.error_at(Some(self.key_start), Some(self.path.clone()), message)
    }

    /// The value, as parsed.
    pub(crate) fn value(&self) -> &'a DeValue<'i> {
        self.value.get_ref()
    }

    /// An error at the value.
    pub(crate) fn error(&self, message: impl Into<String>) -> GuidelineError {
        self.file.error_at(Some(self.span().start), Some(self.path.clone()), message)
    }

    /// An error for a value of the wrong kind.
    pub(crate) fn invalid_type(&self, expected: &str) -> GuidelineError {
        self.error(format!("invalid type: expected {expected}, found {}", describe(self.value())))
    }

    /// A string.
    pub(crate) fn string(&self) -> Result<Spanned<String>, GuidelineError> {
        spanned_string(self.value).ok_or_else(|| self.invalid_type("a string"))
    }

    /// `true` or `false`.
    pub(crate) fn bool(&self) -> Result<bool, GuidelineError> {
        match self.value() {
            DeValue::Boolean(value) => Ok(*value),
            _ => Err(self.invalid_type("true or false")),
        }
    }

    /// A whole number of zero or more.
    pub(crate) fn count(&self) -> Result<usize, GuidelineError> {
        match self.value() {
            DeValue::Integer(integer) => usize::from_str_radix(integer.as_str(), integer.radix())
                .map_err(|_| self.error(format!("expected a whole number of zero or more, found {integer}"))),
            _ => Err(self.invalid_type("a whole number")),
        }
    }

    /// The elements of an array, each with its index in the key path.
    pub(crate) fn elements(&self, expected: &str) -> Result<Vec<Item<'a, 'i>>, GuidelineError> {
        match self.value() {
            DeValue::Array(array) => {
                Ok(array.iter().enumerate().map(|(index, value)| self.element(index, value)).collect())
            }
            _ => Err(self.invalid_type(expected)),
        }
    }

    /// Element `index` of this array, `value`.
    fn element(&self, index: usize, value: &'a Spanned<DeValue<'i>>) -> Item<'a, 'i> {
        Item { file: self.file, path: indexed_path(&self.path, index), key_start: value.span().start, value }
    }

    /// A list of strings. Most lists hold nothing else: an element's key
    /// path is made only for an error.
    pub(crate) fn strings(&self) -> Result<Vec<Spanned<String>>, GuidelineError> {
        let DeValue::Array(array) = self.value() else {
            return Err(self.invalid_type("a list of strings"));
        };
        array
            .iter()
            .enumerate()
            .map(|(index, value)| {
                spanned_string(value).ok_or_else(|| self.element(index, value).invalid_type("a string"))
            })
            .collect()
    }

    /// One string or a list of them.
    pub(crate) fn string_or_strings(&self) -> Result<Vec<String>, GuidelineError> {
        Ok(self.spanned_string_or_strings()?.into_iter().map(Spanned::into_inner).collect())
    }

    /// One string or a list of them, with where each was written.
    pub(crate) fn spanned_string_or_strings(&self) -> Result<Vec<Spanned<String>>, GuidelineError> {
        match self.value() {
            DeValue::String(_) => Ok(vec![self.string()?]),
            DeValue::Array(_) => self.strings(),
            _ => Err(self.invalid_type("a string or a list of strings")),
        }
    }

    /// A table, which may hold only the keys in `allowed`.
    pub(crate) fn table(&self, allowed: &[&str]) -> Result<Fields<'a, 'i>, GuidelineError> {
        match self.value() {
            DeValue::Table(table) => Fields::checked(self.file, table, self.path.clone(), self.key_start, allowed),
            _ => Err(self.invalid_type("a table")),
        }
    }

    /// The entries of a table whose keys are names of our users' choosing
    /// (phrases, platforms, rule ids), in key order.
    pub(crate) fn entries(&self, expected: &str) -> Result<Vec<(Spanned<String>, Item<'a, 'i>)>, GuidelineError> {
        match self.value() {
            DeValue::Table(table) => Ok(table
                .iter()
                .map(|(key, value)| {
                    let name = key.get_ref().to_string();
                    let item = Item {
                        file: self.file,
                        path: join_path(&self.path, &name),
                        key_start: key.span().start,
                        value,
                    };
                    (Spanned::new(key.span(), name), item)
                })
                .collect()),
            _ => Err(self.invalid_type(expected)),
        }
    }
}

/// The string `value` holds, with where it was written; `None` for another kind.
fn spanned_string(value: &Spanned<DeValue<'_>>) -> Option<Spanned<String>> {
    match value.get_ref() {
        DeValue::String(text) => Some(Spanned::new(value.span(), text.to_string())),
        _ => None,
    }
}

/// `parent.name`, with `name` quoted when it is not a bare TOML key.
///
/// A path is made for every value read, though only errors show it, so its
/// parts are pushed together rather than formatted: `format!` took a tenth
/// of the instructions of a process's first checker (the packs hold 4,000 values).
fn join_path(parent: &str, name: &str) -> String {
    let bare =
        !name.is_empty() && name.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-');
    let mut path = String::with_capacity(parent.len() + name.len() + 3);
    path.push_str(parent);
    if !parent.is_empty() {
        path.push('.');
    }
    if bare {
        path.push_str(name);
    } else {
        path.push_str(&format!("{name:?}"));
    }
    path
}

/// `parent[index]`.
fn indexed_path(parent: &str, index: usize) -> String {
    let index = index.to_string();
    let mut path = String::with_capacity(parent.len() + index.len() + 2);
    path.push_str(parent);
    path.push('[');
    path.push_str(&index);
    path.push(']');
    path
}

/// What a value is, for type errors: `the string "yes"`, `a table`.
fn describe(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(text) if text.chars().count() <= 40 => format!("the string {:?}", text.as_ref()),
        DeValue::String(_) => "a string".to_owned(),
        DeValue::Integer(integer) => format!("the number {integer}"),
        DeValue::Float(float) => format!("the number {float}"),
        DeValue::Boolean(value) => format!("`{value}`"),
        DeValue::Datetime(_) => "a date".to_owned(),
        DeValue::Array(_) => "a list".to_owned(),
        DeValue::Table(_) => "a table".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T>(
        text: &str,
        reader: impl for<'a, 'i> FnOnce(&Fields<'a, 'i>) -> Result<T, GuidelineError>,
    ) -> Result<T, String> {
        let file = SourceFile::new("t.toml", text);
        let document = parse(&file).map_err(|error| error.to_string())?;
        let fields = Fields::root(&file, &document, &["a", "b", "list", "flag", "table", "map"])
            .map_err(|error| error.to_string())?;
        reader(&fields).map_err(|error| error.to_string())
    }

    #[test]
    fn values_are_read_with_their_positions() {
        let value = read("a = \"one\"\nlist = [\"x\", 'y']\nflag = true", |fields| {
            let a = fields.required_string("a")?;
            Ok((a.span(), a.into_inner(), fields.plain_strings("list")?, fields.bool("flag")?, fields.string("b")?))
        });
        assert_eq!(value.unwrap(), (4..9, "one".to_owned(), vec!["x".to_owned(), "y".to_owned()], Some(true), None));
    }

    #[test]
    fn paths_quote_keys_that_are_not_bare() {
        assert_eq!(join_path("", "severity"), "severity");
        assert_eq!(join_path("severity", "inclusion.slur"), "severity.\"inclusion.slur\"");
        assert_eq!(join_path("hashtags.max", "x"), "hashtags.max.x");
        assert_eq!(join_path("terms", ""), "terms.\"\"");
        assert_eq!(indexed_path("rules", 0), "rules[0]");
        assert_eq!(indexed_path("rules[12].terms", 305), "rules[12].terms[305]");
    }

    #[test]
    fn errors_name_the_key_path_and_position() {
        assert_eq!(
            read("zzz = 1", |_| Ok(())).unwrap_err(),
            "t.toml:1:1: key `zzz`: unknown field `zzz`, expected one of `a`, `b`, `list`, `flag`, `table`, `map`"
        );
        assert_eq!(
            read("flg = 1", |_| Ok(())).unwrap_err(),
            "t.toml:1:1: key `flg`: unknown field `flg`, expected one of `a`, `b`, `list`, `flag`, `table`, `map`; \
             did you mean `flag`?"
        );
        assert!(read("zzz = 1\nyyy = 2", |_| Ok(())).unwrap_err().starts_with("t.toml:1:1: key `zzz`"));
        assert_eq!(read("b = 1", |fields| fields.required_string("a")).unwrap_err(), "t.toml:1:1: missing field `a`");
        assert_eq!(
            read("flag = \"yes\"", |fields| fields.bool("flag")).unwrap_err(),
            "t.toml:1:8: key `flag`: invalid type: expected true or false, found the string \"yes\""
        );
        assert_eq!(
            read("list = [\"x\",\n  3]", |fields| fields.strings("list")).unwrap_err(),
            "t.toml:2:3: key `list[1]`: invalid type: expected a string, found the number 3"
        );
        assert_eq!(
            read("[table]\nxyzzy = 1", |fields| fields.table("table", &["y"]).map(|_| ())).unwrap_err(),
            "t.toml:2:1: key `table.xyzzy`: unknown field `xyzzy`, expected one of `y`"
        );
        assert_eq!(
            read("[table]\ny = 1", |fields| fields.table("table", &["y"])?.unwrap().required_string("z")).unwrap_err(),
            "t.toml:1:2: key `table`: missing field `z`"
        );
        assert!(read("a = [", |_| Ok(())).unwrap_err().starts_with("t.toml:1:"));
    }

    #[test]
    fn entries_quote_keys_that_are_not_bare() {
        let paths = read("[map]\n\"a.b\" = 1\nplain = 2\n\"two words\" = 3", |fields| {
            let item = fields.get("map").unwrap();
            Ok(item.entries("a table")?.into_iter().map(|(_, item)| item.path).collect::<Vec<_>>())
        });
        assert_eq!(paths.unwrap(), ["map.\"a.b\"", "map.plain", "map.\"two words\""]);
    }

    #[test]
    fn counts_and_one_or_many() {
        let value = read("a = 0x10\nb = \"one\"\nlist = [\"x\", \"y\"]", |fields| {
            Ok((
                fields.get("a").unwrap().count()?,
                fields.get("b").unwrap().string_or_strings()?,
                fields.get("list").unwrap().string_or_strings()?,
            ))
        });
        assert_eq!(value.unwrap(), (16, vec!["one".to_owned()], vec!["x".to_owned(), "y".to_owned()]));
        assert!(read("a = -1", |fields| fields.get("a").unwrap().count())
            .unwrap_err()
            .contains("expected a whole number of zero or more, found -1"));
        assert!(read("a = 1.5", |fields| fields.get("a").unwrap().string_or_strings())
            .unwrap_err()
            .contains("expected a string or a list of strings, found the number 1.5"));
    }
}
