//! Problems found in the input: a stable code, where, which field, what was found and what was
//! expected.
//!
//! Readers collect every problem in one pass and return them together; a planner fixing a
//! 3,000-row sheet wants the whole list, not one error per run. Every code is documented in
//! `docs/errors.md` (a test keeps the two in step).

use crate::catalogue::{Lang, Said, words};
use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The input cannot be used; nothing is computed.
    Error,
    /// The input is used, but a planner must look at this (it is shown in every report).
    Warning,
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $name:ident = $sev:ident ),+ $(,)?) => {
        /// A stable problem code. The spelling (`Code::as_str`) never changes once released.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[allow(non_camel_case_types)]
        pub enum Code { $( $(#[$doc])* $name ),+ }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$name),+];

            /// The code as printed, e.g. `DUPLICATE_ID`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$name => stringify!($name)),+ }
            }

            /// Whether this code is an error or a warning.
            pub fn severity(self) -> Severity {
                match self { $(Code::$name => Severity::$sev),+ }
            }
        }
    };
}

codes! {
    /// A file named by the scenario does not exist or cannot be read.
    FILE_UNREADABLE = Error,
    /// A file is not valid UTF-8 (often a GBK export from Excel).
    NOT_UTF8 = Error,
    /// A CSV file cannot be parsed (ragged rows, bad quoting).
    CSV_MALFORMED = Error,
    /// A GeoJSON file cannot be parsed or is not a FeatureCollection.
    GEOJSON_MALFORMED = Error,
    /// A TOML file cannot be parsed.
    TOML_MALFORMED = Error,
    /// A required column (CSV) or property (GeoJSON) is missing from the whole file.
    MISSING_COLUMN = Error,
    /// A required value is empty in one row or feature.
    MISSING_VALUE = Error,
    /// A value that should be a number is not one.
    NOT_A_NUMBER = Error,
    /// Text with a control character (NUL, tab, line break…) or longer than 10,000 bytes.
    BAD_TEXT = Error,
    /// A number is NaN or infinite.
    NOT_FINITE = Error,
    /// A number is zero or negative where it must be positive.
    NOT_POSITIVE = Error,
    /// A number is outside any plausible range.
    ABSURD_VALUE = Error,
    /// An id appears twice in one file.
    DUPLICATE_ID = Error,
    /// A town code that the towns file does not define.
    UNKNOWN_TOWN = Error,
    /// A town reference that names more than one town (the code of one is the name of
    /// another).
    AMBIGUOUS_TOWN = Error,
    /// A site kind that dormplan does not know.
    UNKNOWN_KIND = Error,
    /// A site status that dormplan does not know.
    UNKNOWN_STATUS = Error,
    /// A value outside its list of allowed words (expert review, booleans, CRS…).
    UNKNOWN_VALUE = Error,
    /// Coordinates outside longitude −180…180 / latitude −90…90.
    COORD_OUT_OF_RANGE = Error,
    /// A geometry that is missing, empty or of the wrong type.
    BAD_GEOMETRY = Error,
    /// Residential floor area larger than gross floor area.
    RESIDENTIAL_ABOVE_GROSS = Error,
    /// A rental conversion without `converted_from`.
    CONVERSION_WITHOUT_SOURCE = Error,
    /// A TOML key that dormplan does not know.
    UNKNOWN_KEY = Error,
    /// A TOML setting of the wrong type or out of range.
    BAD_SETTING = Error,
    /// A required TOML setting is absent.
    MISSING_SETTING = Error,
    /// A number is negative where it must be zero or more.
    NEGATIVE = Error,
    /// A number has a fractional part where a whole number is expected.
    NOT_WHOLE_NUMBER = Error,
    /// A year outside 1950–2100.
    YEAR_OUT_OF_RANGE = Error,
    /// A site whose construction started after it was completed.
    START_AFTER_COMPLETION = Error,
    /// A cost-matrix row that names a demand group or site that does not exist.
    UNKNOWN_ID = Error,
    /// Two fields that say the same thing disagree (e.g. `safety_ok` and `fire_safe`).
    CONTRADICTORY_VALUES = Error,
    /// An output file would replace one of the run's own inputs.
    OUTPUT_IS_INPUT = Error,
    /// An output file would replace a file that no earlier dormplan run wrote.
    OUTPUT_NOT_OURS = Error,
    /// A file `dormplan init` would write is already there: it never replaces one.
    FILE_EXISTS = Error,
    /// A file, a line, a count of rows or features, or a nesting depth beyond dormplan's
    /// reading limits (set with the `DORMPLAN_MAX_…` environment variables).
    TOO_LARGE = Error,
    /// Declared beds give less than the standard's floor area per person.
    OVER_OCCUPIED = Warning,
    /// A CSV column or GeoJSON property that dormplan does not read (often a misspelling).
    UNKNOWN_COLUMN = Warning,
    /// A data file with a header but no rows.
    EMPTY_FILE = Warning,
    /// A site or demand group far from the centroid of the town it names.
    FAR_FROM_TOWN = Warning,
    /// A site or demand group outside the scenario's boundary layer (`data.boundary`).
    OUTSIDE_BOUNDARY = Warning,
    /// The standard to plan at lies outside the policy's range.
    STANDARD_OUTSIDE_POLICY = Warning,
    /// An area, cost, rate or share with more decimals than dormplan keeps: rounded down, so
    /// that dormplan never counts more than the input gives and no cap can be exceeded.
    EXTRA_DECIMALS = Warning,
    /// A policy file with no `[[programme]]`: its standard is used, but `dormplan subsidy` has
    /// nothing to assess.
    NO_PROGRAMME = Warning,
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where in a file a problem is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    /// The file as a whole.
    File,
    /// A 1-based line of a CSV or TOML file.
    Line(u64),
    /// A 0-based feature index of a GeoJSON FeatureCollection.
    Feature(usize),
    /// A dotted key path in a TOML file, e.g. `allocation.cutoff_km`.
    Key(String),
    /// A dotted key path in a TOML file with the 1-based line it is on.
    KeyAt {
        /// The key path, e.g. `variant[2].standard.plan_m2_per_person`.
        key: String,
        /// The line of the key (or of its table) in the file.
        line: u64,
    },
}

