//! One run over the database: a batch of classes at a time, read (after the classes' locks
//! when writing), planned by the core, checked against the price column, written in one
//! transaction; the batches' plans joined at the end ([`merge`]).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use chrono::Duration as Span;
use genova_sessions_core::{
    merge, Error, ExistingSession, Options, Plan, Snapshot, WarningCode, Window,
};
use serde::Deserialize;
use tokio::task::JoinHandle;

use crate::audit::AuditLog;
use crate::db::read::{BatchRows, Sessions, STATEMENTS_PER_BATCH};
use crate::db::write::{Cancellation, NewSession, SessionMove};
use crate::db::{Db, DbError};
use crate::planfile::PlanFile;
use crate::progress::Progress;
use crate::reconcile::{reconcile, Reasons};
use crate::run_plan::{ClassError, ErrorCode, RunPlan};
use crate::shard::Shard;

/// At most this many classes are read, planned and written together.
pub const BATCH_SIZE: usize = 500;

/// What a run does with its plan.
pub enum Mode {
    /// Read in one `READ ONLY` transaction; write nothing.
    DryRun,
    /// Plan and write each batch.
    Write,
    /// Write exactly a saved plan, refusing classes whose rows changed since.
    Apply(Box<PlanFile>),
}

/// How to run.
pub struct Spec {
    /// Core options: `now` (truncated to milliseconds), `weeks`, `defaultTimezone`,
    /// `legacyTimezone`, read and checked once from the flags or the plan file.
    pub options: Options,
    /// Classes per batch.
    pub batch_size: usize,
    /// The classes this worker takes.
    pub shard: Shard,
    /// How long a batch waits for locks held by another run.
    pub lock_timeout: Duration,
    /// Dry run, write, or apply a plan file.
    pub mode: Mode,
    /// Also apply the cascades to still-scheduled future sessions, storing these sentences.
    pub reconcile: Option<Reasons>,
    /// Write the plan's `moves` (the old generator's rows, SPEC §3.9); otherwise they are
    /// only shown.
    pub move_legacy_rows: bool,
}

/// A class as the report shows it.
#[derive(Clone, Debug, Default)]
pub struct ClassInfo {
    /// `classes.name`.
    pub name: String,
    /// The class's zone, `None` when its creator's country is unknown.
    pub timezone: Option<String>,
}

/// What a run did (or, in a dry run, would do).
pub struct Outcome {
    /// The plan of every class read, with the CLI's errors (for `--apply`, the saved plan).
    pub plan: RunPlan,
    /// Each class's fingerprint (SHA-256 of the rows its plan came from); empty for a write
    /// run, which needs none.
    pub fingerprints: BTreeMap<String, String>,
    /// Names and zones, for the table.
    pub classes: BTreeMap<String, ClassInfo>,
    /// Cascade cancellations (with `--reconcile`).
    pub cancels: Vec<Cancellation>,
    /// Sessions inserted.
    pub written: u64,
    /// Sessions cancelled.
    pub cancelled: u64,
    /// Legacy rows moved.
    pub moved: u64,
    /// Whether the run writes (or, in a dry run, would write) the plan's `moves`.
    pub move_legacy_rows: bool,
    /// The subject of each slot a `moves` entry names, for the table.
    pub subjects: BTreeMap<String, String>,
    /// Statements run against the database.
    pub statements: usize,
}

/// A run stopped by the database or by a stale plan; batches committed before stay.
#[derive(Debug)]
pub struct Stopped {
    /// One line for stderr.
    pub message: String,
}

impl From<DbError> for Stopped {
    fn from(e: DbError) -> Self {
        Stopped { message: e.message }
    }
}

/// The window the options plan.
pub fn window_of(options: &Options) -> Window {
    Window::new(options.now, options.weeks)
}

