//! A raw article cut into blocks (one per paragraph line) and each block classified:
//! the optional ` date YYYY-MM Title` header, the dateline, paragraphs, subheadings,
//! numbered points and bullets, and the debris of a web page (photo captions,
//! bylines, `Tin liên quan`, lone dots).

use jiff::civil::Date;

use super::text::{is_capitalised, key_of, sentences, words};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    /// ` date 2021-11 Title` or ` date 2025-09-18 Title`: the publication's year,
    /// month, day when given, and the title.
    Header {
        year: i16,
        month: i8,
        day: Option<i8>,
        title: String,
    },
    /// `Thứ Sáu, 09/04/2021, 07:04 [GMT+7]`.
    Dateline(Date),
    /// The first line taken as the title.
    Title,
    Paragraph,
    Subheading,
    /// `1.`, `2.1.`, `a)`: `level` 1 for `N.`, more for sub-points.
    Numbered {
        marker: String,
        level: usize,
    },
    Bullet,
    /// A row of a Markdown table (`| a | b |`), kept as written.
    Table,
    /// The article's outlet or link (`Nguồn: https://…`).
    Source(String),
    Byline,
    /// Removed, with why (`photo caption`, `"Tin liên quan" list`, `lone dots`…).
    Debris(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Block {
    /// 1-based line of the input.
    pub line: usize,
    pub text: String,
    pub kind: Kind,
}

impl Block {
    /// Text read by the field extractors: everything an editor would read.
    pub(super) fn is_content(&self) -> bool {
        matches!(
            self.kind,
            Kind::Paragraph | Kind::Subheading | Kind::Numbered { .. } | Kind::Bullet
        )
    }
}

/// Cut and classify an article's text (NFC, LF).
pub(super) fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = lines(text)
        .into_iter()
        .map(|(line, text)| Block {
            line,
            text,
            kind: Kind::Paragraph,
        })
        .collect();
    if let Some(first) = out.first()
        && let Some((kind, paragraph)) = header(&first.text)
    {
        let line = first.line;
        out[0].kind = kind;
        // A header whose "title" is the first paragraph (` date 2021-06 (LĐ online) -
        // Chiều 15/6, …`) keeps it as one.
        if let Some(text) = paragraph {
            out[0].text = String::new();
            out.insert(
                1,
                Block {
                    line,
                    text,
                    kind: Kind::Paragraph,
                },
            );
        }
    }
    for b in out.iter_mut().take(8) {
        if b.kind == Kind::Paragraph
            && let Some(d) = dateline(&b.text)
        {
            b.kind = Kind::Dateline(d);
        }
    }
    for b in out.iter_mut() {
        let t = b.text.trim();
        if b.kind == Kind::Paragraph && t.len() > 2 && t.starts_with('|') && t.ends_with('|') {
            b.kind = Kind::Table;
        }
    }
    mark_title(&mut out);
    mark_debris(&mut out);
    mark_end(&mut out);
    for b in out.iter_mut() {
        if b.kind == Kind::Paragraph && is_caption(&b.text) {
            b.kind = Kind::Debris("photo caption");
        }
    }
    mark_structure(&mut out);
    out
}

/// Non-empty lines with their numbers, trailing debris (` |`) dropped and
/// hard-wrapped lines joined (a line continues when the next starts in lower case).
fn lines(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut previous_blank = true;
    for (i, raw) in text.lines().enumerate() {
        let mut line = raw.replace('\u{a0}', " ").trim().to_string();
        // A table row keeps its closing `|`; elsewhere a trailing `|` is debris.
        while !line.starts_with('|') && (line.ends_with(" |") || line == "|") {
            line.truncate(line.len() - 1);
            line = line.trim_end().to_string();
        }
        if line.is_empty() {
            previous_blank = true;
            continue;
        }
        let continues = !previous_blank
            && line.chars().next().is_some_and(char::is_lowercase)
            && out.last().is_some_and(|(_, prev)| {
                prev.chars().count() >= 40 && !prev.ends_with(['.', ':', ';', '!', '?', '…'])
            });
        match out.last_mut() {
            Some((_, prev)) if continues => {
                prev.push(' ');
                prev.push_str(&line);
            }
            _ => out.push((i + 1, line)),
        }
        previous_blank = false;
    }
    out
}

