//! `ketluan explain CODE`.

use std::process::ExitCode;

use ketluan::{explain, i18n, t};

use super::USAGE;
use crate::cli::ExplainArgs;

pub(super) fn run(args: ExplainArgs) -> ExitCode {
    let lang = i18n::current();
    let code = args.code.trim().trim_matches(['[', ']', '`']);
    match explain::section(lang, code) {
        Some(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("{}", t!("explain-unknown-code", code = code));
            let help = match explain::nearest(lang, code) {
                Some(near) => t!("help-did-you-mean", suggestion = near),
                None => t!("explain-codes", codes = explain::codes(lang).join(", ")),
            };
            eprintln!("  = {}", t!("diagnostic-help", help = help));
            ExitCode::from(USAGE)
        }
    }
}
