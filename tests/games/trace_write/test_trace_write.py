"""Trace and write, played from the launcher to the stars by posting real pointer events."""
from __future__ import annotations

import numpy as np
import pytest
from fakes import Driver, FakeChecker

from games.engine.writing.coach import DOTS, TRACE, WRITE, HelpLevels
from games.engine.records.writing_help import help_file
from games.engine.play.common_scenes import GameStart, StarsScreen
from games.engine.core.settings import Settings
from games.launcher import Launcher
from games.trace_write.scene import StickerSheet, TraceAndWrite
from recognizer.training.coach_synthetic import school_trace


@pytest.fixture
def game_app(make_app):
    def make(accept=True, letters="ti", **settings):
        s = Settings(letter_set="week", week_letters=letters, case_mode="lower", **settings)
        app = make_app(checker=FakeChecker(accept), settings=s)
        app.push(Launcher(app))
        app.run_frames(2)
        return Driver(app)
    return make


def open_game(d: Driver, level_index) -> TraceAndWrite:
    d.tap(d.top.cards["trace_write"].rect.center)
    assert isinstance(d.top, GameStart)
    d.tap(d.top.widgets[level_index].rect.center)
    assert isinstance(d.top, TraceAndWrite)
    return d.top


def write(d: Driver, game: TraceAndWrite, seed=0, fault=None, free=False):
    """Write the current letter the taught way (or with ``fault``) on the game's pad."""
    for stroke in school_trace(game.letter, game.lines_place(), np.random.default_rng(seed), messiness=0.3,
                               fault=fault, free=free):
        d.drag(stroke)


def lines_said(speaker):
    """What the speaker has said and still has to say (the test draws faster than a line is said)."""
    return [line.caption for line in list(speaker.history) + list(speaker._queue)]


def wait_for(d, game, kind):
    d.until(lambda: d.top is game and game.step[0] == kind, what=f"the {kind} step")


def test_play_a_whole_game_watch_trace_write_stickers_then_stars(game_app):
    d = game_app(letters="tin")
    game = open_game(d, 1)                     # "Trace and write"
    letters = [c.answer for c in game.cards]
    assert sorted(letters) == ["i", "n", "t"]
    for n in range(3):
        d.until(lambda: d.top is game and game.step[0] == "watch", what="the pen to write the next letter")
        assert not game.pad.enabled
        wait_for(d, game, "guided")
        assert game.step[1] == TRACE and game.pad.auto_submit == 0
        write(d, game, seed=n)
        assert game.session.finished and game.session.clean
        wait_for(d, game, "write")
        write(d, game, seed=n + 10)
        d.tap(game.pad.done_button.rect.center)
        d.until(lambda: len(game.stickers) == n + 1, what="a sticker")
    d.until(lambda: isinstance(d.top, StickerSheet), what="the sticker sheet")
    assert d.top.letters == letters
    d.until(lambda: isinstance(d.top, StarsScreen), what="the stars screen")
    assert d.top.stars == 3
    saved = HelpLevels.load(help_file(None))   # the guest played
    assert all(saved.level(c) == TRACE for c in letters)   # two clean tries each: not yet three


def test_a_backwards_stroke_is_answered_at_once_and_in_strict_mode_redone(game_app):
    d = game_app(letters="t", stroke_order="strict")
    game = open_game(d, 0)                     # "Trace": watch, then trace with the full guide
    wait_for(d, game, "guided")
    first = school_trace("t", game.lines_place(), np.random.default_rng(0), messiness=0)[0]
    d.drag(first[::-1])
    assert game.pad.strokes == [] and not game.session.done[0]
    assert "arrow" in d.app.speaker.caption
    d.drag(first)
    assert game.session.done[0] and len(game.pad.strokes) == 1


