"""The app: one window, a 60 FPS clock, the scene stack and the shared services.

Scenes draw on a fixed 1280x800 canvas; the app scales it to the window (or the full screen) without
distorting it, and maps pointer positions back. Services the scenes use: ``settings``, ``speaker``
(speech + captions), ``sounds`` (effects), ``phrases`` and ``checker`` (is this the right letter?).
"""
from __future__ import annotations

import copy
import gc
import logging
import os
import random
import signal
import threading
import time
import warnings

os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")   # SIGTERM/SIGINT are ours (SDL's became a QUIT kiosk ignores)

import pygame  # noqa: E402

from games.engine.core import draw as d
from games.engine.core import paths
from games.engine.writing.checker import RecognizerChecker
from games.engine.core.input import PointerInput
from games.engine.records.progress import Progress
from games.engine.core.scene import Scene, SceneStack
from games.engine.core.settings import Settings
from games.engine.voice.sounds import SoundBoard
from games.engine.voice.phrases import Phrases
from games.engine.voice.speech import Speaker
from games.engine.core.widgets import CaptionBar

log = logging.getLogger(__name__)

FPS = 60
#: frames a second while the window is in the background (nothing updates; the voice still gets its turns)
BACKGROUND_FPS = 4
#: seconds of full frame rate after the last input (presses, bounces, drags)
AWAKE_AFTER_INPUT = 1.5
#: room the desktop keeps around a window: its title bar and the system's panels (docks, task bars)
DESKTOP_MARGIN = (40, 100)
#: start-up objects are frozen once per process (tests make many apps; each would pin its own)
_START_UP_FROZEN = False
#: signals that ask the game to save and quit, in every mode (kiosk keeps children in, not the system)
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))


def fitting_window_size(desktops, most=(d.W, d.H)) -> tuple[int, int]:
    """The biggest window with the canvas's shape (16:10) that fits the first desktop with room left for
    the title bar and panels, and never bigger than ``most`` (1280x800)."""
    if not desktops:
        return most
    dw, dh = desktops[0]
    room_w, room_h = dw - DESKTOP_MARGIN[0], dh - DESKTOP_MARGIN[1]
    scale = min(room_w / d.W, room_h / d.H, most[0] / d.W, most[1] / d.H)
    scale = max(scale, 0.25)   # a strange report of a tiny desktop still gives a usable window
    return round(d.W * scale), round(d.H * scale)


