"""Spoken prompts with captions: text -> WAV file (worker thread) -> ``pygame.mixer`` (main thread).

How a line travels:

1. ``Speaker.say(text)`` puts the line in a queue and shows its caption at once (when nothing else is
   being said). It never waits for the speech engine.
2. A worker thread owns the one speech engine (espeak-ng through pyttsx3) and writes each line to a WAV
   file in a cache folder, named by a hash of everything that changes the sound (engine, its version and
   library file, voice, engine volume, rate, text). A line said before is found in the cache and needs no
   engine at all. Each new WAV's length is checked against its text; the cache is kept under 50 MB.
3. ``Speaker.update(dt)``, called once a frame by the app, picks up finished WAVs and plays them on a
   mixer channel kept for speech. Only the main thread touches pygame.

pyttsx3 is used only to *synthesise*: its own playback on Linux shells out to ``aplay`` and fails
silently without a sound card. Without an engine or a sound device the game plays on with captions only,
says so once in the log, and ``Speaker.status`` tells the settings screen why.
"""
from __future__ import annotations

import ctypes
import hashlib
import importlib.util
import json
import logging
import math
import os
import queue
import random
import re
import string
import sys
import threading
import time
import wave
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Protocol

import numpy as np
import pygame

from . import paths
from .sounds import mixer_problem, start_mixer

log = logging.getLogger(__name__)

SPEECH_ASSETS = Path(__file__).resolve().parents[2] / "assets" / "speech"
PHRASES_FILE = SPEECH_ASSETS / "phrases.json"
LETTER_SOUNDS_FILE = SPEECH_ASSETS / "letter_sounds.json"

CAPTION_HOLD = 1.5        # seconds a caption stays up after its line has been said
WAIT_FOR_VOICE = 3.0      # seconds a line waits for its WAV before it is shown as a caption only
RATE_RANGE = (80, 200)    # words per minute; 130 is slow and clear for small children
BUNDLED_ESPEAK_ENV = "LETTERPLAY_BUNDLED_ESPEAK"   # "1": use espeakng-loader's espeak-ng, not the system one
CACHE_VERSION = "2"       # bump when the way WAVs are made changes: files of other versions are deleted
CACHE_MAX_BYTES = 50 * 1024 * 1024   # the speech cache's size; the least recently used WAVs go first
STORED_SAMPLE_RATE = 16000           # Hz: keeps all of speech (and a clear /s/), 27% smaller than 22050
ENGINE_HUNG_AFTER = 10.0  # seconds one line may take before the engine counts as hung (a line takes ~0.1 s)
# A synthesised line shorter than this share of its expected length was made too fast (see expected_seconds)
TOO_SHORT = 0.75
TOO_LONG = 3.0


# -- the speech engine (runs on the worker thread only) -----------------------------------------------

class Synthesizer(Protocol):
    """Turns text into a WAV file. Its methods are only ever called from the speaker's worker thread."""

    name: str               # shown in Speaker.status, e.g. "espeak-ng"
    voice: str              # part of the cache key
    volume: float           # the engine's own loudness, 0-1 (part of the cache key; playback volume is not)
    reads_phonemes: bool    # True when "[[...]]" in the text is read as espeak phoneme codes
    follows_rate: bool      # True when a line's length follows the rate, so it can be checked

    @property
    def fingerprint(self) -> str:
        """Which engine makes the sound: name, version and library file (part of the cache key).

        Called on the main thread, before ``start()``; must be quick and never raise.
        """

    def start(self) -> None:
        """Get the engine ready; raise any exception when there is none."""

    def write_wav(self, text: str, rate: int, path: Path) -> None:
        """Speak `text` at `rate` words per minute into a WAV file at `path`."""


_espeak_lock = threading.Lock()   # espeak-ng is one engine per process, whatever the number of speakers


