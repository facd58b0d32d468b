//! The version at hand (a tag or a proposed version): its format (VER001-003), its place
//! (GIT003), whether it exists (VER004) and its step from the previous release (VER005,
//! VER006).

use semver::Version;

use super::findings::Findings;
use super::transition::AtHand;
use crate::policy::Bump;
use crate::rules::git::misplaced_tag;
use crate::rules::versions::{
    build_metadata_in_tag, duplicate_version, invalid_version_tag, mixed_tag_prefix,
    skipped_version, version_not_increasing,
};
use crate::versions::branches::MAIN;
use crate::versions::bump::{self, Step};
use crate::versions::prefix::Majority;
use crate::versions::tags::{self, Tag, TagVersion};
use crate::versions::{TagPrefix, Transition};

/// The tag or proposed version at hand, with format checks (VER001-003).
pub(super) fn version_at_hand(
    input: &Transition,
    tag_prefix: &TagPrefix,
    out: &mut Findings,
) -> Option<AtHand> {
    let prefix = tag_prefix.prefix.as_str();
    if let Some(tag) = &input.tag {
        let file = out.tag_file(tag);
        let whole = 0..tag.len();
        let version = match tags::classify(tag, prefix, &tag_prefix.prefixes()) {
            TagVersion::Version(version) => version,
            TagVersion::WrongPrefix {
                prefix: found,
                version,
            } => {
                report_wrong_prefix(tag, &found, tag_prefix, out);
                let Some(version) = version else {
                    out.emit(
                        &invalid_version_tag::RULE,
                        file,
                        found.len()..tag.len(),
                        "",
                        format!("tag {tag} is not a SemVer 2.0.0 version"),
                        Some("use MAJOR.MINOR.PATCH[-PRERELEASE], e.g. `1.2.0`".to_owned()),
                    );
                    return None;
                };
                version
            }
            TagVersion::Foreign => return None,
            TagVersion::Malformed(reason) => {
                out.emit(
                    &invalid_version_tag::RULE,
                    file,
                    prefix.len()..tag.len(),
                    "",
                    tags::malformed(&format!("tag {tag}"), &reason),
                    Some(format!(
                        "use `{prefix}MAJOR.MINOR.PATCH[-PRERELEASE]`, e.g. `{prefix}1.2.0`"
                    )),
                );
                return None;
            }
            TagVersion::NotVersion => {
                out.emit(
                    &invalid_version_tag::RULE,
                    file,
                    whole,
                    "",
                    format!("tag {tag} is not a version"),
                    Some(format!("release tags are `{prefix}MAJOR.MINOR.PATCH[-PRERELEASE]`, e.g. `{prefix}1.2.0`")),
                );
                return None;
            }
        };
        report_build_metadata(tag, &version, out);
        return Some(AtHand {
            version,
            file,
            span: 0..tag.len(),
            pointer: String::new(),
            label: format!("tag {tag}"),
        });
    }
    let text = input.version.as_deref()?;
    let (file, span, pointer, label) = if let Some(location) = &input.version_location {
        (
            out.file(&location.path, &location.text),
            location.span.clone(),
            location.pointer.clone(),
            format!("version {text} ({})", location.path),
        )
    } else {
        let tag = format!("{prefix}{text}");
        (
            out.tag_file(&tag),
            prefix.len()..tag.len(),
            String::new(),
            format!("version {text}"),
        )
    };
    match Version::parse(text) {
        Ok(version) => {
            if !version.build.is_empty() {
                let start = span.end.saturating_sub(version.build.as_str().len() + 1);
                out.emit(
                    &build_metadata_in_tag::RULE,
                    file,
                    start..span.end,
                    &pointer,
                    format!("{label} has build metadata `+{}`", version.build),
                    Some(format!("drop `+{}`: precedence ignores it", version.build)),
                );
            }
            Some(AtHand {
                version,
                file,
                span,
                pointer,
                label,
            })
        }
        Err(error) => {
            out.emit(
                &invalid_version_tag::RULE,
                file,
                span,
                &pointer,
                tags::malformed(&label, &error.to_string()),
                Some("use MAJOR.MINOR.PATCH[-PRERELEASE], e.g. `1.2.0`".to_owned()),
            );
            None
        }
    }
}

/// A tag with another prefix than the one in force (VER002); an inferred prefix says so.
pub(crate) fn report_wrong_prefix(
    tag: &str,
    found: &str,
    tag_prefix: &TagPrefix,
    out: &mut Findings,
) {
    let file = out.tag_file(tag);
    let prefix = tag_prefix.prefix.as_str();
    let shown = |prefix: &str| {
        if prefix.is_empty() {
            "no prefix".to_owned()
        } else {
            format!("prefix \"{prefix}\"")
        }
    };
    let bare = &tag[found.len()..];
    let (why, help) = match tag_prefix.inferred {
        Some(Majority { carrying, of }) => (
            format!(" ({carrying} of {of} version tags have it; `versions.tagPrefix` is not set)"),
            format!(
                "tag it `{prefix}{bare}`, or set `versions.tagPrefix` to the prefix release tags have"
            ),
        ),
        None => (
            String::new(),
            format!(
                "tag it `{prefix}{bare}`, or set `versions.tagPrefix` to \"{found}\" if the repository uses it throughout"
            ),
        ),
    };
    out.emit(
        &mixed_tag_prefix::RULE,
        file,
        0..found.len().max(1).min(tag.len()),
        "",
        format!(
            "tag {tag} has {}, but release tags have {}{why}",
            shown(found),
            shown(prefix)
        ),
        Some(help),
    );
}

