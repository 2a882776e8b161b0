"""Pictures for letter basketball: the classroom gym, crumpled paper balls, the paper sheet, the basket and net.

Everything still is painted once and cached; what moves each frame (the net, the sheet unfolding, the
ball) is a few polygons and lines, so a frame stays cheap.
"""
from __future__ import annotations

import math
import random

import pygame

from games.engine.core import draw as d

from .physics import Hoop

WALL = (214, 236, 222)
WALL_STRIPE = (176, 214, 196)
WOOD = (222, 172, 112)
HORIZON = 470          # where the wall meets the floor
PAPER_COLORS = [(255, 253, 246), (255, 243, 176), (206, 232, 255), (255, 214, 224), (214, 244, 206)]
TAPE = (70, 140, 230)
RIM = (236, 96, 40)
NET = (250, 250, 250)


# -- the room --------------------------------------------------------------------------------------------

@d.surface_cache
def gym(hoop: Hoop = Hoop()) -> pygame.Surface:
    """The classroom gym: a painted wall with a window and bunting, a wooden floor, the basket's pole and board."""
    surf = pygame.Surface((d.W, d.H))
    for y in range(HORIZON):
        t = y / HORIZON
        surf.fill([int(a * (1 - t) + b * t) for a, b in zip(d.shade(WALL, 1.15), WALL)], (0, y, d.W, 1))
    surf.fill(WALL_STRIPE, (0, HORIZON - 70, d.W, 26))
    surf.fill(d.shade(WOOD, 0.7), (0, HORIZON - 14, d.W, 14))          # skirting board
    for y in range(HORIZON, d.H):
        t = (y - HORIZON) / (d.H - HORIZON)
        surf.fill(d.shade(WOOD, 0.92 + 0.14 * t), (0, y, d.W, 1))
    _paint_floor(surf)
    # only the curved parts are painted smooth (3x and scaled down), each in its own small region
    for rect, painter in ((pygame.Rect(60, 40, 320, 310), _paint_window),
                          (pygame.Rect(0, 20, d.W, 100), _paint_bunting),
                          (pygame.Rect(hoop.board_x - 40, hoop.board_top - 40, d.W - hoop.board_x + 40,
                                       700 - hoop.board_top), lambda s, k, o: _paint_basket(s, k, o, hoop))):
        surf.blit(d.smooth(rect.size, lambda s, k: painter(s, k, rect.topleft)), rect.topleft)
    return surf.convert() if pygame.display.get_surface() else surf


def _paint_floor(surf):
    """Floor boards (rows taller toward the viewer, staggered joints) and a painted court arc."""
    rng = random.Random(5)
    line = d.shade(WOOD, 0.8)
    y = HORIZON
    while y < d.H:
        h = 16 + (y - HORIZON) * 0.16
        pygame.draw.line(surf, line, (0, y), (d.W, y))
        offset = rng.uniform(0, 300)
        for x in range(int(offset) - 300, d.W, 300):
            pygame.draw.line(surf, line, (x, y), (x, y + h))
        y += h
    arc = [(1210 + math.cos(a) * 450, 655 + math.sin(a) * 115) for a in [i * math.tau / 120 for i in range(121)]]
    for dy in (-2, -1, 0, 1, 2):
        pygame.draw.aalines(surf, (244, 222, 196), False, [(x, y + dy) for x, y in arc])


def _paint_window(s, k, o):
    def at(x, y):
        return ((x - o[0]) * k, (y - o[1]) * k)
    win = pygame.Rect(*at(90, 70), 260 * k, 250 * k)
    pygame.draw.rect(s, d.shade(WALL, 0.75), win.inflate(24 * k, 24 * k), border_radius=14 * k)
    pygame.draw.rect(s, d.SKY, win, border_radius=8 * k)
    for x, y, r in ((170, 150, 30), (205, 140, 38), (240, 155, 26)):   # a cloud
        pygame.draw.circle(s, d.WHITE, at(x, y), r * k)
    pygame.draw.line(s, d.WHITE, (win.centerx, win.top), (win.centerx, win.bottom), 8 * k)
    pygame.draw.line(s, d.WHITE, (win.left, win.centery), (win.right, win.centery), 8 * k)


