"""How long from Speaker.say() to Sound.play(), with a cold and a warm speech cache.

Uses the real espeak-ng voice and SDL's dummy audio driver (nothing is heard). Every line is said on
an idle speaker; the delay is perf_counter() at say() to perf_counter() right after Channel.play().

    python benchmarks/bench_speech.py              # game loop polling every 1 ms: the pipeline itself
    python benchmarks/bench_speech.py --fps 60     # update() once per 60 fps frame, as in the game
    python benchmarks/bench_speech.py --render out/speech   # also keep the WAVs to measure with sox
    python benchmarks/bench_speech.py --lengths out/speech/x # how long and how fast a few prompts come out

--lengths plays the game's part: the engine starts, the first new line comes a moment later (--pause),
then each prompt is said once; it prints each prompt's length, words a minute and file size, and keeps
the WAVs (measure them with `soxi -D`). LETTERPLAY_BUNDLED_ESPEAK=1 picks the bundled libespeak-ng.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import wave
from pathlib import Path

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from games.engine.voice.espeak import EspeakSynthesizer, load_letter_sounds  # noqa: E402
from games.engine.voice.phrases import Phrases  # noqa: E402
from games.engine.voice.speech import Speaker  # noqa: E402


class TimedEspeak(EspeakSynthesizer):
    """espeak-ng that also notes how long each WAV took to write (worker thread)."""

    def __init__(self):
        super().__init__()
        self.write_times: list[float] = []

    def write_wav(self, text, rate, path):
        start = time.perf_counter()
        super().write_wav(text, rate, path)
        self.write_times.append(time.perf_counter() - start)


def every_line() -> list[tuple[str, str]]:
    """(kind, text) for every phrase variant, letter name and letter sound."""
    phrases = Phrases()
    lines = []
    for key in phrases.keys():
        for variant in phrases._variants[key]:
            lines.append(("say", variant.format(letter="B", player="Sam", word="cat", count=3)))
    letters = sorted(load_letter_sounds()["sounds"])
    lines += [("name", letter.upper()) for letter in letters]
    lines += [("sound", letter) for letter in letters]
    return lines


def say_and_time(speaker: Speaker, kind: str, text: str, frame: float, kept: list | None = None) -> float:
    """Seconds from asking to the sound starting (NaN if it was shown as a caption only)."""
    before = speaker.history[-1] if speaker.history else None
    {"say": speaker.say, "name": speaker.say_letter_name, "sound": speaker.say_letter_sound}[kind](text)
    while not speaker.history or speaker.history[-1] is before:
        time.sleep(frame)
        speaker.update(frame)
    line = speaker.history[-1]
    speaker.stop()
    if kept is not None:
        kept.append(line)
    return float("nan") if line.started_at is None else line.started_at - line.asked_at


def summary(name: str, delays: list[float]) -> None:
    played = sorted(d * 1000 for d in delays if d == d)
    if not played:
        print(f"{name:<34} no line was heard (captions only)")
        return
    p99 = played[min(len(played) - 1, round(0.99 * (len(played) - 1)))]
    print(f"{name:<34} n={len(played):>3}  p50 {statistics.median(played):6.1f} ms  "
          f"p99 {p99:6.1f} ms  max {played[-1]:6.1f} ms  silent {len(delays) - len(played)}")


PROMPTS = ["Find the letter O!", "Well done!", "Which letter is missing?", "Nearly! Let's try again.",
           "You wrote the letter B!"]


def lengths(out: Path, pause: float, rate: int) -> None:
    """Say each prompt once through a fresh Speaker; print length, words a minute and size of each WAV."""
    out.mkdir(parents=True, exist_ok=True)
    cache = Path(tempfile.mkdtemp(prefix="letterplay-speech-"))
    synth = EspeakSynthesizer()
    speaker = Speaker(cache_dir=cache, synthesizer=synth, rate=rate)
    deadline = time.monotonic() + 10
    while speaker.status == "Voice: starting..." and time.monotonic() < deadline:
        speaker.update(0.01)
        time.sleep(0.01)
    time.sleep(pause)
    print(f"status: {speaker.status}; engine: {synth.library}; rate asked {rate} wpm; first line {pause} s later")
    for text in PROMPTS:
        speaker.say(text)
        while not speaker.history or speaker.history[-1].caption != text or (speaker.busy and not speaker.history[-1].wav):
            speaker.update(0.01)
            time.sleep(0.01)
        line = speaker.history[-1]
        speaker.stop()
        if line.wav is None:
            print(f"{text!r:<28} no sound (caption only)")
            continue
        safe = "".join(c if c.isalnum() else "_" for c in text).strip("_")
        kept = out / f"{safe}.wav"
        shutil.copy(line.wav, kept)
        with wave.open(str(kept)) as wav:
            seconds, rate_hz = wav.getnframes() / wav.getframerate(), wav.getframerate()
        words = len(text.split())
        print(f"{text!r:<28} {seconds:5.2f} s  {words * 60 / seconds:5.0f} words/min  "
              f"{kept.stat().st_size / 1000:6.1f} KB at {rate_hz} Hz  -> {kept}")
    cached = list(cache.glob("*.wav"))
    print(f"cache: {len(cached)} files, {sum(p.stat().st_size for p in cached) / 1000:.1f} KB")
    speaker.shutdown()
    shutil.rmtree(cache, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fps", type=float, default=0, help="call update() at this frame rate (0: every 1 ms)")
    parser.add_argument("--render", type=Path, help="copy the cached WAVs here, named after their text")
    parser.add_argument("--lengths", type=Path, help="measure a few prompts' lengths; keep their WAVs here")
    parser.add_argument("--pause", type=float, default=0.5, help="with --lengths: seconds before the first line")
    parser.add_argument("--rate", type=int, default=130, help="with --lengths: words a minute asked")
    args = parser.parse_args()
    if args.lengths:
        lengths(args.lengths, args.pause, args.rate)
        return
    frame = 1 / args.fps if args.fps else 0.001

    cache = Path(tempfile.mkdtemp(prefix="letterplay-speech-"))
    synth = TimedEspeak()
    speaker = Speaker(cache_dir=cache, synthesizer=synth)
    lines = every_line()

    first = say_and_time(speaker, "say", "Hello! Let's play with letters!", frame)
    print(f"status: {speaker.status}; engine: {synth.library}")
    print(f"{len(lines)} lines; update() every {frame * 1000:.1f} ms")
    print(f"{'first line (engine starting)':<34} {first * 1000:6.1f} ms")
    summary("cold cache (synthesise, then play)", [say_and_time(speaker, k, t, frame) for k, t in lines])
    warm_lines: list = []
    summary("warm cache (play from WAV file)", [say_and_time(speaker, k, t, frame, warm_lines) for k, t in lines])
    cached = list(cache.glob("*.wav"))
    total = sum(p.stat().st_size for p in cached)
    print(f"{'speech cache':<34} {len(cached)} files, {total / 1e6:.2f} MB, {total / max(1, len(cached)) / 1000:.1f} KB a file")
    times = sorted(t * 1000 for t in synth.write_times)
    print(f"{'espeak-ng WAV writing per line':<34} n={len(times):>3}  p50 {statistics.median(times):6.1f} ms  "
          f"max {times[-1]:6.1f} ms")
    if args.render:
        args.render.mkdir(parents=True, exist_ok=True)
        for line in warm_lines:
            if line.wav:
                safe = "".join(c if c.isalnum() else "_" for c in line.caption).strip("_")[:40] or "line"
                shutil.copy(line.wav, args.render / f"{safe}.wav")
        print(f"WAVs copied to {args.render}")
    speaker.shutdown()
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
