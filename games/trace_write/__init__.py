"""Trace and write: watch a letter being written, trace it with help, then write it from memory."""
from games.registry import GameInfo, Level

from .art import paint_icon, paint_level


GAME = GameInfo(
    id="trace_write",
    title="Trace and Write",
    spoken_name="Trace and write",
    how_to_play="Watch the pencil write the letter. Then trace it with your finger. Then write it all by yourself!",
    levels=(
        Level("Trace", 1, {"letters": 3, "write": False}, picture=paint_level),
        Level("Trace and write", 2, {"letters": 3}, picture=paint_level),
        Level("Write", 3, {"letters": 4, "watch": False, "from_memory": True}, picture=paint_level),
    ),
    paint_icon=paint_icon,
    scene="games.trace_write.scene.TraceAndWrite",
    color=(176, 226, 160),
)
