//! The span-carrying YAML tree, with values resolved as Backstage's parser (the `yaml`
//! npm package, YAML 1.2 core schema) resolves them into JSON.

use std::ops::Range;

/// A resolved YAML node and the byte range of its source.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Range<usize>,
}

/// A node's value, as JavaScript would see it after `document.toJSON()`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Sequence(Vec<Node>),
    Mapping(Vec<Entry>),
}

/// One key/value pair of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

/// The file-content resolvers of Backstage's placeholder processor (`$text: ./file`).
pub const PLACEHOLDER_RESOLVERS: [&str; 5] = ["text", "json", "yaml", "openapi", "asyncapi"];

/// A placeholder: a mapping whose single key is `$<resolver>` with a string value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placeholder<'a> {
    pub resolver: &'a str,
    pub target: &'a str,
    pub target_span: &'a Range<usize>,
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_mapping(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_sequence(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Sequence(items) => Some(items),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// The value under a key, as JavaScript's `obj[key]` finds it (the last equal key wins).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|entry| &entry.value)
    }

    /// The entry under a key (the last equal key wins).
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_mapping()?
            .iter()
            .rev()
            .find(|entry| entry.key.key_matches(key))
    }

    /// Whether this node, used as a mapping key, becomes the JavaScript property `key`.
    pub fn key_matches(&self, key: &str) -> bool {
        match &self.value {
            Value::String(text) => text == key,
            _ => self.js_key() == key,
        }
    }

    /// The JavaScript property name this node becomes when used as a mapping key.
    pub fn js_key(&self) -> String {
        match &self.value {
            Value::Null => String::new(),
            Value::Bool(value) => value.to_string(),
            Value::Number(number) => js_number_to_string(*number),
            Value::String(text) => text.clone(),
            Value::Sequence(_) | Value::Mapping(_) => "[object Object]".to_owned(),
        }
    }

    /// Whether this node is a placeholder or holds one somewhere below it.
    pub fn has_placeholder(&self) -> bool {
        self.placeholder().is_some()
            || match &self.value {
                Value::Mapping(entries) => {
                    entries.iter().any(|entry| entry.value.has_placeholder())
                }
                Value::Sequence(items) => items.iter().any(Node::has_placeholder),
                _ => false,
            }
    }

    /// The placeholder this mapping stands for, if it is one that Backstage would resolve.
    pub fn placeholder(&self) -> Option<Placeholder<'_>> {
        let [entry] = self.as_mapping()? else {
            return None;
        };
        let resolver = entry.key.as_str()?.strip_prefix('$')?;
        if !PLACEHOLDER_RESOLVERS.contains(&resolver) {
            return None;
        }
        let target = entry.value.as_str()?;
        Some(Placeholder {
            resolver,
            target,
            target_span: &entry.value.span,
        })
    }

    /// The JSON type name of the value (`string`, `number`, `object`, `array`, ...).
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Sequence(_) => "array",
            Value::Mapping(_) => "object",
        }
    }

    /// A short rendering of the value for messages.
    pub fn display(&self) -> String {
        match &self.value {
            Value::String(text) => {
                let shown: String = text.chars().take(80).collect();
                if shown.len() < text.len() {
                    format!("\"{shown}...\"")
                } else {
                    format!("\"{shown}\"")
                }
            }
            Value::Null => "null".to_owned(),
            Value::Bool(value) => value.to_string(),
            Value::Number(number) => js_number_to_string(*number),
            Value::Sequence(_) => "an array".to_owned(),
            Value::Mapping(_) => "an object".to_owned(),
        }
    }

    /// The JSON value JavaScript would see (`document.toJSON()`).
    pub fn to_json(&self) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(value) => serde_json::Value::Bool(*value),
            #[allow(clippy::cast_possible_truncation, clippy::float_cmp)]
            Value::Number(number) if number.fract() == 0.0 && number.abs() < 9e15 => {
                serde_json::Value::from(*number as i64)
            }
            Value::Number(number) => serde_json::Number::from_f64(*number)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Value::String(text) => serde_json::Value::String(text.clone()),
            Value::Sequence(items) => {
                serde_json::Value::Array(items.iter().map(Self::to_json).collect())
            }
            Value::Mapping(entries) => serde_json::Value::Object(
                entries
                    .iter()
                    .map(|entry| (entry.key.js_key(), entry.value.to_json()))
                    .collect(),
            ),
        }
    }

    /// Resolve an RFC 6901 JSON pointer against this node.
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut node = self;
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = token.replace("~1", "/").replace("~0", "~");
            node = match &node.value {
                Value::Mapping(_) => node.get(&token)?,
                Value::Sequence(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }
}

/// A JSON pointer built only when needed: a chain of tokens that lives on the stack.
#[derive(Debug, Clone, Copy)]
pub enum Trail<'a> {
    /// A rendered pointer to start from (`""` is the document root).
    Root(&'a str),
    Key(&'a Trail<'a>, &'a str),
    Index(&'a Trail<'a>, usize),
}

impl Trail<'_> {
    /// The RFC 6901 pointer.
    pub fn render(&self) -> String {
        match self {
            Trail::Root(pointer) => (*pointer).to_owned(),
            Trail::Key(parent, key) => format!("{}/{}", parent.render(), escape_pointer_token(key)),
            Trail::Index(parent, index) => format!("{}/{index}", parent.render()),
        }
    }
}

/// Escape one reference token of a JSON pointer (RFC 6901).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// JavaScript's `String(number)`.
pub fn js_number_to_string(number: f64) -> String {
    if number.is_nan() {
        return "NaN".to_owned();
    }
    if number.is_infinite() {
        return if number > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .to_owned();
    }
    if number == 0.0 {
        return "0".to_owned();
    }
    let magnitude = number.abs();
    if (1e-6..1e21).contains(&magnitude) {
        return format!("{number}");
    }
    let formatted = format!("{number:e}");
    match formatted.split_once('e') {
        Some((mantissa, exponent)) if !exponent.starts_with('-') => {
            format!("{mantissa}e+{exponent}")
        }
        Some((mantissa, exponent)) => format!("{mantissa}e{exponent}"),
        None => formatted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_javascript_does() {
        assert_eq!(js_number_to_string(1000.0), "1000");
        assert_eq!(js_number_to_string(0.5), "0.5");
        assert_eq!(js_number_to_string(1e21), "1e+21");
        assert_eq!(js_number_to_string(1.5e-7), "1.5e-7");
        assert_eq!(js_number_to_string(-3.0), "-3");
    }
}
