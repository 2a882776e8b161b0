"""Pictures for letter hunt that the children handle: the wooden letter tiles, the players' woven
baskets, and the classroom they stand in (the caller's cards and box are in ``caller_art``, the
buttons' pictures and the launcher icon in ``icons``).

Everything is painted once at 3x (``draw.smooth``) and cached by size; the scene only blits, and
scales a tile's width while it flips.
"""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d

WICKER = (214, 166, 100)
WICKER_DARK = (166, 116, 62)
WICKER_LIGHT = (236, 196, 132)
INSIDE = (112, 72, 38)
WOOD = (232, 196, 140)
WOOD_EDGE = (190, 142, 84)
LETTER_INKS = [d.RED, d.BLUE, d.GREEN, d.PURPLE, d.shade(d.ORANGE, 0.85), d.TEAL, d.PINK]


def ink_for(face: str):
    """Each letter keeps one colour everywhere (tile, card, box); a card without a letter gets gold."""
    return LETTER_INKS[ord(face.lower()) % len(LETTER_INKS)] if face else d.shade(d.GOLD, 0.8)


# -- letter tiles -----------------------------------------------------------------------------------
@d.surface_cache
def tile(face: str, size: int, face_up: bool = True) -> pygame.Surface:
    """A thick wooden letter tile, ``size`` px square (plus its shadow): the letter carved in colour,
    or (face down) the plain back with a little leaf, so nobody can peek."""
    size = max(8, int(size))

    def paint(s, k):
        r = size * k
        edge = max(2, int(size * 0.07)) * k
        pygame.draw.rect(s, (0, 0, 0, 60), pygame.Rect(edge * 0.6, edge * 1.4, r - edge * 0.6, r - edge * 0.4),
                         border_radius=int(r * 0.18))
        body = pygame.Rect(0, 0, r - edge * 0.6, r - edge * 0.9)
        pygame.draw.rect(s, WOOD_EDGE if face_up else d.shade(WOOD_EDGE, 0.85), body.move(0, edge * 0.5),
                         border_radius=int(r * 0.18))
        top = body.inflate(-edge * 0.5, -edge * 0.6).move(0, -edge * 0.1)
        pygame.draw.rect(s, WOOD if face_up else d.shade(WOOD, 0.9), top, border_radius=int(r * 0.16))
        for i in range(4):   # a soft grain
            y = top.y + top.h * (0.18 + 0.22 * i)
            pygame.draw.arc(s, d.shade(WOOD, 0.93), pygame.Rect(top.x - top.w * 0.2, y - top.h * 0.08,
                            top.w * 1.4, top.h * 0.25), 0.2, math.pi - 0.2, max(1, k))
        shine = pygame.Rect(top.x + top.w * 0.12, top.y + edge * 0.35, top.w * 0.76, max(2, edge * 0.45))
        pygame.draw.rect(s, d.shade(WOOD, 1.3), shine, border_radius=int(edge * 0.25))
        if not face_up:
            c = top.center
            leaf = pygame.Rect(0, 0, top.w * 0.34, top.h * 0.5)
            leaf.center = c
            pygame.draw.ellipse(s, d.shade(d.GREEN, 0.9), leaf)
            pygame.draw.line(s, d.shade(d.GREEN, 0.6), (c[0], leaf.top + leaf.h * 0.1), (c[0], leaf.bottom + leaf.h * 0.15),
                             max(1, int(size * 0.03)) * k)
    img = d.smooth((size, size), paint)
    if face_up:
        glyph = d.text_surface(face, int(size * 0.62), ink_for(face), True)
        ink = glyph.get_bounding_rect()
        box = pygame.Rect(0, 0, size * 0.93, size * 0.88)
        target = ink.copy()
        target.center = (box.centerx, box.centery)
        img.blit(glyph, target, ink)
    return img


