#!/usr/bin/env python3
"""Write a synthetic ketluan site of COUNT Vietnamese conclusions into SITE.

    python3 scripts/gen_corpus.py 10000 /tmp/corpus-10k

Deterministic: the same COUNT gives byte-identical files, and conclusion i is the
same whatever COUNT is (each one has its own seeded generator), so a 1,000 site is
a prefix of the 10,000 one. Python 3 standard library only.

What it writes, per conclusion (content/YYYY/<slug>.md):
- front matter with a title, a date from 2015-01-01 to 2026-06-30, a province valid
  on that date (the 63 units before 1 July 2025, the 34 after; every one of them is
  used as soon as COUNT >= 97), the concluding body, who chaired, the notice's own
  number, 0-5 cited documents (central ones such as 57-NQ/TW or 48-KL/TW shared by
  many conclusions, provincial ones such as 05-NQ/TU, 108/QĐ-UBND or
  326/2021/NQ-HĐND per province), tags, sometimes a summary and an author;
- a body of about 9.5 KB on average (4-13.5 KB): headings, paragraphs, bulleted and
  numbered lists, and citations of documents in running text.

10,000 conclusions make about 95 MB of Markdown. SITE must be empty or absent.
"""

import os
import random
import sys

# Units before the 2025 reorganisation (63) and after it (34), as in
# src/model/province_data.rs. `True` marks centrally-run cities.
BEFORE_2025 = [
    ("Hà Nội", True), ("Cao Bằng", False), ("Điện Biên", False), ("Lai Châu", False),
    ("Sơn La", False), ("Lạng Sơn", False), ("Quảng Ninh", False), ("Thanh Hóa", False),
    ("Nghệ An", False), ("Hà Tĩnh", False), ("Huế", True), ("Hà Giang", False),
    ("Bắc Kạn", False), ("Tuyên Quang", False), ("Lào Cai", False), ("Yên Bái", False),
    ("Hòa Bình", False), ("Thái Nguyên", False), ("Bắc Giang", False), ("Phú Thọ", False),
    ("Vĩnh Phúc", False), ("Bắc Ninh", False), ("Hải Dương", False), ("Hải Phòng", True),
    ("Hưng Yên", False), ("Thái Bình", False), ("Hà Nam", False), ("Nam Định", False),
    ("Ninh Bình", False), ("Quảng Bình", False), ("Quảng Trị", False), ("Đà Nẵng", True),
    ("Quảng Nam", False), ("Quảng Ngãi", False), ("Bình Định", False), ("Phú Yên", False),
    ("Khánh Hòa", False), ("Ninh Thuận", False), ("Bình Thuận", False), ("Kon Tum", False),
    ("Gia Lai", False), ("Đắk Lắk", False), ("Đắk Nông", False), ("Lâm Đồng", False),
    ("Bình Phước", False), ("Tây Ninh", False), ("Bình Dương", False), ("Đồng Nai", False),
    ("Bà Rịa - Vũng Tàu", False), ("Hồ Chí Minh", True), ("Long An", False),
    ("Tiền Giang", False), ("Bến Tre", False), ("Trà Vinh", False), ("Vĩnh Long", False),
    ("Đồng Tháp", False), ("An Giang", False), ("Kiên Giang", False), ("Cần Thơ", True),
    ("Hậu Giang", False), ("Sóc Trăng", False), ("Bạc Liêu", False), ("Cà Mau", False),
]
FROM_2025 = [
    ("Hà Nội", True), ("Cao Bằng", False), ("Tuyên Quang", False), ("Điện Biên", False),
    ("Lai Châu", False), ("Sơn La", False), ("Lào Cai", False), ("Thái Nguyên", False),
    ("Lạng Sơn", False), ("Quảng Ninh", False), ("Bắc Ninh", False), ("Phú Thọ", False),
    ("Hải Phòng", True), ("Hưng Yên", False), ("Ninh Bình", False), ("Thanh Hóa", False),
    ("Nghệ An", False), ("Hà Tĩnh", False), ("Quảng Trị", False), ("Huế", True),
    ("Đà Nẵng", True), ("Quảng Ngãi", False), ("Gia Lai", False), ("Khánh Hòa", False),
    ("Đắk Lắk", False), ("Lâm Đồng", False), ("Đồng Nai", False), ("Hồ Chí Minh", True),
    ("Tây Ninh", False), ("Đồng Tháp", False), ("Vĩnh Long", False), ("An Giang", False),
    ("Cần Thơ", True), ("Cà Mau", False),
]
# Ordinal day numbers (proleptic Gregorian, as datetime.date.toordinal).
FIRST_DAY = 735599  # 2015-01-01
REFORM_DAY = 739433  # 2025-07-01
LAST_DAY = 739797  # 2026-06-30

