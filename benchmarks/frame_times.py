"""Frame time per screen, headless at 1280x800: p50 and p99 of one whole frame (events, update, draw).

    python benchmarks/frame_times.py [--frames 300]

Each screen runs with a finger drawing circles over the middle of the screen, so pads get ink and
buttons get presses. The goal is p99 <= 16.7 ms (60 FPS). Figures depend on the machine: compare
runs on the same one.
"""
from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("LETTERPLAY_HOME", tempfile.mkdtemp(prefix="letterplay-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pygame  # noqa: E402

from games.engine.app import App  # noqa: E402
from games.engine.checker import Verdict  # noqa: E402
from games.engine.common_scenes import GameStart, StarsScreen  # noqa: E402
from games.engine.grownups import SettingsScreen  # noqa: E402
from games.engine.players import PlayerPicker, default_players  # noqa: E402
from games.engine.settings import Settings  # noqa: E402
from games.engine.speech import Speaker  # noqa: E402
from games.launcher import Launcher  # noqa: E402
from games.registry import load_games  # noqa: E402


class AlwaysRight:
    status = "benchmark"

    def check(self, strokes, target):
        return Verdict(True, 1.0, target.lower(), "benchmark")


def screens():
    out = {"launcher": Launcher, "settings": SettingsScreen,
           "players": lambda app: PlayerPicker(app, lambda p: None),
           "stars": lambda app: StarsScreen(app, 3, list("AbcDe"), replay=lambda: None)}
    for game in load_games():
        out[f"{game.id} start"] = lambda app, g=game: GameStart(app, g)
        for i, level in enumerate(game.levels):
            out[f"{game.id} level {i + 1}"] = (lambda app, g=game, lv=level:
                                               g.make_scene(app, lv, default_players(min(2, g.players[1]))))
    return out


def measure(make, frames: int) -> list[float]:
    app = App(settings=Settings(auto_submit=0.8), checker=AlwaysRight(), speaker=Speaker(enabled=False),
              rng=random.Random(1))
    app.push(Launcher(app))
    app.push(make(app))
    times = []
    for i in range(frames):
        if i % 90 == 10:
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(640, 480), button=1, touch=False))
        elif i % 90 < 60:
            a = i / 8
            pos = (int(640 + 120 * math.cos(a)), int(480 + 80 * math.sin(a)))
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(1, 0, 0), touch=False))
        elif i % 90 == 60:
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(640, 480), button=1, touch=False))
        t0 = time.perf_counter()
        app.frame(1 / 60)
        times.append((time.perf_counter() - t0) * 1000)
        if not app.running:
            break
    app.shutdown()
    return times


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=300)
    args = ap.parse_args()
    print(f"{'screen':32s} {'frames':>6s} {'p50 ms':>8s} {'p99 ms':>8s} {'max ms':>8s}")
    worst = 0.0
    for name, make in screens().items():
        t = sorted(measure(make, args.frames)[5:])   # skip the first frames (caches warming up)
        p50 = statistics.median(t)
        p99 = t[min(len(t) - 1, int(len(t) * 0.99))]
        worst = max(worst, p99)
        print(f"{name:32s} {len(t):6d} {p50:8.2f} {p99:8.2f} {max(t):8.2f}")
    print(f"worst p99: {worst:.2f} ms (goal <= 16.7 ms)")


if __name__ == "__main__":
    main()
