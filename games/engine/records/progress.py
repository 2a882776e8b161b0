"""Children's progress: the one engine service games record answers through (``app.progress``).

A game calls, where it already decides right or wrong::

    app.progress.record(Answer(game="basketball", level=level.name, letter=card.answer, action="found",
                               correct=ok, chosen=tile.char, help="none", seconds=took))

and, in games with several players, passes ``player=turns.current`` so the answer goes to that child.
For the guest ("Just play") nothing is recorded. The database, the mastery rule, the reports and the
grown-ups' pages live in ``games/engine/profiles/``; README "Profiles, progress and privacy" has the
rules. Nothing here (or anywhere in Letterplay) talks to a network.

Adaptive letters: while a child plays, :meth:`Progress.order` is the chooser ``LetterSet.cards`` uses
(through ``letters.use_chooser``): letters still being learned come up most, known ones keep about a
third of the picks for success, and known letters not seen for a while come back (spaced review).
The teacher can turn this off ("Letters fit the child: off"), and then letters are plain random.
"""
from __future__ import annotations

import json
import logging
import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from games.engine.core import letters as letter_sets
from games.engine.records import writing_help as coach_help
from games.engine.core.letters import CaseMode
from games.engine.records import mastery
from games.engine.records.store import Child, Store

log = logging.getLogger(__name__)

KNOWN_SHARE = 1 / 3     # of the letters drawn, at most about this many are known ones (success), the rest being learned
KNOWN_SHARE_CAP = 0.5   # ...and never more than half their share by number, so a known letter never beats a weak one
REVIEW_DAYS = 3.0       # a known letter's weight grows by 1 for every this many days it was not seen...
REVIEW_MOST = 3.0       # ...up to this much extra
MAX_STROKE_POINTS = 2000


@dataclass(frozen=True)
class Answer:
    """One answer of one child: the letter asked, what the child did and how it went.

    ``letter`` is the letter asked for, in the case asked (``case`` "upper"/"lower" may say it instead);
    ``action``: "tapped" (a tile among a few), "found" (among many), "wrote"; ``help``: "none", "guide"
    (a guide letter or trace), "choices" (letters offered to tap); ``chosen``: what was tapped;
    ``best_guess`` / ``confidence``: the recognizer's reading of a writing; ``strokes``: the writing
    (kept only when the teacher turned samples on).
    """

    game: str
    level: str
    letter: str
    case: str | None = None
    action: str = "tapped"
    correct: bool = False
    chosen: str | None = None
    best_guess: str | None = None
    confidence: float | None = None
    help: str = "none"
    seconds: float | None = None
    strokes: list | None = None

    def __post_init__(self):
        if not (isinstance(self.letter, str) and len(self.letter) == 1 and self.letter.lower() in letter_sets.ALPHABET):
            raise ValueError(f"Answer.letter must be one letter a-z or A-Z, not {self.letter!r}")
        if self.case not in (None, "upper", "lower"):
            raise ValueError(f"Answer.case must be 'upper' or 'lower', not {self.case!r}")
        if self.action not in mastery.ACTIONS:
            raise ValueError(f"Answer.action must be one of {mastery.ACTIONS}, not {self.action!r}")
        if self.help not in mastery.HELPS:
            raise ValueError(f"Answer.help must be one of {mastery.HELPS}, not {self.help!r}")

    @property
    def letter_case(self) -> str:
        return self.case or ("upper" if self.letter.isupper() else "lower")


