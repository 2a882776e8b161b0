"""Damaged progress files that were set aside (``progress.db.broken-<date>``, see ``schema.py``).

Such a file is never silent: until a grown-up has seen the notice on the Children page (the names of
the files seen are kept in the options, ``set_aside_seen``), every start says so on the launcher's
grown-up corner and the settings. The Children page offers to bring back the children it still
holds: what can be read from it is merged as an import is (``exchange.merge``: nothing counted twice,
a child deleted since stays deleted). A deleted child's name may still be in such a file:
:func:`holding` finds the files, so the grown-up is told, and :func:`delete_copy` removes one.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from games.engine.records import exchange
from games.engine.records.schema import ANSWER_FIELDS, REVIEW_FIELDS, SCHEMA_VERSION

log = logging.getLogger(__name__)

SEEN_OPTION = "set_aside_seen"
JOURNALS = ("-wal", "-shm")
RESTARTS = 40          # times reading a damaged table starts again past a bad place
CHUNK = 1 << 20        # bytes read at a time when looking for a name


def copies(store) -> list[Path]:
    """The damaged files set aside beside ``store``'s file, newest first (their journals left out)."""
    if store.path is None:
        return []
    try:
        found = [p for p in store.path.parent.glob(f"{store.path.name}.broken-*")
                 if not p.name.endswith(JOURNALS) and p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def when(copy: Path) -> str:
    """The day ``copy`` was set aside, as a grown-up says it ("7 Mar 2026")."""
    stamp = copy.name.rsplit(".broken-", 1)[-1][:15]
    try:
        day = dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S")
    except ValueError:
        try:
            day = dt.datetime.fromtimestamp(copy.stat().st_mtime)
        except OSError:
            return "earlier"
    return f"{day.day} {day:%b %Y}"


def seen(store) -> set[str]:
    try:
        names = json.loads(store.option(SEEN_OPTION, "[]"))
    except (ValueError, sqlite3.Error):
        return set()
    return {n for n in names if isinstance(n, str)} if isinstance(names, list) else set()


def unseen(store) -> list[Path]:
    """The set-aside files whose notice no grown-up has seen yet."""
    known = seen(store)
    return [c for c in copies(store) if c.name not in known]


def notice(files: list[Path]) -> str:
    """The sentence the grown-ups' screens show about set-aside files."""
    first = files[0]
    more = f" (and {len(files) - 1} older)" if len(files) > 1 else ""
    return f"A damaged progress file was kept as {first.name}{more}: the Children page can bring its children back."


def mark_seen(store, files: list[Path]) -> None:
    """A grown-up saw the notice of ``files`` (raises ``store.NotSaved`` when that cannot be kept now)."""
    names = sorted(seen(store) | {f.name for f in files})
    store.set_option(SEEN_OPTION, json.dumps(names))


def read_copy(copy: Path) -> dict:
    """What can still be read from the damaged file ``copy``, as an export (``exchange``) holds it.

    It is read from a private copy (the file itself is never changed); a damaged table is read up to
    the bad place and again past it. Raises ValueError when nothing can be read.
    """
    with tempfile.TemporaryDirectory(prefix="letterplay-") as folder:
        work = Path(folder) / "old.db"
        try:
            shutil.copyfile(copy, work)
            for extra in JOURNALS[:1]:
                side = copy.with_name(copy.name + extra)
                if side.is_file():
                    shutil.copyfile(side, work.with_name(work.name + extra))
        except OSError as err:
            raise ValueError(f"{copy.name} could not be read ({err.strerror or err})") from err
        try:
            conn = sqlite3.connect(str(work), isolation_level=None)
        except sqlite3.Error as err:
            raise ValueError(f"nothing could be read from {copy.name} ({err})") from err
        try:
            return _read(conn, copy)
        finally:
            conn.close()


def _read(conn: sqlite3.Connection, copy: Path) -> dict:
    """Each table read on its own (a damaged one loses only its own rows), joined here."""
    classes = {r[0]: r[1] for r in _rows(conn, "SELECT id, name FROM classes WHERE id > ? ORDER BY id")}
    children = _rows(conn, "SELECT id, uid, name, class_id, animal, color FROM children WHERE id > ? ORDER BY id")
    for r in children:   # a class whose row is lost keeps its children together, under a name to change
        classes.setdefault(r[3], f"Class {r[3]}")
    if not children:
        raise ValueError(f"no children could be read from {copy.name}")
    uid_of = {r[0]: r[1] for r in children}
    try:
        have = {r[1] for r in conn.execute("PRAGMA table_info(answers)")}
    except sqlite3.Error:
        have = set()
    fields = [f for f in ANSWER_FIELDS + REVIEW_FIELDS if f in have]
    answers = []
    if {"uid", "at", "letter", "letter_case", "action", "correct", "help"} <= set(fields):
        rows = _rows(conn, f"SELECT id, child_id, {', '.join(fields)} FROM answers WHERE id > ? ORDER BY id")
        answers = [{"child": uid_of[r[1]], **dict(zip(fields, r[2:]))} for r in rows if r[1] in uid_of]
    return {"format": exchange.EXPORT_FORMAT, "version": exchange.EXPORT_VERSION, "schema": SCHEMA_VERSION,
            "exported": time.time(), "classes": sorted({classes[r[3]] for r in children}),
            "children": [{"uid": r[1], "name": r[2], "class": classes[r[3]], "animal": r[4], "color": r[5]}
                         for r in children],
            "answers": answers}


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple]:
    """Every row ``sql`` (ordered by id, from ``id > ?``) can read; past a bad place it goes on further on."""
    rows, after, step = [], -1, 1
    for _ in range(RESTARTS):
        try:
            for row in conn.execute(sql, (after,)):
                rows.append(row)
                after = row[0]
            return rows
        except sqlite3.DatabaseError:
            after, step = after + step, step * 2   # jump further each time the same place fails
    return rows


def bring_back(store, copy: Path) -> dict:
    """Merge the children and answers still readable in ``copy`` into ``store`` (as an import); counts."""
    counts = store.merge(read_copy(copy))
    log.info("brought back from %s: %s", copy.name, counts)
    return counts


def holding(files: list[Path], name: str) -> list[Path]:
    """The files among ``files`` (with their journals) in which ``name`` can still be read."""
    needle = name.encode("utf-8").lower()
    if not needle:
        return []
    found = []
    for copy in files:
        for part in (copy, *(copy.with_name(copy.name + e) for e in JOURNALS)):
            if _contains(part, needle):
                found.append(copy)
                break
    return found


def _contains(path: Path, needle: bytes) -> bool:
    try:
        with open(path, "rb") as f:
            tail = b""
            while chunk := f.read(CHUNK):
                block = tail + chunk.lower()
                if needle in block:
                    return True
                tail = block[-len(needle) + 1:] if len(needle) > 1 else b""
    except OSError:
        return False
    return False


def delete_copy(copy: Path) -> None:
    """Remove a set-aside file and its journals for good (raises OSError when it cannot)."""
    for part in (copy, *(copy.with_name(copy.name + e) for e in JOURNALS)):
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
