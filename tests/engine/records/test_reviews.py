"""A grown-up's review of a child's writing in the records: the migration, the verdict that counts
(mastery, letters, the report) with the game's own kept, undo, delete, samples off, the checker's
examples, and reviews going between computers."""
from __future__ import annotations

import json
import sqlite3

import pytest

from games.engine.grownups.report import class_rows
from games.engine.records import mastery, reviews
from games.engine.records.progress import Answer, Progress
from games.engine.records.recorder import Recorder
from games.engine.records.schema import MIGRATIONS, SCHEMA_VERSION
from games.engine.records.store import Store

B_STROKES = [[[300, 200], [300, 420]], [[300, 330], [340, 300], [380, 330], [380, 400], [340, 420], [300, 400]]]


@pytest.fixture
def progress(tmp_path):
    p = Progress.open(tmp_path / "progress.db")
    p.keep_writing = True
    yield p
    p.close()


def kids(progress, *names):
    k = progress.store.add_class("Ducks")
    return [progress.store.add_child(k.id, n, "Cat", c) for n, c in zip(names, ["blue", "red", "green"])]


def write(progress, letter="b", correct=False, refusal="another letter", best="d", strokes=B_STROKES, child=None):
    """One writing of ``letter`` by the child playing (or ``child``); returns its answer id."""
    player = None if child is None else type("P", (), {"child": child})()
    Recorder(progress, "test", "1").record(letter, "wrote", correct, best_guess=best, strokes=strokes,
                                           refusal=None if correct else refusal, player=player)
    return progress.store.conn.execute("SELECT MAX(id) FROM answers").fetchone()[0]


def verdicts(store, answer_id):
    return store.conn.execute("SELECT correct, review FROM answers WHERE id = ?", (answer_id,)).fetchone()


