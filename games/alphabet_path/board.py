"""The road on screen: the meadow painted with this game's stones, the stones as tap targets, and where each animal piece stands."""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.play.players import draw_avatar_on_disc
from games.engine.core.widgets import Tappable

from . import art
from .rules import START

PIECE_SIZE = 58
HOP_HEIGHT = 46          # how high a piece flies in the middle of a hop


class StoneTarget(Tappable):
    """One stone of the road as a tap target (a child taps the next stone to hop onto it)."""

    tap_slack = 4

    def __init__(self, index: int, centre, radius: int, on_press):
        rect = pygame.Rect(0, 0, 2 * radius, 2 * radius)
        rect.center = centre
        super().__init__(rect)
        self.index, self.on_press, self.radius = index, on_press, radius

    def hit(self, pos) -> bool:
        return math.dist(pos, self.rect.center) <= self.radius + 2

    def activate(self):
        self.on_press(self)

    def draw(self, surface, focused=False):
        if focused:
            pygame.draw.circle(surface, d.BLUE, self.rect.center, self.radius + 7, 6)


def tag_size(layout: art.RoadLayout) -> int:
    """How big a stone's number tag is on this road."""
    return max(22, layout.radius // 2)


def blit_number(surface, layout: art.RoadLayout, number: int, centre) -> None:
    """A stone's number tag, at its top left."""
    tag = art.number_tag(number, tag_size(layout))
    r = layout.radius * 0.72
    surface.blit(tag, tag.get_rect(center=(centre[0] - r, centre[1] - r)))


def paint_board(stones: int, layout: art.RoadLayout, road) -> pygame.Surface:
    """The meadow with this game's road on it: every stone and its number (they never change)."""
    board = art.meadow(stones).copy()
    for stone, centre in zip(road, layout.centres):
        img = art.stone(stone.face, layout.radius, stone.kind)
        board.blit(img, img.get_rect(center=centre))
    for stone, centre in zip(road, layout.centres):   # numbers on top: never hidden by a neighbour
        blit_number(board, layout, stone.number, centre)
    return board


def draw_next_stone(surface, layout: art.RoadLayout, index: int, stone, t: float) -> None:
    """The stone to hop onto next breathes in a yellow ring: hop here."""
    centre = layout.centres[index]
    pulse = 4 + 3 * math.sin(t * 6)
    pygame.draw.circle(surface, d.YELLOW, centre, layout.radius + pulse + 4)
    img = art.stone(stone.face, layout.radius, stone.kind)
    surface.blit(img, img.get_rect(center=centre))
    blit_number(surface, layout, stone.number, centre)


def piece_spot(layout: art.RoadLayout, position: int, positions: list[int], player: int,
               side_by_side: bool) -> pygame.Vector2:
    """Where ``player``'s piece stands at ``position`` (a stone, or the start): a little aside when
    other pieces stand there too (``positions``: every piece's stone; ``side_by_side``: several players
    share the start arch)."""
    if position == START:   # side by side under the start arch
        x, y = layout.start
        dx, dy = ((-24, -16), (24, -16), (-24, 26), (24, 26))[player] if side_by_side else (0, 0)
        return pygame.Vector2(x + dx, y + dy)
    r = layout.radius
    # at the back right of its stone, so the letter it stands on can still be read
    spot = pygame.Vector2(layout.centres[position]) + pygame.Vector2(r * 0.5, -r * 0.45)
    sharing = [i for i, p in enumerate(positions) if p == position]
    if len(sharing) > 1 and player in sharing:
        k = sharing.index(player)
        spot += pygame.Vector2(-r * 0.5 * k, r * 0.12 * (k % 2))
    return spot


def in_flight(start: pygame.Vector2, end: pygame.Vector2, k: float) -> pygame.Vector2:
    """A hopping piece's centre, ``k`` (0 -> 1) of the way from ``start`` to ``end``, up in an arc."""
    return start.lerp(end, k) + pygame.Vector2(0, -math.sin(k * math.pi) * HOP_HEIGHT)


def standing(spot: pygame.Vector2) -> pygame.Vector2:
    """A standing piece's centre, above its foot at ``spot``."""
    return spot + pygame.Vector2(0, -PIECE_SIZE * 0.32)


def draw_piece(surface, player, foot: pygame.Vector2, centre: pygame.Vector2, bob: float = 0) -> None:
    """A player's animal on its coloured stand (the stand stays on the ground while the animal hops)."""
    stand = art.piece_stand(player.color, PIECE_SIZE + 10)
    surface.blit(stand, stand.get_rect(center=(foot.x, foot.y + 6)))
    draw_avatar_on_disc(surface, player.name, PIECE_SIZE, (centre.x, centre.y + bob))


def road_pictures(layout: art.RoadLayout, road):
    """Every stone picture the road shows (to paint them before play needs them)."""
    for stone in road:
        yield art.stone(stone.face, layout.radius, stone.kind), art.number_tag(stone.number, tag_size(layout))
