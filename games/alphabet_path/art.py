"""Pictures for the alphabet path: the meadow with its winding road of numbered letter stones, trees,
a pond and the finish flag; the die; the players' mats and chips; the game icon and level pictures.

Everything is painted once and cached; the scene only blits. The road's shape is plain geometry
(``road_layout``), shared by the pictures, the scene's tap targets and the tests.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import lru_cache

import pygame

from games.engine.core import draw as d

BOARD = pygame.Rect(0, 110, 900, 690)       # (y 706+ is the caption bar's when the voice speaks)       # the meadow the road winds through
SIDE = pygame.Rect(900, 0, 380, 800)        # the die and the mats
GRASS = (136, 198, 92)
GRASS_DARK = (104, 170, 70)
SAND = (236, 212, 160)
SAND_EDGE = (198, 164, 108)
STONE = (226, 222, 214)
STONE_DARK = (170, 162, 150)
WATER = (92, 170, 226)
FIND_GOLD = (255, 214, 90)
PIP_OFF = (214, 218, 228)


@dataclass(frozen=True)
class RoadLayout:
    centres: tuple            # each stone's centre, in road order
    radius: int               # a stone's radius (its tap target is at least 96 px across)
    path: tuple               # the road's middle line, start meadow to flag, as points
    start: tuple              # where the pieces wait before the first stone
    flag: tuple               # the finish flag's foot


@lru_cache(maxsize=4)
def road_layout(stones: int) -> RoadLayout:
    """A road of ``stones`` stones winding up the meadow in long runs joined by round bends:
    left to right at the bottom, back, and on again, ending at the flag near the top."""
    few = stones <= 16
    spacing = 134 if few else 105
    radius = 58 if few else 49
    gap = 200 if few else 150               # between two runs of the road
    bend = gap / 2
    left = round(bend + radius + 12)        # the bends' stones stay whole on the meadow
    right = BOARD.right - left
    bottom = 640                            # the caption bar below never hides a stone
    need = (stones + 1.2) * spacing
    path = []
    y, going_right, length = bottom, True, 0.0
    row = 0
    while length < need + spacing:
        xs = range(left, right + 1, 10) if going_right else range(right, left - 1, -10)
        for x in xs:   # a long run, gently wavy so it reads as a path, not a ruler
            path.append((x, y + 10 * math.sin((x - left) / 110 + row)))
        cx = right if going_right else left
        side = 1 if going_right else -1
        for i in range(1, 18):   # the round bend up to the next run
            a = math.pi / 2 - i * math.pi / 18
            path.append((cx + side * bend * math.cos(a), y - bend + bend * math.sin(a)))
        y -= gap
        going_right = not going_right
        row += 1
        length = _length(path)
    # stones sit along the line at equal steps, after the start meadow
    points, total = _resample(path, spacing)
    first = 1
    centres = tuple(points[first:first + stones])
    end_index = first + stones
    flag = points[end_index] if end_index < len(points) else points[-1]
    cut = _nearest_index(path, flag)
    return RoadLayout(centres, radius, tuple(path[:cut + 1]), points[0], flag)


def _length(path) -> float:
    return sum(math.dist(a, b) for a, b in zip(path, path[1:]))


def _resample(path, step):
    """Points every ``step`` pixels along ``path`` (starting at its first point)."""
    out, carry = [path[0]], 0.0
    for a, b in zip(path, path[1:]):
        seg = math.dist(a, b)
        pos = step - carry
        while pos <= seg:
            k = pos / seg
            out.append((round(a[0] + (b[0] - a[0]) * k), round(a[1] + (b[1] - a[1]) * k)))
            pos += step
        carry = seg - (pos - step)
    return out, _length(path)


def _nearest_index(path, point) -> int:
    return min(range(len(path)), key=lambda i: math.dist(path[i], point))


# -- the meadow --------------------------------------------------------------------------------------
@d.surface_cache
def meadow(stones: int) -> pygame.Surface:
    """The whole background for a road of ``stones``: sky, meadow, road, pond, trees, flowers, the
    start arch and the finish flag, and the side table for the die and the mats."""
    layout = road_layout(stones)
    surf = pygame.Surface((d.W, d.H))
    for y in range(d.H):   # sky above, grass below
        if y < BOARD.y + 10:
            t = y / (BOARD.y + 10)
            col = [int(a + (b - a) * t) for a, b in zip((170, 216, 250), (224, 242, 255))]
        else:
            t = (y - BOARD.y) / BOARD.h
            col = [int(a + (b - a) * t) for a, b in zip((150, 208, 104), GRASS_DARK)]
        surf.fill(col, (0, y, SIDE.x, 1))
    rng = random.Random(stones)     # the same meadow every time for this road

    def paint(s, k):
        # far hills along the horizon
        for cx, r, col in ((120, 260, (160, 214, 120)), (520, 330, (150, 206, 112)), (860, 240, (160, 214, 120))):
            pygame.draw.circle(s, col, (cx * k, (BOARD.y + r - 40) * k), r * k)
        for cx, cy, r in ((260, 44, 26), (300, 36, 34), (338, 48, 24), (640, 58, 22), (672, 50, 30), (706, 60, 20)):
            pygame.draw.circle(s, (255, 255, 255, 235), (cx * k, cy * k), r * k)
        # grass tufts
        for _ in range(140):
            x, y = rng.uniform(10, SIDE.x - 10), rng.uniform(BOARD.y + 30, BOARD.bottom - 6)
            for dx in (-4, 0, 4):
                pygame.draw.line(s, (96, 160, 66), (x * k, y * k), ((x + dx) * k, (y - 9) * k), 2 * k)
        # the road: a sandy band with a darker edge, under the stones
        pts = [(x * k, y * k) for x, y in layout.path]
        width = int(layout.radius * 2.15)
        _thick_line(s, (0, 0, 0, 40), [(x, y + 6 * k) for x, y in pts], (width + 6) * k)
        _thick_line(s, SAND_EDGE, pts, (width + 8) * k)
        _thick_line(s, SAND, pts, width * k)
        for x, y in layout.path[::7]:   # little pebbles in the sand
            ox, oy = rng.uniform(-width / 2.6, width / 2.6), rng.uniform(-6, 6)
            pygame.draw.circle(s, d.shade(SAND_EDGE, 1.15), ((x + ox) * k, (y + oy) * k), rng.uniform(2, 4) * k)
    surf.blit(d.smooth((SIDE.x, d.H), paint, scale=2), (0, 0))
    for item in _scenery(stones):
        kind, x, y, size = item
        img = {"tree": tree, "pond": pond, "flowers": flowers, "bush": bush}[kind](size)
        surf.blit(img, img.get_rect(midbottom=(x, y)) if kind != "pond" else img.get_rect(center=(x, y)))
    arch = start_arch(layout.radius)
    surf.blit(arch, arch.get_rect(midbottom=(layout.start[0], layout.start[1] + layout.radius + 8)))
    fl = flag(int(layout.radius * 2.4))
    surf.blit(fl, fl.get_rect(midbottom=(layout.flag[0] + 10, layout.flag[1] + 24)))
    side = table(SIDE.w, SIDE.h)
    surf.blit(side, SIDE.topleft)
    return surf.convert() if pygame.display.get_surface() else surf


def _thick_line(s, color, pts, width):
    """A round-capped thick line through ``pts`` (circles at the joints, so the bends stay round)."""
    if len(pts) < 2:
        return
    layer = s if len(color) == 3 else pygame.Surface(s.get_size(), pygame.SRCALPHA)
    pygame.draw.lines(layer, color, False, pts, int(width))
    for p in pts:
        pygame.draw.circle(layer, color, p, width / 2)
    if layer is not s:
        s.blit(layer, (0, 0))


@lru_cache(maxsize=4)
def _scenery(stones: int) -> tuple:
    """Where the trees, bushes, flowers and the pond stand: in the meadow, clear of the road."""
    layout = road_layout(stones)
    rng = random.Random(stones * 7 + 1)
    keep_off = [*layout.path[::3], layout.flag, layout.start]
    clear = layout.radius * 1.35
    placed = []

    def free(x, y, r):
        return all(math.dist((x, y), p) > clear + r for p in keep_off) and \
            all(math.dist((x, y), (px, py)) > r + pr for _, px, py, pr in placed)

    # the pond: in the biggest open spot between two runs
    best = max(((x, y) for x in range(180, 760, 20) for y in range(BOARD.y + 120, BOARD.bottom - 60, 20)),
               key=lambda p: min(math.dist(p, q) for q in keep_off))
    placed.append(("pond", best[0], best[1], 70))
    tries = 0
    while tries < 900 and len(placed) < 40:
        tries += 1
        kind = rng.choice(("tree", "tree", "bush", "flowers", "flowers"))
        size = {"tree": rng.randint(70, 96), "bush": rng.randint(44, 60), "flowers": rng.randint(30, 40)}[kind]
        x, y = rng.uniform(30, SIDE.x - 30), rng.uniform(BOARD.y + size * 0.9, BOARD.bottom - 6)
        if free(x, y - size * 0.4, size * 0.45):
            placed.append((kind, x, y, size))
    pond_item = placed[0]
    rest = sorted(placed[1:], key=lambda it: it[2])   # back to front
    out = [("pond", pond_item[1], pond_item[2], 150)]
    out += [(kind, round(x), round(y), size) for kind, x, y, size in rest]
    return tuple(out)


@d.surface_cache
def tree(size: int) -> pygame.Surface:
    """A round leafy tree: trunk, three shades of green, a light side and a few apples."""
    def paint(s, k):
        w, h = size * k, size * 1.3 * k
        pygame.draw.ellipse(s, (0, 0, 0, 45), (w * 0.2, h - 12 * k, w * 0.6, 12 * k))
        pygame.draw.rect(s, d.BROWN, (w * 0.44, h * 0.5, w * 0.12, h * 0.46), border_radius=int(4 * k))
        pygame.draw.rect(s, d.shade(d.BROWN, 0.8), (w * 0.52, h * 0.5, w * 0.04, h * 0.46))
        for (fx, fy, fr, col) in ((0.32, 0.42, 0.27, (70, 140, 60)), (0.68, 0.42, 0.27, (70, 140, 60)),
                                  (0.5, 0.28, 0.32, (84, 160, 70)), (0.38, 0.33, 0.2, (112, 186, 88)),
                                  (0.62, 0.48, 0.22, (84, 160, 70))):
            pygame.draw.circle(s, col, (w * fx, h * fy), w * fr)
        pygame.draw.circle(s, (150, 210, 120), (w * 0.38, h * 0.22), w * 0.1)
        for ax, ay in ((0.3, 0.48), (0.66, 0.36), (0.54, 0.56)):
            pygame.draw.circle(s, d.RED, (w * ax, h * ay), w * 0.04)
    return d.smooth((size, size * 1.3), paint)


@d.surface_cache
def bush(size: int) -> pygame.Surface:
    def paint(s, k):
        w, h = size * k, size * 0.7 * k
        pygame.draw.ellipse(s, (0, 0, 0, 40), (w * 0.1, h - 8 * k, w * 0.8, 8 * k))
        for fx, fy, fr, col in ((0.3, 0.6, 0.28, (66, 140, 64)), (0.7, 0.6, 0.28, (66, 140, 64)),
                                (0.5, 0.45, 0.32, (88, 164, 76)), (0.42, 0.38, 0.14, (126, 196, 100))):
            pygame.draw.circle(s, col, (w * fx, h * fy), w * fr)
    return d.smooth((size, size * 0.7), paint)


@d.surface_cache
def flowers(size: int) -> pygame.Surface:
    """A little clump of flowers: stems, leaves and round petals round a yellow middle."""
    def paint(s, k):
        w, h = size * k, size * k
        for i, (fx, col) in enumerate(((0.25, d.PINK), (0.55, (255, 255, 255)), (0.8, d.PURPLE))):
            top = h * (0.3 + 0.12 * (i % 2))
            pygame.draw.line(s, (70, 140, 60), (w * fx, h), (w * fx, top), int(2 * k))
            for a in range(5):
                ang = a * math.tau / 5
                pygame.draw.circle(s, col, (w * fx + math.cos(ang) * w * 0.08, top + math.sin(ang) * w * 0.08), w * 0.07)
            pygame.draw.circle(s, d.YELLOW, (w * fx, top), w * 0.05)
    return d.smooth((size, size), paint)


@d.surface_cache
def pond(size: int) -> pygame.Surface:
    """A pond with a reedy bank, a shine on the water and two lily pads (one with a flower)."""
    def paint(s, k):
        w, h = size * k, size * 0.62 * k
        pygame.draw.ellipse(s, (120, 170, 90), (0, 0, w, h))
        pygame.draw.ellipse(s, WATER, (w * 0.05, h * 0.08, w * 0.9, h * 0.84))
        pygame.draw.ellipse(s, d.shade(WATER, 0.85), (w * 0.05, h * 0.4, w * 0.9, h * 0.52))
        pygame.draw.ellipse(s, (200, 232, 255), (w * 0.22, h * 0.22, w * 0.3, h * 0.1))
        for lx, ly, r in ((0.66, 0.58, 0.09), (0.32, 0.66, 0.07)):
            c = (w * lx, h * ly)
            pygame.draw.circle(s, (70, 150, 70), c, w * r)
            pygame.draw.polygon(s, d.shade(WATER, 0.85), [c, (c[0] + w * r, c[1] - w * r * 0.3), (c[0] + w * r, c[1] + w * r * 0.3)])
        pygame.draw.circle(s, d.PINK, (w * 0.64, h * 0.54), w * 0.03)
        for rx in (0.08, 0.12, 0.9):   # reeds
            pygame.draw.line(s, (80, 130, 60), (w * rx, h * 0.6), (w * rx, h * 0.05), int(3 * k))
            pygame.draw.ellipse(s, d.BROWN, (w * rx - 4 * k, h * 0.02, 8 * k, h * 0.2))
    return d.smooth((size, size * 0.62), paint)


@d.surface_cache
def start_arch(radius: int) -> pygame.Surface:
    """The start: a little wooden arch with a green pennant."""
    size = int(radius * 2.6)

    def paint(s, k):
        w, h = size * k, size * k
        for x in (0.12, 0.82):
            pygame.draw.rect(s, d.BROWN, (w * x, h * 0.25, w * 0.07, h * 0.75), border_radius=int(3 * k))
        pygame.draw.arc(s, d.shade(d.BROWN, 1.2), (w * 0.12, h * 0.02, w * 0.77, h * 0.5), 0, math.pi, int(8 * k))
        pygame.draw.polygon(s, d.GREEN, [(w * 0.45, h * 0.05), (w * 0.45, h * 0.25), (w * 0.62, h * 0.15)])
    return d.smooth((size, size), paint)


@d.surface_cache
def flag(size: int) -> pygame.Surface:
    """The finish flag: a chequered flag on a pole, on a little mound."""
    def paint(s, k):
        w, h = size * 0.8 * k, size * k
        pygame.draw.ellipse(s, (96, 160, 66), (w * 0.05, h * 0.88, w * 0.6, h * 0.12))
        pygame.draw.rect(s, (120, 110, 100), (w * 0.3, h * 0.05, w * 0.05, h * 0.88), border_radius=int(3 * k))
        pygame.draw.circle(s, d.GOLD, (w * 0.325, h * 0.05), w * 0.05)
        cols, rows = 4, 3
        fw, fh = w * 0.6, h * 0.36
        for r in range(rows):
            for c in range(cols):
                wave = math.sin(c / cols * math.pi) * h * 0.03
                col = d.INK if (r + c) % 2 == 0 else d.WHITE
                pygame.draw.rect(s, col, (w * 0.35 + c * fw / cols, h * 0.08 + r * fh / rows + wave,
                                          fw / cols + 1, fh / rows + 1))
    return d.smooth((size * 0.8, size), paint)


@d.surface_cache
def table(w: int, h: int) -> pygame.Surface:
    """The side table the die and the mats lie on: warm wood with planks and a soft edge."""
    surf = pygame.Surface((w, h))
    wood = (222, 184, 135)
    for x in range(w):
        surf.fill(d.shade(wood, 0.96 + 0.04 * math.sin(x / 9) * math.sin(x / 31)), (x, 0, 1, h))
    for y in range(0, h, 130):
        surf.fill(d.shade(wood, 0.85), (0, y, w, 2))
    surf.fill(d.shade(wood, 0.7), (0, 0, 6, h))
    return surf


# -- stones, pieces, the die, the mats -------------------------------------------------------------
@d.surface_cache
def stone(face: str, radius: int, kind: str = "letter", number: int = 0) -> pygame.Surface:
    """A round stepping stone with its letter and a little number tag; "find" stones have a gold rim
    and a magnifying glass."""
    size = radius * 2 + 12

    def paint(s, k):
        c = (size * k / 2, size * k / 2)
        r = radius * k
        pygame.draw.ellipse(s, (0, 0, 0, 55), (c[0] - r, c[1] - r * 0.8 + 8 * k, 2 * r, 1.8 * r))
        rim = FIND_GOLD if kind == "find" else STONE_DARK
        pygame.draw.circle(s, rim, c, r)
        pygame.draw.circle(s, STONE, (c[0], c[1] - 3 * k), r * 0.9)
        pygame.draw.circle(s, d.shade(STONE, 1.3), (c[0] - r * 0.3, c[1] - r * 0.4), r * 0.3)
        if kind == "find":
            mx, my, mr = c[0] + r * 0.55, c[1] + r * 0.5, r * 0.22
            pygame.draw.line(s, d.BROWN, (mx + mr * 0.6, my + mr * 0.6), (mx + mr * 1.5, my + mr * 1.5), int(5 * k))
            pygame.draw.circle(s, (210, 236, 255), (mx, my), mr)
            pygame.draw.circle(s, d.INK, (mx, my), mr, int(3 * k))
    img = d.smooth((size, size), paint)
    if face:
        d.draw_glyph(img, face, int(radius * 1.15), (size / 2, size / 2 - 3), d.INK)
    if number:
        tag = number_tag(number, max(22, radius // 2))
        img.blit(tag, tag.get_rect(center=(size / 2 - radius * 0.72, size / 2 - radius * 0.72)))
    return img


@d.surface_cache
def number_tag(number: int, size: int) -> pygame.Surface:
    """The stone's number on a small white disc (the road is counted, not just walked)."""
    img = d.smooth((size, size), lambda s, k: (pygame.draw.circle(s, d.WHITE, (size * k / 2,) * 2, size * k / 2),
                                                pygame.draw.circle(s, STONE_DARK, (size * k / 2,) * 2, size * k / 2, int(2 * k))))
    d.draw_text(img, str(number), int(size * 0.62), (size / 2, size / 2), d.SOFT_INK, bold=True)
    return img


