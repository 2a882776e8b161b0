"""A checker adapted to one child's confirmed writings (recognizer.adapt, Recognizer.adapted)."""
import numpy as np
import pytest

from recognizer import Recognizer
from recognizer.adapt import LIKE_CONFIRMED, Example
from recognizer.skeletons import school_strokes


@pytest.fixture(scope="module")
def rec():
    return Recognizer.load()


def written(char, size=220, at=(300, 200)):
    return [np.asarray(s, float) * size + at for s in school_strokes(char)]


def test_adapted_with_nothing_checks_as_the_base_and_shares_its_networks(rec):
    child = rec.adapted([])
    assert child is not rec and child.networks is rec.networks and child.judge is rec.judge
    for char in "abcdefghijklmnopqrstuvwxyzAGMQ":
        for target in (char, "e", "Z"):
            assert child.check(written(char), target) == rec.check(written(char), target)


def test_examples_are_examples_or_tuples_and_bad_ones_say_why(rec):
    rec.adapted([(written("a"), "a"), Example(written("b"), "B", False)])
    with pytest.raises(ValueError, match="letter"):
        rec.adapted([(written("a"), "ab")])
    with pytest.raises(ValueError, match="right"):
        rec.adapted([(written("a"), "a", "yes")])
    assert rec.hand is None                       # the base is not changed


def test_a_description_stored_with_the_writing_is_used_and_another_models_ignored(rec):
    stored = rec.description_of(written("a"))
    assert len(stored) > 100 and rec.description_of([]) == b""
    from recognizer.adapt import unpack
    assert unpack(stored, rec.weights_tag()) is not None
    assert unpack(b"\0" * 8 + stored[8:], rec.weights_tag()) is None
    assert LIKE_CONFIRMED
