"""WritingTask: how every game asks for a letter (spoken feedback, the help ladder's guide and fallback,
the outcome, the answers handed to the game's recorder). The ladder's own rules: test_help_ladder.py."""
from __future__ import annotations

from dataclasses import dataclass

import pygame
import pytest
from fakes import FakeProgress

from games.engine.records.recorder import Recorder
from games.engine.writing.checker import Verdict
from games.engine.voice.phrases import PHRASES_FILE, read_phrase_file
from games.engine.writing.tracepad import FaintLetterGuide
from games.engine.writing.writing_task import GUIDE_AFTER, Fallback, WritingTask, refusal_of

LINES = read_phrase_file(PHRASES_FILE)
PAD = pygame.Rect(300, 200, 500, 400)


@dataclass(frozen=True)
class RecognizerVerdict:
    """A verdict as the recognizer gives it once it says why it refused."""

    accepted: bool
    confidence: float
    best: str
    reason: str
    refusal: str


class ScriptedChecker:
    """Answers each check with the next verdict of its script."""

    status = "scripted (tests)"

    def __init__(self, *verdicts):
        self.verdicts = list(verdicts)

    def check(self, strokes, target):
        return self.verdicts.pop(0)


def said(line: str, key: str, **values) -> bool:
    return line in [v.format(**values) for v in LINES[key]]


def write(task):
    """The child writes something and presses Done."""
    task.pad.strokes = [[(400, 300), (460, 420)]]
    task.pad.submit()


@pytest.fixture
def setup(make_app):
    def make(*verdicts, **options):
        app = make_app(checker=ScriptedChecker(*verdicts))
        app.progress = FakeProgress()
        outcomes = []
        task = WritingTask(app, PAD, outcomes.append, recorder=Recorder(app.progress, "test_game", "1"), **options)
        return app, task, outcomes
    return make


NO = RecognizerVerdict(False, 0.1, "d", "looks more like 'd' than 'b'", "another letter")


@pytest.mark.parametrize("verdict, key, values", [
    (RecognizerVerdict(False, 0.0, "", "too small for a letter (8 px across)", "too small"), "write_bigger", {"letter": "b"}),
    (RecognizerVerdict(False, 0.2, "d", "looks more like 'd' than 'b'", "another letter"), "looks_like", {"letter": "b", "best": "d"}),
    (RecognizerVerdict(False, 0.1, "o", "looks like a scribble, not a letter", "not a letter"), "not_a_letter", {"letter": "b"}),
    # the game's own checker (its fallback when the model is missing) says why the same way
    (Verdict(False, 0.0, None, "too small for a letter", "too small"), "write_bigger", {"letter": "b"}),
])
def test_each_refusal_gets_its_own_kind_words(setup, verdict, key, values):
    app, task, outcomes = setup(verdict)
    task.start("b")
    write(task)
    assert said(app.speaker.caption, key, **values), app.speaker.caption
    assert outcomes == [] and task.misses == 1 and task.pad.strokes == [], "a fresh pad, the task goes on"


def test_another_letter_is_named_in_the_case_being_written(setup):
    app, task, _ = setup(NO)
    task.start("B")
    write(task)
    assert said(app.speaker.caption, "looks_like", letter="B", best="D")


@pytest.mark.parametrize("verdict", [
    NO,
    RecognizerVerdict(False, 0.0, "", "too small for a letter (8 px across)", "too small"),
    RecognizerVerdict(False, 0.1, "o", "looks like a scribble, not a letter", "not a letter"),
])
def test_a_secret_letter_is_never_named_when_a_try_is_refused(setup, verdict):
    """In missing letter the hidden letter is the riddle: "Try the letter N!" gave it away."""
    app, task, _ = setup(verdict, secret=True)
    task.start("n")
    write(task)
    caption = app.speaker.caption
    assert caption and "letter n" not in caption.lower() and " n " not in f" {caption.lower()} ", caption
    if verdict is NO:
        assert said(caption, "looks_like_secret", best="d")


SCRIBBLE = RecognizerVerdict(False, 0.1, "o", "looks like a scribble, not a letter", "not a letter")


