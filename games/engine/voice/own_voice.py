"""A grown-up's own voice: record each letter's name and sound, hear it back, keep it or redo it.

Kept clips replace the synthetic ones everywhere the Speaker says a letter's name on its own
(``say_letter_name``) or a letter's sound ("/m/" in any line, ``say_letter_sound``). They live in the
user data folder, ``own_voice/name-m.wav`` and ``own_voice/sound-m.wav`` (16 kHz mono), written
atomically and private to the user (0600 in a 0700 folder). A file found there is played only when
its size and header say it is a short plain WAV (``speech_cache.clip_is_usable``): a huge or odd file
could crash the mixer. Recording uses SDL's audio capture through pygame-ce (``pygame._sdl2.audio.AudioDevice``
with ``iscapture=True``); with no microphone the screen says so and nothing else changes.

The screen is reached from the settings' Voice page, so it is behind the grown-up gate.
"""
from __future__ import annotations

import logging
import os
import threading
import wave
from pathlib import Path

import numpy as np
import pygame

from games.engine.core import draw as d
from games.engine.core import paths
from games.engine.core.letters import ALPHABET
from games.engine.core.scene import Scene
from games.engine.core.storage import PRIVATE_FILE, make_private_folder
from games.engine.core.widgets import Button
from games.engine.voice.speech_cache import clip_is_usable

log = logging.getLogger(__name__)

RATE = 16000              # Hz, as the speech cache and the ready-made sounds
RECORD_SECONDS = 2.5      # a recording stops by itself after this long
TARGET_RMS_DB = -19.0     # loud-part RMS of kept clips: as loud as the voice's speech (make_letter_sounds.py)
KINDS = ("name", "sound")


def own_voice_dir() -> Path:
    """Where the grown-up's recordings are kept (the Speaker looks here first)."""
    return paths.user_data_dir() / "own_voice"


def clip_file(folder: Path, kind: str, letter: str) -> Path:
    return folder / f"{kind}-{letter}.wav"