/// ` date 2021-11 Tập trung lãnh đạo…`; a "title" that is a paragraph is returned
/// apart.
fn header(line: &str) -> Option<(Kind, Option<String>)> {
    let rest = line.trim().strip_prefix("date ")?;
    let (ymd, title) = rest.split_once(' ')?;
    let mut parts = ymd.split('-');
    let (y, m) = (parts.next()?, parts.next()?);
    let d = parts.next();
    let (year, month) = (y.parse::<i16>().ok()?, m.parse::<i8>().ok()?);
    let day = match d {
        Some(d) => Some(d.parse::<i8>().ok()?),
        None => None,
    };
    if y.len() != 4
        || !(1..=12).contains(&month)
        || parts.next().is_some()
        || title.trim().is_empty()
        || day.is_some_and(|d| Date::new(year, month, d).is_err())
    {
        return None;
    }
    let title = title.trim().to_string();
    if title.chars().count() > 200 || title.ends_with('.') || starts_with_date(&title) {
        let kind = Kind::Header {
            year,
            month,
            day,
            title: String::new(),
        };
        return Some((kind, Some(title)));
    }
    Some((
        Kind::Header {
            year,
            month,
            day,
            title,
        },
        None,
    ))
}

/// A line that is only a date, optionally with a weekday, a time and a time zone.
pub(super) fn dateline(line: &str) -> Option<Date> {
    if line.chars().count() > 80 {
        return None;
    }
    let (range, date) = find_full_date(line)?;
    let rest = format!("{} {}", &line[..range.start], &line[range.end..]);
    const ALLOWED: &[&str] = &[
        "thứ", "hai", "ba", "tư", "năm", "sáu", "bảy", "chủ", "nhật", "cn", "t2", "t3", "t4", "t5",
        "t6", "t7", "gmt", "cập", "ngày", "lúc", "đăng", "giờ", "am", "pm", "sa", "ch", "h", "utc",
        "print", "in", "bản", "xem", "lượt",
    ];
    let only_date = words(&rest).iter().all(|(_, w)| {
        let w = w.to_lowercase();
        ALLOWED.contains(&w.as_str()) || (w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()))
    });
    only_date.then_some(date)
}

/// The first `D/M/YYYY` (or with `-`, `.`) in `s`, as a byte range and a date.
pub(super) fn find_full_date(s: &str) -> Option<(std::ops::Range<usize>, Date)> {
    let b = s.as_bytes();
    let digits = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let d = digits(i);
        let sep = b.get(i + d).copied();
        if (1..=2).contains(&d) && matches!(sep, Some(b'/' | b'-' | b'.')) {
            let j = i + d + 1;
            let m = if j < b.len() { digits(j) } else { 0 };
            if (1..=2).contains(&m) && b.get(j + m) == sep.as_ref() {
                let k = j + m + 1;
                let y = if k < b.len() { digits(k) } else { 0 };
                if y == 4
                    && let Ok(date) = crate::model::date::parse(&s[i..k + 4])
                {
                    return Some((i..k + 4, date));
                }
            }
        }
        i += d.max(1);
    }
    None
}

fn is_dots(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(
            c,
            '.' | '…' | '|' | '*' | '-' | '_' | '·' | ' ' | ',' | ';' | '>' | '»'
        )
    })
}

/// A line starting with a time of day or `Ngày` and a date (`Sáng ngày 23-10`).
fn starts_with_date(text: &str) -> bool {
    super::fields::starts_with_date(text)
}

/// Words of a web page's tools and menus: a line made only of them is no text.
const FURNITURE: &[&str] = &[
    "mặc định",
    "cỡ chữ",
    "in bài",
    "in trang",
    "chia sẻ",
    "bình luận",
    "lưu thông tin",
    "đóng",
    "thông tin bạn đọc",
    "gửi bài",
    "theo dõi",
    "trang chủ",
    "quay lại",
    "lên đầu trang",
    "facebook",
    "zalo",
    "twitter",
    "tweet",
    "email",
    "like",
    "share",
    "copy link",
    "sao chép liên kết",
    "nghe đọc bài",
    "nghe bài viết",
    "a+",
    "a-",
];

