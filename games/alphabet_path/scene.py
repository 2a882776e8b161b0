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
from games.engine.play.game_scene import GameScene
from games.engine.play.players import Player, TurnBadge, Turns
from games.engine.core.widgets import Button, LetterTile
from games.engine.writing.writing_task import Fallback, WritingTask

from . import GAME, art
from .board import PIECE_SIZE, StoneTarget, paint_board, road_pictures
from .die import PIP_TIME, TUMBLE_TIME, DieButton, die_pictures, draw_die, number_word
from .hopping import PieceMoves
from .mats import MatPictures, draw_mat_tiles, mat_letter, mat_tiles
from .rules import FIND, LEVEL_RULES, SOUNDS, MatSpot, PathGame

SAY_AGAIN_AT = (1208, 70)
PAD = pygame.Rect(470, 150, 480, 500)
BIG_LETTER_AT = (250, 400)          # the landed letter, big, beside the pad
BOARD_MIDDLE = 450                  # x of the middle of the meadow: overlays centre there

SHOW_TIME = 2.4          # a letter not on the mat is shown big this long
CHIP_TIME = 0.8
KEEP_AFTER = 3           # writing misses after which the letter is covered anyway
WAITING_STATES = ("roll", "hop", "write", "tap_mat", "gift", "find")


