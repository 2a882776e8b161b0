"""The screens of profiles: the children's avatar picker, and the grown-ups' pages behind the gate.

- :class:`AvatarPicker`: "Who are you?" A big grid of the class's avatars; touching one says the
  child's name; the green button (or touching it again) starts. The sun is "Just play" (a guest,
  nothing recorded).
- :class:`ProfilesScreen` (from the settings, "Children"): classes, children (add, rename, change the
  animal or colour, delete), class lists in and out, the teacher's options, the class grid (children x
  letters, seen ○ / recognises ◐ / writes ●), a page per child, and "Write report".
"""
from __future__ import annotations

import datetime as dt
import math
import time
from pathlib import Path

import pygame

from .. import draw as d
from ..input import Pointer
from ..letters import ALPHABET
from ..scene import Scene
from ..widgets import Button, Tappable
from . import mastery as m
from .avatars import ANIMALS, COLORS, draw_avatar, draw_guest, next_avatar
from .report import (draw_legend, draw_mark, draw_strokes, growth_sentences, learned_this_week, letter_table,
                     still_to_learn, write_report, writing_samples)

MIN_CELL = 100   # children's touch targets stay above 96 px


def grid_cells(n: int, area: pygame.Rect, gap: int = 16, aspect: float = 1.0) -> list[pygame.Rect]:
    """``n`` cells as big as fit in ``area`` (at most 230 px high), rows centred."""
    return d.grid_rects(n, area, gap, aspect, largest=230)


