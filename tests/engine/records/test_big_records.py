"""Big honest records stay fast: each child's letters are kept folded (``letter_states``), pages fold
only the answers since, and the figures are exactly those of folding every answer (issue 20, item 7).
The speed itself: ``python benchmarks/bench_records.py``."""
from __future__ import annotations

import random
import sqlite3
import threading
import uuid

import pytest

from games.engine.records import mastery
from games.engine.records.progress import Answer, Progress
from games.engine.records.store import Store


def row(at, letter="b", case="lower", action="wrote", correct=1, help_="none"):
    return {"uid": uuid.uuid4().hex, "at": at, "game": "g", "level": "1", "letter": letter, "letter_case": case,
            "action": action, "correct": correct, "help": help_}


def every_answer_folded(store, child_id):
    return mastery.fold(store.answers(child_id))


def kept_rows(store, child_id):
    return store.conn.execute("SELECT COUNT(*) FROM letter_states WHERE child_id = ? AND state IS NOT NULL",
                              (child_id,)).fetchone()[0]


def test_kept_states_are_exactly_the_fold_of_every_answer_whatever_comes_in(tmp_path, monkeypatch):
    monkeypatch.setattr(Store, "KEEP_AFTER", 3)   # keep states often, to fold on from them often
    p = Progress.open(tmp_path / "p.db")
    k = p.store.add_class("Ducks")
    kids = [p.store.add_child(k.id, n, "Cat", c) for n, c in (("Mia", "blue"), ("Tom", "red"))]
    other = Store(tmp_path / "p.db")   # another program writing the same file
    rng = random.Random(7)
    kept_at_some_point = False
    for step in range(80):
        kid = rng.choice(kids)
        roll = rng.random()
        if roll < 0.45:   # the child plays
            p.choose(kid)
            for _ in range(rng.randint(1, 12)):
                p.record(Answer("g", "1", rng.choice("abAB"), None, rng.choice(mastery.ACTIONS),
                                rng.random() < 0.7, help=rng.choice(mastery.HELPS)))
        elif roll < 0.65:   # an older answer arrives (another computer's, merged)
            other.add_answer(kid.id, row(rng.uniform(0, 2e9), rng.choice("ab"), rng.choice(("upper", "lower")),
                                         rng.choice(mastery.ACTIONS), rng.randint(0, 1)))
        elif roll < 0.75:   # answers given at the very same moment as the last one
            last = p.store.conn.execute("SELECT MAX(at) FROM answers WHERE child_id = ?", (kid.id,)).fetchone()[0] or 1e9
            for _ in range(2):
                other.add_answer(kid.id, row(last, "b", "lower", "wrote", rng.randint(0, 1)))
        elif roll < 0.85:   # an answer goes (by another program)
            other.conn.execute("DELETE FROM answers WHERE id = (SELECT id FROM answers WHERE child_id = ? "
                               "ORDER BY random() LIMIT 1)", (kid.id,))
        else:   # an answer is changed in place (by another program)
            other.conn.execute("UPDATE answers SET correct = 1 - correct, at = at - 1000 WHERE id = "
                               "(SELECT id FROM answers WHERE child_id = ? ORDER BY random() LIMIT 1)", (kid.id,))
        p.forget_cache()
        for child in kids:
            assert p.states(child.id) == every_answer_folded(p.store, child.id), f"step {step}"
            kept_at_some_point |= kept_rows(p.store, child.id) > 0
    assert kept_at_some_point
    other.close()
    p.close()


def test_opening_a_child_reads_about_as_much_for_20000_answers_as_for_2000(tmp_path):
    """Counted in SQLite's own steps (not seconds): a page folds what came since, not every answer."""
    p = Progress.open(tmp_path / "p.db")
    k = p.store.add_class("Ducks")
    rng = random.Random(3)
    steps = {}
    for n in (2_000, 20_000):
        kid = p.store.add_child(k.id, f"Child {n}", "Cat", "blue")
        rows = [row(1e9 + i, rng.choice("abcdefghij"), rng.choice(("upper", "lower")), rng.choice(mastery.ACTIONS),
                    rng.randint(0, 1)) for i in range(n)]
        with p.store.transaction() as c:
            for r in rows:
                c.execute("INSERT INTO answers (child_id, uid, at, game, level, letter, letter_case, action, correct, "
                          "help) VALUES (?, :uid, :at, :game, :level, :letter, :letter_case, :action, :correct, :help)"
                          .replace("?", str(kid.id)), r)
        assert p.states(kid.id) == every_answer_folded(p.store, kid.id)   # the first time folds them all, once
        p.choose(kid)
        p.record(Answer("g", "1", "a", action="wrote", correct=True))
        p.forget_cache()
        count = [0]

        def step():
            count[0] += 1
        p.store.conn.set_progress_handler(step, 100)
        states = p.states(kid.id)
        p.weights("abcdefghij", "lower")
        p.store.conn.set_progress_handler(None, 0)
        assert states == every_answer_folded(p.store, kid.id)
        steps[n] = count[0]
    assert steps[20_000] < 2 * steps[2_000], steps
    p.close()


