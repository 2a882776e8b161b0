"""Soak: one process plays every screen of every game for N minutes and watches its memory.

    python benchmarks/soak.py --minutes 30            # headless (SDL dummy video and audio)
    python benchmarks/soak.py --minutes 5 --window    # in a real window (needs a display)

It plays like a restless child with real pygame events (taps on buttons and anywhere, drags, flings,
finger taps, keys), and now and then writes the right letter on a pad (synthetic handwriting from
recognizer/training/synth.py, or the writing coach's school traces), so games reach their celebrations and
end screens. The real recognizer checks the writing and the real voice speaks (sound goes to SDL's
dummy audio driver unless SDL_AUDIODRIVER says otherwise). It walks back to the launcher between
games, opens the grown-ups' settings once a round, and starts the next game.

Every 30 s it prints a progress line; the LAST line is one JSON object:
``{"minutes", "screens", "screen_visits", "errors", "rss_mb_max", "rss_mb_end", ...}``.
It exits 1 if any exception escaped the game (each is printed to stderr and play goes on).
Settings and the speech cache go to a fresh temporary folder (``--home`` to keep one).
"""
from __future__ import annotations

import argparse
from array import array
import copy
import json
import logging
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_ERRORS = 50          # stop early if the game is broken beyond doubt


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux /proc; elsewhere the peak so far)."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024


