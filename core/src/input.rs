//! Reading inputs: the decisions and messages about file contents that every frontend shares,
//! so that a file that cannot be read is reported the same way everywhere.

/// Whether a file's bytes start with a UTF-16 byte order mark (such a file found while
/// walking a directory is reported, not skipped).
pub fn has_utf16_bom(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])
}

/// The `IO002` message for a file that is not UTF-8; `valid_up_to` is the offset of the first
/// invalid byte.
pub fn encoding_message(path: &str, bytes: &[u8], valid_up_to: usize) -> String {
    if has_utf16_bom(bytes) {
        format!(
            "{path} is UTF-16 encoded (it starts with a UTF-16 byte order mark); save it as UTF-8"
        )
    } else {
        format!("{path} is not valid UTF-8: invalid byte sequence at byte offset {valid_up_to}")
    }
}

/// A file's bytes as text, or the `IO002` message; `None` when a file found while walking
/// (`explicit` false) is not UTF-8 and has no UTF-16 byte order mark: it is skipped.
pub fn decode(path: &str, bytes: Vec<u8>, explicit: bool) -> Option<Result<String, String>> {
    match String::from_utf8(bytes) {
        Ok(text) => Some(Ok(text)),
        Err(error) => {
            if !explicit && !has_utf16_bom(error.as_bytes()) {
                return None;
            }
            Some(Err(encoding_message(
                path,
                error.as_bytes(),
                error.utf8_error().valid_up_to(),
            )))
        }
    }
}

/// The byte offset of the first NUL character: no YAML text has one (not even quoted), binary
/// files and process files such as `/proc/self/environ` do.
pub fn nul_offset(text: &str) -> Option<usize> {
    text.as_bytes().iter().position(|&byte| byte == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_or_explains() {
        assert_eq!(decode("a", b"x".to_vec(), false), Some(Ok("x".to_owned())));
        assert_eq!(decode("a", vec![b'x', 0xE9], false), None);
        assert_eq!(
            decode("a", vec![b'x', 0xE9], true),
            Some(Err(
                "a is not valid UTF-8: invalid byte sequence at byte offset 1".to_owned()
            ))
        );
        assert!(
            decode("a", vec![0xFF, 0xFE, b'x', 0], false)
                .is_some_and(|result| result.is_err_and(|message| message.contains("UTF-16")))
        );
    }
}
