"""Is this drawing an honest letter at all? A small second opinion beside the letter networks.

The letter networks' own "not a letter" output was trained on scribbles against EMNIST images, and
on real pens it vetoed honest but unusual letters (a looped l, an unclosed o, a sail s: one real
letter in ten). This judge looks at the drawing *as strokes* as well as at the networks' answer:

- the networks' answer: "not a letter" probability, best letter probability, how unsure they are;
- the pen's path: strokes, ink length for the size, direction reversals, self-crossings, total
  turning, wiggles (turns that flip side), winding, sharp corners, width for height, ink density.

A random walk, zig-zag, blob, spiral or many-stroke mess differs from every letter in several of
these at once; a wobbly letter written by a child differs in none by much. The judge is a tiny MLP
(trained by ``python -m recognizer.training.train_letter_or_not``) run in numpy: one probability that the
drawing is a letter.
"""

import json
from pathlib import Path

import numpy as np

from recognizer.ood import back_and_forth, is_upright_line

MODEL_DIR = Path(__file__).resolve().parent.parent / "assets" / "models"
DEFAULT_JUDGE = MODEL_DIR / "letter_or_not.npz"

FEATURES = ("not_a_letter", "best_letter", "unsure", "strokes", "ink_for_size", "reversals",
            "crossings", "aspect", "density", "turning", "upright_line", "wiggles", "winding", "corners")
CROSSING_SEGMENTS = 48       # the path is cut into about this many pieces to count self-crossings


def _resample(points, step):
    lengths = np.r_[0, np.cumsum(np.hypot(*np.diff(points, axis=0).T))]
    if lengths[-1] < step:
        return points[[0, -1]]
    t = np.arange(0, lengths[-1] + 1e-9, step)
    return np.column_stack([np.interp(t, lengths, points[:, 0]), np.interp(t, lengths, points[:, 1])])


def _crossings(strokes, total_length):
    """How often the pen's path crosses itself (non-neighbouring pieces)."""
    ends = []
    for k, s in enumerate(strokes):
        # Each stroke moves by a different hair's breadth, so two strokes that cross exactly at a
        # shared pixel (a neat x) cross instead of merely touching.
        s = s + k * 1e-4 * total_length * np.array([1.0, 0.618])
        length = float(np.hypot(*np.diff(s, axis=0).T).sum())
        if length == 0:
            continue
        pieces = _resample(s, max(length / max(2, round(CROSSING_SEGMENTS * length / total_length)), 1e-9))
        ends += list(zip(pieces[:-1], pieces[1:]))
    if len(ends) < 3:
        return 0
    a = np.array([e[0] for e in ends])
    b = np.array([e[1] for e in ends])

    def side(p, q, r):
        return (q[..., 0] - p[..., 0]) * (r[..., 1] - p[..., 1]) - (q[..., 1] - p[..., 1]) * (r[..., 0] - p[..., 0])

    p1, p2, q1, q2 = a[:, None], b[:, None], a[None], b[None]
    hit = (side(p1, p2, q1) * side(p1, p2, q2) < 0) & (side(q1, q2, p1) * side(q1, q2, p2) < 0)
    index = np.arange(len(ends))
    hit &= np.abs(index[:, None] - index[None]) > 1
    return int(np.triu(hit).sum())


