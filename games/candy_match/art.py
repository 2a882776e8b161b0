"""Pictures for candy letter match: foil-wrapped kisses with a paper plume, letter stickers, the table
with its checked cloth, the players' plates and the treat dish, and the game icon.

Everything is painted once and cached; the scene only blits (and, while something moves, scales).
A candy picture's *anchor* is the middle of its flat bottom, where it touches the table.
"""
from __future__ import annotations

import math

import numpy as np
import pygame

from games.engine.core import draw as d

SILVER = (200, 206, 218)
FOILS = [SILVER, (236, 190, 70), (214, 66, 72), (72, 168, 96), (70, 126, 222), (150, 104, 220), (236, 110, 160)]
CHOCOLATE = (112, 66, 40)
WOOD = (186, 126, 78)
DISH_RIM = (250, 196, 212)
GINGHAM = (226, 84, 96)

BODY_H = 0.80      # body height, as a fraction of the candy size
PLUME_H = 0.42     # how far the paper plume rises above the tip
BOTTOM = 0.10      # room under the anchor for the rounded bottom edge


def candy_height(size: int) -> int:
    return int(size * (BODY_H + PLUME_H + BOTTOM))


def candy_anchor(size: int) -> tuple[int, int]:
    """Where the middle of the candy's bottom sits inside its picture."""
    return size // 2, candy_height(size) - int(size * BOTTOM)


def _half_width(t: np.ndarray) -> np.ndarray:
    """The kiss profile: round shoulders at the bottom (t=0) narrowing to a fine point (t=1)."""
    t = np.clip(t, 0.0, 1.0)
    return (1 - t) ** 2 * (1 + 2 * t)


@d.surface_cache
def candy(size: int, foil=SILVER, plume: bool = True) -> pygame.Surface:
    """A chocolate kiss wrapped in crinkled foil (``foil=None``: unwrapped chocolate)."""
    k = 2   # shaded pixel by pixel: 2x is smooth enough and takes 4/9 of the time of 3x (15 candies: 44 ms)
    w, h = size * k, candy_height(size) * k
    ax, ay = w / 2, (candy_height(size) - size * BOTTOM) * k
    radius, body_h = size * 0.47 * k, size * BODY_H * k
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    t = (ay - ys) / body_h
    bottom_curve = size * 0.07 * k * np.sqrt(np.clip(1 - ((xs - ax) / radius) ** 2, 0, 1))
    half = radius * _half_width(t)
    inside = (np.abs(xs - ax) <= half) & (t <= 1) & (ys <= ay + bottom_curve)
    u = np.where(half > 0, (xs - ax) / np.maximum(half, 1e-3), 0)       # -1 left edge .. 1 right edge
    light = 0.92 - 0.38 * np.clip(u, 0, 1) ** 1.4 - 0.25 * np.abs(u) ** 6
    light += 0.55 * np.exp(-((u + 0.38) / 0.16) ** 2)                  # the shine down the left side
    if foil is not None:
        crinkle = np.sin(ys / (size * 0.045 * k) + 3.0 * np.sin(xs / (size * 0.11 * k)))
        light += 0.10 * crinkle * (0.4 + 0.6 * (1 - np.clip(t, 0, 1)))
        pleats = np.clip(1 - t / 0.12, 0, 1) * np.sin(xs / (size * 0.016 * k))   # crimped foil at the base
        light -= 0.07 * pleats
        base = np.array(foil[:3], np.float32)
    else:
        base = np.array(CHOCOLATE, np.float32)
        light = 0.75 + 0.55 * (light - 0.6)
    rgb = np.clip(base[None, None, :] * light[..., None], 0, 255)
    white = np.clip(light - 1.15, 0, 1)[..., None]                       # highlights burn out to white
    rgb = rgb * (1 - white) + 255 * white
    big = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.surfarray.pixels3d(big)[...] = np.transpose(rgb, (1, 0, 2)).astype(np.uint8)
    pygame.surfarray.pixels_alpha(big)[...] = np.transpose(inside * 255, (1, 0)).astype(np.uint8)
    if plume and foil is not None:
        _paper_plume(big, (ax, ay - body_h + 2 * k), size * PLUME_H * k, size * 0.09 * k)
    return pygame.transform.smoothscale(big, (size, candy_height(size)))


