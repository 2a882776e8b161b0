"""Alphabet bingo, played from the launcher to the end screen by posting real events."""
from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pygame
import pytest
from fakes import Driver, FakeChecker

from games import bingo
from games.bingo import GAME, art
from games.bingo.cards import DECOYS_MOST, FREE, Caller, Card, Face, deal, faces_for
from games.bingo.scene import GLOW_AFTER, Bingo, Square
from games.engine.play.celebration import Celebration
from games.engine.play.common_scenes import Scoreboard
from games.engine.core.letters import CaseMode, LetterCard
from games.engine.core.settings import Settings
from games.launcher import Launcher

STEP = 1 / 15
PHRASES = json.loads((Path(bingo.__file__).with_name("phrases.json")).read_text(encoding="utf-8"))


def is_line(text: str, key: str, **values) -> bool:
    """``text`` starts with one of the game's lines for ``key``."""
    return any(text.startswith(v.format(**values)) for v in PHRASES[key])


def wait(d: Driver, predicate, seconds=30, what="condition"):
    d.until(predicate, seconds, what, step=STEP)


def open_game(d: Driver, level_index=0, players=1) -> Bingo:
    """Launcher card -> level button -> tap animals to join -> the green button."""
    game = d.open_game("bingo", level_index, players)
    assert isinstance(game, Bingo)
    return game


def waiting(game):
    return game.state in ("find", "write", "teacher")


def next_turn(d, game):
    """Let balls roll and celebrations close until the game waits for someone (or ends)."""
    def ready():
        if isinstance(d.top, Celebration):
            d.top.close()
        return isinstance(d.top, Scoreboard) or (d.top is game and waiting(game))
    wait(d, ready, what="a turn")


def target_square(game) -> Square:
    return next(s for s in game.squares if s.index == game.target_index())


def write_letter(d, game):
    pad = game.pad.rect
    d.drag([(pad.x + 100, pad.y + 100), (pad.x + 300, pad.y + 350)])
    d.tap(game.pad.done_button.rect.center)


def play_to_the_end(d, game, wrong_first=False):
    """Every turn: (a wrong square first, once) then the right one; writes when asked."""
    turns, wrong_done = [], False
    while True:
        next_turn(d, game)
        if isinstance(d.top, Scoreboard):
            return turns
        assert game.state == "find"
        turns.append((game.turns.index, game.call.base))
        if wrong_first and not wrong_done:
            wrong = next(s for s in game.squares if s.index != game.target_index())
            d.tap(wrong.rect.center)
            assert game.state == "find" and wrong.wobble > 0
            assert d.app.speaker.caption and wrong.face.square in d.app.speaker.caption
            wrong_done = True
        d.tap(target_square(game).rect.center)
        if game.write_to_cover:
            assert game.state == "write"
            write_letter(d, game)


# -- whole games ----------------------------------------------------------------------------------
def test_one_player_3x3_from_the_launcher_to_the_end(start):
    d = start()
    game = open_game(d, level_index=0)
    card = game.cards[0]
    assert card.size == 3 and card.squares[4] is FREE and 4 in card.covered
    assert all(r.w >= 96 and r.h >= 96 for r in (s.rect for s in game.squares) or [pygame.Rect(0, 0, 96, 96)])
    turns = play_to_the_end(d, game, wrong_first=True)
    assert isinstance(d.top, Scoreboard)
    assert card.full and len(turns) == 8, "each of the 8 letters was one turn"
    assert len(game.caller.called) <= 8 + DECOYS_MOST
    assert d.top.stars == 3, "one wrong tap still earns three stars"
    assert sorted(d.top.letters) == sorted(f.call for f in card.letters)


