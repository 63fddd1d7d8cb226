//! `build` with its persistent cache (`.ketluan-cache/`): after random sequences of
//! edits, additions, deletions and renames of conclusions, template and site.yaml
//! edits, hand edits of the output and a damaged cache, the output is byte for byte
//! what a cold build of the same files gives, and the list of changes names exactly
//! the files that differ from the previous output.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::TestSite;
use ketluan::build::{self, BuildOptions, BuildReport};
use ketluan::write::Changes;
use proptest::prelude::*;

const PROVINCES: &[&str] = &["Hà Tĩnh", "Nghệ An", "Quảng Ninh", "Hà Nội", "Lâm Đồng"];
const CITED: &[&str] = &["05-NQ/TU", "57-NQ/TW", "108/QĐ-UBND", "48-KL/TW"];
const WORDS: &[&str] = &[
    "kinh tế",
    "xã hội",
    "chuyển đổi số",
    "cải cách",
    "hành chính",
    "đầu tư",
    "nông thôn",
    "y tế",
    "giáo dục",
    "ngân sách",
];

/// One generated conclusion: everything its file is made of.
#[derive(Debug, Clone)]
struct Entry {
    file: String,
    title: String,
    date: String,
    province: usize,
    summary: Option<String>,
    paragraphs: Vec<String>,
}

impl Entry {
    fn text(&self) -> String {
        let mut extra = String::new();
        if let Some(s) = &self.summary {
            extra.push_str(&format!("summary: \"{s}\"\n"));
        }
        let front = common::conclusion(&self.title, &self.date, PROVINCES[self.province], &extra);
        let head = front.split("---\n").nth(1).unwrap();
        format!("---\n{head}---\n\n{}\n", self.paragraphs.join("\n\n"))
    }
}

#[derive(Debug, Clone)]
enum Step {
    Body(usize, String),
    Title(usize, String),
    Date(usize, String),
    Summary(usize, Option<String>),
    Add(Entry),
    Delete(usize),
    Rename(usize, String),
    Template(u8),
    SiteTitle(String),
    Touch(usize),
    HandEditOutput(usize),
    DamageCache(usize),
    /// Damage the parsed content files of the cache, and edit a body so that the
    /// next build has to load the site.
    DamageParsed(usize, String),
    /// Damage (or cut short) the search index's tables in the cache, and edit a
    /// body so that the next build has to make the index.
    DamageSearch(usize, String),
}

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..5).prop_map(|w| w.join(" "))
}

fn paragraph() -> impl Strategy<Value = String> {
    (words(), prop::option::of(prop::sample::select(CITED))).prop_map(|(w, cite)| match cite {
        Some(n) => format!("Thực hiện Nghị quyết số {n} về {w}, các sở cần khẩn trương."),
        None => format!("Đồng chí nhấn mạnh {w} trong thời gian tới."),
    })
}

fn date() -> impl Strategy<Value = String> {
    (2019..2025i32, 1..13u8, 1..29u8).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"))
}

fn entry() -> impl Strategy<Value = Entry> {
    (
        "[a-z]{3,8}",
        words(),
        date(),
        0..PROVINCES.len(),
        prop::option::of(words()),
        prop::collection::vec(paragraph(), 1..4),
    )
        .prop_map(|(file, title, date, province, summary, paragraphs)| Entry {
            file: format!("content/{file}.md"),
            title: format!("Kết luận về {title}"),
            date,
            province,
            summary,
            paragraphs,
        })
}

fn step() -> impl Strategy<Value = Step> {
    let i = 0..64usize;
    prop_oneof![
        4 => (i.clone(), paragraph()).prop_map(|(i, p)| Step::Body(i, p)),
        2 => (i.clone(), words()).prop_map(|(i, t)| Step::Title(i, t)),
        2 => (i.clone(), date()).prop_map(|(i, d)| Step::Date(i, d)),
        1 => (i.clone(), prop::option::of(words())).prop_map(|(i, s)| Step::Summary(i, s)),
        3 => entry().prop_map(Step::Add),
        2 => i.clone().prop_map(Step::Delete),
        2 => (i.clone(), "[a-z]{3,8}").prop_map(|(i, f)| Step::Rename(i, f)),
        1 => (0..3u8).prop_map(Step::Template),
        1 => words().prop_map(Step::SiteTitle),
        2 => i.clone().prop_map(Step::Touch),
        1 => i.clone().prop_map(Step::HandEditOutput),
        1 => i.clone().prop_map(Step::DamageCache),
        1 => (i.clone(), paragraph()).prop_map(|(i, p)| Step::DamageParsed(i, p)),
        1 => (i, paragraph()).prop_map(|(i, p)| Step::DamageSearch(i, p)),
    ]
}

