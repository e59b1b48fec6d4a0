"""Consistency checks over the written vectors (format, order, sorting, occurrence sets, prices).
Authoring aid only: the expected values are written by hand in v_*.py."""
import json, glob, re, os, sys
from datetime import datetime, timedelta, timezone, date
from zoneinfo import ZoneInfo, available_timezones
from decimal import Decimal, ROUND_HALF_UP

OUT = os.path.dirname(os.path.abspath(__file__))
INST = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
PRICE = re.compile(r"^-?\d+\.\d\d$")
ZONES = available_timezones() | {"UTC"}
bad = 0


def fail(f, msg):
    global bad
    bad += 1
    print("FAIL", os.path.basename(f), msg)


def pinst(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00").replace("z", "+00:00"))


def fmt(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (dt.microsecond // 1000)


def key_none_first(v):
    return (0, "") if v is None else (1, v)


def hm(s):
    m = re.fullmatch(r"(\d\d):(\d\d)", s)
    if not m:
        return None
    return int(m[1]), int(m[2])


def resolve(d, h, mi, tz):
    """compatible rule via zoneinfo fold=0; returns (utc instant, in_gap)"""
    wall = datetime(d.year, d.month, d.day, h, mi)
    aware = wall.replace(tzinfo=tz, fold=0)
    u = aware.astimezone(timezone.utc)
    back = u.astimezone(tz).replace(tzinfo=None)
    return u, back != wall


def instants_on(slot, d, tz):
    """the slot's start and end on generating date d, resolved in tz (R9, R8's end date)"""
    st, et = hm(slot["startTime"]), slot["endTime"]
    smin = st[0] * 60 + st[1]
    emin = 1440 if et == "24:00" else hm(et)[0] * 60 + hm(et)[1]
    nominal = emin - smin if emin > smin else emin + 1440 - smin
    s, gap = resolve(d, st[0], st[1], tz)
    if gap:
        e = s + timedelta(minutes=nominal)
    else:
        ed = d + timedelta(days=1) if (emin <= smin or emin == 1440) else d
        em = emin % 1440
        e, _ = resolve(ed, em // 60, em % 60, tz)
    return s, e, nominal


def occurrences(slot, tz, ws, we, legacy=None):
    """(start, end, nominal, legacy (start, end) or None) of each occurrence in the window"""
    dow = slot["dayOfWeek"]
    res = []
    d = (ws - timedelta(days=3)).date()
    while datetime(d.year, d.month, d.day, tzinfo=timezone.utc) < we + timedelta(days=3):
        if (d.weekday() + 1) % 7 == dow:
            s, e, nominal = instants_on(slot, d, tz)
            leg = None
            if legacy is not None:
                ls, le, _ = instants_on(slot, d, legacy)
                if (ls, le) != (s, e):  # R27: equal instants = no legacy instants
                    leg = (fmt(ls), fmt(le))
            if ws <= s < we:
                res.append((fmt(s), fmt(e), nominal, leg))
        d += timedelta(days=1)
    return res


def check_plan(f, v):
    exp = v["expected"]
    if "error" in exp:
        return
    keys = list(exp.keys())
    if keys != ["formatVersion", "window", "create", "existing", "moves", "conflicts", "skipped", "warnings", "errors", "summary"]:
        fail(f, "top keys")
        return
    if exp["formatVersion"] != "1.1":
        fail(f, "formatVersion")
    summary_keys = {"classesProcessed": None, "classesSkipped": None, "sessionsToCreate": "create",
                    "existingPreserved": "existing", "legacyMoves": "moves", "conflicts": "conflicts",
                    "skippedCancelled": "skipped", "warnings": "warnings", "errors": "errors"}
    if list(exp["summary"]) != list(summary_keys):
        fail(f, "summary keys")
    for k, lst in summary_keys.items():
        if lst and exp["summary"].get(k) != len(exp[lst]):
            fail(f, f"summary.{k} != len({lst})")
    o = v["options"]
    now = pinst(o["now"])
    now = now.replace(microsecond=now.microsecond // 1000 * 1000)
    ws, we = now, now + timedelta(weeks=o["weeks"])
    if exp["window"] != {"start": fmt(ws), "end": fmt(we)}:
        fail(f, "window")
    snap = v["snapshot"]
    classes = {c["id"]: c for c in snap["classes"]}
    slots = {s["id"]: s for s in snap["timeSlots"]}
    # formats
    for lst in ("create", "existing", "moves", "conflicts", "skipped"):
        for e in exp[lst]:
            for k in ("scheduledStart", "scheduledEnd", "fromStart", "fromEnd"):
                if k in e and not INST.match(e[k]):
                    fail(f, f"instant {e[k]}")
    for e in exp["create"]:
        if list(e) != ["classId", "timeSlotId", "subject", "scheduledStart", "scheduledEnd", "tutorId", "assignmentId", "status", "price", "ordinal"]:
            fail(f, "create keys")
        if not PRICE.match(e["price"]):
            fail(f, "price fmt " + e["price"])
        if (e["status"] == "CONFIRMED") != (e["tutorId"] is not None):
            fail(f, "status/tutor")
        if e["subject"] != slots[e["timeSlotId"]]["subject"]:
            fail(f, "subject")
    # sorting
    def srt(lst, keyf):
        if lst != sorted(lst, key=keyf):
            fail(f, "sort")
    srt(exp["create"], lambda e: (e["classId"], e["scheduledStart"], e["timeSlotId"]))
    srt(exp["skipped"], lambda e: (e["classId"], e["scheduledStart"], e["timeSlotId"]))
    srt(exp["existing"], lambda e: (e["classId"], e["scheduledStart"], e["timeSlotId"], e["sessionId"]))
    srt(exp["moves"], lambda e: (e["classId"], e["scheduledStart"], e["timeSlotId"], e["sessionId"]))
    srt(exp["conflicts"], lambda e: (e["classId"], e["scheduledStart"], e["timeSlotId"], e["sessionId"]))
    srt(exp["warnings"], lambda e: (e["classId"], key_none_first(e["timeSlotId"]), e["code"], key_none_first(e["assignmentId"]), key_none_first(e["tutorId"])))
    srt(exp["errors"], lambda e: (e["classId"], key_none_first(e["timeSlotId"]), e["code"]))
    # occurrence sets per valid slot of processed classes
    listed = {}
    for lst in ("create", "existing", "moves", "conflicts", "skipped"):
        for e in exp[lst]:
            listed.setdefault(e["timeSlotId"], set()).add((e["scheduledStart"], e.get("scheduledEnd")))
    err_slots = {e["timeSlotId"] for e in exp["errors"]}
    err_classes = {e["classId"] for e in exp["errors"] if e["code"] == "UNKNOWN_TIMEZONE"}
    computed = {}
    legacy_of = {}  # (slot id, scheduledStart) -> legacy (start, end) or None
    lz = o.get("legacyTimezone")
    if lz is None and exp["moves"]:
        fail(f, "moves without legacyTimezone")
    if lz is not None and lz not in ZONES:
        fail(f, f"legacyTimezone {lz!r} is unknown but the plan is not an error")
        lz = None
    for sid, s in slots.items():
        c = classes.get(s["classId"])
        if not c or not c["isActive"] or not s["isActive"] or sid in err_slots or c["id"] in err_classes:
            continue
        tzname = c.get("timezone") or (o.get("defaultTimezone") or "UTC")
        tz = ZoneInfo(tzname)
        occ = occurrences(s, tz, ws, we, ZoneInfo(lz) if lz else None)
        computed[sid] = {(a, b) for a, b, _, _ in occ}
        for a, _, _, leg in occ:
            legacy_of[(sid, a)] = leg
        got = {a for a, _ in listed.get(sid, set())}
        if got != {a for a, _ in computed[sid]}:
            fail(f, f"occurrences of {sid}: listed {sorted(got)} vs zoneinfo {sorted(a for a,_ in computed[sid])}")
    for e in exp["create"] + exp["conflicts"] + exp["moves"]:
        pair = (e["scheduledStart"], e["scheduledEnd"])
        if pair not in computed.get(e["timeSlotId"], set()):
            fail(f, f"end mismatch {e['timeSlotId']} {pair}")
    for sid in listed:
        if sid not in computed:
            fail(f, f"listed slot {sid} not plannable")
    # moves and conflicts name real rows; moves and LEGACY_DUPLICATE sit at the legacy instants (R27)
    rows = {r["id"]: r for r in snap["existingSessions"]}
    def stored(r):
        return fmt(pinst(r["scheduledStart"])), fmt(pinst(r["scheduledEnd"]))
    existing_at = {(e["timeSlotId"], e["scheduledStart"]) for e in exp["existing"]}
    for e in exp["moves"]:
        if list(e) != ["sessionId", "classId", "timeSlotId", "fromStart", "fromEnd", "scheduledStart", "scheduledEnd"]:
            fail(f, "moves keys")
        r = rows.get(e["sessionId"])
        leg = legacy_of.get((e["timeSlotId"], e["scheduledStart"]))
        if r is None or r["classId"] != e["classId"] or r["subject"] != slots[e["timeSlotId"]]["subject"]:
            fail(f, f"move {e['sessionId']}: no such row of the slot's class and subject")
        elif stored(r) != (e["fromStart"], e["fromEnd"]) or leg != (e["fromStart"], e["fromEnd"]):
            fail(f, f"move {e['sessionId']}: from {e['fromStart']}..{e['fromEnd']}, row {stored(r)}, legacy {leg}")
        elif r["status"] not in ("PENDING", "CONFIRMED"):
            fail(f, f"move {e['sessionId']}: status {r['status']}")
    if len({e["sessionId"] for e in exp["moves"]}) != len(exp["moves"]):
        fail(f, "a row moved twice")
    for e in exp["conflicts"]:
        r = rows.get(e["sessionId"])
        if r is None or r["classId"] != e["classId"]:
            fail(f, f"conflict names {e['sessionId']}, not a row of {e['classId']}")
            continue
        rs, re_ = stored(r)
        want = {"CANCELLED_SESSION": f"session {r['id']} is cancelled",
                "OTHER_SUBJECT": f'session {r["id"]} has subject "{r["subject"]}"',
                "OTHER_TIMES": f"session {r['id']} runs {rs} to {re_}",
                "LEGACY_DUPLICATE": f"session {r['id']} is the old generator's copy of this session, at {rs} to {re_}"}.get(e["kind"])
        if e["detail"] != want:
            fail(f, f"detail {e['detail']!r} vs {want!r}")
        if e["kind"] == "LEGACY_DUPLICATE":
            leg = legacy_of.get((e["timeSlotId"], e["scheduledStart"]))
            if leg != (rs, re_) or r["status"] not in ("PENDING", "CONFIRMED") \
                    or (e["timeSlotId"], e["scheduledStart"]) not in existing_at:
                fail(f, f"LEGACY_DUPLICATE {r['id']}: legacy {leg}, row {(rs, re_)}, {r['status']}")
    # prices
    tutors = {}
    for t in snap["tutors"]:
        tutors.setdefault(t["id"], t)
    for e in exp["create"]:
        s = slots[e["timeSlotId"]]; c = classes[s["classId"]]
        st = hm(s["startTime"]); et = s["endTime"]
        smin = st[0] * 60 + st[1]
        emin = 1440 if et == "24:00" else hm(et)[0] * 60 + hm(et)[1]
        nominal = emin - smin if emin > smin else emin + 1440 - smin
        rate = tutors[e["tutorId"]]["hourlyRate"] if e["tutorId"] else c.get("defaultHourlyRate")
        if rate is None:
            want = "0.00"
        else:
            m = max(c.get("memberCount") or 0, 1)
            val = (Decimal(str(rate)) * nominal * m / 60)
            q = abs(val).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            want = ("-" if val < 0 and q != 0 else "") + str(q)
        if want != e["price"]:
            fail(f, f"price {e['price']} vs {want}")


for f in sorted(glob.glob(OUT + "/*.json")):
    txt = open(f, encoding="utf-8").read()
    v = json.loads(txt)
    if "function" in v:
        assert list(v) == ["name", "function", "snapshot", "request", "options", "expected", "derivation"], f
        exp = v["expected"]
        if "error" not in exp:
            for lst in exp.values():
                ids = [x if isinstance(x, str) else x["sessionId"] for x in lst]
                if ids != sorted(ids) or len(set(ids)) != len(ids):
                    fail(f, "fn sort")
                for x in lst:
                    if isinstance(x, dict) and "price" in x and not PRICE.match(x["price"]):
                        fail(f, "fn price")
    else:
        assert list(v) == ["name", "snapshot", "options", "expected", "derivation"], f
        check_plan(f, v)
print("checked", len(glob.glob(OUT + "/*.json")), "files;", bad, "problems")
