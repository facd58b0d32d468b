//! Release tags: a prefix and a strict SemVer 2.0.0 version.

use semver::Version;
use serde::{Deserialize, Serialize};

/// A tag as a frontend read it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Tag {
    pub name: String,
    /// The id of the commit it points to (peeled).
    pub commit: String,
    /// Reachable from where the transition starts (the target branch before a merge, the
    /// tagged commit for a tag): only these can be the previous release.
    pub reachable: bool,
}

impl Tag {
    pub fn new(name: impl Into<String>, commit: impl Into<String>, reachable: bool) -> Self {
        Self {
            name: name.into(),
            commit: commit.into(),
            reachable,
        }
    }

    /// `1.2.0 (1a2b3c4)`.
    pub fn display(&self) -> String {
        let short: String = self.commit.chars().take(7).collect();
        if short.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({short})", self.name)
        }
    }
}

/// What a tag name is, for one component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagVersion {
    /// The component's prefix and a strict SemVer version (possibly with build metadata,
    /// which is reported on its own).
    Version(Version),
    /// A version behind a prefix that is not configured (`v1.2.0` with no prefix); the
    /// version when it parses.
    WrongPrefix {
        prefix: String,
        version: Option<Version>,
    },
    /// Another component's tag.
    Foreign,
    /// The component's prefix and something that looks like a version but is not strict
    /// SemVer (`1.2`, `01.2.0`, `1.2.0.1`): why.
    Malformed(String),
    /// Not a version tag at all (`latest`, `deploy-2024`).
    NotVersion,
}

/// Whether a text starts like a version: digits, a dot, a digit.
fn looks_like_version(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && text.as_bytes().get(digits) == Some(&b'.')
        && text
            .as_bytes()
            .get(digits + 1)
            .is_some_and(u8::is_ascii_digit)
}

/// A tag as its prefix and its version text, split before the first number that starts
/// like a version (`v1.2.0`: `v` and `1.2.0`); `None` for a tag without one (`latest`).
pub fn split(name: &str) -> Option<(&str, &str)> {
    let (index, _) = name.char_indices().find(|&(index, c)| {
        c.is_ascii_digit()
            && (index == 0 || !name.as_bytes()[index - 1].is_ascii_digit())
            && looks_like_version(&name[index..])
    })?;
    Some(name.split_at(index))
}

/// Classify a tag for the component with `prefix`, among all the repository's `prefixes`.
pub fn classify(name: &str, prefix: &str, prefixes: &[&str]) -> TagVersion {
    if let Some(rest) = name
        .strip_prefix(prefix)
        .filter(|rest| looks_like_version(rest))
    {
        return match Version::parse(rest) {
            Ok(version) => TagVersion::Version(version),
            Err(error) => TagVersion::Malformed(error.to_string()),
        };
    }
    if prefixes
        .iter()
        .any(|other| *other != prefix && name.strip_prefix(other).is_some_and(looks_like_version))
    {
        return TagVersion::Foreign;
    }
    match split(name) {
        Some((found, version)) => TagVersion::WrongPrefix {
            prefix: found.to_owned(),
            version: Version::parse(version).ok(),
        },
        None => TagVersion::NotVersion,
    }
}

/// Why `label` (`tag 1.2.99999999999999999999`, `version 1.2 (Chart.yaml)`) is not a
/// version, from the semver crate's `reason`: a number above u64 is too large to compare
/// (SemVer sets no limit), anything else is not strict SemVer.
pub fn malformed(label: &str, reason: &str) -> String {
    if reason.contains("exceeds u64::MAX") {
        let field = reason
            .strip_prefix("value of ")
            .and_then(|rest| rest.strip_suffix(" exceeds u64::MAX"))
            .unwrap_or("a number");
        format!(
            "{label} is too large: its {field} is above 18446744073709551615, the largest number kataster compares (SemVer itself sets no limit)"
        )
    } else {
        format!("{label} is not a strict SemVer 2.0.0 version: {reason}")
    }
}

/// The version of a tag for a component, if it is one of its versions: the component's own
/// tags, and (in a repository of one component) versions behind another prefix.
pub fn version_of(name: &str, prefix: &str, prefixes: &[&str]) -> Option<Version> {
    match classify(name, prefix, prefixes) {
        TagVersion::Version(version) => Some(version),
        TagVersion::WrongPrefix { version, .. } if prefixes.len() <= 1 => version,
        _ => None,
    }
}

