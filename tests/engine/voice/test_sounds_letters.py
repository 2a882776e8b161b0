"""The letter sounds: every letter has a ready-made, audible, long-enough WAV in every voice, and the
Speaker plays it (with no speech engine) wherever a line holds "/m/"."""
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import string
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from games.engine.voice import espeak
from games.engine.voice.speech import Speaker

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "assets" / "speech"))
from make_letter_sounds import kind_of, loud_rms  # noqa: E402

TABLE = espeak.load_letter_sounds()
VOICES = list(TABLE["voices"])


def samples_of(path):
    with wave.open(str(path), "rb") as w:
        assert w.getnchannels() == 1 and w.getsampwidth() == 2
        return np.frombuffer(w.readframes(w.getnframes()), np.int16) / 32767, w.getframerate()


def test_every_letter_has_a_sound_and_a_name_in_every_voice():
    assert set(TABLE["sounds"]) == set(string.ascii_lowercase)
    assert {"uk", "us"} <= set(VOICES)
    for voice in VOICES:
        assert set(espeak.letter_names(voice)) == set(string.ascii_lowercase)
    assert espeak.letter_names("uk")["z"] == "z'Ed" and espeak.letter_names("us")["z"] == "z'i:"   # zed, zee


@pytest.mark.parametrize("voice", VOICES)
@pytest.mark.parametrize("letter", string.ascii_lowercase)
def test_every_sound_wav_is_audible_long_enough_and_never_clips(voice, letter):
    samples, rate = samples_of(espeak.sound_clip_file(voice, letter))
    seconds = len(samples) / rate
    held = kind_of(TABLE["sounds"][letter]) == "held"
    assert seconds >= (0.30 if held else 0.20), f"/{letter}/ lasts only {seconds:.2f} s"
    assert seconds <= 0.8
    level = 20 * np.log10(loud_rms(samples, rate))
    assert level > -24, f"/{letter}/ is too quiet: {level:.1f} dBFS"
    assert np.abs(samples).max() < 0.97
    edge = int(rate * 0.001)
    assert np.abs(samples[:edge]).max() < 0.05 and np.abs(samples[-edge:]).max() < 0.05   # no click


@pytest.mark.parametrize("voice", VOICES)
def test_the_sounds_are_about_as_loud_as_each_other(voice):
    levels = [20 * np.log10(loud_rms(*samples_of(espeak.sound_clip_file(voice, c)))) for c in string.ascii_lowercase]
    assert max(levels) - min(levels) < 3.0, dict(zip(string.ascii_lowercase, np.round(levels, 1)))


def test_the_sound_wavs_are_small_enough_to_ship():
    size = sum(p.stat().st_size for p in espeak.SOUNDS_DIR.rglob("*.wav"))
    assert size < 1.5 * 1024 * 1024


class NoEngine:
    """A speech engine that is not there: everything said must come from the ready-made WAVs."""

    name, voice, volume, fingerprint = "none", "none", 1.0, "none"
    reads_phonemes, follows_rate = True, False

    def start(self):
        raise RuntimeError("no speech engine on this computer")


def run(speaker, seconds, dt=0.05):
    for _ in range(int(seconds / dt)):
        speaker.update(dt)


def test_a_sound_in_a_line_plays_its_wav_without_any_speech_engine(tmp_path):
    speaker = Speaker(synthesizer=NoEngine(), cache_dir=tmp_path / "cache", voice="us")
    try:
        run(speaker, 0.2)
        speaker.say("Find the letter that says /m/!")
        assert speaker.caption == "Find the letter that says /m/!"
        run(speaker, 5)
        played = [line for line in speaker.history if line.started_at is not None]
        assert [line.wav for line in played] == [espeak.sound_clip_file("us", "m")]
        assert {line.caption for line in speaker.history} == {"Find the letter that says /m/!"}
        speaker.say_letter_sound("s")
        run(speaker, 2)
        assert speaker.history[-1].wav == espeak.sound_clip_file("us", "s") and speaker.history[-1].started_at
        assert espeak.sound_clip_file("us", "s").is_file()   # a clip is never deleted like a cache file
    finally:
        speaker.shutdown()


def test_the_sound_comes_in_its_place_in_the_line(tmp_path):
    speaker = Speaker(synthesizer=NoEngine(), cache_dir=tmp_path / "cache", enabled=False)
    speaker.say("/s/ ... sun! What does sun start with?")
    speaker.say("Find the letter that says /t/!")
    run(speaker, 12)
    assert [line.spoken for line in speaker.history] == [
        "/s/", "... sun! What does sun start with?", "Find the letter that says", "/t/"]
    assert "/" not in "".join(speaker.history[1].spoken + speaker.history[2].spoken)
