//! Micro-benchmarks of the hot functions of a build: `cargo bench --bench hot`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use ketluan::model::body;
use ketluan::model::citation::find_citations;
use ketluan::model::docnum::DocumentNumber;
use ketluan::render::markdown;
use ketluan::text;

const SEED: &str = include_str!("../tests/fixtures/seeds/002_854b09252c2aede0.txt");

fn hot(c: &mut Criterion) {
    c.bench_function("docnum_parse", |b| {
        b.iter(|| {
            for s in [
                "05-NQ/TU",
                "326/2021/NQ-HĐND",
                "1393/UBND-DL1",
                "98/2023/QH15",
            ] {
                black_box(DocumentNumber::parse(black_box(s)).ok());
            }
        })
    });
    c.bench_function("find_citations_22kb", |b| {
        b.iter(|| find_citations(black_box(SEED)))
    });
    c.bench_function("analyse_body_22kb", |b| {
        b.iter(|| body::analyse(black_box(SEED), true))
    });
    c.bench_function("markdown_render_22kb", |b| {
        b.iter(|| markdown::render(black_box(SEED), false, &[]))
    });
    c.bench_function("nfc_22kb", |b| b.iter(|| text::nfc(black_box(SEED))));
    c.bench_function("is_nfc_22kb", |b| b.iter(|| text::is_nfc(black_box(SEED))));
    c.bench_function("fold_22kb", |b| b.iter(|| text::fold(black_box(SEED))));
    let titles: Vec<&str> = SEED.lines().filter(|l| !l.is_empty()).collect();
    c.bench_function("sort_lines_vietnamese", |b| {
        b.iter(|| {
            let mut v = titles.clone();
            v.sort_by(|a, b| text::compare(a, b));
            v
        })
    });
    c.bench_function("slugify_title", |b| {
        b.iter(|| {
            text::slugify(black_box(
                "Kết luận của Ban Thường vụ Tỉnh ủy tại Hội nghị cán bộ chủ chốt",
            ))
        })
    });
}

criterion_group!(benches, hot);
criterion_main!(benches);
