"""Letter basketball: find the letter on a crumpled paper ball, write it, and throw it in the basket."""
from games.registry import GameInfo, Level

from .art import paint_icon, paint_level


GAME = GameInfo(
    id="basketball",
    title="Letter Basketball",
    spoken_name="Letter basketball",
    how_to_play="Listen for the letter. Find its paper ball and write the letter. Then throw it in the basket!",
    levels=(
        Level("3 balls, easy throws", 1, {"balls": 3, "easy_throw": True, "tape": 560, "assist": 0.6},
              picture=paint_level),
        Level("4 balls", 2, {"balls": 4, "look_alikes": 1, "tape": 440, "assist": 0.45}, picture=paint_level),
        Level("6 balls, look-alikes", 3, {"balls": 6, "look_alikes": 5, "tape": 330, "assist": 0.3},
              picture=paint_level),
    ),
    paint_icon=paint_icon,
    scene="games.basketball.scene.Basketball",
    color=(255, 196, 140),
    players=(1, 4),
)
