"""The speech cache: one WAV file per line, named by what changes its sound, kept under 50 MB.

Also how long a line should last (to catch one made at the wrong speed) and the tidying every new
WAV gets (silence trimmed, quiet lines lifted, stored at 16 kHz). No pygame: the worker thread uses it.

Only a regular file is ever played (:func:`is_cached_wav`): a folder or a FIFO at a line's name is
ignored (playing a FIFO would wait forever), and a WAV someone else hands us (a grown-up's recording)
is checked before it is loaded (:func:`clip_is_usable`: its size, and a header that says PCM sound of
a sane length). Names said aloud are in the cache as sound: ``words.idx`` keeps, for each line, salted
hashes of its words (never the words), so that :func:`forget_words` can remove every line that held a
deleted child's name.
"""
from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import secrets
import stat
import threading
import time
import unicodedata
import wave
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

CACHE_VERSION = "2"       # bump when the way WAVs are made changes: files of other versions are deleted
CACHE_MAX_BYTES = 50 * 1024 * 1024   # the speech cache's size; the least recently used WAVs go first
STORED_SAMPLE_RATE = 16000           # Hz: keeps all of speech (and a clear /s/), 27% smaller than 22050
# A synthesised line shorter than this share of its expected length was made too fast (see expected_seconds)
TOO_SHORT = 0.75
TOO_LONG = 3.0
CLIP_MAX_BYTES = 4 * 1024 * 1024   # a recorded letter is ~80 KB; far bigger is not one (and could crash the mixer)
CLIP_MAX_SECONDS = 10.0
INDEX_NAME = "words.idx"
_index_lock = threading.Lock()   # the speaker adds to the index, the grown-ups' page rewrites it
_salts: dict = {}                # index file -> its salt, read once


def cache_file_name(key: str) -> str:
    """The cache file of a line: named by cache version and key, so old versions can be told apart."""
    return f"v{CACHE_VERSION}-{key}.wav"


def is_cached_wav(path: Path) -> bool:
    """Is there a line's WAV at ``path``: a regular file (not a folder, a FIFO or a device), not empty?"""
    try:
        info = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size > 44


def clip_is_usable(path: Path, max_bytes: int = CLIP_MAX_BYTES, max_seconds: float = CLIP_MAX_SECONDS) -> bool:
    """May the WAV at ``path`` be handed to the mixer? A regular file of at most ``max_bytes`` whose
    header says 8- or 16-bit PCM, one or two channels, 8-48 kHz, at most ``max_seconds``, all there."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or not 44 < info.st_size <= max_bytes:
            return False
        with wave.open(str(path), "rb") as wav:
            width, channels, rate, frames = wav.getsampwidth(), wav.getnchannels(), wav.getframerate(), wav.getnframes()
    except (OSError, EOFError, wave.Error, ValueError):
        return False
    return (width in (1, 2) and channels in (1, 2) and 8000 <= rate <= 48000 and 0 < frames <= rate * max_seconds
            and frames * width * channels <= info.st_size)


# -- which lines hold which words (to forget a deleted child's name) -----------------------------------

def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", unicodedata.normalize("NFC", str(text)).casefold()))


def _read_index(cache_dir: Path) -> tuple[str, dict[str, set[str]]]:
    """The index's salt and key -> hashed words (a new salt when there is no index yet)."""
    salt, lines = None, {}
    try:
        with open(cache_dir / INDEX_NAME, encoding="ascii", errors="replace") as f:
            for line in f:
                parts = line.split()
                if parts[:1] == ["salt"] and len(parts) == 2:
                    salt = parts[1]
                elif len(parts) >= 1 and salt:
                    lines.setdefault(parts[0], set()).update(parts[1:])
    except OSError:
        pass
    return salt or secrets.token_hex(16), lines


def _hashed(salt: str, words: set[str]) -> set[str]:
    return {hashlib.sha256(f"{salt}|{w}".encode("utf-8")).hexdigest()[:16] for w in words}


def remember_words(cache_dir: Path, key: str, text: str) -> None:
    """Note which words line ``key`` says (hashed), before its WAV is made."""
    with _index_lock:
        path = cache_dir / INDEX_NAME
        try:
            new = not path.exists()
            salt = secrets.token_hex(16) if new else _salts.get(path) or _read_salt(path)
            _salts[path] = salt
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0), 0o600)
            with os.fdopen(fd, "a", encoding="ascii") as f:
                if new:
                    f.write(f"salt {salt}\n")
                f.write(" ".join([key, *sorted(_hashed(salt, _words(text)))]) + "\n")
        except (OSError, ValueError) as err:
            log.info("The speech cache's index could not be added to: %s", err)


