"""The paper balls on the floor and the pictures around the throw: the sheet a ball unfolds into (with
its printed letter), and the scoreboard of letters each player has put in the basket. What happens
when is the scene's (scene.py); this is what it looks like.
"""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.core.letters import LetterCard
from games.engine.play.players import avatar
from games.engine.core.timeline import ease
from games.engine.core.widgets import TAP_SLACK, Tappable

from . import art
from .physics import fling_velocity, path_points, perfect_throw

SHEET = pygame.Rect(140, 110, 930, 520)       # the unfolded paper
PRINTED_LETTER_AT = (290, 360)                # the letter printed on the sheet, left of the pad
PRINTED_LETTER_SIZE = 230
FLOOR_BALL_RADIUS = 58
DRAG_IS_A_THROW = 30                          # pixels: a shorter drag is a tap
DROP_TIME = 0.45                              # seconds for a ball to drop onto the floor


class PaperBall(Tappable):
    """A crumpled paper ball on the floor; tap it to pick it."""

    tap_slack = TAP_SLACK // 2

    def __init__(self, center, card: LetterCard, seed: int, on_press, delay=0.0):
        r = FLOOR_BALL_RADIUS
        super().__init__((center[0] - r, center[1] - r, 2 * r, 2 * r))
        self.card, self.seed, self.on_press = card, seed, on_press
        self.wobble = 0.0
        self.age = -delay          # balls drop onto the floor one after another
        self.hint = False          # glows gently: "this is the one" after two wrong taps

    def hit(self, pos) -> bool:
        return math.dist(pos, self.rect.center) <= self.rect.w / 2 + 6

    def activate(self):
        self.on_press(self)

    def shake(self):
        self.wobble = 1.0

    def update(self, dt):
        self.wobble = max(0.0, self.wobble - dt * 1.4)
        self.age += dt

    def draw(self, surface, focused=False):
        if self.age < 0:
            return
        img = art.paper_ball(self.card.shown, FLOOR_BALL_RADIUS, self.seed)
        x, y = self.rect.centerx, self.rect.centery - (1 - ease("drop_hop", self.age / DROP_TIME)) * 260
        if self.wobble > 0:
            swing = math.sin(self.wobble * 28) * self.wobble
            img = pygame.transform.rotate(img, swing * 18)
            x += swing * 12
        if self.pressed:
            img = pygame.transform.rotozoom(img, 0, 0.94)
        if focused:
            pygame.draw.circle(surface, d.BLUE, self.rect.center, FLOOR_BALL_RADIUS + 12, 6)
        if self.hint:
            self._draw_hint(surface, (x, y))
        surface.blit(img, img.get_rect(center=(x, y)))

    def _draw_hint(self, surface, center):
        """A warm yellow glow that breathes behind the ball, with a ring around it."""
        pulse = 0.5 + 0.5 * math.sin(self.age * 4)
        glow = hint_glow(FLOOR_BALL_RADIUS + 34)
        glow.set_alpha(int(170 + 85 * pulse))
        surface.blit(glow, glow.get_rect(center=center))
        pygame.draw.circle(surface, d.shade(d.YELLOW, 1.1), center, FLOOR_BALL_RADIUS + 10 + 6 * pulse, 6)


