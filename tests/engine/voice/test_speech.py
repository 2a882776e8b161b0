"""Speaker, phrases and letter sounds. Headless: SDL's dummy audio, a fake engine unless stated.

Over 450 lines on purpose: every test drives the one Speaker through the same fake engine and cache
(``FakeSynth``, ``make_speaker``); the voice's other tests are beside it (test_sounds_*.py).
"""
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import json
import logging
import random
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import numpy as np
import pygame
import pytest

from games.engine.voice import sounds, speech, speech_cache
from games.engine.voice.espeak import load_letter_sounds, spoken_form
from games.engine.voice.phrases import BUILT_IN_PHRASES, Phrases
from games.engine.voice.speech import Speaker

ROOT = Path(__file__).resolve().parents[3]


class FakeSynth:
    """Stands in for espeak-ng: writes a short tone per line and records what it was asked to say."""

    name = "fake voice"
    voice = "fake"
    volume = 1.0
    fingerprint = "fake voice 1.0"
    reads_phonemes = True
    follows_rate = False      # its tones do not get longer at a slower rate: no length check

    def __init__(self, delay=0.0, fail_start=False, seconds=0.06, **attributes):
        self.delay, self.fail_start, self.seconds = delay, fail_start, seconds
        self.said = []
        self.lock = threading.Lock()
        self.__dict__.update(attributes)

    def start(self):
        if self.fail_start:
            raise RuntimeError("no espeak here")

    def write_wav(self, text, rate, path):
        time.sleep(self.delay)
        with self.lock:
            self.said.append(text)
        seconds = self.seconds(text, rate) if callable(self.seconds) else self.seconds
        t = np.arange(int(22050 * seconds)) / 22050
        samples = (np.sin(2 * np.pi * 440 * t) * 12000).astype(np.int16)
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(22050)
            out.writeframes(samples.tobytes())


def run(speaker, until, timeout=5.0, dt=0.01):
    """Call update() like a game loop until `until()` holds; fail after `timeout` real seconds."""
    deadline = time.monotonic() + timeout
    while not until():
        assert time.monotonic() < deadline, "the speaker did not get there in time"
        speaker.update(dt)
        time.sleep(0.003)


def captions_said(speaker):
    return [line.caption for line in speaker.history]


@pytest.fixture
def make_speaker(tmp_path):
    made = []

    def make(synth=None, **kwargs):
        kwargs.setdefault("cache_dir", tmp_path / "cache")
        speaker = Speaker(synthesizer=synth or FakeSynth(), **kwargs)
        made.append(speaker)
        return speaker

    yield make
    for speaker in made:
        speaker.shutdown()


def test_caption_appears_at_once_and_say_returns_fast_with_a_slow_engine(make_speaker):
    speaker = make_speaker(FakeSynth(delay=0.5))
    start = time.perf_counter()
    speaker.say("Find the letter B!")
    assert time.perf_counter() - start < 0.05
    assert speaker.caption == "Find the letter B!"
    assert speaker.busy
    run(speaker, lambda: speaker.history and speaker.history[-1].started_at is not None)
    assert speaker.status == "Voice: fake voice"


def test_a_line_whose_voice_never_comes_is_shown_as_a_caption_only(make_speaker):
    speaker = make_speaker(FakeSynth(delay=0.3))
    speaker.say("Hello")
    for _ in range(4):              # four game-seconds: longer than the speaker waits for a voice
        speaker.update(1.0)
    assert captions_said(speaker) == ["Hello"]
    assert speaker.history[0].started_at is None


def test_lines_are_said_in_the_order_asked(make_speaker):
    speaker = make_speaker()
    shown = []
    for text in ["One", "Two", "Three"]:
        speaker.say(text)
    assert speaker.caption == "One"    # later lines wait their turn, caption too

    def idle():
        if speaker.caption and (not shown or shown[-1] != speaker.caption):
            shown.append(speaker.caption)
        return not speaker.busy

    run(speaker, idle)
    assert captions_said(speaker) == ["One", "Two", "Three"]
    assert shown == ["One", "Two", "Three"]
    assert all(line.started_at is not None for line in speaker.history)


def test_caption_stays_a_moment_after_the_line_then_goes(make_speaker):
    speaker = make_speaker()
    speaker.say("Well done!")
    run(speaker, lambda: not speaker.busy)
    assert speaker.caption == "Well done!"
    speaker.update(speech.CAPTION_HOLD + 0.1)
    assert speaker.caption is None


