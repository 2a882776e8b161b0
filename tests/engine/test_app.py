"""The app around the games: keyboard focus, quitting (asked first, and on SIGTERM), window size, idle cost."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pygame
import pytest
from fakes import Driver, FakeChecker

from games.engine.core.scene import Scene
from games.launcher import Launcher
from games.missing_letter.scene import MissingLetter
from games.registry import find_game

ROOT = Path(__file__).resolve().parents[2]


def launcher_driver(make_app, **kw):
    app = make_app(**kw)
    app.push(Launcher(app))
    app.run_frames(2)
    return Driver(app)


def write_and_miss(d: Driver, game):
    pad = game.pad.rect
    d.drag([(pad.x + 150 + i * 6, pad.y + 60 + i * 8) for i in range(30)])
    d.tap(game.pad.done_button.rect.center)


# -- keyboard focus ---------------------------------------------------------------------------------
def test_enter_right_after_choosing_with_the_keyboard_does_not_press_the_old_tile(make_app):
    """Issue 9.1: the chosen tile kept focus after it left the scene; Enter pressed it again (IndexError)."""
    d = launcher_driver(make_app, checker=FakeChecker(False))
    d.tap(d.top.cards["missing_letter"].rect.center)
    d.tap(d.top.widgets[0].rect.center)
    game = d.top
    assert isinstance(game, MissingLetter)
    d.until(lambda: game.state == "write" and d.top is game, what="the pad")
    for _ in range(3):
        write_and_miss(d, game)
    assert game.state == "choose"
    right = next(t for t in game.choices if t.char == game.current_card.answer)
    for _ in range(10):
        if game.focus is right:
            break
        d.key(pygame.K_TAB)
    assert game.focus is right
    d.key(pygame.K_RETURN)
    d.until(lambda: d.top is game and game.state == "next", what="the pause before the next round")
    assert game.focus is None            # the chosen tile left the scene and took the focus with it
    d.key(pygame.K_RETURN)               # used to raise IndexError in on_choice
    d.key(pygame.K_SPACE)
    assert d.top is game and game.state == "next" and game.round == 1
    d.until(lambda: game.round == 2, what="the next round")


class Grid(Scene):   # a plain scene with buttons in a 3 x 2 grid, listed out of order
    def __init__(self, app):
        super().__init__(app)
        from games.engine.core.widgets import Button, LetterTile
        self.at = {}
        for col, row in [(2, 1), (0, 0), (1, 1), (2, 0), (0, 1), (1, 0)]:
            b = Button((100 + col * 300, 100 + row * 250, 200, 150), lambda c=col, r=row: self.pressed.append((c, r)))
            self.at[col, row] = b
            self.widgets.append(b)
        self.hidden_button = Button((400, 600, 150, 100), lambda: self.pressed.append("hidden"))
        self.hidden_button.visible = False
        self.off_button = Button((700, 600, 150, 100), lambda: self.pressed.append("off"))
        self.off_button.enabled = False
        self.picture = LetterTile((1000, 100, 150, 150), "A")   # a tile nobody can press
        self.widgets += [self.hidden_button, self.off_button, self.picture]
        self.pressed = []


def test_arrows_move_focus_to_the_nearest_widget_that_way(make_app):
    app = make_app()
    app.push(Grid(app))
    d, g = Driver(app), app.scenes.top
    d.key(pygame.K_RIGHT)
    assert g.focus is g.widgets[0]           # nothing focused yet: the first one in the list
    g.focus = g.at[0, 0]
    moves = [(pygame.K_RIGHT, (1, 0)), (pygame.K_RIGHT, (2, 0)), (pygame.K_RIGHT, (2, 0)), (pygame.K_DOWN, (2, 1)),
             (pygame.K_DOWN, (2, 1)), (pygame.K_LEFT, (1, 1)), (pygame.K_UP, (1, 0)), (pygame.K_LEFT, (0, 0)),
             (pygame.K_DOWN, (0, 1)), (pygame.K_UP, (0, 0))]
    for key, where in moves:
        d.key(key)
        assert g.focus is g.at[where], (pygame.key.name(key), where)
    d.key(pygame.K_RETURN)
    assert g.pressed == [(0, 0)]


def test_tab_keeps_list_order_and_skips_what_cannot_be_pressed(make_app):
    app = make_app()
    app.push(Grid(app))
    d, g = Driver(app), app.scenes.top
    seen = []
    for _ in range(8):
        d.key(pygame.K_TAB)
        seen.append(g.focus)
    assert seen == g.widgets[:6] + g.widgets[:2]
    d.key(pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    assert g.focus is g.widgets[0]
    for key in (pygame.K_DOWN, pygame.K_DOWN, pygame.K_RIGHT, pygame.K_RIGHT, pygame.K_RIGHT):
        d.key(key)
        assert g.focus not in (g.hidden_button, g.off_button, g.picture)


def test_a_focused_widget_that_is_hidden_loses_focus_and_arrows_resume_near_it(make_app):
    app = make_app()
    app.push(Grid(app))
    d, g = Driver(app), app.scenes.top
    g.focus = g.at[2, 1]
    g.at[2, 1].visible = False
    d.frames(1)
    assert g.focus is None
    d.key(pygame.K_RETURN)
    assert g.pressed == []
    d.key(pygame.K_LEFT)
    assert g.focus is g.at[2, 0]                 # the nearest one to where the focus was


def test_in_missing_letter_the_keyboard_never_focuses_the_tray_pictures(make_app):
    d = launcher_driver(make_app)
    d.tap(d.top.cards["missing_letter"].rect.center)
    d.tap(d.top.widgets[0].rect.center)
    game = d.top
    assert isinstance(game, MissingLetter) and game.state == "show"
    for key in (pygame.K_TAB, pygame.K_RIGHT, pygame.K_DOWN, pygame.K_TAB):
        d.key(key)
        assert game.focus in (game.home_button, game.say_again)
        assert game.focus not in game.tiles


# -- quitting on a signal ---------------------------------------------------------------------------
def _catches(pid: int, sig: int) -> bool:
    """Has process ``pid`` installed a handler for ``sig`` (Linux: SigCgt in /proc/PID/status)?"""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    mask = int(next(line for line in status.splitlines() if line.startswith("SigCgt:")).split()[1], 16)
    return bool(mask >> (sig - 1) & 1)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc to see the game is ready")
@pytest.mark.parametrize("args, sig", [(["--mute"], signal.SIGTERM), (["--mute", "--kiosk"], signal.SIGTERM),
                                       (["--mute", "--kiosk"], signal.SIGINT)])
def test_the_system_can_stop_the_game_in_every_mode(tmp_path, args, sig):
    """Issue 8.6: kiosk mode ignored SIGTERM, so only SIGKILL stopped it (a hung logout or shutdown)."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", LETTERPLAY_HOME=str(tmp_path / "home"))
    game = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(600):   # wait until its loop runs (its own handler for SIGHUP is in place)
            if game.poll() is not None or _catches(game.pid, signal.SIGHUP):
                break
            time.sleep(0.05)
        assert game.poll() is None, game.communicate()[1].decode()
        game.send_signal(sig)
        out, err = game.communicate(timeout=20)
    finally:
        if game.poll() is None:
            game.kill()
            game.wait()
    assert game.returncode == 0, err.decode()
    assert "saving and quitting" in err.decode()


