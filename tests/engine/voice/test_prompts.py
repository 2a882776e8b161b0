"""Hearing the task again (say-again button, repeats after quiet, basketball's hint and target sign) and
letters named in the case being played (captions and spoken forms), in all four games."""
from __future__ import annotations

import re
import string
from pathlib import Path

import pygame
import pytest
from fakes import Driver

from games.basketball.scene import TARGET_CARD, Basketball
from games.engine.core.letters import CaseMode, LetterSet
from games.engine.play.players import default_players
from games.engine.core.prompt import MOST_REPEATS, REPEAT_AFTER, Prompt
from games.engine.core.settings import Settings
from games.engine.voice.espeak import load_letter_sounds, spoken_form
from games.engine.voice.phrases import PHRASES_FILE, read_phrase_file
from games.engine.core.widgets import SayAgainButton
from games.registry import find_game

GAMES = ("missing_letter", "basketball", "candy_match", "trace_write")
ROOT = Path(__file__).resolve().parents[3]
PHRASE_FILES = [PHRASES_FILE] + sorted((ROOT / "games").glob("*/phrases.json"))
LETTER_FIELDS = {"letter", "target", "big", "small", "first", "second"}
NAMES = load_letter_sounds()["names"]


def start_game(make_app, game_id, case="lower", letters="abdpq"):
    """A game scene straight on the stack (no launcher), in the given case, with a quiet speaker."""
    app = make_app(settings=Settings(case_mode=case, letter_set="week", week_letters=letters))
    info = find_game(game_id)
    game = info.make_scene(app, info.levels[0], default_players(1))
    app.push(game)
    d = Driver(app)
    d.frames(2)
    return d, game


def waiting_for_the_child(d, game):
    """Until the game waits for the child and its voice has finished (the caption gone)."""
    d.until(lambda: game.prompt.waiting and not d.app.speaker.busy and d.app.speaker.caption is None,
            seconds=40, what="the game to wait for the child")


def say_again_button(game) -> SayAgainButton:
    buttons = [w for w in game.widgets if isinstance(w, SayAgainButton)]
    assert len(buttons) == 1, "one say-again button among the scene's widgets"
    return buttons[0]


# -- the say-again button --------------------------------------------------------------------------------

@pytest.mark.parametrize("game_id", GAMES)
def test_every_game_has_a_big_say_again_button_that_repeats_the_prompt(make_app, game_id):
    d, game = start_game(make_app, game_id)
    waiting_for_the_child(d, game)
    button = say_again_button(game)
    assert button.visible and button.enabled and button.focusable
    assert min(button.rect.size) >= 96
    assert pygame.Rect(0, 0, 1280, 800).contains(button.rect)
    prompt = list(game.prompt.lines)
    assert prompt, "the game keeps its current prompt"
    d.app.speaker.say("Something else entirely.", interrupt=True)
    d.tap(button.rect.center)
    assert d.app.speaker.caption == prompt[0]
    said = [line.caption for line in d.app.speaker._queue]
    if d.app.speaker._current is not None:
        said.insert(0, d.app.speaker._current.caption)
    assert said == prompt, "the whole prompt is said again, nothing else"


@pytest.mark.parametrize("game_id", GAMES)
def test_the_say_again_button_works_from_the_keyboard(make_app, game_id):
    d, game = start_game(make_app, game_id)
    waiting_for_the_child(d, game)
    button = say_again_button(game)
    for _ in range(len(game.widgets) + 1):
        if game.focus is button:
            break
        d.key(pygame.K_TAB)
    assert game.focus is button, "Tab reaches the say-again button"
    d.app.speaker.stop()
    d.key(pygame.K_RETURN)
    assert d.app.speaker.caption == game.prompt.lines[0]


@pytest.mark.parametrize("game_id", GAMES)
def test_a_quiet_game_says_its_prompt_again_after_about_eight_seconds(make_app, game_id):
    d, game = start_game(make_app, game_id)
    waiting_for_the_child(d, game)
    d.seconds(REPEAT_AFTER - 3)
    assert d.app.speaker.caption is None, "not too soon"
    d.until(lambda: d.app.speaker.caption is not None, seconds=4, what="the prompt again")
    assert d.app.speaker.caption == game.prompt.lines[0]


class FakeSpeaker:
    def __init__(self):
        self.said, self.busy, self.caption = [], False, None

    def say(self, text, interrupt=False, owner=None):
        self.said.append(text)


