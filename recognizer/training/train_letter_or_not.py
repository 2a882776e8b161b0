"""Train the letter-or-not judge (recognizer/letter_or_not.py) and print its figures.

    python -m recognizer.training.train_letter_or_not            # writes assets/models/letter_or_not.npz

Letters: synthetic finger traces of a-z / A-Z (recognizer.training.synth) and the real pen letters of HALF
the writers of ../shared/data/realpen-letters.json (recognizer.training.realpen.train_writer), each also made
child-like. Not letters: scribbles from both generators (recognizer.training.scribbles, recognizer.ood).
The threshold is at least what lets at most ``--worst`` of separate validation scribbles pass as the
letter they most resemble. Then the operating point of check() (the judge's threshold, the model
card's min_probability and max_rank) is chosen on the training writers only (their letters as
written and made child-like): the most honest letters accepted with at most ``--max-false`` of them
accepted for another letter. Figures are reported on the other half of the writers and on the
evaluation scribbles of ``python -m recognizer.training.evaluate``. Takes about 5 minutes on 2 cores.

    python -m recognizer.training.train_letter_or_not --model PATH   # another model; judge written beside it
"""

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from recognizer import LETTERS
from recognizer.letter_or_not import DEFAULT_JUDGE, FEATURES, LetterOrNot, drawing_features
from recognizer.model import DEFAULT_MODEL, SAME_SHAPES, Recognizer
from recognizer.ood import MAX_LETTER_REVERSALS, back_and_forth, not_a_letter_strokes
from recognizer.training.realpen import DEFAULT_REALPEN, childlike, load_realpen, target_of, train_writer
from recognizer.render import clean_strokes, render
from recognizer.training.scribbles import scribble_dataset
from recognizer.training.synth import synth_dataset


def featurise(recognizer, drawings, label):
    """-> (features (N, F), letter probabilities (N, 26), reversals (N,)) of the drawings with ink."""
    rows, letters, reversals = [], [], []
    started = time.perf_counter()
    for i, strokes in enumerate(drawings):
        cleaned = clean_strokes(strokes)
        if not cleaned or float(np.ptp(np.concatenate(cleaned), axis=0).max()) == 0:
            continue
        everything = recognizer.stroke_probabilities(cleaned)
        rows.append(drawing_features(cleaned, everything, render(cleaned)))
        letters.append(everything[:26] / everything[:26].sum())
        reversals.append(back_and_forth(cleaned))
    print(f"  {label}: {len(rows)} drawings ({time.perf_counter() - started:.0f} s)", flush=True)
    return np.array(rows), np.array(letters), np.array(reversals)


def target_fit(letters, asked):
    """(probability of the target's classes, its rank among the letters) as Recognizer.fits sees them."""
    classes = [LETTERS.index(c) for c in SAME_SHAPES.get(asked, asked.lower())]
    probability = float(letters[classes].sum())
    return probability, 1 + int(np.sum(np.delete(letters, classes) > probability))


class Targets:
    """Real letters of the training writers, ready to try operating points on: the judge's features,
    the drawing gate (zig-zag rule, upright bar), and the target's fit for the true letter and for
    each of the 25 others (in the case it was written)."""

    def __init__(self, samples, rows, letters, reversals):
        self.rows, self.reversals = rows, reversals
        self.upright = rows[:, FEATURES.index("upright_line")] > 0.5
        self.true = np.array([target_fit(p, target_of(s)) for s, p in zip(samples, letters)])
        self.false = np.array([[target_fit(p, target_of(s, c)) for c in LETTERS if c != s["letter"]]
                               for s, p in zip(samples, letters)])

    def rates(self, judge_p, threshold, min_probability, max_rank):
        """(true-accept, false-accept averaged over the 25 other targets) at one operating point."""
        gate = (self.reversals <= MAX_LETTER_REVERSALS) & (self.upright | (judge_p >= threshold))
        true = gate & (self.true[:, 0] >= min_probability) & (self.true[:, 1] <= max_rank)
        false = gate[:, None] & (self.false[..., 0] >= min_probability) & (self.false[..., 1] <= max_rank)
        return float(true.mean()), float(false.mean())


