"""A checker adapted to one child's confirmed writings (recognizer.adapt, Recognizer.adapted).

The fixtures are shipped (tests/data/adapt_refused_writings.json: real letters the checker refuses);
a child writing a letter again is made with recognizer.training.realpen.childlike."""
import json
import logging
import shutil
from pathlib import Path

import numpy as np
import pytest

from recognizer import Recognizer
from recognizer.adapt import (KEPT_PER_LETTER, LIKE_CONFIRMED, LIKE_NOT_RIGHT, Calibration, ChildHand, Example,
                              pack, unit_features, unpack)
from recognizer.cnn import ConvNet
from recognizer.model import DEFAULT_MODEL, NOT_RIGHT
from recognizer.skeletons import school_strokes
from recognizer.training.realpen import childlike
from recognizer.training.scribbles import scribble_dataset

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "adapt_refused_writings.json"


@pytest.fixture(scope="module")
def rec():
    return Recognizer.load()


@pytest.fixture(scope="module")
def refused():
    """Real letters the base checker refuses: [(strokes, letter)]."""
    return [([np.asarray(s, float) for s in item["strokes"]], item["letter"])
            for item in json.loads(FIXTURE.read_text())]


def written(char, size=220, at=(300, 200)):
    return [np.asarray(s, float) * size + at for s in school_strokes(char)]


def again(strokes, seed):
    """The same child writing the same letter again (wobble, overshoot, slant)."""
    return childlike(strokes, np.random.default_rng(seed))


def test_the_shipped_calibration_fits_the_shipped_networks(rec):
    assert rec.calibration is not None, "assets/models/adaptation.json is missing"
    assert rec.calibration.model == rec.weights_tag().hex(), (
        "the networks changed since the adaptation was calibrated: python -m recognizer.training.calibrate_adapt")
    assert 0 < rec.calibration.accept_distance < 1 and rec.calibration.margin >= 1


def test_adapted_with_nothing_checks_as_the_base_and_shares_its_networks(rec, refused):
    child = rec.adapted([])
    assert child is not rec and child.networks is rec.networks and child.judge is rec.judge
    drawings = [written(c) for c in "abcdefghijklmnopqrstuvwxyzAGMQ"] + [s for s, _ in refused]
    drawings += scribble_dataset(24, np.random.default_rng(5))
    for strokes in drawings:
        for target in ("a", "h", "r", "Z", "A"):
            assert child.check(strokes, target) == rec.check(strokes, target)


def test_a_confirmed_refused_letter_is_accepted_when_that_child_writes_it_again(rec, refused):
    """Each fixture letter is refused by the base; once a grown-up confirmed one writing of it, most
    of that child's later writings of it are accepted, saying why; another child's checker and the
    base still refuse them, and the confirmation changes nothing for the other letters."""
    newly = 0
    for strokes, letter in refused:
        assert not rec.check(strokes, letter).accepted
        child = rec.adapted([Example(again(strokes, 1), letter)])
        other_child = rec.adapted([Example(written(letter.lower()), letter)])
        for seed in (2, 3, 4):
            later = again(strokes, seed)
            verdict = child.check(later, letter)
            if not rec.check(later, letter).accepted and verdict.accepted:
                newly += 1
                assert verdict.adaptation == LIKE_CONFIRMED and verdict.reason == LIKE_CONFIRMED
                assert not other_child.check(later, letter).accepted
            for other in "aeoxz".replace(letter.lower(), ""):       # (the other case of the letter counts)
                assert child.check(later, other) == rec.check(later, other)
    assert newly >= 8          # of up to 15 refused later writings


def test_a_confirmed_scribble_changes_nothing_else_and_other_scribbles_stay_refused(rec):
    scribbles = scribble_dataset(160, np.random.default_rng(9))
    confirmed = scribbles[0]                               # a random walk, confirmed as "a"
    child = rec.adapted([Example(confirmed, "a")])
    for strokes in scribbles[1:] + [written(c) for c in "abcdhmo"]:
        for target in ("b", "o", "d"):
            assert child.check(strokes, target) == rec.check(strokes, target)
    newly = [s for s in scribbles[1:] if child.check(s, "a").accepted and not rec.check(s, "a").accepted]
    assert len(newly) <= 2                                 # of 159 other scribbles asked as "a"


