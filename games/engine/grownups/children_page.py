"""The grown-ups' Children page: classes and children added, renamed, given another animal or deleted; class lists, reports, export, import and the end-of-year wipe; and each child's (or the class's) "Writing to look at"."""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pygame

from games.engine.core import draw as d
from games.engine.core.storage import make_private_folder
from games.engine.core.widgets import Button
from games.engine.records import set_aside
from games.engine.records.store import NotSaved
from games.engine.play.avatars import ANIMALS, COLORS, next_avatar
from games.engine.grownups.dialogs import Confirm, NameEntry, TextEntry
from games.engine.play.who_is_playing import AvatarCard, grid_cells
from games.engine.grownups.report import reports_folder, write_report
from games.engine.grownups.writing_review import WritingReview


def kindly(action):
    """A page action whose change the progress file may not take just now (full, busy, read only): the
    page then says so kindly and nothing changed; the game goes on."""
    @functools.wraps(action)
    def run(page, *args, **kw):
        return page.kindly_call(lambda: action(page, *args, **kw))()
    return run


def free_place(widgets, w: int, h: int):
    """A place for one more button on the page: at the right end of a row of buttons (the actions, the
    last row, the classes), clear of every widget, the Back button and the notice line; None if none."""
    rects = [b.rect for b in widgets]
    rows = sorted({r.y for r in rects if r.h <= 70 and r.y > 90}, key=lambda y: -y)
    for y in rows + [104]:
        last = max((r.right for r in rects if abs(r.y - y) < 10), default=40)
        for x in (last + 12, d.W - 40 - w):
            rect = pygame.Rect(x, y, w, h)
            clear = rect.right <= d.W - 40 and rect.bottom <= d.H - 80 and not (
                rect.right > d.W - 250 and rect.bottom > d.H - 110)
            if x >= last + 12 and clear and rect.collidelist([r.inflate(8, 8) for r in rects]) < 0:
                return rect
    return None


