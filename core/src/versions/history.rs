//! The released branch's first-parent history as a frontend read it: the input of
//! `kataster version audit`.

use serde::{Deserialize, Serialize};

use super::transition::{Incomplete, Transition};

/// A commit on the released branch's first-parent line that is a merge or carries tags.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LineCommit {
    pub id: String,
    pub message: String,
    pub parents: usize,
    /// The branch the merge was made on when the frontend found it elsewhere than on the
    /// released branch: a merge without a named target (a pull request's) that is also on
    /// the dev branch's first-parent line was made on dev, and the released branch was
    /// fast-forwarded onto it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    /// The release transitions of the tags on this commit, lowest version first (each with
    /// its tags, commits since the previous release, source and target).
    pub releases: Vec<Transition>,
}

/// A version tag that is not on the released branch's first-parent line.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OffLineTag {
    pub name: String,
    pub commit: String,
    /// The branches whose history holds it.
    pub branches: Vec<String>,
}

/// What `audit` reads.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Audit {
    /// The component audited; none: the repository.
    pub component: Option<String>,
    /// The released branch's first-parent line, oldest first: merges and tagged commits.
    pub line: Vec<LineCommit>,
    /// Tags elsewhere.
    pub off_line: Vec<OffLineTag>,
    /// The history is incomplete (a shallow clone).
    pub incomplete: Option<Incomplete>,
}
