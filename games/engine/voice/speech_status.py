"""Whether the children will hear the voice: the speech engine's state (starting, ready, missing, hung) and the settings screen's sentence about it."""
from __future__ import annotations

import logging
import time

log = logging.getLogger("games.engine.voice.speech")   # the speech system logs under one name


class EngineState:
    """What the Speaker knows of its speech engine. When it goes missing or hangs, the lines waiting
    for a WAV are shown as captions only (``queue``: the Speaker's waiting lines)."""

    def __init__(self):
        self.state = "starting"     # starting / ready / missing / hung

    @property
    def answers(self) -> bool:
        """False when the engine is missing or hung: no line should wait for it."""
        return self.state not in ("missing", "hung")

    def heard_from(self) -> None:
        """The worker sent something: a hung engine answers again."""
        if self.state == "hung":
            log.warning("The speech engine answers again.")
            self.state = "ready"

    def ready(self, reads_phonemes: bool, queue) -> None:
        """The engine started. One that cannot read espeak's phonemes cannot say lines written for espeak."""
        self.state = "ready"
        if not reads_phonemes:
            for line in queue:
                line.failed = line.failed or "[[" in line.spoken

    def missing(self, why: str, queue) -> None:
        """No engine (none found, or it cannot write its files): captions only, said once in the log."""
        if self.state != "missing":
            log.warning("Speech is off: %s. The game shows captions only.", why)
        self.state = "missing"
        for line in queue:
            line.failed = line.wav is None

    def check_hung(self, working_on: tuple[str, float] | None, after: float, queue) -> None:
        """An engine stuck on one line (``working_on``: text, monotonic start) for ``after`` seconds:
        say so (log, status); captions only until it answers."""
        if working_on is None or not self.answers or time.monotonic() - working_on[1] < after:
            return
        self.state = "hung"
        log.warning("The speech engine has not answered for %.0f s (working on %r). The game shows captions "
                    "only until it does.", time.monotonic() - working_on[1], working_on[0])
        for line in queue:
            line.failed = line.wav is None

    def sentence(self, enabled: bool, sound_device: bool, engine_name: str) -> str:
        """A short sentence for the settings screen about whether the children will hear anything."""
        if not enabled:
            return "Captions only: speech is turned off"
        if self.state == "missing":
            return "Captions only: no speech engine found"
        if self.state == "hung":
            return "Captions only: the speech engine stopped answering"
        if not sound_device:
            return "Captions only: no sound device"
        if self.state == "starting":
            return "Voice: starting..."
        return f"Voice: {engine_name}"