pub(crate) fn report_build_metadata(tag: &str, version: &Version, out: &mut Findings) {
    if version.build.is_empty() {
        return;
    }
    let file = out.tag_file(tag);
    let start = tag.len() - version.build.as_str().len() - 1;
    out.emit(
        &build_metadata_in_tag::RULE,
        file,
        start..tag.len(),
        "",
        format!("tag {tag} has build metadata `+{}`", version.build),
        Some(format!(
            "tag `{}` instead: precedence ignores build metadata, so `{tag}` only looks different",
            &tag[..start]
        )),
    );
}

/// Stable versions on the released branch only; pre-releases never there (GIT003).
pub(super) fn check_placement(
    at_hand: &AtHand,
    input: &Transition,
    target_role: Option<&str>,
    out: &mut Findings,
) {
    let (Some(target), Some(role)) = (&input.target, target_role) else {
        return;
    };
    let stable = at_hand.version.pre.is_empty();
    let message = if stable && role != MAIN {
        format!(
            "{} is a stable version on {target}: stable versions are released from the released branch only",
            at_hand.label
        )
    } else if !stable && role == MAIN {
        format!(
            "{} is a pre-release on {target}, the released branch",
            at_hand.label
        )
    } else {
        return;
    };
    let help = if stable {
        format!(
            "tag a pre-release on {target} (e.g. `{}-rc.1`), or release by merging into the released branch",
            at_hand.version
        )
    } else {
        format!(
            "tag the release `{}` on {target}; pre-releases belong on other branches",
            bump::release_of(&at_hand.version)
        )
    };
    out.emit(
        &misplaced_tag::RULE,
        at_hand.file,
        at_hand.span.clone(),
        &at_hand.pointer,
        message,
        Some(help),
    );
}

/// Tags of this component with another prefix that are newer than the previous release
/// (VER002): they show that the prefix changed.
pub(super) fn report_prefix_drift(
    input: &Transition,
    tag_prefix: &TagPrefix,
    previous: Option<&Version>,
    out: &mut Findings,
) {
    let prefixes = tag_prefix.prefixes();
    for tag in input.tags.iter().filter(|tag| tag.reachable) {
        if let TagVersion::WrongPrefix {
            prefix: found,
            version: Some(version),
        } = tags::classify(&tag.name, &tag_prefix.prefix, &prefixes)
        {
            if previous.is_none_or(|previous| version.cmp_precedence(previous).is_ge()) {
                report_wrong_prefix(&tag.name, &found, tag_prefix, out);
            }
        }
    }
}

/// A version that exists already (VER004). Returns whether there is one.
pub(super) fn report_duplicates(
    at_hand: &AtHand,
    input: &Transition,
    tag_prefix: &TagPrefix,
    out: &mut Findings,
) -> bool {
    let prefixes = tag_prefix.prefixes();
    let mut found = false;
    for tag in &input.tags {
        if input.tag.as_deref() == Some(tag.name.as_str()) {
            continue;
        }
        let Some(version) = tags::version_of(&tag.name, &tag_prefix.prefix, &prefixes) else {
            continue;
        };
        if version.cmp_precedence(&at_hand.version).is_eq() {
            found = true;
            out.emit(
                &duplicate_version::RULE,
                at_hand.file,
                at_hand.span.clone(),
                &at_hand.pointer,
                format!("{} exists already: tag {}", at_hand.label, tag.display()),
                Some("a version is released once; release the next version instead".to_owned()),
            );
        }
    }
    found
}

/// The bump from the previous release (VER005, VER006); the bump when the version is greater.
pub(super) fn check_step(
    at_hand: &AtHand,
    previous_tag: &Tag,
    previous: &Version,
    duplicate: bool,
    out: &mut Findings,
) -> Option<Bump> {
    match bump::step(previous, &at_hand.version) {
        Step::NotGreater => {
            if !duplicate {
                out.emit(
                    &version_not_increasing::RULE,
                    at_hand.file,
                    at_hand.span.clone(),
                    &at_hand.pointer,
                    format!(
                        "{} is not greater than the previous release {}",
                        at_hand.label,
                        previous_tag.display()
                    ),
                    Some(format!(
                        "the next version is {}",
                        bump::candidates(previous)
                    )),
                );
            }
            None
        }
        Step::Skip(kind) => {
            let expected = bump::apply(previous, kind);
            let reset = (kind == Bump::Minor && at_hand.version.patch != 0)
                || (kind == Bump::Major
                    && (at_hand.version.minor != 0 || at_hand.version.patch != 0));
            let message = if reset && bump::release_of(&at_hand.version) != expected {
                let same_number = match kind {
                    Bump::Major => at_hand.version.major == expected.major,
                    _ => at_hand.version.minor == expected.minor,
                };
                if same_number {
                    format!(
                        "{} does not reset the lower fields: {} after {} is {expected}",
                        at_hand.label,
                        kind.release(),
                        previous_tag.name
                    )
                } else {
                    format!(
                        "{} skips versions: after {} comes {}",
                        at_hand.label,
                        previous_tag.name,
                        bump::candidates(previous)
                    )
                }
            } else {
                format!(
                    "{} skips versions: after {} comes {}",
                    at_hand.label,
                    previous_tag.name,
                    bump::candidates(previous)
                )
            };
            out.emit(
                &skipped_version::RULE,
                at_hand.file,
                at_hand.span.clone(),
                &at_hand.pointer,
                message,
                Some(format!("use {expected}")),
            );
            Some(kind)
        }
        Step::Next(kind) => Some(kind),
    }
}