def test_a_stop_signal_saves_changed_settings_and_ends_the_loop(make_app, user_home):
    from games.engine.core.settings import Settings
    app = make_app(kiosk=True)
    app.push(Launcher(app))
    app.settings.volume = 0.3          # say a grown-up changed it and the settings screen is still open
    previous = signal.getsignal(signal.SIGTERM)

    class SignalSoon(Scene):
        frames = 0

        def update(self, dt):
            self.frames += 1
            if self.frames == 3:
                os.kill(os.getpid(), signal.SIGTERM)
            assert self.frames < 300, "the loop did not stop"

    app.push(SignalSoon(app))
    app.run()
    assert app.stop_signal == signal.SIGTERM
    assert Settings.load().volume == 0.3
    assert signal.getsignal(signal.SIGTERM) is previous   # the handler is only ours while the game runs


# -- the window ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("desktop", [(1366, 768), (1280, 800), (1280, 720), (1024, 600), (1920, 1080), (3840, 2160)])
def test_the_default_window_fits_the_desktop_with_room_for_title_bar_and_panels(desktop):
    """Issue 8.5: a 1280x800 window on a 1366x768 laptop put the title bar off screen and cut the captions."""
    from games.engine.app import DESKTOP_MARGIN, fitting_window_size
    w, h = fitting_window_size([desktop])
    assert w <= desktop[0] - DESKTOP_MARGIN[0] and h <= desktop[1] - DESKTOP_MARGIN[1]
    assert (w, h) <= (1280, 800) and abs(w / h - 1.6) < 0.01     # the canvas's shape, never bigger than it
    assert w >= min(1280, desktop[0] - DESKTOP_MARGIN[0]) - 2 or h >= min(800, desktop[1] - DESKTOP_MARGIN[1]) - 2