def _paint_bunting(s, k, o):
    def at(x, y):
        return ((x - o[0]) * k, (y - o[1]) * k)
    pts = [at(x, 30 + 26 * math.sin(x / d.W * math.pi)) for x in range(0, d.W + 1, 20)]
    pygame.draw.lines(s, d.shade(WALL, 0.6), False, pts, 3 * k)
    for i, x in enumerate(range(40, d.W, 90)):
        top = 30 + 26 * math.sin(x / d.W * math.pi)
        pygame.draw.polygon(s, d.CANDY[i % len(d.CANDY)], [at(x, top), at(x + 56, top + 3), at(x + 28, top + 58)])


def _paint_basket(s, k, o, hoop: Hoop):
    """The basket's pole, arm and board (the rim and net move, so they are drawn each frame)."""
    def at(x, y):
        return ((x - o[0]) * k, (y - o[1]) * k)

    def box(x, y, w, h):
        return pygame.Rect(*at(x, y), w * k, h * k)
    base_x = hoop.board_x + 90
    pygame.draw.ellipse(s, (0, 0, 0, 45), box(base_x - 70, 600, 140, 36))
    pygame.draw.rect(s, (90, 98, 120), box(base_x - 14, hoop.board_top + 60, 28, 620 - hoop.board_top - 60),
                     border_radius=10 * k)
    pygame.draw.rect(s, (70, 76, 96), box(base_x - 60, 596, 120, 30), border_radius=12 * k)
    pygame.draw.rect(s, (90, 98, 120), box(hoop.board_x, hoop.board_top + 60, base_x - hoop.board_x, 22))
    # the board, seen a little from the side: its white face, its edge and the orange target square
    bx, top, bottom, skew, depth = hoop.board_x - 2, hoop.board_top, hoop.board_bottom, -22, 70
    face = [(bx, top), (bx + depth, top + skew), (bx + depth, bottom + skew), (bx, bottom)]
    pygame.draw.polygon(s, (0, 0, 0, 40), [at(x + 10, y + 10) for x, y in face])
    pygame.draw.polygon(s, (236, 240, 248), [at(x, y) for x, y in face])
    pygame.draw.polygon(s, (120, 130, 160), [at(x, y) for x, y in face], 3 * k)
    pygame.draw.line(s, (150, 160, 185), at(bx, top), at(bx, bottom), 6 * k)
    sq_top, sq_bottom = hoop.rim_y - 80, hoop.rim_y - 6
    square = [(bx + 14, sq_top - 4), (bx + depth - 14, sq_top - 4 + skew * 0.8),
              (bx + depth - 14, sq_bottom + skew * 0.8), (bx + 14, sq_bottom)]
    pygame.draw.polygon(s, RIM, [at(x, y) for x, y in square], 5 * k)
    pygame.draw.line(s, d.shade(RIM, 0.7), at(hoop.back_x - 4, hoop.rim_y), at(bx, hoop.rim_y - 16), 7 * k)


def tape_line(x: float) -> pygame.Surface:
    """A strip of blue tape on the floor where the thrower stands (cached per position)."""
    return _tape(int(round(x)))


@d.surface_cache
def _tape(x: int) -> pygame.Surface:
    def paint(s, k):
        # slanted a little, as if stuck down by hand; ends torn
        top, bottom = (22 * k, 0), (0, 120 * k)
        w = 26 * k
        pts = [top, (top[0] + w, top[1]), (bottom[0] + w, bottom[1]), bottom]
        pygame.draw.polygon(s, (0, 0, 0, 35), [(px + 4 * k, py + 4 * k) for px, py in pts])
        pygame.draw.polygon(s, TAPE, pts)
        for i in range(4):   # torn ends
            pygame.draw.circle(s, TAPE, (top[0] + (i + 0.5) * w / 4, top[1]), w / 8 + 1)
        pygame.draw.line(s, d.shade(TAPE, 1.35), (top[0] + 6 * k, 4 * k), (bottom[0] + 6 * k, bottom[1] - 4 * k), 3 * k)
    img = d.smooth((60, 130), paint)
    return img


TAPE_TOP = 580     # where the tape strip starts on the floor


# -- paper -----------------------------------------------------------------------------------------------

def paper_color(seed: int):
    return PAPER_COLORS[seed % len(PAPER_COLORS)]