/// RFC 3339 bounds of the sessions that can overlap an occurrence of `window` (an occurrence
/// starts in the window and lasts less than two days); with `reconcile`, every future one.
/// With `legacy`, also the old generator's rows of the window's first occurrences, stored up
/// to a day and a half earlier (offsets differ by at most 26 h, plus a gap).
fn session_bounds(window: Window, reconcile: bool, legacy: bool) -> (String, String) {
    let from = if legacy {
        window
            .start
            .checked_add(-Span::days(2))
            .unwrap_or(window.start)
    } else {
        window.start
    }
    .to_string();
    let until = if reconcile {
        "9999-12-31T23:59:59.999Z".to_owned()
    } else {
        window
            .end
            .checked_add(Span::days(2))
            .unwrap_or(window.end)
            .to_string()
    };
    (from, until)
}

/// Runs `spec` over the database; a second connection to the same database, when given,
/// lets a write run lock and read the next batch while this one is planned and written, and a
/// third (`tutors`, a write run's) reads the tutors' sessions meanwhile.
pub async fn run(
    db: &mut Db,
    second: Option<&mut Db>,
    tutors: Option<Db>,
    spec: &Spec,
    audit: &mut Option<AuditLog>,
    progress: &Progress,
) -> Result<Outcome, Stopped> {
    let window = window_of(&spec.options);
    let (from, until) = session_bounds(
        window,
        spec.reconcile.is_some(),
        spec.options.legacy_timezone.is_some(),
    );
    let sessions = Sessions::Near {
        from: &from,
        until: &until,
    };
    let mut statements = 0;
    if matches!(spec.mode, Mode::DryRun) {
        // Everything the dry run reads comes from one consistent, read-only snapshot.
        db.begin_read_only().await?;
        statements += 1;
    }
    let ids: Vec<String> = match &spec.mode {
        Mode::Apply(file) => file.fingerprints.keys().cloned().collect(),
        _ => {
            statements += 1;
            db.class_ids().await?
        }
    };
    let ids: Vec<String> = ids.into_iter().filter(|id| spec.shard.holds(id)).collect();
    // The tutors' sessions in every class, for R25 across batches: read once, before this run
    // writes anything (on a connection of their own while the batches go on, when given one).
    let mut tutor_sessions = Vec::new();
    let mut tutor_read = None;
    if !matches!(spec.mode, Mode::Apply(_)) {
        statements += 1;
        match tutors {
            Some(conn) if !ids.is_empty() => {
                tutor_read = Some(TutorRead::start(conn, &from, &until))
            }
            other => {
                if let Some(conn) = other {
                    conn.close().await;
                }
                tutor_sessions = db.tutor_sessions(&from, &until).await?;
            }
        }
    } else if let Some(conn) = tutors {
        conn.close().await;
    }
    let tutor_read = tutor_read.as_ref();
    progress.start(ids.len() as u64);
    let mut outcome = Outcome {
        plan: RunPlan::empty(window),
        fingerprints: BTreeMap::new(),
        classes: BTreeMap::new(),
        cancels: Vec::new(),
        written: 0,
        cancelled: 0,
        moved: 0,
        move_legacy_rows: match &spec.mode {
            Mode::Apply(file) => file.move_legacy_rows,
            _ => spec.move_legacy_rows,
        },
        subjects: BTreeMap::new(),
        statements: 0,
    };
    if let Mode::Apply(file) = &spec.mode {
        statements += check_fresh(db, &ids, file, spec.batch_size, sessions).await?;
    }
    let batches: Vec<&[String]> = ids.chunks(spec.batch_size.max(1)).collect();
    let planner = Arc::new(Planner {
        options: spec.options.clone(),
        window,
        plan: !matches!(spec.mode, Mode::Apply(_)),
        // Only a saved plan (`--out`) and `--apply` use fingerprints.
        fingerprints: !matches!(spec.mode, Mode::Write),
        reconcile: spec.reconcile.clone(),
    });
    let writes = !matches!(spec.mode, Mode::DryRun);
    // Batch k+1 is locked and read while batch k is planned and written: on a second
    // connection when writing (each batch its own transaction; batches are disjoint and
    // committed in order), on the same one in the dry run's single READ ONLY transaction.
    let mut conns: Vec<&mut Db> = std::iter::once(&mut *db).chain(second).collect();
    let mut plans = Vec::new();
    let mut errors = Vec::new();
    let mut committed = 0usize;
    let mut loaded = None;
    let mut failure = None;
    // Which connections have a transaction open (rolled back if the run stops).
    let mut open = vec![!writes; conns.len()];
    // With two connections, a batch read while the one before is still being written is
    // planned at once: writing (COPY) is then what takes longest, and planning stays off its
    // path. (When nothing is written, as in a re-run, a batch is planned while the next is read.)
    let plan_ahead = conns.len() == 2;
    if let Some(first) = batches.first() {
        open[0] = true;
        let ahead = plan_ahead.then_some(&planner);
        match first_stage(conns[0], spec, first, sessions, ahead).await {
            Ok(stage) => loaded = Some(stage),
            Err(e) => failure = Some(e),
        }
    }
    for k in 0..batches.len() {
        let Some(this) = loaded.take() else { break };
        let next = batches.get(k + 1).copied();
        let (now, after) = match conns.len() {
            2 => (k % 2, (k + 1) % 2),
            _ => (0, 0),
        };
        let mut attempted = next.is_some();
        let (settled, following) = match conns.as_mut_slice() {
            [one] if writes => {
                // One connection (SQLite): the next batch's transaction opens after this one's.
                let settled = settle(
                    Some(&mut **one),
                    spec,
                    batches[k],
                    this,
                    &planner,
                    tutor_read,
                )
                .await;
                attempted &= settled.is_ok();
                let following = match (&settled, next) {
                    (Ok(_), Some(batch)) => load(one, spec, batch, sessions)
                        .await
                        .map(|l| Some(Stage::Loaded(l))),
                    _ => Ok(None),
                };
                (settled, following)
            }
            [one] => {
                join2(
                    settle(None, spec, batches[k], this, &planner, tutor_read),
                    load_next(one, spec, next, sessions, None),
                )
                .await
            }
            [a, b] => {
                let (this_conn, next_conn) = if k % 2 == 0 { (a, b) } else { (b, a) };
                let written = Cell::new(false);
                join2(
                    async {
                        let settled = settle(
                            Some(&mut **this_conn),
                            spec,
                            batches[k],
                            this,
                            &planner,
                            tutor_read,
                        )
                        .await;
                        written.set(true);
                        settled
                    },
                    load_next(next_conn, spec, next, sessions, Some((&planner, &written))),
                )
                .await
            }
            _ => unreachable!("one or two connections"),
        };
        if writes {
            open[now] = settled.is_err();
            open[after] |= attempted;
        }
        match settled {
            Ok(done) => {
                statements += done.statements;
                committed += 1;
                progress.advance(batches[k].len() as u64);
                if let Err(e) = record(done, (&mut plans, &mut errors), &mut outcome, audit) {
                    failure = Some(e);
                }
            }
            Err(e) => failure = Some(e),
        }
        match following {
            Ok(l) => loaded = l,
            Err(e) => {
                failure.get_or_insert(e);
            }
        }
        if failure.is_some() {
            break;
        }
    }
    if let Some(e) = failure {
        // A batch read but not yet written, or the one that failed: rolled back.
        for (conn, open) in conns.iter_mut().zip(open) {
            if open {
                conn.rollback().await;
            }
        }
        progress.finish();
        let mut message = e.message;
        let mut committed = if writes { committed } else { 0 };
        // A failed read of the tutors' sessions is the run's first failure, as when it was
        // read before the batches: nothing was written before it (batches that write wait
        // for it before committing).
        if let Some(read) = tutor_read {
            if let Err(e) = read.wait().await {
                message = e.message;
                committed = 0;
            }
        }
        match (&spec.mode, committed) {
            (_, 0) | (Mode::DryRun, _) => {}
            (Mode::Apply(_), n) => message.push_str(&format!(
                " ({n} earlier batch(es) of {} classes of the plan were written)",
                spec.batch_size
            )),
            (Mode::Write, n) => message.push_str(&format!(
                " ({n} earlier batch(es) of {} classes were committed; a re-run \
                 completes the rest)",
                spec.batch_size
            )),
        }
        return Err(Stopped { message });
    }
    if matches!(spec.mode, Mode::DryRun) {
        db.end_read_only().await?;
        statements += 1;
    }
    progress.finish();
    if let Some(read) = tutor_read {
        tutor_sessions = read.take().await?;
    }
    outcome.plan = match &spec.mode {
        Mode::Apply(file) => file.plan.clone(),
        _ => RunPlan::new(merge(window, plans, &tutor_sessions), errors),
    };
    outcome.statements = statements;
    Ok(outcome)
}

