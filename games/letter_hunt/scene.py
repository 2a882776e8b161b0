"""Letter hunt, as played in preschool with a box of letter tiles, baskets and a caller's cards.

First each player picks their letters: 5 (level 1) or 10 tiles tapped from the teacher's set into
their own woven basket ("pick for me" fills it at random; a tile tapped in the basket goes back).
Then the caller flips cards from the deck, one at a time, saying the letter. Every player, in turn,
answers each call: whoever has the letter drags it back into the big letter box (a tap, or Enter,
sends it too); "not in my basket" (the empty-basket button) answers when they don't have it. A wrong
tile is named kindly and goes back; a wrong "not in my basket" gets "look again" and the tile glows.
At level 3 the tiles lie face down and must be remembered: the player writes the letter instead
(through the engine's :class:`WritingTask`, with its help ladder; after three misses the tile is
shown and goes back anyway). Everyone plays until every basket is empty; the end screen cheers for
everyone, and says who emptied their basket first only when the teacher turned that on.

The deck (``rules.Deck``) calls letters still in some basket, with an occasional letter nobody has,
so a game ends within ``2 x tiles`` calls. Who says the calls is ``self.caller`` (``rules.TeachersCaller``):
by the letter's name, or as the teacher set "call letters by", by its sound ("?" on the called card) or a
picture word (the picture on the card). Then a miss shows the letter on the card; the miss's line names it.
"""
from __future__ import annotations

import dataclasses
import math

import pygame

from games.engine import draw as d
from games.engine.celebration import Celebration
from games.engine.common_scenes import Scoreboard, stars_for
from games.engine.game_scene import GameScene
from games.engine.input import DOWN, MOVE, UP, Pointer
from games.engine.players import Player, TurnBadge, Turns, draw_avatar_on_disc
from games.engine.progress import Answer
from games.engine.timeline import ease, lerp
from games.engine.widgets import Button, Tappable
from games.engine.writing_task import WritingTask

from . import art
from .rules import Basket, Deck, TeachersCaller

GAME_ID = "letter_hunt"
SUPPLY_MIN = 6          # a tiny letter set is filled up to this many letters (look-alikes first)
SUPPLY_TILE = 100
SUPPLY_COLS = 9
FULL_PAUSE = 1.6        # a full basket is admired this long before the next player picks
FLY_TIME = 0.55
PICK_STAGGER = 0.09     # "pick for me": seconds between tiles flying in
FLIP_TIME = 0.7
CARD_AWAY = 0.35
HINT_AFTER = 7.0        # seconds before the tile a player has starts to glow
AFTER_ANSWER = 1.3      # a moment to hear the answer before the next player's turn
GIVE_AFTER = 3          # level 3: misses after which the tile is shown and goes back anyway
PEEK_TIME = 1.8         # level 3: a tile the player forgot is shown this long
DRAG_START = 14         # pixels a finger moves before a press on a tile becomes a drag

SAY_AGAIN_AT = (1196, 74)
DECK = pygame.Rect(58, 170, 150, 205)
CALLED = pygame.Rect(240, 140, 190, 262)
BOX = pygame.Rect(462, 150, 390, 262)
BASKET = pygame.Rect(170, 424, 800, 286)
SMALL_BASKET = pygame.Rect(20, 520, 390, 210)     # level 3: the face-down basket beside the pad
PAD = pygame.Rect(450, 130, 400, 570)     # level 3: over the box while the child writes
SIDE_BUTTON = pygame.Rect(1010, 470, 240, 200)    # "pick for me" while picking, "not in my basket" in play
MINI = (222, 92)                                  # the other players' baskets, top right
MINI_X, MINI_Y, MINI_GAP = 1030, 140, 104


