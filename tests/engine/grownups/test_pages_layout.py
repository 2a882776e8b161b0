"""The grown-ups' pages lay out cleanly: hints and the status line are never under a button, the class
grid fills the page and its letters are big enough to read at a glance, and the tabs say where you are.

Issue #23: the empty-class hint and the status line were covered by buttons; the class grid's letters
were ~9 px (I and l alike) in a thin strip over an empty page; "Class grid" stayed lit on a child's page.
"""
from __future__ import annotations

import pygame
import pytest

from games.engine.core import draw as d
from games.engine.grownups.profiles_screen import ProfilesScreen
from games.engine.records.progress import Answer

NAMES = ["Mia", "Noah", "Zoë", "Liam", "Ava", "Leo", "Emma", "Oscar", "Lily", "Max", "Chloé", "Sam", "Ella",
         "Omar", "Ruby", "Finn", "Isla", "Theo", "Nora", "Jack", "Aisha", "Ben", "Maya", "Tom", "Sofia",
         "Ilse", "Lola", "Iris", "Ollie", "Ivy"]
LONG_NOTICE = "Report written: class.csv and 30 pages in /home/teacher/Documents/Letterplay reports/2024-05-01"


def with_class(make_app, children: int):
    app = make_app()
    store = app.progress.store
    k = store.add_class("Ducklings")
    app.progress.set_active_class(k.id)
    kids = [store.add_child(k.id, name, "Cat", "blue") for name in NAMES[:children]]
    for kid in kids[:3]:
        app.progress.choose(kid)
        for letter in "bIl":
            app.progress.record(Answer("g", "1", letter.lower(), "upper" if letter.isupper() else "lower",
                                       "wrote", True))
    app.progress.choose(None)
    return app, kids


class Drawn:
    """Records what a draw put on the canvas: text lines (with their rectangles), letters and marks."""

    def __init__(self, monkeypatch):
        self.texts, self.glyphs, self.marks = [], [], []
        real_text, real_glyph = d.draw_text, d.draw_glyph

        def draw_text(surface, text, size, center, *a, **kw):
            rect = real_text(surface, text, size, center, *a, **kw)
            self.texts.append((text, size, rect))
            return rect

        def draw_glyph(surface, char, size, center, *a, **kw):
            rect = real_glyph(surface, char, size, center, *a, **kw)
            self.glyphs.append((char, size, rect))
            return rect
        monkeypatch.setattr(d, "draw_text", draw_text)
        monkeypatch.setattr(d, "draw_glyph", draw_glyph)
        from games.engine.grownups import progress_pages
        real_mark = progress_pages.draw_mark

        def draw_mark(surface, mark, center, r, *a, **kw):
            self.marks.append((center, r))
            return real_mark(surface, mark, center, r, *a, **kw)
        monkeypatch.setattr(progress_pages, "draw_mark", draw_mark)

    def text(self, starts):
        found = [rect for text, _, rect in self.texts if text.startswith(starts)]
        assert found, f"no text starting {starts!r} was drawn"
        return found[0]

    def letters(self):
        """Single letters drawn as text or glyphs (the grid's column heads)."""
        return [(ch, size, rect) for ch, size, rect in self.texts + self.glyphs if len(ch) == 1 and ch.isalpha()]


def show(app, screen: ProfilesScreen, monkeypatch) -> Drawn:
    drawn = Drawn(monkeypatch)
    screen.draw(app.canvas)
    return drawn


def covering(screen, rect):
    return [w for w in screen.widgets if w.visible and w.rect.colliderect(rect)]


def test_the_no_class_hint_is_not_under_a_button(make_app, monkeypatch):
    app = make_app()
    screen = ProfilesScreen(app)
    app.push(screen)
    hint = show(app, screen, monkeypatch).text("Start with a class")
    assert not covering(screen, hint)


def test_the_empty_class_hint_is_not_under_a_button(make_app, monkeypatch):
    app, _ = with_class(make_app, 0)
    screen = ProfilesScreen(app)
    app.push(screen)
    for page in ("children", "grid"):
        screen.show(page)
        hint = show(app, screen, monkeypatch).text("No children in this class yet")
        assert not covering(screen, hint), page


@pytest.mark.parametrize("children", [0, 3, 30])
def test_the_status_line_is_never_under_a_button(make_app, monkeypatch, children):
    app, kids = with_class(make_app, children)
    screen = ProfilesScreen(app)
    app.push(screen)
    pages = ["children", "grid"] + (["child"] if kids else [])
    for page in pages:
        if page == "child":
            screen.open_child(kids[0])
        else:
            screen.show(page)
        screen.say(LONG_NOTICE)
        line = show(app, screen, monkeypatch).text("Report written")
        assert not covering(screen, line), (page, [w.rect for w in covering(screen, line)])
        assert pygame.Rect(0, 0, d.W, d.H).contains(line)


@pytest.mark.parametrize("children, least_letter", [(3, 28), (12, 20), (30, 20)])
def test_the_class_grid_fills_the_page_with_letters_big_enough_to_read(make_app, monkeypatch, children,
                                                                         least_letter):
    app, kids = with_class(make_app, children)
    screen = ProfilesScreen(app)
    app.push(screen)
    screen.show("grid")
    drawn = show(app, screen, monkeypatch)
    heads = drawn.letters()
    assert {ch for ch, _, _ in heads} >= set("ABCIlz")
    # the column heads are Andika (it tells I from l) at a size a grown-up reads across the room
    for ch in "Il":
        size = min(s for c, s, _ in heads if c == ch)
        assert size >= least_letter, (ch, size)
        assert d.font(size, True).size(ch)[1] >= least_letter
    i_img, l_img = (d.text_surface(ch, least_letter, d.INK, True) for ch in "Il")
    assert pygame.mask.from_surface(i_img).get_bounding_rects() != pygame.mask.from_surface(l_img).get_bounding_rects()
    # the marks fill the page between the class buttons and the Back button, none under a button
    back = next(w for w in screen.widgets if getattr(w, "label", None) == "Back")
    ys = [c[1] for c, _ in drawn.marks]
    room = back.rect.top - 200
    assert max(ys) - min(ys) >= 0.55 * room or children == 3 and max(ys) - min(ys) >= 0.45 * room, (min(ys), max(ys))
    assert max(ys) < back.rect.top
    assert min(r for _, r in drawn.marks if r > 3) >= 6
    # every name row can be tapped, in order, once a child
    assert [k.name for k, _ in screen.grid_rows] == sorted(k.name for k in kids)[:30]


def test_a_childs_page_lights_no_tab_and_goes_back_where_it_came_from(make_app):
    app, kids = with_class(make_app, 3)
    screen = ProfilesScreen(app)
    app.push(screen)
    tabs = {w.label: w for w in screen.widgets if getattr(w, "label", None) in ("Children", "Class grid")}
    assert tabs["Children"].selected and not tabs["Class grid"].selected
    screen.show("grid")
    screen.open_child(kids[0])
    tabs = {w.label: w for w in screen.widgets if getattr(w, "label", None) in ("Children", "Class grid")}
    assert not tabs["Children"].selected and not tabs["Class grid"].selected
    screen.back()
    assert screen.page == "grid"
    screen.show("children")
    screen.select(next(c for c in screen.cards if c.child.id == kids[1].id))
    next(w for w in screen.widgets if getattr(w, "label", None) == "Progress").activate()
    assert screen.page == "child"
    screen.back()
    assert screen.page == "children"
