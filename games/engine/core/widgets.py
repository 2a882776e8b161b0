"""Widgets every game shares: big picture buttons, letter tiles and the caption bar.

Widgets live in ``scene.widgets``; the scene hands them :class:`Pointer` events (a widget returns
True when it used one) and keyboard focus. They draw with the shared palette and the Andika font.
"""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.core.icons import icon
from games.engine.core.input import DOWN, MOVE, UP, Pointer

TAP_SLACK = 30   # a small hand may slide a little off a button before lifting


class Widget:
    focusable = False
    #: what plays the widget's sounds (``play(name)``, e.g. ``app.sounds``): the scene that holds the
    #: widget hands it its app's before each event (``Scene.handle``); None stays silent
    sounds = None

    def __init__(self, rect):
        self.rect = pygame.Rect(rect)
        self.visible = True
        self.enabled = True

    def handle_pointer(self, p: Pointer) -> bool:
        return False

    def activate(self) -> None:
        """Pressed by keyboard (Enter/Space) or by a tap."""

    def update(self, dt: float) -> None: ...

    def draw(self, surface, focused=False) -> None: ...


class Tappable(Widget):
    """A widget a child taps: press on it, lift on it (or a little beside it), and ``activate`` runs.

    Subclasses say where they can be hit (``hit``), how far a finger may slide off (``tap_slack``)
    and when they take taps at all (``can_tap``).
    """

    focusable = True
    tap_slack = TAP_SLACK   # pixels on each side

    def __init__(self, rect):
        super().__init__(rect)
        self._pressed_by = None

    @property
    def pressed(self) -> bool:
        return self._pressed_by is not None

    def hit(self, pos) -> bool:
        return self.rect.collidepoint(pos)

    def can_tap(self) -> bool:
        return self.enabled

    def let_go(self, pointer_id) -> None:
        """The finger that pressed this is lifted where the press can no longer act: forget it, do nothing."""
        if self._pressed_by == pointer_id:
            self._pressed_by = None

    def handle_pointer(self, p: Pointer) -> bool:
        if not self.can_tap():
            if p.kind == UP:
                self.let_go(p.id)      # pressed, then disabled under the finger: no stale press stays behind
            return False
        if p.kind == DOWN and self.hit(p.pos):
            self._pressed_by = p.id
            return True
        if p.kind == UP and self._pressed_by == p.id:
            self._pressed_by = None
            if self.rect.inflate(self.tap_slack * 2, self.tap_slack * 2).collidepoint(p.pos):
                self.activate()
            return True
        return p.kind == MOVE and self._pressed_by == p.id


