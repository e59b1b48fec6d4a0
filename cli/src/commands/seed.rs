//! `genova-sessions seed`: loads a snapshot file into the platform's tables — how tests and
//! the benchmark build a database, and how a staging copy is made from an exported snapshot.

use std::time::Duration;

use crate::cli::SeedArgs;
#[cfg(feature = "sqlite")]
use crate::db::Backend;
use crate::db::Db;
use crate::exit::{Done, Failure};
use crate::input;

use super::database::runtime;

/// Loads `--input` into `--database-url` (creating the SQLite tables when missing).
pub fn run(args: &SeedArgs) -> Result<Done, Failure> {
    let input = input::read(&args.input)?;
    let rated = input.snapshot["classes"].as_array().map_or(0, |classes| {
        classes
            .iter()
            .filter(|c| !c["defaultHourlyRate"].is_null())
            .count()
    });
    if rated > 0 {
        eprintln!(
            "warning: {rated} class(es) have a defaultHourlyRate: the platform's tables have no \
             column for it, so it is not stored (read back, unassigned sessions cost 0.00)"
        );
    }
    runtime()?.block_on(async {
        let mut db = Db::connect(&args.database.url, Duration::from_secs(30), true)
            .await
            .map_err(Failure::from)?;
        #[cfg(feature = "sqlite")]
        if db.backend() == Backend::Sqlite {
            db.create_sqlite_tables()
                .await
                .map_err(|e| Failure::Runtime(e.message))?;
        }
        let loaded = db.load_snapshot(&input.snapshot).await;
        db.close().await;
        let loaded = loaded.map_err(|e| Failure::Runtime(e.message))?;
        for (table, n) in loaded.rows {
            eprintln!("{table}: {n} rows");
        }
        Ok(Done::Ok)
    })
}
