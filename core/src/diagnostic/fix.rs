//! Fixes: what a finding proposes to change in its file, as ruff's `Fix`, `Edit` and
//! `Applicability`, and the pure function that applies a set of them to a text.
//!
//! A rule proposes the new value of a scalar (a tag, a name, a key); the check pipeline, which
//! has the file's text, [resolves](Fix::resolve) it into a minimal byte edit: the scalar's
//! characters only, inside its quotes, so that comments, quoting style, key order and line
//! endings stay as they were. A value whose source is not written literally (escapes, folded
//! or multi-line scalars) gets no fix.

use std::ops::Range;

use serde::Serialize;

/// Whether a fix can be applied without a person's look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Neither the file's meaning nor its verdict can change beyond the finding going away
    /// (`kataster check --fix`).
    Safe,
    /// The change is probably right but changes meaning or identity
    /// (`kataster check --fix --unsafe-fixes`).
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Safe => "safe",
            Self::Unsafe => "unsafe",
        }
    }
}

/// One text replacement: the bytes `range` of the original file become `content`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    pub range: Range<usize>,
    pub content: String,
    /// Set while the edit is a scalar's new value, before [`Fix::resolve`] places it.
    pending: Option<Pending>,
}

/// What a rule asked for a scalar, before the text is at hand.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Pending {
    /// A new value (in `content`) for the scalar whose value is this.
    Value(String),
    /// Quote the plain scalar written as this.
    Quote(String),
}

impl Edit {
    /// Replace the bytes `range` with `content`.
    pub fn replacement(range: Range<usize>, content: impl Into<String>) -> Self {
        Self {
            range,
            content: content.into(),
            pending: None,
        }
    }

    /// The scalar node at `span`, whose value is `old`, gets the value `new`.
    pub fn scalar(span: Range<usize>, old: impl Into<String>, new: impl Into<String>) -> Self {
        Self {
            range: span,
            content: new.into(),
            pending: Some(Pending::Value(old.into())),
        }
    }

    /// Quote the plain scalar at `span`, written as `raw`, keeping its characters (`3000`
    /// becomes `"3000"`); no fix when it is not written so.
    pub fn quote(span: Range<usize>, raw: impl Into<String>) -> Self {
        let raw = raw.into();
        Self {
            range: span,
            content: format!("\"{raw}\""),
            pending: Some(Pending::Quote(raw)),
        }
    }
}

/// A change that makes a finding go away.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fix {
    /// What the fix does, e.g. "use `php`".
    pub message: String,
    pub applicability: Applicability,
    /// Never overlapping, in the order of their ranges.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(message, Applicability::Safe, edits)
    }

    pub fn unsafe_(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(message, Applicability::Unsafe, edits)
    }

    pub fn new(message: impl Into<String>, applicability: Applicability, edits: Vec<Edit>) -> Self {
        let mut edits = edits;
        edits.sort_by_key(|edit| (edit.range.start, edit.range.end));
        Self {
            message: message.into(),
            applicability,
            edits,
        }
    }

    /// The fix with its scalar edits placed in `text` as minimal byte edits, or `None` when
    /// one cannot be made exactly (a range outside the text, a scalar not written literally,
    /// a value that would need other quoting, edits that overlap).
    pub fn resolve(&self, text: &str) -> Option<Self> {
        let mut edits = Vec::with_capacity(self.edits.len());
        for edit in &self.edits {
            let range = edit.range.clone();
            if range.start > range.end
                || range.end > text.len()
                || !text.is_char_boundary(range.start)
                || !text.is_char_boundary(range.end)
            {
                return None;
            }
            let placed = match &edit.pending {
                None => Edit::replacement(range, edit.content.clone()),
                Some(Pending::Value(old)) => scalar_edit(text, range, old, &edit.content)?,
                Some(Pending::Quote(raw)) => {
                    let literal = &text[range.clone()] == raw
                        && !raw.is_empty()
                        && !raw.contains(['"', '\\', '\n', '\r', '#', '\'', '|', '>']);
                    literal.then(|| Edit::replacement(range, edit.content.clone()))?
                }
            };
            edits.push(placed);
        }
        let fix = Self::new(self.message.clone(), self.applicability, edits);
        let overlapping = fix
            .edits
            .windows(2)
            .any(|pair| overlaps(&pair[0].range, &pair[1].range));
        (!overlapping && !fix.edits.is_empty()).then_some(fix)
    }
}

/// Whether two edits touch the same bytes (two insertions at one offset count: their order
/// would be a guess).
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end || a.start == b.start
}

