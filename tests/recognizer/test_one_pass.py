"""One pass per check: a drawing is cleaned, rendered and measured once, and handed along."""
import importlib

import numpy as np
import pytest

import recognizer.drawing
from recognizer import Recognizer
from recognizer.drawing import Drawing, smoothed_stroke, walked


@pytest.fixture(scope="module")
def rec():
    return Recognizer.load()


def written(char="a"):
    from recognizer.skeletons import school_strokes
    return [np.asarray(s, float) * 220 + (300, 200) for s in school_strokes(char)]


def test_check_renders_and_cleans_a_drawing_once(rec, monkeypatch):
    render_module = importlib.import_module("recognizer.render")     # recognizer.render is the function
    blurs, cleans = [], []
    blur, clean = render_module.gaussian_blur, recognizer.drawing.clean_strokes
    monkeypatch.setattr(render_module, "gaussian_blur", lambda *a, **k: blurs.append(1) or blur(*a, **k))
    monkeypatch.setattr(recognizer.drawing, "clean_strokes", lambda *a, **k: cleans.append(1) or clean(*a, **k))
    for target in ("a", "d", "A"):
        blurs.clear()
        cleans.clear()
        rec.check(written("a"), target)
        assert (len(blurs), len(cleans)) == (1, 1)


def test_a_drawing_handed_to_check_is_not_made_again(rec):
    drawing = Drawing(written("k"))
    image = drawing.image
    assert rec.check(drawing, "k") == rec.check(written("k"), "k")
    assert drawing.image is image
    assert rec.rank(drawing) == rec.rank(written("k"))


def test_a_drawing_says_plainly_what_is_wrong_with_bad_strokes():
    with pytest.raises(ValueError, match="stroke 0"):
        Drawing(["ab"])
    assert Drawing([]).strokes == [] and Drawing([]).extent == 0


def test_the_path_keeps_a_letter_and_drops_a_resting_pen():
    """Smoothing keeps the letter where it is; a knot of points where the pen rested adds no point."""
    line = np.column_stack([np.linspace(0, 200, 50), np.zeros(50)])
    smooth = smoothed_stroke(line, 200.0)
    assert np.allclose(smooth[:, 1], 0) and smooth[0, 0] < 8 and smooth[-1, 0] > 192    # ends within 4%
    knot = np.vstack([line[:25], line[24] + np.random.default_rng(0).normal(0, 1.0, (40, 2)), line[25:]])
    assert abs(len(walked(smoothed_stroke(knot, 200.0), 10.0)) - len(walked(smooth, 10.0))) <= 1