/// Section labels of news sites and portals: never a title.
const SECTIONS: &[&str] = &[
    "thời sự",
    "chính trị",
    "xây dựng đảng",
    "tin tức",
    "tin tức - sự kiện",
    "tin tức sự kiện",
    "tin hoạt động",
    "tin địa phương",
    "tin trong tỉnh",
    "hoạt động của lãnh đạo tỉnh",
    "hoạt động lãnh đạo",
    "chỉ đạo điều hành",
    "chỉ đạo - điều hành",
    "kinh tế",
    "xã hội",
    "sự kiện",
    "tiêu điểm",
    "nổi bật",
    "tin nổi bật",
    "thông báo",
    "tin mới nhất",
    "chính trị - xã hội",
];

/// Page furniture: tools, menus, breadcrumbs, section labels, a bare outlet name, a
/// link path or an image's file name (Vietnamese prose always has diacritics).
pub(super) fn furniture(text: &str) -> Option<&'static str> {
    let key = key_of(text.trim_end_matches([':', '.', '|']));
    let key = key.trim();
    if key.is_empty() {
        return None;
    }
    let tools = key
        .split(['|', '/', '·', '•', ','])
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .all(|k| {
            let mut rest = k;
            while !rest.is_empty() {
                match FURNITURE.iter().find(|f| {
                    rest.starts_with(*f) && !rest[f.len()..].starts_with(char::is_alphanumeric)
                }) {
                    Some(f) => rest = rest[f.len()..].trim_start(),
                    None => return false,
                }
            }
            true
        });
    if tools {
        return Some("page tools");
    }
    let crumbs: Vec<&str> = key.split(['>', '»', '›']).map(str::trim).collect();
    if crumbs
        .iter()
        .all(|c| SECTIONS.contains(c) || *c == "trang chủ")
    {
        return Some("section label");
    }
    if key.starts_with("source /") || key.starts_with("nguồn /") {
        return Some("link path");
    }
    // Contacts and counters of the page's header and footer.
    let contact = [
        "hotline",
        "đường dây nóng",
        "điện thoại:",
        "fax:",
        "email:",
        "tổng số lượt truy cập",
        "số lượt truy cập",
        "lượt truy cập",
        "đang truy cập",
        "lượt xem:",
    ];
    if contact.iter().any(|c| key.starts_with(c)) && key.chars().count() <= 80 {
        return Some("contact or counter");
    }
    let words = key.split_whitespace().count();
    if (key.starts_with("báo ") || key.starts_with("cổng thông tin"))
        && words <= 6
        && !text.contains(['.', ','])
    {
        return Some("outlet name");
    }
    let plain = text
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, ' ' | '-' | '_'));
    if plain && words >= 4 {
        return Some("image file name or link text");
    }
    None
}

/// Headings of link lists that end news pages.
const RELATED: &[&str] = &[
    "tin liên quan",
    "bài liên quan",
    "tin cùng chuyên mục",
    "tin khác",
    "các tin khác",
    "xem thêm",
    "đọc thêm",
    "tin mới",
    "tin đọc nhiều",
];

fn mark_debris(blocks: &mut [Block]) {
    let mut in_related = false;
    let mut seen: Vec<String> = Vec::new();
    for b in blocks.iter_mut() {
        if b.kind != Kind::Paragraph {
            continue;
        }
        let key = key_of(b.text.trim_end_matches([':', '.']));
        let repeated = seen.contains(&key) && b.text.chars().count() > 20;
        seen.push(key.clone());
        if is_dots(&b.text) {
            b.kind = Kind::Debris("lone dots");
        } else if let Some(why) = furniture(&b.text) {
            b.kind = Kind::Debris(why);
        } else if repeated {
            b.kind = Kind::Debris("repeated line");
        } else if RELATED.contains(&key.as_str()) {
            b.kind = Kind::Debris("\"Tin liên quan\" list");
            in_related = true;
        } else if in_related && title_like(&b.text) {
            b.kind = Kind::Debris("\"Tin liên quan\" list");
        } else {
            in_related = false;
            if let Some(url) = source_url(&b.text) {
                b.kind = Kind::Source(url);
            }
        }
    }
}

