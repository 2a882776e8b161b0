"""The writing coach on synthetic traces of the school letters placed on a pad's lines.

No pygame here except the settings test: the coach's judging is plain numpy.
"""
from __future__ import annotations

import numpy as np
import pytest

from games.engine.writing.coach import (DOTS, TRACE, WRITE, HelpLevels, TracingSession, guess_case, review_letter)
from recognizer.coach.geometry import LetterPlace, dtw_distance, resample
from recognizer.coach.judge import MAX_MISSES, taught_strokes
from recognizer.training.coach_synthetic import fault_fits, pad_place, school_trace

ALL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def trace(char, seed, **kw):
    return school_trace(char, pad_place(char), np.random.default_rng(seed), **kw)


def run_session(char, strokes, order="gentle"):
    session = TracingSession(char, pad_place(char), order)
    verdicts = [session.add_stroke(s) for s in strokes]
    return session, verdicts


def kinds(verdicts):
    return {p.kind for v in verdicts for p in v.problems}


# -- geometry --------------------------------------------------------------------------------------

def test_place_converts_line_units_to_pixels_and_back():
    place = LetterPlace(x0=100, top=50, unit=200)
    points = np.array([[0, 0], [0.5, 1.0], [0.25, 1.5]])
    assert np.allclose(place.to_pixels(points), [[100, 50], [200, 250], [150, 350]])
    assert np.allclose(place.to_units(place.to_pixels(points)), points)


def test_dtw_is_small_for_the_same_path_and_large_for_the_path_backwards():
    down = resample([[0, 0], [0, 1]])
    assert dtw_distance(down, down) == pytest.approx(0)
    assert dtw_distance(down + [0.05, 0], down) == pytest.approx(0.05)
    assert dtw_distance(down[::-1], down) > 0.4


# -- tracing with a guide (levels 1 and 2) ---------------------------------------------------------

@pytest.mark.parametrize("order", ["off", "gentle", "strict"])
def test_exact_traces_of_every_letter_pass_in_every_order_mode(order):
    for char in ALL:
        session, verdicts = run_session(char, trace(char, 0, messiness=0), order)
        assert session.finished and session.clean, (char, verdicts)
        assert all(v.counted for v in verdicts)


def test_clean_but_wobbly_traces_almost_never_get_a_complaint():
    complaints = total = 0
    for seed, char in enumerate(ALL * 2):
        session, verdicts = run_session(char, trace(char, seed))
        total += 1
        complaints += not session.clean
    assert complaints / total <= 0.05, f"{complaints} of {total} clean traces got a complaint"


@pytest.mark.parametrize("char", list("abkRgtHo"))
def test_a_reversed_stroke_is_told_to_follow_the_arrow(char):
    strokes = taught_strokes(char)
    for seed in range(3):
        gentle, verdicts = run_session(char, trace(char, seed, messiness=0.5, fault="reversed"))
        assert "direction" in kinds(verdicts), (char, seed, verdicts)
        assert gentle.finished and not gentle.clean     # gentle: a tip, but the stroke counts
        strict, verdicts = run_session(char, trace(char, seed, messiness=0.5, fault="reversed"), "strict")
        assert "direction" in kinds(verdicts) and not strict.finished   # strict: do it again
        off, verdicts = run_session(char, trace(char, seed, messiness=0.5, fault="reversed"), "off")
        assert off.finished and off.clean
    assert strokes   # the letter has a skeleton


@pytest.mark.parametrize("char,part", [("t", "bar"), ("f", "bar"), ("A", "bar"), ("H", "bar"), ("E", "bar"),
                                       ("i", "dot"), ("j", "dot"), ("m", "hump")])
def test_a_forgotten_bar_dot_or_hump_is_named_when_the_child_says_done(char, part):
    for seed in range(3):
        session, verdicts = run_session(char, trace(char, seed, messiness=0.5, fault="missing"))
        assert not session.finished
        assert [p.part for p in session.missing_parts()] == [part]


@pytest.mark.parametrize("order", ["off", "gentle", "strict"])
def test_a_stroke_far_off_the_path_is_answered_at_once_and_not_counted(order):
    for seed, char in enumerate("aktHRgE"):
        session, verdicts = run_session(char, trace(char, seed, messiness=0.5, fault="off_path"), order)
        off = [v for v in verdicts if any(p.kind == "off_path" for p in v.problems)]
        assert off and not any(v.counted for v in off), (char, verdicts)


def test_strokes_in_the_wrong_order_get_a_tip_or_a_redo():
    for seed, char in enumerate("tHEkA"):
        gentle, verdicts = run_session(char, trace(char, seed, messiness=0.5, fault="order"))
        assert "order" in kinds(verdicts) and gentle.finished
        strict, verdicts = run_session(char, trace(char, seed, messiness=0.5, fault="order"), "strict")
        assert "order" in kinds(verdicts) and not verdicts[0].counted


