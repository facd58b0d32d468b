//! Scalar resolution by the YAML 1.2 core schema, as the `yaml` npm package (v2) applies it:
//! `yes`, `on`, `2020-01-01` and `1:20` stay strings; `0777`, `0o17`, `0x1F`, `1e3` are numbers.

use super::node::Value;

/// Which YAML version's schema resolves plain scalars (`%YAML 1.1` selects the 1.1 rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Schema {
    #[default]
    Core12,
    Yaml11,
}

/// Resolve a scalar by its style and tag.
///
/// `tag` is the full tag (`tag:yaml.org,2002:int`, `!local`), if any. Quoted and block
/// scalars are strings; plain scalars are resolved by the schema's patterns. An explicit
/// core tag applies only when the text matches it (else the package warns and keeps a string).
pub fn resolve(text: &str, plain: bool, tag: Option<&str>, schema: Schema) -> Value {
    let string = || Value::String(text.to_owned());
    let Some(tag) = tag else {
        return match (plain, schema) {
            (false, _) => string(),
            (true, Schema::Core12) => resolve_plain(text),
            (true, Schema::Yaml11) => super::yaml11::resolve_plain(text),
        };
    };
    let resolved = || match schema {
        Schema::Core12 => resolve_plain(text),
        Schema::Yaml11 => super::yaml11::resolve_plain(text),
    };
    match tag.strip_prefix("tag:yaml.org,2002:") {
        Some("null") => Some(resolved())
            .filter(|v| matches!(v, Value::Null))
            .unwrap_or_else(string),
        Some("bool") => Some(resolved())
            .filter(|v| matches!(v, Value::Bool(_)))
            .unwrap_or_else(string),
        Some("int" | "float") => Some(resolved())
            .filter(|v| matches!(v, Value::Number(_)))
            .unwrap_or_else(string),
        // A Buffer, or the empty objects the package makes of sets and ordered maps.
        Some("binary" | "set" | "omap") => Value::Mapping(Vec::new()),
        Some("timestamp") => super::yaml11::timestamp(text).map_or_else(string, Value::String),
        // Unknown and non-specific tags resolve to strings (the package warns, it does not fail).
        _ => string(),
    }
}

pub(super) fn resolve_plain(text: &str) -> Value {
    if matches!(text, "" | "~" | "null" | "Null" | "NULL") {
        return Value::Null;
    }
    if let Some(value) = resolve_bool(text) {
        return value;
    }
    resolve_number(text).unwrap_or_else(|| Value::String(text.to_owned()))
}

fn resolve_bool(text: &str) -> Option<Value> {
    match text {
        "true" | "True" | "TRUE" => Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => Some(Value::Bool(false)),
        _ => None,
    }
}

fn resolve_number(text: &str) -> Option<Value> {
    if let Some(octal) = text.strip_prefix("0o") {
        return radix(octal, 8);
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return radix(hex, 16);
    }
    match text {
        ".nan" | ".NaN" | ".NAN" => return Some(Value::Number(f64::NAN)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Some(Value::Number(f64::INFINITY));
        }
        "-.inf" | "-.Inf" | "-.INF" => return Some(Value::Number(f64::NEG_INFINITY)),
        _ => {}
    }
    if is_core_number(text) {
        return text.parse::<f64>().ok().map(Value::Number);
    }
    None
}

fn radix(digits: &str, base: u32) -> Option<Value> {
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    let number = digits.chars().fold(0.0_f64, |acc, c| {
        acc * f64::from(base) + f64::from(c.to_digit(base).unwrap_or(0))
    });
    Some(Value::Number(number))
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_core_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let start = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let integer = digits(&mut i);
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        let fraction = digits(&mut i);
        if integer == 0 && fraction == 0 {
            return false;
        }
    } else if integer == 0 {
        return false;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Value {
        resolve(text, true, None, Schema::Core12)
    }

    #[test]
    fn yaml_1_1_habits_stay_strings() {
        for text in [
            "yes",
            "no",
            "on",
            "off",
            "Y",
            "2020-01-01",
            "1:20",
            "0b101",
            "1_000",
            "+",
            ".",
        ] {
            assert_eq!(plain(text), Value::String(text.to_owned()), "{text}");
        }
    }

    #[test]
    fn core_schema_numbers() {
        assert_eq!(plain("0777"), Value::Number(777.0));
        assert_eq!(plain("0o17"), Value::Number(15.0));
        assert_eq!(plain("0x1F"), Value::Number(31.0));
        assert_eq!(plain("1e3"), Value::Number(1000.0));
        assert_eq!(plain("-1.5"), Value::Number(-1.5));
        assert_eq!(plain(".5"), Value::Number(0.5));
        assert_eq!(plain("5."), Value::Number(5.0));
        assert_eq!(plain("-.inf"), Value::Number(f64::NEG_INFINITY));
    }

    #[test]
    fn nulls_and_bools() {
        for text in ["", "~", "null", "Null", "NULL"] {
            assert_eq!(plain(text), Value::Null);
        }
        assert_eq!(plain("True"), Value::Bool(true));
        assert_eq!(plain("tRue"), Value::String("tRue".to_owned()));
        assert_eq!(
            resolve("true", false, None, Schema::Core12),
            Value::String("true".to_owned())
        );
        let tagged = |text, tag| resolve(text, true, Some(tag), Schema::Core12);
        assert_eq!(
            tagged("12", "tag:yaml.org,2002:str"),
            Value::String("12".to_owned())
        );
        assert_eq!(tagged("12", "tag:yaml.org,2002:int"), Value::Number(12.0));
        assert_eq!(
            tagged("yes", "tag:yaml.org,2002:bool"),
            Value::String("yes".to_owned())
        );
    }
}
