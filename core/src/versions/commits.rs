//! Conventional Commits 1.0.0: the header grammar `type(scope)!: description`, footers, and
//! the bump a commit requires.
//!
//! Types are case-insensitive (`Feat:` is `feat:`); `BREAKING CHANGE:` and `BREAKING-CHANGE:`
//! footers count only in uppercase, as the specification says. The subject's case is not
//! checked (the source document writes `feat: Add feature 1`). `fixup!`, `squash!` and
//! `amend!` commits are skipped, and git's default revert header (`Revert "..."`) is a
//! `revert`.

use std::ops::Range;

use schemars::JsonSchema;
use semver::Version;
use serde::{Deserialize, Serialize};

use super::bump::Bump;
use crate::policy::CommitPolicy;

/// A commit as a frontend read it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Commit {
    /// The commit id (any string; frontends give the full hash).
    pub id: String,
    /// The full message: header, body and footers.
    pub message: String,
    /// The number of parents: a commit with two or more is a merge and is not counted.
    pub parents: usize,
}

impl Commit {
    pub fn new(id: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            message: message.into(),
            parents: 1,
        }
    }

    pub fn is_merge(&self) -> bool {
        self.parents > 1
    }

    /// The first line of the message.
    pub fn header(&self) -> &str {
        header_of(&self.message)
    }

    /// `1a2b3c4 "feat: Add feature 1"`: how messages name a commit.
    pub fn display(&self) -> String {
        let short: String = self.id.chars().take(7).collect();
        let header: String = self.header().chars().take(72).collect();
        format!("{short} \"{header}\"")
    }
}

fn header_of(message: &str) -> &str {
    message.lines().next().unwrap_or_default().trim_end()
}

/// A conventional header's parts, with byte ranges into the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conventional<'a> {
    /// The type as written (compare it lowercased).
    pub kind: &'a str,
    pub kind_span: Range<usize>,
    pub scope: Option<&'a str>,
    /// The `!` before the colon.
    pub bang: Option<Range<usize>>,
    pub description: &'a str,
}

/// What a commit header is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Header<'a> {
    Conventional(Conventional<'a>),
    /// `fixup! ...`, `squash! ...`, `amend! ...`: folded into another commit; not counted.
    Autosquash,
    /// git's default revert message (`Revert "feat: x"`): a `revert`.
    GitRevert,
    /// Not a conventional header: why, and where.
    Invalid {
        reason: String,
        span: Range<usize>,
    },
}

/// A parsed commit message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message<'a> {
    pub header: Header<'a>,
    /// The byte range of the header line.
    pub header_span: Range<usize>,
    /// The `BREAKING CHANGE` / `BREAKING-CHANGE` footer tokens.
    pub breaking_footers: Vec<Range<usize>>,
}

impl Message<'_> {
    /// A `!` in the header or a breaking-change footer.
    pub fn is_breaking(&self) -> bool {
        !self.breaking_footers.is_empty()
            || matches!(&self.header, Header::Conventional(header) if header.bang.is_some())
    }

    /// Where the breaking change is stated (the `!`, else the first footer).
    pub fn breaking_span(&self) -> Option<Range<usize>> {
        if let Header::Conventional(Conventional {
            bang: Some(bang), ..
        }) = &self.header
        {
            return Some(bang.clone());
        }
        self.breaking_footers.first().cloned()
    }

    /// The type, lowercased (`revert` for git's revert header).
    pub fn kind(&self) -> Option<String> {
        match &self.header {
            Header::Conventional(header) => Some(header.kind.to_ascii_lowercase()),
            Header::GitRevert => Some("revert".to_owned()),
            _ => None,
        }
    }
}

/// Parse a commit message.
pub fn parse(message: &str) -> Message<'_> {
    let header_text = header_of(message);
    let header_span = 0..header_text.len();
    let header = parse_header(header_text);
    Message {
        header,
        header_span,
        breaking_footers: breaking_footers(message),
    }
}

