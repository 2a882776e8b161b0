"""Choosing check()'s acceptance rule on EMNIST validation images and scribble images, for the
networks' own "not a letter" output (recognizer.training.train); the letter-or-not judge's operating
point is chosen by recognizer.training.train_letter_or_not."""

import numpy as np

from recognizer import LETTERS
from recognizer.model import letter_probabilities


def acceptance_rates(recognizer, everything, labels, scribbles, rng):
    """True-accept, false-accept (random other letter) and scribble-accept rates of `check`'s rule.

    Scribbles count as accepted if the rule accepts them as their own best guess,
    the worst case for a game.
    """
    true_accept = recognizer.accepts(everything, labels).mean()
    others = (labels + rng.integers(1, 26, len(labels))) % 26
    false_accept = recognizer.accepts(everything, others).mean()
    if len(scribbles):
        best = np.argmax(scribbles[:, :26], axis=1)
        scribble_accept = recognizer.accepts(scribbles, best).mean()
    else:
        scribble_accept = float("nan")
    return float(true_accept), float(false_accept), float(scribble_accept)


def choose_operating_point(recognizer, validation, scribbles, max_false=0.03, max_scribble=0.02, seed=0):
    """Pick min_probability / max_rank / max_not_a_letter on validation data.

    `validation` is a list of (probabilities, labels) sets (EMNIST images,
    synthetic traces); every set must keep false accepts <= max_false and the
    scribbles <= max_scribble; among those rules the one with the best worst
    true-accept wins. If no rule meets the scribble limit it is relaxed step by step.
    """
    results = []
    for max_rank in (1, 2, 3):
        for min_probability in (0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
            for max_not_a_letter in (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
                rule = {"min_probability": min_probability, "max_rank": max_rank,
                        "max_not_a_letter": max_not_a_letter}
                recognizer.operating_point = rule
                rates = [acceptance_rates(recognizer, everything, labels, scribbles, np.random.default_rng(seed))
                         for everything, labels in validation]
                results.append((rule, min(r[0] for r in rates), max(r[1] for r in rates), rates[0][2]))
    for scribble_limit in (max_scribble, 0.03, 0.05, 0.08, 0.12, 1.0):
        allowed = [r for r in results if r[2] <= max_false and r[3] <= scribble_limit]
        if allowed:
            best = max(allowed, key=lambda r: r[1])
            recognizer.operating_point = dict(best[0])
            return dict(best[0])
    raise RuntimeError("no acceptance rule keeps false accepts under the limit")


THRESHOLDS = np.round(np.geomspace(0.005, 0.9, 40), 4)


def choose_per_letter_rule(recognizer, validation, scribbles, max_false=0.03, max_scribble=0.02, seed=0):
    """Like `choose_operating_point`, but with a probability threshold for each target letter.

    Each letter gets the lowest threshold that keeps its own false accepts
    (other letters' drawings accepted as it) under 0.8 * max_false in every
    validation set. Ambiguous letters (i/l, g/q) thereby get lenient thresholds
    only as far as their look-alikes allow. Returns the best rule, or None if
    no rule meets the limits.
    """
    prepared = []
    for everything, labels in validation:
        letters = letter_probabilities(everything)
        prepared.append((letters, everything[:, 26], labels))
    best_rule, best_score = None, -1.0
    for max_not_a_letter in (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
        for max_rank in (2, 3):
            per_letter = {}
            for c, letter in enumerate(LETTERS):
                allowed = THRESHOLDS[-1]
                for threshold in THRESHOLDS:
                    worst_false = 0.0
                    for letters, junk, labels in prepared:
                        p = letters[:, c]
                        rank = 1 + np.sum(letters > p[:, None], axis=1)
                        accepted = (junk <= max_not_a_letter) & (rank <= max_rank) & (p >= threshold)
                        worst_false = max(worst_false, accepted[labels != c].mean())
                    if worst_false <= 0.8 * max_false:
                        allowed = threshold
                        break
                per_letter[letter] = float(allowed)
            # A common floor under all thresholds trades true accepts for fewer scribbles.
            for floor in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
                thresholds = {c: max(t, floor) for c, t in per_letter.items()}
                rule = {"min_probability": float(np.median(list(thresholds.values()))), "max_rank": max_rank,
                        "max_not_a_letter": max_not_a_letter, "per_letter_min": thresholds}
                recognizer.operating_point = rule
                rates = [acceptance_rates(recognizer, everything, labels, scribbles, np.random.default_rng(seed))
                         for everything, labels in validation]
                if max(r[1] for r in rates) > max_false or rates[0][2] > max_scribble:
                    continue
                score = min(r[0] for r in rates)
                if score > best_score:
                    best_rule, best_score = rule, score
    return best_rule
