//! One module per subcommand.

pub mod plan;

#[cfg(feature = "db")]
pub mod database;
#[cfg(feature = "sqlite")]
pub mod demo;
#[cfg(feature = "db")]
pub mod export;
#[cfg(feature = "db")]
pub mod maintain;
#[cfg(feature = "db")]
pub mod migrate;
#[cfg(feature = "db")]
pub mod seed;
