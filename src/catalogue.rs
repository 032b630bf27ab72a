//! Every word dormplan shows a person, in Chinese and English: one catalogue.
//!
//! A [`Phrase`](crate::catalogue::Phrase) holds both languages side by side, so that neither can be forgotten: the
//! compiler refuses a phrase without both. Phrases with figures in them name their places
//! `{like_this}`; [`Phrase::fill`](crate::catalogue::Phrase::fill) puts the figures in, and a test checks that both languages
//! name the same places. Codes (`RANGE_FULL`, `OVER_OCCUPIED`), file names, JSON keys and the
//! CSV files' English column names are not phrases: they are the same in every language so
//! that scripts can rely on them.

use std::fmt;

/// The language of what a person reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub enum Lang {
    /// English (the default: scripts and logs read the same on every machine).
    #[default]
    #[serde(rename = "en")]
    En,
    /// Chinese (简体中文).
    #[serde(rename = "zh")]
    Zh,
}

impl Lang {
    /// Parses `zh` or `en` (also `zh-CN`, `cn`, `中文`, `english`, any case).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh_cn" | "zh-hans" | "cn" | "chinese" | "中文" => Some(Lang::Zh),
            "en" | "en-us" | "en-gb" | "english" | "英文" => Some(Lang::En),
            _ => None,
        }
    }

    /// `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One thing said in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    /// The name it has in the catalogue (for tests and messages about the catalogue).
    pub key: &'static str,
    /// 中文.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

impl Phrase {
    /// The phrase in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }

    /// The phrase in `lang` with each `{name}` replaced by its value. A place the phrase does
    /// not have is left out; a place without a value stays as written (the catalogue's tests
    /// keep both from happening).
    pub fn fill(self, lang: Lang, values: &[(&str, &dyn fmt::Display)]) -> String {
        let text = self.get(lang);
        let mut out = String::with_capacity(text.len() + 16);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match values.iter().find(|(n, _)| *n == name) {
                        Some((_, v)) => out.push_str(&v.to_string()),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The names of the places (`{name}`) in `lang`, in order.
    pub fn places(self, lang: Lang) -> Vec<&'static str> {
        let mut names = Vec::new();
        let mut rest = self.get(lang);
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            names.push(&after[..close]);
            rest = &after[close + 1..];
        }
        names
    }
}

impl Phrase {
    /// The phrase with its places filled by `values`, each the same in every language (a
    /// quoted value, a number, a name).
    pub fn with(self, values: &[(&'static str, &dyn fmt::Display)]) -> Said {
        let values = values
            .iter()
            .map(|(name, v)| (*name, Said::Verbatim(v.to_string())))
            .collect();
        Said::Phrase(self, values)
    }

    /// The phrase with its places filled by things said in the reader's language.
    pub fn with_said(self, values: Vec<(&'static str, Said)>) -> Said {
        Said::Phrase(self, values)
    }
}

/// What a problem found or expected, said in the reader's language: a phrase with its values,
/// text that is the same in every language (a quoted value, a number, a file name, a parser's
/// own message), or a list of these.
///
/// Two are equal, and ordered, as their English reads: English is the order problems are
/// listed in, whatever the language.
#[derive(Debug, Clone)]
pub enum Said {
    /// The same text in every language.
    Verbatim(String),
    /// A phrase of the catalogue with the values of its places.
    Phrase(Phrase, Vec<(&'static str, Said)>),
    /// Several things, joined as the language joins a list (`a, b` or `a、b`).
    List(Vec<Said>),
}

impl Said {
    /// What is said, in `lang`.
    pub fn in_lang(&self, lang: Lang) -> String {
        match self {
            Said::Verbatim(text) => text.clone(),
            Said::Phrase(phrase, values) => {
                let values: Vec<(&str, String)> =
                    values.iter().map(|(n, v)| (*n, v.in_lang(lang))).collect();
                let values: Vec<(&str, &dyn fmt::Display)> = values
                    .iter()
                    .map(|(n, v)| (*n, v as &dyn fmt::Display))
                    .collect();
                phrase.fill(lang, &values)
            }
            Said::List(items) => items
                .iter()
                .map(|i| i.in_lang(lang))
                .collect::<Vec<_>>()
                .join(words::LIST_SEPARATOR.get(lang)),
        }
    }

    /// True when nothing is said.
    pub fn is_empty(&self) -> bool {
        match self {
            Said::Verbatim(text) => text.is_empty(),
            Said::Phrase(..) => false,
            Said::List(items) => items.iter().all(Said::is_empty),
        }
    }

    /// `text` as the phrase of `known` whose English it is, else as it is: someone else's
    /// words (the operating system's) said in the reader's language when they are known.
    pub fn known(text: String, known: &[Phrase]) -> Said {
        match known.iter().find(|p| p.en == text) {
            Some(p) => Said::from(*p),
            None => Said::Verbatim(text),
        }
    }

    /// A list of names, each the same in every language.
    pub fn names<'a>(names: impl IntoIterator<Item = &'a str>) -> Said {
        Said::List(names.into_iter().map(Said::from).collect())
    }
}

impl Default for Said {
    fn default() -> Said {
        Said::Verbatim(String::new())
    }
}

impl From<&str> for Said {
    fn from(text: &str) -> Said {
        Said::Verbatim(text.to_string())
    }
}

impl From<String> for Said {
    fn from(text: String) -> Said {
        Said::Verbatim(text)
    }
}

impl From<Phrase> for Said {
    fn from(phrase: Phrase) -> Said {
        Said::Phrase(phrase, Vec::new())
    }
}

/// In English.
impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_lang(Lang::En))
    }
}

impl PartialEq for Said {
    fn eq(&self, other: &Said) -> bool {
        self.in_lang(Lang::En) == other.in_lang(Lang::En)
    }
}

impl Eq for Said {}

impl PartialEq<str> for Said {
    fn eq(&self, other: &str) -> bool {
        self.in_lang(Lang::En) == other
    }
}

impl PartialEq<&str> for Said {
    fn eq(&self, other: &&str) -> bool {
        self.in_lang(Lang::En) == *other
    }
}

impl PartialEq<String> for Said {
    fn eq(&self, other: &String) -> bool {
        self.in_lang(Lang::En) == *other
    }
}

impl std::hash::Hash for Said {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.in_lang(Lang::En).hash(state);
    }
}

