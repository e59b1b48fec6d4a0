//! Writing a snapshot (SPEC §2) into the platform's tables: the demo's sample, and the way tests
//! and benchmarks seed a database. The reverse of `export-snapshot`: what it loads, migrate
//! reads back as the same snapshot (creators, countries, subjects and members are made up to
//! carry each class's timezone, subject names and member count).
//!
//! One statement per table: the rows travel as one JSON array (`json_to_recordset` on
//! PostgreSQL, `json_each` on SQLite).

use std::collections::BTreeMap;

use genova_sessions_core::Instant;
use serde_json::{json, Value};

use super::{Backend, Db, DbError};

/// A column's type, for the cast each backend needs.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Int,
    Bool,
    Instant,
    Money,
    Json,
    Enum(&'static str),
}

use Kind::*;

/// The tables in foreign-key order, with the columns loaded.
const TABLES: &[(&str, &[(&str, Kind)])] = &[
    (
        "countries",
        &[("id", Text), ("code", Text), ("timezone", Text)],
    ),
    ("users", &[("id", Text), ("countryCode", Text)]),
    ("subjects", &[("id", Text), ("name", Text)]),
    ("level_subjects", &[("id", Text), ("subjectId", Text)]),
    (
        "classes",
        &[
            ("id", Text),
            ("name", Text),
            ("createdBy", Text),
            ("isActive", Bool),
        ],
    ),
    (
        "class_time_slots",
        &[
            ("id", Text),
            ("classId", Text),
            ("levelSubjectId", Text),
            ("dayOfWeek", Int),
            ("startTime", Text),
            ("endTime", Text),
            ("isActive", Bool),
            ("createdAt", Instant),
        ],
    ),
    (
        "class_slot_cancellations",
        &[
            ("id", Text),
            ("timeSlotId", Text),
            ("weekStart", Instant),
            ("reason", Text),
            ("createdBy", Text),
        ],
    ),
    (
        "class_tutor_assignments",
        &[
            ("id", Text),
            ("classId", Text),
            ("timeSlotId", Text),
            ("subject", Text),
            ("tutorId", Text),
            ("recurrencePattern", Enum("RecurrencePattern")),
            ("recurrenceConfig", Json),
            ("startDate", Instant),
            ("endDate", Instant),
            ("status", Enum("AssignmentStatus")),
            ("isActive", Bool),
            ("createdAt", Instant),
        ],
    ),
    (
        "class_members",
        &[
            ("id", Text),
            ("classId", Text),
            ("studentId", Text),
            ("isActive", Bool),
        ],
    ),
    (
        "tutor_profiles",
        &[("id", Text), ("userId", Text), ("hourlyRate", Money)],
    ),
    (
        "tutor_availability",
        &[
            ("id", Text),
            ("tutorId", Text),
            ("dayOfWeek", Int),
            ("specificDate", Instant),
            ("startTime", Text),
            ("endTime", Text),
            ("isRecurring", Bool),
            ("isActive", Bool),
        ],
    ),
    (
        "tutoring_sessions",
        &[
            ("id", Text),
            ("classId", Text),
            ("tutorId", Text),
            ("subject", Text),
            ("scheduledStart", Instant),
            ("scheduledEnd", Instant),
            ("status", Enum("SessionStatus")),
            ("price", Money),
            ("cancellationReason", Text),
        ],
    ),
];

