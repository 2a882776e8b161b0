"""The app: one window, a 60 FPS clock, the scene stack and the shared services.

Scenes draw on a fixed 1280x800 canvas; the app scales it to the window (or the full screen) without
distorting it, and maps pointer positions back. Services the scenes use: ``settings``, ``speaker``
(speech + captions), ``sounds`` (effects), ``phrases`` and ``checker`` (is this the right letter?).
"""
from __future__ import annotations

import logging
import random

import pygame

from . import draw as d
from . import widgets
from .checker import RecognizerChecker
from .input import PointerInput
from .scene import Scene, SceneStack
from .settings import Settings
from .sounds import SoundBoard
from .phrases import Phrases
from .speech import Speaker
from .widgets import CaptionBar

log = logging.getLogger(__name__)

FPS = 60


class App:
    """Owns the window and the loop; scenes get it as ``self.app``."""

    def __init__(self, *, size=(d.W, d.H), fullscreen=None, mute=False, kiosk=False, settings=None,
                 checker=None, speaker=None, rng=None):
        pygame.init()
        d.reset_caches()
        self.settings = settings or Settings.load()
        self.kiosk = kiosk
        self.fullscreen = self.settings.fullscreen if fullscreen is None else fullscreen
        self._window_size = tuple(size)
        self._open_window()
        self.canvas = pygame.Surface((d.W, d.H)).convert()
        self.rng = rng or random.Random()
        self.scenes = SceneStack()
        self.pointer = PointerInput(self.to_canvas, lambda: self.window.get_size())
        s = self.settings
        self.sounds = SoundBoard(volume=0.0 if mute else s.volume)
        widgets.use_sounds(self.sounds.play)
        self.speaker = speaker or Speaker(enabled=s.speech and not mute, rate=s.speech_rate, volume=s.volume)
        self.phrases = Phrases()
        self.checker = checker or RecognizerChecker()
        self.caption = CaptionBar(self.speaker)
        self.clock = pygame.time.Clock()
        self.running = True
        self.paused = False

    # -- window ------------------------------------------------------------------------------------
    def _open_window(self):
        pygame.display.set_caption("Letterplay")
        if self.fullscreen:
            self.window = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            self.window = pygame.display.set_mode(self._window_size, pygame.RESIZABLE)

    def set_fullscreen(self, on: bool) -> None:
        self.fullscreen = on
        self._open_window()

    def _view(self):
        """Scale and offset that fit the canvas into the window, keeping its shape."""
        ww, wh = self.window.get_size()
        scale = min(ww / d.W, wh / d.H)
        return scale, (ww - d.W * scale) / 2, (wh - d.H * scale) / 2

    def to_canvas(self, pos):
        scale, ox, oy = self._view()
        return ((pos[0] - ox) / scale, (pos[1] - oy) / scale)

    # -- scenes ------------------------------------------------------------------------------------
    def push(self, scene: Scene) -> None:
        self.scenes.push(scene)

    def pop(self) -> None:
        """Leave the top scene; leaving the last one ends the app."""
        self.scenes.pop()
        if not len(self.scenes):
            self.quit()

    def pop_scene(self, scene: Scene) -> None:
        """Remove ``scene`` if it is on top (a finished overlay closing itself)."""
        if self.scenes.top is scene:
            self.scenes.pop()

    def replace(self, scene: Scene) -> None:
        self.scenes.replace(scene)

    def home(self) -> None:
        """Back to the launcher (the bottom scene)."""
        self.speaker.stop()
        while len(self.scenes) > 1:
            self.scenes.pop()

    def quit(self) -> None:
        self.running = False

    # -- loop --------------------------------------------------------------------------------------
    def handle_event(self, event) -> None:
        if event.type == pygame.QUIT:
            if not self.kiosk:
                self.quit()
            return
        if event.type == pygame.WINDOWFOCUSLOST:
            self.pointer.cancel_all()
            if self.scenes.top and not self.paused:
                self.paused = True
                self.scenes.top.pause()
            return
        if event.type == pygame.WINDOWFOCUSGAINED:
            if self.scenes.top and self.paused:
                self.paused = False
                self.scenes.top.resume()
            return
        top = self.scenes.top
        if top is None:
            return
        pointer = self.pointer.translate(event)
        if pointer is not None:
            if not (top.captions and self.caption.handle_pointer(pointer)):
                top.handle(pointer)
        elif event.type == pygame.KEYDOWN:
            if event.key == pygame.K_F11 and not self.kiosk:
                self.set_fullscreen(not self.fullscreen)
            else:
                top.handle(event)

    def frame(self, dt: float) -> None:
        """One frame: events, updates, drawing (no waiting; ``run`` paces it)."""
        for event in pygame.event.get():
            self.handle_event(event)
            if not self.running:
                return
        self.speaker.update(dt)
        if self.scenes.top and not self.paused:   # no timers run while the window is in the background
            self.scenes.top.update(dt)
        self.caption.update(dt)
        self.draw()

    def draw(self) -> None:
        for scene in self.scenes.visible():
            scene.draw(self.canvas)
        if self.scenes.top is None or self.scenes.top.captions:
            self.caption.draw(self.canvas)
        scale, ox, oy = self._view()
        self.window.fill((0, 0, 0))
        if abs(scale - 1) < 1e-6:
            self.window.blit(self.canvas, (ox, oy))
        else:
            size = (round(d.W * scale), round(d.H * scale))
            self.window.blit(pygame.transform.smoothscale(self.canvas, size), (round(ox), round(oy)))
        pygame.display.flip()

    def run(self) -> None:
        while self.running and len(self.scenes):
            dt = min(self.clock.tick(FPS) / 1000.0, 0.1)
            self.frame(dt)
        self.shutdown()

    def run_frames(self, count: int, dt: float = 1 / FPS) -> None:
        """Advance ``count`` frames with a fixed step (tests and screenshots)."""
        for _ in range(count):
            if not self.running:
                return
            self.frame(dt)

    def screenshot(self, path, whole_window: bool = False) -> None:
        """Save what the scenes drew (the 1280x800 canvas), or the whole window as the user sees it."""
        pygame.image.save(self.window if whole_window else self.canvas, str(path))

    def shutdown(self) -> None:
        while len(self.scenes):
            self.scenes.pop()
        self.speaker.shutdown()
        pygame.quit()
