"""The shipped letter recognizer: small neural networks run in plain numpy.

Over 450 lines on purpose: the recognizer and the checks of the files it loads (``read_card``,
``read_networks``, ``ModelError``) stay together, so a damaged model is refused where it is read.

    rec = Recognizer.load()
    rec.rank(strokes)            # [('a', 0.91), ('d', 0.04), ...] 26 pairs, best first
    rec.check(strokes, "M")      # Verdict(accepted=True, confidence=0.97, best='m', reason=...)

The networks (an ensemble, averaged) are small convolutional networks
(recognizer/cnn.py, trained with torch) or multi-layer perceptrons (recognizer/mlp.py,
trained with scikit-learn), as the weights file says (read by recognizer/model_file.py) (recognizer/training/train.py); only
numpy runs here, so the games start fast. Each has 26 letter outputs plus one
"not a letter" output trained on scribbles; `rank` reports the 26 letters
renormalised.

`check` makes one recognizer.drawing.Drawing (cleaned once, rendered once, its path measured
once) and refuses, in this order (Verdict.refusal says which): input that is not
strokes or holds nothing (NOTHING); a dot, a tap or a smudge under 12 px across
when the strokes are in pixels (TOO_SMALL); then it asks the networks and
refuses zig-zags and waves (more back and forth than any letter) and whatever
the letter-or-not judge (recognizer/letter_or_not.py: the networks' answer plus
the pen's path at the scale of the letter) finds is not a letter at all
(NOT_A_LETTER) -- when the networks rank the target first with at least the
judge's sure_probability, only strong evidence refuses it so; finally the
target, in the case asked (SAME_SHAPES: a bar is a capital I and an l), must
have at least `min_probability` (or its per-letter value) and be among the
`max_rank` best letters of the model card's operating point (OTHER_LETTER
otherwise, with `best` naming what it looks like). Ambiguous pairs (i/l, g/q)
pass thanks to the rank.

`adapted(examples)` gives a checker for one child that also compares each drawing with writings a
grown-up confirmed for that child (recognizer/adapt.py); the base checker is not changed.
"""

import copy
import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from recognizer import LETTERS
from recognizer.adapt import LIKE_CONFIRMED, LIKE_NOT_RIGHT, Calibration, ChildHand, pack, unit_features
from recognizer.cnn import layer_shapes
from recognizer.drawing import Drawing
from recognizer.letter_or_not import DEFAULT_JUDGE, LetterOrNot, drawing_features
from recognizer.mlp import Network, images_to_inputs, stroke_directions, unit_images_to_inputs  # noqa: F401 (their home)
from recognizer.model_file import (FEATURE_SIZES, ModelError, _is_number, as_stored, quantize,  # noqa: F401
                                   read_card, read_networks)
from recognizer.ood import MAX_LETTER_REVERSALS
from recognizer.render import render_cleaned

