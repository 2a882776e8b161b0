"""The progress database: classes, children and one row per answer, in SQLite (standard library only).

- One file, ``progress.db`` in the user data folder (``paths.user_data_dir()``), in WAL mode with
  ``synchronous=NORMAL``: every answer is its own transaction, so killing the game (even ``kill -9``)
  loses at most the answer being written, and the file always opens again.
- ``schema_version`` holds every migration applied; ``schema.MIGRATIONS`` lists them from the first release
  on, and opening a file runs the ones it lacks (an empty file gets them all), in one transaction each.
- Only a file SQLite itself reports as damaged (not a database, or failing its own check) is *set
  aside* as ``progress.db.broken-<date>`` (kept, with its ``-wal`` beside it; ``set_aside.py`` lists
  them and brings their children back) and a fresh database starts. A full disk, a file-size limit,
  another program holding the file, an I/O error or a read-only file never move it: the file is opened
  read only (:attr:`Store.mode` "read-only") or not at all ("away": an empty database in memory), and
  :attr:`Store.problem` says so in a sentence for the grown-ups' screens, in every session until it is
  fixed. When no file can be made at all the database lives in memory ("memory": nothing is kept).
- Nothing waits for the file: a change the grown-ups ask for that cannot be written now raises
  :class:`NotSaved` (an ``OSError`` with a kind sentence) and changes nothing; answers that cannot be
  written wait in memory (``answer_writer.py``).
- Deleting a child deletes every row about them (foreign keys cascade) and keeps only a one-way hash
  of class + name (``forgotten``) so that importing an older export does not bring the child back.
- Each child's letters are kept folded (``letter_states``, schema migration 3), each through one
  answer: :meth:`Store.letter_states` folds only the answers since, so no page reads every answer
  ever. Triggers drop a letter's state when an older answer comes in or one goes (it is folded anew).
- Export files are JSON; importing merges them: the same child is the one with the same name in the
  class of the same name (case and spaces ignored), and every answer carries a random id, so an answer
  is never counted twice however often files go back and forth between machines.

This module is the :class:`Store` and its queries; the tables, migrations and opening of the file are
in ``schema.py``, export and merge in ``exchange.py``, and how names are compared in ``names.py``.
"""
from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from games.engine.core import paths
from games.engine.core.storage import make_private
from games.engine.records import exchange, mastery
from games.engine.records.names import clean_name, forget_key
from games.engine.records.schema import (ANSWER_FIELDS, REVIEW_FIELDS, VERDICT_SQL, insert_answer, is_damaged,
                                         open_database, schema_version, why_not)

log = logging.getLogger(__name__)

#: how long a grown-up's change may wait for another program's write to end (answers never wait)
GROWNUP_WAIT_MS = 250
#: SQLite's answers that mean "not now" (the disk, a lock, the file's rights), not "you asked wrongly"
CANNOT_WRITE_NOW = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY,
                    sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM)


class NotSaved(OSError):
    """A change could not be written to the progress file just now; nothing was changed. Its text is
    a kind sentence for the grown-ups' page."""


def cannot_write_now(err: BaseException) -> bool:
    """Is ``err`` the file refusing a write for now (full, busy, read only, I/O, damaged)?"""
    code = (getattr(err, "sqlite_errorcode", None) or 0) & 0xFF
    return code in CANNOT_WRITE_NOW or is_damaged(err) or (
        isinstance(err, sqlite3.OperationalError) and "readonly" in str(err))


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


