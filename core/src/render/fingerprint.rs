//! Fingerprints: what identifies a finding across runs, whatever else changes in its file.
//!
//! A finding's identity hashes its file's path (as the report names it for the CI system),
//! the rule's code, the entity (`component:default/name`), the JSON pointer of the node and
//! the message (which quotes the offending value), but not its line or column: adding or
//! moving other lines of the file keeps it. Identical findings in one file are told apart by
//! their rank among them, in report order. GitLab Code Quality's `fingerprint` and SARIF's
//! `partialFingerprints["kataster/v1"]` are this hash over the path each format reports.

use std::collections::HashMap;

use super::{Input, entity_ref};

/// One fingerprint per diagnostic of the report, in order, for the paths the format reports
/// (`paths[i]` for diagnostic `i`).
pub fn fingerprints(input: Input<'_>, paths: &[String]) -> Vec<u128> {
    let mut seen: HashMap<u128, usize> = HashMap::new();
    input
        .report
        .diagnostics
        .iter()
        .zip(&input.json.diagnostics)
        .zip(paths)
        .map(|((diagnostic, d), path)| {
            let entity = d
                .document
                .and_then(|document| {
                    entity_ref(&input.files[diagnostic.file], diagnostic.file, document)
                })
                .unwrap_or_default();
            let identity = fnv1a128(&[path, d.code, &entity, &d.pointer, &d.message]);
            let rank = seen.entry(identity).or_insert(0);
            *rank += 1;
            fnv1a128(&[&identity.to_string(), &rank.to_string()])
        })
        .collect()
}

/// 128-bit FNV-1a over the parts, each followed by a NUL: stable across runs, platforms and
/// versions (unlike `std`'s hasher).
pub fn fnv1a128(parts: &[&str]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u128::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_reference_values() {
        // FNV-1a of no input is the offset basis; parts are separated.
        assert_eq!(fnv1a128(&[]), 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d);
        assert_ne!(fnv1a128(&["a", "b"]), fnv1a128(&["ab"]));
        assert_ne!(fnv1a128(&["a", ""]), fnv1a128(&["", "a"]));
    }
}
