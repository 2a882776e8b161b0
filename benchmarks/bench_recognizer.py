"""Recognizer speed: stroke -> verdict latency, and numpy forward pass beside scikit-learn's.

    python benchmarks/bench_recognizer.py                  # prints p50/p99 in milliseconds
    python benchmarks/bench_recognizer.py --update-card    # also stores them in the model card
    python benchmarks/bench_recognizer.py --model=PATH     # another model (.npz)
    python benchmarks/bench_recognizer.py --adapt          # only: a child's adapted checker (issue 22)

Goals (issue 21): check() at most 2.5 ms (p50) with one BLAS thread on an idle machine, 20 ms
(p99); load at most 50 ms; a drawing of 1,000,000 points checked in at most 100 ms. Needs no data
set: it times synthetic finger traces (recognizer.training.synth), and drawings of 20,000 and
1,000,000 points (a drawing is resampled to at most recognizer.render.MAX_POINTS first, so they
cost about the same). check() makes one recognizer.drawing.Drawing (cleaned once, rendered once);
the lines below split its time into cleaning, the networks, the path and the judge. The game runs numpy's BLAS on one thread (games/__init__.py); compare with
`OPENBLAS_NUM_THREADS=2 python benchmarks/bench_recognizer.py`.
"""

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")   # as the game sets it (games/__init__.py)
import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from recognizer import LETTERS, Recognizer, render  # noqa: E402
from recognizer.model import images_to_inputs  # noqa: E402
from recognizer.training.synth import synth_strokes  # noqa: E402


def percentiles(seconds):
    ms = np.asarray(seconds) * 1000
    return f"p50 {np.percentile(ms, 50):6.2f} ms   p99 {np.percentile(ms, 99):6.2f} ms   max {ms.max():6.2f} ms"


def bench_adapted(rec, rng):
    """Issue 22's goals: building a child's checker from 200 confirmed writings <= 50 ms, and its
    check() p50 <= the base's + 1 ms (the same drawings, checked in turn by both)."""
    from recognizer.adapt import Example
    letters = [c for c in LETTERS] + [c.upper() for c in LETTERS]
    writings = [(synth_strokes(letters[i % 52], rng), letters[i % 52]) for i in range(200)]
    stored = [Example(s, c, True, rec.description_of(s)) for s, c in writings]
    for name, examples in (("from stored descriptions", stored), ("from strokes alone", writings)):
        seconds = []
        for _ in range(5 if name.startswith("from stored") else 3):
            t0 = time.perf_counter()
            child = rec.adapted(examples)
            seconds.append(time.perf_counter() - t0)
        print(f"adapted(200 writings) {name:25s} median {np.median(seconds) * 1000:6.1f} ms"
              + ("   (goal: <= 50 ms)" if name.startswith("from stored") else ""))
    traces = [synth_strokes(LETTERS[i % 26].upper() if i % 2 else LETTERS[i % 26], rng) for i in range(400)]
    targets = [LETTERS[(i * 7) % 26] if i % 3 == 0 else LETTERS[i % 26] for i in range(400)]
    for strokes, target in zip(traces[:20], targets):
        rec.check(strokes, target)
        child.check(strokes, target)
    base_times, child_times = [], []
    for strokes, target in zip(traces, targets):
        t0 = time.perf_counter()
        rec.check(strokes, target)
        t1 = time.perf_counter()
        child.check(strokes, target)
        t2 = time.perf_counter()
        base_times.append(t1 - t0)
        child_times.append(t2 - t1)
    print(f"base check               {percentiles(base_times)}")
    print(f"adapted check (200)      {percentiles(child_times)}   (goal: p50 <= base + 1 ms; "
          f"difference {1000 * (np.median(child_times) - np.median(base_times)):+.2f} ms)")