def test_prompt_repeats_only_in_quiet_never_over_speech_and_stops_after_a_few():
    speaker = FakeSpeaker()
    prompt = Prompt(speaker)
    prompt.ask("Find the letter b!")
    assert speaker.said == ["Find the letter b!"]
    speaker.busy = True                       # the voice is still speaking: the quiet has not begun
    for _ in range(30):
        prompt.update(1.0)
    assert speaker.said == ["Find the letter b!"]
    speaker.busy = False
    prompt.update(REPEAT_AFTER - 0.5)
    assert len(speaker.said) == 1
    prompt.update(0.6)
    assert len(speaker.said) == 2
    prompt.update(REPEAT_AFTER / 2)           # never more often than every REPEAT_AFTER seconds
    assert len(speaker.said) == 2
    for _ in range(100):
        prompt.update(1.0)
    assert len(speaker.said) == 1 + MOST_REPEATS, "a few repeats, then quiet"
    prompt.child_acted()                      # the child is back: the repeats may start again
    prompt.update(REPEAT_AFTER + 0.1)
    assert len(speaker.said) == 2 + MOST_REPEATS
    prompt.hold()                             # an animation or a celebration: no repeats
    for _ in range(30):
        prompt.update(1.0)
    assert len(speaker.said) == 2 + MOST_REPEATS
    prompt.again()                            # but the button still works
    assert speaker.said[-1] == "Find the letter b!"


# -- basketball: the hint and the target sign ---------------------------------------------------------

def test_basketball_the_right_ball_glows_after_two_wrong_taps(make_app):
    d, game = start_game(make_app, "basketball")
    d.until(lambda: all(b.age > 0.6 for b in game.balls), what="the balls to land")
    right = next(b for b in game.balls if b.card.base == game.card.base)
    wrong = [b for b in game.balls if b is not right]
    d.tap(wrong[0].rect.center)
    assert game.state == "find" and not any(b.hint for b in game.balls), "one miss: no hint yet"
    d.tap(wrong[1].rect.center)
    assert right.hint and not any(b.hint for b in wrong)
    d.tap(right.rect.center)
    assert game.state == "unfold"


def test_basketball_keeps_the_target_letter_on_screen_after_the_caption_fades(make_app):
    d, game = start_game(make_app, "basketball")
    waiting_for_the_child(d, game)

    def sign_pixels():
        game.draw(d.app.canvas)
        return pygame.image.tobytes(d.app.canvas.subsurface(TARGET_CARD), "RGB")

    showing = sign_pixels()
    ink = d.app.canvas.subsurface(TARGET_CARD).copy()
    dark = sum(1 for x in range(0, ink.get_width(), 2) for y in range(0, ink.get_height(), 2)
               if sum(ink.get_at((x, y))[:3]) < 250)
    assert dark > 100, "a letter is drawn on the sign"
    other = next(c for c in "abdpq" if c != game.card.base)
    game.targets[game.round - 1] = type(game.card)(other, other, other)
    assert sign_pixels() != showing, "the sign shows the letter being looked for"


# -- letters in the case being played --------------------------------------------------------------------

def test_a_letter_card_is_named_by_the_face_being_played():
    rng = __import__("random").Random(3)
    lower = LetterSet("t", "t", "bq").cards(CaseMode.LOWER, rng)
    upper = LetterSet("t", "t", "bq").cards(CaseMode.UPPER, rng)
    assert sorted(c.name for c in lower) == ["b", "q"]
    assert sorted(c.name for c in upper) == ["B", "Q"]
    assert all(c.name == c.shown for c in LetterSet("t", "t", "abcdefgh").cards(CaseMode.MIXED, rng))


def named_letters(caption: str) -> list[str]:
    """The letters a caption names: after "letter(s)" and in lists like "b, q, p"."""
    after_word = re.findall(r"\bletters?:?\s+([A-Za-z])(?![\w'])", caption)
    lists = re.findall(r"(?<![\w'])[A-Za-z](?:, [A-Za-z])+(?![\w'])", caption)
    return after_word + [c for found in lists for c in found if c.isalpha()]


def captions_while_playing(d, game, seconds=6.0):
    seen = []
    for _ in range(int(seconds * 30)):
        caption = d.app.speaker.caption
        if caption and (not seen or seen[-1] != caption):
            seen.append(caption)
        d.app.run_frames(1, dt=1 / 30)
    return seen


@pytest.mark.parametrize("game_id", GAMES)
def test_in_a_lower_case_game_the_captions_name_lower_case_letters(make_app, game_id):
    d, game = start_game(make_app, game_id, case="lower")
    if game_id == "candy_match":     # the first prompt names no letter: lift two that differ, then a pair
        game.write_to_keep = True
        d.until(lambda: game.state == "pick", what="the deal")
        first = game.candies[0]
        second = next(c for c in game.candies if c.base != first.base)
        d.tap(first.rect.center)
        d.tap(second.rect.center)
        seen = captions_while_playing(d, game, seconds=1.5)
        d.until(lambda: game.state == "pick", what="the candies to go back")
        d.tap(first.rect.center)
        d.tap(next(c for c in game.candies if c.base == first.base and c is not first).rect.center)
        d.until(lambda: game.state == "write", what="write to keep")
        assert named_letters(d.app.speaker.caption) == [first.face]
        letters = [c for caption in seen + [d.app.speaker.caption] for c in named_letters(caption)]
        assert letters and all(c.islower() for c in letters)
        return
    elif game_id == "basketball":    # and a wrong ball is named too
        d.until(lambda: all(b.age > 0.6 for b in game.balls), what="the balls to land")
        d.tap(next(b for b in game.balls if b.card.base != game.card.base).rect.center)
    captions = captions_while_playing(d, game)
    letters = [c for caption in captions for c in named_letters(caption)]
    assert letters, f"some caption names a letter: {captions}"
    assert all(c.islower() for c in letters), captions