/// `Nguồn: https://…`, `Theo https://…` or a bare URL.
fn source_url(text: &str) -> Option<String> {
    let t = text.trim();
    let rest = ["Nguồn:", "Nguồn", "Theo", "Link:"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t)
        .trim();
    let is_url = (rest.starts_with("http://") || rest.starts_with("https://"))
        && !rest.contains(char::is_whitespace);
    is_url.then(|| rest.to_string())
}

/// Short, no final full stop, more than one word.
pub(super) fn title_like(text: &str) -> bool {
    let n = text.chars().count();
    n <= 200 && !text.ends_with(['.', ';', ',']) && text.split_whitespace().count() >= 2
}

/// A first line that reads as a headline: short, not a sentence ending in `:`, not a
/// date or a photo's caption (`Đồng chí X phát biểu tại hội nghị`). A headline may
/// end with a full stop when it is short.
fn headline(text: &str) -> bool {
    let key = key_of(text);
    let caption = [
        "đồng chí ",
        "các đồng chí ",
        "ông ",
        "bà ",
        "toàn cảnh",
        "quang cảnh",
    ]
    .iter()
    .any(|p| key.starts_with(p))
        || key.contains("ảnh:");
    let short_sentence = text.ends_with('.')
        && text.chars().count() <= 120
        && text.split_whitespace().count() <= 25
        && sentences(text).len() == 1;
    (title_like(text) || short_sentence)
        && !text.ends_with(':')
        && !caption
        && !starts_with_date(text)
        && dateline(text).is_none()
}

/// The first line is the title when there is no header and it reads as one.
fn mark_title(blocks: &mut [Block]) {
    let titled = |b: &Block| matches!(&b.kind, Kind::Header { title, .. } if !title.is_empty());
    if blocks.iter().any(titled) {
        return;
    }
    // A short label before the title (`Thời cuộc`, `Tin tức`) is a section's name.
    let mut at = None;
    for i in 0..blocks.len() {
        let b = &blocks[i];
        if b.line > 8 {
            break;
        }
        if b.kind != Kind::Paragraph || is_dots(&b.text) || furniture(&b.text).is_some() {
            continue;
        }
        let label = b.text.split_whitespace().count() < 4
            && !b.text.ends_with(['.', ':', '!', '?'])
            && blocks[i + 1..].iter().any(|n| n.kind == Kind::Paragraph);
        if label {
            blocks[i].kind = Kind::Debris("section label");
            continue;
        }
        at = Some(i);
        break;
    }
    let Some(at) = at else {
        return;
    };
    let more = blocks[at + 1..].iter().any(|b| b.kind == Kind::Paragraph);
    let first = &mut blocks[at];
    if first.line <= 6 && more && headline(&first.text) {
        first.kind = Kind::Title;
    }
}

/// The closing byline (after which only debris may follow).
fn mark_end(blocks: &mut [Block]) {
    let last = blocks
        .iter_mut()
        .rev()
        .find(|b| !matches!(b.kind, Kind::Debris(_) | Kind::Source(_)));
    if let Some(b) = last
        && b.kind == Kind::Paragraph
        && byline(&b.text).is_some()
    {
        b.kind = Kind::Byline;
    }
}

/// The author's name in a byline (`Thu Hà`, `Bài, ảnh: Thu Hà`, `Nguyễn Văn A (TTXVN)`).
pub(super) fn byline(text: &str) -> Option<String> {
    let mut t = text.trim().trim_end_matches('.').trim();
    for prefix in [
        "Bài và ảnh:",
        "Bài, ảnh:",
        "Tin và ảnh:",
        "Tin, ảnh:",
        "Bài:",
        "Tin:",
        "Theo",
        "Nhóm phóng viên",
    ] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim();
        }
    }
    if let Some(open) = t.rfind('(')
        && t.ends_with(')')
    {
        t = t[..open].trim();
    }
    let ws: Vec<&str> = t.split_whitespace().collect();
    let ok = !ws.is_empty()
        && ws.len() <= 6
        && t.chars().count() <= 50
        && !t.chars().any(|c| c.is_ascii_digit())
        && ws
            .iter()
            .all(|w| is_capitalised(w) || matches!(*w, "-" | "–" | "và" | ","));
    ok.then(|| t.to_string())
}