def test_a_file_busy_in_another_program_is_read_and_never_waited_for(tmp_path):
    store = Store(tmp_path / "p.db")
    k = store.add_class("Ducks")
    mia = store.add_child(k.id, "Mia", "Cat", "blue")
    with store.transaction() as c:
        for i in range(100):
            insert = "INSERT INTO answers (child_id, uid, at, game, level, letter, letter_case, action, correct, help) "
            c.execute(insert + "VALUES (?, ?, ?, 'g', '1', 'b', 'lower', 'wrote', 1, 'none')", (mia.id, f"a{i}", i))
    store.conn.execute("PRAGMA busy_timeout = 600000")   # were it to wait for the file, it would wait ten minutes
    held, done, released = threading.Event(), threading.Event(), threading.Event()

    def other_program():   # writing the file (an import, a second copy of the game) for up to two minutes
        holder = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        held.set()
        done.wait(120)
        holder.execute("ROLLBACK")
        holder.close()
        released.set()
    threading.Thread(target=other_program, daemon=True).start()
    held.wait(60)
    found = store.letter_states(mia.id)
    assert not released.is_set(), "reading the states waited for the other program"
    done.set()
    released.wait(60)
    assert found == every_answer_folded(store, mia.id)
    assert kept_rows(store, mia.id) == 0   # not kept this time: kept the next time the file is free
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 600000
    store.letter_states(mia.id)
    assert kept_rows(store, mia.id) == 1
    store.close()


@pytest.mark.parametrize("migrated", [True, False])
def test_a_read_only_file_is_folded_without_keeping_anything(tmp_path, migrated):
    path = tmp_path / "p.db"
    store = Store(path)
    k = store.add_class("Ducks")
    mia = store.add_child(k.id, "Mia", "Cat", "blue")
    for i in range(10):
        store.add_answer(mia.id, row(1e9 + i, "b", "lower", "wrote", i % 2))
    if not migrated:   # as a file of the release before, that could not be migrated
        store.conn.execute("DROP TABLE letter_states")
    store.close()
    ro = Store.__new__(Store)
    ro.path, ro.problem, ro.mode = path, None, "read-only"
    ro.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    assert ro.letter_states(mia.id) == every_answer_folded(ro, mia.id) != {}
    ro.close()


def test_a_damaged_kept_state_is_folded_again(tmp_path):
    store = Store(tmp_path / "p.db")
    k = store.add_class("Ducks")
    mia = store.add_child(k.id, "Mia", "Cat", "blue")
    for i in range(5):
        store.add_answer(mia.id, row(1e9 + i))
    store.letter_states(mia.id)
    for damage in ("not json", "[1,2]", '[1,1,1,1,1,"x",0.5,null,{}]', '[1,1,1,1,1,0.5,0.5,null,{"9":1}]',
                   "[-1,1,1,1,1,0.5,0.5,null,{}]", '[1,1,1,1,1,1e999,0.5,null,{}]'):
        store.conn.execute("UPDATE letter_states SET state = ?", (damage,))
        assert store.letter_states(mia.id) == every_answer_folded(store, mia.id), damage
    store.close()


def test_deleting_a_child_leaves_no_kept_state(tmp_path):
    p = Progress.open(tmp_path / "p.db")
    k = p.store.add_class("Ducks")
    mia = p.store.add_child(k.id, "Mia", "Cat", "blue")
    p.choose(mia)
    for _ in range(3):
        p.record(Answer("g", "1", "b", action="wrote", correct=True))
    p.states(mia.id)
    p.delete_child(mia)
    assert p.store.conn.execute("SELECT COUNT(*) FROM letter_states").fetchone()[0] == 0
    p.close()
