"""A grown-up looks at what a child wrote: "This was right" / "This was not right", and undo.

Only writings whose strokes were kept can be looked at (the teacher option "Keep writing samples"),
and a decision is kept only while that option is on: with it off nothing is stored (:class:`SamplesOff`).
A decision is kept on the answer itself (``review``, ``reviewed_at``; schema migration 4): the game's
verdict (``correct``) stays as it was, for the record, and what counts from then on (mastery, the
adaptive letters, the class grid and the reports) is the grown-up's (``schema.VERDICT_SQL``). Undo
gives the game's verdict back: ``review`` is emptied and ``reviewed_at`` says when, so that merging an
export made before the undo does not bring the decision back (the newest decision wins a merge).

The decisions are also what a child's own checker learns from: :func:`examples` gives the confirmed
writings (right and not right) with their strokes, newest first.
"""
from __future__ import annotations

import functools
import json
import math
import time
from dataclasses import dataclass

from games.engine.records.exchange import MAX_STROKES_TEXT
from games.engine.records.mastery import REFUSALS

NOT_SHOWN = REFUSALS[:2]   # "nothing written", "too small": a tap or a dot, nothing a grown-up could call right
RECENT = 120          # a child's newest kept writings shown for review
CLASS_RECENT = 40     # ...and each child's on the class's page
MOST_EXAMPLES = 200   # confirmed writings a child's checker learns from (newest first)
NUMBER = (int, float)


class SamplesOff(ValueError):
    """Writing samples are not kept: a decision would keep something the teacher said not to keep."""


@dataclass(frozen=True)
class Writing:
    """One kept writing as the review page shows it.

    ``letter``: the letter asked, in the case asked; ``accepted``: the game's verdict (never changed);
    ``review``: the grown-up's decision (True "right", False "not right", None: none); ``kept``: the
    strokes as kept (JSON text), read into :attr:`strokes` only when a page shows the writing.
    """

    id: int
    child_id: int
    letter: str
    at: float
    accepted: bool
    refusal: str | None
    best_guess: str | None
    review: bool | None
    reviewed_at: float | None
    kept: str

    @functools.cached_property
    def strokes(self) -> list:
        """Lists of [x, y] points as the pad kept them ([] for a kept writing that cannot be read)."""
        return strokes_of(self.kept) or []

    @property
    def right(self) -> bool:
        """The verdict that counts: the grown-up's, else the game's."""
        return self.accepted if self.review is None else self.review

    def checker_said(self) -> str:
        """What the checker said, in a few words: "accepted", "not a letter", "looks like d"..."""
        if self.accepted:
            return "accepted"
        best = self.best_guess or ""
        best = best.upper() if self.letter.isupper() else best.lower()
        if self.refusal == "another letter" and best:
            return f"looks like {best}"
        if self.refusal == "how it was written":
            return "read as the letter, but written another way"
        if self.refusal:
            return self.refusal
        return f"not right (it read {best})" if best else "not right"


_COLUMNS = ("id, child_id, letter, letter_case, at, correct, refusal, best_guess, review, reviewed_at, strokes")
_KEPT_WRITING = ("action = 'wrote' AND strokes IS NOT NULL AND length(strokes) <= ? "
                 f"AND (refusal IS NULL OR refusal NOT IN ({', '.join(repr(r) for r in NOT_SHOWN)}))")


def _writing(row) -> Writing:
    rid, child_id, letter, case, at, correct, refusal, best, review, reviewed_at, text = row
    return Writing(rid, child_id, letter.upper() if case == "upper" else letter, at, bool(correct), refusal, best,
                   None if review is None else bool(review), reviewed_at, text)


def writings(store, child_ids, most: int | None = None) -> list[Writing]:
    """The newest kept writings of the children ``child_ids`` (``most`` each: ``RECENT`` for one child,
    ``CLASS_RECENT`` each for several), in the order a grown-up looks at them (:func:`look_order`); their
    strokes are read when shown."""
    child_ids = list(child_ids)
    most = most or (RECENT if len(child_ids) == 1 else CLASS_RECENT)
    found = []
    for child_id in child_ids:
        rows = store.conn.execute(f"SELECT {_COLUMNS} FROM answers WHERE child_id = ? AND {_KEPT_WRITING} "
                                  "ORDER BY at DESC, id DESC LIMIT ?", (child_id, MAX_STROKES_TEXT, most))
        found += map(_writing, rows)
    return look_order(found)


