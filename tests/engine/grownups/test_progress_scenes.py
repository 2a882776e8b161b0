"""The avatar picker and the grown-ups' children pages, played by posting real events."""
from __future__ import annotations

import pygame
import pytest
from fakes import Driver

from games.engine.play.common_scenes import GameStart
from games.engine.grownups.dialogs import Confirm, TextEntry
from games.engine.play.who_is_playing import AvatarPicker
from games.engine.grownups.profiles_screen import ProfilesScreen
from games.engine.records.progress import Answer
from games.launcher import Launcher
from games.registry import find_game


@pytest.fixture
def school(make_app):
    app = make_app()
    store = app.progress.store
    k = store.add_class("Ducks")
    kids = {n: store.add_child(k.id, n, a, c) for n, a, c in (("Mia", "Cat", "blue"), ("Tom", "Owl", "red"),
                                                               ("Leo", "Fish", "green"))}
    app.push(Launcher(app))
    app.run_frames(2)
    return Driver(app), kids


def card_of(picker, name):
    return next(c for c in picker.cards if (c.child.name if c.child else "Just play") == name)


def said(app):
    return [line.caption for line in app.speaker.history]


def start_one_player_game(drv):
    game = find_game("missing_letter")
    drv.tap(drv.top.cards[game.id].rect.center)
    drv.frames(2)
    assert isinstance(drv.top, GameStart)
    drv.tap(drv.top.widgets[0].rect.center)   # the first level
    drv.frames(2)


def test_a_child_picks_their_avatar_hears_their_name_and_plays_as_themselves(school):
    drv, kids = school
    start_one_player_game(drv)
    picker = drv.top
    assert isinstance(picker, AvatarPicker)
    assert "Who are you? Tap your animal." in said(drv.app)
    assert all(c.rect.w >= 96 and c.rect.h >= 96 for c in picker.cards)
    assert not picker.go.enabled   # nothing picked yet
    drv.tap(card_of(picker, "Tom").rect.center)
    assert said(drv.app)[-1] == "Tom!"
    drv.tap(card_of(picker, "Mia").rect.center)
    assert said(drv.app)[-1] == "Mia!"
    drv.tap(picker.go.rect.center)
    drv.frames(2)
    assert not isinstance(drv.top, AvatarPicker) and drv.top.__class__.__name__ != "GameStart"
    assert drv.app.progress.child.id == kids["Mia"].id
    assert drv.app.progress.record(Answer("missing_letter", "1", "b", action="wrote", correct=True))
    assert [r["child_id"] for r in drv.app.progress.store.answers()] == [kids["Mia"].id]


def test_touching_your_own_animal_again_starts_and_the_last_child_is_ready(school):
    drv, kids = school
    start_one_player_game(drv)
    drv.tap(card_of(drv.top, "Leo").rect.center)
    drv.tap(card_of(drv.top, "Leo").rect.center)
    drv.frames(2)
    assert drv.app.progress.child.id == kids["Leo"].id
    drv.app.home()
    start_one_player_game(drv)
    assert drv.top.selected is card_of(drv.top, "Leo")   # the same child goes on with one tap
    drv.tap(drv.top.go.rect.center)
    assert drv.app.progress.child.id == kids["Leo"].id


def test_just_play_is_a_guest_who_records_nothing(school):
    drv, kids = school
    start_one_player_game(drv)
    drv.tap(card_of(drv.top, "Just play").rect.center)
    assert said(drv.app)[-1] == "Just play!"
    drv.tap(drv.top.go.rect.center)
    drv.frames(2)
    assert drv.app.progress.child is None
    assert not drv.app.progress.record(Answer("missing_letter", "1", "b", action="wrote", correct=True))


def test_back_from_the_picker_goes_back_to_the_game_start(school):
    drv, kids = school
    start_one_player_game(drv)
    drv.key(pygame.K_ESCAPE)
    assert isinstance(drv.top, GameStart)


def test_without_children_the_game_starts_straight_away(play):
    start_one_player_game(play)
    assert not isinstance(play.top, AvatarPicker) and not isinstance(play.top, GameStart)


def test_several_players_pick_their_own_avatars_in_one_step(school):
    """The animal picker is not asked first: each child taps their own avatar (tests/engine/play/
    test_who_is_playing.py plays it through)."""
    drv, kids = school
    game = find_game("basketball")
    drv.tap(drv.top.cards[game.id].rect.center)
    drv.tap(drv.top.widgets[0].rect.center)
    picker = drv.top
    assert isinstance(picker, AvatarPicker) and picker.most == 4
    drv.tap(card_of(picker, "Tom").rect.center)
    drv.tap(card_of(picker, "Just play").rect.center)
    drv.tap(picker.go.rect.center)
    players = drv.top.turns.players
    assert [p.name for p in players] == ["Tom", "Lion"]
    assert players[0].child.id == kids["Tom"].id and players[1].child is None
    assert not any("who are you" in line.lower() for line in said(drv.app))


