//! The floor of the benchmarks (scripts/bench.sh): what reading the same files and parsing
//! them with the same parser costs, without building trees or checking anything.
//!
//! `cargo run --release --example parse_floor -- [--threads N] [--events-only] PATH...`
//!
//! Reads every `.yaml`/`.yml` file under the paths (as `kataster check` reads them: the whole
//! file, checked for UTF-8), splits each into its documents as kataster does, and feeds every
//! document to saphyr-parser, counting events. Large files and many files are spread over N
//! threads (default: the available cores, as kataster does). Prints the files, bytes,
//! documents and events, so that the work cannot be optimised away.

#![allow(clippy::print_stdout, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use kataster_core::yaml::document_chunks;
use saphyr_parser::Parser;

fn walk(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap()
            .flatten()
            .map(|entry| entry.path())
            .collect();
        entries.sort();
        for entry in entries {
            walk(&entry, files);
        }
    } else if path
        .extension()
        .is_some_and(|extension| extension == "yaml" || extension == "yml")
    {
        files.push(path.to_path_buf());
    }
}

/// Events of one document (the parser stops at the first error, as kataster's builder does).
fn parse(chunk: &str) -> usize {
    Parser::new_from_str(chunk)
        .take_while(Result::is_ok)
        .count()
}

/// Documents and events of a text, its documents spread over `threads`.
fn parse_text(text: &str, threads: usize) -> (usize, usize) {
    let chunks = document_chunks(text);
    if threads < 2 || text.len() < 256 * 1024 {
        let events = chunks.iter().map(|chunk| parse(&text[chunk.clone()])).sum();
        return (chunks.len(), events);
    }
    let per_thread = chunks.len().div_ceil(threads);
    let events = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .chunks(per_thread)
            .map(|group| {
                scope.spawn(move || {
                    group
                        .iter()
                        .map(|chunk| parse(&text[chunk.clone()]))
                        .sum::<usize>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().unwrap())
            .sum()
    });
    (chunks.len(), events)
}

fn main() {
    let mut threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--threads" {
            threads = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
        } else {
            paths.push(PathBuf::from(arg));
        }
    }
    let mut files = Vec::new();
    for path in &paths {
        walk(path, &mut files);
    }
    let read = |path: &PathBuf| String::from_utf8(std::fs::read(path).unwrap()).unwrap_or_default();
    let (bytes, documents, events) = if files.len() < 2 || threads < 2 {
        files
            .iter()
            .fold((0, 0, 0), |(bytes, documents, events), path| {
                let text = read(path);
                let (d, e) = parse_text(&text, threads);
                (bytes + text.len(), documents + d, events + e)
            })
    } else {
        // Many files: read and parse them on the threads, each taking a run of files.
        let per_thread = files.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = files
                .chunks(per_thread)
                .map(|group| {
                    scope.spawn(move || {
                        group
                            .iter()
                            .fold((0, 0, 0), |(bytes, documents, events), path| {
                                let text = read(path);
                                let (d, e) = parse_text(&text, 1);
                                (bytes + text.len(), documents + d, events + e)
                            })
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|handle| handle.join().unwrap())
                .fold((0, 0, 0), |(b, d, e), (b2, d2, e2)| {
                    (b + b2, d + d2, e + e2)
                })
        })
    };
    println!(
        "{} files, {bytes} bytes, {documents} documents, {events} events ({threads} threads)",
        files.len()
    );
}
