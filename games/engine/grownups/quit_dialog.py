""""Stop playing?": asked before the game closes, with two big pictures a child can tell apart.

An open door (stop) and a green "keep playing" button; the question is spoken and captioned. Esc, a
tap beside the panel or the green button close the question and play goes on; only the door quits.
"""
from __future__ import annotations


import pygame

from games.engine.core import draw as d
from games.engine.core.icons import icon
from games.engine.core.input import DOWN, Pointer
from games.engine.core.scene import Scene
from games.engine.core.widgets import Button

PANEL = pygame.Rect(240, 90, 800, 520)   # stays above the caption bar
DOOR_COLOR = (176, 112, 70)
DOOR_CARD = (255, 226, 214)


def paint_door(surface, rect, size=None) -> None:
    """An open door with the way out shining through and an arrow going out (the "stop playing" picture)."""
    img = _door(int(size or min(rect.w, rect.h) * 0.7))
    surface.blit(img, img.get_rect(center=rect.center))


@d.surface_cache(shared=True)
def _door(size: int) -> pygame.Surface:
    def paint(s, k):
        w, h = s.get_size()
        frame = pygame.Rect(w * .14, h * .06, w * .5, h * .88)
        pygame.draw.rect(s, d.shade(DOOR_COLOR, 0.7), frame, border_radius=int(w * .03))
        opening = frame.inflate(-w * .07, -h * .05)
        opening.bottom = frame.bottom
        pygame.draw.rect(s, (255, 240, 170), opening)                     # daylight outside
        pygame.draw.rect(s, (150, 210, 110), (opening.x, opening.bottom - h * .12, opening.w, h * .12))
        # the door swung open toward us: a leaf hinged on the left edge of the opening
        x0, top, bottom = opening.x, opening.y, opening.bottom
        leaf = [(x0, top), (x0 + w * .26, top - h * .05), (x0 + w * .26, bottom + h * .04), (x0, bottom)]
        pygame.draw.polygon(s, DOOR_COLOR, leaf)
        pygame.draw.polygon(s, d.shade(DOOR_COLOR, 0.6), leaf, max(1, int(w * .015)))
        pygame.draw.circle(s, d.GOLD, (x0 + w * .21, (top + bottom) / 2), w * .03)
        # an arrow going out through the door
        ay = h * .55
        pygame.draw.line(s, d.RED, (w * .5, ay), (w * .8, ay), int(w * .09))
        pygame.draw.polygon(s, d.RED, [(w * .76, ay - h * .13), (w * .97, ay), (w * .76, ay + h * .13)])
    return d.smooth((size, size), paint)


class QuitDialog(Scene):
    """The question before quitting: the door quits, the green button (or Esc) keeps playing."""

    overlay = True
    animating = False   # a still question

    def __init__(self, app):
        super().__init__(app)
        gap, bw, bh = 60, 300, 250
        x0 = PANEL.centerx - bw - gap / 2
        self.stop_button = Button((x0, PANEL.y + 170, bw, bh), self.stop, color=DOOR_CARD, painter=self._paint_stop,
                                  sound="click")
        self.keep_button = Button((x0 + bw + gap, PANEL.y + 170, bw, bh), self.keep_playing, color=d.GREEN,
                                  painter=self._paint_keep)
        self.widgets = [self.stop_button, self.keep_button]
        self.focus = self.keep_button   # Enter (or a second Esc) never quits by accident

    def enter(self):
        self.app.speaker.say(self.app.phrases.get("quit_ask"), interrupt=True)

    def stop(self):
        self.app.speaker.stop()
        self.app.quit()

    def keep_playing(self):
        self.app.speaker.say(self.app.phrases.get("quit_keep_playing"), interrupt=True)
        self.app.pop_scene(self)

    def back(self):
        self.keep_playing()

    def on_pointer(self, p: Pointer):
        if p.kind == DOWN and not PANEL.collidepoint(p.pos):
            self.keep_playing()

    @staticmethod
    def _paint_stop(surface, rect):
        paint_door(surface, rect.inflate(0, -50).move(0, -20))
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
