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

The pieces live by job: ``espeak`` (the engine glue, and text as espeak-ng should read it),
``speech_cache`` (the WAV files: names, pruning, length check, tidying) and this module (the queue
and the captions). The lines' words are ``phrases``: text, not sound.
"""
from __future__ import annotations

import hashlib
import logging
import os
import queue
import string
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pygame

from . import paths
from .espeak import EspeakSynthesizer, Synthesizer, letter_table, spoken_form
from .sounds import mixer_problem, start_mixer
from .settings import SPEECH_RATES
from .speech_cache import (CACHE_MAX_BYTES, CACHE_VERSION, TOO_LONG, TOO_SHORT, cache_file_name,
                           expected_seconds, prune_cache, tidy_wav, wav_seconds)

log = logging.getLogger(__name__)

CAPTION_HOLD = 1.5        # seconds a caption stays up after its line has been said
WAIT_FOR_VOICE = 3.0      # seconds a line waits for its WAV before it is shown as a caption only
RATE_RANGE = SPEECH_RATES   # words per minute (the settings say which)
ENGINE_HUNG_AFTER = 10.0  # seconds one line may take before the engine counts as hung (a line takes ~0.1 s)


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
        self._letters = letter_table()
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
