"""The alphabet path, as played in preschool with a path of letter stickers, a die and chips.

Each player has an animal piece and a mat of letters beside the board, in their colour. On a turn
the child taps the big die; it tumbles and lands, and its pips light up one by one as the voice
counts them. Then the child moves the piece one hop per tap (on the next stone, or on the piece;
or drags it along), and every stone is named as it is landed on ("one: letter K; two: letter B").
Tapping a stone further on gets a gentle "Count again!" and the piece hops back to where it started.

Where the move ends: a letter of the player's mat is written on the pad (the engine's WritingTask
with its help ladder) and then covered with a chip (level 1 may let a tap on the mat letter do
instead: a teacher option); any other letter is named and shown big and the turn passes. Past the
flag the piece starts a new lap and the flag's star lets the player pick one more letter to cover.
Level 3 has "find it in the room" stones (a teacher option): a grown-up taps "found it".
Everybody plays until every mat is full; the end screen celebrates all the players.

The rules themselves (road, mats, die, hops, turns) are in ``rules.py``, with no pictures or sound;
this module is the turn as a child plays it: roll, land, write or tap, cover, next player. Beside it:
``hopping.py`` (moving the piece, hop by hop), ``board.py`` (the road and the pieces on screen),
``die.py`` (the die) and ``mats.py`` (the players' mats).
"""
from __future__ import annotations

import dataclasses
import math
import time

import pygame

from games.engine.core import draw as d
from games.engine.play.celebration import Celebration, try_again
from games.engine.play.common_scenes import Scoreboard, stars_for
from games.engine.play.game_scene import GameScene, State
from games.engine.play.players import Player, TurnBadge, Turns
from games.engine.core.widgets import Button, LetterTile
from games.engine.writing.writing_task import Fallback, WritingTask

from . import GAME, art
from .board import PIECE_SIZE, StoneTarget, paint_board, road_pictures
from .die import PIP_TIME, TUMBLE_TIME, DieButton, die_pictures, draw_die, number_word
from .hopping import HOP_TIME, LAND_PAUSE, PieceMoves
from .mats import MatPictures, draw_mat_tiles, mat_letter, mat_tiles
from .rules import FIND, LEVEL_RULES, SOUNDS, MatSpot, PathGame

SAY_AGAIN_AT = (1208, 70)
PAD = pygame.Rect(470, 150, 480, 500)
BIG_LETTER_AT = (250, 400)          # the landed letter, big, beside the pad
BOARD_MIDDLE = 450                  # x of the middle of the meadow: overlays centre there

SHOW_TIME = 2.4          # a letter not on the mat is shown big this long
CHIP_TIME = 0.8
KEEP_AFTER = 3           # writing misses after which the letter is covered anyway
BOARD = ("die", "stones")


