"""Colours, fonts and the few drawing helpers every screen shares.

Everything is drawn on a 1280x800 canvas. Shapes with curves are drawn 3x larger and scaled down
(``smooth``), which gives soft anti-aliased edges without any image files.
"""
from __future__ import annotations

import functools
import math
from collections import OrderedDict

import pygame

from games.engine.core import paths

W, H = 1280, 800

# A warm classroom palette with strong contrast for letters.
CREAM = (255, 248, 231)
SKY = (196, 230, 255)
INK = (38, 50, 86)
SOFT_INK = (96, 108, 140)
WHITE = (255, 255, 255)
RED = (232, 76, 61)
ORANGE = (245, 152, 50)
YELLOW = (255, 206, 68)
GREEN = (76, 175, 80)
TEAL = (38, 166, 154)
BLUE = (66, 133, 244)
PURPLE = (149, 97, 226)
PINK = (240, 98, 146)
BROWN = (141, 96, 64)
GOLD = (255, 193, 7)
CANDY = [RED, ORANGE, YELLOW, GREEN, TEAL, BLUE, PURPLE, PINK]

SS = 3   # supersampling factor for smooth shapes


# the picture cache (kept in its own module; these names stay importable from here)
from games.engine.core import picture_cache  # noqa: E402
from games.engine.core.picture_cache import (forget_game_pictures, release_memory, surface_cache, surface_cache_stats)


def launcher_icon(painter):
    """Decorator: a game's ``paint_icon(surface, rect)`` (its picture on the launcher card) made from
    ``painter(s, w, h)``, which draws the icon on a new see-through picture ``s`` of ``w`` x ``h``.

    The icon is painted once a size and kept in the shared cache, so the launcher does not paint it
    again after a game.
    """
    @surface_cache(shared=True)
    def icon(w: int, h: int) -> pygame.Surface:
        s = pygame.Surface((w, h), pygame.SRCALPHA)
        painter(s, w, h)
        return s

    @functools.wraps(painter)
    def paint_icon(surface, rect: pygame.Rect) -> None:
        surface.blit(icon(rect.w, rect.h), rect)
    paint_icon.icon = icon
    return paint_icon


def shade(color, factor: float):
    """Lighter (factor > 1) or darker (factor < 1) version of ``color``."""
    if factor >= 1:
        return tuple(int(c + (255 - c) * (factor - 1)) for c in color[:3])
    return tuple(int(c * factor) for c in color[:3])


FONT_CACHE_BYTES = 12 * 2**20   # open fonts and the glyphs each has drawn


def font_bytes(size: int) -> int:
    """About what an open font holds once it has drawn an alphabet: its glyph pictures grow with size².

    Measured with pygame-ce 2.5 / SDL_ttf: 52 glyphs at 300 px take ~1.9 MB; opening one is 0.2 ms.
    """
    return 64 * 1024 + 24 * size * size


class FontCache:
    """Open fonts by (size, bold), bounded by :func:`font_bytes`: the least recently used are closed.

    Counting fonts is not enough: sizes run from 12 to 300 px (text that shrinks to fit tries many),
    and 64 big fonts held ~55 MB of glyphs.
    """

    def __init__(self, budget: int = FONT_CACHE_BYTES):
        self.budget = budget
        self.bytes = 0
        self._fonts: OrderedDict = OrderedDict()   # (size, bold) -> font

    def __len__(self):
        return len(self._fonts)

    def get(self, size: int, bold: bool) -> pygame.font.Font:
        key = (size, bold)
        f = self._fonts.get(key)
        if f is not None:
            self._fonts.move_to_end(key)
            return f
        name = "Andika-Bold.ttf" if bold else "Andika-Regular.ttf"
        try:
            f = pygame.font.Font(paths.FONTS / name, size)
        except (OSError, FileNotFoundError):
            f = pygame.font.Font(None, size)   # pygame's own font: readable, never a crash
        self._fonts[key] = f
        self.bytes += font_bytes(size)
        while self.bytes > self.budget and len(self._fonts) > 1:
            (old_size, _), _ = self._fonts.popitem(last=False)
            self.bytes -= font_bytes(old_size)
        return f

    def clear(self) -> None:
        self._fonts.clear()
        self.bytes = 0