@d.surface_cache
def piece_stand(color, size: int) -> pygame.Surface:
    """The base a player's animal stands on: a little coloured pawn foot with a shadow."""
    def paint(s, k):
        w, h = size * k, size * 0.5 * k
        pygame.draw.ellipse(s, (0, 0, 0, 60), (w * 0.08, h * 0.45, w * 0.84, h * 0.5))
        pygame.draw.ellipse(s, d.shade(color, 0.7), (w * 0.14, h * 0.3, w * 0.72, h * 0.5))
        pygame.draw.ellipse(s, color, (w * 0.14, h * 0.2, w * 0.72, h * 0.45))
        pygame.draw.ellipse(s, d.shade(color, 1.4), (w * 0.3, h * 0.26, w * 0.25, h * 0.12))
    return d.smooth((size, size * 0.5), paint)


PIPS = {1: [(0, 0)], 2: [(-1, -1), (1, 1)], 3: [(-1, -1), (0, 0), (1, 1)],
        4: [(-1, -1), (1, -1), (-1, 1), (1, 1)], 5: [(-1, -1), (1, -1), (0, 0), (-1, 1), (1, 1)],
        6: [(-1, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (1, 1)]}


@d.surface_cache
def die(value: int, lit: int, size: int, color=d.RED) -> pygame.Surface:
    """The die showing ``value``; the first ``lit`` pips glow (they light up as the voice counts)."""
    def paint(s, k):
        w = size * k
        pygame.draw.rect(s, (0, 0, 0, 60), (6 * k, 12 * k, w - 8 * k, w - 10 * k), border_radius=int(size * 0.2 * k))
        pygame.draw.rect(s, (214, 214, 222), (0, 0, w - 8 * k, w - 10 * k), border_radius=int(size * 0.2 * k))
        pygame.draw.rect(s, d.WHITE, (3 * k, 2 * k, w - 16 * k, w - 20 * k), border_radius=int(size * 0.18 * k))
        pygame.draw.rect(s, (250, 250, 255), (size * 0.18 * k, 6 * k, w * 0.5, size * 0.1 * k), border_radius=int(6 * k))
        cx, cy = (w - 12 * k) / 2 + 2 * k, (w - 18 * k) / 2 + 2 * k
        step, r = size * 0.25 * k, size * 0.09 * k
        for i, (px, py) in enumerate(PIPS[value]):
            centre = (cx + px * step, cy + py * step)
            if i < lit:
                pygame.draw.circle(s, d.shade(color, 1.6), centre, r * 1.45)
                pygame.draw.circle(s, color, centre, r)
                pygame.draw.circle(s, d.shade(color, 1.5), (centre[0] - r * 0.3, centre[1] - r * 0.3), r * 0.3)
            else:
                pygame.draw.circle(s, d.INK if lit == 0 else PIP_OFF, centre, r)
    return d.smooth((size, size), paint)


@d.surface_cache
def chip(color, size: int) -> pygame.Surface:
    """A see-through plastic counting chip in the player's colour, with a shine."""
    def paint(s, k):
        c, r = (size * k / 2, size * k / 2), size * k / 2
        pygame.draw.circle(s, (*d.shade(color, 0.75), 200), c, r)
        pygame.draw.circle(s, (*color, 150), c, r * 0.82)
        pygame.draw.circle(s, (255, 255, 255, 150), (c[0] - r * 0.35, c[1] - r * 0.35), r * 0.22)
    return d.smooth((size, size), paint)


@d.surface_cache
def glow(w: int, h: int) -> pygame.Surface:
    """A soft yellow glow behind the mat of the player whose turn it is."""
    def paint(s, k):
        for i in range(6):
            r = pygame.Rect(i * 6 * k, i * 6 * k, (w - i * 12) * k, (h - i * 12) * k)
            pygame.draw.rect(s, (*d.YELLOW, 45), r, border_radius=int((30 - i * 3) * k))
    return d.smooth((w, h), paint)


# -- launcher icon and level pictures --------------------------------------------------------------
@d.launcher_icon
def paint_icon(s: pygame.Surface, w: int, h: int) -> None:
    """A short winding road of three stones (A B C) up to a flag, with the die beside it."""
    grass = d.smooth((w, h), lambda p, k: pygame.draw.ellipse(p, GRASS, (0, h * 0.3 * k, w * k, h * 0.7 * k)))
    s.blit(grass, (0, 0))
    r = int(min(w, h) * 0.14)
    spots = [(w * 0.2, h * 0.78), (w * 0.46, h * 0.62), (w * 0.7, h * 0.74)]
    road = d.smooth((w, h), lambda p, k: _thick_line(p, SAND, [(x * k, y * k) for x, y in spots], r * 2.1 * k))
    s.blit(road, (0, 0))
    for (x, y), ch in zip(spots, "ABC"):
        img = stone(ch, r)
        s.blit(img, img.get_rect(center=(x, y)))
    fl = flag(int(h * 0.5))
    s.blit(fl, fl.get_rect(midbottom=(w * 0.86, h * 0.66)))
    dv = die(3, 0, int(min(w, h) * 0.3))
    s.blit(dv, dv.get_rect(center=(w * 0.24, h * 0.3)))


def paint_level(surface, rect: pygame.Rect, level) -> None:
    """What the level changes, big: the die (3 pips or 6), the road's length, and at level 3 the
    magnifying glass of the "find it in the room" stones."""
    faces = level.options.get("die", 3)
    size = int(min(rect.h * 0.62, rect.w * 0.42))
    img = die(faces, faces, size)
    surface.blit(img, img.get_rect(midleft=(rect.x + 4, rect.centery - rect.h * 0.12)))
    n = level.options.get("stones", 15)
    r = max(9, int(rect.h * (0.085 if n <= 16 else 0.065)))
    count = 3 if n <= 16 else 5
    for i in range(count):
        x = rect.right - r - 4 - i * (2 * r + 3)
        y = rect.bottom - r - 6 - (i % 2) * r * 0.6
        st = stone("", r)
        surface.blit(st, st.get_rect(center=(x, y)))
    if level.options.get("find"):
        st = stone("", int(rect.h * 0.17), "find")
        surface.blit(st, st.get_rect(topright=(rect.right - 2, rect.y + 2)))