struct World {
    site: TestSite,
    entries: Vec<Entry>,
    /// The output of the last build, to check the list of changes against.
    last: BTreeMap<String, Vec<u8>>,
    /// Edits made so far that must differ from every other (templates, bodies).
    edits: usize,
}

fn options(root: &Path, output: PathBuf) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: Some(output),
        base_url: None,
        drafts: false,
        force: false,
    }
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    common::tree(dir).into_iter().collect()
}

impl World {
    fn output(&self) -> PathBuf {
        self.site.path("public")
    }

    fn write_all(&self) {
        for e in &self.entries {
            self.site.write(&e.file, e.text());
        }
    }

    /// Apply `step`; false if it did not apply (nothing to act on).
    fn apply(&mut self, step: &Step) -> bool {
        let n = self.entries.len();
        let pick = |i: usize| (n > 0).then(|| i % n);
        match step.clone() {
            Step::Body(i, p) => {
                let Some(i) = pick(i) else { return false };
                let e = &mut self.entries[i];
                let last = e.paragraphs.len() - 1;
                if e.paragraphs[last] == p {
                    // The same words again: no edit.
                    return false;
                }
                e.paragraphs[last] = p;
                self.site.write(&e.file, e.text());
            }
            Step::Title(i, t) => {
                let Some(i) = pick(i) else { return false };
                self.entries[i].title = format!("Kết luận về {t}");
                self.site
                    .write(&self.entries[i].file, self.entries[i].text());
            }
            Step::Date(i, d) => {
                let Some(i) = pick(i) else { return false };
                self.entries[i].date = d;
                self.site
                    .write(&self.entries[i].file, self.entries[i].text());
            }
            Step::Summary(i, s) => {
                let Some(i) = pick(i) else { return false };
                self.entries[i].summary = s;
                self.site
                    .write(&self.entries[i].file, self.entries[i].text());
            }
            Step::Add(e) => {
                if self
                    .entries
                    .iter()
                    .any(|x| x.file == e.file || x.title == e.title)
                {
                    return false;
                }
                self.site.write(&e.file, e.text());
                self.entries.push(e);
            }
            Step::Delete(i) => {
                // Keep one: a site without conclusions is an error.
                if n < 2 {
                    return false;
                }
                let e = self.entries.remove(i % n);
                self.site.remove(&e.file);
            }
            Step::Rename(i, f) => {
                let Some(i) = pick(i) else { return false };
                let file = format!("content/{f}.md");
                if self.entries.iter().any(|x| x.file == file) {
                    return false;
                }
                std::fs::rename(self.site.path(&self.entries[i].file), self.site.path(&file))
                    .unwrap();
                self.entries[i].file = file;
            }
            Step::Template(v) => {
                let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
                let (name, text) = match v {
                    0 => (
                        "province.html",
                        std::fs::read_to_string(theme.join("province.html")),
                    ),
                    1 => (
                        "conclusion.html",
                        std::fs::read_to_string(theme.join("conclusion.html")),
                    ),
                    _ => (
                        "base.html",
                        std::fs::read_to_string(theme.join("base.html")),
                    ),
                };
                self.edits += 1;
                let k = self.edits;
                let text = text.unwrap();
                // A child template holds nothing outside its blocks.
                let block = text
                    .find("{% block")
                    .map(|b| b + text[b..].find("%}").unwrap() + 2);
                let text = match block {
                    Some(at) if text.contains("{% extends") => {
                        format!("{}<!-- {k} -->{}", &text[..at], &text[at..])
                    }
                    _ => format!("{text}\n<!-- {k} -->\n"),
                };
                self.site.write(&format!("templates/{name}"), text);
            }
            Step::SiteTitle(t) => {
                self.site.write(
                    "site.yaml",
                    format!("title: \"{t}\"\nbase_url: https://portal.example.gov.vn/\n"),
                );
            }
            Step::Touch(i) => {
                let Some(i) = pick(i) else { return false };
                // Same bytes written again: a new mtime and ctime, nothing to rebuild.
                self.site
                    .write(&self.entries[i].file, self.entries[i].text());
            }
            Step::HandEditOutput(i) => {
                let pages: Vec<String> = self
                    .last
                    .keys()
                    .filter(|p| p.ends_with(".html"))
                    .cloned()
                    .collect();
                if pages.is_empty() {
                    return false;
                }
                let page = self.output().join(&pages[i % pages.len()]);
                let mut text = std::fs::read(&page).unwrap();
                text.extend_from_slice(b"<!-- edited by hand -->");
                std::fs::write(&page, text).unwrap();
            }
            Step::DamageCache(i) if i % 3 == 2 => {
                // The page keys and the dependency map are read only by a build with
                // something to do.
                let name = if i.is_multiple_of(2) { "keys" } else { "pages" };
                if !self.damage(name, i, false, 0x20) {
                    return false;
                }
                // An edit each time (the same one twice would change nothing).
                self.edits += 1;
                let edit = format!("Đồng chí nhấn mạnh việc giữ khóa lần {}.", self.edits);
                return self.apply(&Step::Body(i, edit));
            }
            Step::DamageCache(i) => return self.damage("state", i, true, 0x20),
            Step::DamageParsed(i, p) => {
                return self.damage("parsed", i, false, 0x01) && self.apply(&Step::Body(i, p));
            }
            Step::DamageSearch(i, p) => {
                return self.damage("search", i, true, 0x01) && self.apply(&Step::Body(i, p));
            }
        }
        true
    }