def test_interrupt_replaces_what_is_said_and_the_queue(make_speaker):
    speaker = make_speaker()
    for text in ["One", "Two", "Three"]:
        speaker.say(text)
    run(speaker, lambda: len(speaker.history) == 1)
    speaker.say("Stop!", interrupt=True)
    assert speaker.caption == "Stop!"
    run(speaker, lambda: not speaker.busy)
    assert captions_said(speaker) == ["One", "Stop!"]


def test_stop_forgets_everything(make_speaker):
    speaker = make_speaker()
    speaker.say("One")
    speaker.say("Two")
    speaker.stop()
    assert speaker.caption is None and not speaker.busy
    speaker.update(0.5)
    assert captions_said(speaker) == []


def test_say_again_repeats_the_last_line_from_the_cache(make_speaker):
    synth = FakeSynth()
    speaker = make_speaker(synth)
    speaker.say("Well done!")
    speaker.say("Find the letter B!")
    run(speaker, lambda: not speaker.busy)
    speaker.say_again()
    assert speaker.caption == "Find the letter B!"
    run(speaker, lambda: not speaker.busy)
    assert captions_said(speaker) == ["Well done!", "Find the letter B!", "Find the letter B!"]
    assert speaker.history[-1].started_at is not None
    assert synth.said.count("Find the letter [[b'i:]]!") == 1


def test_cache_hit_needs_no_synthesis_but_a_new_rate_does(make_speaker, tmp_path):
    first = make_speaker(FakeSynth())
    first.prepare(["Which letter is missing?"])
    run(first, lambda: any((tmp_path / "cache").glob("*.wav")))
    again = FakeSynth()
    second = make_speaker(again)
    second.say("Which letter is missing?")
    assert second.busy
    run(second, lambda: not second.busy)
    assert again.said == [] and second.history[0].started_at is not None
    second.set_rate(100)
    second.say("Which letter is missing?")
    run(second, lambda: not second.busy)
    assert again.said == ["Which letter is missing?"]


@pytest.mark.parametrize("change", [{"voice": "other"}, {"volume": 0.5},
                                    {"fingerprint": "fake voice 2.0"},            # another engine version
                                    {"fingerprint": "fake voice 1.0 /usr/lib/libfake.so"}])  # or library
def test_cache_key_covers_everything_that_changes_the_sound(make_speaker, tmp_path, change):
    first = make_speaker(FakeSynth())
    first.prepare(["Which letter is missing?"])
    run(first, lambda: any((tmp_path / "cache").glob("*.wav")))
    same = make_speaker(FakeSynth())
    same.say("Which letter is missing?")
    assert same.busy and same._queue[0].wav is not None      # found in the cache: no engine needed
    changed = FakeSynth(**change)
    make_speaker(changed).prepare(["Which letter is missing?"])
    run(same, lambda: changed.said == ["Which letter is missing?"])   # asked again: the key changed...
    run(same, lambda: len(list((tmp_path / "cache").glob("*.wav"))) == 2)   # ...and its WAV is a second file


def _cache_file(tmp_path, name, size, used_at):
    path = tmp_path / name
    path.write_bytes(b"x" * size)
    os.utime(path, (used_at, used_at))
    return path


def test_prune_cache_keeps_the_most_recently_used_within_its_bytes(tmp_path):
    current = [_cache_file(tmp_path, speech_cache.cache_file_name(f"k{i}"), 1000, 1000 + i) for i in range(5)]
    _cache_file(tmp_path, "0123456789abcdef01234567.wav", 10, 2000)   # an older version's file: made otherwise
    _cache_file(tmp_path, "old.part", 10, 1000)                           # left over from a crash
    young_part = tmp_path / "young.part"
    young_part.write_bytes(b"x")                                          # maybe being written right now
    assert speech_cache.prune_cache(tmp_path, max_bytes=2500) == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([current[3].name, current[4].name, "young.part"])
    assert speech_cache.prune_cache(tmp_path, max_bytes=2500) == 0


