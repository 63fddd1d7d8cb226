//! The command line's shape: every command and option, parsed by clap. Their help
//! text is in the message catalogues (`cli-<command>-<option>`), put in by
//! [`command`] in the language chosen before parsing.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::{Arg, ArgAction, CommandFactory, Parser, Subcommand};
use ketluan::i18n::{self, Language};

/// `0.1.0 (commit 1a2b3c4)`: the commit comes from build.rs.
pub(crate) const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("KETLUAN_COMMIT"),
    ")"
);

#[derive(Parser)]
#[command(name = "ketluan", version = VERSION)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    #[arg(long, global = true, value_enum, value_name = "vi|en")]
    pub(crate) lang: Option<Lang>,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    Build(BuildArgs),
    Check(CheckArgs),
    New(NewArgs),
    Import(ImportArgs),
    Serve(ServeArgs),
    Init(InitArgs),
    Completions(CompletionsArgs),
    Man(ManArgs),
    Explain(ExplainArgs),
}

#[derive(clap::Args)]
pub(crate) struct BuildArgs {
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    #[arg(long)]
    pub(crate) output: Option<PathBuf>,
    #[arg(long)]
    pub(crate) base_url: Option<String>,
    #[arg(long)]
    pub(crate) drafts: bool,
    #[arg(long)]
    pub(crate) timings: bool,
    #[arg(long)]
    pub(crate) force: bool,
    #[arg(long)]
    pub(crate) check_links: bool,
}

#[derive(clap::Args)]
pub(crate) struct CheckArgs {
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    #[arg(long)]
    pub(crate) strict: bool,
    #[arg(long)]
    pub(crate) fix: bool,
}

#[derive(clap::Args)]
pub(crate) struct NewArgs {
    pub(crate) title: String,
    #[arg(long)]
    pub(crate) province: String,
    #[arg(long)]
    pub(crate) date: Option<String>,
    #[arg(long)]
    pub(crate) body: Option<String>,
    #[arg(long)]
    pub(crate) chaired_by: Option<String>,
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
}

#[derive(clap::Args)]
pub(crate) struct ImportArgs {
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    #[arg(long)]
    pub(crate) report: Option<PathBuf>,
    #[arg(long)]
    pub(crate) stdout: bool,
}

#[derive(clap::Args)]
pub(crate) struct ServeArgs {
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    #[arg(long, default_value = "127.0.0.1")]
    pub(crate) bind: std::net::IpAddr,
    #[arg(long, default_value_t = 1111)]
    pub(crate) port: u16,
    #[arg(long)]
    pub(crate) drafts: bool,
    #[arg(long)]
    pub(crate) poll: bool,
    #[arg(long)]
    pub(crate) open: bool,
    #[arg(long)]
    pub(crate) timings: bool,
    /// Also answer requests for this host name (repeatable); IP addresses and
    /// localhost are always answered.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub(crate) allow_host: Vec<String>,
}

#[derive(clap::Args)]
pub(crate) struct InitArgs {
    pub(crate) dir: PathBuf,
    #[arg(long)]
    pub(crate) title: Option<String>,
    #[arg(long)]
    pub(crate) base_url: Option<String>,
    #[arg(long)]
    pub(crate) province: Option<String>,
    #[arg(long)]
    pub(crate) force: bool,
    #[arg(long, value_enum)]
    pub(crate) ci: Option<CiPlatform>,
}

#[derive(clap::Args)]
pub(crate) struct CompletionsArgs {
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

#[derive(clap::Args)]
pub(crate) struct ManArgs {
    #[arg(long)]
    pub(crate) dir: Option<PathBuf>,
}

#[derive(clap::Args)]
pub(crate) struct ExplainArgs {
    pub(crate) code: String,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Lang {
    Vi,
    En,
}

impl From<Lang> for Language {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::Vi => Language::Vi,
            Lang::En => Language::En,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CiPlatform {
    Github,
    Gitlab,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
    Github,
    Gitlab,
}

/// The language to speak, chosen before clap parses (its `--help` is in it):
/// `--lang`, `KETLUAN_LANG`, the `language` of the site that `--root` names (the
/// current folder without it), the system's language, Vietnamese.
pub(crate) fn choose_language(args: &[OsString]) -> Language {
    let option_value = |name: &str| -> Option<String> {
        let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
        while let Some(arg) = args.next() {
            if arg == "--" {
                break;
            }
            if arg == name {
                return args.next().map(|v| v.into_owned());
            }
            if let Some(v) = arg.strip_prefix(name).and_then(|r| r.strip_prefix('=')) {
                return Some(v.to_string());
            }
        }
        None
    };
    let root = option_value("--root").unwrap_or_else(|| ".".into());
    i18n::Choice {
        option: option_value("--lang").and_then(|v| i18n::parse_locale(&v)),
        environment: std::env::var("KETLUAN_LANG").ok(),
        site: ketluan::load::config::language(Path::new(&root)),
        system: i18n::system_locales(),
    }
    .resolve()
}

/// clap's parse error in the current language for the usual kinds (an unknown
/// argument or command, a missing or invalid value, a missing argument); `None` for
/// the others and for `--help` and `--version`, which clap prints itself.
pub(crate) fn error_text(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind as K, ContextValue as V, ErrorKind};
    let text = |kind| match e.get(kind)? {
        V::String(s) => Some(s.clone()),
        V::Strings(v) => Some(v.join(", ")),
        V::StyledStr(s) => Some(s.to_string()),
        V::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n  "),
        ),
        _ => None,
    };
    let message = match e.kind() {
        ErrorKind::UnknownArgument => {
            ketluan::t!("cli-error-unknown-argument", arg = text(K::InvalidArg)?)
        }
        ErrorKind::InvalidSubcommand => {
            ketluan::t!(
                "cli-error-unknown-command",
                command = text(K::InvalidSubcommand)?
            )
        }
        ErrorKind::InvalidValue if text(K::InvalidValue).unwrap_or_default().is_empty() => {
            ketluan::t!("cli-error-missing-value", arg = text(K::InvalidArg)?)
        }
        ErrorKind::InvalidValue => {
            let value = text(K::InvalidValue)?;
            let message = ketluan::t!(
                "cli-error-invalid-value",
                value = value,
                arg = text(K::InvalidArg)?
            );
            match text(K::ValidValue) {
                Some(values) => format!(
                    "{message}\n  [{}]",
                    ketluan::t!("cli-possible-values", values = values)
                ),
                None => message,
            }
        }
        ErrorKind::ValueValidation => {
            let value = text(K::InvalidValue)?;
            let reason = std::error::Error::source(e)
                .map(ToString::to_string)
                .unwrap_or_default();
            ketluan::t!(
                "cli-error-value-validation",
                value = value,
                arg = text(K::InvalidArg)?,
                reason = reason
            )
        }
        ErrorKind::MissingRequiredArgument => {
            let args = text(K::InvalidArg)?.replace(", ", "\n  ");
            ketluan::t!("cli-error-missing-required", args = format!("\n  {args}"))
        }
        _ => return None,
    };
    let mut out = format!("{}: {message}\n", ketluan::t!("severity-error"));
    if let Some(tip) = text(K::SuggestedArg).or_else(|| text(K::SuggestedSubcommand)) {
        out += &format!("\n  {}\n", ketluan::t!("cli-error-tip", suggestion = tip));
    }
    if let Some(usage) = text(K::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim_start();
        out += &format!("\n{} {usage}\n", ketluan::t!("cli-heading-usage"));
    }
    out += &format!("\n{}\n", ketluan::t!("cli-error-more"));
    Some(out)
}

/// The command line with its help text in the current language.
pub(crate) fn command() -> clap::Command {
    let cmd = Cli::command().disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(i18n::tr("cli-version-flag", &[])),
    );
    localize(cmd, "cli")
}

