"""Simulated children whose writings a grown-up confirms: how far does the adapted checker go?

    python -m recognizer.training.evaluate --adapt 1          # K = 1 confirmed writing per letter (and 2, 3)
    python -m recognizer.training.calibrate_adapt             # chooses the distances (assets/models/adaptation.json)

The real pen file has one writing of each letter and case per writer, so a child writing a letter
again is simulated: every writing of a held-out writer (one nothing was trained on) is re-written
K_MAX + TESTS times, each time by ``realpen.childlike`` (the hand's own wobble, overshoot, parts
apart, slant) with its own seed. A "child" is one such writer in one setting:

* ``realpen``: the re-writings as they are;
* a child-like family (recognizer.training.families): each re-writing then also made messy by that
  family, with its own seed (three families per writer, taking turns, so every family is used).

The first K re-writings of each letter are the grown-up's confirmed writings (whatever the base
checker said of them); the TESTS others are the child's later writings, checked with the true
target and with each of the 25 other letters (in the same case). Scribbles
(recognizer.training.scribbles) are checked against the letter each looks most like.

The held-out writers are split in two (``calibration_writers``): the distances are chosen
on one half (calibrate_adapt) and the figures reported on the other (evaluate --adapt), so the
threshold is not graded on what it was tuned on. Copies of one writing are nearer each other than
two writings of a real child are; children's own writings are what this cannot replace.
"""

import hashlib
import time
import zlib

import numpy as np

from recognizer import LETTERS
from recognizer.adapt import Example, pack
from recognizer.drawing import Drawing
from recognizer.training.families import FAMILIES, make_family
from recognizer.training.realpen import childlike, load_realpen, target_of, train_writer

K_MAX = 3            # confirmed writings per letter, at most
TESTS = 3            # the child's later writings of each letter
FAMILIES_PER_WRITER = 3
SEED = 2222
WORST_WRITER_REFUSED = 10      # the worst writer is also named among those the base refused this often


def calibration_writers(writers):
    """The half of `writers` that chooses the adaptation's distances (the other half grades them):
    within each part of the file (chars74k, omniglot) in the order of a hash of their names, every
    other writer. (sha256, not crc32: crc32 is linear, and realpen.train_writer already fixed its parity.)"""
    chosen = set()
    for part in sorted({w.split("/")[0] for w in writers}):
        mine = sorted((w for w in writers if w.split("/")[0] == part),
                      key=lambda w: hashlib.sha256(("adapt/" + w).encode()).digest())
        chosen.update(mine[::2])
    return chosen


class KeptDrawing(Drawing):
    """A Drawing that keeps its path features and the networks' outputs once measured (the
    evaluation asks check() about one drawing with 26 targets)."""

    def path_features(self):
        if getattr(self, "_kept_path", None) is None:
            self._kept_path = super().path_features()
        return self._kept_path


def remembering(recognizer):
    """Make `recognizer` (and checkers adapted from it) run the networks once per KeptDrawing."""
    original = recognizer.drawing_outputs

    def drawing_outputs(drawing):
        kept = getattr(drawing, "_kept_outputs", None)
        if kept is None:
            kept = original(drawing)
            if isinstance(drawing, KeptDrawing):
                drawing._kept_outputs = kept
        return kept
    recognizer.drawing_outputs = drawing_outputs
    return recognizer


def settings_for(index):
    """The settings of the index-th writer: its own letters, and three families taking turns."""
    names = list(FAMILIES)
    return ["realpen"] + [names[(index * FAMILIES_PER_WRITER + j) % len(names)] for j in range(FAMILIES_PER_WRITER)]


