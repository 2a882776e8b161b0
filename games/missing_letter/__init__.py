"""Missing-letter memory: which letter did the cloth take away? Write it."""
from games.registry import GameInfo, Level

from .art import paint_icon, paint_level


def _make_scene(app, level, players=None):
    from .scene import MissingLetter
    return MissingLetter(app, level)


GAME = GameInfo(
    id="missing_letter",
    title="Missing Letter",
    spoken_name="Missing letter",
    goal="Remember letters by sight and write a letter from memory.",
    how_to_play="Look at the letters. The cloth hides one. Write the letter that is missing!",
    levels=(
        Level("3 letters", 1, {"letters": 3}, picture=paint_level),
        Level("4 letters", 2, {"letters": 4}, picture=paint_level),
        Level("5 letters", 3, {"letters": 5}, picture=paint_level),
        Level("Remember them all", 3, {"letters": 3, "all": True}, picture=paint_level),
    ),
    letter_modes=("upper", "lower", "mixed", "matching"),
    paint_icon=paint_icon,
    make_scene=_make_scene,
    color=(255, 183, 197),
)
