"""Steps and tweens a scene schedules ("in 0.8 s do this", "slide this from 0 to 1 in 0.9 s").

A game scene owns one :class:`Timeline` and calls its ``update(dt)`` once a frame; ``clear()`` when
the scene exits or a round starts again, so nothing of an old round fires into a new one. Time only
moves with ``update``: a scene that is covered (a celebration on top) is not updated, so its steps
wait. Easing curves have names and live here, in :data:`EASINGS`, once for every game.
"""
from __future__ import annotations

import math


def _drop_with_hop(k: float) -> float:
    """Dropped at k = 0, lands at 0.7 and makes one small hop (basketball's paper balls)."""
    if k < 0.7:
        return (k / 0.7) ** 2
    hop = (k - 0.7) / 0.3
    return 1 - 0.12 * 4 * hop * (1 - hop)


def _drop_with_bounce(k: float) -> float:
    """Dropped at k = 0, lands at 0.75 and bounces once, lightly (candies onto the table)."""
    if k < 0.75:
        return (k / 0.75) ** 2
    return 1 - 0.06 * math.sin((k - 0.75) / 0.25 * math.pi)


#: k in 0..1 (time) -> 0..1 (of the way), by name
EASINGS = {
    "linear": lambda k: k,
    "out_quad": lambda k: 1 - (1 - k) ** 2,           # fast start, gentle stop
    "out_cubic": lambda k: 1 - (1 - k) ** 3,          # faster start, gentler stop: things flying home
    "smooth": lambda k: k * k * (3 - 2 * k),          # gentle start and stop: paper folding, stepping
    "drop_hop": _drop_with_hop,
    "drop_bounce": _drop_with_bounce,
}


def ease(name: str, k: float) -> float:
    """How far along (0..1) the curve ``name`` is at time ``k`` (clamped to 0..1)."""
    if k >= 1:
        return 1.0
    return EASINGS[name](max(0.0, k))


def lerp(a: float, b: float, k: float) -> float:
    return a + (b - a) * k


class _Job:
    """One scheduled step or tween; ``cancel()`` stops it."""

    def __init__(self, seconds, fn, tick=None):
        self.seconds, self.fn, self.tick = seconds, fn, tick
        self.elapsed = 0.0
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    @property
    def done(self) -> bool:
        return self.cancelled or self.elapsed >= self.seconds


class Timeline:
    """The scene's clock of things to do later; see the module's docstring."""

    def __init__(self):
        self._jobs: list[_Job] = []
        self._running: list[_Job] = []

    def after(self, seconds: float, fn) -> _Job:
        """Call ``fn()`` once ``seconds`` have gone by (0: in the next ``update``)."""
        job = _Job(seconds, fn)
        self._jobs.append(job)
        return job

    def tween(self, target, attr, start: float, end: float, seconds: float, easing: str = "out_cubic",
              then=None) -> _Job:
        """Move ``target.attr`` (or call ``target(value)`` when ``attr`` is None) from ``start`` to
        ``end`` over ``seconds`` along the named easing; then call ``then()`` (if given).

        The start value is set at once; each ``update`` sets the value for the time gone by.
        """
        setter = target if attr is None else (lambda value: setattr(target, attr, value))
        EASINGS[easing]   # an unknown name fails here, where it was written
        setter(start)

        def tick(job):
            setter(lerp(start, end, ease(easing, job.elapsed / seconds if seconds > 0 else 1.0)))

        job = _Job(seconds, then, tick)
        self._jobs.append(job)
        return job

    def update(self, dt: float) -> None:
        """Move time on: tweens take their new values, due steps run (in the order they were made).
        Steps and tweens made while this runs start in the next update."""
        self._running, self._jobs = self._jobs, []
        for job in self._running:
            if job.cancelled:
                continue
            job.elapsed += dt
            if job.tick is not None:
                job.tick(job)
            if job.elapsed >= job.seconds:
                job.cancelled = True
                if job.fn is not None:
                    job.fn()
        self._jobs = [j for j in self._running + self._jobs if not j.cancelled]
        self._running = []

    def clear(self) -> None:
        """Forget every step and tween (the scene exits, or a round starts afresh)."""
        for job in self._jobs + self._running:
            job.cancel()
        self._jobs = []

    @property
    def busy(self) -> bool:
        return any(not j.cancelled for j in self._jobs)
