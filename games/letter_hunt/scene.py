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

This file holds the game's flow (calls, turns, the end), declared at the top of :class:`LetterHunt`
as its ``states``. Beside it: ``picking`` (the first
part, choosing tiles), ``answers`` (how a call is answered), ``tiles`` (the tile widget and flying
tiles), ``table`` (where things lie; the called card, the letter box and the baskets drawn), ``art``,
``caller_art`` and ``icons`` (the pictures), ``rules`` (baskets, deck and caller, no pictures) and
``scoreboard`` (the end screen).
"""
from __future__ import annotations

from games.engine.core import draw as d
from games.engine.play.common_scenes import stars_for
from games.engine.play.game_scene import GameScene, State
from games.engine.core.input import Pointer
from games.engine.play.players import Player, TurnBadge, Turns
from games.engine.core.widgets import Button
from games.engine.writing.writing_task import Fallback, WritingTask

from . import GAME, art, caller_art, icons
from .answers import AFTER_ANSWER, AnsweringCalls
from .picking import FULL_PAUSE, TURNED_PAUSE, PickingLetters, look_time
from .rules import Basket, Deck, TeachersCaller, basket_size, decoy_share
from .scoreboard import HuntScoreboard
from .table import (BASKET, DECK, PAD, SAY_AGAIN_AT, SIDE_BUTTON, SMALL_BASKET, CalledCard, LetterBox,
                    draw_big_basket, draw_small_basket, pictures_to_prepare, small_basket_rect, tile_size)
from .tiles import Flights, HuntTile, draw_tile

LETS_HUNT = 2.2         # "Let's hunt!" before the first card
FLIP_TIME = 0.7
CARD_AWAY = 0.35
LANDED_PAUSE = 0.5      # a tile landed in the box: a moment before the next player's turn
HINT_AFTER = 7.0        # seconds before the tile a player has starts to glow
GIVE_AFTER = 3          # level 3: misses after which the tile is shown and goes back anyway


class LetterHunt(PickingLetters, AnsweringCalls, GameScene):
    """One game: everyone picks, then calls until every basket is empty, then the scoreboard."""

    #: picking (``picking``): each child fills their basket (at level 3 looks at it, and it turns face
    #: down); then calling: a card flips, each child in turn answers it (``answers``) by giving the tile
    #: back, "not in my basket" or writing it, until every basket is empty
    states = {
        "pick": State(shows=("supply_tiles", "basket_tiles", "pick_for_me"), prompt=lambda g: g.pick_line(),
                      waits=True),
        "pick_full": State(enter=lambda g: g.admire_full_basket(), after=FULL_PAUSE, then=lambda g: g.done_picking()),
        "look": State(enter=lambda g: g.light_each_tile(), prompt=lambda g: g.look_line(),
                      after=lambda g: look_time(len(g.basket_tiles)), then="turned_over"),
        "turned_over": State(enter=lambda g: g.turn_tiles_over(), after=TURNED_PAUSE, then=lambda g: g.done_picking()),
        "deal": State(prompt="lets_hunt", after=LETS_HUNT, then=lambda g: g.next_call()),
        "flip": State(enter=lambda g: g.flip_card(), keeps_voice=True),
        "answer": State(shows=("basket_tiles", "not_mine"), enter=lambda g: g.ask_answerer(), waits=True),
        "write": State(shows=("pad", "not_mine"), enter=lambda g: g.ask_answerer(), waits=True),
        "answered": State(after=AFTER_ANSWER, then=lambda g: g.next_answerer()),
        "fly": State(),
        "landed": State(after=LANDED_PAUSE, then=lambda g: g.next_answerer()),
        "celebrate": State(),
        "call_over": State(enter=lambda g: g.card_away()),
        "over": State(),
    }

    def __init__(self, app, level, players: list[Player] | None = None):
        super().__init__(app, SAY_AGAIN_AT)
        self.level = level
        self.write = bool(level.options.get("write", False))
        self.say_first = app.settings.game_option(GAME.id, "say_first")
        self.turns = Turns(players)
        self.players = self.turns.players
        self.count = basket_size(int(level.options.get("letters", 5)), len(self.players), self.write)
        self.badge = TurnBadge(self.turns, center=(d.W / 2, 60))
        self.baskets = [Basket(self.count) for _ in self.players]
        self.caller = TeachersCaller(app, one_player=not self.turns.multi)   # by name, sound or picture word
        self.recorder = GAME.recorder(app, level)
        self.writing = None
        if self.write:
            self.writing = WritingTask(app, PAD, self.on_written, recorder=self.recorder,
                                       fallback_after=GIVE_AFTER, fallback=Fallback.MOVE_ON)
        self.pad = self.writing and self.writing.pad
        self.pick_for_me = Button(SIDE_BUTTON, self.on_pick_for_me, painter=icons.paint_pick_for_me, color=d.WHITE)
        self.not_mine = Button(SIDE_BUTTON, self.on_not_in_basket, painter=icons.paint_not_in_basket, color=d.WHITE)
        self.supply = []
        self.supply_tiles: list[HuntTile] = []
        self.basket_tiles: list[HuntTile] = []
        self.flights = Flights()
        self.deck: Deck | None = None
        self.call = None
        self.called_card = CalledCard()
        self.box = LetterBox()
        self.answerer = 0
        self.answerers: list[int] = []
        self.first_to_answer = True  # the first to answer a call hears it; the next hear their name
        self.call_start = 0          # who answers first rotates from call to call
        self.calls_explained = 0
        self.asked_at = 0.0          # when the current player was asked (seconds of game time)
        self.hint_job = None
        self.finished: list[int] = []   # players in the order their baskets emptied
        self.face_down: set[int] = set()   # level 3: players whose tiles lie face down (they looked at them)
        self.slips = 0
        self.basket_rect = BASKET
        self.practised: list[str] = []
        self.using_keys = False
        self.warm_up = iter(())

    def enter(self):
        self.lay_out_supply()
        self.warm_up = pictures_to_prepare([tuple(p.color) for p in self.players], self.supply, self.count, self.write)
        self.start_picking(0)

    @property
    def called_face(self):
        """The called card's face, once it has shown (the letter, "?" or the picture)."""
        return self.called_card.face_for(self.call)

    # -- calling -----------------------------------------------------------------------------------
    def start_play(self):
        self.deck = Deck(self.supply, self.app.rng, decoy_share(len(self.players), self.write))
        self.turns.index = 0
        self.badge.changed()
        self.show_basket(0)
        self.set_state("deal")

    @property
    def tiles_left(self) -> int:
        return sum(len(b.cards) for b in self.baskets)

    def next_call(self):
        card = self.deck.draw(self.baskets)
        if card is None:
            self.finish()
            return
        self.call = self.caller.call(card)
        self.set_state("flip")

    def flip_card(self):
        self.called_card.away = 0.0
        self.app.sounds.play("flip")
        self.timeline.tween(self.called_card, "k", 0.0, 1.0, FLIP_TIME, "smooth", then=self.called)

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
            return
        i = self.answerers.pop(0)
        self.answerer = i
        self.turns.index = i
        self.badge.changed()
        self.show_basket(i)
        self.asked_at = self.t
        self.first_to_answer = first
        self.set_state("write" if self.write else "answer")

    def ask_answerer(self):
        """The call (to the first to answer it), whose turn it is, and twice a game how to answer; at
        level 3 the pad waits for the letter, else the tile glows after ``HINT_AFTER`` seconds."""
        i = self.answerer
        call_lines = list(self.call.lines)
        whose = self.app.phrases.get("ask_player", player=self.players[i].name) if self.turns.multi else None
        how = None
        if self.calls_explained < 2:
            self.calls_explained += 1
            how = self.app.phrases.get("how_to_answer_write" if self.write else "how_to_answer")
        if self.first_to_answer:
            self.prompt.ask(*call_lines, whose, how)
        else:
            self.prompt.ask(whose, how)
            self.prompt.keep(*call_lines, whose, how)
        if self.write:
            self.writing.start(self.call.card.answer, player=self.players[i])
        else:
            self.hint_job = self.timeline.after(HINT_AFTER, self.hint)

    def card_away(self):
        """Everyone has answered: the called card goes, and the next one is flipped."""
        self.timeline.tween(self.called_card, "away", 0.0, 1.0, CARD_AWAY, "out_quad", then=self.next_call)

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

    # -- widgets, keys ------------------------------------------------------------------------------
    def show_widgets(self):
        """The state's widgets; a child playing with keys finds the first tile in focus when picking or
        answering."""
        super().show_widgets()
        if self.focus is None and self.using_keys and self.state in ("pick", "answer"):
            self.focus = next((w for w in self.widgets if isinstance(w, HuntTile)), None)

    def tiles_face_up(self, player: int) -> bool:
        """Tiles lie face up, except at level 3 once their child has looked at them (remember them!)."""
        return player not in self.face_down

    def show_basket(self, player: int, rect=None):
        """Lay out ``player``'s basket as the big one (in ``rect``, or where it lies now: small beside
        the writing pad at level 3 once play has started), with a tile widget for each letter in it."""
        basket = self.baskets[player]
        face_up = self.tiles_face_up(player)
        rect = rect or (SMALL_BASKET if self.write and self.deck is not None else BASKET)
        slots = art.basket_slots(rect, self.count, tile_size(rect, self.count))
        focused_index = self.focus.index if isinstance(self.focus, HuntTile) and self.focus in self.basket_tiles else None
        self.basket_tiles = [HuntTile(slots[place], card, self.on_basket_tile, self.on_tile_dropped, face_up,
                                      index=i) for i, (place, card) in enumerate(zip(basket.places, basket.cards))]
        self.basket_rect = rect
        if focused_index is not None and self.basket_tiles:
            self.focus = self.basket_tiles[min(focused_index, len(self.basket_tiles) - 1)]
        self.show_widgets()

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
        self.box.update(dt)
        self.flights.update(dt)
        self.tick(dt)

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, surface):
        surface.blit(art.room(), (0, 0))
        if self.state in ("pick", "pick_full"):
            for t in self.supply_tiles:
                t.draw(surface, focused=self.focus is t)
            self.draw_big_basket(surface, self.turns.index, empty_places=True)
            self.pick_for_me.draw(surface, focused=self.focus is self.pick_for_me)
        elif self.state in ("look", "turned_over"):   # level 3: only their basket, big
            self.draw_big_basket(surface, self.turns.index)
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
        """The calling stage: deck, called card, letter box, the others' small baskets, the answerer's."""
        caller_art.draw_deck(surface, DECK, max(1, min(7, self.tiles_left // 3 + 1)))
        if self.call is not None and self.state != "over":
            self.called_card.draw(surface, self.call)
        dragging = self.state == "answer" and any(t.dragging for t in self.basket_tiles)
        self.box.draw(surface, self.flights, glowing=dragging, t=self.t)
        others = [i for i in range(len(self.players)) if i != self.answerer]
        for j, i in enumerate(others):
            draw_small_basket(surface, small_basket_rect(j), self.players[i], self.baskets[i], self.count,
                              self.tiles_face_up(i))
        self.draw_big_basket(surface, self.answerer)
        self.not_mine.enabled = self.state in ("answer", "write")   # greyed while nobody is asked
        self.not_mine.draw(surface, focused=self.focus is self.not_mine)
        if self.writing is not None and self.state == "write":
            self.writing.pad.draw(surface, focused=self.focus is self.writing.pad)

    def draw_big_basket(self, surface, player: int, *, empty_places=False):
        draw_big_basket(surface, self.basket_rect, self.players[player], self.baskets[player], self.count,
                        self.basket_tiles, self.focus, empty_places=empty_places, avatar=self.turns.multi)