def test_a_child_with_all_letters_confirmed_still_refuses_scribbles(rec):
    """52 confirmed letters (school letters written again): scribbles asked as the letter they look
    most like are accepted no more often than by the base, give or take one in a hundred."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    child = rec.adapted([Example(again(written(c), 1), c) for c in letters]
                        + [Example(again(written(c.upper()), 1), c.upper()) for c in letters])
    scribbles = scribble_dataset(200, np.random.default_rng(21))
    best = [rec.rank(s)[0][0] if rec.check(s, "a").refusal != "nothing written" else "a" for s in scribbles]
    base = sum(rec.check(s, b).accepted for s, b in zip(scribbles, best))
    adapted = sum(child.check(s, b).accepted for s, b in zip(scribbles, best))
    assert adapted <= base + 2


def test_a_writing_confirmed_not_right_refuses_a_close_copy(rec):
    """A 'd' the base accepts for 'a' (or an 'a' itself): once a grown-up said it was not right,
    the same writing again is refused for that target, saying why; a clearly different 'a' is not."""
    not_right = again(written("a"), 1)
    assert rec.check(not_right, "a").accepted
    child = rec.adapted([(not_right, "a", False)])
    copy = again(written("a"), 2)
    assert rec.check(copy, "a").accepted
    verdict = child.check(copy, "a")
    assert not verdict.accepted and verdict.refusal == NOT_RIGHT and verdict.adaptation == LIKE_NOT_RIGHT
    assert child.check(copy, "o") == rec.check(copy, "o")
    # A confirmed-right writing nearer than the not-right one wins.
    both = rec.adapted([(not_right, "a", False), (copy, "a", True)])
    assert both.check(copy, "a").accepted


def test_examples_are_examples_or_tuples_and_bad_ones_say_why(rec):
    child = rec.adapted([(written("a"), "a"), Example(written("b"), "B", False), (written("c"), "c", True)])
    assert len(child.hand) == 3
    with pytest.raises(ValueError, match="letter"):
        rec.adapted([(written("a"), "ab")])
    with pytest.raises(ValueError, match="right"):
        rec.adapted([(written("a"), "a", "yes")])
    with pytest.raises(ValueError, match="must be"):
        rec.adapted(["a"])
    assert rec.hand is None                                # the base is not changed
    assert rec.adapted([([], "a"), ("not strokes", "b")]).hand is None   # nothing usable: as the base


def test_only_the_most_recent_writings_of_a_letter_are_kept(rec):
    examples = [Example(again(written("a"), seed), "a") for seed in range(KEPT_PER_LETTER + 3)]
    assert len(rec.adapted(examples).hand) == KEPT_PER_LETTER


def test_a_description_kept_with_the_writing_is_used_and_another_networks_ignored(rec, refused):
    strokes, letter = refused[0]
    stored = rec.description_of(again(strokes, 1))
    assert 0 < len(stored) < 1000 and rec.description_of([]) == b""
    assert np.allclose(unpack(stored, rec.weights_tag()), rec.describe([again(strokes, 1)])[0], atol=2e-3)
    assert unpack(b"\0" * 8 + stored[8:], rec.weights_tag()) is None     # made by other networks
    assert unpack(stored[:-3], rec.weights_tag()) is None                # damaged
    later = again(strokes, 3)
    from_strokes = rec.adapted([Example(again(strokes, 1), letter)]).check(later, letter)
    from_stored = rec.adapted([Example([], letter, True, stored)]).check(later, letter)   # no strokes needed
    assert from_stored == from_strokes
    wrong_tag = rec.adapted([Example(again(strokes, 1), letter, True, b"\0" * 8 + stored[8:])])
    assert wrong_tag.check(later, letter) == from_strokes                 # described again from the strokes


def test_an_adapted_check_runs_each_network_once(rec, refused, monkeypatch):
    strokes, letter = refused[0]
    child = rec.adapted([Example(again(strokes, 1), letter)])
    calls = []
    outputs = ConvNet.outputs
    monkeypatch.setattr(ConvNet, "outputs", lambda self, x: calls.append(1) or outputs(self, x))
    child.check(again(strokes, 2), letter)
    assert len(calls) == len(rec.networks)


def test_the_rule_calibrated_is_the_rule_checked():
    """calibrate_adapt scores distances with a replica of ChildHand.accepts: the two agree."""
    from recognizer.training.calibrate_adapt import accepted, nearest_per_letter, split
    rng = np.random.default_rng(4)
    features = np.array([unit_features([rng.normal(size=16)]) for _ in range(30)])
    letters = [c for c in "abcdefghij" for _ in range(3)]
    hand = ChildHand(features, letters, [True] * 30, Calibration(0.5, 0.5, 1.25, 0.2))
    for n in range(200):
        drawing = unit_features([features[n % 30] * 3 + rng.normal(size=16)])
        target, probability = "abcdefghij"[n % 10], float(rng.random())
        least = nearest_per_letter(features, np.array(["abcdefghij".index(c) for c in letters]), drawing)
        right, other = split(least, target)
        pairs = {"base": np.array([False]), "overridable": np.array([True]), "right": np.array([right]),
                 "other": np.array([other]), "letter": np.array([probability])}
        assert hand.accepts(drawing, target, lambda: probability) == accepted(pairs, 0.5, 1.25, 0.2)[0]


def test_a_damaged_calibration_leaves_the_checker_working_unadapted(tmp_path, caplog):
    for name in ("letters.npz", "letters.json", "letter_or_not.npz"):
        shutil.copy(DEFAULT_MODEL.with_name(name), tmp_path / name)
    (tmp_path / "adaptation.json").write_text('{"accept_distance": "far"}')
    with caplog.at_level(logging.WARNING):
        damaged = Recognizer.load(tmp_path / "letters.npz")
    assert damaged.calibration is None and "adaptation.json" in caplog.text
    child = damaged.adapted([(written("a"), "a")])
    assert child.hand is None and child.check(written("a"), "a") == damaged.check(written("a"), "a")
    assert Calibration.load(DEFAULT_MODEL.with_name("adaptation.json")).accept_distance > 0
    with pytest.raises(ValueError, match="margin"):
        (tmp_path / "bad.json").write_text('{"accept_distance": 0.1, "refuse_distance": 0.1, "margin": -1, '
                                           '"least_letter": 0}')
        Calibration.load(tmp_path / "bad.json")


def test_pack_keeps_a_description_in_under_a_kilobyte():
    features = unit_features([np.arange(192.0), np.ones(192)])
    stored = pack(features, b"12345678")
    assert len(stored) == 8 + 2 * 384
    assert np.allclose(unpack(stored, b"12345678"), features, atol=1e-3)


def test_the_held_out_writers_are_split_in_halves_that_calibrate_and_grade():
    from recognizer.training.adapt_eval import calibration_writers
    writers = [f"chars74k/{n:03d}" for n in range(1, 29)] + [f"omniglot/drawer{n:02d}" for n in range(1, 11)]
    chosen = calibration_writers(writers)
    assert len(chosen) == 19 and sum(w.startswith("omniglot") for w in chosen) == 5
    assert chosen == calibration_writers(list(reversed(writers)))          # the order given does not matter


def test_the_simulation_counts_what_the_goals_ask(refused):
    """evaluate --adapt on one small simulated child: the counts add up and adapting helps."""
    from recognizer.training.adapt_eval import KeptDrawing, child_figures, rates, remembering, scribble_set
    base = remembering(Recognizer.load())
    letters = [{"target": letter, "confirmed": [KeptDrawing(again(s, seed)) for seed in (1, 2, 3)],
                "tests": [KeptDrawing(again(s, seed)) for seed in (4, 5, 6)]} for s, letter in refused]
    child = {"writer": "test/1", "setting": "realpen", "letters": letters}
    counts = child_figures(base, child, 1, scribble_set(base, 16, seed=3))
    assert counts["tests"] == 3 * len(refused) and counts["wrong"] == 25 * counts["tests"]
    assert counts["examples"] == len(refused) and counts["scribbles"] == 16
    figures = rates(counts)
    assert figures["base_refused"] >= 10 and figures["refused_now_accepted"] >= 0.5
    assert figures["true_accept"] > figures["base_true_accept"]
    assert figures["false_accept"] <= figures["base_false_accept"] + 0.01
