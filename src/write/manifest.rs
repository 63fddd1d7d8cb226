//! What the previous build wrote (`.public.ketluan-manifest`: size, hash and path of
//! every file), and whether a file on disk still holds what a manifest says.

use std::fs;
use std::io::{self, Write as _};
use std::path::Path;

use super::{modified, sys};

/// Size and content hash of a file.
pub(super) type Fingerprint = (u64, u64);

pub(super) fn fingerprint(bytes: &[u8]) -> Fingerprint {
    // XXH3: a fixed, published algorithm (stable across runs and versions), and
    // about twenty times faster than SipHash, which hashed the whole site at ~1 GB/s.
    (bytes.len() as u64, xxhash_rust::xxh3::xxh3_64(bytes))
}

/// First line of a manifest: names the hash, so that a manifest written with
/// another one (by an older ketluan) is not trusted.
const MANIFEST_HEADER: &str = "ketluan-manifest xxh3-64";

/// Paths of the output, several hundred thousand for a large site and looked up
/// several times a build: hashed with FxHash (they are ours, not an attacker's),
/// several times cheaper than SipHash.
pub(super) type PathMap<V> = rustc_hash::FxHashMap<String, V>;

/// The manifest at `path` as a map (empty if it is not one). Its lines are read in
/// parallel: a large site's manifest lists hundreds of thousands of files.
pub(super) fn read_manifest(path: &Path) -> PathMap<Fingerprint> {
    use rayon::prelude::*;
    let Ok(text) = fs::read_to_string(path) else {
        return PathMap::default();
    };
    let listed = text
        .split_once('\n')
        .filter(|(head, _)| head.trim_end_matches('\r') == MANIFEST_HEADER)
        .map_or("", |(_, listed)| listed);
    let parsed: Vec<(String, Fingerprint)> = listed
        .par_lines()
        .filter_map(entry)
        .map(|(rel, print)| (rel.to_string(), print))
        .collect();
    let mut map = PathMap::with_capacity_and_hasher(parsed.len(), Default::default());
    map.extend(parsed);
    map
}

/// The path and fingerprint of each file listed in the text of a manifest (none if
/// it is not one), borrowed from it.
pub(super) fn entries(text: &str) -> impl Iterator<Item = (&str, Fingerprint)> {
    let mut lines = text.lines();
    let ours = lines.next() == Some(MANIFEST_HEADER);
    lines.take_while(move |_| ours).filter_map(entry)
}

/// The path and fingerprint a line of a manifest lists.
fn entry(line: &str) -> Option<(&str, Fingerprint)> {
    let mut parts = line.splitn(3, ' ');
    let len = parts.next()?.parse().ok()?;
    let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
    Some((parts.next()?, (len, hash)))
}

pub(super) fn write_manifest(path: &Path, written: &[(String, Fingerprint)]) -> io::Result<()> {
    let mut out = io::BufWriter::new(fs::File::create(path)?);
    writeln!(out, "{MANIFEST_HEADER}")?;
    for (rel, (len, hash)) in written {
        writeln!(out, "{len} {hash:016x} {rel}")?;
    }
    out.flush()
}

/// Whether `path` is a file holding bytes with the fingerprint `print`: asked of a
/// file whose times say it changed, which may be a `touch` or a `chmod` only (a deploy
/// step making `public/` readable by all); it is then reused rather than rewritten,
/// and keeps its mtime.
pub(super) fn holds(path: &Path, print: Fingerprint) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == print.0)
        && fs::read(path).is_ok_and(|bytes| fingerprint(&bytes) == print)
}

/// Wait until the clock that stamps files has passed the mtime of `path`, at most
/// 100 ms. File times come from a clock that advances by ticks (4 ms on Linux at
/// 250 Hz); without the wait, a file edited by a command run right after the build
/// could bear the same time as the manifest and pass for the build's own.
pub(super) fn outlast(path: &Path) {
    let Some(stamp) = modified(path) else {
        return;
    };
    for _ in 0..100 {
        if sys::file_clock() > stamp {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}
