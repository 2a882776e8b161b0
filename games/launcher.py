"""The launcher: the first screen, one big picture card per registered game, and the command line."""
from __future__ import annotations

import argparse
import logging
import math
import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")   # keep --list-games and --help output clean

import pygame  # noqa: E402

from games.engine.core import draw as d
from games.engine.play.common_scenes import GameStart
from games.engine.grownups.gate import GrownUpGate
from games.engine.grownups.settings_screen import SettingsScreen
from games.engine.play.players import default_players
from games.engine.grownups.quit_dialog import QuitDialog, paint_door
from games.engine.core.scene import Scene
from games.engine.core.storage import keep_new_files_private
from games.engine.core.widgets import Button
from .registry import find_game, load_games

log = logging.getLogger(__name__)


class Launcher(Scene):
    """Pick a game by its picture; the grown-ups' gear sits in a corner behind the gate, and (in a window)
    a door in the other corner asks before quitting."""

    animating = False   # only the title bobs, gently: a few frames a second do when nobody plays
    SETTLE_AFTER = 15.0   # seconds without input before the title comes to rest (and 2 frames a second do)
    WARM_UP_AFTER = 0.25  # seconds without input before a game's code is imported ahead (see warm_up)

    def __init__(self, app):
        super().__init__(app)
        hidden = set(app.settings.hidden_games)
        if not app.games:
            app.games = load_games()   # the engine is handed the games; it never imports the registry
        self.games = [g for g in app.games if g.id not in hidden] or list(app.games)
        self._cold = list(reversed(self.games))   # games whose code is not imported yet (warm_up)
        self.t = 0.0
        self.quiet = 0.0    # seconds since the last input
        self.bob = 1.0      # how much the title bobs: 1 while children are around, 0 at rest
        self.cards = {}   # game id -> its card button
        for game, rect in zip(self.games, card_grid(len(self.games))):
            self.cards[game.id] = Button(rect, lambda g=game: self.open(g), color=game.color,
                                         painter=_card_painter(game))
            self.widgets.append(self.cards[game.id])
        self.quit_button = None   # in kiosk mode quitting is in the settings, behind the gate
        if not app.kiosk:
            self.quit_button = Button((26, 20, 84, 84), self.ask_quit, color=d.WHITE, sound="click",
                                      painter=lambda surface, rect: paint_door(surface, rect, rect.h * 0.8))
            self.widgets.append(self.quit_button)
        self.widgets.append(Button((d.W - 110, 20, 84, 84), self.grown_ups, icon_name="gear", color=d.WHITE,
                                   sound="click"))

    def enter(self):
        self.app.speaker.say(self.app.phrases.get("hello"))
        if self.app.settings.problem:
            self.app.speaker.say(self.app.phrases.get("settings_reset"))

    def open(self, game):
        self.app.push(GameStart(self.app, game))

    def grown_ups(self):
        self.app.push(GrownUpGate(self.app, lambda: self.app.push(SettingsScreen(self.app))))

    def ask_quit(self):
        """Stop playing? (asked with pictures; the door quits)."""
        self.app.push(QuitDialog(self.app))

    def back(self):
        if self.app.kiosk:
            self.grown_ups()
        else:
            self.ask_quit()

    @property
    def idle_fps(self):
        return 10 if self.bob > 0 else 2

    def handle(self, event):
        self.quiet = 0.0
        super().handle(event)

    def resume(self):
        self.quiet = 0.0
        d.forget_game_pictures()   # back from a game: its drawn art is not needed until it is played again

    def update(self, dt):
        super().update(dt)
        self.t += dt
        self.quiet += dt
        wake = self.quiet < self.SETTLE_AFTER
        self.bob = min(1.0, self.bob + dt * 2) if wake else max(0.0, self.bob - dt / 2)
        self.warm_up()

    def warm_up(self) -> None:
        """While nobody touches the screen, import one game's code a frame (5-15 ms each, once), so the
        frame that opens a game does not stall on it as well as on painting its pictures."""
        if not self._cold or self.quiet < self.WARM_UP_AFTER:
            return
        game = self._cold.pop()
        try:
            game.scene_class()
        except Exception:   # opening that game will say what is wrong; the launcher stays
            log.exception("could not load the game %s ahead of time", game.id)

    def draw(self, surface):
        surface.blit(d.background("sky"), (0, 0))
        title = "Letterplay"
        f = d.font(84, True)
        x = d.W / 2 - f.size(title)[0] / 2
        for i, ch in enumerate(title):
            y = 10 + math.sin(self.t * 2.5 + i * 0.6) * 6 * self.bob   # each letter bobs; one baseline
            surface.blit(d.text_surface(ch, 84, d.CANDY[i % 8], True), (x, y))
            x += f.size(ch)[0]
        super().draw(surface)
        self.draw_records_notice(surface)

    def draw_records_notice(self, surface):
        """Under the gear, for grown-ups: the progress file cannot be written, answers wait to be saved,
        or a damaged file was set aside (the settings and the Children page say more)."""
        words = self.app.progress.short_problem
        if not words:
            return
        img = d.text_surface(words, 20, d.WHITE, True)
        box = img.get_rect(topright=(d.W - 26, 108)).inflate(20, 6)
        pygame.draw.rect(surface, d.RED, box, border_radius=box.h // 2)
        surface.blit(img, img.get_rect(center=box.center))


def card_grid(n: int, area=pygame.Rect(50, 140, d.W - 100, 545), gap=30, aspect=1.1) -> list[pygame.Rect]:
    """Rectangles for ``n`` game cards: as big as fits in ``area``, rows centred, never under the captions."""
    return d.grid_rects(n, area, gap, aspect, largest=300)


def _card_painter(game):
    def paint(surface, rect):
        label = max(22, min(34, rect.h // 8))
        art = pygame.Rect(rect.x + rect.w * 0.09, rect.y + 16, rect.w * 0.82, rect.h - 2.4 * label - 20)
        game.paint_icon(surface, art)
        d.draw_text(surface, game.title, label, (rect.centerx, rect.bottom - 1.2 * label), d.INK, bold=True,
                    max_width=rect.w - 24)
    return paint


def progress_commands() -> tuple[str, ...]:
    from games.engine.grownups.cli import COMMANDS
    return COMMANDS


def run_progress_command(argv) -> int:
    """``letterplay report|export|import|class-list ...`` (see ``games/engine/grownups/cli.py``)."""
    from games.engine.grownups.cli import main as progress_main
    return progress_main(argv)


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="letterplay", description="Letterplay: letter games for children aged 3-6.",
                                epilog="Progress: letterplay report --out DIR | export --out FILE | import FILE | "
                                       "class-list import|export FILE --class NAME. "
                                       "Bingo cards on paper: letterplay print-bingo --players 4 --out cards.pdf")
    p.add_argument("--fullscreen", action="store_true", help="fill the whole screen")
    p.add_argument("--size", metavar="WxH",
                   help="window size (default: as big as fits the screen, at most 1280x800)")
    p.add_argument("--list-games", action="store_true", help="print each game's id and title, one a line, and exit")
    p.add_argument("--game", metavar="ID", help="start straight in a game (see --list-games)")
    p.add_argument("--letters", metavar="SET",
                   help="letter set for this run: a set id (alphabet, week, vowels, round, sticks, pointy, "
                        "mirror) or the letters themselves, e.g. 'satpin'")
    p.add_argument("--mute", action="store_true", help="no voice and no sound effects (captions stay)")
    p.add_argument("--kiosk", action="store_true", help="full screen, no way out but through the grown-up gate")
    p.add_argument("--screenshot", metavar="PATH",
                   help="render the first frames of the chosen screen, save a PNG and exit")
    p.add_argument("--level", type=int, default=0, metavar="N",
                   help="with --game: start at level N (1-3) instead of the level picker")
    return p.parse_args(argv)


def prefer_software_framebuffer(environ=os.environ) -> None:
    """Under X11, show frames through X11's own framebuffer rather than an OpenGL texture.

    The game draws everything in software; SDL's default texture framebuffer loads Mesa and LLVM
    (about +95 MB) just to copy the frame. Windowed, full screen and kiosk alike. Wayland has no
    software framebuffer in SDL 2, so it is left alone there, and a value already set is kept.
    """
    driver = environ.get("SDL_VIDEODRIVER", "")
    if environ.get("DISPLAY") and (not driver or driver.startswith("x11")):
        environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    keep_new_files_private()   # children's names go into reports, exports and the progress file
    if argv and argv[0] in progress_commands():
        return run_progress_command(argv)
    if argv and argv[0] == "print-bingo":   # bingo cards on paper (games/bingo/print_cards.py)
        from .bingo.print_cards import main as print_bingo
        return print_bingo(argv[1:])
    args = parse_args(argv)
    prefer_software_framebuffer()
    logging.basicConfig(level=logging.INFO, format="letterplay: %(message)s")
    if args.list_games:
        for game in load_games():
            print(f"{game.id}\t{game.title}")
        return 0
    size = None   # the biggest window that fits the desktop
    if args.size:
        try:
            size = tuple(int(v) for v in args.size.lower().split("x"))
            if len(size) != 2 or min(size) < 1:
                raise ValueError
        except ValueError:
            print(f"letterplay: --size wants WIDTHxHEIGHT, like 1280x800 (got {args.size!r})", file=sys.stderr)
            return 2
    elif args.screenshot:
        size = (d.W, d.H)
    if args.screenshot:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from .engine.app import App
    from games.engine.core.settings import Settings

    settings = Settings.load()
    if args.letters and not settings.use_letters(args.letters):
        print(f"letterplay: no letter set {args.letters!r}; use a set id or some letters", file=sys.stderr)
        return 2
    game = None
    if args.game:
        try:
            game = find_game(args.game)
        except KeyError as err:
            print(f"letterplay: {err.args[0]}", file=sys.stderr)
            return 2
    try:
        app = App(size=size, fullscreen=args.fullscreen or args.kiosk or None,
                  mute=args.mute or bool(args.screenshot), kiosk=args.kiosk, settings=settings,
                  games=load_games())
    except pygame.error as err:
        print(f"letterplay: cannot open a window ({err}). Is a screen connected? "
              "(--screenshot works without one.)", file=sys.stderr)
        return 1
    app.push(Launcher(app))
    if game:
        if 1 <= args.level <= len(game.levels):
            app.push(game.make_scene(app, game.levels[args.level - 1], default_players(1)))
        else:
            app.push(GameStart(app, game))
    if args.screenshot:
        app.run_frames(90)
        app.screenshot(args.screenshot, whole_window=size != (d.W, d.H) or args.fullscreen)
        app.shutdown()
        print(f"saved {args.screenshot}")
        return 0
    app.run()
    return 0
