"""Draw contact sheets of letter skeletons and synthetic handwriting; time the generators.

    python benchmarks/preview_synth.py                 # out/skeletons.png, out/synth.png, out/scribbles.png
    python benchmarks/preview_synth.py --seed 3 --per-letter 6
    python benchmarks/preview_synth.py --transfer     # also: synthetic-only model on real EMNIST (~2 min)
    python benchmarks/preview_synth.py --legibility   # also: the shipped recognizer reads every allograph

Prints traces per second for synth_dataset and scribble_dataset.  With
--transfer it trains a small scikit-learn MLP on rendered synthetic letters
only and prints its accuracy on real EMNIST test letters: a rough measure of
how much of real handwriting's variety the synthetic traces cover.  With
--legibility the shipped recognizer reads synthetic traces of every allograph
(a broken skeleton shows up as a very low score; but a model that learned from
adults' EMNIST letters also misreads good child forms such as the
ball-and-stick 'a').
Uses pygame only for drawing and saving PNGs (the recognizer package never does).
"""

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from recognizer.skeletons import DESCENDER_LINE, LETTER_CHARS, MIDLINE, BASELINE, load_skeletons  # noqa: E402

STROKE_COLOURS = [(200, 30, 30), (30, 90, 200), (20, 150, 60), (200, 120, 0), (140, 40, 170)]
FONT_PATH = ROOT / "assets" / "fonts" / "Andika-Regular.ttf"


def _font(size):
    try:
        return pygame.font.Font(str(FONT_PATH), size)
    except (OSError, pygame.error):
        return pygame.font.Font(None, size)


def _arrow(surface, colour, tail, head, size=6):
    direction = np.asarray(head, float) - np.asarray(tail, float)
    norm = np.linalg.norm(direction)
    if norm < 1e-9:
        return
    d = direction / norm
    n = np.array([-d[1], d[0]])
    tip = np.asarray(head, float)
    pygame.draw.polygon(surface, colour, [tip, tip - d * size * 1.6 + n * size, tip - d * size * 1.6 - n * size])


