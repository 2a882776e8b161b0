"""Pictures for alphabet bingo: the wire cage on its stand, letter balls, chips, the cards (on screen
and on paper), the hall, the game icon and the level pictures.

Still things are painted once and cached (in the engine's picture cache, bounded in bytes); the scene blits them and draws only what
moves (the turning wire, the tumbling balls, a chip popping on, the gentle glow).
"""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.core.icons import icon
from games.engine.play.players import draw_avatar_on_disc

from .cards import FREE

BALL_COLORS = [d.RED, d.BLUE, d.GREEN, d.ORANGE, d.PURPLE, d.PINK, d.TEAL]
WIRE = (150, 160, 186)
STAND = (176, 112, 64)
PAPER_CELL = (255, 253, 246)

HEADER = 0.15      # a card's header band (the player's animal), as a fraction of its height
MARGIN = 0.045     # the coloured frame around the squares, as a fraction of the card's width
GAP = 0.018        # between squares


def ball_color(base: str):
    return BALL_COLORS[(ord(base.lower()) - 97) % len(BALL_COLORS)]


# -- the hall -----------------------------------------------------------------------------------------
@d.surface_cache
def hall() -> pygame.Surface:
    """A warm wall with bunting, and the wooden caller's table on the left."""
    surf = d.background("wall").copy()

    def bunting(s, k):
        for i in range(17):
            x = i * 80 + 20
            col = d.CANDY[i % len(d.CANDY)]
            pygame.draw.polygon(s, d.shade(col, 1.15), [(x * k, 4 * k), ((x + 56) * k, 4 * k), ((x + 28) * k, 40 * k)])
        pygame.draw.line(s, d.shade(d.BROWN, 1.2), (0, 4 * k), (d.W * k, 4 * k), 3 * k)

    def table(s, k):   # drawn in its own box: (0, 0) is (18, 556) on the wall
        top = pygame.Rect(0, 0, 364 * k, 40 * k)
        for x in (30, 312):
            pygame.draw.rect(s, d.shade(STAND, 0.75), pygame.Rect(x * k, 40 * k, 22 * k, 110 * k), border_radius=6 * k)
        pygame.draw.rect(s, d.shade(STAND, 0.8), top.move(0, 8 * k), border_radius=14 * k)
        pygame.draw.rect(s, STAND, top, border_radius=14 * k)
        pygame.draw.rect(s, d.shade(STAND, 1.25), top.inflate(-24 * k, -28 * k).move(0, -6 * k), border_radius=6 * k)
    surf.blit(d.smooth((d.W, 44), bunting), (0, 0))
    surf.blit(d.smooth((364, 150), table), (18, 556))
    return surf.convert() if pygame.display.get_surface() else surf


# -- balls and chips ----------------------------------------------------------------------------------
CUE_DISC = 0.74    # a blank ball's disc, as a fraction of its radius: room for the picture word
@d.surface_cache
def ball(face: str, size: int, blank: bool = False) -> pygame.Surface:
    """A shiny bingo ball with the letter on a white disc (``face`` "" : a plain ball). ``blank``: a bigger
    disc left empty, for a letter called by its sound or a picture word (the scene draws the cue on it)."""
    color = ball_color(face) if face else d.YELLOW

    def paint(s, k):
        r = size * k / 2
        pygame.draw.circle(s, d.shade(color, 0.7), (r, r), r)
        pygame.draw.circle(s, color, (r - r * 0.04, r - r * 0.05), r * 0.93)
        pygame.draw.circle(s, d.shade(color, 1.3), (r - r * 0.3, r - r * 0.35), r * 0.32)
        if face:
            pygame.draw.circle(s, d.WHITE, (r, r), r * (CUE_DISC if blank else 0.6))
    img = d.smooth((size, size), paint)
    if face and not blank:
        d.draw_glyph(img, face, int(size * 0.5), (size / 2, size / 2), d.INK)
    return img