/// What planning needs, owned so that it runs on a blocking thread.
struct Planner {
    options: Options,
    window: Window,
    /// Plan the rows (not for `--apply`, which writes the saved plan).
    plan: bool,
    /// Compute the classes' fingerprints (`--out`, `--apply`).
    fingerprints: bool,
    reconcile: Option<Reasons>,
}

/// A batch's rows, planned.
struct Planned {
    plan: Plan,
    /// The CLI's errors about the batch's classes (`plan` holds the core's).
    errors: Vec<ClassError>,
    fingerprints: BTreeMap<String, String>,
    classes: Vec<(String, ClassInfo)>,
    subjects: BTreeMap<String, String>,
    cancels: Vec<Cancellation>,
}

impl Planner {
    fn run(&self, rows: BatchRows) -> Planned {
        let fingerprints = if self.fingerprints {
            rows.fingerprints()
        } else {
            BTreeMap::new()
        };
        let classes = rows
            .classes
            .iter()
            .map(|c| (c.key.clone(), class_info(&c.json())))
            .collect();
        // The batch's snapshot, read once for its plan and its cascades.
        let snapshot = (self.plan || self.reconcile.is_some()).then(|| rows.snapshot());
        let (plan, errors) = match &snapshot {
            Some(batch) if self.plan => {
                let (mut plan, mut errors) = plan_rows(&rows, batch, &self.options, self.window);
                errors.extend(fit_price_column(&mut plan));
                (plan, errors)
            }
            _ => (Plan::empty(self.window), Vec::new()),
        };
        let cancels = match (&self.reconcile, &snapshot) {
            (Some(reasons), Some(batch)) => reconcile(batch, &self.options, reasons),
            _ => Vec::new(),
        };
        let subjects = if plan.moves.is_empty() {
            BTreeMap::new()
        } else {
            rows.slot_subjects(&plan.moves)
        };
        Planned {
            plan,
            errors,
            fingerprints,
            classes,
            subjects,
            cancels,
        }
    }
}