class EspeakSynthesizer:
    """espeak-ng driven through pyttsx3, writing WAV files (never playing them itself).

    On Linux it uses the system's libespeak-ng when there is one, else the copy that ships inside the
    ``espeakng-loader`` package; ``use_bundled=True`` (or the environment variable
    LETTERPLAY_BUNDLED_ESPEAK=1) forces that copy. The choice holds for the whole process.

    The speed and loudness are set on espeak-ng itself before every line and read back after it
    (see ``_settle``): pyttsx3 can lose them, and then a whole run would be spoken at its 200 wpm.
    """

    def __init__(self, voice: str = "gmw/en", use_bundled: bool | None = None):
        self.voice = voice
        self.volume = 1.0
        self.use_bundled = use_bundled if use_bundled is not None else os.environ.get(BUNDLED_ESPEAK_ENV) == "1"
        self.name = "espeak-ng"
        self.library = ""           # which libespeak-ng was loaded, for the log
        self.reads_phonemes = sys.platform.startswith("linux")   # pyttsx3 drives espeak-ng there
        self.follows_rate = True
        self._engine = None
        self._espeak = None         # pyttsx3's ctypes binding of libespeak-ng, when that is the driver
        self._get_parameter = None  # espeak_GetParameter(parameter, current), bound with both arguments
        self._finished = threading.Event()   # set by pyttsx3 (on espeak-ng's thread) when a line is done
        self._espeak_is_busy = lambda: False
        self._fingerprint: str | None = None

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            try:
                library = (_library_fingerprint(_libespeak_file(self.use_bundled))
                           if sys.platform.startswith("linux") else "platform voice")
                self._fingerprint = f"{self.name} {library}"
            except Exception as err:   # no library: the worker will say so; the key only needs to differ
                self._fingerprint = f"{self.name} unavailable ({type(err).__name__})"
        return self._fingerprint

    def start(self) -> None:
        if sys.platform.startswith("linux"):
            self.library = _load_libespeak(self.use_bundled)
        with _espeak_lock:
            import pyttsx3   # imported here: it loads libespeak-ng as it is imported

            self._engine = pyttsx3.init()
            self._engine.connect("finished-utterance", lambda **_: self._finished.set())
            if self._engine.driver_name == "espeak":
                from pyttsx3.drivers import _espeak

                self._espeak = _espeak
                self._espeak_is_busy = _espeak.IsPlaying
                self._get_parameter = _espeak.dll.espeak_GetParameter
                self._get_parameter.argtypes = [ctypes.c_int, ctypes.c_int]
                self._get_parameter.restype = ctypes.c_int
                _let_pyttsx3_read_phonemes()
                self.reads_phonemes = True
                if self.voice:
                    # Straight to espeak-ng: pyttsx3 would hold it back until its first runAndWait().
                    if _espeak.SetVoiceByName(self.voice.encode("utf-8")) != 0:
                        raise RuntimeError(f"espeak-ng has no voice {self.voice!r}")
            else:
                self.name = self._engine.driver_name
                self.reads_phonemes = False
        log.info("Speech engine %s started (%s).", self.name, self.library or "platform voice")

    def write_wav(self, text: str, rate: int, path: Path, timeout: float = 5.0) -> None:
        # pyttsx3 runs espeak-ng in its asynchronous mode, which has traps (all measured here):
        # - runAndWait() can return before espeak-ng's own thread has written the file (always on the
        #   first call), so we wait for pyttsx3's "finished-utterance" and for a whole WAV;
        # - espeak-ng counts as "playing" for a moment after a line and after every parameter change.
        #   runAndWait() then calls espeak_Cancel(), which drops the line (an empty or cut WAV) *and*
        #   puts every parameter back as it was when the last line started (see _settle). So we set
        #   the speed ourselves, wait for espeak-ng to be idle, and check the speed after the line.
        with _espeak_lock:
            self._settle(rate, timeout)
            self._finished.clear()
            self._engine.save_to_file(text, str(path))
            self._engine.runAndWait()
            if not self._finished.wait(timeout):
                raise RuntimeError(f"the speech engine did not finish {text!r} within {timeout:.0f} s")
            if self._espeak is not None and self._get_parameter(self._espeak.RATE, 1) != rate:
                raise RuntimeError(f"the speech engine changed its speed while saying {text!r}")
        if not _wav_is_complete(path, wait=2.0):
            raise RuntimeError(f"the speech engine wrote no sound for {text!r}")

    def _settle(self, rate: int, timeout: float) -> None:
        """Make espeak-ng's current speed and loudness the ones asked for, and wait until it is idle.

        Never trust a remembered value: espeak_Cancel() (which pyttsx3 calls whenever espeak-ng looks
        busy as a line starts) silently resets them to what they were when the last line started; before
        the first line that is pyttsx3's own 200 wpm.
        """
        if self._espeak is None:   # another platform's driver: it applies properties itself
            self._engine.setProperty("rate", rate)
            self._engine.setProperty("volume", self.volume)
            return
        wanted = {self._espeak.RATE: rate, self._espeak.VOLUME: int(round(self.volume * 100))}
        for _ in range(3):
            wrong = {p: v for p, v in wanted.items() if self._get_parameter(p, 1) != v}
            for parameter, value in wrong.items():
                self._espeak.SetParameter(parameter, value, 0)
            _wait_for(lambda: not self._espeak_is_busy(), timeout)
            if not wrong:
                return
        raise RuntimeError(f"espeak-ng would not take the speed {rate} wpm")


def _wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)
    return True


_chosen_library: Path | None = None   # the libespeak-ng file this process uses (Linux); the first choice holds
_loaded_library = ""                  # which one was loaded, with its version, for the log
_library_lock = threading.Lock()      # held only while a file is chosen (a few stat calls)
_loading_lock = threading.Lock()      # held while it is loaded, on the speech worker


def _libespeak_file(use_bundled: bool) -> Path:
    """The libespeak-ng file this process uses: the system's, else espeakng-loader's. Loads nothing.

    Quick enough for the main thread (a few stat calls), so the cache key can name the file before the
    engine starts. Raises OSError when there is neither.
    """
    global _chosen_library
    with _library_lock:
        if _chosen_library is None:
            found = None if use_bundled else next(
                (Path(folder) / "libespeak-ng.so.1" for folder in _library_folders()
                 if (Path(folder) / "libespeak-ng.so.1").is_file()), None)
            if found is None:
                spec = importlib.util.find_spec("espeakng_loader")   # finds it without importing it
                folder = spec and spec.submodule_search_locations and spec.submodule_search_locations[0]
                found = Path(folder) / "libespeak-ng.so" if folder else None
            if found is None or not found.is_file():
                raise OSError("no libespeak-ng: neither on the system nor from espeakng-loader")
            _chosen_library = found
        return _chosen_library


