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
``speech_worker`` (the thread that makes the WAVs), ``speech_cache`` (the WAV files: names, pruning,
length check, tidying), ``speech_lines`` (a line, and the caption's timing), ``speech_status`` (the
engine's state and the settings' sentence about it) and this module (the Speaker: the queue of lines
and playing them). The lines' words are ``phrases``: text, not sound.
"""
from __future__ import annotations

import hashlib
import logging
import os
import time
from collections import deque
from pathlib import Path
from typing import Iterable

import pygame

from games.engine.core import paths
from games.engine.core.storage import make_private_folder
from games.engine.voice.espeak import (EspeakSynthesizer, Synthesizer, espeak_voice, letter_names, letter_table, sound_clip_file, spoken_form)
from games.engine.voice.sounds import mixer_problem, start_mixer
from games.engine.core.settings import SPEECH_RATES
from games.engine.voice.speech_cache import (CACHE_VERSION, cache_file_name, clip_is_usable, forget_words,
                                            is_cached_wav, remember_words)
from games.engine.voice.speech_lines import Caption, Line, cut_at_sounds, has_words, single_letter
from games.engine.voice.speech_status import EngineState
from games.engine.voice.speech_worker import SpeechWorker

log = logging.getLogger(__name__)

CAPTION_HOLD = 1.5        # seconds a caption stays up after its line has been said
WAIT_FOR_VOICE = 3.0      # seconds a line waits for its WAV before it is shown as a caption only
RATE_RANGE = SPEECH_RATES   # words per minute (the settings say which; 120 is slow and clear, about 130 said)
ENGINE_HUNG_AFTER = 10.0  # seconds one line may take before the engine counts as hung (a line takes ~0.1 s)


class Speaker:
    """Says lines to the children, one after another, and keeps a caption of the current line.

    Construction never raises. Call ``update(dt)`` once a frame (dt in seconds). See the module
    docstring for how the pieces fit together.
    """

    def __init__(self, enabled: bool = True, rate: int = 120, volume: float = 1.0,
                 cache_dir: Path | str | None = None, *, synthesizer: Synthesizer | None = None,
                 use_bundled_espeak: bool | None = None, voice: str | None = None,
                 own_clips: Path | str | None = None):
        self.enabled = bool(enabled)
        self.rate = _clamp_rate(rate)
        self.volume = min(1.0, max(0.0, float(volume)))
        self.cache_dir = Path(cache_dir) if cache_dir else paths.user_cache_dir() / "speech"
        self.history: deque[Line] = deque(maxlen=50)   # lines started, oldest first (for benchmarks, tests)
        self._synth = synthesizer or EspeakSynthesizer(voice=espeak_voice(voice or letter_table()["default_voice"]),
                                                       use_bundled=use_bundled_espeak)
        self._letters = letter_table()
        self.voice = voice or self._letters["default_voice"]   # our voice id ("uk", "us"): names, sounds
        self._engine_voice = espeak_voice(voice) if voice else self._synth.voice   # the engine's name for it
        self._names = letter_names(self.voice)
        self.own_clips = Path(own_clips) if own_clips else None   # a grown-up's recordings, they win
        self._queue: deque[Line] = deque()
        self._current: Line | None = None     # the line being said (or shown silently)
        self._current_sound: pygame.mixer.Sound | None = None
        self._said_for = 0.0                  # seconds since the current line started
        self._silent_length = 0.0             # how long a silent line stays "being said"
        self._caption = Caption(hold=CAPTION_HOLD)
        self._last: list[Line] = []        # the lines of the last say(), for say_again()
        self._caption_owner: object = None    # the owner of the line the caption shows (see withdraw)
        self.captions_withdrawn = 0           # counts captions taken off the screen by withdraw()
        self._engine = EngineState()          # is there an engine that answers? (the status sentence)
        self._sound_id: str | None = None     # what besides text and rate decides the sound (cache key)
        self._generation = 0                  # bumped by stop(): the worker skips older lines
        self._channel: pygame.mixer.Channel | None = None
        self._worker = SpeechWorker(self._synth, self.cache_dir, lambda: self._generation)
        self._indexed: set[str] = set()       # line keys whose words are in the cache's index
        self._clips_checked: dict = {}        # clip path -> (mtime, size, usable)
        try:
            make_private_folder(self.cache_dir)   # lines say children's names: for this user only
        except OSError as err:
            self._no_engine(f"the speech cache folder {self.cache_dir} cannot be written ({err})")
        if self.enabled:
            self._ensure_channel()
            self._start_worker()

    # -- what the game calls -------------------------------------------------------------------------
    def say(self, text: str, *, interrupt: bool = False, owner: object = None) -> None:
        """Queue `text` to be said (or, with interrupt=True, stop what is said and say this instead).

        A letter's sound written as "/m/" is played from its ready-made WAV; the caption shows the text as
        it is ("Find the letter that says /m/!"). `owner` (a game's state) ties the line to it: when the
        owner ends, ``withdraw(owner)`` stops the line and takes its caption off the screen.
        """
        if not isinstance(text, str) or not text.strip():
            log.warning("Speaker.say() needs some words, got %r; nothing was said.", text)
            return
        caption = text.strip()
        pieces = cut_at_sounds(caption)   # words, letter, words, letter, ...
        lines = []
        for i, piece in enumerate(pieces):
            if i % 2:
                lines.append(self._sound_line(piece, caption))
            elif has_words(piece):
                lines.append(self._line(caption, piece.strip(), letter_names=True))
        for i, line in enumerate(lines):
            line.owner = owner
            self._add(line, interrupt and i == 0)
        self._last = lines

    def say_letter_name(self, letter: str, *, interrupt: bool = False) -> None:
        """Say the name of a letter ("A" as 'ay', never as the word 'a'); the caption shows the letter."""
        key = single_letter(letter)
        if key:
            own = self.name_clip(key)
            if own is not None:
                self._add(self._clip_line(own, letter, f"[[{self._names[key]}]]"), interrupt)
            else:
                spoken = f"[[{self._names[key]}]]" if self._synth.reads_phonemes else letter
                self._add(self._line(letter, spoken), interrupt)
            self._last = [self._queue[-1]]

    def say_letter_sound(self, letter: str, *, interrupt: bool = False, caption: str | None = None) -> None:
        """Say the phonics sound of a letter (s -> a held 'ssss', c -> /k/); caption "/s/" by default.

        Engines that cannot read espeak phonemes show the caption only: a spelt-out "sss" would be wrong.
        """
        key = single_letter(letter)
        if not key:
            return
        self._add(self._sound_line(key, caption or f"/{key}/"), interrupt)
        self._last = [self._queue[-1]]

    def sound_clip(self, letter: str) -> Path | None:
        """The WAV that plays `letter`'s sound: the grown-up's own recording, else the ready-made one."""
        own = (self.own_clips / f"sound-{letter}.wav") if self.own_clips else None
        if own is not None and self._usable_clip(own):
            return own
        path = sound_clip_file(self.voice, letter)
        return path if path.is_file() else None

    def name_clip(self, letter: str) -> Path | None:
        """The grown-up's own recording of `letter`'s name, if there is one (and it can be played)."""
        path = (self.own_clips / f"name-{letter}.wav") if self.own_clips else None
        return path if path is not None and self._usable_clip(path) else None

    def _usable_clip(self, path: Path) -> bool:
        """A grown-up's recording is checked (size, header) before the mixer sees it: a huge or odd file
        could crash it. Checked again only when the file changes."""
        try:
            info = path.stat()
        except OSError:
            return False
        seen = self._clips_checked.get(path)
        if seen is None or seen[:2] != (info.st_mtime_ns, info.st_size):
            usable = clip_is_usable(path)
            if not usable:
                log.warning("The recording %s cannot be played (too big, or not a plain WAV); the computer's "
                            "voice is used instead.", path.name)
            seen = self._clips_checked[path] = (info.st_mtime_ns, info.st_size, usable)
        return seen[2]

    def forget_name(self, name: str) -> int:
        """Remove every cached line that said ``name`` (a deleted child's); how many went."""
        return forget_words(self.cache_dir, name)

    def say_again(self) -> None:
        """Say the last line again, straight away (the "say again" button)."""
        for i, line in enumerate(self._last):
            again = (Line(line.caption, line.spoken, line.key, time.perf_counter(), wav=line.wav, clip=True)
                     if line.clip else self._line(line.caption, line.spoken))
            again.owner = line.owner
            self._add(again, interrupt=i == 0)

    def stop(self) -> None:
        """Stop speaking and forget every queued line."""
        self._generation += 1
        self._queue.clear()
        if self._channel is not None:
            self._channel.stop()
        self._current = None
        self._current_sound = None
        self._caption.clear()
        self._caption_owner = None

    def withdraw(self, owner: object) -> None:
        """The lines said for `owner` are over (the game's state they belong to has ended): the one being
        said stops, queued ones are dropped, and a caption of theirs leaves the screen at once (lingering
        or not), so it never stands beside what the game shows next. Other lines carry on."""
        if owner is None:
            return
        kept = [line for line in self._queue if line.owner is not owner]
        if len(kept) < len(self._queue):
            self._queue.clear()
            self._queue.extend(kept)
        if self._current is not None and self._current.owner is owner:
            if self._channel is not None:
                self._channel.stop()
            self._current = None
            self._current_sound = None
        if self._caption_owner is owner:
            self._caption.clear()
            self._caption_owner = None
            self.captions_withdrawn += 1

    def prepare(self, texts: Iterable[str]) -> None:
        """Synthesise lines in the background so they start at once later (warm the cache)."""
        if isinstance(texts, str):
            texts = [texts]
        for text in texts:
            if not isinstance(text, str):
                continue
            for words in cut_at_sounds(text)[::2]:   # the sounds in it are ready-made clips
                if has_words(words):
                    line = self._line(words.strip(), words.strip(), letter_names=True)
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
                self._caption.line_ended()
        if self._current is None and self._queue:
            head = self._queue[0]
            if self._caption.free:
                self._show_caption(head)
            if head.wav is None and not head.failed and self._voice_possible():
                head.waited += dt
                if head.waited < WAIT_FOR_VOICE:
                    return
                log.info("Speech for %r was not ready in time; showing it as a caption only.", head.caption)
            self._start(self._queue.popleft())
        elif self._current is None:
            self._caption.age(dt)

    @property
    def caption(self) -> str | None:
        """The line being said, for the caption bar; it stays a moment after the line ends."""
        return self._caption.text

    @property
    def busy(self) -> bool:
        """True while a line is being said or waits in the queue."""
        return self._current is not None or bool(self._queue)

    @property
    def status(self) -> str:
        """A short sentence for the settings screen about whether the children will hear anything."""
        if self.enabled:
            self._notice_a_hung_engine()
        sound_device = mixer_problem() is None and self._channel is not None
        return self._engine.sentence(self.enabled, sound_device, self._synth.name)

    def set_voice(self, voice: str) -> None:
        """Speak with another of our voices ("uk", "us") from the next line on: names, sounds and engine.

        Lines are cached by the engine's voice, so a line said before in the old voice is never played.
        """
        if voice == self.voice:
            return
        self.voice = voice
        self._engine_voice = espeak_voice(voice)
        self._names = letter_names(voice)
        self._sound_id = None

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
        self._worker.shutdown()

    # -- inside ---------------------------------------------------------------------------------------
    def _line(self, caption: str, spoken: str, letter_names: bool = False) -> Line:
        """A Line, already holding its WAV when the cache has it; `letter_names`: apply spoken_form."""
        if letter_names and self._synth.reads_phonemes:
            spoken = spoken_form(spoken, self._names)
        # Turned off, nothing is played: no need to look for the engine's library to name the file.
        sound = self._sound_fingerprint() if self.enabled else "off"
        key = hashlib.sha1("|".join([sound, str(self.rate), spoken]).encode("utf-8"))
        line = Line(caption=caption, spoken=spoken, key=key.hexdigest()[:24], asked_at=time.perf_counter())
        wav = self.cache_dir / cache_file_name(line.key)
        if is_cached_wav(wav):   # a folder or a FIFO at its name is not a line (a FIFO would never end)
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
            self._sound_id = "|".join([CACHE_VERSION, engine, self._engine_voice, f"volume={volume:g}"])
        return self._sound_id

    def _sound_line(self, letter: str, caption: str) -> Line:
        """A line playing `letter`'s sound: its WAV when there is one, else the engine's phonemes."""
        clip = self.sound_clip(letter)
        if clip is None:
            return self._line(caption, f"[[{self._letters['sounds'][letter]}]]")
        return self._clip_line(clip, caption, f"/{letter}/")

    def _clip_line(self, clip: Path, caption: str, spoken: str) -> Line:
        """A line that plays a WAV file as it is (a letter's sound, a grown-up's recording)."""
        line = Line(caption=caption, spoken=spoken, key=f"clip:{clip}", asked_at=time.perf_counter(),
                    wav=clip, clip=True)
        line.failed = not (self.enabled and mixer_problem() is None)
        return line

    def _add(self, line: Line, interrupt: bool) -> None:
        if interrupt:
            self.stop()
        self._queue.append(line)
        if self._current is None and self._caption.free:
            self._show_caption(line)
        if line.wav is None and not line.failed:
            self._ask_worker(line, generation=self._generation)

    def _show_caption(self, line: Line) -> None:
        self._caption.show(line.caption)
        self._caption_owner = line.owner

    def _voice_possible(self) -> bool:
        return self.enabled and self._engine.answers and mixer_problem() is None

    def _start_worker(self) -> None:
        if self._engine.state != "missing":
            self._worker.start()

    def _ask_worker(self, line: Line, generation: int | None) -> None:
        if line.key not in self._indexed:   # its words, hashed, before its WAV exists
            self._indexed.add(line.key)
            remember_words(self.cache_dir, line.key, f"{line.caption} {line.spoken}")
        self._worker.ask(line.key, line.spoken, self.rate, generation, self._engine_voice)

    def _collect_results(self) -> None:
        for kind, value in self._worker.results():
            if kind != "missing":
                self._engine.heard_from()
            if kind == "ready":
                self._engine.ready(self._synth.reads_phonemes, self._queue)
            elif kind == "missing":
                self._no_engine(f"no speech engine could start ({value})")
            else:
                key = value[0] if kind == "wav" else value
                made = kind == "wav" and is_cached_wav(value[1])
                for line in self._queue:
                    if line.key == key:
                        line.wav = value[1] if made else None
                        line.failed = not made

    def _notice_a_hung_engine(self) -> None:
        """An engine stuck on one line for ENGINE_HUNG_AFTER seconds: say so (log, status), captions only."""
        self._engine.check_hung(self._worker.working_on, ENGINE_HUNG_AFTER, self._queue)

    def _no_engine(self, why: str) -> None:
        self._engine.missing(why, self._queue)

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
        self._show_caption(line)
        self.history.append(line)
        if line.wav is not None and self.enabled and self._ensure_channel():
            try:
                self._current_sound = pygame.mixer.Sound(str(line.wav))
            except (pygame.error, OSError) as err:
                if line.clip:
                    log.warning("The sound clip %s could not be played (%s).", line.wav, err)
                else:
                    log.warning("The speech file %s could not be played (%s); it will be made again.", line.wav, err)
                    if is_cached_wav(line.wav):
                        try:
                            line.wav.unlink()
                        except OSError:
                            pass
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