fn parse_header(header: &str) -> Header<'_> {
    if ["fixup! ", "squash! ", "amend! "]
        .iter()
        .any(|prefix| header.starts_with(prefix))
    {
        return Header::Autosquash;
    }
    if header.starts_with("Revert \"") {
        return Header::GitRevert;
    }
    let invalid = |reason: &str, span: Range<usize>| Header::Invalid {
        reason: reason.to_owned(),
        span,
    };
    let whole = 0..header.len();
    let kind_end = header
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(header.len());
    if kind_end == 0 || !header.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return invalid("it does not start with a type", whole);
    }
    let kind = &header[..kind_end];
    let mut rest = &header[kind_end..];
    let mut at = kind_end;
    let mut scope = None;
    if let Some(after) = rest.strip_prefix('(') {
        let Some(close) = after.find(')') else {
            return invalid("the scope's `(` is not closed", at..header.len());
        };
        let text = &after[..close];
        if text.trim().is_empty() || text.contains('(') {
            return invalid("the scope is empty or malformed", at..at + close + 2);
        }
        scope = Some(text);
        at += close + 2;
        rest = &after[close + 1..];
    }
    let mut bang = None;
    if rest.starts_with('!') {
        bang = Some(at..at + 1);
        at += 1;
        rest = &rest[1..];
    }
    let Some(after_colon) = rest.strip_prefix(':') else {
        if !header.contains(':') {
            return invalid("there is no `type: ` before the description", whole);
        }
        let found = rest
            .chars()
            .next()
            .map_or_else(|| "the header ends".to_owned(), |c| format!("found `{c}`"));
        return invalid(
            &format!("`:` must follow the type (and scope), {found}"),
            at..header.len(),
        );
    };
    if after_colon.trim().is_empty() {
        return invalid("the description is empty", at..header.len());
    }
    if !after_colon.starts_with(' ') {
        return invalid("a space must follow the colon", at..at + 1);
    }
    let description = after_colon.trim();
    Header::Conventional(Conventional {
        kind,
        kind_span: 0..kind_end,
        scope,
        bang,
        description,
    })
}

/// The footer tokens `BREAKING CHANGE:`/`BREAKING-CHANGE:` (also with ` #`), at the start of
/// a line after the header's paragraph.
fn breaking_footers(message: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut offset = 0;
    let mut after_header = false;
    let mut blank_seen = false;
    for line in message.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        if after_header {
            if text.trim().is_empty() {
                blank_seen = true;
            } else if blank_seen {
                for token in ["BREAKING CHANGE", "BREAKING-CHANGE"] {
                    if let Some(rest) = text.strip_prefix(token) {
                        if rest.starts_with(": ") || rest.starts_with(" #") {
                            spans.push(offset..offset + token.len());
                        }
                    }
                }
            }
        }
        after_header = true;
        offset += line.len();
    }
    spans
}

/// `BREAKING CHANGE:`/`BREAKING-CHANGE:` lines in the header's paragraph (no blank line
/// before them): not footers for Conventional Commits, breaking changes for
/// semantic-release and conventional-changelog. The token's byte ranges.
pub fn unseparated_breaking_footers(message: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut offset = 0;
    for (index, line) in message.split_inclusive('\n').enumerate() {
        let text = line.trim_end_matches(['\n', '\r']);
        if index > 0 {
            if text.trim().is_empty() {
                break;
            }
            for token in ["BREAKING CHANGE", "BREAKING-CHANGE"] {
                if text
                    .strip_prefix(token)
                    .is_some_and(|rest| rest.starts_with(':') || rest.starts_with(" #"))
                {
                    spans.push(offset..offset + token.len());
                }
            }
        }
        offset += line.len();
    }
    spans
}

/// What one commit requires, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub bump: Bump,
    pub breaking: bool,
    /// The type, lowercased, when the header is conventional.
    pub kind: Option<String>,
    /// The header is not conventional: why, and where.
    pub invalid: Option<(String, Range<usize>)>,
    /// The type is not in the policy: where it is.
    pub unknown_kind: Option<Range<usize>>,
    /// Where the breaking change or the type is stated (for diagnostics).
    pub span: Range<usize>,
    /// Skipped: a merge or an autosquash commit.
    pub skipped: bool,
}

