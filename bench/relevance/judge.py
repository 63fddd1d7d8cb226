#!/usr/bin/env python3
"""Write the judgments of the search relevance benchmark: for each query, the
conclusions a reader wants and how much (2 what was asked for, 1 related).

    python3 scripts/gen_relevance_site.py /tmp/relevance-site
    python3 bench/relevance/judge.py /tmp/relevance-site > bench/relevance/judgments.json

The judgments read the conclusions' files (front matter and text), never the search
engine: a topic query wants the conclusions about that topic (their main tag: 2;
second tag: 1), a province query that province's conclusions, a person's the
conclusions they chaired (2) or signed (1), a document number the conclusions citing
it in front matter (2) or in the text (1), a year that year's conclusions. The
example conclusions (content/) were judged by reading them; their lists are below.
A query misspelt with a wrong tone wants what the right spelling wants.
"""

import json
import os
import re
import sys
import unicodedata

# The example conclusions, judged by reading them.
EXAMPLES = {
    "hội nghị cán bộ chủ chốt": {"2023-03-22-ha-tinh-ket-luan-hoi-nghi-can-bo-chu-chot": 2},
    "quyet liet chi dao dieu hanh": {"2021-04-09-quang-ninh-quyet-liet-chi-dao-dieu-hanh": 2},
    "Ban Cán sự Đảng UBND tỉnh Lâm Đồng": {"2021-06-15-lam-dong-lam-viec-ban-can-su-dang-ubnd": 2},
    "cu the hoa chu truong nghi quyet": {"2021-11-01-ha-tinh-cu-the-hoa-chu-truong-nghi-quyet": 2},
    "tăng trưởng kinh tế quý I": {"2021-04-09-quang-ninh-quyet-liet-chi-dao-dieu-hanh": 2},
    "khu kinh te vung ang": {"2022-01-18-ha-tinh-chuong-trinh-thuc-hien-nghi-quyet": 2},
    "Trần Đức Quận": {"2021-06-15-lam-dong-lam-viec-ban-can-su-dang-ubnd": 2},
}


def fold(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def read(site):
    """slug -> {title, province, year, tags, chaired_by, signed_by, resolutions, text}."""
    out = {}
    folder = os.path.join(site, "content")
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            _, front, text = f.read().split("---", 2)
        meta = {}
        for line in front.strip().splitlines():
            key, _, value = line.partition(":")
            value = value.strip()
            if value.startswith("["):
                value = [v.strip() for v in value.strip("[]").split(",") if v.strip()]
            else:
                value = value.strip('"')
            meta[key.strip()] = value
        meta["year"] = int(meta["date"][:4])
        meta["text"] = text
        out[name[:-3]] = meta
    return out


def topic(t):
    return lambda c: 2 if c.get("tags", [None])[0] == t else 1 if t in c.get("tags", []) else 0


def province(p):
    return lambda c: 2 if c["province"] == p else 0


def person(p):
    return lambda c: 2 if c.get("chaired_by") == p else 1 if c.get("signed_by") == p else 0


def number(n):
    cited = re.compile(r"(?<![\w/.-])" + re.escape(n) + r"(?![\w])")
    return lambda c: 2 if n in c.get("resolutions", []) else 1 if cited.search(c["text"]) else 0


def year(y):
    return lambda c: 2 if c["year"] == y else 0


def both(a, b):
    return lambda c: min(a(c), b(c))


# (query, kind, judge)
QUERIES = [
    ("chuyển đổi số", "topic", topic("chuyển đổi số")),
    ("chuyen doi so", "topic, no accents", topic("chuyển đổi số")),
    ("cải cách hành chính", "topic", topic("cải cách hành chính")),
    ("cai cach hanh chinh", "topic, no accents", topic("cải cách hành chính")),
    ("hạ tầng giao thông", "topic", topic("hạ tầng giao thông")),
    ("ha tang giao thong", "topic, no accents", topic("hạ tầng giao thông")),
    ("xây dựng đảng", "topic", topic("xây dựng đảng")),
    ("xay dung dang", "topic, no accents", topic("xây dựng đảng")),
    ("du lịch", "topic", topic("du lịch")),
    ("du lich", "topic, no accents", topic("du lịch")),
    ("môi trường", "topic", topic("môi trường")),
    ("moi truong", "topic, no accents", topic("môi trường")),
    ("quốc phòng an ninh", "topic", topic("quốc phòng - an ninh")),
    ("nong nghiep", "topic, no accents", topic("nông nghiệp")),
    ("giáo dục", "topic", topic("giáo dục")),
    ("dat dai", "topic, no accents", topic("đất đai")),
    ("Hà Tĩnh", "province", province("Hà Tĩnh")),
    ("ha tinh", "province, no accents", province("Hà Tĩnh")),
    ("Đắk Lắk", "province", province("Đắk Lắk")),
    ("dak lak", "province, no accents", province("Đắk Lắk")),
    ("Quảng Nam", "province", province("Quảng Nam")),
    ("Thanh Hoá", "province, old tone placement", province("Thanh Hóa")),
    ("chuyển đổi số Hà Tĩnh", "topic + province", both(topic("chuyển đổi số"), province("Hà Tĩnh"))),
    ("du lich quang nam", "topic + province", both(topic("du lịch"), province("Quảng Nam"))),
    ("giáo dục Thanh Hóa", "topic + province", both(topic("giáo dục"), province("Thanh Hóa"))),
    ("Hoàng Trung Dũng", "person", person("Hoàng Trung Dũng")),
    ("phan viet cuong", "person, no accents", person("Phan Việt Cường")),
    ("Nguyễn Đình Trung", "person", person("Nguyễn Đình Trung")),
    ("05-NQ/TU", "document number", number("05-NQ/TU")),
    ("05/NQ-TU", "document number, variant", number("05-NQ/TU")),
    ("5-NQ/TU", "document number, variant", number("05-NQ/TU")),
    ("12-CT/TU", "document number", number("12-CT/TU")),
    ("12/CT-TU", "document number, variant", number("12-CT/TU")),
    ("326/2021/NQ-HĐND", "document number", number("326/2021/NQ-HĐND")),
    ("chuyển đỗi số", "wrong tone", topic("chuyển đổi số")),
    ("Hà Tình", "wrong tone", province("Hà Tĩnh")),
    ("cải cách hành chinh", "wrong tone", topic("cải cách hành chính")),
    ("môi trướng", "wrong tone", topic("môi trường")),
    ("du lích", "wrong tone", topic("du lịch")),
    ("2019", "year", year(2019)),
    ("chuyển đổi số 2022", "topic + year", both(topic("chuyển đổi số"), year(2022))),
    ("giao duc 2020", "topic + year", both(topic("giáo dục"), year(2020))),
]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    site = read(sys.argv[1])
    out = []
    for q, kind, judge in QUERIES:
        rel = {slug: g for slug, c in site.items() if (g := judge(c))}
        out.append({"q": q, "kind": kind, "relevant": rel})
    for q, rel in EXAMPLES.items():
        assert all(s in site for s in rel), q
        out.append({"q": q, "kind": "example conclusions", "relevant": rel})
    for j in out:
        if not j["relevant"]:
            sys.exit(f"no conclusion is relevant to {j['q']!r}: change the query")
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
