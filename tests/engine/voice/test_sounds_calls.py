"""Picture words, and games calling letters by name, sound or picture word (the teacher's choice)."""
from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pygame
import pytest
from fakes import Driver, FakeChecker

from games.engine.voice import letter_call
from games.engine.voice.letter_call import PictureWord, call_for, picture_of, picture_words
from games.engine.core.letters import LetterCard
from games.engine.play.players import default_players
from games.engine.core.settings import Settings
from games.registry import find_game

ROOT = Path(__file__).resolve().parents[3]
# words whose first sound is not their letter's common sound: what the picture words must never be
NOT_THE_COMMON_SOUND = {"knife", "knee", "owl", "orange", "giraffe", "gem", "city", "circle", "unicorn", "eight",
                        "ice", "one", "ear", "island", "xylophone", "wrist", "gnome", "phone", "shoe", "cheese",
                        "thumb", "uniform", "eye"}


# -- picture words ---------------------------------------------------------------------------------------

def test_every_letter_has_at_least_two_picture_words_starting_with_its_sound():
    words = picture_words()
    assert set(words) == set(string.ascii_lowercase)
    for letter, entries in words.items():
        assert len(entries) >= 2, letter
        for w in entries:
            assert w.word not in NOT_THE_COMMON_SOUND
            if w.end:
                assert w.word.endswith(letter) and letter == "x"
            else:
                assert w.word.startswith(letter), w.word
                assert w.word[:2] not in ("ch", "sh", "th", "ph", "kn", "wr", "gn"), w.word   # one letter, one sound


def test_every_picture_is_a_square_png_with_a_transparent_background():
    for entries in picture_words().values():
        for w in entries:
            image = pygame.image.load(str(w.picture))
            assert image.get_size() == (160, 160), w.picture
            assert image.get_at((0, 0)).a == 0                       # transparent corner: no box around it
            opaque = pygame.mask.from_surface(image).count()
            assert 0.15 * 160 * 160 < opaque, w.picture               # a real picture, not an empty file


