"""espeak-ng through pyttsx3, writing WAV files for the Speaker; and text as espeak-ng should read it.

``EspeakSynthesizer`` runs on the speaker's worker thread only. ``spoken_form`` turns lone letters into
their names in espeak phoneme codes, so "A is for apple" is not read with the article "a".
"""
from __future__ import annotations

import ctypes
import importlib.util
import json
import logging
import os
import re
import string
import sys
import threading
from pathlib import Path
from typing import Protocol

from games.engine.core import paths
from games.engine.voice.speech_cache import wait_for, wav_is_complete

log = logging.getLogger(__name__)

LETTER_SOUNDS_FILE = paths.ASSETS / "speech" / "letter_sounds.json"
BUNDLED_ESPEAK_ENV = "LETTERPLAY_BUNDLED_ESPEAK"   # "1": use espeakng-loader's espeak-ng, not the system one


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

    def set_voice(self, voice: str) -> None:
        """Speak with another espeak-ng voice from the next line on (worker thread, after ``start``)."""
        if voice == self.voice:
            return
        if self._espeak is not None:
            with _espeak_lock:
                if self._espeak.SetVoiceByName(voice.encode("utf-8")) != 0:
                    raise RuntimeError(f"espeak-ng has no voice {voice!r}")
        elif self._engine is not None:
            self._engine.setProperty("voice", voice)
        self.voice = voice

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
        if not wav_is_complete(path, wait=2.0):
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
            wait_for(lambda: not self._espeak_is_busy(), timeout)
            if not wrong:
                return
        raise RuntimeError(f"espeak-ng would not take the speed {rate} wpm")


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


# -- what is said ---------------------------------------------------------------------------------------

def load_letter_sounds(path: Path = LETTER_SOUNDS_FILE) -> dict:
    """The phonics sounds and letter names as espeak phoneme codes, and the voices.

    {"sounds": {letter: codes}, "names": {letter: codes}, "voices": {id: {"label", "espeak", "z", "names"}},
    "default_voice": id}. A voice's "names" are the names it says differently (US "zee").
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    voices = data.get("voices") or {DEFAULT_VOICE: {"label": "English", "espeak": "gmw/en", "names": {}}}
    return {"sounds": data["sounds"], "names": data["names"], "voices": voices,
            "default_voice": data.get("default_voice", next(iter(voices)))}


DEFAULT_VOICE = "uk"
SOUNDS_DIR = paths.ASSETS / "speech" / "sounds"   # <voice>/<letter>.wav, made by assets/speech/make_letter_sounds.py


def voice_ids() -> list[str]:
    """The English voices a teacher can choose ("uk", "us"), from the letter sounds file."""
    return list(letter_table()["voices"])


def voice_label(voice: str) -> str:
    """What the settings screen calls a voice: "UK English (zed)"."""
    info = letter_table()["voices"].get(voice, {})
    return f"{info.get('label', voice)} ({info['z']})" if info.get("z") else info.get("label", voice)


def espeak_voice(voice: str) -> str:
    """The espeak-ng voice name of one of our voices ("us" -> "gmw/en-US"); the default's for an unknown id."""
    voices = letter_table()["voices"]
    info = voices.get(voice) or voices.get(DEFAULT_VOICE) or next(iter(voices.values()))
    return info["espeak"]


def letter_names(voice: str) -> dict[str, str]:
    """The letter names in espeak phoneme codes as `voice` says them (z: 'zed' or 'zee')."""
    table = letter_table()
    return {**table["names"], **table["voices"].get(voice, {}).get("names", {})}


def sound_clip_file(voice: str, letter: str, sounds_dir: Path | None = None) -> Path:
    """The ready-made WAV of a letter's phonics sound in `voice` (it may be missing: check before use)."""
    return (sounds_dir or SOUNDS_DIR) / voice / f"{letter.lower()}.wav"


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


_letter_table: dict | None = None


def letter_table() -> dict[str, dict[str, str]]:
    """The letter sounds file, read once; plain letters if it cannot be read (logged)."""
    global _letter_table
    if _letter_table is None:
        try:
            _letter_table = load_letter_sounds()
        except (OSError, ValueError, KeyError) as err:
            log.warning("The letter sounds file %s could not be read (%s); letters are spoken plainly.",
                        LETTER_SOUNDS_FILE, err)
            _letter_table = {"sounds": {c: c for c in string.ascii_lowercase},
                             "names": {c: c for c in string.ascii_lowercase},
                             "voices": {DEFAULT_VOICE: {"label": "English", "espeak": "gmw/en", "names": {}}},
                             "default_voice": DEFAULT_VOICE}
    return _letter_table
