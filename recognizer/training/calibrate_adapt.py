"""Choose how close is "like a confirmed writing" for the adapted checker (recognizer/adapt.py).

    python -m recognizer.training.calibrate_adapt               # writes assets/models/adaptation.json
    python -m recognizer.training.calibrate_adapt --writers 4   # a quick look (does not write)

On the calibration half of the held-out real pen writers (recognizer.training.adapt_eval: simulated
children, their re-written letters, K = 1, 2, 3 confirmed writings per letter), every combination of

* accept_distance: the cosine distance to a confirmed writing of the target under which a refused
  drawing is accepted,
* margin: that distance times the margin must stay under the distance to the child's confirmed
  writings of every other letter,
* least_letter: the letter-or-not judge's probability under which a drawing is surely no letter and
  never accepted by adaptation,

is scored the way ChildHand decides (tests/recognizer/test_adapt.py holds the two together). The
one kept accepts the most refused letters at K = 1 while, for every K, false accepts (wrong targets)
grow by at most FALSE_ACCEPT_ADDED over the base's and no writer's scribbles are accepted more than
SCRIBBLE_ADDED over the base's (the goals: 2% false accepts in all, 3% scribbles). refuse_distance (a
writing confirmed not right) is the same distance. The figures on the OTHER half:
python -m recognizer.training.evaluate --adapt K (which also simulates "not right" confirmations).
"""

import argparse
import itertools
import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from recognizer import LETTERS
from recognizer.adapt import DEFAULT_CALIBRATION
from recognizer.letter_or_not import drawing_features
from recognizer.model import DEFAULT_MODEL, NOTHING, SAME_SHAPES, TOO_SMALL, Recognizer
from recognizer.training.adapt_eval import K_MAX, remembering, simulated, wrong_targets
from recognizer.training.realpen import DEFAULT_REALPEN

FALSE_ACCEPT_ADDED = 0.0025     # false accepts the adaptation may add to the base's (the goal: at most 2% in all)
SCRIBBLE_ADDED = 0.005          # any writer's scribbles accepted as their best-guess letter, over the base's (goal: 3%)
ACCEPT_DISTANCES = np.round(np.arange(0.02, 0.61, 0.01), 3)
MARGINS = (1.0, 1.25, 1.5, 2.0, 3.0)
LEAST_LETTER = (0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3)


def classes_of(asked):
    return set(SAME_SHAPES.get(asked, asked.lower()))


class Pairs:
    """(drawing, target) pairs of one kind, with what the replica of ChildHand needs."""

    def __init__(self):
        self.rows = {key: [] for key in ("writer", "base", "overridable", "right", "other", "letter")}

    def add(self, writer, verdict, right, other, letter):
        self.rows["writer"].append(writer)
        self.rows["base"].append(verdict.accepted)
        self.rows["overridable"].append(verdict.refusal not in (NOTHING, TOO_SMALL))
        self.rows["right"].append(right)
        self.rows["other"].append(other)
        self.rows["letter"].append(letter)

    def arrays(self):
        arrays = {key: np.asarray(value) for key, value in self.rows.items()}
        arrays["writers"], arrays["writer_index"] = np.unique(arrays["writer"], return_inverse=True)
        return arrays


def nearest_per_letter(confirmed, letters, description):
    """(26,) cosine distance from `description` to the nearest confirmed writing of each letter."""
    least = np.full(26, np.inf)
    np.minimum.at(least, letters, 1.0 - confirmed @ description)
    return least


def split(least, classes):
    """(nearest of the target's classes, nearest of any other letter)."""
    mine = np.zeros(26, bool)
    mine[[LETTERS.index(c) for c in classes]] = True
    return float(least[mine].min()), float(least[~mine].min())


class Measured:
    """What does not depend on K, measured once: base verdicts and the judge's probability."""

    def __init__(self, base):
        self.base, self.verdicts, self.probability = base, {}, {}

    def verdict(self, d, target):
        key = (id(d), target)
        if key not in self.verdicts:
            self.verdicts[key] = self.base.check(d, target)
        return self.verdicts[key]

    def letter(self, d):
        if id(d) not in self.probability:
            everything = self.base.drawing_outputs(d)[0]
            self.probability[id(d)] = float(self.base.judge.probability(drawing_features(d, everything)))
        return self.probability[id(d)]


def collect(measured, children, scribbles, k):
    """True, wrong and scribble pairs of every child for K = k."""
    base = measured.base
    true, wrong, scrib = Pairs(), Pairs(), Pairs()
    for child in children:
        kept = [(d, letter["target"]) for letter in child["letters"] for d in letter["confirmed"][:k]]
        confirmed = np.array([base.drawing_outputs(d)[1] for d, _ in kept])
        letters = np.array([LETTERS.index(t.lower()) for _, t in kept])
        for letter in child["letters"]:
            target = letter["target"]
            for d in letter["tests"]:
                least = nearest_per_letter(confirmed, letters, base.drawing_outputs(d)[1])
                for asked, pairs in [(target, true)] + [(other, wrong) for other in wrong_targets(target)]:
                    pairs.add(child["writer"], measured.verdict(d, asked), *split(least, classes_of(asked)),
                              measured.letter(d))
        for d, best in scribbles:
            verdict = measured.verdict(d, best)
            if verdict.refusal in (NOTHING, TOO_SMALL):           # a dot: refused before any adaptation
                scrib.add(child["writer"], verdict, np.inf, np.inf, 0.0)
                continue
            least = nearest_per_letter(confirmed, letters, base.drawing_outputs(d)[1])
            scrib.add(child["writer"], verdict, *split(least, classes_of(best)), measured.letter(d))
    return true.arrays(), wrong.arrays(), scrib.arrays()


