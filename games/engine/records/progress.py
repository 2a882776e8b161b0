"""Children's progress: the one engine service games record answers through (``app.progress``).

Games hand their answers over through the recorder their declaration binds once, with the game's
id and level (``GAME.recorder(app, level)``, ``games/engine/records/recorder.py``), where they
already decide right or wrong::

    self.recorder.record(card.answer, "found", correct=ok, chosen=tile.char, seconds=took)

and, in games with several players, passes ``player=turns.current`` so the answer goes to that child.
For the guest ("Just play") nothing is recorded. Recording never holds up a frame: an answer the file
cannot take at once (another program writing, a full disk, a read-only file) waits in memory and is
written by a thread as soon as the file takes it (``answer_writer.py``); the app calls :meth:`Progress.update`
once a frame and :meth:`Progress.close` at quit. The database is ``store.py``, the mastery rule
``mastery.py``; README "Children's profiles, progress and privacy" has the rules. Nothing here (or
anywhere in Letterplay) talks to a network.

Adaptive letters: while a child plays, :meth:`Progress.order` is the chooser games hand to
``LetterSet.cards`` (``letters.cards(mode, rng, n, chooser=app.progress.order)``): letters still
being learned come up most, known ones keep about a third of the picks for success, and known
letters not seen for a while come back (spaced review).
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
from games.engine.core.storage import write_bytes_atomic
from games.engine.records import exchange, mastery, reviews, set_aside
from games.engine.records.answer_writer import AnswerWriter
from games.engine.records.store import Child, NotSaved, Store

log = logging.getLogger(__name__)

KNOWN_SHARE = 1 / 3     # of the letters drawn, at most about this many are known ones (success), the rest being learned
KNOWN_SHARE_CAP = 0.5   # ...and never more than half their share by number, so a known letter never beats a weak one
REVIEW_DAYS = 3.0       # a known letter's weight grows by 1 for every this many days it was not seen...
REVIEW_MOST = 3.0       # ...up to this much extra
MAX_STROKE_POINTS = 2000
JOURNAL_RETRY = 5.0     # seconds between tries at emptying the journal a reader kept full after a delete
UNSEEN_EVERY = 5.0      # seconds: how often the set-aside files are looked for


@dataclass(frozen=True)
class Answer:
    """One answer of one child: the letter asked, what the child did and how it went.

    ``letter`` is the letter asked for, in the case asked (``case`` "upper"/"lower" may say it instead);
    ``action``: "tapped" (a tile among a few), "found" (among many), "wrote"; ``help``: "none", "guide"
    (a guide letter or trace), "choices" (letters offered to tap); ``chosen``: what was tapped;
    ``best_guess`` / ``confidence``: the recognizer's reading of a writing; ``strokes``: the writing
    (kept only when the teacher turned samples on); ``refusal``: why a writing was not right, as the
    checker said it ("not a letter", "another letter"...: ``mastery.REFUSALS``), for the grown-ups' review.
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
    refusal: str | None = None

    def __post_init__(self):
        if not (isinstance(self.letter, str) and len(self.letter) == 1 and self.letter.lower() in letter_sets.ALPHABET):
            raise ValueError(f"Answer.letter must be one letter a-z or A-Z, not {self.letter!r}")
        if self.case not in (None, "upper", "lower"):
            raise ValueError(f"Answer.case must be 'upper' or 'lower', not {self.case!r}")
        if self.action not in mastery.ACTIONS:
            raise ValueError(f"Answer.action must be one of {mastery.ACTIONS}, not {self.action!r}")
        if self.help not in mastery.HELPS:
            raise ValueError(f"Answer.help must be one of {mastery.HELPS}, not {self.help!r}")
        if self.refusal not in (None, *mastery.REFUSALS):
            raise ValueError(f"Answer.refusal must be None or one of {mastery.REFUSALS}, not {self.refusal!r}")

    @property
    def letter_case(self) -> str:
        return self.case or ("upper" if self.letter.isupper() else "lower")


def answers(n: int) -> str:
    """"3 answers", "1 answer"."""
    return f"{n:,} answer" + ("" if n == 1 else "s")


