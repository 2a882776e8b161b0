"""The progress file survives a full disk, a file-size limit, a lock held by another program and a
read-only file: a healthy file is never set aside, and no answer is lost or holds up a frame."""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from games.engine.records import schema
from games.engine.records.progress import Answer, Progress
from games.engine.records.store import Store

ROOT = Path(__file__).resolve().parents[3]
NAMES = [f"Child number {i}" for i in range(60)]   # enough rows for a file well over the size limit


def make_class(path: Path, names=NAMES, journal: str = "wal") -> list[str]:
    """A healthy progress file holding a class; returns the children's uids."""
    store = Store(path)
    k = store.add_class("Ducks")
    uids = [store.add_child(k.id, n, "Cat", "blue").uid for n in names]
    store.close()
    if journal != "wal":
        conn = sqlite3.connect(path)
        conn.execute(f"PRAGMA journal_mode = {journal}")
        conn.close()
    return uids


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def broken_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".broken-" in p.name)


def answer(letter="b"):
    return Answer("test", "1", letter, "lower", "wrote", True)


def wait_until(condition, seconds=15.0):
    """Real time (the writer is a thread): poll ``condition`` until it holds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


# -- a full disk / a file-size limit -----------------------------------------------------------------

UNDER_A_SIZE_LIMIT = r"""
import json, resource, sys
sys.path.insert(0, sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))   # like `ulimit -f 8`: every file stops at 8 KB
from games.engine.records.progress import Answer, Progress
p = Progress.open(sys.argv[1])
kids = p.store.children()
out = {"mode": p.store.mode, "problem": p.problem, "children": len(kids)}
try:
    p.store.add_class("Owls")
    out["added"] = True
except OSError as err:
    out["added"] = str(err)
if kids:
    p.choose(kids[0])
    out["recorded"] = p.record(Answer("test", "1", "b", "lower", "wrote", True))
    out["waiting"] = p.waiting
