"""Candy letter match: lift two candies, find the letters that match, keep the pair on your plate."""
from games.registry import GameInfo, GameOption, Level

from .art import paint_icon, paint_level


def _make_scene(app, level, players=None):
    from pathlib import Path

    from .scene import CandyMatch
    app.phrases.add_file(Path(__file__).with_name("phrases.json"))
    return CandyMatch(app, level, players)


GAME = GameInfo(
    id="candy_match",
    title="Candy Match",
    spoken_name="Candy letter match",
    goal="Remember where letters are and match them: same letters, or a big letter with its small letter. "
         "With 'write to keep', the child also writes each letter found.",
    how_to_play="Lift two candies. If the letters match, you keep them! Then everybody eats three candies.",
    levels=(
        Level("5 pairs", 1, {"pairs": 5}, picture=paint_level),
        Level("8 pairs", 2, {"pairs": 8}, picture=paint_level),
        Level("10 pairs", 3, {"pairs": 10}, picture=paint_level),
        Level("Write to keep: 6 pairs", 2, {"pairs": 6, "write_to_keep": True}, picture=paint_level),
    ),
    letter_modes=("upper", "lower", "mixed", "matching"),
    paint_icon=paint_icon,
    make_scene=_make_scene,
    color=(255, 214, 222),
    players=(1, 4),
    options=(GameOption("write_to_keep", "Write to keep"),),
)
