""""Stop playing?" before Letterplay closes: the launcher's door asks it (``StopQuestion`` with a door).

An open door (stop) and a green "keep playing" button; the question is spoken and captioned. Esc, a
tap beside the panel or the green button close the question and play goes on; only the door quits.
"""
from __future__ import annotations

import pygame

from games.engine.core import draw as d
from games.engine.play.stop_question import StopQuestion

DOOR_COLOR = (176, 112, 70)


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


class QuitDialog(StopQuestion):
    """The question before quitting: the door quits, the green button (or Esc) keeps playing."""

    def __init__(self, app):
        super().__init__(app, app.quit, paint_stop=paint_door)

    def spoken_question(self) -> str:
        return self.app.phrases.get("quit_ask")
