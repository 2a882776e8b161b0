"""Pictures for Trace and write: the stickers a child collects, the sticker sheet, the game icon."""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d

SHAPES = ("star", "heart", "flower", "circle", "cloud")


def sticker_shape(letter: str) -> str:
    """Each letter always gets the same sticker shape, so children learn to look forward to it."""
    return SHAPES[(ord(letter.lower()) - ord("a")) % len(SHAPES)]


def sticker_color(letter: str):
    return d.CANDY[(ord(letter.lower()) - ord("a")) * 3 % len(d.CANDY)]


def _heart_points(cx, cy, r, n=60):
    pts = []
    for i in range(n):
        t = i / n * math.tau
        x = 16 * math.sin(t) ** 3
        y = -(13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t))
        pts.append((cx + x * r / 17, cy + y * r / 17))
    return pts


def _paint_shape(s, shape, cx, cy, r, color):
    if shape == "star":
        pygame.draw.polygon(s, color, d.star_points(cx, cy + r * 0.06, r, r * 0.5))
    elif shape == "heart":
        pygame.draw.polygon(s, color, _heart_points(cx, cy, r))
    elif shape == "flower":
        for i in range(6):
            a = i * math.tau / 6
            pygame.draw.circle(s, color, (cx + math.cos(a) * r * 0.52, cy + math.sin(a) * r * 0.52), r * 0.46)
        pygame.draw.circle(s, color, (cx, cy), r * 0.6)
    elif shape == "cloud":
        for dx, dy, rr in ((-0.45, 0.12, 0.5), (0.45, 0.12, 0.5), (-0.12, -0.2, 0.58), (0.25, -0.1, 0.5),
                           (0.0, 0.2, 0.55)):
            pygame.draw.circle(s, color, (cx + dx * r, cy + dy * r), rr * r)
    else:
        pygame.draw.circle(s, color, (cx, cy), r * 0.92)


@d.surface_cache
def sticker(letter: str, size: int) -> pygame.Surface:
    """A glossy sticker with a white edge, in the letter's shape and colour, with the letter on it."""
    shape, color = sticker_shape(letter), sticker_color(letter)

    def paint(s, k):
        cx, cy, r = size * k / 2, size * k / 2, size * k * 0.42
        _paint_shape(s, shape, cx + 3 * k, cy + 5 * k, r * 1.08, (0, 0, 0, 50))   # shadow
        _paint_shape(s, shape, cx, cy, r * 1.08, d.WHITE)                         # sticker edge
        _paint_shape(s, shape, cx, cy, r * 0.94, color)
        shine = pygame.Rect(0, 0, r * 0.7, r * 0.28)
        shine.center = (cx - r * 0.25, cy - r * 0.45)
        pygame.draw.ellipse(s, (*d.shade(color, 1.6), 150), shine)

    img = d.smooth((size, size), paint)
    d.draw_glyph(img, letter, int(size * 0.42), (size / 2, size / 2 + size * 0.02), d.WHITE)
    return img


def draw_sticker_sheet(surface, rect: pygame.Rect, letters: list[str], t: float = 99.0) -> None:
    """A cream sheet with a slot per letter; each sticker lands in its slot, a little tilted.

    ``t`` is the time since the sheet appeared: stickers pop in one after another.
    """
    d.blit_panel(surface, rect, d.CREAM, radius=30, gloss=False)
    n = max(1, len(letters))
    cols = min(n, 6)
    rows = math.ceil(n / cols)
    cell = min((rect.w - 60) / cols, (rect.h - 60) / rows)
    x0 = rect.centerx - cols * cell / 2
    y0 = rect.centery - rows * cell / 2
    for i, letter in enumerate(letters):
        r, c = divmod(i, cols)
        centre = (x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell)
        pygame.draw.circle(surface, d.shade(d.CREAM, 0.93), centre, cell * 0.4)   # the empty slot
        k = max(0.0, min(1.0, (t - 0.35 * i) * 3))
        if k <= 0:
            continue
        size = max(8, int(cell * 0.9 * (0.6 + 0.4 * k) * (1 + 0.15 * math.sin(k * math.pi))))
        img = pygame.transform.rotozoom(sticker(letter, int(cell * 0.9)), (i * 37 % 21) - 10, size / (cell * 0.9))
        surface.blit(img, img.get_rect(center=centre))


def paint_icon(surface, rect: pygame.Rect) -> None:
    """A dotted letter a with its green start dot, and a pencil tracing it."""
    surface.blit(_icon(rect.w, rect.h), rect)


