"""The progress database's tables and their migrations, and opening its file: checked and migrated; set aside only when
SQLite says it is damaged, read only (or not at all) when the disk, a lock or the file's rights stand in the way."""
from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from games.engine.core.storage import create_private_file, make_private_folder, set_aside
from games.engine.records.names import repair_names

log = logging.getLogger(__name__)

LETTER_STATES = (
    # each child's state of each letter and case (mastery.LetterState as JSON), folded through one answer;
    # state NULL: fold that letter's answers again (an answer came in before that point, or one went)
    """CREATE TABLE letter_states (
        child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
        letter TEXT NOT NULL,
        letter_case TEXT NOT NULL,
        state TEXT,
        through_at REAL,
        through_id INTEGER,
        PRIMARY KEY (child_id, letter, letter_case)
    ) WITHOUT ROWID""",
    "CREATE INDEX answers_by_letter ON answers (child_id, letter, letter_case, at)",
    "CREATE INDEX answers_with_strokes ON answers (child_id, at) WHERE strokes IS NOT NULL",
    """CREATE TRIGGER letter_states_answer_in AFTER INSERT ON answers BEGIN
        INSERT INTO letter_states (child_id, letter, letter_case) VALUES (NEW.child_id, NEW.letter, NEW.letter_case)
            ON CONFLICT DO UPDATE SET state = NULL
            WHERE state IS NOT NULL AND (through_at > NEW.at OR (through_at = NEW.at AND through_id > NEW.id));
    END""",
    """CREATE TRIGGER letter_states_answer_out AFTER DELETE ON answers BEGIN
        UPDATE letter_states SET state = NULL
            WHERE child_id = OLD.child_id AND letter = OLD.letter AND letter_case = OLD.letter_case
            AND state IS NOT NULL;
    END""",
    """CREATE TRIGGER letter_states_answer_changed AFTER UPDATE ON answers BEGIN
        INSERT OR IGNORE INTO letter_states (child_id, letter, letter_case)
            VALUES (NEW.child_id, NEW.letter, NEW.letter_case);
        UPDATE letter_states SET state = NULL
            WHERE (child_id = OLD.child_id AND letter = OLD.letter AND letter_case = OLD.letter_case)
            OR (child_id = NEW.child_id AND letter = NEW.letter AND letter_case = NEW.letter_case);
    END""",
    "INSERT OR IGNORE INTO letter_states (child_id, letter, letter_case) "
    "SELECT DISTINCT child_id, letter, letter_case FROM answers",
)


def _names_cleaned_and_letters_kept(conn: sqlite3.Connection) -> None:
    """3: names cleaned as they are on entry now (a NUL from a misread class list stopped the picker),
    and each child's letters kept folded (``letter_states``) so that no page reads every answer ever."""
    for statement in LETTER_STATES:
        conn.execute(statement)
    repair_names(conn)


