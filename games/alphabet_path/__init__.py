"""The alphabet path: roll the die, hop along a road of letter stones, cover the letters of your mat."""
from games.registry import GameInfo, GameOption, Level

from .art import paint_icon, paint_level

GAME = GameInfo(
    id="alphabet_path",
    title="Alphabet Path",
    spoken_name="The alphabet path",
    how_to_play="Roll the die and hop along the road, one stone at a time. Land on a letter from your mat, "
                "write it, and cover it with a chip!",
    levels=(
        Level("15 stones, die 1-3", 1, {"level": 1, "stones": 15, "die": 3}, picture=paint_level),
        Level("26 stones, die 1-6", 2, {"level": 2, "stones": 26, "die": 6}, picture=paint_level),
        Level("26 stones + find it", 3, {"level": 3, "stones": 26, "die": 6, "find": True}, picture=paint_level),
    ),
    paint_icon=paint_icon,
    scene="games.alphabet_path.scene.AlphabetPath",
    color=(190, 226, 150),
    players=(1, 4),
    options=(
        GameOption("tap_to_cover", "Level 1: tap the mat letter instead of writing"),
        GameOption("find_stones", "Level 3: find-it-in-the-room stones", default=True),
    ),
)
