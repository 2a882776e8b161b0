"""Moving records between computers: a store's export file, and merging one in so that nothing is counted twice and a deleted child stays deleted.

An import is checked before anything is kept: a file from a newer Letterplay is refused with a message,
and every child and answer must have each field of the right type and in range (text where text
belongs, finite times, known actions and helps, letters a-z); what fails is left out and counted. The
file is read only when it is a regular file under ``MAX_BYTES``. Writing samples come in only when the
teacher keeps them here ("Keep writing samples"), at most ``MAX_STROKE_POINTS`` points an answer. A
grown-up's review of a writing (``reviews.py``) comes with its answer; for an answer already here the
newer decision (or undo) wins.
"""
from __future__ import annotations

import json
import math
import time
import uuid
from pathlib import Path

from games.engine.core.letters import ALPHABET
from games.engine.core.storage import write_bytes_atomic
from games.engine.records import mastery
from games.engine.records.avatars import ANIMALS, COLOR_NAMES, next_avatar
from games.engine.records.handed import read_handed_file
from games.engine.records.names import clean_name, forget_key, legacy_forget_key, same_name
from games.engine.records.schema import SCHEMA_VERSION, insert_answer

EXPORT_FORMAT = "letterplay-progress"
EXPORT_VERSION = 1
MAX_BYTES = 128_000_000          # about 400,000 answers: a big school's year
MAX_STROKE_POINTS = 2000         # as ``progress.Progress`` keeps a writing
MAX_STROKES_TEXT = 100_000       # a writing of 2,000 points is about 25,000 characters
MAX_TEXT = 64                    # a game's or level's name, an id
LATEST = 7_258_118_400.0         # 1 January 2200: a time after this is not a real answer's


def export_data(store) -> dict:
    """Every class, child and answer of ``store`` (a ``store.Store``), as JSON-ready data."""
    children = store.children()
    by_id = {ch.id: ch for ch in children}
    answers = []
    for row in store.answers():
        child = by_id.get(row.pop("child_id"))
        if child:
            answers.append({"child": child.uid, **row})
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "schema": SCHEMA_VERSION,
            "exported": time.time(), "classes": [c.name for c in store.classes()],
            "children": [{"uid": ch.uid, "name": ch.name, "class": ch.class_name, "animal": ch.animal,
                          "color": ch.color} for ch in children],
            "answers": answers}


