"""Train the letter-or-not judge (recognizer/letter_or_not.py) and print its figures.

    python -m recognizer.train_letter_or_not            # writes assets/models/letter_or_not.npz

Letters: synthetic finger traces of a-z / A-Z (recognizer.synth) and the real pen letters of HALF
the writers of ../shared/data/realpen-letters.json (recognizer.realpen.train_writer), each also made
child-like. Not letters: scribbles from both generators (recognizer.scribbles, recognizer.ood).
The threshold is chosen on separate validation scribbles so that at most ``--worst`` of them would
pass as the letter they most resemble. Figures are reported on the other half of the writers and on
the evaluation scribbles of ``python -m recognizer.evaluate``. Takes about 2 minutes on 2 cores.
"""

import argparse
import sys
import time

import numpy as np

from recognizer.letter_or_not import DEFAULT_JUDGE, FEATURES, LetterOrNot, drawing_features
from recognizer.model import DEFAULT_MODEL, Recognizer
from recognizer.ood import back_and_forth, not_a_letter_strokes
from recognizer.realpen import DEFAULT_REALPEN, childlike, load_realpen, train_writer
from recognizer.render import clean_strokes, render
from recognizer.scribbles import scribble_dataset
from recognizer.synth import synth_dataset


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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--realpen", default=str(DEFAULT_REALPEN))
    parser.add_argument("--out", default=str(DEFAULT_JUDGE))
    parser.add_argument("--synthetic", type=int, default=120, help="synthetic traces per letter")
    parser.add_argument("--scribbles", type=int, default=3000, help="scribbles of each generator")
    parser.add_argument("--worst", type=float, default=0.02, help="validation scribbles allowed through")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)

    from sklearn.neural_network import MLPClassifier   # training only: the game never imports it
    recognizer = Recognizer.load(DEFAULT_MODEL)
    rng = np.random.default_rng(args.seed)
    print("features:", flush=True)
    traces, _, _ = synth_dataset(args.synthetic, rng, cases="both")
    for messiness in (0.0, 0.15, 0.3):       # neat letters too: a careful child draws straight lines
        traces += synth_dataset(max(1, args.synthetic // 6), rng, cases="both", messiness=messiness)[0]
    real = load_realpen(args.realpen)
    mine = [s["strokes"] for s in real if train_writer(s["writer"])]
    letters = [featurise(recognizer, traces, "synthetic letters")[0],
               featurise(recognizer, mine, "real pen letters, training writers")[0],
               featurise(recognizer, [childlike(s, rng) for s in mine], "the same, child-like")[0]]
    scribbles = [featurise(recognizer, scribble_dataset(args.scribbles, np.random.default_rng(args.seed + 1)),
                           "scribbles (recognizer.scribbles)")[0],
                 featurise(recognizer, [not_a_letter_strokes(rng) for _ in range(args.scribbles)],
                           "scribbles (recognizer.ood)")[0]]
    x = np.vstack(letters + scribbles)
    y = np.r_[np.ones(sum(map(len, letters))), np.zeros(sum(map(len, scribbles)))]
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    started = time.perf_counter()
    net = MLPClassifier((16,), alpha=1e-3, max_iter=3000, random_state=0).fit((x - mean) / scale, y)
    print(f"trained in {time.perf_counter() - started:.0f} s ({net.n_iter_} epochs, loss {net.loss_:.4f})")
    judge = LetterOrNot(mean, scale, net.coefs_, net.intercepts_, {"features": list(FEATURES)})

    # Threshold: validation scribbles that would pass as the letter they most resemble (rank 1,
    # so only the judge and the zig-zag rule stand between them and "well done").
    val_x = np.vstack([featurise(recognizer, scribble_dataset(1000, np.random.default_rng(args.seed + 7)),
                                 "validation scribbles")[0],
                       featurise(recognizer, [not_a_letter_strokes(rng) for _ in range(1000)],
                                 "validation scribbles (ood)")[0]])
    p_val = judge.probability(val_x)
    threshold = next((t for t in np.arange(0.02, 0.96, 0.01) if np.mean(p_val >= t) <= args.worst), 0.95)
    judge.card.update({"threshold": round(float(threshold), 2), "trained": time.strftime("%Y-%m-%d"),
                       "command": "python -m recognizer.train_letter_or_not " + " ".join(argv or sys.argv[1:]),
                       "seed": args.seed, "hidden_units": 16,
                       "validation_scribbles_passing": float(np.mean(p_val >= threshold))})
    judge.threshold = judge.card["threshold"]
    judge.save(args.out)
    print(f"threshold {judge.threshold} (validation scribbles passing: {judge.card['validation_scribbles_passing']:.4f})")
    print(f"wrote {args.out}; measure it with: python -m recognizer.evaluate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
