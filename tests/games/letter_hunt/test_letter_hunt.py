"""Letter hunt: whole games from the launcher to the scoreboard by posting real events, for 1 to 3
players, dragging, tapping, writing and the keyboard (the rules alone: ``test_letter_hunt_rules.py``)."""
from __future__ import annotations

from pathlib import Path

import pygame
from fakes import Driver, FakeChecker

from games.engine.play.celebration import Celebration
from games.engine.play.common_scenes import GameStart, StarsScreen
from games.engine.core.letters import LetterCard
from games.engine.voice.phrases import read_phrase_file
from games.engine.core.settings import Settings
from games import letter_hunt
from games.launcher import Launcher
from games.letter_hunt.rules import Deck, NameCaller
from games.letter_hunt.scene import HINT_AFTER, HuntScoreboard, LetterHunt
from games.letter_hunt.table import BASKET, BOX

STEP = 1 / 15
PHRASES = Path(letter_hunt.__file__).with_name("phrases.json")


LINES = read_phrase_file(PHRASES)


def said(app, key: str, **values) -> bool:
    """The caption now is one of the game's lines for ``key``."""
    return app.speaker.caption in [v.format(**values) for v in LINES[key]]


def test_a_caller_that_shows_a_picture_plugs_in(start):
    """The hook for the sounds variant: any caller with ``call(card)`` giving a picture and a word."""
    from games.letter_hunt.rules import Call

    class WordCaller:
        def call(self, card):
            picture = pygame.Surface((60, 60), pygame.SRCALPHA)
            pygame.draw.circle(picture, (250, 200, 40), (30, 30), 28)
            return Call(card, card.shown, (f"Sun! What does sun start with? ({card.shown})",), picture, "sun")

    d = start(seed=8)
    game = open_game(d)
    game.caller = WordCaller()
    d.tap(game.pick_for_me.rect.center)
    assert my_turn(d, game)
    assert d.app.speaker.caption.startswith("Sun!") or "Sun!" in " ".join(game.prompt.lines)
    d.frames(2)
    card = game.called_face
    assert card is not None and card.get_at((card.get_width() // 2, card.get_height() // 2))[:3] == (250, 200, 40)


# -- playing ----------------------------------------------------------------------------------------
def wait(d: Driver, predicate, seconds=30, what="condition"):
    d.until(predicate, seconds, what, step=STEP)


def open_game(d: Driver, level_index=0, players=1) -> LetterHunt:
    """Launcher card -> level button -> tap animals to join -> the green button."""
    game = d.open_game("letter_hunt", level_index, players)
    assert isinstance(game, LetterHunt)
    return game


def recorded(app):
    answers = []
    app.progress.record = lambda answer, player=None: answers.append((answer, player)) or True
    return answers


def my_turn(d, game):
    """Wait for the next answer (closing a basket's celebration), or the end of the game."""
    def ready():
        if isinstance(d.top, Celebration) and d.top.t > 0.9:
            d.tap((640, 400))
        return (d.top is game and game.state in ("answer", "write")) or isinstance(d.top, StarsScreen)
    wait(d, ready, what="a player's turn")
    return d.top is game


def drag_to_box(d, tile):
    x0, y0 = tile.rect.center
    d.drag([(x0 + (BOX.centerx - x0) * k / 10, y0 + (BOX.centery - y0) * k / 10) for k in range(11)])


def test_one_child_is_never_asked_who_has_the_letter(start):
    """Issue 23: "Who has the letter A?" was said in a one-player game; now "Do you have...?" or "Find...!"."""
    d = start(seed=11)
    game = open_game(d, level_index=0)
    d.tap(game.pick_for_me.rect.center)
    lines = []
    while my_turn(d, game):
        lines += game.call.lines
        tile = game.tile_of_call()
        d.tap(tile.rect.center if tile else game.not_mine.rect.center)
    assert len(lines) >= 5 and not [line for line in lines if "who has" in line.lower()], lines
    one = NameCaller(d.app.phrases, one_player=True)
    for card in (LetterCard("m", "M", "M"), LetterCard("m", "M", "m"), LetterCard("m", "m", "M")):
        for _ in range(6):
            line = one.call(card).lines[0]
            assert "who" not in line.lower() and ("Do you have" in line or "Find" in line or "your basket" in line)


def test_one_player_picks_five_and_plays_to_the_end(start):
    d = start()
    answers = recorded(d.app)
    game = open_game(d, level_index=0)
    assert game.state == "pick" and len(game.supply_tiles) == 26
    assert said(d.app, "pick_letters", count=5)
    for t in game.supply_tiles[:4]:
        d.tap(t.rect.center)
    wait(d, lambda: not game.flights, what="the tiles to land")
    d.tap(game.basket_tiles[1].rect.center)           # B goes back out of the basket
    assert [c.base for c in game.baskets[0].cards] == ["a", "c", "d"]
    for t in game.supply_tiles[10:12]:
        d.tap(t.rect.center)
    assert game.baskets[0].full and game.state == "pick_full"
    d.tap(game.supply_tiles[20].rect.center)
    assert len(game.baskets[0].cards) == 5, "a full basket takes no more"

    calls = said_no = 0
    while my_turn(d, game):
        calls += 1
        assert game.call.face in d.app.speaker.caption or game.state == "answer"
        tile = game.tile_of_call()
        if tile is None:
            d.tap(game.not_mine.rect.center)
            said_no += 1
            assert said(d.app, "not_there_right", letter=game.call.card.answer)
        else:
            drag_to_box(d, tile)
            assert game.state == "fly" and said(d.app, "back_in_box", letter=game.call.card.answer)
        assert calls <= Deck.most_calls(5)
    assert isinstance(d.top, HuntScoreboard)
    assert sorted(d.top.letters) == ["A", "C", "D", "K", "L"], "the letters given back (upper case by default)"
    assert d.top.stars == 3
    found = [a for a, _ in answers if a.action == "found"]
    assert len(found) == 5 and all(a.correct for a in found)
    assert len([a for a, _ in answers if a.action == "tapped"]) == said_no


def test_three_players_answer_every_call_in_turn_and_wrong_answers_are_named_kindly(start):
    settings = Settings()
    settings.game_options = {"letter_hunt": {"say_first": True}}
    d = start(settings=settings, seed=5)
    answers = recorded(d.app)
    game = open_game(d, level_index=1, players=3)
    assert [p.name for p in game.players] == ["Lion", "Frog", "Fish"]
    for i in range(3):
        wait(d, lambda: game.state == "pick" and game.turns.index == i, what=f"player {i} to pick")
        assert said(d.app, "pick_letters_player", player=game.players[i].name, count=10)
        d.tap(game.pick_for_me.rect.center)
        assert game.baskets[i].full and len({c.base for c in game.baskets[i].cards}) == 10
    wrong_tile = wrong_no = 0
    whose = []
    while my_turn(d, game):
        i = game.answerer
        whose.append((game.deck.calls, i))
        tile = game.tile_of_call()
        if tile is None:
            d.tap(game.not_mine.rect.center)
            continue
        if not wrong_tile:
            other = next((t for t in game.basket_tiles if t.card.base != game.base), None)
            if other is not None:
                drag_to_box(d, other)
                wrong_tile += 1
                assert said(d.app, "wrong_claim", chosen=other.face, letter=game.call.card.answer)
                assert game.state == "answer" and other.card in game.baskets[i].cards, "a wrong tile goes back"
        if not wrong_no:
            d.tap(game.not_mine.rect.center)
            wrong_no += 1
            assert said(d.app, "look_again", letter=game.call.card.answer)
            assert tile.glow > 0 and game.state == "answer"
        d.tap(tile.rect.center)   # a tap sends it too
        assert game.state == "fly"
    assert wrong_tile == 1 and wrong_no == 1
    calls = {}
    for call, i in whose:
        calls.setdefault(call, []).append(i)
    assert all(len(set(v)) == len(v) for v in calls.values()), "each player answers a call once"
    assert any(len(v) == 3 for v in calls.values())
    board = d.top
    assert isinstance(board, HuntScoreboard)
    first = game.players[game.finished[0]].name
    assert f"{first} emptied their basket first" in board.message and board.first == game.finished[0]
    assert sorted(game.finished) == [0, 1, 2]
    assert [p.score for p in game.players] == [10, 10, 10]
    wrong = [a for a, _ in answers if not a.correct]
    assert len(wrong) == 2 and {a.action for a in wrong} == {"found"}
    assert {p.name for _, p in answers} == {"Lion", "Frog", "Fish"}


def test_who_emptied_first_is_not_said_unless_the_teacher_turned_it_on(start):
    d = start(seed=2)
    game = open_game(d, level_index=0, players=2)
    for i in range(2):
        wait(d, lambda: game.state == "pick" and game.turns.index == i, what="picking")
        d.tap(game.pick_for_me.rect.center)
    while my_turn(d, game):
        tile = game.tile_of_call()
        d.tap(tile.rect.center if tile else game.not_mine.rect.center)
    assert "first" not in d.top.message and d.top.first is None


def test_a_letter_the_player_has_glows_when_they_wait(start):
    d = start(seed=3)
    game = open_game(d, level_index=0)
    d.tap(game.pick_for_me.rect.center)
    while my_turn(d, game) and game.tile_of_call() is None:
        d.tap(game.not_mine.rect.center)
    tile = game.tile_of_call()
    assert tile.glow == 0
    d.seconds(HINT_AFTER + 0.2)
    assert tile.glow > 0


def test_keyboard_play_picks_and_claims_with_enter(start):
    d = start(seed=4)
    game = open_game(d, level_index=0)
    for _ in range(5):
        d.key(pygame.K_TAB)
        while not game.supply_tiles.__contains__(game.focus):
            d.key(pygame.K_TAB)
        d.key(pygame.K_RETURN)
    assert game.baskets[0].full
    while my_turn(d, game):
        tile = game.tile_of_call()
        target = tile if tile is not None else game.not_mine
        for _ in range(20):
            if game.focus is target:
                break
            d.key(pygame.K_TAB)
        assert game.focus is target
        d.key(pygame.K_RETURN)
    assert isinstance(d.top, HuntScoreboard)


def write_anything(d, game):
    pad = game.writing.pad
    d.drag([(pad.rect.x + 60 + i * 25, pad.rect.y + 80 + (i % 2) * 150) for i in range(10)])
    d.tap(pad.done_button.rect.center)


def test_level_three_tiles_lie_face_down_and_are_written(start):
    """Two children: a call of the other child's letter is "not in my basket" for this one."""
    checker = FakeChecker()
    d = start(checker=checker, seed=6)
    answers = recorded(d.app)
    game = open_game(d, level_index=2, players=2)
    for i in range(2):
        wait(d, lambda: game.state == "pick" and game.turns.index == i, what=f"player {i} to pick")
        d.tap(game.pick_for_me.rect.center)
    assert my_turn(d, game) and game.state == "write"
    assert all(not t.face_up for t in game.basket_tiles), "the tiles are turned over: remember them"
    forgot = wrote_wrong = 0
    while my_turn(d, game):
        letter = game.call.card.answer
        tile = game.tile_of_call()
        if tile is None and not wrote_wrong:
            write_anything(d, game)          # writes it, but it is not in the basket
            wrote_wrong += 1
            assert said(d.app, "wrote_not_there", letter=game.call.card.answer)
            continue
        if tile is None:
            d.tap(game.not_mine.rect.center)
            continue
        if not forgot:
            d.tap(game.not_mine.rect.center)   # forgot it was there: it peeks up
            forgot += 1
            assert tile.face_up and game.state == "write"
            d.seconds(2.0)
            assert not tile.face_up
        checker.accept = True
        write_anything(d, game)
        assert checker.asked[-1][1] == letter
        assert game.state == "fly"
    assert isinstance(d.top, HuntScoreboard)
    assert forgot == 1 and wrote_wrong == 1
    wrote = [a for a, _ in answers if a.action == "wrote"]
    assert len(wrote) >= 10 and all(a.correct for a in wrote)


def test_level_three_each_child_looks_at_their_letters_before_they_turn_over(start):
    """Issue 23: with "pick for me" the next child's picker came at once and the tiles turned face down
    about 2 s later, so no child ever saw their letters. Now each child's basket stays big and face up,
    "Look at your letters!" is said and each tile glows in turn, for several seconds, before they turn
    over; only then does the next child pick."""
    d = start(seed=9)
    game = open_game(d, level_index=2, players=3)
    for i, player in enumerate(game.players):
        wait(d, lambda: game.state == "pick" and game.turns.index == i, what=f"{player.name} to pick")
        d.tap(game.pick_for_me.rect.center)
        picked_at = game.t
        wait(d, lambda: game.state == "look", what=f"{player.name}'s look at their letters")
        assert said(d.app, "look_at_letters_player", player=player.name)
        assert game.turns.index == i and len(game.basket_tiles) == len(game.baskets[i].cards) == 8
        assert game.basket_rect.w > BASKET.w and game.basket_rect.centery < 400, "bigger, alone, mid-screen"
        assert all(game.basket_rect.contains(t.rect) and t.rect.w >= 110 for t in game.basket_tiles)
        glowed = set()
        while game.state == "look":
            assert all(t.face_up for t in game.basket_tiles), "face up while the child looks"
            glowed |= {t.index for t in game.basket_tiles if t.glow > 0}
            d.app.run_frames(1, dt=STEP)
        assert glowed == set(range(8)), "each tile glowed in turn"
        assert game.t - picked_at >= 6.0, "several seconds to look"
        assert game.state == "turned_over" and said(d.app, "turn_over")
        d.seconds(0.5)
        assert not any(t.face_up or t.flip > 0 for t in game.basket_tiles), "then the tiles lie face down"
        assert all(not b.full for b in game.baskets[i + 1:]), "nobody else picked while this child looked"
    assert my_turn(d, game) and game.state == "write"
    assert all(not t.face_up for t in game.basket_tiles)


def test_level_three_after_three_misses_the_tile_goes_back_anyway(start):
    checker = FakeChecker(accept=False)
    d = start(checker=checker, seed=6)
    game = open_game(d, level_index=2)
    d.tap(game.pick_for_me.rect.center)
    while my_turn(d, game) and game.tile_of_call() is None:
        d.tap(game.not_mine.rect.center)
    before = len(game.baskets[game.answerer].cards)
    for _ in range(3):
        write_anything(d, game)
    assert game.state == "fly" and len(game.baskets[game.answerer].cards) == before - 1
    assert said(d.app, "given_anyway", letter=game.call.card.answer)


def test_the_shipped_recognizer_judges_a_written_letter(make_app):
    """Real model, real events: the child writes the called letter (synthetic strokes) on the pad."""
    import numpy as np

    from games.engine.writing.checker import RecognizerChecker
    from recognizer.training.synth import synth_strokes

    app = make_app(checker=RecognizerChecker(), seed=3)
    app.push(Launcher(app))
    d = Driver(app)
    game = open_game(d, level_index=2)
    d.tap(game.pick_for_me.rect.center)
    while my_turn(d, game) and game.tile_of_call() is None:
        d.tap(game.not_mine.rect.center)
    pad = game.writing.pad.rect
    d.drag([(pad.x + 60 + i * 30, pad.y + (60 if i % 2 else 280)) for i in range(10)])   # a zig-zag
    d.tap(game.writing.pad.done_button.rect.center)
    assert game.writing.misses == 1 and game.state == "write"
    letter = game.call.card.answer
    strokes = synth_strokes(letter, np.random.default_rng(7), allograph="school", messiness=0.3,
                            canvas=(pad.w - 40, pad.h - 40))
    for stroke in strokes:
        d.drag([(pad.x + 20 + x, pad.y + 20 + y) for x, y in stroke])
    d.tap(game.writing.pad.done_button.rect.center)
    assert game.state == "fly", f"{letter!r} written on the pad was refused"


def test_home_goes_back_and_the_phrases_cover_every_line(start):
    d = start()
    game = open_game(d)
    d.key(pygame.K_ESCAPE)
    assert isinstance(d.top, GameStart)
    lines = read_phrase_file(PHRASES)
    assert "letter {letter}" in " ".join(lines["call"])
