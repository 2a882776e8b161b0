"""Scenes and the scene stack.

One scene per screen. Every scene has the same few methods; the app calls them:
``enter`` when it becomes active for the first time, ``exit`` when it is removed, ``pause`` /
``resume`` when another scene covers it (or the window loses focus), ``handle`` for each event
(:class:`~games.engine.core.input.Pointer` or a pygame key event), ``update(dt)`` each frame, ``draw``.
"""
from __future__ import annotations

import pygame

from games.engine.core.input import Pointer

ARROWS = {pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0), pygame.K_UP: (0, -1), pygame.K_DOWN: (0, 1)}


class Scene:
    """Base class: a screen with widgets and keyboard focus."""

    #: drawn over the scene below it (dialogs, celebrations) instead of replacing it
    overlay = False
    #: show the caption bar over this scene
    captions = True
    #: something on it moves and needs the full frame rate; a scene that is still (or moves gently) says
    #: False and the app draws it a few times a second until input comes (saves laptop batteries)
    animating = True
    #: frames a second while not animating and nobody plays (the app never waits longer for input)
    idle_fps = 10

    def __init__(self, app):
        self.app = app
        self.widgets = []    # widgets get pointer events and keyboard focus, in this order
        self.focus = None
        self._gone_focus_at = None   # where a focused widget was when it left (arrows resume there)

    # -- life cycle --------------------------------------------------------------------------------
    def enter(self) -> None: ...
    def exit(self) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...

    # -- events ------------------------------------------------------------------------------------
    def handle(self, event) -> None:
        if isinstance(event, Pointer):
            for w in reversed(self.widgets):
                if w.visible and self.lend_sounds(w).handle_pointer(event):
                    return
            self.on_pointer(event)
            return
        if event.type == pygame.KEYDOWN:
            self.on_key(event)

    def on_pointer(self, p: Pointer) -> None:
        """A pointer event no widget took."""

    def on_key(self, event) -> None:
        """Keyboard play: arrows move focus that way, Tab / Shift-Tab in list order, Enter and Space
        press, Esc goes back."""
        self.settle_focus()
        key = event.key
        if key == pygame.K_ESCAPE:
            self.back()
        elif key == pygame.K_TAB:
            self.move_focus(-1 if (event.mod & pygame.KMOD_SHIFT) else 1)
        elif key in ARROWS:
            self.focus_towards(ARROWS[key])
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if self.focus is not None and self.can_focus(self.focus):
                self.lend_sounds(self.focus).activate()

    def lend_sounds(self, w):
        """Hand widget ``w`` this scene's sound player (``app.sounds``) unless it has its own; returns ``w``."""
        if getattr(w, "sounds", False) is None:
            w.sounds = self.app.sounds
        return w

    def can_focus(self, w) -> bool:
        """Can ``w`` hold keyboard focus now: in this scene, shown, enabled and able to be pressed."""
        if w not in self.widgets or not (w.visible and w.enabled and w.focusable):
            return False
        can_tap = getattr(w, "can_tap", None)
        return can_tap() if can_tap else True

    def focusable(self):
        return [w for w in self.widgets if self.can_focus(w)]

    def settle_focus(self) -> None:
        """Drop focus from a widget that left the scene (or was hidden or disabled): a key press must
        never press something that is gone. The next arrow starts from where it was."""
        if self.focus is not None and not self.can_focus(self.focus):
            self._gone_focus_at = pygame.Vector2(self.focus.rect.center)
            self.focus = None

    def _set_focus(self, w) -> None:
        if w is not self.focus:
            self.focus = w
            self.app.sounds.play("click")

    def move_focus(self, step: int) -> None:
        """Tab order: the next (``step`` 1) or previous (-1) focusable widget in list order."""
        items = self.focusable()
        if not items:
            return
        if self.focus in items:
            i = (items.index(self.focus) + step) % len(items)
        else:
            i = 0 if step > 0 else len(items) - 1
        self._set_focus(items[i])

    def focus_towards(self, direction) -> None:
        """Arrow keys: focus the nearest widget in ``direction`` ((1, 0) is right, (0, 1) down)."""
        items = self.focusable()
        if not items:
            return
        if self.focus not in items:
            gone = self._gone_focus_at
            start = min(items, key=lambda w: gone.distance_to(w.rect.center)) if gone is not None else items[0]
            self._set_focus(start)
            return
        best = nearest_in_direction(self.focus.rect, [w for w in items if w is not self.focus], direction)
        if best is not None:
            self._set_focus(best)

    def back(self) -> None:
        """Esc or the home button: leave this screen."""
        self.app.pop()

    # -- frame -------------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        for w in self.widgets:
            w.update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        for w in self.widgets:
            if w.visible:
                w.draw(surface, focused=(w is self.focus))


def nearest_in_direction(origin: pygame.Rect, widgets, direction):
    """The widget whose centre lies nearest ``origin`` going in ``direction``, favouring ones in line
    with it (a step sideways costs 2.5 times a step ahead); None when nothing lies that way."""
    here = pygame.Vector2(origin.center)
    dx, dy = direction
    best, best_cost = None, float("inf")
    for w in widgets:
        v = pygame.Vector2(w.rect.center) - here
        ahead = v.x * dx + v.y * dy
        if ahead <= 0:
            continue
        cost = ahead + 2.5 * abs(v.x * dy + v.y * dx)
        if cost < best_cost:
            best, best_cost = w, cost
    return best


class SceneStack:
    """Push, pop and replace scenes; only the top scene gets events and updates."""

    def __init__(self):
        self._scenes: list[Scene] = []
        self.left = 0   # how many scenes have been left so far (the app tidies memory after each)

    def __len__(self):
        return len(self._scenes)

    def __iter__(self):
        return iter(self._scenes)

    @property
    def top(self) -> Scene | None:
        return self._scenes[-1] if self._scenes else None

    def push(self, scene: Scene) -> None:
        if self.top:
            self.top.pause()
        self._scenes.append(scene)
        scene.enter()

    def pop(self) -> Scene | None:
        if not self._scenes:
            return None
        scene = self._scenes.pop()
        scene.exit()
        self.left += 1
        if self.top:
            self.top.resume()
        return scene

    def replace(self, scene: Scene) -> None:
        if self._scenes:
            self._scenes.pop().exit()
            self.left += 1
        self._scenes.append(scene)
        scene.enter()

    def visible(self) -> list[Scene]:
        """The scenes to draw, bottom first: the top one and any opaque scene under its overlays."""
        out = []
        for scene in reversed(self._scenes):
            out.append(scene)
            if not scene.overlay:
                break
        return list(reversed(out))