/// A batch whose transaction is open (locks taken when writing) and rows read.
struct Loaded {
    rows: BatchRows,
    statements: usize,
    read: Duration,
}

/// Opens the batch's transaction when writing (its classes locked first) and reads its rows.
async fn load(
    db: &mut Db,
    spec: &Spec,
    batch: &[String],
    sessions: Sessions<'_>,
) -> Result<Loaded, Stopped> {
    let mut statements = STATEMENTS_PER_BATCH;
    if !matches!(spec.mode, Mode::DryRun) {
        db.begin_write(batch, spec.lock_timeout).await?;
        statements += 3;
    }
    let clock = std::time::Instant::now();
    let rows = db.read_batch(batch, sessions).await?;
    Ok(Loaded {
        rows,
        statements,
        read: clock.elapsed(),
    })
}

/// [`load`] of the first batch, then [`prepare`] if `ahead` gives a planner.
async fn first_stage(
    db: &mut Db,
    spec: &Spec,
    batch: &[String],
    sessions: Sessions<'_>,
    ahead: Option<&Arc<Planner>>,
) -> Result<Stage, Stopped> {
    let loaded = load(db, spec, batch, sessions).await?;
    Ok(match ahead {
        Some(planner) => Stage::Prepared(Box::new(prepare(spec, batch, loaded, planner).await?)),
        None => Stage::Loaded(loaded),
    })
}

