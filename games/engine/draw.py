"""Colours, fonts and the few drawing helpers every screen shares.

Everything is drawn on a 1280x800 canvas. Shapes with curves are drawn 3x larger and scaled down
(``smooth``), which gives soft anti-aliased edges without any image files.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import math
from collections import OrderedDict

import pygame

from . import paths

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


# -- the picture cache ---------------------------------------------------------------------------------
SURFACE_CACHE_BYTES = 24 * 2**20   # every drawn picture kept for reuse, all games together (see SurfaceCache)


def surface_bytes(value) -> int:
    """Memory a cached drawing holds: width x height x bytes per pixel (summed over tuples)."""
    if isinstance(value, pygame.Surface):
        w, h = value.get_size()
        return w * h * value.get_bytesize()
    if isinstance(value, (tuple, list)):
        return sum(surface_bytes(v) for v in value)
    return 64


class SurfaceCache:
    """Pictures drawn once and reused, bounded by bytes.

    Shared by every ``@surface_cache`` function, so one budget holds for the whole game. Callers
    must not draw on a picture they got from the cache (``.copy()`` it first).

    A segmented LRU: a new picture waits in the "new" part; asked for again, it moves to the "kept"
    part, which holds at most three quarters of the budget. Room is made from the least recently used
    new pictures first. So the one-off pictures of an animation (a size a frame) or of a caption push
    out only each other, never the pictures a screen draws every frame (a plain LRU repainted those
    ~20 times a minute in a soak).
    """

    KEPT_SHARE = 0.75

    def __init__(self, budget: int = SURFACE_CACHE_BYTES):
        self.budget = budget
        self.hits = self.misses = self.evictions = 0
        self._new: OrderedDict = OrderedDict()    # (function, args) -> (surface, bytes), oldest first
        self._kept: OrderedDict = OrderedDict()
        self._new_bytes = self._kept_bytes = 0

    @property
    def bytes(self) -> int:
        return self._new_bytes + self._kept_bytes

    @property
    def _items(self) -> dict:
        """Every cached (surface, bytes) by key (for tests and benchmarks)."""
        return {**self._kept, **self._new}

    def __len__(self):
        return len(self._new) + len(self._kept)

    def get(self, key):
        item = self._kept.get(key)
        if item is not None:
            self._kept.move_to_end(key)
            self.hits += 1
            return item[0]
        item = self._new.pop(key, None)
        if item is None:
            self.misses += 1
            return None
        self.hits += 1
        self._new_bytes -= item[1]
        self._kept[key] = item
        self._kept_bytes += item[1]
        while self._kept_bytes > self.budget * self.KEPT_SHARE and len(self._kept) > 1:
            old_key, old = self._kept.popitem(last=False)   # back to the new part, as its newest
            self._kept_bytes -= old[1]
            self._new[old_key] = old
            self._new_bytes += old[1]
        return item[0]

    def put(self, key, value) -> None:
        size = surface_bytes(value)
        if size > self.budget:
            return   # bigger than the whole budget: drawn each time it is asked for
        self._forget(key)
        self._new[key] = (value, size)
        self._new_bytes += size
        while self.bytes > self.budget:
            part = self._new if self._new else self._kept
            _, (_, dropped) = part.popitem(last=False)
            if part is self._new:
                self._new_bytes -= dropped
            else:
                self._kept_bytes -= dropped
            self.evictions += 1

    def _forget(self, key) -> None:
        old = self._new.pop(key, None)
        if old is not None:
            self._new_bytes -= old[1]
        old = self._kept.pop(key, None)
        if old is not None:
            self._kept_bytes -= old[1]

    def clear(self, keep=lambda function: False) -> None:
        """Forget every picture, or those of the functions ``keep(function)`` is false for."""
        for key in [k for k in (*self._new, *self._kept) if not keep(k[0])]:
            self._forget(key)

    def stats(self) -> dict:
        return {"items": len(self._items), "mb": round(self.bytes / 2**20, 1),
                "budget_mb": round(self.budget / 2**20, 1), "hits": self.hits, "misses": self.misses,
                "evictions": self.evictions}


PICTURES = SurfaceCache()


def _c_library():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None
    except (OSError, TypeError):
        return None   # not glibc (macOS, Windows, musl): its allocator is left as it is


_LIBC = _c_library()
if _LIBC is not None:
    # A full-screen picture is 4 MB. glibc raises its mmap threshold after such a block is freed, so
    # later ones come from the heap and their memory is never given back (RSS +30 MB in a soak).
    # A fixed threshold keeps every big picture in its own mapping, returned when it is freed.
    _LIBC.mallopt(-3, 128 * 1024)   # M_MMAP_THRESHOLD


def release_memory() -> None:
    """Give memory freed by dropped pictures back to the system (glibc keeps it otherwise)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def surface_cache(function=None, *, shared: bool | None = None):
    """Decorator: remember what ``function`` drew for its arguments, in the shared byte-bounded cache.

    Arguments must be hashable (as for ``functools.lru_cache``). ``function.cache_clear()`` forgets
    only that function's pictures. A game's pictures are forgotten when the child leaves the game
    (:func:`forget_game_pictures`); the engine's, and those marked ``@surface_cache(shared=True)``
    (a game's launcher icon), stay.
    """
    if function is None:
        return lambda f: surface_cache(f, shared=shared)

    @functools.wraps(function)
    def cached(*args, **kwargs):
        key = (cached, args, tuple(sorted(kwargs.items())) if kwargs else ())
        value = PICTURES.get(key)
        if value is None:
            value = function(*args, **kwargs)
            PICTURES.put(key, value)
        return value

    engine = __name__.rsplit(".", 1)[0]
    cached.shared = shared if shared is not None else function.__module__.startswith(engine + ".")
    cached.cache_clear = lambda: PICTURES.clear(keep=lambda f: f is not cached)
    return cached


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


def forget_game_pictures() -> None:
    """Drop the pictures games drew (tables, balls, candies) when the child is back at the launcher."""
    PICTURES.clear(keep=lambda f: f.shared)
    gc.collect()   # left scenes hold full-screen pictures in reference cycles: free them now, not some day
    release_memory()


def surface_cache_stats() -> dict:
    """How full the picture cache is and how well it works (for benchmarks)."""
    return PICTURES.stats()


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

    return smooth((w + 2 * pad, h + 2 * pad + 6), paint)


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
    PICTURES.clear()


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
