//! `source.fixAll.kataster` pass after pass, as `kataster check --fix` does: apply the safe
//! fixes of a document that do not overlap, check it again with the fixed text (the
//! cross-file rules too), and repeat until nothing changes, ten passes at most. The checker
//! gets the buffer's text back afterwards; the published report is not touched.

use kataster_core::diagnostic::fix::{self, Applicability, Fix};
use kataster_core::{Report, SourceFile};

use super::workspace::Workspace;
use crate::facts::FileSystem;

/// How many times a document is fixed and checked at most.
const MAX_PASSES: usize = 10;

/// The safe fixes of one file in a report.
fn safe_fixes(report: &Report, index: usize) -> Vec<&Fix> {
    report
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.file == index)
        .filter_map(|diagnostic| diagnostic.fix.as_ref())
        .filter(|fix| fix.applicability == Applicability::Safe)
        .collect()
}

/// The text of the file at `index` once every pass is done, with how many fixes were applied;
/// `None` when a second pass changed nothing (the first pass's edits say it all) or nothing
/// can be fixed.
pub fn text_after_passes(workspace: &mut Workspace, index: usize) -> Option<(String, usize)> {
    let report = workspace.report.as_ref()?;
    let original = workspace.checker.files().get(index)?.source.clone();
    let first = fix::apply(&original.text, &safe_fixes(report, index));
    if first.applied == 0 {
        return None;
    }
    let root = workspace.run_root.clone()?;
    let (mut text, mut applied) = (first.text, first.applied);
    let mut more = false;
    for _ in 1..MAX_PASSES {
        let fixed = SourceFile::new(original.path.clone(), text.clone())
            .with_kind(original.kind)
            .with_contributor(original.contributor.clone());
        workspace.checker.replace_file(index, fixed);
        let report = workspace
            .checker
            .check_incremental(&FileSystem { root: root.clone() });
        let pass = fix::apply(&text, &safe_fixes(&report, index));
        if pass.applied == 0 || pass.text == text {
            break;
        }
        (text, applied, more) = (pass.text, applied + pass.applied, true);
    }
    workspace.checker.replace_file(index, original);
    more.then_some((text, applied))
}

/// The one edit that turns `before` into `after`: the byte range of `before` that differs,
/// on character boundaries, and what replaces it.
pub fn difference(before: &str, after: &str) -> (std::ops::Range<usize>, String) {
    let mut start = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !before.is_char_boundary(start) || !after.is_char_boundary(start) {
        start -= 1;
    }
    let most = before.len().min(after.len()) - start;
    let mut common = before
        .bytes()
        .rev()
        .zip(after.bytes().rev())
        .take(most)
        .take_while(|(a, b)| a == b)
        .count();
    while !before.is_char_boundary(before.len() - common)
        || !after.is_char_boundary(after.len() - common)
    {
        common -= 1;
    }
    (
        start..before.len() - common,
        after[start..after.len() - common].to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::difference;

    #[test]
    fn the_difference_is_one_minimal_edit() {
        assert_eq!(
            difference("tags: [PHP]", "tags: [php]"),
            (7..10, "php".into())
        );
        assert_eq!(difference("a: é", "a: è"), (3..5, "è".into()));
        assert_eq!(difference("abc", "abc"), (3..3, String::new()));
        assert_eq!(difference("aa", "aaa"), (2..2, "a".into()));
    }
}
