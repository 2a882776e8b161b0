"""The progress database's tables and their migrations, and opening its file: checked, migrated, or set aside when damaged."""
from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from pathlib import Path

from games.engine.core.storage import set_aside
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
]
SCHEMA_VERSION = len(MIGRATIONS)

ANSWER_FIELDS = ("uid", "at", "game", "level", "letter", "letter_case", "action", "correct", "chosen",
                 "best_guess", "confidence", "help", "seconds", "strokes")


def open_database(path: Path | None) -> tuple[sqlite3.Connection, str | None]:
    """The database at ``path`` (in memory when None), and a sentence for the grown-ups when something
    went wrong (a damaged file is set aside and a new one started; an unwritable one leaves the
    database in memory, so nothing is kept)."""
    if path is None:
        return connect(":memory:"), None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return connect(path), None
    except sqlite3.DatabaseError as err:   # not a database, damaged, or from a much newer version
        backup = set_aside_database(path)
        kept = f"kept it as {backup.name}" if backup else "could not move it aside"
        problem = f"The progress file was damaged ({err}); {kept}. A new one was started."
        log.warning(problem)
    except OSError as err:
        problem = f"The progress file could not be opened ({err}); nothing is kept this time."
        log.warning(problem)
        return connect(":memory:"), problem
    try:
        return connect(path), problem
    except (sqlite3.DatabaseError, OSError) as err:
        problem = f"The progress file could not be made ({err}); nothing is kept this time."
        log.warning(problem)
        return connect(":memory:"), problem


def connect(where) -> sqlite3.Connection:
    """A connection to ``where`` (a path or ":memory:") with our settings, checked and migrated."""
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
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


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
    """One answer row for ``child_id`` (from a dict with the :data:`ANSWER_FIELDS`); an answer already
    here (the same ``uid``) is left as it is: the cursor's ``rowcount`` is then 0."""
    cols = ", ".join(ANSWER_FIELDS)
    marks = ", ".join("?" for _ in ANSWER_FIELDS)
    return conn.execute(f"INSERT OR IGNORE INTO answers (child_id, {cols}) VALUES (?, {marks})",
                        (child_id, *(row.get(k) for k in ANSWER_FIELDS)))