FONTS = FontCache()


def font(size: int, bold: bool = False) -> pygame.font.Font:
    """Andika, the school font with single-storey a and g, at ``size`` pixels (kept open while used)."""
    return FONTS.get(int(size), bool(bold))


font.cache_clear = lambda: FONTS.clear()


@surface_cache
def text_surface(text: str, size: int, color=INK, bold: bool = False) -> pygame.Surface:
    return font(size, bold).render(text, True, color)


def draw_text(surface, text, size, center, color=INK, bold=False, max_width=None) -> pygame.Rect:
    """Draw one line of text centred on ``center`` (by its line box), shrinking it to ``max_width``."""
    img = text_surface(text, size, tuple(color), bold)
    if max_width and img.get_width() > max_width:
        while size > 12 and img.get_width() > max_width:
            size -= 2
            img = text_surface(text, size, tuple(color), bold)
    rect = img.get_rect(center=(round(center[0]), round(center[1])))
    surface.blit(img, rect)
    return rect


def draw_glyph(surface, char, size, center, color=INK, bold=True) -> pygame.Rect:
    """Draw a letter centred by its ink, not its line box (Andika's ascent is tall)."""
    img = text_surface(char, size, tuple(color), bold)
    ink = img.get_bounding_rect()
    rect = ink.copy()
    rect.center = (round(center[0]), round(center[1]))
    surface.blit(img, rect, ink)
    return rect


def wrap(text: str, size: int, width: int, bold=False) -> list[str]:
    words, lines, line = text.split(), [], ""
    f = font(size, bold)
    for word in words:
        trial = f"{line} {word}".strip()
        if f.size(trial)[0] <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def smooth(size, painter, scale: int = SS) -> pygame.Surface:
    """Paint at 3x (or ``scale``) with ``painter(surface, scale)`` and scale down: smooth edges for any
    shape. A picture as big as the screen takes ``scale=2``: at 3x it would need 36 MB while painted."""
    w, h = max(1, int(size[0])), max(1, int(size[1]))
    big = pygame.Surface((w * scale, h * scale), pygame.SRCALPHA)
    painter(big, scale)
    return pygame.transform.smoothscale(big, (w, h))


