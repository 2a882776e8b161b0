"""The grown-up gate: keeps children out of the settings and (in kiosk mode) from quitting.

Press and hold the lock for two seconds, then tap two different numbers written as words ("Tap seven,
then two"). A 4-year-old who cannot read passes by chance about once in 72 answers; tapping one spot
over and over never passes (the two numbers differ). After a wrong number the gate stays open and takes
every tap until the screen has been quiet for a moment with no finger on it, then asks a new question
(after three wrong answers in a row, the lock is held again first): it never closes under a finger, so
a child tapping on and on never lands on the screen under it.
"""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.core.input import DOWN, MOVE, UP, Pointer
from games.engine.core.scene import Scene
from games.engine.core.widgets import Button, Widget

NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
HOLD_SECONDS = 2.0      # what the grown-ups are told: "press and hold the lock for two seconds"
HOLD_SLACK = 0.3        # a hold counts a little early: frames after the press arrive late, and people count fast
WRONG_SECONDS = 1.5     # after a wrong number "Not this time" shows at least this long, taking every tap
QUIET_SECONDS = 1.0     # ...and until nobody has touched the screen for this long: then a new question
WRONGS_BEFORE_LOCK = 3  # wrong answers in a row before the lock must be held again


class HoldButton(Widget):
    """Fills up while held; calls ``on_done`` after ``HOLD_SECONDS`` of holding."""

    def __init__(self, rect, on_done):
        super().__init__(rect)
        self.on_done = on_done
        self.held_by = None
        self.progress = 0.0

    def handle_pointer(self, p: Pointer) -> bool:
        if p.kind == DOWN and self.rect.collidepoint(p.pos):
            self.held_by = p.id
            return True
        if p.id == self.held_by and (p.kind == UP or (p.kind == MOVE and not self.rect.inflate(60, 60).collidepoint(p.pos))):
            self.held_by = None
            return True
        return p.id == self.held_by

    def update(self, dt):
        if self.held_by is None:
            self.progress = max(0.0, self.progress - dt * 2)
            return
        self.progress += dt / (HOLD_SECONDS - HOLD_SLACK)
        if self.progress >= 1:
            self.held_by, self.progress = None, 0.0
            self.on_done()

    def draw(self, surface, focused=False):
        c = self.rect.center
        r = self.rect.w // 2
        pygame.draw.circle(surface, (230, 232, 240), c, r)
        if self.progress > 0:
            pygame.draw.arc(surface, d.GREEN, self.rect, math.pi / 2, math.pi / 2 + self.progress * math.tau, 14)
        from games.engine.core.icons import icon
        img = icon("lock", int(r * 1.1), d.INK)
        surface.blit(img, img.get_rect(center=c))


