"""Frame time per screen: p50, p99 and max of one whole frame (events, update, draw), and of the
frames where a letter check starts (Done, or the pen resting) and where its verdict arrives.

    python benchmarks/frame_times.py [--frames 300] [--size 1920x1080] [--fullscreen] [--video x11]
                                     [--fake-checker] [--no-pace] [--only SUBSTRING]
    python benchmarks/frame_times.py --first-frame 5     # start-up: process start -> first frame shown

Each screen runs with a finger drawing circles over the middle of the screen, resting long enough
for the pads to check what was written, so pads get ink and checks, and buttons get presses. The
"writing pad" screen is a bare TracePad on which the finger writes real letters (recognizer.training.synth),
one check per drawing (PAD_LETTERS of them at least): the place to read the cost of the Done frame
and of the verdict frame.
Checks use the real recognizer (``--fake-checker``: an instant one that accepts everything).
Frames are paced at 60 per second like the game (``--no-pace`` runs them back to back), so a check
on a worker thread competes with the frames as it does in play. Headless (SDL's dummy driver) at
1280x800 unless told otherwise; ``--size 1920x1080`` scales the canvas up every frame as full
screen on such a monitor does, ``--video x11 --fullscreen`` (with DISPLAY set) uses a real window.
The goal is p99 <= 16.7 ms (60 FPS). Figures depend on the machine: compare runs on the same one.
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

os.environ.setdefault("LETTERPLAY_HOME", tempfile.mkdtemp(prefix="letterplay-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CYCLE = 120           # frames per drawing: press at 10, draw until 60, then rest (auto_submit 0.8 s = 48 frames)
AUTO_SUBMIT = 0.8
PAD_LETTERS = 12      # the writing pad runs long enough to check at least this many letters


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=300, help="frames per screen (default 300)")
    ap.add_argument("--size", default="1280x800", help="window size WxH (default 1280x800)")
    ap.add_argument("--fullscreen", action="store_true", help="open the window full screen")
    ap.add_argument("--video", default="dummy", help="SDL video driver (default dummy: headless)")
    ap.add_argument("--fake-checker", action="store_true", help="an instant checker instead of the recognizer")
    ap.add_argument("--no-pace", action="store_true", help="run frames back to back, not 60 per second")
    ap.add_argument("--only", default="", help="only screens whose name contains this")
    ap.add_argument("--first-frame", type=int, metavar="RUNS", default=0,
                    help="instead: time from starting python to the launcher's first frame, over RUNS fresh starts")
    return ap.parse_args(argv)


FIRST_FRAME = """
import time
from games.launcher import main as _entry          # what `letterplay` imports first
from games.engine.app import App
from games.launcher import Launcher
app = App(mute=True)
app.push(Launcher(app))
app.run_frames(1)
shown = time.time()
import sys
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"scipy", "sklearn"})
print(shown, ",".join(heavy) or "-")
app.shutdown()
"""


def first_frame(args):
    """Seconds from starting a fresh python to the end of the launcher's first frame."""
    import subprocess
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "SDL_VIDEODRIVER": args.video, "SDL_AUDIODRIVER": "dummy",
           "PYGAME_HIDE_SUPPORT_PROMPT": "1", "PYTHONPATH": str(root)}
    # A child starts an installed game, whose modules are already compiled: let Python keep its
    # byte code (some shells forbid it) and compile once before timing, reported on its own.
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def start() -> tuple[float, str]:
        started = time.time()
        run = subprocess.run([sys.executable, "-c", FIRST_FRAME], cwd=root, env=env, capture_output=True,
                             text=True, check=True)
        shown, heavy = run.stdout.split()[-2:]
        return float(shown) - started, heavy

    compiling, _ = start()
    print(f"first start, compiling the modules: {compiling * 1000:6.0f} ms (not counted)")
    seconds = []
    for _ in range(args.first_frame):
        took, heavy = start()
        seconds.append(took)
        print(f"first frame after {seconds[-1] * 1000:6.0f} ms   (scipy/sklearn imported: {heavy})")
    print(f"first frame: median {statistics.median(seconds) * 1000:.0f} ms, best {min(seconds) * 1000:.0f} ms "
          f"over {len(seconds)} starts; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


class TimedChecker:
    """Wraps a checker and notes the frame in which each check starts and its verdict arrives."""

    def __init__(self, inner):
        self.inner = inner
        self.frame = 0
        self.started: list[int] = []
        self.arrived: list[int] = []
        if hasattr(inner, "start"):      # a checker that works in the background
            self.start = self._start

    @property
    def status(self):
        return self.inner.status

    def check(self, strokes, target):
        self.started.append(self.frame)
        verdict = self.inner.check(strokes, target)
        self.arrived.append(self.frame)
        return verdict

    def _start(self, strokes, target):
        self.started.append(self.frame)
        return _Watched(self.inner.start(strokes, target), self)


class _Watched:
    """A pending check that notes the frame in which the pad first sees it done."""

    def __init__(self, pending, timed):
        self.pending, self.timed, self.noted = pending, timed, False

    def done(self):
        finished = self.pending.done()
        if finished and not self.noted:
            self.noted = True
            self.timed.arrived.append(self.timed.frame)
        return finished

    @property
    def verdict(self):
        return self.pending.verdict


def make_checker(fake):
    from games.engine.writing.checker import RecognizerChecker, Verdict

    class AlwaysRight:
        status = "benchmark"

        def check(self, strokes, target):
            return Verdict(True, 1.0, target.lower(), "benchmark")

    if fake:
        return AlwaysRight()
    checker = RecognizerChecker()
    checker._ready.wait(60)
    return checker


def writing_pad(app):
    """A TracePad alone on the screen; each verdict clears it for the next letter."""
    from games.engine.core.letters import ALPHABET
    from games.engine.core.scene import Scene
    from games.engine.writing.tracepad import TracePad

    class WritingPad(Scene):
        def __init__(self, app):
            super().__init__(app)
            self.pad = TracePad((240, 140, 800, 520), app.checker, self.on_verdict,
                                target="a", auto_submit=app.settings.auto_submit)
            self.widgets = [self.pad]
            self.letters = 0

        def on_verdict(self, verdict, strokes):
            self.letters += 1
            self.pad.reset(target=ALPHABET[self.letters % 26])

        def draw(self, surface):
            surface.fill((250, 244, 230))
            super().draw(surface)

    return WritingPad(app)


def letter_moves(target, rect, rng, frames):
    """Pointer events writing ``target`` inside ``rect`` over ``frames`` frames: [[(type, pos)]]."""
    import pygame

    from recognizer.training.synth import synth_strokes
    strokes = synth_strokes(target, rng, canvas=(rect.w - 80, rect.h - 80))
    events = []
    for stroke in strokes:
        points = [(rect.x + 40 + x, rect.y + 40 + y) for x, y in stroke]
        events.append((pygame.MOUSEBUTTONDOWN, points[0]))
        events += [(pygame.MOUSEMOTION, p) for p in points[1:]]
        events.append((pygame.MOUSEBUTTONUP, points[-1]))
    per_frame = math.ceil(len(events) / frames)
    return [events[k:k + per_frame] for k in range(0, len(events), per_frame)]


def screens():
    from games.engine.play.common_scenes import GameStart, StarsScreen
    from games.engine.grownups.settings_screen import SettingsScreen
    from games.engine.play.players import PlayerPicker, default_players
    from games.launcher import Launcher
    from games.registry import load_games

    out = {"writing pad": writing_pad, "launcher": Launcher, "settings": SettingsScreen,
           "players": lambda app: PlayerPicker(app, lambda p: None),
           "stars": lambda app: StarsScreen(app, 3, list("AbcDe"), replay=lambda: None)}
    for game in load_games():
        out[f"{game.id} start"] = lambda app, g=game: GameStart(app, g)
        for i, level in enumerate(game.levels):
            out[f"{game.id} level {i + 1}"] = (lambda app, g=game, lv=level:
                                               g.make_scene(app, lv, default_players(min(2, g.players[1]))))
    return out


def measure(make, frames, args, checker):
    """Frame times (ms) of one screen, and the indices of the frames where checks start and answer."""
    import pygame

    from games.engine.app import App
    from games.engine.core.settings import Settings
    from games.engine.voice.speech import Speaker
    from games.launcher import Launcher

    w, h = (int(v) for v in args.size.lower().split("x"))
    timed = TimedChecker(checker)
    app = App(size=(w, h), fullscreen=args.fullscreen, settings=Settings(auto_submit=AUTO_SUBMIT),
              checker=timed, speaker=Speaker(enabled=False), rng=random.Random(1))
    app.push(Launcher(app))
    app.push(make(app))
    sx, sy = app.window.get_size()
    scale = min(sx / 1280, sy / 800)
    ox, oy = (sx - 1280 * scale) / 2, (sy - 800 * scale) / 2

    def at(x, y):        # canvas point -> window point
        return int(ox + x * scale), int(oy + y * scale)

    def post(kind, pos):
        if kind == pygame.MOUSEMOTION:
            pygame.event.post(pygame.event.Event(kind, pos=at(*pos), rel=(0, 0), buttons=(1, 0, 0), touch=False))
        else:
            pygame.event.post(pygame.event.Event(kind, pos=at(*pos), button=1, touch=False))

    import numpy as np
    rng = np.random.default_rng(1)
    pad = getattr(app.scenes.top, "pad", None)
    writing = []
    times = []
    next_frame = time.perf_counter()
    for i in range(frames):
        step = i % CYCLE
        if make is writing_pad:
            if step == 10:
                writing = letter_moves(pad.target, pad.rect, rng, 50)
            for kind, pos in writing.pop(0) if writing else ():
                post(kind, pos)
        elif step == 10:
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=at(640, 480), button=1, touch=False))
        elif 10 < step < 60:
            a = i / 8
            pos = at(640 + 120 * math.cos(a), 480 + 80 * math.sin(a))
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(1, 0, 0), touch=False))
        elif step == 60:
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=at(640, 480), button=1, touch=False))
        timed.frame = i
        t0 = time.perf_counter()
        app.frame(1 / 60)
        times.append((time.perf_counter() - t0) * 1000)
        if not app.running:
            break
        if not args.no_pace:
            next_frame += 1 / 60
            time.sleep(max(0.0, next_frame - time.perf_counter()))
            next_frame = max(next_frame, time.perf_counter() - 1 / 60)
    app.shutdown()
    return times, timed.started, timed.arrived