/// [`load`] of the next batch, if there is one, then [`prepare`] if `ahead` gives a planner
/// and the batch before is not yet written.
async fn load_next(
    db: &mut Db,
    spec: &Spec,
    batch: Option<&[String]>,
    sessions: Sessions<'_>,
    ahead: Option<(&Arc<Planner>, &Cell<bool>)>,
) -> Result<Option<Stage>, Stopped> {
    let Some(batch) = batch else { return Ok(None) };
    let loaded = load(db, spec, batch, sessions).await?;
    Ok(Some(match ahead {
        Some((planner, written)) if !written.get() => {
            Stage::Prepared(Box::new(prepare(spec, batch, loaded, planner).await?))
        }
        _ => Stage::Loaded(loaded),
    }))
}

/// The tutors' sessions (R25 across batches) read on a connection of their own while the
/// batches are read, planned and written; waited for before the run commits its first change,
/// so that they never hold the run's own sessions.
struct TutorRead {
    /// The read under way, giving its connection back.
    pending: RefCell<Option<JoinHandle<(Db, Read)>>>,
    read: RefCell<Option<Read>>,
}

/// What the tutors' read gave.
type Read = Result<Vec<ExistingSession>, DbError>;

impl TutorRead {
    fn start(mut conn: Db, from: &str, until: &str) -> TutorRead {
        let (from, until) = (from.to_owned(), until.to_owned());
        let pending = tokio::spawn(async move {
            let read = conn.tutor_sessions(&from, &until).await;
            (conn, read)
        });
        TutorRead {
            pending: RefCell::new(Some(pending)),
            read: RefCell::new(None),
        }
    }

    /// Waits for the read (once); its failure, if it failed.
    async fn wait(&self) -> Result<(), Stopped> {
        let pending = self.pending.borrow_mut().take();
        if let Some(pending) = pending {
            let (conn, read) = pending
                .await
                .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
            conn.close().await;
            *self.read.borrow_mut() = Some(read);
        }
        match &*self.read.borrow() {
            Some(Err(e)) => Err(Stopped {
                message: e.message.clone(),
            }),
            _ => Ok(()),
        }
    }

    /// The sessions read.
    async fn take(&self) -> Result<Vec<ExistingSession>, Stopped> {
        self.wait().await?;
        let read = self.read.borrow_mut().take();
        Ok(read.and_then(Result::ok).unwrap_or_default())
    }
}

/// A batch read, and perhaps already planned.
enum Stage {
    Loaded(Loaded),
    Prepared(Box<Prepared>),
}

/// A batch planned, with what is to be written of it, its transaction still open.
struct Prepared {
    planned: Planned,
    creates: Vec<NewSession>,
    moves: Vec<SessionMove>,
    statements: usize,
}

