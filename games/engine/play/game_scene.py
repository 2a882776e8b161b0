"""The base of every game's own scene: what all of them have and do the same way.

A :class:`GameScene` has the home button (top left), the spoken task (a
:class:`~games.engine.core.prompt.Prompt` and its say-again button), a :class:`~games.engine.core.timeline.Timeline`
for steps and tweens, and a clock ``t`` for gentle motion. It stops the voice and leaves on Esc, or on
Home once the child answers "Stop playing?", forgets its timeline when it exits, counts any tap or key
as the child being busy (no prompt repeats then), and moves the prompt and the timeline on each frame.

**A game's flow, declared.** A scene lists its states in one table near the top, ``states``: for each
one a :class:`State` says the widgets shown, the prompt said on entering it, whether the game waits
for the child there, and what happens when its time is up::

    states = {
        "show":  State(shows=("tiles",), prompt=lambda g: g.letters_line(), after=4.0, then="cover"),
        "cover": State(shows=("tiles",), enter=lambda g: g.slide_cloth(), after=0.9, then="write"),
        "write": State(shows=("tiles", "pad"), prompt="which_missing", waits=True),
    }

``set_state(name)`` moves to a state. **What a state says belongs to it**: when the state ends, its
lines stop and their caption leaves the screen at once (``Speaker.withdraw``), so a caption never
stands beside a picture it no longer fits ("Here are the letters: L, Z, P" over "? Z P"). A state
that goes on showing the same thing says ``keeps_voice=True`` and the lines carry on into it.

Every game declares its flow this way (and the README's template game).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Union

from games.engine.core.prompt import Prompt
from games.engine.core.scene import Scene
from games.engine.core.timeline import Timeline
from games.engine.core.widgets import SayAgainButton
from games.engine.play.common_scenes import home_button

Step = Union[str, Callable]   # the name of a state, or a function of the scene (that may return a state's name)


@dataclass(frozen=True)
class State:
    """One state of a game's flow (see the module's docstring). Functions here take the scene.

    - ``shows``: names of the scene's attributes holding the widgets shown (a widget, a list of them or
      None), after the home and say-again buttons, in the order they take taps and focus (name
      ``home_button`` or ``say_again`` here too to give them another place in that order);
    - ``enter``: run on entering, before the prompt (start a tween, play a sound, set up the task);
    - ``prompt``: said on entering: a phrase key, or a function giving the line or lines (None: the
      prompt stays what it was); ``interrupt=False`` lets the line being said finish first;
    - ``waits``: the game waits for the child here: the prompt is said again when all is quiet;
    - ``then``, ``after``: ``after`` seconds (a number or a function) into the state, move to the state
      ``then`` names, or call ``then`` (a function; when it returns a state's name, move there);
    - ``keeps_voice``: the lines of the state before carry on here instead of being withdrawn.
    """

    shows: tuple[str, ...] = ()
    enter: Callable | None = None
    prompt: str | Callable | None = None
    interrupt: bool = True
    waits: bool = False
    then: Step | None = None
    after: float | Callable = 0.0
    keeps_voice: bool = False


class _Visit:
    """One stay in a state: what its lines belong to (a new one each time a state is entered)."""

    def __init__(self, state: str):
        self.state = state

    def __repr__(self):
        return f"<in state {self.state!r}>"


class GameScene(Scene):
    """A game's scene; ``say_again_at`` is where the game puts its say-again button."""

    #: the game's flow: state name -> :class:`State` (see the module's docstring)
    states: dict[str, State] = {}

    #: a game waiting for the child, with nothing of its own on the move (no step or tween on its
    #: timeline), keeps still after this many quiet seconds: the app then draws it ``idle_fps`` times a
    #: second until input comes, instead of 60 (a class can sit on a game while the teacher talks)
    STILL_AFTER = 3.0
    idle_fps = 5          # enough for a glow to breathe and the prompt's quiet clock to run

    def __init__(self, app, say_again_at):
        super().__init__(app)
        self.t = 0.0
        self._state_since = 0.0
        self.timeline = Timeline()
        self.home_button = home_button(self.back, ask=app)   # asks first; Esc does not
        self.prompt = Prompt(app.speaker)
        self.say_again = SayAgainButton(say_again_at, self.prompt)
        self.state: str | None = None
        self._visit: _Visit | None = None
        self._time_up = None   # the timeline job of the state's ``then``

    def set_state(self, state: str, *, quiet: bool = False) -> None:
        """Move to ``state``: the last state's lines are withdrawn (unless the new
        one keeps them), then its widgets, ``enter``, prompt (``quiet``: kept for the say-again button
        but not said now, the game just said it another way), waiting and time-out, in that order."""
        declared = self.states.get(state)
        if declared is None:
            raise KeyError(f"{type(self).__name__} declares no state {state!r}; its states: {', '.join(self.states)}")
        if self._time_up is not None:
            self._time_up.cancel()
            self._time_up = None
        if not declared.keeps_voice or self._visit is None:
            self._end_visit()
            self._visit = self.prompt.owner = _Visit(state)
        self.state, self._state_since = state, self.t
        self.show_widgets()
        if declared.enter is not None:
            declared.enter(self)
        if declared.prompt is not None:
            lines = self._lines_of(declared.prompt)
            if quiet:
                self.prompt.keep(*lines)
            else:
                self.prompt.ask(*lines, interrupt=declared.interrupt)
        if declared.waits:
            self.prompt.wait()
        else:
            self.prompt.hold()
        if declared.then is not None:
            seconds = declared.after(self) if callable(declared.after) else declared.after
            self._time_up = self.timeline.after(seconds, lambda: self._go_on(declared.then))

    def show_widgets(self) -> None:
        """Take up the current state's widgets (``shows``) again, as when it was entered: after the game
        made new ones for it (a basket's tiles laid out anew). A key press never presses a widget the
        state does not show."""
        declared = self.states.get(self.state)
        shown = self._widgets_of(declared.shows) if declared else []
        # home and say-again come first, unless the state places them in its own Tab order
        self.widgets = [w for w in (self.home_button, self.say_again) if w not in shown] + shown
        self.settle_focus()

    def _go_on(self, then: Step) -> None:
        self._time_up = None
        step = then(self) if callable(then) else then
        if isinstance(step, str):
            self.set_state(step)

    def _end_visit(self) -> None:
        """The state is over: what it said stops and its caption goes."""
        if self._visit is not None:
            self.app.speaker.withdraw(self._visit)
            self._visit = None

    def _widgets_of(self, names: tuple[str, ...]) -> list:
        widgets = []
        for name in names:
            shown = getattr(self, name)
            if isinstance(shown, (list, tuple)):
                widgets += shown
            elif shown is not None:
                widgets.append(shown)
        return widgets

    def _lines_of(self, prompt) -> tuple[str, ...]:
        if isinstance(prompt, str):
            return (self.app.phrases.get(prompt),)
        lines = prompt(self)
        return (lines,) if isinstance(lines, str) or lines is None else tuple(lines)

    def back(self):
        self.app.speaker.stop()
        self.app.pop()

    def exit(self):
        self.timeline.clear()
        self._end_visit()

    def handle(self, event):
        self.prompt.child_acted()
        super().handle(event)

    @property
    def animating(self) -> bool:
        declared = self.states.get(self.state) if self.state is not None else None
        if declared is None or not declared.waits or self.timeline.busy:
            return True
        return self.t - self._state_since < self.STILL_AFTER

    def update(self, dt):
        super().update(dt)
        self.tick(dt)

    def tick(self, dt):
        """The game's clock, prompt and timeline move on (``update`` does it; a game that updates
        its own widgets calls this instead of ``super().update``)."""
        self.t += dt
        self.prompt.update(dt)
        self.timeline.update(dt)
