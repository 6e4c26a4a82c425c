//! Content calendars: CSV files with a header row, as social-media schedulers
//! import and export them and as people keep them in spreadsheets.
//!
//! Two layouts are understood:
//!
//! - **one post per row**: a text column (`Message`, `Text`, `Post`, …), and
//!   optionally a platform column (`Network`, `Platform`, …), an id and a date;
//! - **one row per day or slot, one column per platform**: no text column, but
//!   columns named after platforms (`X`, `LinkedIn`, `Instagram`, …); every
//!   non-empty cell is a post for that platform.
//!
//! Rows are read in chunks, so memory stays flat whatever the file's size.

use std::io::{BufRead, Read};

use postlint_core::{Format, PlatformTarget};

use crate::input::Input;

/// Column names a user gave on the command line (`None`: detect).
#[derive(Debug, Clone, Default)]
pub struct ColumnChoice {
    /// `--text-column`.
    pub text: Option<String>,
    /// `--platform-column`.
    pub platform: Option<String>,
    /// `--id-column`.
    pub id: Option<String>,
    /// `--date-column`.
    pub date: Option<String>,
}

/// Header names (normalized) that hold the post, in order of preference.
pub const TEXT_COLUMNS: [&str; 7] = ["message", "text", "post", "content", "caption", "body", "copy"];
/// Header names that hold the platforms.
pub const PLATFORM_COLUMNS: [&str; 8] =
    ["network", "platform", "channel", "social network", "profile", "networks", "platforms", "channels"];
/// Header names that hold an id.
pub const ID_COLUMNS: [&str; 4] = ["id", "post id", "ref", "reference"];
/// Header names that hold a date.
pub const DATE_COLUMNS: [&str; 9] = [
    "date",
    "publish date",
    "scheduled",
    "send at",
    "time",
    "date and time",
    "scheduled at",
    "publish at",
    "scheduled date",
];

/// A header or label as compared: lowercase, `_`/`-`/`.` as spaces, spaces
/// collapsed, and no decoration such as a required-field `*` at the ends.
fn normalize(name: &str) -> String {
    let lowered = name.trim_start_matches('\u{feff}').to_lowercase().replace(['_', '-', '.'], " ");
    let collapsed = lowered.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.trim_matches(|ch: char| !ch.is_alphanumeric()).to_owned()
}

/// Words that name a kind of account or post rather than the network.
const ACCOUNT_WORDS: [&str; 20] = [
    "page", "pages", "profile", "profiles", "company", "business", "account", "accounts", "group", "groups",
    "personal", "feed", "post", "posts", "reel", "reels", "story", "stories", "shorts", "creator",
];

/// The platform a calendar label names: core names (`x`, `mastodon:1000`),
/// common spellings (`Twitter`, `X (Twitter)`, `LinkedIn Page`, `FB`), or an error.
pub fn platform_from_label(label: &str) -> Result<PlatformTarget, String> {
    let label = label.trim();
    if let Ok(target) = label.parse::<PlatformTarget>() {
        return Ok(target);
    }
    // "X (Twitter)" → "X"; "Twitter/X" → "Twitter".
    let without_parentheses = match label.find('(') {
        Some(at) if at > 0 => &label[..at],
        _ => label,
    };
    for part in without_parentheses.split('/') {
        let (name, limit) = match part.split_once(':') {
            Some((name, limit)) => (name, Some(limit)),
            None => (part, None),
        };
        let words: Vec<String> =
            normalize(name).split(' ').filter(|word| !ACCOUNT_WORDS.contains(word)).map(str::to_owned).collect();
        let joined = words.concat();
        let canonical = match joined.as_str() {
            "x" | "twitter" | "xtwitter" | "twitterx" | "tweet" | "tweets" => "x",
            "linkedin" | "li" => "linkedin",
            "facebook" | "fb" => "facebook",
            "instagram" | "ig" | "insta" => "instagram",
            "bluesky" | "bsky" => "bluesky",
            "mastodon" | "fediverse" => "mastodon",
            "threads" => "threads",
            "tiktok" => "tiktok",
            "youtube" | "yt" => "youtube",
            "youtubetitle" => "youtube-title",
            "pinterest" | "pin" | "pins" => "pinterest",
            "pinteresttitle" => "pinterest-title",
            _ => continue,
        };
        let spelled = match limit {
            Some(limit) => format!("{canonical}:{limit}"),
            None => canonical.to_owned(),
        };
        return spelled.parse::<PlatformTarget>().map_err(|error| error.to_string());
    }
    Err(label.parse::<PlatformTarget>().map(|_| ()).unwrap_err().to_string())
}

