"""The bingo cards in play: the big card of the player whose turn it is (its squares to tap, chips
popping on, the glow on the square to find, a wrong square's wobble), everyone's small cards down
the side, and the veil and letter shown while a child writes to cover."""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.play.players import draw_avatar_on_disc
from games.engine.core.widgets import Tappable

from . import art

BIG_CARD = pygame.Rect(0, 112, 0, 580)          # the player whose turn it is: big, x set from its width
BIG_CARD_CENTER_X = 748
MINI_H = 140                                     # everyone's cards, small, down the right side
MINI_X = 1128
MINI_DISC = 36                                   # a small card's animal, beside its top-left corner...
NAME_GAP = 12                                    # ...this far from it (issue 23: it touched the squares)
POP_TIME = 0.45                                  # a chip pops on


class Square(Tappable):
    """One square of the big card: tapped to cover it."""

    tap_slack = 4   # squares sit close together: a tap belongs to the square it lands on
    REACH = 4       # half the gap: a tap between two squares goes to the nearer one

    def __init__(self, rect, index, face, on_tap):
        super().__init__(rect)
        self.index, self.face, self.on_tap = index, face, on_tap
        self.wobble = 0.0

    def hit(self, pos) -> bool:
        return self.rect.inflate(2 * self.REACH, 2 * self.REACH).collidepoint(pos)

    def activate(self):
        self.on_tap(self)

    def update(self, dt):
        self.wobble = max(0.0, self.wobble - dt * 1.6)


