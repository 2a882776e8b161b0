"""Write the letter A: the smallest game."""
from games.engine.core import draw as d
from games.registry import GameInfo, Level


def paint_icon(surface, rect):                 # the picture on the launcher card
    d.draw_glyph(surface, "A", int(rect.h * 0.7), rect.center, d.BLUE)


def paint_level(surface, rect, level):         # what the level asks for, drawn big on the start screen
    d.blit_panel(surface, rect, d.WHITE)
    d.draw_glyph(surface, "A", int(rect.h * 0.7), rect.center, d.INK)


GAME = GameInfo(id="write_a", title="Write A", spoken_name="Write the letter A",
                how_to_play="Write the letter A with your finger!",
                levels=(Level("Three A's", 1, {"rounds": 3}, picture=paint_level),),
                paint_icon=paint_icon, scene="games.write_a.scene.WriteA")
