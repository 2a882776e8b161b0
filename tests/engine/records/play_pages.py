"""Play every page that shows children's names and records by real events (the records tests use it
after each odd name or file): the avatar picker, the Children page, the class grid, a child's page and
the report."""
from __future__ import annotations

import csv

import pygame

from games.engine.grownups.profiles_screen import ProfilesScreen
from games.engine.grownups.report import reports_folder
from games.engine.play.common_scenes import GameStart
from games.engine.play.who_is_playing import AvatarPicker


def button(scene, label):
    """The shown widget labelled ``label`` (None when there is none)."""
    return next((w for w in scene.widgets if getattr(w, "label", None) == label and w.visible), None)


def type_text(drv, text):
    for ch in text:
        drv.post(pygame.KEYDOWN, key=0, mod=0, unicode=ch, scancode=0)
    drv.frames(1)


def clear_text(drv):
    """Backspace over all the text of the dialog on top (the keys in one frame)."""
    for _ in range(len(drv.top.text)):
        drv.post(pygame.KEYDOWN, key=pygame.K_BACKSPACE, mod=0, unicode="", scancode=0)
    drv.frames(1)


def open_picker(drv, game_id="missing_letter"):
    """From the launcher: a one-player game's card, then its first level; the scene on top."""
    drv.app.home()
    drv.frames(1)
    drv.tap(drv.top.cards[game_id].rect.center)
    drv.frames(2)
    assert isinstance(drv.top, GameStart)
    drv.tap(drv.top.widgets[0].rect.center)
    drv.frames(2)
    return drv.top


def play_picker(drv, per_page=4):
    """Every page of "Who are you?" for the active class, a few animals tapped on each; the last one
    tapped plays. Returns the child who played (None: no children, the game started straight away)."""
    kids = drv.app.progress.class_children()
    picker = open_picker(drv)
    if not kids:
        assert not isinstance(picker, AvatarPicker)
        drv.app.home()
        return None
    assert isinstance(picker, AvatarPicker)
    assert {c.id for c in kids} == {c.id for c in picker.children}
    for _ in range(picker.pages()):
        for card in [c for c in picker.cards if c.child is not None][:per_page]:
            if card is not picker.selected:
                drv.tap(card.rect.center)
        if picker.next.enabled:
            drv.tap(picker.next.rect.center)
    chosen = picker.selected.child if picker.selected else None
    drv.tap(picker.go.rect.center)
    drv.frames(2)
    assert not isinstance(drv.top, AvatarPicker)
    assert drv.app.progress.child == chosen
    drv.app.home()
    return chosen


def class_buttons(screen):
    classes = {c.name for c in screen.store.classes()}
    return [w for w in screen.widgets if w.rect.y == 104 and getattr(w, "label", None) in classes]


def play_grownups_pages(drv, report=True, only=None):
    """The Children page of every class (or of the class ids in ``only``): a child chosen and their page
    opened, the class grid (a row tapped), and "Write report"; every page drawn. Returns the folder of
    the last report written."""
    screen = ProfilesScreen(drv.app)
    drv.app.push(screen)
    drv.frames(1)
    written = None
    names = [c.name for c in screen.store.classes() if only is None or c.id in only]
    for name in names:
        drv.tap(next(b for b in class_buttons(screen) if b.label == name).rect.center)
        assert screen.klass.name == name
        drv.frames(1)
        assert screen.page == "children"
        if screen.cards:
            drv.tap(screen.cards[-1].rect.center)
            assert screen.child is not None
            drv.tap(button(screen, "Progress").rect.center)
            assert screen.page == "child"
            drv.frames(2)
            drv.key(pygame.K_ESCAPE)   # back to the page the child's page was opened from
            assert screen.page == "children"
        drv.tap(button(screen, "Class grid").rect.center)
        assert screen.page == "grid"
        drv.frames(1)
        if screen.grid_rows:
            kid, rect = screen.grid_rows[0]
            drv.tap(rect.center)
            assert screen.page == "child" and screen.child.id == kid.id
            drv.frames(1)
        drv.tap(button(screen, "Children").rect.center)
        assert screen.page == "children"
        if report:
            drv.tap(button(screen, "Write report").rect.center)
            assert "Report written" in screen.notice, screen.notice
            written = check_report(screen)
    drv.tap(button(screen, "Back").rect.center)
    assert drv.top is not screen
    return written


def check_report(screen):
    """The report of the class shown: class.csv with 52 rows a child and one page a child; no temporary
    file left. Returns the report's folder."""
    folder = reports_folder()
    kids = screen.store.children(screen.klass.id)
    with open(folder / "class.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 52 * len(kids)
    assert f"class.csv and {len(kids)} pages" in screen.notice, screen.notice
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")], "a temporary file was left behind"
    return folder
