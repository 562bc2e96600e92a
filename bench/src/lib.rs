//! Shared helpers for the side-by-side benchmarks in `src/bin`.
