#!/usr/bin/env python3
"""Generate the fixed site of the search relevance benchmark (bench/relevance/).

    python3 scripts/gen_relevance_site.py OUT

Writes OUT/site.yaml and OUT/content/: 300 generated conclusions plus the example
conclusions of content/. Each generated conclusion has a main topic (its first tag)
and maybe a second one; its title names the main topic in most conclusions (or is a
meeting title that does not), its summary and body use the topic's phrase among
second-order Markov text over the example conclusions' syllables (so every common
syllable, `tình`, `sở`, `chuyển biến`, is everywhere, as in real text). A few
officials chair many conclusions of their province; a few document numbers
(05-NQ/TU, 12-CT/TU) are cited by conclusions of several provinces, in front matter
or only in the text. Always the same files. bench/relevance/judge.py reads them to
write the judgments.
"""

import os
import random
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_search_corpus import PROVINCES, SURNAMES, MIDDLE, GIVEN, chain, seed_text, sentence_stream  # noqa: E402

COUNT = 300
SEED = 29
TOPICS = [
    "chuyển đổi số", "xây dựng đảng", "cải cách hành chính", "quốc phòng - an ninh",
    "y tế", "giáo dục", "hạ tầng giao thông", "nông nghiệp", "du lịch", "môi trường",
    "đất đai", "kinh tế - xã hội",
]
TITLES = [
    "Kết luận của {body} về {topic}",
    "Đẩy mạnh {topic} trên địa bàn tỉnh {province}",
    "Tập trung lãnh đạo, chỉ đạo {topic} năm {year}",
    "Thông báo kết luận về công tác {topic}",
    "Nâng cao hiệu quả {topic}, tạo chuyển biến rõ nét",
    "{province}: tháo gỡ khó khăn trong {topic}",
]
MEETINGS = [
    "Kết luận Hội nghị Ban Thường vụ Tỉnh ủy tháng {month}/{year}",
    "Thông báo kết luận buổi làm việc của Thường trực Tỉnh ủy với các sở, ngành",
    "Kết luận phiên họp thường kỳ tháng {month} của UBND tỉnh",
]
BODIES = ["Thường trực Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", "UBND tỉnh", "Thường trực HĐND tỉnh"]
# Officials who chair many conclusions of one province.
CHAIRS = {"Hà Tĩnh": "Hoàng Trung Dũng", "Quảng Nam": "Phan Việt Cường", "Đắk Lắk": "Nguyễn Đình Trung"}
# Numbers several provinces' committees issued (each its own document).
SHARED = ["05-NQ/TU", "12-CT/TU"]
KINDS = ["NQ", "KL", "CT", "KH"]


def person(rng):
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    rng = random.Random(SEED)
    words = seed_text(repo)
    stream = sentence_stream(rng, words, chain(words))
    filler = lambda k: " ".join(next(stream) for _ in range(k))  # noqa: E731
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(os.path.join(out, "content"))
    with open(os.path.join(out, "site.yaml"), "w", encoding="utf-8") as f:
        f.write("title: Kết luận (đánh giá tìm kiếm)\nbase_url: https://portal.example.gov.vn/ket-luan/\nlanguage: vi\n")
    for name in sorted(os.listdir(os.path.join(repo, "content"))):
        shutil.copy(os.path.join(repo, "content", name), os.path.join(out, "content", name))
    # Provinces weighted so that some have many conclusions.
    provinces = PROVINCES + ["Hà Tĩnh", "Quảng Nam", "Đắk Lắk", "Nghệ An", "Thanh Hóa"] * 4
    for i in range(COUNT):
        province = rng.choice(provinces)
        year = rng.randint(2016, 2025)
        month = rng.randint(1, 6 if year == 2025 else 12)
        topics = [rng.choice(TOPICS)]
        if rng.random() < 0.4:
            topics.append(rng.choice([t for t in TOPICS if t != topics[0]]))
        body = rng.choice(BODIES)
        if rng.random() < 0.75:
            title = rng.choice(TITLES).format(body=body, topic=topics[0], province=province, year=year)
        else:
            title = rng.choice(MEETINGS).format(month=month, year=year)
        chair = CHAIRS.get(province) if rng.random() < 0.7 else None
        docs = []
        for _ in range(rng.randint(0, 3)):
            docs.append(f"{rng.randint(1, 60):02d}-{rng.choice(KINDS)}/TU")
        cited_in_text = []
        if rng.random() < 0.08:
            docs.append(rng.choice(SHARED))
        elif rng.random() < 0.05:
            cited_in_text.append(rng.choice(SHARED))
        docs = list(dict.fromkeys(docs))
        summary = f"{filler(rng.randint(8, 20))} về {topics[0]}, {filler(rng.randint(10, 25))}".replace('"', "'")
        paragraphs = []
        for p in range(rng.randint(5, 10)):
            para = filler(rng.randint(50, 120)).split()
            if p < 3 or rng.random() < 0.3:
                para.insert(rng.randrange(len(para)), f"{rng.choice(topics)},")
            if docs and rng.random() < 0.4:
                para.insert(rng.randrange(len(para)), f"Nghị quyết số {rng.choice(docs)}")
            if cited_in_text and p == 1:
                para.insert(rng.randrange(len(para)), f"theo Chỉ thị số {cited_in_text[0]}")
            paragraphs.append(" ".join(para))
        front = [
            "---",
            f'title: "{title}"',
            f"date: {year}-{month:02d}-{rng.randint(1, 28):02d}",
            f"province: {province}",
            f"body: {body}",
            f"chaired_by: {chair or person(rng)}",
        ]
        if rng.random() < 0.3:
            front.append(f"signed_by: {person(rng)}")
        if docs:
            front.append("resolutions: [" + ", ".join(docs) + "]")
        front.append("tags: [" + ", ".join(topics) + "]")
        front.append(f'summary: "{summary}"')
        front.append("---")
        with open(os.path.join(out, "content", f"g{i:03d}.md"), "w", encoding="utf-8") as f:
            f.write("\n".join(front) + "\n\n" + "\n\n".join(paragraphs) + "\n")
    print(f"wrote {COUNT} conclusions and the examples to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
