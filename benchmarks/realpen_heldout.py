"""Real-pen top-1 / top-3 of the recognizer on writers it was not trained on.

    python benchmarks/realpen_heldout.py                       # the shipped model
    python benchmarks/realpen_heldout.py --model other.npz --update-card

Training may use the real-pen writers with crc32(writer) % 2 == 0
(recognizer.training.realpen.train_writer); this reports on the others, through
Recognizer.rank (strokes in, exactly as the games call it).
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from recognizer import LETTERS  # noqa: E402
from recognizer.model import DEFAULT_MODEL, Recognizer  # noqa: E402
from recognizer.training.realpen import DEFAULT_REALPEN, load_realpen, train_writer  # noqa: E402


def heldout_figures(recognizer, samples):
    """Top-1/top-3 by case and per letter (with what each letter is mistaken for)."""
    rows = []
    for s in samples:
        ranked = [c for c, _ in recognizer.rank(s["strokes"])]
        rows.append((s["case"], s["letter"], ranked[0], s["letter"] in ranked[:3]))

    def summary(subset):
        return {"count": len(subset), "top1": float(np.mean([r[1] == r[2] for r in subset])),
                "top3": float(np.mean([r[3] for r in subset]))}

    figures = {"writers": "crc32(writer) % 2 == 1 (never trained on)", "all": summary(rows)}
    for case in ("upper", "lower"):
        figures[case] = summary([r for r in rows if r[0] == case])
    per_letter = {}
    for c in LETTERS:
        mine = [r for r in rows if r[1] == c]
        confused = {}
        for r in mine:
            if r[2] != c:
                confused[r[2]] = confused.get(r[2], 0) + 1
        per_letter[c] = {"count": len(mine), "top1": float(np.mean([r[1] == r[2] for r in mine])),
                         "confused_with": dict(sorted(confused.items(), key=lambda kv: -kv[1])[:3])}
    figures["weakest"] = dict(sorted(per_letter.items(), key=lambda kv: kv[1]["top1"])[:5])
    return figures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(DEFAULT_MODEL))
    parser.add_argument("--realpen", default=str(DEFAULT_REALPEN))
    parser.add_argument("--update-card", action="store_true", help="store the figures in the model card")
    args = parser.parse_args(argv)
    if not Path(args.realpen).exists():
        print(f"no real pen letters at {args.realpen}")
        return 1
    recognizer = Recognizer.load(args.model)
    samples = [s for s in load_realpen(args.realpen) if not train_writer(s["writer"])]
    figures = heldout_figures(recognizer, samples)
    for key in ("all", "upper", "lower"):
        f = figures[key]
        print(f"{key:6s} n={f['count']:5d}  top1 {f['top1']:.4f}  top3 {f['top3']:.4f}")
    print("weakest letters (top-1, confused with): " + "; ".join(
        f"{c} {v['top1']:.2f} {v['confused_with']}" for c, v in figures["weakest"].items()))
    if args.update_card:
        card_path = Path(args.model).with_suffix(".json")
        card = json.loads(card_path.read_text())
        card["realpen_heldout"] = {"command": "python benchmarks/realpen_heldout.py " + " ".join(
            argv if argv is not None else sys.argv[1:]), **figures}
        card_path.write_text(json.dumps(card, indent=2) + "\n")
        print(f"stored the figures in {card_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