def schema_3_file(path):
    """A progress file as the release before reviews left it: one child, a refused b with its strokes
    and the letter's state folded."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied REAL NOT NULL)")
    conn.executescript(MIGRATIONS[0])
    for statement in MIGRATIONS[1].split(";"):
        if statement.strip():
            conn.execute(statement)
    MIGRATIONS[2](conn)
    conn.executemany("INSERT INTO schema_version VALUES (?, 0)", [(1,), (2,), (3,)])
    conn.execute("INSERT INTO classes VALUES (1, 'Ducks', 0)")
    conn.execute("INSERT INTO children VALUES (1, 'u1', 'Mia', 1, 'Cat', 'blue', 0)")
    conn.execute("INSERT INTO answers (uid, child_id, at, game, level, letter, letter_case, action, correct, "
                 "best_guess, help, strokes) VALUES ('a1', 1, 5, 'g', '1', 'b', 'lower', 'wrote', 0, 'd', 'none', ?)",
                 (json.dumps(B_STROKES),))
    conn.execute("INSERT INTO answers (uid, child_id, at, game, level, letter, letter_case, action, correct, "
                 "help) VALUES ('a2', 1, 6, 'g', '1', 'b', 'lower', 'tapped', 1, 'none')")
    conn.execute("INSERT OR REPLACE INTO options VALUES ('keep_writing', '1')")
    conn.close()


def test_a_file_from_before_reviews_is_migrated_keeps_every_answer_and_can_be_reviewed(tmp_path):
    path = tmp_path / "progress.db"
    schema_3_file(path)
    before = Store(path)
    assert Store.version(before.conn) == SCHEMA_VERSION == len(MIGRATIONS) == 4
    rows = before.answers(1)
    assert [(r["uid"], r["correct"], r["review"], r["reviewed_at"], r["refusal"]) for r in rows] == [
        ("a1", 0, None, None, None), ("a2", 1, None, None, None)]
    first = before.letter_states(1)[("b", "lower")]
    assert (first.seen, first.right) == (2, 1)
    before.close()

    p = Progress.open(path)
    shown = reviews.writings(p.store, [1])
    assert [(w.letter, w.accepted, w.checker_said()) for w in shown] == [("b", False, "not right (it read d)")]
    p.review(shown[0].id, True)
    state = p.states(1)[("b", "lower")]
    assert (state.seen, state.right, state.written) == (2, 2, 1)
    assert verdicts(p.store, shown[0].id) == (0, 1)   # the game's verdict is kept as it was
    p.close()


def test_a_decision_changes_the_verdict_that_counts_mastery_and_the_report_but_not_the_games(progress):
    mia, = kids(progress, "Mia")
    progress.choose(mia)
    ids = [write(progress) for _ in range(3)]
    st = progress.states(mia.id)[("b", "lower")]
    assert (st.right, st.mark, round(st.mastery, 2)) == (0, mastery.SEEN, 0.0)
    row = next(r for r in class_rows(progress) if (r["letter"], r["case"]) == ("b", "lower"))
    assert (row["right"], row["written"], row["mark"]) == (0, 0, "seen")

    for answer_id in ids:
        progress.review(answer_id, True)
    st = progress.states(mia.id)[("b", "lower")]
    assert (st.right, st.written, st.clean_written, st.mark) == (3, 3, 3, mastery.WRITES)
    assert st.mastery >= mastery.WRITES_AT
    assert progress.store.letter_states(mia.id)[("b", "lower")].to_json() == st.to_json()   # the folded table too
    assert mastery.fold(progress.store.answers(mia.id))[("b", "lower")].to_json() == st.to_json()
    row = next(r for r in class_rows(progress) if (r["letter"], r["case"]) == ("b", "lower"))
    assert (row["right"], row["written"], row["mark"]) == (3, 3, "writes")
    assert progress.weights("bd", "lower")["b"] < progress.weights("bd", "lower")["d"]   # known: comes up less
    assert [verdicts(progress.store, i) for i in ids] == [(0, 1)] * 3
    kept = progress.store.answers(mia.id)
    assert {(r["correct"], r["refusal"], r["best_guess"]) for r in kept} == {(0, "another letter", "d")}


def test_not_right_takes_a_wrongly_accepted_writing_back_and_undo_gives_the_games_verdict_back(progress):
    mia, = kids(progress, "Mia")
    progress.choose(mia)
    ids = [write(progress, correct=True) for _ in range(3)]
    assert progress.states(mia.id)[("b", "lower")].mark == mastery.WRITES
    progress.review(ids[0], False)
    progress.review(ids[1], False)
    st = progress.states(mia.id)[("b", "lower")]
    assert (st.right, st.mark) == (1, mastery.SEEN)
    progress.review(ids[0], None)
    progress.review(ids[1], None)
    st = progress.states(mia.id)[("b", "lower")]
    assert (st.right, st.mark) == (3, mastery.WRITES)
    undone = progress.store.conn.execute("SELECT review, reviewed_at FROM answers WHERE id = ?", (ids[0],)).fetchone()
    assert undone[0] is None and undone[1] is not None   # when it was undone: an older decision cannot come back
    assert reviews.examples(progress.store, mia.id) == []


def test_the_checkers_examples_are_the_confirmed_writings_newest_decision_first_and_bounded(progress):
    mia, tom = kids(progress, "Mia", "Tom")
    progress.choose(mia)
    first = write(progress, "b")
    upper = write(progress, "B", correct=True)
    third = write(progress, "q", refusal="not a letter", strokes=[[[0, 0], [60, 60], [0, 60], [60, 0]]])
    tap = write(progress, "a", correct=True, strokes=None)   # no strokes kept: not an example
    write(progress, "b", child=tom)
    progress.store.conn.execute("UPDATE answers SET strokes = NULL WHERE id = ?", (tap,))
    reviews.decide(progress.store, upper, False, now=100)
    reviews.decide(progress.store, first, True, now=300)
    reviews.decide(progress.store, third, True, now=200)
    got = reviews.examples(progress.store, mia.id)
    assert [(letter, right) for _, letter, right in got] == [("b", True), ("q", True), ("B", False)]
    assert got[0][0] == B_STROKES
    assert [e[1] for e in reviews.examples(progress.store, mia.id, most=2)] == ["b", "q"]
    assert reviews.examples(progress.store, tom.id) == []
    with pytest.raises(ValueError):
        reviews.decide(progress.store, tap, True)   # a writing whose strokes were not kept cannot be reviewed


def test_examples_stop_at_two_hundred(progress):
    mia, = kids(progress, "Mia")
    progress.choose(mia)
    for i in range(reviews.MOST_EXAMPLES + 20):
        reviews.decide(progress.store, write(progress), True, now=1000 + i)
    got = reviews.examples(progress.store, mia.id)
    assert len(got) == reviews.MOST_EXAMPLES == 200


def test_with_samples_off_nothing_is_stored(progress):
    mia, = kids(progress, "Mia")
    progress.choose(mia)
    answer_id = write(progress)
    progress.keep_writing = False
    before = progress.store.answers(mia.id)
    with pytest.raises(reviews.SamplesOff, match="Keep writing samples"):
        progress.review(answer_id, True)
    with pytest.raises(reviews.SamplesOff):
        progress.review(answer_id, None)
    assert progress.store.answers(mia.id) == before
    assert progress.states(mia.id)[("b", "lower")].right == 0
    assert write(progress) and progress.store.answers(mia.id)[-1]["strokes"] is None   # and no new strokes


def test_deleting_a_child_deletes_their_reviewed_writings_and_leaves_no_trace(progress, tmp_path):
    mia, tom = kids(progress, "Mialouise", "Tom")
    marked = [[[31337, 27182], [31400, 27300]]]
    answer_id = write(progress, child=mia, strokes=marked)
    write(progress, child=tom)
    progress.review(answer_id, True)
    data = (tmp_path / "progress.db").read_bytes() + (tmp_path / "progress.db-wal").read_bytes()
    assert b"31337" in data
    progress.delete_child(mia)
    assert progress.store.conn.execute("SELECT COUNT(*) FROM answers WHERE review IS NOT NULL").fetchone()[0] == 0
    assert reviews.examples(progress.store, mia.id) == [] and reviews.writings(progress.store, [mia.id]) == []
    for name in ("progress.db", "progress.db-wal"):
        path = tmp_path / name
        held = path.read_bytes() if path.exists() else b""
        assert b"31337" not in held and b"Mialouise" not in held, name
    assert len(reviews.writings(progress.store, [tom.id])) == 1


def test_the_page_order_groups_by_letter_with_refused_writings_first(progress):
    mia, = kids(progress, "Mia")
    progress.choose(mia)
    write(progress, "a", correct=True)
    write(progress, "d", correct=True)
    write(progress, "d", refusal="not a letter")
    write(progress, "D", correct=True)
    write(progress, "b", refusal="too small")   # a dot: nothing to look at
    write(progress, "c", refusal="how it was written")
    shown = reviews.writings(progress.store, [mia.id])
    assert [(w.letter, w.checker_said()) for w in shown] == [
        ("c", "read as the letter, but written another way"), ("d", "not a letter"), ("d", "accepted"),
        ("a", "accepted"), ("D", "accepted")]


def test_a_refusal_the_records_do_not_know_is_left_out_and_the_answer_kept(progress):
    mia, = kids(progress, "Mia")
    progress.choose(mia)
    assert Recorder(progress, "g", "1").record("b", "wrote", False, refusal="something new", strokes=B_STROKES)
    assert progress.store.answers(mia.id)[-1]["refusal"] is None
    with pytest.raises(ValueError, match="refusal"):
        Answer("g", "1", "b", action="wrote", refusal="something new")


def test_reviews_go_with_an_export_and_the_newest_decision_wins(tmp_path):
    there = Progress.open(tmp_path / "there.db")
    here = Progress.open(tmp_path / "here.db")
    for p in (there, here):
        p.keep_writing = True
    mia, = kids(there, "Mia")
    there.choose(mia)
    ids = [write(there) for _ in range(3)]
    uids = [there.store.conn.execute("SELECT uid FROM answers WHERE id = ?", (i,)).fetchone()[0] for i in ids]
    here.store.merge(there.store.export_data())   # the writings, not reviewed yet
    here_id = dict(here.store.conn.execute("SELECT uid, id FROM answers").fetchall())

    def review_here():
        return [here.store.conn.execute("SELECT correct, review FROM answers WHERE uid = ?", (u,)).fetchone()
                for u in uids]

    reviews.decide(there.store, ids[0], True, now=1000)
    reviews.decide(there.store, ids[1], True, now=1000)
    reviews.decide(here.store, here_id[uids[1]], False, now=2000)   # decided again here, later: this one stays
    data = there.store.export_data()
    assert sorted(str(a["review"]) for a in data["answers"]) == ["1", "1", "None"]
    counts = here.store.merge(data)
    assert (counts["answers_already_here"], counts["reviews_taken"]) == (3, 1)
    assert review_here() == [(0, 1), (0, 0), (0, None)]
    assert here.store.merge(data)["reviews_taken"] == 0   # nothing taken twice
    reviews.undo(there.store, ids[0], now=3000)
    assert here.store.merge(there.store.export_data())["reviews_taken"] == 1
    assert review_here() == [(0, None), (0, 0), (0, None)]   # undone there, later: undone here
    assert here.states(here.store.children()[0].id)[("b", "lower")].right == 0
    assert there.states(mia.id)[("b", "lower")].right == 1
    there.close()
    here.close()


@pytest.mark.parametrize("review", [
    {"review": 1},                                   # a decision needs its time
    {"review": 2, "reviewed_at": 5.0},
    {"review": "yes", "reviewed_at": 5.0},
    {"review": 1, "reviewed_at": float("inf")},
    {"refusal": "maybe"},
])
def test_an_imported_answer_with_a_damaged_review_is_left_out(review, tmp_path):
    here = Progress.open(tmp_path / "here.db")
    data = {"format": "letterplay-progress", "version": 1, "children": [
        {"uid": "c1", "name": "Mia", "class": "Ducks", "animal": "Cat", "color": "blue"}], "answers": [
        {"child": "c1", "uid": "a1", "at": 5.0, "game": "g", "level": "1", "letter": "b", "letter_case": "lower",
         "action": "wrote", "correct": 0, "help": "none", **review},
        {"child": "c1", "uid": "a2", "at": 6.0, "game": "g", "level": "1", "letter": "b", "letter_case": "lower",
         "action": "wrote", "correct": 0, "help": "none", "review": True, "reviewed_at": 7.0}]}
    counts = here.store.merge(data)
    assert (counts["answers_added"], counts["answers_damaged"]) == (1, 1)
    assert [(r["uid"], r["review"]) for r in here.store.answers()] == [("a2", 1)]
    here.close()