class Progress:
    """Who is playing, and what their answers say; backed by a :class:`Store` (the SQLite file)."""

    def __init__(self, store: Store):
        self.store = store
        self.child: Child | None = None      # the child playing a one-player game; None is the guest
        self._states: dict[int, dict] = {}
        letter_sets.use_chooser(self.order)

    @classmethod
    def open(cls, path: Path | str | None = None) -> "Progress":
        """The progress file of this user (a damaged one is set aside; see ``profiles.schema``)."""
        return cls(Store(path or Store.default_path()))

    @property
    def problem(self) -> str | None:
        """What went wrong with the progress file, for the grown-ups' screen (None when all is well)."""
        return self.store.problem

    def close(self) -> None:
        self.store.close()

    # -- teacher options ---------------------------------------------------------------------------
    @property
    def adaptive(self) -> bool:
        """Letters fit the child (on), or plain random from the teacher's set (off)."""
        return self.store.option("adaptive", "1") == "1"

    @adaptive.setter
    def adaptive(self, on: bool) -> None:
        self.store.set_option("adaptive", "1" if on else "0")

    @property
    def keep_writing(self) -> bool:
        """Keep the strokes of judged writing so the teacher can look at them (off by default)."""
        return self.store.option("keep_writing", "0") == "1"

    @keep_writing.setter
    def keep_writing(self, on: bool) -> None:
        self.store.set_option("keep_writing", "1" if on else "0")

    # -- who is playing ----------------------------------------------------------------------------
    def active_class(self):
        """The class whose children the picker shows (the one the grown-ups chose; else the first)."""
        classes = self.store.classes()
        chosen = self.store.option("class")
        for c in classes:
            if str(c.id) == chosen:
                return c
        return classes[0] if classes else None

    def set_active_class(self, class_id: int) -> None:
        self.store.set_option("class", str(class_id))

    def class_children(self) -> list[Child]:
        c = self.active_class()
        return self.store.children(c.id) if c else []

    def choose(self, child: Child | None) -> None:
        """``child`` plays now (None: the guest, who records nothing); their writing help is theirs."""
        self.child = child
        coach_help.use_child(child.uid if child else None)

    # -- deleting ----------------------------------------------------------------------------------
    def delete_child(self, child: Child) -> None:
        """The child, every answer and their writing help levels: nothing about them stays."""
        self.store.delete_child(child.id)
        self._forget_child(child)

    def delete_class(self, class_id: int) -> None:
        kids = self.store.children(class_id)
        self.store.delete_class(class_id)
        for child in kids:
            self._forget_child(child)

    def wipe(self) -> None:
        """End of the year: every class, child and answer (export first)."""
        kids = self.store.children()
        self.store.wipe()
        for child in kids:
            self._forget_child(child)

    def _forget_child(self, child: Child) -> None:
        try:
            coach_help.help_file(child.uid).unlink(missing_ok=True)
        except OSError as err:
            log.warning("could not delete the writing help levels of a deleted child: %s", err)
        self._states.pop(child.id, None)
        if self.child is not None and self.child.id == child.id:
            self.choose(None)

    # -- recording ---------------------------------------------------------------------------------
    def record(self, answer: Answer, player=None) -> bool:
        """Keep one answer of the child playing (or of ``player``'s child); True when it was kept.

        The guest's answers are not kept. A failing disk never stops the game (it is logged).
        """
        child = getattr(player, "child", None) if player is not None else None
        child = child or self.child
        if child is None:
            return False
        level = getattr(answer.level, "name", answer.level)
        row = {"uid": uuid.uuid4().hex, "at": time.time(), "game": str(answer.game), "level": str(level),
               "letter": answer.letter.lower(), "letter_case": answer.letter_case, "action": answer.action,
               "correct": int(bool(answer.correct)), "chosen": answer.chosen, "best_guess": answer.best_guess,
               "confidence": None if answer.confidence is None else float(answer.confidence),
               "help": answer.help, "seconds": None if answer.seconds is None else float(answer.seconds),
               "strokes": self._strokes_json(answer) if self.keep_writing else None}
        try:
            self.store.add_answer(child.id, row)
        except sqlite3.Error as err:
            log.warning("could not record an answer: %s", err)
            return False
        states = self._states.get(child.id)
        if states is not None:
            st = states.setdefault((row["letter"], row["letter_case"]), mastery.LetterState())
            st.add(row["at"], row["action"], answer.correct, row["help"])
        return True

    @staticmethod
    def _strokes_json(answer: Answer) -> str | None:
        if answer.action != "wrote" or not answer.strokes:
            return None
        kept, count = [], 0
        for stroke in answer.strokes:
            pts = [(round(float(x)), round(float(y))) for x, y in list(stroke)[: MAX_STROKE_POINTS - count]]
            count += len(pts)
            if pts:
                kept.append(pts)
        return json.dumps(kept, separators=(",", ":")) if kept else None

    # -- what the child knows ----------------------------------------------------------------------
    def states(self, child_id: int) -> dict:
        """(letter, case) -> :class:`~games.engine.records.mastery.LetterState` for the child."""
        if child_id not in self._states:
            self._states[child_id] = self.store.letter_states(child_id)
        return self._states[child_id]

    def forget_cache(self) -> None:
        self._states.clear()

    def weights(self, letters, case, child: Child | None = None, now: float | None = None) -> dict[str, float]:
        """How often each of ``letters`` should come up for the child (bigger: more often).

        Letters still being learned weigh 1 + 3 x (1 - mastery); known ones 1, plus up to 3 more when
        not seen for days (spaced review). Then the known letters together get ``KNOWN_SHARE`` of the
        total (when there are both kinds; at most half their share by number, so each known letter
        still comes up less than each letter being learned): a round of three holds about one known letter.
        """
        child = child or self.child
        states = self.states(child.id) if child else {}
        case = CaseMode(case)
        cases = ("upper",) if case == CaseMode.UPPER else ("lower",) if case == CaseMode.LOWER else mastery.CASES
        now = time.time() if now is None else now
        known, learning = {}, {}
        for letter in dict.fromkeys(c.lower() for c in letters):
            found = [states.get((letter, c)) for c in cases]
            m = sum(st.mastery for st in found if st) / len(cases)
            if m >= mastery.KNOWN:
                last = max((st.last_seen for st in found if st and st.last_seen), default=now)
                known[letter] = 1.0 + min(REVIEW_MOST, max(0.0, now - last) / 86400 / REVIEW_DAYS)
            else:
                learning[letter] = 1.0 + 3.0 * (1.0 - m)
        if known and learning:
            k_total, l_total = sum(known.values()), sum(learning.values())
            share = min(KNOWN_SHARE, KNOWN_SHARE_CAP * len(known) / (len(known) + len(learning)))
            scale_k = share / k_total
            scale_l = (1 - share) / l_total
            known = {c: w * scale_k for c, w in known.items()}
            learning = {c: w * scale_l for c, w in learning.items()}
        return {**known, **learning}

    def order(self, pool, mode, rng) -> list[str] | None:
        """The chooser for ``LetterSet.cards``: ``pool`` in a weighted random order, or None (plain
        random) for the guest or when the teacher turned adaptation off."""
        if self.child is None or not pool or not self.adaptive:
            return None
        try:
            w = self.weights(pool, mode)
        except sqlite3.Error as err:
            log.warning("letters not fitted to the child: %s", err)
            return None
        keyed = [(rng.random() ** (1.0 / w[c.lower()]), c) for c in pool]   # weighted order without replacement
        return [c for _, c in sorted(keyed, reverse=True)]
