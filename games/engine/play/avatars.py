"""Children's avatars: an animal and a colour (never a photo), drawn with shapes like the player tokens.

Eight animals x eight colours give 64 different avatars, so every child in a class gets their own.
"""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.records.avatars import ANIMALS, COLOR_NAMES, next_avatar  # noqa: F401  (names with their pictures)

COLORS = {"red": d.RED, "orange": d.ORANGE, "yellow": d.YELLOW, "green": d.GREEN, "teal": d.TEAL,
          "blue": d.BLUE, "purple": d.PURPLE, "pink": d.PINK}
assert tuple(COLORS) == COLOR_NAMES, "an avatar colour without its paint"
FACE = (255, 236, 200)    # the light face of the lion, the bear's muzzle...
PINK_EAR = (255, 175, 190)


def rgb(color: str) -> tuple:
    return COLORS.get(color, d.YELLOW)


def _eyes(s, r, y=0.85, gap=0.28, size=0.16):
    for ex in (1 - gap, 1 + gap):
        pygame.draw.circle(s, d.WHITE, (r * ex, r * y), r * size)
        pygame.draw.circle(s, d.INK, (r * ex, r * (y + .03)), r * size * .55)
        pygame.draw.circle(s, d.WHITE, (r * (ex - size * .25), r * (y - size * .25)), r * size * .18)


def _smile(s, r, y=1.08, w=.5, width=.06):
    pygame.draw.arc(s, d.INK, pygame.Rect(r * (1 - w / 2), r * y, r * w, r * .35), math.pi * 1.1, math.pi * 1.9,
                    max(1, int(r * width)))