def test_the_laptop_gets_a_window_it_can_show_whole():
    from games.engine.app import fitting_window_size
    assert fitting_window_size([(1366, 768), (1920, 1080)]) == (1069, 668)   # the first (primary) desktop
    assert fitting_window_size([]) == (1280, 800)


def test_without_a_size_the_app_opens_the_fitting_window_and_size_wins(make_app):
    from games.engine.app import fitting_window_size
    app = make_app(size=None)
    assert app.window.get_size() == fitting_window_size(pygame.display.get_desktop_sizes())
    app.shutdown()
    app = make_app(size=(900, 600))
    assert app.window.get_size() == (900, 600)


def test_the_command_line_leaves_the_size_to_the_desktop_unless_asked(capsys):
    from games.launcher import main, parse_args
    assert parse_args([]).size is None and parse_args(["--size", "1000x700"]).size == "1000x700"
    assert main(["--size", "big"]) == 2 and "WIDTHxHEIGHT" in capsys.readouterr().err
    assert main(["--size", "0x700"]) == 2


# -- asking before quitting -------------------------------------------------------------------------
def test_esc_on_the_launcher_asks_before_quitting_and_esc_again_keeps_playing(make_app):
    """Issue 8.7: Esc on the launcher (or two from a game) quit at once, with no question."""
    from games.engine.grownups.quit_dialog import QuitDialog
    d = launcher_driver(make_app)
    d.tap(d.top.cards["missing_letter"].rect.center)
    d.key(pygame.K_ESCAPE)
    assert isinstance(d.top, Launcher)
    d.key(pygame.K_ESCAPE)
    assert d.app.running and isinstance(d.top, QuitDialog)
    assert "stop playing" in d.app.speaker.caption.lower()       # asked aloud and in the caption
    d.key(pygame.K_ESCAPE)                                      # a third Esc keeps playing
    assert d.app.running and isinstance(d.top, Launcher)
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_RETURN)                                      # Enter presses "keep playing", which has focus
    assert d.app.running and isinstance(d.top, Launcher)


def test_the_door_quits_and_the_green_button_keeps_playing(make_app):
    from games.engine.grownups.quit_dialog import QuitDialog
    d = launcher_driver(make_app)
    launcher = d.top
    assert launcher.quit_button in launcher.widgets and launcher.quit_button.rect.h >= 84
    d.tap(launcher.quit_button.rect.center)
    dialog = d.top
    assert isinstance(dialog, QuitDialog)
    for button in (dialog.stop_button, dialog.keep_button):
        assert min(button.rect.size) >= 96
    d.tap(dialog.keep_button.rect.center)
    assert d.app.running and d.top is launcher
    d.tap(launcher.quit_button.rect.center)
    d.tap((30, 780))                                            # a tap beside the question: keep playing
    assert d.app.running and d.top is launcher
    d.tap(launcher.quit_button.rect.center)
    d.tap(d.top.stop_button.rect.center)
    assert not d.app.running


def test_in_kiosk_mode_the_launcher_has_no_quit_door_and_esc_opens_the_gate(make_app):
    from games.engine.grownups.gate import GrownUpGate
    d = launcher_driver(make_app, kiosk=True)
    assert d.top.quit_button is None
    d.key(pygame.K_ESCAPE)
    assert d.app.running and isinstance(d.top, GrownUpGate)


