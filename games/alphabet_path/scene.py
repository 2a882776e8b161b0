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

The rules themselves (road, mats, die, hops, turns) are in ``rules.py``, with no pictures or sound.
"""
from __future__ import annotations

import math
import time

import pygame

from games.engine import draw as d
from games.engine.celebration import Celebration, try_again
from games.engine.common_scenes import Scoreboard, stars_for
from games.engine.game_scene import GameScene
from games.engine.input import DOWN, MOVE, UP, Pointer
from games.engine.players import Player, TurnBadge, Turns, draw_avatar_on_disc
from games.engine.progress import Answer
from games.engine.widgets import Button, LetterTile, Tappable
from games.engine.writing_task import WritingTask

from . import art
from .rules import FIND, LEVEL_RULES, SOUNDS, START, MatSpot, PathGame, Rules

SAY_AGAIN_AT = (1208, 70)
DIE_CENTER = (1020, 100)
DIE_SIZE = 140
MATS = pygame.Rect(912, 196, 356, 500)      # above the caption bar
PAD = pygame.Rect(470, 150, 480, 500)
BIG_LETTER_AT = (250, 400)          # the landed letter, big, beside the pad
BOARD_MIDDLE = 450                  # x of the middle of the meadow: overlays centre there
MAT_PANEL_AT = (575, 430)           # the player's mat shown big (to tap a letter), beside the landed stone          # the landed letter, big, beside the pad or alone
NUMBER_WORDS = ["one", "two", "three", "four", "five", "six"]

TUMBLE_TIME = 1.0
PIP_TIME = 0.62          # one pip lights up and is counted
HOP_TIME = 0.28
LAND_PAUSE = 0.7         # the piece has landed: a breath before the letter is judged
SHOW_TIME = 2.4          # a letter not on the mat is shown big this long
CHIP_TIME = 0.8
KEEP_AFTER = 3           # writing misses after which the letter is covered anyway
PIECE_SIZE = 58
WAITING_STATES = ("roll", "hop", "write", "tap_mat", "gift", "find")


class StoneTarget(Tappable):
    """One stone of the road as a tap target (a child taps the next stone to hop onto it)."""

    tap_slack = 4

    def __init__(self, index: int, centre, radius: int, on_press):
        rect = pygame.Rect(0, 0, 2 * radius, 2 * radius)
        rect.center = centre
        super().__init__(rect)
        self.index, self.on_press, self.radius = index, on_press, radius

    def hit(self, pos) -> bool:
        return math.dist(pos, self.rect.center) <= self.radius + 2

    def activate(self):
        self.on_press(self)

    def draw(self, surface, focused=False):
        if focused:
            pygame.draw.circle(surface, d.BLUE, self.rect.center, self.radius + 7, 6)


class DieButton(Tappable):
    """The big die: tap it to roll."""

    def __init__(self, on_press):
        rect = pygame.Rect(0, 0, DIE_SIZE + 20, DIE_SIZE + 20)
        rect.center = DIE_CENTER
        super().__init__(rect)
        self.on_press = on_press

    def activate(self):
        self.on_press()


class AlphabetPath(GameScene):
    """One game of the alphabet path for 1-4 players (see the module's docstring)."""

    waiting_states = WAITING_STATES

    def __init__(self, app, level, players: list[Player] | None = None):
        super().__init__(app, SAY_AGAIN_AT)
        self.level = level
        number = level.options.get("level", 1)
        rules = LEVEL_RULES.get(number, LEVEL_RULES[1])
        find = level.options.get("find", False) and app.settings.game_option("alphabet_path", "find_stones", True)
        self.rules = Rules(rules.stones, rules.mat_size, rules.die_faces, rules.find_stones if find else 0)
        self.tap_to_cover = number == 1 and app.settings.game_option("alphabet_path", "tap_to_cover")
        self.turns = Turns(players)
        self.players = self.turns.players
        self.badge = TurnBadge(self.turns, center=(450, 56))
        self.layout = art.road_layout(self.rules.stones)
        self.writing = WritingTask(app, PAD, self.on_written, game="alphabet_path", level=level,
                                   fallback_after=KEEP_AFTER, fallback="keep")
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
        self._mats: dict = {}

    # -- start -------------------------------------------------------------------------------------
    def enter(self):
        settings = self.app.settings
        pool = settings.active_letters().cards(settings.case, self.app.rng,
                                               self.rules.pool_size(len(self.players)))
        self.game = PathGame(self.rules, pool, len(self.players), self.app.rng)
        self.board = self.paint_board()   # painted before the first frame, not in it
        self.warm_up = self.pictures_to_prepare()
        self.start_turn(first=True)

    def paint_board(self) -> pygame.Surface:
        """The meadow with this game's road on it: every stone and its number (they never change)."""
        board = art.meadow(self.rules.stones).copy()
        radius = self.layout.radius
        for stone, centre in zip(self.game.road, self.layout.centres):
            img = art.stone(stone.face, radius, stone.kind)
            board.blit(img, img.get_rect(center=centre))
        tag_size = max(22, radius // 2)
        for stone, (x, y) in zip(self.game.road, self.layout.centres):   # numbers on top: never hidden by a neighbour
            tag = art.number_tag(stone.number, tag_size)
            board.blit(tag, tag.get_rect(center=(x - radius * 0.72, y - radius * 0.72)))
        return board

    def pictures_to_prepare(self):
        """Paint what later moments show, one picture per frame while the first player looks at the
        board, so no frame of play stalls on painting (``update`` takes one step per frame)."""
        radius = self.layout.radius
        for stone in self.game.road:
            yield art.stone(stone.face, radius, stone.kind), art.number_tag(stone.number, max(22, radius // 2))
        colors = {p.color for p in self.players} if self.turns.multi else {d.RED}
        for color in colors:
            for value in range(1, self.rules.die_faces + 1):
                for lit in range(value + 1):
                    yield art.die(value, lit, DIE_SIZE, color)
            yield art.chip(color, 40), art.piece_stand(color, PIECE_SIZE + 10)
        for rect, mat in zip(self.mat_rects(), self.game.mats):
            cells, size = mat_cells(rect, len(mat))
            for spot in mat:
                yield mat_letter(spot.face, size), art.chip(self.players[0].color, int(size * 0.86))
        faces = {s.face for s in self.game.road} | {s.face for m in self.game.mats for s in m}
        for face in faces:
            yield art.stone(face, 130, "letter")
            yield art.stone(face, 110, "letter")
            if self.rules.find_stones:
                yield art.stone(face, 150, FIND)
        yield _veil()
        for rect in self.mat_rects():
            yield art.glow(rect.w + 36, rect.h + 36)
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
        self.app.speaker.say(NUMBER_WORDS[n - 1].capitalize() + "!", interrupt=n == 1)

    def start_hopping(self):
        self.set_state("hop")
        number = NUMBER_WORDS[self.die_value - 1].capitalize()
        key = "hop_count_one" if self.die_value == 1 else "hop_count"
        self.prompt.ask(self.app.phrases.get(key, number=number))
        self.focus_next_stone()

    # -- hopping -----------------------------------------------------------------------------------
    def on_stone(self, target: StoneTarget):
        self.try_stone(target.index)

    def try_stone(self, index: int):
        if self.state != "hop" or self.hop_k < 1:
            return
        before = self.game.positions[self.player]
        result = self.game.step_to(index)
        if result == "hop":
            self.hopped(before)
        elif result == "too_far":
            self.slips += 1
            self.dragging = None
            try_again(self.app, self.app.phrases.get("count_again"))
            self.hop_from = self.piece_spot(before)
            self.hop_to = self.piece_spot(self.game.positions[self.player])
            self.timeline.tween(self, "hop_k", 0.0, 1.0, HOP_TIME * 2, "smooth")
            self.focus_next_stone()
        else:
            self.app.speaker.say(self.app.phrases.get("hop_more"), interrupt=True)

    def hop_piece(self):
        """A tap on the piece itself (or Enter on it): one hop on."""
        if self.state == "hop" and self.hop_k >= 1 and self.game.hops_left > 0:
            before = self.game.positions[self.player]
            self.game.hop()
            self.hopped(before)

    def hopped(self, before: int):
        stone = self.game.road[self.game.positions[self.player]]
        self.hop_from, self.hop_to = self.piece_spot(before), self.piece_spot(self.game.positions[self.player])
        self.timeline.tween(self, "hop_k", 0.0, 1.0, HOP_TIME, "smooth")
        self.app.sounds.play("click")
        number = NUMBER_WORDS[self.game.hops - 1].capitalize()
        self.app.speaker.say(self.app.phrases.get("hop_named", number=number, letter=stone.face), interrupt=True)
        if self.game.hops_left == 0:
            self.dragging = None
            self.set_state("landed")
            self.timeline.after(HOP_TIME + LAND_PAUSE, self.judge_landing)
        else:
            self.prompt.keep(self.app.phrases.get("hop_more"))
            self.focus_next_stone()

    def focus_next_stone(self):
        if self.using_keys and self.state == "hop":
            self.focus = self.stones[self.game.next_stone(self.game.positions[self.player])]

    def piece_spot(self, position: int, player: int | None = None) -> pygame.Vector2:
        """Where a piece stands: on its stone (or the start), a little aside when others stand there too."""
        player = self.player if player is None else player
        if position == START:   # side by side under the start arch
            x, y = self.layout.start
            dx, dy = ((-24, -16), (24, -16), (-24, 26), (24, 26))[player] if self.turns.multi else (0, 0)
            return pygame.Vector2(x + dx, y + dy)
        r = self.layout.radius
        # at the back right of its stone, so the letter it stands on can still be read
        spot = pygame.Vector2(self.layout.centres[position]) + pygame.Vector2(r * 0.5, -r * 0.45)
        sharing = [i for i, p in enumerate(self.game.positions) if p == position]
        if len(sharing) > 1 and player in sharing:
            k = sharing.index(player)
            spot += pygame.Vector2(-r * 0.5 * k, r * 0.12 * (k % 2))
        return spot

    def piece_centre(self, player: int) -> pygame.Vector2:
        if player == self.player and self.hop_k < 1 and self.hop_from is not None:
            k = self.hop_k
            return self.hop_from.lerp(self.hop_to, k) + pygame.Vector2(0, -math.sin(k * math.pi) * 46)
        return self.piece_spot(self.game.positions[player], player) + pygame.Vector2(0, -PIECE_SIZE * 0.32)

    def handle(self, event):
        self.using_keys = not isinstance(event, Pointer)
        if isinstance(event, Pointer) and self.state == "hop" and self.handle_drag(event):
            self.prompt.child_acted()
            return
        super().handle(event)

    def handle_drag(self, p: Pointer) -> bool:
        """The child drags the piece along the road: each stone reached in order is one hop; a tap on
        the piece without moving it is one hop too."""
        if p.kind == DOWN and p.pos is not None and self.piece_centre(self.player).distance_to(p.pos) <= PIECE_SIZE * 0.6:
            self.dragging = {"id": p.id, "moved": False}
            return True
        if self.dragging is None or p.id != self.dragging["id"]:
            return False
        if p.kind == MOVE:
            for target in self.stones:
                if target.hit(p.pos) and target.index != self.game.positions[self.player]:
                    self.dragging["moved"] = True
                    self.try_stone(target.index)
                    break
            return True
        if p.kind == UP:
            if not self.dragging["moved"]:
                self.hop_piece()
            self.dragging = None
            return True
        return False

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
        """The player's mat letters, big, to tap: covered ones show their chip and cannot be tapped."""
        mat = self.game.mats[self.player]
        n = len(mat)
        cols = n if n <= 3 else math.ceil(n / 2)
        rows = math.ceil(n / cols)
        size = 120 if cols <= 3 else 100
        gap = 18
        x0 = MAT_PANEL_AT[0] - (cols * size + (cols - 1) * gap) / 2
        y0 = MAT_PANEL_AT[1] - (rows * size + (rows - 1) * gap) / 2
        self.tiles = []
        for i, spot in enumerate(mat):
            r, c = divmod(i, cols)
            tile = LetterTile((x0 + c * (size + gap), y0 + r * (size + gap), size, size), spot.face, on_press,
                              color=d.shade(self.turns.current.color, 1.7))
            tile.spot = spot
            tile.enabled = not spot.covered
            self.tiles.append(tile)

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
        self.app.progress.record(Answer(
            game="alphabet_path", level=self.level.name, letter=letter, case="upper" if letter.isupper() else "lower",
            action=action, correct=correct, chosen=chosen, seconds=round(time.monotonic() - self.started_at, 2)),
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
        """The flag's star after a lap (pick one more letter), then the next turn."""
        choices = self.game.gift_choices()
        if choices and not self.gift_given:
            self.gift_given = True
            self.make_tiles(self.on_gift_tile)
            self.set_state("gift")
            self.app.sounds.play("tada")
            self.prompt.ask(self.app.phrases.get("lap"), self.app.phrases.get("lap_pick"))
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

    def draw_road(self, surface):
        surface.blit(self.board, (0, 0))
        game = self.game
        if self.state == "hop" and game.hops_left:   # the next stone breathes: hop here
            i = game.next_stone(game.positions[self.player])
            centre, stone = self.layout.centres[i], game.road[i]
            pulse = 4 + 3 * math.sin(self.t * 6)
            pygame.draw.circle(surface, d.YELLOW, centre, self.layout.radius + pulse + 4)
            img = art.stone(stone.face, self.layout.radius, stone.kind)
            surface.blit(img, img.get_rect(center=centre))
            tag = art.number_tag(stone.number, max(22, self.layout.radius // 2))
            r = self.layout.radius * 0.72
            surface.blit(tag, tag.get_rect(center=(centre[0] - r, centre[1] - r)))
        if isinstance(self.focus, StoneTarget):
            self.focus.draw(surface, focused=True)

    def draw_pieces(self, surface):
        order = sorted(range(len(self.players)), key=lambda i: (i == self.player, self.piece_centre(i).y))
        for i in order:
            p = self.players[i]
            centre = self.piece_centre(i)
            stand = art.piece_stand(p.color, PIECE_SIZE + 10)
            foot = self.piece_spot(self.game.positions[i], i) if not (i == self.player and self.hop_k < 1) else \
                self.hop_from.lerp(self.hop_to, self.hop_k)
            surface.blit(stand, stand.get_rect(center=(foot.x, foot.y + 6)))
            bob = math.sin(self.t * 5) * 3 if i == self.player and self.state == "hop" else 0
            draw_avatar_on_disc(surface, p.name, PIECE_SIZE, (centre.x, centre.y + bob))

    def draw_die(self, surface):
        spin = self.die_spin if self.state == "tumble" else 1.0
        if self.state == "tumble":   # it tumbles through other faces, slowing down
            face = (int(spin * 14) * 5 + 1) % self.rules.die_faces + 1 if spin < 0.85 else self.die_value
            angle = (1 - spin) * 540
            hop = abs(math.sin(spin * math.pi * 3)) * 40 * (1 - spin)
        else:
            face, angle, hop = self.die_value, 0, 0
        lit = self.die_lit if self.state != "roll" else 0
        if self.state == "roll":   # waiting to be tapped: a little wiggle
            angle = math.sin(self.t * 3) * 6
        img = art.die(face, lit, DIE_SIZE, self.turns.current.color if self.turns.multi else d.RED)
        if angle:
            img = pygame.transform.rotozoom(img, angle, 1.0)
        surface.blit(img, img.get_rect(center=(DIE_CENTER[0], DIE_CENTER[1] - hop)))
        if self.focus is self.die:
            pygame.draw.rect(surface, d.BLUE, self.die.rect.inflate(10, 10), 6, border_radius=34)

    def mat_rects(self) -> list[pygame.Rect]:
        n = len(self.players)
        if n <= 2:
            h = MATS.h if n == 1 else (MATS.h - 14) // 2
            return [pygame.Rect(MATS.x, MATS.y + i * (h + 14), MATS.w, h) for i in range(n)]
        w, h = (MATS.w - 12) // 2, (MATS.h - 14) // 2
        return [pygame.Rect(MATS.x + (i % 2) * (w + 12), MATS.y + (i // 2) * (h + 14), w, h) for i in range(n)]

    def draw_mats(self, surface):
        for i, rect in enumerate(self.mat_rects()):
            p = self.players[i]
            mine = i == self.player and self.state not in ("over",)
            if mine and self.turns.multi:   # whose turn: the mat lights up
                g = art.glow(rect.w + 36, rect.h + 36)
                surface.blit(g, g.get_rect(center=rect.center))
                width = 6 + round(2 * math.sin(self.t * 4))
                pygame.draw.rect(surface, d.YELLOW, rect.inflate(14, 14), width, border_radius=28)
            dropping = self.cover_spot if self.state == "chip" and i == self.player else None
            surface.blit(self.mat_image(i, mine and self.turns.multi, dropping), (rect.x - 12, rect.y - 12))
            if dropping is not None:
                cells, size = mat_cells(rect, len(self.game.mats[i]))
                cell = cells[self.game.mats[i].index(dropping)]
                c = art.chip(p.color, int(size * 0.86))
                surface.blit(c, c.get_rect(center=(cell[0], cell[1] - (1 - self.chip_k) * 160)))

    def mat_image(self, i: int, lit: bool, dropping) -> pygame.Surface:
        """Player ``i``'s mat as it is now (painted again only when a chip lands or the turn moves)."""
        mat = self.game.mats[i]
        key = (i, lit, tuple(s.covered and s is not dropping for s in mat))
        cached = self._mats.get(key)
        if cached is None:
            rect = self.mat_rects()[i]
            p = self.players[i]
            img = pygame.Surface((rect.w + 24, rect.h + 30), pygame.SRCALPHA)
            local = pygame.Rect(12, 12, rect.w, rect.h)
            d.blit_panel(img, local, d.shade(p.color, 1.55), radius=22, border=d.shade(p.color, 0.7) if lit else None)
            draw_avatar_on_disc(img, p.name, 40, (local.x + 28, local.y + 28))
            cells, size = mat_cells(local, len(mat))
            for spot, cell, covered in zip(mat, cells, key[2]):
                letter = mat_letter(spot.face, size)
                img.blit(letter, letter.get_rect(center=cell))
                if covered:
                    c = art.chip(p.color, int(size * 0.86))
                    img.blit(c, c.get_rect(center=cell))
            if len(self._mats) > 64:
                self._mats.clear()
            self._mats[key] = cached = img
        return cached

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
        panel = self.tiles[0].rect.unionall([t.rect for t in self.tiles[1:]]).inflate(44, 44)
        d.blit_panel(surface, panel, d.shade(self.turns.current.color, 1.5), radius=28)
        draw_avatar_on_disc(surface, self.turns.current.name, 48, panel.topleft)
        for tile in self.tiles:
            tile.draw(surface, focused=tile is self.focus)
            if tile.spot.covered:
                c = art.chip(self.turns.current.color, int(tile.rect.w * 0.8))
                surface.blit(c, c.get_rect(center=tile.rect.center))


def mat_cells(rect: pygame.Rect, count: int) -> tuple[list[tuple[int, int]], int]:
    """Where each letter of a mat of ``count`` sits inside ``rect`` (under the animal), and its size."""
    inner = pygame.Rect(rect.x + 10, rect.y + 54, rect.w - 20, rect.h - 62)
    best = None
    for cols in range(2, count + 1):
        rows = math.ceil(count / cols)
        size = int(min(inner.w / cols, inner.h / rows) * 0.9)
        if best is None or size > best[1]:
            best = (cols, size)
    cols, size = best
    rows = math.ceil(count / cols)
    step_x, step_y = inner.w / cols, inner.h / rows
    cells = []
    for i in range(count):
        r, c = divmod(i, cols)
        cells.append((round(inner.x + (c + 0.5) * step_x), round(inner.y + (r + 0.5) * step_y)))
    return cells, min(size, 96)


@d.surface_cache
def mat_letter(face: str, size: int) -> pygame.Surface:
    """A letter printed on a mat: a white rounded square with the letter in ink."""
    img = pygame.Surface((size + 20, size + 26), pygame.SRCALPHA)
    d.blit_panel(img, pygame.Rect(10, 10, size, size), d.WHITE, radius=max(6, size // 5), gloss=False)
    d.draw_glyph(img, face, int(size * 0.62), (10 + size / 2, 10 + size / 2), d.INK)
    return img


@d.surface_cache
def _veil():
    veil = pygame.Surface((d.W, d.H), pygame.SRCALPHA)
    veil.fill((255, 248, 236, 170))
    return veil
