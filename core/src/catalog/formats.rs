//! Backstage's field format validators (`KubernetesValidatorFunctions`,
//! `CommonValidatorFunctions`, `makeValidator`), with JavaScript's string semantics.

/// `isValidObjectName`: 1-63 chars `^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$`. Entity names,
/// label values and the name part of label/annotation keys.
pub fn is_valid_object_name(value: &str) -> bool {
    let bytes = value.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    bytes.len() <= 63
        && first.is_ascii_alphanumeric()
        && last.is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// `isValidDnsLabel`: 1-63 chars `^[a-z0-9]+(?:\-+[a-z0-9]+)*$`. Entity namespaces.
pub fn is_valid_dns_label(value: &str) -> bool {
    let bytes = value.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    let lower_alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    bytes.len() <= 63
        && lower_alnum(first)
        && lower_alnum(last)
        && bytes.iter().all(|b| lower_alnum(b) || *b == b'-')
}

/// `isValidDnsSubdomain`: at most 253 chars of dot-separated DNS labels.
pub fn is_valid_dns_subdomain(value: &str) -> bool {
    !value.is_empty() && js_length(value) <= 253 && value.split('.').all(is_valid_dns_label)
}

/// `isValidApiVersion`: `[<dns subdomain>/]<1-63 alphanumerics>`.
pub fn is_valid_api_version(value: &str) -> bool {
    prefix_and_or_suffix(value, is_valid_dns_subdomain, |suffix| {
        (1..=63).contains(&suffix.len()) && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// `isValidKind`: 1-63 chars `^[a-zA-Z][a-z0-9A-Z]*$`.
pub fn is_valid_kind(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.len() <= 63
        && bytes.iter().all(u8::is_ascii_alphanumeric)
}

/// `isValidLabelKey` / `isValidAnnotationKey`: `[<dns subdomain>/]<object name>`.
pub fn is_valid_label_key(value: &str) -> bool {
    prefix_and_or_suffix(value, is_valid_dns_subdomain, is_valid_object_name)
}

/// `isValidLabelValue`: empty or an object name.
pub fn is_valid_label_value(value: &str) -> bool {
    value.is_empty() || is_valid_object_name(value)
}

/// `isValidTag` (as `makeValidator` defines it): 1-63 chars `^[a-z0-9:+#]+(\-[a-z0-9:+#]+)*$`.
pub fn is_valid_tag(value: &str) -> bool {
    let part_ok = |part: &str| {
        !part.is_empty()
            && part.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b':' | b'+' | b'#')
            })
    };
    (1..=63).contains(&value.len()) && value.split('-').all(part_ok)
}

/// `isValidUrl`: `new URL(value)` succeeds (WHATWG URL, absolute).
pub fn is_valid_url(value: &str) -> bool {
    url::Url::parse(value).is_ok()
}

/// `isNonEmptyString`: non-empty after JavaScript's `trim()`.
pub fn is_non_empty_after_trim(value: &str) -> bool {
    value.chars().any(|c| !is_js_whitespace(c))
}

/// The characters JavaScript's `String.prototype.trim` removes.
fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// JavaScript's `string.length` (UTF-16 code units).
pub fn js_length(value: &str) -> usize {
    value.chars().map(char::len_utf16).sum()
}

/// `isValidPrefixAndOrSuffix` with `/` as the separator.
fn prefix_and_or_suffix(
    value: &str,
    prefix_ok: fn(&str) -> bool,
    suffix_ok: fn(&str) -> bool,
) -> bool {
    let mut parts = value.split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(suffix), None, None) => suffix_ok(suffix),
        (Some(prefix), Some(suffix), None) => prefix_ok(prefix) && suffix_ok(suffix),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_names() {
        for ok in ["a", "a--b", "a._b", "A1", &"x".repeat(63)] {
            assert!(is_valid_object_name(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a b", "ä", "a/b", &"x".repeat(64)] {
            assert!(!is_valid_object_name(bad), "{bad}");
        }
    }

    #[test]
    fn namespaces_and_subdomains() {
        assert!(is_valid_dns_label("a--b"));
        assert!(!is_valid_dns_label("Default"));
        assert!(is_valid_dns_subdomain("backstage.io"));
        assert!(!is_valid_dns_subdomain("backstage..io"));
    }

    #[test]
    fn api_versions_and_keys() {
        assert!(is_valid_api_version("backstage.io/v1alpha1"));
        assert!(is_valid_api_version("v1"));
        assert!(!is_valid_api_version("a/b/v1"));
        assert!(!is_valid_api_version("Backstage.io/v1"));
        assert!(is_valid_label_key("backstage.io/kubernetes-id"));
        assert!(!is_valid_label_key("backstage.io/"));
    }

    #[test]
    fn tags_and_urls() {
        assert!(is_valid_tag("c++"));
        assert!(is_valid_tag("a:b"));
        assert!(!is_valid_tag("Java"));
        assert!(!is_valid_tag("a--b"));
        assert!(is_valid_url("mailto:a@b"));
        assert!(!is_valid_url("/relative"));
        assert!(!is_non_empty_after_trim(" \u{feff}\u{3000}"));
    }
}
