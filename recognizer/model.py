"""The shipped letter recognizer: small neural networks run in plain numpy.

Over 450 lines on purpose: the recognizer and the checks of the files it loads (``read_card``,
``read_networks``, ``ModelError``) stay together, so a damaged model is refused where it is read.

    rec = Recognizer.load()
    rec.rank(strokes)            # [('a', 0.91), ('d', 0.04), ...] 26 pairs, best first
    rec.check(strokes, "M")      # Verdict(accepted=True, confidence=0.97, best='m', reason=...)

The networks (an ensemble, averaged) are small convolutional networks
(recognizer/cnn.py, trained with torch) or multi-layer perceptrons (Network,
trained with scikit-learn), as the weights file says (recognizer/training/train.py); only
numpy runs here, so the games start fast. Each has 26 letter outputs plus one
"not a letter" output trained on scribbles; `rank` reports the 26 letters
renormalised.

`check` refuses, in this order (Verdict.refusal says which): input that is not
strokes or holds nothing (NOTHING); a dot, a tap or a smudge under 12 px across
when the strokes are in pixels (TOO_SMALL); then it asks the networks and
refuses zig-zags and waves (more back and forth than any letter) and whatever
the letter-or-not judge (recognizer/letter_or_not.py: the networks' answer plus
the pen's path) finds is not a letter at all (NOT_A_LETTER); finally the
target, in the case asked (SAME_SHAPES: a bar is a capital I and an l), must
have at least `min_probability` (or its per-letter value) and be among the
`max_rank` best letters of the model card's operating point (OTHER_LETTER
otherwise, with `best` naming what it looks like). Ambiguous pairs (i/l, g/q)
pass thanks to the rank.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from recognizer import LETTERS
from recognizer.cnn import ConvNet, layer_shapes
from recognizer.letter_or_not import DEFAULT_JUDGE, LetterOrNot, drawing_features
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
    refusal: why it was refused, one of REFUSALS ('' when accepted), so a game can answer kindly
        and specifically ("That looks like a d!" for OTHER_LETTER).
    """
    accepted: bool
    confidence: float
    best: str
    reason: str
    refusal: str = ""


# Why check() refuses a drawing.
NOTHING = "nothing written"          # no strokes, or not strokes at all
TOO_SMALL = "too small"              # a tap, a dot or a smudge
NOT_A_LETTER = "not a letter"        # a scribble, zig-zag, blob, ...
OTHER_LETTER = "another letter"      # a letter, but not the one asked for (see Verdict.best)
REFUSALS = (NOTHING, TOO_SMALL, NOT_A_LETTER, OTHER_LETTER)

