"""What the writing coach shows on a TracePad (pygame drawing only; the judging is in :mod:`recognizer.coach.judge`).

Both classes are TracePad guides: ``draw(surface, lines)`` and ``update(dt)``.

* :class:`StrokeGuide`: help level 1 "trace" (dotted path, green start dot with the stroke's
  number, arrows along the stroke), level 2 "dots" (faint outline and start dots), level 3
  "write" (nothing); strokes the child has done light up.
* :class:`WatchMe`: a pen writes the letter stroke by stroke at a child's pace.
"""
from __future__ import annotations

import math

import numpy as np
import pygame

from games.engine.core import draw as d
from games.engine.writing.tracepad import INK_COLOR, INK_WIDTH
from games.engine.writing.tracepad import draw_pencil as draw_pen
from recognizer.coach.geometry import arc_length, dense
from recognizer.coach.judge import TracingSession, place_on_lines, taught_strokes

from games.engine.records.writing_help import DOTS, TRACE, WRITE

PATH_DOT_GAP = 17          # pixels between the dots of a dotted path
START_GREEN = (46, 170, 80)
PATH_GREY = (165, 175, 200)
NEXT_ORANGE = (245, 140, 40)
LIT = (255, 214, 90)
OUTLINE = (226, 230, 242)
PEN_INK = INK_COLOR           # the pen that shows how, in the child's own ink
LIT_WIDTH = INK_WIDTH + 16  # a done stroke glows a little wider than the child's ink


def _stroke_pixels(char, lines):
    """Each taught stroke of ``char`` as dense pixel points on these lines."""
    place = place_on_lines(char, lines.x_center(), lines.y(0), lines.unit)
    return [(place.to_pixels(dense(s.points, 0.01)), s) for s in taught_strokes(char)]


def _along(points, gap):
    """Points every ``gap`` pixels along a polyline, with the direction of travel there."""
    s = arc_length(points)
    if s[-1] < 1:
        return []
    out = []
    for t in np.arange(gap / 2, s[-1], gap):
        i = min(int(np.searchsorted(s, t)), len(points) - 1)
        j = max(i - 1, 0)
        direction = points[i] - points[j] if i != j else points[1] - points[0]
        out.append((points[i], math.atan2(direction[1], direction[0])))
    return out


def draw_dotted(surface, points, color, radius=5, gap=PATH_DOT_GAP):
    for p, _ in _along(points, gap):
        pygame.draw.circle(surface, color, p, radius)


def draw_arrowhead(surface, tip, angle, color, size=16):
    back = angle + math.pi
    left = (tip[0] + size * math.cos(back - 0.55), tip[1] + size * math.sin(back - 0.55))
    right = (tip[0] + size * math.cos(back + 0.55), tip[1] + size * math.sin(back + 0.55))
    pygame.draw.polygon(surface, color, [tuple(tip), left, right])


def draw_start_dot(surface, centre, number, radius, color=START_GREEN):
    pygame.draw.circle(surface, d.shade(color, 0.75), centre, radius + 3)
    pygame.draw.circle(surface, color, centre, radius)
    if number is not None:
        d.draw_text(surface, str(number), int(radius * 1.35), (centre[0], centre[1] - 1), d.WHITE, bold=True)


def draw_band(surface, points, color, width):
    """A thick round-capped line through ``points``."""
    for p, _ in _along(points, 3) or [(points[0], 0.0)]:   # overlapping dabs: smooth joints
        pygame.draw.circle(surface, color, p, width / 2)
    for p in (points[0], points[-1]):
        pygame.draw.circle(surface, color, p, width / 2)


