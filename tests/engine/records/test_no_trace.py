"""Deleting a child leaves no trace on this computer, and every file the game keeps is the user's alone."""
from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np

from games.engine.records.progress import Answer
from games.engine.records.store import Store

ROOT = Path(__file__).resolve().parents[3]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def files_holding(folder: Path, text: bytes) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file() and text in p.read_bytes())


def test_a_child_deleted_while_a_report_was_reading_leaves_the_journal_by_the_quit(make_app, user_home):
    app = make_app()
    store = app.progress.store
    k = store.add_class("Ducks")
    mia = store.add_child(k.id, "Mialouise", "Cat", "blue")
    store.add_child(k.id, "Tom", "Owl", "red")
    app.progress.choose(mia)
    for letter in "bdpq":
        assert app.progress.record(Answer("g", "1", letter, "lower", "wrote", True))
    data = user_home / "data"
    reader = sqlite3.connect(data / "progress.db", isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM answers").fetchone()   # a report in another window, mid-read
    app.progress.delete_child(mia)
    assert files_holding(data, b"Mialouise") == ["progress.db-wal"]   # the reader kept the journal from emptying
    reader.execute("COMMIT")
    reader.close()
    app.shutdown()
    assert files_holding(data, b"Mialouise") == []
    wal = data / "progress.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0


def test_the_journal_empties_as_soon_as_the_reader_lets_go_not_only_at_quit(make_app, user_home):
    app = make_app()
    store = app.progress.store
    k = store.add_class("Ducks")
    mia = store.add_child(k.id, "Mialouise", "Cat", "blue")
    reader = sqlite3.connect(user_home / "data" / "progress.db", isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM children").fetchone()
    app.progress.delete_child(mia)
    reader.execute("COMMIT")
    reader.close()
    app.progress._journal_tried = -1e9   # the next frame may try again at once
    app.run_frames(1)
    assert files_holding(user_home / "data", b"Mialouise") == []


def test_the_progress_file_its_journal_and_its_folder_are_private(user_home):
    path = user_home / "data" / "progress.db"
    store = Store(path)
    k = store.add_class("Ducks")
    store.add_child(k.id, "Mia", "Cat", "blue")
    for name in ("progress.db", "progress.db-wal", "progress.db-shm"):
        assert mode(path.with_name(name)) == 0o600, name
    assert mode(path.parent) == 0o700
    store.export_file(user_home / "exports" / "all.json")
    assert mode(user_home / "exports" / "all.json") == 0o600 and mode(user_home / "exports") == 0o700
    store.close()


def test_a_progress_file_an_older_version_left_open_to_all_is_made_private(tmp_path):
    path = tmp_path / "data" / "progress.db"
    path.parent.mkdir()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    os.chmod(path, 0o644)
    os.chmod(path.parent, 0o755)
    Store(path).close()
    assert mode(path) == 0o600 and mode(path.parent) == 0o700


def test_own_voice_recordings_are_private(tmp_path):
    from games.engine.voice.own_voice import write_clip
    clip = tmp_path / "own_voice" / "name-m.wav"
    write_clip(clip, (np.sin(np.arange(4000) / 5) * 8000).astype(np.int16))
    assert mode(clip) == 0o600 and mode(clip.parent) == 0o700


REPORT = r"""
import sys
sys.path.insert(0, sys.argv[1])
from games.engine.records.store import Store
from games.engine.core import paths
store = Store(paths.user_data_dir() / "progress.db")
k = store.add_class("Ducks")
store.add_child(k.id, "Mia", "Cat", "blue")
store.close()
from games.launcher import main
sys.exit(main(["report", "--out", sys.argv[2]]) or main(["export", "--out", sys.argv[3]]))
"""


def test_reports_and_exports_from_the_command_line_are_private_whatever_the_umask(tmp_path, user_home):
    script = tmp_path / "report.py"
    script.write_text(REPORT)
    out, export = tmp_path / "reports" / "today", tmp_path / "exports" / "all.json"
    done = subprocess.run([sys.executable, str(script), str(ROOT), str(out), str(export)], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "LETTERPLAY_HOME": str(user_home)},
                          preexec_fn=lambda: os.umask(0o022))
    assert done.returncode == 0, done.stderr
    written = sorted(out.iterdir())
    assert [p.name for p in written if p.suffix == ".csv"] == ["class.csv"] and len(written) == 2
    assert all(mode(p) == 0o600 for p in written), {p.name: oct(mode(p)) for p in written}
    assert mode(out) == 0o700 and mode(out.parent) == 0o700
    assert mode(export) == 0o600 and mode(export.parent) == 0o700