/// Titles of people that start a photo caption.
const ROLES: &[&str] = &[
    "bí thư",
    "phó bí thư",
    "chủ tịch",
    "phó chủ tịch",
    "ủy viên",
    "đồng chí",
    "các đồng chí",
    "ông",
    "bà",
    "giám đốc",
    "phó giám đốc",
    "trưởng ban",
    "phó trưởng ban",
    "tổng bí thư",
    "thủ tướng",
    "phó thủ tướng",
    "bộ trưởng",
    "thứ trưởng",
    "chủ nhiệm",
    "lãnh đạo tỉnh",
];
/// Words that start a caption describing a scene.
const SCENES: &[&str] = &[
    "toàn cảnh",
    "quang cảnh",
    "điểm cầu",
    "các đại biểu",
    "đại biểu dự",
    "các đồng chí",
];
/// Verbs that introduce what someone said: a paragraph, not a caption.
const SPEECH: &[&str] = &[
    "đề nghị",
    "yêu cầu",
    "khẳng định",
    "nhấn mạnh",
    "cho biết",
    "chỉ rõ",
    "lưu ý",
    "cho rằng",
    "đánh giá",
    "đề xuất",
];

/// A photo caption: marked as one (`Ảnh:`), a continued caption (`... dự hội nghị`),
/// or one short sentence about a scene or a person doing something.
pub(super) fn is_caption(text: &str) -> bool {
    let key = key_of(text);
    if key.contains("ảnh:") || key.contains("(ảnh") || key.contains("ảnh minh họa") {
        return true;
    }
    if text.starts_with("...") || text.starts_with('…') {
        return true;
    }
    let short = text.chars().count() <= 200 && sentences(text).len() == 1;
    if !short {
        return false;
    }
    let starts = |list: &[&str]| {
        list.iter()
            .any(|p| key.starts_with(p) && key[p.len()..].starts_with(' '))
    };
    if starts(SCENES) {
        return true;
    }
    starts(ROLES) && !text.contains(':') && !SPEECH.iter().any(|v| key.contains(v))
}

/// Numbered points, bullets and subheadings; the first paragraph is never a caption.
fn mark_structure(blocks: &mut [Block]) {
    let content: Vec<usize> = (0..blocks.len())
        .filter(|&i| {
            matches!(
                blocks[i].kind,
                Kind::Paragraph | Kind::Debris("photo caption")
            )
        })
        .collect();
    if let Some(&first) = content.first()
        && blocks[first].kind == Kind::Debris("photo caption")
        && !blocks[first].text.contains("Ảnh")
    {
        blocks[first].kind = Kind::Paragraph;
    }
    let last_content = content.last().copied();
    for &i in &content {
        let b = &mut blocks[i];
        if b.kind != Kind::Paragraph {
            continue;
        }
        if let Some((marker, level)) = numbered(&b.text) {
            b.kind = Kind::Numbered { marker, level };
        } else if bullet(&b.text).is_some() {
            b.kind = Kind::Bullet;
        } else if b.text.chars().next().is_some_and(|c| c.is_ascii_digit())
            && title_like(&b.text)
            && !b.text.ends_with(['!', '?', ':'])
            && Some(i) != content.first().copied()
        {
            // A news headline between paragraphs: a link to another article.
            b.kind = Kind::Debris("link to another article");
        } else if Some(i) != content.first().copied()
            && Some(i) != last_content
            && subheading(&b.text)
        {
            b.kind = Kind::Subheading;
        }
    }
    // A lone paragraph between a bullet and another list item is a photo's caption
    // inside a list.
    for w in 1..blocks.len().saturating_sub(1) {
        if blocks[w].kind == Kind::Paragraph
            && blocks[w - 1].kind == Kind::Bullet
            && matches!(blocks[w + 1].kind, Kind::Bullet | Kind::Numbered { .. })
        {
            blocks[w].kind = Kind::Debris("photo caption");
        }
    }
    // A short paragraph repeating part of another is a caption under a photo.
    for w in 0..blocks.len() {
        if blocks[w].kind != Kind::Paragraph || blocks[w].text.chars().count() > 300 {
            continue;
        }
        let own = key_of(blocks[w].text.trim_end_matches(['.', '…']));
        let repeated = blocks.iter().enumerate().any(|(o, other)| {
            o != w && other.is_content() && other.text.len() > blocks[w].text.len() && {
                let k = key_of(&other.text);
                own.split_whitespace().count() >= 5 && k.contains(&own)
            }
        });
        if repeated {
            blocks[w].kind = Kind::Debris("photo caption");
        }
    }
}