class ErrorCount(logging.Handler):
    """Counts ERROR log records (problems the game caught and logged)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record):
        self.count += 1


class Soak:
    """Drives one app through every game, screen after screen, until the time is up."""

    def __init__(self, app, games, rng: random.Random, visit_seconds: float):
        import numpy as np
        import pygame
        self.pg, self.np = pygame, np
        self.app, self.games, self.rng = app, games, rng
        self.nrng = np.random.default_rng(rng.randrange(2**32))
        self.visit_seconds = visit_seconds
        self.screen_kinds: dict[str, int] = {}
        self.screen_visits = 0
        self.letters_written = 0
        self.frame_ms = array("f")   # ~170,000 frames in 30 minutes: 0.7 MB here, 5 MB as a list
        self._last_top = None
        self.every_frame = lambda: None   # the memory sampler
        self.playing = False              # inside a game (not the launcher, settings, gate)
        from games.engine.writing.tracepad import TracePad
        self.TracePad = TracePad

    # -- frames and events ------------------------------------------------------------------------
    @property
    def top(self):
        return self.app.scenes.top

    def frames(self, n=1):
        for _ in range(n):
            if not self.app.running or not len(self.app.scenes):
                self.restart()
            t = time.perf_counter()
            self.app.run_frames(1, dt=1 / 30)
            self.frame_ms.append((time.perf_counter() - t) * 1000)
            top = self.top
            if top is not self._last_top and top is not None:
                self._last_top = top
                self.screen_visits += 1
                name = type(top).__name__
                self.screen_kinds[name] = self.screen_kinds.get(name, 0) + 1
            self.every_frame()

    def post(self, type_, **attrs):
        self.pg.event.post(self.pg.event.Event(type_, **attrs))

    def tap(self, pos, hold=1):
        pos = (int(pos[0]), int(pos[1]))
        self.post(self.pg.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False)
        self.frames(hold)
        self.post(self.pg.MOUSEBUTTONUP, pos=pos, button=1, touch=False)
        self.frames(1)

    def drag(self, points, frames_between=0):
        pts = [(int(x), int(y)) for x, y in points]
        self.post(self.pg.MOUSEBUTTONDOWN, pos=pts[0], button=1, touch=False)
        for p in pts[1:]:
            self.post(self.pg.MOUSEMOTION, pos=p, rel=(0, 0), buttons=(1, 0, 0), touch=False)
            if frames_between:
                self.frames(frames_between)
        self.post(self.pg.MOUSEBUTTONUP, pos=pts[-1], button=1, touch=False)
        self.frames(1)

    def key(self, key):
        self.post(self.pg.KEYDOWN, key=key, mod=0, unicode="", scancode=0)
        self.post(self.pg.KEYUP, key=key, mod=0, unicode="", scancode=0)
        self.frames(1)

    def restart(self):
        """The app was quit (Esc on the launcher): open it again at the launcher."""
        from games.launcher import Launcher
        self.app.running = True
        if not len(self.app.scenes):
            self.app.push(Launcher(self.app))

    # -- what a child does ------------------------------------------------------------------------
    def widgets(self):
        top = self.top
        return [w for w in (top.widgets if top else []) if w.visible and getattr(w, "enabled", True)]

    def pad(self):
        top = self.top
        for w in self.widgets():
            if isinstance(w, self.TracePad):
                return w
        pad = getattr(top, "pad", None)
        if isinstance(pad, self.TracePad) and pad.visible and pad.enabled and pad in getattr(top, "widgets", []):
            return pad
        return None

    def write_the_letter(self, pad) -> bool:
        """Write what the pad asks for, the way a child would (one stroke after another)."""
        top = self.top
        target = getattr(top, "letter", None) if hasattr(top, "lines_place") else pad.target
        if not target or not str(target).isalpha():
            return False
        if hasattr(top, "lines_place"):   # the writing coach watches how: write on its lines
            from recognizer.training.coach_synthetic import school_trace
            strokes = school_trace(target, top.lines_place(), self.nrng, messiness=0.3)
        else:
            from recognizer.training.synth import synth_strokes
            r = pad.rect
            strokes = [[(r.x + 20 + x, r.y + 20 + y) for x, y in s]
                       for s in synth_strokes(target, self.nrng, allograph="school", messiness=0.3,
                                              canvas=(r.w - 40, r.h - 40))]
        for stroke in strokes:
            self.drag(stroke)
        self.letters_written += 1
        if self.rng.random() < 0.6 and pad.done_button.visible:
            self.tap(pad.done_button.rect.center)
        else:
            self.frames(60)   # the pen rests and the pad checks by itself
        return True

    def fidget(self):
        """One random thing a child does on the current screen."""
        pg, rng = self.pg, self.rng
        roll = rng.random()
        pos = (rng.randrange(0, 1280), rng.randrange(0, 800))
        widgets = self.widgets()
        if self.playing and rng.random() < 0.9:   # mostly stay in the game: it should reach its end
            widgets = [w for w in widgets if getattr(w, "icon_name", None) not in ("home", "back")]
        pad = self.pad()
        if pad is not None and roll < 0.35:
            self.write_the_letter(pad)
        elif roll < 0.55 and widgets:
            w = rng.choice(widgets)
            r = w.rect
            self.tap((r.x + rng.uniform(0.2, 0.8) * r.w, r.y + rng.uniform(0.2, 0.8) * r.h), hold=rng.randint(1, 4))
        elif roll < 0.65:
            self.tap(pos, hold=rng.randint(1, 3))
        elif roll < 0.75:   # a scribble
            pts = [pos]
            for _ in range(rng.randint(2, 14)):
                pts.append((min(1279, max(0, pts[-1][0] + rng.randint(-60, 60))),
                            min(799, max(0, pts[-1][1] + rng.randint(-60, 60)))))
            self.drag(pts)
        elif roll < 0.82:   # a fling, from a widget (a ball, a candy) up and across
            start = rng.choice(widgets).rect.center if widgets else pos
            end = (rng.randrange(200, 1200), rng.randrange(0, 400))
            self.drag([(start[0] + (end[0] - start[0]) * k / 6, start[1] + (end[1] - start[1]) * k / 6)
                       for k in range(7)])
        elif roll < 0.86:
            x, y = rng.random(), rng.random()
            fid = rng.randint(1, 3)
            self.post(pg.FINGERDOWN, x=x, y=y, dx=0, dy=0, finger_id=fid, touch_id=1, pressure=1.0)
            self.frames(1)
            self.post(pg.FINGERUP, x=x, y=y, dx=0, dy=0, finger_id=fid, touch_id=1, pressure=0.0)
            self.frames(1)
        elif roll < 0.93:
            keys = [pg.K_TAB, pg.K_RIGHT, pg.K_LEFT, pg.K_UP, pg.K_DOWN, pg.K_RETURN, pg.K_SPACE, pg.K_a, pg.K_m]
            if rng.random() < (0.01 if self.playing else 0.08) and not self.at_launcher():
                keys = [pg.K_ESCAPE]
            self.key(rng.choice(keys))
        else:
            self.frames(rng.randint(10, 60))   # watch an animation, listen

    # -- the round of games -----------------------------------------------------------------------
    def at_launcher(self) -> bool:
        from games.launcher import Launcher
        return isinstance(self.top, Launcher)

    def go_home(self):
        """Esc, Esc, ... back to the launcher, like a child who wants another game."""
        for _ in range(12):
            if self.at_launcher():
                return
            self.key(self.pg.K_ESCAPE)
            self.frames(3)
        self.app.home()   # a screen that keeps you (the gate, a celebration): the home button's way
        self.frames(2)

    def open_game(self, game):
        """From the launcher (or wherever the child ended up) into ``game`` at some level."""
        from games.engine.play.common_scenes import GameStart
        if not self.at_launcher() and not isinstance(self.top, GameStart):
            self.go_home()
        if self.at_launcher():
            card = self.top.cards.get(game.id)
            if card is not None:
                self.tap(card.rect.center)
            else:   # hidden from the launcher by the settings
                self.app.push(GameStart(self.app, game))
            self.frames(5)
        if isinstance(self.top, GameStart):
            level_buttons = self.top.widgets[:len(self.top.game.levels)]
            self.tap(self.rng.choice(level_buttons).rect.center)

    def play_game(self, game, deadline):
        from games.engine.play.common_scenes import GameStart
        self.go_home()
        self.open_game(game)
        end = min(deadline, time.monotonic() + self.visit_seconds)
        self.playing = True
        try:
            while time.monotonic() < end:
                if self.at_launcher() or (isinstance(self.top, GameStart) and self.rng.random() < 0.5):
                    self.open_game(game)   # tapped home by mistake: back in, as children do
                self.fidget()
        finally:
            self.playing = False

    def visit_settings(self, deadline):
        """Through the grown-up gate (hold the lock, tap the two numbers) into the settings and out."""
        from games.engine.grownups.gate import GrownUpGate
        from games.engine.grownups.settings_screen import SettingsScreen
        self.go_home()
        before = copy.deepcopy(vars(self.app.settings))
        self.tap(self.top.widgets[-1].rect.center)   # the gear
        gate = self.top
        if not isinstance(gate, GrownUpGate):
            return
        self.tap(gate.hold.rect.center, hold=75)
        for n in gate.answer:
            for w in list(gate.widgets):
                if getattr(w, "label", None) == str(n):
                    self.tap(w.rect.center)
                    break
        self.frames(2)
        end = min(deadline, time.monotonic() + self.visit_seconds / 3)
        while isinstance(self.top, SettingsScreen) and time.monotonic() < end:
            self.fidget()
        self.go_home()
        # a child at the settings may have turned off the voice or hidden games: put them back
        vars(self.app.settings).update(before)
        self.app.speaker.set_enabled(self.app.settings.speech)
        self.app.speaker.set_volume(self.app.settings.volume)
        if self.app.fullscreen != bool(self.app.settings.fullscreen):
            self.app.set_fullscreen(bool(self.app.settings.fullscreen))


def percentile(values, q):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--minutes", type=float, default=5.0, help="how long to play (default 5)")
    p.add_argument("--window", action="store_true", help="a real window (needs a display); default headless")
    p.add_argument("--games", help="comma-separated game ids (default: every game in the registry)")
    p.add_argument("--visit-seconds", type=float, default=40.0, help="seconds in each game before the next")
    p.add_argument("--sample-seconds", type=float, default=30.0, help="seconds between memory samples")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--mute", action="store_true", help="no voice (default: the real voice speaks)")
    p.add_argument("--no-settings", action="store_true", help="skip the grown-ups' settings screen")
    p.add_argument("--picture-mb", type=float, help="budget of the drawn-picture cache in MB (default: the game's)")
    p.add_argument("--home", help="folder for settings and the speech cache (default: a new temporary one)")
    args = p.parse_args(argv)

    if not args.window:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    home = Path(args.home) if args.home else Path(tempfile.mkdtemp(prefix="letterplay-soak-"))
    os.environ["LETTERPLAY_HOME"] = str(home)
    # this checkout's game, or the one PYTHONPATH names (benchmarks/memory.py --tree plays older ones)
    trees = [t for t in os.environ.get("PYTHONPATH", "").split(os.pathsep) if t and (Path(t) / "games").is_dir()]
    sys.path.insert(0, trees[0] if trees else str(ROOT))
    logging.basicConfig(level=logging.WARNING, format="soak: %(levelname)s %(name)s: %(message)s")
    logged_errors = ErrorCount()
    logging.getLogger().addHandler(logged_errors)
    thread_errors = []   # exceptions that ended a worker thread (speech, recognizer loading) count too

    def thread_excepthook(hook_args):
        thread_errors.append(hook_args.exc_type.__name__)
        threading.__excepthook__(hook_args)
    threading.excepthook = thread_excepthook

    from games import launcher
    if hasattr(launcher, "prefer_software_framebuffer"):
        launcher.prefer_software_framebuffer()   # the same window set-up as `letterplay`
    from games.engine.core import draw as d
    from games.engine.app import App
    from games.engine.writing.checker import RecognizerChecker
    from games.engine.core.settings import Settings
    from games.engine.voice.speech import Speaker
    from games.registry import load_games

    if args.picture_mb is not None:
        from games.engine.core import picture_cache
        picture_cache.PICTURES.budget = int(args.picture_mb * 2**20)
    games = load_games()
    if args.games:
        wanted = args.games.split(",")
        unknown = set(wanted) - {g.id for g in games}
        if unknown:
            print(f"soak: no game called {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        games = [g for g in games if g.id in wanted]

    rng = random.Random(args.seed)
    settings = Settings()
    speaker = Speaker(enabled=not args.mute, rate=settings.speech_rate, volume=settings.volume)
    app = App(settings=settings, checker=RecognizerChecker(), speaker=speaker, rng=random.Random(args.seed),
              mute=args.mute)
    app.push(launcher.Launcher(app))
    soak = Soak(app, games, rng, args.visit_seconds)

    errors = 0
    samples = []
    start = time.monotonic()
    deadline = start + args.minutes * 60
    next_sample = [start]
    visits = 0

    def sample():
        next_sample[0] += args.sample_seconds
        mb = rss_mb()
        samples.append(mb)
        print(f"soak: {time.monotonic() - start:6.0f} s  rss {mb:6.1f} MB  screens {len(soak.screen_kinds)}"
              f"  visits {soak.screen_visits}  letters {soak.letters_written}  errors {errors}", flush=True)

    soak.every_frame = lambda: sample() if time.monotonic() >= next_sample[0] else None

    while time.monotonic() < deadline and errors < MAX_ERRORS:
        jobs = [("game", g) for g in games]
        if not args.no_settings:
            jobs.insert(rng.randrange(len(jobs) + 1), ("settings", None))
        for kind, game in jobs:
            if time.monotonic() >= deadline:
                break
            try:
                if kind == "game":
                    soak.play_game(game, deadline)
                else:
                    soak.visit_settings(deadline)
                visits += 1
            except Exception:
                errors += 1
                print(f"soak: ERROR in {game.id if game else 'settings'} on "
                      f"{type(soak.top).__name__}:\n{traceback.format_exc()}", file=sys.stderr, flush=True)
                try:
                    app.running = True
                    app.home()
                    soak.restart()
                except Exception:
                    print(traceback.format_exc(), file=sys.stderr)
    try:
        soak.go_home()
        soak.frames(30)
    except Exception:
        errors += 1
        print(traceback.format_exc(), file=sys.stderr)
    sample()
    cache = d.surface_cache_stats() if hasattr(d, "surface_cache_stats") else None
    try:
        app.shutdown()
    except Exception:
        errors += 1
        print(traceback.format_exc(), file=sys.stderr)
    if not args.home:
        shutil.rmtree(home, ignore_errors=True)
    errors += len(thread_errors)
    result = {
        "minutes": round((time.monotonic() - start) / 60, 2),
        "screens": len(soak.screen_kinds),
        "screen_visits": soak.screen_visits,
        "game_visits": visits,
        "letters_written": soak.letters_written,
        "errors": errors,
        "thread_errors": thread_errors,
        "logged_errors": logged_errors.count,
        "rss_mb_max": round(max(samples), 1),
        "rss_mb_end": round(samples[-1], 1),
        "rss_mb_samples": [round(s, 1) for s in samples],
        "frame_ms_p50": round(statistics.median(soak.frame_ms), 2) if soak.frame_ms else 0.0,
        "frame_ms_p99": round(percentile(soak.frame_ms, 0.99), 2),
        "frame_ms_max": round(max(soak.frame_ms, default=0.0), 2),
        "video": os.environ.get("SDL_VIDEODRIVER", "default"),
        "framebuffer_acceleration": os.environ.get("SDL_FRAMEBUFFER_ACCELERATION", "unset"),
        "screen_kinds": dict(sorted(soak.screen_kinds.items())),
    }
    if cache:
        result["surface_cache"] = cache
    print(json.dumps(result), flush=True)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
