"""Train the letter-or-not judge (recognizer/letter_or_not.py), choose check()'s operating point.

    python -m recognizer.training.train_letter_or_not            # writes assets/models/letter_or_not.npz

Letters: synthetic finger traces of a-z / A-Z (recognizer.training.synth) and the real pen letters of
HALF the writers of ../shared/data/realpen-letters.json (recognizer.training.realpen.train_writer), as
written, made child-like (realpen.childlike) and made child-like by each family of
recognizer.training.families. Not letters: scribbles of both generators (recognizer.training.scribbles,
recognizer.ood). The judge reads the path at the scale of the letter (recognizer.drawing).

The operating point, on the training writers only: the judge's threshold is no lower than what lets
``--worst`` of separate validation scribbles pass as the letter they most resemble; then threshold,
min_probability and max_rank accept the most letters of the worst training set (as written,
child-like, each family) with at most ``--max-false`` accepted for another letter; then the rule for
letters the networks are sure of (the target first, with at least sure_probability): refusing such
a letter needs the judge under sure_threshold, the lowest that keeps the validation scribbles
passing as their best guess within ``--worst``. ``python -m recognizer.training.evaluate --families``
repeats all this with each family left out and reports on that family. About 6 minutes on 2 cores.

    python -m recognizer.training.train_letter_or_not --model PATH   # another model; judge written beside it
"""

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np

from recognizer import LETTERS
from recognizer.drawing import Drawing
from recognizer.letter_or_not import DEFAULT_JUDGE, FEATURES, PATH_VERSION, LetterOrNot, drawing_features
from recognizer.model import DEFAULT_MODEL, SAME_SHAPES, Recognizer, looks_too_small
from recognizer.ood import MAX_LETTER_REVERSALS, not_a_letter_strokes
from recognizer.training.card import portable_command
from recognizer.training.families import FAMILIES, family_samples
from recognizer.training.realpen import DEFAULT_REALPEN, childlike, load_realpen, target_of, train_writer
from recognizer.training.scribbles import scribble_dataset
from recognizer.training.synth import synth_dataset

SURE_PROBABILITIES = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
SURE_THRESHOLD = 0.1     # strong evidence: the judge gives the drawing at most 10% of being a letter
SURE_REVERSALS = 10      # or the pen went back and forth more often than any letter retraced twice
SURE_TOLERANCE = 0.005   # true-accept of the worst training set the rule for sure letters may cost
HIDDEN_UNITS = 16


def featurise(recognizer, drawings, label=None, batch=256):
    """-> (features (N, F), letter probabilities (N, 26), reversals (N,), too small (N,)) of the
    drawings with ink: the same numbers as check() computes one drawing at a time (the networks run
    on batches)."""
    rows, letters, reversals, small = [], [], [], []
    started = time.perf_counter()
    kept = [d for d in map(Drawing, drawings) if d.strokes and d.extent > 0]
    for first in range(0, len(kept), batch):
        part = kept[first:first + batch]
        if list(recognizer.slants) == [0.0]:
            outputs = recognizer.all_probabilities(np.stack([d.image for d in part]))
        else:
            outputs = [recognizer.drawing_probabilities(d) for d in part]
        for drawing, everything in zip(part, outputs):
            rows.append(drawing_features(drawing, everything))
            letters.append(everything[:26] / everything[:26].sum())
            reversals.append(drawing.reversals)
            small.append(looks_too_small(drawing.strokes, drawing.extent))
    if label:
        print(f"  {label}: {len(rows)} drawings ({time.perf_counter() - started:.0f} s)", flush=True)
    return (np.array(rows).reshape(-1, len(FEATURES)), np.array(letters).reshape(-1, 26), np.array(reversals, int),
            np.array(small, bool))


def target_fit(letters, asked):
    """(probability of the target's classes, its rank among the letters) as Recognizer.fits sees them."""
    classes = [LETTERS.index(c) for c in SAME_SHAPES.get(asked, asked.lower())]
    probability = float(letters[classes].sum())
    return probability, 1 + int(np.sum(np.delete(letters, classes) > probability))


