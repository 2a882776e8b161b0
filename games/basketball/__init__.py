"""Letter basketball: find the letter on a crumpled paper ball, write it, and throw it in the basket."""
from games.registry import GameInfo, Level

from .art import paint_icon, paint_level


def _make_scene(app, level, players=None):
    from pathlib import Path

    from .scene import Basketball
    app.phrases.add_file(Path(__file__).with_name("phrases.json"))
    return Basketball(app, level, players)


GAME = GameInfo(
    id="basketball",
    title="Letter Basketball",
    spoken_name="Letter basketball",
    goal="Recognise a letter by its name among look-alikes, write it, and practise a throw.",
    how_to_play="Listen for the letter. Find its paper ball and write the letter. Then throw it in the basket!",
    levels=(
        Level("3 balls, easy throws", 1, {"balls": 3, "easy_throw": True, "tape": 560, "assist": 0.6},
              picture=paint_level),
        Level("4 balls", 2, {"balls": 4, "look_alikes": 1, "tape": 440, "assist": 0.45}, picture=paint_level),
        Level("6 balls, look-alikes", 3, {"balls": 6, "look_alikes": 2, "tape": 330, "assist": 0.3},
              picture=paint_level),
    ),
    letter_modes=("upper", "lower", "mixed", "matching"),
    paint_icon=paint_icon,
    make_scene=_make_scene,
    color=(255, 196, 140),
    players=(1, 4),
)
