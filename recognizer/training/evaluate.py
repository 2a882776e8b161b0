"""Measure the shipped recognizer: EMNIST test images, synthetic finger traces, scribbles.

    python -m recognizer.training.evaluate                     # prints figures, writes confusion-matrix PNGs
    python -m recognizer.training.evaluate --update-card       # also stores the figures in the model card
    python -m recognizer.training.evaluate --families          # and leave-one-family-out (child-like families)
    python -m recognizer.training.evaluate --adapt 1 2 3       # only: a child's adapted checker (adapt_eval.py)

Figures:
  * top-1 / top-3 accuracy and per-letter accuracy,
  * check()'s acceptance rule: true-accept (target = the true letter),
    false-accept (target = a random other letter), scribble-accept
    (a scribble accepted as its own best guess, the worst case),
on (1) the EMNIST test split, (2) synthetic traces through the full stroke
pipeline (render + check), (3) scribbles from recognizer.training.scribbles, (4) real pen
strokes of adults (recognizer.training.realpen; skipped when the file is absent).
"""

import argparse
import json
import struct
import sys
import time
import zlib
from pathlib import Path

import numpy as np

from recognizer import LETTERS
from recognizer.training.data import default_data_path, load_npz, sha256_of
from recognizer.model import DEFAULT_MODEL, Recognizer, letter_probabilities


def image_figures(recognizer, everything, labels, rng):
    """Accuracy and acceptance figures from (N, 27) outputs and true labels."""
    letters = letter_probabilities(everything)
    order = np.argsort(-letters, axis=1)
    top1 = order[:, 0] == labels
    top3 = (order[:, :3] == labels[:, None]).any(axis=1)
    others = (labels + rng.integers(1, 26, len(labels))) % 26
    per_letter = {c: float(top1[labels == i].mean()) for i, c in enumerate(LETTERS) if np.any(labels == i)}
    return {
        "count": int(len(labels)),
        "top1": float(top1.mean()),
        "top3": float(top3.mean()),
        "true_accept": float(recognizer.accepts(everything, labels).mean()),
        "false_accept": float(recognizer.accepts(everything, others).mean()),
        "per_letter_top1": per_letter,
    }


def stroke_verdicts(recognizer, traces, targets):
    """Run the real `check` on every trace -> (accepted flags, best letters, seconds per check)."""
    accepted, best = np.zeros(len(traces), bool), []
    started = time.perf_counter()
    for i, (strokes, target) in enumerate(zip(traces, targets)):
        verdict = recognizer.check(strokes, target)
        accepted[i] = verdict.accepted
        best.append(verdict.best)
    return accepted, best, (time.perf_counter() - started) / max(len(traces), 1)


def confusion_matrix(labels, predicted):
    """26x26 counts, rows = true letter, columns = predicted letter."""
    matrix = np.zeros((26, 26), np.int64)
    np.add.at(matrix, (labels, predicted), 1)
    return matrix


def write_png(path, rgb):
    """Write an (H, W, 3) uint8 array as a PNG (no imaging library needed)."""
    rgb = np.ascontiguousarray(rgb, np.uint8)
    height, width, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[row].tobytes() for row in range(height))

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    Path(path).write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                           + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def _letter_labels(cell):
    """Small glyph images of a..z drawn from the school skeletons (blank if unavailable)."""
    try:
        from recognizer.render import render
        from recognizer.skeletons import school_strokes
        glyphs = [render(school_strokes(c)) for c in LETTERS]
    except Exception:                     # labels are a nicety; the matrix stands without them
        return [np.zeros((cell, cell), np.uint8)] * 26
    size = 28
    picks = (np.arange(cell) * size // cell)
    return [g[np.ix_(picks, picks)] for g in glyphs]


def confusion_png(matrix, path, cell=22):
    """Draw the row-normalised confusion matrix: white = 0, dark red = 100%; letters on the axes."""
    rates = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)
    shade = np.sqrt(rates)                    # make small confusions visible
    size = cell * 27
    image = np.full((size, size, 3), 255, np.uint8)
    glyphs = _letter_labels(cell)
    for i in range(26):
        ink = 255 - glyphs[i]
        image[(i + 1) * cell:(i + 2) * cell, :cell] = ink[:, :, None]      # true letter, left
        image[:cell, (i + 1) * cell:(i + 2) * cell] = ink[:, :, None]      # predicted letter, top
        for j in range(26):
            s = shade[i, j]
            colour = (255 - 100 * s, 255 - 255 * s, 255 - 255 * s)
            image[(i + 1) * cell + 1:(i + 2) * cell, (j + 1) * cell + 1:(j + 2) * cell] = colour
    image[cell::cell, cell:] = 200                                          # grid lines
    image[cell:, cell::cell] = 200
    write_png(path, image)


