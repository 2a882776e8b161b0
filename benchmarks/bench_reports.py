"""How long the reports take for a class of 25 children x 52 letters (class.csv + 25 A4 pages).

    python benchmarks/bench_reports.py [--children 25] [--answers 20]

Fills a throw-away progress file (``--answers`` per child, letter and case), then times
``write_report`` as ``letterplay report`` runs it, and the export / merge round trip.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def fill(progress, children: int, per_letter: int, seed: int = 1) -> int:
    from games.engine.core.letters import ALPHABET
    from games.engine.play.avatars import next_avatar
    rng = random.Random(seed)
    store = progress.store
    cls = store.add_class("Bench class")
    used, rows = set(), []
    start = time.time() - 60 * 86400
    for i in range(children):
        animal, color = next_avatar(used)
        used.add((animal, color))
        child = store.add_child(cls.id, f"Child {i + 1:02d}", animal, color)
        skill = rng.random()
        for letter in ALPHABET:
            for case in ("upper", "lower"):
                for k in range(per_letter):
                    action = rng.choice(("tapped", "found", "wrote"))
                    rows.append((child.id, uuid.uuid4().hex, start + rng.random() * 60 * 86400, "bench", "1", letter,
                                 case, action, int(rng.random() < skill), "none"))
    with store.transaction() as c:
        c.executemany("INSERT INTO answers (child_id, uid, at, game, level, letter, letter_case, action, correct, help)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--children", type=int, default=25)
    p.add_argument("--answers", type=int, default=20, help="answers per child, letter and case")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LETTERPLAY_HOME"] = tmp
        from games.engine.grownups.report import write_report
        from games.engine.records.progress import Progress
        progress = Progress.open()
        n = fill(progress, args.children, args.answers)
        progress.forget_cache()
        t = time.perf_counter()
        files = write_report(progress, Path(tmp) / "report")
        took = time.perf_counter() - t
        print(f"report: {args.children} children x 52 letters, {n} answers -> {len(files)} files in {took:.2f} s"
              f" ({'under' if took < 2 else 'OVER'} the 2 s goal)")
        t = time.perf_counter()
        progress.store.export_file(Path(tmp) / "export.json")
        exported = time.perf_counter() - t
        t = time.perf_counter()
        counts = progress.store.import_file(Path(tmp) / "export.json")
        print(f"export {exported:.2f} s; merge of the same file {time.perf_counter() - t:.2f} s "
              f"({counts['answers_added']} added, {counts['answers_already_here']} already here)")
        progress.close()


if __name__ == "__main__":
    main()
