"""The grown-up gate keeps children out of the settings; the settings screen shows the truth and lays out cleanly.

Everything is driven by posted pointer events, as a child's or a teacher's finger would."""
from __future__ import annotations

import pygame
from fakes import Driver

from games.engine.play.common_scenes import GameStart
from games.engine.grownups.gate import HOLD_SECONDS, NUMBER_WORDS, QUIET_SECONDS, WRONG_SECONDS, GrownUpGate
from games.engine.grownups.settings_screen import SettingsScreen
from games.launcher import Launcher


def open_gate(d: Driver):
    gear = d.top.widgets[-1]
    d.tap(gear.rect.center)
    assert isinstance(d.top, GrownUpGate)
    return d.top


def hold(d: Driver, gate, seconds):
    """Press the lock, keep it pressed for ``seconds``, let go."""
    d.post(pygame.MOUSEBUTTONDOWN, pos=gate.hold.rect.center, button=1, touch=False)
    d.seconds(seconds)
    d.release(gate.hold.rect.center)


def number_button(gate, n):
    return next(b for b in gate.widgets if getattr(b, "label", None) == str(n))


def wrong_number(gate):
    return next(n for n in range(1, 10) if n != gate.answer[0])


def card_under(d: Driver, button):
    """A launcher game card under ``button`` (the gate's buttons sit over the cards)."""
    launcher = d.app.scenes._scenes[0]
    return next((c for c in launcher.cards.values() if c.rect.colliderect(button.rect)), None)


def test_a_tap_on_the_gear_does_not_open_settings(play):
    gate = open_gate(play)
    play.tap(gate.hold.rect.center)
    play.seconds(0.5)
    assert isinstance(play.top, GrownUpGate) and gate.step == "hold"


def test_a_short_hold_is_not_enough(play):
    gate = open_gate(play)
    hold(play, gate, 1.0)
    assert gate.step == "hold"


def test_a_hold_of_about_two_seconds_counts_the_first_time(play):
    # a grown-up who counts "one, two" lets go at about two seconds; the first frames after a press
    # arrive late, so a hold that only just reached two seconds used to be lost
    gate = open_gate(play)
    hold(play, gate, HOLD_SECONDS - 0.2)
    assert gate.step == "question"


def test_hold_and_answer_in_words_opens_settings(play):
    gate = open_gate(play)
    play.post(pygame.MOUSEBUTTONDOWN, pos=gate.hold.rect.center, button=1, touch=False)
    play.seconds(HOLD_SECONDS + 0.2)
    assert gate.step == "question"
    play.release(gate.hold.rect.center)
    assert not any(ch.isdigit() for ch in gate.question)
    assert all(NUMBER_WORDS[n] in gate.question for n in gate.answer)
    for n in gate.answer:
        play.tap(number_button(gate, n).rect.center)
    assert isinstance(play.top, SettingsScreen)


def test_a_wrong_number_says_so_and_then_asks_a_new_question(play):
    gate = open_gate(play)
    hold(play, gate, HOLD_SECONDS + 0.2)
    play.tap(number_button(gate, wrong_number(gate)).rect.center)
    assert play.top is gate and gate.step == "wrong"
    play.seconds(WRONG_SECONDS + QUIET_SECONDS + 0.1)
    assert play.top is gate and gate.step == "question"   # the gate never closes by itself


def test_taps_right_after_a_wrong_number_never_reach_the_launcher(play):
    gate = open_gate(play)
    hold(play, gate, HOLD_SECONDS + 0.2)
    wrong = number_button(gate, wrong_number(gate))
    card = card_under(play, wrong)
    assert card is not None, "the test needs a game card under the number buttons"
    play.tap(wrong.rect.center)
    for _ in range(3):                      # a child tapping on and on where the number was, mouse and finger
        play.tap(card.rect.center)
        play.finger_tap(card.rect.center)
    play.post(pygame.MOUSEBUTTONDOWN, pos=card.rect.center, button=1, touch=False)
    play.seconds(WRONG_SECONDS + QUIET_SECONDS + 1)   # a finger resting there: the gate stays and waits
    assert play.top is gate and gate.step == "wrong"
    play.release(card.rect.center)
    assert not any(isinstance(s, GameStart) for s in play.app.scenes)
    play.tap(gate.close_button.rect.center)   # no cross while "Not this time" shows
    assert play.top is gate
    play.seconds(QUIET_SECONDS + 0.1)
    play.tap(gate.close_button.rect.center)   # the cross of the new question closes the gate
    assert isinstance(play.top, Launcher)
    play.tap(card.rect.center)              # a new tap after the gate has gone works as always
    assert isinstance(play.top, GameStart)


def test_the_gate_panel_hides_the_screen_under_it(play):
    """No shape of the launcher shows through the panel: its inside is one flat colour."""
    gate = open_gate(play)
    inside = gate.panel.inflate(-40, -40)
    for step in ("hold", "question"):
        if step == "question":
            gate.show_question()
        canvas = play.app.canvas
        play.frames(1)
        launcher_only = pygame.Surface(canvas.get_size())
        play.app.scenes._scenes[0].draw(launcher_only)
        # every pixel of the panel not covered by the gate's own words and buttons is the panel colour
        words = pygame.Rect(gate.panel.x, gate.panel.y, gate.panel.w, 190)
        covered = [w.rect.inflate(20, 20) for w in gate.widgets] + [words]
        samples = [(x, y) for x in range(inside.left, inside.right, 7) for y in range(inside.top, inside.bottom, 7)
                   if not any(r.collidepoint(x, y) for r in covered)]
        colours = {tuple(canvas.get_at(p))[:3] for p in samples}
        assert len(samples) > 200 and len(colours) == 1, (step, len(colours))