# Letters that are the same shape in the case asked for: a child asked for a capital I who draws a
# bar has drawn an I even when the network (which merges the cases) calls the bar an 'l', and the
# other way round. Keys are the target as asked (case matters); values, the network classes that
# count as that target.
SAME_SHAPES = {"I": "il", "l": "il"}


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

    def __init__(self, networks, card=None, judge=None):
        self.networks = list(networks)
        self.card = dict(card or {})
        self.judge = judge          # a LetterOrNot, or None: the networks' "not a letter" output decides
        self.operating_point = {**DEFAULT_OPERATING_POINT, **self.card.get("operating_point", {})}
        self.features = self.card.get("architecture", {}).get("features", "pixels")
        # Test-time slants: the strokes are also read leaning a little left and right,
        # and the answers averaged (a child's letters lean every which way).
        slants = self.card.get("architecture", {}).get("test_time_slants", [0.0])
        self.slants = list(slants) if isinstance(slants, (list, tuple)) else slants   # validate() judges

    # --- loading and saving ---------------------------------------------------------------
    @classmethod
    def load(cls, path=None):
        """Load weights (an .npz from assets/models/) and the model card beside it (.json).

        Raises FileNotFoundError if there are no weights, and ValueError naming the file and the
        fault if the weights or the card are damaged (missing arrays, wrong shapes or types, values
        that are not finite numbers, a card without the fields a check needs): a model that loads
        can check letters.
        """
        path = Path(path or DEFAULT_MODEL)
        if not path.exists():
            raise FileNotFoundError(f"no recognizer weights at {path}; run: python -m recognizer.training.train")
        card = read_card(path)
        try:
            with np.load(path, allow_pickle=False) as archive:
                networks = read_networks(archive, str(path))
        except ModelError:
            raise
        except Exception as err:   # not a zip, truncated, pickled objects, ...
            raise ModelError(f"{path} is not a recognizer model: {err}") from None
        judge_path = path.with_name(DEFAULT_JUDGE.name)
        try:
            judge = LetterOrNot.load(judge_path) if judge_path.exists() else None
        except Exception as err:
            raise ModelError(f"{judge_path} is not a letter-or-not judge: {err}") from None
        recognizer = cls(networks, card, judge)
        recognizer.validate(str(path))
        return recognizer

    def validate(self, name="the model"):
        """Raise ModelError (a ValueError) unless networks and card fit together and can check letters."""
        if not isinstance(self.features, str) or self.features not in FEATURE_SIZES:
            raise ModelError(f"{name}: the model card's architecture.features is {self.features!r}; "
                             f"known: {', '.join(FEATURE_SIZES)}")
        if not isinstance(self.slants, list) or not self.slants or not all(
                _is_number(s) and abs(s) <= 1 for s in self.slants):
            raise ModelError(f"{name}: the model card's architecture.test_time_slants must be a list of "
                             f"numbers between -1 and 1, got {self.slants!r}")
        point = self.operating_point
        for field in ("min_probability", "max_not_a_letter"):
            if not (_is_number(point[field]) and 0 <= point[field] <= 1):
                raise ModelError(f"{name}: the model card's operating_point.{field} must be a number "
                                 f"from 0 to 1, got {point[field]!r}")
        rank = point["max_rank"]
        if not (isinstance(rank, int) and not isinstance(rank, bool) and 1 <= rank <= len(LETTERS)):
            raise ModelError(f"{name}: the model card's operating_point.max_rank must be a whole number "
                             f"from 1 to {len(LETTERS)}, got {rank!r}")
        per_letter = point.get("per_letter_min", {})
        if not isinstance(per_letter, dict) or not all(
                letter in LETTERS and _is_number(v) and 0 <= v <= 1 for letter, v in per_letter.items()):
            raise ModelError(f"{name}: the model card's operating_point.per_letter_min must map letters "
                             f"'a'..'z' to numbers from 0 to 1, got {per_letter!r}")
        if not self.networks:
            raise ModelError(f"{name}: no networks")
        inputs = FEATURE_SIZES[self.features]
        for n, net in enumerate(self.networks):
            if getattr(net, "kind", "mlp") == "cnn":
                if self.features != "pixels":
                    raise ModelError(f"{name}: network {n} is a convolutional network, which reads pixels; "
                                     f"the model card's architecture.features is {self.features!r}")
                try:
                    expected = layer_shapes(net.spec)
                except ValueError as err:
                    raise ModelError(f"{name}: network {n}: {err}") from None
            else:
                expected = None
            width = inputs
            for i, (w, b) in enumerate(zip(net.weights, net.biases)):
                if expected is not None:
                    shape_w, shape_b = expected[i]
                    if w.shape != shape_w or b.shape != shape_b:
                        raise ModelError(f"{name}: network {n} layer {i} has weights of shape {w.shape} and "
                                         f"biases of shape {b.shape}; its spec {net.spec!r} needs {shape_w} "
                                         f"and {shape_b}")
                elif w.ndim != 2 or w.shape[0] != width or b.shape != (w.shape[1],):
                    given = f" for the model card's features {self.features!r}" if i == 0 else ""
                    raise ModelError(f"{name}: network {n} layer {i} has weights of shape {w.shape} and "
                                     f"biases of shape {b.shape}; expected ({width}, units) and (units,){given}")
                if not (np.isfinite(w).all() and np.isfinite(b).all()):
                    raise ModelError(f"{name}: network {n} layer {i} holds weights that are not finite "
                                     f"numbers (NaN or infinity)")
                width = w.shape[1]
            if width != len(LETTERS) + 1:
                raise ModelError(f"{name}: network {n} has {width} outputs; expected {len(LETTERS) + 1} "
                                 f"(26 letters and 'not a letter')")

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
        card = {**self.card, "architecture": {**self.card.get("architecture", {}), "features": self.features}}
        path.with_suffix(".json").write_text(json.dumps(card, indent=2) + "\n")

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
        asked, target = target, target.lower()
        try:
            cleaned = clean_strokes(strokes)
        except ValueError as problem:
            return Verdict(False, 0.0, "", f"not strokes: {problem}", NOTHING)
        if not cleaned:
            return Verdict(False, 0.0, "", "nothing written", NOTHING)
        extent = ink_extent(cleaned)
        if extent == 0:
            return Verdict(False, 0.0, "", "only a dot", TOO_SMALL)
        if looks_too_small(cleaned, extent):
            return Verdict(False, 0.0, "", f"too small for a letter ({extent:.0f} px across)", TOO_SMALL)
        everything = self.stroke_probabilities(cleaned)
        letters = letter_probabilities(everything[None])[0]
        best = LETTERS[int(np.argmax(letters))]
        classes = [LETTERS.index(c) for c in SAME_SHAPES.get(asked, target)]
        confidence = float(letters[classes].sum())
        if back_and_forth(cleaned) > MAX_LETTER_REVERSALS:
            return Verdict(False, confidence, best, "too much back and forth for a letter: a zig-zag or scribble",
                           NOT_A_LETTER)
        if not self.is_letter(cleaned, everything):
            return Verdict(False, confidence, best, "looks like a scribble, not a letter", NOT_A_LETTER)
        if self.fits(letters, classes, target):
            return Verdict(True, confidence, best, f"looks like '{asked}'")
        return Verdict(False, confidence, best, f"looks more like '{best}' than '{asked}'", OTHER_LETTER)

    def is_letter(self, cleaned, everything):
        """Is the drawing an honest letter at all (whichever)? An upright bar always is (l, I); else
        the letter-or-not judge decides when it is there, or the networks' "not a letter" output."""
        if is_upright_line(cleaned):
            return True
        if self.judge is not None:
            return self.judge.is_letter(drawing_features(cleaned, everything, render(cleaned)))
        return everything[26] <= self.operating_point["max_not_a_letter"]

    def fits(self, letters, classes, target):
        """The target (network classes `classes`, letter `target`) is likely and among the best few."""
        point = self.operating_point
        probability = letters[classes].sum()
        others = np.delete(letters, classes)
        rank = 1 + int(np.sum(others > probability))
        threshold = point.get("per_letter_min", {}).get(target, point["min_probability"])
        return probability >= threshold and rank <= point["max_rank"]

    def accepts(self, everything, targets):
        """The acceptance rule on images (EMNIST: no strokes, no case): (N, 27) probabilities,
        N target indices -> (N,) bool. check() applies the same rule to strokes, with the
        letter-or-not judge in place of the "not a letter" output."""
        letters = letter_probabilities(everything)
        rows = np.arange(len(letters))
        target_probability = letters[rows, targets]
        rank = 1 + np.sum(letters > target_probability[:, None], axis=1)
        point = self.operating_point
        per_letter = point.get("per_letter_min", {})
        thresholds = np.array([per_letter.get(c, point["min_probability"]) for c in LETTERS])[targets]
        return ((everything[:, 26] <= point["max_not_a_letter"])
                & (target_probability >= thresholds) & (rank <= point["max_rank"]))