@d.surface_cache
def chip(color, size: int) -> pygame.Surface:
    """A round plastic counter in the player's colour, with a rim and a shine."""
    def paint(s, k):
        r = size * k / 2
        pygame.draw.circle(s, (0, 0, 0, 60), (r + r * 0.06, r + r * 0.1), r * 0.94)
        pygame.draw.circle(s, d.shade(color, 0.72), (r, r), r * 0.94)
        pygame.draw.circle(s, color, (r, r), r * 0.8)
        pygame.draw.circle(s, d.shade(color, 0.88), (r, r), r * 0.6, max(1, int(r * 0.06)))
        pygame.draw.ellipse(s, (*d.shade(color, 1.55), 200), pygame.Rect(r * 0.45, r * 0.32, r * 0.7, r * 0.38))
    return d.smooth((size, size), paint)


def chip_popping(color, size: int, k: float) -> pygame.Surface:
    """The chip at ``k`` (0..1) of its pop: it grows past its size and settles back."""
    if k >= 1:
        return chip(color, size)
    grow = max(0.1, 1 + 2.7 * (k - 1) ** 3 + 1.7 * (k - 1) ** 2)   # ease-out-back
    side = max(4, int(size * grow))
    return pygame.transform.smoothscale(chip(color, int(size * 1.2)), (side, side))


@d.surface_cache
def glow(size: int) -> pygame.Surface:
    """A soft warm halo for the square that nobody has found after a while."""
    def paint(s, k):
        r = size * k / 2
        for i in range(10, 0, -1):
            pygame.draw.circle(s, (255, 214, 70, 16 + 9 * (10 - i)), (r, r), r * i / 10)
    return d.smooth((size, size), paint)


# -- the cage -----------------------------------------------------------------------------------------
CAGE_CENTER = (200, 300)
CAGE_R = 120


@d.surface_cache
def cage_stand() -> pygame.Surface:
    """The wooden stand and the chute the balls roll down (drawn behind the turning wire)."""
    w, h = 400, 340
    cx, cy = CAGE_CENTER[0], CAGE_R + 20

    def paint(s, k):
        for side in (-1, 1):   # two legs holding the axle
            pygame.draw.polygon(s, d.shade(STAND, 0.8), [((cx + side * 40) * k, (cy + 250) * k),
                                                         ((cx + side * 150) * k, (cy + 250) * k),
                                                         ((cx + side * (CAGE_R + 8)) * k, cy * k),
                                                         ((cx + side * (CAGE_R - 8)) * k, cy * k)])
            pygame.draw.circle(s, d.shade(STAND, 0.6), ((cx + side * CAGE_R) * k, cy * k), 16 * k)
            pygame.draw.circle(s, d.shade(d.GOLD, 0.9), ((cx + side * CAGE_R) * k, cy * k), 9 * k)
        pygame.draw.circle(s, (255, 255, 255, 70), (cx * k, cy * k), CAGE_R * k)   # the glassy inside
    return d.smooth((w, h), paint)


def draw_cage(surface, t: float, spin: float, tumbling: list[tuple[str, float, float]]) -> None:
    """The cage turning by ``spin`` (radians), with the balls inside at their (angle, radius)."""
    cx, cy = CAGE_CENTER
    stand = cage_stand()
    surface.blit(stand, (cx - 200, cy - CAGE_R - 20))
    for face, angle, radius in tumbling:
        img = ball(face, 40)
        x = cx + math.cos(angle + spin * 0.6) * radius * CAGE_R
        y = cy + math.sin(angle + spin * 0.6) * radius * CAGE_R * 0.9 + 20
        surface.blit(img, img.get_rect(center=(x, y)))
    # the wire: a ring and meridians that narrow and widen as the cage turns
    pygame.draw.circle(surface, d.shade(WIRE, 0.8), CAGE_CENTER, CAGE_R, 5)
    for i in range(6):
        a = spin + i * math.pi / 6
        w = abs(math.cos(a)) * CAGE_R * 2
        if w > 6:
            rect = pygame.Rect(0, 0, w, CAGE_R * 2)
            rect.center = CAGE_CENTER
            pygame.draw.ellipse(surface, WIRE, rect, 3)
    for y in (-0.5, 0, 0.5):
        half = math.sqrt(1 - y * y) * CAGE_R
        pygame.draw.line(surface, WIRE, (cx - half, cy + y * CAGE_R), (cx + half, cy + y * CAGE_R), 3)
    # the crank on the right side
    hx = cx + CAGE_R + 6
    crank = (hx + math.cos(spin * 2) * 38, cy + math.sin(spin * 2) * 38)
    pygame.draw.line(surface, d.shade(d.GOLD, 0.7), (hx, cy), crank, 9)
    pygame.draw.circle(surface, d.RED, crank, 14)
    pygame.draw.circle(surface, d.shade(d.RED, 1.4), (crank[0] - 4, crank[1] - 4), 5)
    # the door at the bottom, where a ball comes out
    door = pygame.Rect(0, 0, 56, 20)
    door.midtop = (cx, cy + CAGE_R - 10)
    pygame.draw.rect(surface, d.shade(d.GOLD, 0.8), door, border_radius=8)