def _library_folders() -> list[str]:
    """Where the dynamic linker looks for "libespeak-ng.so.1": LD_LIBRARY_PATH, ld.so.conf, the usual."""
    folders = [f for f in os.environ.get("LD_LIBRARY_PATH", "").split(":") if f]
    for conf in sorted(Path("/etc/ld.so.conf.d").glob("*.conf")):
        try:
            folders += [line.strip() for line in conf.read_text(errors="replace").splitlines()
                        if line.strip().startswith("/")]
        except OSError:
            pass
    return folders + ["/lib", "/usr/lib", "/lib64", "/usr/lib64"]


def _load_libespeak(use_bundled: bool) -> str:
    """Load the chosen libespeak-ng so that pyttsx3 gets it; say which it is: version, file, size.

    Raises OSError/ImportError if there is none.
    """
    global _loaded_library
    path = _libespeak_file(use_bundled)
    with _loading_lock:
        if not _loaded_library:
            if "espeakng_loader" in path.parent.name:
                import espeakng_loader

                os.environ["ESPEAK_DATA_PATH"] = espeakng_loader.get_data_path()
                where = "espeak-ng from espeakng-loader"
            else:
                where = "system libespeak-ng"
            # Loaded first and globally, this file is the one pyttsx3's own dlopen("libespeak-ng.so.1")
            # gets: the dynamic linker matches the name to this library's soname.
            library = ctypes.CDLL(str(path), mode=ctypes.RTLD_GLOBAL)
            info = library.espeak_Info
            info.restype, info.argtypes = ctypes.c_char_p, [ctypes.c_void_p]
            version = (info(None) or b"?").decode("utf-8", "replace")
            _loaded_library = f"{where} {version} {path.resolve()} ({path.stat().st_size} bytes)"
        return _loaded_library


def _library_fingerprint(path: Path) -> str:
    """The library file as the cache key sees it: the real file, its size and time (so also its version)."""
    real = path.resolve()
    st = real.stat()
    return f"{real} {st.st_size} {st.st_mtime_ns}"


def _let_pyttsx3_read_phonemes() -> None:
    """Adjust pyttsx3's espeak driver for file-only use.

    The driver synthesises without espeak's PHONEMES flag, so "[[s::]]" would be read out letter by
    letter; we add the flag. It also prints a line for every file it saves; that goes to the debug log.
    """
    from pyttsx3.drivers import _espeak
    from pyttsx3.drivers import espeak as espeak_driver

    if getattr(_espeak.Synth, "reads_phonemes", False):
        return
    synth_as_shipped = _espeak.Synth

    def synth_reading_phonemes(text, *args, flags=0, **kwargs):
        return synth_as_shipped(text, *args, flags=flags | _espeak.PHONEMES, **kwargs)

    synth_reading_phonemes.reads_phonemes = True
    _espeak.Synth = synth_reading_phonemes
    espeak_driver.print = lambda *parts, **_: log.debug("pyttsx3: %s", " ".join(map(str, parts)))


def cache_file_name(key: str) -> str:
    """The cache file of a line: named by cache version and key, so old versions can be told apart."""
    return f"v{CACHE_VERSION}-{key}.wav"


def prune_cache(cache_dir: Path, max_bytes: int = CACHE_MAX_BYTES) -> int:
    """Keep the speech cache within `max_bytes`: the least recently used WAVs go first; how many went.

    WAVs from other cache versions (made another way, perhaps at a wrong speed) and half-written files
    left over from an hour ago go too.
    """
    try:
        an_hour_ago = time.time() - 3600   # a younger one may still be being written by another speaker
        leftovers = [p for p in cache_dir.glob("*.part") if p.stat().st_mtime < an_hour_ago]
        current = f"v{CACHE_VERSION}-"
        wavs = [(p, p.stat()) for p in cache_dir.glob("*.wav")]
        doomed = leftovers + [p for p, _ in wavs if not p.name.startswith(current)]
        kept = sorted(((p, st) for p, st in wavs if p.name.startswith(current)),
                      key=lambda item: max(item[1].st_atime, item[1].st_mtime), reverse=True)
        total = 0
        for path, st in kept:
            total += st.st_size
            if total > max_bytes:
                doomed.append(path)
        for path in doomed:
            path.unlink(missing_ok=True)
    except OSError as err:
        log.info("The speech cache %s could not be tidied: %s", cache_dir, err)
        return 0
    return len(doomed)


