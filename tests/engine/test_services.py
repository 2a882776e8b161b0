"""Scenes get their services from the app they are given, never from a module global set elsewhere.

Before, ``Progress()`` rewired every ``LetterSet.cards`` in the process (``letters.use_chooser``),
``Progress.choose`` rewired whose writing help ``help_file()`` meant, and each new ``App`` rewired every
button's click sound: the last one made won, whoever's scene it was.
"""
from __future__ import annotations

import random

import pygame
from fakes import FakeChecker, FakeProgress, FakeSounds, fake_app

from games.engine.core.input import DOWN, UP, Pointer
from games.engine.core.letters import CaseMode, LetterSet
from games.engine.core.scene import Scene
from games.engine.core.widgets import Button
from games.engine.records import writing_help
from games.engine.records.progress import Progress
from games.registry import find_game

ALPHABET = LetterSet("all", "All", "abcdefghijklmnopqrstuvwxyz")


class Spying(Progress):
    """A progress service that notes each time it is asked to order letters."""

    asked = 0

    def order(self, pool, mode, rng):
        Spying.asked += 1
        return super().order(pool, mode, rng)


def test_letters_are_fitted_only_by_the_chooser_the_game_hands_over(tmp_path):
    progress = Spying.open(tmp_path / "progress.db")
    k = progress.store.add_class("Owls")
    progress.choose(progress.store.add_child(k.id, "Mia", "Lion", "red"))
    ALPHABET.cards(CaseMode.LOWER, random.Random(1), 3)
    assert Spying.asked == 0, "a Progress somewhere in the process must not fit every letter set"
    ALPHABET.cards(CaseMode.LOWER, random.Random(1), 3, chooser=progress.order)
    assert Spying.asked == 1
    progress.close()


def test_a_chooser_puts_the_letters_in_its_order_and_none_means_plain_random():
    first = ALPHABET.cards(CaseMode.UPPER, random.Random(2), 4, chooser=lambda pool, mode, rng: sorted(pool)[::-1])
    assert [c.shown for c in first] == ["Z", "Y", "X", "W"]
    plain = ALPHABET.cards(CaseMode.UPPER, random.Random(2), 4, chooser=lambda pool, mode, rng: None)
    assert plain == ALPHABET.cards(CaseMode.UPPER, random.Random(2), 4)


def test_the_help_file_is_the_one_of_the_child_named(tmp_path):
    progress = Progress.open(tmp_path / "progress.db")
    k = progress.store.add_class("Owls")
    mia = progress.store.add_child(k.id, "Mia", "Lion", "red")
    progress.choose(mia)
    assert writing_help.help_file(None) != writing_help.help_file(mia.uid), "None is the guest, whoever plays"
    assert mia.uid in writing_help.help_file(mia.uid).name
    progress.close()


class Tapping(Scene):
    def __init__(self, app):
        super().__init__(app)
        self.pressed = 0
        self.widgets = [Button((100, 100, 200, 200), self.press)]

    def press(self):
        self.pressed += 1


def tap(scene, pos=(200, 200)):
    scene.handle(Pointer(DOWN, pos))
    scene.handle(Pointer(UP, pos))


def test_a_button_sounds_through_the_app_of_its_own_scene(make_app):
    first = make_app()
    first.sounds = FakeSounds()
    second = make_app()   # made later: before, every button in the process then sounded through this one
    second.sounds = FakeSounds()
    scene = Tapping(first)
    tap(scene)
    assert scene.pressed == 1 and first.sounds.played == ["pop"] and second.sounds.played == []
    scene.focus = scene.widgets[0]
    scene.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0))
    assert scene.pressed == 2 and first.sounds.played == ["pop", "pop"]


def test_a_button_made_outside_a_scene_is_silent_or_sounds_through_its_own_player():
    quiet = Button((0, 0, 50, 50), lambda: None)
    quiet.activate()   # no app, no sound, no error
    own = FakeSounds()
    loud = Button((0, 0, 50, 50), lambda: None, sound="click")
    loud.sounds = own
    Tapping(fake_app()).lend_sounds(loud)
    loud.activate()
    assert own.played == ["click"], "a widget's own player is kept"


def test_a_game_scene_runs_on_fake_services_without_a_window():
    """The services come in with ``app``: a test can give every one of them a fake, and open no window."""
    progress = FakeProgress(order=lambda pool: sorted(pool)[::-1])
    app = fake_app(progress=progress, checker=FakeChecker(True))
    game = find_game("missing_letter")
    scene = game.make_scene(app, game.levels[0])
    scene.enter()
    assert [c.base for c in scene.cards] == ["z", "y", "x"], "the letters come in the fake chooser's order"
    for _ in range(200):
        scene.update(1 / 30)
    assert scene.state == "write"
    target = scene.current_card.answer
    app.sounds.played.clear()
    scene.pad.strokes = [[(400, 400), (450, 500)]]
    tap(scene, scene.pad.done_button.rect.center)
    (answer, _), = progress.answers
    assert (answer.letter, answer.correct, answer.game) == (target, True, "missing_letter")
    assert app.sounds.played[:1] == ["pop"], "the pad's Done button sounds through the fake sounds"
    assert [type(s).__name__ for s in app.pushed] == ["Celebration"]


def test_trace_and_write_keeps_the_help_levels_of_the_child_its_app_says_is_playing():
    from types import SimpleNamespace
    progress = FakeProgress()
    progress.child = SimpleNamespace(uid="c0ffee", id=1, name="Mia")
    game = find_game("trace_write")
    scene = game.make_scene(fake_app(progress=progress), game.levels[0])
    assert scene.help_path == writing_help.help_file("c0ffee")