impl Location {
    /// The TOML key path, for [`Location::Key`] and [`Location::KeyAt`].
    pub fn key(&self) -> Option<&str> {
        match self {
            Location::Key(k) | Location::KeyAt { key: k, .. } => Some(k),
            _ => None,
        }
    }

    /// The 1-based line, for [`Location::Line`] and [`Location::KeyAt`].
    pub fn line(&self) -> Option<u64> {
        match self {
            Location::Line(n) | Location::KeyAt { line: n, .. } => Some(*n),
            _ => None,
        }
    }
}

impl Location {
    /// The place after a file's name, in `lang`: `:17`, ` feature #3`, ` 第 17 行`…
    pub fn in_lang(&self, lang: Lang) -> String {
        match self {
            Location::File => String::new(),
            Location::Line(n) => words::AT_LINE.fill(lang, &[("n", n)]),
            Location::Feature(i) => words::AT_FEATURE.fill(lang, &[("n", i)]),
            Location::Key(k) => words::AT_KEY.fill(lang, &[("key", k)]),
            Location::KeyAt { key, line } => {
                words::AT_KEY_LINE.fill(lang, &[("n", line), ("key", key)])
            }
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_lang(Lang::En))
    }
}

/// One problem in the input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Problem {
    /// Stable code.
    pub code: Code,
    /// The file, as the user named it (or as resolved from the scenario).
    pub file: PathBuf,
    /// Where in the file.
    pub location: Location,
    /// The column, property or key concerned, when there is one.
    pub field: Option<String>,
    /// What was found (empty when nothing was).
    pub found: Said,
    /// What was expected, in words a planner can act on.
    pub expected: Said,
}

impl Problem {
    /// A problem with the given code in `file` at `location`.
    pub fn new(code: Code, file: &Path, location: Location) -> Problem {
        Problem {
            code,
            file: file.to_path_buf(),
            location,
            field: None,
            found: Said::default(),
            expected: Said::default(),
        }
    }

    /// Names the field.
    pub fn field(mut self, field: impl Into<String>) -> Problem {
        self.field = Some(field.into());
        self
    }

    /// Says what was found.
    pub fn found(mut self, found: impl Into<Said>) -> Problem {
        self.found = found.into();
        self
    }

