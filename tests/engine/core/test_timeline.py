"""The scene's timeline: steps after a time, tweens along named easings, cleared with the round."""
from __future__ import annotations

import pytest

from games.engine.core.timeline import EASINGS, Timeline, ease


class Box:
    x = 0.0


def test_a_step_runs_once_when_its_time_has_come():
    tl, ran = Timeline(), []
    tl.after(0.5, lambda: ran.append("go"))
    for _ in range(4):
        tl.update(0.1)
    assert ran == []
    tl.update(0.1)
    assert ran == ["go"]
    tl.update(1.0)
    assert ran == ["go"] and not tl.busy


def test_a_tween_sets_the_start_at_once_follows_its_easing_and_then_calls_on():
    tl, box, done = Timeline(), Box(), []
    tl.tween(box, "x", 10.0, 20.0, 1.0, "out_cubic", then=lambda: done.append(box.x))
    assert box.x == 10.0
    tl.update(0.5)
    assert box.x == pytest.approx(10 + 10 * (1 - 0.5 ** 3))
    tl.update(0.5)
    assert box.x == 20.0 and done == [20.0]


def test_a_tween_can_drive_a_setter():
    tl, seen = Timeline(), []
    tl.tween(seen.append, None, 0.0, 1.0, 0.2, "linear")
    tl.update(0.1)
    tl.update(0.1)
    assert seen == pytest.approx([0.0, 0.5, 1.0])


def test_steps_made_by_a_step_wait_for_the_next_update():
    tl, ran = Timeline(), []
    tl.after(0.1, lambda: tl.after(0, lambda: ran.append("second")))
    tl.update(0.1)
    assert ran == []
    tl.update(0.016)
    assert ran == ["second"]


def test_clear_forgets_everything_even_from_inside_a_step():
    tl, ran = Timeline(), []
    tl.after(0.1, tl.clear)              # a new round starts...
    tl.after(0.1, lambda: ran.append("old round"))   # ...so this one must never fire
    tl.after(0.5, lambda: ran.append("later"))
    tl.update(0.2)
    tl.update(1.0)
    assert ran == [] and not tl.busy


def test_cancel_stops_one_job():
    tl, ran = Timeline(), []
    job = tl.after(0.1, lambda: ran.append(1))
    tl.after(0.1, lambda: ran.append(2))
    job.cancel()
    tl.update(0.2)
    assert ran == [2]


@pytest.mark.parametrize("name", sorted(EASINGS))
def test_every_easing_starts_at_0_and_ends_at_1(name):
    assert ease(name, 0.0) == pytest.approx(0.0)
    assert ease(name, 1.0) == 1.0 and ease(name, 3.0) == 1.0 and ease(name, -1.0) == pytest.approx(0.0)


def test_an_unknown_easing_fails_where_it_is_written():
    with pytest.raises(KeyError):
        Timeline().tween(Box(), "x", 0, 1, 1.0, "bouncy")


def test_leaving_a_game_cancels_its_timers(play):
    """Home during the cloth's slide: nothing of the old round runs on (no sound, no new round)."""
    from games.registry import find_game
    info = find_game("missing_letter")
    game = info.make_scene(play.app, info.levels[0], None)
    play.app.push(game)
    play.seconds(1.0)
    assert game.timeline.busy
    game.home_button.activate()
    play.top.stop_button.activate()           # "Stop playing?": the house
    assert play.top is not game and not game.timeline.busy