def test_the_pictures_carry_their_licence_and_attribution():
    text = (ROOT / "assets/pictures/ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "Twemoji" in text and "CC BY 4.0" in text and "creativecommons.org/licenses/by/4.0" in text
    data = json.loads((ROOT / "assets/pictures/words.json").read_text(encoding="utf-8"))
    assert "CC BY 4.0" in data["about"]


def test_a_missing_picture_is_drawn_as_its_word_on_a_card(make_app):
    make_app()   # pygame and its fonts ready, as in the game
    word = PictureWord("moon", "m", ROOT / "assets/pictures/no_such_picture.png")
    card = picture_of(word, 160)
    assert card.get_size() == (160, 160)
    assert card.get_at((80, 80)).a == 255 and card.get_at((1, 1)).a == 0    # a rounded card
    ink = pygame.mask.from_threshold(card, (40, 40, 60, 255), (60, 60, 60, 255)).count()
    assert ink > 200                                                       # with the word written on it


def test_unreadable_words_file_means_calls_by_sound(make_app, monkeypatch, tmp_path):
    bad = tmp_path / "words.json"
    bad.write_text("{nope", encoding="utf-8")
    monkeypatch.setattr(letter_call, "WORDS_FILE", bad)
    letter_call.picture_words.cache_clear()
    try:
        app = make_app(settings=Settings(call_letters_by="picture"))
        call = call_for(app, LetterCard("m", "m", "m"))
        assert call.way == "sound" and "/m/" in call.line and call.word is None
    finally:
        letter_call.picture_words.cache_clear()


# -- the one helper --------------------------------------------------------------------------------------

def test_call_for_follows_the_teachers_choice(make_app):
    card = LetterCard("m", "M", "M")
    app = make_app(settings=Settings(call_letters_by="name"))
    assert call_for(app, card, "Find the letter M!").line == "Find the letter M!"
    assert call_for(app, card).line == "Find the letter M!" and call_for(app, card).shows_letter
    app.settings.call_letters_by = "sound"
    call = call_for(app, card)
    assert "/m/" in call.line and not re.search(r"\bletter M\b", call.line) and not call.shows_letter
    assert "/m/" in call_for(app, card, clue=True).line
    app.settings.call_letters_by = "picture"
    words = []
    for _ in range(6):
        call = call_for(app, card)
        assert call.word.letter == "m" and call.word.word in call.line and "/m/" in call.line
        words.append(call.word.word)
    assert all(a != b for a, b in zip(words, words[1:]))               # never the same picture twice in a row
    x = call_for(app, LetterCard("x", "x", "x"))
    assert x.word.end and "end" in x.line                              # box, fox: x is heard at the end
    app.settings.call_letters_by = "sideways"                          # unknown: by name
    assert call_for(app, card).way == "name"


# -- in the games ----------------------------------------------------------------------------------------

def start(make_app, game_id, way, accept=True):
    app = make_app(settings=Settings(call_letters_by=way, letter_set="phonics1", case_mode="lower"),
                   checker=FakeChecker(accept))
    info = find_game(game_id)
    game = info.make_scene(app, info.levels[0], default_players(1))
    app.push(game)
    d = Driver(app)
    d.frames(2)
    return d, game


def captions(app):
    return [line.caption for line in app.speaker.history]


@pytest.mark.parametrize("way", ["name", "sound", "picture"])
def test_basketball_calls_the_letter_the_teachers_way(make_app, way):
    d, game = start(make_app, "basketball", way)
    d.until(lambda: game.state == "find" and d.app.speaker.caption == game.call.line, what="the call")
    caption, target = d.app.speaker.caption, game.card
    if way == "name":
        assert f"letter {target.name}" in caption and "/" not in caption
    else:
        assert f"/{target.base}/" in caption and not re.search(rf"\bletter {target.name}\b", caption)
    if way == "picture":
        assert game.call.word.word in caption and game.call.word.letter == target.base


@pytest.mark.parametrize("way", ["sound", "picture"])
def test_basketball_by_sound_shows_the_letter_and_says_its_name_after_a_miss(make_app, way):
    d, game = start(make_app, "basketball", way)
    d.until(lambda: game.state == "find", what="the balls")
    d.frames(60)   # the balls have landed
    sign = game.call

    def sign_has_the_letter():
        surface = pygame.Surface((1280, 800))
        surface.fill((255, 255, 255))
        game._draw_target(surface)
        letter_only = pygame.Surface((1280, 800))
        letter_only.fill((255, 255, 255))
        sign.draw_cue(letter_only, pygame.Rect(1146, 386, 124, 150), letter_size=104, card=game.card, show_letter=True)
        box = pygame.Rect(1146, 386, 124, 150).inflate(-30, -30)
        ink = [(x, y) for x in range(box.x, box.right, 3) for y in range(box.y, box.bottom, 3)
               if sum(letter_only.get_at((x, y))[:3]) < 200]           # where the letter's ink is dark
        assert len(ink) > 50
        return all(sum(surface.get_at(p)[:3]) < 200 for p in ink)

    assert not sign_has_the_letter()                                   # the picture or "?" stands for it
    wrong = next(b for b in game.balls if b.card.base != game.card.base)
    d.tap(wrong.rect.center)
    assert f"letter {game.card.name}" in d.app.speaker.caption          # the help says the letter's name
    assert sign_has_the_letter()                                        # and shows it


@pytest.mark.parametrize("way", ["name", "sound", "picture"])
def test_missing_letter_names_the_letters_and_gives_the_clue_the_teachers_way(make_app, way):
    d, game = start(make_app, "missing_letter", way)
    d.until(lambda: game.state == "write", seconds=40, what="the pad")
    d.until(lambda: not d.app.speaker.busy, seconds=40, what="the prompt to be said")
    said = captions(d.app)
    look = said[0]
    target = game.current_card
    if way == "name":
        assert all(c.name in look for c in game.cards) and "/" not in " ".join(said)
        assert not any(target.base in line.split("/") for line in said)
    else:
        assert all(f"/{c.base}/" in look for c in game.cards)
        clue = game.call.line
        assert clue in said and f"/{target.base}/" in clue
        if way == "picture":
            assert game.call.word.word in clue


def test_missing_letter_help_still_says_the_letters_name(make_app):
    d, game = start(make_app, "missing_letter", "picture", accept=False)
    d.until(lambda: game.state == "write", seconds=40, what="the pad")
    target = game.current_card
    pad = game.pad.rect
    for _ in range(2):
        d.drag([(pad.x + 150 + i * 6, pad.y + 60 + i * 8) for i in range(30)])
        d.tap(game.pad.done_button.rect.center)
    assert game.pad.guide is not None and game.pad.guide.char == target.answer
    assert any(f"letter {target.answer}" in c for c in captions(d.app)[-3:] + [d.app.speaker.caption])


# -- bingo: the ball is called by the letter's name, its sound, or a picture word ---------------------

def said_so_far(app):
    return captions(app) + [app.speaker.caption or ""]


def ink_of(letter, center, size):
    """Where `letter` on a bingo ball of `size` px at `center` is dark: the points to look at."""
    from games.bingo import art
    alone = pygame.Surface((1280, 800))
    alone.fill((255, 255, 255))
    img = art.ball(letter, size)
    alone.blit(img, img.get_rect(center=center))
    box = pygame.Rect(0, 0, size // 2, size // 2)
    box.center = center
    ink = [(x, y) for x in range(box.x, box.right, 2) for y in range(box.y, box.bottom, 2)
           if sum(alone.get_at((x, y))[:3]) < 200]
    assert len(ink) > 20
    return ink


def ball_shows_letter(game) -> bool:
    from games.bingo import art
    surface = pygame.Surface((1280, 800))
    surface.fill((255, 255, 255))
    game.draw_called_ball(surface)
    return all(sum(surface.get_at(p)[:3]) < 200 for p in ink_of(game.call.call, art.TRAY_CENTER, art.TRAY_BALL))


def bingo_call(make_app, way):
    d, game = start(make_app, "bingo", way)
    d.until(lambda: game.state == "find", seconds=20, what="the first holder's turn")
    d.frames(1)
    return d, game


@pytest.mark.parametrize("way", ["name", "sound", "picture"])
def test_bingo_calls_the_ball_the_teachers_way(make_app, way):
    d, game = bingo_call(make_app, way)
    said = said_so_far(d.app) + game.prompt.lines                                    # the turn line may be next
    face = game.call
    named = [line for line in said if re.search(rf"\bletter {face.call}\b|\bletter {face.square}\b", line)]
    if way == "name":                                                                 # as before
        lines = d.app.phrases._games["bingo"]
        assert set(said) & {v.format(letter=face.call) for key in ("call", "call_one") for v in lines[key]}
        assert "/" not in " ".join(said) and ball_shows_letter(game)
        assert any("on your card" in line for line in named)                          # "Find the letter m on your card!"
    else:
        assert game.cue.line in said and f"/{face.base}/" in game.cue.line and not named   # no name, not even in the turn line
        assert not ball_shows_letter(game)                                             # the ball shows "?" or the picture
    if way == "picture":
        assert game.cue.word.word in game.cue.line and game.cue.word.letter == face.base


@pytest.mark.parametrize("way", ["sound", "picture"])
def test_bingo_by_sound_names_and_shows_the_letter_after_a_wrong_square(make_app, way):
    d, game = bingo_call(make_app, way)
    wrong = next(s for s in game.squares if s.index != game.target_index())
    d.tap(wrong.rect.center)
    assert f"letter {game.call.square}" in d.app.speaker.caption and f"letter {wrong.face.square}" in d.app.speaker.caption
    assert ball_shows_letter(game)
    assert any(f"letter {game.call.square}" in line for line in game.prompt.lines)   # say-again names it now
    d.tap(next(s for s in game.squares if s.index == game.target_index()).rect.center)
    assert game.state == "cover"                                                      # and the child finishes


@pytest.mark.parametrize("way", ["name", "sound", "picture"])
def test_bingo_glow_names_the_letter_only_when_it_was_not_named(make_app, way):
    from games.bingo.scene import GLOW_AFTER
    d, game = bingo_call(make_app, way)
    heard = len(d.app.speaker.history)
    d.seconds(GLOW_AFTER + 0.3)
    assert game.glowing and game.state == "find"
    after = said_so_far(d.app)[heard:]
    glow_said = [line for line in after if f"letter {game.call.square}" in line and "on your card" not in line]
    if way == "name":
        assert not glow_said                                                          # as before: the glow is silent
    else:
        assert glow_said and ball_shows_letter(game)


def test_bingo_wrong_square_by_name_is_unchanged(make_app):
    d, game = bingo_call(make_app, "name")
    wrong = next(s for s in game.squares if s.index != game.target_index())
    d.tap(wrong.rect.center)
    lines = [v.format(letter=wrong.face.square) for v in d.app.phrases._games["bingo"]["that_is"]]
    assert d.app.speaker.caption in lines


# -- letter hunt: the called card shows the letter, "?" or a picture ----------------------------------

def hunt_call(make_app, way):
    d, game = start(make_app, "letter_hunt", way)
    d.tap(game.pick_for_me.rect.center)
    d.until(lambda: game.state == "answer", seconds=20, what="the first call")
    d.frames(2)
    return d, game


def called_card_shows_letter(game) -> bool:
    from games.letter_hunt import caller_art as art
    from games.letter_hunt.table import CALLED
    letter = art.card_face(CALLED.w, CALLED.h, game.call.card.shown)
    return game.called_face is not None and \
        pygame.image.tobytes(game.called_face, "RGBA") == pygame.image.tobytes(letter, "RGBA")


@pytest.mark.parametrize("way", ["name", "sound", "picture"])
def test_letter_hunt_calls_the_card_the_teachers_way(make_app, way):
    d, game = hunt_call(make_app, way)
    card, line = game.call.card, game.call.lines[0]
    assert line in said_so_far(d.app)
    if way == "name":
        assert f"letter {card.shown}" in line and "/" not in line and called_card_shows_letter(game)
    else:
        assert f"/{card.base}/" in line and not re.search(rf"\bletter {card.shown}\b", line, re.I)
        assert game.call.face == "?" and not called_card_shows_letter(game)
    if way == "picture":
        assert game.call.picture is not None and game.call.word in line and game.call.word[0] == card.base


@pytest.mark.parametrize("way", ["sound", "picture"])
def test_letter_hunt_by_sound_shows_and_names_the_letter_after_a_miss(make_app, way):
    d, game = hunt_call(make_app, way)
    assert not called_card_shows_letter(game)
    wrong = next(t for t in game.basket_tiles if t.card.base != game.base)
    d.tap(wrong.rect.center)
    assert f"letter {game.call.card.answer}" in d.app.speaker.caption                # the miss names it
    d.frames(1)
    assert game.call.face == game.call.card.shown and called_card_shows_letter(game)  # and the card shows it
    tile = game.tile_of_call()
    d.tap(tile.rect.center if tile else game.not_mine.rect.center)
    assert game.state in ("fly", "answered")                                           # and the child finishes
