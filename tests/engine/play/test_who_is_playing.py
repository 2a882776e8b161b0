"""Who is playing, in one step: in a game for several players with a class, each child taps their own
avatar, and that avatar is their token in the game (issue #23: a child picked an animal and was then
asked "Lion, who are you?"). One-player games keep their one picker; the sun is still "Just play"."""
from __future__ import annotations

import numpy as np
import pygame
import pytest
from fakes import Driver

from games.engine.play.common_scenes import GameStart
from games.engine.play.players import AVATARS, PlayerPicker, avatar
from games.engine.records.progress import Answer
from games.launcher import Launcher


@pytest.fixture
def school(make_app):
    app = make_app()
    store = app.progress.store
    k = store.add_class("Ducks")
    app.progress.set_active_class(k.id)
    kids = {n: store.add_child(k.id, n, a, c) for n, a, c in (("Mia", "Cat", "blue"), ("Tom", "Owl", "red"),
                                                               ("Leo", "Bear", "green"))}
    app.push(Launcher(app))
    app.run_frames(2)
    return Driver(app), kids


def said(app):
    return [line.caption for line in app.speaker.history]


def to_level(drv, game_id="basketball"):
    drv.tap(drv.top.cards[game_id].rect.center)
    assert isinstance(drv.top, GameStart)
    drv.tap(drv.top.widgets[0].rect.center)
    drv.frames(2)
    return drv.top


def card_of(picker, name):
    return next(c for c in picker.cards if (c.child.name if c.child else "Just play") == name)


def pixels(surface):
    return pygame.surfarray.array3d(surface).astype(int)


def test_several_children_each_tap_their_own_avatar_once(school):
    drv, kids = school
    picker = to_level(drv)
    assert not isinstance(picker, PlayerPicker), "no animal to pick first: the class's avatars come at once"
    assert hasattr(picker, "cards") and {c.child.name for c in picker.cards if c.child} == {"Mia", "Tom", "Leo"}
    drv.tap(card_of(picker, "Tom").rect.center)
    drv.tap(card_of(picker, "Mia").rect.center)
    drv.tap(picker.go.rect.center)
    drv.frames(2)
    game = drv.top
    assert type(game).__name__ == "Basketball", f"one step to the game, not {type(game).__name__}"
    assert not any("who are you" in line.lower() for line in said(drv.app))
    players = game.turns.players
    assert [p.child.id for p in players] == [kids["Tom"].id, kids["Mia"].id]    # in the order they tapped
    assert [p.name for p in players] == ["Tom", "Mia"]                           # the game calls them by name
    assert drv.app.progress.record(Answer("basketball", "1", "m", action="found", correct=True), player=players[0])
    assert [r["child_id"] for r in drv.app.progress.store.answers()] == [kids["Tom"].id]


def test_a_childs_token_in_the_game_is_their_own_avatar(school):
    drv, kids = school
    picker = to_level(drv)
    for name in ("Tom", "Leo"):
        drv.tap(card_of(picker, name).rect.center)
    drv.tap(picker.go.rect.center)
    tom, leo = (avatar(n, 84) for n in ("Tom", "Leo"))
    lion = avatar("Lion", 84)
    assert tom.get_size() == leo.get_size() == lion.get_size()
    assert np.abs(pixels(tom) - pixels(leo)).mean() > 5            # an owl and a bear, not one picture
    assert np.abs(pixels(tom) - pixels(lion)).mean() > 5           # and not a stand-in animal
    red = pixels(tom).reshape(-1, 3)
    assert ((red[:, 0] > 180) & (red[:, 1] < 110)).sum() > 100     # Tom's avatar is red, as he chose it


def test_tapping_your_avatar_again_leaves_and_the_sun_is_a_guest(school):
    drv, kids = school
    picker = to_level(drv)
    assert not picker.go.enabled
    drv.tap(card_of(picker, "Leo").rect.center)
    drv.tap(card_of(picker, "Leo").rect.center)        # Leo changed his mind
    assert not picker.go.enabled
    drv.tap(card_of(picker, "Just play").rect.center)
    drv.tap(card_of(picker, "Mia").rect.center)
    drv.tap(picker.go.rect.center)
    drv.frames(2)
    guest, mia = drv.top.turns.players
    assert guest.child is None and guest.name in dict(AVATARS)        # a guest plays as an animal
    assert mia.child.id == kids["Mia"].id
    assert not drv.app.progress.record(Answer("basketball", "1", "m", action="found", correct=True), player=guest)


def test_no_more_players_than_the_game_takes(school):
    drv, kids = school
    picker = to_level(drv, "candy_match")
    most = picker.most
    store = drv.app.progress.store
    klass = drv.app.progress.active_class()
    for i in range(most):
        store.add_child(klass.id, f"Kid{i}", "Fox", "teal" if i % 2 else "pink")
    drv.key(pygame.K_ESCAPE)                            # back to the levels, and in again: everyone is there
    drv.tap(drv.top.widgets[0].rect.center)
    picker = drv.top
    for card in [c for c in picker.cards if c.child][:most + 1]:
        drv.tap(card.rect.center)
    assert sum(c.selected for c in picker.cards) == most
    assert "green button" in said(drv.app)[-1].lower()


def test_without_children_in_the_class_the_animals_are_picked_as_before(play):
    picker = to_level(play)
    assert isinstance(picker, PlayerPicker)
    play.tap(picker.tokens[1].rect.center)
    play.tap(picker.play.rect.center)
    play.frames(2)
    assert [p.name for p in play.top.turns.players] == ["Lion", "Frog"]


def test_back_from_the_avatars_goes_to_the_level_screen(school):
    drv, _ = school
    to_level(drv)
    drv.key(pygame.K_ESCAPE)
    assert isinstance(drv.top, GameStart)