class Microphone:
    """The first capture device SDL knows, recording 16-bit mono at RATE; ``problem`` says why not.

    The capture callback runs on SDL's audio thread: it only appends bytes to a list.
    """

    def __init__(self, device_names: list[str] | None = None):
        self.problem: str | None = None
        self._device = None
        self._chunks: list[bytes] = []
        self._lock = threading.Lock()
        try:
            from pygame._sdl2 import audio
            names = audio.get_audio_device_names(True) if device_names is None else device_names
        except (ImportError, pygame.error, AttributeError) as err:
            log.info("No audio capture here: %s", err)
            names = []
        self.name = names[0] if names else None
        if self.name is None:
            self.problem = "No microphone was found. Plug one in, then open this page again."

    @property
    def available(self) -> bool:
        return self.name is not None

    @property
    def recording(self) -> bool:
        return self._device is not None

    def start(self) -> bool:
        """Start recording; False (``problem`` set) when the microphone cannot be opened."""
        if not self.available or self.recording:
            return False
        try:
            from pygame._sdl2 import audio
            self._chunks = []
            self._device = audio.AudioDevice(devicename=self.name, iscapture=True, frequency=RATE,
                                             audioformat=audio.AUDIO_S16, numchannels=1, chunksize=512,
                                             allowed_changes=0, callback=self._heard)
            self._device.pause(0)
        except (pygame.error, ImportError, TypeError, ValueError) as err:
            self._device = None
            self.problem = f"The microphone could not be opened ({err})."
            log.warning(self.problem)
            return False
        return True

    def _heard(self, device, data) -> None:
        with self._lock:
            self._chunks.append(bytes(data))

    def stop(self) -> np.ndarray:
        """Stop recording; the samples heard, int16."""
        device, self._device = self._device, None
        if device is not None:
            try:
                device.pause(1)
                device.close()
            except pygame.error as err:
                log.info("Closing the microphone: %s", err)
        with self._lock:
            data = b"".join(self._chunks)
        return np.frombuffer(data[: len(data) // 2 * 2], dtype=np.int16)


def clean_recording(samples: np.ndarray, rate: int = RATE) -> np.ndarray | None:
    """The recording trimmed to the voice, as loud as the game's speech, with soft edges; None when it
    holds no voice (too quiet or too short)."""
    x = samples.astype(np.float64) / 32767
    n = int(rate * 0.02)
    if len(x) < n * 5:
        return None
    frames = x[: len(x) // n * n].reshape(-1, n)
    levels = np.sqrt((frames ** 2).mean(axis=1))
    if levels.max() < 0.01:            # about -40 dBFS: the microphone heard nothing
        return None
    voiced = np.flatnonzero(levels >= levels.max() * 0.1)
    if (voiced[-1] - voiced[0] + 1) * n < rate * 0.08:
        return None
    start, end = max(0, voiced[0] - 3) * n, min(len(x), (voiced[-1] + 4) * n)
    x = x[start:end]
    loud = frames[voiced[0]: voiced[-1] + 1]
    loud = loud[np.sqrt((loud ** 2).mean(axis=1)) >= levels.max() * 10 ** (-25 / 20)]
    rms = float(np.sqrt((loud ** 2).mean()))
    gain = min(10 ** (TARGET_RMS_DB / 20) / rms, 0.95 / float(np.abs(x).max()))
    x = x * gain
    edge = min(len(x) // 2, int(rate * 0.01))
    ramp = np.linspace(0, 1, edge, endpoint=False)
    x[:edge] *= ramp
    x[len(x) - edge:] *= ramp[::-1]
    return np.clip(np.round(x * 32767), -32767, 32767).astype(np.int16)


def write_clip(path: Path, samples: np.ndarray, rate: int = RATE) -> None:
    """Write a 16-bit mono WAV atomically (a half-written file is never seen), private to the user."""
    make_private_folder(path.parent)
    part = path.with_name(f".{path.name}.part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), PRIVATE_FILE)
    with os.fdopen(fd, "wb") as f:
        if hasattr(os, "fchmod"):
            os.fchmod(f.fileno(), PRIVATE_FILE)   # an old part file keeps its mode otherwise
        with wave.open(f, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(samples.astype(np.int16).tobytes())
    os.replace(part, path)


class OwnVoiceScreen(Scene):
    """Pick a letter; for its name and its sound: record, listen, keep or redo, or go back to the computer's."""

    captions = False

    def __init__(self, app, microphone: Microphone | None = None, folder: Path | None = None):
        super().__init__(app)
        self.mic = microphone or Microphone()
        self.folder = folder or getattr(app.speaker, "own_clips", None) or own_voice_dir()
        self.letter = "a"
        self.recording: str | None = None   # the kind being recorded
        self.recorded_for = 0.0
        self.pending: dict[str, Path] = {}  # kind -> a recording heard back but not kept yet
        self.message = self.mic.problem
        self.build()

    # -- layout ------------------------------------------------------------------------------------
    def build(self):
        W = []
        for i, ch in enumerate(ALPHABET):
            b = Button((60 + i * 44, 130, 40, 52), lambda c=ch: self.choose(c), label=ch, color=d.WHITE,
                       label_size=28, sound="click")
            b.selected = ch == self.letter
            b.painted = any(clip_file(self.folder, k, ch).is_file() for k in KINDS)
            W.append(b)
        for row, kind in enumerate(KINDS):
            y = 300 + row * 170
            pending = kind in self.pending
            if self.recording == kind:
                buttons = [("Stop", self.stop, d.RED)]
            elif pending:
                buttons = [("Listen", lambda k=kind: self.listen(k), d.WHITE), ("Keep", lambda k=kind: self.keep(k), d.GREEN),
                           ("Redo", lambda k=kind: self.record(k), d.WHITE)]
            else:
                buttons = [("Record", lambda k=kind: self.record(k), d.WHITE)]
                if clip_file(self.folder, kind, self.letter).is_file():
                    buttons += [("Listen", lambda k=kind: self.listen(k), d.WHITE),
                                ("Use the computer's", lambda k=kind: self.forget(k), d.WHITE)]
            x = 420
            for label, action, color in buttons:
                w = max(150, d.font(26, True).size(label)[0] + 50)
                b = Button((x, y, w, 96), action, label=label, color=color, label_size=26, sound="click")
                b.enabled = self.mic.available or label != "Record" and label != "Redo"
                if self.recording and self.recording != kind:
                    b.enabled = False
                W.append(b)
                x += w + 16
        W.append(Button((d.W - 250, d.H - 120, 220, 100), self.done, icon_name="done", label="Done", color=d.GREEN,
                        icon_color=d.WHITE))
        self.widgets = W
        self.focus = None

    # -- actions -----------------------------------------------------------------------------------
    def choose(self, letter):
        if self.recording:
            return
        self.letter = letter
        self._drop_pending()
        self.message = self.mic.problem
        self.build()

    def record(self, kind):
        self._drop_pending(kind)
        if not self.mic.start():
            self.message = self.mic.problem
            self.build()
            return
        self.app.speaker.stop()
        self.recording, self.recorded_for = kind, 0.0
        self.message = f"Say the {kind} of {self.letter}... then tap Stop."
        self.build()

    def stop(self):
        kind, self.recording = self.recording, None
        samples = self.mic.stop()
        clip = clean_recording(samples)
        if kind is None:
            return
        if clip is None:
            self.message = "Nothing was heard. Is the microphone on? Try again, a little closer."
        else:
            path = self.folder / f".pending-{kind}-{self.letter}.wav"
            try:
                write_clip(path, clip)
            except OSError as err:
                self.message = f"The recording could not be saved: {err}"
            else:
                self.pending[kind] = path
                self.message = "Listen to it, then keep it or record it again."
                self._play(path)
        self.build()

    def listen(self, kind):
        path = self.pending.get(kind) or clip_file(self.folder, kind, self.letter)
        self._play(path)

    def keep(self, kind):
        path = self.pending.pop(kind, None)
        if path is None:
            return
        try:
            os.replace(path, clip_file(self.folder, kind, self.letter))
            self.message = f"Kept: the games now use your {kind} of {self.letter}."
        except OSError as err:
            self.message = f"The recording could not be kept: {err}"
        self.build()

    def forget(self, kind):
        clip_file(self.folder, kind, self.letter).unlink(missing_ok=True)
        self.message = f"The games use the computer's {kind} of {self.letter} again."
        self.build()

    def done(self):
        if self.recording:
            self.recording = None
            self.mic.stop()
        self._drop_pending()
        self.app.pop()

    def back(self):
        self.done()

    def _drop_pending(self, kind=None):
        for k in ([kind] if kind else list(self.pending)):
            path = self.pending.pop(k, None)
            if path is not None:
                path.unlink(missing_ok=True)

    def _play(self, path: Path):
        from games.engine.voice.sounds import mixer_problem, start_mixer
        if not start_mixer():
            self.message = f"No sound device to play it on ({mixer_problem()})."
            return
        if not clip_is_usable(path):
            self.message = "That recording cannot be played (too big, or not a plain WAV). Record it again."
            return
        try:
            pygame.mixer.Sound(str(path)).play()
        except (pygame.error, OSError) as err:
            self.message = f"It could not be played: {err}"

    # -- time and drawing --------------------------------------------------------------------------
    def update(self, dt):
        super().update(dt)
        if self.recording:
            self.recorded_for += dt
            if self.recorded_for >= RECORD_SECONDS:
                self.stop()

    def draw(self, surface):
        surface.blit(d.background("wall"), (0, 0))
        title = "Your own voice"
        d.draw_text(surface, title, 44, (60 + d.font(44, True).size(title)[0] / 2, 60), d.INK, bold=True)
        for b in self.widgets:   # a dot under letters that have a recording
            if getattr(b, "painted", False):
                pygame.draw.circle(surface, d.GREEN, (b.rect.centerx, b.rect.bottom + 10), 5)
        d.draw_glyph(surface, self.letter, 150, (200, 440), d.INK)
        for row, kind in enumerate(KINDS):
            y = 300 + row * 170
            own = clip_file(self.folder, kind, self.letter).is_file()
            label = f"Its {kind}: " + ("recording..." if self.recording == kind else
                                        "new, not kept yet" if kind in self.pending else
                                        "your voice" if own else "the computer's voice")
            d.draw_text(surface, label, 26, (420 + d.font(26, True).size(label)[0] / 2, y - 24), d.SOFT_INK, bold=True)
            if self.recording == kind:   # how much of the time is left
                bar = pygame.Rect(620, y + 30, 400, 36)
                pygame.draw.rect(surface, d.WHITE, bar, border_radius=18)
                filled = bar.copy()
                filled.w = int(bar.w * min(1.0, self.recorded_for / RECORD_SECONDS))
                pygame.draw.rect(surface, d.RED, filled, border_radius=18)
        if self.message:
            d.draw_text(surface, self.message, 26, (560, d.H - 70), d.RED if not self.mic.available else d.INK,
                        max_width=920)
        super().draw(surface)