def test_after_three_misses_a_stroke_is_marked_done_so_every_child_finishes():
    session = TracingSession("t", pad_place("t"))
    scribble = pad_place("t").to_pixels([[1.5, 1.2], [1.7, 1.3]])
    for attempt in range(MAX_MISSES):
        verdict = session.add_stroke(scribble)
        assert not verdict.counted
    assert verdict.given == 0 and session.done[0] and session.current == 1 and not session.clean


def test_a_session_refuses_an_unknown_order_mode():
    with pytest.raises(ValueError, match="stroke order"):
        TracingSession("a", pad_place("a"), "sometimes")


# -- writing from memory (level 3) ---------------------------------------------------------------

def test_exact_letters_written_anywhere_on_the_lines_get_no_complaint():
    for seed, char in enumerate("aegkmtyABHQR"):
        strokes = trace(char, seed, messiness=0, free=True)
        review = review_letter(strokes, char, pad_place(char), "strict", case_must_match=True)
        assert review.clean, (char, review.problems, review.coverage)


@pytest.mark.parametrize("char,part", [("t", "bar"), ("A", "bar"), ("H", "bar"), ("E", "bar"), ("i", "dot"),
                                       ("j", "dot"), ("m", "hump"), ("f", "bar")])
def test_written_letters_missing_their_bar_dot_or_hump_are_caught(char, part):
    strokes = trace(char, 7, messiness=0.5, fault="missing", free=True)
    review = review_letter(strokes, char, pad_place(char))
    assert part in [p.part for p in review.problems if p.kind == "missing"], (review.problems, review.coverage)


def test_written_letters_with_a_backwards_stroke_get_a_direction_tip_unless_order_is_off():
    strokes = trace("k", 3, messiness=0.5, fault="reversed", free=True)
    assert "direction" in {p.kind for p in review_letter(strokes, "k", pad_place("k"), "gentle").problems}
    assert review_letter(strokes, "k", pad_place("k"), "off").clean


def test_written_letters_with_strokes_in_the_wrong_order_get_an_order_tip_unless_order_is_off():
    for seed, char in enumerate("tHbE"):
        strokes = trace(char, seed, messiness=0.5, fault="order", free=True)
        assert "order" in {p.kind for p in review_letter(strokes, char, pad_place(char), "gentle").problems}
        assert review_letter(strokes, char, pad_place(char), "off").clean


@pytest.mark.parametrize("char", list("cosuvwxz"))
def test_case_of_same_shape_letters_comes_from_the_lines(char):
    for seed in range(3):
        for written in (char, char.upper()):
            strokes = school_trace(written, pad_place(written), np.random.default_rng(seed))
            # The child may sit the letter anywhere along the lines: judge against a centred place.
            expected = "upper" if written.isupper() else "lower"
            assert guess_case(strokes, char, pad_place(char)) == expected, (written, seed)


def test_case_must_match_turns_a_wrong_case_into_a_problem():
    strokes = trace("O", 1)
    assert review_letter(strokes, "o", pad_place("o"), case_must_match=False).clean
    problems = review_letter(strokes, "o", pad_place("o"), case_must_match=True).problems
    assert [(p.kind, p.part) for p in problems] == [("case", "lower")]


def test_synthetic_faults_fit_only_letters_that_can_have_them():
    assert fault_fits("t", "missing") and not fault_fits("o", "missing") and not fault_fits("l", "order")
    with pytest.raises(ValueError, match="cannot have"):
        trace("o", 0, fault="missing")


# -- help levels -----------------------------------------------------------------------------------

def test_help_goes_up_after_three_clean_successes_and_down_after_two_misses():
    help = HelpLevels()
    assert help.level("a") == TRACE
    assert [help.record("a", "clean") for _ in range(3)] == [TRACE, TRACE, DOTS]
    help.record("a", "clean")
    help.record("a", "helped")           # a tip breaks the streak
    help.record("a", "clean")
    assert help.record("a", "clean") == DOTS
    assert help.record("a", "clean") == WRITE
    assert help.record("a", "miss") == WRITE
    assert help.record("a", "miss") == DOTS
    assert help.level("A") == TRACE      # capitals are learnt separately
    with pytest.raises(ValueError):
        help.record("a", "great")


def test_help_levels_are_saved_and_a_damaged_file_gives_fresh_levels(tmp_path):
    path = tmp_path / "writing_help.json"
    help = HelpLevels()
    for _ in range(3):
        help.record("m", "clean")
    help.save(path)
    assert HelpLevels.load(path).level("m") == DOTS
    path.write_text("{not json", encoding="utf-8")
    assert HelpLevels.load(path).level("m") == TRACE
    assert list(tmp_path.glob("writing_help.json.broken-*"))
    assert HelpLevels.from_json({"letters": {"a": {"level": 9, "clean": 0, "misses": 0}, "b": "x"}}).level("a") == TRACE
