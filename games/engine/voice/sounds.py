"""Short sound effects (pop, cheer, whoosh...) made with numpy when the game starts.

Every effect is a soft sine or filtered-noise shape with a smooth envelope: no square waves and no
buzzers, because the players are three to six years old. Without a sound device everything here is a
silent no-op: ``SoundBoard.play`` never raises.

``start_mixer()`` is shared with the speech module: whoever needs sound first starts ``pygame.mixer``.
"""
from __future__ import annotations

import io
import logging
import wave
from pathlib import Path

import numpy as np
import pygame

log = logging.getLogger(__name__)

RATE = 44100  # samples per second of the effects we make; the mixer converts if it runs at another rate

_mixer_problem: str | None = None   # why the mixer could not start; remembered so we say it only once


def start_mixer() -> bool:
    """Start ``pygame.mixer`` unless it runs already. False (logged once) when there is no sound device."""
    global _mixer_problem
    if pygame.mixer.get_init():
        return True
    if _mixer_problem is not None:
        return False
    try:
        pygame.mixer.init(frequency=RATE, size=-16, channels=2, buffer=512)  # small buffer: prompt replies
    except Exception as err:  # pygame.error without a sound card; anything else is just as fatal here
        _mixer_problem = str(err) or type(err).__name__
        log.warning("No sound: the sound device could not start (%s). The game plays on silently.",
                    _mixer_problem)
        return False
    return True


def mixer_problem() -> str | None:
    """Why sound is off, for the settings screen, or None when the mixer started (or was never tried)."""
    return _mixer_problem


# -- the recipes -------------------------------------------------------------------------------------

def _seconds(duration: float) -> np.ndarray:
    return np.arange(int(RATE * duration)) / RATE