    /// Says what was expected.
    pub fn expected(mut self, expected: impl Into<Said>) -> Problem {
        self.expected = expected.into();
        self
    }

    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
}

impl Problem {
    /// The problem in one line in `lang`: its code, file and place, field, what was found and
    /// what was expected. The code, the file, the field's name and the quoted values are the
    /// same in every language.
    pub fn line(&self, lang: Lang) -> String {
        let sev = match self.severity() {
            Severity::Error => words::SEVERITY_ERROR,
            Severity::Warning => words::SEVERITY_WARNING,
        };
        let mut s = format!(
            "{}[{}] {}{}",
            sev.get(lang),
            self.code,
            self.file.display(),
            self.location.in_lang(lang)
        );
        if let Some(field) = &self.field {
            s.push_str(&words::PROBLEM_FIELD.fill(lang, &[("field", field)]));
        }
        // In Chinese, what the code means first, then the details.
        if lang == Lang::Zh
            && let Some(meaning) = crate::catalogue::codes::code_meaning(self.code.as_str())
        {
            s.push_str(&words::PROBLEM_MEANING.fill(lang, &[("meaning", &meaning.get(lang))]));
        }
        if !self.found.is_empty() {
            let found = self.found.in_lang(lang);
            s.push_str(&words::PROBLEM_FOUND.fill(lang, &[("found", &found)]));
        }
        if !self.expected.is_empty() {
            let phrase = if self.found.is_empty() {
                words::PROBLEM_EXPECTED
            } else {
                words::PROBLEM_EXPECTED_AFTER
            };
            let expected = self.expected.in_lang(lang);
            s.push_str(&phrase.fill(lang, &[("expected", &expected)]));
        }
        s
    }
}

impl fmt::Display for Problem {
    /// `error[DUPLICATE_ID] data/sites.csv:17 field id: found "S-12"; expected a unique id`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line(Lang::En))
    }
}

/// A list of problems, errors first, in a stable order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// True when any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|p| p.severity() == Severity::Error)
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| p.severity() == Severity::Error)
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| p.severity() == Severity::Warning)
    }

    /// Adds a problem.
    pub fn push(&mut self, p: Problem) {
        self.0.push(p);
    }

    /// Problems of several scenarios as one list: each once (the data files they share raise
    /// the same ones), errors first, in file order.
    pub fn merged(problems: impl Iterator<Item = Problem>) -> Problems {
        let mut all: Vec<Problem> = problems.collect();
        all.sort();
        all.dedup();
        let mut problems = Problems(all);
        problems.sort();
        problems
    }

    /// Sorts errors before warnings, then by file and location, keeping each file's order.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (a.severity(), &a.file, &a.location).cmp(&(b.severity(), &b.file, &b.location))
        });
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.0 {
            writeln!(f, "{p}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_meaning_in_both_languages() {
        for code in Code::ALL {
            assert!(
                crate::catalogue::codes::code_meaning(code.as_str()).is_some(),
                "src/catalogue/codes.rs lacks {code}"
            );
        }
        assert_eq!(crate::catalogue::codes::ALL.len(), Code::ALL.len());
    }

    #[test]
    fn every_code_is_documented_with_its_severity() {
        let doc = include_str!("../docs/errors.md");
        for code in Code::ALL {
            let sev = match code.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let heading = format!("\n## {code} ({sev})\n");
            assert!(doc.contains(&heading), "docs/errors.md lacks {heading:?}");
            let example = format!("{sev}[{code}]");
            assert!(
                doc.contains(&example),
                "docs/errors.md has no example of {code}"
            );
        }
    }

    #[test]
    fn problems_display_where_and_what() {
        let p = Problem::new(
            Code::UNKNOWN_KEY,
            Path::new("s.toml"),
            Location::KeyAt {
                key: "allocation.cutof_km".into(),
                line: 14,
            },
        )
        .field("cutof_km")
        .found("key cutof_km")
        .expected("one of: cutoff_km");
        assert_eq!(
            p.to_string(),
            "error[UNKNOWN_KEY] s.toml:14 [allocation.cutof_km] field cutof_km: found key \
             cutof_km; expected one of: cutoff_km"
        );
    }
}