p.close(timeout=0.5)
print(json.dumps(out))
"""


def run_under_a_size_limit(tmp_path, path) -> dict:
    script = tmp_path / "limited.py"
    script.write_text(UNDER_A_SIZE_LIMIT)
    done = subprocess.run([sys.executable, str(script), str(path), str(ROOT)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_file_size_limit_never_sets_a_healthy_file_aside(tmp_path):
    path = tmp_path / "progress.db"
    make_class(path)
    assert path.stat().st_size > 8192
    before = digest(path)
    seen = run_under_a_size_limit(tmp_path, path)
    assert broken_files(tmp_path) == [], "a healthy file was set aside"
    assert digest(path) == before
    assert seen["children"] == len(NAMES), "the class vanished from the teacher's view"
    assert seen["mode"] == "read-only" and "can only be read" in seen["problem"]
    assert seen["added"] != True and "Nothing was changed" in seen["added"]   # noqa: E712 (a kind sentence)
    assert seen["recorded"] and seen["waiting"] == 1
    # the answer the quit could not write is kept beside the file and saved at the next start
    again = Progress.open(path)
    try:
        assert again.store.mode == "file" and again.problem is None
        assert len(again.store.children()) == len(NAMES) and again.store.count_answers() == 1
        assert not list(tmp_path.glob("progress.db.waiting-*"))
    finally:
        again.close()


def test_every_session_says_so_until_the_disk_has_room_again(tmp_path):
    path = tmp_path / "progress.db"
    make_class(path)
    for _ in range(2):
        seen = run_under_a_size_limit(tmp_path, path)
        assert "can only be read" in seen["problem"] and broken_files(tmp_path) == []


# -- another program holds the file ------------------------------------------------------------------

def test_a_file_another_program_holds_at_the_start_is_left_where_it_is_and_taken_up_when_free(tmp_path):
    path = tmp_path / "progress.db"
    make_class(path, journal="delete")   # a copy another tool wrote with a rollback journal
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        p = Progress.open(path)
        assert broken_files(tmp_path) == [], "a locked file was set aside"
        assert p.store.mode in ("read-only", "away") and "another program" in p.problem
        with pytest.raises(OSError, match="Nothing was changed"):
            p.store.add_class("Owls")
    finally:
        other.execute("ROLLBACK")
        other.close()
    try:
        assert wait_until(lambda: (p.update(), p.store.writable)[1]), "the file was not taken up once free"
        assert len(p.store.children()) == len(NAMES) and p.problem is None
        p.store.add_class("Owls")
    finally:
        p.close()


def test_an_answer_recorded_while_another_program_writes_waits_and_is_written_after(tmp_path):
    path = tmp_path / "progress.db"
    make_class(path, ["Mia"])
    p = Progress.open(path)
    p.choose(p.store.children()[0])
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")   # an import in another window
    try:
        assert p.record(answer("b"))
        assert p.record(answer("d"))
        assert p.waiting == 2 and "2 answers waiting to be saved" in p.problem
        assert p.short_problem == "2 answers waiting to be saved"
        assert p.store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 0   # the frame never waits
    finally:
        other.execute("COMMIT")
        other.close()
    assert p.writer.flush(15)
    assert p.waiting == 0 and p.problem is None
    assert sorted(r["letter"] for r in p.store.answers()) == ["b", "d"]
    assert p.record(answer("p")) and p.waiting == 0   # straight in again
    p.close()


def test_no_more_than_the_bound_waits_and_the_rest_are_counted(tmp_path):
    path = tmp_path / "progress.db"
    make_class(path, ["Mia"])
    p = Progress.open(path)
    p.writer.most = 5
    p.choose(p.store.children()[0])
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        kept = [p.record(answer()) for _ in range(8)]
        assert kept == [True] * 5 + [False] * 3
        assert p.waiting == 5 and "3 answers could not be kept" in p.problem
    finally:
        other.execute("COMMIT")
        other.close()
    assert p.writer.flush(15) and p.store.count_answers() == 5
    p.close()


def test_answers_the_quit_cannot_write_are_saved_at_the_next_start(tmp_path):
    path = tmp_path / "progress.db"
    make_class(path, ["Mia", "Tom"])
    p = Progress.open(path)
    mia, tom = p.store.children()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        for child, letter in ((mia, "b"), (tom, "d"), (mia, "p")):
            p.choose(child)
            assert p.record(answer(letter))
        p.close(timeout=0.2)
    finally:
        other.execute("COMMIT")
        other.close()
    [kept] = tmp_path.glob("progress.db.waiting-*.json")
    assert kept.stat().st_mode & 0o077 == 0   # it holds names: private
    again = Progress.open(path)
    try:
        by_child = {(r["child_id"], r["letter"]) for r in again.store.answers()}
        assert by_child == {(mia.id, "b"), (tom.id, "d"), (mia.id, "p")}
        assert not kept.exists()
    finally:
        again.close()


# -- a read-only file ---------------------------------------------------------------------------------

def read_only_by_uri(monkeypatch):
    """The file opens only for reading, as the system answers for a file we may not write."""
    real = sqlite3.connect

    def connect(target, *args, **kw):
        if str(target).endswith("progress.db"):
            target, kw["uri"] = Path(target).absolute().as_uri() + "?mode=ro", True
        return real(target, *args, **kw)
    monkeypatch.setattr(schema.sqlite3, "connect", connect)
    return lambda: monkeypatch.setattr(schema.sqlite3, "connect", real)


def immutable(path):
    """``chattr +i``: not even root may write the file (needs root and a file system that has it)."""
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("chattr +i is not possible here (not root, or the file system has no such flag)")
    return lambda: subprocess.run(["chattr", "-i", str(path)], capture_output=True)


@pytest.mark.parametrize("how", ["read-only URI", "immutable file"])
def test_a_read_only_file_is_read_kept_and_taken_up_once_writable(tmp_path, monkeypatch, how):
    path = tmp_path / "progress.db"
    make_class(path, ["Mia", "Tom"])
    before = digest(path)
    undo = read_only_by_uri(monkeypatch) if how == "read-only URI" else immutable(path)
    try:
        p = Progress.open(path)
        assert p.store.mode == "read-only" and "can only be read" in p.problem
        assert [c.name for c in p.store.children()] == ["Mia", "Tom"]
        with pytest.raises(OSError, match="Nothing was changed"):
            p.store.add_child(p.store.classes()[0].id, "Ava", "Owl", "red")
        with pytest.raises(OSError):
            p.adaptive = False
        p.choose(p.store.children()[0])
        assert p.record(answer()) and p.waiting == 1
        assert broken_files(tmp_path) == [] and digest(path) == before
    finally:
        undo()
    try:
        assert wait_until(lambda: (p.update(), p.store.writable)[1])
        assert p.writer.flush(15) and p.store.count_answers() == 1 and p.problem is None
        p.adaptive = False
    finally:
        p.close()


def release_before(path: Path, names, answers_each=3) -> None:
    """A progress file as the release before the last left it (schema 2: no folded letters, no name repair)."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied REAL NOT NULL)")
    for n in (1, 2):
        conn.executescript(schema.MIGRATIONS[n - 1])
        conn.execute("INSERT INTO schema_version VALUES (?, 0)", (n,))
    conn.execute("INSERT INTO classes VALUES (1, 'Ducks', 0)")
    for child_id, name in enumerate(names, 1):
        conn.execute("INSERT INTO children VALUES (?, ?, ?, 1, 'Cat', 'blue', 0)", (child_id, f"u{child_id}", name))
        for k in range(answers_each):
            conn.execute("INSERT INTO answers (uid, child_id, at, game, level, letter, letter_case, action, correct,"
                         " help) VALUES (?, ?, ?, 'g', '1', 'b', 'lower', 'wrote', 1, 'none')",
                         (f"a{child_id}-{k}", child_id, 1e9 + k))
    conn.commit()
    conn.close()


