"""One letter for the child to write: the pad, the checker, the help ladder and the answer, in one place.

Every game that asks a child to write a letter does it through a :class:`WritingTask`:

- ``start(letter)`` clears the pad for a new letter; the child writes; the checker gives its verdict;
- a miss gets kind, specific words from the verdict's refusal ("That looks like the letter d!",
  "Write it a bit bigger!", "Let's write a letter!") and a fresh pad; the
  :class:`~games.engine.writing.help_ladder.HelpLadder` says what comes next: after ``guide_after``
  misses a faint guide letter shows behind the ink ("Here is a little help..."); after
  ``fallback_after`` misses the game's own way out takes over, a
  :class:`~games.engine.writing.help_ladder.Fallback` (``CHOICES``: letters to tap, ``KEEP``: keep it
  anyway, ``MOVE_ON``: throw it anyway, ``TRACE``: trace it with dots);
- ``on_done(outcome)`` is called exactly once per letter with the :class:`Outcome`;
- each judged answer goes to the game's ``recorder`` (``GAME.recorder(app, level)``, see
  ``games/engine/records/recorder.py``), the same one the game records its taps and finds through.

A game that judges more than *which* letter was written (trace-and-write's coach judges *how*) gives
a ``reviewer``: it sees each accepted verdict first and may keep the task going (see ``reviewer``).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from games.engine.writing.checker import checker_for
from games.engine.writing.help_ladder import GUIDE_AFTER, Fallback, HelpLadder, Rung
from games.engine.writing.tracepad import FaintLetterGuide, TracePad

__all__ = ["GUIDE_AFTER", "Fallback", "Outcome", "WritingTask", "refusal_of"]


def refusal_of(verdict) -> str:
    """Why ``verdict`` refused the writing: "too small", "not a letter", "another letter", or ""
    (accepted, or a checker that does not say why)."""
    return "" if verdict.accepted else (getattr(verdict, "refusal", "") or "")


@dataclass(frozen=True)
class Outcome:
    """How one written letter went, handed to the game once.

    ``help``: the most help shown ("none", "guide" or "choices"); ``fallback``: the game's way out
    that took over (None when the child's writing was accepted); ``seconds``: from ``start`` to now.
    """

    letter: str
    accepted: bool
    verdict: object | None
    strokes: list = field(default_factory=list)
    help: str = "none"
    misses: int = 0
    seconds: float = 0.0
    fallback: Fallback | None = None


class WritingTask:
    """The pad a game writes on, and the help ladder around it (see the module's docstring).

    Hooks, all optional:

    - ``reviewer(verdict, strokes) -> str`` sees every accepted verdict first and answers "accept"
      (done), "keep" (the ink stays, the child adds to it: nothing else happens) or "miss" (counted
      as a miss; the reviewer has said why, so no other words are spoken);
    - ``on_miss(outcome)`` hears of every miss, before the next rung of the ladder;
    - ``retry_guide(misses)`` gives the guide for the fresh pad after a miss (default: the faint
      letter from ``guide_after`` misses on, with "Here is a little help...");
    - ``on_other_verdict(verdict, strokes)`` gets the pad's verdicts while no letter task runs (a
      game that also uses the pad for tracing);
    - ``on_stroke`` / ``on_erase`` go to the :class:`~games.engine.writing.tracepad.TracePad`;
    - ``secret=True``: which letter to write is the riddle (missing letter), so a refusal never says
      it; only the guide, after ``guide_after`` misses, shows it.
    """

    def __init__(self, app, rect, on_done, *, recorder, guide_after: int = GUIDE_AFTER,
                 fallback_after: int | None = None, fallback: Fallback | str = Fallback.KEEP,
                 auto_submit: float | None = None, reviewer=None, on_miss=None, retry_guide=None,
                 on_other_verdict=None, on_stroke=None, on_erase=None, secret: bool = False, clock=time.monotonic):
        self.app, self.on_done = app, on_done
        self.recorder = recorder   # the game's (GAME.recorder(app, level)); None: a task whose answers are not kept
        self.ladder = HelpLadder(guide_after, fallback_after, fallback)
        self.secret = secret   # the letter is the riddle (which one was hidden?): feedback never names it
        self.reviewer, self.on_miss, self.retry_guide, self.clock = reviewer, on_miss, retry_guide, clock
        self.on_other_verdict = on_other_verdict
        self.pad = TracePad(rect, app.checker, on_verdict=self._on_verdict, on_stroke=on_stroke, on_erase=on_erase,
                            on_wait=self._keep_going,
                            auto_submit=app.settings.auto_submit if auto_submit is None else auto_submit)
        self.letter = ""
        self.player = None
        self.done = True
        self._started = clock()

    @property
    def misses(self) -> int:
        return self.ladder.misses

    @property
    def help(self) -> str:
        """The most help shown for this letter: "none", "guide" or "choices" (a game may raise it)."""
        return self.ladder.help

    @help.setter
    def help(self, shown: str) -> None:
        self.ladder.help = shown

    def start(self, letter: str, *, guide=None, player=None, again: bool = False) -> None:
        """A new letter to write: a clean pad, no misses, the clock starts. ``again``: the same letter
        once more after a break (watching it written): the misses, help and clock go on."""
        if not (again and letter == self.letter):
            self.ladder.restart()
            self._started = self.clock()
        self.letter, self.player, self.done = letter, player, False
        # the writing is checked by the checker of the child at the pen (each child their own; no player
        # named: the app's, which checks for the child of a one-player game)
        self.pad.checker = (self.app.checker if player is None
                            else checker_for(self.app, getattr(player, "child", None)))
        self.pad.reset(target=letter, guide=guide)

    @property
    def seconds(self) -> float:
        return self.clock() - self._started

    def _keep_going(self) -> None:
        """The pad waits on a half-written letter: say so, and name the "I'm done" tick (once a letter)."""
        if not self.done:
            self.app.speaker.say(self.app.phrases.get("keep_going"))

    # -- verdicts ----------------------------------------------------------------------------------
    def _on_verdict(self, verdict, strokes) -> None:
        if self.done:
            if self.on_other_verdict is not None:
                self.on_other_verdict(verdict, strokes)
            return
        if verdict.accepted:
            decision = self.reviewer(verdict, strokes) if self.reviewer else "accept"
            if decision == "keep":
                return
            if decision == "accept":
                self.report(verdict, strokes, correct=True)
                self.finish(True, verdict, strokes)
                return
            self.report(verdict, strokes, correct=False)
            self._missed(verdict, strokes, speak=False)
            return
        self.report(verdict, strokes, correct=False)
        self._missed(verdict, strokes, speak=True)

    def _missed(self, verdict, strokes, speak: bool) -> None:
        rung = self.ladder.miss()
        if self.on_miss is not None:
            self.on_miss(self._outcome(False, verdict, strokes))
        if rung is Rung.FALLBACK:
            self.finish(False, verdict, strokes, fallback=self.ladder.fallback)
            return
        if speak:
            self.say_feedback(verdict)
        if self.retry_guide is not None:
            self.pad.reset(guide=self.retry_guide(self.misses))
            return
        self.pad.reset(guide=FaintLetterGuide(self.letter) if self.ladder.shows_guide else None)
        if rung is Rung.GUIDE:
            self.app.speaker.say(self.app.phrases.get("follow_guide", letter=self.letter))

    def say_feedback(self, verdict) -> None:
        """The kind answer to a refused letter, true to why it was refused (a scribble is not "almost"
        a letter). A secret letter (which one was hidden is the riddle) is never named."""
        refusal = refusal_of(verdict)
        if self.secret:
            key = {"too small": "write_bigger_secret", "another letter": "looks_like_secret",
                   "not a letter": "not_a_letter_secret"}.get(refusal, "try_again")
        else:
            key = {"too small": "write_bigger", "another letter": "looks_like",
                   "not a letter": "not_a_letter"}.get(refusal, "try_again")
        best = getattr(verdict, "best", None) or ""
        best = best.upper() if self.letter.isupper() else best.lower()
        self.app.sounds.play("try_again")
        self.app.speaker.say(self.app.phrases.get(key, letter=self.letter, best=best), interrupt=True)

    # -- the end of a letter -----------------------------------------------------------------------
    def cancel(self) -> None:
        """Set the letter aside without an outcome (the game moved on to something else)."""
        self.done = True

    def finish(self, accepted: bool, verdict=None, strokes=None, *, fallback: Fallback | None = None) -> None:
        """End this letter and tell the game, once (later calls do nothing)."""
        if self.done:
            return
        self.done = True
        self.on_done(self._outcome(accepted, verdict, strokes, fallback))

    def _outcome(self, accepted, verdict, strokes, fallback=None) -> Outcome:
        return Outcome(self.letter, accepted, verdict, [list(s) for s in strokes or []], self.help, self.misses,
                       self.seconds, fallback)

    def report(self, verdict, strokes, *, correct: bool, chosen: str | None = None, letter: str | None = None,
               help: str | None = None) -> None:
        """Hand one judged answer to the game's recorder (none: nothing is kept).

        A written answer gives ``verdict`` and ``strokes``; a tapped one (the "choices" fallback)
        gives ``chosen`` and no verdict. ``letter`` and ``help`` default to this task's.
        """
        letter = letter or self.letter
        if self.recorder is None or not letter:
            return
        refusal = None   # why a writing was not right, for the grown-ups' review of it
        if verdict is not None and not correct:
            refusal = refusal_of(verdict) or ("how it was written" if verdict.accepted else None)
        self.recorder.record(letter, "wrote" if chosen is None else "tapped", correct, player=self.player,
                             chosen=chosen, help=help or self.help, seconds=self.seconds,
                             best_guess=getattr(verdict, "best", None) or None,
                             confidence=getattr(verdict, "confidence", None), strokes=strokes, refusal=refusal)
