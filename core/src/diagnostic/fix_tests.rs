#![allow(clippy::unwrap_used)]

use super::*;

fn scalar(text: &str, old: &str, new: &str) -> Fix {
    let start = text.find(old).unwrap();
    Fix::safe(
        format!("use `{new}`"),
        vec![Edit::scalar(start..start + old.len(), old, new)],
    )
}

/// The fix for the scalar `raw` (as written, quotes included) with the value `old`.
fn quoted(text: &str, raw: &str, old: &str, new: &str) -> Option<Fix> {
    let start = text.find(raw).unwrap();
    Fix::safe("", vec![Edit::scalar(start..start + raw.len(), old, new)]).resolve(text)
}

#[test]
fn one_pass_applies_fixes_that_do_not_overlap() {
    let text = "tags: [PHP, Web] # keep me\n";
    let php = scalar(text, "PHP", "php").resolve(text).unwrap();
    let web = scalar(text, "Web", "web").resolve(text).unwrap();
    let applied = apply(text, &[&web, &php]);
    assert_eq!(applied.text, "tags: [php, web] # keep me\n");
    assert_eq!((applied.applied, applied.deferred), (2, 0));
}

#[test]
fn an_overlapping_fix_waits_for_the_next_pass() {
    let text = "name: Foo Bar\n";
    let whole = Fix::unsafe_("rename", vec![Edit::replacement(6..13, "foo-bar")]);
    let part = Fix::safe("lower", vec![Edit::replacement(6..9, "foo")]);
    // Fixes are taken in the order of their edits: the shorter one at the same start first.
    let first = apply(text, &[&whole, &part]);
    assert_eq!(first.text, "name: foo Bar\n");
    assert_eq!((first.applied, first.deferred), (1, 1));
    // The caller checks again; the other finding is gone or proposes a new edit.
    let second = apply(&first.text, &[]);
    assert_eq!(second.text, first.text);
    assert_eq!(second.applied, 0);
}

#[test]
fn the_plan_is_the_edits_apply_makes() {
    let text = "name: Foo Bar\ntags: [PHP]\n";
    let whole = Fix::unsafe_("rename", vec![Edit::replacement(6..13, "foo-bar")]);
    let part = Fix::safe("lower", vec![Edit::replacement(6..9, "foo")]);
    let php = scalar(text, "PHP", "php").resolve(text).unwrap();
    let plan = plan(text, &[&php, &whole, &part]);
    let ranges: Vec<_> = plan.edits.iter().map(|edit| edit.range.clone()).collect();
    assert_eq!(ranges, [6..9, 21..24]);
    assert_eq!((plan.applied, plan.deferred), (2, 1));
    assert_eq!(
        apply(text, &[&php, &whole, &part]).text,
        "name: foo Bar\ntags: [php]\n"
    );
}

#[test]
fn passes_until_nothing_changes() {
    // A checker that reports each uppercase letter of the value with a fix that rewrites the
    // whole value: the fixes overlap, so each pass applies one and the next check finds the rest.
    let check = |text: &str| -> Vec<Fix> {
        let value = 3..text.len() - 1;
        text[value.clone()]
            .char_indices()
            .filter(|(_, c)| c.is_ascii_uppercase())
            .map(|(at, c)| {
                let mut fixed = text[value.clone()].to_owned();
                fixed.replace_range(at..=at, &c.to_ascii_lowercase().to_string());
                Fix::safe("", vec![Edit::replacement(value.clone(), fixed)])
            })
            .collect()
    };
    let mut text = String::from("a: XYZ\n");
    let mut passes = 0;
    while passes < 10 {
        let fixes = check(&text);
        let applied = apply(&text, &fixes.iter().collect::<Vec<_>>());
        passes += 1;
        if applied.text == text {
            break;
        }
        assert_eq!((applied.applied, applied.deferred), (1, fixes.len() - 1));
        text = applied.text;
    }
    assert_eq!(text, "a: xyz\n");
    assert_eq!(passes, 4);
}

#[test]
fn line_endings_comments_and_order_are_kept() {
    let text =
        "metadata:\r\n  name: x # the name\r\n  tags:\r\n    - PHP  # lang\r\n    - \"Go\"\r\n";
    let php = scalar(text, "PHP", "php").resolve(text).unwrap();
    let go = quoted(text, "\"Go\"", "Go", "go").unwrap();
    let applied = apply(text, &[&php, &go]);
    assert_eq!(
        applied.text,
        "metadata:\r\n  name: x # the name\r\n  tags:\r\n    - php  # lang\r\n    - \"go\"\r\n"
    );
}

#[test]
fn quoting_style_is_kept_and_unliteral_scalars_get_no_fix() {
    let text = "a: 'Web'\nb: \"P\\x48P\"\nc: Web\n";
    let single = quoted(text, "'Web'", "Web", "web").unwrap();
    assert_eq!(single.edits[0].range, 4..7);
    assert_eq!(quoted(text, "\"P\\x48P\"", "PHP", "php"), None);
    // The plain scalar is not what the rule read: no fix.
    assert_eq!(quoted(text, "c: Web", "Web", "web"), None);
    // A plain value that would be read as a number or a boolean needs quotes: no fix.
    let c = text.rfind("Web").unwrap();
    for new in ["3000", "true", "1.10", "no", "-x", "a b", "a: b"] {
        let fix = Fix::safe("", vec![Edit::scalar(c..c + 3, "Web", new)]);
        assert_eq!(fix.resolve(text), None, "{new}");
    }
    let fix = Fix::safe("", vec![Edit::scalar(c..c + 3, "Web", "component:web")]);
    assert!(fix.resolve(text).is_some());
}

#[test]
fn edits_outside_the_text_or_splitting_a_character_are_refused() {
    let text = "a: é\n";
    let outside = Fix::safe("", vec![Edit::replacement(3..40, "x")]);
    assert_eq!(outside.resolve(text), None);
    let split = Fix::safe("", vec![Edit::replacement(4..5, "x")]);
    assert_eq!(split.resolve(text), None);
    let applied = apply(text, &[&outside, &split]);
    assert_eq!(applied.text, text);
    assert_eq!(applied.applied, 0);
}

#[test]
fn the_same_fix_twice_is_applied_once_and_self_overlap_is_refused() {
    let text = "a: B\n";
    let fix = Fix::safe("", vec![Edit::replacement(3..4, "b")]);
    let applied = apply(text, &[&fix, &fix.clone()]);
    assert_eq!(applied.text, "a: b\n");
    assert_eq!((applied.applied, applied.deferred), (1, 0));
    let crossing = Fix::safe(
        "",
        vec![Edit::replacement(0..3, "x"), Edit::replacement(2..4, "y")],
    );
    assert_eq!(crossing.resolve(text), None);
}

#[test]
fn a_plain_scalar_is_quoted_only_as_it_is_written() {
    let text = "name: 3000 # id\nversion: 1.10\n";
    let quote = |raw: &str, value: &str| {
        let start = text.find(raw).unwrap();
        Fix::safe("", vec![Edit::quote(start..start + raw.len(), value)]).resolve(text)
    };
    let fix = quote("3000", "3000").unwrap();
    assert_eq!(
        apply(text, &[&fix]).text,
        "name: \"3000\" # id\nversion: 1.10\n"
    );
    // JavaScript reads 1.10 as 1.1: which string was meant is not certain.
    assert_eq!(quote("1.10", "1.1"), None);
}