def look_order(items: list[Writing]) -> list[Writing]:
    """Grouped by the letter asked (letters with a refused writing first, then in alphabet order, capital
    before small); in each letter the refused writings first, newest first."""
    refused = {w.letter for w in items if not w.accepted}
    return sorted(items, key=lambda w: (w.letter not in refused, w.letter.lower(), w.letter.islower(),
                                        w.accepted, -w.at, -w.id))


def decide(store, answer_id: int, right: bool, now: float | None = None, description: bytes | None = None) -> None:
    """A grown-up says the writing ``answer_id`` was right (or not); ``description``: the recognizer's
    description of it (``Recognizer.description_of``), kept for the child's own checker. Raises
    :class:`SamplesOff` when writing samples are not kept, ValueError when it is not a kept writing,
    ``NotSaved`` when the file cannot be written now (then nothing changed)."""
    _change(store, answer_id, 1 if right else 0, now, description)


def undo(store, answer_id: int, now: float | None = None) -> None:
    """The decision on ``answer_id`` is taken back: the game's verdict counts again."""
    _change(store, answer_id, None, now, None)


def _change(store, answer_id: int, review: int | None, now: float | None, description: bytes | None) -> None:
    if store.option("keep_writing", "0") != "1":
        raise SamplesOff("Writing samples are not kept, so nothing was stored. Turn on \"Keep writing samples\" "
                         "on the Children page first.")
    with store.transaction() as c:
        cur = c.execute("UPDATE answers SET review = ?, reviewed_at = ?, description = COALESCE(?, description) "
                        "WHERE id = ? AND action = 'wrote' AND strokes IS NOT NULL",
                        (review, time.time() if now is None else now,
                         None if not description else bytes(description), answer_id))
        if cur.rowcount != 1:
            raise ValueError("that writing is no longer kept")


def child_of(store, answer_id: int) -> int | None:
    """The child whose answer ``answer_id`` is (None: no such answer)."""
    row = store.conn.execute("SELECT child_id FROM answers WHERE id = ?", (answer_id,)).fetchone()
    return row[0] if row else None


def confirmed(store, child_id: int, most: int = MOST_EXAMPLES) -> list[tuple[str, str, bool, bytes]]:
    """The writings a grown-up confirmed for the child, newest decision first, at most ``most``: each
    (its strokes as kept, JSON text; the letter asked in its case; right; the recognizer's description
    kept with the decision, or b""). One indexed query, quick enough for a frame; reading the strokes
    (:func:`strokes_of`) is left to a thread."""
    rows = store.conn.execute(
        "SELECT strokes, letter, letter_case, review, description FROM answers WHERE child_id = ? "
        "AND review IS NOT NULL AND action = 'wrote' AND strokes IS NOT NULL AND length(strokes) <= ? "
        "ORDER BY reviewed_at DESC, id DESC LIMIT ?", (child_id, MAX_STROKES_TEXT, most))
    return [(strokes, letter.upper() if case == "upper" else letter, bool(review), bytes(described or b""))
            for strokes, letter, case, review, described in rows]


def strokes_of(text) -> list | None:
    """A kept writing's strokes (lists of [x, y] numbers) from its JSON text; None when it is not one."""
    if not isinstance(text, str) or len(text) > MAX_STROKES_TEXT:
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, list) or not all(isinstance(s, list) and all(
            type(p) is list and len(p) == 2 and type(p[0]) in NUMBER and type(p[1]) in NUMBER
            and math.isfinite(p[0]) and math.isfinite(p[1]) for p in s) for s in value):
        return None
    return [s for s in value if s] or None


def examples(store, child_id: int, most: int = MOST_EXAMPLES) -> list[tuple[list, str, bool]]:
    """The writings a grown-up confirmed for the child (:func:`confirmed`) with their strokes read: each
    (strokes, the letter asked in its case, right). What the child's own checker learns from."""
    out = []
    for text, letter, right, _ in confirmed(store, child_id, most):
        strokes = strokes_of(text)
        if strokes is not None:
            out.append((strokes, letter, right))
    return out