def _paint(s, r, animal, color):
    dark, light = d.shade(color, 0.72), d.shade(color, 1.55)
    if animal == "Lion":
        for i in range(14):
            a = i * math.tau / 14
            pygame.draw.circle(s, dark if i % 2 else color, (r + math.cos(a) * r * .68, r + math.sin(a) * r * .68), r * .32)
        pygame.draw.circle(s, FACE, (r, r), r * .64)
        _eyes(s, r, .85, .26, .14)
        pygame.draw.polygon(s, d.BROWN, [(r * .88, r * 1.08), (r * 1.12, r * 1.08), (r, r * 1.22)])
        _smile(s, r, 1.1, .42)
    elif animal == "Frog":
        pygame.draw.ellipse(s, color, pygame.Rect(r * .12, r * .6, r * 1.76, r * 1.3))
        for ex in (.55, 1.45):
            pygame.draw.circle(s, color, (r * ex, r * .55), r * .33)
            pygame.draw.circle(s, d.WHITE, (r * ex, r * .55), r * .22)
            pygame.draw.circle(s, d.INK, (r * ex, r * .58), r * .11)
        pygame.draw.ellipse(s, light, pygame.Rect(r * .55, r * 1.35, r * .9, r * .4))
        _smile(s, r, .95, .9, .07)
        for ex in (.35, 1.65):
            pygame.draw.circle(s, d.shade(PINK_EAR, 1.1), (r * ex, r * 1.15), r * .1)
    elif animal == "Fish":
        pygame.draw.polygon(s, dark, [(r * 1.45, r), (r * 1.98, r * .42), (r * 1.98, r * 1.58)])
        pygame.draw.polygon(s, dark, [(r * .7, r * .45), (r * 1.1, r * .18), (r * 1.2, r * .5)])
        pygame.draw.ellipse(s, color, pygame.Rect(r * .05, r * .38, r * 1.6, r * 1.24))
        for i in range(3):
            pygame.draw.arc(s, light, pygame.Rect(r * (.75 + i * .22), r * .62, r * .4, r * .76), -1, 1, max(1, int(r * .06)))
        pygame.draw.circle(s, d.WHITE, (r * .5, r * .88), r * .17)
        pygame.draw.circle(s, d.INK, (r * .47, r * .9), r * .09)
        pygame.draw.arc(s, d.INK, pygame.Rect(r * .1, r * 1.02, r * .3, r * .22), math.pi * 1.2, math.pi * 1.9,
                        max(1, int(r * .05)))
    elif animal == "Bird":
        pygame.draw.polygon(s, dark, [(r * .8, r * .32), (r * .95, r * .02), (r * 1.1, r * .3)])
        pygame.draw.polygon(s, dark, [(r * .95, r * .3), (r * 1.2, r * .05), (r * 1.22, r * .36)])
        pygame.draw.circle(s, color, (r, r * 1.05), r * .84)
        pygame.draw.ellipse(s, light, pygame.Rect(r * .5, r * 1.22, r, r * .6))
        _eyes(s, r, .88, .3, .16)
        beak = d.YELLOW if color == d.ORANGE else d.ORANGE
        pygame.draw.polygon(s, beak, [(r * .84, r * 1.06), (r * 1.16, r * 1.06), (r, r * 1.36)])
    elif animal == "Cat":
        for side in (-1, 1):
            pygame.draw.polygon(s, color, [(r * (1 + side * .78), r * .95), (r * (1 + side * .78), r * .1),
                                           (r * (1 + side * .18), r * .55)])
            pygame.draw.polygon(s, PINK_EAR, [(r * (1 + side * .68), r * .75), (r * (1 + side * .68), r * .3),
                                              (r * (1 + side * .36), r * .55)])
        pygame.draw.circle(s, color, (r, r * 1.08), r * .8)
        pygame.draw.ellipse(s, light, pygame.Rect(r * .62, r * 1.12, r * .76, r * .5))
        _eyes(s, r, .92, .32, .15)
        pygame.draw.polygon(s, PINK_EAR, [(r * .9, r * 1.16), (r * 1.1, r * 1.16), (r, r * 1.28)])
        for side in (-1, 1):
            for dy in (-.05, .08):
                pygame.draw.line(s, d.INK, (r * (1 + side * .25), r * (1.3 + dy)), (r * (1 + side * .72), r * (1.24 + dy * 2)),
                                 max(1, int(r * .03)))
    elif animal == "Bear":
        for ex in (.38, 1.62):
            pygame.draw.circle(s, color, (r * ex, r * .42), r * .3)
            pygame.draw.circle(s, light, (r * ex, r * .42), r * .16)
        pygame.draw.circle(s, color, (r, r * 1.06), r * .82)
        pygame.draw.ellipse(s, FACE, pygame.Rect(r * .6, r * 1.08, r * .8, r * .6))
        _eyes(s, r, .88, .3, .13)
        pygame.draw.ellipse(s, d.INK, pygame.Rect(r * .86, r * 1.13, r * .28, r * .18))
        _smile(s, r, 1.2, .36, .05)
    elif animal == "Rabbit":
        for ex in (.68, 1.32):
            pygame.draw.ellipse(s, color, pygame.Rect(r * (ex - .2), r * .0, r * .4, r * 1.05))
            pygame.draw.ellipse(s, PINK_EAR, pygame.Rect(r * (ex - .1), r * .12, r * .2, r * .78))
        pygame.draw.circle(s, color, (r, r * 1.2), r * .72)
        pygame.draw.ellipse(s, light, pygame.Rect(r * .62, r * 1.28, r * .76, r * .5))
        _eyes(s, r, 1.08, .3, .14)
        pygame.draw.circle(s, PINK_EAR, (r, r * 1.32), r * .08)
        pygame.draw.rect(s, d.WHITE, pygame.Rect(r * .9, r * 1.42, r * .2, r * .17), border_radius=max(1, int(r * .04)))
        pygame.draw.line(s, d.INK, (r, r * 1.42), (r, r * 1.58), max(1, int(r * .025)))
    else:   # Owl
        pygame.draw.polygon(s, dark, [(r * .3, r * .55), (r * .35, r * .05), (r * .7, r * .35)])
        pygame.draw.polygon(s, dark, [(r * 1.7, r * .55), (r * 1.65, r * .05), (r * 1.3, r * .35)])
        pygame.draw.ellipse(s, color, pygame.Rect(r * .18, r * .22, r * 1.64, r * 1.74))
        pygame.draw.ellipse(s, light, pygame.Rect(r * .5, r * 1.1, r, r * .8))
        for i in range(3):
            pygame.draw.arc(s, color, pygame.Rect(r * (.62 + i * .26), r * 1.4, r * .26, r * .2), math.pi, math.tau,
                            max(1, int(r * .04)))
        for ex in (.68, 1.32):
            pygame.draw.circle(s, d.WHITE, (r * ex, r * .8), r * .28)
            pygame.draw.circle(s, d.INK, (r * ex, r * .82), r * .14)
            pygame.draw.circle(s, d.WHITE, (r * (ex - .05), r * .76), r * .04)
        pygame.draw.polygon(s, d.ORANGE, [(r * .9, r * 1.0), (r * 1.1, r * 1.0), (r, r * 1.22)])


