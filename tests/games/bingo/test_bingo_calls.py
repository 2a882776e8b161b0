"""Alphabet bingo, issue 23: the end screen of a 4x4 card, picture-word calls that never give the
letter away, one player's lines, and the animals beside the small cards (real events, from the launcher)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pygame
from fakes import Driver

from games import bingo
from games.bingo.scene import Bingo, Square
from games.engine.core.settings import Settings
from games.engine.play.celebration import Celebration
from games.engine.play.common_scenes import Scoreboard

STEP = 1 / 15
PHRASES = json.loads((Path(bingo.__file__).with_name("phrases.json")).read_text(encoding="utf-8"))


def is_line(text: str, key: str, **values) -> bool:
    return any(text.startswith(v.format(**values)) for v in PHRASES[key])


def open_game(d: Driver, level_index=0, players=1) -> Bingo:
    game = d.open_game("bingo", level_index, players)
    assert isinstance(game, Bingo)
    return game


def target_square(game) -> Square:
    return next(s for s in game.squares if s.index == game.target_index())


def play_to_the_end(d, game):
    """Every turn the right square, at once, until the end screen."""
    def ready():
        if isinstance(d.top, Celebration):
            d.top.close()
        return isinstance(d.top, Scoreboard) or (d.top is game and game.state == "find")
    while True:
        d.until(ready, 30, "a turn", step=STEP)
        if isinstance(d.top, Scoreboard):
            return
        d.tap(target_square(game).rect.center)


def test_one_players_16_letters_fit_on_the_end_screen(start):
    """A 4x4 card's 16 letters in one row ran off both edges of the screen: now they lie in rows,
    and the screen's sides, left and right of the letters, stay plain sky."""
    d = start(seed=2)
    game = open_game(d, level_index=1)
    play_to_the_end(d, game)
    board = d.top
    assert isinstance(board, Scoreboard) and len(board.letters) == 16
    shown = pygame.Surface((1280, 800))
    board.draw(shown)
    plain = pygame.Surface((1280, 800))
    Scoreboard(d.app, board.stars, [], board.players, replay=lambda: None, picture=lambda *a: None).draw(plain)
    band = pygame.Rect(0, 300, 1280, 240)   # between the stars and the buttons
    for x in list(range(0, 60)) + list(range(1220, 1280)):
        for y in range(band.top, band.bottom, 4):
            assert shown.get_at((x, y)) == plain.get_at((x, y)), f"a letter reaches the edge at {(x, y)}"
    drawn = pygame.surfarray.array3d(shown).astype(int) - pygame.surfarray.array3d(plain).astype(int)
    assert np.abs(drawn[:, band.top:band.bottom]).sum() > 0, "the letters are drawn"


def test_a_picture_word_call_never_shows_its_letter_before_it_is_answered(start, monkeypatch):
    """Issue 23: in picture-word mode the ball showed the letter while the voice still asked "Which
    letter does duck start with?", and the labelled cage showed which ball had left. Now, from the
    moment it rolls out until its letter is named (help, or "Nobody has the letter Q"), the ball shows
    the picture and its ball stays in the cage."""
    import games.bingo.scene as scene_module
    from games.bingo import art as bingo_art
    d = start(settings=Settings(call_letters_by="picture"), seed=5)
    balls, cage = [], []
    real_ball, real_cage = scene_module.draw_called_ball, bingo_art.draw_cage

    def ball(surface, face, roll_k, cue=None):
        balls.append((face, cue is not None))
        real_ball(surface, face, roll_k, cue)

    def spy_cage(surface, t, spin, tumbling):
        cage.append({b[0] for b in tumbling})
        real_cage(surface, t, spin, tumbling)
    monkeypatch.setattr(scene_module, "draw_called_ball", ball)
    monkeypatch.setattr(bingo_art, "draw_cage", spy_cage)
    game = open_game(d, level_index=0, players=2)
    in_cage = {f.call for f in game.caller.faces.values()} & {b[0] for b in game.tumbling}
    answered, waited, frames = set(), 0, 0
    while not isinstance(d.top, Scoreboard) and frames < 20000:
        if isinstance(d.top, Celebration):
            d.top.close()
        balls.clear()
        cage.clear()
        d.app.run_frames(1, dt=STEP)
        frames += 1
        call = game.call
        if call is None:
            continue
        caption = d.app.speaker.caption or ""   # the line being said now
        if f"letter {call.square}" in caption or f"letter {call.call}" in caption:
            answered.add(call.base)
        for face, cue in balls:
            assert cue or face.base in answered or face is not call, f"the ball shows {face.call} before it is named"
        if call.base not in answered and call.call in in_cage and cage:
            assert call.call in cage[-1], f"the cage gives {call.call} away"
        if d.top is game and game.state == "find":
            waited += 1
            if waited > 20:   # a moment to look, then the right square (help names it after 6 s)
                d.tap(target_square(game).rect.center)
                answered.add(call.base)
                waited = 0
    assert isinstance(d.top, Scoreboard)


