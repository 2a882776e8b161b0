"""How much CPU does Letterplay use while nobody touches it? Prints % of one core over a quiet spell.

Needs a real display (an X server, e.g. ``Xvfb :14 -screen 0 1366x768x24 &`` and ``DISPLAY=:14``) and
Linux's /proc. Starts ``main.py`` (muted) on the launcher, or with the given arguments, waits for it
to settle (the greeting's caption fades), then reads the process's CPU time over ``--seconds``:

    DISPLAY=:14 python benchmarks/idle_cpu.py --seconds 20
    DISPLAY=:14 python benchmarks/idle_cpu.py --seconds 20 -- --size 1280x800
    DISPLAY=:14 python benchmarks/idle_cpu.py --root /tmp/old-checkout   # the same for another checkout
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=20.0, help="length of the quiet spell measured")
    p.add_argument("--settle", type=float, default=10.0, help="seconds to wait after start before measuring")
    p.add_argument("--root", default=str(ROOT), help="checkout to run (default: this one)")
    p.add_argument("game_args", nargs="*", help="arguments for main.py (after --)")
    args = p.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        print("idle_cpu: needs DISPLAY (e.g. Xvfb :14 -screen 0 1366x768x24 & export DISPLAY=:14)", file=sys.stderr)
        return 2
    env = dict(os.environ, SDL_AUDIODRIVER=os.environ.get("SDL_AUDIODRIVER", "dummy"))
    env.pop("SDL_VIDEODRIVER", None)
    game = subprocess.Popen([sys.executable, "main.py", "--mute", *args.game_args], cwd=args.root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(args.settle)
        if game.poll() is not None:
            print(f"idle_cpu: the game ended early (exit {game.returncode})", file=sys.stderr)
            return 1
        cpu0, t0 = cpu_seconds(game.pid), time.monotonic()
        time.sleep(args.seconds)
        cpu1, t1 = cpu_seconds(game.pid), time.monotonic()
    finally:
        if game.poll() is None:
            game.send_signal(signal.SIGTERM)
            try:
                game.wait(timeout=15)
            except subprocess.TimeoutExpired:
                game.kill()
                game.wait()
    share = 100 * (cpu1 - cpu0) / (t1 - t0)
    print(f"idle CPU: {share:.1f}% of one core over {t1 - t0:.1f} s "
          f"({cpu1 - cpu0:.2f} s CPU; root {args.root}; args {' '.join(args.game_args) or '(none)'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
