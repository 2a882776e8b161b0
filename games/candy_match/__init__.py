"""Candy letter match: lift two candies, find the letters that match, keep the pair on your plate."""
from games.registry import GameInfo, GameOption, Level

from .art import paint_icon, paint_level


GAME = GameInfo(
    id="candy_match",
    title="Candy Match",
    spoken_name="Candy letter match",
    how_to_play="Lift two candies. If the letters match, you keep them! Then everybody eats three candies.",
    levels=(
        Level("5 pairs", 1, {"pairs": 5}, picture=paint_level),
        Level("8 pairs", 2, {"pairs": 8}, picture=paint_level),
        Level("10 pairs", 3, {"pairs": 10}, picture=paint_level),
        Level("Write to keep: 6 pairs", 2, {"pairs": 6, "write_to_keep": True}, picture=paint_level),
    ),
    paint_icon=paint_icon,
    scene="games.candy_match.scene.CandyMatch",
    color=(255, 214, 222),
    players=(1, 4),
    options=(GameOption("write_to_keep", "Write to keep"),),
)
