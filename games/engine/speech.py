"""Spoken prompts with captions: text -> WAV file (worker thread) -> ``pygame.mixer`` (main thread).

How a line travels:

1. ``Speaker.say(text)`` puts the line in a queue and shows its caption at once (when nothing else is
   being said). It never waits for the speech engine.
2. A worker thread owns the one speech engine (espeak-ng through pyttsx3) and writes each line to a WAV
   file in a cache folder, named by a hash of the spoken text, voice and rate. A line said before is
   found in the cache and needs no engine at all.
3. ``Speaker.update(dt)``, called once a frame by the app, picks up finished WAVs and plays them on a
   mixer channel kept for speech. Only the main thread touches pygame.

pyttsx3 is used only to *synthesise*: its own playback on Linux shells out to ``aplay`` and fails
silently without a sound card. Without an engine or a sound device the game plays on with captions only,
says so once in the log, and ``Speaker.status`` tells the settings screen why.
"""
from __future__ import annotations

import ctypes
import hashlib
import json
import logging
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
CACHE_VERSION = "1"       # bump when the way WAVs are made changes, so old cache files are not reused
CACHE_LIMIT = 3000        # WAV files kept (about 60 KB each); the least recently used go first


# -- the speech engine (runs on the worker thread only) -----------------------------------------------

