"""The home button in a game asks "Stop playing?" first; a child's stray tap never ends the game.

Issue #23: the in-game home button left at once. Now it asks, as the launcher's door does: aloud and
with two big pictures (the house stops, the green button keeps playing). Esc stays one step back.
"""
from __future__ import annotations

import pygame

from games.engine.play.common_scenes import GameStart


def asking(d):
    """The "Stop playing?" question, when it is on top (None otherwise)."""
    top = d.top
    return top if top.overlay and hasattr(top, "stop_button") and hasattr(top, "keep_button") else None


def open_game(d, game_id="missing_letter"):
    d.tap(d.top.cards[game_id].rect.center)
    d.tap(d.top.widgets[0].rect.center)           # the first level (a one-player game: no picker)
    game = d.top
    d.seconds(0.5)
    assert d.top is game
    return game


def test_the_home_button_asks_before_the_game_ends(play):
    game = open_game(play)
    play.tap(game.home_button.rect.center)
    question = asking(play)
    assert question is not None and game in play.app.scenes
    assert "stop" in play.app.speaker.caption.lower()          # asked aloud and in the caption
    for button in (question.stop_button, question.keep_button):
        assert min(button.rect.size) >= 200                     # two big pictures
    play.tap(question.keep_button.rect.center)
    assert play.top is game
    play.tap(game.home_button.rect.center)
    play.tap(play.top.stop_button.rect.center)
    assert isinstance(play.top, GameStart) and game not in play.app.scenes


def test_a_stream_of_stray_taps_on_the_home_button_never_ends_the_game(play):
    game = open_game(play)
    spot = game.home_button.rect.center
    for _ in range(20):                                         # a tap every 0.3 s for 6 s
        play.post(pygame.MOUSEBUTTONDOWN, pos=spot, button=1, touch=False)
        play.frames(3)
        play.post(pygame.MOUSEBUTTONUP, pos=spot, button=1, touch=False)
        play.seconds(0.2)
        assert game in play.app.scenes
        assert not isinstance(play.top, GameStart)
    play.seconds(1)
    if asking(play):
        play.tap((30, 780))                                     # a tap beside the question keeps playing
    assert play.top is game


def test_the_game_waits_while_the_question_is_asked(play):
    game = open_game(play)
    play.tap(game.home_button.rect.center)
    t = game.t
    play.seconds(2)
    assert game.t == t                                          # nothing moves on under the question
    play.key(pygame.K_ESCAPE)                                   # Esc on the question: keep playing
    assert play.top is game


def test_esc_in_a_game_still_goes_one_step_back(play):
    game = open_game(play)
    play.key(pygame.K_ESCAPE)
    assert isinstance(play.top, GameStart) and game not in play.app.scenes