@surface_cache
def rounded_panel(w: int, h: int, color, radius: int = 24, border=None, shadow: bool = True,
                  gloss: bool = True) -> pygame.Surface:
    """A soft rounded card with a drop shadow, a top highlight and an optional border."""
    pad = 10 if shadow else 0

    def paint(s, k):
        if shadow:
            pygame.draw.rect(s, (0, 0, 0, 50), pygame.Rect(pad * k, (pad + 6) * k, w * k, h * k),
                             border_radius=radius * k)
        body = pygame.Rect(pad * k, pad * k, w * k, h * k)
        pygame.draw.rect(s, shade(color, 0.8), body, border_radius=radius * k)
        inner = body.inflate(-6 * k, -6 * k)
        inner.height -= 4 * k
        inner.top = body.top + 3 * k
        pygame.draw.rect(s, color, inner, border_radius=(radius - 3) * k)
        if gloss:
            hl = inner.inflate(-int(inner.w * 0.12), 0)
            hl.height = min(inner.height // 6, 22 * k)
            hl.top = inner.top + 5 * k
            layer = pygame.Surface(s.get_size(), pygame.SRCALPHA)   # blend, don't overwrite, the body
            pygame.draw.rect(layer, (*shade(color, 1.5), 90), hl, border_radius=hl.height // 2)
            s.blit(layer, (0, 0))
        if border:
            pygame.draw.rect(s, border, body, width=4 * k, border_radius=radius * k)

    # 2x is smooth enough for a big card's wide corners, and paints in half the time of 3x (a level
    # screen's first frame painted six such cards: 26 ms)
    return smooth((w + 2 * pad, h + 2 * pad + 6), paint, scale=2 if min(w, h) >= 160 else SS)


def blit_panel(surface, rect: pygame.Rect, color, radius=24, border=None, shadow=True, gloss=True):
    img = rounded_panel(rect.w, rect.h, tuple(color), radius, tuple(border) if border else None, shadow, gloss)
    pad = 10 if shadow else 0
    surface.blit(img, (rect.x - pad, rect.y - pad))


@surface_cache
def background(kind: str = "sky") -> pygame.Surface:
    """Full-screen backgrounds: a soft sky with hills, or a warm classroom wall."""
    surf = pygame.Surface((W, H))
    top, bottom = {"sky": (SKY, (235, 247, 255)), "wall": ((255, 236, 204), CREAM),
                   "night": ((52, 58, 110), (110, 90, 160))}[kind]
    for y in range(H):
        t = y / H
        surf.fill([int(a + (b - a) * t) for a, b in zip(top, bottom)], (0, y, W, 1))
    if kind == "sky":
        def hills(s, k):
            for i, (cx, r, col) in enumerate([(200, 520, (163, 217, 119)), (900, 620, (139, 201, 98)),
                                               (1300, 480, (163, 217, 119))]):
                pygame.draw.circle(s, col, (cx * k, (H + r - 150 + 30 * i) * k), r * k)
            for cx, cy, r in [(160, 120, 44), (220, 110, 56), (280, 126, 40), (980, 90, 38),
                              (1030, 80, 50), (1085, 96, 36)]:
                pygame.draw.circle(s, (255, 255, 255, 230), (cx * k, cy * k), r * k)
        surf.blit(smooth((W, H), hills, scale=2), (0, 0))
    elif kind == "wall":
        for x in range(0, W, 64):
            surf.fill(shade((255, 236, 204), 0.97), (x, 0, 32, H))
    return surf.convert() if pygame.display.get_surface() else surf


def star_points(cx, cy, r_out, r_in, n=5, rot=-math.pi / 2):
    pts = []
    for i in range(n * 2):
        r = r_out if i % 2 == 0 else r_in
        a = rot + i * math.pi / n
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def star(size: int, color=GOLD, outline=(214, 140, 0)) -> pygame.Surface:
    """A shiny star ``size`` pixels wide (sizes are rounded to 6 px steps so animations hit the cache)."""
    return _star(max(6, int(size) // 6 * 6), tuple(color), tuple(outline))


@surface_cache
def _star(size: int, color, outline) -> pygame.Surface:
    def paint(s, k):
        c = size * k / 2
        pygame.draw.polygon(s, outline, star_points(c, c * 1.05, c * 0.98, c * 0.45))
        pygame.draw.polygon(s, color, star_points(c, c * 1.05, c * 0.82, c * 0.37))
        pygame.draw.polygon(s, shade(color, 1.4), star_points(c * 0.92, c * 0.92, c * 0.4, c * 0.18))
    return smooth((size, size), paint)


def reset_caches() -> None:
    """Forget fonts and every drawn picture (needed after ``pygame.quit()`` and a new start)."""
    font.cache_clear()
    picture_cache.PICTURES.clear()


def grid_rects(n: int, area: pygame.Rect, gap: float, aspect: float, largest: float) -> list[pygame.Rect]:
    """``n`` equal cells (width = ``aspect`` x height, at most ``largest`` high) as big as fit in
    ``area``, ``gap`` apart, in rows centred in the area (the last row centred too)."""
    best = None
    for cols in range(1, max(1, n) + 1):
        rows = -(-n // cols)
        h = min((area.h - (rows - 1) * gap) / rows, (area.w - (cols - 1) * gap) / cols / aspect, largest)
        if best is None or h > best[1] + 0.5:
            best = (cols, h)
    cols, h = best
    w = h * aspect
    rows = -(-n // cols)
    top = area.y + (area.h - (rows * h + (rows - 1) * gap)) / 2
    rects = []
    for i in range(n):
        r, c = divmod(i, cols)
        in_row = min(cols, n - r * cols)
        left = area.centerx - (in_row * w + (in_row - 1) * gap) / 2
        rects.append(pygame.Rect(round(left + c * (w + gap)), round(top + r * (h + gap)), round(w), round(h)))
    return rects
