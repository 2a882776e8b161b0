"""Screenshots of every stage of the alphabet path, played by posting real pygame events.

    python benchmarks/shots_alphabet_path.py [OUT_DIR]      (default: out/alphabet_path)

Plays from the launcher: the start screen with its level pictures, the player picker (3 players),
the board waiting for the die, the die tumbling, the pips counted, hopping (the next stone glows),
"count again", a letter not on the mat shown big, writing a mat letter, the chip dropping, the
flag's star (pick a letter), level 1 with the teacher's tap option, a level-3 "find it in the room"
stone, and the end screen. Prints the path of each PNG. The checker accepts every letter.
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

from games.engine.app import App  # noqa: E402
from games.engine.writing.checker import Verdict  # noqa: E402
from games.engine.play.driver import Driver  # noqa: E402
from games.engine.core.settings import Settings  # noqa: E402
from games.engine.voice.speech import Speaker  # noqa: E402
from games.launcher import Launcher  # noqa: E402


class Yes:
    status = "shots"

    def check(self, strokes, target):
        return Verdict(True, 0.9, target.lower(), "scripted")


class Shots(Driver):
    def __init__(self, out: Path, settings=None, seed=7):
        self.out = out
        speaker = Speaker(enabled=False, cache_dir=Path(tempfile.mkdtemp()) / "speech")
        super().__init__(App(settings=settings or Settings(), checker=Yes(), speaker=speaker, rng=random.Random(seed)))
        self.app.push(Launcher(self.app))
        self.frames(2)

    def until(self, predicate, seconds=60, what="condition"):
        try:
            super().until(predicate, seconds, what)
        except AssertionError as err:
            raise SystemExit(f"gave up waiting: {err}") from None

    def shot(self, name):
        path = self.out / f"{name}.png"
        self.app.draw()
        self.app.screenshot(path)
        print(path)

    def open_game(self, level_index, players=1, shots=False):
        self.tap(self.top.cards["alphabet_path"].rect.center)
        self.seconds(0.5)
        if shots:
            self.shot("01_start")
        self.tap(self.top.widgets[level_index].rect.center)
        for token in self.top.tokens[1:players]:
            self.tap(token.rect.center)
        if shots:
            self.shot("02_players")
        self.tap(self.top.play.rect.center)
        return self.top

    def roll(self, game):
        self.until(lambda: self.top is game and game.state == "roll", what="the die")
        self.tap(game.die.rect.center)
        self.until(lambda: game.state == "hop", what="hopping")

    def hop_all(self, game):
        while game.state == "hop":
            self.until(lambda: game.hop_k >= 1, what="a hop")
            stone = game.stones[game.game.next_stone(game.game.positions[game.player])]
            self.tap(stone.rect.center)

    def answer(self, game):
        """Whatever the landing asks (write, tap, pick, found it), until the next turn."""
        while True:
            self.until(lambda: self.top is game and game.state in ("roll", "write", "tap_mat", "gift", "find", "over"),
                       what="the landing")
            state = game.state
            if state in ("roll", "over"):
                return
            if state == "write":
                pad = game.pad.rect
                self.drag([(pad.x + 120 + i * 8, pad.y + 80 + i * 10) for i in range(25)])
                self.tap(game.pad.done_button.rect.center)
            elif state == "tap_mat":
                self.tap(next(t for t in game.tiles if t.spot is game.cover_spot).rect.center)
            elif state == "gift":
                self.tap(next(t for t in game.tiles if t.enabled).rect.center)
            elif state == "find":
                self.tap(game.found_button.rect.center)
            self.until(lambda: game.state != state or self.top is not game, what="the answer")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    s = Shots(out)
    game = s.open_game(0, players=3, shots=True)
    s.seconds(1.0)
    s.shot("03_roll")
    s.tap(game.die.rect.center)
    s.seconds(0.45)
    s.shot("04_tumble")
    s.until(lambda: game.state == "count" and game.die_lit >= 1, what="the pips")
    s.shot("05_count_pips")
    s.until(lambda: game.state == "hop", what="hopping")
    s.tap(game.stones[0].rect.center)
    s.seconds(0.12)
    s.shot("06_hop_midair")
    s.seconds(0.4)
    s.shot("07_hop_next_stone_glows")
    if game.state == "hop":
        s.tap(game.stones[min(len(game.stones) - 1, game.game.positions[game.player] + 3)].rect.center)
        s.seconds(0.2)
        s.shot("08_count_again")
    s.hop_all(game)
    seen = set()
    for _ in range(400):
        s.until(lambda: s.top is game and game.state in ("roll", "show", "write", "gift", "over"), what="a stage")
        state = game.state
        if state == "over" or {"show", "write", "gift"} <= seen:
            break
        if state == "roll":
            s.roll(game)
            s.hop_all(game)
            s.until(lambda: game.state != "landed", what="the landing")
        elif state == "show":
            if "show" not in seen:
                s.seconds(0.5)
                s.shot("09_not_on_mat")
                seen.add("show")
            s.until(lambda: game.state != "show", what="the next turn")
        elif state == "write" and "write" not in seen:
            s.seconds(0.6)
            s.shot("10_write")
            seen.add("write")
            pad = game.pad.rect
            s.drag([(pad.x + 120 + i * 8, pad.y + 80 + i * 10) for i in range(25)])
            s.tap(game.pad.done_button.rect.center)
            s.seconds(0.8)
            s.shot("10b_celebration")
            s.until(lambda: s.top is game and game.state == "chip", what="the chip")
            s.seconds(0.35)
            s.shot("11_chip_drops")
        elif state == "gift" and "gift" not in seen:
            s.seconds(0.5)
            s.shot("12_flag_star_pick")
            seen.add("gift")
            s.answer(game)
        else:
            s.answer(game)
    s.shot("13_mats_after_some_turns")
    while game.state != "over" and s.top is game:
        if game.state == "roll":
            s.roll(game)
            s.hop_all(game)
        s.answer(game)
    s.until(lambda: type(s.top).__name__ == "Scoreboard", what="the end screen")
    s.seconds(1.5)
    s.shot("16_end_three_players")

    tap = Shots(out, Settings(game_options={"alphabet_path": {"tap_to_cover": True}}), seed=3)
    game = tap.open_game(0)
    for _ in range(60):
        tap.roll(game)
        tap.hop_all(game)
        tap.until(lambda: game.state in ("roll", "tap_mat", "gift", "over"), what="a landing")
        if game.state == "tap_mat":
            tap.seconds(0.5)
            tap.shot("14_level1_tap_option")
            break
        tap.answer(game)

    room = Shots(out, seed=11)
    game = room.open_game(2, players=2)
    room.seconds(0.5)
    room.shot("15a_level3_board")
    for _ in range(200):
        room.roll(game)
        room.hop_all(game)
        room.until(lambda: game.state not in ("landed",), what="a landing")
        if game.state == "find":
            room.seconds(0.5)
            room.shot("15b_level3_find_in_room")
            break
        room.answer(game)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out/alphabet_path"))
