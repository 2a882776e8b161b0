"""The grown-ups' progress pages: the class grid (children x letters) and a page per child, with its printout."""
from __future__ import annotations

import time
from dataclasses import dataclass

import pygame

from games.engine.core import draw as d
from games.engine.core.letters import ALPHABET
from games.engine.core.widgets import Button, Tappable
from games.engine.records import mastery as m
from games.engine.play.avatars import draw_avatar
from games.engine.grownups.report import (draw_legend, draw_mark, draw_strokes, growth_sentences, learned_this_week, letter_table, reports_folder, still_to_learn, writing_samples)


class NameRow(Tappable):
    """A child's name at the start of a row of the class grid; tapping it opens their page."""

    def __init__(self, rect, child, on_open, size=20):
        super().__init__(rect)
        self.child, self.on_open, self.size = child, on_open, size

    def activate(self):
        self.on_open(self.child)

    def draw(self, surface, focused=False):
        w = d.font(self.size, True).size(self.child.name)[0]
        color = d.BLUE if (focused or self.pressed) else d.INK
        d.draw_text(surface, self.child.name, self.size,
                    (self.rect.right - 10 - min(w, self.rect.w - 14) / 2, self.rect.centery),
                    color, bold=True, max_width=self.rect.w - 14)
        if focused:
            pygame.draw.line(surface, d.BLUE, (self.rect.x + 6, self.rect.bottom - 2), (self.rect.right - 10, self.rect.bottom - 2), 2)


@dataclass
class GridLayout:
    """Where the class grid goes, sized from the space and the number of children.

    Few children: a block of capitals over a block of small letters, 26 wide columns each. Many: one
    block, each letter's capital and small mark side by side (52 narrow columns)."""

    blocks: tuple          # the cases of each block: (("upper",), ("lower",)) or (("upper", "lower"),)
    top: int               # y of the first block's column heads
    left: int              # x where the letter columns start (the names are left of it)
    col_w: float
    head_h: int
    row_h: int
    rows: int
    gap: int               # between the blocks
    letter: int            # the column heads' font size
    name: int              # the names' font size
    mark_r: int

    def block_top(self, b: int) -> int:
        return self.top + b * (self.head_h + self.rows * self.row_h + self.gap)

    def row_top(self, b: int, i: int) -> int:
        return self.block_top(b) + self.head_h + i * self.row_h