class App:
    """Owns the window and the loop; scenes get it as ``self.app``.

    ``size``: the window's size, or None for the biggest 16:10 window that fits the desktop (at most
    1280x800). ``fullscreen`` None means as the settings say.
    """

    def __init__(self, *, size=(d.W, d.H), fullscreen=None, mute=False, kiosk=False, settings=None,
                 checker=None, speaker=None, rng=None, games=None):
        pygame.init()
        #: the registered games (``GameInfo``), handed in by the launcher: the engine never imports them
        self.games = list(games or ())
        d.reset_caches()
        self.settings = settings or Settings.load()
        self._settings_as_loaded = copy.deepcopy(self.settings)
        self.kiosk = kiosk
        self.fullscreen = self.settings.fullscreen if fullscreen is None else fullscreen
        self._window_size = tuple(size) if size else None
        self._open_window()
        self.canvas = pygame.Surface((d.W, d.H)).convert()
        self.rng = rng or random.Random()
        self.scenes = SceneStack()
        self.pointer = PointerInput(self.to_canvas, lambda: self.window.get_size())
        s = self.settings
        self.sounds = SoundBoard(volume=0.0 if mute else s.volume)   # scenes lend it to their widgets
        self.speaker = speaker or Speaker(enabled=s.speech and not mute, rate=s.speech_rate, volume=s.volume,
                                          voice=s.voice, own_clips=paths.user_data_dir() / "own_voice")
        self.phrases = Phrases()
        self.checker = checker or RecognizerChecker()
        self.progress = Progress.open()   # children's profiles and answers (games/engine/records/progress.py)
        self.caption = CaptionBar(self.speaker)
        self.clock = pygame.time.Clock()
        self.running = True
        self.paused = False
        self.stop_signal = None   # the signal that asked us to quit, if one did
        self._last_input = time.monotonic()
        self._scenes_left = 0

    # -- window ------------------------------------------------------------------------------------
    def _open_window(self):
        pygame.display.set_caption("Letterplay")
        if self.fullscreen:
            self.window = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            if self._window_size is None:
                self._window_size = fitting_window_size(pygame.display.get_desktop_sizes())
            os.environ.setdefault("SDL_VIDEO_CENTERED", "1")   # all of it on screen, title bar too
            with warnings.catch_warnings():   # "forcibly resized": answered just below
                warnings.simplefilter("ignore", RuntimeWarning)
                self.window = pygame.display.set_mode(self._window_size, pygame.RESIZABLE)
            if self.window.get_size() != tuple(self._window_size):
                # Leaving full screen with the software framebuffer, SDL keeps the desktop's size
                # for the first set_mode; asking again gives the window its own size back.
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
            self._last_input = time.monotonic()
            self.handle_event(event)
            if not self.running:
                return
        self.speaker.update(dt)
        self.progress.update()   # cheap: takes up the progress file again once it can be written
        if self.scenes.top and not self.paused:   # no timers run while the window is in the background
            self.scenes.top.update(dt)
            self.scenes.top.settle_focus()
        self.caption.update(dt)
        self.draw()
        self._tidy_memory()

    def _tidy_memory(self) -> None:
        """After the first frame, set the start-up objects aside from the cycle collector; after a scene
        is left, collect it now. Scenes and their widgets refer to each other (callbacks), so a left
        game's pictures (tens of MB) would otherwise wait for Python's next full collection."""
        global _START_UP_FROZEN
        if not _START_UP_FROZEN:
            _START_UP_FROZEN = True
            gc.collect()
            gc.freeze()   # modules, fonts, the launcher: never garbage; later collections skip them
            self._scenes_left = self.scenes.left
        elif self.scenes.left != self._scenes_left:
            self._scenes_left = self.scenes.left
            gc.collect()
            d.release_memory()

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
        """The real loop: until the last scene closes, a quit, or SIGTERM/SIGINT/SIGHUP; then shut down."""
        previous = self._catch_stop_signals()
        try:
            while self.running and len(self.scenes):
                if self.wants_full_rate():
                    self.frame(min(self.clock.tick(FPS) / 1000.0, 0.1))
                    continue
                fps = BACKGROUND_FPS if self.paused or not self.scenes.top else self.scenes.top.idle_fps
                self._rest_until_input(1 / max(1, fps))
                self.frame(min(self.clock.tick() / 1000.0, 0.1))
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if self.stop_signal is not None:
            log.info("%s: saving and quitting", signal.Signals(self.stop_signal).name)
        self.shutdown()

    def _rest_until_input(self, seconds: float) -> None:
        """Nothing moves: sleep until input comes (looked for every 20 ms) or ``seconds`` pass.
        (pygame.event.wait with a timeout polls and costs ~2% of a core by itself.)"""
        deadline = time.monotonic() + seconds
        while self.running and not pygame.event.peek():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(0.02, left))

    def wants_full_rate(self) -> bool:
        """Does this frame need 60 FPS: the top scene animates, the caption fades, or input came lately?
        Otherwise ``run`` draws a few frames a second (classroom laptops run on batteries)."""
        if self.paused:
            return False
        top = self.scenes.top
        if top is not None and top.animating:
            return True
        if 0 < self.caption._alpha < 1:   # the caption bar fading in or out
            return True
        return time.monotonic() - self._last_input < AWAKE_AFTER_INPUT

    def _catch_stop_signals(self) -> dict:
        """Turn the stop signals into a flag the loop reads; returns the handlers they had."""
        if threading.current_thread() is not threading.main_thread():
            return {}
        previous = {}
        for sig in STOP_SIGNALS:
            previous[sig] = signal.signal(sig, self._on_stop_signal)
        return previous

    def _on_stop_signal(self, signum, frame) -> None:
        self.stop_signal = signum
        self.running = False

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
        self.save_settings()
        self.progress.close()   # answers still waiting are written (or kept for the next start); the journal emptied
        self.speaker.shutdown()
        pygame.quit()

    def save_settings(self) -> None:
        """Keep settings changed since the start (a quit from inside the settings screen, or a signal)."""
        if self.settings == self._settings_as_loaded:
            return
        try:
            self.settings.save()
            self._settings_as_loaded = copy.deepcopy(self.settings)
        except (OSError, ValueError, TypeError) as err:   # a read-only home or odd data must not stop the quit
            log.warning("could not save the settings: %s", err)
