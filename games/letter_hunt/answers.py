"""How a child answers a letter hunt call: by giving the tile back into the big box (a tap, or a
drag to the box), by "not in my basket", or at level 3 by writing the letter; a wrong answer is
named kindly, a missed letter glows, and every answer goes to the progress record.

:class:`AnsweringCalls` is part of :class:`~games.letter_hunt.scene.LetterHunt` (a mixin): it uses the
scene's call, baskets, tiles, flights and letter box, and goes on with ``next_answerer``.
"""
from __future__ import annotations

import dataclasses

import pygame

from games.engine.play.celebration import Celebration

from .tiles import Flight, HuntTile

AFTER_ANSWER = 1.3      # a moment to hear the answer before the next player's turn
PEEK_TIME = 1.8         # level 3: a tile the player forgot is shown this long


class AnsweringCalls:
    """The answers to a call, from the player whose turn it is (``answerer``)."""

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

    def record(self, correct: bool, action: str, chosen: str | None = None, help: str = "none"):
        self.recorder.record(self.call.card.answer, action, correct, chosen=chosen, help=help,
                             seconds=self.t - self.asked_at, player=self.players[self.answerer])

    def on_basket_tile(self, tile: HuntTile):
        """A tap (or Enter) on a tile in play: "this is the called letter"; it flies to the box if so."""
        if self.state == "pick":
            self.on_basket_tile_while_picking(tile)
        elif self.state == "answer":
            self.claim(tile, pygame.Vector2(tile.rect.center))

    def on_tile_dropped(self, tile: HuntTile, pos):
        if self.state == "answer" and self.box.takes(pos):
            self.claim(tile, pygame.Vector2(pos))
            return
        self.slide_home(tile, pos)

    def slide_home(self, tile: HuntTile, pos):
        """A tile let go away from the box (or the wrong one) slides back to its place."""
        tile.hidden = True

        def home():
            tile.hidden = False
        self.flights.send(Flight(tile.face, pos, tile.rect.center, tile.rect.w * 1.1, tile.rect.w, home, lift=20,
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
        self.flights.send(self.box.flight_in(card.answer, start, size, lambda: self.landed_in_box(player)))

    def landed_in_box(self, player: int):
        self.app.sounds.play("pop")
        self.box.landed()
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
        self.set_state("landed")