/// Plans a loaded batch (on a blocking thread, so that the other connection's work goes on)
/// and says what is to be written: the plan's sessions, or for `--apply` the saved plan's
/// (refused when the batch's rows changed since).
async fn prepare(
    spec: &Spec,
    batch: &[String],
    loaded: Loaded,
    planner: &Arc<Planner>,
) -> Result<Prepared, Stopped> {
    let Loaded {
        rows,
        statements,
        read,
    } = loaded;
    let clock = std::time::Instant::now();
    let sessions_read = rows.sessions.len();
    let planner = Arc::clone(planner);
    let planned = tokio::task::spawn_blocking(move || planner.run(rows))
        .await
        .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
    tracing::debug!(
        classes = batch.len(),
        sessions_read,
        read_ms = read.as_millis() as u64,
        plan_ms = clock.elapsed().as_millis() as u64,
        "batch planned"
    );
    let creates: Vec<NewSession> = match &spec.mode {
        Mode::Apply(file) => {
            let stale: Vec<&str> = batch
                .iter()
                .filter(|c| planned.fingerprints.get(*c) != file.fingerprints.get(*c))
                .map(String::as_str)
                .collect();
            if !stale.is_empty() {
                return Err(stale_plan(&stale, "for this batch"));
            }
            file.creates_of(batch)
        }
        Mode::Write => planned.plan.create.iter().map(NewSession::from).collect(),
        Mode::DryRun => Vec::new(),
    };
    let moves: Vec<SessionMove> = match &spec.mode {
        Mode::Apply(file) if file.move_legacy_rows => file.moves_of(batch),
        Mode::Write if spec.move_legacy_rows => {
            planned.plan.moves.iter().map(SessionMove::from).collect()
        }
        _ => Vec::new(),
    };
    Ok(Prepared {
        planned,
        creates,
        moves,
        statements,
    })
}

/// A batch planned and, when writing, committed.
struct Settled {
    planned: Planned,
    /// The ids given to `creates`, in order.
    ids: Vec<String>,
    creates: Vec<NewSession>,
    moves: Vec<SessionMove>,
    moved: u64,
    cancelled: u64,
    statements: usize,
}

/// Plans a batch if it is not yet ([`prepare`]) and, with `db`, writes it in its open
/// transaction and commits.
async fn settle(
    db: Option<&mut Db>,
    spec: &Spec,
    batch: &[String],
    stage: Stage,
    planner: &Arc<Planner>,
    tutors: Option<&TutorRead>,
) -> Result<Settled, Stopped> {
    let Prepared {
        planned,
        creates,
        moves,
        mut statements,
    } = match stage {
        Stage::Loaded(loaded) => prepare(spec, batch, loaded, planner).await?,
        Stage::Prepared(prepared) => *prepared,
    };
    let mut settled = Settled {
        planned,
        ids: Vec::new(),
        creates,
        moves,
        moved: 0,
        cancelled: 0,
        statements,
    };
    if let Some(db) = db {
        settled.ids = db.insert_sessions(&settled.creates).await?;
        settled.moved = db.move_sessions(&settled.moves).await?;
        settled.cancelled = db.cancel_sessions(&settled.planned.cancels).await?;
        // The tutors' sessions are read before this run's first change is committed.
        let changed = !settled.ids.is_empty() || settled.moved > 0 || settled.cancelled > 0;
        if let (true, Some(tutors)) = (changed, tutors) {
            tutors.wait().await?;
        }
        db.commit().await?;
        statements += usize::from(!settled.creates.is_empty())
            + settled.moves.len()
            + usize::from(!settled.planned.cancels.is_empty());
        settled.statements = statements;
    }
    Ok(settled)
}

/// Adds a settled batch to the run's outcome and its plan and errors to the run's (in batch
/// order), and the batch to the audit log.
fn record(
    done: Settled,
    (plans, errors): (&mut Vec<Plan>, &mut Vec<ClassError>),
    outcome: &mut Outcome,
    audit: &mut Option<AuditLog>,
) -> Result<(), Stopped> {
    outcome.written += done.ids.len() as u64;
    outcome.moved += done.moved;
    outcome.cancelled += done.cancelled;
    if let Some(log) = audit {
        log.created(&done.ids, &done.creates)
            .and_then(|()| log.moved(&done.moves))
            .and_then(|()| log.cancelled(&done.planned.cancels))
            .map_err(|e| Stopped {
                message: format!("writing the audit log: {e}"),
            })?;
    }
    let Planned {
        plan,
        errors: failed,
        fingerprints,
        classes,
        subjects,
        cancels,
    } = done.planned;
    outcome.classes.extend(classes);
    outcome.subjects.extend(subjects);
    outcome.fingerprints.extend(fingerprints);
    outcome.cancels.extend(cancels);
    plans.push(plan);
    errors.extend(failed);
    Ok(())
}