class ChildrenPage:
    """The "Children" tab of ``scenes.ProfilesScreen`` (mixed into it): it uses the screen's ``app``,
    ``progress``, ``store``, ``klass`` (the class shown), ``child`` (the one chosen), ``say`` and ``build``."""

    def kindly_call(self, action):
        """``action`` (a dialog's answer) as it runs kindly (see :func:`kindly`)."""
        def run():
            try:
                return action()
            except NotSaved as err:
                self.say(str(err), True)
                self.build()
        return run

    def build_children_page(self, W):
        kids = self.store.children(self.klass.id) if self.klass else []
        if self.child is not None and all(k.id != self.child.id for k in kids):
            self.child = None
        # rows from the top: the children's cards, what to do with the child or class, the options and
        # files, and the status line beside Back (``notice_at``); a hint goes where no button is
        area = pygame.Rect(40, 176, d.W - 80, 318)
        self.hint_at = area.center
        if self.klass is not None and not kids:
            self.hint_at = (area.centerx, area.y + 22)
            area = area.inflate(0, -100).move(0, 50)
        self.cards = []
        items = kids + [None] if self.klass is not None else []   # no class yet: nothing to add a child to
        for rect, kid in zip(grid_cells(len(items), area, gap=12, aspect=0.9) if items else [], items):
            if kid is None:
                W.append(Button(rect, self.add_child, label="+ Child", color=d.shade(d.GREEN, 1.5),
                                label_size=max(18, min(28, rect.h // 5)), sound="click"))
                continue
            card = AvatarCard(rect, kid, self.select)
            card.selected = self.child is not None and kid.id == self.child.id
            self.cards.append(card)
            W.append(card)
        y = 506
        actions = []
        if self.child is not None:
            actions = [("Rename", self.rename_child), ("Animal", self.next_animal), ("Colour", self.next_color),
                       ("Progress", lambda: self.open_child(self.child)),
                       ("Writing to look at", lambda: self.open_writing([self.child], self.child.name)),
                       ("Delete", self.delete_child)]
        elif self.klass is not None:
            actions = [("Rename class", self.rename_class), ("Import list", self.import_list),
                       ("Export list", self.export_list),
                       ("Writing to look at", lambda: self.open_writing(kids, f"class {self.klass.name}")),
                       ("Delete class", self.delete_class)]
        x = 40
        for label, fn in actions:
            w = d.font(24, True).size(label)[0] + 50
            W.append(Button((x, y, w, 58), fn, label=label, color=d.RED if label.startswith("Delete") else d.WHITE,
                            label_size=24, sound="click"))
            x += w + 12
        y += 72
        options = [(f"Letters fit the child: {'on' if self.progress.adaptive else 'off'}", self.toggle_adaptive,
                    self.progress.adaptive),
                   (f"Keep writing samples: {'on' if self.progress.keep_writing else 'off'}", self.toggle_keep,
                    self.progress.keep_writing)]
        x = 40
        for label, fn, on in options:
            w = d.font(22, True).size(label)[0] + 40
            W.append(Button((x, y, w, 52), fn, label=label, color=d.GREEN if on else d.WHITE, label_size=22,
                            sound="click"))
            x += w + 12
        for label, fn in (("Write report", self.report), ("Export all", self.export_all), ("Import", self.import_all),
                          ("End of year: wipe", self.wipe)):
            w = d.font(22, True).size(label)[0] + 40
            if x + w > d.W - 40:
                x, y = 40, y + 62
            W.append(Button((x, y, w, 52), fn, label=label, color=d.RED if "wipe" in label else d.WHITE,
                            label_size=22, sound="click"))
            x += w + 12
        self.build_set_aside(W)

    def build_set_aside(self, W):
        """A damaged progress file set aside earlier: "Bring back the children from <date>" (and its notice
        counts as seen by a grown-up once this page showed it)."""
        self.set_aside_files = set_aside.copies(self.store)
        self.brought_back = getattr(self, "brought_back", set())
        if not self.set_aside_files:
            return
        unseen = [f for f in self.set_aside_files if f.name not in set_aside.seen(self.store)]
        if unseen:
            if not self.notice:
                self.say(set_aside.notice(unseen), True)
            try:
                set_aside.mark_seen(self.store, unseen)
                self.progress.set_aside_unseen(again=True)
            except NotSaved:
                pass   # said again next time, when it can be kept
        newest = self.set_aside_files[0]
        if newest in self.brought_back:
            label, fn, color = "Delete the damaged file", lambda: self.delete_set_aside(newest), d.WHITE
        else:
            label, fn, color = (f"Bring back the children from {set_aside.when(newest)}",
                                lambda: self.bring_back(newest), d.GREEN)
        rect = free_place(W, d.font(22, True).size(label)[0] + 40, 56)
        if rect is not None:   # else the notice says it; a narrower page has room next time
            W.append(Button(rect, fn, label=label, color=color, label_size=22, sound="click"))

    @kindly
    def bring_back(self, copy):
        """Merge what can still be read from the set-aside file, as an import does."""
        self.brought_back.add(copy)
        try:
            counts = set_aside.bring_back(self.store, copy)
        except ValueError as err:
            self.say(f"Nothing could be brought back: {err}.", True)
        else:
            self.say(f"Brought back from {set_aside.when(copy)}: {counts['children_added']} children, "
                     f"{counts['answers_added']} answers ({counts['answers_already_here']} were here already). "
                     "Delete the damaged file when nothing is missing.")
        self.build()

    def delete_set_aside(self, copy):
        def yes():
            try:
                set_aside.delete_copy(copy)
                self.say(f"The damaged file {copy.name} was deleted.")
            except OSError as err:
                self.say(f"The damaged file could not be deleted: {err}", True)
            self.progress.set_aside_unseen(again=True)
            self.build()
        self.app.push(Confirm(self.app, f"Delete the damaged file from {set_aside.when(copy)}? Bring its children "
                                        "back first: what it holds cannot be read again.", yes))

    def forget_names(self, kids) -> str:
        """After a delete: the names leave the speech cache and their own letter checkers go; the sentence
        says where the names still are."""
        forget = getattr(self.app.speaker, "forget_name", None)   # a stand-in speaker may have no cache
        forget_hand = getattr(self.app.checker, "forget", None)   # a checker that keeps none for a child
        for kid in kids:
            if forget is not None:
                forget(kid.name)
            if forget_hand is not None:
                forget_hand(kid.id)
        held = set()
        for kid in kids:
            held.update(set_aside.holding(set_aside.copies(self.store), kid.name))
        if not held:
            return ""
        days = ", ".join(sorted({set_aside.when(f) for f in held}))
        return f" The name is still in the damaged file from {days}: delete that file when it is not needed."

    def open_writing(self, kids, title):
        """"Writing to look at" for one child or the class (``writing_review.py``)."""
        self.app.push(WritingReview(self.app, kids, title))

    @kindly
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
        self.app.push(NameEntry(self.app, "Name of the new class", done))

    def rename_class(self):
        k = self.klass

        def done(name):
            self.store.rename_class(k.id, name)
            self.build()
        self.app.push(NameEntry(self.app, f"New name for {k.name}", done, k.name))

    def delete_class(self):
        k = self.klass
        n = len(self.store.children(k.id))

        def yes():
            kids = self.store.children(k.id)
            self.progress.delete_class(k.id)
            self.say(f"{k.name} and its {n} children were deleted, with all their records." + self.forget_names(kids))
            self.child = None
            self.build()
        self.app.push(Confirm(self.app, f"Delete the class {k.name}, its {n} children and everything recorded "
                                        "about them?", self.kindly_call(yes)))

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
        self.app.push(NameEntry(self.app, f"Name of the child (in {k.name})", done))

    def rename_child(self):
        c = self.child

        def done(name):
            self.store.rename_child(c.id, name)
            self.child = self.store.child(c.id)
            self.build()
        self.app.push(NameEntry(self.app, f"New name for {c.name}", done, c.name))

    @kindly
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
            self.say(f"{c.name} was deleted, with everything recorded about them." + self.forget_names([c]))
            self.build()
        self.app.push(Confirm(self.app, f"Delete {c.name} and everything recorded about them? This cannot be undone.",
                              self.kindly_call(yes)))

    @kindly
    def toggle_adaptive(self):
        self.progress.adaptive = not self.progress.adaptive
        self.build()

    @kindly
    def toggle_keep(self):
        self.progress.keep_writing = not self.progress.keep_writing
        self.build()

    def import_list(self):
        from games.engine.records.classlist import import_names, read_names
        k = self.klass

        def done(path):
            added, there = import_names(self.store, k.id, read_names(Path(path).expanduser()))
            self.say(f"{k.name}: {added} children added, {there} already there.")
            self.build()
        self.app.push(TextEntry(self.app, "Class list file (CSV, one name a line)", done,
                                str(Path.home() / "class.csv")))

    def export_list(self):
        from games.engine.records.classlist import export_names
        path = reports_folder() / f"{self.klass.name}.csv"
        try:
            make_private_folder(path.parent)
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

    def export_all(self):
        path = reports_folder() / f"letterplay-progress-{dt.date.today().isoformat()}.json"
        try:
            make_private_folder(path.parent)
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
            kids = self.store.children()
            self.progress.wipe()
            self.child = None
            self.say("Every class, child and answer was deleted from this computer." + self.forget_names(kids))
            self.build()
        self.app.push(Confirm(self.app, "Delete every class, child and answer on this computer? Export first to keep "
                                        "a copy.", self.kindly_call(yes), yes="Wipe all"))

