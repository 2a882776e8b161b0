"""How long a game of letter hunt, the alphabet path and alphabet bingo lasts, for 1-4 players.

    python benchmarks/game_lengths.py [--games 300]

Plays ``--games`` seeded games per game, level and number of players with each game's pure rules
(letter hunt: ``games/letter_hunt/rules.py``, "pick for me" baskets and the deck; the path:
``games/alphabet_path/length.py``; bingo: ``games/bingo/length.py``, cards dealt and the caller), every
child answering right, and prints the calls (or turns), the answers and writings per child, and the
minutes. Minutes are an *estimate*: the scenes' own timings (flips, tumbles, pauses, celebrations)
plus what a child and the voice need, set out in ``HUNT`` below and in bingo's ``length`` (a call said
~3 s, a turn named ~1.5-2 s, a tap 2.5-3 s, a written letter 10 s). The whole alphabet is the teacher's set.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from games.alphabet_path.length import play_timed, seeded_game  # noqa: E402
from games.alphabet_path.rules import LEVEL_RULES  # noqa: E402
from games.bingo import GAME as BINGO_GAME  # noqa: E402
from games.bingo import length as bingo_length  # noqa: E402
from games.bingo.cards import card_shape  # noqa: E402
from games.engine.core.letters import ALPHABET, CaseMode, face  # noqa: E402
from games.engine.play.celebration import Celebration  # noqa: E402
from games.letter_hunt import GAME as HUNT_GAME  # noqa: E402
from games.letter_hunt.answers import AFTER_ANSWER  # noqa: E402
from games.letter_hunt.picking import FULL_PAUSE, TURNED_PAUSE, look_time  # noqa: E402
from games.letter_hunt.rules import Basket, Deck, basket_size, decoy_share, table_size  # noqa: E402
from games.letter_hunt.scene import CARD_AWAY, FLIP_TIME  # noqa: E402

CHEER = Celebration.DURATION
#: a child's and the voice's seconds (estimates): the call said, a turn named, answers, writing
HUNT = dict(pick_prompt=2.5, pick_for_me=2.0, call=3.0, ask=1.5, not_mine=2.5, drag=3.0, fly=1.3, write=10.0,
            start=2.2)


def hunt_game(players: int, count: int, write: bool, seed: int) -> tuple[int, list[int], list[int], float]:
    """One letter hunt: (calls, answers per child, writings per child, estimated seconds)."""
    rng = random.Random(seed)
    letters = list(ALPHABET)
    rng.shuffle(letters)
    size = basket_size(count, players, write)
    table = [face(c, CaseMode.UPPER, rng) for c in letters[:table_size(26, size, players)]]
    baskets = [Basket(size) for _ in range(players)]
    seconds = HUNT["start"]
    for b in baskets:
        b.fill_at_random(table, rng)
        seconds += HUNT["pick_prompt"] + HUNT["pick_for_me"] + FULL_PAUSE
        if write:
            seconds += look_time(size) + TURNED_PAUSE
    deck = Deck(table, rng, decoy_share(players, write))
    answers, writings = [0] * players, [0] * players
    while (card := deck.draw(baskets)) is not None:
        seconds += FLIP_TIME + HUNT["call"] + CARD_AWAY
        for i, b in enumerate(baskets):
            if b.empty:
                continue
            answers[i] += 1
            seconds += HUNT["ask"] if players > 1 else 0
            if b.give_back(card.base) is None:
                seconds += HUNT["not_mine"] + AFTER_ANSWER
                continue
            writings[i] += write
            seconds += (HUNT["write"] if write else HUNT["drag"]) + HUNT["fly"]
            if b.empty and any(not other.empty for other in baskets):
                seconds += CHEER
    return deck.calls, answers, writings, seconds


def bingo_game(players: int, options: dict, seed: int) -> tuple[int, float]:
    """One game of bingo: (calls, estimated seconds)."""
    write = bool(options.get("write"))
    return bingo_length.play_timed(*bingo_length.seeded_game(card_shape(options, players, write), players, seed), write)


def row(*cells) -> str:
    return " ".join(f"{c:>9}" if not isinstance(c, float) else f"{c:>9.1f}" for c in cells)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=300)
    n = ap.parse_args(argv).games
    print(f"{n} seeded games each, every child answering right; minutes are estimates (see the docstring)")
    print("\nLetter hunt (\"pick for me\"): table = letters to pick from, tiles = each basket")
    print(row("level", "players", "table", "tiles", "calls", "max", "ans/child", "max", "writes", "minutes", "max min"))
    for level in HUNT_GAME.levels:
        count, write = level.options["letters"], bool(level.options.get("write"))
        for players in (1, 2, 3, 4):
            games = [hunt_game(players, count, write, seed) for seed in range(n)]
            minutes = [g[3] / 60 for g in games]
            tiles = basket_size(count, players, write)
            print(row(level.stars, players, table_size(26, tiles, players), tiles,
                      statistics.mean(g[0] for g in games), max(g[0] for g in games),
                      statistics.mean(max(g[1]) for g in games), max(max(g[1]) for g in games),
                      max(max(g[2]) for g in games), statistics.mean(minutes), max(minutes)))
    print("\nAlphabet path (writing the letters): mat = letters on each mat")
    print(row("level", "players", "mat", "turns", "max", "minutes", "max min"))
    for level, rules in LEVEL_RULES.items():
        for players in (1, 2, 3, 4):
            games = [play_timed(seeded_game(rules, players, seed)) for seed in range(n)]
            minutes = [g[1] / 60 for g in games]
            print(row(level, players, rules.mat_for(players), statistics.mean(g[0] for g in games),
                      max(g[0] for g in games), statistics.mean(minutes), max(minutes)))
    print("\nAlphabet bingo: squares = letters on each card")
    print(row("level", "players", "squares", "calls", "max", "minutes", "max min"))
    for level in BINGO_GAME.levels:
        for players in (1, 2, 3, 4):
            games = [bingo_game(players, level.options, seed) for seed in range(n)]
            minutes = [g[1] / 60 for g in games]
            shape = card_shape(level.options, players, bool(level.options.get("write")))
            print(row(level.stars, players, shape.letters, statistics.mean(g[0] for g in games),
                      max(g[0] for g in games), statistics.mean(minutes), max(minutes)))


if __name__ == "__main__":
    main()
