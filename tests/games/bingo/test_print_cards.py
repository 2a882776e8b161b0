"""Bingo cards on paper: every page keeps 10 mm of white all round, the cards sit in the middle of the
page, and the light scheme saves ink. Measured on the page pictures themselves (150 dpi A4).

Issue #23: the bottom card ended 0.7 mm from the A4 edge (top margin 11.9 mm): a printer cuts that off.
"""
from __future__ import annotations

import random

import numpy as np
import pygame
import pytest

from games.bingo import print_cards
from games.engine.core.settings import Settings

MM = 150 / 25.4                      # pixels a millimetre at 150 dpi
LEAST_MARGIN = 10 * MM


@pytest.fixture(autouse=True)
def fonts():
    pygame.font.init()
    yield
    pygame.quit()


def ink(page: pygame.Surface) -> np.ndarray:
    """Where the page is not white (a pixel darker than 250 in any channel)."""
    rgb = pygame.surfarray.pixels3d(page)
    return (rgb < 250).any(axis=2)          # indexed [x, y]


def margins(page: pygame.Surface) -> tuple[float, float, float, float]:
    """White left, top, right and bottom of a page, in millimetres."""
    marked = ink(page)
    xs, ys = np.nonzero(marked.any(axis=1))[0], np.nonzero(marked.any(axis=0))[0]
    w, h = page.get_size()
    return xs[0] / MM, ys[0] / MM, (w - 1 - xs[-1]) / MM, (h - 1 - ys[-1]) / MM


def pages(players, size=3, light=False, letters=None, seed=1):
    settings = Settings()
    if letters:
        assert settings.use_letters(letters)
    return print_cards.make_pages(settings, players, size, random.Random(seed), light=light)


@pytest.mark.parametrize("light", [False, True], ids=["colour", "light"])
@pytest.mark.parametrize("size", [3, 4])
def test_every_page_keeps_ten_millimetres_all_round(size, light):
    for page in pages(3, size, light):          # two cards, one card, and the letters to call
        assert page.get_size() == print_cards.PAGE
        left, top, right, bottom = margins(page)
        assert min(left, top, right, bottom) >= 10, (left, top, right, bottom)


@pytest.mark.parametrize("light", [False, True], ids=["colour", "light"])
@pytest.mark.parametrize("size", [3, 4])
def test_two_cards_sit_in_the_middle_of_the_page(size, light):
    left, top, right, bottom = margins(pages(2, size, light)[0])
    assert abs(top - bottom) <= 1 and abs(left - right) <= 1, (left, top, right, bottom)
    assert top <= 20, "the cards use the page: no more white than needed"


def test_a_long_letter_list_to_call_stays_inside_the_margins():
    sheet = pages(12, 4, letters="alphabet")[-1]
    assert min(margins(sheet)) >= 10


def test_the_light_scheme_saves_ink_and_keeps_every_letter():
    colour, light = pages(2), pages(2, light=True)
    for a, b in zip(colour, light):
        share_a, share_b = ink(a).mean(), ink(b).mean()
        assert share_b < share_a * 0.5, (share_a, share_b)
    # each square of a light card still shows its letter, dark on white
    from games.bingo import art
    card_rect = print_cards.card_slots(3)[0]
    page = light[0]
    rgb = pygame.surfarray.array3d(page)
    for i, sq in enumerate(art.square_rects(card_rect, 3)):
        if i == 4:
            continue                                # the free star
        middle = rgb[sq.centerx - 12:sq.centerx + 12, sq.y + 10:sq.bottom - 10]
        assert (middle.sum(axis=2) < 300).any(), f"square {i} shows no letter"


def test_print_bingo_light_from_the_command_line(tmp_path, capsys):
    out = tmp_path / "cards.png"
    assert print_cards.main(["--players", "2", "--out", str(out), "--light", "--seed", "4"]) == 0
    first = pygame.image.load(str(tmp_path / "cards-1.png"))
    assert ink(first).mean() < 0.2
    assert "saved" in capsys.readouterr().out
