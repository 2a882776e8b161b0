"""Where things sit on candy match's table, and the candies themselves: the Candy widget, the grid on
the cloth, the candies on a plate, the treats on the dish, a candy lifted to show its sticker, and a
treat being eaten. No game rules here: the scene (scene.py) decides what happens when.
"""
from __future__ import annotations

import math
from functools import lru_cache

import pygame

from games.engine.core import draw as d
from games.engine.core.timeline import ease
from games.engine.core.widgets import TAP_SLACK, Tappable

from . import art

LIFT_SPEED = 3.5         # lifts per second (a lift takes ~0.3 s)
DROP_SPEED = 3           # drops per second: a candy falls onto the table in 1/3 s
EAT_TIME = 1.9           # one treat: hop to the plate, unwrap, three bites

CLOTH = pygame.Rect(250, 140, 780, 552)
PAD = pygame.Rect(420, 150, 480, 500)      # the writing pad (write to keep), over the cloth
PLATE_SIZE = (210, 130)
PLATE_SPOTS = {
    1: [(1150, 430)],
    2: [(130, 430), (1150, 430)],
    3: [(130, 320), (1150, 320), (130, 590)],
    4: [(130, 320), (1150, 320), (130, 590), (1150, 590)],
}
MINI = 46                 # size of a kept candy on a plate (they get smaller as a plate fills up)
PLATE_CANDY_SIZES = (46, 40, 34, 29, 25)
DISH = pygame.Rect(380, 250, 520, 330)   # the treat dish in the middle of the table
TREAT_SIZE = 76


class Candy(Tappable):
    """One candy on the table (or on the treat dish): a tap target that lifts, flies and can be eaten."""

    tap_slack = TAP_SLACK // 2

    def __init__(self, rect, face: str, size: int, on_press, foil=art.SILVER, base: str = ""):
        super().__init__(rect)
        self.face, self.size, self.on_press, self.foil = face, size, on_press, foil
        self.base = base         # the letter a..z: two candies with the same base are a pair
        self.anchor = pygame.Vector2(self.rect.centerx, self.rect.bottom - 14)
        self.up = False          # True once tapped: it rises (``lift``) to show its letter
        self.lift = 0.0          # 0 on the table .. 1 lifted
        self.drop = 0.0          # 0 still above the table .. 1 landed (the deal at the start)
        self.delay = 0.0         # seconds before it starts to drop
        self.kept = False        # moved to a plate (or eaten)

    def activate(self):
        self.on_press(self)

    def update(self, dt):
        if self.delay > 0:
            self.delay -= dt
        else:
            self.drop = min(1.0, self.drop + dt * DROP_SPEED)
        target = 1.0 if self.up else 0.0
        step = dt * LIFT_SPEED
        self.lift = min(target, self.lift + step) if self.lift < target else max(target, self.lift - step)


@lru_cache(maxsize=64)
def plate_layout(count: int) -> tuple[int, tuple[tuple[float, float], ...]]:
    """Where ``count`` kept candies stand on a plate: (candy size, each candy's anchor from the plate's
    middle). Rows go from the front of the plate's well to the back, every candy inside the rim; when
    they no longer fit, all of them get smaller (and at the smallest size they stack up in layers)."""
    for size in PLATE_CANDY_SIZES:
        rows = _plate_rows(size)
        if sum(rows_n for _, rows_n in rows) >= count:
            break
    spots, left = [], count
    layer = 0
    while left > 0:
        for y, room in rows:
            n = min(room, left)
            step = size * PLATE_CANDY_STEP
            spots += [((j - (n - 1) / 2) * step + layer * size * 0.3, y - layer * size * 0.25) for j in range(n)]
            left -= n
            if not left:
                break
        layer += 1
    return size, tuple(spots)


PLATE_CANDY_STEP = 0.8   # neighbours on a plate overlap a little, as kisses piled on a plate do


