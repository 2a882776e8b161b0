"""Screenshots of every stage of alphabet bingo, played by posting real pygame events.

    python benchmarks/shots_bingo.py [OUT_DIR]      (default: out/bingo)

Plays from the launcher: the start screen, 3 players at 4x4 (the cage turning, the ball rolling out,
a turn, a wrong square wobbling, the glow, a chip popping on, a line celebrated, the end screen),
level 3 (writing to cover, matching case), "I call the letters" (the grown-ups' strip) and one
player at 3x3 to the end. Prints the path of each PNG. The letter checker accepts everything.
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
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from games.bingo.scene import GLOW_AFTER, Bingo  # noqa: E402
from games.engine.app import App  # noqa: E402
from games.engine.play.celebration import Celebration  # noqa: E402
from games.engine.writing.checker import Verdict  # noqa: E402
from games.engine.play.common_scenes import Scoreboard  # noqa: E402
from games.engine.play.driver import Driver  # noqa: E402
from games.engine.core.settings import Settings  # noqa: E402
from games.engine.voice.speech import Speaker  # noqa: E402
from games.launcher import Launcher  # noqa: E402


class YesChecker:
    def check(self, strokes, target):
        return Verdict(True, 0.9, target, "scripted")


class Shots(Driver):
    def __init__(self, out: Path, settings=None):
        self.out = out
        speaker = Speaker(enabled=False, cache_dir=Path(tempfile.mkdtemp()) / "speech")
        self.app = App(settings=settings or Settings(), checker=YesChecker(), speaker=speaker, rng=random.Random(7))
        self.app.push(Launcher(self.app))
        self.frames(2)

    def shot(self, name):
        path = self.out / f"{name}.png"
        self.app.draw()
        self.app.screenshot(path)
        print(path)

    def open_game(self, level_index, players=1, shoot=False) -> Bingo:
        self.tap(self.top.cards["bingo"].rect.center)
        if shoot:
            self.seconds(0.6)
            self.shot("1_start")
        self.tap(self.top.widgets[level_index].rect.center)
        for token in self.top.tokens[1:players]:
            self.tap(token.rect.center)
        self.tap(self.top.play.rect.center)
        return self.top

    def turn(self, game, close=True):
        def ready():
            if isinstance(self.top, Celebration):
                if not close:
                    return True
                self.top.close()
            return isinstance(self.top, Scoreboard) or (self.top is game and game.state in ("find", "write", "teacher"))
        self.until(ready, 60, "a turn")

    def target(self, game):
        return next(s for s in game.squares if s.index == game.target_index())

    def play_out(self, game, shoot_celebration=None):
        while True:
            self.turn(game, close=shoot_celebration is None)
            if isinstance(self.top, Celebration):
                self.seconds(0.8)
                self.shot(shoot_celebration)
                shoot_celebration = None
                self.top.close()
                continue
            if isinstance(self.top, Scoreboard):
                return
            if game.state == "teacher":
                b = next(b for b in game.strip if b.enabled)
                self.tap(b.rect.center)
                continue
            self.tap(self.target(game).rect.center)
            if game.state == "write":
                pad = game.pad.rect
                self.drag([(pad.x + 100, pad.y + 100), (pad.x + 300, pad.y + 350)])
                self.tap(game.pad.done_button.rect.center)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    s = Shots(out)
    game = s.open_game(1, players=3, shoot=True)
    s.seconds(1.0)
    s.shot("2_intro_3_players")
    s.until(lambda: game.state == "spin", 10, "the cage")
    s.seconds(0.5)
    s.shot("3_cage_turning")
    s.until(lambda: game.roll_k > 0.4, 10, "the ball")
    s.shot("4_ball_rolling")
    s.turn(game)
    s.seconds(0.3)
    s.shot("5_find_turn")
    wrong = next(q for q in game.squares if q.index != game.target_index())
    s.tap(wrong.rect.center)
    s.seconds(0.15)
    s.shot("6_wrong_square_wobbles")
    s.seconds(GLOW_AFTER)
    s.shot("7_glow_after_6s")
    s.tap(s.target(game).rect.center)
    s.seconds(0.12)
    s.shot("8_chip_popping")
    s.play_out(game, shoot_celebration="9_line_celebrated")
    s.seconds(1.2)
    s.shot("10_end_3_players")

    s = Shots(out, Settings(case_mode="matching"))
    game = s.open_game(2, players=2)
    s.turn(game)
    s.tap(s.target(game).rect.center)
    pad = game.pad.rect
    s.drag([(pad.x + 150, pad.y + 80), (pad.x + 150, pad.y + 380)])
    s.shot("11_write_to_cover_matching")

    settings = Settings()
    settings.game_options["bingo"] = {"teacher_calls": True}
    s = Shots(out, settings)
    game = s.open_game(0, players=4)
    s.seconds(0.5)
    s.shot("12_teacher_strip_4_players")
    s.tap(game.strip[2].rect.center)
    s.turn(game)
    s.shot("13_teacher_called")

    s = Shots(out)
    game = s.open_game(0, players=1)
    s.play_out(game)
    s.seconds(1.2)
    s.shot("14_end_1_player")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out/bingo"))