def test_a_cache_hit_counts_as_a_use_so_pruning_keeps_it(make_speaker, tmp_path):
    speaker = make_speaker(FakeSynth())
    speaker.prepare(["Well done!", "Great job!"])
    cache = tmp_path / "cache"
    run(speaker, lambda: len(list(cache.glob("*.wav"))) == 2)
    for path in cache.glob("*.wav"):
        os.utime(path, (1000, 1000))
    speaker.say("Well done!")                                 # from the cache
    run(speaker, lambda: not speaker.busy)
    size = max(p.stat().st_size for p in cache.glob("*.wav"))
    speech_cache.prune_cache(cache, max_bytes=size)
    assert len(list(cache.glob("*.wav"))) == 1
    speaker.say("Well done!")
    assert speaker._queue[0].wav is not None                  # still there


def test_speech_is_stored_at_16_khz_mono_16_bit_and_keeps_its_pitch_and_length(make_speaker, tmp_path):
    speaker = make_speaker(FakeSynth(seconds=0.5))
    speaker.prepare(["Great job!"])
    cache = tmp_path / "cache"
    run(speaker, lambda: any(cache.glob("*.wav")))
    (path,) = cache.glob("*.wav")
    with wave.open(str(path)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (16000, 1, 2)
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    assert abs(samples.size / 16000 - 0.5) < 0.02
    spectrum = np.abs(np.fft.rfft(samples))
    assert abs(np.argmax(spectrum) * 16000 / samples.size - 440) < 5
    assert path.stat().st_size < 0.75 * (44 + 0.5 * 22050 * 2)


def _at_wrong_speed_first(times_too_fast):
    """A length function for FakeSynth: the first `times_too_fast` lines are made at 200 wpm, not 130."""
    made = []

    def seconds(text, rate):
        made.append(text)
        right = speech_cache.expected_seconds(text, rate)
        return right * (130 / 200 if len(made) <= times_too_fast else 1.0)
    return seconds


def test_a_line_made_too_fast_is_made_again_and_only_the_right_one_is_kept(make_speaker, tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="games.engine.voice.speech")
    synth = FakeSynth(seconds=_at_wrong_speed_first(1), follows_rate=True)
    speaker = make_speaker(synth)
    speaker.prepare(["Find the letter O!"])
    cache = tmp_path / "cache"
    run(speaker, lambda: any(cache.glob("v*.wav")))
    assert synth.said == ["Find the letter [['oU]]!", "Find the letter [['oU]]!"]
    (path,) = cache.glob("*.wav")
    assert speech_cache.wav_seconds(path) == pytest.approx(speech_cache.expected_seconds("Find the letter [['oU]]!", speaker.rate),
                                                     rel=0.05)
    assert any("making it again" in r.getMessage() for r in caplog.records)


def test_a_line_that_stays_too_fast_is_played_but_never_cached_under_its_name(make_speaker, tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="games.engine.voice.speech")
    synth = FakeSynth(seconds=_at_wrong_speed_first(99), follows_rate=True)
    speaker = make_speaker(synth)
    speaker.say("Well done!")
    run(speaker, lambda: not speaker.busy)
    assert speaker.history[0].started_at is not None          # the children still hear it
    cache = tmp_path / "cache"
    assert not (cache / speech_cache.cache_file_name(speaker.history[0].key)).exists()
    assert len(list(cache.glob("*.unchecked.wav"))) == 1
    assert any("not kept" in r.getMessage() for r in caplog.records)
    speaker.say("Well done!")                                 # said again this run: not made a third time
    run(speaker, lambda: not speaker.busy)
    assert len(synth.said) == 2 and speaker.history[1].started_at is not None
    later = make_speaker(FakeSynth(follows_rate=True, seconds=lambda text, rate: speech_cache.expected_seconds(text, rate)))
    later.prepare(["Well done!"])                             # a later run makes it again, right this time
    run(later, lambda: (cache / speech_cache.cache_file_name(speaker.history[0].key)).exists())


def test_length_check_tells_130_from_200_words_a_minute():
    for text in ["Find the letter [['oU]]!", "Well done!", "Which letter is missing?", "Nearly! Let's try again."]:
        at_130 = speech_cache.expected_seconds(text, 130)
        assert speech_cache.expected_seconds(text, 200) < speech_cache.TOO_SHORT * at_130 < at_130
    assert speech_cache.expected_seconds("[[s::]]", 130) is None    # a lone sound: too short to judge


class HangingSynth(FakeSynth):
    """An engine that stops answering on a line until `release` is set."""

    def __init__(self):
        super().__init__()
        self.release = threading.Event()

    def write_wav(self, text, rate, path):
        self.release.wait(10)
        super().write_wav(text, rate, path)


def test_a_hung_engine_shows_in_the_status_and_the_log_and_lines_go_on_as_captions(make_speaker, monkeypatch, caplog):
    caplog.set_level(logging.INFO, logger="games.engine.voice.speech")
    monkeypatch.setattr(speech, "ENGINE_HUNG_AFTER", 0.3)
    synth = HangingSynth()
    speaker = make_speaker(synth)
    speaker.say("Hello")
    run(speaker, lambda: speaker.status != "Voice: fake voice" and speaker.status != "Voice: starting...")
    assert speaker.status == "Captions only: the speech engine stopped answering"
    assert any("has not answered" in r.getMessage() and "Hello" in r.getMessage() for r in caplog.records)
    speaker.say("Find the letter B!")
    run(speaker, lambda: not speaker.busy, dt=0.5)            # shown as captions, no 3 s wait for a voice
    assert captions_said(speaker) == ["Hello", "Find the letter B!"]
    synth.release.set()
    run(speaker, lambda: speaker.status == "Voice: fake voice")
    assert any("answers again" in r.getMessage() for r in caplog.records)


def test_engine_that_cannot_start_means_captions_only_and_one_log_line(make_speaker, caplog):
    caplog.set_level(logging.WARNING, logger="games.engine.voice.speech")
    speaker = make_speaker(FakeSynth(fail_start=True))
    speaker.say("Hello")
    speaker.say("Find the letter B!")
    run(speaker, lambda: speaker.status != "Voice: starting...")
    assert speaker.status == "Captions only: no speech engine found"
    shown = []
    for _ in range(40):
        speaker.update(0.25)
        if speaker.caption and speaker.caption not in shown:
            shown.append(speaker.caption)
    assert shown == ["Hello", "Find the letter B!"]
    assert all(line.started_at is None for line in speaker.history)
    speaker.say("One more")
    warnings = [r for r in caplog.records if "Speech is off" in r.getMessage()]
    assert len(warnings) == 1 and "no speech engine" in warnings[0].getMessage()


def test_pyttsx3_init_failure_is_caught(make_speaker, monkeypatch):
    pyttsx3 = pytest.importorskip("pyttsx3")

    def no_engine(*args, **kwargs):
        raise RuntimeError("This means you probably do not have eSpeak or eSpeak-ng installed!")

    monkeypatch.setattr(pyttsx3, "init", no_engine)
    speaker = make_speaker(speech.EspeakSynthesizer())
    run(speaker, lambda: speaker.status != "Voice: starting...")
    assert speaker.status == "Captions only: no speech engine found"


def test_no_sound_device_means_captions_only(make_speaker, monkeypatch, caplog):
    def no_device(*args, **kwargs):
        raise pygame.error("No available audio device")

    monkeypatch.setattr(sounds, "_mixer_problem", None)
    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_device)
    caplog.set_level(logging.WARNING)
    speaker = make_speaker()
    assert speaker.status == "Captions only: no sound device"
    speaker.say("Hello")
    assert speaker.caption == "Hello"
    for _ in range(10):
        speaker.update(0.25)
    assert captions_said(speaker) == ["Hello"] and speaker.history[0].started_at is None
    make_speaker().say("Again")
    assert sum("No sound" in r.getMessage() for r in caplog.records) == 1


