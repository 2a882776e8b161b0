"""Which avatar a child has: one of eight animals in one of eight colours (never a photo).

Only the names live here (they are what the store keeps); ``play/avatars.py`` draws them.
"""
from __future__ import annotations

ANIMALS = ("Lion", "Frog", "Fish", "Bird", "Cat", "Bear", "Rabbit", "Owl")
COLOR_NAMES = ("red", "orange", "yellow", "green", "teal", "blue", "purple", "pink")


def next_avatar(used) -> tuple[str, str]:
    """The first (animal, colour) no one in ``used`` has; neighbours differ in animal and colour."""
    used = set(used)
    for i in range(len(ANIMALS) * len(COLOR_NAMES)):
        pick = (ANIMALS[i % len(ANIMALS)], COLOR_NAMES[(i + i // len(ANIMALS)) % len(COLOR_NAMES)])
        if pick not in used:
            return pick
    return ANIMALS[0], COLOR_NAMES[0]
