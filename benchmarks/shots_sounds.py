"""Screenshots of letters called by sound and by picture word, in missing letter and basketball.

    python benchmarks/shots_sounds.py [--out out/sounds]

For each game and each way of calling letters (sound, picture word) it starts the game as the teacher
set it, waits until the call is on screen with its caption, and saves a PNG; then the basketball sign
after a wrong ball (the help shows the letter). A checker that accepts everything stands in for the
recognizer.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from games.engine.writing.checker import Verdict  # noqa: E402
from games.engine.play.driver import Driver  # noqa: E402


class AcceptAll:
    status = "accepts everything (screenshots)"

    def check(self, strokes, target):
        return Verdict(True, 1.0, target.lower(), "screenshot")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="out/sounds")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from games.engine.app import App
    from games.engine.play.players import default_players
    from games.engine.core.settings import Settings
    from games.engine.voice.speech import Speaker
    from games.registry import find_game

    for game_id in ("missing_letter", "basketball"):
        for way in ("sound", "picture"):
            settings = Settings(call_letters_by=way, letter_set="phonics1", case_mode="lower")
            app = App(settings=settings, checker=AcceptAll(), mute=True, rng=random.Random(5),
                      speaker=Speaker(enabled=False, cache_dir=out / "speech"))
            info = find_game(game_id)
            game = info.make_scene(app, info.levels[0], default_players(1))
            app.push(game)
            p = Driver(app)
            p.frames(2)
            p.until(lambda: game.prompt.waiting and getattr(game, "call", None) is not None
                    and app.speaker.caption == game.call.line, seconds=40, what="the call")
            p.frames(10)
            path = out / f"{game_id}_{way}.png"
            app.screenshot(str(path))
            print(f"{path}: {app.speaker.caption}")
            if game_id == "basketball" and way == "picture":
                wrong = next(b for b in game.balls if b.card.base != game.card.base)
                p.tap(wrong.rect.center)
                p.frames(30)
                path = out / "basketball_picture_after_a_wrong_ball.png"
                app.screenshot(str(path))
                print(f"{path}: {app.speaker.caption}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