class HuntTile(Tappable):
    """A letter tile on the table: in the supply, or in a basket. A tap (or Enter) calls ``on_tap``;
    with ``on_drop`` it can also be dragged, and is dropped with ``on_drop(tile, pos)``."""

    tap_slack = 15

    def __init__(self, rect, card, on_tap, on_drop=None, face_up=True, index=-1):
        super().__init__(rect)
        self.card, self.on_tap, self.on_drop, self.index = card, on_tap, on_drop, index
        self.face_up = face_up
        self.flip = 1.0 if face_up else 0.0
        self.glow = 0.0
        self.wobble = 0.0
        self.hidden = False       # carried by a flight: the flight draws it
        self.dragging = False
        self.drag_pos = pygame.Vector2()
        self._down_at = None

    @property
    def face(self) -> str:
        return self.card.answer

    def hit(self, pos) -> bool:   # a small tile still takes a 96 px finger
        grow = max(0, 96 - self.rect.w)
        return self.rect.inflate(grow, grow).collidepoint(pos)

    def can_tap(self) -> bool:
        return self.enabled and not self.hidden

    def activate(self):
        self.on_tap(self)

    def handle_pointer(self, p: Pointer) -> bool:
        if not self.can_tap():
            return False
        if p.kind == DOWN and self.hit(p.pos):
            self._pressed_by, self._down_at = p.id, pygame.Vector2(p.pos)
            return True
        if self._pressed_by != p.id:
            return False
        if p.kind == MOVE:
            if self.on_drop and not self.dragging and self._down_at.distance_to(p.pos) > DRAG_START:
                self.dragging = True
            if self.dragging:
                self.drag_pos = pygame.Vector2(p.pos)
            return True
        if p.kind == UP:
            self._pressed_by = None
            if self.dragging:
                self.dragging = False
                self.on_drop(self, p.pos)
            elif self.rect.inflate(self.tap_slack * 2, self.tap_slack * 2).collidepoint(p.pos):
                self.activate()
            return True
        return False

    def update(self, dt):
        target = 1.0 if self.face_up else 0.0
        step = dt * 3
        self.flip = min(target, self.flip + step) if self.flip < target else max(target, self.flip - step)
        self.glow = max(0.0, self.glow - dt)
        self.wobble = max(0.0, self.wobble - dt * 1.5)

    def draw(self, surface, focused=False):
        if self.hidden or self.dragging:
            return
        draw_tile(surface, self.face, self.rect.center, self.rect.w, self.flip, glow=self.glow,
                  wobble=self.wobble, focused=focused, lifted=self.pressed)


def draw_tile(surface, face, center, size, flip=1.0, *, glow=0.0, wobble=0.0, focused=False, lifted=False):
    """One tile: ``flip`` 1 = face up, 0 = face down (edge-on at 0.5)."""
    x, y = center
    x += math.sin(wobble * 30) * 12 * wobble
    if lifted:
        size *= 1.06
    if glow > 0:
        g = art.glow(size * 1.5, size * 1.5)
        g.set_alpha(int(255 * min(1.0, glow) * (0.7 + 0.3 * math.sin(glow * 9))))
        surface.blit(g, g.get_rect(center=(x, y)))
    width = abs(flip * 2 - 1)
    img = art.tile_scaled(face, size, flip >= 0.5, width)
    rect = img.get_rect(center=(x, y))
    surface.blit(img, rect)
    if focused:
        pygame.draw.rect(surface, d.BLUE, rect.inflate(12, 12), 5, border_radius=int(size * 0.22))


class Flight:
    """A tile flying along an arc from ``start`` to ``end`` (growing or shrinking), then ``then()``."""

    def __init__(self, face, start, end, size0, size1, then=None, *, face_up=True, lift=120.0, into_box=False,
                 delay=0.0, seconds=FLY_TIME):
        self.face, self.face_up = face, face_up
        self.start, self.end = pygame.Vector2(start), pygame.Vector2(end)
        self.size0, self.size1, self.then = size0, size1, then
        self.lift, self.into_box, self.seconds = lift, into_box, seconds
        self.t = -delay

    @property
    def k(self) -> float:
        return max(0.0, min(1.0, self.t / self.seconds))

    @property
    def done(self) -> bool:
        return self.t >= self.seconds

    def where(self) -> pygame.Vector2:
        k = ease("smooth", self.k)
        control = (self.start + self.end) / 2 - pygame.Vector2(0, self.lift)
        return (1 - k) ** 2 * self.start + 2 * (1 - k) * k * control + k * k * self.end

    def draw(self, surface, clip_bottom=None):
        if self.t < 0:
            return
        size = lerp(self.size0, self.size1, ease("out_quad", self.k))
        pos = self.where()
        if clip_bottom is not None and self.k > 0.5:
            old = surface.get_clip()
            surface.set_clip(pygame.Rect(0, 0, d.W, clip_bottom).clip(old))
            draw_tile(surface, self.face, pos, size, 1.0 if self.face_up else 0.0)
            surface.set_clip(old)
        else:
            draw_tile(surface, self.face, pos, size, 1.0 if self.face_up else 0.0)