def accepted(pairs, distance, margin, least):
    """ChildHand's rule on collected pairs: the base's verdict, or like a confirmed writing."""
    like = (pairs["overridable"] & (pairs["right"] <= distance) & (pairs["right"] * margin < pairs["other"])
            & (pairs["letter"] >= least))
    return pairs["base"] | like


def score(sets, distance, margin, least):
    """Per K: refused now accepted, false-accept, worst writer's scribble-accept (and the base's)."""
    out = []
    for true, wrong, scrib in sets:
        refused = ~true["base"]
        now = accepted(true, distance, margin, least)
        false = accepted(wrong, distance, margin, least).mean()
        scribbled = accepted(scrib, distance, margin, least)
        per_writer = (np.bincount(scrib["writer_index"], weights=scribbled)
                      / np.bincount(scrib["writer_index"]))
        worst = per_writer.max()
        out.append({"refused_now_accepted": float(now[refused].mean()) if refused.any() else 0.0,
                    "false_accept": float(false), "scribble_worst_writer": float(worst),
                    "base_false_accept": float(wrong["base"].mean()), "base_refused": int(refused.sum()),
                    "base_scribble_accept": float(scrib["base"].mean())})
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(DEFAULT_MODEL))
    parser.add_argument("--realpen", default=str(DEFAULT_REALPEN))
    parser.add_argument("--scribbles", type=int, default=2000, help="scribbles checked per child")
    parser.add_argument("--writers", type=int, default=None, help="only this many calibration writers (does not write)")
    parser.add_argument("--out", default=str(DEFAULT_CALIBRATION))
    parser.add_argument("--cache", default=None, help="keep the simulated children and scribbles in this file")
    args = parser.parse_args(argv)
    if not Path(args.realpen).exists():
        print(f"no real pen strokes at {args.realpen}: nothing to calibrate on")
        return 1
    base = remembering(Recognizer.load(args.model))
    base.hand = None
    started = time.perf_counter()
    print("making the simulated children of the calibration writers ...", flush=True)
    children, scribbles = simulated(base, args.realpen, True, args.writers, args.scribbles, args.cache)
    measured = Measured(base)
    sets = [collect(measured, children, scribbles, k) for k in range(1, K_MAX + 1)]
    print(f"collected in {time.perf_counter() - started:.0f} s: {len(children)} children, "
          f"{len(sets[0][0]['base'])} later writings, {len(sets[0][2]['base'])} scribble checks per K", flush=True)
    best, rows = None, []
    for distance, margin, least in itertools.product(ACCEPT_DISTANCES, MARGINS, LEAST_LETTER):
        figures = score(sets, distance, margin, least)
        ok = all(f["false_accept"] <= f["base_false_accept"] + FALSE_ACCEPT_ADDED
                 and f["scribble_worst_writer"] <= f["base_scribble_accept"] + SCRIBBLE_ADDED for f in figures)
        key = (figures[0]["refused_now_accepted"], figures[-1]["refused_now_accepted"], -distance)
        rows.append((key, ok, float(distance), margin, least, figures))
        if ok and (best is None or key > best[0]):
            best = rows[-1]
    if best is None:
        print("no distance keeps false accepts and scribbles within the limits: nothing written")
        return 1
    _, _, distance, margin, least, figures = best
    print(f"\nchosen: accept_distance {distance}, margin {margin}, least_letter {least}")
    for k, f in enumerate(figures, 1):
        print(f"  K={k}: refused now accepted {f['refused_now_accepted']:.3f} (of {f['base_refused']}), false-accept "
              f"{f['base_false_accept']:.4f} -> {f['false_accept']:.4f}, scribbles {f['base_scribble_accept']:.4f} -> "
              f"worst writer {f['scribble_worst_writer']:.4f}")
    # What the judge's floor buys: the best at each least_letter (the others as chosen).
    floors = {}
    for key, ok, d, m, least_letter, f in rows:
        if ok and (least_letter not in floors or key > floors[least_letter][0]):
            floors[least_letter] = (key, d, m, f)
    print("  best within the limits at each least_letter: " + "; ".join(
        f"{ll}: {v[0][0]:.3f} (d {v[1]}, m {v[2]})" for ll, v in sorted(floors.items())))
    if args.writers:
        print("(a quick look on some writers: nothing written)")
        return 0
    from recognizer.training.card import portable_command
    out = {"what": "how close a drawing must be to a child's confirmed writing (cosine distance between the networks' "
                   "penultimate features); recognizer/adapt.py", "command": portable_command(
                       "recognizer.training.calibrate_adapt", argv),
           "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
           "accept_distance": distance, "refuse_distance": distance, "margin": margin, "least_letter": least,
           "weights_tag": base.weights_tag().hex(),
           "limits": {"false_accept_added": FALSE_ACCEPT_ADDED, "scribble_worst_writer_added": SCRIBBLE_ADDED},
           "calibrated_on": {"writers": sorted({c["writer"] for c in children}), "children": len(children),
                             "scribbles": len(scribbles)},
           "figures": {f"k{k}": {key: round(v, 4) if isinstance(v, float) else v for key, v in f.items()}
                       for k, f in enumerate(figures, 1)},
           "least_letter_choices": {str(ll): {"refused_now_accepted_k1": round(v[0][0], 4), "accept_distance": v[1],
                                              "margin": v[2]} for ll, v in sorted(floors.items())}}
    Path(args.out).write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
