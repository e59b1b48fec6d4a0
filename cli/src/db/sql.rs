//! Every statement the CLI runs, per backend. All are constant texts; values are bound.
//!
//! Reads return rows of `(key, reference, json)`: `key` is the class a row belongs to (the
//! tutor for tutor rows), `reference` the tutor an assignment names, and `json` the row as
//! the snapshot JSON of SPEC §2, built by the database itself, so that `migrate` and
//! `export-snapshot` hand the core exactly the same text.
//!
//! Parameters (except `tutor_sessions`): `$1`/`?1` the batch's class ids (a `text[]` on PostgreSQL, a JSON array on
//! SQLite); `$2`/`?2` and `$3`/`?3` the bounds of the sessions read (RFC 3339 UTC text).

/// The session columns (PostgreSQL), shared by the two session reads: plain columns, the
/// instants as milliseconds since 1970 (`date_part`'s float8, exact for `TIMESTAMP(3)`); the
/// snapshot JSON is built by `read::session_json`. (`json_build_object` with `to_char` cost
/// about 9 µs a row here, most of a re-run's reading.)
#[cfg(feature = "postgres")]
macro_rules! pg_sessions {
    () => {
        r#"
SELECT t."classId", t.id, t."tutorId", t.subject,
  (date_part('epoch', t."scheduledStart") * 1000)::bigint,
  (date_part('epoch', t."scheduledEnd") * 1000)::bigint,
  t.status::text, t.price::text, t."cancellationReason"
FROM tutoring_sessions t
"#
    };
}

/// The session columns as snapshot JSON (SQLite), shared by the two session reads.
#[cfg(feature = "sqlite")]
macro_rules! sqlite_sessions {
    () => {
        r#"
SELECT t."classId", '', json_object(
  'id', t.id, 'classId', t."classId", 'tutorId', t."tutorId", 'subject', t.subject,
  'scheduledStart', t."scheduledStart", 'scheduledEnd', t."scheduledEnd",
  'status', t.status, 'price', t.price, 'cancellationReason', t."cancellationReason")
FROM tutoring_sessions t
"#
    };
}

/// The statements of one backend.
pub struct Statements {
    /// Every class id, in code-point order.
    pub class_ids: &'static str,
    /// The batch's classes, with timezone (creator → country) and active member count.
    pub classes: &'static str,
    /// The batch's slots with their subject names.
    pub slots: &'static str,
    /// The cancellations of the batch's slots.
    pub cancellations: &'static str,
    /// The batch's tutor assignments.
    pub assignments: &'static str,
    /// Tutors the batch's assignments name, with rate and availability.
    pub tutors: &'static str,
    /// Sessions of the batch's classes that can overlap the window (PostgreSQL: plain
    /// columns, see `pg_sessions!`; SQLite: `(key, reference, json)` like the others).
    pub sessions_near: &'static str,
    /// Non-cancelled sessions with a tutor, any class, that can overlap the window: id, tutor,
    /// start, end (milliseconds since 1970 on PostgreSQL, text on SQLite), status (`$1`/`$2`
    /// are the bounds).
    pub tutor_sessions: &'static str,
    /// Every session of the batch's classes (export).
    pub sessions_all: &'static str,
    /// Bulk insert of planned sessions.
    pub insert: &'static str,
    /// Bulk cancellation of sessions still `PENDING`/`CONFIRMED`.
    pub cancel: &'static str,
    /// One legacy row moved to its occurrence's instants (SPEC §3.9), guarded by its stored
    /// start, end and status: `(id, new start, new end, stored start, stored end)`.
    pub move_session: &'static str,
}