def make_children(recognizer, realpen, calibration, writers=None, progress=True):
    """The simulated children of one half of the held-out writers -> list of dicts:
    {"writer", "setting", "letters": [{"target", "confirmed": [KeptDrawing]*K_MAX, "tests": [...]}]}."""
    held = [s for s in load_realpen(realpen) if not train_writer(s["writer"])]
    names = sorted({s["writer"] for s in held})
    calibrating = calibration_writers(names)
    chosen = [w for w in names if (w in calibrating) == calibration]
    if writers:
        chosen = chosen[:writers]
    children, started = [], time.perf_counter()
    for n, writer in enumerate(chosen):
        mine = [s for s in held if s["writer"] == writer]
        for setting in settings_for(names.index(writer)):
            rng = np.random.default_rng([SEED, zlib.crc32(writer.encode()), zlib.crc32(setting.encode())])
            letters = []
            for s in mine:
                copies = []
                for _ in range(K_MAX + TESTS):
                    strokes = childlike(s["strokes"], rng)
                    if setting != "realpen":
                        strokes = make_family(setting, strokes, rng)
                    copies.append(KeptDrawing(strokes))
                letters.append({"target": target_of(s), "confirmed": copies[:K_MAX], "tests": copies[K_MAX:]})
            children.append({"writer": writer, "setting": setting, "letters": letters})
            for letter in letters:                          # measure now: describe() and check() reuse it
                for d in letter["confirmed"] + letter["tests"]:
                    recognizer.drawing_outputs(d)
                    d.path_features()
        if progress:
            print(f"  children of {writer} ready ({n + 1}/{len(chosen)}, {time.perf_counter() - started:.0f} s)",
                  flush=True)
    return children


CALIBRATION_SCRIBBLES_SEED = SEED   # the scribbles the distances are chosen on ...
REPORT_SCRIBBLES_SEED = 12345       # ... and those graded, as `evaluate` measures the base checker


def scribble_set(recognizer, count, seed):
    """Scribbles as KeptDrawings, each with the letter it looks most like (the worst case; "a" for a
    dot, which is refused whatever is asked), as `evaluate` counts them for the base checker."""
    from recognizer.training.scribbles import scribble_dataset
    out = []
    for strokes in scribble_dataset(count, np.random.default_rng(seed)):
        drawing = KeptDrawing(strokes)
        inked = drawing.strokes and drawing.extent > 0
        out.append((drawing, recognizer.rank(drawing)[0][0] if inked else "a"))
    return out


def simulated(recognizer, realpen, calibration, writers, scribbles, cache=None):
    """(children, scribbles) of one half; the children made or read from `cache` (a pickle this
    function wrote: making them takes minutes)."""
    import pickle
    from pathlib import Path
    key = {"calibration": calibration, "writers": writers, "weights": recognizer.weights_tag().hex(),
           "k_max": K_MAX, "tests": TESTS, "seed": SEED}
    children = None
    if cache and Path(cache).exists():
        stored = pickle.loads(Path(cache).read_bytes())
        if stored.get("key") == key:
            print(f"  simulated children read from {cache}")
            children = stored["children"]
        else:
            print(f"  {cache} holds other children: making them again")
    if children is None:
        children = make_children(recognizer, realpen, calibration, writers)
        if cache:
            Path(cache).write_bytes(pickle.dumps({"key": key, "children": children}))
    return children, scribble_set(recognizer, scribbles,
                                  CALIBRATION_SCRIBBLES_SEED if calibration else REPORT_SCRIBBLES_SEED)


def confirmed_examples(recognizer, child, k):
    """The grown-up's confirmations: the first k re-writings of every letter, with their stored
    descriptions (as the records keep them)."""
    tag = recognizer.weights_tag()
    return [Example(d, letter["target"], True, pack(recognizer.drawing_outputs(d)[1], tag))
            for letter in child["letters"] for d in letter["confirmed"][:k]]


def wrong_targets(target):
    """The 25 other letters, in the target's case."""
    return [c.upper() if target.isupper() else c for c in LETTERS if c != target.lower()]