@d.surface_cache
def paper_ball(char: str, radius: int, seed: int) -> pygame.Surface:
    """A crumpled paper ball with ``char`` printed on it: an uneven outline, lit facets and creases."""
    rng = random.Random(seed * 7919 + radius)
    color = paper_color(seed)
    size = radius * 2 + 16

    def paint(s, k):
        c = pygame.Vector2(size / 2, size / 2) * k
        n = 17
        outline = []
        for i in range(n):   # an uneven, dented silhouette
            a = i * math.tau / n + rng.uniform(-0.1, 0.1)
            rr = radius * (rng.uniform(0.8, 0.88) if rng.random() < 0.35 else rng.uniform(0.92, 1.0)) * k
            outline.append(c + pygame.Vector2(math.cos(a), math.sin(a)) * rr)
        pygame.draw.polygon(s, (0, 0, 0, 50), [p + pygame.Vector2(4, 7) * k for p in outline])
        pygame.draw.polygon(s, color, outline)
        # facets: many small overlapping planes of paper, each tilted to the light a little differently
        facets = pygame.Surface(s.get_size(), pygame.SRCALPHA)
        for _ in range(34):
            centre = c + pygame.Vector2(rng.uniform(-1, 1), rng.uniform(-1, 1)) * radius * 0.9 * k
            corners = [centre + pygame.Vector2(math.cos(a), math.sin(a)) * rng.uniform(0.18, 0.42) * radius * k
                       for a in (rng.uniform(0, 2.1), rng.uniform(2.1, 4.2), rng.uniform(4.2, 6.28))]
            pygame.draw.polygon(facets, d.shade(color, rng.uniform(0.8, 1.04)), corners)
            pygame.draw.line(facets, d.shade(color, 1.1), corners[0], corners[1], max(1, k))
        # the outline decides what is ball: everything outside it is cut away
        # roundness: a soft highlight at the top left and shade at the bottom right, kept inside the ball
        tint = pygame.Surface(s.get_size(), pygame.SRCALPHA)
        for i in range(6):
            r = radius * k * (1.0 - i * 0.12)
            pygame.draw.circle(tint, (20, 30, 60, 16), c + pygame.Vector2(0.45, 0.5) * radius * k * (i / 6 + 0.5), r)
        pygame.draw.circle(tint, (255, 255, 255, 60), c + pygame.Vector2(-0.35, -0.4) * radius * k, radius * 0.35 * k)
        mask = pygame.Surface(s.get_size(), pygame.SRCALPHA)
        pygame.draw.polygon(mask, (255, 255, 255, 255), outline)
        facets.blit(tint, (0, 0))
        facets.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
        s.blit(facets, (0, 0))
        for _ in range(10):   # creases, all inside the ball
            p = c + pygame.Vector2(rng.uniform(-1, 1), rng.uniform(-1, 1)) * radius * 0.55 * k
            q = p + pygame.Vector2(rng.uniform(-1, 1), rng.uniform(-1, 1)) * radius * 0.4 * k
            if (q - c).length() > radius * 0.78 * k:
                q = c + (q - c).normalize() * radius * 0.78 * k
            pygame.draw.line(s, d.shade(color, 0.7), p, q, max(1, k))
            pygame.draw.line(s, d.shade(color, 1.12), p + pygame.Vector2(0, 2 * k), q + pygame.Vector2(0, 2 * k), max(1, k))
        pygame.draw.polygon(s, d.shade(color, 0.62), outline, 2 * k)

    img = d.smooth((size, size), paint)
    # the printed letter, tilted a little as on a real crumpled sheet, but clear enough to read
    glyph = d.text_surface(char, int(radius * 1.25), (30, 40, 80), True)
    glyph = glyph.subsurface(glyph.get_bounding_rect())
    glyph = pygame.transform.rotozoom(glyph, rng.uniform(-10, 10), 1.0)
    glyph.set_alpha(235)
    img.blit(glyph, glyph.get_rect(center=(size / 2, size / 2 + 2)))
    return img


def sheet_outline(rect: pygame.Rect, crumple: float, seed: int) -> list[tuple[float, float]]:
    """The edge of a paper sheet in ``rect``: straight when flat (0), ragged when crumpled (1)."""
    rng = random.Random(seed)
    pts = []
    corners = [rect.topleft, rect.topright, rect.bottomright, rect.bottomleft]
    amp = crumple * min(rect.w, rect.h) * 0.16
    for i in range(4):
        a, b = pygame.Vector2(corners[i]), pygame.Vector2(corners[(i + 1) % 4])
        for j in range(6):
            p = a + (b - a) * (j / 6)
            p += pygame.Vector2(rng.uniform(-1, 1), rng.uniform(-1, 1)) * amp
            pts.append((p.x, p.y))
    return pts


