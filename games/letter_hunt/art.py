"""Pictures for letter hunt: wooden letter tiles, the players' woven baskets, the big letter box,
the caller's cards (patterned backs, letter faces) and the deck, the answer buttons, the room, the
game icon and the level pictures.

Everything is painted once at 3x (``draw.smooth``) and cached by size; the scene only blits, and
scales a card's width while it flips.
"""
from __future__ import annotations

import math

import pygame

from games.engine import draw as d
from games.engine.tracepad import draw_pencil

WICKER = (214, 166, 100)
WICKER_DARK = (166, 116, 62)
WICKER_LIGHT = (236, 196, 132)
INSIDE = (112, 72, 38)
WOOD = (232, 196, 140)
WOOD_EDGE = (190, 142, 84)
CRATE = (196, 136, 76)
CARD_BACK = (54, 92, 180)
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


# -- the big letter box -----------------------------------------------------------------------------
def box_parts(rect: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
    """The box's open top (where tiles drop in) and its front panel, for a box drawn in ``rect``."""
    top = pygame.Rect(rect.x, rect.y + int(rect.h * 0.16), rect.w, int(rect.h * 0.3))
    front = pygame.Rect(rect.x, rect.y + int(rect.h * 0.36), rect.w, rect.h - int(rect.h * 0.36))
    return top, front


@d.surface_cache
def box_back(w: int, h: int) -> pygame.Surface:
    """The back of the letter box: its inside and the two open lid flaps (drawn behind falling tiles)."""
    def paint(s, k):
        W, H = w * k, h * k
        top, _ = box_parts(pygame.Rect(0, 0, W, H))
        for side in (-1, 1):   # lid flaps, open
            x = W / 2 + side * W * 0.5
            x = W / 2 + side * W * 0.46
            flap = [(x, top.y + H * 0.04), (x + side * W * 0.05, top.y - H * 0.14),
                    (x - side * W * 0.22, top.y - H * 0.15), (x - side * W * 0.26, top.y + H * 0.04)]
            pygame.draw.polygon(s, d.shade(CRATE, 1.12), flap)
            pygame.draw.polygon(s, d.shade(CRATE, 0.75), flap, 2 * k)
        back = pygame.Rect(top.x + W * 0.04, top.y, top.w - W * 0.08, top.h)
        pygame.draw.rect(s, d.shade(CRATE, 0.85), back, border_radius=int(H * 0.04))
        inside = back.inflate(-W * 0.05, -H * 0.05).move(0, H * 0.03)
        pygame.draw.rect(s, (74, 46, 26), inside, border_radius=int(H * 0.03))
        for i in range(5):   # tiles already in the box, peeking out
            t = pygame.Rect(0, 0, H * 0.13, H * 0.13)
            t.center = (inside.x + inside.w * (0.15 + 0.18 * i), inside.bottom - H * 0.01 - (i % 2) * H * 0.03)
            pygame.draw.rect(s, d.shade(WOOD, 0.8), t, border_radius=int(H * 0.03))
    return d.smooth((w, h), paint)


@d.surface_cache
def box_front(w: int, h: int) -> pygame.Surface:
    """The box's wooden front: planks, nails and A B C painted in colour."""
    def paint(s, k):
        W, H = w * k, h * k
        _, front = box_parts(pygame.Rect(0, 0, W, H))
        pygame.draw.rect(s, (0, 0, 0, 60), front.move(0, H * 0.025), border_radius=int(H * 0.05))
        pygame.draw.rect(s, d.shade(CRATE, 0.8), front, border_radius=int(H * 0.05))
        inner = front.inflate(-W * 0.02, -H * 0.03)
        planks = 3
        ph = inner.h / planks
        for i in range(planks):
            p = pygame.Rect(inner.x, inner.y + i * ph + k, inner.w, ph - 2 * k)
            pygame.draw.rect(s, d.shade(CRATE, 1.0 + 0.05 * (i % 2)), p, border_radius=int(H * 0.03))
            for j in range(3):   # grain
                y = p.y + p.h * (0.3 + 0.25 * j)
                pygame.draw.line(s, d.shade(CRATE, 0.92), (p.x + p.w * (0.05 + 0.1 * j), y),
                                 (p.x + p.w * (0.55 + 0.12 * j), y + (j - 1) * 2 * k), max(1, k))
            pygame.draw.line(s, d.shade(CRATE, 1.2), (p.x + 8 * k, p.y + 3 * k), (p.right - 8 * k, p.y + 3 * k), max(1, k))
        for x in (inner.x + W * 0.04, inner.right - W * 0.04):   # corner posts and nails
            pygame.draw.rect(s, d.shade(CRATE, 0.72), pygame.Rect(x - W * 0.025, front.y, W * 0.05, front.h),
                             border_radius=int(W * 0.015))
            for i in range(planks):
                pygame.draw.circle(s, (90, 90, 100), (x, inner.y + (i + 0.5) * ph), H * 0.015)
    img = d.smooth((w, h), paint)
    _, front = box_parts(pygame.Rect(0, 0, w, h))
    letters = "ABC"
    for i, ch in enumerate(letters):   # painted letters, a little tilted
        glyph = d.text_surface(ch, int(front.h * 0.5), LETTER_INKS[i * 2 % len(LETTER_INKS)], True)
        glyph = pygame.transform.rotozoom(glyph, (i - 1) * -8, 1.0)
        img.blit(glyph, glyph.get_rect(center=(front.x + front.w * (0.3 + 0.2 * i), front.centery + 4)))
    return img


# -- the caller's cards -----------------------------------------------------------------------------
@d.surface_cache
def card_back(w: int, h: int) -> pygame.Surface:
    """The back of a caller's card: deep blue with a gold border and a field of little stars."""
    def paint(s, k):
        W, H = w * k, h * k
        r = int(min(W, H) * 0.1)
        pygame.draw.rect(s, (0, 0, 0, 50), pygame.Rect(3 * k, 6 * k, W - 3 * k, H - 6 * k), border_radius=r)
        body = pygame.Rect(0, 0, W - 4 * k, H - 6 * k)
        pygame.draw.rect(s, d.WHITE, body, border_radius=r)
        inner = body.inflate(-W * 0.08, -W * 0.08)
        pygame.draw.rect(s, CARD_BACK, inner, border_radius=int(r * 0.7))
        pygame.draw.rect(s, d.GOLD, inner.inflate(-W * 0.06, -W * 0.06), max(2, int(W * 0.015)), border_radius=int(r * 0.5))
        rows, cols = 5, 3
        for i in range(rows):
            for j in range(cols):
                cx = inner.x + inner.w * (j + 0.5 + (0.5 if i % 2 else 0) - (0.25 if i % 2 else 0)) / cols
                cy = inner.y + inner.h * (i + 0.5) / rows
                rr = W * 0.06
                pygame.draw.polygon(s, d.shade(CARD_BACK, 1.45), d.star_points(cx, cy, rr, rr * 0.45))
    return d.smooth((w, h), paint)


@d.surface_cache
def card_face(w: int, h: int, face: str) -> pygame.Surface:
    """A called card, face up: the letter big in its colour, small in two corners, like a playing card."""
    def paint(s, k):
        W, H = w * k, h * k
        r = int(min(W, H) * 0.1)
        pygame.draw.rect(s, (0, 0, 0, 50), pygame.Rect(3 * k, 6 * k, W - 3 * k, H - 6 * k), border_radius=r)
        body = pygame.Rect(0, 0, W - 4 * k, H - 6 * k)
        pygame.draw.rect(s, d.shade(d.CREAM, 1.02), body, border_radius=r)
        pygame.draw.rect(s, d.shade(ink_for(face), 1.55), body.inflate(-W * 0.07, -W * 0.07), max(2, int(W * 0.02)),
                         border_radius=int(r * 0.7))
    img = d.smooth((w, h), paint)
    if face:
        d.draw_glyph(img, face, int(h * 0.55), (w / 2 - 2, h / 2 - 3), ink_for(face))
        for cx, cy in ((w * 0.16, h * 0.12), (w * 0.8, h * 0.86)):
            d.draw_glyph(img, face, int(h * 0.12), (cx, cy), d.shade(ink_for(face), 0.9))
    return img


def card_picture_face(w: int, h: int, picture) -> pygame.Surface:
    """A called card showing a picture (the sounds variant) instead of a letter."""
    img = card_face(w, h, "").copy()
    pic = pygame.transform.smoothscale(picture, (int(w * 0.7), int(w * 0.7 * picture.get_height() / max(1, picture.get_width()))))
    img.blit(pic, pic.get_rect(center=(w / 2, h / 2)))
    return img


def draw_deck(surface, rect: pygame.Rect, cards: int) -> None:
    """The caller's deck: a pile of card backs, taller while more letters are still to be called."""
    back = card_back(rect.w, rect.h)
    for i in range(min(cards, 7)):
        surface.blit(back, (rect.x - i * 2, rect.y - i * 3))


# -- buttons' pictures ------------------------------------------------------------------------------
def paint_not_in_basket(surface, rect: pygame.Rect) -> None:
    """An empty basket and a letter tile crossed out above it: "my basket has none"."""
    b = pygame.Rect(0, 0, rect.w * 0.8, rect.h * 0.48)
    b.midbottom = (rect.centerx, rect.bottom - rect.h * 0.06)
    surface.blit(basket(b.w, b.h, d.shade(d.RED, 1.2)), b)
    size = int(rect.h * 0.38)
    t = tile_scaled("?", size)
    spot = t.get_rect(center=(rect.centerx, rect.y + rect.h * 0.3))
    surface.blit(t, spot)
    pygame.draw.circle(surface, d.RED, spot.center, size * 0.62, max(4, size // 10))
    off = size * 0.62 * 0.7
    pygame.draw.line(surface, d.RED, (spot.centerx - off, spot.centery + off), (spot.centerx + off, spot.centery - off),
                     max(4, size // 10))


def paint_pick_for_me(surface, rect: pygame.Rect) -> None:
    """A rolling die over a basket: "choose for me, at random"."""
    b = pygame.Rect(0, 0, rect.w * 0.8, rect.h * 0.48)
    b.midbottom = (rect.centerx, rect.bottom - rect.h * 0.06)
    surface.blit(basket(b.w, b.h, d.shade(d.GREEN, 1.2)), b)
    surface.blit(_die(int(rect.h * 0.42)), _die(int(rect.h * 0.42)).get_rect(center=(rect.centerx, rect.y + rect.h * 0.3)))


@d.surface_cache
def _die(size: int) -> pygame.Surface:
    def paint(s, k):
        S = size * k
        body = pygame.Rect(S * 0.08, S * 0.08, S * 0.84, S * 0.84)
        pygame.draw.rect(s, (0, 0, 0, 60), body.move(3 * k, 5 * k), border_radius=int(S * 0.18))
        pygame.draw.rect(s, d.WHITE, body, border_radius=int(S * 0.18))
        pygame.draw.rect(s, d.shade(d.WHITE, 0.8), body, 2 * k, border_radius=int(S * 0.18))
        for px, py in ((0.3, 0.3), (0.7, 0.3), (0.5, 0.5), (0.3, 0.7), (0.7, 0.7)):
            pygame.draw.circle(s, d.RED, (S * px, S * py), S * 0.08)
    return pygame.transform.rotate(d.smooth((size, size), paint), 12)


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
    return _glow(int(w) // 8 * 8, int(h) // 8 * 8)


@d.surface_cache
def _glow(w: int, h: int) -> pygame.Surface:
    def paint(s, k):
        for i in range(6):
            pygame.draw.rect(s, (255, 224, 90, 40), pygame.Rect(i * 4 * k, i * 4 * k, (w - i * 8) * k, (h - i * 8) * k),
                             border_radius=int(min(w, h) * 0.25) * k)
    return d.smooth((w, h), paint)


# -- launcher icon and level pictures ---------------------------------------------------------------
def paint_icon(surface, rect: pygame.Rect) -> None:
    """A woven basket of letter tiles, with one called card held up behind it."""
    surface.blit(_icon(rect.w, rect.h), rect)


@d.surface_cache(shared=True)
def _icon(w: int, h: int) -> pygame.Surface:
    s = pygame.Surface((w, h), pygame.SRCALPHA)
    cw, ch = int(w * 0.36), int(h * 0.48)
    card = pygame.transform.rotate(card_face(cw, ch, "B"), 10)
    s.blit(card, card.get_rect(center=(w * 0.68, h * 0.3)))
    b = pygame.Rect(0, 0, int(w * 0.92), int(h * 0.55))
    b.midbottom = (w / 2, h)
    s.blit(basket(b.w, b.h, d.ORANGE), b)
    for face, slot in zip("aBm", basket_slots(b, 3, int(b.h * 0.56))):
        s.blit(tile(face, slot.w), slot)
    return s


def paint_level(surface, rect: pygame.Rect, level) -> None:
    """A basket holding the level's 5 or 10 tiles; face down with a pencil when they must be remembered and written."""
    count = level.options.get("letters", 5)
    write = level.options.get("write", False)
    area = rect.copy()
    if write:
        area.w = int(rect.w * 0.78)
    b = pygame.Rect(0, 0, area.w, min(area.h, int(area.w * 0.62)))
    b.center = area.center
    surface.blit(basket(b.w, b.h, d.shade(d.BLUE, 1.2)), b)
    size = int(basket_opening(b).h * (0.78 if count <= 5 else 0.42))
    size = min(size, int(basket_opening(b).w / (min(count, 5) + 0.8)))
    for i, slot in enumerate(basket_slots(b, count, size)):
        surface.blit(tile("abcdefghij"[i], size, not write), slot)
    if write:
        draw_pencil(surface, (rect.right - rect.w * 0.22, rect.bottom - rect.h * 0.1), size=int(rect.h * 0.8))