def summary(ms):
    if not ms:
        return "   -        -        -"
    ms = sorted(ms)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    return f"{statistics.median(ms):8.2f} {p99:8.2f} {ms[-1]:8.2f}"


def main(argv=None):
    args = parse_args(argv)
    if args.first_frame:
        return first_frame(args)
    os.environ["SDL_VIDEODRIVER"] = args.video
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    checker = make_checker(args.fake_checker)
    print(f"{args.size}{' fullscreen' if args.fullscreen else ''}, video {args.video}, "
          f"checker: {checker.status}, {'back to back' if args.no_pace else '60 frames/s'}")
    print(f"{'screen':26s} {'frames':>6s} {'p50 ms':>8s} {'p99 ms':>8s} {'max ms':>8s} {'checks':>6s} "
          f"{'Done max':>8s} {'verdict max':>11s}")
    every, done_frames, verdict_frames = [], [], []
    for name, make in screens().items():
        if args.only not in name:
            continue
        frames = max(args.frames, PAD_LETTERS * CYCLE) if make is writing_pad else args.frames
        times, started, arrived = measure(make, frames, args, checker)
        settled = times[5:]                   # skip the first frames (caches warming up)
        every += settled
        done = [times[i] for i in started]
        verdict = [times[i] for i in arrived]
        done_frames += done
        verdict_frames += verdict
        print(f"{name:26s} {len(settled):6d} {summary(settled)} {len(started):6d} "
              f"{max(done, default=0):8.2f} {max(verdict, default=0):11.2f}")
    print(f"{'all frames':26s} {len(every):6d} {summary(every)}")
    print(f"{'Done frames':26s} {len(done_frames):6d} {summary(done_frames)}   (a check starts)")
    print(f"{'verdict frames':26s} {len(verdict_frames):6d} {summary(verdict_frames)}   (its verdict arrives)")
    print(f"worst p99 of all frames: {summary(every).split()[1]} ms (goal <= 16.7 ms); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
