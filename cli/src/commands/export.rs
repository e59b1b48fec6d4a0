//! `genova-sessions export-snapshot`: the database as snapshot JSON (SPEC §2), read a batch of
//! classes at a time by the same statements `migrate` uses, so that `plan --input` on the file
//! reproduces any run offline.

use std::collections::BTreeMap;
use std::io::Write;

use crate::cli::ExportArgs;
use crate::db::read::{Row, Sessions};
use crate::db::Db;
use crate::exit::{Done, Failure};
use crate::run::BATCH_SIZE;

use super::database::runtime;

/// Writes `{"classes":[…],…}` and one newline.
pub fn run(args: &ExportArgs) -> Result<Done, Failure> {
    let text = runtime()?.block_on(async {
        let mut db = Db::connect(
            &args.database.url,
            std::time::Duration::from_secs(30),
            false,
        )
        .await
        .map_err(Failure::from)?;
        let result = export(&mut db).await;
        db.close().await;
        result.map_err(|e| Failure::Runtime(e.message))
    })?;
    match &args.out {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| Failure::Runtime(format!("cannot write {}: {e}", path.display())))?,
        None => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
        }
    }
    Ok(Done::Ok)
}

async fn export(db: &mut Db) -> Result<String, crate::db::DbError> {
    db.begin_read_only().await?;
    let ids = db.class_ids().await?;
    let mut lists: [Vec<Row>; 5] = Default::default();
    // A tutor can be named in several batches: keep one row per tutor.
    let mut tutors: BTreeMap<String, Row> = BTreeMap::new();
    for batch in ids.chunks(BATCH_SIZE) {
        let rows = db.read_batch(batch, Sessions::All).await?;
        lists[0].extend(rows.classes);
        lists[1].extend(rows.slots);
        lists[2].extend(rows.cancellations);
        lists[3].extend(rows.assignments);
        lists[4].extend(rows.sessions);
        for t in rows.tutors {
            tutors.entry(t.key.clone()).or_insert(t);
        }
    }
    db.rollback().await;
    let [classes, slots, cancellations, assignments, sessions] = lists;
    let all = crate::db::read::BatchRows {
        classes,
        slots,
        cancellations,
        assignments,
        tutors: tutors.into_values().collect(),
        sessions,
    };
    let mut text = all.snapshot_text();
    text.push('\n');
    Ok(text)
}
