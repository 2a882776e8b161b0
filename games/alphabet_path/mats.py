"""The players' mats beside the board: where each mat and its letters sit, the mat pictures with their chips, and the mat shown big to tap a letter."""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.play.players import draw_avatar_on_disc
from games.engine.core.widgets import LetterTile

from . import art

MATS = pygame.Rect(912, 196, 356, 500)      # above the caption bar
MAT_PANEL_AT = (575, 430)           # the player's mat shown big (to tap a letter), beside the landed stone


def mat_rects(players: int) -> list[pygame.Rect]:
    """Where each player's mat sits: one or two mats one above the other, three or four in a grid."""
    n = players
    if n <= 2:
        h = MATS.h if n == 1 else (MATS.h - 14) // 2
        return [pygame.Rect(MATS.x, MATS.y + i * (h + 14), MATS.w, h) for i in range(n)]
    w, h = (MATS.w - 12) // 2, (MATS.h - 14) // 2
    return [pygame.Rect(MATS.x + (i % 2) * (w + 12), MATS.y + (i // 2) * (h + 14), w, h) for i in range(n)]


def mat_cells(rect: pygame.Rect, count: int) -> tuple[list[tuple[int, int]], int]:
    """Where each letter of a mat of ``count`` sits inside ``rect`` (under the animal), and its size."""
    inner = pygame.Rect(rect.x + 10, rect.y + 54, rect.w - 20, rect.h - 62)
    best = None
    for cols in range(2, count + 1):
        rows = math.ceil(count / cols)
        size = int(min(inner.w / cols, inner.h / rows) * 0.9)
        if best is None or size > best[1]:
            best = (cols, size)
    cols, size = best
    rows = math.ceil(count / cols)
    step_x, step_y = inner.w / cols, inner.h / rows
    cells = []
    for i in range(count):
        r, c = divmod(i, cols)
        cells.append((round(inner.x + (c + 0.5) * step_x), round(inner.y + (r + 0.5) * step_y)))
    return cells, min(size, 96)


@d.surface_cache
def mat_letter(face: str, size: int) -> pygame.Surface:
    """A letter printed on a mat: a white rounded square with the letter in ink."""
    img = pygame.Surface((size + 20, size + 26), pygame.SRCALPHA)
    d.blit_panel(img, pygame.Rect(10, 10, size, size), d.WHITE, radius=max(6, size // 5), gloss=False)
    d.draw_glyph(img, face, int(size * 0.62), (10 + size / 2, 10 + size / 2), d.INK)
    return img


class MatPictures:
    """The mats beside the board, each painted again only when a chip lands or the turn moves."""

    def __init__(self, players, mats):
        self.players, self.mats = players, mats
        self.rects = mat_rects(len(players))
        self._painted: dict = {}

    def picture(self, i: int, lit: bool, dropping, half_star: bool = False) -> pygame.Surface:
        """Player ``i``'s mat as it is now (``dropping``: a chip still falling, not yet shown on it;
        ``half_star``: one more turn with no letter brings a star, shown as a half-gold star)."""
        mat = self.mats[i]
        key = (i, lit, tuple(s.covered and s is not dropping for s in mat), half_star)
        cached = self._painted.get(key)
        if cached is None:
            rect = self.rects[i]
            p = self.players[i]
            img = pygame.Surface((rect.w + 24, rect.h + 30), pygame.SRCALPHA)
            local = pygame.Rect(12, 12, rect.w, rect.h)
            d.blit_panel(img, local, d.shade(p.color, 1.55), radius=22, border=d.shade(p.color, 0.7) if lit else None)
            draw_avatar_on_disc(img, p.name, 40, (local.x + 28, local.y + 28))
            if half_star:
                _draw_half_star(img, (local.right - 26, local.y + 26), 40)
            cells, size = mat_cells(local, len(mat))
            for spot, cell, covered in zip(mat, cells, key[2]):
                letter = mat_letter(spot.face, size)
                img.blit(letter, letter.get_rect(center=cell))
                if covered:
                    c = art.chip(p.color, int(size * 0.86))
                    img.blit(c, c.get_rect(center=cell))
            if len(self._painted) > 64:
                self._painted.clear()
            self._painted[key] = cached = img
        return cached

    def draw(self, surface, current: int | None, lit_up: bool, t: float, dropping=None, chip_k: float = 1.0,
             half_stars=()):
        """Every mat; ``current``'s glows when ``lit_up`` (whose turn it is), and its chip ``dropping``
        falls onto its letter (``chip_k`` 0 -> 1); the mats of ``half_stars`` show a half-gold star."""
        for i, rect in enumerate(self.rects):
            mine = i == current
            if mine and lit_up:   # whose turn: the mat lights up
                g = art.glow(rect.w + 36, rect.h + 36)
                surface.blit(g, g.get_rect(center=rect.center))
                width = 6 + round(2 * math.sin(t * 4))
                pygame.draw.rect(surface, d.YELLOW, rect.inflate(14, 14), width, border_radius=28)
            falling = dropping if mine else None
            surface.blit(self.picture(i, mine and lit_up, falling, i in half_stars), (rect.x - 12, rect.y - 12))
            if falling is not None:
                cells, size = mat_cells(rect, len(self.mats[i]))
                cell = cells[self.mats[i].index(falling)]
                c = art.chip(self.players[i].color, int(size * 0.86))
                surface.blit(c, c.get_rect(center=(cell[0], cell[1] - (1 - chip_k) * 160)))

    def pictures_to_prepare(self, chip_color):
        """The mats' letters and chips (to paint them before play needs them)."""
        for rect, mat in zip(self.rects, self.mats):
            cells, size = mat_cells(rect, len(mat))
            for spot in mat:
                yield mat_letter(spot.face, size), art.chip(chip_color, int(size * 0.86))
        for rect in self.rects:
            yield art.glow(rect.w + 36, rect.h + 36)


def _draw_half_star(surface, center, size: int) -> None:
    """A grey star, its left half gold: half-way to the star that two turns with no letter bring."""
    grey = d.star(size, (225, 225, 235), (190, 190, 205))
    at = grey.get_rect(center=center)
    surface.blit(grey, at)
    gold = d.star(size)
    surface.blit(gold, at, pygame.Rect(0, 0, gold.get_width() // 2, gold.get_height()))


def mat_tiles(mat, color, on_press) -> list[LetterTile]:
    """A player's mat letters, big, to tap: covered ones show their chip and cannot be tapped."""
    n = len(mat)
    cols = n if n <= 3 else math.ceil(n / 2)
    rows = math.ceil(n / cols)
    size = 120 if cols <= 3 else 100
    gap = 18
    x0 = MAT_PANEL_AT[0] - (cols * size + (cols - 1) * gap) / 2
    y0 = MAT_PANEL_AT[1] - (rows * size + (rows - 1) * gap) / 2
    tiles = []
    for i, spot in enumerate(mat):
        r, c = divmod(i, cols)
        tile = LetterTile((x0 + c * (size + gap), y0 + r * (size + gap), size, size), spot.face, on_press,
                          color=d.shade(color, 1.7))
        tile.spot = spot
        tile.enabled = not spot.covered
        tiles.append(tile)
    return tiles


def draw_mat_tiles(surface, tiles: list[LetterTile], player, focus) -> None:
    """The big mat letters on a panel in the player's colour, with their animal at its corner."""
    panel = tiles[0].rect.unionall([t.rect for t in tiles[1:]]).inflate(44, 44)
    d.blit_panel(surface, panel, d.shade(player.color, 1.5), radius=28)
    draw_avatar_on_disc(surface, player.name, 48, panel.topleft)
    for tile in tiles:
        tile.draw(surface, focused=tile is focus)
        if tile.spot.covered:
            c = art.chip(player.color, int(tile.rect.w * 0.8))
            surface.blit(c, c.get_rect(center=tile.rect.center))