@d.surface_cache(shared=True)
def avatar_image(animal: str, color: str, size: int) -> pygame.Surface:
    """The animal in its colour, ``size`` pixels square, smooth-edged."""
    return d.smooth((size, size), lambda s, k: _paint(s, size * k / 2, animal, rgb(color)))


@d.surface_cache(shared=True)
def _disc(size: int, color: str) -> pygame.Surface:
    ring = max(3, size // 28)
    total = size + 4 * ring

    def paint(s, k):
        c = total * k / 2
        pygame.draw.circle(s, d.shade(rgb(color), 0.75), (c, c), c)
        pygame.draw.circle(s, (255, 252, 244), (c, c), c - ring * k)
    return d.smooth((total, total), paint)


def draw_avatar(surface, animal: str, color: str, size: int, center, alpha: int = 255) -> None:
    """The avatar on a light disc ringed in its colour (it stands out on any background)."""
    size = max(12, int(size) // 4 * 4)   # few sizes: cache hits while bouncing
    disc, img = _disc(size, color), avatar_image(animal, color, int(size * 0.84))
    if alpha < 255:
        disc, img = disc.copy(), img.copy()
        disc.set_alpha(alpha)
        img.set_alpha(alpha)
    surface.blit(disc, disc.get_rect(center=(round(center[0]), round(center[1]))))
    surface.blit(img, img.get_rect(center=(round(center[0]), round(center[1]))))


def draw_guest(surface, size: int, center) -> None:
    """The "just play" picture: a smiling sun (no child, nothing recorded)."""
    size = max(12, int(size) // 4 * 4)
    surface.blit(_guest(size), _guest(size).get_rect(center=(round(center[0]), round(center[1]))))


@d.surface_cache(shared=True)
def _guest(size: int) -> pygame.Surface:
    def paint(s, k):
        r = size * k / 2
        for i in range(12):
            a = i * math.tau / 12
            tip = (r + math.cos(a) * r * .98, r + math.sin(a) * r * .98)
            left = (r + math.cos(a - .18) * r * .62, r + math.sin(a - .18) * r * .62)
            right = (r + math.cos(a + .18) * r * .62, r + math.sin(a + .18) * r * .62)
            pygame.draw.polygon(s, d.ORANGE, [tip, left, right])
        pygame.draw.circle(s, d.YELLOW, (r, r), r * .66)
        pygame.draw.circle(s, d.shade(d.YELLOW, 1.3), (r * .85, r * .8), r * .3)
        for ex in (.78, 1.22):
            pygame.draw.circle(s, d.INK, (r * ex, r * .9), r * .08)
        pygame.draw.arc(s, d.INK, pygame.Rect(r * .68, r * .85, r * .64, r * .5), math.pi * 1.1, math.pi * 1.9,
                        max(1, int(r * .07)))
    return d.smooth((size, size), paint)
