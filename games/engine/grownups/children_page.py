"""The grown-ups' Children page: classes and children added, renamed, given another animal or deleted; class lists, reports, export, import and the end-of-year wipe."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pygame

from games.engine.core import draw as d
from games.engine.core.widgets import Button
from games.engine.play.avatars import ANIMALS, COLORS, next_avatar
from games.engine.grownups.dialogs import Confirm, NameEntry, TextEntry
from games.engine.play.who_is_playing import AvatarCard, grid_cells
from games.engine.grownups.report import reports_folder, write_report


class ChildrenPage:
    """The "Children" tab of ``scenes.ProfilesScreen`` (mixed into it): it uses the screen's ``app``,
    ``progress``, ``store``, ``klass`` (the class shown), ``child`` (the one chosen), ``say`` and ``build``."""

    def build_children_page(self, W):
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
        self.app.push(NameEntry(self.app, f"Name of the child (in {k.name})", done))

    def rename_child(self):
        c = self.child

        def done(name):
            self.store.rename_child(c.id, name)
            self.child = self.store.child(c.id)
            self.build()
        self.app.push(NameEntry(self.app, f"New name for {c.name}", done, c.name))

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

    def toggle_adaptive(self):
        self.progress.adaptive = not self.progress.adaptive
        self.build()

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

