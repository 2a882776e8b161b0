"""A grown-up's own voice: recordings replace the synthetic letter names and sounds; no microphone,
no harm."""
from __future__ import annotations

import wave

import numpy as np
import pytest
from fakes import Driver

from games.engine.voice import espeak
from games.engine.grownups.settings_screen import SettingsScreen
from games.engine.voice.own_voice import RATE, Microphone, OwnVoiceScreen, clean_recording, clip_file
from games.engine.voice.speech import Speaker


def tone(seconds=0.6, level=0.05, pad=0.5):
    """A quiet 'voice' (a tone) with silence around it, as a microphone would hear it."""
    t = np.arange(int(RATE * seconds)) / RATE
    voice = np.sin(2 * np.pi * 220 * t) * level
    quiet = np.zeros(int(RATE * pad))
    return (np.concatenate([quiet, voice, quiet]) * 32767).astype(np.int16)


class FakeMic(Microphone):
    """A microphone that hears `samples` every time."""

    def __init__(self, samples):
        super().__init__(device_names=["test microphone"])
        self.samples = samples
        self.on = False

    def start(self):
        self.on = True
        return True

    @property
    def recording(self):
        return self.on

    def stop(self):
        self.on = False
        return self.samples


def button(screen, label):
    return next(b for b in screen.widgets if getattr(b, "label", "") == label)


def test_a_recording_is_trimmed_and_made_as_loud_as_the_voice():
    clip = clean_recording(tone())
    assert clip is not None and 0.6 <= len(clip) / RATE < 0.8              # the silence around it is gone
    x = clip / 32767
    assert -22 < 20 * np.log10(np.sqrt((x ** 2).mean())) < -16            # about -19 dBFS, like the voice
    assert clean_recording(np.zeros(RATE, np.int16)) is None               # nothing heard
    assert clean_recording(tone(seconds=0.03)) is None                     # a click, not a word


@pytest.fixture
def own(make_app, tmp_path):
    folder = tmp_path / "own_voice"
    app = make_app()
    app.speaker = Speaker(enabled=False, cache_dir=tmp_path / "speech", own_clips=folder)   # no engine needed
    yield app, folder
    app.speaker.shutdown()


def test_a_kept_recording_replaces_the_synthetic_sound_and_name(own):
    app, folder = own
    screen = OwnVoiceScreen(app, microphone=FakeMic(tone()), folder=folder)
    app.push(screen)
    d = Driver(app)
    d.tap(button(screen, "m").rect.center)
    record = [b for b in screen.widgets if getattr(b, "label", "") == "Record"]
    d.tap(record[1].rect.center)                       # the sound row
    assert screen.recording == "sound"
    d.tap(button(screen, "Stop").rect.center)
    assert "sound" in screen.pending and not clip_file(folder, "sound", "m").exists()   # heard back, not kept yet
    d.tap(button(screen, "Redo").rect.center)          # once more
    d.tap(button(screen, "Stop").rect.center)
    d.tap(button(screen, "Keep").rect.center)
    kept = clip_file(folder, "sound", "m")
    assert kept.is_file() and not list(folder.glob(".pending*"))
    with wave.open(str(kept)) as w:
        assert w.getframerate() == RATE and w.getnchannels() == 1
    app.speaker.say_letter_sound("m")
    assert app.speaker._queue[-1].wav == kept                              # the games play the grown-up's
    app.speaker.say("Find the letter that says /m/!")
    assert app.speaker._queue[-1].wav == kept
    d.tap(button(screen, "Use the computer's").rect.center)
    assert not kept.exists()
    app.speaker.say_letter_sound("m")
    assert app.speaker._queue[-1].wav == espeak.sound_clip_file("uk", "m")  # the ready-made one again


def test_a_recorded_letter_name_is_said_for_the_lone_letter(own):
    app, folder = own
    screen = OwnVoiceScreen(app, microphone=FakeMic(tone()), folder=folder)
    app.push(screen)
    d = Driver(app)
    d.tap(button(screen, "b").rect.center)
    d.tap(button(screen, "Record").rect.center)        # the name row comes first
    d.tap(button(screen, "Stop").rect.center)
    d.tap(button(screen, "Keep").rect.center)
    app.speaker.say_letter_name("B")
    line = app.speaker._queue[-1]
    assert line.wav == clip_file(folder, "name", "b") and line.caption == "B"


def test_without_a_microphone_the_screen_says_so_and_nothing_breaks(own):
    app, folder = own
    screen = OwnVoiceScreen(app, microphone=Microphone(device_names=[]), folder=folder)
    app.push(screen)
    d = Driver(app)
    assert "No microphone" in screen.message
    record = button(screen, "Record")
    assert not record.enabled
    d.tap(record.rect.center)
    d.frames(5)
    assert screen.recording is None and not folder.exists()
    d.tap(button(screen, "Done").rect.center)
    assert d.top is not screen


def test_a_microphone_that_hears_nothing_says_so(own):
    app, folder = own
    screen = OwnVoiceScreen(app, microphone=FakeMic(np.zeros(RATE, np.int16)), folder=folder)
    app.push(screen)
    d = Driver(app)
    d.tap(button(screen, "Record").rect.center)
    d.frames(int(3.0 * 60))                             # it stops by itself
    assert screen.recording is None and "Nothing was heard" in screen.message and not screen.pending


def test_the_real_capture_device_opens_and_closes_without_harm(own):
    """SDL's dummy driver has a capture device that hears silence: the whole path runs, nothing breaks."""
    mic = Microphone()
    if not mic.available:
        pytest.skip("no capture device at all here")
    if mic.start():
        samples = mic.stop()
        assert samples.dtype == np.int16
    assert not mic.recording


def test_the_settings_voice_page_opens_the_recording_screen(play):
    play.app.push(SettingsScreen(play.app))
    screen = play.top
    play.tap(button(screen, "Voice").rect.center)
    play.tap(button(screen, "Record my own voice").rect.center)
    assert isinstance(play.top, OwnVoiceScreen)
    play.tap(button(play.top, "Done").rect.center)
    assert play.top is screen