def _envelope(n: int, attack: float, release: float) -> np.ndarray:
    """Rise over `attack` seconds and fade over the last `release` seconds, both with a half cosine."""
    env = np.ones(n)
    a = min(n // 2, max(1, int(RATE * attack)))
    r = min(n - a, max(1, int(RATE * release)))
    env[:a] *= 0.5 - 0.5 * np.cos(np.linspace(0, np.pi, a))
    env[-r:] *= 0.5 + 0.5 * np.cos(np.linspace(0, np.pi, r))
    return env


def _bell(freq: float, duration: float, decay: float = 6.0) -> np.ndarray:
    """A soft bell: a sine with two quiet overtones, dying away."""
    t = _seconds(duration)
    tone = np.sin(2 * np.pi * freq * t) + 0.3 * np.sin(4 * np.pi * freq * t) + 0.1 * np.sin(6 * np.pi * freq * t)
    return tone * np.exp(-decay * t) * _envelope(len(t), 0.005, 0.05)


def _glide(start_hz: float, end_hz: float, duration: float) -> np.ndarray:
    """A sine whose pitch slides from start_hz to end_hz."""
    t = _seconds(duration)
    freq = start_hz * (end_hz / start_hz) ** (t / duration)
    return np.sin(2 * np.pi * np.cumsum(freq) / RATE)


def _noise(duration: float, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).uniform(-1, 1, int(RATE * duration))


def _smooth(signal: np.ndarray, width: int) -> np.ndarray:
    """A gentle low-pass: the wider the window, the darker the sound."""
    kernel = np.hanning(width)
    return np.convolve(signal, kernel / kernel.sum(), mode="same")


def _sweep(duration: float, seed: int, shape: np.ndarray) -> np.ndarray:
    """Noise that moves from dark to bright as `shape` goes from 0 to 1 (the sound of air moving)."""
    noise = _noise(duration, seed)
    dark, bright = _smooth(noise, 80), _smooth(noise, 14)
    dark, bright = dark / np.abs(dark).max(), bright / np.abs(bright).max()
    return (1 - shape) * dark + shape * bright


def _cut(sound: np.ndarray, seconds: float) -> np.ndarray:
    """The first `seconds` of `sound`, faded out quickly so the cut does not click."""
    part = sound[: int(RATE * seconds)]
    return part * _envelope(len(part), 0.0, 0.02)


def _pop() -> np.ndarray:
    return _glide(900, 300, 0.09) * np.exp(-_seconds(0.09) * 40) * _envelope(int(RATE * 0.09), 0.002, 0.02)


def _click() -> np.ndarray:
    return _bell(1800, 0.035, decay=120) * 0.8


def _whoosh() -> np.ndarray:
    n = int(RATE * 0.5)
    rise_and_fall = np.sin(np.linspace(0, np.pi, n))
    return _sweep(0.5, 1, rise_and_fall) * rise_and_fall ** 2


def _swish() -> np.ndarray:
    n = int(RATE * 0.25)
    shape = np.linspace(0.3, 1, n)
    return _sweep(0.25, 2, shape) * np.sin(np.linspace(0, np.pi, n)) ** 3


def _crumple() -> np.ndarray:
    """Paper being scrunched: many tiny crackles that thin out."""
    rng = np.random.default_rng(3)
    out = np.zeros(int(RATE * 0.6))
    crackle = _smooth(_noise(0.012, 4), 10) * np.hanning(int(RATE * 0.012))
    for start in np.sort(rng.uniform(0, 0.55, 45)):
        i = int(start * RATE)
        out[i:i + len(crackle)] += crackle * rng.uniform(0.3, 1.0) * (1 - start / 0.6)
    return out * _envelope(len(out), 0.01, 0.08)


def _flip() -> np.ndarray:
    n = int(RATE * 0.16)
    swell = np.sin(np.linspace(0, np.pi, n)) ** 2
    tick = np.zeros(n)
    ping = _bell(1200, 0.02, decay=150)
    tick[int(n * 0.7):int(n * 0.7) + len(ping)] = ping
    return 0.7 * _sweep(0.16, 5, np.linspace(0.2, 0.9, n)) * swell + 0.4 * tick


def _notes(freqs: list[float], gap: float, ring: float) -> np.ndarray:
    """Bell notes one after another, each `gap` seconds after the last, each ringing for `ring` seconds."""
    out = np.zeros(int(RATE * (gap * (len(freqs) - 1) + ring)))
    for k, freq in enumerate(freqs):
        note = _bell(freq, ring, decay=4.0)
        i = int(k * gap * RATE)
        out[i:i + len(note)] += note
    return out


def _cheer() -> np.ndarray:
    return _notes([523.25, 659.25, 783.99, 1046.5], gap=0.09, ring=0.6)   # C E G C, rising


def _tada() -> np.ndarray:
    grace = _notes([587.33, 783.99], gap=0.07, ring=0.15)
    chord = sum(_bell(f, 1.0, decay=2.5) for f in (523.25, 659.25, 783.99, 1046.5))
    t = _seconds(1.0)
    chord = chord * (1 + 0.08 * np.sin(2 * np.pi * 5.5 * t))    # a little vibrato: it sounds happy
    return np.concatenate([_cut(grace, 0.14), chord])


def _try_again() -> np.ndarray:
    """Two soft, low notes going gently down: 'oh-oh', kind, never a buzzer."""
    first = _bell(392.0, 0.3, decay=5.0)    # G4
    second = _bell(329.63, 0.45, decay=4.0)  # E4
    return 0.7 * np.concatenate([_cut(first, 0.2), second])


RECIPES = {
    "pop": _pop, "click": _click, "whoosh": _whoosh, "swish": _swish, "crumple": _crumple,
    "flip": _flip, "cheer": _cheer, "tada": _tada, "try_again": _try_again,
}
LOUDNESS = {"click": 0.35, "pop": 0.6, "try_again": 0.45}   # peak level; the others use DEFAULT_PEAK
DEFAULT_PEAK = 0.55


def make_samples(name: str) -> np.ndarray:
    """The effect `name` as 16-bit mono samples at RATE (also used to write WAVs for listening)."""
    samples = RECIPES[name]()
    samples = samples / max(np.abs(samples).max(), 1e-9) * LOUDNESS.get(name, DEFAULT_PEAK)
    return (samples * 32767).astype(np.int16)


def wav_bytes(samples: np.ndarray) -> bytes:
    """16-bit mono samples at RATE as the bytes of a WAV file."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


class SoundBoard:
    """The shared sound effects. ``play(name)`` starts one and returns at once.

    Names: pop, cheer, whoosh, try_again, swish, crumple, flip, tada, click. A game can ``add`` its own
    WAV files. Without a sound device, or when ``enabled`` is False, playing does nothing.
    """

    def __init__(self, volume: float = 1.0, enabled: bool = True):
        self.volume = _clamp_volume(volume)
        self.enabled = enabled
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self._unknown_names: set[str] = set()
        if not start_mixer():
            return
        for name in RECIPES:
            try:
                self._sounds[name] = pygame.mixer.Sound(file=io.BytesIO(wav_bytes(make_samples(name))))
            except pygame.error as err:
                log.warning("The sound %r could not be made (%s); it stays silent.", name, err)
        self.set_volume(self.volume)

    @property
    def silent(self) -> bool:
        """True when no effect can be heard (no sound device)."""
        return not self._sounds

    @property
    def names(self) -> list[str]:
        return sorted(set(RECIPES) | set(self._sounds))

    def add(self, name: str, path: Path | str) -> bool:
        """Load a WAV/OGG file as the effect `name`. False (logged) when it cannot be read."""
        if not start_mixer():
            return False
        try:
            sound = pygame.mixer.Sound(str(path))
        except (pygame.error, FileNotFoundError) as err:
            log.warning("The sound file %s could not be loaded (%s); %r stays silent.", path, err, name)
            return False
        sound.set_volume(self.volume)
        self._sounds[name] = sound
        return True

    def play(self, name: str) -> None:
        """Start the effect `name` without waiting for it. Unknown names are logged once and ignored."""
        sound = self._sounds.get(name)
        if sound is None:
            if name not in RECIPES and name not in self._unknown_names:
                self._unknown_names.add(name)
                log.warning("There is no sound called %r. Known sounds: %s.", name, ", ".join(self.names))
            return
        if self.enabled and self.volume > 0:
            sound.play()

    def set_volume(self, volume: float) -> None:
        """Loudness of every effect, 0 (off) to 1."""
        self.volume = _clamp_volume(volume)
        for sound in self._sounds.values():
            sound.set_volume(self.volume)

    def stop(self) -> None:
        """Silence every effect that is playing."""
        for sound in self._sounds.values():
            sound.stop()


def _clamp_volume(volume: float) -> float:
    return min(1.0, max(0.0, float(volume)))