TRAY_CENTER = (200, 510)   # where the called ball comes to rest, on the caller's table
TRAY_BALL = 132


def draw_tray(surface) -> None:
    """The little cup the called ball rests in."""
    cx, cy = TRAY_CENTER
    cup = pygame.Rect(0, 0, 170, 40)
    cup.midtop = (cx, cy + TRAY_BALL // 2 - 24)
    pygame.draw.ellipse(surface, d.shade(STAND, 0.65), cup.move(0, 8))
    pygame.draw.ellipse(surface, d.shade(d.GOLD, 0.95), cup)
    pygame.draw.ellipse(surface, d.shade(d.GOLD, 1.3), cup.inflate(-40, -20).move(0, -4))


# -- cards ----------------------------------------------------------------------------------------------
def square_rects(rect: pygame.Rect, size: int) -> list[pygame.Rect]:
    """The squares of a ``size`` x ``size`` card drawn in ``rect``, row by row."""
    rect = pygame.Rect(rect)
    header = rect.h * HEADER
    margin = rect.w * MARGIN
    gap = rect.w * GAP
    grid = pygame.Rect(rect.x + margin, rect.y + header, rect.w - 2 * margin, rect.h - header - margin)
    cell_w = (grid.w - (size - 1) * gap) / size
    cell_h = (grid.h - (size - 1) * gap) / size
    return [pygame.Rect(round(grid.x + c * (cell_w + gap)), round(grid.y + r * (cell_h + gap)),
                        round(cell_w), round(cell_h)) for r in range(size) for c in range(size)]


def card_width(height: int) -> int:
    """The width of a card ``height`` pixels high whose squares are square."""
    # the grid is (w - 2*margin*w) wide and (h - header*h - margin*w) high; equal when:
    return int(height * (1 - HEADER) / (1 - MARGIN))


def paint_card(surface, rect, card, color, name: str, *, paper: bool = False, animal: bool = True) -> None:
    """One bingo card: a frame in the player's colour, their animal in the header (unless ``animal``
    is False: a small card's animal sits beside it), the letters, and the free star. ``paper``: for
    printing (white ground, no shadow, darker frame)."""
    rect = pygame.Rect(rect)
    frame = d.shade(color, 0.9) if paper else color
    if paper:
        pygame.draw.rect(surface, d.shade(frame, 0.7), rect, border_radius=int(rect.w * 0.05))
        pygame.draw.rect(surface, frame, rect.inflate(-8, -8), border_radius=int(rect.w * 0.05))
    else:
        d.blit_panel(surface, rect, frame, radius=int(rect.w * 0.05))
    header = rect.h * HEADER
    disc = int(header * 0.66) if animal else 0
    if animal:
        draw_avatar_on_disc(surface, name, disc, (rect.x + rect.w * MARGIN + disc * 0.7, rect.y + header * 0.52))
    # five little balls spell the game: the picture of bingo, no reading needed
    n = 5
    size = int(header * 0.5)
    for i in range(n):
        img = _plain_ball(BALL_COLORS[i], size)
        x = rect.centerx + (i - (n - 1) / 2) * size * 1.15 + disc * 0.4
        surface.blit(img, img.get_rect(center=(x, rect.y + header * 0.52)))
    squares = square_rects(rect, card.size)
    letter_px = int(squares[0].h * 0.62)
    for sq, face in zip(squares, card.squares):
        pygame.draw.rect(surface, d.shade(frame, 0.75), sq.move(0, 3), border_radius=int(sq.w * 0.16))
        pygame.draw.rect(surface, PAPER_CELL, sq, border_radius=int(sq.w * 0.16))
        if face is FREE:
            star = d.star(int(sq.w * 0.8))
            surface.blit(star, star.get_rect(center=sq.center))
        else:
            d.draw_glyph(surface, face.square, letter_px, sq.center, d.INK)


@d.surface_cache
def _plain_ball(color, size: int) -> pygame.Surface:
    def paint(s, k):
        r = size * k / 2
        pygame.draw.circle(s, d.shade(color, 0.7), (r, r), r)
        pygame.draw.circle(s, color, (r - r * 0.04, r - r * 0.05), r * 0.93)
        pygame.draw.circle(s, d.shade(color, 1.45), (r - r * 0.3, r - r * 0.35), r * 0.3)
    return d.smooth((size, size), paint)


def card_picture(card, color, name: str, w: int, h: int, animal: bool = True) -> pygame.Surface:
    """The card painted once on its own picture (the scene blits it and draws chips on top)."""
    surf = pygame.Surface((w + 20, h + 26), pygame.SRCALPHA)
    paint_card(surf, pygame.Rect(10, 10, w, h), card, color, name, animal=animal)
    return surf


# -- the icon and the level pictures ------------------------------------------------------------------
@d.launcher_icon
def paint_icon(surf: pygame.Surface, w: int, h: int) -> None:
    """A little card with chips on it and a bingo ball rolling out in front."""
    side = int(min(w, h) * 0.86)
    card = pygame.Rect(0, 0, side, side)
    card.center = (w * 0.44, h * 0.5)
    _mini_card(surf, card, 3, d.GREEN, covered={0, 4, 8, 2})
    b = ball("B", int(side * 0.46))
    surf.blit(b, b.get_rect(center=(w * 0.78, h * 0.72)))


def _mini_card(surface, rect, size, color, covered=(), stars=None, pencil=False):
    """A little card of ``size`` x ``size`` squares; ``stars``: its free stars (by default a 3x3 card's middle)."""
    stars = ((4,) if size == 3 else ()) if stars is None else stars
    d.blit_panel(surface, rect, color, radius=max(8, rect.w // 12))
    inner = rect.inflate(-rect.w * 0.12, -rect.h * 0.12)
    gap = inner.w * 0.05
    cell = (inner.w - gap * (size - 1)) / size
    letters = "bmsatpdekrnohgil"
    for r in range(size):
        for c in range(size):
            i = r * size + c
            sq = pygame.Rect(inner.x + c * (cell + gap), inner.y + r * (cell + gap), cell, cell)
            pygame.draw.rect(surface, PAPER_CELL, sq, border_radius=max(3, int(cell * 0.18)))
            if i in stars:
                star = d.star(int(cell * 0.85))
                surface.blit(star, star.get_rect(center=sq.center))
            elif i in covered:
                img = chip(d.RED if color != d.RED else d.BLUE, int(cell * 0.9))
                surface.blit(img, img.get_rect(center=sq.center))
            else:
                d.draw_glyph(surface, letters[i % len(letters)], int(cell * 0.62), sq.center, d.INK)
    if pencil:
        img = icon("pencil", int(rect.w * 0.55), d.INK)
        surface.blit(img, img.get_rect(center=(rect.right - rect.w * 0.05, rect.bottom - rect.h * 0.1)))


@d.surface_cache
def full_card(color, size: int, side: int, stars: tuple[int, ...] | None = None) -> pygame.Surface:
    """A small card covered with chips, its stars where the game's cards have them (the end screen's
    picture of a full card)."""
    surf = pygame.Surface((size + 20, size + 26), pygame.SRCALPHA)
    _mini_card(surf, pygame.Rect(10, 10, size, size), side, color, covered=set(range(side * side)), stars=stars)
    return surf


def paint_level(surface, rect: pygame.Rect, level) -> None:
    """The level's card: 3x3 with the star, 4x4, or 4x4 with a pencil (write to cover)."""
    img = _level(rect.w, rect.h, level.options.get("size", 3), bool(level.options.get("write")))
    surface.blit(img, rect.topleft)


@d.surface_cache
def _level(w: int, h: int, size: int, write: bool) -> pygame.Surface:
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    side = int(min(w * (0.72 if write else 0.9), h * 0.95))
    card = pygame.Rect(0, 0, side, side)
    card.center = (w / 2 - (w * 0.1 if write else 0), h / 2)
    _mini_card(surf, card, size, d.BLUE, covered={1, 5} if size == 4 else {1}, pencil=write)
    return surf
