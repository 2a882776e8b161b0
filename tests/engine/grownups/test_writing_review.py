"""The grown-ups' "Writing to look at" page, played by real events: reached from the Children page (a
child, or the class), "This was right" / "This was not right" and undo by tap, touch and keyboard, the
verdict that counts and the game's kept, pages, spoken names, and nothing stored with samples off."""
from __future__ import annotations

import pygame
import pytest
from fakes import class_on_launcher

from games.engine.grownups.profiles_screen import ProfilesScreen
from games.engine.grownups.writing_review import PER_PAGE, WritingReview, paint_writing, when
from games.engine.play.players import Player
from games.engine.records.recorder import Recorder

B_AS_D = [[(520, 160), (520, 400)], [(520, 330), (470, 300), (430, 340), (440, 390), (480, 405), (520, 380)]]


def wrote(app, child, letter="b", correct=False, refusal="another letter", best="d", strokes=B_AS_D):
    Recorder(app.progress, "missing_letter", "1").record(letter, "wrote", correct, best_guess=best, strokes=strokes,
                                                         refusal=refusal, player=Player(child.name, (0, 0, 0), child=child))
    return app.progress.store.conn.execute("SELECT MAX(id) FROM answers").fetchone()[0]


@pytest.fixture
def school(make_app):
    return class_on_launcher(make_app(), keep_writing=True)


def button(scene, label):
    return next(w for w in scene.widgets if getattr(w, "label", None) == label and w.visible)


def buttons(scene, label):
    return [w for w in scene.widgets if getattr(w, "label", None) == label and w.visible]


def open_page(drv, child_name=None):
    """The Children page, then a child's (or, with no name, the class's) "Writing to look at"."""
    screen = ProfilesScreen(drv.app)
    drv.app.push(screen)
    drv.frames(1)
    if child_name:
        drv.tap(next(c for c in screen.cards if c.child.name == child_name).rect.center)
    drv.tap(button(screen, "Writing to look at").rect.center)
    drv.frames(1)
    assert isinstance(drv.top, WritingReview)
    return screen, drv.top


def review_of(app, answer_id):
    return app.progress.store.conn.execute("SELECT correct, review FROM answers WHERE id = ?", (answer_id,)).fetchone()


def test_a_tap_on_this_was_right_corrects_the_verdict_that_counts_and_undo_takes_it_back(school):
    drv, kids = school
    mia = kids["Mia"]
    answer_id = wrote(drv.app, mia)
    wrote(drv.app, kids["Tom"])
    screen, page = open_page(drv, "Mia")
    assert page.title == "Mia" and [w.id for w in page.items] == [answer_id]   # only hers
    assert page.items[0].checker_said() == "looks like d"
    assert drv.app.progress.states(mia.id)[("b", "lower")].right == 0
    drv.tap(button(page, "This was right").rect.center)
    assert review_of(drv.app, answer_id) == (0, 1)   # the game's verdict kept, the grown-up's counts
    st = drv.app.progress.states(mia.id)[("b", "lower")]
    assert (st.right, st.written) == (1, 1)
    assert "now counts as right" in page.notice and "next time Mia is picked" in page.notice
    assert not buttons(page, "This was right") and button(page, "Undo")
    drv.frames(1)
    drv.tap(button(page, "Undo").rect.center)
    assert review_of(drv.app, answer_id) == (0, None)
    assert drv.app.progress.states(mia.id)[("b", "lower")].right == 0
    assert button(page, "This was right") and "Undone" in page.notice
    drv.key(pygame.K_ESCAPE)
    assert drv.top is screen


def test_a_finger_tap_on_this_was_not_right_takes_back_a_writing_the_checker_accepted(school):
    drv, kids = school
    answer_id = wrote(drv.app, kids["Tom"], correct=True, refusal=None, best="b")
    _, page = open_page(drv, "Tom")
    assert page.items[0].checker_said() == "accepted"
    drv.finger_tap(button(page, "This was not right").rect.center)
    assert review_of(drv.app, answer_id) == (1, 0)
    assert drv.app.progress.states(kids["Tom"].id)[("b", "lower")].right == 0


def test_the_keyboard_reaches_every_control_and_each_says_its_name(school):
    drv, kids = school
    answer_id = wrote(drv.app, kids["Mia"])
    _, page = open_page(drv, "Mia")
    assert all(getattr(w, "spoken", "") for w in page.widgets), [w for w in page.widgets if not getattr(w, "spoken", "")]
    heard = []
    for _ in range(len(page.focusable())):
        drv.key(pygame.K_TAB)
        heard.append(drv.app.speaker.caption)
    assert heard[0].startswith("Mia's b, written ") and "The checker said: looks like d" in heard[0]
    assert heard[1].startswith("This was right: Mia's b from") and heard[2].startswith("This was not right: Mia's b")
    assert heard[-1] == "Back to the Children page"
    drv.key(pygame.K_TAB)   # round again to the picture, then "This was right"
    drv.key(pygame.K_TAB)
    drv.key(pygame.K_RETURN)
    assert review_of(drv.app, answer_id) == (0, 1)
    assert page.focus is not None and page.focus.label == "Undo"   # the keyboard stays on the card
    drv.key(pygame.K_SPACE)
    assert review_of(drv.app, answer_id) == (0, None)