@d.surface_cache(shared=True)   # the launcher's card
def _icon(w: int, h: int) -> pygame.Surface:
    s = pygame.Surface((w, h), pygame.SRCALPHA)
    paper = pygame.Rect(w * 0.06, h * 0.08, w * 0.88, h * 0.84)
    d.blit_panel(s, paper, d.WHITE, radius=18, gloss=False)
    for y, color, width in ((0.3, (120, 160, 230), 3), (0.56, (150, 185, 240), 2), (0.8, (232, 110, 100), 4)):
        pygame.draw.line(s, color, (paper.x + 12, paper.y + paper.h * y), (paper.right - 12, paper.y + paper.h * y), width)
    cx, cy, r = paper.centerx - w * 0.1, paper.y + paper.h * 0.68, paper.h * 0.12
    for i in range(16):   # the dotted bowl of an a
        a = -0.5 - i * math.tau / 16
        pygame.draw.circle(s, (245, 140, 40), (cx + math.cos(a) * r, cy + math.sin(a) * r), max(2, w // 70))
    for i in range(5):
        pygame.draw.circle(s, (245, 140, 40), (cx + r, cy - r + i * r * 0.5), max(2, w // 70))
    pygame.draw.circle(s, (46, 170, 80), (cx + r * 0.9, cy - r * 0.45), max(5, w // 22))
    # The TracePad's pencil: the coach (and the scipy it needs) loads only when the game starts.
    from games.engine.writing.tracepad import draw_pencil
    draw_pencil(s, (cx + r * 1.35, cy - r * 1.2), size=int(h * 0.36))
    return s


# -- level pictures (the game start screen) ------------------------------------------------------

def paint_level(surface, rect: pygame.Rect, level) -> None:
    """Tracing a dotted letter, writing one with the pencil, or both; one paper per letter of the level."""
    from games.engine.writing.guides import draw_pen
    trace = level.options.get("watch", True)     # the "Write" level has no watching and no dots
    write = level.options.get("write", True)
    papers = [("trace", trace), ("write", write)]
    shown = [kind for kind, on in papers if on]
    n = len(shown)
    gap = 10
    pw = (rect.w - (n - 1) * gap) / n
    for i, kind in enumerate(shown):
        paper = pygame.Rect(rect.x + i * (pw + gap), rect.y + rect.h * 0.08, pw, rect.h * 0.84)
        d.blit_panel(surface, paper, d.WHITE, radius=14, gloss=False)
        for y, color, width in ((0.3, (120, 160, 230), 2), (0.8, (232, 110, 100), 3)):
            yy = paper.y + paper.h * y
            pygame.draw.line(surface, color, (paper.x + 8, yy), (paper.right - 8, yy), width)
        cx, cy, r = paper.centerx - paper.w * 0.05, paper.y + paper.h * 0.6, paper.h * 0.19
        if kind == "trace":
            dot = max(2, int(paper.h / 45))
            for j in range(16):   # the dotted bowl and stem of an a, with its green start dot
                a = -0.5 - j * math.tau / 16
                pygame.draw.circle(surface, (245, 140, 40), (cx + math.cos(a) * r, cy + math.sin(a) * r), dot)
            for j in range(5):
                pygame.draw.circle(surface, (245, 140, 40), (cx + r, cy - r + j * r * 0.5), dot)
            pygame.draw.circle(surface, (46, 170, 80), (cx + r * 0.9, cy - r * 0.45), max(5, int(paper.h / 14)))
            # a fingertip on the start dot
            tip = pygame.Vector2(cx + r * 0.9, cy - r * 0.45)
            finger = pygame.Rect(0, 0, paper.h * 0.16, paper.h * 0.34)
            finger.midtop = (tip.x + 2, tip.y - 4)
            pygame.draw.ellipse(surface, (244, 196, 160), finger)
            pygame.draw.ellipse(surface, d.shade((244, 196, 160), 0.75), finger, 2)
            nail = pygame.Rect(0, 0, finger.w * 0.55, finger.h * 0.28)
            nail.midtop = (finger.centerx, finger.y + 4)
            pygame.draw.ellipse(surface, (255, 228, 214), nail)
        else:
            pygame.draw.circle(surface, d.BLUE, (cx, cy), r, max(3, int(paper.h / 22)))
            pygame.draw.line(surface, d.BLUE, (cx + r, cy - r), (cx + r, cy + r * 0.95), max(3, int(paper.h / 22)))
            draw_pen(surface, (cx + r * 1.1, cy + r * 0.9), size=int(min(paper.h * 0.7, (paper.right - cx - r) * 1.2)))