def test_a_stroke_off_the_path_three_times_is_done_for_the_child(game_app):
    d = game_app(letters="l")
    game = open_game(d, 0)
    wait_for(d, game, "guided")
    pad = game.pad.rect
    for _ in range(3):
        d.drag([(pad.right - 60, pad.y + 40), (pad.right - 40, pad.y + 120)])
    assert game.session.given[0]
    d.until(lambda: len(game.stickers) == 1, what="the sticker anyway")


def test_a_dot_the_network_forgives_is_still_asked_for(game_app):
    d = game_app(letters="i")
    game = open_game(d, 2)                     # "Write": no watching
    assert game.step[0] in ("guided", "write")
    game.start_step("write", WRITE)
    write(d, game, seed=3, fault="missing", free=True)
    d.tap(game.pad.done_button.rect.center)
    assert "dot" in d.app.speaker.caption
    assert game.stickers == [] and game.writing.misses == 0 and len(game.pad.strokes) == 1   # the stem stays
    # a child who keeps pressing Done without the dot is reminded once more, then it counts as a miss
    d.tap(game.pad.done_button.rect.center)
    assert "dot" in d.app.speaker.caption and game.writing.misses == 0
    d.tap(game.pad.done_button.rect.center)
    assert game.stickers == [] and game.writing.misses == 1 and game.pad.strokes == []


def test_two_misses_on_blank_lines_bring_the_dots_back_and_the_letter_still_ends(game_app):
    d = game_app(accept=False, letters="o")
    game = open_game(d, 2)
    game.start_step("write", WRITE)
    for _ in range(2):
        write(d, game, seed=1, free=True)
        d.tap(game.pad.done_button.rect.center)
    assert game.step == ("guided", TRACE) or game.step == ("guided", DOTS)
    write(d, game, seed=2)
    d.until(lambda: game.stickers == ["o"], what="the sticker for o")
    assert game.helped_letters == 1


def test_watching_again_between_two_misses_still_brings_the_dots_back_after_the_second(game_app):
    d = game_app(accept=False, letters="o")
    game = open_game(d, 2)
    game.start_step("write", WRITE)
    write(d, game, seed=1, free=True)
    d.tap(game.pad.done_button.rect.center)
    assert game.writing.misses == 1
    d.tap(game.watch_button.rect.center)
    wait_for(d, game, "write")
    assert game.writing.misses == 1, "watching is help, not a fresh start"
    write(d, game, seed=1, free=True)
    d.tap(game.pad.done_button.rect.center)
    assert game.step[0] == "guided"


def test_the_watch_button_replays_the_pen_and_returns_to_the_same_step(game_app):
    d = game_app(letters="a")
    game = open_game(d, 0)
    wait_for(d, game, "guided")
    d.tap(game.watch_button.rect.center)
    assert game.step[0] == "watch"
    wait_for(d, game, "guided")
    assert game.session.current == 0


def test_undo_on_the_pad_takes_the_stroke_back_from_the_coach(game_app):
    d = game_app(letters="t")
    game = open_game(d, 0)
    wait_for(d, game, "guided")
    first = school_trace("t", game.lines_place(), np.random.default_rng(0), messiness=0)[0]
    d.drag(first)
    assert game.session.done == [True, False]
    d.tap(game.pad.undo_button.rect.center)
    assert game.pad.strokes == [] and game.session.done == [False, False] and game.session.current == 0