class Synthesizer(Protocol):
    """Turns text into a WAV file. Its methods are only ever called from the speaker's worker thread."""

    name: str               # shown in Speaker.status, e.g. "espeak-ng"
    voice: str              # part of the cache key
    reads_phonemes: bool    # True when "[[...]]" in the text is read as espeak phoneme codes

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
    """

    def __init__(self, voice: str = "gmw/en", use_bundled: bool | None = None):
        self.voice = voice
        self.use_bundled = use_bundled if use_bundled is not None else os.environ.get(BUNDLED_ESPEAK_ENV) == "1"
        self.name = "espeak-ng"
        self.library = ""           # which libespeak-ng was loaded, for the log
        self.reads_phonemes = sys.platform.startswith("linux")   # pyttsx3 drives espeak-ng there
        self._engine = None
        self._rate: int | None = None
        self._finished = threading.Event()   # set by pyttsx3 (on espeak-ng's thread) when a line is done
        self._espeak_is_busy = lambda: False

    def start(self) -> None:
        with _espeak_lock:
            if sys.platform.startswith("linux"):
                self.library = _load_libespeak(self.use_bundled)
            import pyttsx3   # imported here: it loads libespeak-ng as it is imported

            self._engine = pyttsx3.init()
            self._engine.connect("finished-utterance", lambda **_: self._finished.set())
            if self._engine.driver_name == "espeak":
                from pyttsx3.drivers import _espeak

                self._espeak_is_busy = _espeak.IsPlaying
                _let_pyttsx3_read_phonemes()
                self.reads_phonemes = True
                if self.voice:
                    self._engine.setProperty("voice", self.voice)
            else:
                self.name = self._engine.driver_name
                self.reads_phonemes = False
        log.info("Speech engine %s started (%s).", self.name, self.library or "platform voice")

    def write_wav(self, text: str, rate: int, path: Path, timeout: float = 5.0) -> None:
        # pyttsx3 runs espeak-ng in its asynchronous mode, which has two traps (both measured here):
        # - runAndWait() can return before espeak-ng's own thread has written the file (always on the
        #   first call), so we wait for pyttsx3's "finished-utterance" and for a whole WAV;
        # - espeak-ng counts as "playing" for a moment after a line and after every setProperty(). A
        #   line started then is cancelled by pyttsx3 itself (an empty or cut WAV, about 1 line in
        #   200), so we wait for espeak-ng to be idle first. 6000 lines in a row then came out whole.
        with _espeak_lock:
            if rate != self._rate:
                self._engine.setProperty("rate", rate)
                self._rate = rate
            _wait_for(lambda: not self._espeak_is_busy(), timeout)
            self._finished.clear()
            self._engine.save_to_file(text, str(path))
            self._engine.runAndWait()
            if not self._finished.wait(timeout):
                raise RuntimeError(f"the speech engine did not finish {text!r} within {timeout:.0f} s")
        if not _wav_is_complete(path, wait=2.0):
            raise RuntimeError(f"the speech engine wrote no sound for {text!r}")


def _wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)
    return True


def _load_libespeak(use_bundled: bool) -> str:
    """Make sure pyttsx3 will find a libespeak-ng; return which one (raises OSError/ImportError if none)."""
    if "pyttsx3.drivers._espeak" in sys.modules:
        return "loaded earlier in this process"
    if not use_bundled:
        try:
            ctypes.CDLL("libespeak-ng.so.1")   # the name pyttsx3 asks for
            return "system libespeak-ng"
        except OSError:
            pass
    import espeakng_loader

    # Loaded first and globally, this copy is the one pyttsx3's own dlopen("libespeak-ng.so.1") gets.
    ctypes.CDLL(espeakng_loader.get_library_path(), mode=ctypes.RTLD_GLOBAL)
    os.environ["ESPEAK_DATA_PATH"] = espeakng_loader.get_data_path()
    return "espeak-ng from espeakng-loader " + espeakng_loader.get_library_path()


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


def prune_cache(cache_dir: Path, keep: int) -> int:
    """Delete all but the `keep` most recently used WAVs (and leftover half-written files); how many went."""
    try:
        an_hour_ago = time.time() - 3600   # a younger one may still be being written by another speaker
        leftovers = [p for p in cache_dir.glob("*.part") if p.stat().st_mtime < an_hour_ago]
        wavs = sorted(cache_dir.glob("*.wav"), key=lambda p: p.stat().st_atime, reverse=True)
        doomed = leftovers + wavs[keep:]
        for path in doomed:
            path.unlink(missing_ok=True)
    except OSError as err:
        log.info("The speech cache %s could not be tidied: %s", cache_dir, err)
        return 0
    return len(doomed)


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


def tidy_wav(path: Path, keep_silence: float = 0.05, loudest: float = 0.7, max_gain: float = 4.0) -> None:
    """Trim the silence around speech and lift quiet lines (a held "ssss" is soft) in place.

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
    with wave.open(str(path), "wb") as wav:
        wav.setparams(params)
        wav.writeframes(samples.tobytes())


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
        self._engine_state = "starting"       # starting / ready / missing
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
        fingerprint = "|".join([CACHE_VERSION, self._synth.voice, str(self.rate), spoken])
        key = hashlib.sha1(fingerprint.encode("utf-8")).hexdigest()[:24]
        line = Line(caption=caption, spoken=spoken, key=key, asked_at=time.perf_counter())
        wav = self.cache_dir / f"{key}.wav"
        if wav.exists():
            line.wav = wav
        elif not self._voice_possible() or ("[[" in spoken and not self._synth.reads_phonemes):
            line.failed = True   # shown as a caption only
        return line

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
        return self.enabled and self._engine_state != "missing" and mixer_problem() is None

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
        try:
            self._synth.start()
        except Exception as err:   # RuntimeError, OSError, ImportError...: all mean "no voice"
            self._results.put(("missing", f"{type(err).__name__}: {err}"))
            return
        self._results.put(("ready", None))
        prune_cache(self.cache_dir, CACHE_LIMIT)
        while True:
            _, _, job = self._jobs.get()
            if job is None:
                return
            key, spoken, rate, generation = job
            if generation is not None and generation != self._generation:
                continue   # stopped before its turn came
            wav = self.cache_dir / f"{key}.wav"
            if wav.exists():
                self._results.put(("wav", (key, wav)))
                continue
            part = wav.with_name(f"{key}.{threading.get_ident()}.part")
            try:
                self._synth.write_wav(spoken, rate, part)
                tidy_wav(part)
                os.replace(part, wav)   # whole files only: the main thread may look at any moment
                self._results.put(("wav", (key, wav)))
            except Exception as err:
                log.warning("Could not synthesise %r: %s", spoken, err)
                part.unlink(missing_ok=True)
                self._results.put(("failed", key))

    def _collect_results(self) -> None:
        while True:
            try:
                kind, value = self._results.get_nowait()
            except queue.Empty:
                return
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
