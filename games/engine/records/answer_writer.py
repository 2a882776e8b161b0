"""Answers that could not be written at once wait here and are written by a thread of their own.

``Progress.record`` writes an answer straight away when the file takes it without waiting (the usual
case: a millisecond, and a ``kill -9`` loses at most that answer). When it cannot (another program is
writing, the disk is full, the file is read only or away), the answer joins :class:`AnswerWriter`'s
waiting list and the frame goes on. The writer's thread tries again with its own connection (it may
wait for a lock; a frame never does), at first every second and then less often, and writes the
waiting answers in order as soon as the file takes them. When the store was opened read only, or
not at all, the thread also looks for a connection that can write, for the store to take up
(:meth:`AnswerWriter.take_connection`). At quit whatever still waits is written if the file takes it
within a few seconds, else kept beside it as ``progress.db.waiting-<n>.json`` (an export, merged at
the next start). At most ``MOST_WAITING`` answers wait; the ones after that are counted as lost.
"""
from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections import deque
from pathlib import Path

from games.engine.records.schema import ANSWER_FIELDS, connect, try_writing, why_not

log = logging.getLogger(__name__)

MOST_WAITING = 10_000   # answers kept in memory at most (about 2 MB with strokes off)
BATCH = 500             # answers written in one transaction
FIRST_RETRY = 1.0       # seconds before the first new try; doubled after each failure...
LAST_RETRY = 5.0        # ...up to this
LOCK_WAIT_MS = 2000     # the thread may wait this long for another program's write

_INSERT = (f"INSERT OR IGNORE INTO answers (child_id, {', '.join(ANSWER_FIELDS)}) "
           f"SELECT id, {', '.join('?' for _ in ANSWER_FIELDS)} FROM children WHERE uid = ?")


class AnswerWriter:
    """The waiting list of answers (child uid, row) and the thread that writes them to ``path``."""

    def __init__(self, path: Path, most: int = MOST_WAITING):
        self.path = Path(path)
        self.most = most
        self.lost = 0                      # answers beyond ``most``: not kept
        self.problem: str | None = None    # why the last try failed, in a few words
        self._waiting: deque = deque()
        self._batch: list = []             # answers taken for the transaction under way
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._stop = False
        self._thread: threading.Thread | None = None
        self._conn: sqlite3.Connection | None = None
        self._want_connection = False
        self._fresh: sqlite3.Connection | None = None

    # -- the main thread ------------------------------------------------------------------------------
    @property
    def waiting(self) -> int:
        """Answers not written yet."""
        with self._lock:
            return len(self._waiting) + len(self._batch)

    def add(self, child_uid: str, row: dict) -> bool:
        """Keep ``row`` (one answer of the child ``child_uid``) until it can be written; False when the
        list is full (the answer is lost, and counted)."""
        with self._lock:
            if len(self._waiting) + len(self._batch) >= self.most:
                self.lost += 1
                return False
            was_idle = self._idle.is_set()
            self._waiting.append((child_uid, row))
            self._idle.clear()
        self._start(wake=was_idle)   # a thread waiting before its next try is left to wait
        return True

    def forget_child(self, child_uid: str) -> None:
        """A deleted child's waiting answers go (the file refuses them anyway: the child is not there)."""
        with self._lock:
            self._waiting = deque(item for item in self._waiting if item[0] != child_uid)

    def want_connection(self) -> None:
        """Look for a connection that writes, for a store opened read only or not at all."""
        self._want_connection = True
        self._start()

    def take_connection(self) -> sqlite3.Connection | None:
        """A checked connection that writes, once the thread found one (then only once)."""
        fresh, self._fresh = self._fresh, None
        return fresh

    def flush(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for every waiting answer to be written; True when none waits."""
        if not self.waiting:
            return True
        self._wake.set()
        self._idle.wait(timeout)
        return not self.waiting

    def close(self, timeout: float = 3.0) -> list[tuple[str, dict]]:
        """Write what waits (for up to ``timeout`` seconds), stop the thread; the answers still waiting
        (a transaction the thread could not end in time counts as waiting: written twice is harmless,
        each answer has its own id)."""
        self.flush(timeout)
        self._stop = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=LOCK_WAIT_MS / 1000 + 1)
        alive = self._thread is not None and self._thread.is_alive()
        self._thread = None
        fresh = self.take_connection()
        if fresh is not None:
            with contextlib.suppress(sqlite3.Error):
                fresh.close()
        with self._lock:
            left, self._waiting = (list(self._batch) if alive else []) + list(self._waiting), deque()
        return left

    # -- the thread -------------------------------------------------------------------------------------
    def _start(self, wake: bool = True) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._stop = False
            self._thread = threading.Thread(target=self._work, name="answer-writer", daemon=True)
            self._thread.start()
        if wake:
            self._wake.set()

    def _work(self) -> None:
        delay = FIRST_RETRY
        try:
            while not self._stop:
                with self._lock:
                    idle = not (self._waiting or (self._want_connection and self._fresh is None))
                    if idle:
                        self._idle.set()
                if idle:
                    self._wake.wait()
                    self._wake.clear()
                    continue
                if self._try_once():
                    delay = FIRST_RETRY
                    continue
                if self._stop:
                    break
                self._wake.wait(delay)
                self._wake.clear()
                delay = min(LAST_RETRY, delay * 2)
        finally:
            if self._conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.close()
                self._conn = None
            self._idle.set()

    def _try_once(self) -> bool:
        """One try at the file: a connection for the store if it wants one, then a batch of answers."""
        try:
            if self._want_connection and self._fresh is None:
                self._fresh = self._writable_connection()
                self._want_connection = False
            if self._conn is None:
                self._conn = self._writable_connection()
            self._write_batch(self._conn)
        except sqlite3.Error as err:
            self.problem = why_not(err)
            log.info("answers waiting to be saved: %d (%s)", self.waiting, self.problem)
            if self._conn is not None:   # after an I/O error a new connection is the surest
                with contextlib.suppress(sqlite3.Error):
                    self._conn.close()
                self._conn = None
            return False
        self.problem = None
        return True

    def _writable_connection(self) -> sqlite3.Connection:
        conn = connect(self.path, same_thread=False)
        failure = try_writing(conn)
        if failure is not None:
            conn.close()
            raise failure
        return conn

    def _write_batch(self, conn: sqlite3.Connection) -> None:
        with self._lock:
            batch = [self._waiting.popleft() for _ in range(min(BATCH, len(self._waiting)))]
            self._batch = batch
        if not batch:
            return
        try:
            conn.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_MS}")
            conn.execute("BEGIN IMMEDIATE")
            try:
                for child_uid, row in batch:   # a child deleted meanwhile matches no row: nothing written
                    conn.execute(_INSERT, (*(row.get(k) for k in ANSWER_FIELDS), child_uid))
                conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise
        except BaseException:
            with self._lock:   # back at the front, in order
                self._waiting.extendleft(reversed(batch))
                self._batch = []
            raise
        with self._lock:
            self._batch = []
        log.info("wrote %d waiting answers", len(batch))