class ModelError(ValueError):
    """The recognizer's weights or model card are damaged or do not fit together."""


# Network input size for each kind of features: 28 x 28 pixels, plus 7 x 7 cells x 8 directions.
FEATURE_SIZES = {"pixels": 28 * 28, "pixels+directions": 28 * 28 + 7 * 7 * GRADIENT_BINS}
MAX_NETWORKS, MAX_LAYERS = 16, 16
NETWORK_KINDS = ("mlp", "cnn")      # model.Network, recognizer.cnn.ConvNet


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and np.isfinite(value)


def read_card(path):
    """The model card (.json beside the weights) as a dict; ModelError if it is missing or not JSON."""
    card_path = path.with_suffix(".json")
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: its model card {card_path.name} is missing "
                         f"(it says how to read the weights)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ModelError(f"{path}: its model card {card_path.name} cannot be read: {err}") from None
    if not isinstance(card, dict):
        raise ModelError(f"{path}: its model card {card_path.name} is not a JSON object")
    for section in ("architecture", "operating_point"):
        if not isinstance(card.get(section, {}), dict):
            raise ModelError(f"{path}: the model card's {section} is not a JSON object")
    if "features" not in card.get("architecture", {}):
        raise ModelError(f"{path}: the model card's architecture.features is missing "
                         f"(it says what the networks read: {', '.join(FEATURE_SIZES)})")
    return card