def test_one_player_is_never_asked_who_has_the_letter(start):
    """Issue 23: "Who has the letter A?" was said with one player; now "Do you have...?" / "Find...!",
    and a letter on no card is "not on your card", not "Nobody has"."""
    d = start(seed=3)
    spoken = []
    say = d.app.speaker.say
    d.app.speaker.say = lambda text, **kw: spoken.append(text) or say(text, **kw)
    game = open_game(d, level_index=1)
    play_to_the_end(d, game)
    calls = [line for line in spoken if "letter" in line and line.split("!")[0].startswith(("The letter", "Letter"))]
    assert len(calls) >= 16
    assert not [line for line in spoken if "who has" in line.lower() or "nobody" in line.lower()], spoken
    assert any(is_line(line, "call_one", letter=f.call) for line in spoken for f in game.caller.called)


def test_each_small_card_has_its_animal_beside_it_with_room_between(start):
    """Issue 23: on the small cards the animal touched the first squares. It now sits beside each
    card, ``NAME_GAP`` px away, clear of the big card, the other small cards and the caption bar."""
    from games.bingo.card_view import NAME_GAP
    d = start(seed=1)
    game = open_game(d, level_index=1, players=4)
    table = game.on_table
    caption_bar = pygame.Rect(160, 706, 960, 94)
    for i in range(4):
        disc, card = table.mini_name_disc(i), table.mini_rect(i)
        assert pygame.Rect(0, 0, 1280, 800).contains(disc)
        assert not disc.colliderect(card.inflate(2 * NAME_GAP - 2, 2 * NAME_GAP - 2))
        assert not disc.colliderect(table.big_rect.inflate(20, 20)) and not disc.colliderect(caption_bar)
        assert disc.collidelist([table.mini_rect(j) for j in range(4)]) == -1
        assert disc.w >= 40, "big enough to see which animal it is"


def test_the_called_ball_is_seen_rolling_from_the_cage_down_to_the_tray(start, monkeypatch):
    """The ball was hidden the whole time it rolled (the cage's spin and the roll were one state that
    drew no called ball): it appeared in the tray at the end. Now, once the cage has spun, the scene
    draws it on its way, higher up than where it comes to rest in the tray."""
    from games.bingo import calling, scene
    drawn = []

    def draw_called_ball(surface, face, roll_k, cue=None):
        drawn.append(roll_k)
        calling.draw_called_ball(surface, face, roll_k, cue)
    monkeypatch.setattr(scene, "draw_called_ball", draw_called_ball)
    d = start()
    game = open_game(d)
    d.until(lambda: game.state == "spin", 10, "the cage to spin", step=STEP)
    surface = pygame.Surface((1280, 800))
    game.draw(surface)
    assert drawn == [], "while the cage spins the ball is still inside it"
    while game.state in ("spin", "roll"):
        d.seconds(1 / 30)
        game.draw(surface)
    assert any(0.1 < k < 0.9 for k in drawn), drawn
    assert game.state == "find" and drawn[-1] == 1.0