def child_figures(base, child, k, scribbles, memo=None):
    """Check one child's later writings with the base and the adapted checker -> counts. `memo`
    keeps the base's verdicts from one K to the next."""
    memo = {} if memo is None else memo

    def base_accepts(d, target):
        key = (id(d), target)
        if key not in memo:
            memo[key] = base.check(d, target).accepted
        return memo[key]
    started = time.perf_counter()
    adapted = base.adapted(confirmed_examples(base, child, k))
    built = time.perf_counter() - started
    counts = dict.fromkeys(("tests", "base_refused", "refused_now_accepted", "base_accepted",
                            "accepted_now_refused", "wrong", "base_false", "false", "scribbles",
                            "base_scribble_accepted", "scribble_accepted"), 0)
    for letter in child["letters"]:
        target = letter["target"]
        for d in letter["tests"]:
            before, after = base_accepts(d, target), adapted.check(d, target).accepted
            counts["tests"] += 1
            counts["base_refused"] += not before
            counts["refused_now_accepted"] += (not before) and after
            counts["base_accepted"] += before
            counts["accepted_now_refused"] += before and not after
            for other in wrong_targets(target):
                counts["wrong"] += 1
                counts["base_false"] += base_accepts(d, other)
                counts["false"] += adapted.check(d, other).accepted
    counts.update(not_right_figures(base, adapted, child, k, base_accepts))
    for d, best in scribbles:
        counts["scribbles"] += 1
        counts["base_scribble_accepted"] += base_accepts(d, best)
        counts["scribble_accepted"] += adapted.check(d, best).accepted
    counts["build_ms"] = built * 1000
    counts["examples"] = sum(min(k, len(letter["confirmed"])) for letter in child["letters"])
    return counts


def not_right_figures(base, adapted, child, k, base_accepts):
    """A grown-up also marks "not right" one writing of each letter the base accepted for a wrong
    target (its first confirmed re-writing, for that target): how many of those false accepts are
    refused now, and how many of the child's own writings of those targets are lost."""
    tag, marked = base.weights_tag(), {}
    for letter in child["letters"]:
        for d in letter["tests"]:
            for other in wrong_targets(letter["target"]):
                if base_accepts(d, other):
                    first = letter["confirmed"][0]
                    described = pack(base.drawing_outputs(first)[1], tag)
                    marked[(letter["target"], other)] = Example(first, other, False, described)
    counts = {"marked": len(marked), "false_pairs": 0, "false_refused": 0, "own_writings": 0, "own_lost": 0}
    if not marked:
        return counts
    strict = base.adapted(confirmed_examples(base, child, k) + list(marked.values()))
    for letter in child["letters"]:
        for d in letter["tests"]:
            for (written, other) in marked:
                if written == letter["target"] and base_accepts(d, other):
                    counts["false_pairs"] += 1
                    counts["false_refused"] += not strict.check(d, other).accepted
            if any(other == letter["target"] for _, other in marked):
                counts["own_writings"] += 1
                counts["own_lost"] += adapted.check(d, letter["target"]).accepted and not strict.check(
                    d, letter["target"]).accepted
    return counts


def rates(counts):
    """Counts of one child (or summed) -> the goal's rates."""
    def ratio(a, b):
        return float(counts[a] / counts[b]) if counts[b] else None
    return {"refused_now_accepted": ratio("refused_now_accepted", "base_refused"),
            "base_refused": counts["base_refused"], "tests": counts["tests"],
            "base_true_accept": 1 - ratio("base_refused", "tests"),
            "true_accept": (counts["tests"] - counts["base_refused"] + counts["refused_now_accepted"]
                            - counts["accepted_now_refused"]) / counts["tests"],
            "base_false_accept": ratio("base_false", "wrong"), "false_accept": ratio("false", "wrong"),
            "base_scribble_accept": ratio("base_scribble_accepted", "scribbles"),
            "scribble_accept": ratio("scribble_accepted", "scribbles"),
            "not_right_false_refused": ratio("false_refused", "false_pairs"), "not_right_marked": counts["marked"],
            "not_right_own_lost": ratio("own_lost", "own_writings")}