def test_a_read_only_file_from_an_earlier_release_shows_its_children_and_is_updated_once_writable(tmp_path, monkeypatch):
    """Before, a file that could only be read and still needed a migration opened as an empty class."""
    path = tmp_path / "progress.db"
    release_before(path, ["Mia", "Tom"])
    before = digest(path)
    undo = read_only_by_uri(monkeypatch)
    try:
        p = Progress.open(path)
        assert p.store.mode == "read-only" and "can only be read" in p.problem
        assert [c.name for c in p.store.children()] == ["Mia", "Tom"]
        mia = p.store.children()[0]
        assert sum(s.seen for s in p.states(mia.id).values()) == 3       # her letters, folded from her answers
        with pytest.raises(OSError, match="Nothing was changed"):
            p.store.add_child(p.store.classes()[0].id, "Ava", "Owl", "red")
        p.choose(mia)
        assert p.record(answer()) and p.waiting == 1
        assert broken_files(tmp_path) == [] and digest(path) == before      # the file itself untouched
    finally:
        undo()
    try:
        assert wait_until(lambda: (p.update(), p.store.writable)[1])
        assert p.writer.flush(15) and p.store.count_answers() == 7 and p.problem is None
        assert p.store.version(p.store.conn) == schema.SCHEMA_VERSION
    finally:
        p.close()


def test_only_a_file_sqlite_calls_damaged_is_set_aside(tmp_path):
    path = tmp_path / "progress.db"
    make_class(path, ["Mia"])
    data = bytearray(path.read_bytes())
    data[4096 + 8:4096 + 400] = os.urandom(392)   # the second page: a table's insides
    path.write_bytes(bytes(data))
    store = Store(path)
    assert store.mode == "file" and "damaged" in store.problem
    assert len(broken_files(tmp_path)) == 1
    store.close()
