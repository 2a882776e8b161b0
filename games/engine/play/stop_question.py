""""Stop playing?": asked with two big pictures a child can tell apart, before a game (or the app) ends.

The stop picture (a house in a game, the launcher's door for quitting) and a green "keep playing"
button; the question is spoken and captioned. Esc, a tap beside the panel or the green button close
the question and play goes on; only the stop picture stops. The screen under it waits meanwhile.
"""
from __future__ import annotations

import pygame

from games.engine.core import draw as d
from games.engine.core.icons import icon
from games.engine.core.input import DOWN, Pointer
from games.engine.core.scene import Scene
from games.engine.core.widgets import Button

PANEL = pygame.Rect(240, 90, 800, 520)   # stays above the caption bar
STOP_CARD = (255, 226, 214)


def paint_house(surface, rect) -> None:
    """The home picture, the same as on the home button the child tapped."""
    img = icon("home", int(min(rect.w, rect.h) * 0.62), d.INK)
    surface.blit(img, img.get_rect(center=rect.center))


class StopQuestion(Scene):
    """The question before leaving: the stop picture runs ``on_stop``; the green button (or Esc) keeps
    playing. ``paint_stop`` draws the stop picture; ``spoken_question`` says what it stops."""

    overlay = True
    animating = False   # a still question

    def __init__(self, app, on_stop, *, paint_stop=paint_house):
        super().__init__(app)
        self.on_stop, self.paint_stop = on_stop, paint_stop
        gap, bw, bh = 60, 300, 250
        x0 = PANEL.centerx - bw - gap / 2
        self.stop_button = Button((x0, PANEL.y + 170, bw, bh), self.stop, color=STOP_CARD, painter=self._paint_stop,
                                  sound="click")
        self.keep_button = Button((x0 + bw + gap, PANEL.y + 170, bw, bh), self.keep_playing, color=d.GREEN,
                                  painter=self._paint_keep)
        self.widgets = [self.stop_button, self.keep_button]
        self.focus = self.keep_button   # Enter (or a second Esc) never stops by accident

    def spoken_question(self) -> str:
        return self.app.phrases.get("leave_game_ask")

    def enter(self):
        self.app.speaker.say(self.spoken_question(), interrupt=True)

    def stop(self):
        self.app.speaker.stop()
        self.app.pop_scene(self)
        self.on_stop()

    def keep_playing(self):
        self.app.speaker.say(self.app.phrases.get("quit_keep_playing"), interrupt=True)
        self.app.pop_scene(self)

    def back(self):
        self.keep_playing()

    def on_pointer(self, p: Pointer):
        if p.kind == DOWN and not PANEL.collidepoint(p.pos):
            self.keep_playing()

    def _paint_stop(self, surface, rect):
        self.paint_stop(surface, rect.inflate(0, -50).move(0, -20))
        d.draw_text(surface, "Stop", 34, (rect.centerx, rect.bottom - 36), d.INK, bold=True)

    @staticmethod
    def _paint_keep(surface, rect):
        img = icon("play", int(rect.h * 0.5), d.WHITE)
        surface.blit(img, img.get_rect(center=(rect.centerx, rect.centery - 20)))
        d.draw_text(surface, "Keep playing", 34, (rect.centerx, rect.bottom - 36), d.WHITE, bold=True)

    def draw(self, surface):
        veil = pygame.Surface((d.W, d.H), pygame.SRCALPHA)
        veil.fill((20, 30, 60, 150))
        surface.blit(veil, (0, 0))
        d.blit_panel(surface, PANEL, d.CREAM, radius=36, gloss=False)
        d.draw_text(surface, "Stop playing?", 56, (PANEL.centerx, PANEL.y + 80), d.INK, bold=True)
        super().draw(surface)