def test_a_tap_on_a_picture_says_what_it_shows(school):
    drv, kids = school
    wrote(drv.app, kids["Mia"])
    _, page = open_page(drv, "Mia")
    picture = next(w for w in page.widgets if type(w).__name__ == "WritingPicture")
    drv.tap(picture.rect.center)
    assert drv.app.speaker.caption == picture.spoken and "Not looked at yet." in picture.spoken


def test_the_class_page_shows_every_childs_writing_grouped_by_letter_in_pages(school):
    drv, kids = school
    for i in range(PER_PAGE):
        wrote(drv.app, kids["Mia" if i % 2 else "Tom"], "d", correct=True, refusal=None, best="d")
    refused = wrote(drv.app, kids["Tom"], "d", refusal="not a letter", best="o")
    wrote(drv.app, kids["Mia"], "a", correct=True, refusal=None, best="a")
    wrote(drv.app, kids["Mia"], "b", refusal="too small", best="")   # a dot: not shown
    _, page = open_page(drv)
    assert page.title == "class Ducks" and len(page.items) == PER_PAGE + 2 and page.pages() == 2
    assert page.items[0].id == refused and [w.letter for w in page.items] == ["d"] * (PER_PAGE + 1) + ["a"]
    assert {w.child_id for w in page.items} == {kids["Mia"].id, kids["Tom"].id}
    assert not page.prev.visible and page.next.visible
    drv.tap(page.next.rect.center)
    assert page.page == 1 and [w.letter for w, _ in page.cards] == ["d", "a"] and not page.next.visible
    drv.key(pygame.K_PAGEUP)
    assert page.page == 0 and len(page.cards) == PER_PAGE
    drv.key(pygame.K_PAGEDOWN)
    assert page.page == 1


def test_with_samples_off_the_page_says_how_to_turn_them_on_and_stores_nothing(school):
    drv, kids = school
    answer_id = wrote(drv.app, kids["Mia"])
    drv.app.progress.keep_writing = False
    before = drv.app.progress.store.answers()
    _, page = open_page(drv, "Mia")
    assert page.items == [] and not buttons(page, "This was right")
    assert [w.spoken for w in page.widgets if w.visible] == ["Back to the Children page"]
    for key in (pygame.K_TAB, pygame.K_RETURN):
        drv.key(key)
    drv.tap((640, 300))
    surface = pygame.Surface((1280, 800))
    page.draw(surface)
    assert drv.app.progress.store.answers() == before
    drv.app.progress.keep_writing = True   # samples on again, a page opened...
    drv.key(pygame.K_ESCAPE)
    _, page = open_page(drv, "Mia")
    drv.app.progress.keep_writing = False  # ...and turned off before the decision: nothing kept
    drv.tap(button(page, "This was right").rect.center)
    assert review_of(drv.app, answer_id) == (0, None) and "nothing was stored" in page.notice
    assert page.notice_is_problem and page.items == []


def test_the_picture_is_the_ink_on_the_handwriting_lines(school):
    img = paint_writing(B_AS_D, "b", (360, 150))
    blue = pygame.mask.from_threshold(img, (40, 70, 200, 255), (30, 30, 30, 255))
    box = blue.get_bounding_rects()
    assert box and blue.count() > 500
    ink = box[0].unionall(box[1:])
    from games.engine.writing.tracepad import HandwritingLines
    lines = HandwritingLines(pygame.Rect(0, 0, 360, 150))
    assert abs(ink.top - lines.y(0)) < 8 and abs(ink.bottom - lines.y(1)) < 8   # a b stands from the top line to the baseline
    small = paint_writing([[(0, 0), (300, 0), (300, 300), (0, 300), (0, 0)]], "o", (360, 150))
    ink = pygame.mask.from_threshold(small, (40, 70, 200, 255), (30, 30, 30, 255)).get_bounding_rects()
    assert abs(ink[0].unionall(ink[1:]).top - lines.y(0.5)) < 8   # an o from the midline


def test_when_says_today_yesterday_or_the_day():
    import time
    now = time.mktime((2026, 3, 4, 12, 0, 0, 0, 0, -1))
    assert when(now - 3600, now) == "today 11:00"
    assert when(now - 86400, now) == "yesterday 12:00"
    assert when(now - 3 * 86400, now) == "Sun 1 Mar 12:00"
