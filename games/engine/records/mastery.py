"""What the answers say a child knows: one :class:`LetterState` per letter and case.

The rule (also in the README), a weighted score:

- Each answer is evidence with a weight: writing a letter 1.0 (strong: nobody writes a b by chance),
  finding it among many 0.35, tapping it among a few 0.25 (weak: a guess often succeeds). Help shown
  lowers the weight of a right answer: a guide letter x0.5, three choices to tap x0.3.
- Older evidence fades: each newer answer of the same letter and case multiplies the old by ``FADE``.
- ``mastery = right evidence / (all evidence + 1)``, between 0 and 1. The "+1" keeps one lucky answer
  from counting as knowing (one right writing gives 0.5); taps alone can never pass about 0.7.
- The teacher's three marks: **seen** (any answer), **recognises** (at least two right answers without
  help and mastery >= 0.3), **writes** (at least two right writings without help and mastery >= 0.6).

An answer a grown-up reviewed ("This was right" / "This was not right", ``reviews.py``) counts as they
decided (:func:`verdict`); the game's own verdict stays in the record. A state is kept in the database (``letter_states``, as :meth:`LetterState.to_json`) with the answer it
was folded through, so a page folds only the answers since: the same figures as folding every answer.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

ACTION_WEIGHT = {"wrote": 1.0, "found": 0.35, "tapped": 0.25}
HELP_FACTOR = {"none": 1.0, "guide": 0.5, "choices": 0.3}
FADE = 0.85
KNOWN = 0.6            # mastery from which a letter counts as known (games then show it less)
RECOGNISES_AT = 0.3
WRITES_AT = 0.6

UNSEEN, SEEN, RECOGNISES, WRITES = 0, 1, 2, 3
MARK_NAMES = {UNSEEN: "not yet", SEEN: "seen", RECOGNISES: "recognises", WRITES: "writes"}
MARK_SYMBOLS = {UNSEEN: "", SEEN: "○", RECOGNISES: "◐", WRITES: "●"}
ACTIONS = tuple(ACTION_WEIGHT)
#: why a writing was not right, as the game's checker said it (``recognizer.model.REFUSALS``; the last of
#: them from a child's own checker), and "how it was written": the checker read the letter, the writing
#: coach did not pass how it was made
REFUSALS = ("nothing written", "too small", "not a letter", "another letter", "not right, a grown-up said",
            "how it was written")
HELPS = tuple(HELP_FACTOR)
CASES = ("upper", "lower")


@dataclass
class LetterState:
    """Everything the reports and the letter choice need about one letter in one case for one child."""

    seen: int = 0           # answers
    right: int = 0          # right answers
    written: int = 0        # right writings (any help)
    clean_right: int = 0    # right answers without help
    clean_written: int = 0  # right writings without help
    evidence_right: float = 0.0
    evidence_all: float = 0.0
    last_seen: float | None = None
    mark_since: dict = field(default_factory=dict)   # mark -> when it was first reached

    @property
    def mastery(self) -> float:
        return self.evidence_right / (self.evidence_all + 1.0)

    @property
    def mark(self) -> int:
        if self.seen == 0:
            return UNSEEN
        if self.clean_written >= 2 and self.mastery >= WRITES_AT:
            return WRITES
        if self.clean_right >= 2 and self.mastery >= RECOGNISES_AT:
            return RECOGNISES
        return SEEN

    def add(self, at: float, action: str, correct: bool, help: str) -> None:
        """Fold in one answer (answers must come oldest first)."""
        self.add_rows(((at, action, correct, help),))

    def add_rows(self, rows) -> None:
        """Fold in answers given as (at, action, correct, help), oldest first: the rule above, in one
        loop over local names (a child's first page after an update folds every answer once)."""
        right_ev, all_ev, last, since = self.evidence_right, self.evidence_all, self.last_seen, self.mark_since
        seen, right, written, clean_right, clean_written = (self.seen, self.right, self.written, self.clean_right,
                                                            self.clean_written)
        marks = len(since)   # its keys are SEEN..mark: only a change of mark changes them
        for at, action, correct, help_ in rows:
            weight = ACTION_WEIGHT.get(action, 0.25)
            if correct:
                weight *= HELP_FACTOR.get(help_, 0.3)
            right_ev = right_ev * FADE + (weight if correct else 0.0)
            all_ev = all_ev * FADE + weight
            seen += 1
            if correct:
                right += 1
                wrote = action == "wrote"
                written += wrote
                if help_ == "none":
                    clean_right += 1
                    clean_written += wrote
            last = at if last is None else max(last, at)
            level = right_ev / (all_ev + 1.0)
            mark = (WRITES if clean_written >= 2 and level >= WRITES_AT else
                    RECOGNISES if clean_right >= 2 and level >= RECOGNISES_AT else SEEN)
            if mark != marks:
                for m in range(SEEN, mark + 1):
                    since.setdefault(m, at)
                for m in list(since):   # a mark lost (a run of misses) is reached anew later
                    if m > mark:
                        del since[m]
                marks = mark
        self.evidence_right, self.evidence_all, self.last_seen = right_ev, all_ev, last
        self.seen, self.right, self.written, self.clean_right, self.clean_written = (seen, right, written, clean_right,
                                                                                      clean_written)

    def to_json(self) -> str:
        """The state as a short JSON text (numbers exactly as they are: folding on from it is exact)."""
        return json.dumps([self.seen, self.right, self.written, self.clean_right, self.clean_written,
                           self.evidence_right, self.evidence_all, self.last_seen,
                           {str(m): t for m, t in self.mark_since.items()}], separators=(",", ":"))

    @classmethod
    def from_json(cls, text) -> LetterState | None:
        """A state kept by :meth:`to_json`; None when ``text`` is not one (the letter is folded again)."""
        try:
            value = json.loads(text)
            *counts, right, every, last, since = value
            numbers = [right, every, *since.values()] + ([] if last is None else [last])
            if (len(counts) != 5 or any(type(c) is not int or c < 0 for c in counts)
                    or any(type(x) not in (int, float) or not math.isfinite(x) for x in numbers)
                    or sorted(since) != [str(m) for m in range(SEEN, len(since) + 1)]):
                return None
            return cls(*counts, float(right), float(every), last, {int(k): t for k, t in since.items()})
        except (TypeError, ValueError, AttributeError, RecursionError):
            return None


def verdict(row: dict) -> bool:
    """Was the answer ``row`` right, as it counts: a grown-up's review (``review``) over the game's ``correct``."""
    review = row.get("review")
    return bool(row["correct"] if review is None else review)


def fold(rows) -> dict[tuple[str, str], LetterState]:
    """(letter, case) -> state, from answer rows (dicts with at, letter, letter_case, action, correct, help,
    and ``review`` when a grown-up reviewed it: :func:`verdict`)."""
    states: dict[tuple[str, str], LetterState] = {}
    for r in rows:
        key = (r["letter"], r["letter_case"])
        st = states.get(key)
        if st is None:
            st = states[key] = LetterState()
        st.add(r["at"], r["action"], verdict(r), r["help"])
    return states
