"""The grown-ups' progress pages: the class grid (children x letters) and a page per child, with its printout."""
from __future__ import annotations

import time

import pygame

from games.engine.core import draw as d
from games.engine.core.letters import ALPHABET
from games.engine.core.widgets import Button, Tappable
from games.engine.records import mastery as m
from games.engine.play.avatars import draw_avatar
from games.engine.grownups.report import (draw_legend, draw_mark, draw_strokes, growth_sentences, learned_this_week, letter_table, reports_folder, still_to_learn, writing_samples)


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



class ProgressPages:
    """The "Class grid" tab and a child's page of ``scenes.ProfilesScreen`` (mixed into it): it uses the
    screen's ``progress``, ``store``, ``klass`` (the class shown), ``child``, ``page``, ``say`` and ``build``."""

    GRID_TOP, GRID_BOTTOM, GRID_ROWS = 214, 690, 30   # rows of the class grid (more children: see the report)

    def build_grid_page(self, W):
        kids = self.store.children(self.klass.id) if self.klass else []
        shown = kids[:self.GRID_ROWS]
        self.row_h = max(15, min(24, (self.GRID_BOTTOM - self.GRID_TOP) // max(1, len(shown))))
        self.grid_rows = []
        for i, kid in enumerate(shown):
            row = NameRow((30, self.GRID_TOP + i * self.row_h, 200, self.row_h), kid, self.open_child)
            self.grid_rows.append((kid, row.rect))
            W.append(row)
        self.grid_more = len(kids) - len(shown)

    def build_child_page(self, W):
        W.append(Button((40, 180, 220, 62), lambda: self.show("grid"), icon_name="back", label="Class", color=d.WHITE,
                        label_size=24, sound="click"))
        W.append(Button((280, 180, 260, 62), self.print_child, label="Print this page", color=d.WHITE, label_size=24,
                        sound="click"))

    def open_child(self, child):
        self.child = child
        self.page = "child"
        self.build()
    def print_child(self):
        from games.engine.grownups.report import page_names, paint_page, save_png
        c = self.child
        path = reports_folder() / page_names(self.store.children(c.class_id))[c.id]   # the name the report gives it
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            save_png(paint_page(c, self.progress.states(c.id), time.time(), writing_samples(self.progress, c.id)), path)
            self.say(f"Page written to {path}")
        except OSError as err:
            self.say(f"Could not write the page: {err}", True)

    def draw_grid_page(self, surface):
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

    def draw_child_page(self, surface):
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