class CardsInPlay:
    """Everyone's card (``cards[i]`` belongs to ``players[i]``), each painted once big and once small;
    the chips are drawn on top every frame, popping on as they are placed."""

    def __init__(self, cards, players, size: int):
        self.cards, self.players, self.size = cards, players, size
        big_w = art.card_width(BIG_CARD.h)
        self.big_rect = pygame.Rect(BIG_CARD_CENTER_X - big_w // 2, BIG_CARD.y, big_w, BIG_CARD.h)
        self.big_pictures: dict[int, pygame.Surface] = {}
        self.mini_pictures: dict[int, pygame.Surface] = {}
        self.pops: dict[tuple[int, int], float] = {}   # (player, square) -> chip pop 0..1

    def card_picture(self, i, w, h) -> pygame.Surface:
        p = self.players[i]
        return art.card_picture(self.cards[i], p.color, p.name, w, h, animal=h > MINI_H)

    def big_picture(self, i) -> pygame.Surface:
        if i not in self.big_pictures:
            self.big_pictures[i] = self.card_picture(i, self.big_rect.w, self.big_rect.h)
        return self.big_pictures[i]

    def mini_picture(self, i) -> pygame.Surface:
        if i not in self.mini_pictures:
            rect = self.mini_rect(i)
            self.mini_pictures[i] = self.card_picture(i, rect.w, rect.h)
        return self.mini_pictures[i]

    def pictures_to_prepare(self):
        """Paint each card big and small, and its chips, one picture a frame."""
        for i, p in enumerate(self.players):
            self.mini_pictures[i] = self.card_picture(i, art.card_width(MINI_H), MINI_H)
            yield
            draw_avatar_on_disc(pygame.Surface((80, 80), pygame.SRCALPHA), p.name, MINI_DISC, (40, 40))
            yield
            if i not in self.big_pictures:
                self.big_pictures[i] = self.card_picture(i, self.big_rect.w, self.big_rect.h)
                yield
            chip = int(self.square_rects()[0].w * 0.86)
            yield art.chip(p.color, chip), art.chip(p.color, int(chip * 1.2))   # the chip, and its pop
        yield art.glow(int(self.square_rects()[0].w * 1.6))

    def square_rects(self) -> list[pygame.Rect]:
        return art.square_rects(self.big_rect, self.size)

    def mini_rect(self, i) -> pygame.Rect:
        w = art.card_width(MINI_H)
        return pygame.Rect(MINI_X, 162 + i * (MINI_H + 12), w, MINI_H)

    def mini_name_disc(self, i) -> pygame.Rect:
        """Where player ``i``'s animal sits beside their small card: left of its top corner."""
        ring = max(3, MINI_DISC // 30)   # as players.draw_avatar_on_disc paints it
        disc = pygame.Rect(0, 0, MINI_DISC + 4 * ring, MINI_DISC + 4 * ring)
        rect = self.mini_rect(i)
        disc.topright = (rect.x - NAME_GAP, rect.y + 4)
        return disc

    def squares(self, player: int, on_tap) -> list[Square]:
        """The squares of ``player``'s big card still to cover, ready to tap."""
        card = self.cards[player]
        return [Square(rect, i, face, on_tap) for i, (rect, face) in enumerate(zip(self.square_rects(), card.squares))
                if i not in card.covered]

    def cover(self, player: int, index: int):
        """A chip goes on (and pops)."""
        self.cards[player].cover(index)
        self.pops[(player, index)] = 0.0

    def update(self, dt):
        for key in list(self.pops):
            self.pops[key] = min(1.0, self.pops[key] + dt / POP_TIME)

    def draw_big(self, surface, i: int, squares, *, glow_index=None, t=0.0, focus=None):
        """Player ``i``'s card, big: chips on the covered squares, the square at ``glow_index`` glowing,
        a wrong square wobbling, the focused one outlined."""
        surface.blit(self.big_picture(i), (self.big_rect.x - 10, self.big_rect.y - 10))
        color = self.players[i].color
        rects = self.square_rects()
        card = self.cards[i]
        for index in card.covered:
            face = card.squares[index]
            if face is None:
                continue
            sq = rects[index]
            img = art.chip_popping(color, int(sq.w * 0.86), self.pops.get((i, index), 1.0))
            surface.blit(img, img.get_rect(center=sq.center))
            d.draw_glyph(surface, face.square, int(sq.h * 0.4), sq.center, d.WHITE)
        if glow_index is not None:
            sq = rects[glow_index]
            pulse = 0.5 + 0.5 * math.sin(t * 3.5)
            halo = art.glow(int(sq.w * 1.6))
            halo.set_alpha(int(120 + 120 * pulse))
            surface.blit(halo, halo.get_rect(center=sq.center))
            warm = tuple(int(a + (b - a) * (0.35 + 0.4 * pulse)) for a, b in zip(art.PAPER_CELL, (255, 226, 120)))
            pygame.draw.rect(surface, warm, sq, border_radius=int(sq.w * 0.16))
            pygame.draw.rect(surface, d.GOLD, sq.inflate(6, 6), 6, border_radius=int(sq.w * 0.18))
            d.draw_glyph(surface, card.squares[glow_index].square, int(sq.h * 0.62), sq.center, d.INK)
        for s in squares:
            if s.wobble > 0:
                pygame.draw.rect(surface, color, s.rect.inflate(4, 4))
                moved = s.rect.move(math.sin(s.wobble * 28) * 12 * s.wobble, 0)
                pygame.draw.rect(surface, art.PAPER_CELL, moved, border_radius=int(moved.w * 0.16))
                d.draw_glyph(surface, s.face.square, int(s.rect.h * 0.62), moved.center, d.INK)
            if s is focus:
                pygame.draw.rect(surface, d.BLUE, s.rect.inflate(8, 8), 6, border_radius=int(s.rect.w * 0.2))

    def draw_mini(self, surface, i: int, *, highlighted=False, t=0.0):
        """Player ``i``'s card, small, with its chips and their animal beside it; a pulsing gold frame
        round both on the player whose turn it is."""
        rect = self.mini_rect(i)
        disc = self.mini_name_disc(i)
        if highlighted:
            pulse = 5 + 2 * math.sin(t * 5)
            pygame.draw.rect(surface, d.GOLD, rect.union(disc).inflate(14 + pulse, 14 + pulse), 6, border_radius=16)
        draw_avatar_on_disc(surface, self.players[i].name, MINI_DISC, disc.center)
        surface.blit(self.mini_picture(i), (rect.x - 10, rect.y - 10))
        rects = art.square_rects(rect, self.size)
        for index in self.cards[i].covered:
            if self.cards[i].squares[index] is not None:
                sq = rects[index]
                img = art.chip(self.players[i].color, int(sq.w * 0.9) // 2 * 2)
                surface.blit(img, img.get_rect(center=sq.center))


def draw_writing(surface, pad, letter: str, player, focused=False):
    """Write to cover: a veil over the card, the letter to write on a tile in the player's colour with
    their animal below it, and the writing pad."""
    surface.blit(_veil(), (0, 0))
    tile = pygame.Rect(0, 0, 104, 104)
    tile.center = (pad.rect.x - 72, pad.rect.y + 110)
    d.blit_panel(surface, tile, player.color, radius=20)
    inner = tile.inflate(-16, -16)
    pygame.draw.rect(surface, art.PAPER_CELL, inner, border_radius=14)
    d.draw_glyph(surface, letter, int(inner.h * 0.7), inner.center, d.INK)
    draw_avatar_on_disc(surface, player.name, 70, (tile.centerx, tile.bottom + 60))
    pad.draw(surface, focused=focused)


_veils = {}


def _veil() -> pygame.Surface:
    """A soft white veil over the card while the child writes."""
    if "v" not in _veils:
        veil = pygame.Surface((d.W, d.H), pygame.SRCALPHA)
        veil.fill((255, 255, 255, 150))
        _veils["v"] = veil
    return _veils["v"]
