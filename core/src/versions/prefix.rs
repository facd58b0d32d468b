//! The tag prefix in force. The policy's, when it sets one (`versions.tagPrefix`, a
//! component's); otherwise the one a strict majority of the repository's version tags carry
//! (`v` in a Go module), so that consistent tags are never reported; otherwise none.

use std::collections::{BTreeMap, BTreeSet};

use super::tags;
use crate::policy::VersionPolicy;

/// The tag prefix in force for one component, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TagPrefix {
    pub prefix: String,
    /// Set when the prefix was inferred from the tags: the policy sets none and a strict
    /// majority of the version tags carry it. Never set for no prefix, which is the default.
    pub inferred: Option<Majority>,
    /// The repository's prefixes: the components' or this one.
    pub prefixes: Vec<String>,
}

/// How many version tags carry the inferred prefix, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Majority {
    pub carrying: usize,
    pub of: usize,
}

impl TagPrefix {
    /// The prefix for `component` of a repository with the tags `names`.
    pub fn resolve<'a>(
        policy: &VersionPolicy,
        component: Option<&str>,
        names: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        if !policy.components.is_empty() || policy.tag_prefix.is_some() {
            return Self {
                prefix: policy.prefix_of(component).to_owned(),
                inferred: None,
                prefixes: policy.prefixes().into_iter().map(str::to_owned).collect(),
            };
        }
        let (prefix, inferred) = match infer(names) {
            Some((prefix, majority)) if !prefix.is_empty() => (prefix, Some(majority)),
            _ => (String::new(), None),
        };
        Self {
            prefixes: vec![prefix.clone()],
            prefix,
            inferred,
        }
    }

    /// The prefixes as `tags::classify` takes them.
    pub fn prefixes(&self) -> Vec<&str> {
        self.prefixes.iter().map(String::as_str).collect()
    }
}

/// The prefix a strict majority of the distinct version tags among `names` carry (`""` for
/// none); `None` when there is no version tag or no prefix has more than half of them.
pub fn infer<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<(String, Majority)> {
    let names: BTreeSet<&str> = names.into_iter().collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut of = 0;
    for (prefix, _) in names.into_iter().filter_map(tags::split) {
        *counts.entry(prefix).or_default() += 1;
        of += 1;
    }
    let (prefix, carrying) = counts.into_iter().max_by_key(|&(_, count)| count)?;
    (carrying * 2 > of).then(|| (prefix.to_owned(), Majority { carrying, of }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(json: &str) -> VersionPolicy {
        serde_json::from_str(json).unwrap_or_default()
    }

    #[test]
    fn the_majority_prefix_is_inferred() {
        let go = ["v0.1.0", "v0.2.0", "v1.0.0-rc.1", "latest", "0.0.5"];
        assert_eq!(
            infer(go),
            Some(("v".to_owned(), Majority { carrying: 3, of: 4 }))
        );
        assert_eq!(
            infer(["1.0.0", "v1.1.0", "1.2.0"]).map(|(p, _)| p),
            Some(String::new())
        );
        assert_eq!(infer(["1.0.0", "v1.1.0"]), None, "a tie has no majority");
        assert_eq!(infer(["latest", "stable"]), None);
        let repeated = ["v1.0.0", "v1.0.0", "v1.1.0", "1.0.0"];
        assert_eq!(
            infer(repeated).map(|(_, m)| m.of),
            Some(3),
            "a name counts once"
        );
    }

    #[test]
    fn the_policy_always_wins() {
        let tags = ["v1.0.0", "v1.1.0"];
        let inferred = TagPrefix::resolve(&policy("{}"), None, tags);
        assert_eq!(inferred.prefix, "v");
        assert_eq!(inferred.prefixes(), ["v"]);
        assert!(inferred.inferred.is_some());
        let explicit = TagPrefix::resolve(&policy(r#"{"tagPrefix": ""}"#), None, tags);
        assert_eq!((explicit.prefix.as_str(), explicit.inferred), ("", None));
        let monorepo = policy(r#"{"components": [{"name": "a", "tagPrefix": "a-"}]}"#);
        let component = TagPrefix::resolve(&monorepo, Some("a"), tags);
        assert_eq!(
            (component.prefix.as_str(), component.inferred),
            ("a-", None)
        );
        let bare = TagPrefix::resolve(&policy("{}"), None, ["1.0.0", "1.1.0", "v1.2.0"]);
        assert_eq!((bare.prefix.as_str(), bare.inferred), ("", None));
    }
}
