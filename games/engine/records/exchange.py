"""Moving records between computers: a store's export file, and merging one in so that nothing is counted twice and a deleted child stays deleted."""
from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

from games.engine.core.storage import write_bytes_atomic
from games.engine.records.names import clean_name, forget_key
from games.engine.records.schema import SCHEMA_VERSION, insert_answer

EXPORT_FORMAT = "letterplay-progress"
EXPORT_VERSION = 1


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

    Raises ValueError with a plain message when ``data`` is not a Letterplay export.
    """
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ValueError("this is not a Letterplay progress export")
    if not isinstance(data.get("children"), list) or not isinstance(data.get("answers"), list):
        raise ValueError("this Letterplay export is damaged (no children or answers)")
    counts = {"children_added": 0, "children_matched": 0, "children_skipped_deleted": 0,
              "answers_added": 0, "answers_already_here": 0, "answers_skipped": 0}
    with store.transaction() as c:
        forgotten = {k for (k,) in c.execute("SELECT key FROM forgotten")}
        local = {}   # their child uid -> our child id (None: deleted here)
        for item in data["children"]:
            try:
                uid, name, class_name = str(item["uid"]), clean_name(item["name"]), clean_name(item["class"])
            except (KeyError, TypeError):
                continue
            if not name or not class_name:
                continue
            row = c.execute("SELECT ch.id FROM children ch JOIN classes cl ON cl.id = ch.class_id "
                            "WHERE cl.name = ? AND ch.name = ?", (class_name, name)).fetchone()
            if row:
                local[uid] = row[0]
                counts["children_matched"] += 1
                continue
            if forget_key(class_name, name) in forgotten:
                local[uid] = None
                counts["children_skipped_deleted"] += 1
                continue
            cl = c.execute("SELECT id FROM classes WHERE name = ?", (class_name,)).fetchone()
            class_id = cl[0] if cl else c.execute("INSERT INTO classes (name, created) VALUES (?, ?)",
                                                  (class_name, time.time())).lastrowid
            new_uid = uid if not c.execute("SELECT 1 FROM children WHERE uid = ?", (uid,)).fetchone() else uuid.uuid4().hex
            local[uid] = c.execute(
                "INSERT INTO children (uid, name, class_id, animal, color, created) VALUES (?, ?, ?, ?, ?, ?)",
                (new_uid, name, class_id, str(item.get("animal", "Lion")), str(item.get("color", "orange")),
                 time.time())).lastrowid
            counts["children_added"] += 1
        for a in data["answers"]:
            child_id = local.get(a.get("child")) if isinstance(a, dict) else None
            if child_id is None or not _valid_answer(a):
                counts["answers_skipped"] += 1
                continue
            cur = insert_answer(c, child_id, a)
            counts["answers_added" if cur.rowcount else "answers_already_here"] += 1
    return counts


def import_file(store, path: Path) -> dict:
    """Merge the export file at ``path`` into ``store`` (see :func:`merge`)."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        raise ValueError(f"{Path(path).name} is not a Letterplay progress export ({err})") from err
    return merge(store, data)


def _valid_answer(a: dict) -> bool:
    try:
        return (isinstance(a["uid"], str) and len(a["uid"]) <= 64 and isinstance(a["at"], (int, float))
                and isinstance(a["letter"], str) and len(a["letter"]) == 1 and a["letter"].isalpha()
                and a["letter_case"] in ("upper", "lower") and a["correct"] in (0, 1, True, False)
                and isinstance(a["action"], str) and isinstance(a["help"], str))
    except (KeyError, TypeError):
        return False