class Targets:
    """Letters ready to try operating points on: the judge's features, the drawing gate (zig-zag rule,
    upright bar), and the target's fit for the true letter and each of the 25 others (in the case
    it was written)."""

    def __init__(self, samples, rows, letters, reversals, too_small):
        self.rows, self.reversals, self.too_small = rows, reversals, too_small
        self.upright = rows[:, FEATURES.index("upright_line")] > 0.5
        self.true = np.array([target_fit(p, target_of(s)) for s, p in zip(samples, letters)]).reshape(-1, 2)
        self.false = np.array([[target_fit(p, target_of(s, c)) for c in LETTERS if c != s["letter"]]
                               for s, p in zip(samples, letters)]).reshape(-1, 25, 2)

    def accepted_true(self, judge_p, point):
        """(N,) bool: each letter accepted for its own letter at the operating point `point` (a dict
        with threshold, min_probability, max_rank, optionally the sure_ fields)."""
        return accepted(self.true, judge_p, point, self.reversals, self.too_small, self.upright)

    def rates(self, judge_p, point):
        """(true-accept, false-accept averaged over the 25 other targets) at one operating point."""
        false = accepted(self.false, judge_p[:, None], point, self.reversals[:, None], self.too_small[:, None],
                         self.upright[:, None])
        return float(self.accepted_true(judge_p, point).mean()), float(false.mean())


def accepted(fit, judge_p, point, reversals, too_small, upright):
    """check()'s verdict from precomputed figures: `fit` (..., 2) the target's probability and rank."""
    sure = (fit[..., 0] >= point.get("sure_probability", 2.0)) & (fit[..., 1] == 1)
    judged = judge_p >= np.where(sure, point.get("sure_threshold", point["threshold"]), point["threshold"])
    gate = ~too_small & (reversals <= np.where(sure, point.get("sure_reversals", MAX_LETTER_REVERSALS),
                                               MAX_LETTER_REVERSALS))
    return gate & (upright | judged) & (fit[..., 0] >= point["min_probability"]) & (fit[..., 1] <= point["max_rank"])


class Scribbles:
    """Validation scribbles, each asked for the letter it most resembles (the worst case)."""

    def __init__(self, rows, letters, reversals, too_small):
        self.rows, self.reversals, self.too_small = rows, reversals, too_small
        self.best = np.column_stack([letters.max(axis=1), np.ones(len(letters))])
        self.upright = rows[:, FEATURES.index("upright_line")] > 0.5

    def passing(self, judge_p, point):
        return float(np.mean(accepted(self.best, judge_p, point, self.reversals, self.too_small, self.upright)))


def fit_judge(x, y, seed=0):
    """A LetterOrNot fitted to features `x` and labels `y` (1 = letter); needs scikit-learn."""
    from sklearn.neural_network import MLPClassifier   # training only: the game never imports it
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    net = MLPClassifier((HIDDEN_UNITS,), alpha=1e-3, max_iter=3000, random_state=seed).fit((x - mean) / scale, y)
    return LetterOrNot(mean, scale, net.coefs_, net.intercepts_,
                       {"features": list(FEATURES), "path_version": PATH_VERSION, "hidden_units": HIDDEN_UNITS})


def choose_operating_point(judge, sets, scribbles, max_false, worst):
    """The operating point that accepts the most letters of the worst of `sets` (name -> Targets)
    with false accepts at most `max_false` in each and validation `scribbles` passing as their best
    guess at most `worst`. -> (point, figures per set)."""
    probabilities = {name: judge.probability(t.rows) for name, t in sets.items()}
    p_scribbles = judge.probability(scribbles.rows)

    def score(point):
        figures = {name: t.rates(probabilities[name], point) for name, t in sets.items()}
        if max(f[1] for f in figures.values()) > max_false or scribbles.passing(p_scribbles, point) > worst:
            return None, figures
        return (min(f[0] for f in figures.values()), -max(f[1] for f in figures.values())), figures

    best = None
    for threshold in np.arange(0.05, 0.96, 0.05):
        for min_probability in (0.003, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2):
            for max_rank in (1, 2, 3):
                point = {"threshold": round(float(threshold), 2), "min_probability": min_probability,
                         "max_rank": max_rank}
                s, figures = score(point)
                if s is not None and (best is None or s > best[0]):
                    best = (s, point, figures)
    if best is None:
        raise SystemExit(f"no operating point keeps false accepts under {max_false} and scribbles under {worst}")
    # Then the rule for letters the networks are sure of: refusing one as no letter takes strong
    # evidence (the judge under SURE_THRESHOLD, back and forth beyond SURE_REVERSALS). The most
    # lenient rule (the least sure the networks need be) is taken, with the judge's usual threshold
    # chosen again beside it, as long as the worst set loses at most SURE_TOLERANCE for it: what it
    # buys shows on child-like letters the sets do not hold, and it is paid for in scribbles.
    fixed = {k: best[1][k] for k in ("min_probability", "max_rank")}
    for sure_probability in SURE_PROBABILITIES:
        chosen = None
        for threshold in np.arange(0.05, 0.96, 0.05):
            point = {**fixed, "threshold": round(float(threshold), 2), "sure_probability": sure_probability,
                     "sure_threshold": min(SURE_THRESHOLD, round(float(threshold), 2)),
                     "sure_reversals": SURE_REVERSALS}
            s, figures = score(point)
            if s is not None and (chosen is None or s > chosen[0]):
                chosen = (s, point, figures)
        if chosen is not None and chosen[0][0] >= best[0][0] - SURE_TOLERANCE:
            best = chosen
            break
    point = {"sure_probability": 1.0, "sure_threshold": best[1]["threshold"],
             "sure_reversals": MAX_LETTER_REVERSALS, **best[1]}
    point["validation_scribbles_passing"] = round(scribbles.passing(p_scribbles, point), 4)
    return point, {name: {"true_accept": round(f[0], 4), "false_accept": round(f[1], 4)}
                   for name, f in best[2].items()}


