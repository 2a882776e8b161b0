"""SoundBoard: made with numpy, plays without blocking, silent (never a crash) without a sound device."""
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import logging
import time

import numpy as np
import pygame
import pytest

from games.engine.voice import sounds
from games.engine.voice.sounds import SoundBoard

NAMES = ["pop", "cheer", "whoosh", "try_again", "swish", "crumple", "flip", "tada", "click"]


@pytest.mark.parametrize("name", NAMES)
def test_every_effect_is_audible_soft_and_short(name):
    samples = sounds.make_samples(name).astype(float) / 32767
    seconds = len(samples) / sounds.RATE
    assert 0.02 < seconds < 1.5
    assert 0.3 < np.abs(samples).max() <= 0.6          # audible, never full blast
    edge = int(sounds.RATE * 0.002)
    assert np.abs(samples[-edge:]).max() < 0.05         # fades out: no click at the end
    spectrum = np.abs(np.fft.rfft(samples))
    freqs = np.fft.rfftfreq(len(samples), 1 / sounds.RATE)
    assert spectrum[freqs > 8000].sum() < 0.25 * spectrum.sum()   # no harsh, buzzy top


def test_try_again_is_gentle_not_a_buzzer():
    samples = sounds.make_samples("try_again").astype(float)
    spectrum = np.abs(np.fft.rfft(samples))
    freqs = np.fft.rfftfreq(len(samples), 1 / sounds.RATE)
    assert freqs[spectrum.argmax()] < 600                # low, soft notes
    assert spectrum[freqs > 2000].sum() < 0.05 * spectrum.sum()


def test_play_returns_at_once_and_the_sound_plays():
    board = SoundBoard()
    assert not board.silent and set(NAMES) <= set(board.names)
    start = time.perf_counter()
    board.play("tada")
    assert time.perf_counter() - start < 0.05
    assert pygame.mixer.get_busy()
    board.stop()


def test_volume_is_clamped_and_applied():
    board = SoundBoard(volume=3)
    assert board.volume == 1.0
    board.set_volume(0.25)
    assert board._sounds["pop"].get_volume() == pytest.approx(0.25, abs=0.01)
    board.set_volume(-1)
    assert board.volume == 0.0


def test_unknown_name_is_logged_once_and_ignored(caplog):
    board = SoundBoard()
    board.play("kaboom")
    board.play("kaboom")
    messages = [r.getMessage() for r in caplog.records if "kaboom" in r.getMessage()]
    assert len(messages) == 1 and "pop" in messages[0]


def test_a_game_can_add_its_own_wav(tmp_path, caplog):
    board = SoundBoard()
    path = tmp_path / "bell.wav"
    path.write_bytes(sounds.wav_bytes(sounds.make_samples("click")))
    assert board.add("bell", path)
    board.play("bell")
    assert not board.add("gone", tmp_path / "missing.wav")
    assert any("missing.wav" in r.getMessage() for r in caplog.records)


def test_no_sound_device_is_a_silent_no_op(monkeypatch, caplog):
    def no_device(*args, **kwargs):
        raise pygame.error("No available audio device")

    monkeypatch.setattr(sounds, "_mixer_problem", None)
    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_device)
    caplog.set_level(logging.WARNING)
    board = SoundBoard()
    assert board.silent
    for name in NAMES:
        board.play(name)
    board.set_volume(0.5)
    board.stop()
    SoundBoard().play("pop")
    assert sounds.mixer_problem() == "No available audio device"
    assert sum("No sound" in r.getMessage() for r in caplog.records) == 1
