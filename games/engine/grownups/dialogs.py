"""The grown-ups' small dialogs over a page: a line of text to type (a name, a file) and "Delete ...?"."""
from __future__ import annotations

import time

import pygame

from games.engine.core import draw as d
from games.engine.core.input import Pointer
from games.engine.core.scene import Scene
from games.engine.core.widgets import Button
from games.engine.records.names import MAX_NAME, clean_name


class Dialog(Scene):
    """A cream panel over the page, which shows through a dark veil; ``back`` closes it."""

    overlay = True
    captions = False
    animating = False

    def __init__(self, app, panel: pygame.Rect):
        super().__init__(app)
        self.panel = panel

    def back(self):
        self.app.pop_scene(self)

    def draw_panel(self, surface):
        veil = pygame.Surface((d.W, d.H), pygame.SRCALPHA)
        veil.fill((20, 30, 60, 150))
        surface.blit(veil, (0, 0))
        d.blit_panel(surface, self.panel, d.CREAM, radius=30, gloss=False)


class TextEntry(Dialog):
    """A line of text for grown-ups (a name, a file): type, Enter or OK keeps it, Esc or the cross leaves."""

    limit = 200   # characters that can be typed

    def __init__(self, app, title, on_done, text=""):
        super().__init__(app, pygame.Rect(190, 200, 900, 360))
        self.title, self.on_done, self.text = title, on_done, text
        self.error = None
        self.widgets = [
            Button((self.panel.right - 250, self.panel.bottom - 110, 220, 86), self.ok, icon_name="done", label="OK",
                   color=d.GREEN, icon_color=d.WHITE),
            Button((self.panel.x + 30, self.panel.bottom - 110, 220, 86), self.back, icon_name="cross", label="Cancel",
                   color=d.WHITE, icon_color=d.RED),
        ]

    def enter(self):
        pygame.key.start_text_input()

    def exit(self):
        pygame.key.stop_text_input()

    def handle(self, event):
        if isinstance(event, Pointer):
            super().handle(event)
            return
        if event.type != pygame.KEYDOWN:
            return
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.ok()
        elif event.key == pygame.K_ESCAPE:
            self.back()
        elif event.key == pygame.K_BACKSPACE:
            self.text = self.text[:-1]
        elif event.unicode and event.unicode.isprintable() and len(self.text) < self.limit:
            self.text += event.unicode

    def ok(self):
        try:
            self.on_done(self.text.strip())
        except (ValueError, OSError) as err:
            self.error = str(err)
            return
        self.app.pop_scene(self)

    def draw(self, surface):
        self.draw_panel(surface)
        d.draw_text(surface, self.title, 34, (d.W / 2, self.panel.y + 50), d.INK, bold=True, max_width=self.panel.w - 60)
        box = pygame.Rect(self.panel.x + 40, self.panel.y + 95, self.panel.w - 80, 76)
        pygame.draw.rect(surface, d.WHITE, box, border_radius=16)
        pygame.draw.rect(surface, d.BLUE, box, 3, border_radius=16)
        shown = self.text + ("|" if int(time.monotonic() * 2) % 2 == 0 else " ")
        img = d.text_surface(shown, 36, d.INK)
        clip = surface.get_clip()
        surface.set_clip(box.inflate(-20, 0))
        surface.blit(img, img.get_rect(midleft=(box.x + 16, box.centery)) if img.get_width() < box.w - 32
                     else img.get_rect(midright=(box.right - 16, box.centery)))
        surface.set_clip(clip)
        if self.error:
            d.draw_text(surface, self.error, 24, (d.W / 2, box.bottom + 30), d.RED, max_width=self.panel.w - 60)
        super().draw(surface)


class NameEntry(TextEntry):
    """A child's or a class's name: typing stops at the longest name kept, and OK keeps the name as
    every name is kept (``records.names.clean_name``: one form of each letter, no invisible characters);
    a name with nothing left is refused with a message and the dialog stays."""

    limit = MAX_NAME

    def __init__(self, app, title, on_done, text=""):
        super().__init__(app, title, on_done, clean_name(text))

    def ok(self):
        name = clean_name(self.text)
        if not name:
            self.error = "Type a name with at least one letter."
            return
        self.text = name
        super().ok()


class Confirm(Dialog):
    """"Delete Mia and everything recorded about her?" with a red Yes and a Keep button."""

    def __init__(self, app, question, on_yes, yes="Delete"):
        super().__init__(app, pygame.Rect(190, 220, 900, 320))
        self.question, self.on_yes = question, on_yes
        self.widgets = [
            Button((self.panel.x + 40, self.panel.bottom - 120, 300, 90), self.back, label="Keep", color=d.WHITE),
            Button((self.panel.right - 340, self.panel.bottom - 120, 300, 90), self.yes, icon_name="cross", label=yes,
                   color=d.RED, icon_color=d.WHITE),
        ]

    def yes(self):
        self.app.pop_scene(self)
        self.on_yes()

    def draw(self, surface):
        self.draw_panel(surface)
        for i, line in enumerate(d.wrap(self.question, 32, self.panel.w - 80, bold=True)[:3]):
            d.draw_text(surface, line, 32, (d.W / 2, self.panel.y + 60 + i * 42), d.INK, bold=True)
        super().draw(surface)
