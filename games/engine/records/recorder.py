"""Where one game's answers go: a :class:`Recorder` bound once per game, when the game starts.

The game makes it from its declaration, ``GAME.recorder(app, level)`` (``games/registry.py``): the
game's id and level are bound there, once. Every answer of the game reaches the progress record
(``app.progress``) through it: the letters written (its :class:`~games.engine.writing.writing_task.WritingTask`
records through the same recorder) and the game's own taps and finds::

    self.recorder.record(card.answer, "found", correct=ok, chosen=ball.card.shown, player=self.player)
"""
from __future__ import annotations

from games.engine.records.progress import Answer
from games.engine.records.mastery import REFUSALS


class Recorder:
    """Hands one game's answers to ``progress`` (None: a test's bare app, which keeps nothing)."""

    def __init__(self, progress, game: str, level: str):
        self.progress, self.game, self.level = progress, game, str(level)

    def record(self, letter: str, action: str, correct: bool, *, player=None, chosen: str | None = None,
               help: str = "none", seconds: float | None = None, best_guess: str | None = None,
               confidence: float | None = None, strokes=None, refusal: str | None = None) -> bool:
        """One answer to ``letter`` (in the case asked): ``action`` "tapped", "found" or "wrote" (see
        :class:`~games.engine.records.progress.Answer` for the rest); ``player``: whose turn it was
        (None: the child playing); ``refusal``: why the checker refused a writing (kept for the grown-ups'
        review; a reason it does not know is left out). True when it was kept (never for the guest)."""
        if self.progress is None:
            return False
        answer = Answer(game=self.game, level=self.level, letter=letter, action=action, correct=bool(correct),
                        chosen=chosen, best_guess=best_guess, confidence=confidence, help=help,
                        seconds=None if seconds is None else round(seconds, 2),
                        strokes=[list(s) for s in strokes] if strokes else None,
                        refusal=refusal if refusal in REFUSALS else None)
        return bool(self.progress.record(answer, player=player))
