#!/usr/bin/env python3
"""Writes cases.json: the table of malformed inputs every surface replays (issue 7).

Each case: {name, text, options, expected[, expectedValue][, expand]}.
- `text` is the snapshot as JSON text (may be invalid JSON on purpose).
- `expand` = {marker, unit, count}: replace the string `marker` in `text` by `unit` repeated
  `count` times before use (for 1 MB strings and 1,000,001-item lists).
- `expected` is the outcome of the text path (`plan --input`, `planJson`):
  {"error": CODE} or {"summary": {...}}, stated here by hand from SPEC's rules, never taken
  from an implementation; each summary case carries `why`, the rules that give its counts.
- `expectedValue` (when present) is the outcome of the JS-value path `plan(JSON.parse(text))`,
  which sees numbers as doubles (SPEC §5): e.g. `1.0` is the integer 1 there.
The base snapshot: class c1 (Africa/Douala, 3 members), slot s1 on Mondays 14:00–16:00, one
ACCEPTED ROUND_ROBIN assignment, tutor t1; options: now Monday 2026-11-30 00:00Z, 2 weeks. Its
window holds the Mondays 2026-11-30 and 12-07: one processed class, two sessions to create (R4).
"""
import json

OPT = {"now": "2026-11-30T00:00:00.000Z", "weeks": 2, "defaultTimezone": "Africa/Douala"}

def cls(**kw):
    c = {"id": "c1", "name": "Classe", "isActive": True, "timezone": "Africa/Douala", "memberCount": 3, "defaultHourlyRate": "1000.00"}
    c.update(kw); return c

def slot(**kw):
    s = {"id": "s1", "classId": "c1", "subject": "Maths", "dayOfWeek": 1, "startTime": "14:00", "endTime": "16:00", "isActive": True}
    s.update(kw); return s

def asg(**kw):
    a = {"id": "a1", "classId": "c1", "timeSlotId": "s1", "subject": "Maths", "tutorId": "t1", "recurrencePattern": "ROUND_ROBIN",
         "recurrenceConfig": None, "startDate": None, "endDate": None, "status": "ACCEPTED", "isActive": True, "createdAt": "2026-11-02T08:00:00.000Z"}
    a.update(kw); return a

def tutor(**kw):
    t = {"id": "t1", "hourlyRate": "5000.00", "availability": []}
    t.update(kw); return t

def snap(**kw):
    s = {"classes": [cls()], "timeSlots": [slot()], "tutorAssignments": [asg()], "tutors": [tutor()]}
    s.update(kw); return s

def j(v):
    return json.dumps(v, ensure_ascii=False)

def replace_in(text, old, new):
    assert old in text, (old, text)
    return text.replace(old, new, 1)

ZERO = {"classesProcessed": 0, "classesSkipped": 0, "sessionsToCreate": 0, "existingPreserved": 0, "legacyMoves": 0,
        "conflicts": 0, "skippedCancelled": 0, "warnings": 0, "errors": 0}
def S(**counts):
    return {"summary": dict(ZERO, **counts)}
BASE = S(classesProcessed=1, sessionsToCreate=2)          # the base snapshot's plan (above)
BAD_SLOT = S(classesProcessed=1, errors=1)                # R8: the slot is an error, nothing planned

cases = []
def case(name, text, expected, options=OPT, expected_value=None, expand=None, why=None):
    assert ("summary" in expected) == (why is not None), name
    c = {"name": name, "text": text, "options": options, "expected": expected}
    if why:
        c["why"] = why
    if expected_value is not None:
        c["expectedValue"] = expected_value
    if expand:
        c["expand"] = expand
    cases.append(c)

E = lambda code: {"error": code}
base = j(snap())