class LetterHunt(GameScene):
    """One game: everyone picks, then calls until every basket is empty, then the scoreboard."""

    def __init__(self, app, level, players: list[Player] | None = None):
        super().__init__(app, SAY_AGAIN_AT)
        self.level = level
        self.count = int(level.options.get("letters", 5))
        self.write = bool(level.options.get("write", False))
        self.say_first = app.settings.game_option(GAME_ID, "say_first")
        self.turns = Turns(players)
        self.players = self.turns.players
        self.badge = TurnBadge(self.turns, center=(d.W / 2, 60))
        self.baskets = [Basket(self.count) for _ in self.players]
        self.caller = TeachersCaller(app)   # by name, sound or picture word, as the teacher chose
        self.writing = None
        if self.write:
            self.writing = WritingTask(app, PAD, self.on_written, game=GAME_ID, level=level,
                                       fallback_after=GIVE_AFTER, fallback="move_on")
        self.pick_for_me = Button(SIDE_BUTTON, self.on_pick_for_me, painter=art.paint_pick_for_me, color=d.WHITE)
        self.not_mine = Button(SIDE_BUTTON, self.on_not_in_basket, painter=art.paint_not_in_basket, color=d.WHITE)
        self.supply = []
        self.supply_tiles: list[HuntTile] = []
        self.basket_tiles: list[HuntTile] = []
        self.flights: list[Flight] = []
        self.deck: Deck | None = None
        self.call = None
        self.called_face = None
        self.answerer = 0
        self.answerers: list[int] = []
        self.call_start = 0          # who answers first rotates from call to call
        self.calls_explained = 0
        self.asked_at = 0.0          # when the current player was asked (seconds of game time)
        self.hint_job = None
        self.finished: list[int] = []   # players in the order their baskets emptied
        self.slips = 0
        self.basket_rect = BASKET
        self.practised: list[str] = []
        self.card_k = 0.0            # the called card: 0 on the deck .. 1 face up beside it
        self.card_away = 0.0         # 0..1 while a finished call's card goes away
        self.box_bounce = 0.0
        self.using_keys = False
        self.warm_up = iter(())
        self.state = "pick"

    # -- picking letters ---------------------------------------------------------------------------
    def enter(self):
        settings = self.app.settings
        letters = settings.active_letters()
        wanted = min(26, max(SUPPLY_MIN, len(set(letters.letters))))
        self.supply = sorted(letters.cards(settings.case, self.app.rng, wanted), key=lambda c: c.base)
        self.supply_tiles = [HuntTile(r, c, self.on_supply_tile) for r, c in zip(self.supply_places(), self.supply)]
        self.warm_up = self.pictures_to_prepare()
        self.start_picking(0)

    def pictures_to_prepare(self):
        """Paint the pictures of the calling stage ahead, a few each frame while the children pick,
        so no frame of the game waits for a big painting."""
        big = SMALL_BASKET if self.write else BASKET
        for rect in (BASKET, big, pygame.Rect(0, 0, *MINI)):
            for p in self.players:
                art.basket(rect.w, rect.h, p.color)
                yield
        art.box_back(BOX.w, BOX.h)
        yield
        art.box_front(BOX.w, BOX.h)
        yield
        art.card_back(DECK.w, DECK.h)
        yield
        sizes = {self.tile_size(big), self.tile_size(pygame.Rect(0, 0, *MINI))}
        for i, card in enumerate(self.supply):
            art.card_face(CALLED.w, CALLED.h, card.shown)
            for size in sizes:
                art.tile(card.answer, size, True)
                art.tile(card.answer, size, False)
            if i % 3 == 2:
                yield

    def supply_places(self) -> list[pygame.Rect]:
        n = len(self.supply)
        rows = -(-n // SUPPLY_COLS)
        per_row = -(-n // rows)
        gap = 14
        top = 128 if rows >= 3 else 300 - rows * (SUPPLY_TILE + gap) // 2
        places = []
        for i in range(n):
            row, col = divmod(i, per_row)
            in_row = min(per_row, n - row * per_row)
            x = d.W / 2 + (col - (in_row - 1) / 2) * (SUPPLY_TILE + gap)
            r = pygame.Rect(0, 0, SUPPLY_TILE, SUPPLY_TILE)
            r.center = (x, top + row * (SUPPLY_TILE + gap) + SUPPLY_TILE / 2)
            places.append(r)
        return places

    def start_picking(self, player: int):
        self.turns.index = player
        self.badge.changed()
        self.show_basket(player)
        self.set_state("pick")
        key = "pick_letters_player" if self.turns.multi else "pick_letters"
        self.prompt.ask(self.app.phrases.get(key, count=self.count, player=self.players[player].name))

    def on_supply_tile(self, tile: HuntTile):
        basket = self.baskets[self.turns.index]
        if self.state != "pick" or not basket.add(tile.card):
            return
        self.app.speaker.say_letter_name(tile.face, interrupt=True)
        self.fly_into_basket(tile, len(basket.cards) - 1)
        if basket.full:
            self.basket_filled()

    def on_pick_for_me(self):
        basket = self.baskets[self.turns.index]
        if self.state != "pick":
            return
        start = len(basket.cards)
        added = basket.fill_at_random(self.supply, self.app.rng)
        self.app.speaker.say(self.app.phrases.get("picked_for_you"), interrupt=True)
        for j, card in enumerate(added):
            source = self.supply_tiles[self.supply.index(card)]
            self.fly_into_basket(source, start + j, delay=j * PICK_STAGGER)
        self.basket_filled()

    def fly_into_basket(self, source: HuntTile, index: int, delay=0.0):
        self.show_basket(self.turns.index)
        tile = self.basket_tiles[index]
        tile.hidden = True

        def landed():
            tile.hidden = False
            self.app.sounds.play("pop")
        self.flights.append(Flight(source.face, source.rect.center, tile.rect.center, source.rect.w, tile.rect.w,
                                   landed, lift=80, delay=delay))

    def on_basket_tile_while_picking(self, tile: HuntTile):
        """A tile tapped in the basket while picking goes back to the letters on the table."""
        basket = self.baskets[self.turns.index]
        if self.state != "pick" or tile.index >= len(basket.cards):
            return
        card = basket.take(tile.index)
        self.app.sounds.play("whoosh")
        target = self.supply_tiles[self.supply.index(card)]
        self.flights.append(Flight(card.answer, tile.rect.center, target.rect.center, tile.rect.w, target.rect.w,
                                   lift=60))
        self.show_basket(self.turns.index)

    def basket_filled(self):
        self.set_state("pick_full")
        self.app.speaker.say(self.app.phrases.get("basket_full"))
        self.timeline.after(FULL_PAUSE, self.done_picking)

    def done_picking(self):
        if self.flights:   # let the last tiles land first
            self.timeline.after(0.1, self.done_picking)
            return
        waiting = [i for i, b in enumerate(self.baskets) if not b.full]
        if waiting:
            self.start_picking(waiting[0])
        else:
            self.start_play()

    # -- calling -----------------------------------------------------------------------------------
    def start_play(self):
        self.deck = Deck(self.supply, self.app.rng)
        self.turns.index = 0
        self.badge.changed()
        self.show_basket(0)
        self.set_state("deal")
        lines = [self.app.phrases.get("lets_hunt")]
        if self.write:
            lines.insert(0, self.app.phrases.get("turn_over"))
        self.prompt.ask(*lines)
        self.prompt.hold()
        self.timeline.after(1.0, self.turn_tiles_over if self.write else (lambda: None))
        self.timeline.after(3.5 if self.write else 2.2, self.next_call)

    def turn_tiles_over(self):
        self.app.sounds.play("flip")
        for tile in self.basket_tiles:
            tile.face_up = False

    @property
    def tiles_left(self) -> int:
        return sum(len(b.cards) for b in self.baskets)

    def next_call(self):
        card = self.deck.draw(self.baskets)
        if card is None:
            self.finish()
            return
        self.call = self.caller.call(card)
        self.called_face = None      # the called card's face, painted when it first shows
        self.card_away = 0.0
        self.app.sounds.play("flip")
        self.set_state("flip")
        self.timeline.tween(self, "card_k", 0.0, 1.0, FLIP_TIME, "smooth", then=self.called)

    def called(self):
        n = len(self.players)
        order = [(self.call_start + j) % n for j in range(n)]
        self.call_start = (self.call_start + 1) % n
        self.answerers = [i for i in order if not self.baskets[i].empty]
        self.next_answerer(first=True)

    @property
    def base(self) -> str:
        return self.call.card.base

    def next_answerer(self, first=False):
        self.answerers = [i for i in self.answerers if not self.baskets[i].empty]
        if not self.answerers:
            self.set_state("call_over")
            self.timeline.tween(self, "card_away", 0.0, 1.0, CARD_AWAY, "out_quad", then=self.next_call)
            return
        i = self.answerers.pop(0)
        self.answerer = i
        self.turns.index = i
        self.badge.changed()
        self.show_basket(i)
        self.asked_at = self.t
        call_lines = list(self.call.lines)
        whose = self.app.phrases.get("ask_player", player=self.players[i].name) if self.turns.multi else None
        how = None
        if self.calls_explained < 2:
            self.calls_explained += 1
            how = self.app.phrases.get("how_to_answer_write" if self.write else "how_to_answer")
        if first:
            self.prompt.ask(*call_lines, whose, how)
        else:
            self.prompt.ask(whose, how)
            self.prompt.keep(*call_lines, whose, how)
        if self.write:
            self.writing.start(self.call.card.answer, player=self.players[i])
            self.set_state("write")
        else:
            self.set_state("answer")
            self.hint_job = self.timeline.after(HINT_AFTER, self.hint)

    def has_it(self) -> bool:
        return self.baskets[self.answerer].holds(self.base)

    def tile_of_call(self) -> HuntTile | None:
        i = self.baskets[self.answerer].index_of(self.base)
        return None if i is None else self.basket_tiles[i]

    def hint(self):
        """Nobody is stuck: after a while the tile the player has glows."""
        tile = self.tile_of_call()
        if self.state == "answer" and tile is not None:
            tile.glow = 4.0

    def show_called_letter(self):
        """Help after a miss when called by sound or picture word: the called card shows the letter."""
        if self.call.face != self.call.card.shown:
            self.call = dataclasses.replace(self.call, face=self.call.card.shown, picture=None)
            self.called_face = None

    def record(self, correct: bool, action: str, chosen: str | None = None, help: str = "none"):
        self.app.progress.record(Answer(
            game=GAME_ID, level=self.level.name, letter=self.call.card.answer, action=action, correct=correct,
            chosen=chosen, help=help, seconds=round(self.t - self.asked_at, 2)), player=self.players[self.answerer])

    # -- answers -----------------------------------------------------------------------------------
    def on_basket_tile(self, tile: HuntTile):
        """A tap (or Enter) on a tile in play: "this is the called letter"; it flies to the box if so."""
        if self.state == "pick":
            self.on_basket_tile_while_picking(tile)
        elif self.state == "answer":
            self.claim(tile, pygame.Vector2(tile.rect.center))

    def on_tile_dropped(self, tile: HuntTile, pos):
        if self.state == "answer" and BOX.inflate(60, 60).collidepoint(pos):
            self.claim(tile, pygame.Vector2(pos))
            return
        self.slide_home(tile, pos)

    def slide_home(self, tile: HuntTile, pos):
        """A tile let go away from the box (or the wrong one) slides back to its place."""
        tile.hidden = True

        def home():
            tile.hidden = False
        self.flights.append(Flight(tile.face, pos, tile.rect.center, tile.rect.w * 1.1, tile.rect.w, home, lift=20,
                                   seconds=0.3))

    def claim(self, tile: HuntTile, start: pygame.Vector2):
        glowed = tile.glow > 0
        if tile.card.base != self.base:
            self.slips += 1
            self.record(False, "found", chosen=tile.face)
            self.app.sounds.play("try_again")
            self.app.speaker.say(self.app.phrases.get("wrong_claim", chosen=tile.face, letter=self.call.card.answer),
                                 interrupt=True)
            self.show_called_letter()
            if start.distance_to(tile.rect.center) > 5:
                self.slide_home(tile, start)
            tile.wobble = 1.0
            return
        self.record(True, "found", chosen=tile.face, help="guide" if glowed else "none")
        self.app.speaker.say(self.app.phrases.get("back_in_box", letter=self.call.card.answer), interrupt=True)
        self.give_back(tile.index, start)

    def on_not_in_basket(self):
        if self.state not in ("answer", "write"):
            return
        letter = self.call.card.answer
        if not self.has_it():
            self.record(True, "tapped")
            if self.writing is not None:
                self.writing.cancel()
            self.app.speaker.say(self.app.phrases.get("not_there_right", letter=letter), interrupt=True)
            self.answered()
            return
        self.slips += 1
        self.record(False, "found")
        self.app.sounds.play("try_again")
        self.show_called_letter()
        tile = self.tile_of_call()
        if self.write:   # the tile peeks up, then turns over again: now write it
            self.app.speaker.say(self.app.phrases.get("was_there", letter=letter), interrupt=True)
            tile.face_up = True
            tile.glow = PEEK_TIME
            self.timeline.after(PEEK_TIME, lambda: setattr(tile, "face_up", False))
            self.writing.help = "guide"
        else:
            self.app.speaker.say(self.app.phrases.get("look_again", letter=letter), interrupt=True)
            tile.glow = 5.0

    def on_written(self, outcome):
        """Level 3: the letter was written (or the help ladder ran out): is it in the basket?"""
        letter = self.call.card.answer
        if self.has_it():
            key = "back_in_box" if outcome.accepted else "given_anyway"
            self.app.speaker.say(self.app.phrases.get(key, letter=letter), interrupt=True)
            tile = self.tile_of_call()
            tile.face_up = True
            self.give_back(tile.index, pygame.Vector2(tile.rect.center))
            return
        if outcome.accepted:
            self.slips += 1
        self.app.speaker.say(self.app.phrases.get("wrote_not_there" if outcome.accepted else "not_there_after_all",
                                                  letter=letter), interrupt=True)
        self.answered()

    def answered(self):
        """This player's answer is done (no tile to give back): the next player, after a moment."""
        if self.hint_job is not None:
            self.hint_job.cancel()
        self.set_state("answered")
        self.timeline.after(AFTER_ANSWER, self.next_answerer)

    def give_back(self, index: int, start: pygame.Vector2):
        """The tile at ``index`` of the answerer's basket flies up and drops into the big box."""
        if self.hint_job is not None:
            self.hint_job.cancel()
        player = self.answerer
        card = self.baskets[player].take(index)
        self.players[player].score += 1
        self.players[player].collected.append(card.answer)
        if card.answer not in self.practised:
            self.practised.append(card.answer)
        size = self.basket_tiles[index].rect.w
        self.show_basket(player)
        self.app.sounds.play("whoosh")
        self.set_state("fly")
        top, front = art.box_parts(BOX)
        end = (BOX.centerx, front.y + size * 0.6)
        self.flights.append(Flight(card.answer, start, end, size, 90, lambda: self.landed_in_box(player),
                                   lift=max(60, start.y - top.y + 90), into_box=True, seconds=0.8))

    def landed_in_box(self, player: int):
        self.app.sounds.play("pop")
        self.box_bounce = 1.0
        if self.baskets[player].empty:
            self.finished.append(player)
            key = "basket_empty_player" if self.turns.multi else "basket_empty"
            praise = self.app.phrases.get(key, player=self.players[player].name)
            self.set_state("celebrate")
            if self.tiles_left == 0:
                self.finish()
                return
            self.app.push(Celebration(self.app, praise, lambda: self.next_answerer()))
            return
        self.set_state("answered")
        self.timeline.after(0.5, self.next_answerer)

    # -- the end -----------------------------------------------------------------------------------
    def finish(self):
        self.set_state("over")
        lines = [self.app.phrases.get("all_empty")]
        if self.turns.multi:
            lines.append(self.app.phrases.get("everyone_wins"))
            if self.say_first and self.finished:
                lines.append(self.app.phrases.get("first_empty", player=self.players[self.finished[0]].name))
        n = len(self.players)
        stars = stars_for(self.slips, 2 * n, 5 * n)
        fresh = [Player(p.name, p.color, child=p.child) for p in self.players]
        self.app.replace(HuntScoreboard(
            self.app, stars, self.practised, self.players, first=self.finished[0] if (self.say_first and self.turns.multi
                                                                                     and self.finished) else None,
            replay=lambda: self.app.replace(LetterHunt(self.app, self.level, fresh)),
            picture=lambda face, j: art.tile(face, 44), message=" ".join(lines)))

    # -- states, widgets, keys ---------------------------------------------------------------------
    def set_state(self, state):
        self.state = state
        if state in ("pick", "answer", "write"):
            self.prompt.wait()
        else:
            self.prompt.hold()
        picking = state == "pick"
        for t in self.supply_tiles:
            t.enabled = picking
        for t in self.basket_tiles:
            t.enabled = picking or (state == "answer")
        if self.writing is not None:
            self.writing.pad.visible = self.writing.pad.enabled = state == "write"
        widgets = [self.home_button, self.say_again]
        if picking:
            widgets += self.supply_tiles + self.basket_tiles + [self.pick_for_me]
        elif state == "answer":
            widgets += self.basket_tiles + [self.not_mine]
        elif state == "write":
            widgets += [self.writing.pad, self.not_mine]
        self.widgets = widgets
        if self.focus not in self.widgets:
            self.focus = None
            if self.using_keys and state in ("pick", "answer"):
                self.focus = next((w for w in self.widgets if isinstance(w, HuntTile)), None)

    def show_basket(self, player: int):
        """Lay out ``player``'s basket as the big one, with a tile widget for each letter in it."""
        basket = self.baskets[player]
        rect = SMALL_BASKET if (self.write and self.deck is not None) else BASKET
        size = self.tile_size(rect)
        slots = art.basket_slots(rect, self.count, size)
        face_up = not (self.write and self.deck is not None)
        focused_index = self.focus.index if isinstance(self.focus, HuntTile) and self.focus in self.basket_tiles else None
        self.basket_tiles = [HuntTile(slots[place], card, self.on_basket_tile, self.on_tile_dropped, face_up, index=i)
                             for i, (place, card) in enumerate(zip(basket.places, basket.cards))]
        self.basket_rect = rect
        if focused_index is not None and self.basket_tiles:
            self.focus = self.basket_tiles[min(focused_index, len(self.basket_tiles) - 1)]
        self.set_state(self.state)

    def tile_size(self, rect) -> int:
        opening = art.basket_opening(rect)
        rows = 1 if self.count <= 5 else 2
        per_row = -(-self.count // rows)
        return int(min(opening.h * (0.82 if rows == 1 else 0.54), opening.w / per_row * 0.86))

    def handle(self, event):
        self.using_keys = not isinstance(event, Pointer)
        super().handle(event)

    # -- time --------------------------------------------------------------------------------------
    def update(self, dt):
        next(self.warm_up, None)
        self.badge.update(dt)
        self.home_button.update(dt)
        self.say_again.update(dt)
        self.pick_for_me.update(dt)
        self.not_mine.update(dt)
        for t in self.supply_tiles + self.basket_tiles:
            t.update(dt)
        if self.writing is not None and self.state == "write":
            self.writing.pad.update(dt)
        self.box_bounce = max(0.0, self.box_bounce - dt * 2.5)
        for f in list(self.flights):
            f.t += dt
            if f.done:
                self.flights.remove(f)
                if f.then:
                    f.then()
        self.tick(dt)

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, surface):
        surface.blit(art.room(), (0, 0))
        picking = self.state in ("pick", "pick_full")
        if picking:
            for t in self.supply_tiles:
                t.draw(surface, focused=self.focus is t)
            self.draw_basket(surface, self.turns.index, self.basket_rect, places=True)
            self.pick_for_me.draw(surface, focused=self.focus is self.pick_for_me)
        else:
            self.draw_table(surface)
        for f in self.flights:
            if not f.into_box:
                f.draw(surface)
        dragged = next((t for t in self.basket_tiles if t.dragging), None)
        if dragged is not None:
            draw_tile(surface, dragged.face, dragged.drag_pos, dragged.rect.w * 1.12, dragged.flip)
        self.home_button.draw(surface, focused=self.focus is self.home_button)
        self.badge.draw(surface)
        self.say_again.draw(surface, focused=self.focus is self.say_again)

    def draw_table(self, surface):
        art.draw_deck(surface, DECK, max(1, min(7, self.tiles_left // 3 + 1)))
        self.draw_called_card(surface)
        self.draw_box(surface)
        others = [i for i in range(len(self.players)) if i != self.answerer]
        for j, i in enumerate(others):
            rect = pygame.Rect(MINI_X, MINI_Y + j * MINI_GAP, *MINI)
            self.draw_basket(surface, i, rect, mini=True)
            draw_avatar_on_disc(surface, self.players[i].name, 52, (rect.x - 30, rect.centery))
        self.draw_basket(surface, self.answerer, self.basket_rect)
        self.not_mine.enabled = self.state in ("answer", "write")   # greyed while nobody is asked
        self.not_mine.draw(surface, focused=self.focus is self.not_mine)
        if self.writing is not None and self.state == "write":
            self.writing.pad.draw(surface, focused=self.focus is self.writing.pad)

    def draw_called_card(self, surface):
        if self.call is None or self.state == "over":
            return
        k = self.card_k
        pos = pygame.Vector2(DECK.center).lerp(CALLED.center, k) - pygame.Vector2(0, math.sin(k * math.pi) * 60)
        w = lerp(DECK.w, CALLED.w, k)
        h = lerp(DECK.h, CALLED.h, k)
        if self.card_away > 0:
            pos.y -= 40 * self.card_away
        face_up = k >= 0.5
        width = max(2, int(w * abs(2 * k - 1)))
        if face_up:
            if self.called_face is None:
                self.called_face = art.card_face(CALLED.w, CALLED.h, self.call.face) if self.call.picture is None \
                    else art.card_picture_face(CALLED.w, CALLED.h, self.call.picture)
            img = self.called_face
        else:
            img = art.card_back(DECK.w, DECK.h)
        img = pygame.transform.smoothscale(img, (width, int(h))) if (width, int(h)) != img.get_size() else img
        if self.card_away > 0:
            img = img.copy()
            img.set_alpha(int(255 * (1 - self.card_away)))
        surface.blit(img, img.get_rect(center=pos))

    def draw_box(self, surface):
        squash = 1 + 0.04 * math.sin(self.box_bounce * math.pi * 2) * self.box_bounce
        rect = BOX
        dragged = any(t.dragging for t in self.basket_tiles)
        if dragged and self.state == "answer":
            g = art.glow(BOX.w + 80, BOX.h + 60)
            g.set_alpha(int(180 + 60 * math.sin(self.t * 6)))
            surface.blit(g, g.get_rect(center=BOX.center))
        back = art.box_back(rect.w, rect.h)
        surface.blit(back, back.get_rect(midbottom=(rect.centerx, rect.bottom)))
        _, front = art.box_parts(rect)
        for f in self.flights:
            if f.into_box:
                f.draw(surface, clip_bottom=front.y + 8)
        img = art.box_front(rect.w, rect.h)
        if squash != 1:
            img = pygame.transform.smoothscale(img, (int(rect.w * squash), int(rect.h / squash)))
        surface.blit(img, img.get_rect(midbottom=(rect.centerx, rect.bottom)))

    def draw_basket(self, surface, player: int, rect: pygame.Rect, *, mini=False, places=False):
        color = self.players[player].color
        surface.blit(art.basket(rect.w, rect.h, tuple(color)), rect)
        if mini:
            size = self.tile_size(rect)
            slots = art.basket_slots(rect, self.count, size)
            face_up = not (self.write and self.deck is not None)
            basket = self.baskets[player]
            for place, card in zip(basket.places, basket.cards):
                surface.blit(art.tile(card.answer, size, face_up), slots[place])
            return
        if places:
            slots = art.basket_slots(rect, self.count, self.tile_size(rect))
            taken = set(self.baskets[player].places)
            for place, slot in enumerate(slots):
                if place not in taken:
                    surface.blit(art.empty_place(slot.w), slot)
        for t in self.basket_tiles:
            t.draw(surface, focused=self.focus is t)
        if self.turns.multi:
            draw_avatar_on_disc(surface, self.players[player].name, 64, (rect.x + 26, rect.bottom - 50))


class HuntScoreboard(Scoreboard):
    """The scoreboard, with a gold ribbon by the player who emptied their basket first (when the
    teacher turned "say who empties their basket first" on)."""

    def __init__(self, app, stars, letters, players, *, first=None, **kw):
        super().__init__(app, stars, letters, players, **kw)
        self.first = first

    def draw(self, surface):
        super().draw(surface)
        if self.first is None or len(self.players) < 2:
            return
        y = 320 + self.first * 60
        x = d.W / 2 + 350
        pygame.draw.polygon(surface, d.shade(d.RED, 0.9), [(x - 14, y), (x - 24, y + 40), (x - 6, y + 30), (x, y)])
        pygame.draw.polygon(surface, d.shade(d.RED, 0.9), [(x + 14, y), (x + 24, y + 40), (x + 6, y + 30), (x, y)])
        pygame.draw.circle(surface, d.GOLD, (x, y), 22)
        pygame.draw.circle(surface, d.shade(d.GOLD, 0.8), (x, y), 22, 3)
        d.draw_text(surface, "1", 28, (x, y), d.INK, bold=True)
