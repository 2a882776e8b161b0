"""The speech cache: one WAV file per line, named by what changes its sound, kept under 50 MB.

Also how long a line should last (to catch one made at the wrong speed) and the tidying every new
WAV gets (silence trimmed, quiet lines lifted, stored at 16 kHz). No pygame: the worker thread uses it.
"""
from __future__ import annotations

import logging
import math
import re
import time
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
