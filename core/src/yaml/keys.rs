//! Duplicate keys as the `yaml` package finds them: equal scalars, through a hash index once a
//! mapping is large.

use std::collections::HashMap;

use super::node::{Entry, Node, Value};

/// The first entry whose key equals `key`, through the hash index once the mapping is large
/// (built when it gets there).
pub(super) fn first_equal_key(
    entries: &[Entry],
    index: &mut Option<HashMap<u64, usize>>,
    key: &Node,
) -> Option<usize> {
    if index.is_none() && entries.len() >= super::builder::INDEXED_ENTRIES {
        let mut built = HashMap::new();
        for (at, entry) in entries.iter().enumerate() {
            if let Some(hash) = key_hash(&entry.key) {
                built.entry(hash).or_insert(at);
            }
        }
        *index = Some(built);
    }
    let Some(index) = index else {
        return entries.iter().position(|entry| same_key(&entry.key, key));
    };
    // Equal keys hash alike: the first entry of the hash is the first candidate.
    let from = *index.get(&key_hash(key)?)?;
    (from..entries.len()).find(|&at| same_key(&entries[at].key, key))
}

/// A hash that equal keys share; `None` for keys equal to no other (NaN, collections).
pub(super) fn key_hash(key: &Node) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    match &key.value {
        Value::String(text) => (0u8, text).hash(&mut hasher),
        Value::Number(number) if number.is_nan() => return None,
        // 0 and -0 are equal.
        Value::Number(number) => (1u8, (number + 0.0).to_bits()).hash(&mut hasher),
        Value::Bool(value) => (2u8, value).hash(&mut hasher),
        Value::Null => 3u8.hash(&mut hasher),
        Value::Sequence(_) | Value::Mapping(_) => return None,
    }
    Some(hasher.finish())
}

/// Key equality as the `yaml` package's `uniqueKeys` check: scalars by strict value equality.
fn same_key(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::String(a), Value::String(b)) => a == b,
        #[allow(clippy::float_cmp)]
        (Value::Number(a), Value::Number(b)) => a == b,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Null, Value::Null) => true,
        _ => false,
    }
}
