//! The persistent build cache: `.ketluan-cache/` beside the output folder (one
//! subfolder per output: `.ketluan-cache/public/`), so that a build redoes only what
//! its inputs' changes require. Safe to delete at any time: the next build is then
//! a full one, with the same output.
//!
//! What it holds (`state`, one file, written whole and renamed into place):
//! - the salt: a hash of the ketluan binary itself and the build's options, so that
//!   another version (or build) of ketluan, `--drafts` or `--base-url` starts over;
//! - every input file (site.yaml, content/, templates/, themes/, static/,
//!   translations/) with its stamp and content hash, and a hash of them all;
//! - which manifest of the output it describes (a hash of the manifest's bytes):
//!   an output written without the cache (by `--check-links`, or another ketluan)
//!   is never taken for the one it knew;
//!
//! The key of every page (`keys`, see `render::memo`), apart from `state` so that
//! a build with nothing to do does not read 230,000 of them; it names the manifest
//! it goes with, and keys that go with another are no keys.
//!
//! The dependency map of the output's conclusion and document pages (`pages`, see
//! `render::deps`), which names the manifest it goes with in the same way.
//!
//! The search index's term tables (`search`, see `render::search`), for the output
//! its manifest hash names, like the keys: a build after an edit indexes again
//! only the conclusions that changed.
//!
//! A copy of the output's manifest (`manifest`) lets the list of changes compare
//! with the last build even where the output itself was not kept (CI).
//!
//! The parsed content files (`parsed`, see `crate::load::cache`), each with the
//! content hash of the file it was parsed from, so that a build parses again only
//! the files that changed. It is tied to the salt and to the site's folder (a
//! conclusion names its attachments by path).
//!
//! Nothing in it is taken on trust: a file that does not end with the hash of all
//! its bytes (truncated, corrupt, of another format) counts as no cache, and a
//! build without a cache is a full build. A file's stamp (length, mtime, ctime,
//! inode) stands for its bytes only when its ctime is older than the scan that
//! hashed it; otherwise the file is read and hashed again.

pub mod inputs;

use std::fmt::Write as _;
use std::io::{self, Seek as _, Write as _};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

use crate::render::deps::Deps;
use crate::render::memo::{Key, Keys};
pub use inputs::Inputs;

/// The cache folder's name, beside the output.
pub const DIR: &str = ".ketluan-cache";

/// First line of `state`: a file in any other format is no cache.
const HEADER: &str = "ketluan-cache 1";
/// First line of `keys`.
const KEYS_HEADER: &str = "ketluan-keys 1";
/// First line of `search`.
const SEARCH_HEADER: &str = "ketluan-search 1\n";
/// First line of `parsed`.
const PARSED_HEADER: &str = "ketluan-parsed 2";

/// The cache of one output folder, as read at the start of a build.
#[derive(Debug, Default)]
pub struct BuildCache {
    dir: PathBuf,
    /// What the last build recorded; empty when there is no usable cache.
    pub last: State,
}

/// What one build leaves for the next.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct State {
    pub salt: u128,
    pub inputs: Inputs,
    /// Hash of the manifest the build wrote (`None`: not known).
    pub manifest: Option<u64>,
    /// Counts for the report of a build that has nothing to do.
    pub conclusions: usize,
    pub pages: usize,
    pub files: usize,
    /// Whether the build checked the output's links (`build --check-links`).
    pub links_checked: bool,
}

impl BuildCache {
    /// The folder of `output`'s cache: `.ketluan-cache/<name>/` beside it.
    pub fn dir_of(output: &Path) -> PathBuf {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        parent.join(DIR).join(name)
    }

    /// Read the cache of `output` for a build with `salt`. Whatever cannot be read,
    /// does not check out or was made with another salt gives an empty cache.
    pub fn open(output: &Path, salt: u128) -> BuildCache {
        let dir = Self::dir_of(output);
        let last = std::fs::read(dir.join("state"))
            .ok()
            .and_then(|bytes| State::parse(&bytes))
            .filter(|s| s.salt == salt)
            .unwrap_or_default();
        BuildCache { dir, last }
    }

    /// The copy of the manifest the last build wrote.
    pub fn manifest(&self) -> PathBuf {
        self.dir.join("manifest")
    }