/// Polls two futures together on this thread; both run to completion.
async fn join2<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let mut a = std::pin::pin!(a);
    let mut b = std::pin::pin!(b);
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(|cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        match (ra.take(), rb.take()) {
            (Some(x), Some(y)) => Poll::Ready((x, y)),
            (x, y) => {
                (ra, rb) = (x, y);
                Poll::Pending
            }
        }
    })
    .await
}

/// `--apply`'s first pass: every class of the plan file still has the fingerprint it had, read
/// in one `READ ONLY` transaction; returns the statements run.
async fn check_fresh(
    db: &mut Db,
    ids: &[String],
    file: &PlanFile,
    batch_size: usize,
    sessions: Sessions<'_>,
) -> Result<usize, Stopped> {
    db.begin_read_only().await?;
    let mut stale = Vec::new();
    let mut applied = Vec::new();
    let mut statements = 2;
    for batch in ids.chunks(batch_size.max(1)) {
        let rows = match db.read_batch(batch, sessions).await {
            Ok(rows) => rows,
            Err(e) => {
                db.rollback().await;
                return Err(e.into());
            }
        };
        statements += STATEMENTS_PER_BATCH;
        let now = rows.fingerprints();
        for class in batch {
            if now.get(class) == file.fingerprints.get(class) {
                continue;
            }
            let creates = file.creates_of(std::slice::from_ref(class));
            if !creates.is_empty() && creates.iter().all(|c| rows.holds(c)) {
                applied.push(class.clone());
            } else {
                stale.push(class.clone());
            }
        }
    }
    db.end_read_only().await?;
    if stale.is_empty() && applied.is_empty() {
        return Ok(statements);
    }
    if stale.is_empty() {
        return Err(Stopped {
            message: format!(
                "the plan was already applied: the sessions it creates for {} exist; nothing \
                 was written",
                classes_phrase(&applied)
            ),
        });
    }
    Err(stale_plan(&stale, "for any class"))
}

/// `class c1` or `classes c1, c2`.
fn classes_phrase(classes: &[impl AsRef<str>]) -> String {
    let list: Vec<&str> = classes.iter().map(AsRef::as_ref).collect();
    match list.as_slice() {
        [one] => format!("class {one}"),
        many => format!("classes {}", many.join(", ")),
    }
}

/// A stale plan: which classes changed, and exactly what was not written (`scope`: "for any
/// class" before anything was written, "for this batch" when earlier batches were).
fn stale_plan(classes: &[impl AsRef<str>], scope: &str) -> Stopped {
    Stopped {
        message: format!(
            "plan is stale: {} changed since the plan was made; nothing was written {scope}; \
             make a new plan with migrate --dry-run --out FILE",
            classes_phrase(classes)
        ),
    }
}

/// Snapshot JSON text read as the core's snapshot, reporting the first problem in SPEC §5's
/// order (`INPUT_TOO_LARGE`, `INVALID_JSON`, `INVALID_FIELD`): straight into the typed rows
/// when the text has the regular shape (no `serde_json::Value` tree), else through
/// `Snapshot::from_value`, which says what is wrong — the same snapshot or error either way.
fn read_snapshot(text: &str) -> Result<Snapshot, Error> {
    Snapshot::from_json_str(text)
}

