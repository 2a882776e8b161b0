"""The TracePad: where a child writes a letter with a finger, a pen or the mouse.

It shows school handwriting lines, turns pointer drags into strokes (lists of (x, y) canvas points),
draws them as smooth thick ink, and has Undo, Clear and "I'm done" (the green tick) buttons. When the
pen has rested for ``auto_submit`` seconds (or "I'm done" is pressed) it asks its checker for a verdict
and hands the verdict to ``on_verdict``. A pad told the target letter waits longer on a drawing that
is plainly unfinished for it (fewer strokes than the letter's simplest form, far too small, or a long
part of the letter bare: :mod:`games.engine.writing.unfinished`), so a child who pauses mid-letter
keeps their ink; ``on_wait`` hears once per letter that it is waiting (to say the tick's name).
The checker is anything with ``check(strokes, target) -> verdict`` (see
:mod:`games.engine.writing.checker`), so tests can give it a fake one. A checker with ``start`` checks on a
worker thread: the pad then shows a little thinking pencil and hands over the verdict in the frame
after it arrives, so no frame waits for the recognizer.
"""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.core.letters import ASCENDERS, DESCENDERS, LINES_TOP, line_unit
from games.engine.core.input import DOWN, MOVE, UP, Pointer
from games.engine.core.widgets import Button, Widget
from games.engine.writing.unfinished import look_in_steps, unfinished_wait

INK_WIDTH = 22                # canvas pixels: the child's ink, as thick as a felt pen
INK_COLOR = (40, 70, 200)     # the child's ink: a school-pen blue
MIN_STEP = 2.0    # canvas pixels between recorded points
THINKING_SHOWS_AFTER = 0.05   # seconds: a quick check answers before the pencil would only flicker
FADED_INK = 90    # alpha of the child's ink kept under a demonstration (watch again)


def draw_pencil(surface, tip, size=70):
    """A yellow pencil whose point is at ``tip``, leaning to the right like a writing hand."""
    angle = math.radians(-55)
    ax, ay = math.cos(angle), math.sin(angle)          # along the pencil, towards the eraser
    nx, ny = -ay, ax                                    # across it
    w = size * 0.13
    cone = size * 0.25
    base = (tip[0] + ax * cone, tip[1] + ay * cone)
    end = (tip[0] + ax * size, tip[1] + ay * size)

    def corner(p, k):
        return (p[0] + nx * w * k, p[1] + ny * w * k)

    pygame.draw.polygon(surface, (245, 214, 160), [tip, corner(base, 1), corner(base, -1)])
    pygame.draw.polygon(surface, d.INK, [tip, corner((tip[0] + ax * cone * 0.35, tip[1] + ay * cone * 0.35), 0.35),
                                         corner((tip[0] + ax * cone * 0.35, tip[1] + ay * cone * 0.35), -0.35)])
    pygame.draw.polygon(surface, d.YELLOW, [corner(base, 1), corner(end, 1), corner(end, -1), corner(base, -1)])
    pygame.draw.polygon(surface, d.shade(d.YELLOW, 0.8), [corner(base, 1), corner(end, 1), corner(end, 0.3),
                                                         corner(base, 0.3)])
    cap_end = (end[0] + ax * size * 0.16, end[1] + ay * size * 0.16)
    pygame.draw.polygon(surface, d.PINK, [corner(end, 1), corner(cap_end, 1), corner(cap_end, -1), corner(end, -1)])


class HandwritingLines:
    """Where the school lines sit on a pad: top line, dashed midline, baseline, descender line.

    ``y(units)`` maps line units (0 = top, 0.5 = midline, 1 = baseline, 1.5 = descender) to pixels.
    """

    def __init__(self, rect: pygame.Rect):
        self.rect = rect
        self.unit = line_unit(rect.h)
        self.top = rect.y + rect.h * LINES_TOP

    def y(self, units: float) -> float:
        return self.top + units * self.unit

    def x_center(self) -> float:
        return self.rect.centerx

    def draw(self, surface):
        left, right = self.rect.x + 24, self.rect.right - 24
        pygame.draw.line(surface, (120, 160, 230), (left, self.y(0)), (right, self.y(0)), 4)
        x = left
        while x < right:   # dashed midline, as on school paper
            pygame.draw.line(surface, (150, 185, 240), (x, self.y(0.5)), (min(x + 26, right), self.y(0.5)), 3)
            x += 44
        pygame.draw.line(surface, (232, 110, 100), (left, self.y(1)), (right, self.y(1)), 5)
        pygame.draw.line(surface, (200, 215, 240), (left, self.y(1.5)), (right, self.y(1.5)), 2)


