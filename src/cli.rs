//! The command line's shape: every command and option, parsed by clap.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// `0.1.0 (commit 1a2b3c4)`: the commit comes from build.rs.
pub(crate) const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("KETLUAN_COMMIT"),
    ")"
);

#[derive(Parser)]
#[command(
    name = "ketluan",
    version = VERSION,
    about = "Publish the conclusions of Vietnamese provincial committees as a static site"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build(BuildArgs),
    /// Check the whole site without writing anything: errors (what `build` rejects)
    /// and warnings (what is legal but probably wrong).
    Check(CheckArgs),
    /// Write a new conclusion file, content/{date}-{province}-{title}.md, with every
    /// front-matter key (optional ones commented out).
    New(NewArgs),
    /// Turn articles (text, web pages, Word, PDF; files or folders) into conclusion
    /// files, marking what to check.
    Import(ImportArgs),
    /// Build the site into memory and serve it, rebuilding and reloading the open
    /// pages on every change (nothing is written to disk).
    Serve(ServeArgs),
    /// Create a new site: site.yaml (every key documented), an example conclusion,
    /// templates/README.md, .gitignore and, with --ci, a CI definition.
    Init(InitArgs),
    /// Print a shell completion script (see docs/install.md for where to put it).
    Completions(CompletionsArgs),
    /// Print the manual page (roff) of ketluan, or write one page per command into
    /// a folder.
    Man(ManArgs),
}

#[derive(clap::Args)]
pub(crate) struct BuildArgs {
    /// The site folder (holding site.yaml and content/).
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// Where to write the site [default: <root>/public].
    #[arg(long)]
    pub(crate) output: Option<PathBuf>,
    /// Override site.yaml's base_url, e.g. https://portal.example.gov.vn/ket-luan/.
    #[arg(long)]
    pub(crate) base_url: Option<String>,
    /// Include conclusions marked `draft: true`.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Print how long each phase took, and how many cores it kept busy.
    #[arg(long)]
    pub(crate) timings: bool,
    /// Replace an --output folder that ketluan did not write (its files are
    /// deleted). `/`, the home folder and the site itself are refused anyway.
    #[arg(long)]
    pub(crate) force: bool,
    /// Verify every internal link and anchor of the output before writing it.
    #[arg(long)]
    pub(crate) check_links: bool,
}

#[derive(clap::Args)]
pub(crate) struct CheckArgs {
    /// The site folder (holding site.yaml and content/).
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// `human` (grouped by file, with the line and a fix), `json` (for tools),
    /// `github` (GitHub Actions annotations) or `gitlab` (a GitLab Code Quality
    /// report).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub(crate) strict: bool,
}

#[derive(clap::Args)]
pub(crate) struct NewArgs {
    /// The conclusion's title.
    pub(crate) title: String,
    /// The province or centrally-run city, e.g. "Hà Tĩnh".
    #[arg(long)]
    pub(crate) province: String,
    /// The meeting's date, YYYY-MM-DD or D/M/YYYY [default: today].
    #[arg(long)]
    pub(crate) date: Option<String>,
    /// The body that concluded, e.g. "Thường trực Tỉnh ủy".
    #[arg(long)]
    pub(crate) body: Option<String>,
    /// Who chaired or concluded.
    #[arg(long)]
    pub(crate) chaired_by: Option<String>,
    /// The site folder (holding site.yaml and content/).
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
}

#[derive(clap::Args)]
pub(crate) struct ImportArgs {
    /// Article files or folders of them: text or Markdown (UTF-8, UTF-16,
    /// Windows-1258, TCVN3), saved web pages, Word (DOCX) and PDF.
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
    /// Where to write the conclusion files [default: <root>/content].
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
    /// The site folder (holding site.yaml and content/).
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// Where to write the summary table as CSV [default: <root>/import-report.csv].
    #[arg(long)]
    pub(crate) report: Option<PathBuf>,
    /// Print the conclusion files instead of writing them (the summary goes to
    /// stderr).
    #[arg(long)]
    pub(crate) stdout: bool,
}

#[derive(clap::Args)]
pub(crate) struct ServeArgs {
    /// The site folder (holding site.yaml and content/).
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// The address to listen on; the default serves this computer only.
    #[arg(long, default_value = "127.0.0.1")]
    pub(crate) bind: std::net::IpAddr,
    /// The port; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    pub(crate) port: u16,
    /// Include conclusions marked `draft: true`.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Look for changes every half second instead of being told by the system
    /// (for network shares and virtual machines).
    #[arg(long)]
    pub(crate) poll: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    pub(crate) open: bool,
    /// Print how long each phase of every rebuild took.
    #[arg(long)]
    pub(crate) timings: bool,
    /// Also answer requests for this host name (repeatable); IP addresses and
    /// localhost are always answered.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub(crate) allow_host: Vec<String>,
}

#[derive(clap::Args)]
pub(crate) struct InitArgs {
    /// The new site's folder (created if needed; must be empty without --force).
    pub(crate) dir: PathBuf,
    /// The site's title [default: from the province, "Kết luận của Tỉnh ủy, UBND
    /// tỉnh …"].
    #[arg(long)]
    pub(crate) title: Option<String>,
    /// Where the site will live, e.g. https://portal.example.gov.vn/ket-luan/
    /// [default: http://localhost/].
    #[arg(long)]
    pub(crate) base_url: Option<String>,
    /// The province or centrally-run city of the example conclusion and the
    /// default title [default: Hà Nội].
    #[arg(long)]
    pub(crate) province: Option<String>,
    /// Write into a folder that is not empty; files of the same name are kept.
    #[arg(long)]
    pub(crate) force: bool,
    /// Also write a CI definition: .github/workflows/ketluan.yml or .gitlab-ci.yml.
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
    /// Write ketluan.1, ketluan-build.1… into this folder instead.
    #[arg(long)]
    pub(crate) dir: Option<PathBuf>,
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