def test_guides_show_the_start_dot_at_levels_one_and_two_and_nothing_at_level_three(make_app):
    import pygame
    from games.engine.writing.coach import TracingSession, place_on_lines
    from games.engine.writing.guides import START_GREEN, StrokeGuide, WatchMe
    from games.engine.writing.tracepad import HandwritingLines
    make_app()                                  # pygame initialised, headless
    lines = HandwritingLines(pygame.Rect(100, 50, 600, 560))
    place = place_on_lines("t", lines.x_center(), lines.y(0), lines.unit)
    start = [int(v) for v in place.to_pixels([[0.2 - 0.05, 0.1]])[0]]   # beside the stroke number
    bar_start = [int(v) for v in place.to_pixels([[0.0, 0.5]])[0]]
    for level, shows in ((TRACE, True), (DOTS, True), (WRITE, False)):
        surface = pygame.Surface((800, 700))
        surface.fill((255, 255, 255))
        session = TracingSession("t", place)
        StrokeGuide("t", level, session).draw(surface, lines)
        assert (tuple(surface.get_at(start))[:3] == START_GREEN) == shows, level
        assert (surface.get_at(bar_start)[:3] != (255, 255, 255)) == shows   # the next stroke's start dot
    watch = WatchMe("t", on_stroke=lambda k, cue: cues.append(cue))
    cues = []
    for _ in range(int(watch.total * 10) + 2):
        watch.update(0.1)
    assert watch.finished and cues == ["down", "across"]


def test_a_missing_bar_keeps_the_ink_and_adding_the_bar_gets_the_letter_accepted(game_app):
    """Issue 8.4: "Don't forget the line across!" must not erase the child's letter."""
    d = game_app(letters="t")
    game = open_game(d, 2)                     # "Write"
    game.start_step("write", WRITE)
    place = game.lines_place()
    stem, bar = school_trace("t", place, np.random.default_rng(0), messiness=0)
    d.drag(stem)                               # the stem only: the bar is forgotten
    d.tap(game.pad.done_button.rect.center)
    assert "across" in d.app.speaker.caption or "line" in d.app.speaker.caption
    assert game.stickers == [] and game.step[0] == "write"
    assert len(game.pad.strokes) == 1, "the child's stem was erased"
    d.drag(bar)                                # the child adds the missing bar
    assert len(game.pad.strokes) == 2
    d.tap(game.pad.done_button.rect.center)
    d.until(lambda: game.stickers == ["t"], what="the sticker for t")
    strokes, target = d.app.checker.asked[-1]
    assert target == "t" and len(strokes) == 2   # the whole letter was checked: stem and bar


def test_a_wrong_start_in_strict_mode_still_clears_the_pad(game_app):
    d = game_app(letters="t", stroke_order="strict")
    game = open_game(d, 2)
    game.start_step("write", WRITE)
    write(d, game, seed=4, fault="reversed")
    d.tap(game.pad.done_button.rect.center)
    assert game.stickers == [] and game.pad.strokes == []


# --- level 3 "Write": from memory (issue #23.4) -----------------------------------------------------

def test_level_three_writes_each_letter_from_memory_by_real_events(game_app):
    """Issue #23.4: level 3 showed the pen and asked for a trace before every letter, like level 2."""
    d = game_app(letters="tin")
    game = open_game(d, 2)                     # "Write"
    steps_seen = []
    start_step = game.start_step
    game.start_step = lambda kind, level: (steps_seen.append(kind), start_step(kind, level))[1]
    for n in range(len(game.cards)):
        d.until(lambda: d.top is game and game.step[0] == "write", what="the next letter on blank lines")
        assert game.pad.enabled and game.pad.guide.level == WRITE and game.pad.auto_submit > 0
        assert "eye" in d.app.speaker.caption or "all by yourself" in d.app.speaker.caption
        write(d, game, seed=n, free=True)
        d.tap(game.pad.done_button.rect.center)
        d.until(lambda: len(game.stickers) == n + 1, what="a sticker")
    d.until(lambda: isinstance(d.top, StickerSheet), what="the sticker sheet")
    assert game.help.level("t") == TRACE            # the help ladder still counts the clean letters
    assert set(steps_seen) == {"write"}, f"level 3 showed {steps_seen}"


def test_level_three_shows_the_pen_only_on_the_eye_and_the_dots_only_after_misses(game_app):
    d = game_app(accept=False, letters="o")
    game = open_game(d, 2)
    assert game.step == ("write", WRITE)
    d.tap(game.watch_button.rect.center)         # on request: the pen shows how
    assert game.step[0] == "watch"
    wait_for(d, game, "write")
    for miss in range(2):
        assert game.step == ("write", WRITE)
        write(d, game, seed=miss, free=True)
        d.tap(game.pad.done_button.rect.center)
    assert game.step[0] == "guided" and game.step[1] in (TRACE, DOTS)   # the help ladder: dots after misses


