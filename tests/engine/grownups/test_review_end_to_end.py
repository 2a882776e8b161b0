"""Issue 22 from end to end, with the real recognizer and real events: a child's A the checker refused is
confirmed on "Writing to look at"; the answer's verdict and mastery change (the game's verdict is kept);
the same A written again by that child is accepted, while another child's checker still refuses it."""
from __future__ import annotations

import pytest
from fakes import class_on_launcher, play_write_a, with_template_game

from games.engine.grownups.profiles_screen import ProfilesScreen
from games.engine.grownups.writing_review import WritingReview
from games.engine.writing.checker import RecognizerChecker


def line(a, b, n=12):
    return [(a[0] + (b[0] - a[0]) * t / n, a[1] + (b[1] - a[1]) * t / n) for t in range(n + 1)]


#: a child's A: a tent with its bar down on the line, like a triangle (the usual checker reads an s)
HER_A = [line((40, 260), (130, 0)), line((130, 0), (220, 260)), line((60, 250), (200, 250))]


@pytest.fixture
def school(make_app):
    app = make_app(checker=RecognizerChecker(background=False), games=with_template_game())
    return class_on_launcher(app, keep_writing=True)



def write_her_a(drv, scene):
    """The child writes the A on the game's pad (three strokes) and taps "I'm done"."""
    pad = scene.writing.pad
    before = len(drv.app.progress.store.answers())
    for stroke in HER_A:
        drv.drag([(pad.rect.x + 170 + x, pad.rect.y + 90 + y) for x, y in stroke])
    drv.tap(pad.done_button.rect.center)
    drv.until(lambda: len(drv.app.progress.store.answers()) > before, what="the answer")
    return drv.app.progress.store.answers()[-1]


def test_a_refused_writing_confirmed_on_the_page_is_accepted_for_that_child_only(school):
    drv, kids = school
    mia, tom = kids["Mia"], kids["Tom"]
    first = write_her_a(drv, play_write_a(drv, "Mia"))
    assert (first["child_id"], first["correct"], first["refusal"]) == (mia.id, 0, "another letter")
    assert drv.app.progress.states(mia.id)[("a", "upper")].right == 0

    drv.app.home()
    screen = ProfilesScreen(drv.app)
    drv.app.push(screen)
    drv.tap(next(c for c in screen.cards if c.child.name == "Mia").rect.center)
    drv.tap(next(w for w in screen.widgets if getattr(w, "label", None) == "Writing to look at").rect.center)
    page = drv.top
    assert isinstance(page, WritingReview) and len(page.items) == 1
    assert page.items[0].checker_said() == f"looks like {first['best_guess'].upper()}"
    drv.tap(next(w for w in page.widgets if getattr(w, "label", None) == "This was right").rect.center)
    row = drv.app.progress.store.conn.execute("SELECT correct, review, length(description) FROM answers WHERE uid = ?",
                                              (first["uid"],)).fetchone()
    assert row[:2] == (0, 1) and row[2] > 100   # the game's verdict kept; the grown-up's and a description kept
    st = drv.app.progress.states(mia.id)[("a", "upper")]
    assert (st.right, st.written) == (1, 1) and st.mastery > 0

    again = write_her_a(drv, play_write_a(drv, "Mia"))
    assert (again["child_id"], again["correct"]) == (mia.id, 1), "her A is hers now"
    assert drv.app.progress.states(mia.id)[("a", "upper")].right == 2

    other = write_her_a(drv, play_write_a(drv, "Tom"))
    assert (other["child_id"], other["correct"], other["refusal"]) == (tom.id, 0, "another letter")


def test_a_confirmed_scribble_counts_for_that_answer_but_makes_no_scribble_a_letter(school):
    import math

    from games.engine.play.players import Player
    from games.engine.records.recorder import Recorder
    from games.engine.writing.checker import use_childrens_checkers
    drv, kids = school
    app, mia = drv.app, kids["Mia"]
    zig = [[(300 + i * 26, 240 if i % 2 else 440) for i in range(10)]]
    spiral = [[(430 + (8 + 5 * t) * math.cos(t), 330 + (8 + 5 * t) * math.sin(t)) for t in [i * 0.3 for i in range(70)]]]
    wave = [[(300 + i * 6, 330 + 90 * math.sin(i * 0.5)) for i in range(50)]]
    verdict = app.checker.check(zig, "A")
    Recorder(app.progress, "write_a", "1").record("A", "wrote", verdict.accepted, strokes=zig, refusal=verdict.refusal,
                                                  best_guess=verdict.best, player=Player("Mia", (0, 0, 0), child=mia))
    answer_id = app.progress.store.conn.execute("SELECT MAX(id) FROM answers").fetchone()[0]
    app.progress.review(answer_id, True, app.checker.description_of(zig))
    assert app.progress.states(mia.id)[("a", "upper")].right == 1   # the grown-up's word counts for that answer
    use_childrens_checkers(app, [mia], playing=mia)
    assert app.checker.ready_for(mia.id)
    for scribble in (zig, spiral, wave):
        for target in ("A", "a", "b"):
            assert not app.checker.check(scribble, target).accepted, (target, scribble[0][:2])