/// The INSERT of one table for a backend; `$1`/`?1` is a JSON array of row objects.
fn insert_statement(backend: Backend, table: &str, columns: &[(&str, Kind)]) -> String {
    let names: Vec<String> = columns.iter().map(|(c, _)| format!("\"{c}\"")).collect();
    // Prisma's `updatedAt` has no default on PostgreSQL (the SQLite tables have none).
    let needs_updated_at = backend == Backend::Postgres
        && matches!(
            table,
            "classes" | "class_time_slots" | "class_tutor_assignments"
        );
    let (extra, extra_values) = if needs_updated_at {
        (", \"updatedAt\"", ", now() AT TIME ZONE 'UTC'")
    } else {
        ("", "")
    };
    match backend {
        Backend::Postgres => {
            let values: Vec<String> = columns
                .iter()
                .map(|(c, k)| match k {
                    Instant => format!("r.\"{c}\" AT TIME ZONE 'UTC'"),
                    Money => format!("r.\"{c}\"::numeric(10, 2)"),
                    Enum(e) => format!("r.\"{c}\"::\"{e}\""),
                    _ => format!("r.\"{c}\""),
                })
                .collect();
            let types: Vec<String> = columns
                .iter()
                .map(|(c, k)| {
                    let t = match k {
                        Text | Enum(_) | Money => "text",
                        Int => "integer",
                        Bool => "boolean",
                        Instant => "timestamptz",
                        Json => "jsonb",
                    };
                    format!("\"{c}\" {t}")
                })
                .collect();
            format!(
                "INSERT INTO {table} ({}{extra}) SELECT {}{extra_values} FROM json_to_recordset($1::json) AS r({})",
                names.join(", "),
                values.join(", "),
                types.join(", ")
            )
        }
        Backend::Sqlite => {
            let values: Vec<String> = columns
                .iter()
                .map(|(c, k)| match k {
                    Json => format!(
                        "CASE WHEN json_type(value, '$.\"{c}\"') = 'null' THEN NULL \
                         ELSE value -> '$.\"{c}\"' END"
                    ),
                    _ => format!("json_extract(value, '$.\"{c}\"')"),
                })
                .collect();
            format!(
                "INSERT INTO {table} ({}) SELECT {} FROM json_each(?1)",
                names.join(", "),
                values.join(", ")
            )
        }
    }
}

/// What a load wrote.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Rows per table.
    pub rows: BTreeMap<&'static str, usize>,
}

fn items<'a>(snapshot: &'a Value, key: &str) -> &'a [Value] {
    snapshot
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn text(v: &Value, key: &str) -> Value {
    match v.get(key) {
        Some(Value::String(s)) => Value::String(s.clone()),
        Some(Value::Number(n)) => Value::String(n.to_string()),
        _ => Value::Null,
    }
}

/// An instant in the one text form the SQLite tables compare (`…T…:…:….mmmZ`).
fn instant(v: &Value, key: &str) -> Value {
    match v.get(key).and_then(Value::as_str).and_then(Instant::parse) {
        Some(i) => Value::String(i.to_string()),
        None => Value::Null,
    }
}

fn boolean(v: &Value, key: &str) -> Value {
    Value::Bool(v.get(key).and_then(Value::as_bool).unwrap_or(false))
}

/// ISO 3166 codes of the platform's countries; other zones get made-up codes.
fn country_code(zone: &str, n: usize) -> String {
    match zone {
        "Africa/Douala" => "CM".into(),
        "Africa/Dakar" => "SN".into(),
        "Africa/Abidjan" => "CI".into(),
        "Europe/Paris" => "FR".into(),
        _ => format!("X{n}"),
    }
}