#: migration n (1-based) brings a database from schema n-1 to n (SQL, or a function of the connection
#: for what SQL cannot do); never edit one that was released
MIGRATIONS: list = [
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
    # 3: names cleaned; each child's letters kept folded (see LETTER_STATES)
    _names_cleaned_and_letters_kept,
    # 4: what the checker said when it refused a writing, and a grown-up's review of a writing (reviews.py):
    # ``review`` 1 "this was right", 0 "this was not right", NULL none (``correct`` stays the game's verdict);
    # ``reviewed_at`` when it was decided, or undone (review NULL again): the newest decision wins a merge;
    # ``description``: the recognizer's description of a reviewed writing (recognizer.adapt; bytes made by
    # one set of networks, never exported), so a child's own checker is built without reading it again.
    # An UPDATE of an answer drops its letter's folded state (letter_states_answer_changed): folded anew.
    """
    ALTER TABLE answers ADD COLUMN refusal TEXT;
    ALTER TABLE answers ADD COLUMN review INTEGER;
    ALTER TABLE answers ADD COLUMN reviewed_at REAL;
    ALTER TABLE answers ADD COLUMN description BLOB;
    CREATE INDEX answers_reviewed ON answers (child_id, reviewed_at) WHERE review IS NOT NULL;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
OPEN_WAIT_MS = 500   # at the start only: how long another program's write may hold the file before we read around it

ANSWER_FIELDS = ("uid", "at", "game", "level", "letter", "letter_case", "action", "correct", "chosen",
                 "best_guess", "confidence", "help", "seconds", "strokes", "refusal")
#: a grown-up's review of a writing (schema 4), kept beside the answer's own fields: an answer's
#: verdict as it counts is ``COALESCE(review, correct)`` (:data:`VERDICT_SQL`)
REVIEW_FIELDS = ("review", "reviewed_at")
#: the verdict that counts (mastery, adaptive letters, reports): the grown-up's, else the game's
VERDICT_SQL = "COALESCE(review, correct)"


@dataclass
class Opened:
    """What :func:`open_database` found: the connection, how it may be used and what to tell the grown-ups.

    ``mode``: "file" (the progress file, read and written), "read-only" (the file, read only: nothing new
    can be kept until it is fixed), "away" (the file is there but cannot be read just now: an empty
    database in memory that refuses writes) or "memory" (no file could be made, or none was asked for:
    kept in memory for this run only).
    """

    conn: sqlite3.Connection
    mode: str
    problem: str | None = None


class Damaged(sqlite3.DatabaseError):
    """SQLite's own check of the file failed."""


def is_damaged(err: BaseException) -> bool:
    """Does ``err`` say the file itself is damaged (corrupt, or not a database at all)? Only such a file is
    ever set aside; a full disk, a lock, an I/O error or a read-only file leave it where it is."""
    if isinstance(err, Damaged):
        return True
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    text = str(err).lower()
    return "malformed" in text or "not a database" in text


def why_not(err: BaseException) -> str:
    """Why the file could not be used, in a few plain words."""
    code = (getattr(err, "sqlite_errorcode", None) or 0) & 0xFF
    said = {sqlite3.SQLITE_FULL: "the disk is full",
            sqlite3.SQLITE_BUSY: "another program is writing to it",
            sqlite3.SQLITE_LOCKED: "another program is writing to it",
            sqlite3.SQLITE_READONLY: "writing to it is not allowed",
            sqlite3.SQLITE_PERM: "writing to it is not allowed",
            sqlite3.SQLITE_IOERR: "a disk error",
            sqlite3.SQLITE_CANTOPEN: "it cannot be opened"}.get(code)
    if said is None and isinstance(err, OSError):
        said = err.strerror or str(err)
    return said or str(err)


def open_database(path: Path | None) -> Opened:
    """The database at ``path`` (in memory when None), checked and migrated.

    Only a file SQLite itself reports as damaged is set aside (``progress.db.broken-<date>``, see
    ``set_aside.py``) and a new one started. Anything else (a full disk, a file-size limit, another
    program holding it, an I/O error, a read-only file) never moves the file: it is opened read only,
    or when even that fails the game runs on an empty database in memory that refuses writes, and
    ``problem`` says so. Nothing new is lost either way: answers wait until the file answers again.
    """
    if path is None:
        return Opened(connect(":memory:"), "memory")
    try:
        make_private_folder(path.parent, tighten=True)   # children's names: an older version made it 0755
        existed = path.exists()
        if not existed:
            create_private_file(path)
    except OSError as err:
        problem = f"The progress file could not be made ({why_not(err)}); nothing is kept this time."
        log.warning(problem)
        return Opened(connect(":memory:"), "memory", problem)
    try:
        conn = connect(path)
    except sqlite3.Error as err:
        if not is_damaged(err):
            return _open_as_far_as_possible(path, err, existed)
        backup = set_aside_database(path)
        if backup is None:   # it stays where it is: read what can be read
            return _open_as_far_as_possible(path, err, existed)
        log.warning("the progress file was damaged (%s); kept it as %s and started a new one", err, backup.name)
        problem = f"The progress file was damaged; kept it as {backup.name}. The Children page can bring its children back."
        try:
            create_private_file(path)
            return Opened(connect(path), "file", problem)
        except (sqlite3.Error, OSError) as err2:
            problem += f" The new file could not be made ({why_not(err2)}); nothing is kept this time."
            log.warning(problem)
            return Opened(connect(":memory:"), "memory", problem)
    failure = try_writing(conn)
    if failure is None:
        return Opened(conn, "file")
    problem = f"The progress file can only be read ({why_not(failure)}); it was left as it is. Answers wait to be saved."
    log.warning(problem)
    return Opened(conn, "read-only", problem)


def _open_as_far_as_possible(path: Path, err: sqlite3.Error, existed: bool) -> Opened:
    """The file could not be opened for writing, and is not damaged: read it if possible, never move it."""
    if not existed:
        with contextlib.suppress(OSError):
            if path.stat().st_size == 0:
                path.unlink()   # our own empty file: do not leave it behind
        problem = f"The progress file could not be made ({why_not(err)}); nothing is kept this time."
        log.warning(problem)
        return Opened(connect(":memory:"), "memory", problem)
    for how in ("mode=ro", "mode=ro&immutable=1"):   # immutable: no -shm needed (a full disk cannot make one)
        try:
            conn = connect(path, uri_options=how)
        except sqlite3.Error as err2:
            if is_damaged(err2):
                break
            continue
        problem = f"The progress file can only be read ({why_not(err)}); it was left as it is. Answers wait to be saved."
        log.warning(problem)
        return Opened(conn, "read-only", problem)
    problem = (f"The progress file cannot be opened ({why_not(err)}); it was left as it is. The children show "
               "again when it opens.")
    log.warning(problem)
    conn = connect(":memory:")
    conn.execute("PRAGMA query_only = ON")   # what is done now would not be kept: refuse it, kindly
    return Opened(conn, "away", problem)


def connect(where, uri_options: str | None = None, *, same_thread: bool = True) -> sqlite3.Connection:
    """A connection to ``where`` (a path or ":memory:") with our settings, checked and migrated.

    ``uri_options`` ("mode=ro"...) opens the file through a URI with them: read only, nothing migrated.
    ``same_thread=False`` lets a connection made on one thread be handed to another.
    """
    if uri_options:
        target, uri = f"{Path(where).absolute().as_uri()}?{uri_options}", True
    else:
        target, uri = str(where), False
    conn = sqlite3.connect(target, isolation_level=None, timeout=0.0, uri=uri, check_same_thread=same_thread)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")   # deleted rows are overwritten, not left in free pages
        if where != ":memory:":
            conn.execute(f"PRAGMA busy_timeout = {OPEN_WAIT_MS}")
            if not uri_options:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")   # WAL + NORMAL: a killed process loses nothing committed
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
            if ok != "ok":
                raise Damaged(f"check failed: {ok}")
        if uri_options:
            if schema_version(conn) < SCHEMA_VERSION:
                conn = _up_to_date_copy(where, conn, same_thread)
        else:
            migrate(conn)
        conn.execute("PRAGMA busy_timeout = 0")   # nothing waits for the file after this (see store.py)
    except BaseException:
        conn.close()
        raise
    return conn


READ_ONLY_COPY_LIMIT = 256 * 1024 * 1024   # a read-only file from an earlier release is read into memory up to this


def _up_to_date_copy(where, conn: sqlite3.Connection, same_thread: bool) -> sqlite3.Connection:
    """A file from an earlier release that may only be read: a copy in memory, brought up to date, so
    its children show (the file itself is not touched; it is brought up to date once it can be
    written). Nothing can be written to the copy. Closes ``conn``."""
    if Path(where).stat().st_size > READ_ONLY_COPY_LIMIT:
        raise sqlite3.OperationalError("the file needs changes that cannot be made while it can only be read")
    copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=same_thread)
    try:
        conn.backup(copy)
        copy.execute("PRAGMA foreign_keys = ON")
        migrate(copy)
        copy.execute("PRAGMA query_only = ON")
    except BaseException:
        copy.close()
        raise
    conn.close()
    return copy