def test_three_players_4x4_every_holder_gets_a_turn_in_order_until_every_card_is_full(start):
    d = start(seed=4)
    game = open_game(d, level_index=1, players=3)
    assert [c.size for c in game.cards] == [4, 4, 4]
    assert len({tuple(f.base for f in c.letters) for c in game.cards}) == 3, "three different cards"
    celebrations = []
    orig_push = d.app.push

    def push(scene):
        if isinstance(scene, Celebration):
            celebrations.append((game.turns.index, scene.praise))
        orig_push(scene)
    d.app.push = push
    turns = play_to_the_end(d, game)
    assert isinstance(d.top, Scoreboard) and all(c.full for c in game.cards)
    for base in {b for _, b in turns}:
        who = [p for p, b in turns if b == base]
        assert who == sorted(who), "holders of one call play in turn order"
        assert who == [i for i, c in enumerate(game.cards) if any(f.base == base for f in c.letters)]
    assert len(turns) == 48
    pool = {f.base for c in game.cards for f in c.letters}
    assert len(game.caller.called) <= len(pool) + DECOYS_MOST
    full = [p for p, praise in celebrations if is_line(praise, "full_card", player=game.players[p].name)]
    assert sorted(full) == [0, 1, 2], "each full card is celebrated once, for its player"
    assert len(celebrations) > 3, "lines are celebrated too"
    assert [p.name for p in d.top.players] == ["Lion", "Frog", "Fish"]
    for p in d.top.players:   # the row of each animal: its full card and three stars, the same for everyone
        assert p.collected == [("card", p.color)] + [("star", None)] * 3
    for name in ("Lion", "Frog", "Fish"):
        assert name in d.top.message, "the end cheers everyone by animal"


def test_level_3_writes_every_letter_before_the_chip(start):
    checker = FakeChecker()
    d = start(checker=checker)
    game = open_game(d, level_index=2)
    next_turn(d, game)
    letter = game.call.square
    d.tap(target_square(game).rect.center)
    assert game.state == "write" and game.writing.letter == letter
    assert game.target_index() not in game.cards[0].covered, "no chip before the letter is written"
    write_letter(d, game)
    assert checker.asked[-1][1] == letter
    assert game.target_index() in game.cards[0].covered


def test_four_children_writing_to_cover_play_small_cards_to_the_end(start):
    """A group of four at level 3 gets 3x3 cards with a star between each two corners (5 letters to
    write each, so the game lasts under about 8 minutes) and plays them to the end screen."""
    d = start(checker=FakeChecker(), seed=2)
    game = open_game(d, level_index=2, players=4)
    for card in game.cards:
        assert card.size == 3 and [i for i, s in enumerate(card.squares) if s is FREE] == [1, 3, 5, 7]
    turns = play_to_the_end(d, game)
    assert isinstance(d.top, Scoreboard) and len(turns) == 4 * 5
    # the end screen's full card has its stars where these cards had them, not the level-1 middle star
    lion = d.top.players[0]
    cards = (d.top.picture(lion.collected[0], 0), art.full_card(lion.color, 46, 3, (1, 3, 5, 7)),
             art.full_card(lion.color, 46, 3))
    pixels = [pygame.image.tobytes(card, "RGBA") for card in cards]
    assert pixels[0] == pixels[1] != pixels[2]


def test_a_letter_written_wrong_three_times_is_covered_anyway(start):
    d = start(checker=FakeChecker(accept=False))
    game = open_game(d, level_index=2)
    next_turn(d, game)
    d.tap(target_square(game).rect.center)
    for _ in range(3):
        assert game.state == "write"
        write_letter(d, game)
    assert game.target_index() in game.cards[0].covered and game.slips == 1


def test_the_teachers_write_to_cover_option_applies_at_level_1(start):
    settings = Settings()
    settings.game_options["bingo"] = {"write_to_cover": True}
    d = start(settings=settings)
    game = open_game(d, level_index=0)
    next_turn(d, game)
    d.tap(target_square(game).rect.center)
    assert game.state == "write"


def test_the_square_glows_after_a_while_and_the_find_is_recorded_with_help(start):
    d = start()
    game = open_game(d, level_index=0)
    recorded = []
    d.app.progress.record = lambda answer, player=None: recorded.append((answer, player))
    next_turn(d, game)
    d.seconds(GLOW_AFTER - 1)
    assert not game.glowing
    d.seconds(1.2)
    assert game.glowing
    d.tap(target_square(game).rect.center)
    answer, player = recorded[-1]
    assert answer.game == "bingo" and answer.action == "found" and answer.correct and answer.help == "guide"
    assert player is game.players[0]


def test_matching_calls_the_capital_and_the_cards_hold_small_letters(start):
    settings = Settings()
    settings.case_mode = CaseMode.MATCHING.value
    d = start(settings=settings)
    game = open_game(d, level_index=0)
    next_turn(d, game)
    assert game.call.call.isupper() and game.call.square == game.call.call.lower()
    assert all(f.square.islower() for f in game.cards[0].letters)
    assert "letter " + game.call.call in " ".join(game.prompt.lines)


