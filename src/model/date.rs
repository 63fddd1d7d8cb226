//! Dates of meetings and documents: parsed from ISO or Vietnamese day-first forms,
//! written the Vietnamese way (`22/3/2023`, `Tháng 3/2023`) or in English.

use jiff::civil::Date;

use crate::config::Language;

/// Parse `YYYY-MM-DD` or day-first `D/M/YYYY` (also with `-` or `.`). Rejects
/// impossible dates (`2023-13-45`, `31/2/2021`) with the reason.
pub fn parse(s: &str) -> Result<Date, String> {
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
        .ok_or("expected digits separated by `-` or `/`")?;
    let [a, b, c] = numbers[..] else {
        return Err("expected a day, a month and a year".into());
    };
    let (year, month, day) = if parts[0].len() == 4 {
        (a, b, c)
    } else if parts[2].len() == 4 {
        (c, b, a)
    } else {
        return Err("the year must have four digits".into());
    };
    if !(1..=12).contains(&month) {
        return Err(format!("there is no month {month}"));
    }
    if !(1000..=9999).contains(&year) {
        return Err(format!("year {year} is out of range"));
    }
    Date::new(year as i16, month as i8, day as i8)
        .map_err(|_| format!("month {month} of {year} has no day {day}"))
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
        assert!(parse("2023-13-45").unwrap_err().contains("no month 13"));
        assert!(parse("31/2/2021").unwrap_err().contains("no day 31"));
        assert!(parse("2021-11").is_err());
        assert!(parse("1/11/21").is_err());
        assert!(parse("hôm qua").is_err());
        assert!(parse("").is_err());
    }

    #[test]
    fn displays() {
        assert_eq!(display(date(2023, 3, 22), Language::Vi), "22/3/2023");
        assert_eq!(display(date(2023, 3, 22), Language::En), "22 March 2023");
        assert_eq!(month_label(2023, 3, Language::Vi), "Tháng 3/2023");
    }
}
