"""What the caller's side of bingo shows: the called ball rolling out of the cage to the tray, the
balls called before along the top, and the grown-up's strip of letters ("I call the letters")."""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.core.timeline import ease
from games.engine.core.widgets import Button

from . import art

STRIP = pygame.Rect(140, 16, 940, 60)            # "I call the letters": the grown-ups' strip
HISTORY_MOST = 18    # called balls shown along the top


def draw_called_ball(surface, face, roll_k: float, cue=None):
    """The called ball ``face``, ``roll_k`` (0..1) of the way from the cage's door to the tray. With a
    ``cue`` (called by sound or picture word, not named yet) its disc shows the picture or "?"."""
    k = ease("linear", roll_k)
    drop = ease("drop_hop", roll_k)
    door = (art.CAGE_CENTER[0], art.CAGE_CENTER[1] + art.CAGE_R)
    x = door[0] + math.sin(k * math.pi) * 30
    y = door[1] + (art.TRAY_CENTER[1] - door[1]) * drop
    size = int(40 + (art.TRAY_BALL - 40) * k)
    if cue is None:
        img = art.ball(face.call, art.TRAY_BALL)
    else:
        img = art.ball(face.call, art.TRAY_BALL, blank=True).copy()
        disc = pygame.Rect(0, 0, art.TRAY_BALL * art.CUE_DISC * 0.9, art.TRAY_BALL * art.CUE_DISC * 0.9)
        disc.center = (art.TRAY_BALL // 2, art.TRAY_BALL // 2)
        cue.draw_cue(img, disc)
    if size < art.TRAY_BALL:
        img = pygame.transform.smoothscale(img, (size, size))
    surface.blit(img, img.get_rect(center=(x, y)))


def draw_history(surface, history):
    """The balls called before, in a row along the top (the last ``HISTORY_MOST``)."""
    for i, f in enumerate(history[-HISTORY_MOST:]):
        img = art.ball(f.call, 46)
        surface.blit(img, img.get_rect(center=(170 + i * 50, 66)))


def teacher_strip(pool, on_letter) -> list[Button]:
    """A button for each letter on the cards, in alphabet order, along the top: the grown-up taps the
    letter they called aloud (``on_letter(face)``)."""
    faces = sorted(pool, key=lambda f: f.base)
    step = min(52, STRIP.w // max(1, len(faces)))
    x0 = STRIP.centerx - step * len(faces) / 2
    strip = []
    for i, f in enumerate(faces):
        button = Button((x0 + i * step + 2, STRIP.y + 4, step - 4, STRIP.h - 8), lambda f=f: on_letter(f),
                        label=f.call, color=d.WHITE, sound="click", label_size=30)
        button.face = f
        strip.append(button)
    return strip


def draw_strip(surface, strip, called_bases, focus=None):
    """The grown-up's strip on its panel, with a tick on the letters already called."""
    panel = strip[0].rect.unionall([b.rect for b in strip]).inflate(28, 16)
    d.blit_panel(surface, panel, (226, 230, 240), radius=18, gloss=False)
    for b in strip:
        b.draw(surface, focused=focus is b)
        if b.face.base in called_bases:
            x, y = b.rect.right - 2, b.rect.bottom - 2
            pygame.draw.circle(surface, d.GREEN, (x - 6, y - 8), 11)
            pygame.draw.lines(surface, d.WHITE, False, [(x - 12, y - 8), (x - 7, y - 3), (x + 0, y - 13)], 3)
