"""One pointer for mouse, touch and pen.

Scenes never look at raw mouse or finger events. :class:`PointerInput` turns them into
:class:`Pointer` events in the app's logical canvas coordinates (1280x800 whatever the window size).
SDL also sends a fake mouse event for every finger event; those carry ``touch=True`` and are dropped,
so one tap is one tap.
"""
from __future__ import annotations

from dataclasses import dataclass

import pygame

DOWN, MOVE, UP = "down", "move", "up"
MOUSE_ID = -1


@dataclass(frozen=True)
class Pointer:
    """A press, drag or release at ``pos`` (canvas pixels). ``id`` tells fingers apart."""

    kind: str
    pos: tuple[float, float]
    id: int = MOUSE_ID
    held: bool = False   # for MOVE: is the finger/button down (a drag) or just hovering


class PointerInput:
    """Translates pygame events to :class:`Pointer` s; ``to_canvas`` maps window pixels to canvas."""

    def __init__(self, to_canvas, window_size):
        self.to_canvas = to_canvas
        self.window_size = window_size   # callable returning the current window size
        self._down: set[int] = set()

    def translate(self, event: pygame.event.Event) -> Pointer | None:
        t = event.type
        if t in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            if getattr(event, "touch", False):
                return None   # SDL's copy of a finger event: the finger event itself is used
            pos = self.to_canvas(event.pos)
            if t == pygame.MOUSEMOTION:
                held = bool(event.buttons[0]) if event.buttons else False
                return Pointer(MOVE, pos, MOUSE_ID, held and MOUSE_ID in self._down)
            if event.button != 1:
                return None   # wheel and right button do nothing for a child
            if t == pygame.MOUSEBUTTONDOWN:
                self._down.add(MOUSE_ID)
                return Pointer(DOWN, pos, MOUSE_ID, True)
            if MOUSE_ID not in self._down:
                return None
            self._down.discard(MOUSE_ID)
            return Pointer(UP, pos, MOUSE_ID, False)
        if t in (pygame.FINGERDOWN, pygame.FINGERMOTION, pygame.FINGERUP):
            w, h = self.window_size()
            pos = self.to_canvas((event.x * w, event.y * h))
            fid = int(event.finger_id)
            if t == pygame.FINGERDOWN:
                self._down.add(fid)
                return Pointer(DOWN, pos, fid, True)
            if t == pygame.FINGERMOTION:
                return Pointer(MOVE, pos, fid, fid in self._down)
            if fid not in self._down:
                return None
            self._down.discard(fid)
            return Pointer(UP, pos, fid, False)
        return None

    def cancel_all(self) -> None:
        """Forget pressed pointers (the window lost focus mid-drag)."""
        self._down.clear()