def read_networks(archive, name):
    """Networks from an opened .npz archive, checking every array's presence, type and shape."""
    def array(key, ndim):
        if key not in archive.files:
            raise ModelError(f"{name}: the array {key} is missing")
        value = archive[key]
        if not (np.issubdtype(value.dtype, np.integer) or np.issubdtype(value.dtype, np.floating)):
            raise ModelError(f"{name}: {key} holds {value.dtype} values, not numbers")
        if value.ndim != ndim:
            raise ModelError(f"{name}: {key} has shape {value.shape}; expected {ndim} dimension(s)")
        if not np.isfinite(value).all():
            raise ModelError(f"{name}: {key} holds values that are not finite numbers (NaN or infinity)")
        return value

    def count(key, most):
        value = array(key, 0)
        if not (np.issubdtype(value.dtype, np.integer) and 1 <= int(value) <= most):
            raise ModelError(f"{name}: {key} must be a whole number from 1 to {most}, got {value!r}")
        return int(value)

    def text(key):
        if key not in archive.files:
            raise ModelError(f"{name}: the array {key} is missing")
        value = archive[key]
        if value.dtype.kind != "U" or value.ndim != 0:
            raise ModelError(f"{name}: {key} must be one text, got {value.dtype} values of shape {value.shape}")
        return str(value)

    networks = []
    for n in range(count("network_count", MAX_NETWORKS)):
        kind = text(f"net{n}_kind") if f"net{n}_kind" in archive.files else "mlp"
        if kind not in NETWORK_KINDS:
            raise ModelError(f"{name}: net{n}_kind is {kind!r}; known kinds: {', '.join(NETWORK_KINDS)}")
        dtype = np.float32 if kind == "cnn" else np.float64
        weights, biases = [], []
        for i in range(count(f"net{n}_layers", MAX_LAYERS)):
            w = array(f"net{n}_w{i}", 2).astype(dtype)
            if f"net{n}_scale{i}" in archive.files:          # int8 weights, one scale per unit
                scale = array(f"net{n}_scale{i}", 1)
                if scale.shape != (w.shape[1],):
                    raise ModelError(f"{name}: net{n}_scale{i} has shape {scale.shape}; expected ({w.shape[1]},), "
                                     f"one scale per unit of net{n}_w{i}")
                w = w * scale.astype(dtype)
            weights.append(w)
            biases.append(array(f"net{n}_b{i}", 1))
        if kind == "mlp":
            networks.append(Network(weights, biases))
            continue
        spec = text(f"net{n}_spec")
        try:
            networks.append(ConvNet(spec, weights, biases))
        except ValueError as err:
            raise ModelError(f"{name}: network {n} (net{n}_spec): {err}") from None
    return networks


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
