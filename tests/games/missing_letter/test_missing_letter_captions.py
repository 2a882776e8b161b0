"""A caption must never give the answer away: while the gap on the tray shows, no caption on screen
names the hidden letter (issue 23.2: "Here are the letters: L, Z, P. Remember them!" stayed on screen
over "? Z P"). Played by real events, many rounds, in upper and lower case and with letters called by
their sounds."""
from __future__ import annotations

import re

import pytest
from fakes import Driver, FakeChecker

from games.engine.core.settings import Settings
from games.engine.play.celebration import Celebration
from games.engine.play.common_scenes import GameStart, StarsScreen
from games.launcher import Launcher
from games.missing_letter.scene import MissingLetter

ROUND_CHANGES = 8
STEP = 1 / 20   # seconds a frame


def names_the_letter(caption: str, card) -> bool:
    """Whether ``caption`` names ``card`` the way the game lists letters: after "letter(s)", by its face
    or by its sound ("Look at the letters: q, p, b." / "... letters: /q/, /p/, /b/.").

    The clue said in the gap when letters are called by sound or picture ("It says /q/.") is the game's
    own riddle, not the answer given away: it names no letter, only a sound to match.
    """
    for ref in {card.shown, card.answer, f"/{card.base}/"}:
        if re.search(r"\bletters?\b[^.!?]*?(?<![\w/])" + re.escape(ref) + r"(?![\w/])", caption):
            return True
    return False


def test_the_check_sees_a_listed_letter_and_nothing_else():
    from games.engine.core.letters import LetterCard
    q, l_ = LetterCard("q", "q", "q"), LetterCard("l", "L", "L")
    assert names_the_letter("Look at the letters: q, p, b.", q)
    assert names_the_letter("Here are the letters: L, Z, P. Remember them!", l_)
    assert names_the_letter("Look at the letters: /q/, /p/, /b/.", q)
    assert not names_the_letter("Look at the letters: p, b, d.", q)
    assert not names_the_letter("Which letter is missing? Write it! It says /q/.", q)
    assert not names_the_letter("Write it as a small letter.", LetterCard("a", "a", "a"))


@pytest.mark.parametrize("case, call_by", [("upper", "name"), ("lower", "name"), ("upper", "sound")])
def test_no_caption_names_a_hidden_letter_while_the_gap_shows(make_app, monkeypatch, case, call_by):
    app = make_app(checker=FakeChecker(True), settings=Settings(case_mode=case, call_letters_by=call_by), seed=5)
    app.push(Launcher(app))
    app.run_frames(2)
    d = Driver(app)
    d.tap(d.top.cards["missing_letter"].rect.center)
    assert isinstance(d.top, GameStart)
    d.tap(d.top.widgets[0].rect.center)
    game = d.top
    assert isinstance(game, MissingLetter)

    gaps = []   # the cards whose empty gap was drawn in this frame
    draw_gap = MissingLetter._draw_empty_slot

    def spy(self, surface, rect):
        gaps.append(next(c for c, t in zip(self.cards, self.tiles) if t.rect == rect))
        draw_gap(self, surface, rect)
    monkeypatch.setattr(MissingLetter, "_draw_empty_slot", spy)

    changes, gap_frames, written_in = 0, 0, None
    last_round = (game, game.round)
    for _ in range(int(ROUND_CHANGES * 20 / STEP)):
        gaps.clear()
        app.run_frames(1, dt=STEP)
        if gaps:
            gap_frames += 1
            shown = app.caption.on_screen or ""
            for card in gaps:
                assert not names_the_letter(shown, card), \
                    f"round {game.round}: the caption {shown!r} is on screen over the gap of {card.shown}"
        top = d.top
        if isinstance(top, StarsScreen):
            d.tap(top.widgets[0].rect.center)      # play again
            game = d.top
        elif top is game and game.state == "write" and written_in != (game.round, len(game.hidden)):
            written_in = (game.round, len(game.hidden))
            pad = game.pad.rect
            d.drag([(pad.x + 150 + i * 6, pad.y + 60 + i * 8) for i in range(30)])
            d.tap(game.pad.done_button.rect.center)
        elif isinstance(top, Celebration) and top.t > 0.9:
            d.tap((640, 300))                       # a tap closes the celebration
        if (game, game.round) != last_round:
            changes += 1
            last_round = (game, game.round)
            if changes >= ROUND_CHANGES:
                break
    assert changes >= ROUND_CHANGES, f"only {changes} round changes were played"
    assert gap_frames > ROUND_CHANGES * 10, "the gap was seen being drawn in every round"