# Not JSON at all (text path only; the JS-value path cannot be given these)
case("not JSON: unterminated object", "{", E("INVALID_JSON"))
case("not JSON: empty text", "", E("INVALID_JSON"))
case("not JSON: NaN literal", '{"classes": NaN}', E("INVALID_JSON"))
case("not JSON: trailing comma", '{"classes": [],}', E("INVALID_JSON"))
# Wrong shapes
case("top level is an array", "[]", E("INVALID_FIELD"))
case("top level is a string", '"snapshot"', E("INVALID_FIELD"))
case("top level is null", "null", E("INVALID_FIELD"))
case("list is an object", j(snap(classes={})), E("INVALID_FIELD"))
case("list holds a number", j(snap(classes=[1])), E("INVALID_FIELD"))
case("absent and null lists are empty", j({"classes": None, "timeSlots": None}), S(), why="R1: absent and null lists are empty: no class")
# Wrong types and missing fields
case("class id is a number", j(snap(classes=[cls(id=1)])), E("INVALID_FIELD"))
case("isActive is the string true", j(snap(classes=[cls(isActive="true")])), E("INVALID_FIELD"))
case("slot without startTime", j(snap(timeSlots=[{k: v for k, v in slot().items() if k != "startTime"}])), E("INVALID_FIELD"))
case("dayOfWeek is a string", j(snap(timeSlots=[slot(dayOfWeek="1")])), E("INVALID_FIELD"))
case("dayOfWeek is 1.0", replace_in(base, '"dayOfWeek": 1', '"dayOfWeek": 1.0'), E("INVALID_FIELD"), expected_value=BASE)
case("memberCount is a string", j(snap(classes=[cls(memberCount="3")])), E("INVALID_FIELD"))
case("timezone is a number", j(snap(classes=[cls(timezone=1)])), E("INVALID_FIELD"))
case("recurrencePattern is a number", j(snap(tutorAssignments=[asg(recurrencePattern=1)])), E("INVALID_FIELD"))
case("weekStart is a number", j(snap(slotCancellations=[{"id": "x1", "timeSlotId": "s1", "weekStart": 1}])), E("INVALID_FIELD"))
# Malformed instants and money
case("createdAt on February 30", j(snap(tutorAssignments=[asg(createdAt="2026-02-30T08:00:00Z")])), E("INVALID_FIELD"))
case("createdAt with second 60", j(snap(tutorAssignments=[asg(createdAt="2026-11-02T08:00:60Z")])), E("INVALID_FIELD"))
case("createdAt without offset", j(snap(tutorAssignments=[asg(createdAt="2026-11-02T08:00:00")])), E("INVALID_FIELD"))
case("hourlyRate 1e3 as a string", j(snap(tutors=[tutor(hourlyRate="1e3")])), E("INVALID_FIELD"))
case("hourlyRate empty string", j(snap(tutors=[tutor(hourlyRate="")])), E("INVALID_FIELD"))
case("hourlyRate boolean", j(snap(tutors=[tutor(hourlyRate=True)])), E("INVALID_FIELD"))
case("hourlyRate negative number", j(snap(tutors=[tutor(hourlyRate=-5000)])), BASE, why="R20, R21 price any rate, a negative one too (a negative price, not an error)")
case("hourlyRate huge string", j(snap(tutors=[tutor(hourlyRate="99999999999999999999999999999999.99")])), BASE, why="R3: money is a decimal string of any size, read exactly")
case("hourlyRate 0.1 as a number", j(snap(tutors=[tutor(hourlyRate=0.1)])), BASE, why="R3: a JSON number as money is read from its literal text")
# Numbers out of range but of the right type: data, not fatal
case("dayOfWeek 7", j(snap(timeSlots=[slot(dayOfWeek=7)])), BAD_SLOT, why="R8: dayOfWeek outside 0..6 is an invalid slot; its class is processed")
case("dayOfWeek negative", j(snap(timeSlots=[slot(dayOfWeek=-1)])), BAD_SLOT, why="R8: dayOfWeek outside 0..6")
case("dayOfWeek beyond i64", replace_in(base, '"dayOfWeek": 1', '"dayOfWeek": 123456789012345678901234567890'), BAD_SLOT,
     why="R1: a JSON integer of any size has the right type; R8: outside 0..6")
case("memberCount negative", j(snap(classes=[cls(memberCount=-5)])), BASE, why="R20: max(memberCount, 1) prices it as one member")
case("memberCount beyond i64", replace_in(base, '"memberCount": 3', '"memberCount": 123456789012345678901234567890'), BASE,
     why="R1: a JSON integer of any size has the right type; R20, R21 multiply exactly")
case("startTime 25:00", j(snap(timeSlots=[slot(startTime="25:00")])), BAD_SLOT, why="R8: not a wall time HH:MM")
case("start and end equal", j(snap(timeSlots=[slot(endTime="14:00")])), BAD_SLOT, why="R8: start and end are the same minute of the day")
case("timezone empty string", j(snap(classes=[cls(timezone="")])), S(errors=1), why="R6: \"\" names no IANA zone: an error, the class is not processed")
case("unknown recurrence pattern", j(snap(tutorAssignments=[asg(recurrencePattern="DAILY")])), S(classesProcessed=1, sessionsToCreate=2, warnings=1),
     why="§3.3: an unknown pattern claims nothing, with a warning; the sessions are created without a tutor")
case("CONSECUTIVE_DAYS with a string count", j(snap(tutorAssignments=[asg(recurrencePattern="CONSECUTIVE_DAYS", recurrenceConfig={"consecutiveDays": "2"})])),
     S(classesProcessed=1, sessionsToCreate=2, warnings=1), why="§3.3: a malformed config claims nothing, with a warning")
