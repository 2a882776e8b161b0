"""Leave-one-family-out: is check() fair on child-like letters made in a way it was never tuned on?

    python -m recognizer.training.evaluate --families            # prints the table, writes sheets
    python -m recognizer.training.leave_one_out --sample 300     # the same on fewer letters, quicker

For each family of recognizer.training.families in turn, the letter-or-not judge is trained and the
operating point chosen (recognizer.training.train_letter_or_not.train_judge) WITHOUT that family;
figures are then measured on that family applied to the real pen letters of the writers nothing
was trained on: true-accept (the true letter asked, in its case), false-accept (each of the 25 other
letters asked), and per letter and case the lowest true-accept. Then the mean over the rotation, the
worst family and the worst letters. The acceptance is computed from each drawing's features the way
check() decides (tests/recognizer/test_check_rules.py holds the two together). Needs scikit-learn
(the train extra). Sheets (PNG): a sample of each family, and the true letters still refused.
"""

import argparse
import pickle
import sys
import time
from pathlib import Path

import numpy as np

from recognizer.model import DEFAULT_MODEL, Recognizer
from recognizer.training.families import FAMILIES, family_samples
from recognizer.training.realpen import DEFAULT_REALPEN, load_realpen, target_of, train_writer
from recognizer.training.train_letter_or_not import Targets, build_pools, featurise, train_judge

HELD_OUT_SEED = 2026     # the families' seed on the held-out writers (the training pools use --seed)


def held_out_sets(recognizer, realpen_path, sample=None, families=FAMILIES):
    """The held-out writers' letters made child-like by each family -> {family: (samples, Targets)}."""
    held = [s for s in load_realpen(realpen_path) if not train_writer(s["writer"])]
    if sample:
        held = [held[i] for i in np.random.default_rng(0).choice(len(held), min(sample, len(held)), replace=False)]
    sets = {}
    for name in families:
        samples = family_samples(name, held, HELD_OUT_SEED)
        features = featurise(recognizer, [s["strokes"] for s in samples], f"held-out writers, {name}")
        sets[name] = (samples, Targets(samples, *features))
    return sets


def per_letter_true(samples, accepted):
    """Lowest true-accept per letter and case: {'a': rate, 'A': rate, ...} (letters present only)."""
    out = {}
    for s, ok in zip(samples, accepted):
        out.setdefault(target_of(s), []).append(ok)
    return {k: float(np.mean(v)) for k, v in sorted(out.items())}


def rotation(pools, held, seed=0, sheets=None):
    """Leave each family out in turn -> list of figures per family (and the sheets written)."""
    results = []
    for name, (samples, targets) in held.items():
        started = time.perf_counter()
        judge, point, _ = train_judge(pools, leave_out={name}, seed=seed)
        true, false = targets.rates(judge.probability(targets.rows), point)
        accepted = targets.accepted_true(judge.probability(targets.rows), point)
        letters = per_letter_true(samples, accepted)
        worst_letters = sorted(letters.items(), key=lambda kv: kv[1])[:5]
        results.append({"family": name, "true_accept": round(true, 4), "false_accept": round(false, 4),
                        "count": len(samples), "lowest_letters": {k: round(v, 3) for k, v in worst_letters},
                        "letters_below_90": sorted(k for k, v in letters.items() if v < 0.9),
                        "judge_threshold": point["threshold"], "sure": [point["sure_probability"], point["sure_threshold"]]})
        print(f"  {name:14s} true-accept {true:.4f}  false-accept {false:.4f}  lowest letters "
              + " ".join(f"{k}:{v:.2f}" for k, v in worst_letters)
              + f"  (point {point['threshold']}/{point['sure_probability']}/{point['sure_threshold']}, "
              f"{time.perf_counter() - started:.0f} s)", flush=True)
        if sheets:
            from recognizer.training.sheets import write_sheet
            write_sheet(f"{sheets}-family-{name}.png", [s["strokes"] for s in samples[:48]],
                        [target_of(s) for s in samples[:48]])
            refused = [s for s, ok in zip(samples, accepted) if not ok]
            write_sheet(f"{sheets}-refused-{name}.png", [s["strokes"] for s in refused[:96]] or [[]],
                        [target_of(s) for s in refused[:96]] or None)
    return results


def summary(results):
    """Mean and worst family of the rotation, and every letter below 90% on some family."""
    true = [r["true_accept"] for r in results]
    false = [r["false_accept"] for r in results]
    worst = min(results, key=lambda r: r["true_accept"])
    return {"mean_true_accept": round(float(np.mean(true)), 4), "mean_false_accept": round(float(np.mean(false)), 4),
            "worst_family": worst["family"], "worst_family_true_accept": worst["true_accept"],
            "worst_false_accept": round(float(max(false)), 4),
            "letters_below_90": {r["family"]: r["letters_below_90"] for r in results if r["letters_below_90"]}}


def print_summary(s):
    print(f"  mean over the rotation: true-accept {s['mean_true_accept']:.4f}  false-accept {s['mean_false_accept']:.4f}"
          f"   worst family: {s['worst_family']} {s['worst_family_true_accept']:.4f}"
          f"   worst false-accept {s['worst_false_accept']:.4f}")
    print("  letters under 90% true-accept: " + ("; ".join(f"{f}: {' '.join(v)}" for f, v in
                                                            s["letters_below_90"].items()) or "none"))


def families_report(model=DEFAULT_MODEL, realpen=DEFAULT_REALPEN, seed=11, sample=None, sheets=None,
                    cache=None, synthetic=120, scribbles=3000, letters=None):
    """The whole leave-one-family-out evaluation -> {"families": [...], "summary": {...}}."""
    recognizer = Recognizer.load(model, judge=False)
    if cache and Path(cache).exists():
        pools, held = pickle.loads(Path(cache).read_bytes())
    else:
        pools = build_pools(recognizer, realpen, seed, synthetic, scribbles, letters=letters)
        held = held_out_sets(recognizer, realpen, sample)
        if cache:
            Path(cache).write_bytes(pickle.dumps((pools, held)))
    print("\n== child-like families, each left out of the judge's training and tuning in turn "
          "(held-out writers)")
    results = rotation(pools, held, seed=0, sheets=sheets)
    s = summary(results)
    print_summary(s)
    return {"families": results, "summary": s, "held_out_letters": len(next(iter(held.values()))[0])}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(DEFAULT_MODEL))
    parser.add_argument("--realpen", default=str(DEFAULT_REALPEN))
    parser.add_argument("--sample", type=int, default=None, help="held-out letters to use (default: all)")
    parser.add_argument("--sheets", default="families", help="prefix of the PNG sheets")
    parser.add_argument("--cache", default=None, help="keep the featurised drawings in this file (pickle)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--quick", action="store_true",
                        help="train on fewer drawings (40 synthetic per letter, 1000 scribbles, 500 letters)")
    args = parser.parse_args(argv)
    sizes = {"synthetic": 40, "scribbles": 1000, "letters": 500} if args.quick else {}
    families_report(args.model, args.realpen, args.seed, args.sample, args.sheets, args.cache, **sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
