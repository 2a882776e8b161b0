"""Play the app like a child, by posting real pygame events: used by the tests and screenshot scripts."""
from __future__ import annotations

import pygame


class Driver:
    """Taps, drags, finger taps and keys as real events, then runs frames of the app."""

    def __init__(self, app):
        self.app = app
        # What a test sees must not depend on a worker thread's speed: the real checker answers
        # in the frame here (the pad's background path is tested with a checker the test controls).
        if hasattr(app.checker, "background"):
            app.checker.background = False

    @property
    def top(self):
        return self.app.scenes.top

    def frames(self, n=1):
        self.app.run_frames(n)

    def seconds(self, s):
        """Let ``s`` seconds of game time pass (in 1/30 s frames, to keep tests quick)."""
        self.app.run_frames(int(s * 30) + 1, dt=1 / 30)

    def post(self, type_, **attrs):
        pygame.event.post(pygame.event.Event(type_, **attrs))

    def press(self, pos):
        self.post(pygame.MOUSEBUTTONDOWN, pos=(int(pos[0]), int(pos[1])), button=1, touch=False)
        self.frames(1)

    def move(self, pos):
        self.post(pygame.MOUSEMOTION, pos=(int(pos[0]), int(pos[1])), rel=(0, 0), buttons=(1, 0, 0), touch=False)
        self.frames(1)

    def release(self, pos):
        self.post(pygame.MOUSEBUTTONUP, pos=(int(pos[0]), int(pos[1])), button=1, touch=False)
        self.frames(1)

    def tap(self, pos, hold_frames=1):
        pos = (int(pos[0]), int(pos[1]))
        self.post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False)
        self.frames(hold_frames)
        self.release(pos)

    def finger_tap(self, pos, finger=1):
        w, h = self.app.window.get_size()
        x, y = pos[0] / w, pos[1] / h
        self.post(pygame.FINGERDOWN, x=x, y=y, dx=0, dy=0, finger_id=finger, touch_id=1, pressure=1.0)
        # SDL's duplicate mouse events for touch carry touch=True and must be ignored
        self.post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=True)
        self.frames(1)
        self.post(pygame.FINGERUP, x=x, y=y, dx=0, dy=0, finger_id=finger, touch_id=1, pressure=0.0)
        self.post(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=True)
        self.frames(1)

    def drag(self, points):
        """One stroke through ``points`` (canvas = window coordinates at the default size)."""
        pts = [(int(x), int(y)) for x, y in points]
        self.post(pygame.MOUSEBUTTONDOWN, pos=pts[0], button=1, touch=False)
        for p in pts[1:]:
            self.post(pygame.MOUSEMOTION, pos=p, rel=(0, 0), buttons=(1, 0, 0), touch=False)
        self.post(pygame.MOUSEBUTTONUP, pos=pts[-1], button=1, touch=False)
        self.frames(1)

    def key(self, key, mod=0):
        self.post(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)
        self.post(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)
        self.frames(1)

    def until(self, predicate, seconds=20, what="condition", step=1 / 30):
        """Run frames of ``step`` seconds until ``predicate()`` holds (AssertionError after ``seconds``)."""
        for _ in range(int(seconds / step)):
            if predicate():
                return
            self.app.run_frames(1, dt=step)
        raise AssertionError(f"timed out waiting for {what}; top scene is {type(self.top).__name__}")

    def open_game(self, game_id, level_index=0, players=1):
        """From the launcher: the game's card -> a level -> tap animals to join -> the green button.
        Returns the scene on top (the game, or the avatar picker when the class has children)."""
        from games.engine.play.common_scenes import GameStart
        from games.engine.play.players import PlayerPicker
        self.tap(self.top.cards[game_id].rect.center)
        assert isinstance(self.top, GameStart), f"the card did not open the level picker: {self.top}"
        self.tap(self.top.widgets[level_index].rect.center)
        assert isinstance(self.top, PlayerPicker), f"the level did not open the player picker: {self.top}"
        for token in self.top.tokens[1:players]:
            self.tap(token.rect.center)
        self.tap(self.top.play.rect.center)
        return self.top