def test_turned_off_speech_still_captions(make_speaker):
    synth = FakeSynth()
    speaker = make_speaker(synth, enabled=False)
    assert speaker.status == "Captions only: speech is turned off"
    speaker.say("Hello")
    assert speaker.caption == "Hello"
    for _ in range(10):
        speaker.update(0.25)
    assert captions_said(speaker) == ["Hello"] and synth.said == []


def test_bad_input_is_ignored_with_a_message(make_speaker, caplog):
    speaker = make_speaker()
    speaker.say("   ")
    speaker.say(None)
    speaker.say_letter_sound("sh")
    assert not speaker.busy and speaker.caption is None
    assert len([r for r in caplog.records if r.name == "games.engine.voice.speech"]) == 3


def test_lone_letters_are_spoken_as_letter_names():
    names = load_letter_sounds()["names"]
    assert spoken_form("Find the letter A!", names) == "Find the letter [['eI]]!"
    assert spoken_form("A is for apple.", names) == "[['eI]] is for apple."
    assert spoken_form("A big star for you!", names) == "A big star for you!"       # the article
    assert spoken_form("Is it A or B?", names) == "Is it [['eI]] or [[b'i:]]?"
    assert spoken_form("You wrote the letter a!", names) == "You wrote the letter [['eI]]!"
    assert spoken_form(" a ", names) == "[['eI]]"
    assert spoken_form("I'm happy. Are you?", names) == "I'm happy. Are you?"


