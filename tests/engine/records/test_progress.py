"""Children's progress: the database (migrations, damage, kill -9), mastery, adaptive letters, deletion."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from games.engine.records import writing_help as coach_help
from games.engine.core.letters import CaseMode, LetterSet
from games.engine.records import mastery
from games.engine.records.schema import MIGRATIONS, SCHEMA_VERSION
from games.engine.records.store import Store
from games.engine.records.progress import Answer, Progress

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def progress(tmp_path):
    p = Progress.open(tmp_path / "progress.db")
    yield p
    p.close()


def class_with(progress, *names):
    k = progress.store.add_class("Ducks")
    return [progress.store.add_child(k.id, n, "Cat", c) for n, c in zip(names, ["blue", "red", "green", "pink"])]


def write(progress, letter, times=4, correct=True, action="wrote", case=None, help="none"):
    for _ in range(times):
        assert progress.record(Answer("test", "1", letter, case, action, correct, help=help))


# -- the file ---------------------------------------------------------------------------------------

def test_a_new_file_gets_every_migration(tmp_path):
    path = tmp_path / "progress.db"
    path.write_bytes(b"")   # an empty file is a database with no tables
    store = Store(path)
    assert Store.version(store.conn) == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    versions = [v for (v,) in store.conn.execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    assert store.problem is None
    store.close()


def test_a_file_of_the_first_release_is_migrated_and_keeps_its_answers(tmp_path):
    path = tmp_path / "progress.db"
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied REAL NOT NULL)")
    old.executescript(MIGRATIONS[0])
    old.execute("INSERT INTO schema_version VALUES (1, 0)")
    old.execute("INSERT INTO classes VALUES (1, 'Ducks', 0)")
    old.execute("INSERT INTO children VALUES (1, 'u1', 'Mia', 1, 'Cat', 'blue', 0)")
    old.execute("INSERT INTO answers (uid, child_id, at, game, level, letter, letter_case, action, correct, help) "
                "VALUES ('a1', 1, 5, 'g', '1', 'b', 'lower', 'wrote', 1, 'none')")
    old.commit()
    old.close()
    store = Store(path)
    assert Store.version(store.conn) == SCHEMA_VERSION == 4
    assert store.count_answers() == 1
    assert [c.name for c in store.children()] == ["Mia"]
    cols = [r[1] for r in store.conn.execute("PRAGMA table_info(answers)")]
    assert "strokes" in cols
    store.add_answer(1, {"uid": "a2", "at": 6, "game": "g", "level": "1", "letter": "d", "letter_case": "lower",
                         "action": "wrote", "correct": 1, "help": "none", "strokes": "[]"})
    assert store.count_answers() == 2
    store.close()


def test_a_damaged_file_is_kept_aside_and_a_fresh_one_starts(tmp_path):
    path = tmp_path / "progress.db"
    path.write_bytes(b"this is not a database at all" * 100)
    store = Store(path)
    assert store.problem and "damaged" in store.problem
    kept = list(tmp_path.glob("progress.db.broken-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not a database")
    k = store.add_class("Ducks")
    store.add_child(k.id, "Mia", "Cat", "blue")
    store.close()
    again = Store(path)
    assert again.problem is None and [c.name for c in again.children()] == ["Mia"]
    again.close()


def test_the_game_starts_with_a_damaged_progress_file_and_the_grown_ups_are_told(make_app, user_home):
    from games.engine.grownups.settings_screen import SettingsScreen
    from games.launcher import Launcher
    data = user_home / "data"
    data.mkdir(parents=True)
    (data / "progress.db").write_bytes(b"SQLite format 3\x00" + os.urandom(3000))
    app = make_app()
    app.push(Launcher(app))
    app.run_frames(3)
    assert app.progress.problem and "kept it as progress.db.broken-" in app.progress.problem
    screen = SettingsScreen(app)
    assert screen.notice == app.progress.problem
    k = app.progress.store.add_class("Ducks")   # the fresh file works
    assert app.progress.store.classes() == [k]


def test_a_folder_that_cannot_hold_the_file_keeps_the_game_going(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    store = Store(blocker / "progress.db")
    assert store.problem and "nothing is kept" in store.problem
    k = store.add_class("Ducks")   # in memory
    assert store.classes() == [k]


BURST = r"""
import sys, time
sys.path.insert(0, sys.argv[2])
from games.engine.records.progress import Answer, Progress
p = Progress.open(sys.argv[1])
p.choose(p.store.children()[0])
n = 0
while True:
    p.record(Answer("burst", "1", "abcdefghijklmnopqrstuvwxyz"[n % 26], "lower", "wrote", n % 3 != 0,
                    strokes=[[(i, i * 2) for i in range(200)]]))
    n += 1
    print(n, flush=True)
