"""The celebration a child gets for a right answer, and the gentle try-again for a miss.

:class:`Celebration` is an overlay scene: confetti and bouncing stars over the game, a cheer, and
specific praise spoken and captioned ("You wrote the letter D!"). It closes by itself (or on a tap)
and then calls ``on_done``. :func:`try_again` is the kind answer to a miss: a soft sound and
encouraging words, never a buzzer.
"""
from __future__ import annotations

import math
import random

import pygame

from games.engine.core import draw as d
from games.engine.core.input import DOWN, Pointer
from games.engine.core.scene import Scene


class Confetti:
    """Paper bits and stars that burst from a point and flutter down."""

    def __init__(self, origin, count=90, rng=None):
        rng = rng or random.Random()
        self.bits = []
        for _ in range(count):
            angle = rng.uniform(-math.pi, 0)
            speed = rng.uniform(250, 750)
            self.bits.append({
                "pos": pygame.Vector2(origin),
                "vel": pygame.Vector2(math.cos(angle) * speed, math.sin(angle) * speed),
                "color": rng.choice(d.CANDY), "size": rng.uniform(8, 16),
                "spin": rng.uniform(0, math.tau), "spin_speed": rng.uniform(-8, 8),
                "star": rng.random() < 0.25,
            })

    def update(self, dt):
        for b in self.bits:
            b["vel"].y += 700 * dt
            b["vel"] *= (1 - 1.2 * dt)
            b["pos"] += b["vel"] * dt
            b["spin"] += b["spin_speed"] * dt

    def draw(self, surface):
        for b in self.bits:
            x, y = b["pos"]
            if y > d.H + 20:
                continue
            if b["star"]:
                img = d.star(int(b["size"] * 2.2))
                surface.blit(img, img.get_rect(center=(x, y)))
                continue
            w = b["size"] * abs(math.cos(b["spin"])) + 2
            pygame.draw.ellipse(surface, b["color"], pygame.Rect(x - w / 2, y - b["size"] / 3, w, b["size"] * 0.66))


class Celebration(Scene):
    """Confetti, stars, a cheer and spoken praise; then ``on_done()``."""

    overlay = True
    DURATION = 2.8
    #: where the big letter is drawn (a game can fly its own card back from there afterwards)
    LETTER_CENTER = (d.W / 2, d.H * 0.58)

    def __init__(self, app, praise: str, on_done=None, *, big_letter: str | None = None, stars: int = 3):
        super().__init__(app)
        self.praise, self.on_done, self.big_letter, self.stars = praise, on_done, big_letter, stars
        self.t = 0.0
        self.confetti = [Confetti((d.W * 0.3, d.H * 0.55)), Confetti((d.W * 0.7, d.H * 0.55))]
        self._closed = False

    def enter(self):
        self.app.sounds.play("cheer")
        self.app.speaker.say(self.praise, interrupt=True)

    def handle(self, event):
        if isinstance(event, Pointer) and event.kind == DOWN and self.t > 0.8:
            self.close()
        elif not isinstance(event, Pointer) and event.type == pygame.KEYDOWN and self.t > 0.8:
            self.close()

    def close(self):
        if self._closed:
            return
        self._closed = True
        self.app.pop_scene(self)
        if self.on_done:
            self.on_done()

    def update(self, dt):
        self.t += dt
        for c in self.confetti:
            c.update(dt)
        if self.t >= self.DURATION:
            self.close()

    def draw(self, surface):
        fade = min(1.0, self.t * 4)
        veil = pygame.Surface((d.W, d.H), pygame.SRCALPHA)
        veil.fill((255, 255, 255, int(90 * fade)))
        surface.blit(veil, (0, 0))
        for i in range(self.stars):
            delay = 0.15 + i * 0.18
            k = _pop(self.t - delay)
            if k <= 0:
                continue
            size = int(150 * k)
            img = d.star(max(8, size))
            x = d.W / 2 + (i - (self.stars - 1) / 2) * 180
            y = d.H * 0.30 - (30 if i == self.stars // 2 else 0)
            surface.blit(img, img.get_rect(center=(x, y)))
        if self.big_letter:
            k = _pop(self.t - 0.1)
            if k > 0:
                d.draw_glyph(surface, self.big_letter, int(220 * k), self.LETTER_CENTER, d.PURPLE)
        for c in self.confetti:
            c.draw(surface)


def _pop(t: float) -> float:
    """0 before t=0, then grows to 1 with a springy overshoot (ease-out-back)."""
    if t <= 0:
        return 0.0
    x, c = min(1.0, t / 0.45), 1.7
    return 1 + (c + 1) * (x - 1) ** 3 + c * (x - 1) ** 2


def try_again(app, text: str) -> None:
    """The gentle answer to a miss: a soft sound and kind words (spoken and captioned)."""
    app.sounds.play("try_again")
    app.speaker.say(text, interrupt=True)
