"""Screenshots of every stage of letter basketball, played by posting real pygame events.

    python benchmarks/shots_basketball.py [--out out/basketball] [--players 3] [--level 3] [--timing]
    python benchmarks/shots_basketball.py --throws      # how often throws score, per level (no screenshots)

Saves numbered PNGs (launcher, level picker, players, balls dropping, find, wrong ball, unfold, write, crumple, aim,
flight, rim bounce and step closer, basket, cheering, scoreboard) and prints where they went. A
checker that accepts everything stands in for the recognizer, so no model is needed. With --timing it
also prints how long each frame took (app.frame: events, update, draw), per stage of the game.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pygame  # noqa: E402

from games.engine.writing.checker import Verdict  # noqa: E402
from games.engine.play.driver import Driver  # noqa: E402


class AcceptAll:
    status = "accepts everything (screenshots)"

    def check(self, strokes, target):
        return Verdict(True, 1.0, target.lower(), "screenshot")


class Player(Driver):
    """Taps and drags as real events (the shared driver), giving up loudly when stuck."""

    def until(self, predicate, seconds=20, what="condition"):
        try:
            super().until(predicate, seconds, what)
        except AssertionError as err:
            raise SystemExit(f"stuck: {err}") from None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="out/basketball")
    ap.add_argument("--players", type=int, default=3, choices=(1, 2, 3, 4))
    ap.add_argument("--level", type=int, default=3, choices=(1, 2, 3))
    ap.add_argument("--letters", default="alphabet")
    ap.add_argument("--timing", action="store_true", help="print frame times per stage")
    ap.add_argument("--throws", action="store_true", help="print how often throws score, per level, and stop")
    args = ap.parse_args(argv)
    if args.throws:
        return throw_statistics()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from games.basketball.physics import FLING_GAIN, perfect_throw
    from games.basketball.scene import HOOP as game_hoop
    from games.basketball.scene import Basketball
    from games.engine.app import App
    from games.engine.play.common_scenes import StarsScreen
    from games.engine.core.settings import Settings
    from games.engine.voice.speech import Speaker
    from games.launcher import Launcher

    app = App(settings=Settings(letter_set=args.letters), checker=AcceptAll(), mute=True,
              speaker=Speaker(enabled=False, cache_dir=out / "speech"), rng=random.Random(3))
    app.push(Launcher(app))
    p = Player(app)
    frame_ms = defaultdict(list)
    if args.timing:
        plain_frame = app.frame

        def timed_frame(dt):
            start = time.perf_counter()
            plain_frame(dt)
            top = app.scenes.top
            frame_ms[getattr(top, "state", None) if isinstance(top, Basketball) else type(top).__name__].append(
                (time.perf_counter() - start) * 1000)
        app.frame = timed_frame
    shot_no = [0]

    def shot(name):
        shot_no[0] += 1
        path = out / f"{shot_no[0]:02d}_{name}.png"
        app.screenshot(path)
        print(path)

    p.frames(30)
    shot("launcher")
    p.tap(app.scenes.top.cards["basketball"].rect.center)
    p.frames(20)
    shot("level_picker")
    p.tap(app.scenes.top.widgets[args.level - 1].rect.center)
    picker = app.scenes.top
    for token in picker.tokens[1:args.players]:
        p.tap(token.rect.center)
    p.frames(20)
    shot("players")
    p.tap(picker.play.rect.center)
    game = app.scenes.top
    assert isinstance(game, Basketball)
    p.frames(24)
    shot("balls_dropping")
    p.frames(50)
    shot("find")
    wrong = next(b for b in game.balls if b.card.base != game.card.base)
    p.tap(wrong.rect.center)
    p.frames(8)
    shot("wrong_ball_wobbles")
    right = next(b for b in game.balls if b.card.base == game.card.base)
    p.tap(right.rect.center)
    p.frames(int(0.4 * 60))
    shot("unfolding")
    p.until(lambda: game.state == "write")
    pad = game.pad.rect
    for stroke in ([(pad.x + 120 + i * 4, pad.y + 80 + i * 10) for i in range(30)],
                   [(pad.x + 120, pad.y + 250), (pad.right - 120, pad.y + 250)]):
        p.press(stroke[0])
        for q in stroke[1:]:
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=q, rel=(0, 0), buttons=(1, 0, 0), touch=False))
        p.release(stroke[-1])
    p.frames(10)
    shot("writing")
    p.tap(game.pad.done_button.rect.center)
    p.frames(int(0.45 * 60))
    shot("crumpling")
    p.until(lambda: game.state == "aim")
    p.frames(30)
    shot("aim_hint")
    # a fling the wrong way (even with the game's help it misses): the tape moves closer
    hand = game.hand
    p.press(hand)
    p.move(hand + pygame.Vector2(-120, -30))
    p.move(hand + pygame.Vector2(-250, -60))
    shot("aim_dragging")
    p.release(hand + pygame.Vector2(-250, -60))
    p.frames(25)
    shot("flight_miss")
    p.until(lambda: game.state == "step_closer")
    p.frames(30)
    shot("step_closer")
    p.until(lambda: game.state == "aim")
    # a steady drag toward the basket: the drag whose own throw is the perfect one
    hand = game.hand
    drag = perfect_throw(hand, game_hoop) / FLING_GAIN
    p.press(hand)
    p.move(hand + drag / 2)
    p.release(hand + drag)
    p.frames(30)
    shot("flight_arc")
    p.until(lambda: game.state != "fly" or game.net_stretch > 0.8, seconds=8)
    p.frames(4)
    shot("swish")
    p.until(lambda: game.state != "fly" and game.state != "aim" and game.state != "step_closer", seconds=20)
    if game.state == "cheer":
        p.frames(50)
        shot("cheering")
    # play the rest quickly: the right ball, Done, Enter for an easy throw
    while not isinstance(app.scenes.top, StarsScreen):
        top = app.scenes.top
        if top is game and game.state == "find":
            ball = next(b for b in game.balls if b.card.base == game.card.base)
            p.tap(ball.rect.center)
        elif top is game and game.state == "write":
            p.press((pad.x + 100, pad.y + 100))
            p.move((pad.x + 300, pad.y + 300))
            p.release((pad.x + 300, pad.y + 300))
            p.tap(game.pad.done_button.rect.center)
        elif top is game and game.state == "aim":
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ", scancode=0))
            p.frames(1)
        else:
            p.frames(1)
    p.frames(90)
    shot("scoreboard")
    app.shutdown()
    if args.timing:
        print(f"{'stage':14s} {'frames':>6s} {'median ms':>9s} {'p99 ms':>7s} {'max ms':>7s}")
        everything = []
        for stage, ms in frame_ms.items():
            everything += ms
            ms = sorted(ms)
            print(f"{stage:14s} {len(ms):6d} {statistics.median(ms):9.2f} {_p99(ms):7.2f} {ms[-1]:7.2f}")
        everything.sort()
        print(f"{'all':14s} {len(everything):6d} {statistics.median(everything):9.2f} {_p99(everything):7.2f} "
              f"{everything[-1]:7.2f}")
    return 0


def throw_statistics(children: int = 400, seed: int = 11) -> int:
    """Simulated children throw with the game's rules (help grows and the tape moves closer after a miss).

    A child's drag points up and right, 20-75 degrees, 60-400 px long: a rough aim, no skill assumed.
    """
    import math

    from games.basketball.physics import Hoop, fling_velocity, simulate
    from games.basketball.scene import ASSIST_PER_MISS, CLOSER, CLOSEST_TAPE, HAND_Y
    from games.registry import find_game

    hoop, rng = Hoop(), random.Random(seed)
    print(f"{'level':28s} {'1st throw in':>12s} {'mean throws':>11s} {'most throws':>11s} {'rim hits/throw':>14s}")
    for level in find_game("basketball").levels:
        first_in, throws_all, most, rim = 0, 0, 0, 0
        for _ in range(children):
            tape, misses = level.options["tape"], 0
            while True:
                angle, length = math.radians(rng.uniform(20, 75)), rng.uniform(60, 400)
                drag = (math.cos(angle) * length, -math.sin(angle) * length)
                hand = (tape + 40, HAND_Y)
                flight = simulate(hand, fling_velocity(drag, hand, hoop, level.options["assist"] + ASSIST_PER_MISS * misses), hoop)
                rim += flight.rim_hits
                if flight.scored:
                    break
                misses += 1
                tape = min(CLOSEST_TAPE, tape + CLOSER)
            first_in += misses == 0
            throws_all += misses + 1
            most = max(most, misses + 1)
        print(f"{level.name:28s} {first_in / children:12.0%} {throws_all / children:11.2f} {most:11d} "
              f"{rim / throws_all:14.2f}")
    return 0


def _p99(sorted_ms):
    return sorted_ms[min(len(sorted_ms) - 1, int(len(sorted_ms) * 0.99))]


if __name__ == "__main__":
    sys.exit(main())