    /// The page keys the last build saved with the output whose manifest hashes
    /// to `manifest` (none for another, or when not known).
    pub fn keys(&self, manifest: Option<u64>) -> Keys {
        manifest
            .and_then(|m| {
                let bytes = std::fs::read(self.dir.join("keys")).ok()?;
                parse_keys(&bytes, m)
            })
            .unwrap_or_default()
    }

    /// The dependency map the last build saved with the output whose manifest
    /// hashes to `manifest` (none for another, or when not known).
    pub fn deps(&self, manifest: Option<u64>) -> Option<Deps> {
        let bytes = std::fs::read(self.dir.join("pages")).ok()?;
        Deps::parse(&bytes, manifest?)
    }

    /// The search index tables the last build saved with the output whose
    /// manifest hashes to `manifest` (none for another, or when not known).
    pub fn search(&self, manifest: Option<u64>) -> Option<Vec<u8>> {
        let mut bytes = std::fs::read(self.dir.join("search")).ok()?;
        let head = search_head(manifest?, 0);
        let at = SEARCH_HEADER.len() + 8;
        let sum = u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?);
        if bytes.get(..at)? != &head[..at] || sum != xxh3_64(&bytes[head.len()..]) {
            return None;
        }
        bytes.drain(..head.len());
        Some(bytes)
    }

    /// Write this build's search index `tables` into the cache as soon as they are
    /// made, rather than hold them until [`BuildCache::save`] knows the manifest
    /// they go with. Only an optimisation: on failure there are none.
    pub fn stage_search(&self, tables: &[u8]) {
        let staged = self.dir.join("search.new");
        let head = search_head(0, xxh3_64(tables));
        let written = std::fs::create_dir_all(&self.dir).and_then(|()| {
            let mut file = std::fs::File::create(&staged)?;
            file.write_all(&head)?;
            file.write_all(tables)
        });
        if written.is_err() {
            let _ = std::fs::remove_file(&staged);
        }
    }

    /// Replace the cache with `state`, the page `keys` and dependency map `deps` of
    /// its output and the search index tables [staged](BuildCache::stage_search)
    /// for it (none when `search` is false), and its manifest copy with
    /// `manifest`'s. Only an optimisation: on failure the cache is removed, and the
    /// next build is a full one.
    pub fn save(
        &self,
        state: &State,
        keys: &[(String, Key)],
        deps: Option<&Deps>,
        search: bool,
        manifest: &Path,
    ) {
        let manifest_hash = state.manifest.unwrap_or(0);
        let keys = keys_bytes(keys, manifest_hash);
        let pages = self.dir.join("pages");
        let deps = |()| match deps {
            Some(deps) => replace(&pages, &deps.to_bytes(manifest_hash)),
            None => match std::fs::remove_file(&pages) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            },
        };
        let search_path = self.dir.join("search");
        let staged = self.dir.join("search.new");
        let search = |()| {
            let _ = std::fs::remove_file(&search_path);
            if !search {
                let _ = std::fs::remove_file(&staged);
                return Ok(());
            }
            // The manifest the tables go with, into its place in their head.
            let mut file = std::fs::OpenOptions::new().write(true).open(&staged)?;
            file.seek(io::SeekFrom::Start(SEARCH_HEADER.len() as u64))?;
            file.write_all(&state.manifest.unwrap_or(0).to_le_bytes())?;
            drop(file);
            std::fs::rename(&staged, &search_path)
        };
        // The state last: until it is replaced, the new keys, map and tables name
        // a manifest it does not, and are not used.
        let saved = std::fs::create_dir_all(&self.dir)
            .and_then(|()| replace(&self.dir.join("keys"), &keys))
            .and_then(deps)
            .and_then(search)
            .and_then(|()| replace(&self.dir.join("state"), &state.to_bytes()))
            .and_then(|()| copy_whole(manifest, &self.manifest()));
        if saved.is_err() {
            self.forget();
        }
    }

    /// Replace the cache's state only (the manifest it copied is still the output's).
    pub fn save_state(&self, state: &State) {
        let saved = std::fs::create_dir_all(&self.dir)
            .and_then(|()| replace(&self.dir.join("state"), &state.to_bytes()));
        if saved.is_err() {
            self.forget();
        }
    }

    /// The parsed content files the last builds saved for the site at `root` with
    /// this salt (none when they were saved for another).
    pub fn parsed(&self, salt: u128, root: &Path) -> Parsed {
        let path = self.dir.join("parsed");
        let header = parsed_header(salt, root);
        let mut parsed = Parsed {
            path,
            header: header.clone(),
            ..Parsed::default()
        };
        let (Some(header), Ok(bytes)) = (header, std::fs::read(&parsed.path)) else {
            return parsed;
        };
        if !bytes.starts_with(header.as_bytes()) {
            return parsed;
        }
        parsed.appendable = true;
        parsed.start = header.len();
        parsed.bytes = bytes;
        parsed.count = parsed.framed().len();
        parsed
    }

    /// Remove the cache (the output changed in a way it does not describe).
    pub fn forget(&self) {
        let _ = std::fs::remove_file(self.dir.join("state"));
    }
}

