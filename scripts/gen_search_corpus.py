#!/usr/bin/env python3
"""Generate a synthetic ketluan site of N conclusions, for measuring search and build.

    python3 scripts/gen_search_corpus.py 10000 /tmp/corpus-10k [--seed 1]

Writes <out>/site.yaml and <out>/content/*.md. The text is a second-order Markov
chain over the syllables of the example conclusions (content/ and the seed
fixtures), with a random jump every ~12 syllables so that the corpus has far more
distinct word pairs than the seeds (real portals repeat phrases more than this).
Every conclusion has a province of the 63 units before 2025-07-01, a date from
2015 to mid-2025, cited documents (front matter and body), tags and officials.
The same N and seed always give the same files.
"""

import argparse
import os
import random
import re
import sys

PROVINCES = [
    "Hà Nội", "Cao Bằng", "Điện Biên", "Lai Châu", "Sơn La", "Lạng Sơn", "Quảng Ninh",
    "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Huế", "Hà Giang", "Bắc Kạn", "Tuyên Quang",
    "Lào Cai", "Yên Bái", "Hoà Bình", "Thái Nguyên", "Bắc Giang", "Phú Thọ", "Vĩnh Phúc",
    "Bắc Ninh", "Hải Dương", "Hải Phòng", "Hưng Yên", "Thái Bình", "Hà Nam", "Nam Định",
    "Ninh Bình", "Quảng Bình", "Quảng Trị", "Đà Nẵng", "Quảng Nam", "Quảng Ngãi",
    "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai",
    "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai",
    "Bà Rịa - Vũng Tàu", "Hồ Chí Minh", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh",
    "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Cần Thơ", "Hậu Giang", "Sóc Trăng",
    "Bạc Liêu", "Cà Mau",
]
BODIES = ["Thường trực Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", "UBND tỉnh", "Thường trực HĐND tỉnh"]
TAGS = [
    "chuyển đổi số", "xây dựng đảng", "kinh tế - xã hội", "cải cách hành chính",
    "quốc phòng - an ninh", "y tế", "giáo dục", "hạ tầng giao thông", "nông nghiệp",
    "du lịch", "môi trường", "đất đai",
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Hồng", "Minh", "Quốc", "Thanh", "Trọng", "Ngọc", "Xuân"]
GIVEN = ["Dũng", "Hải", "Hùng", "Lĩnh", "Quận", "Sơn", "Châu", "Tuấn", "Hà", "Lan", "Bình"]
PARTY_KINDS = ["NQ", "KL", "CT", "QĐ", "TB", "KH", "CTr"]
KIND_WORDS = {
    "NQ": "Nghị quyết", "KL": "Kết luận", "CT": "Chỉ thị", "QĐ": "Quyết định",
    "TB": "Thông báo", "KH": "Kế hoạch", "CTr": "Chương trình",
}


def seed_text(repo):
    """The syllables of the example bodies, in order."""
    texts = []
    for folder in ("content", "tests/fixtures/seeds"):
        path = os.path.join(repo, folder)
        for name in sorted(os.listdir(path)):
            with open(os.path.join(path, name), encoding="utf-8") as f:
                text = f.read()
            if text.startswith("---"):
                text = text.split("---", 2)[2]
            texts.append(text)
    words = []
    for t in texts:
        for line in t.splitlines():
            line = re.sub(r"^[\s>#*\-\d.]+\s", "", line)
            words.extend(w for w in line.replace("\\", "").replace('"', "").split() if w)
    return words


def chain(words):
    """Second- and first-order successor tables."""
    two, one = {}, {}
    for a, b, c in zip(words, words[1:], words[2:]):
        two.setdefault((a, b), []).append(c)
        one.setdefault(b, []).append(c)
    return two, one


def sentence_stream(rng, words, tables):
    two, one = tables
    a, b = rng.choice(sorted(two))
    while True:
        yield b
        if rng.random() < 0.08:
            c = rng.choice(words)
        else:
            c = rng.choice(two.get((a, b)) or one.get(b) or words)
        a, b = b, c


def person(rng):
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def document(rng, year):
    kind = rng.choice(PARTY_KINDS)
    n = rng.randint(1, 120)
    if rng.random() < 0.6:
        return kind, f"{n:02d}-{kind}/TU"
    if kind in ("NQ", "QĐ", "KH"):
        state = {"NQ": "NQ-HĐND", "QĐ": "QĐ-UBND", "KH": "KH-UBND"}[kind]
        return kind, f"{n}/{year}/{state}" if kind == "NQ" else f"{n}/{state}"
    return kind, f"{n:02d}-{kind}/TW"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("count", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    rng = random.Random(args.seed)
    words = seed_text(repo)
    table = chain(words)
    stream = sentence_stream(rng, words, table)
    os.makedirs(os.path.join(args.out, "content"), exist_ok=True)
    with open(os.path.join(args.out, "site.yaml"), "w", encoding="utf-8") as f:
        f.write(
            "title: Kết luận (kho thử nghiệm)\n"
            "base_url: https://portal.example.gov.vn/ket-luan/\n"
            "language: vi\n"
        )
    for i in range(args.count):
        province = rng.choice(PROVINCES)
        year = rng.randint(2015, 2024) if rng.random() < 0.95 else 2025
        month = rng.randint(1, 6 if year == 2025 else 12)
        day = rng.randint(1, 28)
        title_words = [next(stream) for _ in range(rng.randint(8, 16))]
        title = " ".join(title_words).strip(" ,;:.").replace('"', "'")
        title = title[:1].upper() + title[1:]
        docs = [document(rng, year) for _ in range(rng.randint(0, 4))]
        paragraphs = []
        for _ in range(rng.randint(6, 14)):
            para = [next(stream) for _ in range(rng.randint(50, 130))]
            if docs and rng.random() < 0.5:
                kind, number = rng.choice(docs)
                at = rng.randrange(len(para))
                para.insert(at, f"{KIND_WORDS[kind]} số {number}")
            paragraphs.append(" ".join(para))
        summary = " ".join(paragraphs[0].split()[:45]).replace('"', "'")
        front = [
            "---",
            f'title: "{title}"',
            f"date: {year}-{month:02d}-{day:02d}",
            f"province: {province}",
            f"body: {rng.choice(BODIES)}",
            f"chaired_by: {person(rng)}",
        ]
        if rng.random() < 0.3:
            front.append(f"signed_by: {person(rng)}")
        if docs:
            front.append("resolutions: [" + ", ".join(n for _, n in docs) + "]")
        front.append("tags: [" + ", ".join(rng.sample(TAGS, rng.randint(1, 3))) + "]")
        front.append(f'summary: "{summary}"')
        front.append("---")
        name = f"{i:06d}.md"
        with open(os.path.join(args.out, "content", name), "w", encoding="utf-8") as f:
            f.write("\n".join(front) + "\n\n" + "\n\n".join(paragraphs) + "\n")
    print(f"wrote {args.count} conclusions to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