    /// Damage the cache file `name`: with `cut`, cut it short for an even `i`;
    /// else flip the `bits` of one of its bytes. False when there is no such file.
    fn damage(&self, name: &str, i: usize, cut: bool, bits: u8) -> bool {
        let path = self.site.path(&format!(".ketluan-cache/public/{name}"));
        let Ok(mut bytes) = std::fs::read(&path) else {
            return false;
        };
        if cut && i.is_multiple_of(2) {
            bytes.truncate(bytes.len() * (i % 7) / 7);
        } else {
            let at = i * 7919 % bytes.len();
            bytes[at] ^= bits;
        }
        std::fs::write(&path, bytes).unwrap();
        true
    }

    /// Build with the cache; then check the output against a cold build and the
    /// list of changes against the previous output.
    fn build_and_compare(&mut self, what: &str) -> BuildReport {
        let report = build::build(&options(self.site.root(), self.output()))
            .unwrap_or_else(|e| panic!("{what}: build failed: {e:?}"));
        let got = tree(&self.output());
        let cold_parent = tempfile::tempdir().unwrap();
        let cold = cold_parent.path().join("public");
        build::build(&options(self.site.root(), cold.clone())).unwrap();
        let want = tree(&cold);
        let differing: Vec<&String> = want
            .keys()
            .chain(got.keys())
            .filter(|k| want.get(*k) != got.get(*k))
            .collect();
        assert!(
            differing.is_empty(),
            "{what}: differs from a cold build: {differing:?}"
        );

        let changes = Changes::read(&ketluan::write::changes::path(&self.output())).unwrap();
        let mut added = Vec::new();
        let mut changed = Vec::new();
        for (path, bytes) in &got {
            match self.last.get(path) {
                None => added.push(path.clone()),
                Some(old) if old != bytes => changed.push(path.clone()),
                Some(_) => {}
            }
        }
        let removed: Vec<String> = self
            .last
            .keys()
            .filter(|p| !got.contains_key(*p))
            .cloned()
            .collect();
        if !self.last.is_empty() {
            // A hand-edited file is sent again too: it is listed as changed.
            assert_eq!(changes.added, added, "{what}: added");
            assert!(
                changed.iter().all(|c| changes.changed.contains(c)),
                "{what}: changed"
            );
            assert_eq!(changes.removed, removed, "{what}: removed");
        }
        self.last = got;
        report
    }
}

