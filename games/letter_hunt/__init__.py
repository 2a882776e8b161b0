"""Letter hunt: pick letters into your basket; when the caller flips a card with your letter, put it back in the box."""
from games.registry import GameInfo, GameOption, Level

from .icons import paint_icon, paint_level


GAME = GameInfo(
    id="letter_hunt",
    title="Letter Hunt",
    spoken_name="Letter hunt",
    how_to_play="Pick letters for your basket. Then listen! When your letter is called, put it back in the big box.",
    levels=(
        Level("5 letters", 1, {"letters": 5}, picture=paint_level),
        Level("10 letters", 2, {"letters": 10}, picture=paint_level),
        Level("10 letters, remember and write", 3, {"letters": 10, "write": True}, picture=paint_level),
    ),
    paint_icon=paint_icon,
    scene="games.letter_hunt.scene.LetterHunt",
    color=(190, 222, 170),
    players=(1, 4),
    options=(GameOption("say_first", "Say who empties their basket first"),),
)