class Store:
    """The open database. Every change runs in one transaction (:meth:`transaction`)."""

    FILE_NAME = "progress.db"

    def __init__(self, path: Path | str | None):
        self.path = Path(path) if path is not None else None
        opened = open_database(self.path)
        self.conn = opened.conn
        #: "file", "read-only", "away" or "memory" (see ``schema.Opened``)
        self.mode = opened.mode
        #: what went wrong opening the file, for the grown-ups (None: all well)
        self.problem: str | None = opened.problem
        self.journal_left = False   # a checkpoint after a delete could not empty the journal yet
        if self.path is not None and self.mode != "memory":
            for name in (self.path.name, self.path.name + "-wal", self.path.name + "-shm"):
                make_private(self.path.with_name(name))   # made by an older version, open to all

    # -- opening -----------------------------------------------------------------------------------
    @classmethod
    def default_path(cls) -> Path:
        return paths.user_data_dir() / cls.FILE_NAME

    @staticmethod
    def version(conn: sqlite3.Connection) -> int:
        """The database's schema version (see ``schema.py``)."""
        return schema_version(conn)

    @property
    def writable(self) -> bool:
        """Can changes be written (the file opened for writing, or a database in memory)?"""
        return self.mode in ("file", "memory")

    def use_connection(self, conn: sqlite3.Connection) -> None:
        """The file can be written again: ``conn`` (opened and checked elsewhere) replaces the read-only
        or empty one, and the problem is over."""
        old, self.conn = self.conn, conn
        self.mode, self.problem = "file", None
        with contextlib.suppress(sqlite3.Error):
            old.close()
        log.info("the progress file can be written again")

    def close(self) -> None:
        """Empty the journal into the file (a deleted child's rows leave the -wal too), then close."""
        if self.mode == "file":
            self.flush_journal()
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    @contextlib.contextmanager
    def transaction(self, wait_ms: int = GROWNUP_WAIT_MS):
        """All the writes inside happen together or not at all. When the file cannot take them now
        (full, busy for longer than ``wait_ms``, read only, away) :class:`NotSaved` is raised and
        nothing changed."""
        conn = self.conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as err:
            raise self._not_saved(err) from err
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as err:
            with contextlib.suppress(sqlite3.Error):   # SQLite may have rolled back already
                conn.execute("ROLLBACK")
            if isinstance(err, sqlite3.Error) and cannot_write_now(err):
                raise self._not_saved(err) from err
            raise

    def _not_saved(self, err: sqlite3.Error) -> Exception:
        if not cannot_write_now(err) and self.mode != "away":
            return err
        why = "it cannot be opened just now" if self.mode == "away" else why_not(err)
        return NotSaved(f"Not saved: the progress file cannot be written now ({why}). Nothing was changed.")

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
        self.flush_journal()

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
        self.flush_journal()

    def flush_journal(self) -> bool:
        """Copy the journal into the file and empty it: old versions of deleted rows leave the -wal too.
        False when a reader (another window, a report) kept it from emptying: :meth:`close` tries again."""
        try:
            busy = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.Error as err:
            log.info("the journal could not be emptied: %s", err)
            busy = 1
        self.journal_left = bool(busy)
        return not busy

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
        self.flush_journal()

    # -- answers -----------------------------------------------------------------------------------
    def add_answer(self, child_id: int, row: dict) -> None:
        """One answer, in its own transaction, without waiting: raises :class:`NotSaved` when the file
        cannot take it now (``progress`` then keeps it waiting)."""
        with self.transaction(wait_ms=0) as c:
            insert_answer(c, child_id, row)

    def answers(self, child_id: int | None = None, since: float | None = None):
        """Answer rows (as dicts with ``child_id``, the game's ``correct`` and a grown-up's ``review``), oldest first."""
        sql = f"SELECT child_id, {', '.join(ANSWER_FIELDS + REVIEW_FIELDS)} FROM answers"
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

    # -- what the answers say (mastery, kept per letter) -----------------------------------------------
    KEEP_AFTER = 64   # a letter's state is kept again once this many answers were folded onto it

    def letter_states(self, child_id: int) -> dict:
        """(letter, case) -> :class:`~games.engine.records.mastery.LetterState` of the child.

        Each letter's kept state (``letter_states``) with only the answers since folded onto it, so the
        time does not grow with all the answers ever given. A letter whose state was dropped (an import
        brought older answers) is folded from its first answer. States brought up to date by many
        answers are kept again, only when the file can be written at once (never waiting in a frame).
        """
        conn = self.conn
        own = not conn.in_transaction
        if own:
            conn.execute("BEGIN")   # one view of the file; writing back fails if another program wrote since
        try:
            try:
                kept = conn.execute("SELECT letter, letter_case, state, through_at, through_id FROM letter_states "
                                    "WHERE child_id = ?", (child_id,)).fetchall()
            except sqlite3.OperationalError:   # a file this version could not migrate (read-only)
                return mastery.fold(self.answers(child_id))
            states, fresh = {}, []
            for letter, case, text, at, row_id in kept:
                st = mastery.LetterState.from_json(text) if text and at is not None and row_id is not None else None
                sql = (f"SELECT id, at, action, {VERDICT_SQL}, help FROM answers "   # a grown-up's review counts
                       "WHERE child_id = ? AND letter = ? AND letter_case = ?")
                args = (child_id, letter, case)
                if st is None:
                    st, changed = mastery.LetterState(), True
                else:
                    sql += " AND at >= ? AND (at > ? OR id > ?)"   # the range on ``at`` is what the index serves
                    args += (at, at, row_id)
                    changed = False
                rows = conn.execute(sql + " ORDER BY at, id", args).fetchall()
                st.add_rows(row[1:] for row in rows)
                if rows and (changed or len(rows) >= self.KEEP_AFTER):
                    last_id, last_at = rows[-1][:2]
                    fresh.append((st.to_json(), last_at, last_id, child_id, letter, case))
                if st.seen:
                    states[(letter, case)] = st
            if fresh and own:
                self._keep_states(fresh)
            return states
        finally:
            if own and conn.in_transaction:
                conn.execute("COMMIT")

    def _keep_states(self, fresh: list) -> None:
        conn = self.conn
        wait = conn.execute("PRAGMA busy_timeout").fetchone()[0]
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            conn.executemany("UPDATE letter_states SET state = ?, through_at = ?, through_id = ? "
                             "WHERE child_id = ? AND letter = ? AND letter_case = ?", fresh)
            conn.execute("COMMIT")
        except sqlite3.Error:   # busy, read-only or full: they are folded again next time
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(wait)}")
    # -- export and merge (exchange.py) ---------------------------------------------------------------
    def export_data(self) -> dict:
        return exchange.export_data(self)

    def export_file(self, path: Path) -> int:
        """Write this machine's records to ``path`` (atomically); returns the number of answers."""
        return exchange.export_file(self, path)

    def merge(self, data) -> dict:
        """Merge an export into this database; returns counts (children_added, answers_added, ...).

        Raises ValueError with a plain message when ``data`` is not a Letterplay export.
        """
        return exchange.merge(self, data)

    def import_file(self, path: Path) -> dict:
        return exchange.import_file(self, path)