# -- grown-ups --------------------------------------------------------------------------------------

def type_text(drv, text):
    for ch in text:
        drv.post(pygame.KEYDOWN, key=0, mod=0, unicode=ch, scancode=0)
    drv.frames(1)


def button(scene, label):
    return next(w for w in scene.widgets if getattr(w, "label", None) == label)


def test_the_settings_lead_to_the_children_pages(school):
    from games.engine.grownups.settings_screen import SettingsScreen
    drv, kids = school
    drv.app.push(SettingsScreen(drv.app))
    drv.frames(1)
    drv.tap(button(drv.top, "Children").rect.center)
    assert isinstance(drv.top, ProfilesScreen)


def test_grown_ups_add_rename_re_avatar_and_delete_a_child(school):
    drv, kids = school
    screen = ProfilesScreen(drv.app)
    drv.app.push(screen)
    drv.frames(1)
    drv.tap(button(screen, "+ Child").rect.center)
    assert isinstance(drv.top, TextEntry)
    type_text(drv, "Ava")
    drv.key(pygame.K_RETURN)
    assert drv.top is screen
    ava = next(c for c in drv.app.progress.store.children() if c.name == "Ava")
    assert (ava.animal, ava.color) not in {(k.animal, k.color) for k in kids.values()}
    assert screen.child.id == ava.id
    drv.tap(button(screen, "Rename").rect.center)
    for _ in range(3):
        drv.key(pygame.K_BACKSPACE)
    type_text(drv, "Ava Rose")
    drv.tap(button(drv.top, "OK").rect.center)
    assert drv.app.progress.store.child(ava.id).name == "Ava Rose"
    before = drv.app.progress.store.child(ava.id)
    drv.tap(button(screen, "Animal").rect.center)
    drv.tap(button(screen, "Colour").rect.center)
    after = drv.app.progress.store.child(ava.id)
    assert after.animal != before.animal and after.color != before.color
    drv.tap(button(screen, "+ Child").rect.center)
    type_text(drv, "tom")
    drv.key(pygame.K_RETURN)
    assert isinstance(drv.top, TextEntry) and "already in Ducks" in drv.top.error   # said, nothing lost
    drv.key(pygame.K_ESCAPE)
    card = next(c for c in screen.cards if c.child.name == "Mia")
    drv.tap(card.rect.center)
    drv.tap(button(screen, "Delete").rect.center)
    assert isinstance(drv.top, Confirm)
    drv.tap(button(drv.top, "Keep").rect.center)
    assert drv.app.progress.store.child(kids["Mia"].id) is not None
    drv.tap(button(screen, "Delete").rect.center)
    drv.tap(button(drv.top, "Delete").rect.center)
    assert drv.app.progress.store.child(kids["Mia"].id) is None
    assert "Mia was deleted" in screen.notice


def test_the_class_grid_opens_a_child_page(school):
    drv, kids = school
    app = drv.app
    app.progress.choose(kids["Tom"])
    for _ in range(3):
        app.progress.record(Answer("g", "1", "b", action="wrote", correct=True))
    screen = ProfilesScreen(app)
    app.push(screen)
    drv.tap(button(screen, "Class grid").rect.center)
    assert screen.page == "grid" and [k.name for k, _ in screen.grid_rows] == ["Leo", "Mia", "Tom"]
    row = next(w for w in screen.widgets if getattr(w, "child", None) is not None and w.child.name == "Tom")
    drv.tap(row.rect.center)
    assert screen.page == "child" and screen.child.id == kids["Tom"].id
    drv.frames(2)   # draws the page
    drv.key(pygame.K_ESCAPE)
    assert screen.page == "grid"


def test_options_and_a_new_class_from_the_grown_ups_page(school):
    drv, kids = school
    screen = ProfilesScreen(drv.app)
    drv.app.push(screen)
    assert drv.app.progress.adaptive
    drv.tap(button(screen, "Letters fit the child: on").rect.center)
    assert not drv.app.progress.adaptive
    drv.tap(button(screen, "+ Class").rect.center)
    type_text(drv, "Owls")
    drv.key(pygame.K_RETURN)
    assert drv.app.progress.active_class().name == "Owls"
    assert drv.app.progress.class_children() == []
    drv.app.home()
    start_one_player_game(drv)   # an empty class: no picker
    assert not isinstance(drv.top, AvatarPicker)


def test_monkey_on_the_picker_and_the_grown_ups_pages(school):
    import random
    drv, kids = school
    rng = random.Random(14)
    for make in (lambda a: AvatarPicker(a, lambda child: None), ProfilesScreen):
        drv.app.home()
        drv.app.push(make(drv.app))
        for _ in range(150):
            if len(drv.app.scenes) < 2:
                drv.app.push(make(drv.app))
            pos = (rng.randrange(0, 1280), rng.randrange(0, 800))
            roll = rng.random()
            if roll < 0.75:
                drv.tap(pos)
            else:
                drv.key(rng.choice([pygame.K_TAB, pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_LEFT, pygame.K_a]))