/// The plan of the batch's snapshot (`batch`, read from `rows`); when the rows are unreadable
/// input (SPEC §5), each class is read and planned alone so that only the class at fault fails,
/// with an `INVALID_INPUT` error.
fn plan_rows(
    rows: &BatchRows,
    batch: &Result<Snapshot, Error>,
    options: &Options,
    window: Window,
) -> (Plan, Vec<ClassError>) {
    let plan = |snapshot: &Snapshot| genova_sessions_core::plan(snapshot, options);
    if let Ok(Ok(whole)) = batch.as_ref().map(plan) {
        return (whole, Vec::new());
    }
    let mut errors = Vec::new();
    let parts: Vec<Plan> = rows
        .classes
        .iter()
        .filter_map(|c| {
            let class = read_snapshot(&rows.class_snapshot_text(&c.key));
            match class.and_then(|s| plan(&s)) {
                Ok(part) => Some(part),
                Err(e) => {
                    errors.push(ClassError {
                        code: ErrorCode::InvalidInput,
                        message: format!("class {}: {}: {e}", c.key, e.code()),
                        class_id: c.key.as_str().into(),
                        time_slot_id: None,
                    });
                    None
                }
            }
        })
        .collect();
    (merge(window, parts, &[]), errors)
}

/// The largest price `DECIMAL(10,2)` holds, in cents.
const MAX_CENTS: u128 = 9_999_999_999;

/// Whether a plan price (two decimals, SPEC R21) fits `DECIMAL(10,2)`.
pub fn fits_price_column(price: &str) -> bool {
    let digits: String = price
        .trim_start_matches('-')
        .chars()
        .filter(|c| *c != '.')
        .collect();
    digits.len() <= 12 && digits.parse::<u128>().is_ok_and(|cents| cents <= MAX_CENTS)
}

/// A class with a planned price the column cannot hold fails: its sessions are dropped from
/// `create`, and the `PRICE_OUT_OF_RANGE` errors returned name each slot at fault.
fn fit_price_column(plan: &mut Plan) -> Vec<ClassError> {
    let mut failed: BTreeMap<(String, String), String> = BTreeMap::new();
    for c in &plan.create {
        if !fits_price_column(&c.price) {
            failed
                .entry((c.class_id.to_string(), c.time_slot_id.to_string()))
                .or_insert_with(|| c.price.to_string());
        }
    }
    if failed.is_empty() {
        return Vec::new();
    }
    let failed_class = |class: &str| failed.keys().any(|(c, _)| c == class);
    plan.create.retain(|c| !failed_class(&c.class_id));
    plan.findings.retain(|f| !failed_class(&f.class_id));
    // The tutor checks' warnings were about the sessions dropped.
    plan.warnings.retain(|w| {
        !(failed_class(&w.class_id)
            && matches!(
                w.code,
                WarningCode::TutorDoubleBooked
                    | WarningCode::TutorUnavailable
                    | WarningCode::TutorNotFound
            ))
    });
    plan.finish();
    failed
        .into_iter()
        .map(|((class, slot), price)| ClassError {
            code: ErrorCode::PriceOutOfRange,
            message: format!(
                "slot {slot}: price {price} does not fit DECIMAL(10,2); nothing is written for class {class}"
            ),
            class_id: class.as_str().into(),
            time_slot_id: Some(slot.as_str().into()),
        })
        .collect()
}

/// What the report shows of a class row: its name and zone (absent or `null` when unknown).
#[derive(Default, Deserialize)]
struct ClassRow {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    timezone: Option<String>,
}

fn class_info(json: &str) -> ClassInfo {
    let row: ClassRow = serde_json::from_str(json).unwrap_or_default();
    ClassInfo {
        name: row.name.unwrap_or_default(),
        timezone: row.timezone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn price_column_bounds() {
        assert!(fits_price_column("0.00"));
        assert!(fits_price_column("99999999.99"));
        assert!(fits_price_column("-99999999.99"));
        assert!(!fits_price_column("100000000.00"));
        assert!(!fits_price_column("123456789012345678901234567890.00"));
    }
}
