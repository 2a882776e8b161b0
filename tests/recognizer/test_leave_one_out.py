"""Leave-one-family-out: the judge is trained without the family it is measured on."""
import numpy as np
import pytest

from recognizer import Recognizer
from recognizer.training.families import FAMILIES, family_samples
from recognizer.training.leave_one_out import per_letter_true, rotation, summary
from recognizer.training.realpen import target_of
from recognizer.training.scribbles import scribble_dataset
from recognizer.training.train_letter_or_not import Scribbles, Targets, featurise
from recognizer.skeletons import school_strokes

pytest.importorskip("sklearn", reason="leave-one-family-out trains judges: needs the train extra (scikit-learn)")


def letters(chars, seed):
    rng = np.random.default_rng(seed)
    return [{"letter": c.lower(), "case": "upper" if c.isupper() else "lower", "writer": "t/1",
             "strokes": [np.asarray(s, float) * rng.uniform(150, 250) + rng.uniform(100, 400, 2)
                         for s in school_strokes(c)]} for c in chars]


def test_each_family_is_left_out_of_the_judge_that_is_measured_on_it(monkeypatch):
    rec = Recognizer.load(judge=False)
    families = ["tremor", "closure"]
    train = letters("abcdeoklmnrsuwxzABDEGKMNRS" * 2, 0)
    held = letters("aeomnrwsAMR", 1)
    pools = {"synthetic": featurise(rec, [s["strokes"] for s in letters("abcdefghijklmnopqrstuvwxyz", 2)])}
    for name in ["realpen"] + families:
        samples = train if name == "realpen" else family_samples(name, train, 3)
        pools[name] = Targets(samples, *featurise(rec, [s["strokes"] for s in samples]))
    scribbles = scribble_dataset(120, np.random.default_rng(4))
    pools["scribbles"] = [featurise(rec, scribbles)[0]]
    pools["validation_scribbles"] = Scribbles(*featurise(rec, scribble_dataset(120, np.random.default_rng(5))))
    held_sets = {}
    for name in families:
        samples = family_samples(name, held, 6)
        held_sets[name] = (samples, Targets(samples, *featurise(rec, [s["strokes"] for s in samples])))

    import recognizer.training.leave_one_out as loo
    seen = []
    real_train = loo.train_judge
    monkeypatch.setattr(loo, "train_judge", lambda pools, leave_out, **k: seen.append(set(leave_out))
                        or real_train(pools, leave_out=leave_out, max_false=0.05, worst=0.1, **k))
    results = rotation(pools, held_sets)
    assert seen == [{"tremor"}, {"closure"}]
    assert [r["family"] for r in results] == families
    for r in results:
        assert 0.5 <= r["true_accept"] <= 1 and 0 <= r["false_accept"] <= 0.1 and r["count"] == len(held)
    s = summary(results)
    assert s["worst_family_true_accept"] == min(r["true_accept"] for r in results)
    assert s["mean_true_accept"] == pytest.approx(np.mean([r["true_accept"] for r in results]), abs=1e-4)


def test_per_letter_figures_keep_the_case():
    samples = letters("aAa", 0)
    assert per_letter_true(samples, [True, False, False]) == {"A": 0.0, "a": 0.5}
    assert [target_of(s) for s in samples] == ["a", "A", "a"]
    assert set(FAMILIES) >= {"tremor", "closure"}