fn run(initial: Vec<Entry>, steps: Vec<Step>) {
    let mut world = World {
        site: TestSite::new(),
        entries: Vec::new(),
        last: BTreeMap::new(),
        edits: 0,
    };
    for e in initial {
        if world
            .entries
            .iter()
            .all(|x| x.file != e.file && x.title != e.title)
        {
            world.entries.push(e);
        }
    }
    world.write_all();
    world.build_and_compare("first build");
    for (n, step) in steps.iter().enumerate() {
        if !world.apply(step) {
            continue;
        }
        let report = world.build_and_compare(&format!("step {n}: {step:?}"));
        if matches!(step, Step::Touch(_)) {
            assert!(report.up_to_date, "step {n}: a touch changed nothing");
        }
        if matches!(step, Step::HandEditOutput(_) | Step::DamageCache(_)) {
            assert!(!report.up_to_date, "step {n}: {step:?} must be repaired");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn a_cached_build_equals_a_cold_build(
        initial in prop::collection::vec(entry(), 2..8),
        steps in prop::collection::vec(step(), 1..10),
    ) {
        run(initial, steps);
    }
}

/// Found by the test above: the page keys damaged twice over, each time with a
/// body edit, are repaired both times (the second edit must be an edit too).
#[test]
fn page_keys_damaged_twice_are_repaired_twice() {
    let entry = |file: &str, title: &str| Entry {
        file: format!("content/{file}.md"),
        title: title.to_string(),
        date: "2019-01-01".to_string(),
        province: 1,
        summary: None,
        paragraphs: vec!["Đồng chí nhấn mạnh y tế trong thời gian tới.".to_string()],
    };
    run(
        vec![
            entry("aaa", "Kết luận về kinh tế"),
            entry("tpl", "Kết luận về nông thôn"),
        ],
        vec![Step::DamageCache(20), Step::DamageCache(2)],
    );
}

/// A body edit renders its own page again and carries the others over; a build with
/// nothing changed does nothing.
#[test]
fn a_body_edit_renders_few_pages_and_no_change_renders_none() {
    let site = TestSite::example();
    let output = site.path("public");
    let opts = options(site.root(), output.clone());
    let first = build::build(&opts).unwrap();
    assert_eq!(first.reused, 0);
    let again = build::build(&opts).unwrap();
    assert!(again.up_to_date);
    assert_eq!(again.pages, first.pages);
    let file = "content/2021-06-15-lam-dong-lam-viec-ban-can-su-dang-ubnd.md";
    let text = site
        .read(file)
        .replace("Chiều 15/6, Thường trực", "Chiều ngày 15/6, Thường trực");
    site.write(file, text);
    let edited = build::build(&opts).unwrap();
    assert!(!edited.up_to_date);
    // Only the edited file is parsed again.
    assert_eq!((first.parsed, edited.parsed), (first.conclusions, 1));
    // Its page, and the pages that show its lead paragraph, are the ones rendered.
    assert!(
        edited.reused + 10 >= edited.pages,
        "{} of {} reused",
        edited.reused,
        edited.pages
    );
    // Of the conclusions' and documents' pages, only the edited one is keyed: the
    // dependency map shows that nothing the others show changed. Listings are
    // always keyed.
    let shown = shown_pages(&output);
    assert!(shown > 10, "{shown} conclusion and document pages");
    assert_eq!(edited.keyed, edited.pages - shown + 1);
    let changes = Changes::read(&ketluan::write::changes::path(&output)).unwrap();
    assert!(
        changes.changed.contains(
            &"ket-luan/thuong-truc-tinh-uy-lam-viec-voi-ban-can-su-dang-ubnd-tinh/index.html"
                .to_string()
        ) || changes.changed.iter().any(|p| p.starts_with("ket-luan/")),
        "{changes:?}"
    );
    assert!(
        changes.added.is_empty() && changes.removed.is_empty(),
        "{changes:?}"
    );
    // Every feed, data and search result file whose bytes stay is carried over
    // unmade, and only those: after the body edit (only the edited conclusion's
    // result file shows the body), then after a summary edit.
    let results = "tim-kiem/chi-muc/d/";
    let keyed =
        |p: &String| p.ends_with("atom.xml") || p.starts_with("data/") || p.starts_with(results);
    let files = tree(&output).keys().filter(|p| keyed(p)).count();
    assert!(files > 20, "{files} feeds, data and result files");
    assert_eq!(first.carried, 0);
    assert_eq!(edited.carried - edited.reused, files - 1);
    let remade: Vec<&String> = changes.changed.iter().filter(|p| keyed(p)).collect();
    assert!(
        remade.len() == 1 && remade[0].starts_with(results),
        "{remade:?}"
    );
    let text = site
        .read(file)
        .replace("summary: \"Chiều 15/6/2021", "summary: \"Sáng 15/6/2021");
    site.write(file, text);
    let summary = build::build(&opts).unwrap();
    // The summary is in every listing of the conclusion: its neighbours', related
    // and cited documents' pages are keyed too, and no others.
    assert!(
        summary.keyed > edited.keyed && summary.keyed < summary.pages,
        "{} of {} keyed",
        summary.keyed,
        summary.pages
    );
    let changes = Changes::read(&ketluan::write::changes::path(&output)).unwrap();
    let remade: Vec<&String> = changes.changed.iter().filter(|p| keyed(p)).collect();
    let data = remade.iter().filter(|p| p.starts_with("data/")).count();
    let result = remade.iter().filter(|p| p.starts_with(results)).count();
    assert!(remade.len() >= 5 && data == 2 && result == 1, "{remade:?}");
    // The pages that show the summary (the conclusion's neighbours) are rendered
    // again, and their result files made from that render's parse rather than
    // carried over: the same bytes, so not in the list of changes. Every other
    // file is carried over.
    let made_again = files - remade.len() - (summary.carried - summary.reused);
    assert!(made_again <= 4, "{made_again} made again");
    // A title edit that leaves the timeline's order as it was: only the pages that
    // show the conclusion are keyed, and the output is still a cold build's.
    let text = site.read(file).replace(
        "title: \"Thường trực Tỉnh ủy làm việc với Ban Cán sự Đảng UBND tỉnh\"",
        "title: \"Thường trực Tỉnh ủy làm việc với Ban Cán sự Đảng UBND tỉnh Lâm Đồng\"",
    );
    site.write(file, text);
    let title = build::build(&opts).unwrap();
    assert!(
        title.keyed > edited.keyed && title.keyed < title.pages - shown / 2,
        "{} of {} keyed",
        title.keyed,
        title.pages
    );
    assert_eq!(tree(&output), cold_tree(&site));
}

/// Adding the newest conclusion (the usual edit) leaves every other conclusion's
/// search result file as it was: carried over, not made, and not in the list of
/// changes; the index's other files follow from the one new conclusion.
#[test]
fn adding_the_newest_conclusion_keeps_every_other_result_file() {
    let site = TestSite::example();
    let output = site.path("public");
    let opts = options(site.root(), output.clone());
    build::build(&opts).unwrap();
    let results = "tim-kiem/chi-muc/d/";
    let before: Vec<String> = tree(&output)
        .into_keys()
        .filter(|p| p.starts_with(results))
        .collect();
    assert!(before.len() >= 5, "{before:?}");
    let text = common::conclusion(
        "Kết luận về chuyển đổi số năm 2026",
        "2026-11-20",
        "Hà Tĩnh",
        "",
    );
    site.write("content/2026-11-20-ha-tinh-chuyen-doi-so.md", text);
    let added = build::build(&opts).unwrap();
    let changes = Changes::read(&ketluan::write::changes::path(&output)).unwrap();
    let new_results: Vec<&String> = changes
        .added
        .iter()
        .filter(|p| p.starts_with(results))
        .collect();
    assert_eq!(new_results, [&format!("{results}0/{}.txt", before.len())]);
    assert!(
        !changes.changed.iter().any(|p| p.starts_with(results)),
        "{changes:?}"
    );
    assert!(added.carried - added.reused >= before.len(), "{added:?}");
    // What a cold build makes of the same files.
    assert!(tree(&output) == cold_tree(&site));
}

/// How many conclusion and document pages the output at `dir` has: the pages
/// the dependency map describes.
fn shown_pages(dir: &Path) -> usize {
    tree(dir)
        .keys()
        .filter(|p| {
            let parts: Vec<&str> = p.split('/').collect();
            matches!(
                parts[..],
                ["ket-luan", _, "index.html"] | ["nghi-quyet", _, "atom.xml"]
            )
        })
        .count()
}

/// A build with nothing to do in the site still finds what was done to the output
/// by hand, however little, and puts back what the last build wrote.
#[test]
fn a_build_with_no_change_repairs_the_output_edited_by_hand() {
    let site = TestSite::example();
    let output = site.path("public");
    let opts = options(site.root(), output.clone());
    build::build(&opts).unwrap();
    let built = tree(&output);
    let page = built
        .keys()
        .find(|p| p.starts_with("ket-luan/") && p.ends_with("/index.html"))
        .unwrap()
        .clone();
    let folder = page.trim_end_matches("index.html").to_string();
    type Damage = Box<dyn Fn(&Path)>;
    let damages: Vec<(&str, Damage)> = vec![
        (
            "a byte changed in place, same length",
            Box::new(|p: &Path| {
                let mut bytes = std::fs::read(p).unwrap();
                let last = bytes.len() - 2;
                bytes[last] ^= 0x01;
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(p)
                    .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes))
                    .unwrap();
            }),
        ),
        (
            "a file added beside a page",
            Box::new(|p: &Path| std::fs::write(p.with_file_name("extra.html"), "x").unwrap()),
        ),
        (
            "a folder added below a page's",
            Box::new(|p: &Path| std::fs::create_dir(p.with_file_name("more")).unwrap()),
        ),
        (
            "a page removed",
            Box::new(|p: &Path| std::fs::remove_file(p).unwrap()),
        ),
        (
            "a page replaced by a rename",
            Box::new(|p: &Path| {
                let other = p.with_file_name("new.html");
                std::fs::write(&other, std::fs::read(p).unwrap()).unwrap();
                std::fs::rename(&other, p).unwrap();
            }),
        ),
    ];
    for (what, damage) in &damages {
        damage(&output.join(&page));
        let report = build::build(&opts).unwrap();
        assert!(!report.up_to_date, "{what} ({folder}) was not seen");
        assert_eq!(tree(&output), built, "{what}: not repaired");
        assert!(
            build::build(&opts).unwrap().up_to_date,
            "{what}: then up to date"
        );
    }
}

