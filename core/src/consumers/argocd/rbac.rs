//! Argo CD's RBAC among the checked manifests: the `argocd-rbac-cm` ConfigMap's policy lines
//! (`policy.csv` and every `policy.<name>.csv`, which Argo CD appends) and the local accounts
//! of `argocd-cm` (`accounts.<name>`). A line is Casbin's CSV: `p, <subject>, <resource>,
//! <action>, <object>, <effect>` or `g, <subject>, <role>`; `#` starts a comment.

use std::collections::HashSet;
use std::ops::Range;

use crate::catalog::Entity;
use crate::yaml::{Node, escape_pointer_token};

/// The ConfigMap that holds Argo CD's RBAC policy.
pub const RBAC_CONFIG_MAP: &str = "argocd-rbac-cm";
/// The ConfigMap that declares Argo CD's local accounts.
pub const CONFIG_MAP: &str = "argocd-cm";
/// Argo CD's built-in superuser.
pub const ADMIN: &str = "admin";

/// The subject of one policy line: the user, group or role it grants to.
#[derive(Debug, Clone)]
pub struct Subject<'a> {
    pub document: Entity<'a>,
    /// `p` or `g`.
    pub line_kind: &'a str,
    pub subject: &'a str,
    /// The whole line, trimmed, for messages.
    pub line: &'a str,
    /// Where the subject is written: inside a block scalar, the subject itself; else the value.
    pub span: Range<usize>,
    /// `/data/policy.csv`.
    pub pointer: String,
    /// `argocd-rbac-cm "policy.csv"`, for messages.
    pub config_map: String,
}

impl Subject<'_> {
    /// A role (`role:readonly`) or a project role (`proj:team:deployers`): not an identity.
    pub fn is_role(&self) -> bool {
        self.subject.starts_with("role:") || self.subject.starts_with("proj:")
    }
}

/// The policy subjects and local accounts of the checked manifests.
#[derive(Debug, Clone, Default)]
pub struct Rbac<'a> {
    pub subjects: Vec<Subject<'a>>,
    /// Lowercase names of local accounts: `admin` and those of `argocd-cm`.
    pub accounts: HashSet<String>,
}

impl<'a> Rbac<'a> {
    /// From the manifests; `text` gives a document's file text, to place subjects in it.
    pub fn new(
        documents: impl IntoIterator<Item = Entity<'a>>,
        text: impl Fn(usize) -> &'a str,
    ) -> Self {
        let mut rbac = Self {
            accounts: HashSet::from([ADMIN.to_owned()]),
            ..Self::default()
        };
        for document in documents {
            let Some(data) = config_map_data(&document) else {
                continue;
            };
            match document.name() {
                Some(RBAC_CONFIG_MAP) => {
                    let source = text(document.file);
                    for entry in data.as_mapping().unwrap_or_default() {
                        let (Some(key), Some(value)) = (entry.key.as_str(), entry.value.as_str())
                        else {
                            continue;
                        };
                        if is_policy_key(key) {
                            let pointer = format!("/data/{}", escape_pointer_token(key));
                            rbac.subjects.extend(subjects(
                                &document,
                                (key, value),
                                &entry.value,
                                source,
                                &pointer,
                            ));
                        }
                    }
                }
                Some(CONFIG_MAP) => {
                    for entry in data.as_mapping().unwrap_or_default() {
                        let account = entry
                            .key
                            .as_str()
                            .and_then(|key| key.strip_prefix("accounts."))
                            .and_then(|rest| rest.split('.').next())
                            .filter(|name| !name.is_empty());
                        rbac.accounts.extend(account.map(str::to_lowercase));
                    }
                }
                _ => {}
            }
        }
        rbac
    }

    /// Whether a subject is a local account.
    pub fn is_account(&self, subject: &str) -> bool {
        self.accounts.contains(&subject.to_lowercase())
    }
}

/// `policy.csv` or `policy.<name>.csv`: a data key Argo CD reads policy lines from (its
/// `HasPrefix`/`HasSuffix`, case-sensitive).
pub fn is_policy_key(key: &str) -> bool {
    key.strip_prefix("policy.")
        .and_then(|rest| rest.strip_suffix(".csv"))
        .is_some()
        || key == "policy.csv"
}

/// A `v1` ConfigMap's `data`.
fn config_map_data<'a>(document: &Entity<'a>) -> Option<&'a Node> {
    let api_version = document.api_version()?;
    if api_version != "v1" || document.kind() != Some("ConfigMap") {
        return None;
    }
    document
        .root
        .get("data")
        .filter(|data| data.as_mapping().is_some())
}

/// The subjects of a policy text, each placed at its line of the source when the text is
/// written line by line there (a block scalar), else at the whole value.
fn subjects<'a>(
    document: &Entity<'a>,
    (key, policy): (&str, &'a str),
    node: &Node,
    source: &str,
    pointer: &str,
) -> Vec<Subject<'a>> {
    let written = source.get(node.span.clone()).unwrap_or_default();
    let mut cursor = 0;
    let mut found = Vec::new();
    for line in policy.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split(',');
        let line_kind = fields.next().unwrap_or_default().trim();
        if line_kind != "p" && line_kind != "g" {
            continue;
        }
        let Some(raw) = fields.next() else {
            continue;
        };
        let subject = raw.trim().trim_matches('"').trim();
        if subject.is_empty() {
            continue;
        }
        let span = match written[cursor..].find(line) {
            Some(at) => {
                let line_start = node.span.start + cursor + at;
                cursor += at + line.len();
                let offset = line.find(subject).unwrap_or_default();
                line_start + offset..line_start + offset + subject.len()
            }
            None => node.span.clone(),
        };
        found.push(Subject {
            document: *document,
            line_kind,
            subject,
            line,
            span,
            pointer: pointer.to_owned(),
            config_map: format!("{RBAC_CONFIG_MAP} `{key}`"),
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{self, ParseOptions};

    const TEXT: &str = "apiVersion: v1
kind: ConfigMap
metadata: {name: argocd-rbac-cm, namespace: argocd}
data:
  policy.default: role:readonly
  policy.csv: |
    # the platform team
    p, role:deployer, applications, sync, */*, allow
    g, phippy-devs, role:deployer
    g, \"acme:platform\", role:admin
  policy.extra.csv: 'g, alice@acme.com, role:readonly'
---
apiVersion: v1
kind: ConfigMap
metadata: {name: argocd-cm, namespace: argocd}
data:
  accounts.ci: apiKey
  accounts.ci.enabled: 'true'
";

    #[test]
    fn reads_subjects_at_their_lines_and_local_accounts() {
        let documents = yaml::parse(TEXT, &ParseOptions::default());
        let entities = documents.iter().map(|document| Entity {
            file: 0,
            document: document.index,
            root: document.root.as_ref().unwrap(),
            contributor: None,
        });
        let rbac = Rbac::new(entities, |_| TEXT);
        let subjects: Vec<(&str, &str, &str)> = rbac
            .subjects
            .iter()
            .map(|found| (found.line_kind, found.subject, &TEXT[found.span.clone()]))
            .collect();
        assert_eq!(
            subjects,
            [
                ("p", "role:deployer", "role:deployer"),
                ("g", "phippy-devs", "phippy-devs"),
                ("g", "acme:platform", "acme:platform"),
                ("g", "alice@acme.com", "alice@acme.com"),
            ]
        );
        assert!(rbac.subjects[0].is_role());
        assert_eq!(rbac.subjects[3].pointer, "/data/policy.extra.csv");
        assert!(rbac.is_account("CI") && rbac.is_account("admin"));
        assert!(!rbac.is_account("enabled"));
    }
}