def test_letters_come_from_the_teachers_set(start):
    settings = Settings()
    settings.letter_set, settings.week_letters = "week", "satpinmdg"
    settings.case_mode = "lower"
    d = start(settings=settings)
    game = open_game(d, level_index=0)
    assert {f.base for f in game.cards[0].letters} <= set("satpinmdg")
    assert all(f.square.islower() for f in game.cards[0].letters)


def test_teacher_calls_the_letters_on_the_grown_ups_strip(start):
    settings = Settings()
    settings.game_options["bingo"] = {"teacher_calls": True}
    d = start(settings=settings)
    game = open_game(d, level_index=0, players=2)
    assert game.state == "teacher"
    said = []
    real_say = d.app.speaker.say
    d.app.speaker.say = lambda text, **kw: (said.append(text), real_say(text, **kw))
    button = game.strip[0]
    d.tap(button.rect.center)
    next_turn(d, game)
    assert game.call == button.face and game.caller.called == [button.face]
    assert not any(f"letter {button.face.call}" in line for line in said), "the app does not say the call"
    while game.queue or game.state == "find":
        next_turn(d, game)
        d.tap(target_square(game).rect.center)
        wait(d, lambda: game.state in ("teacher", "find"), what="the next turn or the strip")
    assert game.state == "teacher" and not button.enabled, "a letter nobody needs any more cannot be called"
    for b in game.strip:   # the grown-up calls every letter: the game ends
        if not b.enabled:
            continue
        d.tap(b.rect.center)
        while True:
            next_turn(d, game)
            if isinstance(d.top, Scoreboard) or game.state == "teacher":
                break
            d.tap(target_square(game).rect.center)
        if isinstance(d.top, Scoreboard):
            break
    assert isinstance(d.top, Scoreboard)


def test_keyboard_play_covers_a_square_with_arrows_and_enter(start):
    d = start()
    game = open_game(d, level_index=0)
    next_turn(d, game)
    target = target_square(game)
    for _ in range(12):
        if game.focus is target:
            break
        d.key(pygame.K_TAB)
    assert game.focus is target
    d.key(pygame.K_RETURN)
    assert game.target_index() in game.cards[0].covered


def test_say_again_repeats_the_call_and_home_leaves(start):
    d = start()
    game = open_game(d, level_index=0)
    next_turn(d, game)
    d.app.speaker.stop()
    d.tap(game.say_again.rect.center)
    assert d.app.speaker.caption in game.prompt.lines and game.call.call in d.app.speaker.caption
    d.tap(game.home_button.rect.center)
    d.tap(d.top.stop_button.rect.center)      # "Stop playing?": the house
    assert not isinstance(d.top, Bingo)


def test_real_recognizer_judges_a_synthetic_letter_on_the_pad(make_app):
    from games.engine.writing.checker import RecognizerChecker
    from recognizer.training.synth import synth_strokes

    app = make_app(checker=RecognizerChecker(), seed=3)
    app.push(Launcher(app))
    d = Driver(app)
    game = open_game(d, level_index=2)
    next_turn(d, game)
    d.tap(target_square(game).rect.center)
    pad = game.pad.rect
    d.drag([(pad.x + 60 + i * 30, pad.y + (60 if i % 2 else 300)) for i in range(12)])   # a zig-zag
    d.tap(game.pad.done_button.rect.center)
    assert game.writing.misses == 1 and game.state == "write"
    letter = game.call.square
    strokes = synth_strokes(letter, np.random.default_rng(7), allograph="school", messiness=0.3,
                            canvas=(pad.w - 40, pad.h - 40))
    for stroke in strokes:
        d.drag([(pad.x + 20 + x, pad.y + 20 + y) for x, y in stroke])
    d.tap(game.pad.done_button.rect.center)
    assert game.target_index() in game.cards[0].covered, f"{letter!r} written on the pad was refused"


# -- the cards and the caller, directly -------------------------------------------------------------
def _faces(letters):
    return faces_for([LetterCard(c, c.upper(), c.upper()) for c in letters], CaseMode.UPPER)


def test_lines_rows_columns_and_diagonals():
    card = Card(3, [Face(c, c, c) for c in "abcd"] + [FREE] + [Face(c, c, c) for c in "efgh"])
    assert card.lines() == []
    card.cover(0)
    card.cover(8)
    assert card.lines() == [(0, 4, 8)], "the free star counts on the diagonal"
    card.cover(1), card.cover(2)
    assert (0, 1, 2) in card.lines()


