"""Real pen strokes for validation: ``../shared/data/realpen-letters.json`` (see its README).

3,379 isolated letters written by adults with a pen on a tablet (Chars74K) or a mouse (Omniglot),
as strokes with y down. The file is not shipped; figures from it go in the model card.

    python -m recognizer.training.evaluate --realpen PATH    # figures on it (skipped when the file is absent)
"""

import json
from pathlib import Path

import numpy as np

from recognizer import LETTERS

DEFAULT_REALPEN = Path(__file__).resolve().parents[3] / "shared" / "data" / "realpen-letters.json"


def load_realpen(path=DEFAULT_REALPEN):
    """-> list of dicts with "letter" ('a'..'z'), "case" ('upper'/'lower'), "writer", "strokes".

    Strokes become lists of (N, 2) float arrays, each sample scaled to a letter about 200 px tall
    (the size a child writes on the pad), since the two parts of the file use different units.
    """
    samples = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for s in samples:
        strokes = [np.asarray(st, float).reshape(-1, 2) for st in s["strokes"] if len(st)]
        if not strokes:
            continue
        points = np.concatenate(strokes)
        size = float(np.ptp(points, axis=0).max()) or 1.0
        scale = 200.0 / size
        out.append({"letter": s["letter"], "case": s["case"], "writer": s["writer"],
                    "strokes": [(st - points.min(axis=0)) * scale + 100 for st in strokes]})
    return out


def target_of(sample, letter=None):
    """The target a game would ask for: the letter in the case it was written."""
    c = letter or sample["letter"]
    return c.upper() if sample["case"] == "upper" else c


def realpen_figures(recognizer, samples, seed=12345):
    """Top-1/top-3 from rank(), true/false accept from check(), per case, per part and per letter."""
    rng = np.random.default_rng(seed)
    rows = []
    for s in samples:
        ranked = [c for c, _ in recognizer.rank(s["strokes"])]
        other = LETTERS[(LETTERS.index(s["letter"]) + int(rng.integers(1, 26))) % 26]
        true_v = recognizer.check(s["strokes"], target_of(s))
        false_v = recognizer.check(s["strokes"], target_of(s, other))
        rows.append({"letter": s["letter"], "case": s["case"], "part": s["writer"].split("/")[0],
                     "top1": ranked[0] == s["letter"], "top3": s["letter"] in ranked[:3],
                     "best": ranked[0], "true_accept": true_v.accepted, "true_reason": true_v.reason,
                     "false_accept": false_v.accepted})

    def summary(subset):
        n = len(subset)
        if not n:
            return {"count": 0}
        mean = lambda key: float(np.mean([r[key] for r in subset]))  # noqa: E731
        return {"count": n, "top1": mean("top1"), "top3": mean("top3"),
                "check_true_accept": mean("true_accept"), "check_false_accept": mean("false_accept")}

    figures = {"all": summary(rows)}
    for case in ("upper", "lower"):
        figures[case] = summary([r for r in rows if r["case"] == case])
    for part in sorted({r["part"] for r in rows}):
        figures[part] = summary([r for r in rows if r["part"] == part])
    refused = [r for r in rows if not r["true_accept"]]
    reasons = {}
    for r in refused:
        kind = r["true_reason"].split(":")[0].split("(")[0].strip()
        kind = "looks more like another letter" if kind.startswith("looks more like") else kind
        reasons[kind] = reasons.get(kind, 0) + 1
    figures["true_refusals_by_reason"] = dict(sorted(reasons.items(), key=lambda kv: -kv[1]))
    per_letter = {}
    for c in LETTERS:
        mine = [r for r in rows if r["letter"] == c]
        if mine:
            confused = {}
            for r in mine:
                if not r["top1"]:
                    confused[r["best"]] = confused.get(r["best"], 0) + 1
            per_letter[c] = {"count": len(mine), "top1": float(np.mean([r["top1"] for r in mine])),
                             "check_true_accept": float(np.mean([r["true_accept"] for r in mine])),
                             "confused_with": dict(sorted(confused.items(), key=lambda kv: -kv[1])[:3])}
    figures["per_letter"] = per_letter
    return figures


def train_writer(writer: str) -> bool:
    """Half the writers (a fixed split by a hash of the id) may be trained on; the rest are for reporting."""
    import zlib
    return zlib.crc32(writer.encode()) % 2 == 0


def childlike(strokes, rng):
    """The same letter as a young child might draw it: wobble, overshoot, parts that do not meet, slant.

    ``strokes``: list of (n, 2) arrays (y down); ``rng``: numpy Generator. Sizes are relative to the
    letter, so any units work.
    """
    points = np.concatenate(strokes)
    size = float(np.ptp(points, axis=0).max()) or 1.0
    shear = np.tan(np.radians(rng.uniform(-15, 15)))
    middle = points[:, 1].mean()
    out = []
    for s in strokes:
        s = np.asarray(s, float).copy()
        if len(s) >= 3 and rng.random() < 0.5:                     # overshoot past the end
            direction = s[-1] - s[-3]
            norm = np.hypot(*direction)
            if norm > 0:
                s = np.vstack([s, s[-1] + direction / norm * size * rng.uniform(0.03, 0.1)])
        drift = np.cumsum(rng.normal(0, size * 0.006, (len(s), 2)), axis=0)   # a slow wobble ...
        drift -= np.linspace(0, 1, len(s))[:, None] * drift[-1]
        s = s + drift + rng.normal(0, size * 0.003, (len(s), 2))             # ... and a tremor
        if len(strokes) > 1:                                      # the parts do not quite meet
            s = s + rng.normal(0, size * 0.04, 2)
        s[:, 0] -= shear * (s[:, 1] - middle)
        out.append(s)
    return out
