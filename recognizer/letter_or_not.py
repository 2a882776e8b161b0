"""Is this drawing an honest letter at all? A small second opinion beside the letter networks.

The letter networks' own "not a letter" output was trained on scribbles against EMNIST images, and
on real pens it vetoed honest but unusual letters (a looped l, an unclosed o, a sail s: one real
letter in ten). This judge looks at the drawing *as strokes* as well as at the networks' answer:

- the networks' answer: "not a letter" probability, best letter probability, how unsure they are;
- the pen's path at the scale of the letter (recognizer.drawing: smoothed, so a shaky hand's tremor
  is no turning and no wiggle): strokes, ink length for the size, direction reversals,
  self-crossings, total turning, wiggles (turns that flip side), winding, sharp corners, width for
  height, ink density.

A random walk, zig-zag, blob, spiral or many-stroke mess differs from every letter in several of
these at once; a wobbly letter written by a child differs in none by much. The judge is a tiny MLP
(trained by ``python -m recognizer.training.train_letter_or_not``) run in numpy: one probability that the
drawing is a letter, and two thresholds: the usual one, and a lower one for when the networks are
sure of the target (their first choice with high probability), so that a wobbly but plain letter is
refused as "not a letter" only on strong evidence.
"""

import json
from pathlib import Path

import numpy as np

from recognizer.ood import MAX_LETTER_REVERSALS

MODEL_DIR = Path(__file__).resolve().parent.parent / "assets" / "models"
DEFAULT_JUDGE = MODEL_DIR / "letter_or_not.npz"

FEATURES = ("not_a_letter", "best_letter", "unsure", "strokes", "ink_for_size", "reversals",
            "crossings", "aspect", "density", "turning", "upright_line", "wiggles", "winding", "corners")
# The path features are measured on the path at the scale of the letter (recognizer.drawing); a
# judge trained on the raw path (version 1) reads a shaky hand as scribbling and is refused at load.
PATH_VERSION = 2


def drawing_features(drawing, everything):
    """The judge's inputs for one drawing: a recognizer.drawing.Drawing and the networks' 27 outputs."""
    letters = np.asarray(everything[:26], float)
    letters = letters / max(letters.sum(), 1e-12)
    not_a_letter = float(np.clip(everything[26], 1e-4, 1 - 1e-4))
    return np.array([
        np.log(not_a_letter / (1 - not_a_letter)),
        float(letters.max()),
        float(-(letters * np.log(letters + 1e-12)).sum()),
        *drawing.path_features(),
    ])


class LetterOrNot:
    """P(the drawing is an honest letter) from `drawing_features`; a standardised tiny MLP."""

    def __init__(self, mean, scale, weights, biases, card=None):
        self.mean, self.scale = np.asarray(mean, float), np.asarray(scale, float)
        self.weights = [np.asarray(w, float) for w in weights]
        self.biases = [np.asarray(b, float) for b in biases]
        self.card = dict(card or {})
        self.threshold = float(self.card.get("threshold", 0.5))
        # When the networks are sure of the target (their first choice, at least sure_probability),
        # only strong evidence (the judge under sure_threshold) refuses the drawing as no letter.
        self.sure_probability = float(self.card.get("sure_probability", 1.0))
        self.sure_threshold = float(self.card.get("sure_threshold", self.threshold))
        # ... and the pen may go back and forth this often (a retraced stroke) before the zig-zag rule.
        self.sure_reversals = self.card.get("sure_reversals", MAX_LETTER_REVERSALS)
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
        for name in ("threshold", "sure_probability", "sure_threshold"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"letter-or-not judge: {name} {getattr(self, name)!r} is not from 0 to 1")
        if not (isinstance(self.sure_reversals, int) and MAX_LETTER_REVERSALS <= self.sure_reversals <= 30):
            raise ValueError(f"letter-or-not judge: sure_reversals {self.sure_reversals!r} is not a whole number "
                             f"from {MAX_LETTER_REVERSALS} to 30")
        if self.card.get("path_version", 1) != PATH_VERSION:
            raise ValueError(f"letter-or-not judge: trained on path features of version "
                             f"{self.card.get('path_version', 1)}, this checker measures version {PATH_VERSION}; "
                             f"retrain it: python -m recognizer.training.train_letter_or_not")

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

    def is_letter(self, features, sure=False) -> bool:
        """Is the drawing a letter? `sure`: the networks rank the target first with at least
        `sure_probability`, so refusing it needs the judge under the lower `sure_threshold`."""
        return self.probability(features) >= (self.sure_threshold if sure else self.threshold)
