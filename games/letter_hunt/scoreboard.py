"""Letter hunt's end screen: the scoreboard, with a ribbon for whoever emptied their basket first."""
from __future__ import annotations

import pygame

from games.engine.core import draw as d
from games.engine.play.common_scenes import Scoreboard


class HuntScoreboard(Scoreboard):
    """The scoreboard, with a gold ribbon by the player who emptied their basket first (when the
    teacher turned "say who empties their basket first" on)."""

    def __init__(self, app, stars, letters, players, *, first=None, **kw):
        super().__init__(app, stars, letters, players, **kw)
        self.first = first

    def draw(self, surface):
        super().draw(surface)
        if self.first is None or len(self.players) < 2:
            return
        y = 320 + self.first * 60
        x = d.W / 2 + 350
        pygame.draw.polygon(surface, d.shade(d.RED, 0.9), [(x - 14, y), (x - 24, y + 40), (x - 6, y + 30), (x, y)])
        pygame.draw.polygon(surface, d.shade(d.RED, 0.9), [(x + 14, y), (x + 24, y + 40), (x + 6, y + 30), (x, y)])
        pygame.draw.circle(surface, d.GOLD, (x, y), 22)
        pygame.draw.circle(surface, d.shade(d.GOLD, 0.8), (x, y), 22, 3)
        d.draw_text(surface, "1", 28, (x, y), d.INK, bold=True)
