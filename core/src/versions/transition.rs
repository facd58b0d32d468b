//! One version transition as plain data: a merge from a source branch into a target branch,
//! a tag, or a proposed version, with the tags and commits around it, and the facts its check
//! computes. `kataster version check`, `next` and each release of `audit` are transitions.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::bump::Bump;
use super::commits::Commit;
use super::tags::Tag;

/// Where a proposed version was written (e.g. Chart.yaml's `version`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Location {
    pub path: String,
    pub text: String,
    pub span: Range<usize>,
    pub pointer: String,
}

/// History that a frontend could not read: a shallow clone, a branch that was not fetched.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Incomplete {
    /// The pseudo-file to report at: `.git/shallow`, `refs/heads/<branch>`.
    pub path: String,
    pub message: String,
    pub help: String,
}

/// Everything about one transition, as plain data.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Transition {
    /// The monorepo component (its tag prefix applies); none: the repository.
    pub component: Option<String>,
    /// The branch merged (for a tag: the branch its merge commit names).
    pub source: Option<String>,
    /// The branch merged into (for a tag: the branch it is on).
    pub target: Option<String>,
    /// The tag at hand, with its prefix.
    pub tag: Option<String>,
    /// The merge commit the tag is on, when the transition is a tagged merge: the evidence
    /// that names its source and target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merge_commit: Option<String>,
    /// A proposed version without prefix (from `--version` or Chart.yaml), when there is no tag.
    pub version: Option<String>,
    /// Where the proposed version is written, if in a file.
    pub version_location: Option<Location>,
    /// Every tag of the repository; `reachable` marks those reachable from the target (for a
    /// merge) or from the tagged commit (for a tag).
    pub tags: Vec<Tag>,
    /// The commits the transition brings: `target..source` for a merge, `previous..tag` for
    /// a tag, oldest first.
    pub commits: Vec<Commit>,
    /// The history needed is not there.
    pub incomplete: Option<Incomplete>,
}

impl Transition {
    /// The names of the repository's tags and of the tag at hand (the tag prefix is inferred
    /// from them).
    pub fn tag_names(&self) -> impl Iterator<Item = &str> {
        let names = self.tags.iter().map(|tag| tag.name.as_str());
        names.chain(self.tag.as_deref())
    }
}

/// What a transition is and must produce.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct TransitionFacts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    pub source: Option<String>,
    pub source_role: Option<String>,
    pub target: Option<String>,
    pub target_role: Option<String>,
    /// The tag at hand, or the tag a proposed version would get.
    pub tag: Option<String>,
    /// The version at hand (tagged or proposed).
    pub version: Option<String>,
    /// The previous release's tag.
    pub previous: Option<String>,
    pub previous_version: Option<String>,
    /// Commits counted (no merges, no fixup!/squash!/amend!).
    pub commits: usize,
    /// The bump the commits require.
    pub required_bump: Bump,
    /// The first commit that requires it.
    pub required_by: Option<String>,
    /// The bump from the previous release to the version at hand.
    pub actual_bump: Option<Bump>,
    /// The version the transition must produce (merges into the released branch).
    pub next_version: Option<String>,
    pub next_tag: Option<String>,
    /// Why: one line per reason, for `--explain`.
    pub reasons: Vec<String>,
}