def expected_seconds(spoken: str, rate: int) -> float | None:
    """About how long espeak-ng takes to say `spoken` at `rate` wpm, after tidy_wav; None: too short to tell.

    Fitted on every built-in phrase at 80, 130 and 200 wpm: each real line lasted 0.82-1.88 times this.
    Lines made at 200 wpm when 130 was asked last 0.59-1.22 times this (median 0.71), so TOO_SHORT
    catches about 6 lines in 10 of a run that speaks too fast, and no line made at the right speed.
    """
    names = len(re.findall(r"\[\[.*?\]\]", spoken))      # letter names in espeak phonemes
    words = re.findall(r"[A-Za-z'’]+", re.sub(r"\[\[.*?\]\]", " ", spoken))
    if len(words) + names < 2:
        return None
    letters = sum(len(w) for w in words)
    pauses = len(re.findall(r"[,.!?;:](?=\s+\S)", spoken))
    return (0.161 * letters + 1.223 * pauses + 0.099 * len(words) + 0.41 * names) * 60.0 / rate + 0.084 * pauses


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def _wav_is_complete(path: Path, wait: float = 0.0) -> bool:
    """True when `path` is a whole WAV with some sound frames, waiting up to `wait` seconds for it."""
    def complete() -> bool:
        try:
            with wave.open(str(path), "rb") as wav:
                frames, width, channels = wav.getnframes(), wav.getsampwidth(), wav.getnchannels()
            return frames > 0 and path.stat().st_size >= 44 + frames * width * channels
        except (OSError, EOFError, wave.Error):
            return False

    return _wait_for(complete, wait)


def tidy_wav(path: Path, keep_silence: float = 0.05, loudest: float = 0.7, max_gain: float = 4.0,
             sample_rate: int = STORED_SAMPLE_RATE) -> None:
    """Trim the silence around speech, lift quiet lines (a held "ssss" is soft), store at `sample_rate`.

    Silence at the start would delay every prompt; the long pause at the end would hold up the queue.
    """
    with wave.open(str(path), "rb") as wav:
        params = wav.getparams()
        samples = np.frombuffer(wav.readframes(params.nframes), dtype=np.int16)
    if params.sampwidth != 2 or params.nchannels != 1 or not samples.size:
        return
    peak = int(np.abs(samples.astype(np.int32)).max())
    if peak == 0:
        return
    loud = np.flatnonzero(np.abs(samples) > peak * 0.02)
    margin = int(params.framerate * keep_silence)
    samples = samples[max(0, loud[0] - margin): loud[-1] + 3 * margin]
    gain = min(max_gain, loudest * 32767 / peak)
    if gain > 1.05:
        samples = np.clip(samples * gain, -32767, 32767).astype(np.int16)
    if sample_rate < params.framerate:
        samples = _resample(samples, params.framerate, sample_rate)
    with wave.open(str(path), "wb") as wav:
        wav.setparams(params._replace(framerate=min(sample_rate, params.framerate), nframes=samples.size))
        wav.writeframes(samples.tobytes())


