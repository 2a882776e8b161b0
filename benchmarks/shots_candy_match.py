"""Screenshots of every stage of candy letter match, played by posting real pygame events.

    python benchmarks/shots_candy_match.py [OUT_DIR]      (default: out/candy_match)

Plays from the launcher: the start screen, the player picker (3 players), the deal, a lift, a pair
that does not match, a match flying to a plate, full plates, "write to keep" with the faint guide
(upper <-> lower matching mode), the bowl of treats, a treat being eaten, and the stars screen.
Prints the path of each PNG. The letter checker is a stand-in that accepts what the script says.
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

import pygame  # noqa: E402

from games.engine.app import App  # noqa: E402
from games.engine.writing.checker import Verdict  # noqa: E402
from games.engine.play.driver import Driver  # noqa: E402
from games.engine.core.settings import Settings  # noqa: E402
from games.engine.voice.speech import Speaker  # noqa: E402
from games.launcher import Launcher  # noqa: E402


class ScriptedChecker:
    """Says yes or no as the script decides (the real recognizer is not what these pictures show)."""

    def __init__(self):
        self.accept = True

    def check(self, strokes, target):
        return Verdict(self.accept, 0.9 if self.accept else 0.1, target.lower(), "scripted")


class Shots(Driver):
    def __init__(self, out: Path, case_mode="upper"):
        self.out = out
        self.checker = ScriptedChecker()
        settings = Settings(case_mode=case_mode)
        speaker = Speaker(enabled=False, cache_dir=Path(tempfile.mkdtemp()) / "speech")
        self.app = App(settings=settings, checker=self.checker, speaker=speaker, rng=random.Random(7))
        self.app.push(Launcher(self.app))
        self.frames(2)

    def until(self, predicate, seconds=30, what="condition"):
        try:
            super().until(predicate, seconds, what)
        except AssertionError as err:
            raise SystemExit(f"gave up waiting: {err}") from None

    def shot(self, name):
        path = self.out / f"{name}.png"
        self.app.draw()
        self.app.screenshot(path)
        print(path)

    def open_game(self, level_index, players=1):
        from games.engine.play.players import PlayerPicker
        launcher = self.top
        card = next(w for w in launcher.widgets if getattr(w, "painter", None) and
                    launcher.games[launcher.widgets.index(w)].id == "candy_match")
        self.tap(card.rect.center)
        levels = [w for w in self.top.widgets if getattr(w, "painter", None)]
        self.tap(levels[level_index].rect.center)
        picker = self.top
        assert isinstance(picker, PlayerPicker)
        for token in picker.tokens[1:players]:
            self.tap(token.rect.center)
        return picker

    def game(self):
        from games.candy_match.scene import CandyMatch
        return next(s for s in self.app.scenes if isinstance(s, CandyMatch))

    def lift(self, candy):
        self.tap(candy.rect.center)

    def pair_of(self, candy):
        return next(c for c in self.game().candies if c is not candy and c.base == candy.base and not c.kept)

    def play_pair(self, wait=True):
        g = self.game()
        self.until(lambda: g.state == "pick")
        first = next(c for c in g.candies if not c.kept)
        self.lift(first)
        self.lift(self.pair_of(first))
        if wait:
            self.until(lambda: g.state not in ("look", "matched", "fly"))


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0] if argv else "out/candy_match")
    out.mkdir(parents=True, exist_ok=True)

    s = Shots(out)
    s.shot("01_launcher")
    s.tap(next(w for w, g in zip(s.top.widgets, s.top.games) if g.id == "candy_match").rect.center)
    s.frames(30)
    s.shot("02_start_screen")
    s.tap([w for w in s.top.widgets if getattr(w, "painter", None)][2].rect.center)   # 10 pairs
    for token in s.top.tokens[1:3]:
        s.tap(token.rect.center)
    s.frames(20)
    s.shot("03_player_picker")
    s.tap(s.top.play.rect.center)
    s.frames(12)
    s.shot("04_deal")
    g = s.game()
    s.until(lambda: g.state == "pick")
    first = g.candies[0]
    s.lift(first)
    s.frames(6)
    s.shot("05_lifting")
    other = next(c for c in g.candies if c.base != first.base)
    s.lift(other)
    s.frames(50)
    s.shot("06_no_match")
    s.until(lambda: g.state == "pick")
    s.play_pair(wait=False)
    s.until(lambda: g.state == "fly")
    s.frames(30)
    s.shot("07_match_flying")
    for _ in range(6):
        s.play_pair()
    s.frames(20)
    s.shot("08_plates_three_players")
    while g.pairs_left:
        s.play_pair()
    s.frames(40)
    s.shot("09_feast_bowl")
    s.tap(g.treats[0].rect.center)
    s.frames(40)
    s.shot("10_unwrapping")
    s.frames(36)
    s.shot("11_bites")
    while g.state == "feast":
        s.tap(next(t for t in g.treats if not t.kept).rect.center)
    s.until(lambda: type(s.top).__name__ in ("StarsScreen", "Scoreboard"))
    s.frames(90)
    s.shot("12_stars_screen")
    s.app.shutdown()

    s = Shots(out, case_mode="matching")
    s.open_game(3, players=1)
    s.tap(s.top.play.rect.center)
    g = s.game()
    s.until(lambda: g.state == "pick")
    first = g.candies[0]
    s.lift(first)
    s.lift(s.pair_of(first))
    s.frames(40)
    s.shot("13_matching_mode_pair")
    s.until(lambda: g.state == "write")
    s.checker.accept = False
    for _ in range(2):
        pad = g.pad.rect
        s.drag([(pad.x + 150, pad.y + 120), (pad.centerx, pad.bottom - 120), (pad.right - 150, pad.y + 120)])
        s.frames(100)
    s.drag([(g.pad.rect.x + 180, g.pad.rect.y + 140), (g.pad.rect.centerx, g.pad.rect.bottom - 140)])
    s.frames(3)
    s.shot("14_write_to_keep_guide")
    s.app.shutdown()

    s = Shots(out, case_mode="lower")
    s.open_game(2, players=1)
    s.tap(s.top.play.rect.center)
    g = s.game()
    s.until(lambda: g.state == "pick")
    for key in (pygame.K_RIGHT, pygame.K_RIGHT, pygame.K_DOWN):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
        s.frames(2)
    s.shot("15_keyboard_focus")
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0))
    s.lift(s.pair_of(g.focus))
    s.frames(50)
    s.shot("16_match_sparkles")
    while g.pairs_left:
        s.play_pair()
    s.frames(20)
    s.shot("17_one_player_ten_pairs_on_the_plate")
    s.app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