CENTRAL_DOCS = [
    ("57-NQ/TW", "Nghị quyết", "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia", "22/12/2024", "Bộ Chính trị"),
    ("18-NQ/TW", "Nghị quyết", "tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả", "25/10/2017", "Ban Chấp hành Trung ương"),
    ("68-NQ/TW", "Nghị quyết", "phát triển kinh tế tư nhân", "04/5/2025", "Bộ Chính trị"),
    ("48-KL/TW", "Kết luận", "tiếp tục thực hiện sắp xếp tổ chức bộ máy", "30/01/2023", "Bộ Chính trị"),
    ("21-NQ/TW", "Nghị quyết", "tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên", "16/6/2022", "Ban Chấp hành Trung ương"),
    ("05-CT/TW", "Chỉ thị", "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "15/5/2016", "Bộ Chính trị"),
    ("126-KL/TW", "Kết luận", "một số nội dung, nhiệm vụ tiếp tục sắp xếp, tinh gọn tổ chức bộ máy", "14/02/2025", "Bộ Chính trị"),
    ("202/2025/QH15", "Nghị quyết", "sắp xếp đơn vị hành chính cấp tỉnh", "12/6/2025", "Quốc hội"),
    ("30/2020/NĐ-CP", "Nghị định", "công tác văn thư", "05/3/2020", "Chính phủ"),
    ("05/CT-TTg", "Chỉ thị", "tăng cường chấn chỉnh kỷ luật, kỷ cương hành chính", "23/02/2023", "Thủ tướng Chính phủ"),
    ("128/NQ-CP", "Nghị quyết", "thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19", "11/10/2021", "Chính phủ"),
    ("26-NQ/TW", "Nghị quyết", "tập trung xây dựng đội ngũ cán bộ các cấp", "19/5/2018", "Ban Chấp hành Trung ương"),
]
PROVINCIAL_FORMS = [
    # (format, kind word, issuer phrase); {n} a number, {y} a year.
    ("{n:02d}-NQ/TU", "Nghị quyết", "Ban Chấp hành Đảng bộ tỉnh"),
    ("{n:02d}-CT/TU", "Chỉ thị", "Ban Thường vụ Tỉnh ủy"),
    ("{n}-KL/TU", "Kết luận", "Ban Thường vụ Tỉnh ủy"),
    ("{n}/QĐ-UBND", "Quyết định", "UBND tỉnh"),
    ("{n}/KH-UBND", "Kế hoạch", "UBND tỉnh"),
    ("{n}/{y}/NQ-HĐND", "Nghị quyết", "HĐND tỉnh"),
    ("{n}/UBND-KT", "Công văn", "UBND tỉnh"),
]
TOPICS = [
    "chuyển đổi số", "cải cách hành chính", "xây dựng nông thôn mới", "phát triển du lịch",
    "giải ngân vốn đầu tư công", "giải phóng mặt bằng", "phòng, chống thiên tai",
    "xây dựng Đảng", "công tác cán bộ", "an sinh xã hội", "giáo dục và đào tạo",
    "y tế cơ sở", "phát triển công nghiệp", "thu hút đầu tư", "quản lý đất đai",
    "bảo vệ môi trường", "quốc phòng - an ninh", "kinh tế - xã hội", "khoa học, công nghệ",
    "sắp xếp tổ chức bộ máy", "phòng, chống tham nhũng", "phát triển đô thị",
    "kinh tế tư nhân", "nông nghiệp công nghệ cao", "văn hóa, thể thao",
]
TITLE_PATTERNS = [
    "Kết luận của {chair_role} tại buổi làm việc về {topic}",
    "Tập trung lãnh đạo, chỉ đạo {topic} năm {year}",
    "Thông báo kết luận hội nghị {body_lc} về {topic}",
    "Đẩy mạnh {topic}, tạo chuyển biến rõ nét trong {topic2}",
    "Kết luận về tình hình thực hiện nhiệm vụ {topic} {period}",
    "Ý kiến chỉ đạo của {chair_role} về {topic} và {topic2}",
    "Tháo gỡ khó khăn, vướng mắc trong {topic}",
    "Kết luận buổi làm việc với Ban Thường vụ {district} về {topic}",
]
PERIODS = ["6 tháng đầu năm", "quý I", "9 tháng", "năm", "giai đoạn 2021-2025", "quý III"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Ngọc", "Trọng", "Xuân", "Hồng", "Thế", "Đình", "Công"]
GIVEN = ["Dũng", "Hải", "Hùng", "Lan", "Hương", "Sơn", "Thắng", "Tuấn", "Long", "Bình", "Châu", "Lĩnh", "Nam", "Phong", "Trung", "Hà", "Quang", "Thành", "Việt", "Khánh"]
DISTRICTS = ["Huyện ủy", "Thị ủy", "Thành ủy", "Đảng ủy Khối cơ quan", "Đảng ủy xã"]
SUBJECTS = [
    "Các sở, ban, ngành", "UBND các huyện, thị xã, thành phố", "Các cấp ủy, tổ chức đảng",
    "Ban Cán sự đảng UBND tỉnh", "Mặt trận Tổ quốc và các đoàn thể", "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính", "Sở Nội vụ", "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ",
    "Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh",
]
VERBS = [
    "tập trung chỉ đạo", "khẩn trương rà soát", "chủ động phối hợp thực hiện", "đẩy nhanh tiến độ",
    "tăng cường kiểm tra, giám sát", "nâng cao chất lượng", "quyết liệt triển khai",
    "tham mưu cụ thể hóa", "tổ chức quán triệt", "kịp thời tháo gỡ",
]
OBJECTS = [
    "các nhiệm vụ trọng tâm đã đề ra", "công tác giải phóng mặt bằng các dự án trọng điểm",
    "việc giải ngân vốn đầu tư công", "các thủ tục hành chính liên quan đến doanh nghiệp",
    "kế hoạch chuyển đổi số của tỉnh", "công tác cán bộ và bảo vệ chính trị nội bộ",
    "các chỉ tiêu kinh tế - xã hội năm", "chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "việc sắp xếp, tinh gọn tổ chức bộ máy", "các công trình, dự án chậm tiến độ",
    "công tác phòng, chống thiên tai, tìm kiếm cứu nạn", "việc thu ngân sách trên địa bàn",
]
COMPLEMENTS = [
    "bảo đảm đúng quy định của pháp luật", "hoàn thành trước ngày 31/12", "có sản phẩm cụ thể",
    "không để tồn đọng, kéo dài", "báo cáo kết quả về Thường trực Tỉnh ủy", "theo đúng lộ trình đã đề ra",
    "gắn trách nhiệm người đứng đầu", "phù hợp với điều kiện thực tế của địa phương",
]
FACTS = [
    "tăng trưởng kinh tế (GRDP) ước đạt {p}%",
    "thu ngân sách trên địa bàn đạt {t} tỷ đồng, bằng {q}% dự toán",
    "giải ngân vốn đầu tư công đạt {q}% kế hoạch",
    "thu hút {k} dự án đầu tư với tổng vốn đăng ký {t} tỷ đồng",
    "chỉ số sản xuất công nghiệp tăng {p}%",
    "tỷ lệ hồ sơ giải quyết trực tuyến đạt {q}%",
    "có thêm {k} xã đạt chuẩn nông thôn mới",
]
HEADINGS = [
    "Đánh giá chung", "Kết quả đạt được", "Tồn tại, hạn chế và nguyên nhân",
    "Nhiệm vụ, giải pháp trong thời gian tới", "Tổ chức thực hiện", "Một số nhiệm vụ cụ thể",
]


def day_to_dmy(ordinal):
    import datetime
    d = datetime.date.fromordinal(ordinal)
    return d.year, d.month, d.day


def ascii_slug(text):
    table = str.maketrans(
        "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ",
        "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd",
    )
    import unicodedata
    t = unicodedata.normalize("NFC", text.lower()).translate(table)
    out, dash = [], False
    for ch in t:
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def person(rng):
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def yaml_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def provincial_doc(rng, year):
    fmt, word, issuer = rng.choice(PROVINCIAL_FORMS)
    # Small ranges so that documents are cited by several conclusions.
    n = rng.randint(1, 40)
    y = rng.randint(max(2015, year - 5), year)
    return fmt.format(n=n, y=y), word, issuer


def conclusion(i):
    """The file name and text of conclusion number i (0-based)."""
    rng = random.Random(1_000_003 * (i + 1))
    # The first 97 cover every unit: 63 before the reform, then 34 after.
    if i < len(BEFORE_2025):
        day = rng.randint(FIRST_DAY, REFORM_DAY - 1)
        name, is_city = BEFORE_2025[i]
    elif i < len(BEFORE_2025) + len(FROM_2025):
        day = rng.randint(REFORM_DAY, LAST_DAY)
        name, is_city = FROM_2025[i - len(BEFORE_2025)]
    else:
        day = rng.randint(FIRST_DAY, LAST_DAY)
        units = BEFORE_2025 if day < REFORM_DAY else FROM_2025
        name, is_city = rng.choice(units)
    year, month, dd = day_to_dmy(day)
    unit_word = "thành phố" if is_city else "tỉnh"
    committee = "Thành ủy" if is_city else "Tỉnh ủy"
    party = rng.random() < 0.6
    if party:
        body = rng.choice([f"Thường trực {committee}", f"Ban Thường vụ {committee}", f"Ban Chấp hành Đảng bộ {unit_word}"])
        chair_role = f"Bí thư {committee}"
        number = f"{rng.randint(1, 999)}-{'KL' if rng.random() < 0.7 else 'TB'}/TU"
    else:
        body = f"UBND {unit_word}"
        chair_role = f"Chủ tịch UBND {unit_word}"
        number = f"{rng.randint(1, 999)}/TB-UBND"
    chair = person(rng)
    topic, topic2 = rng.sample(TOPICS, 2)
    title = rng.choice(TITLE_PATTERNS).format(
        chair_role=chair_role, topic=topic, topic2=topic2, year=year,
        body_lc=body if body[1].isupper() else body[0].lower() + body[1:], period=rng.choice(PERIODS),
        district=rng.choice(DISTRICTS),
    )
    title = title[0].upper() + title[1:]

    docs = []  # (number, kind word, subject, date text, issuer)
    for _ in range(rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4, 5])):
        if rng.random() < 0.45:
            d = rng.choice(CENTRAL_DOCS)
            if int(d[3].rsplit("/", 1)[1]) > year:  # not issued yet
                continue
        else:
            num, word, issuer = provincial_doc(rng, year)
            d = (num, word, rng.choice(TOPICS), f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{year - rng.randint(0, 3)}", f"{issuer.replace('tỉnh', unit_word)}")
        if all(d[0] != x[0] for x in docs):
            docs.append(d)
    tags = rng.sample(TOPICS, rng.randint(1, 4))

    slug = f"{year}-{month:02d}-{dd:02d}-{ascii_slug(name)}-{ascii_slug(topic)}-{i:05d}"
    fm = ["---", f"title: {yaml_quote(title)}", f"date: {year}-{month:02d}-{dd:02d}", f"province: {name}",
          f"body: {body}", f"chaired_by: {chair}", f"number: {number}"]
    if docs:
        fm.append("resolutions: [" + ", ".join(d[0] for d in docs) + "]")
    fm.append("tags: [" + ", ".join(yaml_quote(t) for t in tags) + "]")
    first = (f"Ngày {dd}/{month}/{year}, {body} {name} tổ chức hội nghị về {topic}. "
             f"Đồng chí {chair}, {chair_role}, chủ trì và kết luận hội nghị.")
    if rng.random() < 0.3:
        fm.append("summary: " + yaml_quote(first))
    if rng.random() < 0.5:
        fm.append(f"author: {person(rng)}")
    fm.append("---")

    target = rng.randint(4000, 13500)
    parts = [first]
    size = len(first.encode())
    section = 0
    cite_next = 0
    while size < target:
        if section < len(HEADINGS) and (section == 0 or rng.random() < 0.25):
            block = f"## {['I', 'II', 'III', 'IV', 'V', 'VI'][section]}. {HEADINGS[section]}"
            section += 1
        elif rng.random() < 0.2:
            bullet = "-" if rng.random() < 0.5 else None
            items = []
            for k in range(rng.randint(3, 6)):
                mark = bullet or f"{k + 1}."
                items.append(f"{mark} {sentence(rng, year)}")
            block = "\n".join(items)
        else:
            sentences = [sentence(rng, year) for _ in range(rng.randint(3, 6))]
            if docs and rng.random() < 0.35:
                d = docs[cite_next % len(docs)]
                cite_next += 1
                sentences.insert(rng.randint(0, len(sentences)), citation(rng, d))
            block = " ".join(sentences)
        parts.append(block)
        size += len(block.encode()) + 2
    return f"content/{year}/{slug}.md", "\n".join(fm) + "\n\n" + "\n\n".join(parts) + "\n"


def sentence(rng, year):
    r = rng.random()
    if r < 0.3:
        fact = rng.choice(FACTS).format(
            p=f"{rng.randint(3, 12)},{rng.randint(0, 99):02d}", t=f"{rng.randint(1, 60)}.{rng.randint(0, 999):03d}",
            q=rng.randint(40, 130), k=rng.randint(2, 90))
        return f"Năm {year}, {fact}."
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.6:
        s += f", {rng.choice(COMPLEMENTS)}"
    return s + "."


def citation(rng, d):
    number, word, subject, date, issuer = d
    if "-" in number.split("/")[0]:  # Party prose: comma before "ngày"
        return f"Tiếp tục triển khai {word} số {number}, ngày {date} của {issuer} về {subject}."
    return f"Thực hiện {word} số {number} ngày {date} của {issuer} về {subject}."


def main(argv):
    if len(argv) != 3 or not argv[1].isdigit():
        sys.exit(__doc__)
    count, site = int(argv[1]), argv[2]
    if os.path.exists(site) and os.listdir(site):
        sys.exit(f"{site} is not empty")
    os.makedirs(os.path.join(site, "content"), exist_ok=True)
    with open(os.path.join(site, "site.yaml"), "w", encoding="utf-8") as f:
        f.write(f"title: Kết luận tổng hợp ({count})\n"
                "description: Kho kết luận tổng hợp để đo tốc độ.\n"
                "base_url: https://portal.example.gov.vn/\nlanguage: vi\npaginate: 100\n")
    total = 0
    made = set()
    for i in range(count):
        path, text = conclusion(i)
        folder = os.path.dirname(os.path.join(site, path))
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        data = text.encode("utf-8")
        with open(os.path.join(site, path), "wb") as f:
            f.write(data)
        total += len(data)
    print(f"{count} conclusions, {total / 1e6:.1f} MB of Markdown in {site}")


if __name__ == "__main__":
    main(sys.argv)
