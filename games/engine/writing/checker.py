"""How games ask "is this the letter the child was asked to write?".

A checker is any object with ``check(strokes, target) -> Verdict``. The real one wraps
:class:`recognizer.Recognizer`, loaded in the background at start-up so the first screen appears at
once. If the model cannot be loaded, or a check ever fails, the games still run:
:class:`WritingOnlyChecker` accepts any honest attempt (real ink, not a tap) and ``status`` says
that letters are not being checked.

A checker may also offer ``start(strokes, target) -> PendingCheck``: the check then runs on a
worker thread and the TracePad shows a thinking pencil until ``done()``, so a frame never waits for
the numpy work. Checkers without ``start`` (the tests' fake) answer at once, in the frame.
"""
from __future__ import annotations

import logging
import math
import threading

from recognizer.model import TOO_SMALL, Verdict   # the one Verdict: games read what the recognizer says
from recognizer.render import ink_extent

log = logging.getLogger(__name__)


#: The one "too small to be a letter" size for writing on a pad, in canvas pixels (1280x800): ink
#: whose box is under 30 px on its longer side is a tap, a dot or a smudge, however the recognizer
#: would read it. (The recognizer keeps its own, smaller rule for strokes in any units:
#: ``recognizer.model.SMALLEST_LETTER_PX``, which counts only for strokes evidently in pixels.)
SMALLEST_LETTER = 30


MAX_POINTS = 4000   # more points than a child writes in minutes: evenly thinned before any work


def limited(strokes, most=MAX_POINTS):
    """The strokes, with every k-th point kept (and each stroke's last) if there are over ``most``."""
    total = sum(len(s) for s in strokes)
    if total <= most:
        return strokes
    step = math.ceil(total / most)
    return [list(s[::step]) + ([s[-1]] if (len(s) - 1) % step else []) for s in strokes if len(s)]


class WritingOnlyChecker:
    """Used only when the recognizer's model is missing: praises real writing, not a tap."""

    status = "Letters are not checked: the recognizer model could not be loaded."

    def check(self, strokes, target) -> Verdict:
        if ink_extent(strokes) < SMALLEST_LETTER:
            return Verdict(False, 0.0, "", "too small for a letter", TOO_SMALL)
        return Verdict(True, 0.5, "", "not checked: no recognizer model")


class PendingCheck:
    """A check running on a worker thread: poll ``done()``; then ``verdict`` holds the answer."""

    def __init__(self):
        self.verdict: Verdict | None = None
        self._finished = threading.Event()

    def done(self) -> bool:
        return self._finished.is_set()

    def wait(self, timeout=None) -> bool:
        return self._finished.wait(timeout)

    def finish(self, verdict: Verdict) -> None:
        self.verdict = verdict
        self._finished.set()


class RecognizerChecker:
    """The real checker: :class:`recognizer.Recognizer`, loaded in a background thread.

    ``start`` runs a check on a worker thread (``background = False`` runs it at once instead:
    tests and screenshots must not depend on a thread's timing). The worker only runs numpy code
    of modules imported here on the main thread.
    """

    def __init__(self, model_path=None, background=True):
        self._rec = None
        self._fallback = None
        self.background = background
        self.status = "Loading the letter checker..."
        self._ready = threading.Event()
        try:
            # Import on the main thread: CPython 3.11 can fail with "AST constructor recursion depth
            # mismatch" when one thread compiles modules while another parses Python source.
            from recognizer import model
        except Exception as err:   # a broken install must not stop the games
            self._give_up(err)
            return
        threading.Thread(target=self._load, args=(model.Recognizer, model_path), daemon=True,
                         name="recognizer-load").start()

    def _load(self, recognizer_class, model_path):
        try:
            self._rec = recognizer_class.load(model_path) if model_path else recognizer_class.load()
            self.status = "Letters are checked by the handwriting recognizer."
        except Exception as err:   # a missing or damaged model must not stop the games
            self._give_up(err)
        finally:
            self._ready.set()

    def _give_up(self, err):
        log.warning("letter recognizer unavailable (%s); writing is accepted unchecked", err)
        self._fallback = WritingOnlyChecker()
        self.status = f"{WritingOnlyChecker.status} ({err})"
        self._ready.set()

    def check(self, strokes, target) -> Verdict:
        """The verdict on ``strokes`` as the ``target`` letter. Never raises: if the recognizer
        fails, it is set aside for the rest of the run and writing is accepted unchecked."""
        strokes = limited(strokes)
        if ink_extent(strokes) < SMALLEST_LETTER:
            return Verdict(False, 0.0, "", "too small for a letter", TOO_SMALL)
        self._ready.wait(timeout=30)
        rec = self._rec
        if rec is None:
            return (self._fallback or WritingOnlyChecker()).check(strokes, target)
        try:
            v = rec.check(strokes, target)
            return v
        except Exception as err:   # a damaged model or a bug must not stop the games
            log.exception("the letter recognizer failed; writing is accepted unchecked from now on")
            self._rec = None
            self._fallback = WritingOnlyChecker()
            self.status = (f"Letters are not checked: the recognizer failed "
                           f"({type(err).__name__}: {err}).")
            return self._fallback.check(strokes, target)

    def start(self, strokes, target) -> PendingCheck:
        """Begin checking on a worker thread; the TracePad polls the returned PendingCheck."""
        pending = PendingCheck()
        strokes = [list(s) for s in strokes]
        if not self.background:
            pending.finish(self.check(strokes, target))
            return pending
        threading.Thread(target=self._check_into, args=(pending, strokes, target), daemon=True,
                         name="letter-check").start()
        return pending

    def _check_into(self, pending, strokes, target):
        """The worker: whatever happens, the pending check gets a verdict (the pad waits for it)."""
        try:
            verdict = self.check(strokes, target)
        except Exception:
            log.exception("a letter could not be checked")
            verdict = Verdict(False, 0.0, "", "this writing could not be checked")
        pending.finish(verdict)