def print_figures(title, figures):
    print(f"\n== {title} ({figures['count']} items)")
    for key in ("top1", "top3", "true_accept", "false_accept", "scribble_accept"):
        if key in figures:
            print(f"  {key:16s} {figures[key]:.4f}")
    if "per_letter_top1" in figures:
        items = sorted(figures["per_letter_top1"].items(), key=lambda kv: kv[1])
        print("  per-letter top-1, worst first: " + " ".join(f"{c}:{v:.3f}" for c, v in items))


def headline(card):
    """The figures of issue 11's goals from a model card's evaluation (and speed), rounded."""
    e, r = card.get("evaluation", {}), lambda v: None if v is None else round(float(v), 4)  # noqa: E731
    pen, child = e.get("realpen_held_out_writers", {}).get("all", {}), e.get("realpen_childlike", {}).get("all", {})
    return {"realpen_held_out_top1": r(pen.get("top1")), "realpen_held_out_true_accept": r(pen.get("check_true_accept")),
            "realpen_held_out_false_accept": r(pen.get("check_false_accept")),
            "childlike_true_accept": r(child.get("check_true_accept")),
            "childlike_false_accept": r(child.get("check_false_accept")),
            "emnist_top1": r(e.get("emnist_test", {}).get("top1")), "emnist_top3": r(e.get("emnist_test", {}).get("top3")),
            "scribbles_worst_case": r(e.get("scribbles", {}).get("scribble_accept")),
            "scribbles_random_target": r(e.get("scribbles", {}).get("scribble_accept_random_target")),
            "mirrored_bdpq_refused": r(e.get("realpen_mirrored_bdpq_refused")),
            **family_headline(e.get("childlike_families_left_out", {}).get("summary", {})),
            "check_ms_p50": card.get("speed", {}).get("check_ms_p50"),
            "load_ms_median": card.get("speed", {}).get("load_ms_median")}


def family_headline(summary):
    """Leave-one-family-out figures for the headline (empty when they were not measured)."""
    if not summary:
        return {}
    return {"families_left_out_mean_true_accept": summary["mean_true_accept"],
            "families_left_out_mean_false_accept": summary["mean_false_accept"],
            "families_left_out_worst_family": summary["worst_family"],
            "families_left_out_worst_true_accept": summary["worst_family_true_accept"],
            "families_left_out_letters_below_90": summary["letters_below_90"]}


def weakest_letters(figures, count=5):
    """The `count` letters least often accepted (then lowest top-1), with what they were read as."""
    worst = sorted(figures["per_letter"].items(), key=lambda kv: (kv[1]["check_true_accept"], kv[1]["top1"]))
    return [{"letter": c, "count": v["count"], "check_true_accept": round(v["check_true_accept"], 4),
             "top1": round(v["top1"], 4), "confused_with": v["confused_with"]} for c, v in worst[:count]]