class Button(Tappable):
    """A big rounded button with a picture (and optionally a word for grown-ups)."""

    def __init__(self, rect, on_press, *, icon_name=None, label=None, color=d.YELLOW, icon_color=d.INK,
                 sound="pop", label_size=None, painter=None):
        super().__init__(rect)
        self.on_press = on_press
        self.icon_name, self.label, self.color, self.icon_color = icon_name, label, color, icon_color
        self.sound, self.painter = sound, painter
        self.label_size = label_size or max(20, min(44, self.rect.h // 3))
        self.selected = False
        self._bounce = 0.0

    def activate(self) -> None:
        self._bounce = 1.0
        if self.sound and self.sounds is not None:
            self.sounds.play(self.sound)
        self.on_press()

    def update(self, dt):
        self._bounce = max(0.0, self._bounce - dt * 4)

    def draw(self, surface, focused=False):
        squash = 1 - 0.08 * math.sin(self._bounce * math.pi) - (0.04 if self.pressed else 0)
        rect = self.rect
        if squash > 0.995:
            self._draw_in(surface, rect)
        else:
            # Squashed by a press: the resting button, scaled down. Painting the panel and picture at
            # each frame's size filled the picture cache with one-off sizes (250 MB repainted in 2 min).
            pad = 20
            layer = pygame.Surface((rect.w + 2 * pad, rect.h + 2 * pad), pygame.SRCALPHA)
            self._draw_in(layer, pygame.Rect(pad, pad, rect.w, rect.h))
            small = pygame.transform.smoothscale(layer, (round(layer.get_width() * squash),
                                                         round(layer.get_height() * squash)))
            surface.blit(small, small.get_rect(center=rect.center))
            rect = pygame.Rect(0, 0, round(rect.w * squash), round(rect.h * squash))
            rect.center = self.rect.center
        if focused:
            self._draw_focus(surface, rect)

    def _draw_focus(self, surface, rect):
        """The blue ring around the button that has the keyboard's focus."""
        pygame.draw.rect(surface, d.BLUE, rect.inflate(14, 14), width=5, border_radius=min(34, rect.h // 3 + 6))

    def _draw_in(self, surface, rect):
        """The button at rest: its panel and its picture, label or both, in ``rect``."""
        color = self.color if self.enabled else (200, 200, 200)
        if self.selected:
            color = d.YELLOW
        d.blit_panel(surface, rect, color, radius=min(28, rect.h // 3),
                     border=d.INK if self.selected else None)
        if self.painter:
            self.painter(surface, rect)
            return
        if self.icon_name and self.label:
            size = int(min(rect.h * 0.6, rect.w * 0.3))
            img = icon(self.icon_name, size, self.icon_color)
            surface.blit(img, img.get_rect(midleft=(rect.x + 20, rect.centery)))
            d.draw_text(surface, self.label, self.label_size, (rect.x + 30 + size + (rect.w - size - 40) / 2,
                        rect.centery), d.INK, bold=True, max_width=rect.w - size - 50)
        elif self.icon_name:
            size = int(min(rect.w, rect.h) * 0.62)
            img = icon(self.icon_name, size, self.icon_color)
            surface.blit(img, img.get_rect(center=rect.center))
        elif self.label:
            d.draw_text(surface, self.label, self.label_size, rect.center, d.INK, bold=True,
                        max_width=rect.w - min(24, rect.w // 6))


class LetterTile(Tappable):
    """A letter card: shown face up or face down, can flip, wobble, glow and fly."""

    tap_slack = TAP_SLACK // 2

    def __init__(self, rect, char, on_press=None, *, color=d.WHITE, back_color=d.BLUE):
        super().__init__(rect)
        self.char, self.on_press = char, on_press
        self.color, self.back_color = color, back_color
        self.face_up = True
        self.flip = 1.0          # 1 = face up, 0 = face down; animates toward face_up
        self.wobble = 0.0
        self.glow = 0.0
        self.offset = pygame.Vector2()

    def can_tap(self) -> bool:
        return self.enabled and self.on_press is not None

    def activate(self):
        if self.on_press:
            self.on_press(self)

    def shake(self):
        self.wobble = 1.0

    def update(self, dt):
        target = 1.0 if self.face_up else 0.0
        step = dt * 4
        self.flip = min(target, self.flip + step) if self.flip < target else max(target, self.flip - step)
        self.wobble = max(0.0, self.wobble - dt * 1.5)
        self.glow = max(0.0, self.glow - dt)

    def draw(self, surface, focused=False):
        rect = self.rect.move(self.offset)
        rect.x += int(math.sin(self.wobble * 30) * 14 * self.wobble)
        width_factor = abs(self.flip * 2 - 1)        # card edge-on at the middle of a flip
        showing_face = self.flip >= 0.5
        w = max(4, int(rect.w * width_factor))
        card = pygame.Rect(0, 0, w, rect.h)
        card.center = rect.center
        if self.glow > 0:
            pygame.draw.rect(surface, d.shade(d.YELLOW, 1.2), card.inflate(24, 24),
                             border_radius=30)
        d.blit_panel(surface, card, self.color if showing_face else self.back_color, radius=22,
                     border=d.BLUE if focused else None)
        if showing_face and w > rect.w * 0.3:
            glyph = d.text_surface(self.char, int(rect.h * 0.62), d.INK, True)
            ink = glyph.get_bounding_rect()
            img = glyph.subsurface(ink)
            if w < rect.w:
                img = pygame.transform.smoothscale(img, (max(1, int(ink.w * w / rect.w)), ink.h))
            surface.blit(img, img.get_rect(center=card.center))
        elif not showing_face and w > 10:
            self._draw_back(surface, card)

    def _draw_back(self, surface, card):
        for i in range(3):
            r = card.inflate(-card.w * (0.3 + 0.2 * i), -card.h * (0.3 + 0.2 * i))
            pygame.draw.ellipse(surface, d.shade(self.back_color, 1.2 + 0.15 * i), r, 4)


class CaptionBar:
    """The spoken line, written at the bottom of the screen, with a button to hear it again.

    A line that ends fades out; a line the speaker withdraws (the game's state it belonged to ended,
    ``Speaker.withdraw``) leaves at once: what it said may no longer be true on screen.
    """

    HEIGHT = 84

    def __init__(self, speaker):
        self.speaker = speaker
        self.rect = pygame.Rect(160, d.H - self.HEIGHT - 10, d.W - 320, self.HEIGHT)
        self.again = Button(pygame.Rect(self.rect.right - 78, self.rect.y + 8, 68, 68),
                            self.speaker.say_again, icon_name="speaker", color=d.WHITE, sound=None)
        self._text = None
        self._alpha = 0.0
        self._withdrawn = getattr(speaker, "captions_withdrawn", 0)
        # Only the bar on show is kept (0.4 MB): a child hears dozens of lines a minute, and keeping
        # each in the shared picture cache pushed out pictures the games draw every frame.
        self._shown: tuple[str, pygame.Surface] | None = None

    def handle_pointer(self, p: Pointer) -> bool:
        return self._alpha > 0.5 and self.again.handle_pointer(p)

    def _layer(self, text: str) -> pygame.Surface:
        """The bar with ``text`` laid out in up to three lines (made once per line of speech)."""
        if self._shown is None or self._shown[0] != text:
            self._shown = (text, self._paint_layer(text))
        return self._shown[1]

    def _paint_layer(self, text: str) -> pygame.Surface:
        layer = pygame.Surface(self.rect.inflate(20, 30).size, pygame.SRCALPHA)
        inner = pygame.Rect(10, 10, self.rect.w, self.rect.h)
        d.blit_panel(layer, inner, (255, 255, 255), radius=30, gloss=False)
        for size, most in ((40, 1), (32, 2), (26, 3), (22, 3)):
            lines = d.wrap(text, size, self.rect.w - 130, bold=True)
            if len(lines) <= most:
                break
        lines = lines[:3]
        for i, line in enumerate(lines):
            y = inner.centery + (i - (len(lines) - 1) / 2) * (size + 4)
            d.draw_text(layer, line, size, (inner.x + (inner.w - 90) / 2, y), d.INK, bold=True,
                        max_width=inner.w - 120)
        return layer

    @property
    def on_screen(self) -> str | None:
        """The line the bar shows now (also while it fades out), or None when it shows nothing."""
        return self._text if self._alpha > 0 else None

    def update(self, dt):
        withdrawn = getattr(self.speaker, "captions_withdrawn", 0)
        if withdrawn != self._withdrawn:
            self._withdrawn = withdrawn
            self._text, self._alpha = None, 0.0
        text = self.speaker.caption
        if text:
            self._text = text
        self._alpha = min(1.0, self._alpha + dt * 6) if text else max(0.0, self._alpha - dt * 3)
        self.again.update(dt)

    def draw(self, surface):
        if self._alpha <= 0 or not self._text:
            return
        layer = self._layer(self._text)
        layer.set_alpha(int(255 * self._alpha))
        surface.blit(layer, (self.rect.x - 10, self.rect.y - 10))
        self.again.draw(surface)


class SayAgainButton(Button):
    """The big round "say it again" button every game puts beside its task: a speaker with sound waves.

    Tapping it (or Enter/Space when it has keyboard focus) says the scene's current prompt again
    (:class:`~games.engine.core.prompt.Prompt`). Its waves ripple while the prompt is being said, so a
    child sees where the voice comes from and what to tap to hear it again.
    """

    SIZE = 112
    COLOR = (255, 226, 140)

    def __init__(self, center, prompt):
        rect = pygame.Rect(0, 0, self.SIZE, self.SIZE)
        rect.center = (int(center[0]), int(center[1]))
        super().__init__(rect, prompt.again, color=self.COLOR, sound=None)
        self.prompt = prompt
        self._ripple = 0.0

    def hit(self, pos) -> bool:
        return math.dist(pos, self.rect.center) <= self.rect.w / 2 + 8

    def update(self, dt):
        super().update(dt)
        self._ripple = (self._ripple + dt * 1.4) % 1.0 if self.prompt.speaking else 0.0

    def draw(self, surface, focused=False):
        if self._ripple > 0:   # a ring spreading out while the prompt is said
            ring = self.rect.inflate(int(50 * self._ripple), int(50 * self._ripple))
            pygame.draw.ellipse(surface, d.shade(self.COLOR, 0.85 + 0.3 * self._ripple), ring,
                                max(2, int(8 * (1 - self._ripple))))
        super().draw(surface, focused)

    def _draw_focus(self, surface, rect):
        pygame.draw.ellipse(surface, d.BLUE, rect.inflate(16, 16), 6)

    def _draw_in(self, surface, rect):
        size = rect.w
        d.blit_panel(surface, rect, self.color, radius=size // 2)
        img = icon("speaker", int(size * 0.66), d.INK)
        surface.blit(img, img.get_rect(center=(rect.centerx + size * 0.04, rect.centery - 2)))
