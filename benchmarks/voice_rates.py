"""How fast the voice really speaks: words per minute and syllables per second of real prompts.

    python benchmarks/voice_rates.py [--rates 110 120 130 140] [--voices uk us]

Renders a few of the games' prompts with the game's own engine (espeak-ng) at each setting, tidied as
the speech cache tidies them, and prints their length, words per minute (the whole line, pauses in)
and syllables per second (vowel groups counted).
Needs espeak-ng.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from games.engine.voice.espeak import EspeakSynthesizer, espeak_voice, letter_names, spoken_form  # noqa: E402
from games.engine.voice.speech_cache import tidy_wav, wav_seconds  # noqa: E402

PROMPTS = ["Find the letter M!", "Which letter is missing? Write it!", "What does moon start with?",
           "Look at the letters: S, A, T.", "Well done! You wrote the letter B!", "Find the letter that says"]


def syllables(word: str) -> int:
    """Vowel groups, a silent final e dropped: good enough for these short words (a letter's name is one,
    except W with three)."""
    if len(word) == 1:
        return 3 if word.lower() == "w" else 1
    groups = re.findall(r"[aeiouy]+", word.lower())
    return max(1, len(groups) - (word.lower().endswith("e") and not word.lower().endswith("le") and len(groups) > 1))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rates", type=int, nargs="+", default=[110, 120, 130, 140])
    parser.add_argument("--voices", nargs="+", default=["uk", "us"])
    args = parser.parse_args(argv)
    synth = EspeakSynthesizer(voice=espeak_voice(args.voices[0]))
    synth.start()
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "line.wav"
        for voice in args.voices:
            synth.set_voice(espeak_voice(voice))
            for rate in args.rates:
                words = sylls = seconds = 0.0
                print(f"{voice} at {rate} wpm set:")
                for prompt in PROMPTS:
                    synth.write_wav(spoken_form(prompt, letter_names(voice)), rate, path)
                    tidy_wav(path)
                    s = wav_seconds(path)
                    w = re.findall(r"[A-Za-z']+", prompt)
                    syl = sum(syllables(x) for x in w)
                    words, sylls, seconds = words + len(w), sylls + syl, seconds + s
                    print(f"   {prompt:38} {s:5.2f} s {len(w) * 60 / s:5.0f} wpm {syl / s:4.1f} syll/s")
                print(f"   {'all':38} {seconds:5.2f} s {words * 60 / seconds:5.0f} wpm {sylls / seconds:4.1f} syll/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
