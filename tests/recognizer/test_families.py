"""The child-like families (recognizer.training.families): seeded, honest letters, each its own kind."""
import numpy as np
import pytest

from recognizer.skeletons import school_strokes
from recognizer.training.families import FAMILIES, as_pixels, family_samples, make_family
from recognizer.training.sheets import sheet, write_sheet


def school(char):
    return [np.asarray(s, float) * 200 + (300, 200) for s in school_strokes(char)]


@pytest.mark.parametrize("name", list(FAMILIES))
def test_each_family_is_seeded_and_makes_finite_strokes(name):
    for char in "aoJkRw":
        one = make_family(name, school(char), np.random.default_rng(5))
        again = make_family(name, school(char), np.random.default_rng(5))
        other = make_family(name, school(char), np.random.default_rng(6))
        assert len(one) == len(again) and all(np.array_equal(a, b) for a, b in zip(one, again))
        assert len(one) != len(other) or not all(np.array_equal(a, b) for a, b in zip(one, other))
        assert one and all(s.ndim == 2 and s.shape[1] == 2 and np.isfinite(s).all() and len(s) for s in one)


@pytest.mark.parametrize("name", list(FAMILIES))
def test_each_family_changes_the_letter_but_keeps_it_where_and_about_as_big(name):
    original = school("b")
    made = make_family(name, original, np.random.default_rng(1))
    points = np.concatenate(made)
    extent = float(np.ptp(points, axis=0).max())
    assert 15 <= extent <= 800
    if name != "size":
        assert 150 <= extent <= 260                 # about the 200 px the families draw at
    resampled = sum(map(len, made)) != sum(map(len, original))
    moved = resampled or not all(np.allclose(a, b) for a, b in zip(made, original))
    assert moved


def test_the_families_are_different_from_one_another():
    """No two families make the same drawing from the same letter and seed."""
    made = {name: np.concatenate(make_family(name, school("o"), np.random.default_rng(3))) for name in FAMILIES}
    names = list(made)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert made[a].shape != made[b].shape or not np.allclose(made[a], made[b]), (a, b)


def test_tremor_shakes_the_whole_path_by_a_few_percent():
    o = as_pixels(school("o"))
    shaky = make_family("tremor", o, np.random.default_rng(2))[0]
    # Distance of each shaky point from the smooth school o: a few percent of its 200 px, everywhere.
    smooth = np.concatenate([np.linspace(a, b, 20) for a, b in zip(o[0][:-1], o[0][1:])])
    away = np.min(np.hypot(*(shaky[:, None] - smooth[None]).transpose(2, 0, 1)), axis=1)
    assert 1 < np.percentile(away, 90) < 0.05 * 200


def test_family_samples_keep_the_letter_and_say_the_family():
    samples = [{"letter": "a", "case": "lower", "writer": "x/1", "strokes": school("a")}]
    out = family_samples("closure", samples, seed=4, copies=2)
    assert len(out) == 2 and all(s["letter"] == "a" and s["family"] == "closure" for s in out)
    assert family_samples("closure", samples, seed=4)[0]["strokes"][0].tolist() == out[0]["strokes"][0].tolist()
    with pytest.raises(KeyError, match="families"):
        make_family("no such family", school("a"), np.random.default_rng(0))


def test_a_sheet_shows_each_drawing_in_its_cell(tmp_path):
    drawings = [school(c) for c in "abc"]
    picture = sheet(drawings, labels=list("abc"), columns=2, cell=64)
    assert picture.shape == (128, 128, 3)
    for r, c in ((0, 0), (0, 1), (1, 0)):
        assert (picture[r * 64 + 20:(r + 1) * 64, c * 64 + 20:(c + 1) * 64] < 100).any()   # ink in each cell
    assert (picture[64 + 20:, 64 + 20:] > 200).all()                                        # the empty fourth
    write_sheet(tmp_path / "s.png", drawings)
    assert (tmp_path / "s.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