def adapt_report(base, children, k, scribbles, memo=None):
    """Figures for K = k over the children: overall, per setting, worst writer -> dict (and printed)."""
    per_child = [(c, child_figures(base, c, k, scribbles, memo)) for c in children]

    def summed(rows):
        total = {}
        for _, counts in rows:
            for key, value in counts.items():
                total[key] = total.get(key, 0) + value
        return total
    report = {"k": k, "children": len(children), "writers": len({c["writer"] for c in children}),
              "all": rates(summed(per_child))}
    report["realpen"] = rates(summed([r for r in per_child if r[0]["setting"] == "realpen"]))
    report["families"] = rates(summed([r for r in per_child if r[0]["setting"] != "realpen"]))
    report["per_family"] = {name: rates(summed([r for r in per_child if r[0]["setting"] == name]))
                            for name in sorted({c["setting"] for c in children}) if name != "realpen"}
    writers = {}
    for child, counts in per_child:
        writers.setdefault(child["writer"], []).append((child, counts))
    per_writer = {w: rates(summed(rows)) for w, rows in writers.items()}
    with_refused = {w: r for w, r in per_writer.items() if r["refused_now_accepted"] is not None}
    worst = min(with_refused, key=lambda w: with_refused[w]["refused_now_accepted"]) if with_refused else None
    many = {w: r for w, r in with_refused.items() if r["base_refused"] >= WORST_WRITER_REFUSED}
    worst_many = min(many, key=lambda w: many[w]["refused_now_accepted"]) if many else None
    report["worst_writer"] = {"refused_now_accepted": (worst, with_refused[worst]) if worst else None,
                              "refused_now_accepted_of_many": (worst_many, many[worst_many]) if worst_many else None,
                              "false_accept": max(per_writer.items(), key=lambda kv: kv[1]["false_accept"]),
                              "scribble_accept": max(per_writer.items(), key=lambda kv: kv[1]["scribble_accept"] or 0)}
    report["mean_over_writers"] = {key: float(np.mean([r[key] for r in per_writer.values() if r[key] is not None]))
                                   for key in ("refused_now_accepted", "false_accept", "scribble_accept")}
    builds = [counts["build_ms"] for _, counts in per_child]
    report["build_ms_median"] = float(np.median(builds))
    report["examples_median"] = float(np.median([counts["examples"] for _, counts in per_child]))
    print_report(report)
    return report


def print_report(r):
    def line(name, f):
        if not f or not f["tests"]:
            return
        refused = f["refused_now_accepted"]
        print(f"  {name:14s} refused by the base: {f['base_refused']:4d} of {f['tests']:5d}, accepted now "
              + ("  -   " if refused is None else f"{refused:.3f}")
              + f"   true-accept {f['base_true_accept']:.3f} -> {f['true_accept']:.3f}"
              f"   false-accept {f['base_false_accept']:.4f} -> {f['false_accept']:.4f}"
              f"   scribbles {f['base_scribble_accept']:.4f} -> {f['scribble_accept']:.4f}")
    print(f"\n== adapted checker, K = {r['k']} confirmed writing(s) per letter: {r['children']} simulated "
          f"children of {r['writers']} held-out writers (the half not used to calibrate)")
    for name in ("all", "realpen", "families"):
        line(name, r[name])
    for name, f in r["per_family"].items():
        line("  " + name, f)
    m = r["mean_over_writers"]
    print(f"  mean over writers: refused now accepted {m['refused_now_accepted']:.3f}, false-accept "
          f"{m['false_accept']:.4f}, scribbles {m['scribble_accept']:.4f}")
    worst = r["worst_writer"]
    if worst["refused_now_accepted"]:
        w, f = worst["refused_now_accepted"]
        print(f"  worst writer, refused now accepted: {w} {f['refused_now_accepted']:.3f} "
              f"({f['base_refused']} refused by the base)")
    if worst["refused_now_accepted_of_many"]:
        w, f = worst["refused_now_accepted_of_many"]
        print(f"  worst of the writers with at least {WORST_WRITER_REFUSED} refused: {w} "
              f"{f['refused_now_accepted']:.3f} ({f['base_refused']} refused by the base)")
    w, f = worst["false_accept"]
    print(f"  worst writer, false-accept: {w} {f['false_accept']:.4f} (base {f['base_false_accept']:.4f})")
    w, f = worst["scribble_accept"]
    print(f"  worst writer, scribbles accepted as their best-guess letter: {w} {f['scribble_accept']:.4f} "
          f"(base {f['base_scribble_accept']:.4f})")
    f = r["all"]
    if f["not_right_false_refused"] is not None:
        print(f"  with {f['not_right_marked']} writings also marked not right (one per letter and wrong target the "
              f"base accepted): those false accepts refused now {f['not_right_false_refused']:.3f}, the children's own "
              f"writings of those targets lost {f['not_right_own_lost'] or 0:.4f}")
    print(f"  building a child's checker from stored descriptions: median {r['build_ms_median']:.1f} ms "
          f"for {r['examples_median']:.0f} writings")