def print_realpen(title, figures):
    print(f"\n== {title} ({figures['all']['count']} letters)")
    for key in ("all", "upper", "lower", "chars74k", "omniglot"):
        f = figures.get(key)
        if f and f["count"]:
            print(f"  {key:9s} n={f['count']:5d}  top1 {f['top1']:.4f}  top3 {f['top3']:.4f}  "
                  f"check true-accept {f['check_true_accept']:.4f}  false-accept {f['check_false_accept']:.4f}")
    print("  true letters refused, by reason: " + ", ".join(f"{k}: {v}" for k, v in figures["true_refusals_by_reason"].items()))
    worst = sorted(figures["per_letter"].items(), key=lambda kv: kv[1]["check_true_accept"])[:8]
    print("  weakest letters (check true-accept; top-1; confused with): " + "; ".join(
        f"{c} {v['check_true_accept']:.2f} {v['top1']:.2f} {v['confused_with']}" for c, v in worst))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(DEFAULT_MODEL))
    parser.add_argument("--data", default=str(default_data_path()))
    parser.add_argument("--traces", type=int, default=200, help="synthetic traces per letter (0 = skip)")
    parser.add_argument("--scribbles", type=int, default=2000, help="scribbles to try (0 = skip)")
    parser.add_argument("--seed", type=int, default=12345, help="seed of the evaluation traces and targets")
    parser.add_argument("--realpen", default=None, help="real pen strokes (default: ../shared/data/realpen-letters.json)")
    parser.add_argument("--png", default="confusion", help="prefix of the confusion-matrix PNGs")
    parser.add_argument("--update-card", action="store_true", help="store the figures in the model card")
    parser.add_argument("--families", action="store_true",
                        help="also the leave-one-family-out figures on child-like families (needs scikit-learn; "
                             "recognizer.training.leave_one_out)")
    parser.add_argument("--families-cache", default=None, help="keep the featurised family drawings in this file")
    parser.add_argument("--sheets", default="sheet", help="with --families: prefix of the PNG sheets of each family "
                                                          "and of the true letters still refused")
    parser.add_argument("--beside", default=None, metavar="CARD.json",
                        help="with --update-card: also store another model's figures (its card) beside these")
    parser.add_argument("--adapt", type=int, nargs="+", metavar="K", choices=(1, 2, 3),
                        help="only measure checkers adapted to simulated children, K confirmed writings per letter "
                             "(recognizer.training.adapt_eval); --update-card stores it in adaptation.json")
    parser.add_argument("--adapt-scribbles", type=int, default=2000, help="with --adapt: scribbles per child")
    parser.add_argument("--adapt-writers", type=int, default=None, help="with --adapt: only this many writers")
    parser.add_argument("--adapt-cache", default=None, help="with --adapt: keep the simulated children in this file")
    args = parser.parse_args(argv)
    if args.adapt:
        from recognizer.training.adapt_eval import adapt_main
        return adapt_main(args, argv)

    recognizer = Recognizer.load(args.model)
    print(f"model {args.model}: operating point {recognizer.operating_point}")
    results = {}
    try:
        data = load_npz(args.data)
    except (OSError, ValueError) as problem:
        print(f"skipping EMNIST test split: {problem}")
        data = None
    if data is not None:
        everything = recognizer.all_probabilities(data["x_test"])
        labels = data["y_test"].astype(np.int64)
        results["emnist_test"] = image_figures(recognizer, everything, labels, np.random.default_rng(args.seed))
        results["emnist_test"]["data_sha256"] = sha256_of(args.data)
        print_figures("EMNIST test split, images", results["emnist_test"])
        matrix = confusion_matrix(labels, letter_probabilities(everything).argmax(axis=1))
        confusion_png(matrix, f"{args.png}-emnist.png")
        print(f"  wrote {args.png}-emnist.png")

    if args.traces:
        from recognizer.render import clean_strokes
        from recognizer.training.synth import synth_dataset
        rng = np.random.default_rng(args.seed)
        for case in ("lower", "upper"):
            traces, labels, _ = synth_dataset(args.traces, rng, cases=case)
            # Exactly what rank() and check() see: cleaned strokes, rendered (at every test-time slant).
            everything = np.stack([recognizer.stroke_probabilities(clean_strokes(t)) for t in traces])
            figures = image_figures(recognizer, everything, labels, np.random.default_rng(args.seed))
            # The same acceptance figures again through the real check(), strokes in.
            true_flags, _, seconds = stroke_verdicts(recognizer, traces, [LETTERS[i] for i in labels])
            others = (labels + np.random.default_rng(args.seed + 1).integers(1, 26, len(labels))) % 26
            false_flags, _, _ = stroke_verdicts(recognizer, traces, [LETTERS[i].upper() if case == "upper"
                                                                    else LETTERS[i] for i in others])
            figures["check_true_accept"] = float(true_flags.mean())
            figures["check_false_accept"] = float(false_flags.mean())
            figures["check_ms"] = seconds * 1000
            results[f"synthetic_{case}"] = figures
            print_figures(f"synthetic {case}-case traces, full stroke pipeline", figures)
            print(f"  check() on strokes: true_accept {figures['check_true_accept']:.4f}  "
                  f"false_accept {figures['check_false_accept']:.4f}  ({figures['check_ms']:.2f} ms each)")
            matrix = confusion_matrix(labels, letter_probabilities(everything).argmax(axis=1))
            confusion_png(matrix, f"{args.png}-synthetic-{case}.png")
            print(f"  wrote {args.png}-synthetic-{case}.png")

    if args.scribbles:
        from recognizer.training.scribbles import SCRIBBLE_KINDS, scribble_dataset
        rng = np.random.default_rng(args.seed)
        scribbles = scribble_dataset(args.scribbles, rng)
        # Worst case: the game happens to ask for exactly the letter the scribble looks most like.
        best = [recognizer.rank(s)[0][0] if _has_ink(s) else "a" for s in scribbles]
        accepted_best, _, _ = stroke_verdicts(recognizer, scribbles, best)
        random_targets = [LETTERS[i] for i in rng.integers(0, 26, len(scribbles))]
        accepted_random, _, _ = stroke_verdicts(recognizer, scribbles, random_targets)
        kinds = [SCRIBBLE_KINDS[i % len(SCRIBBLE_KINDS)] for i in range(len(scribbles))]
        per_kind = {k: float(np.mean([a for a, kk in zip(accepted_best, kinds) if kk == k])) for k in SCRIBBLE_KINDS}
        results["scribbles"] = {"count": len(scribbles), "scribble_accept": float(accepted_best.mean()),
                                "scribble_accept_random_target": float(accepted_random.mean()),
                                "per_kind_accept": per_kind}
        print(f"\n== scribbles ({len(scribbles)}, recognizer.training.scribbles)")
        print(f"  accepted as their best-guess letter {accepted_best.mean():.4f}, "
              f"as a random letter {accepted_random.mean():.4f}")
        print("  per kind: " + " ".join(f"{k}:{v:.3f}" for k, v in per_kind.items()))

    from recognizer.training.realpen import (DEFAULT_REALPEN, childlike, load_realpen, realpen_figures, train_writer)
    realpen_path = Path(args.realpen or DEFAULT_REALPEN)
    if realpen_path.exists():
        # The letter-or-not judge trained on half the writers: report on the others only.
        held_out = [s for s in load_realpen(realpen_path) if not train_writer(s["writer"])]
        figures = realpen_figures(recognizer, held_out, seed=args.seed)
        figures["data_sha256"] = sha256_of(realpen_path)
        figures["weakest_five"] = weakest_letters(figures)
        results["realpen_held_out_writers"] = figures
        print_realpen("real pen strokes of adults, writers not trained on", figures)
        rng = np.random.default_rng(args.seed)
        child = [{**s, "strokes": childlike(s["strokes"], rng)} for s in held_out]
        results["realpen_childlike"] = realpen_figures(recognizer, child, seed=args.seed)
        results["realpen_childlike"]["weakest_five"] = weakest_letters(results["realpen_childlike"])
        print_realpen("the same letters made child-like (wobble, overshoot, parts apart, slant)",
                      results["realpen_childlike"])
        mirrored = [s for s in held_out if s["case"] == "lower" and s["letter"] in "bdpq"]
        refused = [not recognizer.check([np.column_stack([-st[:, 0], st[:, 1]]) for st in s["strokes"]],
                                        s["letter"]).accepted for s in mirrored]
        results["realpen_mirrored_bdpq_refused"] = float(np.mean(refused)) if refused else None
        if refused:
            print(f"\n== mirror-reversed b d p q ({len(refused)}): refused for the letter they were "
                  f"before the mirror {np.mean(refused):.4f}")
    else:
        print(f"\nskipping real pen strokes: no file at {realpen_path}")

    if args.families:
        from recognizer.training.leave_one_out import families_report
        results["childlike_families_left_out"] = families_report(
            args.model, realpen_path, sheets=args.sheets, cache=args.families_cache)

    if args.update_card:
        from recognizer.training.card import portable_command
        card_path = Path(args.model).with_suffix(".json")
        card = json.loads(card_path.read_text())
        card["evaluation"] = {"command": portable_command("recognizer.training.evaluate", argv),
                              "seed": args.seed, **results}
        card["headline"] = headline(card)
        if args.beside:
            other = json.loads(Path(args.beside).read_text())
            card["beside"] = {"what": "the model this one was chosen over, measured the same way",
                              "architecture": other.get("architecture", {}).get("kind"),
                              "layers": other.get("architecture", {}).get("layers"),
                              "command": other.get("command"), "evaluation_command":
                                  other.get("evaluation", {}).get("command"),
                              "operating_point": other.get("operating_point"), "headline": headline(other)}
        card_path.write_text(json.dumps(card, indent=2) + "\n")
        print(f"\nstored the figures in {card_path.name}")
    return 0


def _has_ink(strokes):
    from recognizer.render import clean_strokes
    return bool(clean_strokes(strokes))


if __name__ == "__main__":
    sys.exit(main())
