"""The speech worker thread: it owns the speech engine and turns lines into checked WAV files in the cache, never touching pygame."""
from __future__ import annotations

import logging
import os
import queue
import threading
import time
from pathlib import Path
from typing import Callable

from games.engine.voice.espeak import Synthesizer
from games.engine.voice.speech_cache import (CACHE_MAX_BYTES, TOO_LONG, TOO_SHORT, cache_file_name, expected_seconds, prune_cache, tidy_wav, wav_seconds)

log = logging.getLogger("games.engine.voice.speech")   # the speech system logs under one name


class SpeechWorker:
    """Jobs go in from the main thread (:meth:`ask`); what became of them comes back as results:
    ``("ready", None)`` once the engine started, ``("missing", why)`` when it cannot, ``("wav", (key,
    path))`` for a line written, ``("failed", key)`` for one that could not be (:meth:`results`).

    ``generation_now()`` tells the worker which lines are still wanted: a job asked in an older
    generation (the speaker was stopped since) is skipped. ``working_on`` is ``(text, monotonic start)``
    while the engine works, so the speaker can notice an engine that hangs.
    """

    def __init__(self, synth: Synthesizer, cache_dir: Path, generation_now: Callable[[], int]):
        self.synth, self.cache_dir, self.generation_now = synth, cache_dir, generation_now
        self.working_on: tuple[str, float] | None = None
        self._jobs: queue.PriorityQueue = queue.PriorityQueue()
        self._job_count = 0
        self._results: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None

    @property
    def started(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """Start the thread (once); jobs asked before wait for it."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="speech", daemon=True)
            self._thread.start()

    def ask(self, key: str, spoken: str, rate: int, generation: int | None, voice: str) -> None:
        """Write the line ``spoken`` as ``key``'s WAV: for saying now (``generation``), or to prepare
        it for later (None). Lines to say now go before lines being prepared; each kind in the order asked."""
        priority = 0 if generation is not None else 1
        self._jobs.put((priority, self._next_job_number(), (key, spoken, rate, generation, voice)))

    def results(self):
        """The results that came back since the last look (main thread)."""
        while True:
            try:
                yield self._results.get_nowait()
            except queue.Empty:
                return

    def shutdown(self) -> None:
        """Let the thread end (it finishes the line it is on, waiting at most a second)."""
        if self._thread is not None and self._thread.is_alive():
            self._jobs.put((2, self._next_job_number(), None))
            self._thread.join(timeout=1.0)
        self._thread = None

    def _next_job_number(self) -> int:
        self._job_count += 1
        return self._job_count

    def _work(self) -> None:
        """The worker thread: start the engine, then turn jobs into WAV files. Never touches pygame."""
        self.working_on = ("(starting the engine)", time.monotonic())
        try:
            self.synth.start()
        except Exception as err:   # RuntimeError, OSError, ImportError...: all mean "no voice"
            self._results.put(("missing", f"{type(err).__name__}: {err}"))
            return
        finally:
            self.working_on = None
        self._results.put(("ready", None))
        prune_cache(self.cache_dir)
        written = 0
        kept_odd: dict[str, Path] = {}   # lines whose length stayed wrong: made once a run, never cached
        while True:
            _, _, job = self._jobs.get()
            if job is None:
                return
            key, spoken, rate, generation, voice = job
            if generation is not None and generation != self.generation_now():
                continue   # stopped before its turn came
            wav = self.cache_dir / cache_file_name(key)
            if wav.exists() or key in kept_odd:
                self._results.put(("wav", (key, wav if wav.exists() else kept_odd[key])))
                continue
            self.working_on = (spoken, time.monotonic())
            try:
                if voice != self.synth.voice and hasattr(self.synth, "set_voice"):
                    self.synth.set_voice(voice)
                made = self._synthesise(key, spoken, rate, wav)
                if made != wav:
                    kept_odd[key] = made
                written += made.stat().st_size
                self._results.put(("wav", (key, made)))
            except Exception as err:
                log.warning("Could not synthesise %r: %s", spoken, err)
                self._results.put(("failed", key))
            finally:
                self.working_on = None
            if written > CACHE_MAX_BYTES // 10:
                prune_cache(self.cache_dir)
                written = 0

    def _synthesise(self, key: str, spoken: str, rate: int, wav: Path) -> Path:
        """Write the line's WAV and check its length; the path of the file to play.

        A line much shorter (or longer) than its text needs at `rate` is made again. If it is still
        wrong it is kept beside the cache for this run only, never under the cache name.
        """
        part = wav.with_name(f"{key}.{threading.get_ident()}.part")
        expected = expected_seconds(spoken, rate) if getattr(self.synth, "follows_rate", False) else None
        try:
            for attempt in (1, 2):
                self.synth.write_wav(spoken, rate, part)
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
