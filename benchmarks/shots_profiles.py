"""Screenshots of the profile screens: avatar picker, grown-ups' children page, class grid, child page,
the printed A4 page, and the settings with their "Children" button.

    python benchmarks/shots_profiles.py [--out /tmp/shots]
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

NAMES = ["Mia", "Noah", "Zoë", "Liam", "Ava", "Leo", "Emma", "Oscar", "Lily", "Max", "Chloé", "Sam", "Ella",
         "Omar", "Ruby", "Finn", "Isla", "Theo", "Nora", "Jack", "Aisha", "Ben", "Maya", "Tom", "Sofia"]



def strokes_for(ch, rng):
    """A five-year-old's writing of ``ch`` (the coach's synthetic traces)."""
    import numpy as np
    from recognizer.training.coach_synthetic import pad_place, school_trace
    g = np.random.default_rng(rng.randrange(1 << 30))
    return [s.tolist() for s in school_trace(ch, pad_place(ch), g, messiness=1.0, free=True)]


def fill(app, rng):
    from games.engine.play.avatars import next_avatar
    from games.engine.records.progress import Answer
    store = app.progress.store
    k = store.add_class("Ducklings")
    used = set()
    kids = []
    for name in NAMES:
        a, c = next_avatar(used)
        used.add((a, c))
        kids.append(store.add_child(k.id, name, a, c))
    app.progress.keep_writing = True
    for n, kid in enumerate(kids):
        app.progress.choose(kid)
        skill = 0.25 + 0.7 * rng.random()
        known = rng.sample("abcdefghijklmnopqrstuvwxyz", int(26 * skill))
        for letter in known:
            for case in ("upper", "lower"):
                action = "wrote" if rng.random() < skill else "tapped"
                for _ in range(rng.randint(1, 4)):
                    face = letter.upper() if case == "upper" else letter
                    app.progress.record(Answer("shots", "1", letter, case, action, rng.random() < skill + 0.2,
                                               strokes=strokes_for(face, rng) if action == "wrote" else None))
    app.progress.choose(None)
    return kids


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", default="/tmp/shots")
    args = p.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.mkdtemp()
    os.environ["LETTERPLAY_HOME"] = tmp
    from games.engine.app import App
    from games.engine.grownups.settings_screen import SettingsScreen
    from games.engine.grownups.report import paint_page, save_png, writing_samples
    from games.engine.play.who_is_playing import AvatarPicker
    from games.engine.grownups.profiles_screen import ProfilesScreen
    from games.engine.core.settings import Settings
    from games.launcher import Launcher
    app = App(settings=Settings(), mute=True, rng=random.Random(3))
    rng = random.Random(5)
    kids = fill(app, rng)
    app.push(Launcher(app))
    picker = AvatarPicker(app, lambda c: None, current=kids[0])
    app.push(picker)
    app.run_frames(20)
    app.screenshot(out / "avatar_picker.png")
    app.pop()
    app.push(SettingsScreen(app))
    app.run_frames(3)
    app.screenshot(out / "settings_children_button.png")
    screen = ProfilesScreen(app)
    app.push(screen)
    screen.select(screen.cards[2])
    app.run_frames(3)
    app.screenshot(out / "children_page.png")
    screen.show("grid")
    app.run_frames(3)
    app.screenshot(out / "class_grid.png")
    screen.open_child(kids[0])
    app.run_frames(3)
    app.screenshot(out / "child_page.png")
    c = kids[0]
    save_png(paint_page(c, app.progress.states(c.id), time.time(), writing_samples(app.progress, c.id)),
             out / "printed_page.png")
    empty = app.progress.store.add_child(kids[0].class_id, "Newcomer", "Owl", "teal")
    save_png(paint_page(empty, {}, time.time()), out / "printed_page_new_child.png")
    app.shutdown()
    print(f"saved screenshots in {out}")


if __name__ == "__main__":
    main()