def tile_scaled(face: str, size: float, face_up: bool = True, width_factor: float = 1.0) -> pygame.Surface:
    """A tile at any size (rounded to 4 px steps so flights hit the cache), squeezed sideways while it flips."""
    size = max(8, int(size) // 4 * 4)
    img = tile(face, size, face_up)
    if width_factor < 0.99:
        img = pygame.transform.smoothscale(img, (max(2, int(size * width_factor)), size))
    return img


def empty_place(size: int) -> pygame.Surface:
    """A dashed outline where a picked letter will lie: how many are still to pick."""
    return _empty_place(max(8, int(size)))


@d.surface_cache
def _empty_place(size: int) -> pygame.Surface:
    def paint(s, k):
        r = pygame.Rect(0, 0, size * k, size * k).inflate(-8 * k, -8 * k)
        pygame.draw.rect(s, (255, 240, 210, 70), r, border_radius=int(size * 0.16) * k)
        steps = 28
        for i in range(0, steps, 2):
            a0, a1 = i / steps, (i + 1) / steps
            p0, p1 = _around(r, a0), _around(r, a1)
            pygame.draw.line(s, (255, 236, 200, 200), p0, p1, 3 * k)
    return d.smooth((size, size), paint)


def _around(r: pygame.Rect, t: float):
    """The point a fraction ``t`` of the way round rectangle ``r``'s edge."""
    per = 2 * (r.w + r.h)
    u = t * per
    if u < r.w:
        return (r.x + u, r.y)
    u -= r.w
    if u < r.h:
        return (r.right, r.y + u)
    u -= r.h
    if u < r.w:
        return (r.right - u, r.bottom)
    return (r.x, r.bottom - (u - r.w))


# -- the woven basket -------------------------------------------------------------------------------
def basket_opening(rect: pygame.Rect) -> pygame.Rect:
    """Where the tiles lie inside a basket drawn in ``rect``."""
    return pygame.Rect(rect.x + rect.w * 0.07, rect.y + rect.h * 0.07, rect.w * 0.86, rect.h * 0.64)


def basket(w: int, h: int, ribbon) -> pygame.Surface:
    """A woven wicker basket seen from the front and above: a braided rim round the opening where the
    tiles lie, over-and-under strands on the front wall, side handles, and a bow in the player's colour."""
    return _basket(int(w), int(h), tuple(ribbon))


@d.surface_cache
def basket_scaled(w: int, h: int, ribbon, base_w: int, base_h: int) -> pygame.Surface:
    """The basket at another size, scaled from the one painted ``base_w`` x ``base_h``: a few
    milliseconds, where painting the wicker at a new size takes about a tenth of a second."""
    return pygame.transform.smoothscale(basket(base_w, base_h, ribbon), (int(w), int(h)))


@d.surface_cache
def _basket(w: int, h: int, ribbon) -> pygame.Surface:
    img = _wicker(w, h).copy()
    bow = _bow(w, h, ribbon)
    img.blit(bow, (0, int(h * 0.7)))
    return img


@d.surface_cache
def _bow(w: int, h: int, ribbon) -> pygame.Surface:
    """The ribbon round the basket's front and its bow (the part that changes with the player)."""
    top = h * 0.7

    def paint(s, k):
        W, H = w * k, h * k
        bx, by = W * 0.5, H * 0.82 - top * k
        band = pygame.Rect(W * 0.09, by - H * 0.035, W * 0.82, H * 0.07)
        pygame.draw.rect(s, ribbon, band)
        pygame.draw.rect(s, d.shade(ribbon, 0.75), band, max(1, k))
        for side in (-1, 1):
            loop = [(bx, by), (bx + side * W * 0.07, by - H * 0.09), (bx + side * W * 0.08, by + H * 0.07)]
            pygame.draw.polygon(s, d.shade(ribbon, 1.15), loop)
            pygame.draw.polygon(s, d.shade(ribbon, 0.7), loop, max(1, k))
        pygame.draw.circle(s, d.shade(ribbon, 0.85), (bx, by), H * 0.035)
    return d.smooth((w, h - top), paint)


@d.surface_cache
def _wicker(w: int, h: int) -> pygame.Surface:
    """The basket itself, without its ribbon (the same for every player)."""
    def paint(s, k):
        W, H = w * k, h * k
        pygame.draw.ellipse(s, (0, 0, 0, 55), pygame.Rect(W * 0.08, H * 0.9, W * 0.84, H * 0.1))
        for side in (-1, 1):   # handles
            cx = W / 2 + side * W * 0.47
            pygame.draw.ellipse(s, WICKER_DARK, pygame.Rect(cx - W * 0.05, H * 0.12, W * 0.1, H * 0.36), int(H * 0.045))
        body = [(W * 0.02, H * 0.2), (W * 0.98, H * 0.2), (W * 0.9, H * 0.93), (W * 0.1, H * 0.93)]
        layer = pygame.Surface(s.get_size(), pygame.SRCALPHA)
        pygame.draw.polygon(layer, WICKER_DARK, body)
        rows = 14
        top, bottom = H * 0.2, H * 0.93
        rh = (bottom - top) / rows
        for row in range(rows):
            y = top + row * rh
            t = (row + 0.5) / rows
            left = W * (0.02 + 0.08 * t)
            right = W - left
            cols = 24
            cw = (right - left) / cols
            for col in range(-1, cols + 1):
                x = left + (col + (0.5 if row % 2 else 0)) * cw
                light = (row + col) % 2 == 0
                strand = pygame.Rect(x - cw * 0.06, y + rh * 0.06, cw * 1.12, rh * 0.88)
                pygame.draw.ellipse(layer, WICKER_LIGHT if light else WICKER, strand)
                pygame.draw.ellipse(layer, d.shade(WICKER_DARK, 0.9), strand, max(1, k))
                hl = strand.inflate(-strand.w * 0.45, -strand.h * 0.65).move(0, -strand.h * 0.14)
                pygame.draw.ellipse(layer, d.shade(WICKER_LIGHT, 1.3), hl)
        mask = pygame.Surface(s.get_size(), pygame.SRCALPHA)
        pygame.draw.polygon(mask, (255, 255, 255, 255), body)
        layer.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        s.blit(layer, (0, 0))
        for i in range(1, 12):   # the stakes between strands, shading towards the sides
            t = i / 12
            x0 = W * 0.02 + (W * 0.96) * t
            x1 = W * 0.1 + (W * 0.8) * t
            pygame.draw.line(s, (*d.shade(WICKER_DARK, 0.85), 90), (x0, H * 0.2), (x1, H * 0.93), max(1, k))
        opening = basket_opening(pygame.Rect(0, 0, W, H))
        pygame.draw.rect(s, INSIDE, opening.inflate(W * 0.02, H * 0.02), border_radius=int(H * 0.12))
        floor = opening.inflate(-W * 0.03, -H * 0.05).move(0, H * 0.02)
        pygame.draw.rect(s, d.shade(INSIDE, 1.2), floor, border_radius=int(H * 0.1))
        for i in range(1, 8):   # the woven floor inside
            y = floor.y + floor.h * i / 8
            pygame.draw.line(s, d.shade(INSIDE, 1.08), (floor.x + 12 * k, y), (floor.right - 12 * k, y), max(1, k))
        rim = opening.inflate(W * 0.05, H * 0.08)
        pygame.draw.rect(s, WICKER_DARK, rim, int(H * 0.06), border_radius=int(H * 0.16))
        pygame.draw.rect(s, WICKER, rim.inflate(-H * 0.015, -H * 0.015), int(H * 0.04), border_radius=int(H * 0.15))
        twists = 40
        for i in range(twists):   # the braid
            p = _around(rim.inflate(-H * 0.035, -H * 0.035), i / twists)
            pygame.draw.line(s, WICKER_LIGHT, (p[0] - H * 0.018, p[1] - H * 0.018), (p[0] + H * 0.018, p[1] + H * 0.018),
                             max(2, int(H * 0.014)))
    return d.smooth((w, h), paint)


def basket_slots(rect: pygame.Rect, count: int, size: int) -> list[pygame.Rect]:
    """Where ``count`` tiles of ``size`` px lie in a basket drawn in ``rect``: two rows (one for 5 or
    fewer). When two rows do not quite fit, the front row overlaps the back row's bottom edge (as tiles
    heaped in a basket do), never the letters."""
    opening = basket_opening(rect)
    rows = 1 if count <= 5 else 2
    per_row = -(-count // rows)
    gap_x = (opening.w - per_row * size) / (per_row + 1)
    gap_y = (opening.h - rows * size) / (rows + 1)
    if gap_y >= 2 or rows == 1:
        top, pitch = opening.y + gap_y, size + gap_y
    else:
        top, pitch = opening.y + 2, (opening.h - 4 - size) / (rows - 1)
    slots = []
    for i in range(count):
        row, col = divmod(i, per_row)
        r = pygame.Rect(0, 0, size, size)
        r.topleft = (opening.x + gap_x + col * (size + gap_x), top + row * pitch)
        slots.append(r)
    return slots


# -- the room ---------------------------------------------------------------------------------------
@d.surface_cache
def room() -> pygame.Surface:
    """The classroom: a warm wall, a shelf, and a round striped rug where the baskets stand."""
    from pygame import gfxdraw
    surf = d.background("wall").copy()
    cx, cy, rx, ry = d.W // 2, 640, d.W // 2 - 60, 210
    for i in range(6):   # anti-aliased rings, outermost first
        color = (120, 160, 200) if i == 0 else ((150, 186, 222) if i % 2 else (108, 146, 190))
        a, b = rx - i * 35, ry - i * 20
        gfxdraw.filled_ellipse(surf, cx, cy, a, b, color)
        gfxdraw.aaellipse(surf, cx, cy, a, b, color)
    surf.fill((214, 176, 128), (0, 412, d.W, 14))
    surf.fill((196, 156, 108), (0, 424, d.W, 3))
    return surf


def glow(w: int, h: int) -> pygame.Surface:
    """A soft yellow glow (behind a tile to find, or round the box while a tile is dragged)."""
    return _glow(int(w) // 8 * 8, int(h) // 8 * 8)


@d.surface_cache
def _glow(w: int, h: int) -> pygame.Surface:
    def paint(s, k):
        for i in range(6):
            pygame.draw.rect(s, (255, 224, 90, 40), pygame.Rect(i * 4 * k, i * 4 * k, (w - i * 8) * k, (h - i * 8) * k),
                             border_radius=int(min(w, h) * 0.25) * k)
    return d.smooth((w, h), paint)