def test_letter_sounds_use_phonemes_never_repeated_letters(make_speaker, monkeypatch, tmp_path):
    """Without the ready-made sound WAVs (tests/engine/voice/test_sounds_letters.py), the engine says the phonemes."""
    monkeypatch.setattr(speech, "sound_clip_file", lambda voice, letter: tmp_path / "none" / f"{letter}.wav")
    table = load_letter_sounds()
    assert set(table["sounds"]) == set(table["names"]) == set("abcdefghijklmnopqrstuvwxyz")
    assert table["sounds"]["c"].startswith("k") and table["sounds"]["g"].startswith("g")
    assert table["sounds"]["x"].startswith("ks") or table["sounds"]["x"].startswith("k")
    synth = FakeSynth(seconds=0.01)
    speaker = make_speaker(synth)
    speaker.say_letter_sound("S")
    assert speaker.caption == "/s/"
    for letter in "abcdefghijklmnopqrtuvwxyz":
        speaker.say_letter_sound(letter)
    run(speaker, lambda: not speaker.busy)
    assert synth.said[0] == f"[[{table['sounds']['s']}]]"
    assert len(synth.said) == len(set(table["sounds"].values()))   # c and k share /k/: made once
    assert all(text.startswith("[[") and text.endswith("]]") for text in synth.said)   # phonemes, not text


def test_phrases_load_and_fill_placeholders():
    phrases = Phrases(rng=random.Random(1))
    assert phrases.problem is None
    data = json.loads((ROOT / "assets/speech/phrases.json").read_text())
    assert set(k for k in data if not k.startswith("_")) <= set(phrases.keys())
    assert "B" in phrases.get("wrote_letter", letter="B")
    assert phrases.get("your_turn", player="Mia").count("Mia") == 1
    picks = [phrases.get("praise") for _ in range(40)]
    assert all(a != b for a, b in zip(picks, picks[1:]))
    assert len(set(picks)) > 2
    with pytest.raises(KeyError, match="letter"):
        phrases.get("wrote_letter")
    with pytest.raises(KeyError, match="no phrase called 'nope'"):
        phrases.get("nope")


def test_corrupt_phrases_file_falls_back_to_built_in_phrases(tmp_path, caplog):
    broken = tmp_path / "phrases.json"
    broken.write_text('{"praise": ["Well done!",]')
    phrases = Phrases(broken)
    assert str(broken) in phrases.problem and "not valid JSON" in phrases.problem
    assert phrases.get("praise") in BUILT_IN_PHRASES["praise"]
    assert any("built-in phrases" in r.getMessage() for r in caplog.records)
    broken.write_text('{"praise": 3}')
    assert "'praise'" in Phrases(broken).problem
    broken.write_text('{"praise": ["Hi {name"]}')
    assert "placeholder" in Phrases(broken).problem
    assert "missing" in Phrases(tmp_path / "nowhere.json").problem


def _espeak_available():
    try:
        synth = speech.EspeakSynthesizer()
        synth.start()
        return synth
    except Exception as err:
        pytest.skip(f"no espeak-ng on this machine ({err})")


