-- The platform's tables (genova-schema.md) for SQLite, the embedded default used by
-- `genova-sessions demo` and the SQLite tests. Same table and column names as PostgreSQL;
-- instants are RFC 3339 UTC text ('2026-11-30T13:00:00.000Z'), money is decimal text
-- ('5000.00', exact), booleans are 0/1, JSON is text.

CREATE TABLE IF NOT EXISTS countries (
  "id" TEXT PRIMARY KEY, "code" TEXT NOT NULL UNIQUE, "name" TEXT NOT NULL DEFAULT '',
  "timezone" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
  "id" TEXT PRIMARY KEY, "email" TEXT, "countryCode" TEXT
);
CREATE TABLE IF NOT EXISTS subjects ("id" TEXT PRIMARY KEY, "name" TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS level_subjects (
  "id" TEXT PRIMARY KEY, "subjectId" TEXT NOT NULL REFERENCES subjects("id")
);
CREATE TABLE IF NOT EXISTS stream_subjects (
  "id" TEXT PRIMARY KEY, "subjectId" TEXT NOT NULL REFERENCES subjects("id")
);
CREATE TABLE IF NOT EXISTS classes (
  "id" TEXT PRIMARY KEY, "name" TEXT NOT NULL, "createdBy" TEXT NOT NULL REFERENCES users("id"),
  "isActive" INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS class_time_slots (
  "id" TEXT PRIMARY KEY, "classId" TEXT NOT NULL REFERENCES classes("id"),
  "levelSubjectId" TEXT REFERENCES level_subjects("id"),
  "streamSubjectId" TEXT REFERENCES stream_subjects("id"),
  "dayOfWeek" INTEGER NOT NULL, "startTime" TEXT NOT NULL, "endTime" TEXT NOT NULL,
  "isActive" INTEGER NOT NULL DEFAULT 1,
  "createdAt" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX IF NOT EXISTS "class_time_slots_classId_idx" ON class_time_slots ("classId");
CREATE TABLE IF NOT EXISTS class_slot_cancellations (
  "id" TEXT PRIMARY KEY, "timeSlotId" TEXT NOT NULL REFERENCES class_time_slots("id"),
  "weekStart" TEXT NOT NULL, "reason" TEXT,
  "createdAt" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  "createdBy" TEXT NOT NULL,
  UNIQUE ("timeSlotId", "weekStart")
);
CREATE TABLE IF NOT EXISTS class_tutor_assignments (
  "id" TEXT PRIMARY KEY, "classId" TEXT NOT NULL REFERENCES classes("id"),
  "timeSlotId" TEXT REFERENCES class_time_slots("id"), "subject" TEXT NOT NULL,
  "tutorId" TEXT NOT NULL REFERENCES users("id"),
  "recurrencePattern" TEXT NOT NULL DEFAULT 'ROUND_ROBIN'
    CHECK ("recurrencePattern" IN ('ROUND_ROBIN', 'WEEKLY', 'CONSECUTIVE_DAYS', 'MANUAL')),
  "recurrenceConfig" TEXT, "startDate" TEXT, "endDate" TEXT,
  "status" TEXT NOT NULL DEFAULT 'PENDING'
    CHECK ("status" IN ('PENDING', 'ACCEPTED', 'DECLINED', 'CANCELLED')),
  "isActive" INTEGER NOT NULL DEFAULT 1,
  "createdAt" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX IF NOT EXISTS "class_tutor_assignments_classId_idx" ON class_tutor_assignments ("classId");
CREATE TABLE IF NOT EXISTS class_members (
  "id" TEXT PRIMARY KEY, "classId" TEXT NOT NULL REFERENCES classes("id"),
  "studentId" TEXT NOT NULL REFERENCES users("id"), "isActive" INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS "class_members_classId_idx" ON class_members ("classId");
CREATE TABLE IF NOT EXISTS tutor_profiles (
  "id" TEXT PRIMARY KEY, "userId" TEXT NOT NULL UNIQUE REFERENCES users("id"),
  "hourlyRate" TEXT NOT NULL DEFAULT '0.00'
);
CREATE TABLE IF NOT EXISTS tutor_availability (
  "id" TEXT PRIMARY KEY, "tutorId" TEXT NOT NULL REFERENCES users("id"),
  "dayOfWeek" INTEGER, "specificDate" TEXT, "startTime" TEXT NOT NULL, "endTime" TEXT NOT NULL,
  "isRecurring" INTEGER NOT NULL DEFAULT 1, "isActive" INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS "tutor_availability_tutorId_idx" ON tutor_availability ("tutorId");
CREATE TABLE IF NOT EXISTS tutoring_sessions (
  "id" TEXT PRIMARY KEY, "classId" TEXT NOT NULL REFERENCES classes("id"),
  "tutorId" TEXT REFERENCES users("id"), "consortiumId" TEXT,
  "scheduledStart" TEXT NOT NULL, "scheduledEnd" TEXT NOT NULL,
  "actualStart" TEXT, "actualEnd" TEXT, "location" TEXT, "onlineMeetingLink" TEXT,
  "subject" TEXT NOT NULL, "description" TEXT, "price" TEXT NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'PENDING'
    CHECK ("status" IN ('PENDING', 'CONFIRMED', 'COMPLETED', 'CANCELLED')),
  "cancellationReason" TEXT,
  "createdAt" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX IF NOT EXISTS "tutoring_sessions_classId_scheduledStart_idx"
  ON tutoring_sessions ("classId", "scheduledStart");
CREATE INDEX IF NOT EXISTS "tutoring_sessions_tutorId_scheduledStart_idx"
  ON tutoring_sessions ("tutorId", "scheduledStart");
