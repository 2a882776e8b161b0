"""The checker learns one child's hand: writings a grown-up confirmed, compared by the networks' features.

    hand = rec.adapted([Example(strokes, "a"), Example(other_strokes, "d", right=False)])
    hand.check(strokes, "a")      # also accepts a drawing like this child's confirmed a's

A grown-up looks at what a child wrote and says "this was right" (or "this was not right"). The
checker for that child then compares each drawing with those confirmed writings, on the networks'
compact description of a drawing (their penultimate layer, recognizer.cnn.ConvNet.outputs, made in
the same forward pass as the answer): no training at run time, pure numpy.

- A drawing the base checker refused as another letter or as no letter is accepted when it is close
  (cosine distance at most ``accept_distance``) to one of the child's confirmed-right writings of the
  target, nearer to it than to any writing confirmed not right for the target, and nearer (by the
  ratio ``margin``) than to the child's confirmed writings of every other letter; never when the
  letter-or-not judge is sure it is no letter at all (its probability under ``least_letter``): a
  confirmed scribble does not make other scribbles letters.
- A drawing the base checker accepted is refused when it is close (``refuse_distance``) to a writing
  confirmed not right for the target, and nearer to it than to any confirmed-right one.
- Only writings of the target (in either case: the networks merge the cases) count, so a confirmed
  scribble as "a" changes nothing when "b" is asked.

The distances come from ``assets/models/adaptation.json``, written by
``python -m recognizer.training.calibrate_adapt`` on real pen writers nothing was trained on; the
figures it reached are stored beside them.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np

from recognizer import LETTERS

MODEL_DIR = Path(__file__).resolve().parent.parent / "assets" / "models"
DEFAULT_CALIBRATION = MODEL_DIR / "adaptation.json"

# The most recent confirmed writings kept per letter and case, and per answer (right / not right):
# a child's hand changes, and the work per check and per build stays bounded.
KEPT_PER_LETTER = 12

# Shown by the games and the grown-ups' page: why an adapted checker changed a verdict.
LIKE_CONFIRMED = "like the writings a grown-up confirmed"
LIKE_NOT_RIGHT = "like a writing a grown-up said was not right"


class Example(NamedTuple):
    """One writing a grown-up looked at.

    strokes: the strokes as check() takes them; letter: the letter asked, in its case ("a", "A");
    right: True when a grown-up confirmed it IS that letter, False when confirmed NOT right for it;
    description: optional, what Recognizer.description_of(strokes) gave (bytes, keep it beside the
        strokes): building a checker from stored descriptions needs no forward pass (about 2.5 ms of
        drawing and networks per writing otherwise). One made by other networks is ignored.
    """
    strokes: list
    letter: str
    right: bool = True
    description: bytes = b""


def example_of(item) -> Example:
    """An Example from an Example or a (strokes, letter[, right]) tuple; ValueError saying what is wrong."""
    if isinstance(item, Example):
        example = item
    elif isinstance(item, (tuple, list)) and len(item) in (2, 3, 4):
        example = Example(*item)
    else:
        raise ValueError(f"a confirmed writing must be (strokes, letter) or (strokes, letter, right), "
                         f"got {type(item).__name__}")
    if not isinstance(example.description, (bytes, bytearray, memoryview)):
        raise ValueError(f"a confirmed writing's description must be bytes from Recognizer.description_of, "
                         f"got {type(example.description).__name__}")
    if not isinstance(example.letter, str) or len(example.letter) != 1 or example.letter.lower() not in LETTERS:
        raise ValueError(f"a confirmed writing's letter must be one letter 'a'..'z' or 'A'..'Z', "
                         f"got {example.letter!r}")
    if not isinstance(example.right, (bool, np.bool_)):
        raise ValueError(f"a confirmed writing's 'right' must be True or False, got {example.right!r}")
    return example


@dataclass(frozen=True)
class Calibration:
    """How close is "like" a confirmed writing, chosen by recognizer.training.calibrate_adapt."""
    accept_distance: float
    refuse_distance: float
    margin: float
    least_letter: float
    model: str = ""                 # the weights it was calibrated for (Recognizer.weights_tag().hex())
    figures: dict = field(default_factory=dict, compare=False)

    @classmethod
    def load(cls, path=DEFAULT_CALIBRATION):
        """The calibration file -> Calibration; ValueError naming the file and the fault."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            values = {name: data[name] for name in ("accept_distance", "refuse_distance", "margin", "least_letter")}
        except (OSError, ValueError, KeyError, TypeError) as problem:
            raise ValueError(f"{path} is not an adaptation calibration: {problem}") from None
        for name, value in values.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 2:
                raise ValueError(f"{path}: {name} must be a number from 0 to 2, got {value!r}")
        return cls(**{k: float(v) for k, v in values.items()}, model=str(data.get("weights_tag", "")),
                   figures=data.get("figures", {}))