/// The rows of every table for a snapshot.
fn rows_of(snapshot: &Value) -> BTreeMap<&'static str, Vec<Value>> {
    let mut t: BTreeMap<&'static str, Vec<Value>> = BTreeMap::new();
    let mut countries: BTreeMap<String, String> = BTreeMap::new();
    let mut users: BTreeMap<String, Value> = BTreeMap::new();
    let mut subjects: BTreeMap<String, String> = BTreeMap::new();
    let subject_id = |name: &str, subjects: &mut BTreeMap<String, String>| -> Value {
        if name == "Unknown" {
            return Value::Null;
        }
        let n = subjects.len();
        Value::String(
            subjects
                .entry(name.to_owned())
                .or_insert_with(|| format!("level-subject-{n}"))
                .clone(),
        )
    };
    let user = |id: &Value, country: Value, users: &mut BTreeMap<String, Value>| {
        if let Some(id) = id.as_str() {
            users
                .entry(id.to_owned())
                .or_insert_with(|| json!({ "id": id, "countryCode": country }));
        }
    };
    for c in items(snapshot, "classes") {
        let id = c.get("id").and_then(Value::as_str).unwrap_or_default();
        let creator = format!("creator-{id}");
        let country = match c.get("timezone").and_then(Value::as_str) {
            Some(zone) => {
                let n = countries.len();
                let code = countries
                    .entry(zone.to_owned())
                    .or_insert_with(|| country_code(zone, n))
                    .clone();
                Value::String(code)
            }
            None => Value::Null,
        };
        user(&Value::String(creator.clone()), country, &mut users);
        t.entry("classes").or_default().push(json!({
            "id": id, "name": c.get("name").and_then(Value::as_str).unwrap_or(id),
            "createdBy": creator, "isActive": boolean(c, "isActive"),
        }));
        let members = c.get("memberCount").and_then(Value::as_i64).unwrap_or(0);
        for m in 0..members.clamp(0, 10_000) {
            let student = format!("student-{id}-{m}");
            user(&Value::String(student.clone()), Value::Null, &mut users);
            t.entry("class_members").or_default().push(json!({
                "id": format!("member-{id}-{m}"), "classId": id, "studentId": student,
                "isActive": true,
            }));
        }
    }
    for s in items(snapshot, "timeSlots") {
        let subject = s
            .get("subject")
            .and_then(Value::as_str)
            .unwrap_or("Unknown");
        t.entry("class_time_slots").or_default().push(json!({
            "id": text(s, "id"), "classId": text(s, "classId"),
            "levelSubjectId": subject_id(subject, &mut subjects),
            "dayOfWeek": s.get("dayOfWeek"), "startTime": text(s, "startTime"),
            "endTime": text(s, "endTime"), "isActive": boolean(s, "isActive"),
            "createdAt": match instant(s, "createdAt") {
                Value::Null => Value::String("2000-01-01T00:00:00.000Z".into()),
                at => at,
            },
        }));
    }
    for x in items(snapshot, "slotCancellations") {
        t.entry("class_slot_cancellations")
            .or_default()
            .push(json!({
                "id": text(x, "id"), "timeSlotId": text(x, "timeSlotId"),
                "weekStart": instant(x, "weekStart"), "reason": text(x, "reason"),
                "createdBy": "demo",
            }));
    }
    for a in items(snapshot, "tutorAssignments") {
        user(&text(a, "tutorId"), Value::Null, &mut users);
        t.entry("class_tutor_assignments").or_default().push(json!({
            "id": text(a, "id"), "classId": text(a, "classId"), "timeSlotId": text(a, "timeSlotId"),
            "subject": text(a, "subject"), "tutorId": text(a, "tutorId"),
            "recurrencePattern": text(a, "recurrencePattern"),
            "recurrenceConfig": a.get("recurrenceConfig").cloned().unwrap_or(Value::Null),
            "startDate": instant(a, "startDate"), "endDate": instant(a, "endDate"),
            "status": text(a, "status"), "isActive": boolean(a, "isActive"),
            "createdAt": instant(a, "createdAt"),
        }));
    }
    for (n, tutor) in items(snapshot, "tutors").iter().enumerate() {
        let id = text(tutor, "id");
        user(&id, Value::Null, &mut users);
        t.entry("tutor_profiles").or_default().push(json!({
            "id": format!("profile-{n}"), "userId": id,
            "hourlyRate": match text(tutor, "hourlyRate") { Value::Null => json!("0.00"), r => r },
        }));
        for (m, av) in items(tutor, "availability").iter().enumerate() {
            t.entry("tutor_availability").or_default().push(json!({
                "id": format!("availability-{n}-{m}"), "tutorId": id,
                "dayOfWeek": av.get("dayOfWeek"), "specificDate": instant(av, "specificDate"),
                "startTime": text(av, "startTime"), "endTime": text(av, "endTime"),
                "isRecurring": boolean(av, "isRecurring"), "isActive": boolean(av, "isActive"),
            }));
        }
    }
    for e in items(snapshot, "existingSessions") {
        user(&text(e, "tutorId"), Value::Null, &mut users);
        t.entry("tutoring_sessions").or_default().push(json!({
            "id": text(e, "id"), "classId": text(e, "classId"), "tutorId": text(e, "tutorId"),
            "subject": text(e, "subject"), "scheduledStart": instant(e, "scheduledStart"),
            "scheduledEnd": instant(e, "scheduledEnd"), "status": text(e, "status"),
            "price": match text(e, "price") { Value::Null => json!("0.00"), p => p },
            "cancellationReason": text(e, "cancellationReason"),
        }));
    }
    for (zone, code) in countries {
        t.entry("countries").or_default().push(json!({
            "id": format!("country-{code}"), "code": code, "timezone": zone,
        }));
    }
    t.insert("users", users.into_values().collect());
    for (name, level) in subjects {
        let subject = format!("subject-{}", level.trim_start_matches("level-subject-"));
        t.entry("subjects")
            .or_default()
            .push(json!({ "id": subject, "name": name }));
        t.entry("level_subjects")
            .or_default()
            .push(json!({ "id": level, "subjectId": subject }));
    }
    t
}

