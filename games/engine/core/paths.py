"""Every path Letterplay uses, in one place.

Assets sit next to the code (``assets/`` beside ``games/``), both in a source checkout and in an
installed copy. Per-user files (settings, progress, the speech cache) go to the platform's config and
cache folders; ``LETTERPLAY_HOME`` overrides both (tests point it at a temporary folder).
"""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ROOT = Path(__file__).resolve().parents[3]
ASSETS = ROOT / "assets"
FONTS = ASSETS / "fonts"
LETTER_SETS = ASSETS / "letter_sets.json"


def user_config_dir() -> Path:
    """Folder for this user's settings (created on demand by the writer)."""
    home = os.environ.get("LETTERPLAY_HOME")
    if home:
        return Path(home) / "config"
    return Path(platformdirs.user_config_dir("letterplay", appauthor=False))


def user_cache_dir() -> Path:
    """Folder for caches that can be thrown away (synthesised speech)."""
    home = os.environ.get("LETTERPLAY_HOME")
    if home:
        return Path(home) / "cache"
    return Path(platformdirs.user_cache_dir("letterplay", appauthor=False))


def settings_file() -> Path:
    return user_config_dir() / "settings.json"


def user_data_dir() -> Path:
    """Folder for what Letterplay records for the user (children's progress); kept, never thrown away."""
    home = os.environ.get("LETTERPLAY_HOME")
    if home:
        return Path(home) / "data"
    return Path(platformdirs.user_data_dir("letterplay", appauthor=False))