/// The parsed content files kept in the cache (`parsed`): a header naming the
/// salt and the site's folder, then the records, each framed by its length and
/// the hash of its bytes. Each build appends the records of the files it parsed,
/// and the file is written anew once it holds more than twice as many records as
/// files: a body edit adds one record rather than rewriting every one.
#[derive(Debug, Default)]
pub struct Parsed {
    path: PathBuf,
    /// `None` for a site whose folder a line cannot name: nothing is kept then.
    header: Option<String>,
    /// The file as read, its records from `start` on.
    bytes: Vec<u8>,
    start: usize,
    /// Records in the file.
    count: usize,
    /// The file has this salt and site: records can be added to it.
    appendable: bool,
}

/// Bytes before each record: its length (4) and hash (8).
const FRAME: usize = 12;

impl Parsed {
    /// Each record's hash and bytes, in the order written, up to the first frame
    /// that does not fit (a build stopped while appending).
    fn framed(&self) -> Vec<(u64, &[u8])> {
        let mut rest = self.bytes.get(self.start..).unwrap_or_default();
        let mut framed = Vec::new();
        while let Some(head) = rest.get(..FRAME) {
            let len = u32::from_le_bytes(head[..4].try_into().expect("4 bytes")) as usize;
            let sum = u64::from_le_bytes(head[4..].try_into().expect("8 bytes"));
            let Some(record) = rest.get(FRAME..FRAME + len) else {
                break;
            };
            framed.push((sum, record));
            rest = &rest[FRAME + len..];
        }
        framed
    }

    /// The records that check out, in the order they were written (checked in
    /// parallel: the file holds a few kilobytes per conclusion).
    pub fn records(&self) -> Vec<&[u8]> {
        use rayon::prelude::*;
        // A record cut short or altered is left out.
        self.framed()
            .into_par_iter()
            .filter(|(sum, record)| *sum == xxh3_64(record))
            .map(|(_, record)| record)
            .collect()
    }