def build_pools(recognizer, realpen_path, seed, synthetic=120, scribbles=3000, validation=1000, families=FAMILIES,
                letters=None):
    """Every drawing the judge learns from and is tuned on, featurised once: a dict of pools.
    `letters`: use only this many of the training writers' letters (a quicker look)."""
    rng = np.random.default_rng(seed)
    print("features:", flush=True)
    traces = synth_dataset(synthetic, rng, cases="both")[0]
    for messiness in (0.0, 0.15, 0.3):       # neat letters too: a careful child draws straight lines
        traces += synth_dataset(max(1, synthetic // 6), rng, cases="both", messiness=messiness)[0]
    mine = [s for s in load_realpen(realpen_path) if train_writer(s["writer"])]
    if letters:
        mine = [mine[i] for i in np.random.default_rng(seed).choice(len(mine), min(letters, len(mine)), replace=False)]
    sets = {"realpen": mine, "childlike": [{**s, "strokes": childlike(s["strokes"], rng)} for s in mine]}
    for name in families:
        sets[name] = family_samples(name, mine, seed)
    pools = {"synthetic": featurise(recognizer, traces, "synthetic letters")}
    for name, samples in sets.items():
        features = featurise(recognizer, [s["strokes"] for s in samples], f"training writers, {name}")
        if len(features[0]) != len(samples):
            raise SystemExit(f"some letters of the set {name} hold no ink; the operating point needs them all")
        pools[name] = Targets(samples, *features)
    pools["scribbles"] = [
        featurise(recognizer, scribble_dataset(scribbles, np.random.default_rng(seed + 1)), "scribbles")[0],
        featurise(recognizer, [not_a_letter_strokes(rng) for _ in range(scribbles)], "scribbles (ood)")[0]]
    val = [featurise(recognizer, scribble_dataset(validation, np.random.default_rng(seed + 7)), "validation scribbles"),
           featurise(recognizer, [not_a_letter_strokes(rng) for _ in range(validation)], "validation scribbles (ood)")]
    pools["validation_scribbles"] = Scribbles(*[np.concatenate([v[k] for v in val]) for k in range(4)])
    return pools


def train_judge(pools, leave_out=(), seed=0, max_false=0.015, worst=0.02):
    """Judge and operating point from every pool but those in `leave_out` -> (judge, point, figures)."""
    sets = {name: pool for name, pool in pools.items() if isinstance(pool, Targets) and name not in leave_out}
    letters = [pools["synthetic"][0]] + [t.rows for t in sets.values()]
    x = np.vstack(letters + pools["scribbles"])
    y = np.r_[np.ones(sum(map(len, letters))), np.zeros(sum(map(len, pools["scribbles"])))]
    judge = fit_judge(x, y, seed)
    point, figures = choose_operating_point(judge, sets, pools["validation_scribbles"], max_false, worst)
    judge.card.update({k: point[k] for k in ("threshold", "sure_probability", "sure_threshold", "sure_reversals")})
    judge.threshold, judge.sure_probability, judge.sure_threshold, judge.sure_reversals = (
        point["threshold"], point["sure_probability"], point["sure_threshold"], point["sure_reversals"])
    return judge, point, figures


def with_judge(recognizer, judge, point):
    """A copy of `recognizer` with another judge and the operating point chosen with it."""
    copy = Recognizer(recognizer.networks, recognizer.card, judge)
    copy.operating_point.update(min_probability=point["min_probability"], max_rank=point["max_rank"])
    copy.operating_point.pop("per_letter_min", None)
    return copy


def judge_section(judge):
    """What the model card says of the letter-or-not judge (from the judge's own card)."""
    from recognizer.training.data import sha256_of
    section = {
        "what": f"recognizer/letter_or_not.py: a {len(FEATURES)}-{judge.weights[0].shape[1]}-1 MLP on the networks' "
                "answer (not-a-letter, best letter, uncertainty) and the pen's path at the scale of the letter "
                "(recognizer/drawing.py: smoothed, so tremor is no turning; strokes, ink for size, reversals, "
                "self-crossings, turning, wiggles, winding, corners, aspect, density); replaces the networks' "
                "'not a letter' veto in check(). When the networks rank the target first with at least "
                "sure_probability, check() refuses it as no letter only when the judge is under sure_threshold "
                "or the pen went back and forth more than sure_reversals times. Weights: "
                "assets/models/letter_or_not.npz.",
        "data": "synthetic traces (recognizer.training.synth), real pen letters of the writers with "
                "recognizer.training.realpen.train_writer() true, as written, child-like "
                "(realpen.childlike) and made child-like by each family of recognizer.training.families; "
                "scribbles from recognizer.training.scribbles and recognizer.ood. Figures are on the other writers.",
        **{k: judge.card.get(k) for k in ("trained", "command", "seed", "path_version", "hidden_units", "threshold",
                                          "sure_probability", "sure_threshold", "sure_reversals",
                                          "validation_scribbles_passing")}}
    if DEFAULT_REALPEN.exists():
        section["realpen_file"] = (f"realpen-letters.json sha256 {sha256_of(DEFAULT_REALPEN)}; T. E. de Campos, "
                                   "B. R. Babu, M. Varma, Character recognition in natural images, VISAPP 2009; "
                                   "B. M. Lake, R. Salakhutdinov, J. B. Tenenbaum, Human-level concept learning "
                                   "through probabilistic program induction, Science 2015")
    return section


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
    parser.add_argument("--cache", default=None, help="keep (or reuse) the featurised drawings in this file, "
                        "with the held-out writers' families, as `evaluate --families-cache` reads it")
    args = parser.parse_args(argv)
    model_path = Path(args.model)
    out = Path(args.out or model_path.with_name(DEFAULT_JUDGE.name))

    recognizer = Recognizer.load(model_path, judge=False)
    if args.cache and Path(args.cache).exists():
        pools = pickle.loads(Path(args.cache).read_bytes())[0]
    else:
        pools = build_pools(recognizer, args.realpen, args.seed, args.synthetic, args.scribbles)
        if args.cache:
            from recognizer.training.leave_one_out import held_out_sets
            Path(args.cache).write_bytes(pickle.dumps((pools, held_out_sets(recognizer, args.realpen))))
    started = time.perf_counter()
    judge, point, figures = train_judge(pools, seed=0, max_false=args.max_false, worst=args.worst)
    print(f"trained and tuned in {time.perf_counter() - started:.0f} s")
    print(f"operating point chosen on the training writers: {point}")
    for name, f in figures.items():
        print(f"  {name}: true-accept {f['true_accept']:.4f}  false-accept {f['false_accept']:.4f}")
    command = portable_command("recognizer.training.train_letter_or_not", argv)
    judge.card.update({"trained": time.strftime("%Y-%m-%d"), "command": command.strip(), "seed": args.seed,
                       "validation_scribbles_passing": point["validation_scribbles_passing"]})
    judge.save(out)
    print(f"wrote {out.name} beside the model")

    card_path = model_path.with_suffix(".json")
    card = json.loads(card_path.read_text())
    # One threshold for every letter: per-letter ones chosen on EMNIST by recognizer.training.train give way.
    card["operating_point"] = {**{k: v for k, v in card.get("operating_point", {}).items() if k != "per_letter_min"},
                               "min_probability": point["min_probability"], "max_rank": point["max_rank"]}
    card["operating_point_choice"] = {
        "command": judge.card["command"], "max_false_accept": args.max_false, "worst_scribbles": args.worst,
        "how": "judge threshold, min_probability and max_rank that accept the most letters of the worst "
               "training set (the training writers as written, child-like, and each family of "
               "recognizer.training.families) with false accepts (averaged over the 25 other targets) at "
               "most max_false_accept and validation scribbles passing as their best guess at most "
               "worst_scribbles; then sure_probability and sure_threshold (the networks' first choice "
               "with at least sure_probability is refused as no letter only under sure_threshold) "
               "within the same limits",
        **{k: point[k] for k in ("threshold", "sure_probability", "sure_threshold", "sure_reversals",
                                 "validation_scribbles_passing")},
        "sets": figures}
    card["letter_or_not"] = judge_section(judge)
    card_path.write_text(json.dumps(card, indent=2) + "\n")
    print(f"stored the operating point in {card_path.name}; measure it: python -m recognizer.training.evaluate")
    return 0


if __name__ == "__main__":
    # Run as the importable module, so pools pickled here and in leave_one_out are the same classes.
    from recognizer.training import train_letter_or_not
    sys.exit(train_letter_or_not.main())
