//! The released branch's first-parent history as a frontend read it: the input of
//! `kataster version audit`.

use serde::{Deserialize, Serialize};

use super::branches;
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

/// Whether the released branch's own history continues through a merge's second parent: the
/// merge was made on another branch (its message names that target) and brought the released
/// branch back into it (`Merge branch 'master' into develop`), or a release tag on a merge
/// into the released branch (`Merge tag '1.2.0' into develop`, `merged` the tagged merge's
/// message). On the released branch's first-parent line such a merge means the released
/// branch was fast-forwarded onto the other branch (git-flow's `--ff-master`): its earlier
/// merges are behind the second parent, not the first.
pub fn continues_through_merged(message: &str, merged: Option<&str>, main: &str) -> bool {
    let Some(merge) = branches::merge_message(message) else {
        return false;
    };
    // Made on another branch, named in the message.
    if merge.target.as_deref().is_none_or(|target| target == main) {
        return false;
    }
    if merge.tag {
        return merged
            .and_then(branches::merge_message)
            .is_some_and(|into| into.target.as_deref().is_none_or(|named| named == main));
    }
    merge.source == main && merge.fork.is_none()
}

#[cfg(test)]
mod tests {
    use super::continues_through_merged;

    #[test]
    fn a_merge_back_of_the_released_branch_continues_through_it() {
        let through = |message, merged| continues_through_merged(message, merged, "master");
        assert!(through("Merge branch 'master' into develop", None));
        assert!(through(
            "Merge tag '1.11.0' into develop",
            Some("Merge branch 'release/1.11.0'")
        ));
        assert!(through(
            "Merge tag '1.11.0' into develop",
            Some("Merge branch 'hotfix/1.11.1' into master")
        ));
        // A tag on a commit that is no merge into the released branch: a tag of another line.
        assert!(!through("Merge tag '1.11.0' into develop", Some("feat: A")));
        assert!(!through(
            "Merge tag '1.11.0' into develop",
            Some("Merge branch 'feature/a' into develop")
        ));
        // Merges into the released branch, or of other branches, follow the first parent.
        assert!(!through("Merge branch 'develop'", None));
        assert!(!through("Merge branch 'release/1.2.0' into master", None));
        assert!(!through("Merge branch 'feature/a' into develop", None));
        assert!(!through(
            "Merge branch 'master' of github.com:a/b into develop",
            None
        ));
        assert!(!through("feat: A", None));
    }
}