    /// Add `fresh` records for a site of `live` parsed files, or write `all()` of
    /// them anew. Only an optimisation: on failure the file is removed.
    pub fn save(&self, fresh: &[Vec<u8>], live: usize, all: impl FnOnce() -> Vec<Vec<u8>>) {
        let Some(header) = &self.header else {
            return;
        };
        if self.appendable && fresh.is_empty() {
            return;
        }
        let append = self.appendable && self.count + fresh.len() <= 2 * live.max(1);
        let sealed = |records: &[Vec<u8>], out: &mut Vec<u8>| -> io::Result<()> {
            for record in records {
                let len = u32::try_from(record.len()).map_err(io::Error::other)?;
                out.extend_from_slice(&len.to_le_bytes());
                out.extend_from_slice(&xxh3_64(record).to_le_bytes());
                out.extend_from_slice(record);
            }
            Ok(())
        };
        let size = |records: &[Vec<u8>]| records.iter().map(|r| FRAME + r.len()).sum::<usize>();
        let saved = if append {
            let mut bytes = Vec::with_capacity(size(fresh));
            sealed(fresh, &mut bytes).and_then(|()| {
                std::fs::OpenOptions::new()
                    .append(true)
                    .open(&self.path)
                    .and_then(|mut f| f.write_all(&bytes))
            })
        } else {
            let records = all();
            let mut bytes = Vec::with_capacity(header.len() + size(&records));
            bytes.extend_from_slice(header.as_bytes());
            sealed(&records, &mut bytes).and_then(|()| {
                self.path
                    .parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|()| replace(&self.path, &bytes))
            })
        };
        if saved.is_err() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// The first lines of `parsed`: its format, the salt and the site's folder.
fn parsed_header(salt: u128, root: &Path) -> Option<String> {
    let root = std::path::absolute(root).ok()?;
    let root = root.to_str().filter(|r| !r.contains(['\n', '\r']))?;
    Some(format!("{PARSED_HEADER}\nsalt {salt:032x}\nroot {root}\n"))
}

/// The start of `search`: its format, the manifest of the output it describes and
/// the hash of the tables that follow.
fn search_head(manifest: u64, sum: u64) -> Vec<u8> {
    let mut head = SEARCH_HEADER.as_bytes().to_vec();
    head.extend_from_slice(&manifest.to_le_bytes());
    head.extend_from_slice(&sum.to_le_bytes());
    head
}

/// Hash of a manifest's bytes, to know the output a cache describes.
pub fn manifest_hash(path: &Path) -> Option<u64> {
    std::fs::read(path).ok().map(|b| xxh3_64(&b))
}

/// The salt of a build: this very binary (its version and commit, and where it
/// is with its size and times, so that any other build of ketluan counts as
/// another), and the options that change its output.
pub fn salt(parts: &[&str]) -> u128 {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            format!("{} {mtime:?} {:?}", m.len(), m.created().ok())
        })
        // Without a look at itself, a binary cannot know a cache is its own.
        .unwrap_or_else(|_| format!("{:?}", std::time::SystemTime::now()));
    let mut text = format!(
        "{HEADER}\n{}\n{}\n{exe}\n",
        env!("CARGO_PKG_VERSION"),
        env!("KETLUAN_COMMIT")
    );
    for p in parts {
        let _ = writeln!(text, "{}:{p}", p.len());
    }
    xxh3_128(text.as_bytes())
}

impl State {
    fn to_bytes(&self) -> Vec<u8> {
        let mut t = String::with_capacity(96 * self.inputs.len() + 256);
        let _ = writeln!(t, "{HEADER}");
        let _ = writeln!(t, "salt {:032x}", self.salt);
        match self.manifest {
            Some(m) => {
                let _ = writeln!(t, "manifest {m:016x}");
            }
            None => t.push_str("manifest none\n"),
        }
        let _ = writeln!(
            t,
            "counts {} {} {} {}",
            self.conclusions,
            self.pages,
            self.files,
            u8::from(self.links_checked)
        );
        self.inputs.write(&mut t);
        let sum = xxh3_64(t.as_bytes());
        let _ = writeln!(t, "end {sum:016x}");
        t.into_bytes()
    }

    /// `None` unless `bytes` is a whole state file of this format.
    fn parse(bytes: &[u8]) -> Option<State> {
        let mut lines = checked_body(bytes)?.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let salt = u128::from_str_radix(lines.next()?.strip_prefix("salt ")?, 16).ok()?;
        let manifest = match lines.next()?.strip_prefix("manifest ")? {
            "none" => None,
            m => Some(u64::from_str_radix(m, 16).ok()?),
        };
        let mut counts = lines.next()?.strip_prefix("counts ")?.split(' ');
        let mut count = || counts.next()?.parse::<usize>().ok();
        let (conclusions, pages, files) = (count()?, count()?, count()?);
        let links_checked = count()? == 1;
        let mut state = State {
            salt,
            manifest,
            conclusions,
            pages,
            files,
            links_checked,
            ..State::default()
        };
        for line in lines {
            state.inputs.read_line(line)?;
        }
        Some(state)
    }
}

/// The text of a file [`State::to_bytes`] or [`keys_bytes`] wrote, without its
/// last line, if that line is the hash of the rest.
fn checked_body(bytes: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(bytes).ok()?;
    let body_len = text.strip_suffix('\n')?.rfind('\n')? + 1;
    let (body, end) = text.split_at(body_len);
    let sum = u64::from_str_radix(end.strip_prefix("end ")?.trim_end(), 16).ok()?;
    (sum == xxh3_64(body.as_bytes())).then_some(body)
}

