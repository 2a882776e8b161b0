"""The base of every game's own scene: what all of them have and do the same way.

A :class:`GameScene` has the home button (top left), the spoken task (a
:class:`~games.engine.core.prompt.Prompt` and its say-again button), a :class:`~games.engine.core.timeline.Timeline`
for steps and tweens, and a clock ``t`` for gentle motion. It stops the voice and leaves on Esc, or on
Home once the child answers "Stop playing?", forgets its timeline when it exits, counts any tap or key
as the child being busy (no prompt repeats then), and moves the prompt and the timeline on each frame.
"""
from __future__ import annotations

from games.engine.play.common_scenes import home_button
from games.engine.core.prompt import Prompt
from games.engine.core.scene import Scene
from games.engine.core.timeline import Timeline
from games.engine.core.widgets import SayAgainButton


class GameScene(Scene):
    """A game's scene; ``say_again_at`` is where the game puts its say-again button."""

    #: the states in which the game waits for the child: there the task is said again when all is quiet
    waiting_states: tuple[str, ...] = ()

    def __init__(self, app, say_again_at):
        super().__init__(app)
        self.t = 0.0
        self.timeline = Timeline()
        self.home_button = home_button(self.back, ask=app)   # asks first; Esc does not
        self.prompt = Prompt(app.speaker)
        self.say_again = SayAgainButton(say_again_at, self.prompt)

    def set_state(self, state):
        """Move to ``state``; the prompt repeats only while the game waits for the child."""
        self.state = state
        if state in self.waiting_states:
            self.prompt.wait()
        else:
            self.prompt.hold()

    def back(self):
        self.app.speaker.stop()
        self.app.pop()

    def exit(self):
        self.timeline.clear()

    def handle(self, event):
        self.prompt.child_acted()
        super().handle(event)

    def update(self, dt):
        super().update(dt)
        self.tick(dt)

    def tick(self, dt):
        """The game's clock, prompt and timeline move on (``update`` does it; a game that updates
        its own widgets calls this instead of ``super().update``)."""
        self.t += dt
        self.prompt.update(dt)
        self.timeline.update(dt)