class FaintLetterGuide:
    """A pale letter behind the ink, sitting on the lines, for a child who needs a hint.

    Any object with ``draw(surface, lines)`` (and optionally ``update(dt)``) can be a TracePad guide.
    """

    def __init__(self, char: str, alpha: int = 70):
        self.char, self.alpha = char, alpha

    def draw(self, surface, lines: HandwritingLines):
        is_upper_or_tall = self.char.isupper() or self.char in ASCENDERS
        top = lines.y(0) if is_upper_or_tall else lines.y(0.5)
        bottom = lines.y(1.5) if self.char in DESCENDERS else lines.y(1)
        if self.char in DESCENDERS and not self.char.isupper():
            top = lines.y(0.5)
        glyph = d.text_surface(self.char, 400, (150, 150, 170), True)
        ink = glyph.subsurface(glyph.get_bounding_rect())
        scale = (bottom - top) / ink.get_height()
        img = pygame.transform.smoothscale(ink, (max(1, int(ink.get_width() * scale)), int(bottom - top)))
        img.set_alpha(self.alpha)
        surface.blit(img, img.get_rect(midtop=(lines.x_center(), top)))


class TracePad(Widget):
    """Capture and show a child's writing; ask the checker when the child is done."""

    def __init__(self, rect, checker, on_verdict, *, target=None, auto_submit=1.5, guide=None,
                 ink_color=INK_COLOR, on_stroke=None, on_erase=None, on_wait=None):
        super().__init__(rect)
        self.checker, self.on_verdict = checker, on_verdict
        self.target, self.auto_submit, self.guide = target, auto_submit, guide
        self.ink_color = ink_color
        self.strokes: list[list[tuple[float, float]]] = []
        self.lines = HandwritingLines(self.rect)
        self._pen: int | None = None
        self._rest = 0.0
        self._shake = 0.0
        self._pending = None       # a check running on the checker's worker thread
        self._pending_strokes = None
        self._thinking_for = 0.0
        self._unfinished: str | None = None   # why the ink is plainly unfinished ("" if not); None: not known yet
        self._look = None           # the look at the ink under way, a step a frame (look_in_steps)
        self._said_wait = None      # the letter on_wait was last told about
        self.ink_faded = False      # the ink shows pale (kept under a demonstration)
        self._ink = pygame.Surface(self.rect.size, pygame.SRCALPHA)
        side = 96
        x = self.rect.right + 20
        self.undo_button = Button((x, self.rect.y, side, side), self.undo, icon_name="undo", color=d.WHITE)
        self.clear_button = Button((x, self.rect.y + side + 20, side, side), self.clear, icon_name="clear",
                                   color=d.WHITE)
        # "I'm done": the green tick, as tall as the pad leaves room for (named aloud by on_wait's line)
        done_h = min(160, max(side + 20, self.rect.h - 2 * (side + 20) - 40))
        self.done_button = Button((x, self.rect.bottom - done_h - 20, side, done_h), self.submit,
                                  icon_name="done", color=d.GREEN, icon_color=d.WHITE)
        self.buttons = [self.undo_button, self.clear_button, self.done_button]
        self.on_stroke = on_stroke    # optional callback(stroke) after each finished stroke (writing coach)
        self.on_erase = on_erase      # optional callback(count) when Undo or Clear takes strokes away
        self.on_wait = on_wait        # optional callback() the first time a letter's unfinished ink waits

    # -- input -------------------------------------------------------------------------------------
    @property
    def thinking(self) -> bool:
        """True while the checker looks at the letter: the pad takes no new ink until it answers."""
        return self._pending is not None

    def handle_pointer(self, p: Pointer) -> bool:
        if not self.visible or not self.enabled or self.thinking:
            if p.kind == UP:       # "I'm done" pressed just as the pad began checking by itself: let it go
                for b in self.buttons:
                    b.let_go(p.id)
            return False
        if self._pen is None:
            for b in self.buttons:
                if b.sounds is None:
                    b.sounds = self.sounds   # the pad's own buttons sound through what its scene lent it
                if b.handle_pointer(p):
                    return True
        if p.kind == DOWN and self.rect.collidepoint(p.pos) and self._pen is None:
            self._pen = p.id
            self.strokes.append([self._clamp(p.pos)])
            self._rest = 0.0
            self._unfinished = self._look = None
            self._dab(self.strokes[-1][0])
            return True
        if self._pen is not None and p.id == self._pen:
            if p.kind == MOVE:
                self._add_point(self._clamp(p.pos))
            elif p.kind == UP:
                self._add_point(self._clamp(p.pos))
                self._pen = None
                self._rest = 0.0
                self._unfinished = self._look = None
                if self.on_stroke:
                    self.on_stroke(self.strokes[-1])
            return True
        return False

    def _clamp(self, pos):
        return (min(max(pos[0], self.rect.left), self.rect.right), min(max(pos[1], self.rect.top), self.rect.bottom))

    def _add_point(self, pos):
        stroke = self.strokes[-1]
        last = stroke[-1]
        if math.dist(last, pos) < MIN_STEP:
            return
        stroke.append(pos)
        self._segment(last, pos)

    # -- actions -----------------------------------------------------------------------------------
    def undo(self):
        if self.strokes and self._pen is None and not self.thinking:
            self.strokes.pop()
            self._unfinished = self._look = None
            self._redraw()
            if self.on_erase:
                self.on_erase(1)

    def clear(self):
        if self._pen is None and self.strokes and not self.thinking:
            erased = len(self.strokes)
            self.strokes = []
            self._unfinished = self._look = None
            self._redraw()
            if self.on_erase:
                self.on_erase(erased)

    def reset(self, target=None, guide=None):
        """Start again for a new letter."""
        self.target = target if target is not None else self.target
        self.guide = guide
        self._pen = None
        self._pending = None    # a verdict still on its way was about the old letter
        self.strokes = []
        self._unfinished = self._look = None
        if target is not None and target != self._said_wait:
            self._said_wait = None    # a new letter: the tick is named again the first time it waits
        self.ink_faded = False
        self._redraw()

    def put_back(self, strokes):
        """Show ``strokes`` again (a half-written letter kept while the child watched how it is written).
        They are not checked until the child adds ink or presses "I'm done"."""
        self.strokes = [list(s) for s in strokes]
        self._unfinished = self._look = None
        self._rest = -1e9
        self._redraw()

    @property
    def waiting(self) -> bool:
        """True while the pen rests on a plainly unfinished letter past the usual rest: the pad waits
        longer before checking, and the "I'm done" tick glows."""
        return (self.auto_submit > 0 and bool(self.strokes) and self._pen is None and not self.thinking
                and self.auto_submit <= self._rest and bool(self.unfinished))

    @property
    def unfinished(self) -> str:
        """Why the ink is plainly unfinished for the target letter ("strokes", "small", "bare"), or ""."""
        while self._unfinished is None:
            self._look_a_little()
        return self._unfinished

    def _look_a_little(self):
        """One step of the look at the ink (a few ms), so a frame never pays for the whole look."""
        if self._look is None:
            target = self.target if isinstance(self.target, str) else ""
            if not (self.strokes and target):
                self._unfinished = ""
                return
            self._look = look_in_steps([list(s) for s in self.strokes], target, self.lines.y(0), self.lines.unit)
        answer = next(self._look, "")
        if answer is not None:
            self._unfinished, self._look = answer, None

    def rest_needed(self) -> float:
        """Seconds the pen must rest on this ink before the pad checks it by itself."""
        return unfinished_wait(self.auto_submit) if self.unfinished else self.auto_submit

    def submit(self):
        """Ask the checker about what is written (Done button, Enter, or the pen resting)."""
        if not self.strokes or self._pen is not None or self.thinking:
            return
        strokes = [list(s) for s in self.strokes]
        self._rest = -1e9   # once per ink: resting after Done does not check the same ink again
        start = getattr(self.checker, "start", None)
        if start is None:
            self._deliver(self.checker.check(strokes, self.target), strokes)
            return
        self._pending, self._pending_strokes = start(strokes, self.target), strokes
        self._thinking_for = 0.0
        if self._pending.done():       # a checker that answered at once (not in the background)
            self._collect()

    def _collect(self):
        """Hand over the verdict of the check in the background, once it has arrived."""
        if self._pending is not None and self._pending.done():
            verdict, strokes = self._pending.verdict, self._pending_strokes
            self._pending = self._pending_strokes = None
            self._deliver(verdict, strokes)

    def _deliver(self, verdict, strokes):
        if not verdict.accepted:
            self._shake = 1.0
        self.on_verdict(verdict, strokes)

    def activate(self):
        self.submit()

    # -- frame -------------------------------------------------------------------------------------
    def update(self, dt):
        for b in self.buttons:
            b.update(dt)
        if self.guide is not None and hasattr(self.guide, "update"):
            self.guide.update(dt)
        self._shake = max(0.0, self._shake - dt * 2)
        if self.thinking:
            self._thinking_for += dt
            self._collect()
            return
        if self.strokes and self._pen is None and self.auto_submit > 0:
            self._rest += dt
            if self._unfinished is None and self._rest < self.auto_submit:
                self._look_a_little()     # known long before the usual rest is over
            if self._rest >= self.auto_submit and self._rest >= self.rest_needed():
                self.submit()   # once per rest: new ink starts the clock again
            elif self.waiting and self._said_wait != self.target:
                self._said_wait = self.target
                if self.on_wait:
                    self.on_wait()

    def draw(self, surface, focused=False):
        rect = self.rect.move(int(math.sin(self._shake * 25) * 10 * self._shake), 0)
        d.blit_panel(surface, rect, d.WHITE, radius=26, border=d.BLUE if focused else None, gloss=False)
        self.lines.rect = rect
        self.lines.draw(surface)
        if self.guide is not None:
            self.guide.draw(surface, self.lines)
        self._ink.set_alpha(FADED_INK if self.ink_faded else 255)   # (None would drop the per-pixel alpha)
        surface.blit(self._ink, rect)
        self.lines.rect = self.rect
        if self.thinking:
            if self._thinking_for >= THINKING_SHOWS_AFTER:
                self._draw_thinking(surface)
        elif self.auto_submit > 0 and self.strokes and self._pen is None and self._rest > 0:
            self._draw_rest_timer(surface)
        if self.waiting:
            self._draw_glow(surface, self.done_button.rect)
        for b in self.buttons:
            b.draw(surface)

    def _draw_glow(self, surface, rect):
        """A soft pulsing ring round the "I'm done" tick while the pad waits for the child."""
        pulse = 0.5 + 0.5 * math.sin(self._rest * 5)
        grow = int(8 + 8 * pulse)
        pygame.draw.rect(surface, d.YELLOW, rect.inflate(grow * 2, grow * 2), width=6 + int(4 * pulse),
                         border_radius=min(34, rect.h // 3 + grow))

    def _draw_rest_timer(self, surface):
        """A small filling circle shows that the pad will check soon (slower on an unfinished letter)."""
        frac = min(1.0, self._rest / (self.auto_submit if self._unfinished is None else self.rest_needed()))
        c = (self.rect.right - 40, self.rect.bottom - 40)
        pygame.draw.circle(surface, (220, 230, 220), c, 20)
        if frac > 0:
            pygame.draw.arc(surface, d.GREEN, pygame.Rect(c[0] - 20, c[1] - 20, 40, 40),
                            math.pi / 2, math.pi / 2 + frac * 2 * math.pi, 8)

    def _draw_thinking(self, surface):
        """A little pencil writing loops in the pad's corner while the letter is being looked at."""
        def along_loop(t):
            a = t * 8
            return (self.rect.right - 100 + 18 * math.cos(a), self.rect.bottom - 36 + 8 * math.sin(2 * a))

        for k in range(1, 10):   # the loop it leaves behind, fading
            pygame.draw.circle(surface, d.shade(self.ink_color, 1 + 0.09 * k),
                               along_loop(self._thinking_for - k * 0.07), 5 - 0.35 * k)
        draw_pencil(surface, along_loop(self._thinking_for), size=60)

    # -- ink ---------------------------------------------------------------------------------------
    def _local(self, p):
        return (p[0] - self.rect.x, p[1] - self.rect.y)

    def _dab(self, p):
        pygame.draw.circle(self._ink, self.ink_color, self._local(p), INK_WIDTH / 2)

    def _segment(self, a, b):
        """Draw a thick round-capped segment a->b as overlapping dabs, so fast strokes stay smooth."""
        a, b = self._local(a), self._local(b)
        steps = max(1, int(math.dist(a, b) / 3))
        for i in range(1, steps + 1):
            t = i / steps
            pygame.draw.circle(self._ink, self.ink_color, (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t),
                               INK_WIDTH / 2)

    def _redraw(self):
        self._ink.fill((0, 0, 0, 0))
        for stroke in self.strokes:
            self._dab(stroke[0])
            for i in range(1, len(stroke)):
                self._segment(stroke[i - 1], stroke[i])