class ChildHand:
    """One child's confirmed writings, as the networks describe them (unit vectors)."""

    def __init__(self, features, letters, right, calibration):
        features = np.asarray(features, np.float32)
        self.features = features.reshape(len(letters), -1) if len(letters) else np.zeros((0, 1), np.float32)
        self.letters = np.asarray(letters, dtype="<U1")       # lower case: the networks merge the cases
        self.codes = np.array([LETTERS.index(c) for c in self.letters], np.int64)
        self.right = np.asarray(right, bool)
        self.calibration = calibration

    @classmethod
    def build(cls, recognizer, examples, calibration):
        """Describe the examples (at most KEPT_PER_LETTER of each letter, case and answer, the most
        recent last in `examples`) with one batched forward pass of the recognizer's networks."""
        examples = [example_of(item) for item in examples]
        kept, counts = [], {}
        for example in reversed(examples):
            key = (example.letter, bool(example.right))
            if counts.get(key, 0) < KEPT_PER_LETTER:
                counts[key] = counts.get(key, 0) + 1
                kept.append(example)
        width = sum(net.weights[-1].shape[0] for net in recognizer.networks)
        descriptions = [unpack(e.description, recognizer.weights_tag()) for e in kept]
        descriptions = [d if d is not None and len(d) == width else None for d in descriptions]
        missing = [i for i, d in enumerate(descriptions) if d is None]
        for i, d in zip(missing, recognizer.describe([kept[i].strokes for i in missing])):
            descriptions[i] = d
        usable = [i for i, d in enumerate(descriptions) if d is not None]
        return cls(np.array([descriptions[i] for i in usable], np.float32).reshape(len(usable), width),
                   [kept[i].letter.lower() for i in usable], [kept[i].right for i in usable], calibration)

    def __len__(self):
        return len(self.letters)

    def nearest(self, features, classes):
        """Cosine distances from `features` to the nearest confirmed writing (`classes`: the lower-case
        letters that count as the target, e.g. "a" or "il"): (right of the target,
        not right for the target, right of another letter); inf when there is none."""
        if not len(self.letters):
            return np.inf, np.inf, np.inf
        distances = 1.0 - self.features @ np.asarray(features, np.float32)
        target = self.codes == LETTERS.index(classes[0])
        for c in classes[1:]:
            target |= self.codes == LETTERS.index(c)

        def least(mask):
            return float(distances[mask].min()) if mask.any() else np.inf
        return least(target & self.right), least(target & ~self.right), least(~target & self.right)

    def accepts(self, features, classes, letter_probability):
        """Is a refused drawing like this child's confirmed writings of the target? `letter_probability`:
        a callable giving the letter-or-not judge's probability (None without a judge), asked last."""
        right, wrong, other = self.nearest(features, classes)
        c = self.calibration
        if not (right <= c.accept_distance and right < wrong and right * c.margin < other):
            return False
        p = letter_probability()
        return p is None or p >= c.least_letter

    def refuses(self, features, classes):
        """Is an accepted drawing like a writing a grown-up said was not right for the target?"""
        right, wrong, _ = self.nearest(features, classes)
        return wrong <= self.calibration.refuse_distance and wrong < right


def unit_features(per_network):
    """Each network's (units,) features made unit length, joined, and the whole made unit length."""
    parts = [f / max(float(np.linalg.norm(f)), 1e-12) for f in per_network]
    joined = np.concatenate(parts)
    return (joined / max(float(np.linalg.norm(joined)), 1e-12)).astype(np.float32)


TAG_BYTES = 8      # a stored description starts with the tag of the networks that made it


def pack(features, tag):
    """A unit description -> bytes to store (the networks' tag, then float16 values: ~0.8 KB)."""
    return bytes(tag[:TAG_BYTES]) + np.asarray(features, "<f2").tobytes()


def unpack(stored, tag):
    """Stored bytes -> the description, or None when empty, damaged or made by other networks."""
    stored = bytes(stored or b"")
    body = stored[TAG_BYTES:]
    if len(stored) <= TAG_BYTES or stored[:TAG_BYTES] != bytes(tag[:TAG_BYTES]) or len(body) % 2:
        return None
    features = np.frombuffer(body, "<f2").astype(np.float32)
    norm = float(np.linalg.norm(features))
    if not np.isfinite(features).all() or abs(norm - 1) > 0.01:
        return None
    return features / norm