case("unknown status", j(snap(tutorAssignments=[asg(status="accepted")])), BASE,
     why="R1: an unknown status string (\"accepted\") matches neither ACCEPTED nor CANCELLED: no candidate, no warning")
# Ids
case("duplicate slot ids", j(snap(timeSlots=[slot(), slot()])), E("INVALID_FIELD"))
case("duplicate tutor ids: first wins", j(snap(tutors=[tutor(), tutor(hourlyRate="1.00")])), BASE, why="R1, R19: of two tutor rows with one id the first wins")
case("assignment naming a missing slot", j(snap(tutorAssignments=[asg(timeSlotId="nope")])), BASE, why="an assignment of no slot of the class is no candidate for s1: the sessions are created unassigned")
case("slot naming a missing class", j(snap(timeSlots=[slot(), slot(id="s2", classId="nope")])), BASE, why="R8: slots naming no class are ignored without a message")
case("quotes and unicode in ids", j(snap(classes=[cls(id="c\"1'é😀")], timeSlots=[slot(classId="c\"1'é😀", subject="Mathématiques \"avancées\"")],
                                          tutorAssignments=[asg(classId="c\"1'é😀", subject="Mathématiques \"avancées\"")])), BASE, why="ids and subjects are any text")
case("existing session ending before it starts", j(snap(existingSessions=[{"id": "e1", "classId": "c1", "subject": "Maths",
    "scheduledStart": "2026-11-30T15:00:00Z", "scheduledEnd": "2026-11-30T14:00:00Z", "status": "PENDING"}])), BASE,
     why="R22: an empty range overlaps nothing, so both Mondays are still created")
case("unknown extra fields are ignored", j(dict(snap(), extra={"a": [1, 2]}, classes=[cls(colour="blue")])), BASE, why="R1: unknown extra fields are ignored")
# Options
case("weeks 0", base, E("INVALID_OPTION"), options=dict(OPT, weeks=0))
case("weeks 53", base, E("INVALID_OPTION"), options=dict(OPT, weeks=53))
case("weeks as a string", base, E("INVALID_OPTION"), options=dict(OPT, weeks="4"))
case("now missing", base, E("INVALID_OPTION"), options={"weeks": 2})
case("now not RFC 3339", base, E("INVALID_OPTION"), options=dict(OPT, now="2026-11-30"))
case("unknown default timezone", base, E("INVALID_OPTION"), options=dict(OPT, defaultTimezone="Mars/Olympus"))
case("bad options come before bad fields", j(snap(classes=[cls(id=1)])), E("INVALID_OPTION"), options=dict(OPT, weeks=0))
# Sizes (SPEC §5 limits)
case("1 MB class id", replace_in(base, '"c1", "name"', '"@@BIG@@", "name"').replace('"classId": "c1"', '"classId": "@@BIG@@"'),
     BASE, expand={"marker": "@@BIG@@", "unit": "x", "count": 1048576}, why="§5: INPUT_TOO_LARGE is 256 MiB of text, 1,000,000 items or 64 levels: a 1 MiB string is none")
case("1 MB subject", base.replace('"Maths"', '"@@BIG@@"'), BASE, expand={"marker": "@@BIG@@", "unit": "é", "count": 524288},
     why="§5: a 1 MiB UTF-8 string is within INPUT_TOO_LARGE's limits")
deep64 = '{"k":' * 61 + '1' + '}' * 61   # config objects at depths 4..64
deep65 = '{"k":' * 62 + '1' + '}' * 62
case("config nested 64 levels deep", replace_in(base, '"recurrenceConfig": null', '"recurrenceConfig": ' + deep64), BASE,
     why="§5: deeper than 64 levels is too large, 64 is not; ROUND_ROBIN reads no config")
case("config nested 65 levels deep", replace_in(base, '"recurrenceConfig": null', '"recurrenceConfig": ' + deep65), E("INPUT_TOO_LARGE"))
case("list of 1,000,001 items", '{"existingSessions": [@@BIG@@0]}', E("INPUT_TOO_LARGE"),
     expand={"marker": "@@BIG@@", "unit": "0,", "count": 1000000})
case("list of 1,000,000 numbers", '{"existingSessions": [@@BIG@@0]}', E("INVALID_FIELD"),
     expand={"marker": "@@BIG@@", "unit": "0,", "count": 999999})
case("too large beats invalid JSON", '[' * 100 + 'oops', E("INPUT_TOO_LARGE"))

json.dump(cases, open("cases.json", "w"), ensure_ascii=False, indent=1)
print(len(cases), "cases")
