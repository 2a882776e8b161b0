"""Throw physics for letter basketball, seen from the side: gravity, a rim with two edges, a backboard, the floor.

No pygame drawing here, only numbers (pygame's Vector2), so the tests can throw thousands of balls fast.
The ball flies left to right; the rim is a horizontal hoop whose front and back edges are small round
posts the ball can bounce off; a basket is the ball's centre passing down between them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from pygame import Vector2

GRAVITY = 1500.0        # canvas pixels per second squared
STEP = 1 / 240          # physics step; frames are cut into steps this long so fast balls never skip the rim
RIM_BOUNCE = 0.55       # share of speed kept when the ball bounces off the rim
BOARD_BOUNCE = 0.6
FLOOR_BOUNCE = 0.45
FLING_GAIN = 5.0        # throw speed (px/s) per pixel of drag
MAX_SPEED = 2600.0
LONGEST_FLIGHT = 6.0    # seconds; a ball still moving then counts as a miss


@dataclass(frozen=True)
class Hoop:
    """Where the basket is: rim edges at ``rim_y`` from ``front_x`` to ``back_x``, the board, the floor."""

    front_x: float = 990.0
    back_x: float = 1110.0
    rim_y: float = 330.0
    edge_radius: float = 6.0
    board_x: float = 1124.0
    board_top: float = 170.0
    board_bottom: float = 370.0
    floor_y: float = 660.0       # where a ball's bottom touches the floor
    net_depth: float = 80.0

    @property
    def front(self) -> Vector2:
        return Vector2(self.front_x, self.rim_y)

    @property
    def back(self) -> Vector2:
        return Vector2(self.back_x, self.rim_y)

    @property
    def center(self) -> Vector2:
        return Vector2((self.front_x + self.back_x) / 2, self.rim_y)


def perfect_throw(start, hoop: Hoop) -> Vector2:
    """The launch velocity that drops a ball from ``start`` cleanly through the middle of the rim.

    The ball rises to a top point well above the rim, so it comes down steeply into the hoop.
    """
    start = Vector2(start)
    target = hoop.center + Vector2(6, 0)     # a touch past the middle: the front edge is the one in the way
    dx = target.x - start.x
    top = min(start.y, target.y) - (150 + 0.12 * abs(dx))
    rise = start.y - top
    fall = target.y - top
    vy = -math.sqrt(2 * GRAVITY * rise)
    time = -vy / GRAVITY + math.sqrt(2 * fall / GRAVITY)
    return Vector2(dx / time, vy)


def fling_velocity(drag, start, hoop: Hoop, assist: float) -> Vector2:
    """The launch velocity for a drag vector: the child's own throw, pulled ``assist`` (0..1) toward a perfect one."""
    own = Vector2(drag) * FLING_GAIN
    if own.length() > MAX_SPEED:
        own.scale_to_length(MAX_SPEED)
    assist = min(1.0, max(0.0, assist))
    return own + (perfect_throw(start, hoop) - own) * assist


def path_points(start, velocity, seconds: float, count: int) -> list[tuple[float, float]]:
    """Where a ball would be over the next ``seconds`` (gravity only): dots for the aiming guide."""
    start, velocity = Vector2(start), Vector2(velocity)
    pts = []
    for i in range(1, count + 1):
        t = seconds * i / count
        pts.append((start.x + velocity.x * t, start.y + velocity.y * t + GRAVITY * t * t / 2))
    return pts


class Flight:
    """One thrown ball. Call ``update(dt)`` each frame; read ``pos``, ``spin``, ``scored``, ``over``.

    ``events`` collects what happened since it was last emptied ("rim", "board", "basket", "floor"),
    so the scene can play sounds and shake the net.
    """

    def __init__(self, hoop: Hoop, start, velocity, radius: float = 28.0):
        self.hoop, self.radius = hoop, radius
        self.pos, self.vel = Vector2(start), Vector2(velocity)
        self.spin = 0.0
        self.t = 0.0
        self.scored = False
        self.over = False
        self.floor_hits = 0
        self.settled = False
        self.rim_hits = 0
        self.events: list[str] = []

    def update(self, dt: float) -> None:
        self.t += dt
        steps = max(1, math.ceil(dt / STEP))
        for _ in range(steps):
            if self.over:
                return
            self._step(dt / steps)

    def _step(self, h: float) -> None:
        hoop, r = self.hoop, self.radius
        before = Vector2(self.pos)
        self.vel.y += GRAVITY * h
        self.pos += self.vel * h
        self.spin += self.vel.x * h * 0.02
        for edge in (hoop.front, hoop.back):
            self._bounce_off_edge(edge)
        if self.vel.x > 0 and self.pos.x + r > hoop.board_x and hoop.board_top < self.pos.y < hoop.board_bottom \
                and before.x + r <= hoop.board_x + 1:
            self.pos.x = hoop.board_x - r
            self.vel.x = -self.vel.x * BOARD_BOUNCE
            self.events.append("board")
        if not self.scored and self.vel.y > 0 and before.y < hoop.rim_y <= self.pos.y \
                and hoop.front_x < self.pos.x < hoop.back_x:
            self.scored = True
            self.events.append("basket")
        if self.scored and self.pos.y < hoop.rim_y + hoop.net_depth:
            # the net catches the ball: it slows and stays inside the hoop
            self.vel *= 1 - 4 * h
            self.pos.x += (hoop.center.x - self.pos.x) * min(1.0, 8 * h)
        if self.pos.y + r > hoop.floor_y:
            self.pos.y = hoop.floor_y - r
            if self.vel.y > 0:
                self.vel.y = -self.vel.y * FLOOR_BOUNCE
                self.vel.x *= 0.7
                self.floor_hits += 1
                self.events.append("floor")
                if -self.vel.y < 120:     # too soft to hop again: the ball lies on the floor
                    self.vel.y = 0
                    self.settled = True
        off_screen = self.pos.x < -200 or self.pos.x > 1480
        if self.floor_hits >= 3 or self.settled or off_screen or self.t > LONGEST_FLIGHT:
            self.over = True

    def _bounce_off_edge(self, edge: Vector2) -> None:
        off = self.pos - edge
        reach = self.radius + self.hoop.edge_radius
        dist = off.length()
        if dist >= reach or dist == 0:
            return
        normal = off / dist
        self.pos = edge + normal * reach
        toward = self.vel.dot(normal)
        if toward < 0:
            self.vel -= normal * toward * (1 + RIM_BOUNCE)
            self.vel *= 0.92
            self.rim_hits += 1
            self.events.append("rim")


def simulate(start, velocity, hoop: Hoop | None = None, radius: float = 28.0, dt: float = 1 / 60) -> Flight:
    """Fly a ball to the end (tests, the benchmark): the finished Flight."""
    flight = Flight(hoop or Hoop(), start, velocity, radius)
    while not flight.over:
        flight.update(dt)
    return flight