def _resample(samples: np.ndarray, rate: int, new_rate: int) -> np.ndarray:
    """Band-limited resampling (FFT): drops what lies above the new rate's Nyquist frequency, no aliasing.

    The line is padded with silence to (rate / gcd) * 2**k samples, so both FFT lengths have only small
    prime factors: a 2.5 s line takes ~2 ms instead of ~35 ms at its own, often prime-heavy, length.
    """
    n = samples.size
    g = math.gcd(rate, new_rate)
    down, up = rate // g, new_rate // g
    blocks = 1 << max(0, math.ceil(math.log2(max(1, n) / down)))
    padded, out = down * blocks, up * blocks
    spectrum = np.fft.rfft(samples.astype(np.float64), padded)[: out // 2 + 1]
    resampled = np.fft.irfft(spectrum, out)[: max(1, round(n * new_rate / rate))] * (out / padded)
    return np.clip(np.round(resampled), -32767, 32767).astype(np.int16)


# -- what is said ---------------------------------------------------------------------------------------

def load_letter_sounds(path: Path = LETTER_SOUNDS_FILE) -> dict[str, dict[str, str]]:
    """The phonics sounds and letter names as espeak phoneme codes: {"sounds": {...}, "names": {...}}."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {"sounds": data["sounds"], "names": data["names"]}


# A capital letter standing alone ("Find the letter B!"), or any single letter right after "letter".
# "I" is left out: espeak-ng says the pronoun and the letter alike.
_LONE_CAPITAL = re.compile(r"(?<![\w'’\[])([A-HJ-Z])(?![\w'’\]])")
_AFTER_LETTER = re.compile(r"(?i)(\bletters?:?\s+)([a-z])(?![\w'’])")
# A list of single letters, any case ("b, q, p"): each is a letter's name.
_LETTER_LIST = re.compile(r"(?<![\w'’\[])[A-Za-z](?:\s*,\s*[A-Za-z])+(?![\w'’\]])")
# "A" opening a sentence before a lowercase word is the article ("A big star!"), except "A is ...".
_ARTICLE_A = re.compile(r"(?:^|(?<=[.!?]\s))A(?=\s+(?!is\b|was\b|and\b|or\b)[a-z])")


def spoken_form(text: str, letter_names: dict[str, str]) -> str:
    """`text` as the engine should read it: lone letters become their names in espeak phoneme codes.

    espeak-ng reads "A is for apple" with the article "a"; "[['eI]] is for apple" it reads right.
    """
    alone = text.strip()
    if len(alone) == 1 and alone.lower() in letter_names:
        return f"[[{letter_names[alone.lower()]}]]"
    articles = {m.start() for m in _ARTICLE_A.finditer(text)}
    spots = {m.start(1) for m in _LONE_CAPITAL.finditer(text)} | {m.start(2) for m in _AFTER_LETTER.finditer(text)}
    spots |= {m.start() + i for m in _LETTER_LIST.finditer(text) for i, c in enumerate(m.group()) if c.isalpha()}
    for i in sorted(spots - articles, reverse=True):   # from the end, so earlier positions stay right
        name = letter_names.get(text[i].lower())
        if name:
            text = text[:i] + f"[[{name}]]" + text[i + 1:]
    return text


@dataclass
class Line:
    """One line to say: the caption shown, the text the engine reads, and where its WAV lives."""

    caption: str
    spoken: str
    key: str
    asked_at: float = 0.0           # perf_counter() when say() was called
    started_at: float | None = None  # perf_counter() when its sound started (None: shown silently)
    wav: Path | None = None
    failed: bool = False            # no WAV will come: show it as a caption only
    waited: float = 0.0             # seconds spent at the head of the queue waiting for the WAV


class Speaker:
    """Says lines to the children, one after another, and keeps a caption of the current line.

    Construction never raises. Call ``update(dt)`` once a frame (dt in seconds). See the module
    docstring for how the pieces fit together.
    """

    def __init__(self, enabled: bool = True, rate: int = 130, volume: float = 1.0,
                 cache_dir: Path | str | None = None, *, synthesizer: Synthesizer | None = None,
                 use_bundled_espeak: bool | None = None):
        self.enabled = bool(enabled)
        self.rate = _clamp_rate(rate)
        self.volume = min(1.0, max(0.0, float(volume)))
        self.cache_dir = Path(cache_dir) if cache_dir else paths.user_cache_dir() / "speech"
        self.history: deque[Line] = deque(maxlen=50)   # lines started, oldest first (for benchmarks, tests)
        self._synth = synthesizer or EspeakSynthesizer(use_bundled=use_bundled_espeak)
        self._letters = _load_letter_table()
        self._queue: deque[Line] = deque()
        self._current: Line | None = None     # the line being said (or shown silently)
        self._current_sound: pygame.mixer.Sound | None = None
        self._said_for = 0.0                  # seconds since the current line started
        self._silent_length = 0.0             # how long a silent line stays "being said"
        self._caption: str | None = None
        self._caption_left: float | None = None   # seconds until the caption goes (None: while speaking)
        self._last: Line | None = None
        self._engine_state = "starting"       # starting / ready / missing / hung
        self._sound_id: str | None = None     # what besides text and rate decides the sound (cache key)
        self._working_on: tuple[str, float] | None = None   # (text, monotonic start) while the engine works
        self._generation = 0                  # bumped by stop(): the worker skips older lines
        self._jobs: queue.PriorityQueue = queue.PriorityQueue()
        self._job_count = 0
        self._results: queue.Queue = queue.Queue()
        self._channel: pygame.mixer.Channel | None = None
        self._worker: threading.Thread | None = None
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            self._no_engine(f"the speech cache folder {self.cache_dir} cannot be written ({err})")
        if self.enabled:
            self._ensure_channel()
            self._start_worker()

    # -- what the game calls -------------------------------------------------------------------------
    def say(self, text: str, *, interrupt: bool = False) -> None:
        """Queue `text` to be said (or, with interrupt=True, stop what is said and say this instead)."""
        if not isinstance(text, str) or not text.strip():
            log.warning("Speaker.say() needs some words, got %r; nothing was said.", text)
            return
        self._add(self._line(text.strip(), text.strip(), letter_names=True), interrupt)

    def say_letter_name(self, letter: str, *, interrupt: bool = False) -> None:
        """Say the name of a letter ("A" as 'ay', never as the word 'a'); the caption shows the letter."""
        key = _single_letter(letter)
        if key:
            spoken = f"[[{self._letters['names'][key]}]]" if self._synth.reads_phonemes else letter
            self._add(self._line(letter, spoken), interrupt)

    def say_letter_sound(self, letter: str, *, interrupt: bool = False, caption: str | None = None) -> None:
        """Say the phonics sound of a letter (s -> a held 'ssss', c -> /k/); caption "/s/" by default.

        Engines that cannot read espeak phonemes show the caption only: a spelt-out "sss" would be wrong.
        """
        key = _single_letter(letter)
        if not key:
            return
        self._add(self._line(caption or f"/{key}/", f"[[{self._letters['sounds'][key]}]]"), interrupt)

    def say_again(self) -> None:
        """Say the last line again, straight away (the "say again" button)."""
        if self._last is not None:
            self._add(self._line(self._last.caption, self._last.spoken), interrupt=True)

    def stop(self) -> None:
        """Stop speaking and forget every queued line."""
        self._generation += 1
        self._queue.clear()
        if self._channel is not None:
            self._channel.stop()
        self._current = None
        self._current_sound = None
        self._caption = None
        self._caption_left = None

    def prepare(self, texts: Iterable[str]) -> None:
        """Synthesise lines in the background so they start at once later (warm the cache)."""
        if isinstance(texts, str):
            texts = [texts]
        for text in texts:
            if isinstance(text, str) and text.strip():
                line = self._line(text.strip(), text.strip(), letter_names=True)
                if line.wav is None and not line.failed:
                    self._ask_worker(line, generation=None)

    def update(self, dt: float) -> None:
        """Advance by `dt` seconds: pick up finished WAVs, start the next line, age the caption."""
        self._collect_results()
        self._notice_a_hung_engine()
        if self._current is not None:
            self._said_for += dt
            if self._current_is_over():
                self._current = None
                self._current_sound = None
                self._caption_left = CAPTION_HOLD
        if self._current is None and self._queue:
            head = self._queue[0]
            if self._caption is None or self._caption_left is not None:
                self._show(head.caption)
            if head.wav is None and not head.failed and self._voice_possible():
                head.waited += dt
                if head.waited < WAIT_FOR_VOICE:
                    return
                log.info("Speech for %r was not ready in time; showing it as a caption only.", head.caption)
            self._start(self._queue.popleft())
        elif self._current is None and self._caption_left is not None:
            self._caption_left -= dt
            if self._caption_left <= 0:
                self._caption = None
                self._caption_left = None

    @property
    def caption(self) -> str | None:
        """The line being said, for the caption bar; it stays a moment after the line ends."""
        return self._caption

    @property
    def busy(self) -> bool:
        """True while a line is being said or waits in the queue."""
        return self._current is not None or bool(self._queue)

    @property
    def status(self) -> str:
        """A short sentence for the settings screen about whether the children will hear anything."""
        if not self.enabled:
            return "Captions only: speech is turned off"
        if self._engine_state == "missing":
            return "Captions only: no speech engine found"
        self._notice_a_hung_engine()
        if self._engine_state == "hung":
            return "Captions only: the speech engine stopped answering"
        if mixer_problem() is not None or self._channel is None:
            return "Captions only: no sound device"
        if self._engine_state == "starting":
            return "Voice: starting..."
        return f"Voice: {self._synth.name}"

    def set_rate(self, wpm: int) -> None:
        """Speaking speed for lines said from now on, in words per minute (80-200)."""
        self.rate = _clamp_rate(wpm)

    def set_volume(self, volume: float) -> None:
        """Loudness of speech, 0 (silent, captions still show) to 1."""
        self.volume = min(1.0, max(0.0, float(volume)))
        if self._channel is not None:
            self._channel.set_volume(self.volume)

    def set_enabled(self, enabled: bool) -> None:
        """Turn speech on or off; captions show either way."""
        self.enabled = bool(enabled)
        if self.enabled:
            self._ensure_channel()
            self._start_worker()
        elif self._channel is not None:
            self._channel.stop()

    def shutdown(self) -> None:
        """Stop speaking and let the worker thread end."""
        self.stop()
        if self._worker is not None and self._worker.is_alive():
            self._jobs.put((2, self._next_job_number(), None))
            self._worker.join(timeout=1.0)
        self._worker = None

    # -- inside ---------------------------------------------------------------------------------------
    def _line(self, caption: str, spoken: str, letter_names: bool = False) -> Line:
        """A Line, already holding its WAV when the cache has it; `letter_names`: apply spoken_form."""
        if letter_names and self._synth.reads_phonemes:
            spoken = spoken_form(spoken, self._letters["names"])
        # Turned off, nothing is played: no need to look for the engine's library to name the file.
        sound = self._sound_fingerprint() if self.enabled else "off"
        key = hashlib.sha1("|".join([sound, str(self.rate), spoken]).encode("utf-8"))
        line = Line(caption=caption, spoken=spoken, key=key.hexdigest()[:24], asked_at=time.perf_counter())
        wav = self.cache_dir / cache_file_name(line.key)
        if wav.exists():
            line.wav = wav
            try:
                os.utime(wav)   # recently used: the cache keeps it longest
            except OSError:
                pass
        elif not self._voice_possible() or ("[[" in spoken and not self._synth.reads_phonemes):
            line.failed = True   # shown as a caption only
        return line

    def _sound_fingerprint(self) -> str:
        """Everything but the text and the rate that changes how a line sounds: engine (version and
        library file), voice and the engine's own volume. The playback volume is not in it: it is
        applied when the line is played, so the same file serves every volume."""
        if self._sound_id is None:
            engine = getattr(self._synth, "fingerprint", None) or self._synth.name
            volume = getattr(self._synth, "volume", 1.0)
            self._sound_id = "|".join([CACHE_VERSION, engine, self._synth.voice, f"volume={volume:g}"])
        return self._sound_id

    def _add(self, line: Line, interrupt: bool) -> None:
        if interrupt:
            self.stop()
        self._last = line
        self._queue.append(line)
        if self._current is None and (self._caption is None or self._caption_left is not None):
            self._show(line.caption)
        if line.wav is None and not line.failed:
            self._ask_worker(line, generation=self._generation)

    def _show(self, caption: str) -> None:
        self._caption = caption
        self._caption_left = None

    def _voice_possible(self) -> bool:
        return self.enabled and self._engine_state not in ("missing", "hung") and mixer_problem() is None

    def _start_worker(self) -> None:
        if self._worker is None and self._engine_state != "missing":
            self._worker = threading.Thread(target=self._work, name="speech", daemon=True)
            self._worker.start()

    def _next_job_number(self) -> int:
        self._job_count += 1
        return self._job_count

    def _ask_worker(self, line: Line, generation: int | None) -> None:
        # Lines to say now go before lines being prepared; each kind in the order asked.
        priority = 0 if generation is not None else 1
        job = (line.key, line.spoken, self.rate, generation)
        self._jobs.put((priority, self._next_job_number(), job))

    def _work(self) -> None:
        """The worker thread: start the engine, then turn jobs into WAV files. Never touches pygame."""
        self._working_on = ("(starting the engine)", time.monotonic())
        try:
            self._synth.start()
        except Exception as err:   # RuntimeError, OSError, ImportError...: all mean "no voice"
            self._results.put(("missing", f"{type(err).__name__}: {err}"))
            return
        finally:
            self._working_on = None
        self._results.put(("ready", None))
        prune_cache(self.cache_dir)
        written = 0
        kept_odd: dict[str, Path] = {}   # lines whose length stayed wrong: made once a run, never cached
        while True:
            _, _, job = self._jobs.get()
            if job is None:
                return
            key, spoken, rate, generation = job
            if generation is not None and generation != self._generation:
                continue   # stopped before its turn came
            wav = self.cache_dir / cache_file_name(key)
            if wav.exists() or key in kept_odd:
                self._results.put(("wav", (key, wav if wav.exists() else kept_odd[key])))
                continue
            self._working_on = (spoken, time.monotonic())
            try:
                made = self._synthesise(key, spoken, rate, wav)
                if made != wav:
                    kept_odd[key] = made
                written += made.stat().st_size
                self._results.put(("wav", (key, made)))
            except Exception as err:
                log.warning("Could not synthesise %r: %s", spoken, err)
                self._results.put(("failed", key))
            finally:
                self._working_on = None
            if written > CACHE_MAX_BYTES // 10:
                prune_cache(self.cache_dir)
                written = 0

    def _synthesise(self, key: str, spoken: str, rate: int, wav: Path) -> Path:
        """Write the line's WAV and check its length; the path of the file to play.

        A line much shorter (or longer) than its text needs at `rate` is made again. If it is still
        wrong it is kept beside the cache for this run only, never under the cache name.
        """
        part = wav.with_name(f"{key}.{threading.get_ident()}.part")
        expected = expected_seconds(spoken, rate) if getattr(self._synth, "follows_rate", False) else None
        try:
            for attempt in (1, 2):
                self._synth.write_wav(spoken, rate, part)
                tidy_wav(part)
                seconds = wav_seconds(part)
                if expected is None or TOO_SHORT * expected <= seconds <= TOO_LONG * expected:
                    os.replace(part, wav)   # whole files only: the main thread may look at any moment
                    return wav
                log.warning("Speech for %r lasts %.2f s, but about %.2f s was expected at %d words a minute%s.",
                            spoken, seconds, expected, rate,
                            "; making it again" if attempt == 1 else "; it is used this time but not kept")
            odd = wav.with_name(wav.stem + ".unchecked.wav")
            os.replace(part, odd)
            return odd
        finally:
            part.unlink(missing_ok=True)

    def _collect_results(self) -> None:
        while True:
            try:
                kind, value = self._results.get_nowait()
            except queue.Empty:
                return
            if self._engine_state == "hung" and kind != "missing":
                log.warning("The speech engine answers again.")
                self._engine_state = "ready"
            if kind == "ready":
                self._engine_state = "ready"
                if not self._synth.reads_phonemes:   # lines queued meanwhile were written for espeak
                    for line in self._queue:
                        line.failed = line.failed or "[[" in line.spoken
            elif kind == "missing":
                self._no_engine(f"no speech engine could start ({value})")
            else:
                key = value[0] if kind == "wav" else value
                for line in self._queue:
                    if line.key == key:
                        line.wav = value[1] if kind == "wav" else None
                        line.failed = kind == "failed"

    def _notice_a_hung_engine(self) -> None:
        """An engine stuck on one line for ENGINE_HUNG_AFTER seconds: say so (log, status), captions only."""
        working_on = self._working_on
        if (working_on is None or self._engine_state in ("missing", "hung")
                or time.monotonic() - working_on[1] < ENGINE_HUNG_AFTER):
            return
        self._engine_state = "hung"
        log.warning("The speech engine has not answered for %.0f s (working on %r). The game shows captions "
                    "only until it does.", time.monotonic() - working_on[1], working_on[0])
        for line in self._queue:
            line.failed = line.wav is None

    def _no_engine(self, why: str) -> None:
        if self._engine_state != "missing":
            log.warning("Speech is off: %s. The game shows captions only.", why)
        self._engine_state = "missing"
        for line in self._queue:
            line.failed = line.wav is None

    def _ensure_channel(self) -> bool:
        if self._channel is None and start_mixer():
            if pygame.mixer.get_num_channels() < 2:
                pygame.mixer.set_num_channels(8)
            pygame.mixer.set_reserved(1)          # channel 0 is for speech: effects never take it
            self._channel = pygame.mixer.Channel(0)
            self._channel.set_volume(self.volume)
        return self._channel is not None

    def _start(self, line: Line) -> None:
        self._current, self._current_sound, self._said_for = line, None, 0.0
        self._show(line.caption)
        self.history.append(line)
        if line.wav is not None and self.enabled and self._ensure_channel():
            try:
                self._current_sound = pygame.mixer.Sound(str(line.wav))
            except (pygame.error, FileNotFoundError) as err:
                log.warning("The speech file %s could not be played (%s); it will be made again.", line.wav, err)
                line.wav.unlink(missing_ok=True)
            else:
                self._channel.play(self._current_sound)
                line.started_at = time.perf_counter()
                return
        words = max(1, len(line.caption.split()))
        self._silent_length = max(1.0, words * 60.0 / self.rate)

    def _current_is_over(self) -> bool:
        if self._current_sound is None:
            return self._said_for >= self._silent_length
        # The mixer knows best; the clock is a safety net should the channel never report the end.
        return not self._channel.get_busy() or self._said_for > self._current_sound.get_length() + 1.0


def _clamp_rate(wpm) -> int:
    return int(min(RATE_RANGE[1], max(RATE_RANGE[0], int(wpm))))


def _single_letter(letter) -> str | None:
    if isinstance(letter, str) and len(letter.strip()) == 1 and letter.strip().lower() in string.ascii_lowercase:
        return letter.strip().lower()
    log.warning("Expected one letter a-z, got %r; nothing was said.", letter)
    return None


_letter_table: dict | None = None


def _load_letter_table() -> dict[str, dict[str, str]]:
    global _letter_table
    if _letter_table is None:
        try:
            _letter_table = load_letter_sounds()
        except (OSError, ValueError, KeyError) as err:
            log.warning("The letter sounds file %s could not be read (%s); letters are spoken plainly.",
                        LETTER_SOUNDS_FILE, err)
            _letter_table = {"sounds": {c: c for c in string.ascii_lowercase},
                             "names": {c: c for c in string.ascii_lowercase}}
    return _letter_table


# -- phrases ------------------------------------------------------------------------------------------

BUILT_IN_PHRASES = {
    "praise": ["Well done!", "Great job!"],
    "wrote_letter": ["You wrote the letter {letter}!"],
    "try_again": ["Nearly! Let's try again."],
    "find_letter": ["Find the letter {letter}!"],
    "which_missing": ["Which letter is missing?"],
    "your_turn": ["Your turn, {player}!"],
}


class PhraseFileError(ValueError):
    """A phrases file that cannot be used; the message says which file and what is wrong."""


class Phrases:
    """The lines games say, kept as data: each key has variants with {placeholders}.

    ``get(key, **values)`` picks a variant at random, never the one picked last time for that key. A
    file that cannot be read leaves the built-in lines in place and ``problem`` says why.
    """

    def __init__(self, path: Path | str | None = PHRASES_FILE, rng: random.Random | None = None):
        self._variants: dict[str, list[str]] = {k: list(v) for k, v in BUILT_IN_PHRASES.items()}
        self._last_pick: dict[str, int] = {}
        self._rng = rng or random.Random()
        self.problem: str | None = None
        if path is not None:
            self.add_file(path)

    def add_file(self, path: Path | str) -> bool:
        """Add (or override) phrases from a JSON file. False, with ``problem`` set and logged, if unusable."""
        try:
            self._variants.update(read_phrase_file(Path(path)))
        except PhraseFileError as err:
            self.problem = str(err)
            log.warning("%s The built-in phrases are used instead.", err)
            return False
        return True

    def keys(self) -> list[str]:
        return sorted(self._variants)

    def get(self, key: str, **values) -> str:
        """A variant of phrase `key` with its {placeholders} filled from `values`."""
        variants = self._variants.get(key)
        if variants is None:
            raise KeyError(f"There is no phrase called {key!r}. Known phrases: {', '.join(self.keys())}.")
        choices = [i for i in range(len(variants)) if i != self._last_pick.get(key)] or [0]
        pick = self._rng.choice(choices)
        self._last_pick[key] = pick
        try:
            return variants[pick].format(**values)
        except KeyError as err:
            raise KeyError(f"The phrase {key!r} ({variants[pick]!r}) needs a value for {err.args[0]!r}.") from None


def read_phrase_file(path: Path) -> dict[str, list[str]]:
    """Read and check a phrases file: {"key": ["variant", ...] or "variant"}; keys starting "_" are notes."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PhraseFileError(f"The phrases file {path} is missing.") from None
    except (OSError, UnicodeDecodeError) as err:
        raise PhraseFileError(f"The phrases file {path} cannot be read: {err}.") from None
    except json.JSONDecodeError as err:
        raise PhraseFileError(f"The phrases file {path} is not valid JSON: {err.msg} at line {err.lineno}, "
                              f"column {err.colno}.") from None
    if not isinstance(data, dict):
        raise PhraseFileError(f"The phrases file {path} should hold an object of phrase lists.")
    phrases = {}
    for key, variants in data.items():
        if key.startswith("_"):
            continue
        if isinstance(variants, str):
            variants = [variants]
        if not isinstance(variants, list) or not variants or not all(isinstance(v, str) and v.strip() for v in variants):
            raise PhraseFileError(f"In the phrases file {path}, {key!r} should be a list of non-empty texts.")
        for variant in variants:
            try:
                list(string.Formatter().parse(variant))
            except ValueError as err:
                raise PhraseFileError(f"In the phrases file {path}, {key!r} has a broken placeholder in "
                                      f"{variant!r}: {err}.") from None
        phrases[key] = variants
    return phrases
