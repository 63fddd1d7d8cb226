//! How long the search index takes to build and how big it is, without rendering the
//! pages (so it runs on 100,000 conclusions within the machine's memory):
//!
//!     python3 scripts/gen_search_corpus.py 100000 /tmp/c100k
//!     cargo bench --bench search_index -- /tmp/c100k /tmp/c100k-index
//!
//! Writes the index under `<out>/tim-kiem/chi-muc/` for `scripts/bench_search.mjs`.
//! With `--build` (10,000 conclusions fit in memory easily) it first runs a whole
//! `ketluan build` of the site into `<out>/site/` and reports what the index adds to
//! it: the build includes the index, so the share is index / (build − index), in CPU
//! time (steadier on a shared machine) and in wall time.

use std::path::PathBuf;
use std::time::Instant;

use ketluan::model::Site;
use ketluan::render::context::Builder;
use ketluan::render::{markdown, search};

/// CPU time of this process so far (user + system, all threads), from /proc: the
/// machine is shared, so wall time alone says little.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<f64> = after
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second).
    (fields.get(11).unwrap_or(&0.0) + fields.get(12).unwrap_or(&0.0)) / 100.0
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let full_build = args.iter().any(|a| a == "--build");
    args.retain(|a| a != "--build" && a != "--bench");
    let [root, out] = &args[..] else {
        eprintln!("usage: cargo bench --bench search_index -- <site root> <output dir> [--build]");
        std::process::exit(2);
    };
    // The whole build first (its index included), to compare the index with.
    let build = full_build.then(|| {
        let cpu = cpu_seconds();
        let started = Instant::now();
        let report = ketluan::build::build(&ketluan::build::BuildOptions {
            root: PathBuf::from(root),
            output: Some(PathBuf::from(out).join("site")),
            base_url: None,
            drafts: false,
            force: false,
        })
        .unwrap_or_else(|e| panic!("{}", e[0].render()));
        println!(
            "whole build:        {} pages, {} files",
            report.pages, report.files
        );
        (started.elapsed().as_secs_f64(), cpu_seconds() - cpu)
    });
    let started = Instant::now();
    let loaded = ketluan::load::load(&ketluan::load::Options {
        root: PathBuf::from(root),
        base_url: None,
        drafts: false,
        store_texts: false,
    })
    .unwrap_or_else(|e| panic!("{} problems, first: {}", e.len(), e[0].render()));
    let site = Site::new(loaded.config, loaded.conclusions, &loaded.registry);
    let loaded_in = started.elapsed();

    let started = Instant::now();
    let builder = Builder::new(&site);
    let context_in = started.elapsed();

    let started = Instant::now();
    let cpu = cpu_seconds();
    let text = |i: usize| {
        let c = &site.conclusions[i];
        Ok(markdown::plain_text(
            &c.markdown.text().expect("kept in memory"),
        ))
    };
    let mut files = Vec::new();
    search::Index::new(site.conclusions.len())
        .finish(&builder, &text, None, &mut |made| files.extend(made))
        .unwrap_or_else(|e| panic!("{}", e.render()));
    let index_in = started.elapsed();
    let index_cpu = cpu_seconds() - cpu;

    let out = PathBuf::from(out);
    let _ = std::fs::remove_dir_all(out.join(search::INDEX_DIR));
    let (mut shards, mut shard_bytes, mut fragment_bytes, mut largest) = (0, 0, 0, 0);
    for f in &files {
        let path = out.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &f.contents).unwrap();
        if f.path.contains("/t/") {
            shards += 1;
            shard_bytes += f.contents.len();
            largest = largest.max(f.contents.len());
        } else if f.path.contains("/d/") {
            fragment_bytes += f.contents.len();
        }
    }
    let n = site.conclusions.len();
    println!("conclusions:        {n}");
    println!("load + model:       {:.2} s", loaded_in.as_secs_f64());
    println!("template contexts:  {:.2} s", context_in.as_secs_f64());
    println!(
        "search index:       {:.2} s wall, {index_cpu:.2} s CPU (the bodies' text included)",
        index_in.as_secs_f64()
    );
    println!(
        "shards:             {shards}, {:.1} MB, largest {:.1} KB, mean {:.1} KB",
        shard_bytes as f64 / 1e6,
        largest as f64 / 1e3,
        shard_bytes as f64 / shards as f64 / 1e3
    );
    println!(
        "result fragments:   {n}, {:.1} MB, mean {:.1} KB",
        fragment_bytes as f64 / 1e6,
        fragment_bytes as f64 / n as f64 / 1e3
    );
    println!(
        "written to          {}",
        out.join(search::INDEX_DIR).display()
    );
    if let Some((wall, cpu)) = build {
        let index_wall = index_in.as_secs_f64();
        println!("whole build:        {wall:.2} s wall, {cpu:.2} s CPU (index included)");
        println!(
            "index adds:         {:.0}% to the build's CPU time, {:.0}% to its wall time",
            100.0 * index_cpu / (cpu - index_cpu),
            100.0 * index_wall / (wall - index_wall)
        );
    }
}
