"""Pictures for missing-letter memory: a wooden tray, a cloth that slides over it, the game icon."""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d

WOOD = (196, 140, 84)
CLOTH = (214, 72, 92)


@d.surface_cache
def tray(w: int, h: int) -> pygame.Surface:
    """A wooden tray with a raised rim and a little grain."""
    def paint(s, k):
        body = pygame.Rect(0, 8 * k, w * k, (h - 8) * k)
        pygame.draw.rect(s, (0, 0, 0, 45), body.move(0, 8 * k), border_radius=36 * k)
        pygame.draw.rect(s, d.shade(WOOD, 0.75), body, border_radius=36 * k)
        rim = body.inflate(-10 * k, -14 * k)
        rim.top = body.top + 4 * k
        pygame.draw.rect(s, WOOD, rim, border_radius=32 * k)
        floor = body.inflate(-44 * k, -44 * k)
        pygame.draw.rect(s, d.shade(WOOD, 1.18), floor, border_radius=22 * k)
        for i in range(7):
            y = floor.top + (i + 0.5) * floor.h / 7
            pts = [(floor.left + 10 * k + x, y + math.sin(x / (40 * k) + i) * 3 * k)
                   for x in range(0, floor.w - 20 * k, 6 * k)]
            if len(pts) > 1:
                pygame.draw.lines(s, d.shade(WOOD, 1.05), False, pts, 2 * k)
    return d.smooth((w, h), paint)


def draw_cloth(surface, rect: pygame.Rect, t: float) -> None:
    """A soft cloth with folds and a scalloped hem covering ``rect``; ``t`` makes it sway."""
    if rect.h <= 2:
        return
    hem = 26
    cloth = pygame.Surface((rect.w, rect.h + hem), pygame.SRCALPHA)
    folds = 9
    for i in range(folds):
        x0 = i * rect.w / folds
        light = 1.0 + 0.18 * math.sin(i * 1.7 + t * 2)
        pygame.draw.rect(cloth, d.shade(CLOTH, light), (x0, 0, rect.w / folds + 1, rect.h))
    for i in range(folds):
        cx = (i + 0.5) * rect.w / folds
        pygame.draw.circle(cloth, d.shade(CLOTH, 1.0 + 0.18 * math.sin(i * 1.7 + t * 2)),
                           (cx, rect.h), rect.w / folds / 2 + 1)
    for i in range(1, folds):   # shadows between the folds
        x = i * rect.w / folds
        pygame.draw.line(cloth, d.shade(CLOTH, 0.8), (x, 0), (x, rect.h + 4), 3)
    for i in range(0, rect.w, 34):   # white polka dots
        for j in range(18, rect.h, 40):
            pygame.draw.circle(cloth, (255, 235, 238), (i + (j // 40 % 2) * 17 + 8, j), 5)
    surface.blit(cloth, rect.topleft)


def paint_icon(surface, rect: pygame.Rect) -> None:
    """Three cards on a tray, the middle one under a cloth with a question mark."""
    img = _icon(rect.w, rect.h)
    surface.blit(img, rect)


@d.surface_cache(shared=True)   # the launcher's card
def _icon(w: int, h: int) -> pygame.Surface:
    s = pygame.Surface((w, h), pygame.SRCALPHA)
    tw, th = int(w * 0.96), int(h * 0.62)
    s.blit(tray(tw, th), ((w - tw) // 2, int(h * 0.32)))
    cw, ch = int(w * 0.24), int(h * 0.38)
    for i, char in enumerate("A?C"):
        r = pygame.Rect(0, 0, cw, ch)
        r.center = (w / 2 + (i - 1) * (cw + 10), h * 0.62)
        if char == "?":
            draw_cloth(s, pygame.Rect(r.x - 6, r.y - 4, r.w + 12, r.h - 16), 0.5)
            d.draw_glyph(s, "?", int(ch * 0.5), (r.centerx, r.centery - 10), d.WHITE)
        else:
            d.blit_panel(s, r, d.WHITE, radius=12)
            d.draw_glyph(s, char, int(ch * 0.6), r.center, d.BLUE if char == "A" else d.GREEN)
    return s


# -- level pictures (the game start screen) ------------------------------------------------------

def paint_level(surface, rect: pygame.Rect, level) -> None:
    """The tray with as many cards as the level has letters, and the cloth over one card or over all."""
    n = level.options.get("letters", 3)
    hide_all = level.options.get("all", False)
    th = int(rect.h * 0.62)
    surface.blit(tray(rect.w, th), (rect.x, rect.bottom - th))
    gap = 6
    cw = min(int(rect.h * 0.42), (rect.w - 36 - (n - 1) * gap) // n)
    ch = int(cw * 1.3)
    left = rect.centerx - (n * cw + (n - 1) * gap) / 2
    cards = [pygame.Rect(left + i * (cw + gap), rect.bottom - th / 2 - ch / 2 - 4, cw, ch) for i in range(n)]
    hidden = cards if hide_all else [cards[n // 2]]
    for i, r in enumerate(cards):
        d.blit_panel(surface, r, d.WHITE, radius=max(6, cw // 6), gloss=False)
        if r not in hidden:     # as in the game, a card under the cloth shows no letter, not even its foot
            d.draw_glyph(surface, "ABCDE"[i], int(ch * 0.55), r.center, [d.BLUE, d.RED, d.GREEN, d.PURPLE, d.TEAL][i])
    cover = hidden[0].unionall(hidden).inflate(8, 0)
    cover.y -= 6
    draw_cloth(surface, pygame.Rect(cover.x, cover.y, cover.w, cover.h - 4), 0.5)
    for r in hidden:
        d.draw_glyph(surface, "?", int(ch * 0.45), (r.centerx, r.centery - 8), d.WHITE)
