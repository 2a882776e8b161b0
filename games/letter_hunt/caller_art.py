"""Pictures of the caller's side of the letter hunt table: the deck, its cards (patterned backs,
letter or picture faces) and the big letter box the tiles go back into."""
from __future__ import annotations

import pygame

from games.engine.core import draw as d

from .art import LETTER_INKS, WOOD, ink_for

CRATE = (196, 136, 76)
CARD_BACK = (54, 92, 180)


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
