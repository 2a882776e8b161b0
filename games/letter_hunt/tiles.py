"""Letter tiles on the letter hunt table: the tile a child taps or drags, how a tile is drawn as it
flips, and tiles flying along an arc (into a basket, back to the table, into the letter box)."""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.core.input import DOWN, MOVE, UP, Pointer
from games.engine.core.timeline import ease, lerp
from games.engine.core.widgets import Tappable

from . import art

FLY_TIME = 0.55
DRAG_START = 14         # pixels a finger moves before a press on a tile becomes a drag


class HuntTile(Tappable):
    """A letter tile on the table: in the supply, or in a basket. A tap (or Enter) calls ``on_tap``;
    with ``on_drop`` it can also be dragged, and is dropped with ``on_drop(tile, pos)``."""

    tap_slack = 15

    def __init__(self, rect, card, on_tap, on_drop=None, face_up=True, index=-1):
        super().__init__(rect)
        self.card, self.on_tap, self.on_drop, self.index = card, on_tap, on_drop, index
        self.face_up = face_up
        self.flip = 1.0 if face_up else 0.0
        self.glow = 0.0
        self.wobble = 0.0
        self.hidden = False       # carried by a flight: the flight draws it
        self.dragging = False
        self.drag_pos = pygame.Vector2()
        self._down_at = None

    @property
    def face(self) -> str:
        return self.card.answer

    def hit(self, pos) -> bool:   # a small tile still takes a 96 px finger
        grow = max(0, 96 - self.rect.w)
        return self.rect.inflate(grow, grow).collidepoint(pos)

    def can_tap(self) -> bool:
        return self.enabled and not self.hidden

    def activate(self):
        self.on_tap(self)

    def handle_pointer(self, p: Pointer) -> bool:
        if not self.can_tap():
            return False
        if p.kind == DOWN and self.hit(p.pos):
            self._pressed_by, self._down_at = p.id, pygame.Vector2(p.pos)
            return True
        if self._pressed_by != p.id:
            return False
        if p.kind == MOVE:
            if self.on_drop and not self.dragging and self._down_at.distance_to(p.pos) > DRAG_START:
                self.dragging = True
            if self.dragging:
                self.drag_pos = pygame.Vector2(p.pos)
            return True
        if p.kind == UP:
            self._pressed_by = None
            if self.dragging:
                self.dragging = False
                self.on_drop(self, p.pos)
            elif self.rect.inflate(self.tap_slack * 2, self.tap_slack * 2).collidepoint(p.pos):
                self.activate()
            return True
        return False

    def update(self, dt):
        target = 1.0 if self.face_up else 0.0
        step = dt * 3
        self.flip = min(target, self.flip + step) if self.flip < target else max(target, self.flip - step)
        self.glow = max(0.0, self.glow - dt)
        self.wobble = max(0.0, self.wobble - dt * 1.5)

    def draw(self, surface, focused=False):
        if self.hidden or self.dragging:
            return
        draw_tile(surface, self.face, self.rect.center, self.rect.w, self.flip, glow=self.glow,
                  wobble=self.wobble, focused=focused, lifted=self.pressed)


def draw_tile(surface, face, center, size, flip=1.0, *, glow=0.0, wobble=0.0, focused=False, lifted=False):
    """One tile: ``flip`` 1 = face up, 0 = face down (edge-on at 0.5)."""
    x, y = center
    x += math.sin(wobble * 30) * 12 * wobble
    if lifted:
        size *= 1.06
    if glow > 0:
        g = art.glow(size * 1.5, size * 1.5)
        g.set_alpha(int(255 * min(1.0, glow) * (0.7 + 0.3 * math.sin(glow * 9))))
        surface.blit(g, g.get_rect(center=(x, y)))
    width = abs(flip * 2 - 1)
    img = art.tile_scaled(face, size, flip >= 0.5, width)
    rect = img.get_rect(center=(x, y))
    surface.blit(img, rect)
    if focused:
        pygame.draw.rect(surface, d.BLUE, rect.inflate(12, 12), 5, border_radius=int(size * 0.22))


class Flight:
    """A tile flying along an arc from ``start`` to ``end`` (growing or shrinking), then ``then()``."""

    def __init__(self, face, start, end, size0, size1, then=None, *, face_up=True, lift=120.0, into_box=False,
                 delay=0.0, seconds=FLY_TIME):
        self.face, self.face_up = face, face_up
        self.start, self.end = pygame.Vector2(start), pygame.Vector2(end)
        self.size0, self.size1, self.then = size0, size1, then
        self.lift, self.into_box, self.seconds = lift, into_box, seconds
        self.t = -delay

    @property
    def k(self) -> float:
        return max(0.0, min(1.0, self.t / self.seconds))

    @property
    def done(self) -> bool:
        return self.t >= self.seconds

    def where(self) -> pygame.Vector2:
        k = ease("smooth", self.k)
        control = (self.start + self.end) / 2 - pygame.Vector2(0, self.lift)
        return (1 - k) ** 2 * self.start + 2 * (1 - k) * k * control + k * k * self.end

    def draw(self, surface, clip_bottom=None):
        if self.t < 0:
            return
        size = lerp(self.size0, self.size1, ease("out_quad", self.k))
        pos = self.where()
        if clip_bottom is not None and self.k > 0.5:
            old = surface.get_clip()
            surface.set_clip(pygame.Rect(0, 0, d.W, clip_bottom).clip(old))
            draw_tile(surface, self.face, pos, size, 1.0 if self.face_up else 0.0)
            surface.set_clip(old)
        else:
            draw_tile(surface, self.face, pos, size, 1.0 if self.face_up else 0.0)


class Flights:
    """The tiles in the air: each moves on every frame and, once landed, does what it was sent to do."""

    def __init__(self):
        self.flying: list[Flight] = []

    def __bool__(self) -> bool:
        return bool(self.flying)

    def __iter__(self):
        return iter(self.flying)

    def send(self, flight: Flight) -> None:
        self.flying.append(flight)

    def update(self, dt) -> None:
        for f in list(self.flying):
            f.t += dt
            if f.done:
                self.flying.remove(f)
                if f.then:
                    f.then()