def _paper_plume(surface, tip, length, width):
    """The little paper strip that sticks out of the foil's point, with a gentle curl."""
    left, right = [], []
    steps = 16
    for i in range(steps + 1):
        s = i / steps
        x = tip[0] + math.sin(s * 4.0) * length * 0.10 + s * s * length * 0.25
        y = tip[1] - s * length
        dx = (math.cos(s * 4.0) * 0.40 + 0.5 * s)   # slope of the curl, to keep the strip even
        n = math.hypot(1, dx)
        wid = width * (0.55 + 0.45 * s)
        left.append((x - wid / 2 / n, y - wid / 2 * dx / n))
        right.append((x + wid / 2 / n, y + wid / 2 * dx / n))
    outline = left + right[::-1]
    pygame.draw.polygon(surface, (250, 250, 246), outline)
    pygame.draw.polygon(surface, (170, 176, 190), outline, max(1, int(width * 0.12)))
    mid = [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in zip(left, right)][steps // 2:]
    pygame.draw.lines(surface, (120, 160, 225), False, mid, max(1, int(width * 0.16)))


@d.surface_cache
def shadow(size: int) -> pygame.Surface:
    """The soft shadow a candy casts on the cloth."""
    def paint(s, k):
        for i in range(4):
            r = pygame.Rect(0, 0, size * (1.0 - i * 0.12) * k, size * (0.30 - i * 0.04) * k)
            r.center = (size * 0.55 * k, size * 0.17 * k)
            pygame.draw.ellipse(s, (60, 20, 20, 30), r)
    return d.smooth((size * 1.1, size * 0.34), paint)


@d.surface_cache
def sticker(char: str, size: int) -> pygame.Surface:
    """A round letter sticker with a scalloped edge, the kind that sits under each candy."""
    def paint(s, k):
        c, r = size * k / 2, size * k / 2
        for i in range(18):
            a = i * math.tau / 18
            pygame.draw.circle(s, (246, 170, 190), (c + math.cos(a) * r * 0.86, c + math.sin(a) * r * 0.86), r * 0.14)
        pygame.draw.circle(s, (246, 170, 190), (c, c), r * 0.88)
        pygame.draw.circle(s, (255, 253, 246), (c, c), r * 0.76)
    img = d.smooth((size, size), paint)
    d.draw_glyph(img, char, int(size * 0.62), (size / 2, size / 2), d.INK)
    return img


@d.surface_cache
def candy_with_label(char: str, size: int, foil=SILVER) -> pygame.Surface:
    """A small candy with its letter sticker stuck on the front: one kept candy on a plate."""
    img = candy(size, foil).copy()
    ax, ay = candy_anchor(size)
    label = sticker(char, int(size * 0.56))
    img.blit(label, label.get_rect(center=(ax, ay - size * 0.24)))
    return img


@d.surface_cache
def table(cloth: tuple) -> pygame.Surface:
    """The whole background: the classroom wall, a wooden table and a checked cloth on it."""
    surf = d.background("wall").copy()
    top = 124
    pygame.draw.rect(surf, d.shade(WOOD, 0.7), (0, top - 8, d.W, 10))
    pygame.draw.rect(surf, WOOD, (0, top, d.W, d.H - top))
    plank = 96
    for y in range(top, d.H, plank):
        pygame.draw.line(surf, d.shade(WOOD, 0.82), (0, y), (d.W, y), 3)
        pygame.draw.line(surf, d.shade(WOOD, 1.12), (0, y + 3), (d.W, y + 3), 1)
        for j in range(3):     # wood grain: long soft waves
            pts = [(x, y + 22 + j * 24 + math.sin(x / 90 + y + j * 2) * 5) for x in range(0, d.W + 20, 20)]
            pygame.draw.lines(surf, d.shade(WOOD, 0.93 if j % 2 else 1.06), False, pts, 2)
    rect = pygame.Rect(cloth)
    shade_rect = rect.move(6, 10)
    pygame.draw.rect(surf, d.shade(WOOD, 0.75), shade_rect, border_radius=18)
    surf.blit(gingham(rect.size, 44, 18), rect)
    pygame.draw.rect(surf, d.shade(GINGHAM, 0.85), rect, 4, border_radius=18)
    return surf.convert() if pygame.display.get_surface() else surf


def gingham(size, check: int, radius: int) -> pygame.Surface:
    """A checked cloth of ``size`` with ``check``-pixel squares and corners rounded by ``radius``."""
    w, h = size
    layer = pygame.Surface(size, pygame.SRCALPHA)
    layer.fill((255, 246, 242))
    for x in range(0, w, check * 2):   # columns see-through (the table's wood shows), rows laid over them
        layer.fill((*GINGHAM, 110), (x, 0, check, h))
    band = pygame.Surface((w, check), pygame.SRCALPHA)
    band.fill((*GINGHAM, 110))
    for y in range(0, h, check * 2):
        layer.blit(band, (0, y))
    mask = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.rect(mask, (255, 255, 255, 255), mask.get_rect(), border_radius=radius)
    layer.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return layer


@d.surface_cache
def plate(w: int, h: int, rim=d.WHITE) -> pygame.Surface:
    """A round plate seen from above at a slant, its rim painted in the player's colour."""
    def paint(s, k):
        body = pygame.Rect(0, 0, w * k, h * k)
        pygame.draw.ellipse(s, (0, 0, 0, 50), body.move(0, 8 * k))
        pygame.draw.ellipse(s, d.shade(rim, 0.8), body)
        pygame.draw.ellipse(s, rim, body.inflate(-8 * k, -8 * k))
        well = body.inflate(-w * 0.26 * k, -h * 0.28 * k)
        pygame.draw.ellipse(s, (236, 238, 244), well.move(0, 3 * k))
        pygame.draw.ellipse(s, (252, 252, 255), well)
        shine = pygame.Rect(well.x + well.w * 0.15, well.y + well.h * 0.12, well.w * 0.4, well.h * 0.2)
        pygame.draw.ellipse(s, (255, 255, 255), shine)
    return d.smooth((w, h + 10), paint)


# -- pictures the candy scene asks for as things move (painted once, then kept) ---------------------
@d.surface_cache
def rotated(size, foil, angle):
    """The candy tipped by ``angle`` degrees (a lifted candy leans over to show its sticker)."""
    base = candy(size, foil)
    return base if angle == 0 else pygame.transform.rotozoom(base, angle, 1.0)


@d.surface_cache
def bitten(size, bites):
    """The unwrapped chocolate after ``bites`` bites (3: all gone but the base)."""
    img = candy(size, None).copy()
    ax, ay = candy_anchor(size)
    for b in range(bites):   # bites from the top down, alternating sides
        x = ax + (0.16 if b % 2 == 0 else -0.2) * size
        y = ay - size * (0.62 - 0.2 * b)
        pygame.draw.circle(img, (0, 0, 0, 0), (x, y), size * (0.2 + 0.05 * b))
    if bites >= 3:
        pygame.draw.rect(img, (0, 0, 0, 0), (0, 0, img.get_width(), ay - size * 0.3))
    return img


@d.surface_cache
def foil_half(size, foil, side):
    """The left (``side`` -1) or right half of a candy's foil, falling open as it is unwrapped."""
    img = candy(size, foil, plume=False)
    w = img.get_width() // 2
    area = pygame.Rect(0 if side < 0 else w, 0, w, img.get_height())
    return img.subsurface(area).copy()


@d.surface_cache
def glow(w, h):
    """A soft yellow glow under the plate of the player whose turn it is."""
    def paint(s, k):
        for i in range(6):
            r = pygame.Rect(0, 0, (w - i * 8) * k, (h - i * 6) * k)
            r.center = (w * k / 2, h * k / 2)
            pygame.draw.ellipse(s, (*d.YELLOW, 40), r)
    return d.smooth((w, h), paint)


@d.surface_cache
def veil():
    """A pale wash over the table while a pair is written on the pad."""
    wash = pygame.Surface((d.W, d.H), pygame.SRCALPHA)
    wash.fill((255, 248, 236, 170))
    return wash


def paint_icon(surface, rect: pygame.Rect) -> None:
    """Three kisses on a checked cloth; the middle one lifted to show its letter."""
    surface.blit(_icon(rect.w, rect.h), rect)


@d.surface_cache(shared=True)   # the launcher's card
def _icon(w: int, h: int) -> pygame.Surface:
    s = pygame.Surface((w, h), pygame.SRCALPHA)
    cloth = pygame.Rect(0, int(h * 0.38), w, int(h * 0.62))
    s.blit(gingham(cloth.size, max(8, w // 14), 14), cloth)
    size = int(min(w * 0.34, h * 0.5))
    cx, cy = candy_anchor(size)
    for i, lifted in enumerate((False, True, False)):
        ax, ay = w * (0.18 + 0.32 * i), h * 0.93
        if lifted:
            lab = sticker("a", int(size * 0.78))
            s.blit(lab, lab.get_rect(center=(ax, ay - size * 0.36)))
            img = pygame.transform.rotozoom(candy(size), -16, 1.0)
            s.blit(img, img.get_rect(center=(ax + size * 0.3, ay - size * 1.25)))
        else:
            s.blit(candy(size, FOILS[2 * i]), (ax - cx, ay - cy))
    return s


# -- level pictures (the game start screen) ------------------------------------------------------

def paint_level(surface, rect: pygame.Rect, level) -> None:
    """Two candies for every pair of the level, in rows; a pencil when each pair must be written to keep."""
    pairs = level.options.get("pairs", 5)
    write = level.options.get("write_to_keep", False)
    area = rect.copy()
    if write:
        area.w = int(rect.w * 0.68)
    count = pairs * 2
    best = None
    for cols in range(2, count + 1):
        rows = -(-count // cols)
        size = min(area.w / cols, area.h / rows / 0.95)
        if best is None or size > best[1]:
            best = (cols, size)
    cols, cell = best
    rows = -(-count // cols)
    size = int(cell * 0.92)
    ax0, ay0 = candy_anchor(size)
    top = area.centery - rows * cell * 0.95 / 2
    for i in range(count):
        row, col = divmod(i, cols)
        in_row = min(cols, count - row * cols)
        cx = area.centerx + (col - (in_row - 1) / 2) * cell
        foot = top + (row + 1) * cell * 0.95 - size * 0.08
        surface.blit(candy(size, FOILS[(i // 2) % len(FOILS)]), (cx - ax0, foot - ay0))
    if write:
        from games.engine.writing.guides import draw_pen
        tip = (rect.right - rect.w * 0.3, rect.bottom - rect.h * 0.1)
        pygame.draw.line(surface, d.INK, (tip[0] - rect.w * 0.06, tip[1] - 6), (tip[0] - 2, tip[1]), 4)
        draw_pen(surface, tip, size=int(rect.h * 0.8))
