//! A unified diff of two texts (`kataster check --diff`), line by line with three lines of
//! context, as `diff -u` writes it. Fixes change a few lines of a file: the common start and
//! end are cut off first, and the rest is compared by a longest common subsequence.

use std::fmt::Write as _;

/// Lines of context around each change.
const CONTEXT: usize = 3;
/// Past this many lines × lines in the changed middle, the middle is shown as one change.
const LARGEST_TABLE: usize = 4_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line<'a> {
    Same(&'a str),
    Old(&'a str),
    New(&'a str),
}

/// The unified diff of `old` and `new` under the names `a/<path>` and `b/<path>`; empty when
/// they are equal. Lines keep their line endings; a last line without one is marked as
/// `diff` marks it.
pub fn unified(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let lines = compare(&a, &b);
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    for hunk in hunks(&lines) {
        let (mut old_start, mut new_start) = (1, 1);
        for line in &lines[..hunk.start] {
            match line {
                Line::Same(_) => (old_start, new_start) = (old_start + 1, new_start + 1),
                Line::Old(_) => old_start += 1,
                Line::New(_) => new_start += 1,
            }
        }
        let shown = &lines[hunk.clone()];
        let old_count = shown.iter().filter(|l| !matches!(l, Line::New(_))).count();
        let new_count = shown.iter().filter(|l| !matches!(l, Line::Old(_))).count();
        let _ = writeln!(
            out,
            "@@ -{} +{} @@",
            range(old_start, old_count),
            range(new_start, new_count)
        );
        for line in shown {
            let (mark, text) = match line {
                Line::Same(text) => (' ', text),
                Line::Old(text) => ('-', text),
                Line::New(text) => ('+', text),
            };
            out.push(mark);
            out.push_str(text);
            if !text.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

fn range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{},0", start - 1),
        1 => start.to_string(),
        _ => format!("{start},{count}"),
    }
}

/// The lines of both texts in order, marked.
fn compare<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<Line<'a>> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (middle_a, middle_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut lines: Vec<Line<'a>> = a[..prefix].iter().map(|l| Line::Same(l)).collect();
    if middle_a.len().saturating_mul(middle_b.len()) > LARGEST_TABLE {
        lines.extend(middle_a.iter().map(|l| Line::Old(l)));
        lines.extend(middle_b.iter().map(|l| Line::New(l)));
    } else {
        lines.extend(common_subsequence(middle_a, middle_b));
    }
    lines.extend(a[a.len() - suffix..].iter().map(|l| Line::Same(l)));
    lines
}

fn common_subsequence<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<Line<'a>> {
    // longest[i][j]: the longest common subsequence of a[i..] and b[j..].
    let width = b.len() + 1;
    let mut longest = vec![0usize; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            longest[i * width + j] = if a[i] == b[j] {
                longest[(i + 1) * width + j + 1] + 1
            } else {
                longest[(i + 1) * width + j].max(longest[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut lines = Vec::with_capacity(a.len() + b.len());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            lines.push(Line::Same(a[i]));
            (i, j) = (i + 1, j + 1);
        } else if j < b.len()
            && (i == a.len() || longest[i * width + j + 1] >= longest[(i + 1) * width + j])
        {
            lines.push(Line::New(b[j]));
            j += 1;
        } else {
            lines.push(Line::Old(a[i]));
            i += 1;
        }
    }
    // Removed lines before added ones within a change, as `diff -u` shows them.
    let mut start = 0;
    while start < lines.len() {
        if matches!(lines[start], Line::Same(_)) {
            start += 1;
            continue;
        }
        let end = lines[start..]
            .iter()
            .position(|l| matches!(l, Line::Same(_)))
            .map_or(lines.len(), |at| start + at);
        lines[start..end].sort_by_key(|l| matches!(l, Line::New(_)));
        start = end;
    }
    lines
}

/// The ranges of `lines` shown as hunks: each change with its context, merged when close.
fn hunks(lines: &[Line<'_>]) -> Vec<std::ops::Range<usize>> {
    let mut hunks: Vec<std::ops::Range<usize>> = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        if matches!(line, Line::Same(_)) {
            continue;
        }
        let start = at.saturating_sub(CONTEXT);
        let end = (at + 1 + CONTEXT).min(lines.len());
        match hunks.last_mut() {
            Some(last) if start <= last.end => last.end = end,
            _ => hunks.push(start..end),
        }
    }
    hunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\n";
        assert_eq!(
            unified("x.yaml", old, new),
            "--- a/x.yaml\n+++ b/x.yaml\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
        );
        assert_eq!(unified("x.yaml", old, old), "");
    }

    #[test]
    fn far_changes_are_two_hunks_and_a_missing_newline_is_marked() {
        let old: String = (1..=20).map(|n| n.to_string() + "\n").collect();
        let new: String = (1..=20)
            .map(|n| match n {
                2 => "two\n".to_owned(),
                20 => "twenty".to_owned(),
                n => n.to_string() + "\n",
            })
            .collect();
        let diff = unified("f", &old, &new);
        assert_eq!(diff.matches("@@ -").count(), 2, "{diff}");
        assert!(
            diff.contains("@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n"),
            "{diff}"
        );
        assert!(
            diff.ends_with("-20\n+twenty\n\\ No newline at end of file\n"),
            "{diff}"
        );
    }

    #[test]
    fn crlf_lines_are_kept() {
        let diff = unified("f", "a: B\r\nc: d\r\n", "a: b\r\nc: d\r\n");
        assert_eq!(
            diff,
            "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-a: B\r\n+a: b\r\n c: d\r\n"
        );
    }
}
