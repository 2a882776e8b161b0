"""GameScene's declared states: widgets, prompt, waiting and time-outs read from one table, and what a
state says belongs to it (withdrawn, caption and all, when the state ends)."""
from __future__ import annotations

import pytest
from fakes import Driver

from games.engine.core.widgets import Button
from games.engine.play.game_scene import GameScene, State


class Toy(GameScene):
    """A tiny game: show a card (said), hide it, ask for it; a tap on the card answers."""

    states = {
        "show": State(shows=("card",), prompt=lambda g: f"Look at the card {g.letter}.", after=2.0, then="cover"),
        "cover": State(enter=lambda g: g.log.append("cover"), after=0.5, then=lambda g: g.covered(), keeps_voice=True),
        "hidden": State(after=0.5, then="ask"),
        "ask": State(shows=("card", "other"), prompt="praise", waits=True),
        "done": State(enter=lambda g: g.log.append("done")),
    }

    def __init__(self, app):
        super().__init__(app, (200, 500))
        self.letter = "Q"
        self.log = []
        self.card = Button((300, 300, 100, 100), lambda: self.set_state("done"))
        self.other = [Button((500, 300, 100, 100), lambda: None)]

    def enter(self):
        self.set_state("show")

    def covered(self):
        self.log.append("covered")
        return "hidden"

    def draw(self, surface):
        pass


@pytest.fixture
def toy(make_app):
    app = make_app()
    game = Toy(app)
    app.push(game)
    return Driver(app), game


def test_a_state_shows_its_widgets_says_its_prompt_and_moves_on_when_its_time_is_up(toy):
    d, game = toy
    assert game.state == "show" and game.widgets == [game.home_button, game.say_again, game.card]
    assert game.prompt.lines == ["Look at the card Q."] and not game.prompt.waiting
    d.frames(1)
    assert d.app.speaker.caption == "Look at the card Q."
    d.seconds(1.9)
    assert game.state == "show"
    d.seconds(0.2)
    assert game.state == "cover" and game.log == ["cover"] and game.widgets == [game.home_button, game.say_again]
    d.seconds(0.5)
    assert game.state == "hidden" and game.log == ["cover", "covered"]   # a function's answer names the next state
    d.seconds(0.5)
    assert game.state == "ask" and game.widgets[2:] == [game.card] + game.other
    assert game.prompt.waiting and game.prompt.lines[0] in d.app.phrases._variants["praise"]   # a phrase key


def test_a_state_left_early_forgets_its_time_out(toy):
    d, game = toy
    d.seconds(3.2)
    assert game.state == "ask"
    d.tap(game.card.rect.center)
    assert game.state == "done"
    d.seconds(3)
    assert game.state == "done" and game.log.count("done") == 1


def test_what_a_state_said_goes_with_it_caption_and_all_but_other_lines_stay(toy):
    d, game = toy
    d.frames(1)
    speaker, bar = d.app.speaker, d.app.caption
    assert bar.on_screen == "Look at the card Q."
    game.set_state("cover")                      # keeps the voice: the line carries on
    d.frames(1)
    assert speaker.caption == "Look at the card Q." and bar.on_screen == "Look at the card Q."
    game.set_state("hidden")                     # a new state: the card's line goes at once, no fading
    assert speaker.caption is None and not speaker.busy
    d.frames(1)
    assert bar.on_screen is None
    game.set_state("ask")
    d.frames(1)
    assert speaker.caption == game.prompt.lines[0]
    speaker.say("Well done, everyone!")          # a line no state owns, queued after the prompt
    game.set_state("done")
    d.frames(1)
    assert speaker.caption == bar.on_screen == "Well done, everyone!"


def test_quiet_keeps_the_prompt_for_the_button_without_saying_it(toy):
    d, game = toy
    d.app.speaker.stop()
    game.set_state("ask", quiet=True)
    assert game.prompt.lines and d.app.speaker.caption is None and not d.app.speaker.busy
    d.tap(game.say_again.rect.center)
    assert d.app.speaker.caption == game.prompt.lines[0]


def test_the_say_again_button_belongs_to_the_state_it_is_pressed_in(toy):
    d, game = toy
    d.seconds(3.2)
    assert game.state == "ask"
    d.app.speaker.stop()
    d.tap(game.say_again.rect.center)
    assert d.app.speaker.caption == game.prompt.lines[0]
    d.tap(game.card.rect.center)                 # the state ends: the line said again goes too
    assert d.app.speaker.caption is None


def test_an_unknown_state_is_named_in_the_error(toy):
    _, game = toy
    with pytest.raises(KeyError, match="Toy declares no state 'hiddden'; its states: show, cover, hidden, ask, done"):
        game.set_state("hiddden")


def test_leaving_the_game_withdraws_what_its_state_said(toy):
    d, game = toy
    d.frames(1)
    assert d.app.speaker.caption == "Look at the card Q."
    d.app.pop()
    assert d.app.speaker.caption is None


def test_a_game_waiting_for_the_child_with_nothing_moving_keeps_still_after_a_moment(toy):
    """Full frame rate while a state runs its course or something is on the move; a few frames a second
    once the game has waited quietly for STILL_AFTER (23-28% of a core before, on a writing pad left alone)."""
    d, game = toy
    assert game.animating                               # "show": on its way to "cover"
    d.seconds(3.1)
    assert game.state == "ask" and game.animating       # just asked
    d.seconds(GameScene.STILL_AFTER + 0.1)
    assert not game.animating                           # waited quietly: still
    game.timeline.after(1.0, lambda: None)
    assert game.animating                               # something of its own on the move
    d.seconds(1.1)
    assert not game.animating
    d.tap(game.card.rect.center)
    assert game.state == "done" and game.animating      # a state that does not wait