/// The bump a commit requires on top of `previous` (a breaking change while the major is 0
/// requires what the policy says, minor by default).
pub fn requirement(
    commit: &Commit,
    previous: Option<&Version>,
    policy: &CommitPolicy,
) -> Requirement {
    let message = parse(&commit.message);
    let mut requirement = Requirement {
        bump: Bump::None,
        breaking: false,
        kind: message.kind(),
        invalid: None,
        unknown_kind: None,
        span: message.header_span.clone(),
        skipped: commit.is_merge() || matches!(message.header, Header::Autosquash),
    };
    if requirement.skipped {
        return requirement;
    }
    if let Header::Invalid { reason, span } = &message.header {
        requirement.invalid = Some((reason.clone(), span.clone()));
    }
    let listed =
        |list: &[String], kind: &str| list.iter().any(|item| item.eq_ignore_ascii_case(kind));
    if let Some(kind) = &requirement.kind {
        if listed(&policy.minor, kind) {
            requirement.bump = Bump::Minor;
        } else if listed(&policy.patch, kind) {
            requirement.bump = Bump::Patch;
        } else if !listed(&policy.other, kind) {
            if let Header::Conventional(header) = &message.header {
                requirement.unknown_kind = Some(header.kind_span.clone());
            }
        }
        if let Header::Conventional(header) = &message.header {
            requirement.span = header.kind_span.clone();
        }
    }
    if message.is_breaking() {
        requirement.breaking = true;
        requirement.bump = if previous.is_some_and(|previous| previous.major == 0) {
            policy.breaking_at_zero.max(Bump::Minor).min(Bump::Major)
        } else {
            Bump::Major
        };
        if let Some(span) = message.breaking_span() {
            requirement.span = span;
        }
    }
    requirement
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conventional(header: &str) -> Conventional<'_> {
        match parse(header).header {
            Header::Conventional(parsed) => parsed,
            other => panic!("{header}: {other:?}"),
        }
    }

    fn reason(header: &str) -> String {
        match parse(header).header {
            Header::Invalid { reason, .. } => reason,
            other => panic!("{header}: {other:?}"),
        }
    }

    #[test]
    fn headers_with_scopes_and_bangs() {
        let plain = conventional("feat: Add feature 1");
        assert_eq!(
            (plain.kind, plain.scope, plain.description),
            ("feat", None, "Add feature 1")
        );
        let scoped = conventional("fix(api/v2,ui): Handle nulls");
        assert_eq!(scoped.scope, Some("api/v2,ui"));
        assert_eq!(scoped.bang, None);
        let bang = conventional("feat(api)!: Drop v1");
        assert_eq!(bang.bang, Some(9..10));
        assert!(parse("feat(api)!: Drop v1").is_breaking());
        assert!(parse("refactor!: Rename").is_breaking());
        assert_eq!(conventional("Feat: Upper-case type").kind, "Feat");
        assert_eq!(parse("Feat: x").kind().as_deref(), Some("feat"));
        assert_eq!(
            conventional("feat:   extra spaces").description,
            "extra spaces"
        );
    }

    #[test]
    fn invalid_headers_say_why() {
        assert!(reason("Update feature 1").contains("no `type: `"));
        assert!(reason("Update x: y").contains("found ` `"));
        assert!(reason("feat:Add").contains("space must follow"));
        assert!(reason("feat : Add").contains("found ` `"));
        assert!(reason("feat(): Add").contains("scope is empty"));
        assert!(reason("feat(api: Add").contains("not closed"));
        assert!(reason("feat: ").contains("description is empty"));
        assert!(reason(": nothing").contains("does not start with a type"));
        assert!(reason("").contains("does not start with a type"));
    }

    #[test]
    fn footers() {
        let message =
            "feat: New API\n\nBody text.\n\nBREAKING CHANGE: the old API is gone\nRefs: #12\n";
        let parsed = parse(message);
        assert!(parsed.is_breaking());
        assert_eq!(
            &message[parsed.breaking_footers[0].clone()],
            "BREAKING CHANGE"
        );
        assert!(parse("fix: x\n\nBREAKING-CHANGE: gone").is_breaking());
        assert!(parse("fix: x\n\nBREAKING CHANGE #12").is_breaking());
        // Lowercase is not a breaking change, nor is the token in the header's paragraph
        // or in the middle of a line.
        assert!(!parse("fix: x\n\nbreaking change: gone").is_breaking());
        assert!(!parse("fix: x\nBREAKING CHANGE: in the header paragraph").is_breaking());
        assert_eq!(
            unseparated_breaking_footers("fix: x\nBREAKING CHANGE: in the header paragraph"),
            vec![7..22]
        );
        assert!(unseparated_breaking_footers("fix: x\n\nBREAKING CHANGE: y").is_empty());
        assert!(unseparated_breaking_footers("fix: x\nSee BREAKING CHANGE: y").is_empty());
        assert!(!parse("fix: x\n\nSee BREAKING CHANGE: above").is_breaking());
        assert!(!parse("fix: x\n\nBREAKING CHANGES: plural").is_breaking());
        assert!(parse("fix: x\r\n\r\nBREAKING CHANGE: crlf\r\n").is_breaking());
    }

    #[test]
    fn autosquash_revert_and_merges() {
        assert_eq!(parse("fixup! feat: Add").header, Header::Autosquash);
        assert_eq!(parse("squash! fix: x").header, Header::Autosquash);
        assert_eq!(parse("amend! fix: x").header, Header::Autosquash);
        assert_eq!(
            parse("Revert \"feat: Add\"").kind().as_deref(),
            Some("revert")
        );
        let policy = CommitPolicy::default();
        let merge = Commit {
            parents: 2,
            ..Commit::new("m", "Merge branch 'feat/x' into dev")
        };
        assert!(requirement(&merge, None, &policy).skipped);
        assert!(requirement(&Commit::new("f", "fixup! feat!: x"), None, &policy).skipped);
    }

    #[test]
    fn requirements() {
        let policy = CommitPolicy::default();
        let one = Version::new(1, 2, 0);
        let zero = Version::new(0, 3, 0);
        let bump = |message: &str, previous: &Version| {
            requirement(&Commit::new("c", message), Some(previous), &policy).bump
        };
        assert_eq!(bump("feat: x", &one), Bump::Minor);
        assert_eq!(bump("fix: x", &one), Bump::Patch);
        assert_eq!(bump("perf: x", &one), Bump::Patch);
        assert_eq!(bump("Revert \"feat: x\"", &one), Bump::Patch);
        assert_eq!(bump("docs: x", &one), Bump::None);
        assert_eq!(bump("feat!: x", &one), Bump::Major);
        assert_eq!(bump("docs: x\n\nBREAKING CHANGE: y", &one), Bump::Major);
        assert_eq!(bump("feat!: x", &zero), Bump::Minor);
        assert_eq!(bump("fix: x", &zero), Bump::Patch);
        let strict_zero = CommitPolicy {
            breaking_at_zero: Bump::Major,
            ..CommitPolicy::default()
        };
        assert_eq!(
            requirement(&Commit::new("c", "feat!: x"), Some(&zero), &strict_zero).bump,
            Bump::Major
        );
        let unknown = requirement(&Commit::new("c", "wip: x"), Some(&one), &policy);
        assert_eq!(
            (unknown.bump, unknown.unknown_kind),
            (Bump::None, Some(0..3))
        );
        let invalid = requirement(&Commit::new("c", "Update feature 1"), Some(&one), &policy);
        assert!(invalid.invalid.is_some());
        let breaking_invalid = requirement(
            &Commit::new("c", "Drop API\n\nBREAKING CHANGE: gone"),
            Some(&one),
            &policy,
        );
        assert_eq!(breaking_invalid.bump, Bump::Major);
    }
}
