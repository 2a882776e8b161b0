"""Memory stays bounded in long play: caches are bounded by what they hold, not by how many."""
from __future__ import annotations

import pygame
import pytest

from games.engine import draw as d


@pytest.fixture
def fonts(monkeypatch):
    """A fresh font cache with the game's budget, so other tests' fonts do not count."""
    pygame.font.init()
    cache = d.FontCache()
    monkeypatch.setattr(d, "FONTS", cache)
    return cache


def test_big_fonts_are_closed_when_their_glyphs_would_pass_the_budget(fonts):
    first = d.font(300, True)
    first.render("Hello", True, d.INK)
    for size in range(240, 300):   # 60 big sizes: ~100 MB of glyphs if every one stayed open
        d.font(size, True).render("abc", True, d.INK)
        assert fonts.bytes <= fonts.budget
    assert d.font(300, True) is not first          # the oldest big one was closed, and opens again
    assert len(fonts) < 20


def test_a_font_in_use_stays_open_and_small_ones_are_cheap(fonts):
    title = d.font(40)
    for size in range(12, 60, 2):
        d.font(size, bold=True)
        assert d.font(40) is title                  # used every frame: never closed
    assert len(fonts) == 25                         # 24 small bold sizes and the title all fit
    assert d.font(40).size("a")[0] > 0


def test_reset_caches_closes_every_font(fonts):
    f = d.font(30)
    d.reset_caches()
    assert len(fonts) == 0 and d.font(30) is not f
