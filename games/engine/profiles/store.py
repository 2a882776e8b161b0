"""The progress database: classes, children and one row per answer, in SQLite (standard library only).

- One file, ``progress.db`` in the user data folder (``paths.user_data_dir()``), in WAL mode with
  ``synchronous=NORMAL``: every answer is its own transaction, so killing the game (even ``kill -9``)
  loses at most the answer being written, and the file always opens again.
- ``schema_version`` holds every migration applied; :data:`MIGRATIONS` lists them from the first release
  on, and opening a file runs the ones it lacks (an empty file gets them all), in one transaction each.
- A file that is not a database, or fails SQLite's own check, is *set aside* as
  ``progress.db.broken-<date>`` (kept, like a damaged settings file, with its ``-wal`` beside it) and a
  fresh database starts; :attr:`Store.problem` says so in a sentence for the grown-ups' screen. When no
  file can be written at all the database lives in memory and ``problem`` says nothing is kept.
- Deleting a child deletes every row about them (foreign keys cascade) and keeps only a one-way hash
  of class + name (``forgotten``) so that importing an older export does not bring the child back.
- Export files are JSON; importing merges them: the same child is the one with the same name in the
  class of the same name (case and spaces ignored), and every answer carries a random id, so an answer
  is never counted twice however often files go back and forth between machines.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..storage import set_aside, write_bytes_atomic

log = logging.getLogger(__name__)

EXPORT_FORMAT = "letterplay-progress"
EXPORT_VERSION = 1

#: migration n (1-based) brings a database from schema n-1 to n; never edit one that was released
MIGRATIONS: list[str] = [
    # 1: the first release
    """
    CREATE TABLE classes (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created REAL NOT NULL
    );
    CREATE TABLE children (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL COLLATE NOCASE,
        class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
        animal TEXT NOT NULL,
        color TEXT NOT NULL,
        created REAL NOT NULL,
        UNIQUE (class_id, name)
    );
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
        at REAL NOT NULL,
        game TEXT NOT NULL,
        level TEXT NOT NULL,
        letter TEXT NOT NULL,
        letter_case TEXT NOT NULL,
        action TEXT NOT NULL,
        correct INTEGER NOT NULL,
        chosen TEXT,
        best_guess TEXT,
        confidence REAL,
        help TEXT NOT NULL,
        seconds REAL
    );
    CREATE INDEX answers_by_child ON answers (child_id, at);
    CREATE TABLE options (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: writing samples (a teacher option) and the deleted children an import must not bring back
    """
    ALTER TABLE answers ADD COLUMN strokes TEXT;
    CREATE TABLE forgotten (key TEXT PRIMARY KEY);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

ANSWER_FIELDS = ("uid", "at", "game", "level", "letter", "letter_case", "action", "correct", "chosen",
                 "best_guess", "confidence", "help", "seconds", "strokes")


@dataclass(frozen=True)
class Child:
    """A child as the grown-ups made them: a name, a class, and an avatar (an animal and a colour)."""

    id: int
    uid: str
    name: str
    class_id: int
    class_name: str
    animal: str
    color: str


@dataclass(frozen=True)
class SchoolClass:
    id: int
    name: str


def same_name(text: str) -> str:
    """How names are compared: case and extra spaces do not matter ("  mia " is "Mia")."""
    return " ".join(str(text).split()).casefold()


def clean_name(text: str) -> str:
    return " ".join(str(text).split())[:40]


def forget_key(class_name: str, child_name: str) -> str:
    """The one-way key a deleted child leaves behind (no name can be read back from it)."""
    return hashlib.sha256(f"{same_name(class_name)}\0{same_name(child_name)}".encode()).hexdigest()


class Store:
    """The open database. Every change runs in one transaction (:meth:`transaction`)."""

    FILE_NAME = "progress.db"

    def __init__(self, path: Path | str | None):
        self.path = Path(path) if path is not None else None
        self.problem: str | None = None
        self.conn = self._open()

    # -- opening -----------------------------------------------------------------------------------
    @classmethod
    def default_path(cls) -> Path:
        return paths.user_data_dir() / cls.FILE_NAME

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return self._connect(":memory:")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return self._connect(self.path)
        except sqlite3.DatabaseError as err:   # not a database, damaged, or from a much newer version
            backup = self._set_aside()
            kept = f"kept it as {backup.name}" if backup else "could not move it aside"
            self.problem = f"The progress file was damaged ({err}); {kept}. A new one was started."
            log.warning(self.problem)
        except OSError as err:
            self.problem = f"The progress file could not be opened ({err}); nothing is kept this time."
            log.warning(self.problem)
            return self._connect(":memory:")
        try:
            return self._connect(self.path)
        except (sqlite3.DatabaseError, OSError) as err:
            self.problem = f"The progress file could not be made ({err}); nothing is kept this time."
            log.warning(self.problem)
            return self._connect(":memory:")

    def _connect(self, where) -> sqlite3.Connection:
        conn = sqlite3.connect(str(where), isolation_level=None, timeout=5.0)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")   # deleted rows are overwritten, not left in free pages
            if where != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")   # WAL + NORMAL: a killed process loses nothing committed
                ok = conn.execute("PRAGMA quick_check").fetchone()[0]
                if ok != "ok":
                    raise sqlite3.DatabaseError(f"check failed: {ok}")
            self._migrate(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _set_aside(self) -> Path | None:
        backup = set_aside(self.path)
        if backup is not None:
            for extra in ("-wal", "-shm"):   # the journal belongs with the file it journals
                side = self.path.with_name(self.path.name + extra)
                if side.exists():
                    with contextlib.suppress(OSError):
                        os.rename(side, backup.with_name(backup.name + extra))
        return backup

    @staticmethod
    def version(conn: sqlite3.Connection) -> int:
        has = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'").fetchone()
        if not has:
            return 0
        return conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]

    def _migrate(self, conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied REAL NOT NULL)")
        current = self.version(conn)
        if current > SCHEMA_VERSION:
            log.warning("progress file is from a newer Letterplay (schema %s > %s); using it as it is",
                        current, SCHEMA_VERSION)
        for number in range(current + 1, SCHEMA_VERSION + 1):
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in MIGRATIONS[number - 1].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute("INSERT INTO schema_version VALUES (?, ?)", (number, time.time()))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            log.info("progress file migrated to schema %s", number)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    @contextlib.contextmanager
    def transaction(self):
        """All the writes inside happen together or not at all."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- options -----------------------------------------------------------------------------------
    def option(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM options WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_option(self, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO options VALUES (?, ?)", (key, str(value)))

    # -- classes and children ------------------------------------------------------------------------
    def classes(self) -> list[SchoolClass]:
        return [SchoolClass(*row) for row in self.conn.execute("SELECT id, name FROM classes ORDER BY name")]

    def add_class(self, name: str) -> SchoolClass:
        name = clean_name(name)
        if not name:
            raise ValueError("a class needs a name")
        with self.transaction() as c:
            row = c.execute("SELECT id, name FROM classes WHERE name = ?", (name,)).fetchone()
            if row:
                return SchoolClass(*row)
            cur = c.execute("INSERT INTO classes (name, created) VALUES (?, ?)", (name, time.time()))
            return SchoolClass(cur.lastrowid, name)

    def rename_class(self, class_id: int, name: str) -> None:
        name = clean_name(name)
        if not name:
            raise ValueError("a class needs a name")
        with self.transaction() as c:
            if c.execute("SELECT 1 FROM classes WHERE name = ? AND id != ?", (name, class_id)).fetchone():
                raise ValueError(f"there is already a class called {name}")
            c.execute("UPDATE classes SET name = ? WHERE id = ?", (name, class_id))

    def delete_class(self, class_id: int) -> None:
        """The class and every child in it, with everything recorded about them."""
        with self.transaction() as c:
            for (child_id,) in c.execute("SELECT id FROM children WHERE class_id = ?", (class_id,)).fetchall():
                self._forget(c, child_id)
            c.execute("DELETE FROM classes WHERE id = ?", (class_id,))
        self._flush_journal()

    _CHILD_SQL = ("SELECT ch.id, ch.uid, ch.name, ch.class_id, cl.name, ch.animal, ch.color "
                  "FROM children ch JOIN classes cl ON cl.id = ch.class_id")

    def children(self, class_id: int | None = None) -> list[Child]:
        if class_id is None:
            rows = self.conn.execute(self._CHILD_SQL + " ORDER BY cl.name, ch.name")
        else:
            rows = self.conn.execute(self._CHILD_SQL + " WHERE ch.class_id = ? ORDER BY ch.name", (class_id,))
        return [Child(*row) for row in rows]

    def child(self, child_id: int) -> Child | None:
        row = self.conn.execute(self._CHILD_SQL + " WHERE ch.id = ?", (child_id,)).fetchone()
        return Child(*row) if row else None

    def add_child(self, class_id: int, name: str, animal: str, color: str, uid: str | None = None) -> Child:
        name = clean_name(name)
        if not name:
            raise ValueError("a child needs a name")
        with self.transaction() as c:
            class_name = c.execute("SELECT name FROM classes WHERE id = ?", (class_id,)).fetchone()
            if class_name is None:
                raise ValueError("no such class")
            if c.execute("SELECT 1 FROM children WHERE class_id = ? AND name = ?", (class_id, name)).fetchone():
                raise ValueError(f"{name} is already in {class_name[0]}")
            c.execute("DELETE FROM forgotten WHERE key = ?", (forget_key(class_name[0], name),))   # added again on purpose
            cur = c.execute("INSERT INTO children (uid, name, class_id, animal, color, created) VALUES (?, ?, ?, ?, ?, ?)",
                            (uid or uuid.uuid4().hex, name, class_id, animal, color, time.time()))
        return self.child(cur.lastrowid)

    def rename_child(self, child_id: int, name: str) -> None:
        name = clean_name(name)
        if not name:
            raise ValueError("a child needs a name")
        with self.transaction() as c:
            row = c.execute("SELECT class_id FROM children WHERE id = ?", (child_id,)).fetchone()
            if row and c.execute("SELECT 1 FROM children WHERE class_id = ? AND name = ? AND id != ?",
                                 (row[0], name, child_id)).fetchone():
                raise ValueError(f"there is already a {name} in this class")
            c.execute("UPDATE children SET name = ? WHERE id = ?", (name, child_id))

    def set_avatar(self, child_id: int, animal: str, color: str) -> None:
        with self.transaction() as c:
            c.execute("UPDATE children SET animal = ?, color = ? WHERE id = ?", (animal, color, child_id))

    def delete_child(self, child_id: int) -> None:
        """The child and every answer recorded about them (nothing else keeps their name)."""
        with self.transaction() as c:
            self._forget(c, child_id)
        self._flush_journal()

    def _flush_journal(self) -> None:
        """Copy the journal into the file and empty it: old versions of deleted rows leave the -wal too."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _forget(self, c, child_id: int) -> None:
        row = c.execute("SELECT ch.name, cl.name FROM children ch JOIN classes cl ON cl.id = ch.class_id "
                        "WHERE ch.id = ?", (child_id,)).fetchone()
        if row:
            c.execute("INSERT OR IGNORE INTO forgotten VALUES (?)", (forget_key(row[1], row[0]),))
        c.execute("DELETE FROM answers WHERE child_id = ?", (child_id,))
        c.execute("DELETE FROM children WHERE id = ?", (child_id,))

    def wipe(self) -> None:
        """End of the year: every class, child and answer goes (export first)."""
        with self.transaction() as c:
            for (child_id,) in c.execute("SELECT id FROM children").fetchall():
                self._forget(c, child_id)
            c.execute("DELETE FROM classes")
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("VACUUM")   # the file shrinks back
        self._flush_journal()

    # -- answers -----------------------------------------------------------------------------------
    def add_answer(self, child_id: int, row: dict) -> None:
        """One answer, in its own transaction."""
        cols = ", ".join(ANSWER_FIELDS)
        marks = ", ".join("?" for _ in ANSWER_FIELDS)
        with self.transaction() as c:
            c.execute(f"INSERT OR IGNORE INTO answers (child_id, {cols}) VALUES (?, {marks})",
                      (child_id, *(row.get(k) for k in ANSWER_FIELDS)))

    def answers(self, child_id: int | None = None, since: float | None = None):
        """Answer rows (as dicts with ``child_id``), oldest first."""
        sql = f"SELECT child_id, {', '.join(ANSWER_FIELDS)} FROM answers"
        where, args = [], []
        if child_id is not None:
            where.append("child_id = ?")
            args.append(child_id)
        if since is not None:
            where.append("at >= ?")
            args.append(since)
        if where:
            sql += " WHERE " + " AND ".join(where)
        cur = self.conn.execute(sql + " ORDER BY at, id", args)
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row)) for row in cur]

    def count_answers(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM answers").fetchone()[0]

    # -- export and merge --------------------------------------------------------------------------
    def export_data(self) -> dict:
        children = self.children()
        by_id = {ch.id: ch for ch in children}
        answers = []
        for row in self.answers():
            child = by_id.get(row.pop("child_id"))
            if child:
                answers.append({"child": child.uid, **row})
        return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "schema": SCHEMA_VERSION,
                "exported": time.time(), "classes": [c.name for c in self.classes()],
                "children": [{"uid": ch.uid, "name": ch.name, "class": ch.class_name, "animal": ch.animal,
                              "color": ch.color} for ch in children],
                "answers": answers}

    def export_file(self, path: Path) -> int:
        """Write this machine's records to ``path`` (atomically); returns the number of answers."""
        data = self.export_data()
        write_bytes_atomic(Path(path), json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        return len(data["answers"])

    def merge(self, data) -> dict:
        """Merge an export into this database; returns counts (children_added, answers_added, ...).

        Raises ValueError with a plain message when ``data`` is not a Letterplay export.
        """
        if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
            raise ValueError("this is not a Letterplay progress export")
        if not isinstance(data.get("children"), list) or not isinstance(data.get("answers"), list):
            raise ValueError("this Letterplay export is damaged (no children or answers)")
        counts = {"children_added": 0, "children_matched": 0, "children_skipped_deleted": 0,
                  "answers_added": 0, "answers_already_here": 0, "answers_skipped": 0}
        with self.transaction() as c:
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
            cols = ", ".join(ANSWER_FIELDS)
            marks = ", ".join("?" for _ in ANSWER_FIELDS)
            for a in data["answers"]:
                child_id = local.get(a.get("child")) if isinstance(a, dict) else None
                if child_id is None or not _valid_answer(a):
                    counts["answers_skipped"] += 1
                    continue
                cur = c.execute(f"INSERT OR IGNORE INTO answers (child_id, {cols}) VALUES (?, {marks})",
                                (child_id, *(a.get(k) for k in ANSWER_FIELDS)))
                counts["answers_added" if cur.rowcount else "answers_already_here"] += 1
        return counts

    def import_file(self, path: Path) -> dict:
        try:
            text = Path(path).read_bytes().decode("utf-8-sig")
            data = json.loads(text)
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
            raise ValueError(f"{Path(path).name} is not a Letterplay progress export ({err})") from err
        return self.merge(data)


def _valid_answer(a: dict) -> bool:
    try:
        return (isinstance(a["uid"], str) and len(a["uid"]) <= 64 and isinstance(a["at"], (int, float))
                and isinstance(a["letter"], str) and len(a["letter"]) == 1 and a["letter"].isalpha()
                and a["letter_case"] in ("upper", "lower") and a["correct"] in (0, 1, True, False)
                and isinstance(a["action"], str) and isinstance(a["help"], str))
    except (KeyError, TypeError):
        return False
