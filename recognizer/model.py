"""The shipped letter recognizer: a small neural network run in plain numpy.

    rec = Recognizer.load()
    rec.rank(strokes)            # [('a', 0.91), ('d', 0.04), ...] 26 pairs, best first
    rec.check(strokes, "M")      # Verdict(accepted=True, confidence=0.97, best='m', reason=...)

The networks (an ensemble, averaged) were trained with scikit-learn
(recognizer/train.py) but only numpy runs here, so the games start fast. Each
has 26 letter outputs plus one "not a letter" output trained on scribbles;
`rank` reports the 26 letters renormalised.

`check` refuses, in this order: input that is not strokes, nothing written, a
dot, a tap or smudge (under 12 px across, when the strokes are in pixels), then asks the networks, refuses
zig-zags and waves (more back and forth than any letter), and finally applies
the acceptance rule stored in the model card (chosen on validation data):
"not a letter" probability at most `max_not_a_letter` (ignored for a straight
upright line, an honest l or I), target probability at least
`min_probability` (or its per-letter value) and target among the
`max_rank` best letters. Ambiguous pairs (i/l, g/q) pass thanks to the rank.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from recognizer import LETTERS
from recognizer.ood import MAX_LETTER_REVERSALS, back_and_forth, is_upright_line
from recognizer.render import clean_strokes, ink_extent, render

MODEL_DIR = Path(__file__).resolve().parent.parent / "assets" / "models"
DEFAULT_MODEL = MODEL_DIR / "letters.npz"

# Used when a model card has no operating point (e.g. a fresh smoke-test model).
DEFAULT_OPERATING_POINT = {"min_probability": 0.1, "max_rank": 3, "max_not_a_letter": 0.5}

# A tap or a fingertip smudge is under 12 px across. Strokes may come at any scale, though (a
# tablet's normalised 0..1 coordinates are as welcome as screen pixels), so size only counts when
# the strokes are evidently in pixels: they sit at coordinates far beyond 12, as on any screen.
# A tap (at most 3 points) is refused whatever the units.
SMALLEST_LETTER_PX = 12.0
TAP_MAX_POINTS = 3


def looks_too_small(strokes, extent: float) -> bool:
    """A tap, or a smudge under 12 px across on a screen-sized coordinate system."""
    if extent >= SMALLEST_LETTER_PX:
        return False
    points = np.concatenate(strokes)
    in_pixels = float(np.abs(points).max()) > 4 * SMALLEST_LETTER_PX
    return in_pixels or len(points) <= TAP_MAX_POINTS


@dataclass(frozen=True)
class Verdict:
    """Answer of `Recognizer.check`.

    accepted: is the drawing an acceptable target letter?
    confidence: the network's probability (0..1) that it is the target letter.
    best: the letter ('a'..'z') the network finds most likely, or '' if nothing was drawn.
    reason: a short plain-English explanation, for teachers and logs.
    """
    accepted: bool
    confidence: float
    best: str
    reason: str


def _relu(values):
    return np.maximum(values, 0, out=values)


def _softmax(values):
    values = values - values.max(axis=1, keepdims=True)
    np.exp(values, out=values)
    values /= values.sum(axis=1, keepdims=True)
    return values


class Network:
    """A multi-layer perceptron (ReLU hidden layers, softmax output), numpy only."""

    def __init__(self, weights, biases):
        self.weights = [np.asarray(w, np.float64) for w in weights]
        self.biases = [np.asarray(b, np.float64) for b in biases]

    def probabilities(self, inputs):
        """(N, features) float -> (N, classes) probabilities, same maths as scikit-learn."""
        values = np.asarray(inputs, np.float64)
        for layer, (w, b) in enumerate(zip(self.weights, self.biases)):
            values = values @ w + b
            if layer < len(self.weights) - 1:
                _relu(values)
        return _softmax(values)


GRADIENT_CELL = 4        # pixels per side of a gradient-histogram cell (7 x 7 cells)
GRADIENT_BINS = 8        # stroke directions per cell, 0..180 degrees


def stroke_directions(images):
    """Histograms of stroke-edge directions in 4x4-pixel cells: (N, 28, 28) in 0..1 -> (N, 392).

    They tell the network which way the ink runs in each part of the letter
    (like HOG features); each image's vector has length 4.
    """
    n, size = len(images), images.shape[1]
    dy = np.zeros_like(images)
    dx = np.zeros_like(images)
    dy[:, 1:-1] = images[:, 2:] - images[:, :-2]
    dx[:, :, 1:-1] = images[:, :, 2:] - images[:, :, :-2]
    strength = np.hypot(dx, dy)
    direction = np.minimum((np.arctan2(dy, dx) % np.pi / np.pi * GRADIENT_BINS).astype(int), GRADIENT_BINS - 1)
    cells = size // GRADIENT_CELL
    histograms = np.zeros((n, cells, cells, GRADIENT_BINS), images.dtype)
    for b in range(GRADIENT_BINS):
        histograms[..., b] = (strength * (direction == b)).reshape(
            n, cells, GRADIENT_CELL, cells, GRADIENT_CELL).sum(axis=(2, 4))
    histograms = histograms.reshape(n, -1)
    return histograms / (np.linalg.norm(histograms, axis=1, keepdims=True) + 1e-6) * 4


def images_to_inputs(images, features="pixels"):
    """uint8 (N, 28, 28) images -> float64 network inputs (see `unit_images_to_inputs`)."""
    return unit_images_to_inputs(np.asarray(images).astype(np.float64) / 255.0, features)


def unit_images_to_inputs(images, features="pixels"):
    """(N, 28, 28) images with ink 1.0 on 0.0 -> network inputs: the pixels row by row,
    followed by the stroke directions if `features` is "pixels+directions"."""
    pixels = images.reshape(len(images), -1)
    if features == "pixels":
        return pixels
    if features == "pixels+directions":
        return np.hstack([pixels, stroke_directions(images)])
    raise ValueError(f"unknown network input features {features!r}")


class Recognizer:
    """Letter recognizer: an ensemble of networks plus the acceptance rule from the model card."""

    def __init__(self, networks, card=None):
        self.networks = list(networks)
        self.card = dict(card or {})
        self.operating_point = {**DEFAULT_OPERATING_POINT, **self.card.get("operating_point", {})}
        self.features = self.card.get("architecture", {}).get("features", "pixels")
        # Test-time slants: the strokes are also read leaning a little left and right,
        # and the answers averaged (a child's letters lean every which way).
        self.slants = list(self.card.get("architecture", {}).get("test_time_slants", [0.0]))

    # --- loading and saving ---------------------------------------------------------------
    @classmethod
    def load(cls, path=None):
        """Load weights (an .npz from assets/models/) and the model card beside it (.json)."""
        path = Path(path or DEFAULT_MODEL)
        if not path.exists():
            raise FileNotFoundError(f"no recognizer weights at {path}; run: python -m recognizer.train")
        networks = []
        with np.load(path) as archive:
            count = int(archive["network_count"])
            for n in range(count):
                layers = int(archive[f"net{n}_layers"])
                kind = str(archive[f"net{n}_kind"]) if f"net{n}_kind" in archive.files else "mlp"
                dtype = np.float32 if kind == "cnn" else np.float64
                weights = []
                for i in range(layers):
                    w = archive[f"net{n}_w{i}"].astype(dtype)
                    if f"net{n}_scale{i}" in archive.files:          # int8 weights, one scale per unit
                        w = w * archive[f"net{n}_scale{i}"].astype(dtype)
                    weights.append(w)
                biases = [archive[f"net{n}_b{i}"] for i in range(layers)]
                if kind == "cnn":
                    from recognizer.cnn import ConvNet
                    networks.append(ConvNet(str(archive[f"net{n}_spec"]), weights, biases))
                elif kind == "mlp":
                    networks.append(Network(weights, biases))
                else:
                    raise ValueError(f"{path}: network {n} is of unknown kind {kind!r}")
        card_path = path.with_suffix(".json")
        card = json.loads(card_path.read_text()) if card_path.exists() else {}
        return cls(networks, card)

    def save(self, path, precision="int8"):
        """Write the weights and the model card (.json beside them).

        precision "int8" stores each weight as a byte times a per-unit scale
        (a quarter of the size of float32), "float16" as half floats.
        """
        path = Path(path)
        arrays = {"network_count": np.array(len(self.networks))}
        for n, net in enumerate(self.networks):
            arrays[f"net{n}_layers"] = np.array(len(net.weights))
            if getattr(net, "kind", "mlp") == "cnn":
                arrays[f"net{n}_kind"] = np.array("cnn")
                arrays[f"net{n}_spec"] = np.array(net.spec)
            for i, (w, b) in enumerate(zip(net.weights, net.biases)):
                if precision == "int8":
                    arrays[f"net{n}_w{i}"], arrays[f"net{n}_scale{i}"] = quantize(w)
                else:
                    arrays[f"net{n}_w{i}"] = w.astype(np.float16)
                arrays[f"net{n}_b{i}"] = b.astype(np.float32)
        np.savez_compressed(path, **arrays)
        path.with_suffix(".json").write_text(json.dumps(self.card, indent=2) + "\n")

    # --- images -----------------------------------------------------------------------------
    def all_probabilities(self, images):
        """(N, 28, 28) uint8 -> (N, 27): 26 letters then 'not a letter', averaged over the ensemble."""
        inputs = images_to_inputs(images, self.features)
        return np.mean([net.probabilities(inputs) for net in self.networks], axis=0)

    def rank_images(self, images):
        """uint8 (N, 28, 28) images, upright, ink bright on black -> (N, 26) letter probabilities."""
        images = np.asarray(images)
        if images.ndim == 2:
            images = images[None]
        if images.ndim != 3 or images.shape[1:] != (28, 28):
            raise ValueError(f"images must have shape (N, 28, 28), got {images.shape}")
        return letter_probabilities(self.all_probabilities(images))

    # --- strokes ----------------------------------------------------------------------------
    def rank(self, strokes):
        """Strokes -> list of 26 (letter, probability), best first, summing to 1.

        Raises ValueError with a plain message if `strokes` is not strokes or holds no ink.
        """
        cleaned = clean_strokes(strokes)
        if not cleaned:
            raise ValueError("nothing written: the strokes hold no usable points")
        probabilities = letter_probabilities(self.stroke_probabilities(cleaned)[None])[0]
        order = np.argsort(-probabilities, kind="stable")
        return [(LETTERS[i], float(probabilities[i])) for i in order]

    def stroke_probabilities(self, cleaned):
        """Cleaned strokes -> (27,) probabilities, averaged over the test-time slants."""
        images = np.stack([render(slanted(cleaned, slant)) for slant in self.slants])
        return self.all_probabilities(images).mean(axis=0)

    def check(self, strokes, target):
        """Is this drawing an acceptable `target` letter ('a'..'z' or 'A'..'Z')? -> Verdict.

        `strokes` are in screen pixels (y down). Case is only a hint: EMNIST
        letters merge upper and lower case. Never raises for bad strokes (the
        Verdict explains); raises ValueError for a target that is not a letter.
        """
        if not isinstance(target, str) or len(target) != 1 or target.lower() not in LETTERS:
            raise ValueError(f"target must be one letter 'a'..'z' or 'A'..'Z', got {target!r}")
        target = target.lower()
        try:
            cleaned = clean_strokes(strokes)
        except ValueError as problem:
            return Verdict(False, 0.0, "", f"not strokes: {problem}")
        if not cleaned:
            return Verdict(False, 0.0, "", "nothing written")
        extent = ink_extent(cleaned)
        if extent == 0:
            return Verdict(False, 0.0, "", "only a dot")
        if looks_too_small(cleaned, extent):
            return Verdict(False, 0.0, "", f"too small for a letter ({extent:.0f} px across)")
        everything = self.stroke_probabilities(cleaned)
        letters = letter_probabilities(everything[None])[0]
        best = LETTERS[int(np.argmax(letters))]
        confidence = float(letters[LETTERS.index(target)])
        if back_and_forth(cleaned) > MAX_LETTER_REVERSALS:
            return Verdict(False, confidence, best, "too much back and forth for a letter: a zig-zag or scribble")
        not_a_letter = 0.0 if is_upright_line(cleaned) else everything[26]
        accepted, reason = self.decide(letters, not_a_letter, target)
        return Verdict(accepted, confidence, best, reason)

    def decide(self, letters, not_a_letter, target):
        """The acceptance rule on one drawing's probabilities -> (accepted, reason)."""
        point = self.operating_point
        index = LETTERS.index(target)
        rank = 1 + int(np.sum(letters > letters[index]))
        best = LETTERS[int(np.argmax(letters))]
        if not_a_letter > point["max_not_a_letter"]:
            return False, "looks like a scribble, not a letter"
        threshold = point.get("per_letter_min", {}).get(target, point["min_probability"])
        if letters[index] >= threshold and rank <= point["max_rank"]:
            return True, f"looks like '{target}'"
        return False, f"looks more like '{best}' than '{target}'"

    def accepts(self, everything, targets):
        """Vectorised acceptance rule: (N, 27) probabilities, N target indices -> (N,) bool."""
        letters = letter_probabilities(everything)
        rows = np.arange(len(letters))
        target_probability = letters[rows, targets]
        rank = 1 + np.sum(letters > target_probability[:, None], axis=1)
        point = self.operating_point
        per_letter = point.get("per_letter_min", {})
        thresholds = np.array([per_letter.get(c, point["min_probability"]) for c in LETTERS])[targets]
        return ((everything[:, 26] <= point["max_not_a_letter"])
                & (target_probability >= thresholds) & (rank <= point["max_rank"]))


