"""How long a game of the alphabet path lasts, for 1-4 players: turns (measured by the rules) and
minutes (estimated).

    python benchmarks/path_game_length.py [--games 500]

Plays ``--games`` seeded games per level and number of players with the pure rules
(games/alphabet_path/rules.py: fair die, every landing on a mat letter covers it, each star covers one
more) and prints the mean and the most turns, and the letters on each mat. Minutes are an *estimate*
(games/alphabet_path/length.py): turns times the seconds a turn takes, from the game's own timings (die
tumble, pips counted, hops, the letter shown) plus what a child needs (about 1.5 s to tap the die, 1 s
a hop, 10 s to write a letter, 2 s to find a letter on the mat, 10 s to find one in the room). Writing
and tapping (the teacher's level-1 option) are shown side by side.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from games.alphabet_path.length import play_timed, seeded_game  # noqa: E402
from games.alphabet_path.rules import LEVEL_RULES  # noqa: E402


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=500)
    args = ap.parse_args(argv)
    print(f"{args.games} seeded games each; minutes are estimates (see the docstring)")
    print(f"{'level':>5} {'players':>7} {'mat':>3} {'mean turns':>10} {'max turns':>9} {'min (write)':>11} "
          f"{'max min (write)':>15} {'min (tap)':>9}")
    for level, rules in LEVEL_RULES.items():
        for players in (1, 2, 3, 4):
            turns, minutes, tapped = [], [], []
            for seed in range(args.games):
                n, seconds = play_timed(seeded_game(rules, players, seed), tap_to_cover=False)
                turns.append(n)
                minutes.append(seconds / 60)
                tapped.append(play_timed(seeded_game(rules, players, seed), tap_to_cover=True)[1] / 60)
            print(f"{level:>5} {players:>7} {rules.mat_for(players):>3} {statistics.mean(turns):>10.1f} "
                  f"{max(turns):>9} {statistics.mean(minutes):>11.1f} {max(minutes):>15.1f} "
                  f"{statistics.mean(tapped):>9.1f}")


if __name__ == "__main__":
    main()