def _plate_rows(size: int) -> list[tuple[float, int]]:
    """Rows of candies of ``size`` that fit in a plate's well: (row's y from the middle, how many fit)."""
    a, b = PLATE_SIZE[0] / 2 - 12, PLATE_SIZE[1] / 2 - 8      # the inside of the rim
    top = -PLATE_SIZE[1] / 2 + 6                               # a candy's tip stays below the back rim
    half_base = size * 0.47
    rows = []
    y = b - size * 0.25
    while y - size * (art.BODY_H + art.PLUME_H) >= top:
        half_width = a * math.sqrt(max(0.0, 1 - (y / b) ** 2)) - half_base
        if half_width >= 0:
            rows.append((y, int(2 * half_width / (size * PLATE_CANDY_STEP)) + 1))
        y -= size * 0.5
    return rows


def grid_cells(count: int) -> tuple[list[pygame.Rect], int]:
    """Cells for ``count`` candies on the cloth, and the candy size that fits them."""
    cols = 4 if count in (8, 12, 16) else 5
    rows = math.ceil(count / cols)
    cell_w = min(156, CLOTH.w // cols)
    cell_h = min(170, (CLOTH.h - 40) // rows)
    size = int(min(cell_w * 0.7, cell_h * 0.78, 124))
    x0 = CLOTH.centerx - cols * cell_w / 2
    y0 = CLOTH.y + 30 + (CLOTH.h - 40 - rows * cell_h) / 2
    cells = []
    for i in range(count):
        r, c = divmod(i, cols)
        cells.append(pygame.Rect(x0 + c * cell_w + 4, y0 + r * cell_h, cell_w - 8, cell_h))
    return cells, size


def dish_spots(count: int) -> list[tuple[float, float]]:
    """Where treats sit on the dish: three rows, back row first, the middle row the longest."""
    rows = [0.36, 0.58, 0.80]                   # heights on the dish, as fractions of its height
    per_row = [count // 3, count - 2 * (count // 3), count // 3]
    spots = []
    for fy, n in zip(rows, per_row):
        for i in range(n):
            spots.append((DISH.centerx + (i - (n - 1) / 2) * 84, DISH.y + DISH.h * fy))
    return spots


def lifted_offset(size: int, lift: float) -> pygame.Vector2:
    """How far a lifted candy moves from its spot: up and a little aside, to show its sticker."""
    up = ease("out_quad", lift)
    return pygame.Vector2(size * 0.34 * up, -size * 0.95 * up)


def posed_candy(size, foil, lift, anchor):
    """The candy picture tipped for ``lift`` and where to blit it so its bottom sits at ``anchor``."""
    angle = -round(16 * lift)
    img = art.rotated(size, foil, angle)
    ax, ay = art.candy_anchor(size)
    plain_h = art.candy_height(size)
    to_centre = pygame.Vector2(size / 2 - ax, plain_h / 2 - ay).rotate(-angle)
    centre = pygame.Vector2(anchor) + lifted_offset(size, lift) + to_centre
    return img, img.get_rect(center=(round(centre.x), round(centre.y)))


def draw_eating(surface, e):
    """A treat hops to the plate, its foil opens and falls away, and it is eaten in three bites."""
    c, t = e["treat"], e["t"]
    size = c.size
    if t < 0.55:
        k = t / 0.55
        pos = e["from"].lerp(e["to"], ease("out_quad", k)) + pygame.Vector2(0, -math.sin(k * math.pi) * 140)
        img, at = posed_candy(size, c.foil, 0.0, pos)
        surface.blit(img, at)
        return
    pos = e["to"]
    ax, ay = art.candy_anchor(size)
    choc = art.bitten(size, e["bites"])
    fade = 1.0 - max(0.0, (t - 1.55) / (EAT_TIME - 1.55))
    if fade < 1:
        choc = choc.copy()
        choc.set_alpha(int(255 * fade))
    surface.blit(choc, (pos.x - ax, pos.y - ay))
    k = min(1.0, (t - 0.55) / 0.5)
    if k < 1:                               # the two halves of the foil fall open
        for side in (-1, 1):
            half = art.foil_half(size, c.foil, side)
            img = pygame.transform.rotate(half, -side * 70 * k)
            img.set_alpha(int(255 * (1 - k)))
            centre = (pos.x + side * (size * 0.25 + k * size * 0.5), pos.y - size * 0.45 + k * k * size * 0.6)
            surface.blit(img, img.get_rect(center=centre))
    for b in range(e["bites"]):             # crumbs from each bite
        age = t - (1.0 + 0.25 * b)
        for j in range(5):
            x = pos.x + (j - 2) * 9 + b * 6
            y = pos.y - size * 0.5 + age * 160 + (j % 2) * 8
            if y < pos.y + 10:
                pygame.draw.circle(surface, art.CHOCOLATE, (x, y), 3 + (j % 2))


def draw_sparkles(surface, centre, radius, t: float):
    """Little stars circling a sticker: these two match!"""
    for i in range(4):
        angle = t * 3 + i * math.tau / 4
        size = 22 + 6 * round(math.sin(t * 8 + i))
        img = d.star(size)
        at = centre + pygame.Vector2(math.cos(angle), math.sin(angle) * 0.8) * radius
        surface.blit(img, img.get_rect(center=at))


def draw_flying(surface, c, start, end, k: float, to_size: int):
    """A kept candy on its way to the plate, ``k`` of the way (0..1), shrinking to ``to_size``."""
    along = ease("out_cubic", k)
    pos = start.lerp(end, along) + pygame.Vector2(0, -math.sin(k * math.pi) * 110)
    size = c.size + (to_size - c.size) * along
    big = art.candy_with_label(c.face, c.size)
    scale = size / c.size
    img = pygame.transform.smoothscale(big, (max(1, int(big.get_width() * scale)),
                                             max(1, int(big.get_height() * scale))))
    ax, ay = art.candy_anchor(c.size)
    surface.blit(img, (pos.x - ax * scale, pos.y - ay * scale))


def draw_dish(surface, treats, focus):
    """The treat dish and the treats still on it (the focused one ringed)."""
    dish = art.plate(DISH.w, DISH.h, art.DISH_RIM)
    surface.blit(dish, DISH.topleft)
    for c in sorted(treats, key=lambda c: c.anchor.y):
        if c.kept or c.drop <= 0:
            continue
        anchor = c.anchor + pygame.Vector2(0, -(1 - ease("drop_bounce", c.drop)) * 300)
        if c is focus:
            ring = pygame.Rect(0, 0, c.size * 1.3, c.size * 0.5)
            ring.center = (anchor.x, anchor.y - 4)
            pygame.draw.ellipse(surface, d.BLUE, ring, 5)
        img, pos = posed_candy(c.size, c.foil, 0.0, anchor)
        surface.blit(img, pos)


def pictures_to_prepare(size, faces, pad=None):
    """Paint the pictures later stages need, one per frame while the candies are dealt, so no
    frame of play stalls on painting (``update`` takes one step per frame)."""
    for angle in range(17):
        yield art.rotated(size, art.SILVER, -angle)
    for face in faces:
        yield art.sticker(face, int(size * 0.72)), art.candy_with_label(face, size)
        for size in PLATE_CANDY_SIZES:
            yield art.candy_with_label(face, size)
    yield [d.star(n) for n in (16, 22, 28)]
    for foil in art.FOILS:
        yield art.candy(TREAT_SIZE, foil)
        yield art.foil_half(TREAT_SIZE, foil, -1), art.foil_half(TREAT_SIZE, foil, 1)
    yield art.candy(TREAT_SIZE, None)
    for bites in range(4):
        yield art.bitten(TREAT_SIZE, bites)
    yield art.plate(DISH.w, DISH.h, art.DISH_RIM), art.glow(PLATE_SIZE[0] + 40, PLATE_SIZE[1] + 40)
    if pad is not None:   # write to keep
        yield art.veil(), [art.sticker(face, 140) for face in faces]
        yield pad.draw(pygame.Surface((d.W, d.H)))