class AlphabetPath(PieceMoves, GameScene):
    """One game of the alphabet path for 1-4 players (see the module's docstring)."""

    waiting_states = WAITING_STATES

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
        self.state = "start"
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
        self.start_turn(first=True)

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

    def start_turn(self, first=False):
        self.set_state("roll")
        self.die_lit = 0
        self.gift_given = False
        self.badge.changed()
        lines = [self.app.phrases.get("your_turn", player=self.turns.current.name)] if self.turns.multi else []
        lines.append(self.app.phrases.get("roll_die"))
        self.prompt.ask(*lines)
        if self.using_keys:
            self.focus = self.die

    def set_state(self, state):
        super().set_state(state)
        self.die.enabled = state == "roll"
        for s in self.stones:
            s.enabled = state == "hop"
        self.pad.visible = self.pad.enabled = state == "write"
        base = [self.home_button, self.say_again]
        if state == "write":
            self.widgets = base + [self.pad]
        elif state in ("tap_mat", "gift"):
            self.widgets = base + self.tiles
        elif state == "find":
            self.widgets = base + [self.found_button, self.skip_button]
            if self.using_keys:
                self.focus = self.found_button
        else:
            self.widgets = base + [self.die] + self.stones
        if self.using_keys and state == "roll":
            self.focus = self.die
        elif self.using_keys and state in ("tap_mat", "gift") and self.tiles:
            self.focus = next((t for t in self.tiles if t.enabled), None)

    @property
    def player(self) -> int:
        return self.turns.index

    # -- the die -----------------------------------------------------------------------------------
    def roll(self):
        if self.state != "roll":
            return
        self.die_value = self.game.roll()
        self.die_lit = 0
        self.app.sounds.play("whoosh")
        self.set_state("tumble")
        self.timeline.tween(self, "die_spin", 0.0, 1.0, TUMBLE_TIME, "out_quad", then=self.count_pips)

    def count_pips(self):
        self.set_state("count")
        self.app.speaker.stop()
        for i in range(self.die_value):
            self.timeline.after(PIP_TIME * i, lambda n=i + 1: self.light_pip(n))
        self.timeline.after(PIP_TIME * self.die_value + 0.2, self.start_hopping)

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
            self.set_state("find")
            self.prompt.ask(self.app.phrases.get("find_in_room", letter=stone.face))
            return
        if stone.kind == SOUNDS:
            self.sounds_task(stone)
            return
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
        self.set_state("celebrate")
        self.app.push(Celebration(self.app, self.app.phrases.get("found_it", letter=face), self.after_find,
                                  big_letter=face))

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
            self.timeline.tween(self, "shown_t", 0.0, SHOW_TIME, SHOW_TIME, "linear", then=self.after_cover)
            return
        self.ask_to_cover(spot, self.app.phrases.get("you_have_tap" if self.tap_to_cover else "you_have",
                                                     letter=spot.face))

    def ask_to_cover(self, spot: MatSpot, line: str):
        """Write the mat letter (or, with the teacher's tap option at level 1, tap it on the mat)."""
        self.cover_spot = spot
        self.shown_letter = spot.face if self.state == "gift" else self.landing.stone.face
        if self.tap_to_cover:
            self.make_tiles(self.on_mat_tile)
            self.set_state("tap_mat")
            self.prompt.ask(line)
            self.started_at = time.monotonic()
            return
        self.shown_letter = spot.face
        self.writing.start(spot.face, player=self.turns.current)
        self.set_state("write")
        self.prompt.ask(line)

    def on_written(self, outcome):
        """Written: a celebration, then the chip. After three misses it is covered anyway."""
        if outcome.accepted:
            praise = self.app.phrases.get("wrote_letter", letter=self.cover_spot.face)
            self.set_state("celebrate")
            self.app.push(Celebration(self.app, praise, self.drop_chip, big_letter=self.cover_spot.face))
            return
        self.app.speaker.say(self.app.phrases.get("covered_anyway"), interrupt=True)
        self.drop_chip()

    def make_tiles(self, on_press):
        """The player's mat letters, big, to tap (see ``mats.mat_tiles``)."""
        self.tiles = mat_tiles(self.game.mats[self.player], self.turns.current.color, on_press)

    def on_mat_tile(self, tile: LetterTile):
        if self.state != "tap_mat":
            return
        right = tile.spot is self.cover_spot
        self.record(self.cover_spot.face, "tapped", right, chosen=tile.spot.face)
        if right:
            self.set_state("celebrate")
            self.app.push(Celebration(self.app, self.app.phrases.get("praise"), self.drop_chip,
                                      big_letter=tile.spot.face))
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
        self.set_state("chip")
        self.timeline.tween(self, "chip_k", 0.0, 1.0, CHIP_TIME, "drop_bounce", then=self.after_cover)

    def after_cover(self):
        """A star (after a lap, a second turn with no letter, or every empty turn of the last player
        still playing: ``rules.PathGame.gift_reason``): pick one more letter; then the next turn."""
        reason = self.game.gift_reason()
        if reason is not None and self.game.gift_choices() and not self.gift_given:
            self.gift_given = True
            self.make_tiles(self.on_gift_tile)
            self.set_state("gift")
            self.app.sounds.play("tada")
            why = self.app.phrases.get({"lap": "lap", "misses": "miss_star", "alone": "alone_star"}[reason],
                                       player=self.turns.current.name)
            self.prompt.ask(why, self.app.phrases.get("lap_pick"))
            return
        self.end_turn()

    def on_gift_tile(self, tile: LetterTile):
        if self.state != "gift" or tile.spot.covered:
            return
        self.started_at = time.monotonic()
        if self.tap_to_cover:
            self.cover_spot = tile.spot
            self.record(tile.spot.face, "tapped", True, chosen=tile.spot.face)
            self.drop_chip()
            return
        self.ask_to_cover(tile.spot, self.app.phrases.get("you_have", letter=tile.spot.face))

    def end_turn(self):
        self.cover_spot = None
        mat_full = self.game.mat_full(self.player)
        if mat_full and self.players[self.player].score and not self.game.finished:
            self.app.speaker.say(self.app.phrases.get("mat_full", player=self.turns.current.name))
        self.game.next_turn()
        if self.game.finished:
            self.set_state("over")
            self.app.speaker.say(self.app.phrases.get("all_mats_full"), interrupt=True)
            self.timeline.after(2.5, self.finish)
            return
        self.turns.index = self.game.turn
        self.start_turn()

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
