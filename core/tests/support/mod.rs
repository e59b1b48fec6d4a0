//! Shared test support: proptest strategies and the large benchmark fixture.

pub mod arbitrary;
pub mod fixture;
