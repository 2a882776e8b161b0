"""Screenshots of the writing coach in Trace and write, played by posting real pygame events.

    python benchmarks/shots_coach.py [OUT_DIR] [LETTERS]      (defaults: out/coach, "agkRt")

For each letter: the "watch me" pen half-way, level 1 "trace" with the first stroke done, level 2
"dots" with the first stroke done, level 3 "write" with a whole letter written, and an answer to a
stroke drawn backwards; then one sheet per letter with the four stages side by side (``<letter>_all.png``)
and the sticker sheet.  The child's strokes are synthetic (``recognizer.training.coach_synthetic``); the
letter checker is a stand-in that says yes.  Prints the path of each PNG.
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

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from games.engine.app import App  # noqa: E402
from games.engine.writing.checker import Verdict  # noqa: E402
from games.engine.writing.coach import DOTS, TRACE, WRITE  # noqa: E402
from games.engine.core.letters import LetterCard  # noqa: E402
from games.engine.core.settings import Settings  # noqa: E402
from games.engine.voice.speech import Speaker  # noqa: E402
from games.launcher import Launcher  # noqa: E402
from games.registry import find_game  # noqa: E402
from games.trace_write.scene import StickerSheet  # noqa: E402
from recognizer.training.coach_synthetic import school_trace  # noqa: E402


class YesChecker:
    def check(self, strokes, target):
        return Verdict(True, 0.9, target.lower(), "scripted")


class Shots:
    def __init__(self, out: Path):
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        speaker = Speaker(enabled=False, cache_dir=Path(tempfile.mkdtemp()) / "speech")
        self.app = App(settings=Settings(case_mode="mixed"), checker=YesChecker(), speaker=speaker,
                       rng=random.Random(3))
        self.app.push(Launcher(self.app))
        self.frames(2)
        self.rng = np.random.default_rng(5)

    def frames(self, n):
        self.app.run_frames(n)

    def drag(self, points):
        pts = [(int(x), int(y)) for x, y in points]
        post = pygame.event.post
        post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pts[0], button=1, touch=False))
        for p in pts[1:]:
            post(pygame.event.Event(pygame.MOUSEMOTION, pos=p, rel=(0, 0), buttons=(1, 0, 0), touch=False))
        post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pts[-1], button=1, touch=False))
        self.frames(1)

    def shot(self, name) -> Path:
        path = self.out / f"{name}.png"
        self.app.screenshot(path)
        print(path)
        return path

    def letter(self, char):
        game_info = find_game("trace_write")
        game = game_info.make_scene(self.app, game_info.levels[1], [])
        game.cards = [LetterCard(char.lower(), char, char)]
        self.app.push(game)
        self.frames(int(60 * 1.6))
        paths = [self.shot(f"{char}_0_watch")]
        trace = school_trace(char, game.lines_place(), self.rng, messiness=0.7)
        for level, name in ((TRACE, "1_trace"), (DOTS, "2_dots")):
            game.start_step("guided", level)
            self.drag(trace[0])
            self.frames(20)
            paths.append(self.shot(f"{char}_{name}"))
        game.start_step("write", WRITE)
        for stroke in school_trace(char, game.lines_place(), self.rng, messiness=1.0, free=True):
            self.drag(stroke)
        self.frames(10)
        paths.append(self.shot(f"{char}_3_write"))
        game.start_step("guided", TRACE)
        self.drag(trace[0][::-1])
        self.frames(20)
        self.shot(f"{char}_4_backwards")
        self.app.pop()
        self.frames(2)
        self.sheet(char, paths)

    def sheet(self, char, paths):
        """The four stages of one letter side by side, half size."""
        images = [pygame.image.load(str(p)) for p in paths]
        w, h = images[0].get_width() // 2, images[0].get_height() // 2
        sheet = pygame.Surface((w * 2, h * 2))
        for i, img in enumerate(images):
            sheet.blit(pygame.transform.smoothscale(img, (w, h)), ((i % 2) * w, (i // 2) * h))
        path = self.out / f"{char}_all.png"
        pygame.image.save(sheet, str(path))
        print(path)

    def stickers(self, letters):
        self.app.push(StickerSheet(self.app, list(letters), lambda: None))
        self.frames(int(60 * 3.5))
        self.shot("sticker_sheet")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else Path("out/coach")
    letters = argv[1] if len(argv) > 1 else "agkRt"
    shots = Shots(out)
    for char in letters:
        shots.letter(char)
    shots.stickers(letters)
    shots.app.shutdown()


if __name__ == "__main__":
    main()