def choose_operating_point(judge, sets, lowest_threshold, max_false):
    """The operating point with the most true letters accepted (the worse of the sets) while no set
    accepts more than `max_false` for another letter. -> (point, figures per set)."""
    probabilities = [judge.probability(t.rows) for t in sets.values()]
    best = None
    for threshold in np.unique(np.r_[lowest_threshold, np.arange(0.05, 0.96, 0.05)]):
        if threshold < lowest_threshold:
            continue
        for min_probability in (0.003, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2):
            for max_rank in (1, 2, 3):
                figures = [t.rates(p, threshold, min_probability, max_rank) for t, p in zip(sets.values(), probabilities)]
                if max(f[1] for f in figures) > max_false:
                    continue
                score = (min(f[0] for f in figures), -max(f[1] for f in figures))
                if best is None or score > best[0]:
                    best = (score, {"threshold": round(float(threshold), 2), "min_probability": min_probability,
                                    "max_rank": max_rank},
                            {name: {"true_accept": round(f[0], 4), "false_accept": round(f[1], 4)}
                             for name, f in zip(sets, figures)})
    if best is None:
        raise SystemExit(f"no operating point keeps false accepts at or under {max_false}")
    return best[1], best[2]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--realpen", default=str(DEFAULT_REALPEN))
    parser.add_argument("--model", default=str(DEFAULT_MODEL), help="the letter networks (.npz) the judge sits beside")
    parser.add_argument("--out", default=None, help=f"default: {DEFAULT_JUDGE.name} beside --model")
    parser.add_argument("--synthetic", type=int, default=120, help="synthetic traces per letter")
    parser.add_argument("--scribbles", type=int, default=3000, help="scribbles of each generator")
    parser.add_argument("--worst", type=float, default=0.02, help="validation scribbles allowed through")
    parser.add_argument("--max-false", type=float, default=0.015,
                        help="false accepts allowed on the training writers when choosing the operating point")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    model_path = Path(args.model)
    out = Path(args.out or model_path.with_name(DEFAULT_JUDGE.name))

    from sklearn.neural_network import MLPClassifier   # training only: the game never imports it
    recognizer = Recognizer.load(model_path)
    rng = np.random.default_rng(args.seed)
    print("features:", flush=True)
    traces, _, _ = synth_dataset(args.synthetic, rng, cases="both")
    for messiness in (0.0, 0.15, 0.3):       # neat letters too: a careful child draws straight lines
        traces += synth_dataset(max(1, args.synthetic // 6), rng, cases="both", messiness=messiness)[0]
    real = load_realpen(args.realpen)
    mine = [s for s in real if train_writer(s["writer"])]
    child = [{**s, "strokes": childlike(s["strokes"], rng)} for s in mine]
    mine_f = featurise(recognizer, [s["strokes"] for s in mine], "real pen letters, training writers")
    child_f = featurise(recognizer, [s["strokes"] for s in child], "the same, child-like")
    letters = [featurise(recognizer, traces, "synthetic letters")[0], mine_f[0], child_f[0]]
    scribbles = [featurise(recognizer, scribble_dataset(args.scribbles, np.random.default_rng(args.seed + 1)),
                           "scribbles (recognizer.training.scribbles)")[0],
                 featurise(recognizer, [not_a_letter_strokes(rng) for _ in range(args.scribbles)],
                           "scribbles (recognizer.ood)")[0]]
    x = np.vstack(letters + scribbles)
    y = np.r_[np.ones(sum(map(len, letters))), np.zeros(sum(map(len, scribbles)))]
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    started = time.perf_counter()
    net = MLPClassifier((16,), alpha=1e-3, max_iter=3000, random_state=0).fit((x - mean) / scale, y)
    print(f"trained in {time.perf_counter() - started:.0f} s ({net.n_iter_} epochs, loss {net.loss_:.4f})")
    judge = LetterOrNot(mean, scale, net.coefs_, net.intercepts_, {"features": list(FEATURES)})

    # Lowest threshold: validation scribbles that would pass as the letter they most resemble (rank 1,
    # so only the judge and the zig-zag rule stand between them and "well done").
    val_x = np.vstack([featurise(recognizer, scribble_dataset(1000, np.random.default_rng(args.seed + 7)),
                                 "validation scribbles")[0],
                       featurise(recognizer, [not_a_letter_strokes(rng) for _ in range(1000)],
                                 "validation scribbles (ood)")[0]])
    p_val = judge.probability(val_x)
    lowest = next((t for t in np.arange(0.02, 0.96, 0.01) if np.mean(p_val >= t) <= args.worst), 0.95)
    if len(mine_f[0]) != len(mine) or len(child_f[0]) != len(child):
        raise SystemExit("some real pen letters hold no ink; the operating point needs them all")
    sets = {"realpen_training_writers": Targets(mine, *mine_f), "childlike_training_writers": Targets(child, *child_f)}
    point, figures = choose_operating_point(judge, sets, lowest, args.max_false)
    print(f"operating point chosen on the training writers: {point}")
    for name, f in figures.items():
        print(f"  {name}: true-accept {f['true_accept']:.4f}  false-accept {f['false_accept']:.4f}")
    judge.card.update({"threshold": point["threshold"], "lowest_threshold": round(float(lowest), 2),
                       "trained": time.strftime("%Y-%m-%d"),
                       "command": "python -m recognizer.training.train_letter_or_not " + " ".join(
                           argv if argv is not None else sys.argv[1:]),
                       "seed": args.seed, "hidden_units": 16,
                       "validation_scribbles_passing": float(np.mean(p_val >= point["threshold"]))})
    judge.threshold = judge.card["threshold"]
    judge.save(out)
    print(f"threshold {judge.threshold} (lowest allowed {lowest:.2f}; validation scribbles passing: "
          f"{judge.card['validation_scribbles_passing']:.4f})")
    print(f"wrote {out}")

    card_path = model_path.with_suffix(".json")
    card = json.loads(card_path.read_text())
    # One threshold for every letter: per-letter ones chosen on EMNIST by recognizer.training.train give way.
    card["operating_point"] = {**{k: v for k, v in card.get("operating_point", {}).items() if k != "per_letter_min"},
                               "min_probability": point["min_probability"], "max_rank": point["max_rank"]}
    card["operating_point_choice"] = {
        "command": judge.card["command"], "max_false_accept": args.max_false,
        "how": "judge threshold, min_probability and max_rank that accept the most true letters of the "
               "training writers (the worse of as-written and child-like) with false accepts (averaged over "
               "the 25 other targets) at most max_false_accept; the threshold no lower than what lets "
               f"{args.worst:.0%} of validation scribbles pass as their best-guess letter",
        "judge_threshold": point["threshold"], **figures}
    card_path.write_text(json.dumps(card, indent=2) + "\n")
    print(f"stored the operating point in {card_path}; measure it with: python -m recognizer.training.evaluate --model {model_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