/// The edit that gives the scalar at `span` (value `old`, as the source writes it) the value
/// `new` in the same quoting style.
fn scalar_edit(text: &str, span: Range<usize>, old: &str, new: &str) -> Option<Edit> {
    let raw = &text[span.clone()];
    if raw.contains(['\n', '\r']) || new.chars().any(char::is_control) {
        return None;
    }
    let inner = span.start + 1..span.end.saturating_sub(1);
    if raw.len() >= 2 && raw.starts_with('"') && raw.ends_with('"') {
        let literal = !raw[1..raw.len() - 1].contains('\\');
        return (literal && &raw[1..raw.len() - 1] == old && !new.contains(['"', '\\']))
            .then(|| Edit::replacement(inner, new));
    }
    if raw.len() >= 2 && raw.starts_with('\'') && raw.ends_with('\'') {
        return (&raw[1..raw.len() - 1] == old && !new.contains('\''))
            .then(|| Edit::replacement(inner, new));
    }
    (raw == old && is_plain_string(new)).then(|| Edit::replacement(span, new))
}

/// Whether a value written unquoted is read back as this same string, in block and in flow
/// context, under YAML 1.2 and 1.1: letters, digits and `-_.:/+#@~` starting with a letter or
/// digit, and not a number, boolean or null.
fn is_plain_string(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    let words = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf",
    ];
    first.is_ascii_alphanumeric()
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.:/+#@~".contains(c))
        && value.parse::<f64>().is_err()
        && !value
            .chars()
            .all(|c| c.is_ascii_digit() || "_:.".contains(c))
        && !value.starts_with("0x")
        && !value.starts_with("0o")
        && !words.contains(&value.to_ascii_lowercase().as_str())
}

/// The text with as many of `fixes` applied as one pass can: fixes in the order of their
/// first edit, each taken whole or not at all, never one that overlaps an edit taken before
/// (it waits for the next pass, once the caller has checked the new text again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// How many were left for another pass (they overlapped one that was applied).
    pub deferred: usize,
}

/// The edits one pass would make (see [`apply`]): non-overlapping, in the order of their
/// ranges, with the counts of fixes taken and deferred. An editor sends these edits as they
/// are; [`apply`] makes the new text from them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub edits: Vec<Edit>,
    /// How many fixes the edits make.
    pub applied: usize,
    /// How many were left for another pass (they overlapped one that was taken).
    pub deferred: usize,
}

/// Choose the fixes of one pass over `text`: fixes in the order of their first edit, each
/// taken whole or not at all, never one that overlaps an edit taken before. Edits outside the
/// text or not on character boundaries make their fix be skipped.
pub fn plan(text: &str, fixes: &[&Fix]) -> Plan {
    let mut order: Vec<&Fix> = fixes
        .iter()
        .copied()
        .filter(|fix| !fix.edits.is_empty())
        .collect();
    order.sort_by_key(|fix| (fix.edits[0].range.start, fix.edits[0].range.end));
    let mut taken: Vec<&Edit> = Vec::new();
    let (mut applied, mut deferred) = (0, 0);
    for fix in order {
        let valid = fix.edits.iter().all(|edit| {
            edit.range.start <= edit.range.end
                && edit.range.end <= text.len()
                && text.is_char_boundary(edit.range.start)
                && text.is_char_boundary(edit.range.end)
        });
        if !valid {
            continue;
        }
        // The same fix twice (two findings proposing one change) is applied once.
        if !taken.is_empty() && fix.edits.iter().all(|edit| taken.contains(&edit)) {
            continue;
        }
        let clashes = fix.edits.iter().any(|edit| {
            taken
                .iter()
                .any(|other| overlaps(&edit.range, &other.range))
        });
        if clashes {
            deferred += 1;
            continue;
        }
        taken.extend(&fix.edits);
        applied += 1;
    }
    taken.sort_by_key(|edit| edit.range.start);
    Plan {
        edits: taken.into_iter().cloned().collect(),
        applied,
        deferred,
    }
}

/// Apply fixes to `text` (one pass, as [`plan`] chooses them).
pub fn apply(text: &str, fixes: &[&Fix]) -> Applied {
    let Plan {
        edits,
        applied,
        deferred,
    } = plan(text, fixes);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in &edits {
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.content);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    Applied {
        text: out,
        applied,
        deferred,
    }
}

#[cfg(test)]
#[path = "fix_tests.rs"]
mod tests;