def slanted(strokes, slant):
    """Shear strokes sideways: x moves by -slant * y (y down), so slant > 0 leans the letter right."""
    if slant == 0:
        return strokes
    return [np.column_stack([s[:, 0] - slant * s[:, 1], s[:, 1]]) for s in strokes]


def quantize(weights):
    """float weights (inputs, units) -> (int8 weights, float32 scale per unit), w ~ q * scale."""
    scale = (np.abs(weights).max(axis=0) / 127).astype(np.float32)
    scale[scale == 0] = 1
    return np.round(weights / scale.astype(np.float64)).astype(np.int8), scale


def as_stored(network, precision="int8"):
    """The network with its weights rounded exactly as `Recognizer.save` stores them.

    A convolutional network (recognizer.cnn) is rounded when exported and comes back as it is.
    """
    if getattr(network, "kind", "mlp") != "mlp":
        return network
    if precision == "int8":
        weights = []
        for w in network.weights:
            q, scale = quantize(w)
            weights.append(q.astype(np.float64) * scale.astype(np.float64))
    else:
        weights = [w.astype(np.float16) for w in network.weights]
    return Network(weights, [b.astype(np.float32) for b in network.biases])


def letter_probabilities(everything):
    """(N, 27) outputs -> (N, 26) letter probabilities renormalised to sum to 1."""
    letters = everything[:, :26]
    return letters / np.maximum(letters.sum(axis=1, keepdims=True), 1e-12)
