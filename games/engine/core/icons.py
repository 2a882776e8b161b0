"""Picture icons for buttons, drawn with vector shapes (children cannot read labels)."""
from __future__ import annotations

import math

import pygame

from games.engine.core.draw import INK, WHITE, YELLOW, smooth, star_points, surface_cache


def _home(s, k, c):
    w, h = s.get_size()
    roof = [(w * .5, h * .12), (w * .92, h * .5), (w * .08, h * .5)]
    pygame.draw.polygon(s, c, roof)
    pygame.draw.rect(s, c, pygame.Rect(w * .2, h * .45, w * .6, h * .43), border_radius=int(4 * k))
    pygame.draw.rect(s, (0, 0, 0, 0), pygame.Rect(w * .42, h * .6, w * .16, h * .28), border_radius=int(3 * k))


def _speaker(s, k, c):
    w, h = s.get_size()
    pygame.draw.polygon(s, c, [(w * .1, h * .38), (w * .3, h * .38), (w * .52, h * .16), (w * .52, h * .84),
                               (w * .3, h * .62), (w * .1, h * .62)])
    for i, r in enumerate((.22, .36)):
        rect = pygame.Rect(0, 0, w * r * 2, h * r * 2)
        rect.center = (w * .5, h * .5)
        pygame.draw.arc(s, c, rect, -0.9, 0.9, int(w * .07))


def _undo(s, k, c):
    w, h = s.get_size()
    rect = pygame.Rect(w * .2, h * .25, w * .6, h * .55)
    pygame.draw.arc(s, c, rect, -math.pi / 2, math.pi * 0.95, int(w * .11))
    pygame.draw.polygon(s, c, [(w * .06, h * .5), (w * .34, h * .5), (w * .2, h * .3)])


def _clear(s, k, c):
    w, h = s.get_size()
    body = [(w * .18, h * .62), (w * .55, h * .2), (w * .85, h * .45), (w * .48, h * .87)]
    pygame.draw.polygon(s, c, body)
    pygame.draw.polygon(s, (255, 160, 180), [(w * .18, h * .62), (w * .36, h * .41), (w * .66, h * .66),
                                             (w * .48, h * .87)])
    pygame.draw.line(s, c, (w * .12, h * .9), (w * .88, h * .9), int(w * .05))


def _check(s, k, c):
    w, h = s.get_size()
    pygame.draw.lines(s, c, False, [(w * .15, h * .52), (w * .4, h * .78), (w * .86, h * .22)], int(w * .16))
    for x, y in ((w * .15, h * .52), (w * .4, h * .78), (w * .86, h * .22)):
        pygame.draw.circle(s, c, (x, y), w * .08)


def _play(s, k, c):
    w, h = s.get_size()
    pygame.draw.polygon(s, c, [(w * .26, h * .14), (w * .88, h * .5), (w * .26, h * .86)])


def _gear(s, k, c):
    w, h = s.get_size()
    cx, cy, r = w / 2, h / 2, w * .3
    for i in range(8):
        a = i * math.pi / 4
        pygame.draw.line(s, c, (cx, cy), (cx + math.cos(a) * w * .44, cy + math.sin(a) * h * .44), int(w * .16))
    pygame.draw.circle(s, c, (cx, cy), r)
    pygame.draw.circle(s, (0, 0, 0, 0), (cx, cy), r * .42)


def _eye(s, k, c):
    w, h = s.get_size()
    pygame.draw.ellipse(s, c, pygame.Rect(w * .05, h * .25, w * .9, h * .5))
    pygame.draw.ellipse(s, WHITE, pygame.Rect(w * .12, h * .31, w * .76, h * .38))
    pygame.draw.circle(s, c, (w / 2, h / 2), w * .17)
    pygame.draw.circle(s, WHITE, (w * .45, h * .45), w * .05)


def _star(s, k, c):
    w, h = s.get_size()
    pygame.draw.polygon(s, c, star_points(w / 2, h * .54, w * .48, w * .2))


def _back(s, k, c):
    w, h = s.get_size()
    pygame.draw.polygon(s, c, [(w * .08, h * .5), (w * .48, h * .14), (w * .48, h * .34), (w * .9, h * .34),
                               (w * .9, h * .66), (w * .48, h * .66), (w * .48, h * .86)])


def _pencil(s, k, c):
    w, h = s.get_size()
    pygame.draw.polygon(s, YELLOW, [(w * .25, h * .9), (w * .1, h * .75), (w * .7, h * .15), (w * .85, h * .3)])
    pygame.draw.polygon(s, c, [(w * .25, h * .9), (w * .1, h * .75), (w * .04, h * .96)])
    pygame.draw.polygon(s, (240, 130, 150), [(w * .7, h * .15), (w * .85, h * .3), (w * .95, h * .2), (w * .8, h * .05)])


def _cross(s, k, c):
    w, h = s.get_size()
    pygame.draw.line(s, c, (w * .2, h * .2), (w * .8, h * .8), int(w * .16))
    pygame.draw.line(s, c, (w * .8, h * .2), (w * .2, h * .8), int(w * .16))


def _lock(s, k, c):
    w, h = s.get_size()
    pygame.draw.rect(s, c, pygame.Rect(w * .18, h * .45, w * .64, h * .45), border_radius=int(6 * k))
    pygame.draw.arc(s, c, pygame.Rect(w * .3, h * .1, w * .4, h * .6), 0, math.pi, int(w * .1))


PAINTERS = {"home": _home, "speaker": _speaker, "undo": _undo, "clear": _clear, "done": _check,
            "play": _play, "gear": _gear, "eye": _eye, "star": _star, "back": _back, "pencil": _pencil,
            "cross": _cross, "lock": _lock}


@surface_cache
def icon(name: str, size: int, color=INK) -> pygame.Surface:
    """The icon ``name`` as a ``size`` x ``size`` image."""
    painter = PAINTERS[name]
    return smooth((size, size), lambda s, k: painter(s, k, color))

