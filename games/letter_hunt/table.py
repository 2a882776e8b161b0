"""Where things lie on the letter hunt table, and how its parts are drawn: the called card as it
flips, the big letter box the tiles drop into, and the players' baskets. The scene decides what
happens; this module only places and paints."""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.play.players import draw_avatar_on_disc
from games.engine.core.timeline import lerp

from . import art, caller_art
from .tiles import Flight

SAY_AGAIN_AT = (1196, 74)
DECK = pygame.Rect(58, 170, 150, 205)
CALLED = pygame.Rect(240, 140, 190, 262)
BOX = pygame.Rect(462, 150, 390, 262)
BASKET = pygame.Rect(170, 424, 800, 286)
SMALL_BASKET = pygame.Rect(20, 520, 390, 210)     # level 3: the face-down basket beside the pad
LOOK_BASKET = pygame.Rect(150, 220, 980, 350)     # level 3: the basket alone and bigger while the child looks
PAD = pygame.Rect(450, 130, 400, 570)     # level 3: over the box while the child writes
SIDE_BUTTON = pygame.Rect(1010, 470, 240, 200)    # "pick for me" while picking, "not in my basket" in play
MINI = (212, 92)                                  # the other players' baskets, top right...
MINI_X, MINI_Y, MINI_GAP = 1052, 140, 104         # ...their animals left of them, clear of the pad's buttons
SUPPLY_TILE = 100
SUPPLY_COLS = 9


