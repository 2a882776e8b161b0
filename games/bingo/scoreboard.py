"""Bingo's end screen: the scoreboard, with a one-player card's letters in rows that fit the screen
(issue 23: the 16 letters of a 4x4 card in one row clipped the first and the last)."""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.play.common_scenes import LETTER_COLORS, Scoreboard

ROW_MOST = 8           # letters in a row
TILE_MOST, GAP = 96, 14
ROWS_MIDDLE = 420      # the rows are centred here, between the stars and the buttons


def letter_places(n: int) -> list[pygame.Rect]:
    """Where ``n`` letter tiles lie: rows of at most ``ROW_MOST``, centred, well inside the screen."""
    if n <= 0:
        return []
    rows = math.ceil(n / ROW_MOST)
    per_row = math.ceil(n / rows)
    size = min(TILE_MOST, (d.W - 200) // per_row - GAP, (260 - (rows - 1) * GAP) // rows)
    places = []
    for i in range(n):
        row, col = divmod(i, per_row)
        in_row = min(per_row, n - row * per_row)
        r = pygame.Rect(0, 0, size, size)
        r.center = (d.W / 2 + (col - (in_row - 1) / 2) * (size + GAP),
                    ROWS_MIDDLE + (row - (rows - 1) / 2) * (size + GAP))
        places.append(r)
    return places


class BingoScoreboard(Scoreboard):
    """The scoreboard; alone, the letters of the full card are shown in rows that fit."""

    def draw(self, surface):
        letters, self.letters = self.letters, []   # the base screen would draw them in one row
        try:
            super().draw(surface)
        finally:
            self.letters = letters
        for i, (ch, r) in enumerate(zip(letters, letter_places(len(letters)))):
            d.blit_panel(surface, r, d.WHITE, radius=18)
            d.draw_glyph(surface, ch, int(r.h * 0.62), r.center, LETTER_COLORS[i % len(LETTER_COLORS)])
