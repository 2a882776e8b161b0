"""Scenes and the scene stack.

One scene per screen. Every scene has the same few methods; the app calls them:
``enter`` when it becomes active for the first time, ``exit`` when it is removed, ``pause`` /
``resume`` when another scene covers it (or the window loses focus), ``handle`` for each event
(:class:`~games.engine.input.Pointer` or a pygame key event), ``update(dt)`` each frame, ``draw``.
"""
from __future__ import annotations

import pygame

from .input import Pointer


class Scene:
    """Base class: a screen with widgets and keyboard focus."""

    #: drawn over the scene below it (dialogs, celebrations) instead of replacing it
    overlay = False
    #: show the caption bar over this scene
    captions = True

    def __init__(self, app):
        self.app = app
        self.widgets = []    # widgets get pointer events and keyboard focus, in this order
        self.focus = None

    # -- life cycle --------------------------------------------------------------------------------
    def enter(self) -> None: ...
    def exit(self) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...

    # -- events ------------------------------------------------------------------------------------
    def handle(self, event) -> None:
        if isinstance(event, Pointer):
            for w in reversed(self.widgets):
                if w.visible and w.handle_pointer(event):
                    return
            self.on_pointer(event)
            return
        if event.type == pygame.KEYDOWN:
            self.on_key(event)

    def on_pointer(self, p: Pointer) -> None:
        """A pointer event no widget took."""

    def on_key(self, event) -> None:
        """Keyboard play: arrows and Tab move focus, Enter and Space press, Esc goes back."""
        key = event.key
        if key == pygame.K_ESCAPE:
            self.back()
        elif key in (pygame.K_TAB, pygame.K_RIGHT, pygame.K_DOWN):
            self.move_focus(-1 if (event.mod & pygame.KMOD_SHIFT) else 1)
        elif key in (pygame.K_LEFT, pygame.K_UP):
            self.move_focus(-1)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if self.focus is not None and self.focus.visible and self.focus.enabled:
                self.focus.activate()

    def focusable(self):
        return [w for w in self.widgets if w.visible and w.enabled and w.focusable]

    def move_focus(self, step: int) -> None:
        items = self.focusable()
        if not items:
            return
        if self.focus in items:
            i = (items.index(self.focus) + step) % len(items)
        else:
            i = 0 if step > 0 else len(items) - 1
        self.focus = items[i]
        self.app.sounds.play("click")

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


class SceneStack:
    """Push, pop and replace scenes; only the top scene gets events and updates."""

    def __init__(self):
        self._scenes: list[Scene] = []

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
        if self.top:
            self.top.resume()
        return scene

    def replace(self, scene: Scene) -> None:
        if self._scenes:
            self._scenes.pop().exit()
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
