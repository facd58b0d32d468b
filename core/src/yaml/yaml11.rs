//! The YAML 1.1 schema of the `yaml` npm package, which a `%YAML 1.1` directive selects:
//! `yes`/`on`/`y` are booleans, `0777` is octal, `1:20` is sexagesimal, dates are timestamps.

use super::node::Value;

/// Resolve a plain scalar by the 1.1 schema's patterns, in the package's order.
pub fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Value::Bool(true);
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Value::Bool(false);
        }
        _ => {}
    }
    if let Some(number) = integer(text).or_else(|| float(text)) {
        return Value::Number(number);
    }
    timestamp(text).map_or_else(|| Value::String(text.to_owned()), Value::String)
}

fn split_sign(text: &str) -> (f64, &str) {
    match text.as_bytes().first() {
        Some(b'-') => (-1.0, &text[1..]),
        Some(b'+') => (1.0, &text[1..]),
        _ => (1.0, text),
    }
}

fn digits_in(text: &str, base: u32) -> Option<f64> {
    let mut value = 0.0;
    let mut any = false;
    for c in text.chars() {
        if c == '_' {
            continue;
        }
        value = value * f64::from(base) + f64::from(c.to_digit(base)?);
        any = true;
    }
    any.then_some(value)
}

fn integer(text: &str) -> Option<f64> {
    let (sign, body) = split_sign(text);
    if let Some(binary) = body.strip_prefix("0b") {
        return digits_in(binary, 2).map(|v| sign * v);
    }
    if let Some(hex) = body.strip_prefix("0x") {
        return digits_in(hex, 16).map(|v| sign * v);
    }
    let first_digit = body.chars().next().is_some_and(|c| c.is_ascii_digit());
    if body.len() > 1 && body.starts_with('0') && body.chars().all(|c| c.is_digit(8) || c == '_') {
        return digits_in(&body[1..], 8).map(|v| sign * v);
    }
    if first_digit && body.chars().all(|c| c.is_ascii_digit() || c == '_') {
        return digits_in(body, 10).map(|v| sign * v);
    }
    if first_digit && body.contains(':') {
        return sexagesimal(body, false).map(|v| sign * v);
    }
    None
}

/// `[0-9][0-9_]*(:[0-5]?[0-9])+`, optionally with a fraction after the last part.
fn sexagesimal(body: &str, fraction: bool) -> Option<f64> {
    let (whole, fraction_part) = if fraction {
        body.split_once('.')?
    } else {
        (body, "")
    };
    let mut parts = whole.split(':');
    let head = parts.next()?;
    if !head.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut value = digits_in(head, 10)?;
    let mut count = 0;
    for part in parts {
        let valid = (1..=2).contains(&part.len())
            && part.chars().all(|c| c.is_ascii_digit())
            && (part.len() == 1 || part.as_bytes()[0] <= b'5');
        if !valid {
            return None;
        }
        value = value * 60.0 + digits_in(part, 10)?;
        count += 1;
    }
    if count == 0
        || !fraction_part
            .chars()
            .all(|c| c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    let fraction_value = format!("0.{}", fraction_part.replace('_', ""))
        .parse::<f64>()
        .unwrap_or(0.0);
    Some(value + fraction_value)
}

fn float(text: &str) -> Option<f64> {
    match text {
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        _ => {}
    }
    let (sign, body) = split_sign(text);
    if body.contains(':') {
        return sexagesimal(body, true).map(|v| sign * v);
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let whole_ok = whole.is_empty()
        || (whole.starts_with(|c: char| c.is_ascii_digit())
            && whole.chars().all(|c| c.is_ascii_digit() || c == '_'));
    let fraction_ok = fraction.is_none_or(|f| f.chars().all(|c| c.is_ascii_digit() || c == '_'));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.chars().all(|c| c.is_ascii_digit())
    });
    let shaped = match exponent {
        Some(_) => !whole.is_empty(),
        None => fraction.is_some(),
    };
    if !(whole_ok && fraction_ok && exponent_ok && shaped) {
        return None;
    }
    let cleaned = body.replace('_', "");
    let cleaned = if cleaned.starts_with('.') {
        format!("0{cleaned}")
    } else {
        cleaned
    };
    let cleaned = cleaned.replace(".e", ".0e").replace(".E", ".0E");
    let cleaned = if cleaned.ends_with('.') {
        format!("{cleaned}0")
    } else {
        cleaned
    };
    cleaned.parse::<f64>().ok().map(|v| sign * v)
}

