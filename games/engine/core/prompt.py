"""The task a game is asking of the child right now ("Find the letter b!"): said, kept, said again.

A game scene owns one :class:`Prompt` and one :class:`~games.engine.core.widgets.SayAgainButton` for it:

- ``ask(*lines)`` says the task and keeps it as the current prompt; the game now waits for the child;
- ``keep(*lines)`` makes lines the current prompt without saying them (they were just said another way);
- ``hold()`` says the game is busy (an animation, a celebration): no repeats until ``wait()`` or ``ask``;
- ``again()`` says the current prompt again now: the say-again button calls it;
- ``child_acted()`` goes in the scene's ``handle``: any tap or key restarts the quiet-time count;
- ``update(dt)`` says the prompt again by itself after ``REPEAT_AFTER`` seconds of quiet (counted only
  while the voice is silent, so never over other speech), at most ``MOST_REPEATS`` times in a row.

Whatever the prompt says is tied to its ``owner`` (the game scene sets it to the state it is in): when
that state ends, the scene withdraws the owner's lines and their caption (``Speaker.withdraw``).
"""
from __future__ import annotations

REPEAT_AFTER = 8.0    # seconds of quiet (no voice, no input) before the prompt is said again
MOST_REPEATS = 3      # idle repeats in a row; a child's tap or key starts the count again


class Prompt:
    """The current prompt of one scene, and its repeats."""

    def __init__(self, speaker, repeat_after: float = REPEAT_AFTER, most_repeats: int = MOST_REPEATS):
        self.speaker = speaker
        self.repeat_after, self.most_repeats = repeat_after, most_repeats
        self.lines: list[str] = []
        self.waiting = False   # True while the game waits for the child to do the task
        self.quiet = 0.0       # seconds with no voice and no input while waiting
        self.repeats = 0       # idle repeats since the prompt was asked or the child last acted
        self.owner: object = None   # what the lines said now belong to (the game's state), see the docstring

    def ask(self, *lines: str, interrupt: bool = True) -> None:
        """Say ``lines`` (the new task, in order) and keep them as the current prompt."""
        self.keep(*lines)
        self._say(interrupt)

    def keep(self, *lines: str) -> None:
        """Make ``lines`` the current prompt without saying them now; the game waits for the child."""
        self.lines = [line for line in lines if line]
        self.waiting = True
        self.quiet, self.repeats = 0.0, 0

    def hold(self) -> None:
        """The game is busy showing something: keep the prompt for the button, but do not repeat it."""
        self.waiting = False

    def wait(self) -> None:
        """The game waits for the child again (after ``hold``): quiet time counts toward a repeat."""
        if not self.waiting:
            self.waiting = True
            self.quiet, self.repeats = 0.0, 0

    def again(self) -> None:
        """Say the current prompt again, straight away (the say-again button)."""
        self.quiet = 0.0
        self._say(interrupt=True)

    def child_acted(self) -> None:
        """A tap or a key: the child is busy, so the quiet-time count and the repeats start again."""
        self.quiet, self.repeats = 0.0, 0

    def update(self, dt: float) -> None:
        """Count quiet time while the game waits; say the prompt again when it has been quiet long enough."""
        if not self.waiting or not self.lines or self.repeats >= self.most_repeats:
            return
        if self.speaker.busy:
            self.quiet = 0.0
            return
        self.quiet += dt
        if self.quiet >= self.repeat_after:
            self.repeats += 1
            self.quiet = 0.0
            self._say(interrupt=False)

    @property
    def speaking(self) -> bool:
        """True while one of the prompt's lines is being said or shown."""
        return self.speaker.busy and self.speaker.caption in self.lines

    def _say(self, interrupt: bool) -> None:
        for i, line in enumerate(self.lines):
            self.speaker.say(line, interrupt=interrupt and i == 0, owner=self.owner)