def test_watching_again_keeps_the_half_written_letter(game_app):
    """Issue #23.3: the eye wiped the child's ink; it stays (pale under the pen) and comes back."""
    d = game_app(letters="t")
    game = open_game(d, 2)
    stem, bar = school_trace("t", game.lines_place(), np.random.default_rng(0), messiness=0.3)
    d.drag(stem)
    d.tap(game.watch_button.rect.center)
    assert game.step[0] == "watch" and len(game.pad.strokes) == 1 and game.pad.ink_faded
    wait_for(d, game, "write")
    assert len(game.pad.strokes) == 1 and not game.pad.ink_faded, "the stem was wiped by watching"
    d.seconds(3)
    assert d.app.checker.asked == [], "the kept half letter was sent on its own"
    d.drag(bar)
    d.tap(game.pad.done_button.rect.center)
    d.until(lambda: game.stickers == ["t"], what="the sticker for t")
    assert len(d.app.checker.asked[-1][0]) == 2


def test_watching_again_while_tracing_keeps_the_traced_strokes(game_app):
    d = game_app(letters="t")
    game = open_game(d, 0)                     # "Trace"
    wait_for(d, game, "guided")
    first = school_trace("t", game.lines_place(), np.random.default_rng(0), messiness=0)[0]
    d.drag(first)
    d.tap(game.watch_button.rect.center)
    wait_for(d, game, "guided")
    assert len(game.pad.strokes) == 1 and game.session.done == [True, False] and game.session.current == 1


def test_a_pause_mid_letter_on_blank_lines_waits_and_names_the_tick(game_app):
    d = game_app(letters="t")
    game = open_game(d, 2)
    stem, bar = school_trace("t", game.lines_place(), np.random.default_rng(0), messiness=0.3)
    d.drag(stem)
    d.seconds(2.5)
    assert d.app.checker.asked == [] and len(game.pad.strokes) == 1
    assert any("tick" in line for line in lines_said(d.app.speaker))
    d.drag(bar)
    d.until(lambda: game.stickers == ["t"], seconds=3, what="the sticker after the usual rest")


def test_a_tap_on_blank_lines_still_gets_its_kind_answer(make_app):
    from games.engine.writing.checker import RecognizerChecker
    s = Settings(letter_set="week", week_letters="u", case_mode="lower")
    app = make_app(checker=RecognizerChecker(), settings=s)
    app.push(Launcher(app))
    app.run_frames(2)
    d = Driver(app)
    game = open_game(d, 2)
    d.tap(game.pad.rect.center)
    d.until(lambda: "bigger" in d.app.speaker.caption, seconds=10, what="'write it a bit bigger'")
    assert game.writing.misses == 1 and game.pad.strokes == []


def test_tab_walks_down_the_left_side_in_every_step_home_eye_say_again(game_app):
    """The steps are declared states; each keeps the page's order: home, the eye, say-again, the pad."""
    import pygame
    d = game_app(letters="t")
    game = open_game(d, 1)                     # "Trace and write": watch, trace, write
    seen = set()
    for kind in ("watch", "guided", "write"):
        wait_for(d, game, kind)
        seen.add(game.state)
        assert game.widgets == [game.home_button, game.watch_button, game.say_again, game.pad]
        game.focus = None
        order = []
        for _ in range(3):
            d.key(pygame.K_TAB)
            order.append(game.focus)
        assert order == [game.home_button, game.watch_button, game.say_again]
        if kind == "guided":
            write(d, game)
        elif kind == "watch":
            assert not game.prompt.waiting, "the pen is writing: the task is not said again meanwhile"
    assert seen == {"watch", "guided", "write"}
