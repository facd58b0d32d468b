//! Bumps: what a set of commits requires and what a pair of versions is.

use semver::{BuildMetadata, Prerelease, Version};

pub use crate::policy::Bump;

/// The version after `previous` with a bump (`None` gives `previous` without pre-release).
pub fn apply(previous: &Version, bump: Bump) -> Version {
    let mut next = Version::new(previous.major, previous.minor, previous.patch);
    match bump {
        Bump::None => {}
        Bump::Patch => next.patch += 1,
        Bump::Minor => {
            next.minor += 1;
            next.patch = 0;
        }
        Bump::Major => {
            next.major += 1;
            next.minor = 0;
            next.patch = 0;
        }
    }
    next
}

/// How `next` relates to the release `previous`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Exactly the next patch, minor or major (a pre-release of it counts).
    Next(Bump),
    /// Not greater than `previous` by precedence.
    NotGreater,
    /// Greater, but not the next version of its kind: a skipped number or lower fields not
    /// reset. Carries the kind of the highest changed field.
    Skip(Bump),
}

/// Classify the step from a release to a new version (precedence, build metadata ignored).
pub fn step(previous: &Version, next: &Version) -> Step {
    if next.cmp_precedence(previous) != std::cmp::Ordering::Greater {
        return Step::NotGreater;
    }
    let core = |version: &Version| (version.major, version.minor, version.patch);
    let kind = if next.major != previous.major {
        Bump::Major
    } else if next.minor != previous.minor {
        Bump::Minor
    } else if next.patch != previous.patch {
        Bump::Patch
    } else {
        // A pre-release `previous` and its release, or a later pre-release of it.
        return Step::Next(Bump::None);
    };
    if core(next) == core(&apply(previous, kind)) {
        Step::Next(kind)
    } else {
        Step::Skip(kind)
    }
}

/// The versions that may follow a release: `1.2.1, 1.3.0 or 2.0.0`.
pub fn candidates(previous: &Version) -> String {
    format!(
        "{}, {} or {}",
        apply(previous, Bump::Patch),
        apply(previous, Bump::Minor),
        apply(previous, Bump::Major)
    )
}

/// A version without pre-release and build metadata.
pub fn release_of(version: &Version) -> Version {
    Version {
        pre: Prerelease::EMPTY,
        build: BuildMetadata::EMPTY,
        ..version.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap_or_else(|_| Version::new(0, 0, 0))
    }

    #[test]
    fn steps() {
        assert_eq!(step(&v("1.2.0"), &v("1.2.1")), Step::Next(Bump::Patch));
        assert_eq!(step(&v("1.2.1"), &v("1.3.0")), Step::Next(Bump::Minor));
        assert_eq!(step(&v("1.3.0"), &v("2.0.0")), Step::Next(Bump::Major));
        assert_eq!(step(&v("1.2.0"), &v("1.4.0")), Step::Skip(Bump::Minor));
        assert_eq!(step(&v("1.2.0"), &v("1.2.2")), Step::Skip(Bump::Patch));
        assert_eq!(step(&v("1.2.1"), &v("1.3.1")), Step::Skip(Bump::Minor));
        assert_eq!(step(&v("1.2.1"), &v("2.1.0")), Step::Skip(Bump::Major));
        assert_eq!(step(&v("1.2.1"), &v("1.2.1")), Step::NotGreater);
        assert_eq!(step(&v("1.2.1"), &v("1.2.1+build")), Step::NotGreater);
        assert_eq!(step(&v("1.2.1"), &v("1.2.0")), Step::NotGreater);
        assert_eq!(step(&v("1.2.1"), &v("1.3.0-rc.1")), Step::Next(Bump::Minor));
        assert_eq!(step(&v("1.3.0-rc.1"), &v("1.3.0")), Step::Next(Bump::None));
        assert_eq!(
            step(&v("1.3.0-rc.1"), &v("1.3.0-rc.2")),
            Step::Next(Bump::None)
        );
        assert_eq!(step(&v("0.9.0"), &v("1.0.0")), Step::Next(Bump::Major));
    }

    #[test]
    fn applying() {
        assert_eq!(apply(&v("1.2.1"), Bump::Minor), v("1.3.0"));
        assert_eq!(apply(&v("1.2.1"), Bump::Major), v("2.0.0"));
        assert_eq!(apply(&v("1.2.1-rc.1"), Bump::Patch), v("1.2.2"));
        assert_eq!(candidates(&v("1.2.0")), "1.2.1, 1.3.0 or 2.0.0");
    }
}