def draw_sheet(surface, rect: pygame.Rect, crumple: float, seed: int) -> None:
    """A sheet of paper: flat with soft fold marks (crumple 0) up to a crushed ragged wad (crumple 1)."""
    color = paper_color(seed)
    outline = sheet_outline(rect, crumple, seed)
    pygame.draw.polygon(surface, (0, 0, 0, 40) if surface.get_flags() & pygame.SRCALPHA else d.shade(WOOD, 0.8),
                        [(x + 8, y + 10) for x, y in outline])
    pygame.draw.polygon(surface, d.shade(color, 1.0 - 0.12 * crumple), outline)
    rng = random.Random(seed + 1)
    # creases: the old fold lines stay faintly visible when the sheet is smoothed out
    crease = d.shade(color, 0.9 - 0.15 * crumple)
    for _ in range(5 + int(10 * crumple)):
        p = (rng.uniform(rect.left, rect.right), rng.uniform(rect.top, rect.bottom))
        q = (p[0] + rng.uniform(-0.4, 0.4) * rect.w, p[1] + rng.uniform(-0.4, 0.4) * rect.h)
        q = (min(max(q[0], rect.left), rect.right), min(max(q[1], rect.top), rect.bottom))
        pygame.draw.line(surface, crease, p, q, 2)
    if crumple > 0.05:   # shadowed facets grow as the paper crushes
        for i in range(0, len(outline), 3):
            a, b = outline[i], outline[(i + 2) % len(outline)]
            shade = d.shade(color, 0.95 - 0.2 * crumple * rng.random())
            pygame.draw.polygon(surface, shade, [rect.center, a, b])
    pygame.draw.polygon(surface, d.shade(color, 0.7), outline, 3)


# -- the basket ------------------------------------------------------------------------------------------

def rim_rect(hoop: Hoop) -> pygame.Rect:
    return pygame.Rect(hoop.front_x, hoop.rim_y - 14, hoop.back_x - hoop.front_x, 28)


def draw_rim_back(surface, hoop: Hoop) -> None:
    """The far half of the hoop (drawn before the ball, so a ball in the hoop sits inside it)."""
    pygame.draw.arc(surface, d.shade(RIM, 0.7), rim_rect(hoop), 0, math.pi, 6)


def draw_net_and_rim_front(surface, hoop: Hoop, t: float, stretch: float, sway: float) -> None:
    """The net hanging from the hoop (``stretch`` 0..1 pulls it long after a basket, ``sway`` swings it)
    and the near half of the hoop."""
    rim = rim_rect(hoop)
    depth = hoop.net_depth * (1 + 0.45 * stretch)
    strands = 9
    top, bottom = [], []
    for i in range(strands):
        a = math.pi * i / (strands - 1)              # along the near half of the hoop
        x = rim.centerx - math.cos(a) * rim.w / 2
        y = rim.centery + math.sin(a) * rim.h / 2
        top.append((x, y))
        wave = math.sin(t * 9 + i) * 6 * sway
        bx = rim.centerx + (x - rim.centerx) * 0.55 + wave
        bottom.append((bx, rim.centery + depth + math.sin(a) * 6))
    rows = 4
    grid = [[(tx + (bx - tx) * r / rows, ty + (by - ty) * r / rows) for (tx, ty), (bx, by) in zip(top, bottom)]
            for r in range(rows + 1)]
    for r in range(rows):   # criss-cross diamonds, like a real net
        for i in range(strands - 1):
            pygame.draw.aaline(surface, NET, grid[r][i], grid[r + 1][i + 1])
            pygame.draw.aaline(surface, NET, grid[r][i + 1], grid[r + 1][i])
    pygame.draw.aalines(surface, (225, 225, 235), False, grid[-1])
    pygame.draw.arc(surface, RIM, rim, math.pi, math.tau, 7)
    pygame.draw.circle(surface, d.shade(RIM, 0.8), (rim.left + 3, rim.centery), 5)


# -- the icon --------------------------------------------------------------------------------------------

def paint_icon(surface, rect: pygame.Rect) -> None:
    """A paper ball with a letter flying into a basket."""
    surface.blit(_icon(rect.w, rect.h), rect)


