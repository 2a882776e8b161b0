"""The letter skeletons: complete, on the handwriting lines, drawn the taught way."""

import json

import numpy as np
import pytest

from recognizer.skeletons import (BASELINE, LETTER_CHARS, MIDLINE, SKELETONS_PATH, SkeletonError,
                                  load_skeletons, school_strokes)

ASCENDERS = "bdfhkl"
X_HEIGHT = "acemnorsuvwxz"          # i and j are x-height too, apart from their dots
DESCENDERS = "gjpqy"
CIRCLE_LETTERS = "acdgoq"


def all_allographs():
    for char, model in load_skeletons().items():
        for allograph in model.allographs:
            yield char, allograph


def non_dot_points(allograph):
    return np.vstack([s.points for s in allograph.strokes if s.cue != "dot"])


def test_every_letter_has_a_school_model_first():
    letters = load_skeletons()
    assert set(LETTER_CHARS) <= set(letters)
    for char in LETTER_CHARS:
        school = letters[char].school
        assert school.name == "school"
        assert not school.synthetic_only
        assert letters[char].allographs[0] is school


def test_requested_variants_exist():
    names = {char: {a.name for a in model.allographs} for char, model in load_skeletons().items()}
    assert "double-storey" in names["a"] and "double-storey" in names["g"]
    assert "looped" in names["l"] and "looped" in names["k"] and "looped" in names["y"]
    assert "u-tail" in names["y"] and "curly" in names["j"] and "curly" in names["t"]
    assert "plain" in names["I"] and "top-bar" in names["J"]
    assert len(names["Q"]) >= 3
    for char in "bdpq":
        assert "one-stroke" in names[char]


def test_every_stroke_has_points_and_a_cue():
    for char, allograph in all_allographs():
        assert allograph.strokes, char
        for stroke in allograph.strokes:
            assert stroke.points.shape[0] >= 2 and stroke.points.shape[1] == 2, (char, allograph.name)
            assert np.isfinite(stroke.points).all()
            assert stroke.cue.strip(), (char, allograph.name)


def test_points_stay_inside_the_letter_box_and_lines():
    for char, allograph in all_allographs():
        points = np.vstack([s.points for s in allograph.strokes])
        where = f"{char} {allograph.name}"
        assert points[:, 0].min() >= -0.01 and points[:, 0].max() <= allograph.width + 0.01, where
        assert points[:, 1].min() >= -0.05 and points[:, 1].max() <= 1.55, where


def test_ascenders_reach_the_top_line():
    for char, allograph in all_allographs():
        if char in ASCENDERS:
            top = non_dot_points(allograph)[:, 1].min()
            assert top <= 0.15, f"{char} {allograph.name} starts at y={top}"
    # t is shorter than the true ascenders but still above the midline
    assert school_strokes("t")[0][:, 1].min() < MIDLINE - 0.2


def test_x_height_letters_stay_between_midline_and_baseline():
    for char, allograph in all_allographs():
        if char in X_HEIGHT or char == "i":
            ys = non_dot_points(allograph)[:, 1]
            assert ys.min() >= MIDLINE - 0.02 and ys.max() <= BASELINE + 0.02, f"{char} {allograph.name}"


def test_dots_sit_above_the_midline():
    for char in "ij":
        for allograph in load_skeletons()[char].allographs:
            dots = [s for s in allograph.strokes if s.cue == "dot"]
            assert len(dots) == 1
            assert dots[0].points[:, 1].max() < MIDLINE


def test_descenders_go_below_the_baseline():
    for char, allograph in all_allographs():
        if char in DESCENDERS:
            assert non_dot_points(allograph)[:, 1].max() > 1.2, f"{char} {allograph.name}"


def test_capitals_span_top_line_to_baseline():
    for char, allograph in all_allographs():
        if char.isupper():
            ys = non_dot_points(allograph)[:, 1]
            assert ys.min() <= 0.05 and ys.max() >= 0.95, f"{char} {allograph.name}"
            assert ys.max() <= 1.1, f"{char} {allograph.name}"       # only Q's tail dips a little


def test_circle_letters_go_counter_clockwise_from_two_o_clock():
    for char in CIRCLE_LETTERS:
        circle = school_strokes(char)[0]
        x, y = circle[:, 0], circle[:, 1]
        # Shoelace area: negative means counter-clockwise on a screen whose y grows down.
        area = 0.5 * np.sum(x[:-1] * y[1:] - x[1:] * y[:-1])
        assert area < 0, char
        centre = circle.mean(axis=0)
        assert x[0] > centre[0] and y[0] < centre[1], f"{char} should start up and to the right"


def test_straight_down_strokes_go_down():
    for char, allograph in all_allographs():
        for stroke in allograph.strokes:
            if stroke.cue == "down" and len(stroke.points) == 2:
                assert stroke.points[-1, 1] > stroke.points[0, 1], f"{char} {allograph.name}"


def test_school_strokes_returns_copies():
    first = school_strokes("a")
    first[0][:] = 99.0
    assert school_strokes("a")[0].max() < 2
    with pytest.raises(KeyError, match="a-z and A-Z"):
        school_strokes("7")


def write(tmp_path, document):
    path = tmp_path / "skeletons.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


def good_document():
    return json.loads(SKELETONS_PATH.read_text(encoding="utf-8"))


def test_broken_json_is_reported_with_its_position(tmp_path):
    with pytest.raises(SkeletonError, match=r"not valid JSON \(line 1"):
        load_skeletons(write(tmp_path, '{"version": 1, "letters": {'))


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(SkeletonError, match="cannot read"):
        load_skeletons(tmp_path / "nowhere.json")


def test_missing_letter_is_named(tmp_path):
    document = good_document()
    del document["letters"]["Q"]
    with pytest.raises(SkeletonError, match="missing letters: Q"):
        load_skeletons(write(tmp_path, document))


def test_short_stroke_and_missing_cue_are_named(tmp_path):
    document = good_document()
    document["letters"]["k"]["allographs"][0]["strokes"][1]["points"] = [[0.1, 0.2]]
    with pytest.raises(SkeletonError, match=r"letter 'k' allograph 1 \(school\) stroke 2.*at least two"):
        load_skeletons(write(tmp_path, document))
    document = good_document()
    del document["letters"]["b"]["allographs"][0]["strokes"][0]["cue"]
    with pytest.raises(SkeletonError, match=r"letter 'b'.*cue"):
        load_skeletons(write(tmp_path, document))


def test_school_model_cannot_be_synthetic_only(tmp_path):
    document = good_document()
    document["letters"]["a"]["allographs"][0]["synthetic_only"] = True
    with pytest.raises(SkeletonError, match="school model"):
        load_skeletons(write(tmp_path, document))