def main():
    rng = np.random.default_rng(0)
    model = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--model=")), None)
    if "--adapt" in sys.argv[1:]:
        bench_adapted(Recognizer.load(model), rng)
        return
    loads = []
    for _ in range(5):
        started = time.perf_counter()
        rec = Recognizer.load(model)
        loads.append(time.perf_counter() - started)
    network = rec.networks[0]
    shape = getattr(network, "spec", None) or f"layers {[w.shape[0] for w in network.weights]}"
    print(f"Recognizer.load(): first {loads[0] * 1000:.1f} ms, median of 5 {np.median(loads) * 1000:.1f} ms "
          f"({len(rec.networks)} network(s), {shape} -> {network.weights[-1].shape[1]}; "
          f"test-time slants {rec.slants})   (goal: <= 50 ms)")
    traces = [synth_strokes(LETTERS[i % 26].upper() if i % 2 else LETTERS[i % 26], rng) for i in range(600)]
    targets = [LETTERS[i % 26] for i in range(600)]
    for strokes, target in zip(traces[:20], targets):          # warm up caches
        rec.check(strokes, target)

    render_times, check_times = [], []
    for strokes, target in zip(traces, targets):
        t0 = time.perf_counter()
        render(strokes)
        t1 = time.perf_counter()
        rec.check(strokes, target)
        t2 = time.perf_counter()
        render_times.append(t1 - t0)
        check_times.append(t2 - t1)
    points = [sum(len(s) for s in t) for t in traces]
    print(f"traces: {len(traces)} synthetic letters, {np.median(points):.0f} points median, {max(points)} max")
    print(f"render(strokes)          {percentiles(render_times)}")
    print(f"check(strokes, target)   {percentiles(check_times)}   (goal: p50 <= 2.5 ms, p99 <= 20 ms)   "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}")
    parts = {"Drawing (clean)": [], "image (render)": [], "networks": [], "path features + judge": []}
    from recognizer.drawing import Drawing
    from recognizer.letter_or_not import drawing_features
    for strokes in traces:
        t0 = time.perf_counter()
        drawing = Drawing(strokes)
        t1 = time.perf_counter()
        drawing.image
        t2 = time.perf_counter()
        everything = rec.drawing_probabilities(drawing)
        t3 = time.perf_counter()
        if rec.judge is not None:
            rec.judge.probability(drawing_features(drawing, everything))
        t4 = time.perf_counter()
        for name, seconds in zip(parts, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            parts[name].append(seconds)
    for name, seconds in parts.items():
        print(f"  {name:23s}{percentiles(seconds)}")
    million = None
    for count in (20_000, 1_000_000):           # a long scribble: loops over the whole pad
        t = np.linspace(0, 400 * np.pi, count)
        scribble = [np.column_stack([400 + 150 * np.cos(t), 300 + 200 * np.sin(1.01 * t)])]
        seconds = []
        for _ in range(3):
            t0 = time.perf_counter()
            rec.check(scribble, "o")
            seconds.append(time.perf_counter() - t0)
        print(f"check of {count:>9,} points  best of 3: {min(seconds) * 1000:6.1f} ms   (goal: <= 100 ms)")
        million = min(seconds) * 1000

    # Forward pass only, one image at a time (what check does) and a batch of 1000.
    images = np.stack([render(t) for t in traces[:200]])
    inputs = images_to_inputs(images, rec.features)
    forwards = [(f"numpy {type(network).__name__}.probabilities", network.probabilities)]
    if getattr(network, "kind", "mlp") == "mlp":
        from recognizer.training.train import sklearn_from_network
        classifier = sklearn_from_network(network)
        forwards.append(("scikit-learn predict_proba", classifier.predict_proba))
    for name, forward in forwards:
        single = []
        for row in inputs:
            t0 = time.perf_counter()
            forward(row[None])
            single.append(time.perf_counter() - t0)
        batch = np.tile(inputs, (5, 1))
        t0 = time.perf_counter()
        forward(batch)
        per_image = (time.perf_counter() - t0) / len(batch)
        print(f"{name:28s} one image: {percentiles(single)}   batch of {len(batch)}: "
              f"{per_image * 1e6:.1f} us/image")
    difference = None
    if len(forwards) > 1:
        difference = float(np.abs(network.probabilities(inputs) - classifier.predict_proba(inputs)).max())
        print(f"largest |numpy - scikit-learn| probability difference: {difference:.2e}")

    if "--update-card" in sys.argv[1:]:
        from recognizer.model import DEFAULT_MODEL
        card_path = Path(model or DEFAULT_MODEL).with_suffix(".json")
        card = json.loads(card_path.read_text())
        ms = np.asarray(check_times) * 1000
        card["speed"] = {"check_ms_p50": round(float(np.percentile(ms, 50)), 2),
                         "check_ms_p99": round(float(np.percentile(ms, 99)), 2),
                         "load_ms_median": round(float(np.median(loads)) * 1000, 1),
                         "check_ms_million_points": round(million, 1),
                         "cpus": os.cpu_count(), "command": "python benchmarks/bench_recognizer.py "
                         + " ".join(a if not a.startswith("--model=") else "--model=" + Path(a[8:]).name
                                    for a in sys.argv[1:]), "numpy_vs_sklearn_max_difference": difference,
                         "load_average_1min": round(os.getloadavg()[0], 1)}
        card_path.write_text(json.dumps(card, indent=2) + "\n")
        print(f"stored the timings in {card_path.name}")


if __name__ == "__main__":
    main()