def draw_paper(surface, rect: pygame.Rect, k: float, letter: str, seed: int, ball_radius: int):
    """The paper at ``rect``, ``k`` of the way from a crumpled ball (0) to an open sheet (1): the
    printed letter grows in as it opens, and the ball fades in as it closes."""
    art.draw_sheet(surface, rect, 1 - 0.9 * k, seed)
    if k > 0.6:   # the printed letter shows once the sheet is mostly open
        size = int(PRINTED_LETTER_SIZE * (k - 0.6) / 0.4)
        if size > 8:
            cx = rect.x + (PRINTED_LETTER_AT[0] - SHEET.x) * rect.w / SHEET.w
            cy = rect.y + (PRINTED_LETTER_AT[1] - SHEET.y) * rect.h / SHEET.h
            glyph = printed_letter(letter)
            if size < PRINTED_LETTER_SIZE:   # growing as the sheet opens: scale the one cached picture
                glyph = pygame.transform.smoothscale(
                    glyph, (max(1, glyph.get_width() * size // PRINTED_LETTER_SIZE), size * glyph.get_height() // PRINTED_LETTER_SIZE))
            surface.blit(glyph, glyph.get_rect(center=(cx, cy)))
    if k < 0.35:   # the ball fades in as the paper closes into it
        img = art.paper_ball(letter, ball_radius, seed).copy()
        img.set_alpha(int(255 * (1 - k / 0.35)))
        surface.blit(img, img.get_rect(center=rect.center))


def draw_aim(surface, hoop, hand, drag, t: float, easy_throw: bool, assist: float):
    """Aiming: a pulsing dotted path to the basket; while dragging, the throw the drag would make.
    ``drag`` is the drag so far (a vector), or None."""
    if drag is None:
        # a bouncing dotted hint toward the basket
        v = perfect_throw(hand, hoop)
        pulse = (t * 1.2) % 1.0
        for i, p in enumerate(path_points(hand, v, 0.35, 7)):
            alpha = 1 - abs((i / 7) - pulse)
            pygame.draw.circle(surface, d.shade(d.ORANGE, 1 + 0.3 * alpha), p, 5 + 4 * alpha)
        if easy_throw:
            ring = art.rim_rect(hoop).inflate(40 + 14 * math.sin(t * 5), 40)
            pygame.draw.ellipse(surface, d.YELLOW, ring, 5)
        return
    vector = drag
    if vector.length() < DRAG_IS_A_THROW:
        return
    pygame.draw.line(surface, d.shade(d.ORANGE, 0.9), hand, hand + vector * 0.5, 6)
    v = fling_velocity(vector, hand, hoop, assist)
    for p in path_points(hand, v, 0.45, 9):
        pygame.draw.circle(surface, d.WHITE, p, 6)
        pygame.draw.circle(surface, d.ORANGE, p, 6, 2)


def draw_scoreboard(surface, players, rounds: int, cheer: float):
    """Each player's token and the letters they have put in the basket, top right."""
    per_player = math.ceil(rounds / len(players))
    chip = 38
    for i, p in enumerate(players):
        y = 40 + i * 50
        width = 60 + per_player * (chip + 6)
        x = 1090 - width
        jump = abs(math.sin(cheer * 10 + i)) * 14 * cheer
        d.blit_panel(surface, pygame.Rect(x, y - 22, width, 44), d.shade(p.color, 1.5), radius=20)
        img = avatar(p.name, 40)
        surface.blit(img, img.get_rect(center=(x + 26, y - jump)))
        for j in range(per_player):
            c = (x + 60 + j * (chip + 6) + chip / 2, y)
            if j < len(p.collected):
                ball = art.paper_ball(p.collected[j], 18, j + 3)
                surface.blit(ball, ball.get_rect(center=c))
            else:
                pygame.draw.circle(surface, d.shade(p.color, 1.2), c, 14, 3)


@d.surface_cache
def printed_letter(char: str) -> pygame.Surface:
    """The letter printed on the sheet, cut to its ink."""
    glyph = d.text_surface(char, PRINTED_LETTER_SIZE, (30, 40, 80), True)
    return glyph.subsurface(glyph.get_bounding_rect()).copy()


@d.surface_cache
def hint_glow(radius: int) -> pygame.Surface:
    """The warm glow behind the right ball after two wrong taps."""
    def paint(s, k):
        for i in range(8):
            pygame.draw.circle(s, (*d.YELLOW, 60), (radius * k, radius * k), (radius - i * 4) * k)
    return d.smooth((2 * radius, 2 * radius), paint)


def ball_seed(round_no: int, index: int) -> int:
    """Which paper (colour and creases) a ball gets: different neighbours, different rounds."""
    return round_no * 7 + index


def lerp_rect(a: pygame.Rect, b: pygame.Rect, k: float) -> pygame.Rect:
    """The rectangle ``k`` of the way from ``a`` to ``b``."""
    return pygame.Rect(a.x + (b.x - a.x) * k, a.y + (b.y - a.y) * k, a.w + (b.w - a.w) * k, a.h + (b.h - a.h) * k)