class Progress:
    """Who is playing, and what their answers say; backed by a :class:`Store` (the SQLite file)."""

    def __init__(self, store: Store):
        self.store = store
        self.child: Child | None = None      # the child playing a one-player game; None is the guest
        self._states: dict[int, dict] = {}
        self._journal_tried = 0.0
        self._class_shown: str | None = None   # the class chosen this session (kept when the file is read only)
        self._unseen, self._unseen_at = [], -UNSEEN_EVERY
        #: answers that wait for the file (None: no file, everything is in memory anyway)
        self.writer = AnswerWriter(store.path) if store.path is not None and store.mode != "memory" else None
        if self.writer is not None and not store.writable:
            self.writer.want_connection()
        self._merge_waiting_files()

    @classmethod
    def open(cls, path: Path | str | None = None) -> "Progress":
        """The progress file of this user (see ``store.py`` for what happens when it cannot be used)."""
        return cls(Store(path or Store.default_path()))

    @property
    def waiting(self) -> int:
        """Answers not written to the file yet."""
        return self.writer.waiting if self.writer is not None else 0

    @property
    def problem(self) -> str | None:
        """What is wrong with the progress file, for the grown-ups' screens (None when all is well): the
        file could not be opened for writing, answers wait to be saved, a damaged file was set aside."""
        said = [self.store.problem] if self.store.problem else []
        if self.waiting:
            why = f" ({self.writer.problem})" if self.writer.problem else ""
            said.append(f"{answers(self.waiting)} waiting to be saved{why}.")
        if self.writer is not None and self.writer.lost:
            said.append(f"{answers(self.writer.lost)} could not be kept: too many were waiting.")
        unseen = self.set_aside_unseen()
        if unseen and not (self.store.problem and unseen[0].name in self.store.problem):   # not said twice
            said.append(set_aside.notice(unseen))
        return " ".join(said) or None

    @property
    def short_problem(self) -> str | None:
        """A few words for the launcher's grown-up corner (None when all is well)."""
        if self.store.mode == "read-only":
            words = "Progress file: read only"
        elif self.store.mode == "away":
            words = "Progress file: not opened"
        elif self.store.problem and self.store.mode == "memory" and self.store.path is not None:
            words = "Progress: nothing kept"
        elif self.set_aside_unseen():
            words = "Progress file was damaged"
        else:
            words = None
        if self.waiting:
            return f"{answers(self.waiting)} waiting to be saved" + (f" ({words})" if words else "")
        return words

    def set_aside_unseen(self, again: bool = False) -> list:
        """The damaged files set aside whose notice no grown-up has seen (looked for at most every few
        seconds, or now with ``again``)."""
        now = time.monotonic()
        if again or now - self._unseen_at > UNSEEN_EVERY:
            self._unseen, self._unseen_at = set_aside.unseen(self.store), now
        return self._unseen

    def update(self) -> None:
        """Once a frame, cheap: take up a connection that writes once the file can be written again, and
        empty a journal that still holds a deleted child."""
        if self.writer is None:
            return
        if not self.store.writable:
            conn = self.writer.take_connection()
            if conn is not None:
                self.store.use_connection(conn)
                self.forget_cache()
                self._merge_waiting_files()
                self.set_aside_unseen(again=True)
        elif self.store.journal_left and time.monotonic() - self._journal_tried > JOURNAL_RETRY:
            self._journal_tried = time.monotonic()
            self.store.flush_journal()

    def close(self, timeout: float = 3.0) -> None:
        """Write the answers still waiting (for up to ``timeout`` seconds; the rest are kept beside the
        file for the next start), empty the journal and close the file."""
        if self.writer is not None:
            left = self.writer.close(timeout)
            if left:
                self._keep_for_next_time(left)
        self.store.close()

    def _keep_for_next_time(self, left: list) -> None:
        """Answers the file would not take by the quit: an export beside it, merged at the next start."""
        uids = {uid for uid, _ in left}
        children = [c for c in self.store.children() if c.uid in uids]
        data = {"format": exchange.EXPORT_FORMAT, "version": exchange.EXPORT_VERSION, "exported": time.time(),
                "classes": sorted({c.class_name for c in children}),
                "children": [{"uid": c.uid, "name": c.name, "class": c.class_name, "animal": c.animal,
                              "color": c.color} for c in children],
                "answers": [{"child": uid, **row} for uid, row in left]}
        path = self.store.path.with_name(f"{self.store.path.name}.waiting-{time.time_ns()}.json")
        try:
            write_bytes_atomic(path, json.dumps(data, separators=(",", ":")).encode("utf-8"))
            log.warning("%d answers could not be saved by the quit; kept in %s for the next start",
                        len(left), path.name)
        except (OSError, ValueError) as err:
            log.warning("%d answers could not be saved (%s): they are lost", len(left), err)

    def _merge_waiting_files(self) -> None:
        """Answers a quit could not write (``progress.db.waiting-<n>.json``) go into the file, once it takes them."""
        if self.store.path is None or not self.store.writable:
            return
        for path in sorted(self.store.path.parent.glob(f"{self.store.path.name}.waiting-*.json")):
            try:
                counts = self.store.import_file(path)
                path.unlink()
                log.info("merged %s: %d waiting answers saved", path.name, counts["answers_added"])
            except (OSError, ValueError) as err:
                log.warning("could not merge %s yet: %s", path.name, err)

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
        chosen = self._class_shown or self.store.option("class")
        for c in classes:
            if str(c.id) == chosen:
                return c
        return classes[0] if classes else None

    def set_active_class(self, class_id: int) -> None:
        """Show (and play with) this class from now on; when the file cannot keep that now, for this session."""
        self._class_shown = str(class_id)
        try:
            self.store.set_option("class", str(class_id))
        except NotSaved as err:
            log.info("the class chosen is kept for this session only: %s", err)

    def class_children(self) -> list[Child]:
        c = self.active_class()
        return self.store.children(c.id) if c else []

    def choose(self, child: Child | None) -> None:
        """``child`` plays now (None: the guest, who records nothing)."""
        self.child = child

    # -- deleting ----------------------------------------------------------------------------------
    def delete_child(self, child: Child) -> None:
        """The child, every answer and their writing help levels: nothing about them stays (raises
        ``NotSaved`` when the file cannot be written now: then nothing changed)."""
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
        if self.writer is not None:
            self.writer.forget_child(child.uid)
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

        The guest's answers are not kept. Never waits for the file: an answer it cannot take now waits
        in memory (``waiting``) and is written as soon as it can be; only when too many wait is one lost.
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
               "strokes": self._strokes_json(answer) if self.keep_writing else None,
               "refusal": answer.refusal if answer.action == "wrote" and not answer.correct else None}
        if not self._keep(child, row):
            return False
        states = self._states.get(child.id)
        if states is not None:
            st = states.setdefault((row["letter"], row["letter_case"]), mastery.LetterState())
            st.add(row["at"], row["action"], answer.correct, row["help"])
        return True

    def _keep(self, child: Child, row: dict) -> bool:
        """Write ``row`` now if the file takes it without waiting, else leave it with the writer."""
        writer = self.writer
        if writer is None or (self.store.writable and not writer.waiting):
            try:
                self.store.add_answer(child.id, row)
                return True
            except NotSaved as err:
                if writer is None:
                    log.warning("could not record an answer: %s", err)
                    return False
            except sqlite3.Error as err:   # not the file's fault: a bug, said loudly, the game goes on
                log.error("could not record an answer: %s", err)
                return False
        if writer.add(child.uid, row):
            return True
        log.warning("an answer was lost: %d answers are waiting already", writer.waiting)
        return False

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

    # -- a grown-up's review of a writing (reviews.py) -------------------------------------------------
    def review(self, answer_id: int, right: bool | None, description: bytes | None = None) -> None:
        """A grown-up's decision on a kept writing: right (True), not right (False), or None to undo it
        (``description``: the recognizer's, kept for the child's own checker). What counts from now on
        (mastery, letters, reports) follows; raises ``reviews.SamplesOff`` when writing samples are not
        kept, ``NotSaved`` when the file cannot take it now (nothing changed)."""
        child_id = reviews.child_of(self.store, answer_id)
        if right is None:
            reviews.undo(self.store, answer_id)
        else:
            reviews.decide(self.store, answer_id, right, description=description)
        self._states.pop(child_id, None)

    def confirmed(self, child_id: int) -> list[tuple[str, str, bool, bytes]]:
        """The child's confirmed writings for their own checker (``reviews.confirmed``: strokes as JSON text,
        read on the checker's thread); none when the file cannot be read now."""
        try:
            return reviews.confirmed(self.store, child_id)
        except sqlite3.Error as err:
            log.warning("the confirmed writings could not be read: %s", err)
            return []

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