def export_file(store, path: Path) -> int:
    """Write ``store``'s records to ``path`` (atomically); returns the number of answers."""
    data = export_data(store)
    write_bytes_atomic(Path(path), json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return len(data["answers"])


def merge(store, data) -> dict:
    """Merge an export into this database; returns counts (children_added, answers_added, ...).

    Raises ValueError with a plain message when ``data`` is not a Letterplay export this version reads;
    children and answers that fail the checks are left out (``children_damaged``, ``answers_damaged``).
    """
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ValueError("this is not a Letterplay progress export")
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise ValueError("this Letterplay export is damaged (it says no format version)")
    if version > EXPORT_VERSION:
        raise ValueError(f"this export was made by a newer Letterplay (format {version}; this one reads "
                         f"format {EXPORT_VERSION}): update Letterplay here first")
    if not isinstance(data.get("children"), list) or not isinstance(data.get("answers"), list):
        raise ValueError("this Letterplay export is damaged (no children or answers)")
    keep_strokes = store.option("keep_writing", "0") == "1"
    children = [clean_child(item) for item in data["children"]]
    answers = [clean_answer(a, keep_strokes) for a in data["answers"]]
    counts = {"children_added": 0, "children_matched": 0, "children_skipped_deleted": 0,
              "children_damaged": children.count(None), "answers_added": 0, "answers_already_here": 0,
              "answers_skipped": 0, "answers_damaged": answers.count(None), "reviews_taken": 0}
    with store.transaction() as c:
        forgotten = {k for (k,) in c.execute("SELECT key FROM forgotten")}
        classes = {same_name(name): class_id for class_id, name in c.execute("SELECT id, name FROM classes")}
        here = {(class_id, same_name(name)): child_id
                for child_id, class_id, name in c.execute("SELECT id, class_id, name FROM children")}
        local = {}   # their child uid -> our child id (None: deleted here)
        for item in filter(None, children):
            uid, name, class_name = item["uid"], item["name"], item["class"]
            class_id = classes.get(same_name(class_name))
            if class_id is not None and (class_id, same_name(name)) in here:
                local[uid] = here[(class_id, same_name(name))]
                counts["children_matched"] += 1
                continue
            if forget_key(class_name, name) in forgotten or legacy_forget_key(class_name, name) in forgotten:
                local[uid] = None
                counts["children_skipped_deleted"] += 1
                continue
            if class_id is None:
                class_id = classes[same_name(class_name)] = c.execute(
                    "INSERT INTO classes (name, created) VALUES (?, ?)", (class_name, time.time())).lastrowid
            animal, color = item["animal"], item["color"]
            if animal is None or color is None:
                animal, color = next_avatar(c.execute("SELECT animal, color FROM children WHERE class_id = ?",
                                                      (class_id,)).fetchall())
            new_uid = uid if not c.execute("SELECT 1 FROM children WHERE uid = ?", (uid,)).fetchone() else uuid.uuid4().hex
            local[uid] = here[(class_id, same_name(name))] = c.execute(
                "INSERT INTO children (uid, name, class_id, animal, color, created) VALUES (?, ?, ?, ?, ?, ?)",
                (new_uid, name, class_id, animal, color, time.time())).lastrowid
            counts["children_added"] += 1
        for a in filter(None, answers):
            child_id = local.get(a["child"])
            if child_id is None:
                counts["answers_skipped"] += 1
                continue
            cur = insert_answer(c, child_id, a)
            counts["answers_added" if cur.rowcount else "answers_already_here"] += 1
            if not cur.rowcount and a["reviewed_at"] is not None:   # the newest decision on it wins
                counts["reviews_taken"] += c.execute(
                    "UPDATE answers SET review = ?, reviewed_at = ? WHERE uid = ? AND child_id = ? "
                    "AND (reviewed_at IS NULL OR reviewed_at < ?)",
                    (a["review"], a["reviewed_at"], a["uid"], child_id, a["reviewed_at"])).rowcount
    return counts


def import_file(store, path: Path) -> dict:
    """Merge the export file at ``path`` into ``store`` (see :func:`merge`); the file is only read."""
    path = Path(path).expanduser()
    data = read_handed_file(path, MAX_BYTES, "Letterplay export")
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ValueError(f"{path.name} is not a Letterplay progress export (not UTF-8 text)") from None
    except (ValueError, RecursionError) as err:
        raise ValueError(f"{path.name} is not a Letterplay progress export ({_first_line(err)})") from None
    try:
        return merge(store, value)
    except ValueError as err:
        raise ValueError(f"{path.name}: {err}") from None


# -- the checks -------------------------------------------------------------------------------------

def clean_child(item) -> dict | None:
    """A child of an export with every field checked (names cleaned); None when it cannot be used."""
    if not isinstance(item, dict):
        return None
    uid, name, class_name = item.get("uid"), item.get("name"), item.get("class")
    if not _text(uid) or not uid or not isinstance(name, str) or not isinstance(class_name, str):
        return None
    name, class_name = clean_name(name), clean_name(class_name)
    if not name or not class_name:
        return None
    animal, color = item.get("animal"), item.get("color")
    if animal not in ANIMALS or color not in COLOR_NAMES:   # also a list or a number where a name belongs
        animal = color = None
    return {"uid": uid, "name": name, "class": class_name, "animal": animal, "color": color}


def clean_answer(a, keep_strokes: bool = False) -> dict | None:
    """An answer of an export as a row to insert, every field checked; None when it cannot be used."""
    if not isinstance(a, dict):
        return None
    letter, correct = a.get("letter"), a.get("correct")
    if not (_text(a.get("uid")) and a["uid"] and isinstance(a.get("child"), str)
            and _number(a.get("at")) and 0 <= a["at"] < LATEST
            and isinstance(letter, str) and len(letter) == 1 and letter.lower() in ALPHABET
            and a.get("letter_case") in mastery.CASES and a.get("action") in mastery.ACTIONS
            and a.get("help") in mastery.HELPS and (type(correct) is bool or (type(correct) is int and correct in (0, 1)))
            and _text(a.get("game")) and _text(a.get("level"))
            and _text(a.get("chosen"), none=True) and _text(a.get("best_guess"), none=True)
            and (a.get("confidence") is None or (_number(a["confidence"]) and 0 <= a["confidence"] <= 1))
            and (a.get("seconds") is None or (_number(a["seconds"]) and 0 <= a["seconds"] <= 86400))
            and a.get("refusal") in (None, *mastery.REFUSALS)
            and _review_ok(a.get("review"), a.get("reviewed_at"))):
        return None
    review = a.get("review")
    return {"child": a["child"], "uid": a["uid"], "at": float(a["at"]), "game": a["game"], "level": a["level"],
            "letter": letter.lower(), "letter_case": a["letter_case"], "action": a["action"], "correct": int(correct),
            "chosen": a.get("chosen"), "best_guess": a.get("best_guess"),
            "confidence": None if a.get("confidence") is None else float(a["confidence"]), "help": a["help"],
            "seconds": None if a.get("seconds") is None else float(a["seconds"]),
            "strokes": clean_strokes(a.get("strokes")) if keep_strokes else None, "refusal": a.get("refusal"),
            "review": None if review is None else int(review),
            "reviewed_at": None if a.get("reviewed_at") is None else float(a["reviewed_at"])}


def _review_ok(review, at) -> bool:
    """A grown-up's review as an export holds it: none, or right / not right (1 / 0) with its time; an
    undone one is a time with no decision."""
    if at is None:
        return review is None
    return (_number(at) and 0 <= at < LATEST
            and (review is None or type(review) is bool or (type(review) is int and review in (0, 1))))


def clean_strokes(value) -> str | None:
    """A kept writing as the game keeps it (JSON: strokes of whole-number [x, y] points, at most
    ``MAX_STROKE_POINTS`` in all), from its JSON text or its list; None when there is no usable writing."""
    if isinstance(value, str):
        if len(value) > MAX_STROKES_TEXT:
            return None
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            return None
    if not isinstance(value, list):
        return None
    kept, count = [], 0
    for stroke in value:
        if count >= MAX_STROKE_POINTS:
            break
        if not isinstance(stroke, list):
            return None
        points = []
        for p in stroke[:MAX_STROKE_POINTS - count]:
            if not (isinstance(p, list) and len(p) == 2 and all(_number(v) and abs(v) <= 100_000 for v in p)):
                return None
            points.append([round(p[0]), round(p[1])])
        count += len(points)
        if points:
            kept.append(points)
    return json.dumps(kept, separators=(",", ":")) if kept else None


def _number(value) -> bool:
    return type(value) is int or (type(value) is float and math.isfinite(value))   # never a bool


def _text(value, none: bool = False) -> bool:
    if value is None:
        return none
    if not isinstance(value, str) or len(value) > MAX_TEXT or "\0" in value:
        return False
    try:
        value.encode("utf-8")   # half a surrogate pair ("\ud800" in the JSON) cannot be written to the file
    except UnicodeEncodeError:
        return False
    return True


def _first_line(err) -> str:
    return str(err).splitlines()[0][:200] if str(err) else type(err).__name__
