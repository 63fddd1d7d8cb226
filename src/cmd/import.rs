//! `ketluan import`.

use std::path::Path;
use std::process::ExitCode;

use ketluan::diagnostic::{Diagnostic, Location, Problem};
use ketluan::{draft, import};

use super::{FAILED, print_problems, shown};
use crate::cli::ImportArgs;

pub(super) fn run(args: ImportArgs) -> ExitCode {
    let mut failed = 0;
    for file in &args.files {
        if let Err(problems) = import_one(file, &args.out, args.stdout) {
            print_problems(&problems, &format!("{} was not imported\n", shown(file)));
            failed += 1;
        }
    }
    if failed > 0 {
        ExitCode::from(FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

/// Imports one article: its conclusion file is written into `out` (or printed), and
/// its summary printed.
fn import_one(file: &Path, out: &Path, to_stdout: bool) -> Result<(), Vec<Diagnostic>> {
    let bytes = std::fs::read(file).map_err(|e| {
        vec![Diagnostic::new(
            Location::file(file),
            Problem::Unreadable(e.to_string()),
        )]
    })?;
    let imported = import::import(&bytes, file)?;
    let text = imported.draft.to_file();
    if to_stdout {
        print!("{text}");
        eprint!("{}", imported.summary(&shown(file), "stdout"));
        return Ok(());
    }
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
    let path = out.join(
        imported
            .draft
            .file_name(stem.as_deref().unwrap_or("ket-luan")),
    );
    match draft::write_new(&path, &text) {
        Ok(_) => {
            print!("{}", imported.summary(&shown(file), &shown(&path)));
            Ok(())
        }
        Err(e) => {
            let problem = if e.kind() == std::io::ErrorKind::AlreadyExists {
                Problem::FileExists
            } else {
                Problem::output(&e)
            };
            Err(vec![Diagnostic::new(Location::file(&path), problem)])
        }
    }
}