@pytest.mark.parametrize("game_id", ("basketball", "trace_write"))
def test_in_an_upper_case_game_the_captions_name_capitals(make_app, game_id):
    d, game = start_game(make_app, game_id, case="upper")
    captions = captions_while_playing(d, game, seconds=2)
    letters = [c for caption in captions for c in named_letters(caption)]
    assert letters and all(c.isupper() for c in letters), captions


def letter_phrases():
    for path in PHRASE_FILES:
        for key, variants in read_phrase_file(path).items():
            for variant in variants:
                fields = {f for _, f, _, _ in string.Formatter().parse(variant) if f}
                if fields & (LETTER_FIELDS | {"letters"}):
                    yield pytest.param(variant, fields, id=f"{path.parent.name}:{key}:{variant[:30]}")


@pytest.mark.parametrize("letter", ["a", "i", "A", "I"])
@pytest.mark.parametrize("variant,fields", list(letter_phrases()))
def test_every_phrase_with_a_letter_speaks_the_letter_by_its_name(variant, fields, letter):
    values = {f: (letter if f in LETTER_FIELDS else "Lion") for f in fields}
    if "letters" in fields:
        values["letters"] = ", ".join([letter, "b", "d"])
    text = variant.format(**values)
    spoken = spoken_form(text, NAMES)
    named = sum(variant.count("{" + f + "}") for f in fields & LETTER_FIELDS) + ("{letters}" in variant)
    assert spoken.count(f"[[{NAMES[letter.lower()]}]]") == named, (text, spoken)


# -- lines that belong to a game's state ------------------------------------------------------------------

def test_withdrawing_an_owner_stops_its_lines_and_takes_its_caption_off_at_once(make_app):
    from games.engine.core.widgets import CaptionBar
    app = make_app()
    speaker, bar = app.speaker, CaptionBar(app.speaker)
    show, other = object(), object()
    speaker.say("Here are the letters: L, Z, P.", owner=show)
    speaker.say("Remember them!", owner=show)
    speaker.say("Hello, Lion!", owner=other)
    speaker.update(0.1)
    bar.update(0.5)
    assert speaker.caption == bar.on_screen == "Here are the letters: L, Z, P."
    speaker.withdraw(show)
    assert speaker.caption is None and [line.caption for line in speaker._queue] == ["Hello, Lion!"]
    bar.update(1 / 60)
    assert bar.on_screen is None, "a withdrawn caption does not fade: it goes"
    speaker.update(0.1)
    bar.update(1 / 60)
    assert speaker.caption == "Hello, Lion!" and bar.on_screen == "Hello, Lion!"


def test_a_lingering_caption_goes_with_its_owner_and_an_ended_line_of_another_just_fades(make_app):
    from games.engine.core.widgets import CaptionBar
    app = make_app()
    speaker, bar = app.speaker, CaptionBar(app.speaker)
    show = object()
    speaker.say("Look at the letters: q, p, b.", owner=show)
    for _ in range(60 * 5):               # said (silently) and now lingering after its end
        speaker.update(1 / 60)
        if not speaker.busy:
            break
    assert not speaker.busy and speaker.caption == "Look at the letters: q, p, b."
    speaker.withdraw(object())            # someone else's state ends: nothing happens here
    assert speaker.caption == "Look at the letters: q, p, b."
    speaker.withdraw(show)
    assert speaker.caption is None and speaker.captions_withdrawn == 1


def test_say_again_keeps_the_lines_owner(make_app):
    app = make_app()
    speaker, show = app.speaker, object()
    speaker.say("Look at the letters: q, p, b.", owner=show)
    speaker.stop()
    speaker.say_again()
    assert speaker.busy
    speaker.withdraw(show)
    assert not speaker.busy and speaker.caption is None


def test_the_prompt_says_its_lines_for_its_owner():
    speaker = FakeSpeaker()
    owners = []
    speaker.say = lambda text, interrupt=False, owner=None: owners.append(owner)
    prompt = Prompt(speaker)
    prompt.owner = "write"
    prompt.ask("Which letter is missing?", "It says /q/.")
    prompt.again()
    assert owners == ["write"] * 4