"""


def test_kill_9_during_a_burst_of_answers_loses_nothing_committed(tmp_path):
    path = tmp_path / "progress.db"
    setup = Progress.open(path)
    class_with(setup, "Mia")
    setup.keep_writing = True
    setup.close()
    script = tmp_path / "burst.py"
    script.write_text(BURST)
    proc = subprocess.Popen([sys.executable, str(script), str(path), str(ROOT)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"})
    last = 0
    try:
        for line in proc.stdout:
            last = int(line)
            if last >= 300:
                break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    for line in proc.stdout:   # what it said it wrote before it was killed
        last = max(last, int(line))
    proc.stdout.close()
    assert last >= 300, "the writer died before writing"
    assert proc.returncode == -signal.SIGKILL
    store = Store(path)
    assert store.problem is None
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count = store.count_answers()
    assert last <= count <= last + 1   # every answer it said was written, at most the one being written more
    store.close()


# -- recording and mastery --------------------------------------------------------------------------

def test_the_guest_records_nothing(progress):
    class_with(progress, "Mia")
    progress.choose(None)
    assert progress.record(Answer("g", "1", "b", action="wrote", correct=True)) is False
    assert progress.store.count_answers() == 0


def test_an_answer_with_a_wrong_kind_is_refused_loudly():
    with pytest.raises(ValueError):
        Answer("g", "1", "b", action="scribbled")
    with pytest.raises(ValueError):
        Answer("g", "1", "7")
    with pytest.raises(ValueError):
        Answer("g", "1", "b", help="lots")


def test_players_answers_go_to_their_own_child(progress):
    from games.engine.play.players import Player
    mia, tom = class_with(progress, "Mia", "Tom")
    lion, frog = Player("Lion", (1, 1, 1), child=mia), Player("Frog", (1, 1, 1))
    assert progress.record(Answer("g", "1", "b", action="found", correct=True), player=lion)
    assert not progress.record(Answer("g", "1", "b", action="found", correct=True), player=frog)   # a guest animal
    assert [r["child_id"] for r in progress.store.answers()] == [mia.id]


def test_writing_is_strong_evidence_and_taps_are_weak(progress):
    mia, = class_with(progress, "Mia")
    progress.choose(mia)
    write(progress, "b", 3, action="wrote")
    write(progress, "d", 3, action="tapped")
    states = progress.states(mia.id)
    b, d = states[("b", "lower")], states[("d", "lower")]
    assert b.mastery - d.mastery > 0.25
    assert b.mark == mastery.WRITES and d.mark == mastery.RECOGNISES
    write(progress, "p", 40, action="tapped")
    assert progress.states(mia.id)[("p", "lower")].mark == mastery.RECOGNISES   # tapping alone never "writes"
    write(progress, "q", 1, action="wrote")
    assert progress.states(mia.id)[("q", "lower")].mark == mastery.SEEN          # one lucky writing is not knowing


def test_help_lowers_the_evidence_and_misses_bring_a_letter_down(progress):
    mia, = class_with(progress, "Mia")
    progress.choose(mia)
    write(progress, "b", 3, help="guide")
    write(progress, "d", 3, help="none")
    st = progress.states(mia.id)
    assert st[("b", "lower")].mastery < st[("d", "lower")].mastery
    assert st[("b", "lower")].mark < mastery.WRITES   # written with a guide only
    write(progress, "d", 4, correct=False)
    assert progress.states(mia.id)[("d", "lower")].mark < mastery.WRITES
    assert Progress.open(progress.store.path).states(mia.id)[("d", "lower")].mastery == \
        pytest.approx(progress.states(mia.id)[("d", "lower")].mastery)   # the cache and the file agree


def test_cases_are_kept_apart(progress):
    mia, = class_with(progress, "Mia")
    progress.choose(mia)
    write(progress, "B", 3)
    st = progress.states(mia.id)
    assert st[("b", "upper")].mark == mastery.WRITES and ("b", "lower") not in st


def test_writing_samples_are_kept_only_when_the_teacher_says_so(progress):
    mia, = class_with(progress, "Mia")
    progress.choose(mia)
    strokes = [[(0, 0), (10, 20)], [(5, 5)]]
    progress.record(Answer("g", "1", "b", action="wrote", correct=True, strokes=strokes))
    progress.keep_writing = True
    progress.record(Answer("g", "1", "d", action="wrote", correct=True, strokes=strokes))
    progress.record(Answer("g", "1", "p", action="tapped", correct=True, strokes=strokes))
    kept = {r["letter"]: r["strokes"] for r in progress.store.answers()}
    assert kept["b"] is None and kept["p"] is None
    assert json.loads(kept["d"]) == [[[0, 0], [10, 20]], [[5, 5]]]


def test_help_levels_are_kept_per_child(progress):
    mia, tom = class_with(progress, "Mia", "Tom")
    levels = coach_help.HelpLevels()
    for _ in range(3):
        levels.record("b", "clean")
    levels.save(coach_help.help_file(mia.uid))
    assert coach_help.HelpLevels.load(coach_help.help_file(tom.uid)).level("b") == coach_help.TRACE
    assert coach_help.HelpLevels.load(coach_help.help_file(mia.uid)).level("b") == coach_help.DOTS
    assert coach_help.help_file(None) != coach_help.help_file(mia.uid)   # the guest's own


# -- adaptive letters -------------------------------------------------------------------------------

def draws(progress, trials=3000, count=3, seed=7):
    rng = random.Random(seed)
    alphabet = LetterSet("all", "all", "abcdefghijklmnopqrstuvwxyz")
    counts = dict.fromkeys(alphabet.letters, 0)
    for _ in range(trials):
        for card in alphabet.cards(CaseMode.LOWER, rng, count, chooser=progress.order):
            counts[card.base] += 1
    return counts


def test_adaptive_choice_favours_the_letters_still_being_learned(progress):
    mia, = class_with(progress, "Mia")
    progress.choose(mia)
    known = "abcdefghijklm"
    for c in known:
        write(progress, c, 4)
    counts = draws(progress)
    weak = {c: n for c, n in counts.items() if c not in known}
    strong = {c: n for c, n in counts.items() if c in known}
    assert min(weak.values()) > max(strong.values())          # every weak letter more than any known one
    known_share = sum(strong.values()) / sum(counts.values())
    assert 0.12 < known_share < 0.36                            # but known ones still come, for success
    progress.adaptive = False                                   # the teacher's switch: plain random
    plain = draws(progress)
    assert 0.42 < sum(n for c, n in plain.items() if c in known) / sum(plain.values()) < 0.58
    progress.adaptive = True
    progress.choose(None)                                       # the guest: plain random too
    guest = draws(progress)
    assert 0.42 < sum(n for c, n in guest.items() if c in known) / sum(guest.values()) < 0.58


def test_a_known_letter_not_seen_for_a_while_comes_back(progress):
    mia, = class_with(progress, "Mia")
    progress.choose(mia)
    for c in "abc":
        write(progress, c, 4)
    write(progress, "x", 1, correct=False)
    now = time.time()
    progress.store.conn.execute("UPDATE answers SET at = at - 20 * 86400 WHERE letter = 'a'")
    progress.forget_cache()
    w = progress.weights("abcx", CaseMode.LOWER, now=now)
    assert w["a"] > 2 * w["b"] and w["b"] == pytest.approx(w["c"])
    assert w["x"] > w["a"]   # the letter being learned still leads


# -- deleting ---------------------------------------------------------------------------------------

def test_deleting_a_child_removes_everything_about_them(progress):
    mia, tom = class_with(progress, "Mia", "Tom")
    progress.keep_writing = True
    progress.choose(mia)
    write(progress, "b", 5)
    progress.record(Answer("g", "1", "d", action="wrote", correct=True, strokes=[[(1, 2), (3, 4)]], chosen="Miasecret"))
    coach_help.HelpLevels().save(coach_help.help_file(mia.uid))
    assert coach_help.help_file(mia.uid).exists()
    progress.choose(tom)
    write(progress, "p", 2)
    progress.delete_child(mia)
    assert progress.child is not None and progress.child.id == tom.id
    assert [c.name for c in progress.store.children()] == ["Tom"]
    assert all(r["child_id"] == tom.id for r in progress.store.answers())
    assert not coach_help.help_file(mia.uid).exists()
    progress.close()
    path = progress.store.path
    for f in (path, path.with_name(path.name + "-wal")):
        if f.exists():
            data = f.read_bytes()
            assert b"Mia" not in data and mia.uid.encode() not in data, f"{f.name} still holds the child"


def test_deleting_the_child_playing_makes_the_next_answers_the_guests(progress):
    mia, = class_with(progress, "Mia")
    progress.choose(mia)
    progress.delete_child(mia)
    assert progress.child is None
    assert progress.record(Answer("g", "1", "b", action="wrote", correct=True)) is False


def test_the_game_has_no_network_code():
    import ast
    network = {"socket", "ssl", "urllib", "http", "ftplib", "smtplib", "requests", "aiohttp", "httpx", "websocket",
               "xmlrpc", "telnetlib", "poplib", "imaplib"}
    found = []
    for path in sorted((ROOT / "games").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in network]
    assert found == []
