"""Synthetic handwriting traces and scribbles: shapes, seeds, variety, sanity."""

import numpy as np
import pytest

from recognizer.training.scribbles import SCRIBBLE_KINDS, scribble, scribble_dataset
from recognizer.skeletons import LETTER_CHARS, load_skeletons
from recognizer.training.synth import DEFAULT_CANVAS, pointer_events, synth_dataset, synth_strokes


def assert_good_trace(strokes):
    assert isinstance(strokes, list) and strokes
    for stroke in strokes:
        assert isinstance(stroke, np.ndarray)
        assert stroke.dtype == np.float64
        assert stroke.ndim == 2 and stroke.shape[1] == 2 and len(stroke) >= 1
        assert np.isfinite(stroke).all()


def bbox(strokes):
    points = np.vstack(strokes)
    return points.min(axis=0), points.max(axis=0)


def test_every_letter_makes_a_good_trace_on_the_canvas():
    rng = np.random.default_rng(1)
    for char in LETTER_CHARS:
        strokes = synth_strokes(char, rng)
        assert_good_trace(strokes)
        lo, hi = bbox(strokes)
        assert (lo > -5).all() and hi[0] < DEFAULT_CANVAS[0] + 5 and hi[1] < DEFAULT_CANVAS[1] + 5, char


def test_every_allograph_can_be_asked_for():
    rng = np.random.default_rng(2)
    for char, model in load_skeletons().items():
        for allograph in model.allographs:
            assert_good_trace(synth_strokes(char, rng, allograph=allograph.name))


def test_same_seed_same_traces_and_different_seed_different_traces():
    first = synth_strokes("g", np.random.default_rng(7))
    again = synth_strokes("g", np.random.default_rng(7))
    other = synth_strokes("g", np.random.default_rng(8))
    assert len(first) == len(again)
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    assert len(first) != len(other) or any(a.shape != b.shape or not np.allclose(a, b)
                                           for a, b in zip(first, other))


def test_sizes_places_and_shapes_vary():
    rng = np.random.default_rng(3)
    boxes = np.array([np.concatenate(bbox(synth_strokes("a", rng))) for _ in range(40)])
    heights = boxes[:, 3] - boxes[:, 1]
    assert heights.min() > 40 and heights.max() < 480
    assert heights.max() > 2.5 * heights.min()
    assert np.ptp(boxes[:, 0]) > 300 and np.ptp(boxes[:, 1]) > 200
    aspects = (boxes[:, 2] - boxes[:, 0]) / heights
    assert aspects.std() > 0.05


def test_messiness_zero_follows_the_skeleton():
    # Clean trace = skeleton moved and scaled: after fitting both to the unit box,
    # every trace point lies on (near) the skeleton's polyline.
    rng = np.random.default_rng(4)
    for char in "kQ":
        strokes = synth_strokes(char, rng, allograph="school", messiness=0)
        skeleton = load_skeletons()[char].school.strokes
        assert len(strokes) == len(skeleton)
        trace = np.vstack(strokes)
        model = np.vstack([np.linspace(a, b, 200) for s in skeleton for a, b in zip(s.points[:-1], s.points[1:])])
        t_lo, t_hi = trace.min(0), trace.max(0)
        m_lo, m_hi = model.min(0), model.max(0)
        scale = (t_hi[1] - t_lo[1]) / (m_hi[1] - m_lo[1])
        fitted = (trace - t_lo) / scale + m_lo
        distance = np.min(np.hypot(*(fitted[:, None, :] - model[None, :, :]).transpose(2, 0, 1)), axis=1)
        assert distance.max() < 0.01, char


def test_messy_traces_are_not_the_clean_shape():
    rng = np.random.default_rng(5)
    clean = [synth_strokes("E", rng, allograph="school", messiness=0) for _ in range(2)]
    messy = [synth_strokes("E", rng, allograph="school", messiness=1.5) for _ in range(30)]
    assert all(len(t) == 4 for t in clean)
    counts = {len(t) for t in messy}
    assert len(counts) > 1, "merged, missing or extra strokes should happen now and then"


def test_pointer_spacing_is_uneven_like_a_real_finger():
    rng = np.random.default_rng(6)
    spreads = []
    for _ in range(20):
        stroke = synth_strokes("O", rng)[0]
        steps = np.hypot(*np.diff(stroke, axis=0).T)
        spreads.append(steps.std() / steps.mean())
    assert np.median(spreads) > 0.25


def test_allograph_choice_follows_weights():
    rng = np.random.default_rng(9)
    stroke_counts = [len(synth_strokes("I", rng, messiness=0)) for _ in range(200)]
    plain = stroke_counts.count(1) / 200          # plain I (weight 0.8) vs school I (weight 1)
    assert 0.3 < plain < 0.6


