"""Write the letter A: write it a few times; every A is cheered, three misses and it is kept anyway."""
import pygame

from games.engine.core import draw as d
from games.engine.play.celebration import Celebration
from games.engine.play.common_scenes import StarsScreen, stars_for
from games.engine.play.game_scene import GameScene, State
from games.engine.writing.writing_task import Fallback, WritingTask

from . import GAME

PAD = pygame.Rect(360, 140, 560, 420)
SAY_AGAIN_AT = (220, 350)


class WriteA(GameScene):
    """Made as ``WriteA(app, level, players)`` when a child starts the game."""

    states = {                                 # the game's flow: what each state shows, does and says
        "write": State(shows=("pad",), enter=lambda g: g.writing.start("A"), prompt="write_a", waits=True),
        "cheer": State(),                      # the celebration is on top
    }

    def __init__(self, app, level, players=None):
        super().__init__(app, SAY_AGAIN_AT)
        self.level, self.written, self.helped = level, 0, 0
        self.writing = WritingTask(app, PAD, self.on_written, recorder=GAME.recorder(app, level),
                                   fallback_after=3, fallback=Fallback.KEEP)
        self.pad = self.writing.pad

    def enter(self):
        self.set_state("write")

    def on_written(self, outcome):             # once per letter: written, or kept after three misses
        self.written += 1
        self.helped += outcome.help != "none"
        self.set_state("cheer")
        line = self.app.phrases.get("wrote_letter" if outcome.accepted else "kept_it", letter="A")
        self.app.push(Celebration(self.app, line, self.next_letter, big_letter="A"))

    def next_letter(self):                     # the celebration is over
        if self.written < self.level.options["rounds"]:
            self.set_state("write")
        else:
            self.app.replace(StarsScreen(self.app, stars_for(self.helped), ["A"] * self.written,
                                         replay=lambda: self.app.replace(GAME.make_scene(self.app, self.level))))

    def draw(self, surface):
        surface.blit(d.background("wall"), (0, 0))
        super().draw(surface)
