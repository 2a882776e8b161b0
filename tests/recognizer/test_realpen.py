"""Real pen strokes as a validation set (recognizer.training.realpen): loading, scaling, the figures."""
import json

import numpy as np
import pytest

from recognizer import Recognizer
from recognizer.training.realpen import DEFAULT_REALPEN, load_realpen, realpen_figures, target_of
from recognizer.skeletons import school_strokes


def _write(tmp_path, samples):
    path = tmp_path / "pens.json"
    path.write_text(json.dumps(samples))
    return path


def test_samples_of_any_units_are_scaled_to_a_written_letter(tmp_path):
    tiny = [[[0, 0], [0, 3]], [[0, 0], [2, 0]]]               # a 3-unit "T" from a mouse canvas
    big = [[[0, 0], [0, 600]], [[0, 0], [400, 0]]]            # the same at tablet scale
    path = _write(tmp_path, [{"letter": "t", "case": "upper", "writer": "a/1", "strokes": tiny},
                             {"letter": "t", "case": "upper", "writer": "b/2", "strokes": big},
                             {"letter": "x", "case": "lower", "writer": "b/2", "strokes": [[]]}])
    samples = load_realpen(path)
    assert len(samples) == 2                                   # the sample without ink is dropped
    for s in samples:
        points = np.concatenate(s["strokes"])
        assert np.ptp(points, axis=0).max() == pytest.approx(200)
    assert np.allclose(np.concatenate(samples[0]["strokes"]), np.concatenate(samples[1]["strokes"]))
    assert target_of(samples[0]) == "T" and target_of(samples[0], "q") == "Q"


def test_figures_count_what_check_accepts_per_case_and_letter(tmp_path):
    rec = Recognizer.load()
    samples = [{"letter": c, "case": case, "writer": "school/1",
                "strokes": [np.asarray(s, float) * 200 + 100 for s in school_strokes(c if case == "lower" else c.upper())]}
               for c in "abcoxz" for case in ("lower", "upper")]
    figures = realpen_figures(rec, samples)
    assert figures["all"]["count"] == 12 and figures["upper"]["count"] == 6
    assert figures["all"]["check_true_accept"] >= 0.8        # school-model letters are honest letters
    assert figures["all"]["check_false_accept"] <= 0.2
    assert set(figures["per_letter"]) == set("abcoxz")


@pytest.mark.skipif(not DEFAULT_REALPEN.exists(), reason=f"real pen strokes not here ({DEFAULT_REALPEN}); "
                    "they live in ../shared/data and are not shipped")
def test_real_pen_letters_are_mostly_accepted():
    samples = load_realpen()
    rng = np.random.default_rng(0)
    picked = [samples[i] for i in rng.choice(len(samples), 300, replace=False)]
    figures = realpen_figures(Recognizer.load(), picked)
    # floors well under the measured figures (see the model card): this guards against a broken pipeline
    assert figures["all"]["top1"] >= 0.85
    assert figures["all"]["check_true_accept"] >= 0.88
    assert figures["all"]["check_false_accept"] <= 0.05