/// A YAML 1.1 timestamp as JavaScript's `Date.toJSON()` prints it.
pub fn timestamp(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    if bytes.len() < 8 || !bytes[..4].iter().all(u8::is_ascii_digit) || bytes[4] != b'-' {
        return None;
    }
    let (month, rest) = text[5..].split_once('-')?;

    let day_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (day, time) = rest.split_at(day_len);
    let year: i64 = text[..4].parse().ok()?;
    let number = |s: &str| {
        (1..=2)
            .contains(&s.len())
            .then(|| s.parse::<i64>().ok())
            .flatten()
    };
    let (month, day) = (number(month)?, number(day)?);
    let (mut hour, mut minute, mut second, mut millis, mut offset_minutes) = (0, 0, 0.0_f64, 0, 0);
    if !time.is_empty() {
        let time = time
            .strip_prefix(['t', 'T'])
            .unwrap_or(time)
            .trim_start_matches([' ', '\t']);
        let zone_at = time.find(['Z', '+', '-', ' ', '\t']).unwrap_or(time.len());
        let (clock, zone) = time.split_at(zone_at);
        let mut fields = clock.split(':');
        hour = number(fields.next()?)?;
        minute = fields.next()?.parse().ok()?;
        second = fields.next()?.parse().ok()?;
        if fields.next().is_some() {
            return None;
        }
        let zone = zone.trim_start_matches([' ', '\t']);
        if let Some(offset) = zone.strip_prefix(['+', '-']) {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let (h, m) = offset.split_once(':').unwrap_or((offset, "0"));
            offset_minutes = sign * (h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?);
        } else if !zone.is_empty() && zone != "Z" {
            return None;
        }
        #[allow(clippy::cast_possible_truncation)]
        let fraction = (second.fract() * 1000.0).round() as i64;
        millis = fraction;
        second = second.trunc();
    }
    let days = days_from_civil(year, month, day);
    #[allow(clippy::cast_possible_truncation)]
    let total = ((days * 24 + hour) * 60 + minute - offset_minutes) * 60 + second as i64;
    let (days, seconds) = (total.div_euclid(86_400), total.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    ))
}

fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_1_1_scalars_as_the_package_resolves_them() {
        assert_eq!(resolve_plain("yes"), Value::Bool(true));
        assert_eq!(resolve_plain("n"), Value::Bool(false));
        assert_eq!(resolve_plain("0777"), Value::Number(511.0));
        assert_eq!(resolve_plain("1:20"), Value::Number(80.0));
        assert_eq!(resolve_plain("1_000"), Value::Number(1000.0));
        assert_eq!(resolve_plain("0b101"), Value::Number(5.0));
        assert_eq!(resolve_plain("0x_1F"), Value::Number(31.0));
        assert_eq!(resolve_plain("1."), Value::Number(1.0));
        assert_eq!(resolve_plain(".5"), Value::Number(0.5));
        assert_eq!(resolve_plain("1e3"), Value::Number(1000.0));
        assert_eq!(resolve_plain("190:20:30.15"), Value::Number(685_230.15));
        assert_eq!(resolve_plain("0o17"), Value::String("0o17".to_owned()));
        assert_eq!(
            resolve_plain("2020-01-01"),
            Value::String("2020-01-01T00:00:00.000Z".to_owned())
        );
        assert_eq!(
            resolve_plain("2001-12-14t21:59:43.10-05:00"),
            Value::String("2001-12-15T02:59:43.100Z".to_owned())
        );
    }
}