fn subheading(text: &str) -> bool {
    let n = text.chars().count();
    n <= 150
        && text.split_whitespace().count() >= 3
        && !text.ends_with(['.', ';', ',', ':', '…', '"', '”', ')'])
        && text.chars().next().is_some_and(char::is_uppercase)
}

/// `1. `, `2.1. `, `3) `, `a) ` at the start: the marker and its level.
pub(super) fn numbered(text: &str) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut level = 0;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        let d = bytes[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if d > 2 {
            return None;
        }
        i += d;
        level += 1;
        match bytes.get(i) {
            Some(b'.') if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => i += 1,
            Some(b'.' | b')') => {
                i += 1;
                break;
            }
            _ => return None,
        }
    }
    if level == 0 {
        let c = text.chars().next()?;
        if c.is_ascii_lowercase() && text[1..].starts_with(") ") {
            return Some((text[..2].to_string(), 2));
        }
        return None;
    }
    text[i..]
        .starts_with(' ')
        .then(|| (text[..i].to_string(), level))
}

/// `- x`, `-X`, `• x`, `+ x`, `* x`: the text after the bullet.
pub(super) fn bullet(text: &str) -> Option<&str> {
    let first = text.chars().next()?;
    if !matches!(first, '-' | '–' | '•' | '+' | '*') {
        return None;
    }
    let rest = &text[first.len_utf8()..];
    let trimmed = rest.trim_start();
    let spaced = rest.len() != trimmed.len();
    (trimmed.chars().next().is_some_and(|c| c.is_alphabetic())
        && (spaced || trimmed.chars().next().is_some_and(char::is_uppercase)))
    .then_some(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        assert_eq!(
            dateline("Thứ Sáu, 09/04/2021, 07:04 [GMT+7]"),
            Some(Date::constant(2021, 4, 9))
        );
        assert_eq!(
            dateline("12/05/2023 09:15 GMT+7"),
            Some(Date::constant(2023, 5, 12))
        );
        assert_eq!(
            dateline("Cập nhật: 1-2-2020"),
            Some(Date::constant(2020, 2, 1))
        );
        assert_eq!(dateline("Ngày 22/3/2023, Ban Thường vụ"), None);
    }

    #[test]
    fn markers() {
        assert_eq!(numbered("1. Triển khai"), Some(("1.".into(), 1)));
        assert_eq!(numbered("2.1. Tiến hành"), Some(("2.1.".into(), 2)));
        assert_eq!(numbered("b) Về"), Some(("b)".into(), 2)));
        assert_eq!(numbered("2021. Năm"), None);
        assert_eq!(numbered("9 tháng năm"), None);
        assert_eq!(bullet("-Đổi mới"), Some("Đổi mới"));
        assert_eq!(bullet("- x"), Some("x"));
        assert_eq!(bullet("-19 ca"), None);
    }

    #[test]
    fn captions_and_bylines() {
        assert!(is_caption("Toàn cảnh điểm cầu tỉnh."));
        assert!(is_caption(
            "Chủ tịch UBND tỉnh X kết luận phiên họp. Ảnh: Mạnh Trường"
        ));
        assert!(is_caption("Bí thư Tỉnh ủy kết luận buổi làm việc"));
        assert!(!is_caption(
            "Bí thư Tỉnh ủy đề nghị, trước mắt, Ban Cán sự UBND tỉnh cần tập trung."
        ));
        assert_eq!(byline("Thu Hà").as_deref(), Some("Thu Hà"));
        assert_eq!(
            byline("Bài, ảnh: Hồng Nhung").as_deref(),
            Some("Hồng Nhung")
        );
        assert_eq!(byline("Minh Anh (TTXVN)").as_deref(), Some("Minh Anh"));
        assert_eq!(byline("Hội nghị kết thúc."), None);
    }
}
