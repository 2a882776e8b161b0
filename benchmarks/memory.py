"""Memory (RSS) per game: each game played alone in a fresh process by the soak's player.

    python benchmarks/memory.py --minutes 2                     # headless only
    DISPLAY=:15 python benchmarks/memory.py --minutes 2 --window   # + real X11 window, GL and no GL

Each run is ``benchmarks/soak.py --games ID`` (real recognizer, real voice, SDL dummy audio).
Modes: ``headless`` (SDL dummy video), ``x11-gl`` (a real window, SDL_FRAMEBUFFER_ACCELERATION=1:
SDL's OpenGL texture framebuffer, SDL's own default) and ``x11-sw`` (a real window,
SDL_FRAMEBUFFER_ACCELERATION=0: X11's framebuffer, what ``letterplay`` now chooses).
``--tree PATH`` plays another checkout of the game (e.g. an older commit) with this soak script.
Prints a table of rss_mb_max / rss_mb_end per game and mode, then one JSON line.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODES = {
    "headless": {"SDL_VIDEODRIVER": "dummy"},
    "x11-gl": {"SDL_FRAMEBUFFER_ACCELERATION": "1"},
    "x11-sw": {"SDL_FRAMEBUFFER_ACCELERATION": "0"},
}


def game_ids(tree: Path) -> list[str]:
    out = subprocess.run([sys.executable, "-c", "from games.registry import load_games\n"
                          "print(' '.join(g.id for g in load_games()))"],
                         cwd=tree, capture_output=True, text=True, check=True,
                         env=dict(os.environ, PYTHONPATH=str(tree), PYGAME_HIDE_SUPPORT_PROMPT="1"))
    return out.stdout.strip().splitlines()[-1].split()


def run(tree: Path, game: str, mode: str, minutes: float, seed: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree), **MODES[mode])
    if mode == "headless":
        env.pop("SDL_FRAMEBUFFER_ACCELERATION", None)
    cmd = [sys.executable, str(HERE / "soak.py"), "--games", game, "--minutes", str(minutes), "--no-settings",
           "--visit-seconds", "60", "--seed", str(seed)] + ([] if mode == "headless" else ["--window"])
    proc = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
    lines = proc.stdout.strip().splitlines()
    try:
        result = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        result = {"errors": f"no result (exit {proc.returncode}): {proc.stderr[-300:]}"}
    result.update(game=game, mode=mode, exit=proc.returncode)
    return result


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--minutes", type=float, default=2.0, help="minutes of play per game and mode")
    p.add_argument("--window", action="store_true", help="also in a real X11 window (needs DISPLAY), GL and not")
    p.add_argument("--tree", default=str(HERE.parent), help="the checkout to play (default: this one)")
    p.add_argument("--jobs", type=int, default=1, help="runs at once (memory does not add up across them)")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    tree = Path(args.tree).resolve()
    modes = ["headless"] + (["x11-gl", "x11-sw"] if args.window else [])
    if args.window and not os.environ.get("DISPLAY"):
        print("memory: --window needs DISPLAY (e.g. Xvfb :15 & DISPLAY=:15)", file=sys.stderr)
        return 2
    runs = [(g, m) for g in game_ids(tree) for m in modes]
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda gm: run(tree, gm[0], gm[1], args.minutes, args.seed), runs))
    print(f"RSS in MB after {args.minutes:g} min of play per game ({tree}); max / end")
    print(f"{'game':16}" + "".join(f"{m:>18}" for m in modes))
    for game in dict.fromkeys(g for g, _ in runs):
        row = [r for r in results if r["game"] == game]
        cells = [f"{r.get('rss_mb_max', '?')} / {r.get('rss_mb_end', '?')}" for r in row]
        print(f"{game:16}" + "".join(f"{c:>18}" for c in cells))
    bad = [r for r in results if r.get("errors") or r.get("exit")]
    for r in bad:
        print(f"memory: {r['game']} {r['mode']}: errors {r.get('errors')} exit {r.get('exit')}", file=sys.stderr)
    print(json.dumps([{k: r.get(k) for k in ("game", "mode", "rss_mb_max", "rss_mb_end", "errors", "screens",
                                             "letters_written", "surface_cache")} for r in results]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
