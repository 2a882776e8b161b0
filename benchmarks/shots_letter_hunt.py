"""Screenshots of every stage of letter hunt, played by posting real pygame events.

    python benchmarks/shots_letter_hunt.py [OUT_DIR]      (default: out/letter_hunt)

Plays from the launcher: the start screen, picking letters into the basket (tiles flying in), "pick
for me", the deck flipping a card, a tile dragged to the glowing box and dropping in, a wrong tile
named kindly, "look again" with the glowing tile, a basket emptied, the scoreboard for 3 players with
the "first" ribbon (teacher option on); then level 3 (face-down tiles, the pad, a forgotten tile
peeking up) in matching case (big letter called, small letter in the basket). Prints each PNG's path.
The letter checker is a stand-in that accepts what the script says.
"""
from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("LETTERPLAY_HOME", tempfile.mkdtemp(prefix="letterplay-shots-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pygame  # noqa: E402

from games.engine.app import App  # noqa: E402
from games.engine.play.celebration import Celebration  # noqa: E402
from games.engine.writing.checker import Verdict  # noqa: E402
from games.engine.play.common_scenes import StarsScreen  # noqa: E402
from games.engine.play.driver import Driver  # noqa: E402
from games.engine.core.settings import Settings  # noqa: E402
from games.engine.voice.speech import Speaker  # noqa: E402
from games.launcher import Launcher  # noqa: E402
from games.letter_hunt.table import BOX  # noqa: E402

STEP = 1 / 15


class ScriptedChecker:
    """Says yes as the script decides (the real recognizer is not what these pictures show)."""

    accept = True

    def check(self, strokes, target):
        return Verdict(self.accept, 0.9, target.lower(), "scripted")


class Shots(Driver):
    def __init__(self, out: Path, **settings):
        self.out = out
        self.app = App(settings=Settings(**settings), checker=ScriptedChecker(),
                       speaker=Speaker(enabled=False, cache_dir=Path(tempfile.mkdtemp()) / "speech"),
                       rng=random.Random(7))
        self.app.push(Launcher(self.app))
        self.frames(2)

    def shot(self, name):
        self.frames(1)
        path = self.out / f"{name}.png"
        pygame.image.save(self.app.canvas, path)
        print(path)

    def wait(self, predicate, seconds=40):
        for _ in range(int(seconds / STEP)):
            if predicate():
                return
            self.app.run_frames(1, dt=STEP)
        raise SystemExit(f"timed out; top scene {type(self.top).__name__}")

    def open(self, level_index, players):
        self.tap(self.top.cards["letter_hunt"].rect.center)
        self.tap(self.top.widgets[level_index].rect.center)
        for token in self.top.tokens[1:players]:
            self.tap(token.rect.center)
        self.tap(self.top.play.rect.center)
        return self.top

    def turn(self, game):
        def ready():
            if isinstance(self.top, Celebration) and self.top.t > 0.9:
                return True
            return (self.top is game and game.state in ("answer", "write")) or isinstance(self.top, StarsScreen)
        self.wait(ready)
        return self.top

    def drag_to_box(self, tile, stop_before_end=False):
        x0, y0 = tile.rect.center
        points = [(x0 + (BOX.centerx - x0) * k / 10, y0 + (BOX.centery - y0) * k / 10) for k in range(11)]
        self.press(points[0])
        for p in points[1:]:
            self.move(p)
        if stop_before_end:
            return points[-1]
        self.release(points[-1])


def main(out: Path):
    out.mkdir(parents=True, exist_ok=True)
    s = Shots(out, game_options={"letter_hunt": {"say_first": True}})
    s.tap(s.top.cards["letter_hunt"].rect.center)
    s.shot("01_start")
    s.tap(s.top.widgets[1].rect.center)
    for token in s.top.tokens[1:3]:
        s.tap(token.rect.center)
    s.tap(s.top.play.rect.center)
    game = s.top
    for t in game.supply_tiles[:3]:
        s.tap(t.rect.center)
    s.seconds(0.25)
    s.shot("02_picking_tiles_fly_in")
    s.tap(game.pick_for_me.rect.center)
    s.seconds(0.4)
    s.shot("03_pick_for_me")
    for i in (1, 2):
        s.wait(lambda: game.state == "pick" and game.turns.index == i)
        s.tap(game.pick_for_me.rect.center)
    s.wait(lambda: game.state == "flip")
    s.seconds(0.3)
    s.shot("04_card_flips")
    wrong = look_again = dragged = emptied = False
    while (top := s.turn(game)) is game:
        tile = game.tile_of_call()
        if tile is None:
            s.tap(game.not_mine.rect.center)
            continue
        if not wrong:
            other = next((t for t in game.basket_tiles if t.card.base != game.base), None)
            if other is not None:
                s.tap(other.rect.center)
                s.seconds(0.15)
                s.shot("05_wrong_tile_named")
                wrong = True
        if not look_again:
            s.tap(game.not_mine.rect.center)
            s.seconds(0.5)
            s.shot("06_look_again_glow")
            look_again = True
        if not dragged:
            end = s.drag_to_box(tile, stop_before_end=True)
            s.shot("07_drag_to_glowing_box")
            s.release(end)
            s.seconds(0.45)
            s.shot("08_tile_drops_into_box")
            dragged = True
            continue
        s.tap(tile.rect.center)
    while isinstance(top, Celebration) or top is game:
        if isinstance(top, Celebration) and not emptied:
            s.shot("09_basket_empty")
            emptied = True
        if isinstance(top, Celebration):
            s.tap((640, 400))
        top = s.turn(game)
        if top is game:
            tile = game.tile_of_call()
            s.tap(tile.rect.center if tile else game.not_mine.rect.center)
    s.seconds(1.0)
    s.shot("10_scoreboard_first_ribbon")

    s = Shots(out, case_mode="matching")
    game = s.open(2, 1)
    s.tap(game.pick_for_me.rect.center)
    s.wait(lambda: game.state == "look")
    s.seconds(3.2)
    s.shot("11_level3_look_at_your_letters")
    s.wait(lambda: game.state == "turned_over")
    s.seconds(0.15)
    s.shot("11b_level3_tiles_turn_over")
    while s.turn(game) is game and game.tile_of_call() is None:
        s.tap(game.not_mine.rect.center)
    s.shot("12_level3_write_matching_case")
    s.tap(game.not_mine.rect.center)
    s.seconds(0.5)
    s.shot("13_level3_forgotten_tile_peeks")
    pad = game.writing.pad.rect
    s.drag([(pad.x + 80 + i * 24, pad.y + 120 + (i % 2) * 260) for i in range(10)])
    s.tap(game.writing.pad.done_button.rect.center)
    s.seconds(0.4)
    s.shot("14_level3_written_tile_flies")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out/letter_hunt"))
