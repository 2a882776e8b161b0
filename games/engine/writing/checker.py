"""How games ask "is this the letter the child was asked to write?".

A checker is any object with ``check(strokes, target) -> Verdict``. The real one wraps
:class:`recognizer.Recognizer`, loaded in the background at start-up so the first screen appears at
once. If the model cannot be loaded, or a check ever fails, the games still run:
:class:`WritingOnlyChecker` accepts any honest attempt (real ink, not a tap) and ``status`` says
that letters are not being checked.

A checker may also offer ``start(strokes, target) -> PendingCheck``: the check then runs on a
worker thread and the TracePad shows a thinking pencil until ``done()``, so a frame never waits for
the numpy work. Checkers without ``start`` (the tests' fake) answer at once, in the frame.

Each child's own checker: when children are picked (``play/who_is_playing.py``),
:func:`use_childrens_checkers` builds for each one ``Recognizer.adapted(examples)`` from the writings a
grown-up confirmed for them (``records/reviews.py``), on a thread (until it is ready the usual checker
answers). Every writing of that child is then checked by it: :func:`checker_for` gives the writing
task the checker of the child at the pen (several players: each their own), and ``check`` without a
child uses the one-player game's child. A decision on the review page counts from the next time the
child is picked. A checker without ``prepare`` / ``for_child`` (the tests' fake) is everyone's.
"""
from __future__ import annotations

import logging
import math
import threading
from collections import OrderedDict

from games.engine.records.reviews import strokes_of
from recognizer.model import TOO_SMALL, Verdict   # the one Verdict: games read what the recognizer says
from recognizer.render import ink_extent

log = logging.getLogger(__name__)


#: The one "too small to be a letter" size for writing on a pad, in canvas pixels (1280x800): ink
#: whose box is under 30 px on its longer side is a tap, a dot or a smudge, however the recognizer
#: would read it. (The recognizer keeps its own, smaller rule for strokes in any units:
#: ``recognizer.model.SMALLEST_LETTER_PX``, which counts only for strokes evidently in pixels.)
SMALLEST_LETTER = 30


MAX_POINTS = 4000   # more points than a child writes in minutes: evenly thinned before any work
MOST_OWN = 8        # children's own checkers kept at once (a game of four, and the next four)
PLAYING = object()  # ``check(..., child=PLAYING)``: the child of the one-player game (``playing``)


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

    def __init__(self, model_path=None, background=True, recognizer=None):
        self._rec = None
        self._fallback = None
        self.background = background
        self.status = "Loading the letter checker..."
        self._ready = threading.Event()
        self._own: OrderedDict = OrderedDict()   # child id -> that child's own Recognizer (newest used last)
        self._wanted: dict = {}                  # child id -> the build whose result is awaited
        self._builds = 0
        self._lock = threading.Lock()
        #: the child whose writing ``check`` looks at when none is named (a one-player game's; None: the guest)
        self.playing = None
        if recognizer is not None:   # already loaded (tests, tools)
            self._rec = recognizer
            self.status = "Letters are checked by the handwriting recognizer."
            self._ready.set()
            return
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

    # -- each child's own checker ------------------------------------------------------------------
    def prepare(self, child_id, examples) -> None:
        """Build ``child_id``'s own checker from their confirmed writings, newest first (``(strokes, letter,
        right[, description])``, the strokes as lists of points or as kept, JSON text), off the frame; until
        it is ready (or with no examples) the usual checker answers for them."""
        with self._lock:
            self._builds += 1
            build = self._wanted[child_id] = self._builds
            self._own.pop(child_id, None)
        if not examples:
            return
        example = example_type()   # recognizer.adapt is imported here, on the main thread
        if not self.background:
            self._build(child_id, build, examples, example)
            return
        threading.Thread(target=self._build, args=(child_id, build, examples, example), daemon=True,
                         name="child-checker").start()

    def _build(self, child_id, build, rows, example) -> None:
        examples = as_examples(rows, example)
        self._ready.wait(timeout=30)
        adapted = getattr(self._rec, "adapted", None)
        if adapted is None:   # no recognizer, or one that cannot learn a child's hand
            return
        try:
            own = adapted(examples)
        except Exception:   # the usual checker stays theirs
            log.exception("a child's own letter checker could not be made")
            return
        with self._lock:
            if self._wanted.get(child_id) != build:   # forgotten, or built again since
                return
            self._own[child_id] = own
            while len(self._own) > MOST_OWN:
                gone, _ = self._own.popitem(last=False)
                self._wanted.pop(gone, None)

    def description_of(self, strokes) -> bytes:
        """The recognizer's description of a writing a grown-up confirms, kept with the decision so that
        the child's own checker is built without reading it again (b"": none, e.g. still loading)."""
        describe = getattr(self._rec, "description_of", None) if self._ready.is_set() else None
        if describe is None:
            return b""
        try:
            return bytes(describe(limited(strokes)))
        except Exception:   # the decision is kept all the same; the build reads the writing itself
            log.exception("a confirmed writing could not be described")
            return b""

    def ready_for(self, child_id) -> bool:
        """Is ``child_id``'s own checker built (False: the usual one answers for them)?"""
        with self._lock:
            return child_id in self._own

    def forget(self, child_id) -> None:
        """Drop ``child_id``'s own checker (the child was deleted); a build under way is not kept."""
        with self._lock:
            self._own.pop(child_id, None)
            self._wanted.pop(child_id, None)
        if self.playing == child_id:
            self.playing = None

    def for_child(self, child_id) -> "ChildChecker":
        """The checker of one child's writing (None: the guest's, the usual one)."""
        return ChildChecker(self, child_id)

    def _recognizer_for(self, child):
        child = self.playing if child is PLAYING else child
        with self._lock:
            own = self._own.get(child) if child is not None else None
            if own is not None:
                self._own.move_to_end(child)
        return child, own

    def check(self, strokes, target, child=PLAYING) -> Verdict:
        """The verdict on ``strokes`` as the ``target`` letter, by ``child``'s own checker when it is built
        (default: the child playing a one-player game). Never raises: if the recognizer fails, it is set
        aside for the rest of the run and writing is accepted unchecked."""
        strokes = limited(strokes)
        if ink_extent(strokes) < SMALLEST_LETTER:
            return Verdict(False, 0.0, "", "too small for a letter", TOO_SMALL)
        self._ready.wait(timeout=30)
        rec = self._rec
        if rec is None:
            return (self._fallback or WritingOnlyChecker()).check(strokes, target)
        child, own = self._recognizer_for(child)
        if own is not None:
            try:
                return own.check(strokes, target)
            except Exception:   # the usual checker answers for this child from now on
                log.exception("a child's own letter checker failed; the usual one checks their writing")
                self.forget(child)
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

    def start(self, strokes, target, child=PLAYING) -> PendingCheck:
        """Begin checking on a worker thread; the TracePad polls the returned PendingCheck."""
        pending = PendingCheck()
        strokes = [list(s) for s in strokes]
        child = self.playing if child is PLAYING else child   # whose writing it is: decided now, in the frame
        if not self.background:
            pending.finish(self.check(strokes, target, child))
            return pending
        threading.Thread(target=self._check_into, args=(pending, strokes, target, child), daemon=True,
                         name="letter-check").start()
        return pending

    def _check_into(self, pending, strokes, target, child=None):
        """The worker: whatever happens, the pending check gets a verdict (the pad waits for it)."""
        try:
            verdict = self.check(strokes, target, child)
        except Exception:
            log.exception("a letter could not be checked")
            verdict = Verdict(False, 0.0, "", "this writing could not be checked")
        pending.finish(verdict)


