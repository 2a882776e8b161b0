"""Make the letter-sound WAVs: assets/speech/sounds/<voice>/<letter>.wav, one per letter and voice.

    python assets/speech/make_letter_sounds.py [--out DIR] [--rate 130]

Run it when letter_sounds.json or espeak-ng changes; the WAVs are committed, so the game plays the
sounds with no speech engine at all. For each letter of the table's "sounds":

- continuous sounds (ffff, mmmm, ssss, kss...) are said with more and more of their last phoneme until
  they last about 0.4 s (espeak-ng's "ssss" alone is ~0.25 s, "mmmm" quieter still);
- stop sounds (b@, t@...) keep their burst at full strength and the schwa after it fades out within
  ~0.25 s, so children hear "b", not "buh";
- vowels are kept as they are, with soft edges;
- then every sound is made as loud as the voice's own speech: the loud part's RMS (20 ms frames within
  25 dB of the loudest one) matches that of a few prompts made the same way the game makes them
  (``speech_cache.tidy_wav``), with the peak kept under 0.95.

It prints the level of each sound before and after, and writes them with the espeak-ng version into
sounds/made.json.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from games.engine.voice.espeak import EspeakSynthesizer, load_letter_sounds  # noqa: E402
from games.engine.voice.speech_cache import STORED_SAMPLE_RATE, _resample, tidy_wav  # noqa: E402

HELD_SECONDS = 0.40       # continuous sounds last at least this long
STOP_FULL = 0.07          # seconds of a stop sound kept at full strength (the burst and the schwa's start)
STOP_MOST = 0.25          # a stop sound's whole length at most
EDGE = 0.015              # seconds of fade in and out, so no sound starts or ends with a click
PEAK_MOST = 0.95
REFERENCE_LINES = ["Find the letter that says", "What does moon start with?", "Well done!",
                   "Look at the letters.", "Write the missing letter!"]


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as w:
        return np.frombuffer(w.readframes(w.getnframes()), np.int16).astype(np.float64) / 32767, w.getframerate()


def write_wav(path: Path, samples: np.ndarray, rate: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.clip(np.round(samples * 32767), -32767, 32767).astype(np.int16).tobytes())


def loud_rms(samples: np.ndarray, rate: int, window: float = 0.02, within_db: float = 25.0) -> float:
    """RMS of the loud part: 20 ms frames within `within_db` of the loudest frame (pauses do not count)."""
    n = max(1, int(rate * window))
    frames = samples[: len(samples) // n * n].reshape(-1, n) if len(samples) >= n else samples.reshape(1, -1)
    levels = np.sqrt((frames ** 2).mean(axis=1))
    if levels.max() <= 0:
        return 0.0
    loud = frames[levels >= levels.max() * 10 ** (-within_db / 20)]
    return float(np.sqrt((loud ** 2).mean()))


def db(value: float) -> float:
    return 20 * np.log10(max(value, 1e-9))


def kind_of(codes: str) -> str:
    """"vowel" ('a), "stop" (b@: a consonant and a schwa) or "held" (mmmm, kss: the last phoneme repeats)."""
    if codes.startswith("'"):
        return "vowel"
    if codes.endswith("@"):
        return "stop"
    return "held"


def trimmed(samples: np.ndarray, floor: float = 0.02) -> np.ndarray:
    """`samples` without the silence around them (below `floor` of the peak)."""
    peak = np.abs(samples).max()
    if peak == 0:
        return samples[:0]
    loud = np.flatnonzero(np.abs(samples) > peak * floor)
    return samples[loud[0]: loud[-1] + 1]


def soft_edges(samples: np.ndarray, rate: int) -> np.ndarray:
    n = min(len(samples) // 2, int(rate * EDGE))
    ramp = np.linspace(0, 1, n, endpoint=False)
    samples = samples.copy()
    samples[:n] *= ramp
    samples[len(samples) - n:] *= ramp[::-1]
    return samples


class Renderer:
    """Says phoneme codes into trimmed samples at STORED_SAMPLE_RATE, with the game's own engine."""

    def __init__(self, synth: EspeakSynthesizer, rate: int, work: Path):
        self.synth, self.rate, self.work = synth, rate, work

    def say(self, text: str, tidy: bool = False) -> np.ndarray:
        path = self.work / "line.wav"
        self.synth.write_wav(text, self.rate, path)
        if tidy:
            tidy_wav(path)
        samples, rate = read_wav(path)
        if rate != STORED_SAMPLE_RATE:
            samples = _resample((samples * 32767).astype(np.int16), rate, STORED_SAMPLE_RATE) / 32767
        return samples if tidy else trimmed(samples)


def make_sound(render: Renderer, codes: str) -> tuple[np.ndarray, str, str]:
    """The raw samples of one letter's sound, shaped by its kind; and the kind and codes used."""
    rate = STORED_SAMPLE_RATE
    kind = kind_of(codes)
    if kind == "held":
        stem, last = codes.rstrip(codes[-1]), codes[-1]
        held = max(1, len(codes) - len(stem))
        samples = render.say(f"[[{codes}]]")
        while len(samples) < HELD_SECONDS * rate and held < 16:
            held += 1
            codes = stem + last * held
            samples = render.say(f"[[{codes}]]")
    else:
        samples = render.say(f"[[{codes}]]")
    if kind == "stop":
        samples = samples[: int(STOP_MOST * rate)]
        full = int(STOP_FULL * rate)
        if len(samples) > full:
            fade = np.linspace(1.0, 0.0, len(samples) - full) ** 2   # the schwa dies away quickly
            samples = np.concatenate([samples[:full], samples[full:] * fade])
    return soft_edges(samples, rate), kind, codes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "speech" / "sounds")
    parser.add_argument("--rate", type=int, default=130, help="words per minute the sounds are said at")
    args = parser.parse_args(argv)
    table = load_letter_sounds()
    synth = EspeakSynthesizer(voice=next(iter(table["voices"].values()))["espeak"])
    synth.start()
    made = {"espeak": synth.library, "rate": args.rate, "sample_rate": STORED_SAMPLE_RATE, "voices": {}}
    with tempfile.TemporaryDirectory() as work:
        render = Renderer(synth, args.rate, Path(work))
        for voice, info in table["voices"].items():
            synth.set_voice(info["espeak"])
            speech = [loud_rms(render.say(line, tidy=True), STORED_SAMPLE_RATE) for line in REFERENCE_LINES]
            target = float(np.mean(speech))
            print(f"{voice} ({info['espeak']}): the voice's speech, loud part RMS {db(target):.1f} dBFS")
            print(f"{'':3}{'codes':>10} {'kind':>6} {'length':>7} {'before':>7} {'after':>7} {'peak':>6}")
            levels = {}
            for letter, codes in sorted(table["sounds"].items()):
                samples, kind, used = make_sound(render, codes)
                before = loud_rms(samples, STORED_SAMPLE_RATE)
                gain = min(target / max(before, 1e-9), PEAK_MOST / max(np.abs(samples).max(), 1e-9))
                samples = samples * gain
                after = loud_rms(samples, STORED_SAMPLE_RATE)
                seconds = len(samples) / STORED_SAMPLE_RATE
                write_wav(args.out / voice / f"{letter}.wav", samples, STORED_SAMPLE_RATE)
                levels[letter] = {"codes": used, "kind": kind, "seconds": round(seconds, 3),
                                  "before_db": round(db(before), 1), "after_db": round(db(after), 1),
                                  "peak": round(float(np.abs(samples).max()), 3)}
                print(f"{letter:3}{used:>10} {kind:>6} {seconds:6.2f}s {db(before):6.1f} {db(after):6.1f}"
                      f" {np.abs(samples).max():6.2f}")
            made["voices"][voice] = {"espeak": info["espeak"], "speech_db": round(db(target), 1), "sounds": levels}
    (args.out / "made.json").write_text(json.dumps(made, indent=1) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in args.out.rglob("*.wav"))
    print(f"{sum(1 for _ in args.out.rglob('*.wav'))} WAVs, {size / 1024:.0f} KiB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
