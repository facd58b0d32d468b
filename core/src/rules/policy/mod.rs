//! `POL0xx`: the policy file itself. A policy with problems cannot be applied as written, so
//! these count as failures to check (exit code 2).

pub mod invalid_policy_value;
pub mod policy_schema_error;
