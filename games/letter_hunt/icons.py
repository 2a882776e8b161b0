"""Letter hunt's small pictures: the answer buttons ("not in my basket", "pick for me"), the
launcher icon and the level pictures."""
from __future__ import annotations

import pygame

from games.engine.core import draw as d
from games.engine.writing.tracepad import draw_pencil

from .art import basket, basket_opening, basket_slots, tile, tile_scaled
from .caller_art import card_face


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


# -- launcher icon and level pictures ---------------------------------------------------------------
@d.launcher_icon
def paint_icon(s: pygame.Surface, w: int, h: int) -> None:
    """A woven basket of letter tiles, with one called card held up behind it."""
    cw, ch = int(w * 0.36), int(h * 0.48)
    card = pygame.transform.rotate(card_face(cw, ch, "B"), 10)
    s.blit(card, card.get_rect(center=(w * 0.68, h * 0.3)))
    b = pygame.Rect(0, 0, int(w * 0.92), int(h * 0.55))
    b.midbottom = (w / 2, h)
    s.blit(basket(b.w, b.h, d.ORANGE), b)
    for face, slot in zip("aBm", basket_slots(b, 3, int(b.h * 0.56))):
        s.blit(tile(face, slot.w), slot)


def paint_level(surface, rect: pygame.Rect, level) -> None:
    """A basket holding the level's 5 or 10 tiles; face down with a pencil when they must be remembered and written."""
    count = level.options.get("letters", 5)
    write = level.options.get("write", False)
    area = pygame.Rect(rect.x, rect.y, int(rect.w * 0.78) if write else rect.w, rect.h)   # room for the pencil
    b = pygame.Rect(0, 0, area.w, min(area.h, int(area.w * 0.62)))
    b.center = area.center
    surface.blit(basket(b.w, b.h, d.shade(d.BLUE, 1.2)), b)
    size = int(basket_opening(b).h * (0.78 if count <= 5 else 0.42))
    size = min(size, int(basket_opening(b).w / (min(count, 5) + 0.8)))
    for i, slot in enumerate(basket_slots(b, count, size)):
        surface.blit(tile("abcdefghij"[i], size, not write), slot)
    if write:
        draw_pencil(surface, (rect.right - rect.w * 0.22, rect.bottom - rect.h * 0.1), size=int(rect.h * 0.8))