impl PartialOrd for Said {
    fn partial_cmp(&self, other: &Said) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Said {
    fn cmp(&self, other: &Said) -> std::cmp::Ordering {
        self.in_lang(Lang::En).cmp(&other.in_lang(Lang::En))
    }
}

/// Declares phrases as constants and lists them all in `ALL`.
macro_rules! phrases {
    ($( $(#[$doc:meta])* $name:ident = $zh:literal / $en:literal; )+) => {
        $(
            $(#[$doc])*
            pub const $name: Phrase = Phrase { key: stringify!($name), zh: $zh, en: $en };
        )+
        /// Every phrase of this part of the catalogue.
        pub const ALL: &[Phrase] = &[$($name),+];
    };
}

/// What each problem code means.
pub mod codes;
/// The output tables' columns.
pub mod columns;
/// The plan report's phrases.
pub mod plan;
/// What problems in the input found and expected.
pub mod problems;
/// The HTML report's phrases.
pub mod report;
/// The phrases, by where they appear.
pub mod words;

/// The phrase of `part` whose key `matches`.
fn find_phrase(part: &[Phrase], matches: impl Fn(&str) -> bool) -> Option<Phrase> {
    part.iter().find(|p| matches(p.key)).copied()
}

/// Every phrase of the catalogue.
pub fn all_phrases() -> impl Iterator<Item = Phrase> {
    words::ALL
        .iter()
        .chain(codes::ALL)
        .chain(columns::ALL)
        .chain(plan::ALL)
        .chain(problems::ALL)
        .chain(report::ALL)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_name_the_same_places() {
        for p in all_phrases() {
            let mut zh = p.places(Lang::Zh);
            let mut en = p.places(Lang::En);
            zh.sort_unstable();
            en.sort_unstable();
            assert_eq!(zh, en, "{}: places differ between zh and en", p.key);
        }
    }

    #[test]
    fn no_phrase_is_empty_or_untranslated() {
        for p in all_phrases() {
            assert!(!p.zh.trim().is_empty(), "{}: no Chinese", p.key);
            assert!(!p.en.trim().is_empty(), "{}: no English", p.key);
            // Chinese text may be a code or a unit alone (m², km); else it holds Chinese.
            assert!(
                p.zh == p.en || !p.zh.is_ascii(),
                "{}: the Chinese is English: {:?}",
                p.key,
                p.zh
            );
        }
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<&str> = all_phrases().map(|p| p.key).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(n, keys.len(), "a phrase is declared twice");
    }

    #[test]
    fn fill_puts_figures_in_their_places() {
        let p = Phrase {
            key: "T",
            zh: "{n} 人，{m} 处",
            en: "{m} sites, {n} people",
        };
        let n = 5;
        let m = "7";
        assert_eq!(p.fill(Lang::Zh, &[("n", &n), ("m", &m)]), "5 人，7 处");
        assert_eq!(
            p.fill(Lang::En, &[("n", &n), ("m", &m)]),
            "7 sites, 5 people"
        );
        assert_eq!(p.fill(Lang::En, &[("n", &n)]), "{m} sites, 5 people");
    }

    #[test]
    fn languages_parse() {
        assert_eq!(Lang::parse("ZH"), Some(Lang::Zh));
        assert_eq!(Lang::parse(" en "), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