/// Which columns mean what in one file.
#[derive(Debug)]
enum Layout {
    /// One post per row.
    PostPerRow { text: usize, platform: Option<usize> },
    /// One column per platform: (column, header, platform).
    ColumnPerPlatform { columns: Vec<(usize, String, PlatformTarget)> },
}

/// Reads a calendar in chunks of rows.
pub struct CalendarReader<R: Read> {
    reader: csv::Reader<R>,
    name: String,
    headers: Vec<String>,
    layout: Layout,
    id: Option<usize>,
    date: Option<usize>,
    /// Data rows read so far; the spreadsheet row of the last one is `rows + 1`.
    rows: u64,
    done: bool,
}

/// The delimiter of a calendar: `,` unless the header line has more `;` or tabs
/// (spreadsheets in many European locales save CSV with `;`).
fn sniff_delimiter(header_line: &[u8]) -> u8 {
    let count = |byte: u8| header_line.iter().filter(|&&b| b == byte).count();
    let (commas, semicolons, tabs) = (count(b','), count(b';'), count(b'\t'));
    if tabs > commas && tabs > semicolons {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

fn find_column(headers: &[String], wanted: &str, option: &str) -> Result<usize, String> {
    let wanted_normalized = normalize(wanted);
    headers.iter().position(|header| normalize(header) == wanted_normalized).ok_or_else(|| {
        format!("{option} `{wanted}`: there is no such column; the columns are: {}", list_headers(headers))
    })
}

fn detect_column(headers: &[String], candidates: &[&str], taken: &[usize]) -> Option<usize> {
    candidates.iter().find_map(|candidate| {
        headers
            .iter()
            .enumerate()
            .position(|(index, header)| !taken.contains(&index) && normalize(header) == *candidate)
    })
}

fn list_headers(headers: &[String]) -> String {
    headers.iter().map(|header| format!("`{header}`")).collect::<Vec<_>>().join(", ")
}

fn choose(
    headers: &[String],
    given: &Option<String>,
    option: &str,
    candidates: &[&str],
    taken: &[usize],
) -> Result<Option<usize>, String> {
    match given {
        Some(name) => find_column(headers, name, option).map(Some),
        None => Ok(detect_column(headers, candidates, taken)),
    }
}

impl<R: BufRead> CalendarReader<std::io::Chain<std::io::Cursor<Vec<u8>>, R>> {
    /// Reads the header row of `reader` and works out the layout. An error
    /// means the file cannot be read as a calendar at all.
    pub fn open(mut reader: R, name: String, choice: &ColumnChoice) -> Result<Self, String> {
        let mut first_line = Vec::new();
        reader.read_until(b'\n', &mut first_line).map_err(|error| format!("cannot read: {error}"))?;
        if first_line.iter().all(u8::is_ascii_whitespace) {
            return Err("empty calendar: expected a header row, such as `Date,Network,Message`".to_owned());
        }
        let delimiter = sniff_delimiter(&first_line);
        let mut csv_reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(false)
            .from_reader(std::io::Cursor::new(first_line).chain(reader));
        let headers: Vec<String> = csv_reader
            .byte_headers()
            .map_err(|error| format!("cannot read the header row: {error}"))?
            .iter()
            .map(|header| String::from_utf8_lossy(header).trim_start_matches('\u{feff}').trim().to_owned())
            .collect();
        let text = choose(&headers, &choice.text, "--text-column", &TEXT_COLUMNS, &[])?;
        let layout = match text {
            Some(text) => {
                let platform = choose(&headers, &choice.platform, "--platform-column", &PLATFORM_COLUMNS, &[text])?;
                Layout::PostPerRow { text, platform }
            }
            None => {
                let columns: Vec<(usize, String, PlatformTarget)> = headers
                    .iter()
                    .enumerate()
                    .filter_map(|(index, header)| {
                        platform_from_label(header).ok().map(|target| (index, header.clone(), target))
                    })
                    .collect();
                if columns.is_empty() {
                    return Err(format!(
                        "no column holds the posts: expected one named {} (or --text-column NAME), or one column \
                         per platform such as `X`, `LinkedIn`, `Instagram`; the columns are: {}",
                        TEXT_COLUMNS.join(", "),
                        list_headers(&headers)
                    ));
                }
                Layout::ColumnPerPlatform { columns }
            }
        };
        let mut taken: Vec<usize> = match &layout {
            Layout::PostPerRow { text, platform } => [Some(*text), *platform].into_iter().flatten().collect(),
            Layout::ColumnPerPlatform { columns } => columns.iter().map(|(index, _, _)| *index).collect(),
        };
        let id = choose(&headers, &choice.id, "--id-column", &ID_COLUMNS, &taken)?;
        taken.extend(id);
        let date = choose(&headers, &choice.date, "--date-column", &DATE_COLUMNS, &taken)?;
        Ok(CalendarReader { reader: csv_reader, name, headers, layout, id, date, rows: 0, done: false })
    }
}

fn cell_text(record: &csv::ByteRecord, index: usize, header: &str) -> Result<String, String> {
    let bytes = record.get(index).unwrap_or_default();
    String::from_utf8(bytes.to_vec()).map_err(|error| {
        format!(
            "invalid UTF-8 in column `{header}` at byte offset {} of the cell; save the calendar as UTF-8",
            error.utf8_error().valid_up_to()
        )
    })
}

impl<R: Read> CalendarReader<R> {
    /// A short description of the layout found, for `--verbose`.
    pub fn describe(&self) -> String {
        let name = |index: Option<usize>| index.map_or("none".to_owned(), |index| format!("`{}`", self.headers[index]));
        let layout = match &self.layout {
            Layout::PostPerRow { text, platform } => {
                format!("one post per row: text {}, platform {}", name(Some(*text)), name(*platform))
            }
            Layout::ColumnPerPlatform { columns } => format!(
                "one column per platform: {}",
                columns.iter().map(|(_, header, _)| format!("`{header}`")).collect::<Vec<_>>().join(", ")
            ),
        };
        format!("{}: {layout}, id {}, date {}", self.name, name(self.id), name(self.date))
    }

    /// The inputs of the next rows, up to about `size`; empty at the end.
    pub fn next_chunk(&mut self, size: usize) -> Vec<Input> {
        let mut chunk = Vec::new();
        let mut record = csv::ByteRecord::new();
        while !self.done && chunk.len() < size {
            match self.reader.read_byte_record(&mut record) {
                Ok(false) => self.done = true,
                Ok(true) => {
                    self.rows += 1;
                    if record.iter().all(|cell| cell.iter().all(u8::is_ascii_whitespace)) {
                        continue;
                    }
                    let line = record.position().map_or(0, |position| position.line());
                    chunk.extend(self.row_inputs(&record, line));
                }
                Err(error) => {
                    self.rows += 1;
                    let row = self.rows + 1;
                    let line = error.position().map_or(0, |position| position.line());
                    let message = match error.kind() {
                        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => format!(
                            "malformed row: it has {len} field{} but the header has {expected_len}; check for an \
                             unquoted delimiter or a missing quote",
                            if *len == 1 { "" } else { "s" }
                        ),
                        csv::ErrorKind::Io(error) => {
                            self.done = true;
                            format!("cannot read: {error}")
                        }
                        _ => format!("malformed row: {error}"),
                    };
                    chunk.push(Input::failed(format!("{}:{row}", self.name), message).in_batch(&self.name, line));
                }
            }
        }
        chunk
    }

    fn optional_cell(&self, record: &csv::ByteRecord, index: Option<usize>) -> Option<String> {
        let index = index?;
        let text = String::from_utf8_lossy(record.get(index)?).trim().to_owned();
        (!text.is_empty()).then_some(text)
    }

    fn row_inputs(&self, record: &csv::ByteRecord, line: u64) -> Vec<Input> {
        let row = self.rows + 1;
        let id = self.optional_cell(record, self.id).map(serde_json::Value::String);
        let date = self.optional_cell(record, self.date);
        let finish = |mut input: Input| {
            input.id = id.clone();
            input.date = date.clone();
            input.in_batch(&self.name, line)
        };
        match &self.layout {
            Layout::PostPerRow { text, platform } => {
                let source = format!("{}:{row}", self.name);
                let mut input = Input::new(source, cell_text(record, *text, &self.headers[*text]), Format::Text);
                if let Some(platform) = platform {
                    let cell = String::from_utf8_lossy(record.get(*platform).unwrap_or_default()).into_owned();
                    for label in cell.split([',', ';', '|']).map(str::trim).filter(|label| !label.is_empty()) {
                        match platform_from_label(label) {
                            Ok(target) => input.platforms.push(target),
                            Err(error) => {
                                input.text = Err(format!("column `{}`: {error}", self.headers[*platform]));
                                break;
                            }
                        }
                    }
                }
                vec![finish(input)]
            }
            Layout::ColumnPerPlatform { columns } => columns
                .iter()
                .filter(|(index, _, _)| {
                    record.get(*index).is_some_and(|cell| !cell.iter().all(u8::is_ascii_whitespace))
                })
                .map(|(index, header, target)| {
                    let source = format!("{}:{row}[{header}]", self.name);
                    let mut input = Input::new(source, cell_text(record, *index, header), Format::Text);
                    input.platforms.push(*target);
                    finish(input)
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use postlint_core::Platform;

    fn read(data: &str, choice: &ColumnChoice) -> Result<Vec<Input>, String> {
        let mut reader = CalendarReader::open(data.as_bytes(), "cal.csv".into(), choice)?;
        let mut all = Vec::new();
        loop {
            let chunk = reader.next_chunk(2);
            if chunk.is_empty() {
                return Ok(all);
            }
            all.extend(chunk);
        }
    }

    #[test]
    fn labels_name_platforms() {
        let platform = |label: &str| platform_from_label(label).map(|target| target.platform);
        assert_eq!(platform("Twitter"), Ok(Platform::X));
        assert_eq!(platform("X (Twitter)"), Ok(Platform::X));
        assert_eq!(platform("Twitter/X"), Ok(Platform::X));
        assert_eq!(platform("LinkedIn Page"), Ok(Platform::Linkedin));
        assert_eq!(platform("linkedin_company"), Ok(Platform::Linkedin));
        assert_eq!(platform("Facebook Page"), Ok(Platform::Facebook));
        assert_eq!(platform("Instagram Business"), Ok(Platform::Instagram));
        assert_eq!(platform("YouTube Title"), Ok(Platform::YoutubeTitle));
        assert_eq!(platform_from_label("Mastodon:1000").unwrap().limit, Some(1000));
        assert!(platform("Myspace").unwrap_err().contains("unknown platform `Myspace`"));
    }

    #[test]
    fn post_per_row_with_detected_columns() {
        let data = "\u{feff}Post ID,Publish Date,Social Network,Message\n\
                    a1,2025-03-01,Twitter;LinkedIn Page,Hey guys\n\
                    a2,2025-03-02,,\"Multi\nline\"\n\
                    ,,,\n\
                    a3,2025-03-03,Myspace,hi\n\
                    a4,oops\n\
                    a5,2025-03-05,x,last\n";
        let inputs = read(data, &ColumnChoice::default()).unwrap();
        let sources: Vec<&str> = inputs.iter().map(|input| input.source.as_str()).collect();
        assert_eq!(sources, ["cal.csv:2", "cal.csv:3", "cal.csv:5", "cal.csv:6", "cal.csv:7"]);
        assert_eq!(inputs[0].id, Some(serde_json::json!("a1")));
        assert_eq!(inputs[0].date.as_deref(), Some("2025-03-01"));
        assert_eq!(inputs[0].platforms.len(), 2);
        assert_eq!(inputs[1].text.as_deref(), Ok("Multi\nline"));
        assert_eq!(inputs[1].batch.as_ref().unwrap().line, 3);
        assert!(inputs[2].text.as_ref().unwrap_err().contains("column `Social Network`: unknown platform `Myspace`"));
        assert!(inputs[3]
            .text
            .as_ref()
            .unwrap_err()
            .starts_with("malformed row: it has 2 fields but the header has 4"));
        assert_eq!(inputs[4].text.as_deref(), Ok("last"));
        assert_eq!(inputs[4].batch.as_ref().unwrap().line, 8, "line numbers count the multi-line cell");
    }

    #[test]
    fn one_column_per_platform() {
        let data = "Date;X;LinkedIn;Notes\n2025-03-01;Short post;;ignored\n2025-03-02;;Longer post;\n";
        let inputs = read(data, &ColumnChoice::default()).unwrap();
        let sources: Vec<&str> = inputs.iter().map(|input| input.source.as_str()).collect();
        assert_eq!(sources, ["cal.csv:2[X]", "cal.csv:3[LinkedIn]"]);
        assert_eq!(inputs[1].platforms[0].platform, Platform::Linkedin);
        assert_eq!(inputs[1].date.as_deref(), Some("2025-03-02"));
    }

    #[test]
    fn explicit_columns_and_errors() {
        let choice = ColumnChoice { text: Some("Body Copy".into()), ..ColumnChoice::default() };
        let inputs = read("When,Body copy\nmonday,Hello\n", &choice).unwrap();
        assert_eq!(inputs[0].text.as_deref(), Ok("Hello"));
        let missing = ColumnChoice { text: Some("Tweet".into()), ..ColumnChoice::default() };
        assert!(read("When,Body\n", &missing).unwrap_err().contains("--text-column `Tweet`: there is no such column"));
        assert!(read("When,Notes\n1,2\n", &ColumnChoice::default())
            .unwrap_err()
            .starts_with("no column holds the posts"));
        assert!(read("", &ColumnChoice::default()).unwrap_err().starts_with("empty calendar"));
    }

    #[test]
    fn invalid_utf8_is_a_per_row_error() {
        let data = b"Message\nok\nbad \xff\n".to_vec();
        let mut reader = CalendarReader::open(&data[..], "cal.csv".into(), &ColumnChoice::default()).unwrap();
        let inputs = reader.next_chunk(10);
        assert_eq!(inputs[0].text.as_deref(), Ok("ok"));
        assert!(inputs[1].text.as_ref().unwrap_err().contains("invalid UTF-8 in column `Message` at byte offset 4"));
    }
}