def test_the_gate_dims_the_screen_around_it(play):
    before = play.app.canvas.get_at((40, 400))
    open_gate(play)
    after = play.app.canvas.get_at((40, 400))
    assert sum(after[:3]) < sum(before[:3]) * 0.6


# -- the settings screen ---------------------------------------------------------------------------

def fullscreen_button(screen):
    label, key, rx, ry = next(r for r in screen.rows if r[1] == "fullscreen")
    return next(b for b in screen.widgets if b.rect.y == ry and b.rect.x > rx and b.label in ("on", "off"))


def on_window(app, pos):
    """Where a canvas point is in a full-screen window (the canvas is scaled to fit it)."""
    scale, ox, oy = app._view()
    return (pos[0] * scale + ox, pos[1] * scale + oy)


def test_kiosk_settings_say_full_screen_is_on(make_app):
    app = make_app(kiosk=True, fullscreen=True)
    assert not app.settings.fullscreen          # the saved wish is "window"; kiosk is full screen anyway
    screen = SettingsScreen(app)
    app.push(screen)
    button = fullscreen_button(screen)
    assert button.label == "on" and not button.enabled
    Driver(app).tap(on_window(app, button.rect.center))   # kiosk stays full screen
    assert app.fullscreen and fullscreen_button(screen).label == "on"


def test_full_screen_button_follows_the_window(make_app):
    app = make_app(fullscreen=True)             # e.g. --fullscreen or F11, with "off" saved
    screen = SettingsScreen(app)
    app.push(screen)
    assert fullscreen_button(screen).label == "on"
    Driver(app).tap(on_window(app, fullscreen_button(screen).rect.center))
    assert not app.fullscreen and fullscreen_button(screen).label == "off" and not app.settings.fullscreen


def test_game_titles_never_touch_their_buttons(play):
    play.app.push(SettingsScreen(play.app))
    screen = play.top
    play.tap(next(b for b in screen.widgets if getattr(b, "label", "") == "Games").rect.center)
    assert screen.page == "games"
    row_buttons = [b for b in screen.widgets if b.rect.y >= 130 and b.rect.bottom < 700]
    # draw the titles alone and find their ink: it must end well before every button on its row
    surface = pygame.Surface((1280, 800))
    from games.engine.core import draw as d
    for game, y, size, title in screen.game_rows:
        surface.fill((255, 255, 255))
        d.draw_text(surface, game.title, size, (title.centerx, y + 31), (0, 0, 0), bold=True)
        ink = _ink(surface)
        assert ink.w >= d.font(size, True).size(game.title)[0] - 12   # the whole title, not squeezed
        for b in row_buttons:
            if b.rect.y == y:
                assert ink.right + 16 <= b.rect.left, (game.title, ink.right, b.rect.left)


def _ink(surface):
    mask = pygame.mask.from_threshold(surface, (0, 0, 0), (128, 128, 128, 255))
    rects = mask.get_bounding_rects()
    return rects[0].unionall(rects[1:])


def test_settings_screen_changes_are_saved_when_done(play, user_home):
    from games.engine.core.settings import Settings
    play.app.push(SettingsScreen(play.app))
    screen = play.top
    vowels = next(b for b in screen.widgets if getattr(b, "label", "") == "Vowels")
    play.tap(vowels.rect.center)
    lower = next(b for b in screen.widgets if getattr(b, "label", "") == "lowercase")
    play.tap(lower.rect.center)
    done = next(b for b in screen.widgets if getattr(b, "label", "") == "Done")
    play.tap(done.rect.center)
    assert isinstance(play.top, Launcher)
    saved = Settings.load()
    assert saved.letter_set == "vowels" and saved.case_mode == "lower"


def test_settings_screen_says_when_the_file_was_damaged(make_app, user_home):
    from games.engine.core import paths
    from games.engine.core.settings import Settings
    paths.settings_file().parent.mkdir(parents=True)
    paths.settings_file().write_text("{{{", encoding="utf-8")
    app = make_app(settings=Settings.load())
    screen = SettingsScreen(app)
    assert screen.notice and "reset" in screen.notice


def test_teacher_hides_a_game_and_turns_on_a_game_option(play, user_home):
    from games.engine.core.settings import Settings
    from games.registry import load_games
    play.app.push(SettingsScreen(play.app))
    screen = play.top
    play.tap(next(b for b in screen.widgets if getattr(b, "label", "") == "Games").rect.center)
    assert screen.page == "games"
    games = load_games()
    first = games[0]
    shown_buttons = [b for b in screen.widgets if getattr(b, "label", "") in ("shown", "hidden")]
    assert len(shown_buttons) == len(games)
    play.tap(shown_buttons[0].rect.center)
    with_options = [g for g in games if g.options]
    if with_options:
        game, opt = with_options[0], with_options[0].options[0]
        button = next(b for b in screen.widgets if getattr(b, "label", "").startswith(opt.label))
        play.tap(button.rect.center)
    play.tap(next(b for b in screen.widgets if getattr(b, "label", "") == "Done").rect.center)
    saved = Settings.load()
    assert saved.hidden_games == [first.id]
    if with_options:
        assert saved.game_option(game.id, opt.key, opt.default) is (not opt.default)
    launcher = Launcher(play.app)
    assert first.id not in launcher.cards and len(launcher.cards) == len(games) - 1


def test_the_last_game_cannot_be_hidden(play):
    from games.registry import load_games
    play.app.push(SettingsScreen(play.app))
    screen = play.top
    screen.show_page("games")
    for game in load_games():
        screen.toggle_game(game.id)
    assert len(play.app.settings.hidden_games) == len(load_games()) - 1
