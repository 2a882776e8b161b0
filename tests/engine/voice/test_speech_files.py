"""Odd things where the speaker keeps its files: a folder or a FIFO at a cached line's name, a huge or
damaged own-voice recording. The game plays on (with captions), never crashes, never hangs."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import numpy as np
import pygame
import pytest

from games.engine.voice import speech_cache
from games.engine.voice.speech import Speaker

ROOT = Path(__file__).resolve().parents[3]


class ToneSynth:
    """Stands in for espeak-ng: a short tone per line."""

    name = "fake voice"
    voice = "fake"
    volume = 1.0
    fingerprint = "fake voice 1.0"
    reads_phonemes = True
    follows_rate = False

    def start(self):
        pass

    def write_wav(self, text, rate, path):
        samples = (np.sin(np.arange(2000) / 4) * 9000).astype(np.int16)
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(22050)
            out.writeframes(samples.tobytes())


def say_and_play(speaker, text, seconds=10.0):
    speaker.say(text)
    deadline = time.monotonic() + seconds
    while not speaker.history and time.monotonic() < deadline:
        speaker.update(0.05)
        time.sleep(0.002)
    return speaker.history


def test_a_folder_where_a_cached_line_should_be_is_not_played(tmp_path):
    speaker = Speaker(synthesizer=ToneSynth(), cache_dir=tmp_path / "cache")
    try:
        key = speaker._line("Hello there!", "Hello there!", letter_names=True).key
        folder = tmp_path / "cache" / speech_cache.cache_file_name(key)
        folder.mkdir()
        (folder / "inside").write_text("x")
        history = say_and_play(speaker, "Hello there!")
        assert [line.caption for line in history] == ["Hello there!"]   # shown, at least as a caption
        assert folder.is_dir()   # not ours to remove with what is in it
    finally:
        speaker.shutdown()


FIFO_LINE = r"""
import os, sys, time
sys.path.insert(0, sys.argv[2])
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from test_speech_files import ToneSynth, say_and_play
from games.engine.voice import speech_cache
from games.engine.voice.speech import Speaker
speaker = Speaker(synthesizer=ToneSynth(), cache_dir=Path(sys.argv[1]))
key = speaker._line("Hello there!", "Hello there!", letter_names=True).key
os.mkfifo(Path(sys.argv[1]) / speech_cache.cache_file_name(key))
history = say_and_play(speaker, "Hello there!")
for _ in range(30):
    speaker.update(0.1)
print("played on:", [line.caption for line in history], flush=True)
os._exit(0)
"""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_where_a_cached_line_should_be_never_hangs_the_game(tmp_path):
    script = tmp_path / "fifo.py"
    script.write_text(FIFO_LINE)
    (tmp_path / "cache").mkdir()
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    try:
        done = subprocess.run([sys.executable, str(script), str(tmp_path / "cache"), str(ROOT),
                               str(Path(__file__).parent)], capture_output=True, text=True, timeout=60, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail("the speaker hung on a FIFO in the speech cache")
    assert done.returncode == 0, done.stderr
    assert "played on: ['Hello there!']" in done.stdout


def test_a_folder_in_the_cache_does_not_stop_it_being_tidied(tmp_path):
    for i in range(4):
        (tmp_path / speech_cache.cache_file_name(f"k{i}")).write_bytes(b"x" * 1000)
        os.utime(tmp_path / speech_cache.cache_file_name(f"k{i}"), (1000 + i, 1000 + i))
    (tmp_path / "v1-old.wav").mkdir()   # an old version's name, but a folder
    assert speech_cache.prune_cache(tmp_path, max_bytes=2500) >= 2
    assert len([p for p in tmp_path.glob("*.wav") if p.is_file()]) == 2


def write_wav(path: Path, seconds=0.4, rate=16000):
    samples = (np.sin(np.arange(int(rate * seconds)) / 5) * 9000).astype(np.int16)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())


def huge_wav(path: Path, size=200 * 1024 * 1024):
    """A 200 MB WAV (sparse on disk): a header that says so, then silence."""
    write_wav(path, seconds=0.1)
    with open(path, "r+b") as f:
        f.truncate(size)
        f.seek(4)
        f.write((size - 8).to_bytes(4, "little"))
        f.seek(40)
        f.write((size - 44).to_bytes(4, "little"))


def test_a_huge_or_damaged_own_recording_is_never_handed_to_the_mixer(tmp_path):
    own = tmp_path / "own_voice"
    own.mkdir()
    huge_wav(own / "name-m.wav")
    (own / "sound-s.wav").write_bytes(b"RIFF" + os.urandom(5000))
    if hasattr(os, "mkfifo"):
        os.mkfifo(own / "name-b.wav")
    write_wav(own / "name-a.wav")
    speaker = Speaker(enabled=False, cache_dir=tmp_path / "cache", own_clips=own)
    assert speaker.name_clip("m") is None and speaker.name_clip("b") is None
    assert speaker.sound_clip("s") != own / "sound-s.wav"   # the ready-made sound instead
    assert speaker.name_clip("a") == own / "name-a.wav"     # a proper recording is used
    assert not speech_cache.clip_is_usable(own / "name-m.wav")
    assert speech_cache.clip_is_usable(own / "name-a.wav")


def test_the_own_voice_page_will_not_play_a_huge_recording(make_app, tmp_path, monkeypatch):
    from games.engine.voice.own_voice import OwnVoiceScreen
    app = make_app()
    own = tmp_path / "own"
    own.mkdir()
    huge_wav(own / "name-a.wav")
    screen = OwnVoiceScreen(app, folder=own)
    app.push(screen)
    played = []

    class Sound:   # the real mixer crashes (SIGSEGV) on this file: it must never get it
        def __init__(self, path):
            played.append(path)

        def play(self):
            pass
    monkeypatch.setattr(pygame.mixer, "Sound", Sound)
    screen.listen("name")
    assert played == [] and "cannot be played" in screen.message


def test_remembering_words_while_the_page_forgets_others_loses_no_line(tmp_path):
    errors = []

    def add(n0):
        try:
            for n in range(n0, n0 + 200):
                speech_cache.remember_words(tmp_path, f"k{n}", f"Hello child {n}")
        except Exception as err:   # pragma: no cover - what the test looks for
            errors.append(err)
    threads = [threading.Thread(target=add, args=(i * 1000,)) for i in range(2)]
    for t in threads:
        t.start()
    speech_cache.forget_words(tmp_path, "nobody")
    for t in threads:
        t.join()
    assert errors == []
    salt, lines = speech_cache._read_index(tmp_path)
    assert len(lines) == 400
