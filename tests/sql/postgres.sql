-- The part of the platform's PostgreSQL schema the engine reads and writes, written from
-- genova-schema.md the way Prisma creates it (snake_case tables, quoted camelCase columns,
-- TEXT ids, TIMESTAMP(3) holding UTC, DECIMAL(10,2) money, quoted enum types).
-- Tests and demos create it in a schema of their own; the CLI never creates these tables.

CREATE TYPE "SessionStatus" AS ENUM ('PENDING', 'CONFIRMED', 'COMPLETED', 'CANCELLED');
CREATE TYPE "RecurrencePattern" AS ENUM ('ROUND_ROBIN', 'WEEKLY', 'CONSECUTIVE_DAYS', 'MANUAL');
CREATE TYPE "AssignmentStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'CANCELLED');

CREATE TABLE countries (
  "id"       TEXT PRIMARY KEY,
  "code"     TEXT NOT NULL UNIQUE,
  "name"     TEXT NOT NULL DEFAULT '',
  "timezone" TEXT NOT NULL
);

CREATE TABLE users (
  "id"          TEXT PRIMARY KEY,
  "email"       TEXT,
  "countryCode" TEXT,
  "createdAt"   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE subjects (
  "id"   TEXT PRIMARY KEY,
  "name" TEXT NOT NULL
);

CREATE TABLE level_subjects (
  "id"        TEXT PRIMARY KEY,
  "subjectId" TEXT NOT NULL REFERENCES subjects("id")
);

CREATE TABLE stream_subjects (
  "id"        TEXT PRIMARY KEY,
  "subjectId" TEXT NOT NULL REFERENCES subjects("id")
);

CREATE TABLE classes (
  "id"        TEXT PRIMARY KEY,
  "name"      TEXT NOT NULL,
  "createdBy" TEXT NOT NULL REFERENCES users("id"),
  "isActive"  BOOLEAN NOT NULL DEFAULT true,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL
);

CREATE TABLE class_time_slots (
  "id"              TEXT PRIMARY KEY,
  "classId"         TEXT NOT NULL REFERENCES classes("id") ON DELETE CASCADE,
  "levelSubjectId"  TEXT REFERENCES level_subjects("id"),
  "streamSubjectId" TEXT REFERENCES stream_subjects("id"),
  "dayOfWeek"       INTEGER NOT NULL,
  "startTime"       TEXT NOT NULL,
  "endTime"         TEXT NOT NULL,
  "isActive"        BOOLEAN NOT NULL DEFAULT true,
  "createdAt"       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt"       TIMESTAMP(3) NOT NULL
);
CREATE INDEX "class_time_slots_classId_idx" ON class_time_slots ("classId");

CREATE TABLE class_slot_cancellations (
  "id"         TEXT PRIMARY KEY,
  "timeSlotId" TEXT NOT NULL REFERENCES class_time_slots("id") ON DELETE CASCADE,
  "weekStart"  TIMESTAMP(3) NOT NULL,
  "reason"     TEXT,
  "createdAt"  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "createdBy"  TEXT NOT NULL,
  UNIQUE ("timeSlotId", "weekStart")
);

CREATE TABLE class_tutor_assignments (
  "id"                TEXT PRIMARY KEY,
  "classId"           TEXT NOT NULL REFERENCES classes("id") ON DELETE CASCADE,
  "timeSlotId"        TEXT REFERENCES class_time_slots("id") ON DELETE CASCADE,
  "subject"           TEXT NOT NULL,
  "tutorId"           TEXT NOT NULL REFERENCES users("id"),
  "recurrencePattern" "RecurrencePattern" NOT NULL DEFAULT 'ROUND_ROBIN',
  "recurrenceConfig"  JSONB,
  "startDate"         TIMESTAMP(3),
  "endDate"           TIMESTAMP(3),
  "status"            "AssignmentStatus" NOT NULL DEFAULT 'PENDING',
  "isActive"          BOOLEAN NOT NULL DEFAULT true,
  "createdAt"         TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt"         TIMESTAMP(3) NOT NULL
);
CREATE INDEX "class_tutor_assignments_classId_idx" ON class_tutor_assignments ("classId");

CREATE TABLE class_members (
  "id"        TEXT PRIMARY KEY,
  "classId"   TEXT NOT NULL REFERENCES classes("id") ON DELETE CASCADE,
  "studentId" TEXT NOT NULL REFERENCES users("id"),
  "isActive"  BOOLEAN NOT NULL DEFAULT true
);
CREATE INDEX "class_members_classId_idx" ON class_members ("classId");

CREATE TABLE tutor_profiles (
  "id"         TEXT PRIMARY KEY,
  "userId"     TEXT NOT NULL UNIQUE REFERENCES users("id"),
  "hourlyRate" DECIMAL(10, 2) NOT NULL DEFAULT 0
);

CREATE TABLE tutor_availability (
  "id"           TEXT PRIMARY KEY,
  "tutorId"      TEXT NOT NULL REFERENCES users("id"),
  "dayOfWeek"    INTEGER,
  "specificDate" TIMESTAMP(3),
  "startTime"    TEXT NOT NULL,
  "endTime"      TEXT NOT NULL,
  "isRecurring"  BOOLEAN NOT NULL DEFAULT true,
  "isActive"     BOOLEAN NOT NULL DEFAULT true
);
CREATE INDEX "tutor_availability_tutorId_idx" ON tutor_availability ("tutorId");

CREATE TABLE tutoring_sessions (
  "id"                 TEXT PRIMARY KEY,
  "classId"            TEXT NOT NULL REFERENCES classes("id") ON DELETE CASCADE,
  "tutorId"            TEXT REFERENCES users("id"),
  "consortiumId"       TEXT,
  "scheduledStart"     TIMESTAMP(3) NOT NULL,
  "scheduledEnd"       TIMESTAMP(3) NOT NULL,
  "actualStart"        TIMESTAMP(3),
  "actualEnd"          TIMESTAMP(3),
  "location"           TEXT,
  "onlineMeetingLink"  TEXT,
  "subject"            TEXT NOT NULL,
  "description"        TEXT,
  "price"              DECIMAL(10, 2) NOT NULL,
  "status"             "SessionStatus" NOT NULL DEFAULT 'PENDING',
  "cancellationReason" TEXT,
  "createdAt"          TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "tutoring_sessions_classId_scheduledStart_idx" ON tutoring_sessions ("classId", "scheduledStart");
CREATE INDEX "tutoring_sessions_tutorId_scheduledStart_idx" ON tutoring_sessions ("tutorId", "scheduledStart");
