"""The big die: the button a child taps to roll, and how it wiggles, tumbles and lights its pips as they are counted."""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.core.widgets import Tappable

from . import art

DIE_CENTER = (1020, 100)
DIE_SIZE = 140
TUMBLE_TIME = 1.0
PIP_TIME = 0.62          # one pip lights up and is counted
NUMBER_WORDS = ["one", "two", "three", "four", "five", "six"]


def number_word(n: int) -> str:
    """``3`` -> ``"Three"``: how the voice counts pips and hops."""
    return NUMBER_WORDS[n - 1].capitalize()


class DieButton(Tappable):
    """The big die: tap it to roll."""

    def __init__(self, on_press):
        rect = pygame.Rect(0, 0, DIE_SIZE + 20, DIE_SIZE + 20)
        rect.center = DIE_CENTER
        super().__init__(rect)
        self.on_press = on_press

    def activate(self):
        self.on_press()


def draw_die(surface, state: str, value: int, lit: int, spin: float, t: float, faces: int, color,
             focus_rect: pygame.Rect | None = None) -> None:
    """The die as the turn stands: wiggling while it waits to be tapped ("roll"), tumbling through
    other faces and slowing down ("tumble", ``spin`` going 0 -> 1), else still with ``lit`` pips lit."""
    spin = spin if state == "tumble" else 1.0
    if state == "tumble":
        face = (int(spin * 14) * 5 + 1) % faces + 1 if spin < 0.85 else value
        angle = (1 - spin) * 540
        hop = abs(math.sin(spin * math.pi * 3)) * 40 * (1 - spin)
    else:
        face, angle, hop = value, 0, 0
    lit = lit if state != "roll" else 0
    if state == "roll":
        angle = math.sin(t * 3) * 6
    img = art.die(face, lit, DIE_SIZE, color)
    if angle:
        img = pygame.transform.rotozoom(img, angle, 1.0)
    surface.blit(img, img.get_rect(center=(DIE_CENTER[0], DIE_CENTER[1] - hop)))
    if focus_rect is not None:   # the keyboard's focus is on the die
        pygame.draw.rect(surface, d.BLUE, focus_rect.inflate(10, 10), 6, border_radius=34)


def die_pictures(faces: int, color):
    """Every picture the die can show in ``color`` (to paint them before play needs them)."""
    for value in range(1, faces + 1):
        for lit in range(value + 1):
            yield art.die(value, lit, DIE_SIZE, color)