class AlphabetPath(PieceMoves, GameScene):
    """One game of the alphabet path for 1-4 players (see the module's docstring)."""

    #: a turn: "roll" the die, it "tumble"s, its pips "count"; "hop" stone by stone; "landed". Then a
    #: "find" stone (level 3) for the grown-up; a mat letter to "write" (or "tap_mat", a teacher option),
    #: "celebrate"d and covered with a "chip"; any other letter "show"n big. A star lets the player pick
    #: a letter to cover ("gift"). The next player rolls, until every mat is full ("over").
    states = {
        "roll": State(shows=BOARD, enter=lambda g: g.new_turn(), prompt=lambda g: g.turn_lines(), waits=True),
        "tumble": State(shows=BOARD, enter=lambda g: g.tumble(), after=TUMBLE_TIME, then="count"),
        "count": State(shows=BOARD, enter=lambda g: g.count_pips(), after=lambda g: PIP_TIME * g.die_value + 0.2,
                       then="hop"),
        "hop": State(shows=BOARD, enter=lambda g: g.focus_next_stone(), prompt=lambda g: g.hop_line(), waits=True),
        "landed": State(shows=BOARD, after=HOP_TIME + LAND_PAUSE, then=lambda g: g.judge_landing()),
        "find": State(shows=("found_button", "skip_button"), enter=lambda g: g.keys_on(g.found_button),
                      prompt=lambda g: g.app.phrases.get("find_in_room", letter=g.shown_letter), waits=True),
        "show": State(shows=BOARD, enter=lambda g: g.timeline.tween(g, "shown_t", 0.0, SHOW_TIME, SHOW_TIME, "linear"),
                      after=SHOW_TIME, then=lambda g: g.after_cover()),
        "write": State(shows=("pad",), enter=lambda g: g.writing.start(g.cover_spot.face, player=g.turns.current),
                       prompt=lambda g: g.app.phrases.get("you_have", letter=g.cover_spot.face), waits=True),
        "tap_mat": State(shows=("tiles",), enter=lambda g: g.show_mat(),
                         prompt=lambda g: g.app.phrases.get("you_have_tap", letter=g.cover_spot.face), waits=True),
        "celebrate": State(shows=BOARD),
        "chip": State(shows=BOARD, enter=lambda g: g.drop_chip(), after=CHIP_TIME, then=lambda g: g.after_cover()),
        "gift": State(shows=("tiles",), enter=lambda g: g.show_star(), prompt=lambda g: g.star_lines(), waits=True),
        "over": State(shows=BOARD, enter=lambda g: g.app.speaker.say(g.app.phrases.get("all_mats_full"), interrupt=True),
                      after=2.5, then=lambda g: g.finish()),
    }

    def __init__(self, app, level, players: list[Player] | None = None):
        super().__init__(app, SAY_AGAIN_AT)
        self.level = level
        number = level.options.get("level", 1)
        rules = LEVEL_RULES.get(number, LEVEL_RULES[1])
        find = level.options.get("find", False) and app.settings.game_option("alphabet_path", "find_stones", True)
        self.rules = dataclasses.replace(rules, find_stones=rules.find_stones if find else 0)
        self.tap_to_cover = number == 1 and app.settings.game_option("alphabet_path", "tap_to_cover")
        self.turns = Turns(players)
        self.players = self.turns.players
        self.badge = TurnBadge(self.turns, center=(450, 56))
        self.layout = art.road_layout(self.rules.stones)
        self.recorder = GAME.recorder(app, level)
        self.writing = WritingTask(app, PAD, self.on_written, recorder=self.recorder,
                                   fallback_after=KEEP_AFTER, fallback=Fallback.KEEP)
        self.pad = self.writing.pad
        self.die = DieButton(self.roll)
        self.stones = [StoneTarget(i, c, self.layout.radius, self.on_stone)
                       for i, c in enumerate(self.layout.centres)]
        self.found_button = Button((BOARD_MIDDLE - 255, 540, 240, 120), self.found, icon_name="done",
                                   label="Found it", color=d.GREEN, icon_color=d.WHITE)
        self.skip_button = Button((BOARD_MIDDLE + 15, 540, 240, 120), self.not_found, icon_name="play",
                                  label="Next", color=d.WHITE)
        self.tiles: list[LetterTile] = []      # the big mat letters to tap (tap mode, the flag's star)
        self.game: PathGame | None = None
        self.die_value, self.die_lit, self.die_spin = 1, 0, 0.0
        self.hop_from = self.hop_to = None
        self.hop_k = 1.0
        self.dragging = None
        self.shown_letter = ""
        self.shown_t = 0.0
        self.landing = None
        self.cover_spot: MatSpot | None = None   # the mat letter being written, tapped or chipped
        self.chip_k = 1.0
        self.gift_given = False
        self.star_reason: str | None = None      # why the player may pick a letter ("lap", "misses", "alone")
        self.slips = 0
        self.started_at = time.monotonic()
        self.using_keys = False
        self.warm_up = iter(())
        self.mats: MatPictures | None = None

    # -- start -------------------------------------------------------------------------------------
    def enter(self):
        settings = self.app.settings
        pool = settings.active_letters().cards(settings.case, self.app.rng,
                                               self.rules.pool_size(len(self.players)), chooser=self.app.progress.order)
        self.game = PathGame(self.rules, pool, len(self.players), self.app.rng)
        self.board = paint_board(self.rules.stones, self.layout, self.game.road)   # before the first frame, not in it
        self.mats = MatPictures(self.players, self.game.mats)
        self.warm_up = self.pictures_to_prepare()
        self.set_state("roll")

    def pictures_to_prepare(self):
        """Paint what later moments show, one picture per frame while the first player looks at the
        board, so no frame of play stalls on painting (``update`` takes one step per frame)."""
        yield from road_pictures(self.layout, self.game.road)
        colors = {p.color for p in self.players} if self.turns.multi else {d.RED}
        for color in colors:
            yield from die_pictures(self.rules.die_faces, color)
            yield art.chip(color, 40), art.piece_stand(color, PIECE_SIZE + 10)
        yield from self.mats.pictures_to_prepare(self.players[0].color)
        faces = {s.face for s in self.game.road} | {s.face for m in self.game.mats for s in m}
        for face in faces:
            yield art.stone(face, 130, "letter")
            yield art.stone(face, 110, "letter")
            if self.rules.find_stones:
                yield art.stone(face, 150, FIND)
        yield _veil()
        yield self.pad.draw(pygame.Surface((d.W, d.H)))

    def new_turn(self):
        self.die_lit = 0
        self.gift_given = False
        self.badge.changed()
        self.keys_on(self.die)

    def turn_lines(self) -> list[str]:
        lines = [self.app.phrases.get("your_turn", player=self.turns.current.name)] if self.turns.multi else []
        return lines + [self.app.phrases.get("roll_die")]

    def set_state(self, state, **how):
        """As :meth:`GameScene.set_state`; the die takes taps only in "roll" and the stones only in "hop"."""
        self.die.enabled = state == "roll"
        for s in self.stones:
            s.enabled = state == "hop"
        super().set_state(state, **how)

    def keys_on(self, widget):
        """Playing by keyboard, the focus goes to ``widget`` (the die, the "found it" button, a mat letter)."""
        if self.using_keys and widget is not None:
            self.focus = widget

    @property
    def player(self) -> int:
        return self.turns.index

    # -- the die -----------------------------------------------------------------------------------
    def roll(self):
        if self.state != "roll":
            return
        self.die_value = self.game.roll()
        self.set_state("tumble")

    def tumble(self):
        self.die_lit = 0
        self.app.sounds.play("whoosh")
        self.timeline.tween(self, "die_spin", 0.0, 1.0, TUMBLE_TIME, "out_quad")

    def count_pips(self):
        self.app.speaker.stop()
        for i in range(self.die_value):
            self.timeline.after(PIP_TIME * i, lambda n=i + 1: self.light_pip(n))

    def light_pip(self, n):
        self.die_lit = n
        self.app.sounds.play("pop")
        self.app.speaker.say(number_word(n) + "!", interrupt=n == 1)

    # -- where the move ended ----------------------------------------------------------------------
    def judge_landing(self):
        self.landing = self.game.landing()
        stone = self.landing.stone
        if stone.kind == FIND:
            self.shown_letter = stone.face
            return "find"
        if stone.kind == SOUNDS:
            self.sounds_task(stone)
            return None
        self.after_find()

    def sounds_task(self, stone):
        """The hook for "sounds" stones: find something in the room that starts with the letter's sound,
        with the picture words of the phonics issue. Those words do not exist yet, so no road has
        sounds stones (``Rules.sounds_stones`` is 0) and such a stone plays as a plain letter."""
        self.after_find()

    def found(self):
        if self.state != "find":
            return
        face = self.landing.stone.face
        self.record(face, "found", True)
        self.celebrate(self.app.phrases.get("found_it", letter=face), face, self.after_find)

    def not_found(self):
        if self.state == "find":
            self.after_find()

    def after_find(self):
        spot = self.landing.spot
        face = self.landing.stone.face
        self.shown_letter = face
        if spot is None:
            covered = any(s.covered and s.card.base == self.landing.stone.card.base for s in self.game.mats[self.player])
            key = "already_covered" if covered else "not_on_mat"
            self.app.speaker.say(self.app.phrases.get(key, letter=face), interrupt=True)
            self.set_state("show")
            return
        self.ask_to_cover(spot)

    def ask_to_cover(self, spot: MatSpot):
        """Write the mat letter (or, with the teacher's tap option at level 1, tap it on the mat)."""
        self.cover_spot = spot
        if self.tap_to_cover:
            self.shown_letter = self.landing.stone.face
            self.make_tiles(self.on_mat_tile)
            self.set_state("tap_mat")
        else:
            self.shown_letter = spot.face
            self.set_state("write")

    def celebrate(self, praise: str, letter: str, then):
        self.set_state("celebrate")
        self.app.push(Celebration(self.app, praise, then, big_letter=letter))

    def on_written(self, outcome):
        """Written: a celebration, then the chip. After three misses it is covered anyway."""
        if outcome.accepted:
            face = self.cover_spot.face
            self.celebrate(self.app.phrases.get("wrote_letter", letter=face), face, lambda: self.set_state("chip"))
            return
        self.app.speaker.say(self.app.phrases.get("covered_anyway"), interrupt=True)
        self.set_state("chip")

    def make_tiles(self, on_press):
        """The player's mat letters, big, to tap (see ``mats.mat_tiles``)."""
        self.tiles = mat_tiles(self.game.mats[self.player], self.turns.current.color, on_press)

    def show_mat(self):
        self.started_at = time.monotonic()
        self.keys_on(next((t for t in self.tiles if t.enabled), None))

    def on_mat_tile(self, tile: LetterTile):
        if self.state != "tap_mat":
            return
        right = tile.spot is self.cover_spot
        self.record(self.cover_spot.face, "tapped", right, chosen=tile.spot.face)
        if right:
            self.celebrate(self.app.phrases.get("praise"), tile.spot.face, lambda: self.set_state("chip"))
        else:
            tile.shake()
            try_again(self.app, self.app.phrases.get("not_this_one", letter=tile.spot.face))

    def record(self, letter: str, action: str, correct: bool, chosen: str | None = None):
        self.recorder.record(letter, action, correct, chosen=chosen, seconds=time.monotonic() - self.started_at,
                             player=self.turns.current)

    def drop_chip(self):
        self.game.cover(self.cover_spot)
        self.players[self.player].score += 1
        self.players[self.player].collected.append(self.cover_spot.face)
        self.app.sounds.play("pop")
        self.app.speaker.say(self.app.phrases.get("covered", letter=self.cover_spot.face))
        self.timeline.tween(self, "chip_k", 0.0, 1.0, CHIP_TIME, "drop_bounce")

    def after_cover(self):
        """A star (after a lap, a second turn with no letter, or every empty turn of the last player
        still playing: ``rules.PathGame.gift_reason``): pick one more letter; then the next turn."""
        reason = self.game.gift_reason()
        if reason is not None and self.game.gift_choices() and not self.gift_given:
            self.gift_given = True
            self.star_reason = reason
            self.make_tiles(self.on_gift_tile)
            return "gift"
        self.end_turn()

    def show_star(self):
        self.app.sounds.play("tada")
        self.keys_on(next((t for t in self.tiles if t.enabled), None))

    def star_lines(self) -> tuple[str, str]:
        why = {"lap": "lap", "misses": "miss_star", "alone": "alone_star"}[self.star_reason]
        return self.app.phrases.get(why, player=self.turns.current.name), self.app.phrases.get("lap_pick")

    def on_gift_tile(self, tile: LetterTile):
        if self.state != "gift" or tile.spot.covered:
            return
        self.started_at = time.monotonic()
        if self.tap_to_cover:
            self.cover_spot = tile.spot
            self.record(tile.spot.face, "tapped", True, chosen=tile.spot.face)
            self.set_state("chip")
            return
        self.ask_to_cover(tile.spot)

    def end_turn(self):
        self.cover_spot = None
        mat_full = self.game.mat_full(self.player)
        if mat_full and self.players[self.player].score and not self.game.finished:
            self.app.speaker.say(self.app.phrases.get("mat_full", player=self.turns.current.name))
        self.game.next_turn()
        if self.game.finished:
            self.set_state("over")
            return
        self.turns.index = self.game.turn
        self.set_state("roll")

    def finish(self):
        letters = [s.face for s in self.game.mats[0]]
        stars = stars_for(self.slips, 2, 5)
        fresh = [Player(p.name, p.color, child=p.child) for p in self.players]
        self.app.replace(Scoreboard(
            self.app, stars, letters, self.players,
            replay=lambda: self.app.replace(AlphabetPath(self.app, self.level, fresh)),
            picture=lambda face, j: mat_letter(face, 44)))

    # -- time --------------------------------------------------------------------------------------
    def update(self, dt):
        next(self.warm_up, None)
        self.badge.update(dt)
        for w in (self.home_button, self.say_again, self.found_button, self.skip_button, *self.tiles):
            w.update(dt)
        if self.state == "write":
            self.pad.update(dt)
        self.tick(dt)

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, surface):
        self.draw_road(surface)
        self.draw_pieces(surface)
        self.draw_die(surface)
        self.draw_mats(surface)
        if self.state in ("show",):
            self.draw_big_stone(surface)
        if self.state in ("write", "tap_mat", "gift", "find"):
            surface.blit(_veil(), (0, 0))
            if self.state == "write":
                self.draw_big_stone(surface, BIG_LETTER_AT, 110)
                self.pad.draw(surface, focused=self.focus is self.pad)
            elif self.state == "find":
                self.draw_big_stone(surface, (BOARD_MIDDLE, 320), 150, kind=FIND)
                self.found_button.draw(surface, focused=self.focus is self.found_button)
                self.skip_button.draw(surface, focused=self.focus is self.skip_button)
            else:
                self.draw_tiles(surface)
        self.home_button.draw(surface, focused=self.focus is self.home_button)
        self.badge.draw(surface)
        self.say_again.draw(surface, focused=self.focus is self.say_again)

    def draw_die(self, surface):
        draw_die(surface, self.state, self.die_value, self.die_lit, self.die_spin, self.t, self.rules.die_faces,
                 self.turns.current.color if self.turns.multi else d.RED,
                 focus_rect=self.die.rect if self.focus is self.die else None)

    def draw_mats(self, surface):
        half = {i for i, n in enumerate(self.game.misses) if n == self.rules.misses_for_star - 1} \
            if self.rules.misses_for_star > 1 else set()
        self.mats.draw(surface, None if self.state == "over" else self.player, self.turns.multi, self.t,
                       dropping=self.cover_spot if self.state == "chip" else None, chip_k=self.chip_k, half_stars=half)

    def draw_big_stone(self, surface, at=(450, 440), radius=130, kind="letter"):
        if not self.shown_letter:
            return
        img = art.stone(self.shown_letter, radius, kind)
        if self.state == "show" and self.shown_t < 0.3:   # it pops up from the road
            k = 0.5 + 0.5 * self.shown_t / 0.3
            img = pygame.transform.smoothscale(img, (int(img.get_width() * k), int(img.get_height() * k)))
        surface.blit(img, img.get_rect(center=at))

    def draw_tiles(self, surface):
        """The player's mat, big, beside the landed stone (tap its letter) or the flag's star (pick one)."""
        if self.state == "gift":
            star = d.star(int(200 + 12 * math.sin(self.t * 4)))
            surface.blit(star, star.get_rect(center=(170, 430)))
        else:
            self.draw_big_stone(surface, (170, 430), 105)
        draw_mat_tiles(surface, self.tiles, self.turns.current, self.focus)


@d.surface_cache
def _veil():
    veil = pygame.Surface((d.W, d.H), pygame.SRCALPHA)
    veil.fill((255, 248, 236, 170))
    return veil