class GrownUpGate(Scene):
    """Hold, then answer in words; ``on_pass()`` runs only for a grown-up.

    A wrong number shows "Not this time" and takes every tap until the child has let go and nobody has
    touched the screen for a moment; then a new question comes (see the module's docstring).
    """

    overlay = True

    def __init__(self, app, on_pass, purpose="Grown-ups only"):
        super().__init__(app)
        self.on_pass, self.purpose = on_pass, purpose
        self.step = "hold"      # then "question", and "wrong" after a wrong number
        self.answer = list(self.new_answer(app))
        self.question_number = 0   # how many questions this gate has asked
        self.wrongs = 0            # wrong answers in a row
        self.typed: list[int] = []
        self.wrong_for = 0.0
        self.quiet = 0.0           # seconds since the last pointer event, while no finger is down
        self.fingers: set[int] = set()   # pointers pressed on the gate and not yet lifted
        self.panel = pygame.Rect(240, 110, 800, 560)
        self.hold = HoldButton(pygame.Rect(d.W / 2 - 90, 300, 180, 180), self.show_question)
        self.close_button = Button((self.panel.right - 90, self.panel.y + 20, 70, 70), self.close,
                                   icon_name="cross", color=d.WHITE, icon_color=d.RED)
        self.widgets = [self.hold, self.close_button]
        self.numbers: list[Button] = []

    @staticmethod
    def new_answer(app) -> tuple[int, int]:
        """Two different numbers from 1 to 9: tapping one spot twice is never the answer."""
        a, b = app.rng.sample(range(1, 10), 2)
        return a, b

    def show_question(self):
        """A new question: two new numbers and the nine buttons in a new order."""
        self.step = "question"
        if self.question_number:
            self.answer = list(self.new_answer(self.app))
        self.question_number += 1
        self.typed = []
        digits = list(range(1, 10))
        self.app.rng.shuffle(digits)
        size, gap = 115, 20
        self.numbers = []
        for i, n in enumerate(digits):
            row, col = divmod(i, 5)
            in_row = 5 if row == 0 else 4
            left = d.W / 2 - (in_row * size + (in_row - 1) * gap) / 2
            self.numbers.append(Button((left + col * (size + gap), self.panel.y + 250 + row * (size + gap), size, size),
                                       lambda n=n: self.tap(n), label=str(n), color=d.CANDY[n % 8], label_size=56))
        self.close_button.enabled = True
        self.widgets = [self.close_button, *self.numbers]

    @property
    def question(self) -> str:
        """The question in words only, so a child who knows digits cannot match it by sight."""
        a, b = (NUMBER_WORDS[n] for n in self.answer)
        return f"Tap {a}, then {b}."

    def tap(self, n):
        if self.step != "question":
            return
        self.typed.append(n)
        if self.typed == self.answer[: len(self.typed)]:
            if len(self.typed) == len(self.answer):
                self.app.pop_scene(self)
                self.on_pass()
        else:
            self.show_wrong(n)

    def show_wrong(self, n):
        """Mark the wrong number and take no more answers until the screen has been quiet a moment."""
        self.step, self.wrong_for, self.quiet = "wrong", WRONG_SECONDS, 0.0
        self.wrongs += 1
        self.app.sounds.play("try_again")
        for b in self.numbers:
            b.enabled = b.label == str(n)
            if b.enabled:
                b.color, b.on_press = d.RED, (lambda: None)
        self.close_button.enabled = False

    def handle(self, event):
        """Every pointer event stops here: nothing under the gate reacts while it is open."""
        if isinstance(event, Pointer):
            self.quiet = 0.0
            if event.kind == DOWN:
                self.fingers.add(event.id)
            elif event.kind == UP:
                self.fingers.discard(event.id)
            if self.step == "wrong":
                return
        super().handle(event)

    def pause(self):
        self.fingers.clear()   # the window lost focus: its presses will never be lifted here

    def update(self, dt):
        super().update(dt)
        if not self.fingers:
            self.quiet += dt
        if self.step == "wrong":
            self.wrong_for -= dt
            if self.wrong_for <= 0 and self.quiet >= QUIET_SECONDS:
                self.try_again()

    def try_again(self):
        """After a wrong answer, once all is quiet: a new question, or the lock after too many wrongs."""
        if self.wrongs >= WRONGS_BEFORE_LOCK:
            self.wrongs = 0
            self.step = "hold"
            self.close_button.enabled = True
            self.widgets = [self.hold, self.close_button]
        else:
            self.show_question()

    def close(self):
        self.app.pop_scene(self)

    def back(self):
        self.close()

    def draw(self, surface):
        veil = pygame.Surface((d.W, d.H), pygame.SRCALPHA)
        veil.fill((20, 30, 60, 170))
        surface.blit(veil, (0, 0))
        # an opaque card with a clear edge: nothing of the screen below shows through it
        d.blit_panel(surface, self.panel, d.CREAM, radius=36, gloss=False)
        pygame.draw.rect(surface, d.CREAM, self.panel.inflate(-10, -14), border_radius=30)
        pygame.draw.rect(surface, d.shade(d.CREAM, 0.7), self.panel, width=5, border_radius=36)
        d.draw_text(surface, self.purpose, 44, (d.W / 2, self.panel.y + 60), d.INK, bold=True)
        if self.step == "hold":
            d.draw_text(surface, "Press and hold the lock.", 34, (d.W / 2, self.panel.y + 130), d.SOFT_INK)
        elif self.step == "question":
            d.draw_text(surface, self.question, 40, (d.W / 2, self.panel.y + 150), d.INK, bold=True)
        else:
            d.draw_text(surface, "Not this time.", 40, (d.W / 2, self.panel.y + 150), d.RED, bold=True)
        super().draw(surface)
