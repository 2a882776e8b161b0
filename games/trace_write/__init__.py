"""Trace and write: watch a letter being written, trace it with help, then write it from memory."""
from games.registry import GameInfo, Level

from .art import paint_icon, paint_level


def _make_scene(app, level, players=None):
    from pathlib import Path

    from .scene import TraceAndWrite
    app.phrases.add_file(Path(__file__).with_name("phrases.json"))
    return TraceAndWrite(app, level)


GAME = GameInfo(
    id="trace_write",
    title="Trace and Write",
    spoken_name="Trace and write",
    goal="Learn how each letter is written: where to start, which way to go, which stroke comes first.",
    how_to_play="Watch the pencil write the letter. Then trace it with your finger. Then write it all by yourself!",
    levels=(
        Level("Trace", 1, {"letters": 3, "write": False}, picture=paint_level),
        Level("Trace and write", 2, {"letters": 3}, picture=paint_level),
        Level("Write", 3, {"letters": 4, "watch": False}, picture=paint_level),
    ),
    letter_modes=("upper", "lower", "mixed", "matching"),
    paint_icon=paint_icon,
    make_scene=_make_scene,
    color=(176, 226, 160),
)