/// The previous release: the highest-precedence stable version among the reachable tags,
/// except `exclude` (the tag at hand) and the tags on its commit that are not lower than it
/// (`1.1.0`, `1.1.1` on one commit: 1.1.0's predecessor is an older release, 1.1.1's is 1.1.0).
pub fn previous_release<'a>(
    tags: &'a [Tag],
    prefix: &str,
    prefixes: &[&str],
    exclude: Option<&str>,
) -> Option<(&'a Tag, Version)> {
    let at_hand = exclude.and_then(|name| {
        let tag = tags.iter().find(|tag| tag.name == name)?;
        Some((tag.commit.as_str(), version_of(name, prefix, prefixes)?))
    });
    let mut best: Option<(&Tag, Version)> = None;
    for tag in tags.iter().filter(|tag| tag.reachable) {
        if exclude == Some(tag.name.as_str()) {
            continue;
        }
        let Some(version) = version_of(&tag.name, prefix, prefixes) else {
            continue;
        };
        if let Some((commit, current)) = &at_hand
            && tag.commit == *commit
            && version.cmp_precedence(current).is_ge()
        {
            continue;
        }
        if !version.pre.is_empty() {
            continue;
        }
        let better = best.as_ref().is_none_or(|(best_tag, best_version)| {
            version
                .cmp_precedence(best_version)
                .then_with(|| {
                    // On equal precedence prefer the configured prefix, then no build metadata.
                    let own = |name: &str| {
                        name.starts_with(prefix)
                            && name[prefix.len()..].starts_with(|c: char| c.is_ascii_digit())
                    };
                    own(&tag.name)
                        .cmp(&own(&best_tag.name))
                        .then(best_version.build.cmp(&version.build))
                })
                .is_gt()
        });
        if better {
            best = Some((tag, version));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_above_u64_are_too_large_not_invalid() {
        let TagVersion::Malformed(reason) = classify("1.2.18446744073709551616", "", &[""]) else {
            panic!("not malformed");
        };
        let message = malformed("tag 1.2.18446744073709551616", &reason);
        assert!(
            message.contains("is too large: its patch version number"),
            "{message}"
        );
        assert!(!message.contains("not a strict SemVer"), "{message}");
        assert!(malformed("tag 1.2", "unexpected end").contains("not a strict SemVer"));
    }

    #[test]
    fn classification() {
        let none = [""];
        assert_eq!(
            classify("1.2.0", "", &none),
            TagVersion::Version(Version::new(1, 2, 0))
        );
        assert!(matches!(
            classify("1.2", "", &none),
            TagVersion::Malformed(_)
        ));
        assert!(matches!(
            classify("01.2.0", "", &none),
            TagVersion::Malformed(_)
        ));
        assert!(matches!(
            classify("1.2.0.1", "", &none),
            TagVersion::Malformed(_)
        ));
        assert_eq!(
            classify("v1.2.0", "", &none),
            TagVersion::WrongPrefix {
                prefix: "v".into(),
                version: Some(Version::new(1, 2, 0))
            }
        );
        assert!(
            matches!(classify("1.2.0", "v", &["v"]), TagVersion::WrongPrefix { prefix, .. } if prefix.is_empty())
        );
        assert_eq!(classify("latest", "", &none), TagVersion::NotVersion);
        assert_eq!(classify("2024-05-01", "", &none), TagVersion::NotVersion);
        let components = ["phippy-", "charts/goldie/"];
        assert_eq!(
            classify("charts/goldie/1.0.0", "phippy-", &components),
            TagVersion::Foreign
        );
        assert_eq!(
            classify("charts/goldie/1.0.0", "charts/goldie/", &components),
            TagVersion::Version(Version::new(1, 0, 0))
        );
        assert!(matches!(
            classify("goldie-1.0.0", "phippy-", &components),
            TagVersion::WrongPrefix { .. }
        ));
        assert!(classify("1.2.0+build.5", "", &none) != TagVersion::NotVersion);
    }

    #[test]
    fn previous_is_the_highest_reachable_stable_version() {
        let tags = vec![
            Tag::new("1.1.0", "a", true),
            Tag::new("1.2.1", "c", true),
            Tag::new("1.2.0", "b", true),
            Tag::new("1.3.0-rc.1", "d", true),
            Tag::new("1.4.0", "e", false),
            Tag::new("latest", "c", true),
        ];
        let (tag, version) = previous_release(&tags, "", &[""], None).unwrap_or_else(|| panic!());
        assert_eq!(
            (tag.name.as_str(), version),
            ("1.2.1", Version::new(1, 2, 1))
        );
        let (tag, _) =
            previous_release(&tags, "", &[""], Some("1.2.1")).unwrap_or_else(|| panic!());
        assert_eq!(tag.name, "1.2.0");
        assert!(previous_release(&tags, "v", &["v", "x-"], None).is_none());
    }
}