/// The `keys` file: the page keys of the output whose manifest hashes to `manifest`.
fn keys_bytes(keys: &[(String, Key)], manifest: u64) -> Vec<u8> {
    let mut t = String::with_capacity(64 * keys.len() + 64);
    let _ = writeln!(t, "{KEYS_HEADER}\nmanifest {manifest:016x}");
    let mut keys: Vec<&(String, Key)> = keys.iter().collect();
    rayon::slice::ParallelSliceMut::par_sort_unstable(&mut keys[..]);
    for (path, key) in keys {
        let _ = writeln!(t, "{key:032x} {path}");
    }
    let sum = xxh3_64(t.as_bytes());
    let _ = writeln!(t, "end {sum:016x}");
    t.into_bytes()
}

/// The keys [`keys_bytes`] wrote for `manifest`; `None` if `bytes` are not that.
fn parse_keys(bytes: &[u8], manifest: u64) -> Option<Keys> {
    let mut lines = checked_body(bytes)?.lines();
    if lines.next()? != KEYS_HEADER || lines.next()? != format!("manifest {manifest:016x}") {
        return None;
    }
    lines
        .map(|line| {
            let (key, path) = line.split_once(' ')?;
            Some((path.to_string(), u128::from_str_radix(key, 16).ok()?))
        })
        .collect()
}

/// Write `path` whole: a new file renamed over the old one.
fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, path)
}

fn copy_whole(from: &Path, to: &Path) -> io::Result<()> {
    replace(to, &std::fs::read(from)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> State {
        let mut s = State {
            salt: 7,
            manifest: Some(9),
            conclusions: 1,
            pages: 2,
            files: 3,
            ..State::default()
        };
        let line = format!("in f 3 1 2 4 {:032x} content/a b.md", 5);
        s.inputs.read_line(&line).unwrap();
        s
    }

    /// Records are appended until they are more than twice the files, then written
    /// anew; one cut short (a build stopped while appending) or altered is left out,
    /// the others kept.
    #[test]
    fn parsed_records_append_and_survive_a_cut() {
        let dir = tempfile::tempdir().unwrap();
        let store = BuildCache {
            dir: dir.path().to_path_buf(),
            last: State::default(),
        };
        let records = |n: u8| -> Vec<Vec<u8>> { (0..n).map(|i| vec![i; 5 + i as usize]).collect() };
        let read = || {
            store
                .parsed(7, dir.path())
                .records()
                .iter()
                .map(|r| r.to_vec())
                .collect::<Vec<_>>()
        };
        store.parsed(7, dir.path()).save(&[], 3, || records(3));
        assert_eq!(read(), records(3));
        store
            .parsed(7, dir.path())
            .save(&[vec![9; 4]], 3, || unreachable!());
        assert_eq!(read().len(), 4);
        // Another salt: nothing.
        assert!(store.parsed(8, dir.path()).records().is_empty());
        // Seven records for three files: written anew.
        store
            .parsed(7, dir.path())
            .save(&records(3), 3, || records(2));
        assert_eq!(read(), records(2));
        let path = dir.path().join("parsed");
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.truncate(bytes.len() - 2);
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(read(), records(1));
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(read(), records(1));
        let first = bytes.len() - 2 * FRAME - 5 - 6 + FRAME;
        bytes[first] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(read().is_empty());
    }

    #[test]
    fn keys_read_back_only_for_their_manifest() {
        let keys = vec![
            ("ket-luan/a b/index.html".to_string(), 5),
            ("index.html".to_string(), u128::MAX),
        ];
        let bytes = keys_bytes(&keys, 9);
        let read = parse_keys(&bytes, 9).unwrap();
        assert_eq!(read.len(), 2);
        assert_eq!(read["index.html"], u128::MAX);
        assert_eq!(read["ket-luan/a b/index.html"], 5);
        assert_eq!(parse_keys(&bytes, 8), None);
        for cut in 0..bytes.len() {
            assert_eq!(parse_keys(&bytes[..cut], 9), None, "cut at {cut}");
        }
    }

    #[test]
    fn a_state_reads_back_as_written() {
        let s = sample();
        assert_eq!(State::parse(&s.to_bytes()), Some(s));
    }

    #[test]
    fn a_truncated_or_altered_state_is_no_state() {
        let bytes = sample().to_bytes();
        for cut in 0..bytes.len() {
            assert_eq!(State::parse(&bytes[..cut]), None, "cut at {cut}");
        }
        for at in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[at] ^= 0x01;
            assert_eq!(State::parse(&bad), None, "byte {at} altered");
        }
    }
}