@d.surface_cache(shared=True)   # the launcher's card
def _icon(w: int, h: int) -> pygame.Surface:
    s = pygame.Surface((w, h), pygame.SRCALPHA)
    ball_at = (w * 0.2, h * 0.74)
    rim = pygame.Rect(0, 0, w * 0.34, h * 0.08)
    rim.center = (w * 0.66, h * 0.36)

    def paint(p, k):
        floor = pygame.Rect(0, h * 0.86 * k, w * k, h * 0.14 * k)
        pygame.draw.rect(p, d.shade(WOOD, 0.95), floor, border_radius=int(6 * k))
        board = pygame.Rect(w * 0.84 * k, h * 0.06 * k, w * 0.07 * k, h * 0.44 * k)
        pygame.draw.rect(p, d.WHITE, board, border_radius=4 * k)
        pygame.draw.rect(p, (120, 130, 160), board, 2 * k, border_radius=4 * k)
        r = pygame.Rect(rim.x * k, rim.y * k, rim.w * k, rim.h * k)
        depth = h * 0.2 * k
        for i in range(7):   # the net
            x = r.x + r.w * i / 6
            pygame.draw.line(p, NET, (x, r.centery), (r.centerx + (x - r.centerx) * 0.55, r.bottom + depth), 2 * k)
        pygame.draw.line(p, NET, (r.x + r.w * 0.22, r.bottom + depth), (r.right - r.w * 0.22, r.bottom + depth), 2 * k)
        pygame.draw.ellipse(p, RIM, r, 4 * k)
        pygame.draw.line(p, d.shade(RIM, 0.7), (r.right, r.centery), board.midleft, 3 * k)
        # the dotted arc of the throw, from the ball up and over into the hoop
        a, top, b = pygame.Vector2(ball_at), pygame.Vector2(w * 0.42, h * -0.02), pygame.Vector2(rim.center)
        for i in range(2, 10):
            t = i / 10
            q = a * (1 - t) ** 2 + top * 2 * t * (1 - t) + b * t * t
            pygame.draw.circle(p, (255, 255, 255, 235), q * k, 4.5 * k)
    s.blit(d.smooth((w, h), paint), (0, 0))
    ball = paper_ball("M", int(min(w, h) * 0.16), 1)
    s.blit(ball, ball.get_rect(center=ball_at))
    return s


# -- level pictures (the game start screen) ------------------------------------------------------

LEVEL_LETTERS = {False: "AMSTEROLIB", True: "bdpqbdpq"}   # look-alike levels show b d p q


def paint_level(surface, rect: pygame.Rect, level) -> None:
    """As many paper balls as the level has, on the floor under a basket; look-alike letters on harder ones."""
    n = level.options.get("balls", 3)
    letters = LEVEL_LETTERS[bool(level.options.get("look_alikes"))]
    # the basket in the top corner
    rim = pygame.Rect(0, 0, rect.w * 0.3, rect.h * 0.09)
    rim.topright = (rect.right - rect.w * 0.12, rect.y + rect.h * 0.14)
    board = pygame.Rect(rim.right + 2, rect.y, rect.w * 0.06, rect.h * 0.36)
    pygame.draw.rect(surface, d.WHITE, board, border_radius=3)
    pygame.draw.rect(surface, (120, 130, 160), board, 2, border_radius=3)
    for i in range(6):
        x = rim.x + rim.w * i / 5
        bottom = (rim.centerx + (x - rim.centerx) * 0.55, rim.bottom + rect.h * 0.14)
        pygame.draw.line(surface, NET, (x, rim.centery), bottom, 2)
    pygame.draw.ellipse(surface, RIM, rim, 4)
    floor = pygame.Rect(rect.x, rect.bottom - rect.h * 0.16, rect.w, rect.h * 0.16)
    pygame.draw.rect(surface, d.shade(WOOD, 0.95), floor, border_radius=6)
    # the balls: one row, or two when there are many
    per_row = n if n <= 4 else (n + 1) // 2
    rows = -(-n // per_row)
    radius = int(min(rect.w / (per_row * 2.3), rect.h * (0.2 if rows == 1 else 0.15)))
    for i in range(n):
        row, col = divmod(i, per_row)
        in_row = min(per_row, n - row * per_row)
        x = rect.centerx - rect.w * 0.08 + (col - (in_row - 1) / 2) * radius * 2.15
        y = floor.top + radius * 0.2 - row * radius * 1.75
        ball = paper_ball(letters[i], radius, i + 1)
        surface.blit(ball, ball.get_rect(center=(x, y)))
