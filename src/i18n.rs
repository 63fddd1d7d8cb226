//! The words ketluan says to people, in Vietnamese and English.
//!
//! Every user-facing text is a message of a Project Fluent catalogue, one per
//! language (`locales/<lang>/ketluan.ftl`, embedded in the binary): plurals and
//! arguments are Fluent's, never pasted together here. Code names a message by its
//! id through [`tr`] or the [`t!`](crate::t) macro; a test checks that every id used
//! in the source is in both catalogues and that both have the same ids.
//!
//! The language is chosen once, at the edge (the CLI), with [`set`]; until then it is
//! English, the language of the code and of library callers' tests.

use std::borrow::Cow;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use crate::config::Language;

/// The catalogues' text, as written in the repository.
pub const CATALOGUES: [(Language, &str); 2] = [
    (Language::Vi, include_str!("../locales/vi/ketluan.ftl")),
    (Language::En, include_str!("../locales/en/ketluan.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<[Bundle; 2]> =
    LazyLock::new(|| CATALOGUES.map(|(lang, text)| bundle(lang, text)));

fn bundle(lang: Language, text: &str) -> Bundle {
    let id = lang.code().parse().expect("a valid language identifier");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Fluent wraps arguments in Unicode isolation marks, meant for right-to-left
    // scripts; a terminal prints them as garbage.
    bundle.set_use_isolating(false);
    // The catalogues ship inside the binary: a syntax error is a bug that the
    // catalogue tests catch, so the entries that parsed are used.
    let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r);
    let _ = bundle.add_resource(resource);
    bundle
}

fn index(lang: Language) -> usize {
    match lang {
        Language::Vi => 0,
        Language::En => 1,
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(1);

/// Chooses the language of everything printed from now on.
pub fn set(lang: Language) {
    CURRENT.store(index(lang) as u8, Ordering::Relaxed);
}

/// The language chosen by [`set`]; English until then.
pub fn current() -> Language {
    match CURRENT.load(Ordering::Relaxed) {
        0 => Language::Vi,
        _ => Language::En,
    }
}

/// Message `id` in `lang`, with `args`. A message missing from the catalogue (which
/// the tests forbid) falls back to English, then to its id.
pub fn tr_in(lang: Language, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let (message_id, attribute) = match id.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (id, None),
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.to_fluent());
    }
    for lang in [lang, Language::En] {
        let bundle = &BUNDLES[index(lang)];
        let Some(message) = bundle.get_message(message_id) else {
            continue;
        };
        let pattern = match attribute {
            Some(a) => message.get_attribute(a).map(|a| a.value()),
            None => message.value(),
        };
        if let Some(pattern) = pattern {
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            debug_assert!(errors.is_empty(), "message {id}: {errors:?}");
            return text.into_owned();
        }
    }
    id.to_string()
}

/// Whether `lang`'s catalogue has message `id` (`message.attribute` for an
/// attribute).
pub fn has(lang: Language, id: &str) -> bool {
    let bundle = &BUNDLES[index(lang)];
    match id.split_once('.') {
        Some((m, a)) => bundle
            .get_message(m)
            .is_some_and(|m| m.get_attribute(a).is_some()),
        None => bundle.get_message(id).is_some_and(|m| m.value().is_some()),
    }
}

/// Message `id` in the current language.
pub fn tr(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    tr_in(current(), id, args)
}

/// An argument of a message: text, or a number that chooses the plural form.
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    Number(f64),
}

impl Arg<'_> {
    fn to_fluent(&self) -> FluentValue<'_> {
        match self {
            Arg::Text(s) => FluentValue::from(s.as_ref()),
            Arg::Number(n) => FluentValue::from(*n),
        }
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s.as_str()))
    }
}

impl<'a> From<Cow<'a, str>> for Arg<'a> {
    fn from(s: Cow<'a, str>) -> Self {
        Arg::Text(s)
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_arg!(usize, u64, u32, u16, i64, i32, f64);

/// `t!("build-done", conclusions = n)`: message `id` in the current language, each
/// `name = value` an argument ([`Arg`]); `t!(in lang, "build-done", …)` in `lang`.
#[macro_export]
macro_rules! t {
    (in $lang:expr, $id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::tr_in(
            $lang,
            $id,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),*],
        )
    };
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::tr($id, &[$((stringify!($name), $crate::i18n::Arg::from($value))),*])
    };
}

/// Where the choice of language comes from, strongest first: `--lang`,
/// `KETLUAN_LANG`, the site's `language`, then the system's language.
#[derive(Debug, Default, Clone)]
pub struct Choice {
    pub option: Option<Language>,
    pub environment: Option<String>,
    pub site: Option<Language>,
    /// The system's locale names, best first (`vi-VN`, `en_US.UTF-8`…).
    pub system: Vec<String>,
}

impl Choice {
    /// The language to speak: the first source that names Vietnamese or English;
    /// Vietnamese when none does (`C`, `POSIX`, another language).
    pub fn resolve(&self) -> Language {
        self.option
            .or_else(|| self.environment.as_deref().and_then(parse_locale))
            .or(self.site)
            .or_else(|| self.system.iter().find_map(|s| parse_locale(s)))
            .unwrap_or(Language::Vi)
    }
}

/// `vi`, `vi_VN.UTF-8`, `en-GB`, `EN` → the language; anything else → none.
pub fn parse_locale(name: &str) -> Option<Language> {
    let primary = name
        .split(['_', '-', '.', '@'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "vi" => Some(Language::Vi),
        "en" => Some(Language::En),
        _ => None,
    }
}

/// The system's languages, best first: on Unix `LC_ALL`, `LC_MESSAGES`, `LANG`
/// (the order the C library reads them in), then what `sys-locale` finds (the user's
/// UI languages on Windows and macOS).
pub fn system_locales() -> Vec<String> {
    let mut names: Vec<String> = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(|v| std::env::var(v).ok())
        .filter(|v| !v.is_empty())
        .collect();
    names.extend(sys_locale::get_locales());
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_wins_then_the_environment_then_the_site_then_the_system() {
        let mut choice = Choice {
            option: Some(Language::En),
            environment: Some("vi".into()),
            site: Some(Language::Vi),
            system: vec!["vi_VN.UTF-8".into()],
        };
        assert_eq!(choice.resolve(), Language::En);
        choice.option = None;
        assert_eq!(choice.resolve(), Language::Vi);
        choice.environment = Some("en_US.UTF-8".into());
        assert_eq!(choice.resolve(), Language::En);
        choice.environment = None;
        assert_eq!(choice.resolve(), Language::Vi);
        choice.site = None;
        choice.system = vec!["C.UTF-8".into(), "en-GB".into()];
        assert_eq!(choice.resolve(), Language::En);
        choice.system = vec!["fr_FR.UTF-8".into()];
        assert_eq!(choice.resolve(), Language::Vi);
    }

    #[test]
    fn plurals_and_arguments_come_from_the_catalogue() {
        let one = tr_in(Language::En, "count-problems", &[("count", 1usize.into())]);
        let two = tr_in(Language::En, "count-problems", &[("count", 2usize.into())]);
        assert_eq!((one.as_str(), two.as_str()), ("1 problem", "2 problems"));
        let vi = tr_in(Language::Vi, "count-problems", &[("count", 2usize.into())]);
        assert_eq!(vi, "2 lỗi");
        // No isolation marks around arguments.
        assert!(!vi.contains('\u{2068}'));
    }
}