def skeleton_sheet(path, cell=120):
    """Every allograph of every letter, on handwriting lines, strokes coloured in order."""
    letters = load_skeletons()
    cells = [(ch, a) for ch in LETTER_CHARS for a in letters[ch].allographs]
    columns = 12
    rows = (len(cells) + columns - 1) // columns
    sheet = pygame.Surface((columns * cell, rows * cell))
    sheet.fill((255, 255, 255))
    font = _font(13)
    scale = cell * 0.52                        # line units -> pixels
    for i, (ch, allograph) in enumerate(cells):
        x0, y0 = (i % columns) * cell, (i // columns) * cell
        top = y0 + 16
        for level, colour in ((0.0, (150, 150, 220)), (MIDLINE, (200, 200, 240)),
                              (BASELINE, (150, 150, 220)), (DESCENDER_LINE, (230, 200, 200))):
            y = top + level * scale
            pygame.draw.line(sheet, colour, (x0 + 4, y), (x0 + cell - 4, y))
        left = x0 + (cell - allograph.width * scale) / 2
        for k, stroke in enumerate(allograph.strokes):
            colour = STROKE_COLOURS[k % len(STROKE_COLOURS)]
            pts = [(left + x * scale, top + y * scale) for x, y in stroke.points]
            if len(pts) >= 2:
                pygame.draw.lines(sheet, colour, False, pts, 3)
            pygame.draw.circle(sheet, (0, 170, 0), pts[0], 4)
            _arrow(sheet, colour, pts[-2], pts[-1])
        label = f"{ch} {allograph.name}" + ("*" if allograph.synthetic_only else "")
        sheet.blit(font.render(label, True, (0, 0, 0)), (x0 + 3, y0 + 1))
        pygame.draw.rect(sheet, (220, 220, 220), (x0, y0, cell, cell), 1)
    pygame.image.save(sheet, str(path))


def traces_sheet(path, traces, titles, columns, cell=96):
    """Draw each trace (list of (n, 2) pixel arrays) fitted into a cell."""
    rows = (len(traces) + columns - 1) // columns
    sheet = pygame.Surface((columns * cell, rows * cell))
    sheet.fill((255, 255, 255))
    font = _font(12)
    for i, (strokes, title) in enumerate(zip(traces, titles)):
        x0, y0 = (i % columns) * cell, (i // columns) * cell
        pygame.draw.rect(sheet, (225, 225, 225), (x0, y0, cell, cell), 1)
        allpts = np.vstack(strokes)
        lo, hi = allpts.min(0), allpts.max(0)
        span = max(hi - lo) or 1.0
        scale = min((cell - 20) / span, (cell - 20) / 40)   # taps stay small
        offset = np.array([x0 + 10, y0 + 12]) + ((cell - 20) - (hi - lo) * scale) / 2
        for k, stroke in enumerate(strokes):
            pts = (stroke - lo) * scale + offset
            colour = STROKE_COLOURS[k % len(STROKE_COLOURS)]
            if len(pts) >= 2:
                pygame.draw.lines(sheet, colour, False, pts.tolist(), 2)
            for p in pts[::1]:
                sheet.set_at((int(p[0]), int(p[1])), (0, 0, 0))
            if len(pts) == 1:
                pygame.draw.circle(sheet, colour, pts[0].tolist(), 3)
        sheet.blit(font.render(title, True, (90, 90, 90)), (x0 + 3, y0 + 1))
    pygame.image.save(sheet, str(path))


def rendered_sheet(path, seed, per_letter=8, zoom=3):
    """Synthetic traces through recognizer.render (28x28, what the network sees).

    Each letter's row: ``per_letter`` synthetic images, then (if the EMNIST
    file is there) ``per_letter`` real EMNIST test images of the same letter.
    """
    try:
        from recognizer.render import render
    except ImportError as problem:
        print(f"no 28x28 sheet: {problem}")
        return
    from recognizer.training.synth import synth_dataset
    emnist = None
    data = ROOT.parent / "shared" / "data" / "emnist-letters.npz"
    if data.exists():
        with np.load(data) as d:
            emnist = d["x_test"], d["y_test"]
    rng = np.random.default_rng(seed)
    traces, labels, _ = synth_dataset(per_letter, rng, cases="both")
    columns = per_letter * (2 if emnist else 1)
    tile = 28 * zoom
    sheet = pygame.Surface((columns * tile + 4, 26 * tile))
    sheet.fill((60, 60, 90))
    for label in range(26):
        mine = [render(t) for t, lab in zip(traces, labels) if lab == label]
        if emnist:
            mine += list(emnist[0][emnist[1] == label][:per_letter])
        for column, image in enumerate(mine):
            rgb = np.repeat(np.kron(image, np.ones((zoom, zoom), np.uint8))[:, :, None], 3, axis=2)
            x = column * tile + (4 if column >= per_letter else 0)
            sheet.blit(pygame.surfarray.make_surface(rgb.transpose(1, 0, 2)), (x, label * tile))
    pygame.image.save(sheet, str(path))
    print(f"wrote {path} (left: synthetic, right: EMNIST test)" if emnist else f"wrote {path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-letter", type=int, default=4, help="synthetic traces per character on the sheet")
    parser.add_argument("--out", default=str(ROOT / "out"))
    parser.add_argument("--timing-n", type=int, default=100, help="traces per letter for the timing run")
    parser.add_argument("--transfer", action="store_true", help="synthetic-only model tested on EMNIST")
    parser.add_argument("--legibility", action="store_true", help="shipped recognizer reads each allograph")
    parser.add_argument("--messiness", type=float, default=None,
                        help="fixed messiness for --transfer (default: synth_dataset's mix)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pygame.font.init()

    skeleton_sheet(out / "skeletons.png")
    print(f"wrote {out / 'skeletons.png'}")

    from recognizer.training.synth import synth_dataset, synth_strokes
    from recognizer.training.scribbles import SCRIBBLE_KINDS, scribble

    rng = np.random.default_rng(args.seed)
    traces, titles = [], []
    for ch in LETTER_CHARS:
        for _ in range(args.per_letter):
            traces.append(synth_strokes(ch, rng))
            titles.append(ch)
    traces_sheet(out / "synth.png", traces, titles, columns=2 * args.per_letter * 2)
    print(f"wrote {out / 'synth.png'}")

    traces, titles = [], []
    for kind in SCRIBBLE_KINDS:
        for _ in range(10):
            traces.append(scribble(rng, kind))
            titles.append(kind)
    traces_sheet(out / "scribbles.png", traces, titles, columns=10)
    print(f"wrote {out / 'scribbles.png'}")

    rendered_sheet(out / "synth_28px.png", args.seed)

    from recognizer.training.scribbles import scribble_dataset
    # Best of three runs: other programs on the machine only ever slow a run down.
    n = args.timing_n
    runs = []
    for repeat in range(3):
        rng = np.random.default_rng(args.seed + repeat)
        start = time.perf_counter()
        strokes, labels, chars = synth_dataset(n, rng, cases="both")
        runs.append(time.perf_counter() - start)
    print(f"synth_dataset({n}, cases='both'): {len(strokes)} traces, best of 3 runs {min(runs):.2f} s "
          f"= {len(strokes) / min(runs):.0f} traces/s (slowest run {len(strokes) / max(runs):.0f}/s)")
    points = sum(len(s) for t in strokes for s in t)
    print(f"  mean {points / len(strokes):.0f} points and "
          f"{sum(len(t) for t in strokes) / len(strokes):.2f} strokes per trace")
    runs = []
    for repeat in range(3):
        rng = np.random.default_rng(args.seed + repeat)
        start = time.perf_counter()
        scribble_dataset(26 * n, rng)
        runs.append(time.perf_counter() - start)
    print(f"scribble_dataset({26 * n}): best of 3 runs {min(runs):.2f} s = {26 * n / min(runs):.0f} traces/s")
    try:
        from recognizer.render import render
    except ImportError:
        return
    start = time.perf_counter()
    for trace in strokes[:500]:
        render(trace)
    seconds = time.perf_counter() - start
    print(f"for comparison, recognizer.render: {min(500, len(strokes)) / seconds:.0f} traces/s")
    if args.transfer:
        transfer(args.seed, args.messiness)
    if args.legibility:
        legibility(args.seed)


def legibility(seed, per_allograph=30, show_worst=12):
    """Top-1 of the shipped recognizer on synthetic traces, per allograph and messiness."""
    try:
        from recognizer import Recognizer
        recognizer = Recognizer.load()
    except (ImportError, OSError, ValueError) as problem:
        print(f"--legibility skipped: no shipped recognizer ({problem})")
        return
    from recognizer.training.synth import synth_strokes
    letters = load_skeletons()
    for messiness in (0.0, 1.0, 2.0):
        rng = np.random.default_rng(seed)
        scores = []
        for char in LETTER_CHARS:
            for index, allograph in enumerate(letters[char].allographs):
                hits = sum(recognizer.rank(synth_strokes(char, rng, allograph=index, messiness=messiness))[0][0]
                           == char.lower() for _ in range(per_allograph))
                scores.append((hits / per_allograph, char, allograph.name))
        school = [score for score, _, name in scores if name == "school"]
        print(f"messiness {messiness}: shipped recognizer top-1 {np.mean([s for s, _, _ in scores]):.3f} "
              f"over {len(scores)} allographs, {np.mean(school):.3f} over the 52 school models")
    worst = sorted(scores)[:show_worst]
    print("  lowest at messiness 2: " + ", ".join(f"{c} {n} {s:.2f}" for s, c, n in worst))


def transfer(seed, messiness, per_letter=200, test_size=5200):
    """Train on rendered synthetic letters only; print accuracy on EMNIST test letters."""
    data = ROOT.parent / "shared" / "data" / "emnist-letters.npz"
    if not data.exists():
        print(f"--transfer skipped: {data} is not there")
        return
    import warnings
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    from recognizer.render import render
    from recognizer.training.synth import synth_dataset
    rng = np.random.default_rng(seed)
    traces, labels, _ = synth_dataset(per_letter, rng, messiness=messiness)
    x = np.stack([render(t) for t in traces]).reshape(len(traces), -1) / 255.0
    with np.load(data) as d:
        pick = np.random.default_rng(1).choice(len(d["y_test"]), test_size, replace=False)
        x_test = d["x_test"][pick].reshape(test_size, -1) / 255.0
        y_test = d["y_test"][pick]
    scores = []
    for model_seed in (0, 1):
        model = MLPClassifier(hidden_layer_sizes=(256,), max_iter=30, alpha=1e-3, random_state=model_seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(x, labels)
        scores.append((model.predict(x_test) == y_test).mean())
    mess = "mixed" if messiness is None else messiness
    print(f"synthetic-only MLP(256), {len(x)} traces (messiness {mess}) -> {test_size} EMNIST test letters: "
          f"accuracy {scores[0]:.3f} / {scores[1]:.3f} (two training seeds; chance 0.038)")


if __name__ == "__main__":
    main()