GOALS = {"refused_now_accepted_k1": 0.5, "refused_now_accepted_k3": 0.7, "false_accept": 0.02, "scribbles": 0.03}


def adapt_main(args, argv=None):
    """`python -m recognizer.training.evaluate --adapt K [K ...]`: the figures on the writers the
    calibration did not see; --update-card stores them in the calibration file."""
    import json
    from pathlib import Path
    from recognizer.model import CALIBRATION_NAME, Recognizer
    from recognizer.training.realpen import DEFAULT_REALPEN
    realpen = Path(args.realpen or DEFAULT_REALPEN)
    if not realpen.exists():
        print(f"skipping the adapted checker: no real pen strokes at {realpen}")
        return 1
    base = remembering(Recognizer.load(args.model))
    c = base.calibration
    if c is None:
        print(f"no {CALIBRATION_NAME} beside {args.model}: run python -m recognizer.training.calibrate_adapt")
        return 1
    print(f"adaptation: accept_distance {c.accept_distance}, refuse_distance {c.refuse_distance}, margin {c.margin}, "
          f"least_letter {c.least_letter}"
          + ("" if c.model == base.weights_tag().hex() else "   (CALIBRATED FOR OTHER WEIGHTS: calibrate again)"))
    print("making the simulated children of the held-out writers not used to calibrate ...", flush=True)
    children, scribbles = simulated(base, realpen, False, args.adapt_writers, args.adapt_scribbles, args.adapt_cache)
    memo = {}
    reports = {f"k{k}": adapt_report(base, children, k, scribbles, memo) for k in args.adapt}
    print("\n== goals (issue 22), on these writers")
    for name, r in reports.items():
        f = r["all"]
        goal = {1: GOALS["refused_now_accepted_k1"], 3: GOALS["refused_now_accepted_k3"]}.get(r["k"], "-")
        print(f"  {name}: refused now accepted {f['refused_now_accepted']:.3f} (goal >= {goal}),"
              f" false-accept {f['false_accept']:.4f} (goal <= {GOALS['false_accept']}), scribbles worst writer "
              f"{r['worst_writer']['scribble_accept'][1]['scribble_accept']:.4f} (goal <= {GOALS['scribbles']})")
    if args.update_card:
        from recognizer.training.card import portable_command
        path = Path(args.model).with_name(CALIBRATION_NAME)
        stored = json.loads(path.read_text())
        stored["held_out_figures"] = {"command": portable_command("recognizer.training.evaluate", argv),
                                      "what": "simulated children of the held-out writers NOT used to calibrate",
                                      **{name: summary_of(r) for name, r in reports.items()}}
        path.write_text(json.dumps(stored, indent=2) + "\n")
        print(f"stored the figures in {path.name}")
    return 0


def summary_of(report):
    """The figures worth keeping, rounded."""
    def rounded(f):
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in f.items()}
    worst = report["worst_writer"]
    return {"children": report["children"], "writers": report["writers"], "all": rounded(report["all"]),
            "realpen": rounded(report["realpen"]), "families": rounded(report["families"]),
            "mean_over_writers": rounded(report["mean_over_writers"]),
            "worst_writer_refused_now_accepted": (
                [worst["refused_now_accepted"][0], rounded(worst["refused_now_accepted"][1])]
                if worst["refused_now_accepted"] else None),
            "worst_writer_refused_now_accepted_of_many": (
                [worst["refused_now_accepted_of_many"][0], rounded(worst["refused_now_accepted_of_many"][1])]
                if worst["refused_now_accepted_of_many"] else None),
            "worst_writer_false_accept": [worst["false_accept"][0], round(worst["false_accept"][1]["false_accept"], 4)],
            "worst_writer_scribble_accept": [worst["scribble_accept"][0],
                                             round(worst["scribble_accept"][1]["scribble_accept"], 4)],
            "build_ms_median_from_stored_descriptions": round(report["build_ms_median"], 2)}