impl Db {
    /// Writes a snapshot's rows into the tables, in one transaction.
    pub async fn load_snapshot(&mut self, snapshot: &Value) -> Result<Loaded, DbError> {
        let rows = rows_of(snapshot);
        let backend = self.backend();
        self.control("BEGIN").await?;
        let mut loaded = Loaded::default();
        for (table, columns) in TABLES {
            let Some(list) = rows.get(table).filter(|l| !l.is_empty()) else {
                continue;
            };
            let statement = insert_statement(backend, table, columns);
            let payload = Value::Array(list.clone()).to_string();
            let result = match self {
                #[cfg(feature = "postgres")]
                Db::Pg(c) => sqlx::query(&statement)
                    .bind(payload)
                    .execute(&mut *c)
                    .await
                    .map(|_| ()),
                #[cfg(feature = "sqlite")]
                Db::Sqlite(c) => sqlx::query(&statement)
                    .bind(payload)
                    .execute(&mut *c)
                    .await
                    .map(|_| ()),
            };
            if let Err(e) = result {
                self.rollback().await;
                return Err(DbError::new(&format!("loading {table}"), e));
            }
            loaded.rows.insert(table, list.len());
        }
        self.commit().await?;
        Ok(loaded)
    }

    /// Creates the SQLite tables when they are missing (the demo's and tests' database).
    #[cfg(feature = "sqlite")]
    pub async fn create_sqlite_tables(&mut self) -> Result<(), DbError> {
        self.control(super::sql::SQLITE_SCHEMA).await
    }

    /// Creates the platform's tables where the database has none (PostgreSQL: the DDL the
    /// platform's Prisma migrations give, when `tutoring_sessions` is absent; SQLite: every
    /// missing table). Returns whether PostgreSQL's tables were created.
    pub async fn create_platform_tables(&mut self) -> Result<bool, DbError> {
        match self {
            #[cfg(feature = "postgres")]
            Db::Pg(c) => {
                let exists: bool =
                    sqlx::query_scalar("SELECT to_regclass('tutoring_sessions') IS NOT NULL")
                        .fetch_one(&mut *c)
                        .await
                        .map_err(|e| DbError::new("looking for the tables", e))?;
                if exists {
                    return Ok(false);
                }
                self.control("BEGIN").await?;
                if let Err(e) = self.control(super::sql::POSTGRES_SCHEMA).await {
                    self.rollback().await;
                    return Err(e);
                }
                self.control("COMMIT").await?;
                Ok(true)
            }
            #[cfg(feature = "sqlite")]
            Db::Sqlite(_) => self.create_sqlite_tables().await.map(|()| false),
        }
    }
}