def _read_salt(path: Path) -> str:
    with open(path, encoding="ascii", errors="replace") as f:
        first = f.readline().split()
    if first[:1] != ["salt"] or len(first) != 2:
        raise ValueError("the index has no salt")
    return first[1]


def forget_words(cache_dir: Path, text: str) -> int:
    """Remove every cached line that says all the words of ``text`` (a deleted child's name), and every
    line the index does not know (made by an older version); how many WAVs went."""
    wanted = _words(text)
    if not wanted:
        return 0
    with _index_lock:
        salt, lines = _read_index(cache_dir)
        doomed = {key for key, words in lines.items() if _hashed(salt, wanted) <= words}
        removed = 0
        try:
            wavs = list(cache_dir.glob("*.wav"))
        except OSError:
            wavs = []
        for wav in wavs:
            key = _key_of(wav.name)
            if key in doomed or key not in lines:
                try:
                    wav.unlink()
                    removed += 1
                except OSError as err:
                    log.warning("A speech line could not be removed from the cache: %s", err)
        kept = {k: w for k, w in lines.items() if k not in doomed}
        body = f"salt {salt}\n" + "".join(" ".join([k, *sorted(w)]) + "\n" for k, w in kept.items())
        tmp = cache_dir / f"{INDEX_NAME}.{os.getpid()}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(body)
            os.replace(tmp, cache_dir / INDEX_NAME)
            _salts[cache_dir / INDEX_NAME] = salt
        except OSError as err:
            log.warning("The speech cache's index could not be rewritten: %s", err)
    if removed:
        log.info("removed %d spoken lines from the speech cache", removed)
    return removed


def _key_of(file_name: str) -> str:
    """The line key in a cache file's name (``v2-<key>.wav`` or ``v2-<key>.unchecked.wav``)."""
    stem = file_name[:-4]
    stem = stem[:-len(".unchecked")] if stem.endswith(".unchecked") else stem
    return stem.split("-", 1)[1] if stem.startswith("v") and "-" in stem else stem


def prune_cache(cache_dir: Path, max_bytes: int = CACHE_MAX_BYTES) -> int:
    """Keep the speech cache within `max_bytes`: the least recently used WAVs go first; how many went.

    WAVs from other cache versions (made another way, perhaps at a wrong speed) and half-written files
    left over from an hour ago go too.
    """
    try:
        an_hour_ago = time.time() - 3600   # a younger one may still be being written by another speaker
        leftovers = [p for p in cache_dir.glob("*.part") if p.stat().st_mtime < an_hour_ago]
        current = f"v{CACHE_VERSION}-"
        wavs = [(p, st) for p, st in ((p, p.stat()) for p in cache_dir.glob("*.wav")) if stat.S_ISREG(st.st_mode)]
        doomed = leftovers + [p for p, _ in wavs if not p.name.startswith(current)]
        kept = sorted(((p, st) for p, st in wavs if p.name.startswith(current)),
                      key=lambda item: max(item[1].st_atime, item[1].st_mtime), reverse=True)
        total = 0
        for path, st in kept:
            total += st.st_size
            if total > max_bytes:
                doomed.append(path)
        for path in doomed:
            try:
                path.unlink(missing_ok=True)
            except OSError as err:   # one that cannot go does not stop the others
                log.info("%s could not be removed from the speech cache: %s", path.name, err)
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


def wav_is_complete(path: Path, wait: float = 0.0) -> bool:
    """True when `path` is a whole WAV with some sound frames, waiting up to `wait` seconds for it."""
    def complete() -> bool:
        try:
            with wave.open(str(path), "rb") as wav:
                frames, width, channels = wav.getnframes(), wav.getsampwidth(), wav.getnchannels()
            return frames > 0 and path.stat().st_size >= 44 + frames * width * channels
        except (OSError, EOFError, wave.Error):
            return False

    return wait_for(complete, wait)


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


def wait_for(condition, timeout: float) -> bool:
    """Poll `condition` every millisecond until it is true (True) or `timeout` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)
    return True
