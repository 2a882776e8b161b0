"""Big honest records stay fast: how long the picker, the child page, the class grid and the adaptive
letters take to open for a child with 250,000 answers in a class of 200 children (goal: each <= 300 ms).

    python benchmarks/bench_records.py [--answers 250000] [--children 200] [--per-child 1000]
                                       [--repeat 3] [--db DIR]

Fills a throw-away progress file once (``--db DIR`` keeps it there and reuses it on the next run):
one class of ``--children`` children, the first of whom ("Ada") has ``--answers`` answers spread over
three years (a writing sample kept for one writing in fifty), the others ``--per-child`` each. Then,
headless, in a fresh app on that file, it times each opening ``--repeat`` times: the first time (a
program just started) and the median of the rest. Each opening is one whole step a grown-up or a child
waits for: the scene made and its first frame drawn; for the adaptive letters the answers read and
``Progress.weights``/``order`` for Ada (with the peak of memory it took, from tracemalloc).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

GOAL_MS = 300
YEARS = 3


def fill(store, children: int, big: int, per_child: int, seed: int = 1) -> int:
    """One class: the first child has ``big`` answers, the others ``per_child``; returns the answers written."""
    from games.engine.core.letters import ALPHABET
    from games.engine.records.avatars import next_avatar
    from games.engine.records.schema import ANSWER_FIELDS
    rng = random.Random(seed)
    cls = store.add_class("Big class")
    store.set_option("class", str(cls.id))
    store.set_option("keep_writing", "1")
    used, total = set(), 0
    now = time.time()
    cols = ", ".join(ANSWER_FIELDS)
    sql = f"INSERT INTO answers (child_id, {cols}) VALUES (?, {', '.join('?' for _ in ANSWER_FIELDS)})"
    sample = json.dumps([[[10 + i, 20 + (i * 7) % 90] for i in range(60)], [[40, 10 + i] for i in range(40)]])
    for i in range(children):
        animal, color = next_avatar(used)
        used.add((animal, color))
        child = store.add_child(cls.id, "Ada" if i == 0 else f"Child {i + 1:03d}", animal, color)
        n = big if i == 0 else per_child
        span = YEARS * 365 * 86400 if i == 0 else 120 * 86400
        skill = {c: rng.random() for c in ALPHABET}
        times = sorted(now - span * rng.random() for _ in range(n))
        rows = []
        for at in times:
            letter = rng.choice(ALPHABET)
            grown = 1 - (now - at) / span   # a child gets better with time
            action = rng.choice(("tapped", "found", "wrote"))
            correct = rng.random() < 0.2 + 0.7 * skill[letter] * grown + 0.1
            help_ = rng.choice(("none", "none", "none", "guide", "choices"))
            strokes = sample if action == "wrote" and rng.random() < 0.02 else None
            rows.append((child.id, uuid.uuid4().hex, at, "bench", "1", letter, rng.choice(("upper", "lower")),
                         action, int(correct), letter if action != "wrote" else None, None, None, help_,
                         round(rng.uniform(1, 9), 2), strokes, None))   # refusal: none said
            if len(rows) >= 50_000:
                with store.transaction() as c:
                    c.executemany(sql, rows)
                total += len(rows)
                rows = []
        with store.transaction() as c:
            c.executemany(sql, rows)
        total += len(rows)
    return total


def timed(fn, repeat: int) -> tuple[float, float]:
    """(first, median of the rest) in milliseconds."""
    took = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        took.append((time.perf_counter() - t) * 1000)
    return took[0], statistics.median(took[1:]) if len(took) > 1 else took[0]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--answers", type=int, default=250_000, help="answers of the one big child (default 250,000)")
    p.add_argument("--children", type=int, default=200, help="children in the class (default 200)")
    p.add_argument("--per-child", type=int, default=1000, help="answers of each other child (default 1,000)")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--db", metavar="DIR", help="keep the filled file in DIR and reuse it")
    args = p.parse_args()
    home = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="letterplay-bench-records-"))
    os.environ["LETTERPLAY_HOME"] = str(home)
    from games.engine.records.progress import Progress
    from games.engine.records.store import Store
    db = Store.default_path()
    if not db.exists():
        store = Store(db)
        t = time.perf_counter()
        n = fill(store, args.children, args.answers, args.per_child)
        store.close()
        print(f"filled {db}: {args.children} children, {n:,} answers in {time.perf_counter() - t:.1f} s")
    else:
        print(f"reusing {db}")

    from games.engine.app import App
    from games.engine.core.letters import ALPHABET
    from games.engine.core.settings import Settings
    from games.engine.grownups.profiles_screen import ProfilesScreen
    from games.engine.play.who_is_playing import AvatarPicker
    from games.launcher import Launcher
    t = time.perf_counter()
    app = App(settings=Settings(), mute=True, rng=random.Random(3))
    print(f"app with the progress file opened in {(time.perf_counter() - t) * 1000:.0f} ms")
    app.push(Launcher(app))
    app.run_frames(1)
    progress = app.progress
    kids = progress.class_children()
    ada = next(k for k in kids if k.name == "Ada")
    answers_of_ada = progress.store.conn.execute("SELECT COUNT(*) FROM answers WHERE child_id = ?", (ada.id,)).fetchone()[0]
    print(f"class of {len(kids)} children; Ada has {answers_of_ada:,} answers; "
          f"{progress.store.count_answers():,} answers in all")
    results = {}

    def adaptive():
        progress.forget_cache()   # as after a restart: nothing of Ada's known yet
        progress.choose(ada)
        w = progress.weights(ALPHABET, "lower")
        progress.order(list(ALPHABET), "lower", random.Random(1))
        assert len(w) == 26

    results["adaptive letters (weights + order)"] = timed(adaptive, args.repeat)
    tracemalloc.start()   # once more, for its memory: tracing slows every allocation, so not timed
    adaptive()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    progress.choose(None)

    def picker():
        progress.forget_cache()
        scene = AvatarPicker(app, lambda child: None, current=ada)
        app.push(scene)
        app.run_frames(1)
        app.pop_scene(scene)

    results["avatar picker"] = timed(picker, args.repeat)

    screen = ProfilesScreen(app)
    app.push(screen)
    app.run_frames(1)

    def children_page():
        screen.show("children")
        app.run_frames(1)

    def child_page():
        screen.show("children")
        screen.open_child(ada)
        app.run_frames(1)

    def class_grid():
        screen.show("grid")
        app.run_frames(1)

    results["Children page"] = timed(children_page, args.repeat)
    results["child page (Ada)"] = timed(child_page, args.repeat)
    results["class grid"] = timed(class_grid, args.repeat)
    print(f"{'opening':36} {'first':>9} {'then':>9}   (goal <= {GOAL_MS} ms)")
    for what, (first, then) in results.items():
        verdict = "ok" if max(first, then) <= GOAL_MS else "OVER"
        print(f"{what:36} {first:7.0f} ms {then:7.0f} ms   {verdict}")
    print(f"memory for Ada's adaptive letters: peak {peak / 1e6:.1f} MB (tracemalloc)")
    app.shutdown()


if __name__ == "__main__":
    main()
