"""check() on strokes: why a drawing is refused, same-shape letters, the letter-or-not judge."""
import numpy as np
import pytest

from recognizer import Recognizer
from recognizer.drawing import Drawing
from recognizer.letter_or_not import FEATURES, PATH_VERSION, LetterOrNot, drawing_features
from recognizer.model import NOT_A_LETTER, NOT_RIGHT, NOTHING, OTHER_LETTER, REFUSALS, SAME_SHAPES, TOO_SMALL
from recognizer.training.families import make_family
from recognizer.training.scribbles import scribble
from recognizer.skeletons import school_strokes


@pytest.fixture(scope="module")
def rec():
    return Recognizer.load()


def written(char, size=220, at=(300, 200)):
    return [np.asarray(s, float) * size + at for s in school_strokes(char)]


def test_an_honest_letter_is_accepted_with_no_refusal(rec):
    v = rec.check(written("b"), "b")
    assert v.accepted and v.refusal == ""


def test_each_refusal_says_why(rec):
    assert rec.check([], "a").refusal == NOTHING
    assert rec.check("not strokes", "a").refusal == NOTHING
    assert rec.check([[(300, 300), (303, 302)]], "a").refusal == TOO_SMALL
    zigzag = [np.array([(300 + 20 * i, 300 + (120 if i % 2 else 0)) for i in range(14)], float)]
    assert rec.check(zigzag, "w").refusal == NOT_A_LETTER
    v = rec.check(written("d"), "b")                      # a mirror-reversed b is a d
    assert not v.accepted and v.refusal == OTHER_LETTER and v.best == "d"
    assert "'d'" in v.reason
    assert {NOTHING, TOO_SMALL, NOT_A_LETTER, OTHER_LETTER, NOT_RIGHT} == set(REFUSALS)   # NOT_RIGHT: adapted only


@pytest.mark.parametrize("asked, drawn", [("I", "l"), ("l", "I")])
def test_a_bar_is_both_a_capital_i_and_an_l(rec, asked, drawn):
    assert asked in SAME_SHAPES
    bar = [np.array([(400, 150 + 4 * k) for k in range(60)], float)]
    v = rec.check(bar, asked)
    assert v.accepted, v
    assert rec.check(bar, "m").refusal == OTHER_LETTER


def test_a_bar_is_not_a_lower_case_i_without_its_dot_rule_changing_elsewhere(rec):
    assert "i" not in SAME_SHAPES      # an undotted i is judged by the networks alone


def test_every_school_model_letter_is_accepted(rec):
    """Neat letters, straight lines and sharp corners included (v, x, V, W), are letters."""
    refused = [(c, v.reason) for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
               for v in [rec.check(written(c), c)] if not v.accepted]
    assert refused == []


def test_the_judge_rates_letters_above_scribbles(rec):
    if rec.judge is None:
        pytest.skip("no letter-or-not judge shipped beside the weights")
    rng = np.random.default_rng(4)

    def p(strokes):
        drawing = Drawing(strokes)
        return rec.judge.probability(drawing_features(drawing, rec.drawing_probabilities(drawing)))

    letters = [p(written(c)) for c in "abcdefghijklmnopqrstuvwxyzAEGKMRSW"]
    walks = [p(scribble(rng, "random_walk")) for _ in range(30)]
    assert np.median(letters) > 0.9 and np.median(walks) < 0.3
    assert np.mean(np.array(letters) >= rec.judge.threshold) >= 0.95


def test_a_damaged_judge_is_refused_at_load(tmp_path):
    with pytest.raises(ValueError, match="judge"):
        LetterOrNot(np.zeros(len(FEATURES)), np.ones(len(FEATURES)), [np.full((len(FEATURES), 1), np.nan)], [np.zeros(1)])
    with pytest.raises(ValueError, match="judge"):
        LetterOrNot(np.zeros(3), np.ones(3), [np.ones((3, 1))], [np.zeros(1)])


def test_the_judge_round_trips_through_its_file(tmp_path):
    rng = np.random.default_rng(0)
    judge = LetterOrNot(rng.normal(size=len(FEATURES)), rng.uniform(0.5, 2, len(FEATURES)),
                        [rng.normal(size=(len(FEATURES), 4)), rng.normal(size=(4, 1))],
                        [rng.normal(size=4), rng.normal(size=1)], {"threshold": 0.4, "path_version": PATH_VERSION})
    judge.save(tmp_path / "j.npz")
    again = LetterOrNot.load(tmp_path / "j.npz")
    x = rng.normal(size=(5, len(FEATURES)))
    assert np.allclose(judge.probability(x), again.probability(x), atol=1e-5)
    assert again.threshold == 0.4


def test_the_operating_point_chooser_accepts_exactly_what_check_accepts(rec):
    """train_letter_or_not chooses the operating point from precomputed figures; they must be
    check()'s own verdicts (true target and every other target), or the chosen point lies."""
    from recognizer import LETTERS
    from recognizer.training.train_letter_or_not import Targets, featurise
    rng = np.random.default_rng(4)
    samples = [{"letter": c.lower(), "case": "upper" if c.isupper() else "lower", "strokes": written(c)}
               for c in "abdIlqS"]
    samples += [{"letter": "o", "case": "lower", "strokes": scribble(rng, kind)} for kind in ("zigzag", "random_walk", "blob")]
    samples += [{"letter": c, "case": "lower", "strokes": make_family(family, written(c), rng)}
                for c, family in (("w", "retrace"), ("m", "retrace"), ("o", "tremor"), ("e", "size"))]
    samples += [{"letter": "o", "case": "lower", "strokes": written("o", size=8)}]        # too small
    targets = Targets(samples, *featurise(rec, [s["strokes"] for s in samples], "test letters"))
    point = rec.operating_point
    judge_p = rec.judge.probability(targets.rows) if rec.judge else np.ones(len(samples))
    judged = {"threshold": rec.judge.threshold, "sure_probability": rec.judge.sure_probability,
              "sure_threshold": rec.judge.sure_threshold, "sure_reversals": rec.judge.sure_reversals} \
        if rec.judge else {"threshold": 0.0}
    true_accept, false_accept = targets.rates(judge_p, {**point, **judged})

    def asked(sample, letter):
        return letter.upper() if sample["case"] == "upper" else letter
    checked_true = [rec.check(s["strokes"], asked(s, s["letter"])).accepted for s in samples]
    checked_false = [rec.check(s["strokes"], asked(s, c)).accepted for s in samples for c in LETTERS if c != s["letter"]]
    assert true_accept == pytest.approx(np.mean(checked_true))
    assert false_accept == pytest.approx(np.mean(checked_false))
    assert 0 < true_accept < 1                 # the scribbles are refused, the letters accepted
