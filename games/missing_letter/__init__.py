"""Missing-letter memory: which letter did the cloth take away? Write it."""
from games.registry import GameInfo, Level

from .art import paint_icon, paint_level


GAME = GameInfo(
    id="missing_letter",
    title="Missing Letter",
    spoken_name="Missing letter",
    how_to_play="Look at the letters. The cloth hides one. Write the letter that is missing!",
    levels=(
        Level("3 letters", 1, {"letters": 3}, picture=paint_level),
        Level("4 letters", 2, {"letters": 4}, picture=paint_level),
        Level("5 letters", 3, {"letters": 5}, picture=paint_level),
        Level("Remember them all", 3, {"letters": 3, "all": True}, picture=paint_level),
    ),
    paint_icon=paint_icon,
    scene="games.missing_letter.scene.MissingLetter",
    color=(255, 183, 197),
)