def supply_places(n: int) -> list[pygame.Rect]:
    """Where ``n`` letter tiles lie on the table to pick from: centred rows of at most ``SUPPLY_COLS``."""
    rows = -(-n // SUPPLY_COLS)
    per_row = -(-n // rows)
    gap = 14
    top = 128 if rows >= 3 else 300 - rows * (SUPPLY_TILE + gap) // 2
    places = []
    for i in range(n):
        row, col = divmod(i, per_row)
        in_row = min(per_row, n - row * per_row)
        x = d.W / 2 + (col - (in_row - 1) / 2) * (SUPPLY_TILE + gap)
        r = pygame.Rect(0, 0, SUPPLY_TILE, SUPPLY_TILE)
        r.center = (x, top + row * (SUPPLY_TILE + gap) + SUPPLY_TILE / 2)
        places.append(r)
    return places


def tile_size(rect: pygame.Rect, count: int) -> int:
    """How big the tiles of a basket of ``count`` letters are when the basket is drawn in ``rect``."""
    opening = art.basket_opening(rect)
    rows = 1 if count <= 5 else 2
    per_row = -(-count // rows)
    return int(min(opening.h * (0.82 if rows == 1 else 0.54), opening.w / per_row * 0.86))


NAME_GAP = 14     # px between a child's animal disc and their basket (issue 23: they touched)
BIG_DISC, SMALL_DISC = 64, 48   # the animal's size beside the big basket and beside a small one


def name_disc(rect: pygame.Rect, size: int) -> pygame.Rect:
    """Where the animal disc of a basket drawn in ``rect`` goes: left of it, ``NAME_GAP`` away, or
    above its left end when the basket lies at the screen's left edge (level 3, beside the pad)."""
    disc = pygame.Rect(0, 0, *_disc_size(size))
    if rect.x - NAME_GAP - disc.w >= 10:
        disc.midright = (rect.x - NAME_GAP, rect.centery)
    else:
        disc.bottomleft = (rect.x + 20, rect.y - NAME_GAP)
    return disc


def _disc_size(size: int) -> tuple[int, int]:
    ring = max(3, size // 30)   # as players.draw_avatar_on_disc paints it
    return size + 4 * ring, size + 4 * ring


def small_basket_rect(j: int) -> pygame.Rect:
    """The ``j``-th of the other players' small baskets, down the right side."""
    return pygame.Rect(MINI_X, MINI_Y + j * MINI_GAP, *MINI)


def pictures_to_prepare(colors, supply, count: int, write: bool):
    """Paint the pictures of the calling stage ahead, a few each frame while the children pick,
    so no frame of the game waits for a big painting."""
    big = SMALL_BASKET if write else BASKET
    caller_art.box_back(BOX.w, BOX.h)
    yield
    caller_art.box_front(BOX.w, BOX.h)
    yield
    caller_art.card_back(DECK.w, DECK.h)
    yield
    sizes = {tile_size(big, count), tile_size(pygame.Rect(0, 0, *MINI), count)}
    for i, card in enumerate(supply):
        caller_art.card_face(CALLED.w, CALLED.h, card.shown)
        for size in sizes:
            art.tile(card.answer, size, True)
            art.tile(card.answer, size, False)
        if i % 3 == 2:
            yield
    # the baskets last: the biggest pictures, so the cache's newest (never pushed out before play starts)
    for rect in (BASKET, big, pygame.Rect(0, 0, *MINI)):
        for color in colors:
            art.basket(rect.w, rect.h, color)
            yield


def look_pictures(color, cards, count: int):
    """Level 3: the pictures of a child's look at their basket (the basket bigger, scaled from
    ``BASKET``'s, and their tiles at its size), one a frame while the full basket is admired."""
    yield basket_picture(LOOK_BASKET, color)
    size = tile_size(LOOK_BASKET, count)
    yield art.glow(size * 1.5, size * 1.5)   # each tile glows in turn
    for card in cards:
        yield art.tile(card.answer, size // 4 * 4, True)
        yield art.tile(card.answer, size // 4 * 4, False)


def basket_picture(rect: pygame.Rect, color) -> pygame.Surface:
    """A basket to draw in ``rect``: the look's big one is scaled from ``BASKET``'s picture."""
    if rect.size == LOOK_BASKET.size:
        return art.basket_scaled(rect.w, rect.h, tuple(color), BASKET.w, BASKET.h)
    return art.basket(rect.w, rect.h, tuple(color))


class CalledCard:
    """The caller's card: it flips from the deck to face up beside it (``k`` 0 to 1), then goes away
    (``away`` 0 to 1). Its face (the letter, "?" or a picture) is painted when it first shows."""

    def __init__(self):
        self.k = 0.0
        self.away = 0.0
        self._face = None
        self._face_of = None    # the call the face was painted for

    def face_for(self, call) -> pygame.Surface | None:
        """The face painted for ``call``, or None while it has not shown yet."""
        return self._face if self._face_of is call else None

    def draw(self, surface, call):
        k = self.k
        pos = pygame.Vector2(DECK.center).lerp(CALLED.center, k) - pygame.Vector2(0, math.sin(k * math.pi) * 60)
        w = lerp(DECK.w, CALLED.w, k)
        h = lerp(DECK.h, CALLED.h, k)
        if self.away > 0:
            pos.y -= 40 * self.away
        width = max(2, int(w * abs(2 * k - 1)))
        if k >= 0.5:
            if self._face_of is not call:
                self._face = caller_art.card_face(CALLED.w, CALLED.h, call.face) if call.picture is None \
                    else caller_art.card_picture_face(CALLED.w, CALLED.h, call.picture)
                self._face_of = call
            img = self._face
        else:
            img = caller_art.card_back(DECK.w, DECK.h)
        img = pygame.transform.smoothscale(img, (width, int(h))) if (width, int(h)) != img.get_size() else img
        if self.away > 0:
            img = img.copy()
            img.set_alpha(int(255 * (1 - self.away)))
        surface.blit(img, img.get_rect(center=pos))


class LetterBox:
    """The big letter box the tiles go back into: they fly in over its back and drop behind its
    front, and it bounces a little when one lands."""

    rect = BOX

    def __init__(self):
        self.bounce = 0.0

    def takes(self, pos) -> bool:
        """A tile let go here goes into the box."""
        return BOX.inflate(60, 60).collidepoint(pos)

    def flight_in(self, face: str, start: pygame.Vector2, size: float, then) -> Flight:
        """A tile's flight from ``start`` up over the box's edge and down into it."""
        top, front = caller_art.box_parts(BOX)
        end = (BOX.centerx, front.y + size * 0.6)
        return Flight(face, start, end, size, 90, then, lift=max(60, start.y - top.y + 90), into_box=True, seconds=0.8)

    def landed(self):
        self.bounce = 1.0

    def update(self, dt):
        self.bounce = max(0.0, self.bounce - dt * 2.5)

    def draw(self, surface, flights, *, glowing: bool, t: float):
        """The box, the tiles falling into it (``flights``), and a glow while a tile is dragged to it."""
        squash = 1 + 0.04 * math.sin(self.bounce * math.pi * 2) * self.bounce
        rect = BOX
        if glowing:
            g = art.glow(BOX.w + 80, BOX.h + 60)
            g.set_alpha(int(180 + 60 * math.sin(t * 6)))
            surface.blit(g, g.get_rect(center=BOX.center))
        back = caller_art.box_back(rect.w, rect.h)
        surface.blit(back, back.get_rect(midbottom=(rect.centerx, rect.bottom)))
        _, front = caller_art.box_parts(rect)
        for f in flights:
            if f.into_box:
                f.draw(surface, clip_bottom=front.y + 8)
        img = caller_art.box_front(rect.w, rect.h)
        if squash != 1:
            img = pygame.transform.smoothscale(img, (int(rect.w * squash), int(rect.h / squash)))
        surface.blit(img, img.get_rect(midbottom=(rect.centerx, rect.bottom)))


def draw_small_basket(surface, rect: pygame.Rect, player, basket, count: int, face_up: bool):
    """Another player's basket, small, with their tiles as they lie and their animal beside it."""
    surface.blit(art.basket(rect.w, rect.h, tuple(player.color)), rect)
    size = tile_size(rect, count)
    slots = art.basket_slots(rect, count, size)
    for place, card in zip(basket.places, basket.cards):
        surface.blit(art.tile(card.answer, size, face_up), slots[place])
    draw_avatar_on_disc(surface, player.name, SMALL_DISC, name_disc(rect, SMALL_DISC).center)


def draw_big_basket(surface, rect: pygame.Rect, player, basket, count: int, tiles, focus, *,
                    empty_places=False, avatar=False):
    """The basket of the player whose turn it is, with its tile widgets; while picking, dashed
    outlines where the letters still to pick will lie; with several players, their animal."""
    surface.blit(basket_picture(rect, player.color), rect)
    if empty_places:
        slots = art.basket_slots(rect, count, tile_size(rect, count))
        taken = set(basket.places)
        for place, slot in enumerate(slots):
            if place not in taken:
                surface.blit(art.empty_place(slot.w), slot)
    for t in tiles:
        t.draw(surface, focused=focus is t)
    if avatar:
        draw_avatar_on_disc(surface, player.name, BIG_DISC, name_disc(rect, BIG_DISC).center)