def grid_layout(names: list[str], area: pygame.Rect) -> GridLayout:
    """The class grid's layout for children called ``names`` in ``area`` (legend above it)."""
    n = max(1, len(names))
    split_head, gap = 46, 18
    split_row = min(58, (area.h - 2 * split_head - gap) // (2 * n))
    if split_row >= 30:
        blocks, head_h, row_h, cols = (("upper",), ("lower",)), split_head, split_row, 26
    else:
        blocks, head_h, row_h, cols, gap = (("upper", "lower"),), 34, min(44, (area.h - 34) // n), 52, 0
    name = max(16, min(26, int(row_h * 0.62)))
    widest = max([d.font(name, True).size(nm)[0] for nm in names] + [d.font(22, True).size("Capital letters")[0]
                                                                         if len(blocks) == 2 else 60])
    name_w = max(120, min(240, widest + 24))
    col_w = (area.right - area.x - name_w) / cols
    letter = int(head_h * 0.8)
    while letter > 14 and max(d.font(letter, True).size(ch)[0] for ch in "MWmw") > col_w * 1.1:
        letter -= 1
    mark_r = max(5, min(15, int(min(col_w * 0.36, row_h * 0.45))))
    return GridLayout(blocks, area.y, area.x + name_w, col_w, head_h, row_h, n, gap, letter, name, mark_r)


def _row_band(w: int, h: int) -> pygame.Surface:
    """A see-through band that darkens every other row of the class grid a little."""
    key = (w, h)
    if key not in _BANDS:
        band = pygame.Surface(key, pygame.SRCALPHA)
        band.fill((90, 60, 0, 20))
        _BANDS.clear()
        _BANDS[key] = band
    return _BANDS[key]


_BANDS: dict = {}


class ProgressPages:
    """The "Class grid" tab and a child's page of ``scenes.ProfilesScreen`` (mixed into it): it uses the
    screen's ``progress``, ``store``, ``klass`` (the class shown), ``child``, ``page``, ``came_from``,
    ``hint_at``, ``notice_at``, ``say`` and ``build``."""

    GRID_AREA = pygame.Rect(40, 214, d.W - 80, 472)   # under the legend, above Back and the status line
    GRID_ROWS = 30   # children shown in the grid (more: see the report)

    def build_grid_page(self, W):
        kids = self.store.children(self.klass.id) if self.klass else []
        shown = kids[:self.GRID_ROWS]
        self.grid = grid_layout([k.name for k in shown], self.GRID_AREA)
        self.hint_at = self.GRID_AREA.center
        self.grid_rows = []
        g = self.grid
        for b in range(len(g.blocks)):
            for i, kid in enumerate(shown):
                rect = pygame.Rect(self.GRID_AREA.x - 10, g.row_top(b, i), g.left - self.GRID_AREA.x, g.row_h)
                if b == 0:
                    self.grid_rows.append((kid, rect))
                W.append(NameRow(rect, kid, self.open_child, g.name))
        self.grid_more = len(kids) - len(shown)

    def build_child_page(self, W):
        back_to = "Class" if self.came_from == "grid" else "Children"
        W.append(Button((40, 180, 220, 62), lambda: self.show(self.came_from), icon_name="back", label=back_to,
                        color=d.WHITE, label_size=24, sound="click"))
        W.append(Button((280, 180, 260, 62), self.print_child, label="Print this page", color=d.WHITE, label_size=24,
                        sound="click"))

    def open_child(self, child):
        self.came_from = self.page if self.page in ("grid", "children") else self.came_from
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
        area, g = self.GRID_AREA, self.grid
        draw_legend(surface, g.left, area.y - 24, 20, 8)
        if self.grid_more:
            text = f"and {self.grid_more} more: see the report"
            d.draw_text(surface, text, 20, (area.right - d.font(20).size(text)[0] / 2, area.y - 24), d.SOFT_INK)
        if not self.grid_rows:
            d.draw_text(surface, "No children in this class yet.", 28, self.hint_at, d.SOFT_INK)
            return
        states = {kid.id: self.progress.states(kid.id) for kid, _ in self.grid_rows}
        per_letter = len(g.blocks[0])
        for b, cases in enumerate(g.blocks):
            head, body = g.block_top(b), g.row_top(b, 0)
            if len(g.blocks) == 2:
                title = "Capital letters" if cases == ("upper",) else "Small letters"
                d.draw_text(surface, title, 22, (area.x + d.font(22, True).size(title)[0] / 2, head + g.head_h / 2),
                            d.SOFT_INK, bold=True)
            for i in range(0, len(ALPHABET), 2):   # every other letter on a band, every other child too
                pygame.draw.rect(surface, d.shade(d.CREAM, 0.9), (g.left + i * g.col_w * per_letter, head + 4,
                                 g.col_w * per_letter, g.head_h - 4 + g.rows * g.row_h), border_radius=6)
            band = _row_band(area.right - area.x, g.row_h)
            for i in range(1, len(self.grid_rows), 2):
                surface.blit(band, (area.x, body + i * g.row_h))
            for i, c in enumerate(ALPHABET):
                x = g.left + i * g.col_w * per_letter
                for j, case in enumerate(cases):
                    cx = x + (j + 0.5) * g.col_w
                    d.draw_text(surface, c.upper() if case == "upper" else c, g.letter, (cx, head + g.head_h * 0.5),
                                d.INK if case == "upper" else d.BLUE, bold=True)   # one baseline: g and y hang
                    for r, (kid, _) in enumerate(self.grid_rows):
                        st = states[kid.id].get((c, case))
                        draw_mark(surface, st.mark if st else m.UNSEEN, (cx, body + (r + 0.5) * g.row_h), g.mark_r,
                                  d.INK if case == "upper" else d.BLUE)

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
        room = (self.notice_at.top - family.y - 24) // 24   # never under the status line
        for i, line in enumerate(lines[:max(1, min(6, room))]):
            d.draw_text(surface, line, 19, (family.x + d.font(19).size(line)[0] / 2, family.y + 34 + i * 24), d.INK)