/// The output of a cold build of `site` into a folder of its own (with a cache
/// of its own).
fn cold_tree(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let cold = tempfile::tempdir().unwrap();
    let output = cold.path().join("public");
    build::build(&options(site.root(), output.clone())).unwrap();
    tree(&output)
}

/// An edit of a body's text alone (a paragraph added at its end: no field, lead
/// or citation changes) renders that conclusion's page and nothing else: no other
/// page's context is built, and every other file is carried over. The output is a cold build's;
/// so it is when the output was also edited by hand, which the build then repairs
/// the long way.
#[test]
fn a_text_edit_renders_only_its_page() {
    let site = TestSite::example();
    let output = site.path("public");
    let opts = options(site.root(), output.clone());
    let first = build::build(&opts).unwrap();
    let file = "content/2021-06-15-lam-dong-lam-viec-ban-can-su-dang-ubnd.md";
    let page = "ket-luan/2021-06-15-lam-dong-lam-viec-ban-can-su-dang-ubnd/index.html";
    let add = |words: &str| site.write(file, format!("{}\n{words}\n", site.read(file)));
    add("Giao Văn phòng Tỉnh ủy theo dõi, đôn đốc việc thực hiện.");
    let edited = build::build(&opts).unwrap();
    assert_eq!((edited.parsed, edited.keyed), (1, 1), "{edited:?}");
    assert_eq!(edited.pages, first.pages);
    assert_eq!(edited.reused, edited.pages - 1);
    assert_eq!(tree(&output), cold_tree(&site));
    let changes = Changes::read(&ketluan::write::changes::path(&output)).unwrap();
    let pages: Vec<&String> = changes
        .changed
        .iter()
        .filter(|p| !p.starts_with("tim-kiem/chi-muc/"))
        .collect();
    assert_eq!(pages, [page], "{changes:?}");
    assert!(changes.added.is_empty() && changes.removed.is_empty());

    // A page of the output edited by hand: not carried over unlooked at.
    let listing = output.join("index.html");
    std::fs::write(&listing, "sửa tay").unwrap();
    add("Giao Ban Tuyên giáo Tỉnh ủy tuyên truyền kết luận.");
    let repaired = build::build(&opts).unwrap();
    assert!(repaired.keyed > 1, "{repaired:?}");
    assert_eq!(tree(&output), cold_tree(&site));
}

/// A build that fails on the site's errors leaves the spare tree (the site before
/// the last) for the next build, which only brings it up to date.
#[test]
fn a_failed_build_leaves_the_spare() {
    let site = TestSite::example();
    let output = site.path("public");
    let opts = options(site.root(), output.clone());
    build::build(&opts).unwrap();
    let file = "content/2021-06-15-lam-dong-lam-viec-ban-can-su-dang-ubnd.md";
    let text = site.read(file);
    site.write(file, format!("{text}\nMột đoạn nữa.\n"));
    build::build(&opts).unwrap();
    let spare = site.path(".public.ketluan-spare");
    assert!(spare.is_dir());
    site.write(file, text.replacen("date:", "date: 2021-13-45\nngay:", 1));
    assert!(build::build(&opts).is_err());
    assert!(spare.is_dir(), "the spare went with the failed build");
    assert!(site.path(".public.ketluan-spare-manifest").is_file());
    site.write(file, text);
    build::build(&opts).unwrap();
    assert_eq!(tree(&output), cold_tree(&site));
}