# -- idle cost --------------------------------------------------------------------------------------
def run_loop_for(app, frames, monkeypatch):
    """Run the real loop (``App.run``) for ``frames`` frames; returns the rests it took between them."""
    rests, done, real_frame = [], [], app.frame

    def frame(dt):
        real_frame(dt)
        done.append(dt)
        if len(done) >= frames:
            app.running = False

    monkeypatch.setattr(app, "frame", frame)
    monkeypatch.setattr(app, "_rest_until_input", rests.append)
    monkeypatch.setattr(app, "shutdown", lambda: None)
    app.run()
    monkeypatch.undo()
    app.running = True
    return rests


def quiet_launcher(make_app):
    import time as _time
    app = make_app()
    launcher = Launcher(app)
    app.push(launcher)
    Driver(app).until(lambda: app.caption._alpha in (0.0, 1.0) and not app.speaker.caption, what="a quiet caption")
    app._last_input = _time.monotonic() - 60
    return app, launcher


def test_a_still_launcher_draws_a_few_frames_a_second_and_settles_to_two(make_app, monkeypatch):
    """Issue 8.14: the launcher drew 60 frames a second while nothing moved (~34% of a core)."""
    app, launcher = quiet_launcher(make_app)
    assert not app.wants_full_rate()
    assert run_loop_for(app, 5, monkeypatch) == [pytest.approx(0.1)] * 5     # 10 a second while the title bobs
    app.run_frames(int(launcher.SETTLE_AFTER * 10) + 40, dt=0.1)
    assert launcher.bob == 0 and launcher.idle_fps == 2                    # the title has come to rest
    assert run_loop_for(app, 3, monkeypatch) == [pytest.approx(0.5)] * 3


def test_input_wakes_the_launcher_to_full_rate_and_games_always_run_at_full_rate(make_app, monkeypatch):
    app, launcher = quiet_launcher(make_app)
    app.run_frames(int(launcher.SETTLE_AFTER * 10) + 40, dt=0.1)
    Driver(app).key(pygame.K_TAB)
    assert app.wants_full_rate() and launcher.quiet < 1
    app.run_frames(10, dt=0.1)
    assert launcher.bob == 1                                               # bobbing again for the children
    d = Driver(app)
    d.tap(launcher.cards["missing_letter"].rect.center)
    d.tap(d.top.widgets[0].rect.center)
    assert isinstance(d.top, MissingLetter)
    app._last_input -= 60
    assert app.wants_full_rate()                                           # a game animates: 60 a second
    assert run_loop_for(app, 5, monkeypatch) == []


def test_a_window_in_the_background_rests(make_app, monkeypatch):
    app = make_app()
    game = find_game("missing_letter")
    app.push(game.make_scene(app, game.levels[0]))
    pygame.event.post(pygame.event.Event(pygame.WINDOWFOCUSLOST))
    app.run_frames(1)
    app._last_input -= 60
    assert app.paused and not app.wants_full_rate()
    assert run_loop_for(app, 2, monkeypatch) == [pytest.approx(0.25)] * 2


class _ColdGame:
    """Stands in for a game whose code is not imported yet; counts the imports the launcher asks for."""

    def __init__(self, game_id, broken=False):
        self.id, self.broken, self.loaded = game_id, broken, 0

    def scene_class(self):
        self.loaded += 1
        if self.broken:
            raise ImportError(f"{self.id} is broken")
        return Scene


def test_the_launcher_loads_each_games_code_while_nobody_plays_one_a_frame(play, caplog):
    """The frame that opens a game used to import its code as well as paint its pictures (61 ms for
    trace and write); the launcher now imports it ahead, one game a frame, only when nobody touches."""
    launcher = play.top
    games = [_ColdGame("a"), _ColdGame("b", broken=True), _ColdGame("c")]
    launcher._cold = list(reversed(games))
    launcher.quiet = 0.0
    play.frames(int(Launcher.WARM_UP_AFTER * 60) - 2)   # right after a touch: nothing yet
    assert [g.loaded for g in games] == [0, 0, 0]
    for _ in range(10):                   # a moment of quiet: the first game
        play.frames(1)
        if games[0].loaded:
            break
    assert [g.loaded for g in games] == [1, 0, 0], "one game a frame"
    play.frames(1)
    assert [g.loaded for g in games] == [1, 1, 0]
    play.frames(5)
    assert [g.loaded for g in games] == [1, 1, 1], "one broken game must not stop the others"
    assert play.top is launcher and "could not load the game b" in caplog.text