MODEL_DIR = Path(__file__).resolve().parent.parent / "assets" / "models"
DEFAULT_MODEL = MODEL_DIR / "letters.npz"
CALIBRATION_NAME = "adaptation.json"     # beside the weights: recognizer/adapt.py's distances
log = logging.getLogger(__name__)

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
    adaptation: '' unless a child's adapted checker changed the verdict; then why, for the games and
        the grown-ups' page (recognizer.adapt.LIKE_CONFIRMED or LIKE_NOT_RIGHT).
    """
    accepted: bool
    confidence: float
    best: str
    reason: str
    refusal: str = ""
    adaptation: str = ""


# Why check() refuses a drawing.
NOTHING = "nothing written"          # no strokes, or not strokes at all
TOO_SMALL = "too small"              # a tap, a dot or a smudge
NOT_A_LETTER = "not a letter"        # a scribble, zig-zag, blob, ...
OTHER_LETTER = "another letter"      # a letter, but not the one asked for (see Verdict.best)
NOT_RIGHT = "not right, a grown-up said"   # like a writing a grown-up said was not right (adapted checker)
REFUSALS = (NOTHING, TOO_SMALL, NOT_A_LETTER, OTHER_LETTER, NOT_RIGHT)

# Letters that are the same shape in the case asked for: a child asked for a capital I who draws a
# bar has drawn an I even when the network (which merges the cases) calls the bar an 'l', and the
# other way round. Keys are the target as asked (case matters); values, the network classes that
# count as that target.
SAME_SHAPES = {"I": "il", "l": "il"}


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
        self.calibration = None     # recognizer.adapt.Calibration, read by load() beside the weights
        self.hand = None            # recognizer.adapt.ChildHand on a child's adapted checker
        self._tag = None

    # --- loading and saving ---------------------------------------------------------------
    @classmethod
    def load(cls, path=None, judge=True):
        """Load weights (an .npz from assets/models/), the model card beside it (.json) and the
        letter-or-not judge beside them (unless `judge` is False: training a new one).

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
            judge = LetterOrNot.load(judge_path) if judge and judge_path.exists() else None
        except Exception as err:
            raise ModelError(f"{judge_path} is not a letter-or-not judge: {err}") from None
        recognizer = cls(networks, card, judge)
        recognizer.validate(str(path))
        calibration = path.with_name(CALIBRATION_NAME)
        if calibration.exists():
            try:
                recognizer.calibration = Calibration.load(calibration)
            except ValueError as problem:   # the checker works without; adapted() says why it cannot adapt
                log.warning("%s; checkers will not adapt to a child's writing", problem)
        return recognizer

    def adapted(self, examples):
        """A checker for one child: `examples` are writings a grown-up confirmed (recognizer.adapt.Example
        or (strokes, letter[, right]) tuples). Its check() also accepts drawings like the child's
        confirmed-right writings of the target and refuses drawings like those confirmed not right.
        The base checker is not changed; the networks are shared, not copied. `adapted([])` checks
        exactly as the base. Raises ValueError for an example that is not one (saying what is wrong).
        """
        examples = list(examples)
        child = copy.copy(self)
        if self.calibration is None:
            if examples:
                log.warning("no adaptation calibration (%s beside the model; run python -m "
                            "recognizer.training.calibrate_adapt): the checker does not adapt", CALIBRATION_NAME)
            child.hand = None
            return child
        child.hand = ChildHand.build(self, examples, self.calibration) if examples else None
        if child.hand is not None and not len(child.hand):
            child.hand = None
        return child

    def weights_tag(self):
        """8 bytes naming these networks' weights (a stored description is only valid for them)."""
        if self._tag is None:
            digest = hashlib.blake2b(digest_size=8)
            for net in self.networks:
                for w, b in zip(net.weights, net.biases):
                    digest.update(np.ascontiguousarray(w, np.float32).tobytes())
                    digest.update(np.ascontiguousarray(b, np.float32).tobytes())
            self._tag = digest.digest()
        return self._tag

    def description_of(self, strokes):
        """The networks' description of a drawing as bytes to keep beside a confirmed writing
        (recognizer.adapt.Example.description), b"" when it holds no ink."""
        described = self.describe([strokes])[0]
        return b"" if described is None else pack(described, self.weights_tag())

    def describe(self, drawings):
        """Strokes (or Drawings) -> for each, the networks' unit-length description (recognizer.adapt),
        or None when it holds no ink or the networks give none; one batched forward pass."""
        made = []
        for strokes in drawings:
            try:
                drawing = Drawing.of(strokes)
            except ValueError:
                drawing = None
            made.append(drawing if drawing is not None and drawing.strokes and drawing.extent > 0 else None)
        ready = [d for d in made if d is not None]
        if not ready or not all(hasattr(net, "outputs") for net in self.networks):
            return [None] * len(made)
        images = [self.slanted_images(d) for d in ready]
        inputs = images_to_inputs(np.concatenate(images), self.features)
        per_net = [net.outputs(inputs)[1].reshape(len(ready), len(self.slants), -1).mean(axis=1)
                   for net in self.networks]
        described = iter(unit_features([f[i] for f in per_net]) for i in range(len(ready)))
        return [next(described) if d is not None else None for d in made]

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
        """Strokes (or a recognizer.drawing.Drawing) -> list of 26 (letter, probability), best
        first, summing to 1.

        Raises ValueError with a plain message if `strokes` is not strokes or holds no ink.
        """
        drawing = Drawing.of(strokes)
        if not drawing.strokes:
            raise ValueError("nothing written: the strokes hold no usable points")
        probabilities = letter_probabilities(self.drawing_probabilities(drawing)[None])[0]
        order = np.argsort(-probabilities, kind="stable")
        return [(LETTERS[i], float(probabilities[i])) for i in order]

    def stroke_probabilities(self, cleaned):
        """Cleaned strokes -> (27,) probabilities, averaged over the test-time slants."""
        return self.drawing_probabilities(Drawing(cleaned))

    def drawing_probabilities(self, drawing):
        """A Drawing -> (27,) probabilities, averaged over the test-time slants (its image is kept)."""
        return self.drawing_outputs(drawing)[0]

    def slanted_images(self, drawing):
        """(slants, 28, 28): the drawing's image at each test-time slant (the upright one is kept)."""
        return np.stack([drawing.image if slant == 0 else render_cleaned(slanted(drawing.strokes, slant))
                         for slant in self.slants])

    def drawing_outputs(self, drawing):
        """A Drawing -> ((27,) probabilities averaged over the test-time slants and the ensemble, the
        networks' unit-length description for recognizer.adapt or None), from ONE forward pass."""
        inputs = images_to_inputs(self.slanted_images(drawing), self.features)
        if not all(hasattr(net, "outputs") for net in self.networks):      # multi-layer perceptrons
            return np.mean([net.probabilities(inputs) for net in self.networks], axis=0).mean(axis=0), None
        outputs = [net.outputs(inputs) for net in self.networks]
        everything = np.mean([p for p, _ in outputs], axis=0).mean(axis=0)
        return everything, unit_features([f.mean(axis=0) for _, f in outputs])

    def check(self, strokes, target):
        """Is this drawing an acceptable `target` letter ('a'..'z' or 'A'..'Z')? -> Verdict.

        `strokes` are in screen pixels (y down), or a recognizer.drawing.Drawing. Case is only a
        hint: EMNIST letters merge upper and lower case. Never raises for bad strokes (the Verdict
        explains); raises ValueError for a target that is not a letter. The drawing is cleaned,
        rendered and measured once, and that one Drawing is handed to every rule.
        """
        if not isinstance(target, str) or len(target) != 1 or target.lower() not in LETTERS:
            raise ValueError(f"target must be one letter 'a'..'z' or 'A'..'Z', got {target!r}")
        asked, target = target, target.lower()
        try:
            drawing = Drawing.of(strokes)
        except ValueError as problem:
            return Verdict(False, 0.0, "", f"not strokes: {problem}", NOTHING)
        if not drawing.strokes:
            return Verdict(False, 0.0, "", "nothing written", NOTHING)
        extent = drawing.extent
        if extent == 0:
            return Verdict(False, 0.0, "", "only a dot", TOO_SMALL)
        if looks_too_small(drawing.strokes, extent):
            return Verdict(False, 0.0, "", f"too small for a letter ({extent:.0f} px across)", TOO_SMALL)
        everything, description = self.drawing_outputs(drawing)
        letters = letter_probabilities(everything[None])[0]
        best = LETTERS[int(np.argmax(letters))]
        shapes = SAME_SHAPES.get(asked, target)
        classes = [LETTERS.index(c) for c in shapes]
        confidence = float(letters[classes].sum())
        sure = self.sure_of(letters, classes)
        judged = {}
        if drawing.reversals > (self.judge.sure_reversals if sure else MAX_LETTER_REVERSALS):
            verdict = Verdict(False, confidence, best, "too much back and forth for a letter: a zig-zag or scribble",
                              NOT_A_LETTER)
        elif not self.is_letter(drawing, everything, sure=sure, judged=judged):
            verdict = Verdict(False, confidence, best, "looks like a scribble, not a letter", NOT_A_LETTER)
        elif self.fits(letters, classes, target):
            verdict = Verdict(True, confidence, best, f"looks like '{asked}'")
        else:
            verdict = Verdict(False, confidence, best, f"looks more like '{best}' than '{asked}'", OTHER_LETTER)
        if self.hand is None or description is None:
            return verdict
        return self.child_verdict(verdict, drawing, everything, description, shapes, judged)

    def child_verdict(self, verdict, drawing, everything, description, shapes, judged):
        """The base verdict, changed when the drawing is like writings a grown-up confirmed for this
        child (recognizer.adapt.ChildHand): a refused letter accepted, or an accepted one refused."""
        if verdict.accepted:
            if self.hand.refuses(description, shapes):
                return Verdict(False, verdict.confidence, verdict.best, LIKE_NOT_RIGHT, NOT_RIGHT, LIKE_NOT_RIGHT)
            return verdict

        def letter_probability():
            if self.judge is None:
                return None
            if "probability" not in judged:
                judged["probability"] = self.judge.probability(drawing_features(drawing, everything))
            return judged["probability"]
        if self.hand.accepts(description, shapes, letter_probability):
            return Verdict(True, verdict.confidence, verdict.best, LIKE_CONFIRMED, "", LIKE_CONFIRMED)
        return verdict

    def sure_of(self, letters, classes):
        """Do the networks rank the target (network classes `classes`) first, with at least the
        judge's sure_probability? Then only strong evidence refuses the drawing as no letter."""
        if self.judge is None:
            return False
        probability = float(letters[classes].sum())
        return probability >= self.judge.sure_probability and not np.any(np.delete(letters, classes) > probability)

    def is_letter(self, drawing, everything, sure=False, judged=None):
        """Is the drawing (a Drawing, or cleaned strokes) an honest letter at all (whichever)? An
        upright bar always is (l, I); else the letter-or-not judge decides when it is there (with
        its lower threshold when `sure`), or the networks' "not a letter" output. The judge's
        probability is kept in `judged` (a dict) when one is given."""
        drawing = Drawing.of(drawing)
        if drawing.upright_line:
            return True
        if self.judge is not None:
            probability = self.judge.probability(drawing_features(drawing, everything))
            if judged is not None:
                judged["probability"] = probability
            return probability >= (self.judge.sure_threshold if sure else self.judge.threshold)
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


def slanted(strokes, slant):
    """Shear strokes sideways: x moves by -slant * y (y down), so slant > 0 leans the letter right."""
    if slant == 0:
        return strokes
    return [np.column_stack([s[:, 0] - slant * s[:, 1], s[:, 1]]) for s in strokes]


def letter_probabilities(everything):
    """(N, 27) outputs -> (N, 26) letter probabilities renormalised to sum to 1."""
    letters = everything[:, :26]
    return letters / np.maximum(letters.sum(axis=1, keepdims=True), 1e-12)