def drawing_features(cleaned, everything, image):
    """The judge's inputs for one drawing: cleaned strokes, the networks' 27 outputs, the 28x28 image."""
    points = np.concatenate(cleaned)
    extent = float(np.ptp(points, axis=0).max()) or 1.0
    width, height = np.ptp(points, axis=0) + extent * 1e-3
    ink = float(sum(np.hypot(*np.diff(s, axis=0).T).sum() for s in cleaned))
    letters = np.asarray(everything[:26], float)
    letters = letters / max(letters.sum(), 1e-12)
    not_a_letter = float(np.clip(everything[26], 1e-4, 1 - 1e-4))
    turning = wiggles = corners = 0
    winding = 0.0
    for s in cleaned:
        path = _resample(s, 0.05 * extent)
        steps = np.diff(path, axis=0)
        if len(steps) < 2:
            continue
        angles = np.arctan2(steps[:, 1], steps[:, 0])
        turns = (np.diff(angles) + np.pi) % (2 * np.pi) - np.pi
        turning += float(np.abs(turns).sum())
        clear = np.sign(turns[np.abs(turns) > 0.25])
        wiggles += int((np.diff(clear) != 0).sum())
        winding = max(winding, float(np.abs(np.cumsum(turns)).max()))
        corners += int((np.abs(turns) > 1.6).sum())
    return np.array([
        np.log(not_a_letter / (1 - not_a_letter)),
        float(letters.max()),
        float(-(letters * np.log(letters + 1e-12)).sum()),
        min(len(cleaned), 12),
        np.log(ink / extent + 0.05),
        min(back_and_forth(cleaned), 30) / 10,
        np.log1p(min(_crossings(cleaned, ink or 1.0), 60)),
        float(np.clip(np.log(width / height), -4, 4)),
        float((np.asarray(image) > 60).mean()) * 4,
        np.log1p(turning / (2 * np.pi)),
        float(is_upright_line(cleaned)),
        np.log1p(wiggles),
        np.log1p(winding / (2 * np.pi)),
        np.log1p(corners),
    ])


class LetterOrNot:
    """P(the drawing is an honest letter) from `drawing_features`; a standardised tiny MLP."""

    def __init__(self, mean, scale, weights, biases, card=None):
        self.mean, self.scale = np.asarray(mean, float), np.asarray(scale, float)
        self.weights = [np.asarray(w, float) for w in weights]
        self.biases = [np.asarray(b, float) for b in biases]
        self.card = dict(card or {})
        self.threshold = float(self.card.get("threshold", 0.5))
        self._validate()

    def _validate(self):
        width = len(FEATURES)
        if self.mean.shape != (width,) or self.scale.shape != (width,) or not np.all(self.scale > 0):
            raise ValueError(f"letter-or-not judge: feature scaling must be {width} positive numbers")
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            if w.ndim != 2 or w.shape[0] != width or b.shape != (w.shape[1],):
                raise ValueError(f"letter-or-not judge: layer {i} has shape {w.shape} / {b.shape}")
            if not (np.isfinite(w).all() and np.isfinite(b).all()):
                raise ValueError(f"letter-or-not judge: layer {i} holds values that are not finite")
            width = w.shape[1]
        if width != 1 or not self.weights:
            raise ValueError("letter-or-not judge: the last layer must have one output")
        if not 0 <= self.threshold <= 1:
            raise ValueError(f"letter-or-not judge: threshold {self.threshold!r} is not from 0 to 1")

    @classmethod
    def load(cls, path=DEFAULT_JUDGE):
        path = Path(path)
        with np.load(path, allow_pickle=False) as archive:
            layers = int(archive["layers"])
            weights = [archive[f"w{i}"] for i in range(layers)]
            biases = [archive[f"b{i}"] for i in range(layers)]
            mean, scale = archive["mean"], archive["scale"]
            card = json.loads(str(archive["card"]))
        return cls(mean, scale, weights, biases, card)

    def save(self, path):
        arrays = {"layers": np.array(len(self.weights)), "mean": self.mean, "scale": self.scale,
                  "card": np.array(json.dumps(self.card))}
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            arrays[f"w{i}"], arrays[f"b{i}"] = w.astype(np.float32), b.astype(np.float32)
        np.savez_compressed(path, **arrays)

    def probability(self, features):
        """(F,) or (N, F) features -> P(letter), a float or an (N,) array."""
        x = (np.atleast_2d(features) - self.mean) / self.scale
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            x = x @ w + b
            if i < len(self.weights) - 1:
                x = np.maximum(x, 0)
        p = 1 / (1 + np.exp(-np.clip(x[:, 0], -50, 50)))
        return float(p[0]) if np.ndim(features) == 1 else p

    def is_letter(self, features) -> bool:
        return self.probability(features) >= self.threshold
