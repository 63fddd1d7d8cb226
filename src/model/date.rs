//! Dates of meetings and documents: parsed from ISO or Vietnamese day-first forms,
//! written the Vietnamese way (`22/3/2023`, `Tháng 3/2023`) or in English.

use jiff::civil::Date;

use crate::config::Language;

/// Why a text is no date; the words are the catalogue's (`date-…` messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    NotDigits,
    NotThreeParts,
    YearDigits,
    /// The month as written.
    NoMonth(String),
    /// The day as written.
    NoDay(String),
    YearOutOfRange(u32),
    NoSuchDay {
        year: i16,
        month: u32,
        day: u32,
    },
}

impl DateError {
    /// Why, in `lang`.
    pub fn describe(&self, lang: Language) -> String {
        use crate::t;
        match self {
            DateError::NotDigits => t!(in lang, "date-not-digits"),
            DateError::NotThreeParts => t!(in lang, "date-not-three-parts"),
            DateError::YearDigits => t!(in lang, "date-year-digits"),
            DateError::NoMonth(m) => t!(in lang, "date-no-month", month = m),
            DateError::NoDay(d) => t!(in lang, "date-no-day", day = d),
            DateError::YearOutOfRange(y) => t!(in lang, "date-year-range", year = y.to_string()),
            DateError::NoSuchDay { year, month, day } => t!(
                in lang,
                "date-no-such-day",
                year = year.to_string(),
                month = *month,
                day = *day
            ),
        }
    }
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Language::En))
    }
}

/// Parse `YYYY-MM-DD` or day-first `D/M/YYYY` (also with `-` or `.`). Rejects
/// impossible dates (`2023-13-45`, `31/2/2021`) with the reason.
pub fn parse(s: &str) -> Result<Date, DateError> {
    let s = s.trim();
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let numbers: Vec<u32> = parts
        .iter()
        .map(|p| {
            if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                p.parse().ok()
            }
        })
        .collect::<Option<_>>()
        .ok_or(DateError::NotDigits)?;
    let [a, b, c] = numbers[..] else {
        return Err(DateError::NotThreeParts);
    };
    let ((year, month, day), (month_text, day_text)) = if parts[0].len() == 4 {
        ((a, b, c), (parts[1], parts[2]))
    } else if parts[2].len() == 4 {
        ((c, b, a), (parts[1], parts[0]))
    } else {
        return Err(DateError::YearDigits);
    };
    // Every part is range-checked before it is narrowed: a day of 257 must not wrap
    // to 1.
    if month_text.len() > 2 || !(1..=12).contains(&month) {
        return Err(DateError::NoMonth(month_text.to_string()));
    }
    if day_text.len() > 2 || !(1..=31).contains(&day) {
        return Err(DateError::NoDay(day_text.to_string()));
    }
    if !(1000..=9999).contains(&year) {
        return Err(DateError::YearOutOfRange(year));
    }
    let narrow = |n: u32| i8::try_from(n).expect("range-checked");
    let year = i16::try_from(year).expect("range-checked");
    Date::new(year, narrow(month), narrow(day)).map_err(|_| DateError::NoSuchDay {
        year,
        month,
        day,
    })
}

/// `22/3/2023` (vi) or `22 March 2023` (en).
pub fn display(date: Date, language: Language) -> String {
    match language {
        Language::Vi => format!("{}/{}/{}", date.day(), date.month(), date.year()),
        Language::En => format!(
            "{} {} {}",
            date.day(),
            MONTHS_EN[date.month() as usize - 1],
            date.year()
        ),
    }
}

/// `Tháng 3/2023` (vi) or `March 2023` (en).
pub fn month_label(year: i16, month: i8, language: Language) -> String {
    match language {
        Language::Vi => format!("Tháng {month}/{year}"),
        Language::En => format!("{} {year}", MONTHS_EN[month as usize - 1]),
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn iso_and_day_first() {
        assert_eq!(parse("2021-11-01"), Ok(date(2021, 11, 1)));
        assert_eq!(parse("1/11/2021"), Ok(date(2021, 11, 1)));
        assert_eq!(parse("01-10-1997"), Ok(date(1997, 10, 1)));
        assert_eq!(parse("12.5.2019"), Ok(date(2019, 5, 12)));
    }

    #[test]
    fn impossible_dates() {
        assert!(
            parse("2023-13-45")
                .unwrap_err()
                .to_string()
                .contains("no month 13")
        );
        assert!(
            parse("31/2/2021")
                .unwrap_err()
                .to_string()
                .contains("no day 31")
        );
        assert!(parse("2021-11").is_err());
        assert!(parse("1/11/21").is_err());
        assert!(parse("hôm qua").is_err());
        assert!(parse("").is_err());
    }

    /// Every part is range-checked before it is narrowed: 257 is not day 1.
    #[test]
    fn out_of_range_parts_are_refused_not_wrapped() {
        assert!(
            parse("2023-03-257")
                .unwrap_err()
                .to_string()
                .contains("no day 257")
        );
        assert!(
            parse("2023-03-0")
                .unwrap_err()
                .to_string()
                .contains("no day 0")
        );
        assert!(
            parse("2023-273-01")
                .unwrap_err()
                .to_string()
                .contains("no month 273")
        );
        assert!(parse("2023-03-001").is_err());
        assert!(parse("257/3/2023").is_err());
    }

    proptest::proptest! {
        /// Over the whole grammar (one to four digits per part, any separator): a
        /// date is accepted exactly when its parts name a real day, and then it is
        /// that day.
        #[test]
        fn the_grammar_accepts_exactly_real_days(
            a in "[0-9]{1,4}", b in "[0-9]{1,4}", c in "[0-9]{1,4}",
            sep in proptest::sample::select(vec!['-', '/', '.']),
        ) {
            let text = format!("{a}{sep}{b}{sep}{c}");
            let (y, m, d) = if a.len() == 4 { (&a, &b, &c) } else { (&c, &b, &a) };
            let n = |s: &str| s.parse::<i64>().unwrap();
            let real = (a.len() == 4 || c.len() == 4)
                && y.len() == 4 && m.len() <= 2 && d.len() <= 2
                && (1000..=9999).contains(&n(y))
                && (1..=12).contains(&n(m)) && (1..=31).contains(&n(d))
                && Date::new(n(y) as i16, n(m) as i8, n(d) as i8).is_ok();
            match parse(&text) {
                Ok(date) => {
                    proptest::prop_assert!(real, "{text} accepted as {date}");
                    proptest::prop_assert_eq!(
                        (i64::from(date.year()), i64::from(date.month()), i64::from(date.day())),
                        (n(y), n(m), n(d))
                    );
                }
                Err(_) => proptest::prop_assert!(!real, "{text} refused"),
            }
        }
    }

    #[test]
    fn displays() {
        assert_eq!(display(date(2023, 3, 22), Language::Vi), "22/3/2023");
        assert_eq!(display(date(2023, 3, 22), Language::En), "22 March 2023");
        assert_eq!(month_label(2023, 3, Language::Vi), "Tháng 3/2023");
    }
}
