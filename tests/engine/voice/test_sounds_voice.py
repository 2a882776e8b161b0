"""Voice choice: UK ("zed") or US ("zee") English, chosen in the settings; a changed voice or speed
never plays audio made for the old one."""
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import threading
import time
import wave

import numpy as np
import pytest

from games.engine.voice import espeak
from games.engine.grownups.settings_screen import SettingsScreen
from games.engine.core.settings import DEFAULT_RATE, Settings
from games.engine.voice.speech import Speaker


class RecordingSynth:
    """A stand-in engine: writes a tone per line and records the voice and text of every line it makes."""

    name, fingerprint, volume = "fake", "fake 1.0", 1.0
    reads_phonemes, follows_rate = True, False

    def __init__(self, voice="gmw/en"):
        self.voice = voice
        self.made = []
        self.lock = threading.Lock()

    def start(self):
        pass

    def set_voice(self, voice):
        self.voice = voice

    def write_wav(self, text, rate, path):
        with self.lock:
            self.made.append((self.voice, rate, text))
        t = np.arange(int(16000 * 0.05)) / 16000
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(16000)
            out.writeframes((np.sin(2 * np.pi * 440 * t) * 12000).astype(np.int16).tobytes())


def say_and_wait(speaker, text):
    speaker.say(text, interrupt=True)
    deadline = time.monotonic() + 5
    while speaker.busy or not speaker.history or speaker.history[-1].started_at is None:
        assert time.monotonic() < deadline, "the line was never played"
        speaker.update(0.02)
        time.sleep(0.002)
    return speaker.history[-1]


@pytest.fixture
def speaker(tmp_path):
    made = Speaker(synthesizer=RecordingSynth(), cache_dir=tmp_path / "cache", voice="uk")
    yield made
    made.shutdown()


def test_the_voice_setting_is_checked_like_the_others(tmp_path):
    assert Settings().voice == "uk" and Settings().call_letters_by == "name"
    s, bad = Settings.from_dict({"voice": "us", "call_letters_by": "picture"})
    assert not bad and (s.voice, s.call_letters_by) == ("us", "picture")
    s, bad = Settings.from_dict({"voice": "klingon", "call_letters_by": 3})
    assert sorted(bad) == ["call_letters_by", "voice"] and (s.voice, s.call_letters_by) == ("uk", "name")
    Settings(voice="us").save(tmp_path / "s.json")
    assert Settings.load(tmp_path / "s.json").voice == "us"


def test_us_english_says_zee_and_uk_english_zed(speaker):
    uk = say_and_wait(speaker, "Find the letter Z!")
    assert "[[z'Ed]]" in uk.spoken
    speaker.set_voice("us")
    us = say_and_wait(speaker, "Find the letter Z!")
    assert "[[z'i:]]" in us.spoken
    assert speaker._synth.made[-1][0] == "gmw/en-US"   # made by the US voice


def test_switching_the_voice_changes_the_cache_key_and_never_plays_old_audio(speaker):
    first = say_and_wait(speaker, "Well done!")
    assert speaker._synth.made == [("gmw/en", speaker.rate, "Well done!")]
    speaker.set_voice("us")
    second = say_and_wait(speaker, "Well done!")
    assert second.key != first.key and second.wav != first.wav
    assert speaker._synth.made[-1] == ("gmw/en-US", speaker.rate, "Well done!")   # made anew, in the US voice
    speaker.set_voice("uk")
    third = say_and_wait(speaker, "Well done!")
    assert third.key == first.key and len(speaker._synth.made) == 2   # the UK file again, from the cache


def test_changing_the_speed_changes_the_cache_key(speaker):
    rate = speaker.rate
    first = say_and_wait(speaker, "Well done!")
    speaker.set_rate(rate + 20)
    second = say_and_wait(speaker, "Well done!")
    assert second.key != first.key and speaker._synth.made[-1][1] == rate + 20


def test_the_letter_sounds_follow_the_voice(speaker):
    speaker.set_voice("us")
    speaker.say_letter_sound("o")
    assert speaker._queue[-1].wav == espeak.sound_clip_file("us", "o")


def test_the_settings_page_switches_the_voice_the_games_hear(play, user_home):
    play.app.push(SettingsScreen(play.app))
    screen = play.top
    play.tap(next(b for b in screen.widgets if getattr(b, "label", "") == "Voice").rect.center)
    us = next(b for b in screen.widgets if getattr(b, "label", "") == "US English (zee)")
    play.tap(us.rect.center)
    assert play.app.settings.voice == "us" and play.app.speaker.voice == "us"
    by_sound = next(b for b in screen.widgets if getattr(b, "label", "") == "sound")
    play.tap(by_sound.rect.center)
    assert play.app.settings.call_letters_by == "sound"
    play.tap(next(b for b in screen.widgets if getattr(b, "label", "") == "Listen").rect.center)
    assert "/z/" in play.app.speaker.caption   # the sound, not the name
    play.tap(next(b for b in screen.widgets if getattr(b, "label", "") == "Done").rect.center)
    assert Settings.load().voice == "us" and Settings.load().call_letters_by == "sound"


def test_the_default_speed_is_the_measured_slow_one(tmp_path):
    assert Settings().speech_rate == DEFAULT_RATE == 120
    assert Speaker(enabled=False, cache_dir=tmp_path).rate == DEFAULT_RATE