class AvatarCard(Tappable):
    """A child's avatar with their name under it (or the sun, for "Just play")."""

    def __init__(self, rect, child, on_tap):
        super().__init__(rect)
        self.child, self.on_tap = child, on_tap
        self.selected = False
        self.bounce = 0.0

    def activate(self):
        self.bounce = 1.0
        self.on_tap(self)

    def update(self, dt):
        self.bounce = max(0.0, self.bounce - dt * 2.5)

    def draw(self, surface, focused=False):
        lift = -10 * math.sin(self.bounce * math.pi)
        rect = self.rect.move(0, lift)
        color = d.shade(d.YELLOW, 1.35) if self.selected else d.WHITE
        d.blit_panel(surface, rect, color, radius=max(16, rect.h // 6),
                     border=d.GREEN if self.selected else (d.BLUE if focused else None))
        size = int(min(rect.w * 0.74, rect.h - 44))
        face = (rect.centerx, rect.y + 10 + size / 2)
        if self.child is None:
            draw_guest(surface, size, face)
            name = "Just play"
        else:
            draw_avatar(surface, self.child.animal, self.child.color, int(size * 0.88), face)
            name = self.child.name
        d.draw_text(surface, name, max(18, min(30, rect.h // 6)), (rect.centerx, rect.bottom - 20), d.INK,
                    bold=True, max_width=rect.w - 12)


class NameRow(Tappable):
    """A child's name at the start of a row of the class grid; tapping it opens their page."""

    def __init__(self, rect, child, on_open):
        super().__init__(rect)
        self.child, self.on_open = child, on_open

    def activate(self):
        self.on_open(self.child)

    def draw(self, surface, focused=False):
        size = max(14, min(20, self.rect.h - 4))
        w = d.font(size, True).size(self.child.name)[0]
        color = d.BLUE if (focused or self.pressed) else d.INK
        d.draw_text(surface, self.child.name, size, (self.rect.right - 10 - min(w, self.rect.w - 14) / 2, self.rect.centery),
                    color, bold=True, max_width=self.rect.w - 14)
        if focused:
            pygame.draw.line(surface, d.BLUE, (self.rect.x + 6, self.rect.bottom - 2), (self.rect.right - 10, self.rect.bottom - 2), 2)


class AvatarPicker(Scene):
    """Who are you? ``on_pick(child)`` runs with the child (None for "Just play") after the green button.

    ``player``: in a game for several players, the animal token asking ("Lion, who are you?");
    ``taken``: ids of children already picked for another animal.
    """

    animating = False
    PAGE = 27   # avatars a page; more children get page arrows

    def __init__(self, app, on_pick, current=None, player=None, taken=()):
        super().__init__(app)
        self.on_pick, self.player = on_pick, player
        self.children = [c for c in app.progress.class_children() if c.id not in set(taken)]
        self.page = 0
        self.selected = None   # an AvatarCard
        self.go = Button((d.W - 176, d.H - 250, 150, 150), self.start, icon_name="play", color=d.GREEN,
                         icon_color=d.WHITE)
        self.back_button = Button((24, 24, 96, 96), self.back, icon_name="back", color=d.WHITE)
        self.prev = Button((24, 330, 96, 120), lambda: self.turn(-1), icon_name="back", color=d.WHITE, sound="click")
        self.next = Button((d.W - 120, 330, 96, 120), lambda: self.turn(1), color=d.WHITE, sound="click",
                           painter=_next_arrow)
        start = next((i for i, c in enumerate(self.children) if current and c.id == current.id), None)
        if start is not None:
            self.page = start // self.PAGE
        self.build(select=current)

    def pages(self) -> int:
        return max(1, -(-(len(self.children) + 1) // self.PAGE))

    def build(self, select=None):
        items = ([None] + self.children)[self.page * self.PAGE:(self.page + 1) * self.PAGE]
        area = pygame.Rect(140, 130, d.W - 280, d.H - 130 - 110)
        self.cards = [AvatarCard(r, child, self.tap) for r, child in zip(grid_cells(len(items), area), items)]
        self.selected = None
        for card in self.cards:
            if select is not None and card.child is not None and card.child.id == select.id:
                card.selected, self.selected = True, card
        self.prev.visible = self.prev.enabled = self.page > 0
        self.next.visible = self.next.enabled = self.page < self.pages() - 1
        self.widgets = [self.back_button, self.prev, *self.cards, self.next, self.go]

    def turn(self, step):
        self.page = max(0, min(self.pages() - 1, self.page + step))
        self.build()

    @property
    def question(self) -> str:
        return f"{self.player.name}, who are you?" if self.player else "Who are you? Tap your animal."

    def enter(self):
        self.app.speaker.say(self.question, interrupt=True)

    def tap(self, card):
        if card is self.selected:
            self.start()   # touching your own animal again starts too
            return
        if self.selected:
            self.selected.selected = False
        card.selected, self.selected = True, card
        self.app.speaker.say("Just play!" if card.child is None else f"{card.child.name}!", interrupt=True)

    def start(self):
        if self.selected is None:
            self.app.speaker.say(self.question, interrupt=True)
            return
        self.app.pop_scene(self)
        self.on_pick(self.selected.child)

    def back(self):
        self.app.pop_scene(self)

    def draw(self, surface):
        surface.blit(d.background("sky"), (0, 0))
        x = d.W / 2
        if self.player is not None:
            from ..players import draw_avatar_on_disc
            draw_avatar_on_disc(surface, self.player.name, 84, (d.W / 2 - 220, 66))
            x += 50
        d.draw_text(surface, "Who are you?", 56, (x, 66), d.INK, bold=True)
        self.go.enabled = self.selected is not None
        super().draw(surface)


def _next_arrow(surface, rect):
    from ..icons import icon
    img = pygame.transform.flip(icon("back", int(min(rect.w, rect.h) * 0.62), d.INK), True, False)
    surface.blit(img, img.get_rect(center=rect.center))


# -- grown-ups ---------------------------------------------------------------------------------------

class TextEntry(Scene):
    """A line of text for grown-ups (a name, a file): type, Enter or OK keeps it, Esc or the cross leaves."""

    overlay = True
    captions = False
    animating = False

    def __init__(self, app, title, on_done, text=""):
        super().__init__(app)
        self.title, self.on_done, self.text = title, on_done, text
        self.error = None
        self.panel = pygame.Rect(190, 200, 900, 360)
        self.widgets = [
            Button((self.panel.right - 250, self.panel.bottom - 110, 220, 86), self.ok, icon_name="done", label="OK",
                   color=d.GREEN, icon_color=d.WHITE),
            Button((self.panel.x + 30, self.panel.bottom - 110, 220, 86), self.back, icon_name="cross", label="Cancel",
                   color=d.WHITE, icon_color=d.RED),
        ]

    def enter(self):
        pygame.key.start_text_input()

    def exit(self):
        pygame.key.stop_text_input()

    def handle(self, event):
        if isinstance(event, Pointer):
            super().handle(event)
            return
        if event.type != pygame.KEYDOWN:
            return
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.ok()
        elif event.key == pygame.K_ESCAPE:
            self.back()
        elif event.key == pygame.K_BACKSPACE:
            self.text = self.text[:-1]
        elif event.unicode and event.unicode.isprintable() and len(self.text) < 200:
            self.text += event.unicode

    def ok(self):
        try:
            self.on_done(self.text.strip())
        except (ValueError, OSError) as err:
            self.error = str(err)
            return
        self.app.pop_scene(self)

    def back(self):
        self.app.pop_scene(self)

    def draw(self, surface):
        veil = pygame.Surface((d.W, d.H), pygame.SRCALPHA)
        veil.fill((20, 30, 60, 150))
        surface.blit(veil, (0, 0))
        d.blit_panel(surface, self.panel, d.CREAM, radius=30, gloss=False)
        d.draw_text(surface, self.title, 34, (d.W / 2, self.panel.y + 50), d.INK, bold=True, max_width=self.panel.w - 60)
        box = pygame.Rect(self.panel.x + 40, self.panel.y + 95, self.panel.w - 80, 76)
        pygame.draw.rect(surface, d.WHITE, box, border_radius=16)
        pygame.draw.rect(surface, d.BLUE, box, 3, border_radius=16)
        shown = self.text + ("|" if int(time.monotonic() * 2) % 2 == 0 else " ")
        img = d.text_surface(shown, 36, d.INK)
        clip = surface.get_clip()
        surface.set_clip(box.inflate(-20, 0))
        surface.blit(img, img.get_rect(midleft=(box.x + 16, box.centery)) if img.get_width() < box.w - 32
                     else img.get_rect(midright=(box.right - 16, box.centery)))
        surface.set_clip(clip)
        if self.error:
            d.draw_text(surface, self.error, 24, (d.W / 2, box.bottom + 30), d.RED, max_width=self.panel.w - 60)
        super().draw(surface)


class Confirm(Scene):
    """"Delete Mia and everything recorded about her?" with a red Yes and a Keep button."""

    overlay = True
    captions = False
    animating = False

    def __init__(self, app, question, on_yes, yes="Delete"):
        super().__init__(app)
        self.question, self.on_yes = question, on_yes
        self.panel = pygame.Rect(190, 220, 900, 320)
        self.widgets = [
            Button((self.panel.x + 40, self.panel.bottom - 120, 300, 90), self.back, label="Keep", color=d.WHITE),
            Button((self.panel.right - 340, self.panel.bottom - 120, 300, 90), self.yes, icon_name="cross", label=yes,
                   color=d.RED, icon_color=d.WHITE),
        ]

    def yes(self):
        self.app.pop_scene(self)
        self.on_yes()

    def back(self):
        self.app.pop_scene(self)

    def draw(self, surface):
        veil = pygame.Surface((d.W, d.H), pygame.SRCALPHA)
        veil.fill((20, 30, 60, 150))
        surface.blit(veil, (0, 0))
        d.blit_panel(surface, self.panel, d.CREAM, radius=30, gloss=False)
        for i, line in enumerate(d.wrap(self.question, 32, self.panel.w - 80, bold=True)[:3]):
            d.draw_text(surface, line, 32, (d.W / 2, self.panel.y + 60 + i * 42), d.INK, bold=True)
        super().draw(surface)


def reports_folder() -> Path:
    """Where the grown-ups' "Write report" puts its files: Documents/Letterplay reports/<date>."""
    import platformdirs
    base = Path(platformdirs.user_documents_dir()) / "Letterplay reports"
    import os
    if os.environ.get("LETTERPLAY_HOME"):
        base = Path(os.environ["LETTERPLAY_HOME"]) / "reports"
    return base / dt.date.today().isoformat()


class ProfilesScreen(Scene):
    """The grown-ups' pages for children and progress (reached from the settings, behind the gate)."""

    captions = False
    animating = False

    def __init__(self, app):
        super().__init__(app)
        self.progress = app.progress
        self.store = app.progress.store
        self.page = "children"      # "children", "grid" or "child"
        self.child = None           # the child chosen on the children page / shown on the child page
        self.notice = self.progress.problem
        self.notice_is_problem = bool(self.notice)
        self.grid_rows: list = []
        self.build()

    # -- layout --------------------------------------------------------------------------------------
    def build(self):
        self.progress.forget_cache()
        W = []
        for i, (page, label) in enumerate((("children", "Children"), ("grid", "Class grid"))):
            tab = Button((720 + i * 270, 22, 250, 62), lambda p=page: self.show(p), label=label, color=d.WHITE,
                         label_size=26, sound="click")
            tab.selected = self.page == page or (page == "grid" and self.page == "child")
            W.append(tab)
        self.klass = self.progress.active_class()
        x = 40
        for c in self.store.classes():
            w = max(140, d.font(24, True).size(c.name)[0] + 40)
            b = Button((x, 104, w, 58), lambda c=c: self.pick_class(c), label=c.name, color=d.WHITE, label_size=24,
                       sound="click")
            b.selected = self.klass is not None and c.id == self.klass.id
            W.append(b)
            x += w + 10
        W.append(Button((x, 104, 150, 58), self.add_class, label="+ Class", color=d.WHITE, label_size=24, sound="click"))
        if self.page == "children":
            self._children_page(W)
        elif self.page == "grid":
            self._grid_page(W)
        else:
            self._child_page(W)
        W.append(Button((d.W - 230, d.H - 104, 200, 84), self.back, icon_name="back", label="Back", color=d.GREEN,
                        icon_color=d.WHITE))
        self.widgets = W
        self.focus = None

    def _children_page(self, W):
        kids = self.store.children(self.klass.id) if self.klass else []
        if self.child is not None and all(k.id != self.child.id for k in kids):
            self.child = None
        area = pygame.Rect(40, 180, d.W - 80, 350)
        self.cards = []
        for rect, kid in zip(grid_cells(len(kids) + 1, area, gap=12, aspect=0.9), kids + [None]):
            if kid is None:
                W.append(Button(rect, self.add_child, label="+ Child", color=d.shade(d.GREEN, 1.5),
                                label_size=max(18, min(28, rect.h // 5)), sound="click"))
                if not self.klass:
                    W[-1].enabled = False
                continue
            card = AvatarCard(rect, kid, self.select)
            card.selected = self.child is not None and kid.id == self.child.id
            self.cards.append(card)
            W.append(card)
        y = 560
        actions = []
        if self.child is not None:
            actions = [("Rename", self.rename_child), ("Animal", self.next_animal), ("Colour", self.next_color),
                       ("Progress", lambda: self.open_child(self.child)), ("Delete", self.delete_child)]
        elif self.klass is not None:
            actions = [("Rename class", self.rename_class), ("Import list", self.import_list),
                       ("Export list", self.export_list), ("Delete class", self.delete_class)]
        x = 40
        for label, fn in actions:
            w = d.font(24, True).size(label)[0] + 50
            W.append(Button((x, y, w, 62), fn, label=label, color=d.RED if label.startswith("Delete") else d.WHITE,
                            label_size=24, sound="click"))
            x += w + 12
        y += 82
        options = [(f"Letters fit the child: {'on' if self.progress.adaptive else 'off'}", self.toggle_adaptive,
                    self.progress.adaptive),
                   (f"Keep writing samples: {'on' if self.progress.keep_writing else 'off'}", self.toggle_keep,
                    self.progress.keep_writing)]
        x = 40
        for label, fn, on in options:
            w = d.font(22, True).size(label)[0] + 40
            W.append(Button((x, y, w, 56), fn, label=label, color=d.GREEN if on else d.WHITE, label_size=22,
                            sound="click"))
            x += w + 12
        for label, fn in (("Write report", self.report), ("Export all", self.export_all), ("Import", self.import_all),
                          ("End of year: wipe", self.wipe)):
            w = d.font(22, True).size(label)[0] + 40
            if x + w > d.W - 40:
                x, y = 40, y + 66
            W.append(Button((x, y, w, 56), fn, label=label, color=d.RED if "wipe" in label else d.WHITE,
                            label_size=22, sound="click"))
            x += w + 12

    GRID_TOP, GRID_BOTTOM, GRID_ROWS = 214, 690, 30   # rows of the class grid (more children: see the report)

    def _grid_page(self, W):
        kids = self.store.children(self.klass.id) if self.klass else []
        shown = kids[:self.GRID_ROWS]
        self.row_h = max(15, min(24, (self.GRID_BOTTOM - self.GRID_TOP) // max(1, len(shown))))
        self.grid_rows = []
        for i, kid in enumerate(shown):
            row = NameRow((30, self.GRID_TOP + i * self.row_h, 200, self.row_h), kid, self.open_child)
            self.grid_rows.append((kid, row.rect))
            W.append(row)
        self.grid_more = len(kids) - len(shown)

    def _child_page(self, W):
        W.append(Button((40, 180, 220, 62), lambda: self.show("grid"), icon_name="back", label="Class", color=d.WHITE,
                        label_size=24, sound="click"))
        W.append(Button((280, 180, 260, 62), self.print_child, label="Print this page", color=d.WHITE, label_size=24,
                        sound="click"))

    # -- actions -------------------------------------------------------------------------------------
    def say(self, text, problem=False):
        self.notice, self.notice_is_problem = text, problem

    def show(self, page):
        self.page = page
        self.build()

    def pick_class(self, c):
        self.progress.set_active_class(c.id)
        self.child = None
        self.build()

    def add_class(self):
        def done(name):
            c = self.store.add_class(name)
            self.progress.set_active_class(c.id)
            self.say(f"Class {c.name} is ready: add children or import a class list.")
            self.build()
        self.app.push(TextEntry(self.app, "Name of the new class", done))

    def rename_class(self):
        k = self.klass

        def done(name):
            self.store.rename_class(k.id, name)
            self.build()
        self.app.push(TextEntry(self.app, f"New name for {k.name}", done, k.name))

    def delete_class(self):
        k = self.klass
        n = len(self.store.children(k.id))

        def yes():
            self.progress.delete_class(k.id)
            self.say(f"{k.name} and its {n} children were deleted, with all their records.")
            self.child = None
            self.build()
        self.app.push(Confirm(self.app, f"Delete the class {k.name}, its {n} children and everything recorded "
                                        "about them?", yes))

    def select(self, card):
        self.child = card.child
        self.app.speaker.say(card.child.name, interrupt=True)
        self.build()

    def add_child(self):
        k = self.klass

        def done(name):
            animal, color = next_avatar({(c.animal, c.color) for c in self.store.children(k.id)})
            self.child = self.store.add_child(k.id, name, animal, color)
            self.say(f"{self.child.name} is in {k.name}: the {color} {animal.lower()}.")
            self.build()
        self.app.push(TextEntry(self.app, f"Name of the child (in {k.name})", done))

    def rename_child(self):
        c = self.child

        def done(name):
            self.store.rename_child(c.id, name)
            self.child = self.store.child(c.id)
            self.build()
        self.app.push(TextEntry(self.app, f"New name for {c.name}", done, c.name))

    def _re_avatar(self, animal_step, color_step):
        c = self.child
        colors = list(COLORS)
        used = {(k.animal, k.color) for k in self.store.children(c.class_id) if k.id != c.id}
        a, col = ANIMALS.index(c.animal) if c.animal in ANIMALS else 0, colors.index(c.color) if c.color in colors else 0
        for _ in range(len(ANIMALS) * len(colors)):   # the next avatar nobody else in the class has
            a, col = (a + animal_step) % len(ANIMALS), (col + color_step) % len(colors)
            if (ANIMALS[a], colors[col]) not in used:
                break
        self.store.set_avatar(c.id, ANIMALS[a], colors[col])
        self.child = self.store.child(c.id)
        self.build()

    def next_animal(self):
        self._re_avatar(1, 0)

    def next_color(self):
        self._re_avatar(0, 1)

    def delete_child(self):
        c = self.child

        def yes():
            self.progress.delete_child(c)
            self.child = None
            self.say(f"{c.name} was deleted, with everything recorded about them.")
            self.build()
        self.app.push(Confirm(self.app, f"Delete {c.name} and everything recorded about them? This cannot be undone.", yes))

    def open_child(self, child):
        self.child = child
        self.page = "child"
        self.build()

    def toggle_adaptive(self):
        self.progress.adaptive = not self.progress.adaptive
        self.build()

    def toggle_keep(self):
        self.progress.keep_writing = not self.progress.keep_writing
        self.build()

    def import_list(self):
        from .classlist import import_names, read_names
        k = self.klass

        def done(path):
            added, there = import_names(self.store, k.id, read_names(Path(path).expanduser()))
            self.say(f"{k.name}: {added} children added, {there} already there.")
            self.build()
        self.app.push(TextEntry(self.app, "Class list file (CSV, one name a line)", done,
                                str(Path.home() / "class.csv")))

    def export_list(self):
        from .classlist import export_names
        path = reports_folder() / f"{self.klass.name}.csv"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            n = export_names(self.store, self.klass.id, path)
            self.say(f"Wrote {n} names to {path}")
        except OSError as err:
            self.say(f"Could not write the class list: {err}", True)

    def report(self):
        out = reports_folder()
        try:
            files = write_report(self.progress, out, self.klass.id if self.klass else None)
            self.say(f"Report written: class.csv and {len(files) - 1} pages in {out}")
        except OSError as err:
            self.say(f"Could not write the report: {err}", True)

    def print_child(self):
        from .report import paint_page, safe_file_name, save_png
        c = self.child
        path = reports_folder() / f"{safe_file_name(c.class_name)}-{safe_file_name(c.name)}.png"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            save_png(paint_page(c, self.progress.states(c.id), time.time(), writing_samples(self.progress, c.id)), path)
            self.say(f"Page written to {path}")
        except OSError as err:
            self.say(f"Could not write the page: {err}", True)

    def export_all(self):
        path = reports_folder() / f"letterplay-progress-{dt.date.today().isoformat()}.json"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            n = self.store.export_file(path)
            self.say(f"Exported {n} answers to {path}")
        except OSError as err:
            self.say(f"Could not export: {err}", True)

    def import_all(self):
        def done(path):
            counts = self.store.import_file(Path(path).expanduser())
            self.say(f"Merged: {counts['children_added']} children and {counts['answers_added']} answers added, "
                     f"{counts['answers_already_here']} were already here.")
            self.build()
        self.app.push(TextEntry(self.app, "File exported on another computer", done, str(reports_folder())))

    def wipe(self):
        def yes():
            self.progress.wipe()
            self.child = None
            self.say("Every class, child and answer was deleted from this computer.")
            self.build()
        self.app.push(Confirm(self.app, "Delete every class, child and answer on this computer? Export first to keep "
                                        "a copy.", yes, yes="Wipe all"))

    def back(self):
        if self.page == "child":
            self.show("grid")
            return
        self.app.pop_scene(self)

    # -- drawing -------------------------------------------------------------------------------------
    def draw(self, surface):
        surface.blit(d.background("wall"), (0, 0))
        title = "Children and progress"
        d.draw_text(surface, title, 44, (40 + d.font(44, True).size(title)[0] / 2, 52), d.INK, bold=True)
        if not self.store.classes():
            d.draw_text(surface, "Start with a class: press + Class.", 30, (d.W / 2, 300), d.SOFT_INK, bold=True)
        if self.page == "grid":
            self._draw_grid(surface)
        elif self.page == "child" and self.child is not None:
            self._draw_child(surface)
        elif self.page == "children" and self.klass is not None and not self.cards:
            d.draw_text(surface, "No children in this class yet.", 28, (d.W / 2, 200), d.SOFT_INK)
        if self.notice:
            d.draw_text(surface, self.notice, 22, (40 + min(950, d.font(22).size(self.notice)[0]) / 2, d.H - 62),
                        d.RED if self.notice_is_problem else d.INK, max_width=950)
        super().draw(surface)

    def _draw_grid(self, surface):
        left, top, cw = 240, 190, 19
        draw_legend(surface, left, 178, 20, 8)
        for i, c in enumerate(ALPHABET):
            x = left + i * cw * 2
            if i % 2 == 0:
                pygame.draw.rect(surface, d.shade(d.CREAM, 0.96), (x - 2, top + 20, cw * 2, len(self.grid_rows) * self.row_h + 6))
            d.draw_text(surface, c.upper(), 16, (x + cw / 2, top + 12), d.INK, bold=True)
            d.draw_text(surface, c, 16, (x + cw * 1.5, top + 12), d.SOFT_INK, bold=True)
        for kid, row in self.grid_rows:
            states = self.progress.states(kid.id)
            for i, c in enumerate(ALPHABET):
                for j, case in enumerate(m.CASES):
                    st = states.get((c, case))
                    draw_mark(surface, st.mark if st else m.UNSEEN, (left + i * cw * 2 + j * cw + cw / 2, row.centery), 7,
                              d.INK if case == "upper" else d.BLUE)
        if not self.grid_rows:
            d.draw_text(surface, "No children in this class yet.", 28, (d.W / 2, 400), d.SOFT_INK)
        if self.grid_more:
            d.draw_text(surface, f"and {self.grid_more} more: see the report", 20, (135, self.GRID_BOTTOM + 20), d.SOFT_INK)

    def _draw_child(self, surface):
        c = self.child
        states = self.progress.states(c.id)
        draw_avatar(surface, c.animal, c.color, 92, (620, 211))
        d.draw_text(surface, c.name, 40, (690 + d.font(40, True).size(c.name)[0] / 2, 211), d.INK, bold=True)
        for k, (case, label) in enumerate((("upper", "Capital letters"), ("lower", "Small letters"))):
            box = pygame.Rect(40 + k * 610, 270, 590, 190)
            d.blit_panel(surface, box, d.WHITE, radius=20, gloss=False)
            d.draw_text(surface, label, 20, (box.x + 20 + d.font(20, True).size(label)[0] / 2, box.y + 18), d.SOFT_INK, bold=True)
            letter_table(surface, states, box.inflate(-14, -40).move(0, 14), case, 32, 9)
        now = time.time()
        y = 490
        for label, items in (("Learned this week", learned_this_week(states, now)),
                             ("Still to learn", still_to_learn(states))):
            d.draw_text(surface, label, 22, (40 + d.font(22, True).size(label)[0] / 2, y), d.SOFT_INK, bold=True)
            text = " ".join(items) if items else "—"
            d.draw_text(surface, text, 24, (250 + min(950, d.font(24, True).size(text)[0]) / 2, y), d.INK, bold=True,
                        max_width=950)
            y += 36
        samples = writing_samples(self.progress, c.id, most=4)
        x = 40
        for letter, strokes in samples:
            box = pygame.Rect(x, y + 6, 100, 100)
            d.blit_panel(surface, box, d.WHITE, radius=14, gloss=False)
            draw_strokes(surface, strokes, box.inflate(-14, -24).move(0, 6), d.BLUE, 3)
            d.draw_text(surface, letter, 16, (box.x + 14, box.y + 14), d.SOFT_INK, bold=True)
            x += 112
        family = pygame.Rect(x + (10 if samples else 0), y + 6, 1030 - x, 160)
        d.draw_text(surface, "For the family", 18, (family.x + d.font(18, True).size("For the family")[0] / 2, family.y + 8),
                    d.SOFT_INK, bold=True)
        lines = d.wrap(" ".join(growth_sentences(c.name, states, now)), 19, family.w)
        for i, line in enumerate(lines[:6]):
            d.draw_text(surface, line, 19, (family.x + d.font(19).size(line)[0] / 2, family.y + 34 + i * 24), d.INK)