@pytest.mark.parametrize("secret, key", [(False, "not_a_letter"), (True, "not_a_letter_secret")])
def test_a_scribble_is_told_something_true_not_that_it_was_almost_a_letter(setup, secret, key):
    """Before: a scribble in missing letter heard "Almost! Try once more." It was nothing like a letter."""
    for seed in range(6):   # every variant of the line
        app, task, _ = setup(SCRIBBLE, secret=secret)
        app.phrases._rng.seed(seed)
        task.start("n")
        write(task)
        caption = app.speaker.caption
        assert said(caption, key, letter="n"), caption
        assert caption.startswith("Let's write a letter!")
        assert not any(word in caption for word in ("Nearly", "Almost", "Good try")), caption


def test_the_faint_guide_comes_after_n_misses_with_a_word_of_help(setup):
    app, task, outcomes = setup(*[NO] * 5)
    task.start("b")
    for miss in range(1, GUIDE_AFTER + 1):
        assert task.pad.guide is None
        write(task)
    assert isinstance(task.pad.guide, FaintLetterGuide) and task.pad.guide.char == "b"
    queued = [line.caption for line in app.speaker._queue]
    assert any(said(line, "follow_guide", letter="b") for line in queued + [app.speaker.caption])
    assert task.help == "guide" and outcomes == []


@pytest.mark.parametrize("fallback, help_shown", [(Fallback.CHOICES, "choices"), (Fallback.KEEP, "guide"),
                                                   (Fallback.MOVE_ON, "guide"), ("move_on", "guide")])
def test_the_games_fallback_takes_over_after_m_misses_once(setup, fallback, help_shown):
    app, task, outcomes = setup(*[NO] * 6, fallback_after=3, fallback=fallback)
    task.start("b")
    for _ in range(3):
        write(task)
    assert len(outcomes) == 1
    out = outcomes[0]
    assert (out.accepted, out.fallback, out.help, out.misses, out.letter) == (False, fallback, help_shown, 3, "b")
    assert isinstance(out.fallback, Fallback)
    write(task)   # ink after the task ended changes nothing
    assert len(outcomes) == 1 and task.misses == 3


def test_an_accepted_letter_calls_back_once_with_the_outcome(setup):
    yes = RecognizerVerdict(True, 0.9, "b", "looks like 'b'", "")
    app, task, outcomes = setup(NO, yes, yes)
    task.start("b")
    write(task)
    write(task)
    write(task)
    assert len(outcomes) == 1
    out = outcomes[0]
    assert out.accepted and out.verdict is yes and out.help == "none" and out.misses == 1
    assert out.strokes == [[(400, 300), (460, 420)]] and out.seconds >= 0 and out.fallback is None


def test_each_judged_answer_goes_to_the_progress_record_once(setup):
    yes = RecognizerVerdict(True, 0.9, "b", "looks like 'b'", "")
    app, task, outcomes = setup(NO, yes)
    task.start("b", player="Frog")
    write(task)
    assert len(app.progress.answers) == 1
    write(task)
    answers = app.progress.answers
    assert len(answers) == 2
    (first, who1), (second, who2) = answers
    assert (first.letter, first.action, first.correct, first.best_guess, first.game) == ("b", "wrote", False, "d", "test_game")
    assert (second.correct, second.help, second.level) == (True, "none", "1") and who1 == who2 == "Frog"


def test_a_guests_writing_is_offered_to_the_record_and_not_kept(make_app):
    app = make_app(checker=ScriptedChecker(NO))
    app.progress.choose(None)                     # "just play": nobody's answers are kept
    real, kept = app.progress.record, []
    app.progress.record = lambda answer, player=None: kept.append(real(answer, player))
    task = WritingTask(app, PAD, lambda outcome: None, recorder=Recorder(app.progress, "g", "1"))
    task.start("b")
    write(task)
    assert task.misses == 1 and kept == [False]


def test_a_reviewer_can_keep_the_ink_or_count_a_miss(setup):
    yes = RecognizerVerdict(True, 0.9, "t", "looks like 't'", "")
    answers = iter(["keep", "miss", "accept"])
    app, task, outcomes = setup(yes, yes, yes, reviewer=lambda verdict, strokes: next(answers))
    task.start("t")
    write(task)
    assert task.misses == 0 and task.pad.strokes != [], "keep: the ink stays for the child to add to"
    write(task)
    assert task.misses == 1 and outcomes == []
    write(task)
    assert len(outcomes) == 1 and outcomes[0].accepted


def test_refusal_of_an_accepted_verdict_is_empty():
    assert refusal_of(Verdict(True, 0.9, "b", "looks like 'b'")) == ""
    assert refusal_of(Verdict(False, 0.3, "b", "too unsure")) == ""   # a checker that does not say why