def test_bad_requests_get_clear_errors():
    rng = np.random.default_rng(0)
    for not_a_letter in ("7", "ab", "", 5, None):
        with pytest.raises(ValueError, match="a-z or A-Z"):
            synth_strokes(not_a_letter, rng)
    with pytest.raises(ValueError, match="double-storey"):
        synth_strokes("a", rng, allograph="no-such-way")
    with pytest.raises(ValueError, match="messiness"):
        synth_strokes("a", rng, messiness=-1)
    with pytest.raises(ValueError, match="cases"):
        synth_dataset(1, rng, cases="mixed")


def test_dataset_labels_and_cases():
    rng = np.random.default_rng(10)
    traces, labels, chars = synth_dataset(3, rng, cases="both")
    assert len(traces) == len(labels) == len(chars) == 78
    assert labels.dtype.kind == "i" and np.bincount(labels).tolist() == [3] * 26
    for label, char in zip(labels, chars):
        assert "abcdefghijklmnopqrstuvwxyz"[label] == char.lower()
    for trace in traces[:10]:
        assert_good_trace(trace)
    _, _, lower = synth_dataset(1, rng, cases="lower")
    _, _, upper = synth_dataset(1, rng, cases="upper")
    assert "".join(lower) == "abcdefghijklmnopqrstuvwxyz"
    assert "".join(upper) == "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def test_pointer_events_keeps_taps_and_strokes():
    rng = np.random.default_rng(11)
    tap, line = pointer_events([np.array([[10.0, 10.0], [10.0, 10.0]]),
                                np.array([[0.0, 0.0], [300.0, 0.0]])], rng)
    assert 1 <= len(tap) <= 3
    assert len(line) > 10 and abs(line[0, 0]) < 5 and abs(line[-1, 0] - 300) < 5


@pytest.mark.parametrize("kind", SCRIBBLE_KINDS)
def test_every_scribble_kind(kind):
    rng = np.random.default_rng(12)
    for _ in range(5):
        assert_good_trace(scribble(rng, kind))


def test_single_line_scribble_is_never_near_vertical(monkeypatch):
    # A vertical line is a fine 'l' or 'I', so it must not be taught as "not a letter".
    # (A plain school l: without the joined-up lead-ins and exit flicks, which lean its ends.)
    import recognizer.training.synth as synth
    monkeypatch.setattr(synth, "P_LEAD_IN", 0.0)
    monkeypatch.setattr(synth, "P_EXIT_TAIL", 0.0)
    rng = np.random.default_rng(13)
    leans = []
    for _ in range(300):
        stroke = synth_strokes("l", rng, allograph="school")[0]      # [1] would be a stray mark
        dx, dy = np.abs(stroke[-1] - stroke[0])
        leans.append(np.degrees(np.arctan2(dx, dy)))
    assert np.percentile(leans, 99) < 35
    for _ in range(50):
        (line,) = scribble(rng, "line")
        dx, dy = np.abs(line[-1] - line[0])
        assert np.degrees(np.arctan2(dx, dy)) > 35


def test_scribble_dataset_mixes_kinds_and_is_reproducible():
    first = scribble_dataset(16, np.random.default_rng(14))
    again = scribble_dataset(16, np.random.default_rng(14))
    assert len(first) == 16
    for a, b in zip(first, again):
        for sa, sb in zip(a, b):
            np.testing.assert_array_equal(sa, sb)
    assert any(len(t) > 5 for t in first)             # dashes
    assert any(sum(len(s) for s in t) <= 3 for t in first)   # a tap
    with pytest.raises(ValueError, match="random_walk"):
        scribble(np.random.default_rng(0), "doodle")


def test_dataset_messiness_can_be_fixed():
    rng = np.random.default_rng(15)
    traces, labels, chars = synth_dataset(2, rng, cases="upper", messiness=0)
    models = load_skeletons()
    for trace, char in zip(traces, chars):
        assert len(trace) in {len(a.strokes) for a in models[char].allographs}, char


def test_small_canvas_and_int_seed():
    for char in "WgQ":
        strokes = synth_strokes(char, 5, canvas=(100, 80))
        lo, hi = bbox(strokes)
        assert (lo > -5).all() and hi[0] < 105 and hi[1] < 85, char
    for a, b in zip(synth_strokes("x", 3), synth_strokes("x", np.random.default_rng(3))):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(TypeError, match="Generator"):
        synth_strokes("x", "seed")
    assert len(scribble_dataset(3, 4)) == 3
