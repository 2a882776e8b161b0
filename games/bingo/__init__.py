"""Alphabet bingo: the cage rolls out a letter, everyone who has it finds it and covers it."""
from games.registry import GameInfo, GameOption, Level

from .art import paint_icon, paint_level

GAME = GameInfo(
    id="bingo",
    title="Alphabet Bingo",
    spoken_name="Alphabet bingo",
    how_to_play="Listen to the letter the ball shows. If it is on your card, find it and cover it with a chip!",
    levels=(
        Level("3 x 3 with a star", 1, {"size": 3}, picture=paint_level),
        Level("4 x 4", 2, {"size": 4}, picture=paint_level),
        Level("Write to cover", 3, {"size": 4, "write": True}, picture=paint_level),
    ),
    paint_icon=paint_icon,
    scene="games.bingo.scene.Bingo",
    color=(206, 232, 255),
    players=(1, 4),
    options=(GameOption("write_to_cover", "Write to cover"),
             GameOption("teacher_calls", "I call the letters")),
)
