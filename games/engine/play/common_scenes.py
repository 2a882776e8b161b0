"""Screens every game shares: the game's start screen (pick how hard) and the stars screen at the end."""
from __future__ import annotations

import logging
import math

import pygame

from games.engine.core import draw as d
from games.engine.play.players import default_players, draw_player_rows
from games.engine.core.scene import Scene
from games.engine.core.widgets import Button
from games.engine.play.stop_question import StopQuestion

log = logging.getLogger(__name__)

HOME_RECT = (24, 24, 96, 96)   # every screen's home (or back) button: the top-left corner


def home_button(on_press, ask=None) -> Button:
    """The round white home button in the top-left corner, the same on every screen.

    ``ask``: the app, in a game: a tap asks "Stop playing?" first (the house picture runs ``on_press``,
    the green button keeps playing), so a child's stray tap never ends the game.
    """
    if ask is not None:
        app, leave = ask, on_press

        def on_press():
            app.push(StopQuestion(app, leave))
    return Button(HOME_RECT, on_press, icon_name="home", color=d.WHITE)


def stars_for(slips: int, first: int = 1, second: int = 3) -> int:
    """Stars at the end of a game: 3, one fewer from ``first`` slips on (rounds that needed help,
    tries over the fewest), and one fewer again from ``second``. Never fewer than 1."""
    return 3 - (slips >= first) - (slips >= second)


