"""A shaky hand is no reason to refuse a letter: tremor alone never makes a letter "not a letter".

Every school-model letter (recognizer.skeletons, a-z and A-Z) is drawn with a tremor of growing
amplitude (a fraction of the letter's height) at several frequencies over the whole path, and
check() must accept it up to TREMOR_ACCEPTED. The judge reads the path at the scale of the letter
(recognizer.drawing: smoothed, so tremor is no turning and no wiggle), and when the networks rank
the target first with high probability a refusal as "not a letter" needs strong evidence.
"""
import numpy as np
import pytest

from recognizer import Recognizer
from recognizer.drawing import Drawing
from recognizer.model import NOT_A_LETTER
from recognizer.skeletons import LETTER_CHARS, school_strokes

TREMOR_ACCEPTED = 0.03            # tremor up to 3% of the letter's height: every letter still accepted
TREMOR_NEVER_SCRIBBLE = 0.05      # up to 5%: never refused as "not a letter"
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
    assert refusals(rec, (0.005, 0.01, 0.02, TREMOR_ACCEPTED)) == []


def test_tremor_alone_never_makes_a_school_letter_a_scribble(rec):
    scribbles = [r for r in refusals(rec, (0.04, TREMOR_NEVER_SCRIBBLE)) if r[3] == NOT_A_LETTER]
    assert scribbles == []


def test_the_path_at_the_scale_of_the_letter_does_not_see_small_tremor():
    """The judge's path features (turning, wiggles, corners...) of a shaky o stay those of the o."""
    plain = np.array(Drawing(shaky("o", 0.0, 8)).path_features())
    for cycles in CYCLES:
        trembling = np.array(Drawing(shaky("o", 0.02, cycles)).path_features())
        turning, wiggles, corners = (6, 8, 10)           # places in Drawing.path_features
        assert trembling[turning] <= plain[turning] + 0.15, cycles
        assert trembling[wiggles] <= plain[wiggles] + np.log(3), cycles
        assert trembling[corners] == plain[corners], cycles
