"""How long a game of the alphabet path lasts: turns (measured by the rules) and minutes (estimated).

    python benchmarks/path_game_length.py [--games 500]

Plays ``--games`` seeded games per level and number of players with the pure rules
(games/alphabet_path/rules.py: fair die, every landing on a mat letter covers it, each lap's star
covers one more) and prints the mean and the most turns. Minutes are an *estimate*: turns times the
seconds a turn takes, from the game's own timings (die tumble, pips counted, hops, the letter shown)
plus what a child needs (about 1.5 s to tap the die, 1 s a hop, 10 s to write a letter, 2 s to find
a letter on the mat). Writing and tapping (the teacher's level-1 option) are shown side by side.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from games.alphabet_path.rules import LEVEL_RULES, PathGame  # noqa: E402
from games.engine.core.letters import ALPHABET, CaseMode, face  # noqa: E402

# the scene's own timings (games/alphabet_path/scene.py, die.py, hopping.py) and a child's
TAP_DIE, TUMBLE, PIP, HOP_TAP, HOP, LAND = 1.5, 1.0, 0.62, 1.0, 0.28, 0.7
SAY_TASK, WRITE, TAP_MAT, CELEBRATE, CHIP, SHOW, PICK = 2.5, 10.0, 2.0, 2.8, 0.8, 2.4, 2.5


def play(game: PathGame, tap_to_cover: bool) -> tuple[int, float]:
    """Plays one game to the end: (turns, estimated seconds)."""
    cover = SAY_TASK + (TAP_MAT if tap_to_cover else WRITE) + CELEBRATE + CHIP
    seconds = 0.0
    while not game.finished:
        rolled = game.roll()
        seconds += TAP_DIE + TUMBLE + PIP * rolled + rolled * (HOP_TAP + HOP) + LAND
        while game.hops_left:
            game.hop()
        landing = game.landing()
        if landing.spot is not None:
            game.cover(landing.spot)
            seconds += cover
        else:
            seconds += SHOW
        if landing.lap and game.gift_choices():
            game.cover(game.gift_choices()[0])
            seconds += PICK + cover
        game.next_turn()
    return game.turns_taken, seconds


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=500)
    args = ap.parse_args(argv)
    print(f"{args.games} seeded games each; minutes are estimates (see the docstring)")
    print(f"{'level':>5} {'players':>7} {'mean turns':>10} {'max turns':>9} {'min (write)':>11} "
          f"{'max min (write)':>15} {'min (tap)':>9}")
    for level, rules in LEVEL_RULES.items():
        for players in (1, 2, 3, 4):
            turns, minutes, tapped = [], [], []
            for seed in range(args.games):
                for tap, out in ((False, minutes), (True, tapped)):
                    rng = random.Random(seed)
                    letters = list(ALPHABET)
                    rng.shuffle(letters)
                    pool = [face(c, CaseMode.UPPER, rng) for c in letters[:rules.pool_size(players)]]
                    n, seconds = play(PathGame(rules, pool, players, rng), tap)
                    out.append(seconds / 60)
                    if not tap:
                        turns.append(n)
            print(f"{level:>5} {players:>7} {statistics.mean(turns):>10.1f} {max(turns):>9} "
                  f"{statistics.mean(minutes):>11.1f} {max(minutes):>15.1f} {statistics.mean(tapped):>9.1f}")


if __name__ == "__main__":
    main()