@pytest.mark.parametrize("seed", range(20))
def test_the_caller_ends_in_a_bounded_number_of_calls(seed):
    rng = random.Random(seed)
    pool = _faces("abcdefghijkl")
    cards = deal(pool, 4, 3, True, rng)
    caller = Caller(cards, pool, rng, decoys=_faces("xyz"))
    calls = 0
    while (face := caller.next()) is not None:
        calls += 1
        for i in caller.holders(face.base):
            cards[i].cover(cards[i].index_of(face.base))
        assert calls <= len(pool) + DECOYS_MOST
    assert all(c.full for c in cards)
    assert sum(f.base in "xyz" for f in caller.called) <= DECOYS_MOST


def test_game_is_registered_with_three_levels_and_two_teacher_options():
    assert GAME.players == (1, 4) and len(GAME.levels) == 3
    assert {o.key for o in GAME.options} == {"write_to_cover", "teacher_calls"}


# -- cards on paper --------------------------------------------------------------------------------
def _pdf_objects_where_the_xref_says(data: bytes) -> bool:
    start = int(data.rsplit(b"startxref", 1)[1].split()[0])
    lines = data[start:].split(b"\n")
    count = int(lines[1].split()[1])
    offsets = [int(line.split()[0]) for line in lines[3:2 + count]]
    return all(data[o:].startswith(b"%d 0 obj" % n) for n, o in enumerate(offsets, start=1))


def test_print_bingo_writes_a_pdf_of_the_current_set_from_the_command_line(tmp_path, capsys):
    from games.launcher import main
    settings = Settings()
    settings.letter_set = "vowels"
    settings.save()
    out = tmp_path / "cards.pdf"
    assert main(["print-bingo", "--players", "3", "--out", str(out), "--seed", "5"]) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    assert b"/Type /Pages /Kids [" in data and b"/Count 3" in data, "two pages of cards and the caller's page"
    assert _pdf_objects_where_the_xref_says(data)
    assert "saved" in capsys.readouterr().out


def test_print_bingo_pngs_hold_cards_of_the_set_and_the_letters_to_call(tmp_path, monkeypatch):
    from games.bingo import print_cards
    import games.bingo.cards as cards_module
    made = []
    original = cards_module.deal
    monkeypatch.setattr(cards_module, "deal", lambda *a, **kw: made.append(original(*a, **kw)) or made[-1])
    out = tmp_path / "cards.png"
    assert print_cards.main(["--players", "1", "--out", str(out), "--letters", "satpinmdg", "--seed", "1"]) == 0
    pages = [tmp_path / "cards-1.png", tmp_path / "cards-2.png"]
    assert all(p.exists() for p in pages) and not out.exists()
    img = pygame.image.load(str(pages[0]))
    assert img.get_size() == print_cards.PAGE
    assert len(made) == 1 and {f.base for f in made[0][0].letters} <= set("satpinmdg")


@pytest.mark.parametrize("args, words", [
    (["--players", "2", "--out", "cards.txt"], ".pdf or .png"),
    (["--players", "0", "--out", "cards.pdf"], "--players"),
    (["--players", "2", "--out", "no/such/folder/cards.pdf"], "no folder"),
    (["--players", "2", "--out", "cards.pdf", "--letters", "123"], "no letter set"),
])
def test_print_bingo_refuses_bad_input_clearly_and_writes_nothing(tmp_path, monkeypatch, capsys, args, words):
    from games.bingo import print_cards
    monkeypatch.chdir(tmp_path)
    assert print_cards.main(args) == 2
    assert words in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_tap_in_the_gap_between_squares_still_finds_a_square(start):
    d = start()
    game = open_game(d, level_index=1)
    next_turn(d, game)
    target = target_square(game)
    right = next((s for s in game.squares if s.rect.y == target.rect.y and s.rect.x > target.rect.x), None)
    left = next((s for s in game.squares if s.rect.y == target.rect.y and s.rect.right < target.rect.x), None)
    if right is not None:   # (a Rect's right edge is outside it: right + 2 is 3 px into the gap)
        assert right.rect.x - target.rect.right >= 8
        gap_x = target.rect.right + 2
    else:
        assert target.rect.x - left.rect.right >= 8
        gap_x = target.rect.x - 3
    d.tap((gap_x, target.rect.centery))
    assert game.target_index() in game.cards[0].covered, "the tap went to the nearer square"