class StrokeGuide:
    """The coach's help for one letter on the pad, at help ``level`` (1 trace, 2 dots, 3 write).

    ``session`` (a :class:`TracingSession`) says which strokes are done and which is next; without
    one, stroke 1 is next and nothing is done.
    """

    def __init__(self, char: str, level: int = TRACE, session: TracingSession | None = None):
        self.char, self.level, self.session = char, level, session
        self.t = 0.0

    def update(self, dt):
        self.t += dt

    def _state(self, n):
        if self.session is None:
            return [False] * n, 0
        return self.session.done, self.session.current

    def draw(self, surface, lines):
        if self.level >= WRITE:
            return
        strokes = _stroke_pixels(self.char, lines)
        done, current = self._state(len(strokes))
        pulse = 0.5 + 0.5 * math.sin(self.t * 5)
        unit = lines.unit
        if self.level == DOTS:
            for points, stroke in strokes:
                if stroke.is_dot:
                    pygame.draw.circle(surface, OUTLINE, points.mean(axis=0), unit * 0.07)
                else:
                    draw_band(surface, points, OUTLINE, max(6, int(unit * 0.11)))
        for k, (points, stroke) in enumerate(strokes):
            if done[k]:
                if stroke.is_dot:
                    pygame.draw.circle(surface, LIT, points.mean(axis=0), LIT_WIDTH * 0.7)
                else:
                    draw_band(surface, points, LIT, LIT_WIDTH)
            elif self.level == TRACE:
                color = NEXT_ORANGE if k == current else PATH_GREY
                if stroke.is_dot:
                    pygame.draw.circle(surface, color, points.mean(axis=0), max(6, unit * 0.05), 3)
                else:
                    draw_dotted(surface, points, color, radius=max(3, int(unit * 0.025)))
        for k, (points, stroke) in enumerate(strokes):
            if done[k] or k == current:
                continue
            draw_start_dot(surface, points[0], k + 1, max(9, int(unit * 0.06)), d.shade(START_GREEN, 1.55))
        if current is not None:
            points, stroke = strokes[current]
            if self.level == TRACE and not stroke.is_dot:
                stroke_length = arc_length(points)[-1]
                arrows = _along(points, min(max(60, unit * 0.45), stroke_length / 2))
                for p, angle in arrows[1:] if len(arrows) > 1 else arrows:
                    draw_arrowhead(surface, p, angle, NEXT_ORANGE, size=max(10, int(unit * 0.08)))
            radius = max(12, int(unit * 0.085 * (1 + 0.12 * pulse)))
            draw_start_dot(surface, points[0] if not stroke.is_dot else points.mean(axis=0), current + 1, radius)


class WatchMe:
    """A pen writes ``char`` stroke by stroke at a child's pace, then calls ``on_done()``.

    ``on_stroke(k, cue)`` is called as stroke ``k`` begins (to speak its cue: "down", "around").
    """

    SPEED = 0.55     # line units per second: about how fast a teacher writes on the board for 4-year-olds
    PAUSE = 0.7      # seconds between strokes
    HOLD = 1.0       # seconds the finished letter stays before on_done

    def __init__(self, char: str, on_stroke=None, on_done=None):
        self.char, self.on_stroke, self.on_done = char, on_stroke, on_done
        self.strokes = taught_strokes(char)
        self.durations = [max(0.35, arc_length(s.points)[-1] / self.SPEED) for s in self.strokes]
        self.t = 0.0
        self.started = -1
        self.finished = False

    @property
    def total(self) -> float:
        return sum(self.durations) + self.PAUSE * len(self.durations) + self.HOLD

    def progress(self):
        """(stroke index, fraction of it drawn) at the current time; index = len(strokes) when done."""
        t = self.t
        for k, length in enumerate(self.durations):
            if t < self.PAUSE:
                return k, 0.0
            t -= self.PAUSE
            if t < length:
                return k, t / length
            t -= length
        return len(self.durations), 1.0

    def update(self, dt):
        self.t += dt
        k, _ = self.progress()
        while self.started < min(k, len(self.strokes) - 1):
            self.started += 1
            if self.on_stroke:
                self.on_stroke(self.started, self.strokes[self.started].cue)
        if not self.finished and self.t >= self.total:
            self.finished = True
            if self.on_done:
                self.on_done()

    def draw(self, surface, lines):
        strokes = _stroke_pixels(self.char, lines)
        k_now, frac = self.progress()
        width = max(10, int(lines.unit * 0.11))
        for points, stroke in strokes:
            if not stroke.is_dot:
                draw_dotted(surface, points, PATH_GREY, radius=max(3, int(lines.unit * 0.02)))
        tip = None
        for k, (points, stroke) in enumerate(strokes):
            if k > k_now:
                break
            if stroke.is_dot:
                if k < k_now or frac > 0:
                    pygame.draw.circle(surface, PEN_INK, points.mean(axis=0), width * 0.8)
                    tip = points.mean(axis=0)
                continue
            part = points if k < k_now else points[: max(1, int(len(points) * frac))]
            if k == k_now and frac == 0:
                draw_start_dot(surface, points[0], k + 1, max(12, int(lines.unit * 0.085)))
                tip = points[0]
                continue
            draw_band(surface, part, PEN_INK, width)
            tip = part[-1]
        if tip is not None and k_now < len(strokes):
            draw_pen(surface, (float(tip[0]), float(tip[1])), size=max(50, int(lines.unit * 0.45)))