/// Puts the catalogue's text into `cmd`'s about and its options' help, the
/// messages being `{key}-about` and `{key}-{option}`, and into clap's own headings.
fn localize(mut cmd: clap::Command, key: &str) -> clap::Command {
    let text = |id: &str| i18n::tr(id, &[]);
    cmd = cmd
        .about(text(&about_id(key)))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(text("cli-help-flag")),
        )
        .subcommand_help_heading(text("cli-heading-commands"))
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            text("cli-heading-usage")
        ));
    let options: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (id, positional) in options {
        let help = match id.as_str() {
            "help" | "version" => None,
            "lang" => Some(text("cli-lang")),
            _ => Some(text(&option_id(key, &id))),
        };
        let heading = text(if positional {
            "cli-heading-arguments"
        } else {
            "cli-heading-options"
        });
        cmd = cmd.mut_arg(id, |a| {
            let a = a.help_heading(heading);
            match help {
                Some(h) => {
                    let h = h + &defaults_and_values(&a);
                    let takes_value = a.get_action().takes_values();
                    a.help(h)
                        .hide_default_value(takes_value)
                        .hide_possible_values(takes_value)
                }
                None => a,
            }
        });
    }
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subcommands {
        let sub_key = format!("cli-{name}");
        cmd = cmd.mut_subcommand(name, |s| localize(s, &sub_key));
    }
    cmd
}

/// ` [default: .] [possible values: vi, en]` in the current language: clap's own
/// words are English only.
fn defaults_and_values(arg: &Arg) -> String {
    let mut out = String::new();
    if !arg.get_action().takes_values() {
        return out;
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        out += &format!(
            " [{}]",
            ketluan::t!("cli-default", value = defaults.join(", "))
        );
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && !arg.is_hide_possible_values_set() {
        out += &format!(
            " [{}]",
            ketluan::t!("cli-possible-values", values = values.join(", "))
        );
    }
    out
}

fn about_id(key: &str) -> String {
    format!("{key}-about")
}

fn option_id(key: &str, option: &str) -> String {
    format!("{key}-{}", option.replace('_', "-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command's about and every option's help is in both catalogues.
    #[test]
    fn every_command_and_option_has_help_in_both_languages() {
        fn walk(cmd: &clap::Command, key: &str, missing: &mut Vec<String>) {
            let mut ids = vec![about_id(key)];
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                if !matches!(id, "help" | "version" | "lang") {
                    ids.push(option_id(key, id));
                }
            }
            for lang in [Language::Vi, Language::En] {
                for id in &ids {
                    if !i18n::has(lang, id) {
                        missing.push(format!("{}: {id}", lang.code()));
                    }
                }
            }
            for s in cmd.get_subcommands() {
                walk(s, &format!("cli-{}", s.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "cli", &mut missing);
        assert!(missing.is_empty(), "no help text for {missing:#?}");
    }

    #[test]
    fn the_localized_command_line_is_valid() {
        command().debug_assert();
    }

    #[test]
    fn the_help_is_in_the_chosen_language() {
        i18n::set(Language::Vi);
        let help = command()
            .find_subcommand_mut("check")
            .expect("check")
            .render_help()
            .to_string();
        i18n::set(Language::En);
        assert!(help.contains("Kiểm tra toàn bộ trang"), "{help}");
        assert!(help.contains("Cách dùng:"), "{help}");
        assert!(help.contains("Tùy chọn"), "{help}");
        assert!(
            help.contains("Thư mục của trang (chứa site.yaml và content/)"),
            "{help}"
        );
        assert!(!help.contains("Options"), "{help}");
    }
}
