#!/usr/bin/env python3
"""A deterministic platform-sized snapshot for the migrate benchmark.

N classes x S weekly slots (Douala and Dakar, no daylight saving), two ROUND_ROBIN tutors per
slot, 5-24 members per class, and one in ten of the next four weeks' occurrences already stored
as an existing session (an exact match), planned as of Monday 2027-01-04 00:00Z.

    python3 cli/bench/snapshot.py --classes 10000 --slots 5 > /tmp/bench.json
"""
import argparse
import datetime as dt
import json
import sys

MONDAY = dt.datetime(2027, 1, 4)
ZONES = [("Africa/Douala", 1), ("Africa/Dakar", 0)]
SUBJECTS = ["Mathématiques", "Physique", "Chimie", "Anglais", "Français", "SVT", "Histoire"]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--classes", type=int, default=10000)
    p.add_argument("--slots", type=int, default=5)
    p.add_argument("--weeks", type=int, default=4)
    p.add_argument("--existing-every", type=int, default=10)
    a = p.parse_args()
    tutors = max(a.classes * a.slots // 12, 4)
    classes, slots, assignments, sessions = [], [], [], []
    n = 0
    for c in range(a.classes):
        cid = f"c{c:05d}"
        zone, offset = ZONES[c % 2]
        members = 5 + c % 20
        classes.append({"id": cid, "name": f"Classe {c}", "isActive": True, "timezone": zone,
                        "memberCount": members})
        for s in range(a.slots):
            sid = f"{cid}-s{s}"
            dow = (c + s) % 7
            hour = 8 + 2 * s
            subject = SUBJECTS[(c + s) % len(SUBJECTS)]
            slots.append({"id": sid, "classId": cid, "subject": subject, "dayOfWeek": dow,
                          "startTime": f"{hour:02d}:00", "endTime": f"{hour + 1:02d}:30",
                          "isActive": True, "createdAt": "2026-09-01T08:00:00.000Z"})
            for k in range(2):
                assignments.append({
                    "id": f"{sid}-a{k}", "classId": cid, "timeSlotId": sid, "subject": subject,
                    "tutorId": f"t{(c * a.slots + s + k * 7) % tutors:05d}",
                    "recurrencePattern": "ROUND_ROBIN", "recurrenceConfig": None,
                    "startDate": None, "endDate": None, "status": "ACCEPTED", "isActive": True,
                    "createdAt": f"2026-09-0{k + 1}T08:00:00.000Z"})
            # dayOfWeek 0 = Sunday; MONDAY is dayOfWeek 1.
            first = MONDAY + dt.timedelta(days=(dow - 1) % 7)
            for w in range(a.weeks):
                n += 1
                if n % a.existing_every:
                    continue
                start = first + dt.timedelta(days=7 * w, hours=hour - offset)
                sessions.append({
                    "id": f"e{n:07d}", "classId": cid, "tutorId": None, "subject": subject,
                    "scheduledStart": iso(start),
                    "scheduledEnd": iso(start + dt.timedelta(minutes=90)),
                    "status": "CONFIRMED", "price": "0.00", "cancellationReason": None})
    tutor_rows = [{"id": f"t{t:05d}", "hourlyRate": f"{2000 + t % 9 * 250}.00", "availability": []}
                  for t in range(tutors)]
    json.dump({"classes": classes, "timeSlots": slots, "slotCancellations": [],
               "tutorAssignments": assignments, "tutors": tutor_rows,
               "existingSessions": sessions}, sys.stdout, ensure_ascii=False,
              separators=(",", ":"))


if __name__ == "__main__":
    main()