class GameStart(Scene):
    """The game's picture and name, spoken how-to-play, and 1-2-3 star buttons to start a level.
    The picture bobs for a few seconds, then rests (a still screen costs next to nothing)."""

    BOB_SECONDS = 6.0
    idle_fps = 2          # at rest nothing on it moves: a few frames a second keep the voice's turns

    def __init__(self, app, game):
        super().__init__(app)
        self.game = game
        self.t = 0.0
        n = len(game.levels)
        gap = 30
        bw = min(270, (d.W - 80 - (n - 1) * gap) // n)
        x0 = d.W / 2 - (n * bw + (n - 1) * gap) / 2
        last = app.settings.levels.get(game.id)
        for i, level in enumerate(game.levels):
            rect = pygame.Rect(x0 + i * (bw + gap), 420, bw, 268)
            button = Button(rect, lambda lv=level: self.start(lv), color=d.CANDY[(i * 2 + 1) % 8],
                            painter=_level_painter(level))
            self.widgets.append(button)
            if level.name == last:
                self.focus = button   # ring the level played last time; Enter starts it again
        self.widgets.append(home_button(app.home))
        self.widgets.append(Button((150, 24, 100, 100), self.explain, icon_name="speaker", color=d.WHITE))

    def enter(self):
        self.explain()

    def resume(self):
        self.t = 0.0

    def explain(self):
        self.app.speaker.say(f"{self.game.spoken_name}! {self.game.how_to_play}", interrupt=True)

    def start(self, level):
        self.app.settings.levels[self.game.id] = level.name
        try:
            self.app.settings.save()
        except OSError as err:   # a read-only home must not stop the game
            log.warning("could not remember the level: %s", err)
        self.app.speaker.stop()
        from games.engine.play.who_is_playing import pick_child, pick_players
        if self.game.players[1] > 1:
            pick_players(self.app, lambda players: self.app.push(self.game.make_scene(self.app, level, players)),
                         most=self.game.players[1])
        else:
            pick_child(self.app, lambda: self.app.push(self.game.make_scene(self.app, level, default_players(1))))

    @property
    def animating(self):
        return self.t < self.BOB_SECONDS

    def update(self, dt):
        super().update(dt)
        self.t += dt

    def draw(self, surface):
        surface.blit(d.background("sky"), (0, 0))
        card = pygame.Rect(0, 0, 260, 260)
        t = min(self.t, self.BOB_SECONDS)
        card.center = (d.W / 2, 255 + math.sin(t * 2) * 6 * (1 - t / self.BOB_SECONDS))
        d.blit_panel(surface, card, self.game.color, radius=40)
        self.game.paint_icon(surface, card.inflate(-40, -40))
        d.draw_text(surface, self.game.title, 56, (d.W / 2, 60), d.INK, bold=True)
        super().draw(surface)


def _level_painter(level):
    """A level tile: a big picture of what the level changes, small stars for how hard, the name for grown-ups."""
    def paint(surface, rect):
        pad = max(10, rect.w // 18)
        window = pygame.Rect(rect.x + pad, rect.y + pad, rect.w - 2 * pad, rect.h - pad - 78)
        pygame.draw.rect(surface, d.shade(d.WHITE, 0.97), window, border_radius=16)
        if level.picture is not None:
            clip = surface.get_clip()
            surface.set_clip(window.clip(clip))   # a picture never spills over the stars or the name
            level.picture(surface, window.inflate(-14, -14), level)
            surface.set_clip(clip)
        size = 30
        for i in range(level.stars):
            img = d.star(size)
            x = rect.centerx + (i - (level.stars - 1) / 2) * (size + 4)
            surface.blit(img, img.get_rect(center=(x, rect.bottom - 58)))
        d.draw_text(surface, level.name, 22, (rect.centerx, rect.bottom - 24), d.INK, bold=True, max_width=rect.w - 20)
    return paint


LETTER_COLORS = [d.RED, d.BLUE, d.GREEN, d.PURPLE, d.shade(d.ORANGE, 0.85), d.TEAL, d.PINK]   # dark enough on white


class StarsScreen(Scene):
    """The end of a game: stars for the effort, the letters practised, play again or go home.
    The stars pop in and sway for a few seconds, then the screen keeps still (no frames drawn for
    nothing while the class sits on it)."""

    SWAY_SECONDS = 4.0
    idle_fps = 2

    def __init__(self, app, stars: int, letters: list[str], *, replay, message=None):
        super().__init__(app)
        self.stars, self.letters = max(1, min(3, stars)), letters
        self.message = message or app.phrases.get("game_over")
        self.t = 0.0
        self.widgets.append(Button((d.W / 2 - 330, 560, 300, 130), replay, icon_name="play", color=d.GREEN,
                                   icon_color=d.WHITE))
        self.widgets.append(Button((d.W / 2 + 30, 560, 300, 130), app.home, icon_name="home", color=d.YELLOW))

    def enter(self):
        self.app.sounds.play("tada")
        self.app.speaker.say(self.message, interrupt=True)

    @property
    def animating(self):
        return self.t < self.SWAY_SECONDS

    def update(self, dt):
        super().update(dt)
        self.t += dt

    def draw(self, surface):
        surface.blit(d.background("sky"), (0, 0))
        t = min(self.t, self.SWAY_SECONDS)
        sway = 5 * (1 - t / self.SWAY_SECONDS)          # the stars sway less and less, then rest
        for i in range(3):
            k = min(1.0, max(0.0, (t - 0.3 * i) * 3))
            got = i < self.stars
            size = int((170 if i == 1 else 140) * (0.6 + 0.4 * k))
            img = d.star(size) if got else d.star(size, (225, 225, 235), (190, 190, 205))
            x = d.W / 2 + (i - 1) * 210
            y = 190 - (30 if i == 1 else 0) + math.sin(t * 3 + i) * sway
            surface.blit(img, img.get_rect(center=(x, y)))
        if self.letters:
            n = len(self.letters)
            size = min(110, (d.W - 200) // n)
            for i, ch in enumerate(self.letters):
                x = d.W / 2 + (i - (n - 1) / 2) * (size + 14)
                r = pygame.Rect(0, 0, size, size)
                r.center = (x, 420)
                d.blit_panel(surface, r, d.WHITE, radius=18)
                d.draw_glyph(surface, ch, int(size * 0.62), r.center, LETTER_COLORS[i % len(LETTER_COLORS)])
        super().draw(surface)


class Scoreboard(StarsScreen):
    """The end of a game for 1-4 players: the stars and, when several played, a row for each player
    (animal, name, and the letters they kept, each drawn by ``picture(letter, index)``)."""

    def __init__(self, app, stars, letters, players, *, replay, picture, message=None):
        self.players, self.picture = players, picture
        together = len(players) > 1
        if message is None and together:
            message = app.phrases.get("everyone_wins")
        super().__init__(app, stars, [] if together else letters, replay=replay, message=message)

    def draw(self, surface):
        super().draw(surface)
        if len(self.players) > 1:
            draw_player_rows(surface, self.players, self.picture)