/// PostgreSQL: `$1::text[]` ids, `UNNEST` bulk writes, enum casts, `DECIMAL(10,2)`.
#[cfg(feature = "postgres")]
pub const POSTGRES: Statements = Statements {
    class_ids: r#"SELECT id FROM classes ORDER BY id COLLATE "C""#,
    classes: r#"
SELECT c.id, ''::text, json_build_object(
  'id', c.id, 'name', c.name, 'isActive', c."isActive", 'timezone', co.timezone,
  'memberCount', (SELECT count(*) FROM class_members m WHERE m."classId" = c.id AND m."isActive"),
  'defaultHourlyRate', NULL)::text
FROM classes c
LEFT JOIN users u ON u.id = c."createdBy"
LEFT JOIN countries co ON co.code = u."countryCode"
WHERE c.id = ANY($1::text[])
ORDER BY c.id COLLATE "C""#,
    slots: r#"
SELECT s."classId", ''::text, json_build_object(
  'id', s.id, 'classId', s."classId", 'subject', COALESCE(lsub.name, ssub.name, 'Unknown'),
  'dayOfWeek', s."dayOfWeek", 'startTime', s."startTime", 'endTime', s."endTime",
  'isActive', s."isActive",
  'createdAt', to_char(s."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
FROM class_time_slots s
LEFT JOIN level_subjects ls ON ls.id = s."levelSubjectId"
LEFT JOIN subjects lsub ON lsub.id = ls."subjectId"
LEFT JOIN stream_subjects st ON st.id = s."streamSubjectId"
LEFT JOIN subjects ssub ON ssub.id = st."subjectId"
WHERE s."classId" = ANY($1::text[])
ORDER BY s.id COLLATE "C""#,
    cancellations: r#"
SELECT s."classId", ''::text, json_build_object(
  'id', x.id, 'timeSlotId', x."timeSlotId",
  'weekStart', to_char(x."weekStart", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'reason', x.reason)::text
FROM class_slot_cancellations x
JOIN class_time_slots s ON s.id = x."timeSlotId"
WHERE s."classId" = ANY($1::text[])
ORDER BY x.id COLLATE "C""#,
    // Plain columns, the JSON built by `read::assignment_json` (as for the sessions).
    assignments: r#"
SELECT a."classId", a."tutorId", a.id, a."timeSlotId", a.subject,
  a."recurrencePattern"::text, a."recurrenceConfig"::text,
  (date_part('epoch', a."startDate") * 1000)::bigint,
  (date_part('epoch', a."endDate") * 1000)::bigint,
  a.status::text, a."isActive",
  (date_part('epoch', a."createdAt") * 1000)::bigint
FROM class_tutor_assignments a
WHERE a."classId" = ANY($1::text[])
ORDER BY a.id COLLATE "C""#,
    tutors: r#"
SELECT tp."userId", ''::text, json_build_object(
  'id', tp."userId", 'hourlyRate', tp."hourlyRate"::text,
  'availability', COALESCE((
    SELECT json_agg(json_build_object(
      'dayOfWeek', v."dayOfWeek",
      'specificDate', to_char(v."specificDate", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'startTime', v."startTime", 'endTime', v."endTime",
      'isRecurring', v."isRecurring", 'isActive', v."isActive") ORDER BY v.id COLLATE "C")
    FROM tutor_availability v WHERE v."tutorId" = tp."userId"), '[]'::json))::text
FROM tutor_profiles tp
WHERE tp."userId" IN (SELECT a."tutorId" FROM class_tutor_assignments a WHERE a."classId" = ANY($1::text[]))
ORDER BY tp."userId" COLLATE "C""#,
    sessions_near: concat!(
        pg_sessions!(),
        r#"WHERE t."classId" = ANY($1::text[])
  AND (t."scheduledEnd" >= ($2::timestamptz AT TIME ZONE 'UTC')
       OR t."scheduledStart" >= ($2::timestamptz AT TIME ZONE 'UTC'))
  AND t."scheduledStart" < ($3::timestamptz AT TIME ZONE 'UTC')
ORDER BY t.id COLLATE "C""#
    ),
    tutor_sessions: r#"
SELECT t.id, t."tutorId",
  (date_part('epoch', t."scheduledStart") * 1000)::bigint,
  (date_part('epoch', t."scheduledEnd") * 1000)::bigint, t.status::text
FROM tutoring_sessions t
WHERE t."tutorId" IS NOT NULL AND t.status <> 'CANCELLED'
  AND (t."scheduledEnd" >= ($1::timestamptz AT TIME ZONE 'UTC')
       OR t."scheduledStart" >= ($1::timestamptz AT TIME ZONE 'UTC'))
  AND t."scheduledStart" < ($2::timestamptz AT TIME ZONE 'UTC')"#,
    sessions_all: concat!(
        pg_sessions!(),
        r#"WHERE t."classId" = ANY($1::text[])
ORDER BY t.id COLLATE "C""#
    ),
    insert: r#"
INSERT INTO tutoring_sessions
  ("id", "classId", "tutorId", "scheduledStart", "scheduledEnd", "subject", "price", "status", "createdAt")
SELECT n.id, n.class_id, n.tutor_id,
       n.starts::timestamptz AT TIME ZONE 'UTC', n.ends::timestamptz AT TIME ZONE 'UTC',
       n.subject, n.price::numeric(10, 2), n.status::"SessionStatus",
       now() AT TIME ZONE 'UTC'
FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
  AS n(id, class_id, tutor_id, starts, ends, subject, price, status)"#,
    cancel: r#"
UPDATE tutoring_sessions t
SET status = 'CANCELLED', "cancellationReason" = c.reason
FROM UNNEST($1::text[], $2::text[]) AS c(id, reason)
WHERE t.id = c.id AND t.status IN ('PENDING', 'CONFIRMED')"#,
    move_session: r#"
UPDATE tutoring_sessions
SET "scheduledStart" = $2::timestamptz AT TIME ZONE 'UTC',
    "scheduledEnd" = $3::timestamptz AT TIME ZONE 'UTC'
WHERE id = $1
  AND "scheduledStart" = $4::timestamptz AT TIME ZONE 'UTC'
  AND "scheduledEnd" = $5::timestamptz AT TIME ZONE 'UTC'
  AND status IN ('PENDING', 'CONFIRMED')"#,
};

/// PostgreSQL: the planned sessions streamed in (text format; see `write::copy_rows`).
#[cfg(feature = "postgres")]
pub const POSTGRES_COPY: &str = r#"COPY tutoring_sessions
  ("id", "classId", "tutorId", "scheduledStart", "scheduledEnd", "subject", "price", "status", "createdAt")
FROM STDIN"#;

/// PostgreSQL: one transaction-level advisory lock per class of the batch, taken in the order
/// of `$1` — class id order, the batches' order — so that concurrent runs cannot deadlock even
/// while one holds a batch's locks and takes the next batch's (a run locks ever larger ids).
#[cfg(feature = "postgres")]
pub const POSTGRES_LOCK: &str = r#"
SELECT count(pg_advisory_xact_lock(hashtextextended('genova-sessions/class/' || u.id, 0)))
FROM (SELECT id FROM unnest($1::text[]) WITH ORDINALITY AS u(id, n) ORDER BY n) AS u"#;

/// SQLite (the demo's own copy of the tables, `sql/sqlite.sql`): ids as a JSON array,
/// instants stored as RFC 3339 UTC text, money as decimal text, booleans as 0/1.
#[cfg(feature = "sqlite")]
pub const SQLITE: Statements = Statements {
    class_ids: r#"SELECT id FROM classes ORDER BY id"#,
    classes: r#"
SELECT c.id, '', json_object(
  'id', c.id, 'name', c.name, 'isActive', json(CASE WHEN c."isActive" THEN 'true' ELSE 'false' END),
  'timezone', co.timezone,
  'memberCount', (SELECT count(*) FROM class_members m WHERE m."classId" = c.id AND m."isActive"),
  'defaultHourlyRate', NULL)
FROM classes c
LEFT JOIN users u ON u.id = c."createdBy"
LEFT JOIN countries co ON co.code = u."countryCode"
WHERE c.id IN (SELECT value FROM json_each(?1))
ORDER BY c.id"#,
    slots: r#"
SELECT s."classId", '', json_object(
  'id', s.id, 'classId', s."classId", 'subject', COALESCE(lsub.name, ssub.name, 'Unknown'),
  'dayOfWeek', s."dayOfWeek", 'startTime', s."startTime", 'endTime', s."endTime",
  'isActive', json(CASE WHEN s."isActive" THEN 'true' ELSE 'false' END),
  'createdAt', s."createdAt")
FROM class_time_slots s
LEFT JOIN level_subjects ls ON ls.id = s."levelSubjectId"
LEFT JOIN subjects lsub ON lsub.id = ls."subjectId"
LEFT JOIN stream_subjects st ON st.id = s."streamSubjectId"
LEFT JOIN subjects ssub ON ssub.id = st."subjectId"
WHERE s."classId" IN (SELECT value FROM json_each(?1))
ORDER BY s.id"#,
    cancellations: r#"
SELECT s."classId", '', json_object(
  'id', x.id, 'timeSlotId', x."timeSlotId", 'weekStart', x."weekStart", 'reason', x.reason)
FROM class_slot_cancellations x
JOIN class_time_slots s ON s.id = x."timeSlotId"
WHERE s."classId" IN (SELECT value FROM json_each(?1))
ORDER BY x.id"#,
    assignments: r#"
SELECT a."classId", a."tutorId", json_object(
  'id', a.id, 'classId', a."classId", 'timeSlotId', a."timeSlotId", 'subject', a.subject,
  'tutorId', a."tutorId", 'recurrencePattern', a."recurrencePattern",
  'recurrenceConfig', json(a."recurrenceConfig"),
  'startDate', a."startDate", 'endDate', a."endDate", 'status', a.status,
  'isActive', json(CASE WHEN a."isActive" THEN 'true' ELSE 'false' END),
  'createdAt', a."createdAt")
FROM class_tutor_assignments a
WHERE a."classId" IN (SELECT value FROM json_each(?1))
ORDER BY a.id"#,
    tutors: r#"
SELECT tp."userId", '', json_object(
  'id', tp."userId", 'hourlyRate', tp."hourlyRate",
  'availability', json((
    SELECT json_group_array(json(o.item)) FROM (
      SELECT json_object(
        'dayOfWeek', v."dayOfWeek", 'specificDate', v."specificDate",
        'startTime', v."startTime", 'endTime', v."endTime",
        'isRecurring', json(CASE WHEN v."isRecurring" THEN 'true' ELSE 'false' END),
        'isActive', json(CASE WHEN v."isActive" THEN 'true' ELSE 'false' END)) AS item
      FROM tutor_availability v WHERE v."tutorId" = tp."userId" ORDER BY v.id) AS o)))
FROM tutor_profiles tp
WHERE tp."userId" IN (SELECT a."tutorId" FROM class_tutor_assignments a
                      WHERE a."classId" IN (SELECT value FROM json_each(?1)))
ORDER BY tp."userId""#,
    sessions_near: concat!(
        sqlite_sessions!(),
        r#"WHERE t."classId" IN (SELECT value FROM json_each(?1))
  AND (t."scheduledEnd" >= ?2 OR t."scheduledStart" >= ?2)
  AND t."scheduledStart" < ?3
ORDER BY t.id"#
    ),
    tutor_sessions: r#"
SELECT t.id, t."tutorId", t."scheduledStart", t."scheduledEnd", t.status
FROM tutoring_sessions t
WHERE t."tutorId" IS NOT NULL AND t.status <> 'CANCELLED'
  AND (t."scheduledEnd" >= ?1 OR t."scheduledStart" >= ?1)
  AND t."scheduledStart" < ?2"#,
    sessions_all: concat!(
        sqlite_sessions!(),
        r#"WHERE t."classId" IN (SELECT value FROM json_each(?1))
ORDER BY t.id"#
    ),
    insert: r#"
INSERT INTO tutoring_sessions
  ("id", "classId", "tutorId", "scheduledStart", "scheduledEnd", "subject", "price", "status", "createdAt")
SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
       json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'),
       json_extract(value, '$[6]'), json_extract(value, '$[7]'),
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM json_each(?1)"#,
    cancel: r#"
UPDATE tutoring_sessions
SET status = 'CANCELLED',
    "cancellationReason" = (SELECT json_extract(value, '$[1]') FROM json_each(?1)
                            WHERE json_extract(value, '$[0]') = tutoring_sessions.id)
WHERE id IN (SELECT json_extract(value, '$[0]') FROM json_each(?1))
  AND status IN ('PENDING', 'CONFIRMED')"#,
    move_session: r#"
UPDATE tutoring_sessions
SET "scheduledStart" = ?2, "scheduledEnd" = ?3
WHERE id = ?1
  AND strftime('%Y-%m-%dT%H:%M:%fZ', "scheduledStart") = ?4
  AND strftime('%Y-%m-%dT%H:%M:%fZ', "scheduledEnd") = ?5
  AND status IN ('PENDING', 'CONFIRMED')"#,
};

/// The platform's PostgreSQL tables as its Prisma migrations create them (what `demo
/// --database-url postgres://…` creates in an empty database for a trial).
#[cfg(feature = "postgres")]
pub const POSTGRES_SCHEMA: &str = include_str!("../../../tests/sql/postgres.sql");

/// The SQLite tables (the demo's, and tests'): genova-schema.md's columns in SQLite types.
#[cfg(feature = "sqlite")]
pub const SQLITE_SCHEMA: &str = include_str!("../../sql/sqlite.sql");
