//! `KAT0xx`: kataster's own suppression comments (`# kataster: ignore[CODE]`).

pub mod unused_suppression;