def test_real_espeak_says_letter_names_and_sounds(make_speaker, tmp_path, monkeypatch):
    """Really synthesises (about 0.1 s); skipped where no espeak-ng can start. (The sound's ready-made
    WAV is hidden, so the engine makes it.)"""
    _espeak_available()
    monkeypatch.setattr(speech, "sound_clip_file", lambda voice, letter: tmp_path / "none" / f"{letter}.wav")
    speaker = make_speaker(speech.EspeakSynthesizer())
    speaker.say("Find the letter A!")
    speaker.say_letter_sound("m")
    cache = tmp_path / "cache"
    run(speaker, lambda: speaker.history and len(list(cache.glob("*.wav"))) == 2)
    assert speaker.history[0].started_at is not None
    lengths = []
    for path in cache.glob("*.wav"):
        with wave.open(str(path)) as wav:
            samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
            lengths.append(wav.getnframes() / wav.getframerate())
        assert np.abs(samples).max() > 8000      # tidy_wav lifts quiet sounds: clearly audible
    sound, sentence = sorted(lengths)
    assert 0.15 < sound < 1.0 and 0.9 < sentence < 3.5, lengths


def test_real_espeak_writes_every_line_whole_many_times_in_a_row(tmp_path):
    """pyttsx3 cancelled about 1 line in 200 before EspeakSynthesizer waited for espeak-ng to be idle."""
    synth = _espeak_available()
    lengths = {}
    for i in range(40):
        text, rate = ["Great job!", "[['oU]]", "Listen!", "Fantastic!"][i % 4], [130, 100][i % 2]
        path = tmp_path / f"{i}.wav"
        synth.write_wav(text, rate, path)
        with wave.open(str(path)) as wav:
            lengths.setdefault((text, rate), []).append(wav.getnframes())
    for (text, rate), frames in lengths.items():
        assert min(frames) > 0.9 * max(frames), (text, rate, frames)   # none empty or cut short


def test_bundled_espeak_fallback_really_works(tmp_path):
    """Forces espeakng-loader's copy of espeak-ng in a fresh process (the choice is per process)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the bundled-library check reads /proc, which only Linux has")
    pytest.importorskip("espeakng_loader")
    pytest.importorskip("pyttsx3")
    script = (
        "import sys, wave; from pathlib import Path\n"
        "from games.engine.voice.espeak import EspeakSynthesizer\n"
        "s = EspeakSynthesizer(use_bundled=True); s.start()\n"
        f"out = Path({str(tmp_path / 'hello.wav')!r}); s.write_wav('Hello, well done!', 130, out)\n"
        "maps = [l.split()[-1] for l in open('/proc/self/maps') if 'libespeak-ng' in l]\n"
        "print(s.library); print(sorted(set(maps))); w = wave.open(str(out)); print(w.getnframes() / w.getframerate())\n"
    )
    env = dict(os.environ, SDL_AUDIODRIVER="dummy", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    library, maps, seconds = done.stdout.strip().splitlines()[-3:]
    assert "espeakng-loader" in library
    assert "espeakng_loader" in maps and "/usr/lib" not in maps
    assert 0.8 < float(seconds) < 4.0


def test_real_espeak_speaks_at_the_rate_asked_when_the_first_line_comes_later(tmp_path):
    """The root cause of the 1.5x fast voice, with the real engine in a fresh process.

    pyttsx3 held the first speed change back until its runAndWait(), which then called espeak_Cancel()
    because espeak-ng still looked busy; the cancel dropped the change and put back pyttsx3's 200 wpm.
    It happened in most runs where the first line came 0.1-1 s after the engine started, as in the game.
    """
    if not sys.platform.startswith("linux"):
        pytest.skip("pyttsx3 drives espeak-ng only on Linux")
    _espeak_available()
    script = (
        "import sys, time, wave; from pathlib import Path\n"
        "from games.engine.voice.espeak import EspeakSynthesizer\n"
        "s = EspeakSynthesizer(); s.start(); time.sleep(float(sys.argv[1]))\n"
        "for rate in (130, 200, 130):\n"
        f"    out = Path({str(tmp_path)!r}) / f'{{rate}}.wav'; s.write_wav('Find the letter O!', rate, out)\n"
        "    w = wave.open(str(out)); print(rate, w.getnframes() / w.getframerate())\n"
    )
    env = dict(os.environ, SDL_AUDIODRIVER="dummy", PYTHONPATH=str(ROOT))
    for pause in ("0.15", "0.3", "0.6"):   # a fresh engine each time: the trap was in its first line
        done = subprocess.run([sys.executable, "-c", script, pause], capture_output=True, text=True, env=env,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        first, fast, again = (float(line.split()[1]) for line in done.stdout.strip().splitlines()[-3:])
        assert first > 1.35 * fast and again > 1.35 * fast, (pause, done.stdout)     # 200/130 = 1.54