def try_writing(conn: sqlite3.Connection) -> sqlite3.Error | None:
    """Can the file take a write now? None if so, else the error (a lock held by another program is fine:
    it is gone in a moment)."""
    try:
        conn.execute(f"PRAGMA busy_timeout = {OPEN_WAIT_MS}")
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("INSERT OR REPLACE INTO options VALUES ('opened', ?)", (repr(time.time()),))
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError as err:
        if (getattr(err, "sqlite_errorcode", 0) or 0) & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return None
        return err
    except sqlite3.Error as err:
        return err
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("PRAGMA busy_timeout = 0")
    return None


def set_aside_database(path: Path) -> Path | None:
    """Move a damaged database aside (``progress.db.broken-<date>``), its journal with it."""
    backup = set_aside(path)
    if backup is not None:
        for extra in ("-wal", "-shm"):   # the journal belongs with the file it journals
            side = path.with_name(path.name + extra)
            if side.exists():
                with contextlib.suppress(OSError):
                    os.rename(side, backup.with_name(backup.name + extra))
    return backup


def schema_version(conn: sqlite3.Connection) -> int:
    """The last migration applied to this database (0: none)."""
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'").fetchone()
    if not has:
        return 0
    return conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> None:
    """Run the migrations this database lacks, one transaction each."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied REAL NOT NULL)")
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        log.warning("progress file is from a newer Letterplay (schema %s > %s); using it as it is",
                    current, SCHEMA_VERSION)
    for number in range(current + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            step = MIGRATIONS[number - 1]
            if callable(step):
                step(conn)
            else:
                for statement in step.split(";"):
                    if statement.strip():
                        conn.execute(statement)
            conn.execute("INSERT INTO schema_version VALUES (?, ?)", (number, time.time()))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("progress file migrated to schema %s", number)


def insert_answer(conn: sqlite3.Connection, child_id: int, row: dict) -> sqlite3.Cursor:
    """One answer row for ``child_id`` (from a dict with the :data:`ANSWER_FIELDS`, and the
    :data:`REVIEW_FIELDS` when it was reviewed); an answer already here (the same ``uid``) is left as it
    is: the cursor's ``rowcount`` is then 0."""
    fields = ANSWER_FIELDS + REVIEW_FIELDS
    cols = ", ".join(fields)
    marks = ", ".join("?" for _ in fields)
    return conn.execute(f"INSERT OR IGNORE INTO answers (child_id, {cols}) VALUES (?, {marks})",
                        (child_id, *(row.get(k) for k in fields)))
