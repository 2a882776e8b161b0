"""A shaky hand is no reason to refuse a letter.

Every school-model letter (recognizer.skeletons, a-z and A-Z) is drawn with a tremor of growing
amplitude (a fraction of the letter's height) at several frequencies over the whole path, and
check() must accept it up to TREMOR_ACCEPTED (1%); at 3% most still pass. Beyond 1% a refusal is
possible: the networks' own answer (their "not a letter" output, an o read as a q) moves with a
very shaky hand, and it is an input of the judge. The judge reads the path at the scale of the letter
(recognizer.drawing: smoothed, so tremor is no turning and no wiggle), and when the networks rank
the target first with high probability a refusal as "not a letter" needs strong evidence.
"""
import numpy as np
import pytest

from recognizer import Recognizer
from recognizer.drawing import Drawing
from recognizer.skeletons import LETTER_CHARS, school_strokes

TREMOR_ACCEPTED = 0.01            # tremor up to 1% of the letter's height: every letter accepted
AT_THREE_PERCENT = 10             # at 3%, at most this many of the 156 shaky letters refused (the checker
                                  # before issue 21 refused 17: nine a/e/n/r "not a letter", the rest alike)
CYCLES = (4, 8, 12)               # tremor cycles per letter-height of path


@pytest.fixture(scope="module")
def rec():
    return Recognizer.load()


def shaky(char, amplitude, cycles, height=220.0, phase=0.7):
    """The school model of `char`, `height` px tall, drawn with a sine tremor of `amplitude` x height."""
    strokes = [np.asarray(s, float) * height + (300, 150) for s in school_strokes(char)]
    out, travelled = [], 0.0
    for s in strokes:
        along = np.r_[0, np.cumsum(np.hypot(*np.diff(s, axis=0).T))]
        at = np.linspace(0, along[-1], max(2, int(along[-1] / (height / (cycles * 8)))))
        points = np.column_stack([np.interp(at, along, s[:, 0]), np.interp(at, along, s[:, 1])])
        wave = 2 * np.pi * cycles * (travelled + at) / height
        travelled += along[-1]
        out.append(points + amplitude * height * np.column_stack([np.sin(wave + phase), np.cos(1.3 * wave)]))
    return out


def refusals(rec, amplitudes):
    return [(char, amplitude, cycles, v.refusal, v.best) for char in LETTER_CHARS for cycles in CYCLES
            for amplitude in amplitudes for v in [rec.check(shaky(char, amplitude, cycles), char)]
            if not v.accepted]


def test_every_school_letter_with_tremor_up_to_the_stated_amplitude_is_accepted(rec):
    assert refusals(rec, (0.005, TREMOR_ACCEPTED)) == []


def test_stronger_tremor_is_mostly_accepted(rec):
    """3% of the height at 4-12 cycles is a very shaky hand; most such letters still pass."""
    assert len(refusals(rec, (0.03,))) <= AT_THREE_PERCENT


def test_a_shaky_hand_is_no_zig_zag_but_a_zig_zag_still_is():
    """The zig-zag rule counts back and forth on strokes calmed at the scale of the letter (on the
    raw strokes a 3% tremor at 12 cycles made an n go back and forth 17 times)."""
    for char in "nmwMNW":
        for cycles in CYCLES:
            assert Drawing(shaky(char, 0.03, cycles)).reversals <= 6, (char, cycles)
    teeth = [np.array([(300 + 20 * i, 300 + (120 if i % 2 else 0)) for i in range(14)], float)]
    assert Drawing(teeth).reversals >= 8


def test_the_path_at_the_scale_of_the_letter_does_not_see_small_tremor():
    """The judge's path features (turning, wiggles, corners...) of a shaky o stay those of the o."""
    plain = np.array(Drawing(shaky("o", 0.0, 8)).path_features())
    for cycles in CYCLES:
        trembling = np.array(Drawing(shaky("o", TREMOR_ACCEPTED, cycles)).path_features())
        turning, wiggles, corners = (6, 8, 10)           # places in Drawing.path_features
        assert trembling[turning] <= plain[turning] + 0.15, cycles
        assert trembling[wiggles] == plain[wiggles] and trembling[corners] == plain[corners], cycles