class ChildChecker:
    """One child's checker: ``check`` and ``start`` as the app's :class:`RecognizerChecker`, by that
    child's own recognizer once it is built (the usual one until then)."""

    def __init__(self, checker: RecognizerChecker, child_id):
        self.checker, self.child_id = checker, child_id

    @property
    def status(self) -> str:
        return self.checker.status

    @property
    def background(self) -> bool:
        return self.checker.background

    @background.setter
    def background(self, on: bool) -> None:
        self.checker.background = on

    def check(self, strokes, target) -> Verdict:
        return self.checker.check(strokes, target, self.child_id)

    def start(self, strokes, target) -> PendingCheck:
        return self.checker.start(strokes, target, self.child_id)


def example_type():
    """The recognizer's ``adapt.Example`` (a plain tuple for a recognizer without it)."""
    try:
        from recognizer.adapt import Example
    except ImportError:
        return lambda *fields: tuple(fields)
    return Example


def as_examples(rows, example) -> list:
    """``(strokes, letter, right[, description])`` rows, newest first, as ``example``s oldest first (the
    recognizer keeps the newest of each letter: the last ones). Strokes kept as JSON text are read here
    (on the builder's thread); a writing that is not strokes is passed over."""
    out = []
    for strokes, letter, right, *described in reversed(list(rows)):
        if isinstance(strokes, str):
            strokes = strokes_of(strokes)
        if strokes:
            out.append(example(strokes, letter, bool(right), *(d for d in described[:1] if d)))
    return out


def checker_for(app, child):
    """The checker ``child``'s writing goes to (None: the guest): their own, when the app's checker keeps
    one for each child, else the app's."""
    for_child = getattr(app.checker, "for_child", None)
    if for_child is None:
        return app.checker
    return for_child(None if child is None else child.id)


def use_childrens_checkers(app, children, playing=None) -> None:
    """``children`` were picked to play (None: a guest): each one's own checker is built from the writings
    a grown-up confirmed for them, off the frame; ``playing`` is the one-player game's child (or None)."""
    checker = app.checker
    if hasattr(checker, "playing"):
        checker.playing = None if playing is None else playing.id
    prepare = getattr(checker, "prepare", None)
    if prepare is None:
        return
    for child in children:
        if child is not None:
            prepare(child.id, app.progress.confirmed(child.id))
