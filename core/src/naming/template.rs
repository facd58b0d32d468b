//! A naming template: literal text, `{part}` placeholders and `[...]` optional groups, parsed
//! into segments, and what can be read from them (part names, the number of parts, a name
//! rendered from its parts).

use super::Parts;

/// A piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Segment {
    Literal(String),
    Part(String),
    Optional(Vec<Segment>),
}

/// Escape regular-expression syntax so that the pattern means the same in Rust's `regex` and
/// in ECMA-262 with the `u` flag (which rejects needless escapes such as `\-`).
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub(super) fn is_identifier(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `{part}`, literal text and `[...]` optional groups (not nested).
pub(super) fn parse_template(template: &str) -> Result<Vec<Segment>, String> {
    let mut segments = Vec::new();
    let mut stack: Vec<Vec<Segment>> = Vec::new();
    let mut chars = template.chars().peekable();
    let mut literal = String::new();
    let flush = |literal: &mut String, into: &mut Vec<Segment>| {
        if !literal.is_empty() {
            into.push(Segment::Literal(std::mem::take(literal)));
        }
    };
    while let Some(c) = chars.next() {
        let current = stack.last_mut().unwrap_or(&mut segments);
        match c {
            '{' => {
                flush(&mut literal, current);
                let name: String = chars.by_ref().take_while(|&c| c != '}').collect();
                if !is_identifier(&name) {
                    return Err(format!(
                        "invalid part placeholder {{{name}}} in template \"{template}\""
                    ));
                }
                current.push(Segment::Part(name));
            }
            '[' => {
                flush(&mut literal, current);
                if !stack.is_empty() {
                    return Err(format!(
                        "optional groups cannot nest in template \"{template}\""
                    ));
                }
                stack.push(Vec::new());
            }
            ']' => {
                flush(&mut literal, current);
                let group = stack
                    .pop()
                    .ok_or_else(|| format!("unbalanced `]` in template \"{template}\""))?;
                if part_names(&group).is_empty() {
                    // Nothing would tell whether the group is there: `[-]` in
                    // `{a}[-]-{b}` accepts `x-y` but renders `x--y`.
                    return Err(format!(
                        "optional group without a {{part}} in template \"{template}\""
                    ));
                }
                segments.push(Segment::Optional(group));
            }
            '}' => return Err(format!("unbalanced `}}` in template \"{template}\"")),
            _ => literal.push(c),
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed `[` in template \"{template}\""));
    }
    flush(&mut literal, &mut segments);
    if part_names(&segments).is_empty() {
        return Err(format!("template \"{template}\" has no {{part}}"));
    }
    Ok(segments)
}

pub(super) fn part_names(segments: &[Segment]) -> Vec<String> {
    let mut names = Vec::new();
    for segment in segments {
        match segment {
            Segment::Part(name) => names.push(name.clone()),
            Segment::Optional(inner) => names.extend(part_names(inner)),
            Segment::Literal(_) => {}
        }
    }
    names
}

pub(super) fn render_segments(segments: &[Segment], parts: &Parts) -> Option<String> {
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Literal(text) => out.push_str(text),
            Segment::Part(name) => out.push_str(parts.get(name)?),
            Segment::Optional(inner) => {
                if let Some(text) = render_segments(inner, parts) {
                    out.push_str(&text);
                }
            }
        }
    }
    Some(out)
}

/// The fewest and most parts a name can have (counting `-`-separated pieces of literals).
pub(super) fn count_parts(segments: &[Segment]) -> (usize, usize) {
    let mut min = 0;
    let mut max = 0;
    for segment in segments {
        match segment {
            Segment::Part(_) => {
                min += 1;
                max += 1;
            }
            Segment::Optional(inner) => max += count_parts(inner).1,
            Segment::Literal(_) => {}
        }
    }
    (min, max)
}
